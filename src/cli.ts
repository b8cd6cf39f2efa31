// The `latent-map` command-line tool over src/core. Its JSON output is a
// contract (DESIGN.md, "The command-line contract"): add fields, never rename.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from './core/cache';
import { DEFAULT_EXPORT_NEIGHBOURS, EXPORT_FORMATS, exportIndex, isExportFormat } from './core/export';
import { resolveModel } from './core/embed';
import { LatentIndex, type IndexOptions } from './core/indexer';
import { describeUri, fileHashes, inShard, layoutStore, normaliseUri, overlayLocalChanges, parseShard, readStore, stageShard, WHOLE } from './core/store';
import { CancelledError, qualifiedName, UserError, type Progress, type RankedSymbol } from './core/types';

const USAGE = `Usage: latent-map <command> <folder> [arguments] [options]

Commands:
  index <folder>                       Index a folder and write its map as JSON
  search <folder> <query>              Symbols matching a description
  similar <folder> <file>:<line>|<name>  Symbols that mean the same as one symbol (name: fn or Class.method)
  neighbours <folder> <term>           Symbols nearest to a word or phrase
  analogy <folder> <a> <b> <c>         "a is to b as c is to ?": symbols that are to c what b is to a
                                       (each term a symbol name or free text)
  axis <folder> <from> <to>            Symbols ordered along the direction from one term to another,
                                       furthest towards <to> first (each a symbol name or free text)
  export <folder> --format <f> --out <path>
                                       Export the map: json (the index document),
                                       projector (vectors.tsv and metadata.tsv in the
                                       --out folder, for TensorFlow's Embedding Projector)
                                       or html (one self-contained page: map, search, hover)
  layout --store <uri>                 Lay out the whole team store once its shards are written

Team index (a LanceDB store at a folder or s3://bucket/prefix; S3 endpoint and
keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION):
  index <folder> --store <uri>         Write the folder's symbols, vectors, map and regions to the store
  index <folder> --store <uri> --shard i/N
                                       Write only shard i of N (files split by path hash), for N
                                       machines in parallel; then run layout --store <uri>
  search|similar|neighbours|export <folder> ... --store <uri>
                                       Answer from the store, with the folder's locally changed
                                       files indexed over it

<folder> may be several folders (latent-map index api web): they share one
map, each symbol's file is then named with its folder's name first
(api/src/server.ts), as in a multi-root workspace, and the JSON gives each
symbol its folder's name (root) and its file relative to it.

Options:
  --model <id|path|builtin>  Embedding model (default: builtin, no network)
  --cache-dir <folder>       Vector cache (default: $XDG_CACHE_HOME/latent-map or ~/.cache/latent-map)
  --fallback                 Use the built-in model when --model cannot be loaded
  --out <file>               index: write the map here instead of standard output;
                             export: the file (json, html) or folder (projector)
  --format <json|projector|html>  export: what to write
  --new-layout               Lay the map out afresh instead of refining the folder's last map
  -k <N>                     Results to show (default 10); export html: similar symbols per symbol (default 8)
  --json                     search/similar/neighbours/analogy/axis: print JSON
  --include <glob>           Only read files matching the glob (repeatable)
  --exclude <glob>           Leave files matching the glob out (repeatable)
  --max-files <N>            File cap (default 50000)
  --max-file-size <bytes>    Size cap per file (default 1048576)
  --store <uri>              The team store (see above)
  --shard <i/N>              index --store: the share of files to write
  --quiet                    No progress on standard error
  -h, --help                 Show this help`;

interface Args {
  command: string;
  positionals: string[];
  values: {
    model?: string;
    'cache-dir'?: string;
    fallback?: boolean;
    out?: string;
    format?: string;
    'new-layout'?: boolean;
    k?: string;
    json?: boolean;
    include?: string[];
    exclude?: string[];
    'max-files'?: string;
    'max-file-size'?: string;
    quiet?: boolean;
    help?: boolean;
    store?: string;
    shard?: string;
  };
}

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        'cache-dir': { type: 'string' },
        fallback: { type: 'boolean' },
        out: { type: 'string' },
        format: { type: 'string' },
        'new-layout': { type: 'boolean' },
        k: { type: 'string', short: 'k' },
        json: { type: 'boolean' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'max-files': { type: 'string' },
        'max-file-size': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        store: { type: 'string' },
        shard: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const [command = '', ...positionals] = parsed.positionals;
  return { command, positionals, values: parsed.values };
}

class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'latent-map');
}

async function folderArg(value: string | undefined): Promise<string> {
  if (!value) throw new UsageError('missing <folder>');
  const folder = path.resolve(value);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat) throw new UserError(`folder not found: ${value}`);
  if (!stat.isDirectory()) throw new UserError(`not a folder: ${value}`);
  return folder;
}

/**
 * The folders of a command: the first as before (a missing one is an error
 * naming it); each further argument must be a folder too, or it is an
 * argument too many (`export <folder> extra`).
 */
async function folderArgs(values: readonly string[]): Promise<string[]> {
  const folders = [await folderArg(values[0])];
  for (const value of values.slice(1)) {
    const stat = await fs.stat(value).catch(() => undefined);
    if (!stat?.isDirectory()) throw new UsageError(`unexpected argument "${value}" (not a folder)`);
    folders.push(path.resolve(value));
  }
  return folders;
}

function progressPrinter(quiet: boolean): (p: Progress) => void {
  if (quiet || !process.stderr.isTTY) return () => undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.done !== p.total) return;
    last = now;
    const count = p.total ? ` ${p.done ?? 0}/${p.total}` : '';
    process.stderr.write(`\r\x1b[K${p.message ?? p.phase}${count}`);
  };
}

function indexOptions(args: Args, folders: readonly string[], signal: AbortSignal): IndexOptions {
  const { values } = args;
  return {
    root: folders[0]!,
    ...(folders.length > 1 ? { roots: folders.map((folder) => ({ path: folder })) } : {}),
    model: values.model ?? 'builtin',
    cacheDir: path.resolve(values['cache-dir'] ?? defaultCacheDir()),
    modelCacheDir: path.join(path.resolve(values['cache-dir'] ?? defaultCacheDir()), 'models'),
    fallback: values.fallback === true,
    include: values.include,
    exclude: values.exclude,
    maxFiles: positiveInt(values['max-files'], '--max-files', 50_000),
    maxFileSize: positiveInt(values['max-file-size'], '--max-file-size', 1024 * 1024),
    newLayout: values['new-layout'] === true,
    signal,
    onProgress: progressPrinter(values.quiet === true),
    onWarning: (message) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}latent-map: ${message}\n`),
  };
}

async function open(args: Args, folders: readonly string[], signal: AbortSignal): Promise<LatentIndex> {
  if (args.values.store !== undefined) return openFromStore(args, oneFolder(folders), args.values.store, signal);
  const index = await LatentIndex.build(indexOptions(args, folders, signal));
  clearProgress(args);
  return index;
}

/** A team store maps one folder (its working tree over the store). */
function oneFolder(folders: readonly string[]): string {
  if (folders.length > 1) throw new UsageError('--store takes one folder');
  return folders[0]!;
}

function clearProgress(args: Args): void {
  if (args.values.quiet !== true && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

/** The store's map with the folder's local changes indexed over it. */
async function openFromStore(args: Args, folder: string, uriText: string, signal: AbortSignal): Promise<LatentIndex> {
  const options = indexOptions(args, [folder], signal);
  const model = resolveModel({ model: options.model ?? 'builtin', modelCacheDir: options.modelCacheDir });
  // Read while the model loads.
  const reading = readStore(uriText, { model: { fingerprint: model.fingerprint, id: model.id }, signal });
  const index = await LatentIndex.fromStore(options, reading);
  const stored = await reading;
  try {
    const overlay = await overlayLocalChanges(index, stored, options);
    clearProgress(args);
    if (args.values.quiet !== true) {
      const changes = overlay.changed.length + overlay.removed.length;
      process.stderr.write(
        `latent-map: team index ${describeUri(stored.uri)} (version ${stored.version}, ${stored.meta.symbols} symbols), ${changes} local change${changes === 1 ? '' : 's'} over it\n`,
      );
    }
    return index;
  } catch (error) {
    await index.dispose();
    throw error;
  }
}

/** `index <folder> --store <uri> [--shard i/N]`: writes the folder (or its shard) to the store; without --shard lays it out too. */
async function indexIntoStore(args: Args, folder: string, uriText: string, signal: AbortSignal): Promise<void> {
  const uri = normaliseUri(uriText);
  const shard = args.values.shard === undefined ? WHOLE : parseShard(args.values.shard);
  const index = await LatentIndex.build({ ...indexOptions(args, [folder], signal), fileFilter: (file) => inShard(file, shard), layout: false });
  try {
    const { symbols, vectors, dimensions } = await index.embedding();
    const paths = index.filePaths;
    const hashes = await fileHashes(folder, paths, signal);
    await stageShard(uri, {
      shard,
      model: { fingerprint: index.modelFingerprint, id: index.modelId, dimensions },
      symbols,
      vectors,
      files: paths.flatMap((p) => {
        const hash = hashes.get(p);
        return hash === undefined ? [] : [{ path: p, hash }];
      }),
    });
    clearProgress(args);
    const quiet = args.values.quiet === true;
    if (!quiet) {
      const part = shard.count > 1 ? ` (shard ${shard.index}/${shard.count})` : '';
      process.stderr.write(`latent-map: ${symbols.length} symbols from ${paths.length} files${part} (${index.stats.embedded} embedded) → ${describeUri(uri)}\n`);
    }
    if (args.values.shard === undefined) await layoutInto(args, uri, signal);
  } finally {
    await index.dispose();
  }
}

async function layoutInto(args: Args, uri: string, signal: AbortSignal): Promise<void> {
  const result = await layoutStore(uri, { signal, onProgress: progressPrinter(args.values.quiet === true) });
  clearProgress(args);
  if (args.values.quiet !== true) {
    const sample = result.sampled ? ' (UMAP on a sample, the rest placed among neighbours)' : '';
    process.stderr.write(`latent-map: laid out ${result.symbols} symbols from ${result.files} files in ${result.shards} shard${result.shards === 1 ? '' : 's'}${sample} → ${describeUri(uri)} version ${result.version}\n`);
  }
}

function printResults(index: LatentIndex, target: { key: 'query' | 'target' | 'axis'; value: unknown }, results: RankedSymbol[], json: boolean): void {
  if (json) {
    // The table names files by workspace path; the JSON, with several folders, by folder and relative path.
    process.stdout.write(`${JSON.stringify({ [target.key]: target.value, results: results.map((r) => index.forJson(r)) }, null, 2)}\n`);
    return;
  }
  if (results.length === 0) {
    process.stdout.write('No results.\n');
    return;
  }
  const rows = results.map((r, i) => [String(i + 1), r.score.toFixed(3), r.kind, qualifiedName(r, COLUMN_WIDTH), `${r.file}:${r.line}`]);
  const header = ['#', 'score', 'kind', 'name', 'location'];
  const widths = header.map((h, c) => Math.min(COLUMN_WIDTH, Math.max(h.length, ...rows.map((row) => row[c]!.length))));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : clip(cell, widths[c]!).padEnd(widths[c]!))).join('  ');
  process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
}

/** Widest a table column gets; a long qualified name keeps its own name and loses the start of its container. */
const COLUMN_WIDTH = 60;

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Resolves `file:line` or a symbol name to one symbol id. */
function resolveTarget(index: LatentIndex, target: string): string {
  const match = /^(.*):(\d+)$/.exec(target);
  if (match) {
    const file = match[1]!.replace(/\\/g, '/').replace(/^\.\//, '');
    const symbol = index.symbolAt(file, Number(match[2]));
    if (!symbol) throw new UserError(`no symbol at ${target}`);
    return symbol.id;
  }
  // A name as the result tables print it: `debounce`, or `Command.option` for a method.
  const symbol = index.symbolNamed(target);
  if (!symbol) throw new UserError(`no symbol named "${target}"`);
  return symbol.id;
}

async function run(argv: string[], signal: AbortSignal): Promise<void> {
  const args = parse(argv);
  if (args.values.help || args.command === 'help' || args.command === '') {
    process.stdout.write(`${USAGE}\n`);
    if (args.command === '' && !args.values.help) process.exitCode = 2;
    return;
  }
  const k = positiveInt(args.values.k, '-k', 10);
  const json = args.values.json === true;
  // Every positional before the command's own trailing arguments is a folder.
  let folderTexts: string[] = [];
  let rest: string[] = [];
  const expect = (count: number, what: string): void => {
    const given = args.positionals;
    if (given.length === 0) throw new UsageError('missing <folder>');
    if (given.length < 1 + count) throw new UsageError(`missing ${what}`);
    folderTexts = given.slice(0, given.length - count);
    rest = given.slice(given.length - count);
  };
  if (args.values.shard !== undefined && (args.command !== 'index' || args.values.store === undefined)) {
    throw new UsageError('--shard goes with index --store');
  }
  switch (args.command) {
    case 'layout': {
      if (args.values.store === undefined) throw new UsageError('missing --store <uri>');
      if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
      await layoutInto(args, normaliseUri(args.values.store), signal);
      return;
    }
    case 'index': {
      expect(0, '');
      const folders = await folderArgs(folderTexts);
      if (args.values.store !== undefined) {
        await indexIntoStore(args, oneFolder(folders), args.values.store, signal);
        return;
      }
      const index = await open(args, folders, signal);
      try {
        const text = JSON.stringify(index.toJson());
        if (args.values.out) {
          await writeFileAtomic(path.resolve(args.values.out), text);
          const { stats } = index;
          process.stderr.write(
            `latent-map: ${stats.symbols} symbols from ${stats.files} files (${stats.embedded} embedded) in ${(stats.ms.total / 1000).toFixed(1)} s → ${args.values.out}\n`,
          );
        } else {
          process.stdout.write(`${text}\n`);
        }
      } finally {
        await index.dispose();
      }
      return;
    }
    case 'search':
    case 'neighbours': {
      expect(1, args.command === 'search' ? '<query>' : '<term>');
      const index = await open(args, await folderArgs(folderTexts), signal);
      try {
        const results = args.command === 'search' ? await index.search(rest[0]!, k) : await index.neighbours(rest[0]!, k);
        printResults(index, { key: 'query', value: rest[0]! }, results, json);
      } finally {
        await index.dispose();
      }
      return;
    }
    case 'similar': {
      expect(1, '<file>:<line> or <name>');
      const index = await open(args, await folderArgs(folderTexts), signal);
      try {
        const id = resolveTarget(index, rest[0]!);
        printResults(index, { key: 'target', value: id }, await index.similar(id, k), json);
      } finally {
        await index.dispose();
      }
      return;
    }
    case 'analogy':
    case 'axis': {
      const names = args.command === 'analogy' ? ['<a>', '<b>', '<c>'] : ['<from>', '<to>'];
      expect(names.length, names.slice(Math.max(0, args.positionals.length - 1)).join(' '));
      // Checked before the folder is read: an empty term is a mistake in the command, not in the code.
      rest.forEach((term, i) => {
        if (!term.trim()) throw new UsageError(`${names[i]} is empty: give a symbol name or a few words`);
      });
      const index = await open(args, await folderArgs(folderTexts), signal);
      try {
        if (args.command === 'analogy') {
          const [a, b, c] = rest as [string, string, string];
          printResults(index, { key: 'query', value: { a, b, c } }, await index.analogy(a, b, c, k, {}, signal), json);
        } else {
          const [from, to] = rest as [string, string];
          printResults(index, { key: 'axis', value: { from, to } }, await index.axis(from, to, k, signal), json);
        }
      } finally {
        await index.dispose();
      }
      return;
    }
    case 'export': {
      expect(0, '');
      const format = args.values.format;
      if (format === undefined) throw new UsageError(`missing --format (${EXPORT_FORMATS.join(', ')})`);
      if (!isExportFormat(format)) throw new UsageError(`unknown --format "${format}" (expected ${EXPORT_FORMATS.join(', ')})`);
      if (!args.values.out) throw new UsageError(`missing --out <${format === 'projector' ? 'folder' : 'file'}>`);
      const index = await open(args, await folderArgs(folderTexts), signal);
      try {
        const written = await exportIndex(index, {
          format,
          out: args.values.out,
          // dist/cli.js: the page's bundle beside it, its stylesheet in media/.
          assetRoot: path.resolve(__dirname, '..'),
          neighbours: positiveInt(args.values.k, '-k', DEFAULT_EXPORT_NEIGHBOURS),
          signal,
        });
        if (args.values.quiet !== true) process.stderr.write(`latent-map: ${index.stats.symbols} symbols → ${written.join(', ')}\n`);
      } finally {
        await index.dispose();
      }
      return;
    }
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    await run(process.argv.slice(2), controller.signal);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`latent-map: ${error.message} (see latent-map --help)\n`);
      process.exitCode = 2;
    } else if (error instanceof CancelledError) {
      process.stderr.write('latent-map: cancelled\n');
      process.exitCode = 130;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`latent-map: ${message.split('\n')[0]}\n`);
      if (process.env.LATENT_MAP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = 1;
    }
  }
}

void main();
