// The code the benchmarks read: the sources of published npm packages,
// fetched once with `npm pack` (pinned versions) into .cache/bench/ and
// copied into one folder per size. Shared by bench/run.ts and
// bench/stability.ts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../src/core/paths';

export const CACHE = path.join(packageRoot(), '.cache', 'bench');

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Pinned, so every run reads the same code. Folders are inside the unpacked package. */
interface Source {
  readonly spec: string;
  readonly folders: readonly string[];
}
const LODASH: Source = { spec: 'lodash@4.18.1', folders: ['.'] };
const THREE_SRC: Source = { spec: 'three@0.187.0', folders: ['src'] };
const THREE: Source = { spec: 'three@0.187.0', folders: ['.'] };
const MONACO_ESM: Source = { spec: 'monaco-editor@0.57.0', folders: ['esm'] };
const MONACO: Source = { spec: 'monaco-editor@0.57.0', folders: ['.'] };
const BABYLON: Source = { spec: '@babylonjs/core@9.35.0', folders: ['.'] };
const DATE_FNS: Source = { spec: 'date-fns@4.4.0', folders: ['.'] };

/** Symbol counts measured with this extractor: 1.1k, ~5.5k, ~21k, ~103k. */
export const CORPORA: Record<string, readonly Source[]> = {
  '1k': [LODASH],
  '5k': [THREE_SRC],
  '20k': [MONACO_ESM],
  '100k': [BABYLON, MONACO, THREE, DATE_FNS],
};

function fetchPackage(spec: string): string {
  const tarballs = path.join(CACHE, 'tarballs');
  const packages = path.join(CACHE, 'packages');
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(packages, { recursive: true });
  const folderName = spec.replace(/^@/, '').replace(/[/@]/g, '-');
  const target = path.join(packages, folderName);
  if (existsSync(path.join(target, 'package.json'))) return target;
  log(`fetching ${spec} with npm pack`);
  const file = execFileSync('npm', ['pack', spec, '--silent'], { cwd: tarballs, encoding: 'utf8' }).trim().split('\n').pop()!;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(tarballs, file), '-C', target, '--strip-components=1']);
  return target;
}

export function corpusFolder(size: string): string {
  const folder = path.join(CACHE, 'corpus', size);
  if (existsSync(path.join(folder, '.complete'))) return folder;
  rmSync(folder, { recursive: true, force: true });
  for (const source of CORPORA[size]!) {
    const unpacked = fetchPackage(source.spec);
    for (const sub of source.folders) {
      const to = path.join(folder, path.basename(unpacked), sub);
      mkdirSync(path.dirname(to), { recursive: true });
      cpSync(path.join(unpacked, sub), to, { recursive: true });
    }
  }
  writeFileSync(path.join(folder, '.complete'), '');
  return folder;
}

