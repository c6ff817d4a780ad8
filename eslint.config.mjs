// Lint as actions/typescript-action does: typescript-eslint's type-aware recommended sets, with the
// promise rules style.md promises (everything awaited) as errors.
import { registerHooks } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';

// `typescript` here is TypeScript 7 (the native compiler), which ships no JavaScript compiler API;
// typescript-eslint's type-aware rules need that API (TypeScript <= 6.0). Lint therefore runs on
// TypeScript 6.0, installed as `typescript-api`, and typescript-eslint is pointed at it. The hook
// must be registered before typescript-eslint loads, hence the dynamic import below.
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'typescript' || specifier.startsWith('typescript/')) {
      return nextResolve(specifier.replace(/^typescript/, 'typescript-api'), context);
    }
    return nextResolve(specifier, context);
  },
});
const { default: tseslint } = await import('typescript-eslint');

export default defineConfig(
  globalIgnores(['dist/', 'src/prefect/openapi.d.ts', '**/fixtures/', 'coverage/', '.tmp/', '.venv*/', '.tools/', 'bench/results/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `import('…')` types stay allowed: a few lazy-loaded SDK types are named that way on purpose.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // A leading underscore names a value taken out on purpose (`const { id: _id, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The YAML, shlex, docstring and terminal parsers match control characters on purpose.
      'no-control-regex': 'off',
      // Async implementations of async ports (fakes, prompts, signers) need not await anything.
      '@typescript-eslint/require-await': 'off',
      // Flags function-valued properties and static factories (Style colours, DateTime.fromISO,
      // JSON.rawJSON), none of which uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // `String(value)` of YAML/JSON values typed `unknown` mirrors Python's str() on purpose; the
      // rule flags the `unknown`, not an object that would really print as [object Object].
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests read API responses, subprocess JSON and parsed YAML as `any` and assert on them; the
    // assertions are the type check there.
    files: ['__tests__/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // execFile's callback error is typed loosely; the tests reject with it (an Error) plus its output.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    // Scripts, bench and stand-ins are plain JavaScript outside tsconfig: no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
