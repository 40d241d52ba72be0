import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Reads `NAME_FILE` variables (a secret mounted as a file) into `NAME`, then builds and validates the
 * config class. Throws ConfigValidationError naming every bad variable.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (key.endsWith('_FILE')) {
      const target = key.slice(0, -'_FILE'.length);
      if (env[target] === undefined || env[target] === '') values[target] = readFileSync(value, 'utf8').trim();
    } else {
      values[key] = value;
    }
  }
  const config = plainToInstance(configClass, values, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(describe(errors, values));
  return config;
}

function describe(errors: ValidationError[], values: Record<string, string>): string[] {
  return errors.map((error) => {
    const given = error.property in values ? ` (got ${redact(error.property, values[error.property]!)})` : ' (not set)';
    return `${error.property}${given}: ${Object.values(error.constraints ?? {}).join('; ')}`;
  });
}

function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN|KEY/.test(name)) return '«hidden»';
  return JSON.stringify(value.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:«hidden»@'));
}
