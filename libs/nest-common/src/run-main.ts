import { ConfigValidationError } from './config/load-config';

/**
 * Entry point wrapper: a bad configuration prints which variables are wrong and exits with 78
 * (EX_CONFIG) instead of a stack trace; any other start-up failure exits with 1.
 */
export function runMain(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(78);
    }
    console.error('Start-up failed:', error);
    process.exit(1);
  });
}
