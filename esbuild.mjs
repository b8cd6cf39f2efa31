// One build script for every bundle: the CLI, the extension host, the
// workers (embedding, projection, extraction), the webview and the exported
// map page. Types are checked separately by `tsc --noEmit` (see
// package.json), as esbuild only strips them.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// transformers.js reads `import.meta.url` to find its own folder; in a CommonJS
// bundle that is undefined, so it is defined from the bundle's own file name.
const importMetaBanner = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";

/**
 * LanceDB requires Arrow (CommonJS), while our own `import('apache-arrow')`
 * would resolve to Arrow's ES module build: two copies of Arrow's classes in
 * one bundle, whose tables LanceDB refuses ("schemas must be equivalent").
 * Every import of it resolves to the CommonJS build LanceDB uses.
 * @type {esbuild.Plugin}
 */
const oneArrow = {
  name: 'one-arrow',
  setup(build) {
    const cjs = createRequire(import.meta.url).resolve('apache-arrow');
    build.onResolve({ filter: /^apache-arrow$/ }, () => ({ path: cjs }));
  },
};

/** @type {esbuild.BuildOptions} */
const node = {
  plugins: [oneArrow],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Native modules that must stay outside the bundle: onnxruntime-node loads a
  // .node binary relative to its own package. LanceDB's JavaScript (and the
  // Arrow it uses) is bundled; its native library is a package of its own per
  // platform (@lancedb/lancedb-linux-x64-gnu, …), required by name, or a .node
  // file beside it in a development build.
  external: ['vscode', 'onnxruntime-node', '@lancedb/lancedb-*', '*.node'],
  // transformers.js imports sharp at load time but only uses it for images,
  // which Latent Map never reads: a stub keeps sharp's native binaries out of
  // the package (see src/core/embed/sharpStub.ts).
  alias: { sharp: './src/core/embed/sharpStub.ts' },
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: importMetaBanner },
};

/** The webview's options; the exported page's bundle differs only in its host. */
const browser = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/**
 * The page of an exported map (src/core/export/html.ts) is the webview's
 * own, with its host answered in the page: webview/main.ts's './vscode'
 * resolves to webview/standalone.ts. Inlined into one file, so no source map.
 * @type {esbuild.Plugin}
 */
const standaloneHost = {
  name: 'standalone-host',
  setup(build) {
    build.onResolve({ filter: /^\.\/vscode$/ }, (args) =>
      args.importer.endsWith(path.join('webview', 'main.ts')) ? { path: path.resolve('webview/standalone.ts') } : undefined,
    );
  },
};

const builds = [
  { ...node, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node\n' + importMetaBanner } },
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { 'embed-worker': 'src/core/embed/worker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { 'project-worker': 'src/core/project/worker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { 'extract-worker': 'src/core/extract/worker.ts' }, outdir: 'dist' },
  { ...browser, entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist' },
  { ...browser, sourcemap: false, entryPoints: { 'map-standalone': 'webview/main.ts' }, outdir: 'dist', plugins: [standaloneHost] },
];

mkdirSync('dist', { recursive: true });
if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
