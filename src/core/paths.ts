// Where the package's own files are, whether this code runs from the bundles in
// dist/ (CLI, extension, workers) or from src/ under tsx (tests). The
// package root is the nearest folder above this file holding package.json.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Latent Map: no package.json above ${__dirname}`);
    dir = parent;
  }
}

/** A bundled worker script: always the built file in dist/, so tests run the shipped code. */
export function workerScript(name: 'embed-worker' | 'project-worker' | 'extract-worker'): string {
  const file = path.join(packageRoot(), 'dist', `${name}.js`);
  if (!existsSync(file)) throw new Error(`Latent Map: ${file} is missing; run \`npm run build\` first.`);
  return file;
}

/** The built-in model folder (made by scripts/build-model.mjs). */
export function builtinModelDir(): string {
  return path.join(packageRoot(), 'models', 'builtin');
}

/** tree-sitter.wasm and the grammar .wasm files shipped by @vscode/tree-sitter-wasm. */
export function grammarDir(): string {
  return path.join(packageRoot(), 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
}
