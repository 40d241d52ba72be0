import type { ValueTransformer } from 'typeorm';

/**
 * VND amounts are bigint columns (budgets pass 2^31), read back as numbers: exact up to 9·10^15 VND.
 */
export const VND: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
