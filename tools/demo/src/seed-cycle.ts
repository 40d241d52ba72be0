/**
 * Takes the demo's new products of the June and October 2024 rounds through the registration cycle (OCOP.md §4-5)
 * over the public API, as the people involved would: the commune accepts the idea, the producer submits
 * its business plan, opens the dossier and uploads a document for every checklist item of its group, the
 * commune confirms the samples and pre-assesses the dossier on the four criteria. Each product is read
 * first and only the steps it still needs are taken, so a second run changes nothing.
 */
import type { ProductGroup, ProductStage } from '@ocop/contracts';
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';
import { Api, requestError, type UploadFile } from './http';

export type DemoRound = 'june' | 'october';
export type DemoKind = 'new' | 'upgrade' | 're-evaluation';

export interface CycleProduct {
  key: string;
  id: string;
  name: string;
  group: ProductGroup;
  kind: DemoKind;
  targetStars: number | null;
  round: DemoRound;
  producer: { id: string; name: string; legacyCommuneName: string };
}

export interface CycleSummary {
  products: number;
  /** Products that needed at least one step in this run. */
  advanced: number;
  steps: number;
}

/** What the demo says about each product, beyond the seed table: for the plan and the pre-assessment. */
interface ProductDetails {
  material: string;
  capacity: string;
  labour: number;
  /** Planned investment, millions of VND. */
  investment: number;
  identity: string;
}

/** Invented for the demo (the seed table has names, communes and rounds only); plausible for each new product. */
const DETAILS: Record<string, ProductDetails> = {
  s01: {
    material: 'gà đồi thả vườn nuôi tại các thôn của xã Hương Sơn',
    capacity: '300.000 quả trứng/năm',
    labour: 12,
    investment: 650,
    identity: 'giống gà đồi thả vườn trên vùng núi Hương Sơn, nuôi theo tập quán truyền thống',
  },
  s02: {
    material: 'gạo nếp địa phương và men lá do gia đình tự làm từ lá rừng',
    capacity: '12.000 lít/năm',
    labour: 6,
    investment: 280,
    identity: 'nghề nấu rượu men lá gia truyền hơn 30 năm của gia đình',
  },
  s03: {
    material: 'gạo nếp cái do các hộ thành viên HTX trồng tại xã Xuân Hương',
    capacity: '10.000 lít/năm',
    labour: 9,
    investment: 320,
    identity: 'bài men lá gia truyền được các hộ trong thôn gìn giữ',
  },
  s04: {
    material: 'gạo tẻ và thịt lợn mua của các hộ chăn nuôi tại thị trấn Kép',
    capacity: '8 tấn/năm',
    labour: 7,
    investment: 250,
    identity: 'món cơm cháy quê được chủ hộ phát triển thành đặc sản quà biếu',
  },
  s05: {
    material: 'gạo lứt do các hộ thành viên HTX trồng tại xã Thái Đào',
    capacity: '60 tấn/năm',
    labour: 18,
    investment: 1200,
    identity: 'nghề làm mỳ gạo truyền thống của xã Thái Đào',
  },
  s06: {
    material: 'nếp cái hoa vàng trồng tại thị trấn Vôi và các xã lân cận',
    capacity: '15.000 lít/năm',
    labour: 8,
    investment: 380,
    identity: 'giống nếp cái hoa vàng đặc sản của đồng đất Lạng Giang',
  },
  s07: {
    material: 'rượu nếp của HTX ngâm đông trùng hạ thảo nuôi cấy trong huyện',
    capacity: '5.000 lít/năm',
    labour: 10,
    investment: 540,
    identity: 'nghề nấu rượu nếp truyền thống kết hợp dược liệu đông trùng hạ thảo của địa phương',
  },
  s08: {
    material: 'thịt bò vàng nuôi tại các thôn ven núi Hản, xã Xương Lâm',
    capacity: '6 tấn/năm',
    labour: 11,
    investment: 450,
    identity: 'món bò một nắng phục vụ khách của điểm du lịch cộng đồng Núi Hản',
  },
  s09: {
    material: 'gạo Bao thai trồng tại thị trấn Vôi',
    capacity: '40 tấn/năm',
    labour: 9,
    investment: 600,
    identity: 'nghề tráng, phơi mỳ gạo thủ công lâu đời ở Lạng Giang',
  },
  s10: {
    material: 'gạo nếp cái và đỗ xanh của các hộ trong xã Quang Thịnh',
    capacity: '150.000 chiếc/năm',
    labour: 15,
    investment: 210,
    identity: 'nghề làm bánh dầy truyền thống Thanh Lương, gắn với lễ hội đầu xuân',
  },
};

const MARKETS: Partial<Record<ProductGroup, string>> = {
  food: 'Trong huyện và tỉnh Bắc Giang, Hà Nội, Bắc Ninh; điểm giới thiệu sản phẩm OCOP của huyện; sàn thương mại điện tử',
  beverages: 'Nhà hàng, đại lý trong tỉnh Bắc Giang và Hà Nội; quà biếu dịp lễ, Tết; sàn thương mại điện tử',
  herbal: 'Chuỗi cửa hàng đặc sản và nhà thuốc tại Hà Nội, Bắc Giang; sàn thương mại điện tử; khách du lịch',
};

/** The commune officers who signed the pre-assessments (invented), one per 2024 commune in order met. */
const COMMUNE_OFFICERS = [
  'Nguyễn Văn Hải',
  'Thân Thị Hương',
  'Giáp Văn Tiến',
  'Lê Đình Tuấn',
  'Hoàng Thị Mai',
  'Ngô Văn Bình',
  'Đặng Thị Thủy',
  'Bùi Văn Quang',
  'Vũ Thị Ngọc',
  'Đỗ Văn Sơn',
  'Nguyễn Thị Huyền',
  'Thân Văn Hòa',
  'Dương Thị Lý',
  'Nguyễn Đức Mạnh',
  'Trịnh Văn Nam',
  'Lương Thị Oanh',
  'Phạm Văn Chiến',
];

/** Products taken through the cycle at the same time. */
const CONCURRENCY = 4;

interface ProductView {
  id: string;
  status: ProductStage;
  communeCode: string;
}

interface DossierView {
  samplesReceivedAt: string | null;
  checklist: { code: string; nameVi: string; kind: 'document' | 'check'; provided: boolean }[];
  complete: boolean;
}

interface PreAssessmentView {
  passed: boolean;
}

interface Actors {
  commune: Api;
  producer: Api;
  officerName: string;
}

export async function runCycle(
  registrationUrl: string,
  reader: Api,
  products: CycleProduct[],
  progress: (done: number, total: number) => void,
): Promise<CycleSummary> {
  const secret = localTokenSecret();
  const communeTokens = new Map<string, Api>();
  const producerTokens = new Map<string, Api>();
  // The same officer signs every pre-assessment of a commune, whatever order the products finish in.
  const officers = new Map<string, string>();
  for (const product of products) {
    const communeName = product.producer.legacyCommuneName;
    if (!officers.has(communeName))
      officers.set(communeName, COMMUNE_OFFICERS[officers.size % COMMUNE_OFFICERS.length]!);
  }
  const summary: CycleSummary = { products: products.length, advanced: 0, steps: 0 };

  let done = 0;
  // A few products at a time: each product's steps stay in order, products do not depend on each other.
  await inPool(products, CONCURRENCY, async (product, index) => {
    const view = await reader.get<ProductView>(`/products/${product.id}`);
    const communeName = product.producer.legacyCommuneName;
    const commune = await cached(
      communeTokens,
      view.communeCode + communeName,
      async () =>
        new Api(
          registrationUrl,
          await mintLocalToken({
            secret,
            subject: `demo-ubnd-${slug(communeName)}`,
            name: `UBND ${lowerUnitKind(communeName)}`,
            roles: ['commune_officer'],
            unitCode: view.communeCode,
            expiresIn: '30m',
          }),
        ),
    );
    const producer = await cached(
      producerTokens,
      product.producer.id,
      async () =>
        new Api(
          registrationUrl,
          await mintLocalToken({
            secret,
            subject: `demo-producer-${product.producer.id}`,
            name: product.producer.name,
            roles: ['producer'],
            unitCode: view.communeCode,
            producerId: product.producer.id,
            expiresIn: '30m',
          }),
        ),
    );
    const officerName = `${officers.get(communeName)!}, Phó Chủ tịch UBND ${lowerUnitKind(communeName)}`;
    const steps = await advance(reader, product, index, { commune, producer, officerName });
    summary.steps += steps;
    if (steps > 0) summary.advanced += 1;
    done += 1;
    progress(done, products.length);
  });
  return summary;
}

/** Takes the steps the product still needs, reading its status before each; returns how many it took. */
async function advance(reader: Api, product: CycleProduct, index: number, actors: Actors): Promise<number> {
  const path = `/products/${product.id}`;
  const details = DETAILS[product.key];
  if (!details) throw new Error(`No demo details for product ${product.key} (${product.name})`);
  let steps = 0;
  // At most one step per stage; the bound only guards against a loop if the API answered oddly.
  for (let guard = 0; guard < 6; guard++) {
    const { status } = await reader.get<ProductView>(path);
    if (status === 'idea') {
      await actors.commune.expect(
        'POST',
        `${path}/selection`,
        { decision: 'accepted', reason: selectionReason() },
        200,
      );
    } else if (status === 'selected') {
      await actors.producer.expect('POST', `${path}/business-plan`, businessPlan(product, details), 200);
    } else if (status === 'business_plan') {
      await actors.producer.expect('POST', `${path}/dossier`, undefined, 200);
    } else if (status === 'dossier') {
      const done = await completeDossier(reader, product, actors);
      steps += done;
      const assessments = await reader.get<PreAssessmentView[]>(`${path}/pre-assessments`);
      // A product that passed once and came back (not passed by the council) stays where evaluation put it.
      if (assessments.some((assessment) => assessment.passed)) return steps;
      await actors.commune.expect(
        'POST',
        `${path}/pre-assessment`,
        preAssessment(product, details, index, actors.officerName),
        201,
      );
    } else {
      // pre_assessed or later: nothing left for registration to do.
      return steps;
    }
    steps += 1;
  }
  throw new Error(`Product ${product.name} did not settle after 6 steps`);
}

/** Uploads a document for each checklist item still missing and confirms the samples; returns the steps taken. */
async function completeDossier(reader: Api, product: CycleProduct, actors: Actors): Promise<number> {
  const path = `/products/${product.id}/dossier`;
  const dossier = await reader.get<DossierView>(path);
  let steps = 0;
  for (const item of dossier.checklist) {
    if (item.provided) continue;
    if (item.kind === 'document') {
      const file = demoDocument(
        item.nameVi,
        product,
        'Hồ sơ đánh giá, phân hạng sản phẩm OCOP năm 2024 (dữ liệu demo)',
      );
      const uploaded = await actors.producer.upload(`${path}/documents`, { item: item.code }, file);
      if (uploaded.status !== 201) throw requestError('POST', `${path}/documents (${item.code})`, uploaded);
    } else if (item.code === 'samples_received') {
      await actors.commune.expect('POST', `${path}/samples-received`, undefined, 200);
    } else {
      throw new Error(`Product ${product.name}: checklist item ${item.code} (${item.kind}) has no demo step`);
    }
    steps += 1;
  }
  return steps;
}

function selectionReason(): string {
  return 'Ý tưởng sản phẩm phù hợp với thế mạnh của xã và Kế hoạch OCOP huyện Lạng Giang năm 2024';
}

function businessPlan(product: CycleProduct, details: ProductDetails) {
  const plan = `Phát triển sản phẩm ${product.name} từ ${details.material}: hoàn thiện quy trình sản xuất và điều kiện an toàn thực phẩm, thiết kế bao bì, nhãn mác đúng quy định, tự công bố chất lượng, xây dựng câu chuyện sản phẩm; tham gia đánh giá, phân hạng OCOP huyện năm 2024.`;
  return {
    summary: `${plan} Sử dụng ${details.labour} lao động thường xuyên tại địa phương.`,
    investmentVnd: String(details.investment * 1_000_000),
    annualCapacity: details.capacity,
    targetMarkets: MARKETS[product.group] ?? MARKETS.food,
    consultant: 'Trung tâm Dịch vụ nông nghiệp huyện Lạng Giang',
  };
}

function preAssessment(product: CycleProduct, details: ProductDetails, index: number, officerName: string) {
  const commune = lowerUnitKind(product.producer.legacyCommuneName);
  // Before each round's dossier deadline (3 June, 1 October 2024), a few days apart.
  const assessedOn =
    product.round === 'june' ? `2024-05-${13 + (index % 12)}` : `2024-09-${String(9 + (index % 12)).padStart(2, '0')}`;
  return {
    criteria: {
      localOrigin: {
        met: true,
        findings: `Nguyên liệu chính là ${details.material}; có sổ ghi chép và hợp đồng thu mua với các hộ trên địa bàn.`,
      },
      localLabour: {
        met: true,
        findings: `Sử dụng ${details.labour} lao động thường xuyên, đều là người của ${commune} và các xã lân cận trong huyện.`,
      },
      ideaOrigin: {
        met: true,
        findings: `Ý tưởng sản phẩm do ${product.producer.name} đề xuất, được UBND ${commune} lựa chọn đưa vào kế hoạch OCOP năm 2024.`,
      },
      localIdentity: {
        met: true,
        findings: `Sản phẩm gắn với ${details.identity}.`,
      },
    },
    officerName,
    assessedOn,
  };
}

/** Runs `work` over the items, at most `size` at a time. */
export async function inPool<T>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, runner));
}

async function cached<T>(cache: Map<string, T>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = await make();
    cache.set(key, value);
  }
  return value;
}

/** "Xã Hương Sơn" → "xã Hương Sơn", "Thị trấn Vôi" → "thị trấn Vôi" (inside a sentence). */
function lowerUnitKind(name: string): string {
  return name.replace(/^(Xã|Thị trấn|Phường)\b/u, (kind) => kind.toLowerCase());
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');
}

function slug(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A demo document for a checklist item: a one-page PDF naming the item, the product, its producer and commune. */
export function demoDocument(
  itemNameVi: string,
  product: { name: string; producer: { name: string; legacyCommuneName: string } },
  purpose: string,
): UploadFile {
  return {
    // No '/': multer keeps only what follows the last one ("Phương án/dự án …" would lose its start).
    fileName: `${itemNameVi.replace(/\//g, ', ')} - ${product.name}.pdf`,
    contentType: 'application/pdf',
    content: minimalPdf([
      itemNameVi,
      `Sản phẩm: ${product.name}`,
      `Chủ thể: ${product.producer.name}`,
      `${product.producer.legacyCommuneName}, huyện Lạng Giang, tỉnh Bắc Giang`,
      purpose,
    ]),
  };
}

/**
 * A small but well-formed one-page PDF (catalogue, page tree, page, Helvetica, content stream, exact
 * cross-reference table). Helvetica has no Vietnamese glyphs, so the text is written without diacritics.
 */
export function minimalPdf(lines: string[]): Buffer {
  const escape = (text: string) => ascii(text).replace(/([\\()])/g, '\\$1');
  const content = lines
    .map((line, i) => `BT /F1 ${i === 0 ? 14 : 11} Tf 56 ${780 - i * 22} Td (${escape(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
