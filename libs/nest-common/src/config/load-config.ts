import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

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
  const declared = declaredKeys(configClass);
  const values: Record<string, string> = {};
  for (const key of declared) {
    const value = env[key];
    const file = env[`${key}_FILE`];
    if (value !== undefined && value !== '') values[key] = value;
    else if (file) values[key] = readFileSync(file, 'utf8').trim();
  }
  const config = plainToInstance(configClass, values, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(describe(errors, values));
  return config;
}

/** Variables the config class declares (those with a validation rule). */
function declaredKeys(configClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
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
