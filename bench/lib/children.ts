// The baseline children are bundled to plain .mjs before the run, as the product is (esbuild,
// Holepunch packages external): started with tsx they would pay its loader, ~0.2-0.4 s, which
// the binary does not. The bundles live in bench/.out so that their imports resolve from the
// repository's node_modules. So is the code the decode figure times in the bench process.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Cleanup } from '../../harness/cleanup.js';
import { REPO_ROOT } from '../../harness/pty.js';

export interface Children {
  follow: string;
  openTail: string;
  bareFollower: string;
  closeBaseline: string;
  downloadAll: string;
  soakWriter: string;
  bareAppend: string;
  beeFirstPage: string;
  // A module, not a child: bench/lib/decode-rows.ts as built.
  decodeRows: string;
}

export async function buildChildren(cleanup: Cleanup): Promise<Children> {
  const outdir = path.join(REPO_ROOT, 'bench', '.out');
  cleanup.add('remove bench/.out', () => rm(outdir, { recursive: true, force: true }));
  await esbuild.build({
    entryPoints: {
      follow: path.join(REPO_ROOT, 'bench', 'children', 'follow.ts'),
      'open-tail': path.join(REPO_ROOT, 'bench', 'children', 'open-tail.ts'),
      'bare-follower': path.join(REPO_ROOT, 'bench', 'children', 'bare-follower.ts'),
      'close-baseline': path.join(REPO_ROOT, 'bench', 'children', 'close-baseline.ts'),
      'download-all': path.join(REPO_ROOT, 'bench', 'children', 'download-all.ts'),
      'soak-writer': path.join(REPO_ROOT, 'bench', 'children', 'soak-writer.ts'),
      'bare-append': path.join(REPO_ROOT, 'bench', 'children', 'bare-append.ts'),
      'bee-first-page': path.join(REPO_ROOT, 'bench', 'children', 'bee-first-page.ts'),
      'decode-rows': path.join(REPO_ROOT, 'bench', 'lib', 'decode-rows.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const out = (name: string) => path.join(outdir, `${name}.mjs`);
  return {
    follow: out('follow'),
    openTail: out('open-tail'),
    bareFollower: out('bare-follower'),
    closeBaseline: out('close-baseline'),
    downloadAll: out('download-all'),
    soakWriter: out('soak-writer'),
    bareAppend: out('bare-append'),
    beeFirstPage: out('bee-first-page'),
    decodeRows: out('decode-rows'),
  };
}
