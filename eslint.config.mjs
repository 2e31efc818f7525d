// ESLint flat config for the whole monorepo (STYLE.md points 3, 4, 13).
//
// Run from the root after building the libraries: the type-checked rules resolve
// `@mcp-gateway/*` through package exports, which point at dist/*.d.ts.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';

// @nx/enforce-module-boundaries only *reads* the cached project graph (.nx/workspace-data): with
// no cache it prints a warning and skips itself, with a stale one it does not know a project added
// since. Recompute it (in-process, no daemon, ~2 s) unless ESLint runs inside an Nx task, which has
// just computed it. A broken nx.json or project.json fails lint loudly instead of passing it.
if (!process.env.NX_TASK_TARGET_PROJECT) {
  const nxBin = createRequire(import.meta.url).resolve('nx/bin/nx.js');
  execFileSync(process.execPath, [nxBin, 'show', 'projects'], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
}

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];
// Test code: spec files anywhere, test-only helpers beside them named `spec-*.ts` (e.g.
// libs/homeassistant/src/spec-harness.ts), and the whole system-tests project. Keep in step with
// isTestPath() in tools/architecture/src/workspace.ts.
const SPEC_FILES = ['**/*.spec.ts', '**/*.test.ts', '**/*.e2e-spec.ts', '**/spec-*.ts', 'tests/**/*.ts'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// ---------------------------------------------------------------------------------------------
// Module boundaries (STYLE 4). Tags: scope:{edge,connector,auth,ops,simulator,shared} ×
// type:{app,contracts,data-access,util,testing}. Nx applies *every* constraint whose source tag
// matches, and a dependency must satisfy all of them, so the scope axis and the type axis are
// written separately and compose.
// ---------------------------------------------------------------------------------------------

/** Frameworks and transports the bus contract must never see (ARCHITECTURE "The bus contract"). */
const CONTRACTS_BANNED_IMPORTS = ['@nestjs/*', 'nats', '@nats-io/*', 'express'];

/** Which scopes each scope may import. The launcher (scope:ops) spawns the simulators. */
const SCOPE_RULES = {
  'scope:shared': ['scope:shared'],
  'scope:edge': ['scope:edge', 'scope:shared'],
  'scope:connector': ['scope:connector', 'scope:shared'],
  'scope:auth': ['scope:auth', 'scope:shared'],
  'scope:ops': ['scope:ops', 'scope:shared', 'scope:simulator'],
  'scope:simulator': ['scope:simulator', 'scope:shared'],
  // tests/ (system-tests): end-to-end tests that start every service as a process and drive it
  // with real clients; they may use any library but, like everyone, never import an app.
  'scope:system': [
    'scope:system',
    'scope:shared',
    'scope:edge',
    'scope:connector',
    'scope:auth',
    'scope:ops',
    'scope:simulator',
  ],
};

/**
 * @param {{ spec: boolean }} options
 *   spec: constraints for test files, which may also use testing libraries (libs/testing) and
 *   the backend simulators (integration and end-to-end tests run against them, STYLE 10).
 */
function depConstraints({ spec }) {
  const scope = Object.entries(SCOPE_RULES).map(([sourceTag, allowed]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: spec ? [...new Set([...allowed, 'scope:simulator'])] : allowed,
  }));
  const type = [
    // The contract is the spine: it depends on nothing but itself and its schema libraries.
    {
      sourceTag: 'type:contracts',
      onlyDependOnLibsWithTags: ['type:contracts'],
      bannedExternalImports: CONTRACTS_BANNED_IMPORTS,
    },
    // Apps are leaves: nothing imports an app (a test starts it as a process instead). Keyed on
    // "has a type tag" rather than `*`, so an untagged project matches no constraint and Nx
    // refuses all its imports instead of waving them through.
    { sourceTag: '/^type:/', notDependOnLibsWithTags: ['type:app'] },
  ];
  if (!spec) {
    // type:testing only from specs. Libraries never ship test helpers...
    type.push({
      sourceTag: '/^type:(contracts|util|data-access)$/',
      notDependOnLibsWithTags: ['type:testing'],
    });
    // ...and apps only reach the simulators (the launcher spawns them; the scope axis above
    // keeps every scope but ops away from them), never libs/testing.
    type.push({
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'scope:simulator'],
    });
  }
  return [...scope, ...type];
}

const moduleBoundaries = ({ spec }) => [
  'error',
  {
    // No `allowCircularSelfDependency`: importing your own package name (the barrel) from
    // inside a project is an error (STYLE 3).
    allow: [],
    enforceBuildableLibDependency: false,
    // The lazy-load check exists for browser bundle splitting; in Node ESM `await import()` of
    // a workspace library splits nothing, so a file mixing it with static imports is fine.
    checkDynamicDependenciesExceptions: ['@mcp-gateway/**'],
    depConstraints: depConstraints({ spec }),
  },
];

export default defineConfig(
  globalIgnores(
    ['**/dist/**', 'dist/', '**/node_modules/', 'tmp/', '.nx/', 'coverage/', '**/*.d.ts'],
    'mcp-gateway/ignores',
  ),

  // ------------------------------------------------------------------ TypeScript (type-checked)
  {
    name: 'mcp-gateway/typescript',
    files: TS_FILES,
    extends: [
      eslint.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      tseslint.configs.stylisticTypeChecked,
    ],
    languageOptions: {
      parserOptions: {
        // Each file is checked against the nearest tsconfig.json (its project's), the same
        // program `tsc -b` builds, so lint sees the same types the compiler does.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ spec: false }),

      // --- the three STYLE 13 names, configured explicitly -----------------------------------
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it/test return promises the runner tracks itself; awaiting or
          // voiding them is noise (typescript-eslint docs, allowForKnownSafeCalls).
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      // Wire error codes and tool annotations are closed unions: adding a member must fail lint
      // wherever a switch forgot it. A `default` does not silence a missing union member.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, allowDefaultCaseForExhaustiveSwitch: true },
      ],
      // NestJS constructor injection reads `design:paramtypes`, which TypeScript only emits for
      // value imports. typescript-eslint knows this: when the program has experimentalDecorators
      // + emitDecoratorMetadata (tsconfig.base.json does) it skips every file that contains a
      // decorator (see the rule's "Usage with emitDecoratorMetadata" docs), so *.controller.ts,
      // *.service.ts, *.module.ts keep their value imports; everywhere else `import type` /
      // inline `type` specifiers are enforced. Inline style matches the existing code
      // (`import { Module, type DynamicModule }`) and keeps one import line per module.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      '@typescript-eslint/consistent-type-exports': [
        'error',
        { fixMixedExportsWithInlineTypeSpecifier: true },
      ],

      // --- a few additions beyond recommended ------------------------------------------------
      // With noUncheckedIndexedAccess, `!` is the tempting way out; narrow instead.
      '@typescript-eslint/no-non-null-assertion': 'error',
      // ...and therefore do not let stylistic push `as T` towards `!` (the two rules conflict).
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // `return await` inside try/catch is required for the catch to see the rejection.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
      // `record['key']` on an index signature says "this key may be absent" (the habit
      // noPropertyAccessFromIndexSignature teaches); keep dot-notation for declared members only.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
    },
  },

  // ------------------------------------------------------------------------------ tests
  {
    name: 'mcp-gateway/specs',
    files: SPEC_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ spec: true }),
      // Tests assert on values they have just checked, and poke at decoded JSON.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes are often empty, and `assert.throws(obj.method)` / mock.method pass methods around.
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // ------------------------------------------------------------- plain JS (configs, scripts)
  {
    name: 'mcp-gateway/javascript',
    files: JS_FILES,
    extends: [eslint.configs.recommended, tseslint.configs.disableTypeChecked],
    languageOptions: {
      // Scripts run on Node: its own globals (process, Buffer, URL, fetch, …), no extra package.
      globals: Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly'])),
    },
  },

  // Prettier owns formatting; this must stay last so it turns off every conflicting rule.
  prettier,
);
