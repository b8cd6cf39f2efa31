// Lists the symbols the extractor yields for an npm package, the way
// `npm run eval` indexes it, so that a query writer can check that every
// expected answer exists (and how it is named) without seeing any ranking.
//
//   node --import tsx eval/symbols.ts <npm spec> [--root <folder>] <include glob>... [--exclude <glob>...]
//
// --root indexes a folder inside the package, as a library's `root` does
// (eval/libraries.ts), for packages that ship only built code under dist/.
//
// Prints one line per symbol: kind, Container.name, file:line, first words of its comment.
import * as path from 'node:path';
import { LatentIndex } from '../src/core/indexer';
import { packageRoot } from '../src/core/paths';
import { packageSource } from './sources';

async function main(): Promise<void> {
  // `| head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const args = process.argv.slice(2);
  const spec = args.shift();
  if (!spec) throw new Error('usage: eval/symbols.ts <npm spec> [--root <folder>] <include glob>... [--exclude <glob>...]');
  const rootAt = args.indexOf('--root');
  const folder = rootAt >= 0 ? args.splice(rootAt, 2)[1] ?? '' : '';
  const cut = args.indexOf('--exclude');
  const include = cut < 0 ? args : args.slice(0, cut);
  const exclude = cut < 0 ? [] : args.slice(cut + 1);
  const cache = path.join(packageRoot(), '.cache', 'eval');
  const root = path.join(packageSource(cache, spec), folder);
  const index = await LatentIndex.build({ root, model: 'builtin', allowRemote: false, cacheDir: path.join(cache, 'vectors', 'symbols'), include, exclude });
  try {
    console.log(`# ${spec}: ${index.symbols.length} symbols from ${index.stats.files} files in ${root}`);
    for (const s of index.symbols) {
      const name = s.container ? `${s.container}.${s.name}` : s.name;
      console.log(`${s.kind.padEnd(9)} ${name.padEnd(40)} ${s.file}:${s.line}  ${s.comment.replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  } finally {
    await index.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
