/**
 * Synthetic but realistic-looking registration data for the registration-scale benchmark: producers spread
 * over the 2025 communes (rural communes weighted above urban wards, with a capped log-normal spread so
 * that some communes have a few dozen producers and others none), Vietnamese names built from real product words and the
 * commune's own name, all nine legal forms, all six product groups with a subgroup of the group, unique
 * 10-digit tax codes. Deterministic for a given seed, so two runs register the same data.
 */
import { readFileSync } from 'node:fs';

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same folding as @ocop/contracts foldForSearch (the API searches folded names). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface Commune {
  code: string;
  name: string;
  /** The name without its kind (Xã, Phường, Đặc khu): the place name used in producer and product names. */
  place: string;
  kind: string;
  provinceCode: string;
}

export interface Province {
  code: string;
  name: string;
}

export function readUnits(csvPath: string): { provinces: Province[]; communes: Commune[] } {
  const provinces: Province[] = [];
  const communes: Commune[] = [];
  const lines = readFileSync(csvPath, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    // era,code,name,level,kind,parent_code,valid_from,valid_to (no field is quoted: names hold no comma)
    const [era, code, name, level, kind, parent] = line.split(',');
    if (era !== '2025' || !code || !name) continue;
    if (level === 'province') provinces.push({ code, name });
    if (level === 'commune') {
      communes.push({
        code,
        name,
        place: name.replace(/^(Xã|Phường|Đặc khu|Thị trấn)\s+/u, ''),
        kind: kind ?? '',
        provinceCode: parent ?? '',
      });
    }
  }
  return { provinces, communes };
}

export const LEGAL_FORM_SHARES: Array<[string, number]> = [
  ['cooperative', 0.3],
  ['business_household', 0.32],
  ['limited_company', 0.12],
  ['joint_stock_company', 0.05],
  ['private_enterprise', 0.04],
  ['cooperative_group', 0.07],
  ['farm', 0.05],
  ['tourism_association', 0.02],
  ['tourism_operating_centre', 0.03],
];
const TOURISM_ONLY = new Set(['tourism_association', 'tourism_operating_centre']);

export const GROUP_SHARES: Array<[string, number]> = [
  ['food', 0.55],
  ['beverages', 0.12],
  ['herbal', 0.1],
  ['handicrafts', 0.11],
  ['ornamental', 0.05],
  ['tourism', 0.07],
];

/** Product words per group and subgroup (codes of services/registration/data/product-groups.json). */
const CATALOGUE: Record<string, Record<string, string[]>> = {
  food: {
    fresh_produce: [
      'Vải thiều',
      'Bưởi da xanh',
      'Cam sành',
      'Nhãn lồng',
      'Xoài cát',
      'Thanh long ruột đỏ',
      'Gà đồi',
      'Bò tơ',
      'Na dai',
      'Dưa lưới',
    ],
    raw_preprocessed: [
      'Gạo',
      'Gạo ST25',
      'Gạo nếp cái hoa vàng',
      'Gạo tám thơm',
      'Lạc nhân',
      'Đậu xanh',
      'Tôm khô',
      'Mực khô',
      'Cá khô',
      'Măng khô',
    ],
    processed: [
      'Mật ong',
      'Mật ong hoa nhãn',
      'Mật ong bạc hà',
      'Nước mắm',
      'Nước mắm cốt',
      'Miến dong',
      'Bánh đa',
      'Bánh chưng',
      'Giò chả',
      'Tương',
      'Chả cá',
      'Mắm tôm',
      'Kẹo dừa',
      'Nem chua',
      'Lạp xưởng',
      'Bún khô',
      'Mứt gừng',
      'Bánh cốm',
    ],
    spices: ['Tiêu đen', 'Ớt bột', 'Muối tôm', 'Quế', 'Hồi', 'Gừng', 'Sả'],
    tea: ['Chè', 'Chè Shan tuyết', 'Chè búp', 'Trà xanh', 'Trà hoa vàng', 'Chè móc câu'],
    coffee: ['Cà phê', 'Cà phê Robusta', 'Cà phê bột', 'Cà phê hạt rang', 'Cà phê Arabica'],
    cocoa: ['Ca cao bột', 'Sô cô la ca cao'],
  },
  beverages: {
    alcoholic: ['Rượu', 'Rượu nếp', 'Rượu ngô', 'Rượu sim', 'Rượu cần', 'Rượu mơ', 'Rượu làng'],
    non_alcoholic: ['Nước cốt chanh leo', 'Nước ép dứa', 'Trà thảo mộc', 'Sữa ngô', 'Nước dừa', 'Siro gừng'],
  },
  herbal: {
    functional_medicine: ['Cao atiso', 'Cao ích mẫu', 'Tinh bột nghệ', 'Trà giảo cổ lam', 'Cao dược liệu'],
    herbal_cosmetics: ['Dầu gội bồ kết', 'Xà phòng thảo dược', 'Son dầu gấc'],
    essential_oils: ['Tinh dầu sả chanh', 'Tinh dầu quế', 'Tinh dầu tràm', 'Tinh dầu bưởi'],
  },
  handicrafts: {
    household_decor: ['Gốm', 'Mây tre đan', 'Nón lá', 'Chiếu cói', 'Đồ gỗ mỹ nghệ', 'Sơn mài'],
    fabrics_garments: ['Thổ cẩm', 'Lụa tơ tằm', 'Khăn dệt', 'Áo dài lụa'],
  },
  ornamental: {
    flowers: ['Hoa lan hồ điệp', 'Hoa đào', 'Hoa cúc', 'Hoa hồng'],
    ornamental_plants: ['Cây bonsai', 'Quất cảnh', 'Mai vàng', 'Cây cảnh'],
    ornamental_animals: ['Cá Koi', 'Cá cảnh', 'Chim cảnh'],
  },
  tourism: {
    community_tourism: ['Du lịch cộng đồng', 'Homestay'],
    eco_tourism: ['Du lịch sinh thái', 'Khu sinh thái'],
    tourist_sites: ['Điểm du lịch', 'Làng nghề'],
  },
};

const QUALIFIERS: Record<string, string[]> = {
  food: ['', '', '', 'loại 1', 'đặc biệt', 'hộp 500 g', 'túi 1 kg', 'truyền thống', 'sạch'],
  beverages: ['', '', 'chai 500 ml', 'chai 750 ml', 'thượng hạng', 'truyền thống'],
  herbal: ['', '', 'hộp 100 g', 'lọ 50 ml', 'nguyên chất'],
  handicrafts: ['', '', 'truyền thống', 'cao cấp'],
  ornamental: ['', '', ''],
  tourism: ['', ''],
};

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Công'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Nam', 'Quân', 'Sơn', 'Tuấn', 'Thắng', 'Long', 'Phúc'];
const GIVEN_F = [
  'Hà',
  'Hạnh',
  'Hòa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Phương',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Yến',
];
const VILLAGE = ['Thôn', 'Thôn', 'Thôn', 'Bản', 'Ấp', 'Xóm', 'Tổ dân phố'];
const VILLAGE_NAME = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Thượng',
  'Hạ',
  'Tân Lập',
  'Đồng Tâm',
  'Phú Thịnh',
  'Hòa Bình',
];

export interface ProducerSeed {
  taxCode: string;
  legalForm: string;
  communeCode: string;
  provinceCode: string;
  /** The group most of its products are in. */
  specialty: string;
  /** Relative number of products it registers. */
  weight: number;
  body: string;
}

export interface ProducerRow {
  id: string;
  taxCode: string;
  legalForm: string;
  communeCode: string;
  provinceCode: string;
}

export class ScaleData {
  readonly provinces: Province[];
  readonly communes: Commune[];
  private readonly communeByCode: Map<string, Commune>;
  private readonly random: () => number;

  constructor(csvPath: string, seed: number) {
    const { provinces, communes } = readUnits(csvPath);
    this.provinces = provinces;
    this.communes = communes;
    this.communeByCode = new Map(communes.map((commune) => [commune.code, commune]));
    this.random = prng(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private pickShare(shares: Array<[string, number]>): string {
    let x = this.random() * shares.reduce((sum, [, share]) => sum + share, 0);
    for (const [name, share] of shares) {
      x -= share;
      if (x < 0) return name;
    }
    return shares[shares.length - 1]![0];
  }

  /** exp(N(0, sigma)): a log-normal weight (Box-Muller). */
  private lognormal(sigma: number): number {
    const u = Math.max(this.random(), 1e-12);
    const v = this.random();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  private person(): string {
    const female = this.random() < 0.45;
    return `${this.pick(FAMILY)} ${this.pick(female ? MIDDLE_F : MIDDLE_M)} ${this.pick(female ? GIVEN_F : GIVEN_M)}`;
  }

  private productWord(group: string): { subgroup: string; word: string } {
    const subgroups = CATALOGUE[group]!;
    const subgroup = this.pick(Object.keys(subgroups));
    return { subgroup, word: this.pick(subgroups[subgroup]!) };
  }

  private producerName(legalForm: string, specialty: string, place: string): string {
    const word = this.productWord(specialty).word;
    switch (legalForm) {
      case 'cooperative':
        return this.random() < 0.6 ? `HTX ${word} ${place}` : `Hợp tác xã Nông nghiệp ${place}`;
      case 'cooperative_group':
        return `Tổ hợp tác ${word} ${place}`;
      case 'joint_stock_company':
        return `Công ty Cổ phần ${word} ${place}`;
      case 'limited_company':
        return `Công ty TNHH ${word} ${place}`;
      case 'private_enterprise':
        return this.random() < 0.5 ? `Doanh nghiệp tư nhân ${this.person()}` : `DNTN ${word} ${place}`;
      case 'farm':
        return `Trang trại ${this.random() < 0.5 ? this.person() : `${word} ${place}`}`;
      case 'business_household':
        return this.random() < 0.6 ? `Hộ kinh doanh ${this.person()}` : `Cơ sở ${word} ${this.person()}`;
      case 'tourism_association':
        return `Hiệp hội Du lịch cộng đồng ${place}`;
      default:
        return `Trung tâm điều hành du lịch ${place}`;
    }
  }

  /**
   * `count` producers. Communes are drawn by weight (rural communes 1, urban wards 0.35, times a capped
   * log-normal factor fixed per commune), so producers cluster as they do in reality.
   */
  producers(count: number): ProducerSeed[] {
    // Log-normal, capped at 5× the median: a busy commune has a few dozen producers, not hundreds.
    const weights = this.communes.map(
      (commune) => (commune.kind === 'phuong' ? 0.35 : 1) * Math.min(this.lognormal(0.6), 5),
    );
    const cumulative: number[] = [];
    let total = 0;
    for (const weight of weights) cumulative.push((total += weight));
    const drawCommune = (): Commune => {
      const x = this.random() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return this.communes[lo]!;
    };
    // Tax codes: the province's two digits, then 8 digits from a permutation of 0..10^8-1 (unique per run).
    const offset = Math.floor(this.random() * 1e8);
    const seeds: ProducerSeed[] = [];
    for (let i = 0; i < count; i += 1) {
      const commune = drawCommune();
      const legalForm = this.pickShare(LEGAL_FORM_SHARES);
      const specialty = TOURISM_ONLY.has(legalForm) ? 'tourism' : this.pickShare(GROUP_SHARES);
      const taxCode = `${commune.provinceCode}${String((i * 7919 + offset) % 1e8).padStart(8, '0')}`;
      const name = this.producerName(legalForm, specialty, commune.place);
      const total = 1 + Math.floor(this.random() * 60);
      const women = Math.floor(total * this.random() * 0.7);
      const body: Record<string, unknown> = {
        taxCode,
        name,
        legalForm,
        communeCode: commune.code,
        village: `${this.pick(VILLAGE)} ${this.pick(VILLAGE_NAME)}`,
        representative: this.person(),
        phone: `09${String(Math.floor(this.random() * 1e8)).padStart(8, '0')}`,
        workforce: {
          total,
          trained: Math.floor(total * this.random()),
          women,
          ethnicMinority: Math.floor(total * this.random() * 0.3),
        },
        womenLed: this.random() < 0.3,
        ethnicMinorityLed: this.random() < 0.1,
        youthStartup: this.random() < 0.08,
      };
      seeds.push({
        taxCode,
        legalForm,
        communeCode: commune.code,
        provinceCode: commune.provinceCode,
        specialty,
        // Capped at 6× the median: the busiest producers have a few dozen products (big companies do).
        weight: Math.min(this.lognormal(0.8), 6),
        body: JSON.stringify(body),
      });
    }
    return seeds;
  }

  /**
   * `count` product bodies over the producers actually stored. A producer's share follows its weight (so
   * some have a few dozen products, others none); 75 % of a producer's products are in its specialty, the rest
   * in any group its legal form may hold (tourism-only forms register tourism only).
   */
  products(
    count: number,
    producers: ProducerRow[],
    specialtyOf: Map<string, string>,
    weightOf: Map<string, number>,
  ): string[] {
    const cumulative: number[] = [];
    let total = 0;
    for (const producer of producers) cumulative.push((total += weightOf.get(producer.taxCode) ?? 1));
    const drawProducer = (): ProducerRow => {
      const x = this.random() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return producers[lo]!;
    };
    const bodies: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const producer = drawProducer();
      const specialty = specialtyOf.get(producer.taxCode) ?? 'food';
      const group = TOURISM_ONLY.has(producer.legalForm)
        ? 'tourism'
        : this.random() < 0.75
          ? specialty
          : this.pickShare(GROUP_SHARES);
      const { subgroup, word } = this.productWord(group);
      const place = this.communeByCode.get(producer.communeCode)?.place ?? '';
      const qualifier = this.pick(QUALIFIERS[group] ?? ['']);
      const name = [word, place, qualifier].filter(Boolean).join(' ');
      bodies.push(JSON.stringify({ producerId: producer.id, name, group, subgroup }));
    }
    return bodies;
  }
}
