// Bundles cli.tsx into dist/. Node loading Ink and React as hundreds of small modules took most of
// the time to the first frame; one bundle (with lazy chunks for what the first frame does not need)
// roughly halves it. The Holepunch packages stay external: they load native addons by path.
import { rm } from 'node:fs/promises';
import * as esbuild from 'esbuild';
import { inkSwapsPlugin } from './ink-swaps.mjs';

const EXTERNAL = [
  'b4a',
  'corestore',
  'graceful-goodbye',
  'hypercore',
  'hypercore-id-encoding',
  'hyperbee',
  'hyperbee2',
  'hyperdrive',
  'hyperdht',
  'hyperswarm',
  // Ink imports it only for React DevTools (DEV=true); it is not a dependency.
  'react-devtools-core',
];

await rm('dist', { recursive: true, force: true });
await esbuild.build({
  entryPoints: ['cli.tsx'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS (React) calls require() for Node built-ins, which ESM lacks.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  minify: true,
  plugins: [inkSwapsPlugin],
  logLevel: 'warning',
});
