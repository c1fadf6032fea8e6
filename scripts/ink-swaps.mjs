// Four of Ink 6.8's per-frame helpers are replaced by ours in source/terminal/ink/, which give
// the same results and keep them across frames (why: source/terminal/ink/output.ts). The swaps are
// made in two places that must agree: the esbuild plugin for the bundle (scripts/build.mjs) and a
// Node resolve hook for everything run from source with tsx (tests, bench:frames), registered by
// scripts/register-ink-swaps.mjs.
//
// One more patch is made at run time, not here: source/hooks/use-key-press.ts wraps the 'input'
// emitter of Ink's stdin context (to read F1, and to drop keys Ink throws on). Ink is pinned to one
// version in package.json; to upgrade it, run test/unit/ink-swaps.test.ts (it compares each swap
// with Ink's own module, and says when the run-time patch is no longer needed) and the F1 tests.
import { fileURLToPath, pathToFileURL } from 'node:url';

const ours = (file) => fileURLToPath(new URL(`../source/terminal/ink/${file}`, import.meta.url));

// [Ink's module that imports it, what it imports, ours in its place]
const SWAPS = [
  ['renderer.js', './output.js', ours('output.ts')],
  ['render-node-to-output.js', 'widest-line', ours('widest-line.ts')],
  ['dom.js', './measure-text.js', ours('measure-text.ts')],
  ['dom.js', './wrap-text.js', ours('wrap-text.ts')],
  ['render-node-to-output.js', './wrap-text.js', ours('wrap-text.ts')],
];

// esbuild asks the plugin only about these specifiers, whoever imports them.
const IMPORTED = new RegExp(
  `^(${[...new Set(SWAPS.map(([, imported]) => imported.replace(/[.\\/]/g, '\\$&')))].join('|')})$`,
);

function swapFor(specifier, importer) {
  const match = /[/\\]node_modules[/\\]ink[/\\]build[/\\]([^/\\]+)$/.exec(importer ?? '');
  if (!match) return undefined;
  return SWAPS.find(([from, imported]) => from === match[1] && imported === specifier);
}

// A build where a swap found nothing to replace fails: an Ink whose modules moved needs these
// files looked at again, not a silently slower screen.
export const inkSwapsPlugin = {
  name: 'ink-swaps',
  setup(build) {
    const made = new Set();
    build.onResolve({ filter: IMPORTED }, (args) => {
      const swap = swapFor(args.path, args.importer);
      if (!swap) return undefined;
      made.add(swap);
      return { path: swap[2] };
    });
    build.onEnd((result) => {
      const missed = SWAPS.filter((swap) => !made.has(swap));
      if (result.errors.length > 0 || missed.length === 0) return undefined;
      return {
        errors: missed.map(([from, imported]) => ({
          text: `Ink's ${from} no longer imports ${imported}: see scripts/ink-swaps.mjs`,
        })),
      };
    });
  },
};

export async function resolve(specifier, context, nextResolve) {
  const swap = context.parentURL?.startsWith('file:')
    ? swapFor(specifier, fileURLToPath(context.parentURL))
    : undefined;
  return swap ? nextResolve(pathToFileURL(swap[2]).href, context) : nextResolve(specifier, context);
}
