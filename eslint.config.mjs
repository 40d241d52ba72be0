// @ts-check
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig } from 'eslint/config';
import { createProjectGraphAsync } from 'nx/src/devkit-exports.js';
import tseslint from 'typescript-eslint';

// @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself when there is
// none (a fresh clone) or checks stale tags. Refresh it (~0.5 s) unless Nx already did, running this
// as a task.
if (!process.env.NX_TASK_TARGET_PROJECT) {
  try {
    await createProjectGraphAsync({ exitOnError: false });
  } catch (error) {
    console.warn(`eslint.config.mjs: no Nx project graph, module boundaries unchecked: ${String(error)}`);
  }
}

/** Spec and test files are excluded from the projects' tsconfigs; tsconfig.spec.json types them. */
const SPEC_FILES = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  'test/**/*.ts',
  '{libs,services}/*/test/**/*.ts',
];

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.local/**', '**/coverage/**', '.nx/**', 'tmp/**'],
  },
  ...nx.configs['flat/base'],

  // TypeScript: type-aware rules, sources typed by the nearest project tsconfig.json.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Decorated classes without members are how NestJS declares modules; tseslint's strict sets
      // would flag them. Off explicitly so a later switch to `strict` does not turn it on.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // nest-common's worker only locates the workflow sources (require.resolve of this file) to
          // bundle them; that is no code dependency, and libs/nest-common/project.json drops the edge.
          allow: ['^@ocop/workflows/package\\.json$'],
          depConstraints: [
            // Services use the shared libs only: never another service.
            { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Tools (demo loader, extraction scripts) use the shared libs, like a service.
            { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['scope:shared'] },
            // Libraries depend only on libraries.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Contracts are the leaves: external packages only.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            // Workflow code (bundled into Temporal's sandbox) sees the contracts only.
            { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:contracts'] },
          ],
        },
      ],
    },
  },

  // Specs and test helpers: typed through the root tsconfig.spec.json (jest types).
  {
    files: SPEC_FILES,
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./tsconfig.spec.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // jest's expect(...).toHaveBeenCalled() style passes unbound methods (`expect(mock.fn)`).
      '@typescript-eslint/unbound-method': 'off',
      // Test doubles implement async interfaces with bodies that need no await.
      '@typescript-eslint/require-await': 'off',
      // supertest's `response.body` and Nest's `getHttpServer()` are typed `any`; asserting on them
      // is what tests do. Writing `any` explicitly is still an error (no-explicit-any).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      // Tests may use any shared lib (the harness in @ocop/testing, the worker in @ocop/nest-common)
      // to exercise their project: the contracts/workflows purity rules guard production code only.
      // Services still never import another service, and libs never import a service.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
    },
  },

  // Plain JS and TS config files (jest.config.ts, ...) belong to no tsconfig: no type-aware rules.
  {
    files: ['**/*.{js,mjs,cjs}', '**/*.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // Last: turn off every stylistic rule that prettier owns.
  prettier,
);
