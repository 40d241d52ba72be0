import { join, resolve } from 'node:path';

/** The repository's root (bench/dist/… → ../..). */
export const REPO = resolve(__dirname, '..', '..');
/** The platform's local home: tools, servers' data, logs, the bench's raw logs. */
export const OCOP_HOME = process.env.OCOP_HOME ?? join(REPO, '.local');

/** A setting from the environment; an empty value counts as unset. */
export const env = (name: string, fallback: string): string => process.env[name] || fallback;

/** A positive number from the environment. */
export const num = (name: string, fallback: number): number => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

/** A number ≥ 0 from the environment (0 switches a step off). */
export const numOrZero = (name: string, fallback: number): number => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};
