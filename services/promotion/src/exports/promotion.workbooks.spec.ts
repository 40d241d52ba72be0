import ExcelJS from 'exceljs';
import { renderEnrolmentsXlsx, renderPayoutsXlsx, renderSupportXlsx } from './promotion.workbooks';

async function cells(buffer: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const values: string[] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      const value: unknown = cell.value;
      if (typeof value === 'object' && value !== null && 'result' in value) values.push(JSON.stringify(value.result));
      else values.push(typeof value === 'string' ? value : JSON.stringify(value));
    }),
  );
  return values;
}

const generatedAt = '2024-11-25T03:00:00.000Z';

describe('promotion workbooks', () => {
  it('lists an event’s enrolled products with their status and sums the sales', async () => {
    const values = await cells(
      await renderEnrolmentsXlsx({
        organiserName: 'Sở Công Thương tỉnh Bắc Giang',
        eventName: 'Hội chợ OCOP tỉnh Bắc Giang 2024',
        kindAndLevel: 'Hội chợ cấp tỉnh',
        place: 'Quảng trường 3/2',
        startsOn: '2024-11-20',
        endsOn: '2024-11-24',
        capacity: 60,
        enrolments: [
          {
            productName: 'Gạo Nếp thơm Đại Lâm',
            producerName: 'HTX Nông nghiệp Đại Lâm',
            certificateNumber: '213/2024/OCOP-0001',
            stars: 3,
            booth: 'A-1',
            status: 'Đang tham gia',
            salesVnd: 12_000_000,
            contractsSigned: 1,
          },
          {
            productName: 'Nem ông Tề',
            producerName: 'Hộ kinh doanh Lê Văn Tề',
            certificateNumber: '213/2024/OCOP-0002',
            stars: 3,
            booth: null,
            status: 'Tạm dừng (giấy chứng nhận hết hiệu lực)',
            salesVnd: 3_000_000,
            contractsSigned: null,
          },
        ],
        generatedAt,
      }),
    );
    expect(values).toEqual(
      expect.arrayContaining([
        'SỞ CÔNG THƯƠNG TỈNH BẮC GIANG',
        'Gạo Nếp thơm Đại Lâm',
        'Tạm dừng (giấy chứng nhận hết hiệu lực)',
        '15000000',
      ]),
    );
  });

  it('totals a year’s payouts and shows the budget', async () => {
    const values = await cells(
      await renderPayoutsXlsx({
        payerName: 'Ủy ban nhân dân tỉnh Thanh Hóa',
        policyTitles: ['Thưởng sản phẩm đạt sao OCOP tỉnh Thanh Hóa năm 2021'],
        year: 2021,
        budgetVnd: 500_000_000,
        rewards: [
          {
            productName: 'Nem chua Thanh Hóa',
            producerName: 'HTX A',
            certificateNumber: '38/2021/OCOP-0001',
            issuedOn: '2021-06-20',
            stars: 4,
            reason: 'Sản phẩm mới',
            amountVnd: 20_000_000,
            status: 'Đã chi trả',
            paidOn: '2021-12-20',
            paymentRef: 'UNC 1',
          },
          {
            productName: 'Mắm tép',
            producerName: 'HTX B',
            certificateNumber: '38/2021/OCOP-0002',
            issuedOn: '2021-07-01',
            stars: 3,
            reason: 'Sản phẩm mới',
            amountVnd: 10_000_000,
            status: 'Đã duyệt',
            paidOn: null,
            paymentRef: null,
          },
        ],
        generatedAt,
      }),
    );
    expect(values).toEqual(
      expect.arrayContaining([
        'DANH SÁCH THƯỞNG SẢN PHẨM ĐẠT CHỨNG NHẬN OCOP NĂM 2021',
        'Nem chua Thanh Hóa',
        '30000000',
      ]),
    );
    expect(values.some((value) => value.startsWith('Dự toán kinh phí thưởng: 500'))).toBe(true);
  });

  it('lays support out like BIỂU 2 with requested and approved totals', async () => {
    const values = await cells(
      await renderSupportXlsx({
        organiserName: 'Ủy ban nhân dân huyện Lạng Giang',
        programmeName: 'Hỗ trợ quản lý nhãn hiệu, bao bì, tem truy xuất sản phẩm năm 2024',
        year: 2024,
        budgetVnd: 200_000_000,
        requests: [
          {
            producerName: 'Hộ kinh doanh Lê Văn Tề',
            producerAddress: 'Thôn Ghép, xã Thái Đào',
            productName: 'Nem Ông tề',
            kind: 'Quản lý nhãn hiệu',
            description: 'Đăng ký nhãn hiệu',
            requestedAmountVnd: 15_000_000,
            approvedAmountVnd: 12_000_000,
            status: 'Đã duyệt',
            deliveredOn: null,
          },
        ],
        generatedAt,
      }),
    );
    expect(values).toEqual(
      expect.arrayContaining(['Tên DN, HTX, chủ thể', 'Kinh phí', 'Thôn Ghép, xã Thái Đào', '12000000']),
    );
  });
});
