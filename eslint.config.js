// Lint with type information (typescript-eslint) and the rules of hooks that the hooks cite.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// What each folder of source/ may import, besides itself: imports point down only. The screen's
// reducer never reaches the network, components never reach Corestore or the hooks, and nothing
// below the app knows it. docs/architecture.md says why each folder sits where it does.
const MAY_IMPORT = {
  app: [
    'cli',
    'components',
    'decode',
    'hooks',
    'keys',
    'layout',
    'model',
    'net',
    'plain',
    'screen',
    'terminal',
    'text',
  ],
  hooks: ['decode', 'keys', 'layout', 'model', 'net', 'screen', 'terminal', 'text'],
  components: ['decode', 'keys', 'layout', 'model', 'screen', 'text'],
  plain: ['decode', 'model', 'net', 'terminal', 'text'],
  screen: ['decode', 'keys', 'layout', 'model', 'text'],
  net: ['decode', 'model', 'text'],
  // The formats of Holepunch packages (Hyperbee, hyperbee2, Hyperdrive), decoded from bytes by those packages.
  decode: ['model', 'text'],
  cli: ['model', 'text'],
  keys: ['text'],
  layout: ['text'],
  model: ['text'],
  terminal: ['text'],
  text: [],
};

const importDirection = Object.entries(MAY_IMPORT).map(([folder, allowed]) => {
  const refused = Object.keys(MAY_IMPORT).filter((other) => other !== folder && !allowed.includes(other));
  return {
    files: [`source/${folder}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${refused.join('|')})(/|$)`,
              message: `source/${folder} may import only from ${allowed.join(', ') || 'itself'} (eslint.config.js MAY_IMPORT): imports point down.`,
            },
          ],
        },
      ],
    },
  };
});

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'docs/', 'test/fixtures/howto/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  reactHooks.configs.flat['recommended-latest'],
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test tracks the promises its test() and describe() return itself; awaiting them changes nothing.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] },
          ],
        },
      ],
    },
  },
  ...importDirection,
  {
    // Tests and their harness read terminal output: matching ESC and other control characters is what they are for.
    files: ['test/**', 'harness/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
