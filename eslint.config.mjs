import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Anything outside the importing file's own folder is named from the root. */
const parentImports = { regex: '^\\.\\./', message: "Import through the '@/' alias instead of a '../' path." };
const simulatorImports = {
  group: ['@/simulator', '@/simulator/*', '**/simulator', '**/simulator/*'],
  message: 'The simulator is a test and demo tool: the product never imports it.',
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    rules: {
      'no-restricted-imports': ['error', { patterns: [parentImports] }],
    },
  },
  {
    files: ['app/**', 'db/**', 'inngest/**', 'lib/**', 'instrumentation.ts', 'proxy.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [parentImports, simulatorImports] }],
    },
  },
];

export default config;
