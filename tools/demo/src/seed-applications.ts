/**
 * The demo's applications for re-evaluation (OCOP.md §5.5): each product whose 2021 certificate (from the
 * register) has expired applies through registration, as its producer would, with the application's
 * dossier (the registration form and the updated self-assessment report, one PDF each), before the rounds
 * enter it; evaluation's events then take the application into the round and close it with the outcome.
 * (The upgrade files none: an application is judged today, and the certificate it builds on has expired
 * since the October 2024 council met.) A product with an application already is left alone.
 */
import { localTokenSecret, mintLocalToken } from '@ocop/nest-common';
import { Api, requestError } from './http';
import { demoDocument } from './seed-cycle';

export interface ApplyingProduct {
  productId: string;
  name: string;
  producer: { id: string; name: string; legacyCommuneName: string };
}

interface ApplicationView {
  id: string;
  checklist: { code: string; nameVi: string; provided: boolean }[];
}

export async function fileReEvaluations(
  registration: Api,
  products: ApplyingProduct[],
  progress: (done: number, total: number) => void,
): Promise<{ filed: number }> {
  let filed = 0;
  for (const [index, product] of products.entries()) {
    const existing = await registration.get<unknown[]>(`/products/${product.productId}/applications`);
    if (existing.length === 0) {
      const { communeCode } = await registration.get<{ communeCode: string }>(`/products/${product.productId}`);
      const producer = new Api(
        registration.baseUrl,
        await mintLocalToken({
          secret: localTokenSecret(),
          subject: `demo-producer-${product.producer.id}`,
          name: product.producer.name,
          roles: ['producer'],
          unitCode: communeCode,
          producerId: product.producer.id,
          expiresIn: '10m',
        }),
      );
      const application = await producer.expect<ApplicationView>(
        'POST',
        `/products/${product.productId}/applications`,
        {
          kind: 're_evaluation',
          note: 'Đăng ký đánh giá lại sản phẩm OCOP 3 sao năm 2021 theo Kế hoạch OCOP huyện Lạng Giang năm 2024',
        },
        201,
      );
      for (const item of application.checklist.filter((entry) => !entry.provided)) {
        const path = `/applications/${application.id}/documents`;
        const uploaded = await producer.upload(
          path,
          { item: item.code },
          demoDocument(item.nameVi, product, 'Hồ sơ đăng ký đánh giá lại sản phẩm OCOP năm 2024 (dữ liệu demo)'),
        );
        if (uploaded.status !== 201) throw requestError('POST', `${path} (${item.code})`, uploaded);
      }
      filed += 1;
    }
    progress(index + 1, products.length);
  }
  return { filed };
}
