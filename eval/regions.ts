// How well the map's top-level regions agree with groupings people made:
// three.js's `src/` folders (math, cameras, lights, materials, geometries,
// loaders, renderers, nodes, …) and d3's modules (d3-array, d3-scale,
// d3-shape, … indexed together in one folder). Each symbol's group is its
// folder or module; agreement with its top-level region is reported as NMI
// and adjusted Rand index over the symbols in a region. Then the number of
// top-level regions for workspaces of about 100, 500 and 5k symbols (and
// 20k, 100k with --large). Run by `npm run eval`; writes eval/REGIONS.md.
//
//   node --import tsx eval/regions.ts [--large]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { MapJson } from '../src/core/types';
import { packageSource } from './sources';

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.cache', 'eval');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const large = process.argv.includes('--large');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-eval-regions-'));

// Versions whose tarballs still ship `src/` (later patch releases publish dist/ only).
const D3_MODULES = ['d3-array@3.2.4', 'd3-scale@4.0.2', 'd3-shape@3.2.0', 'd3-geo@3.1.1', 'd3-force@3.0.0', 'd3-hierarchy@3.1.2', 'd3-color@3.1.0', 'd3-interpolate@3.0.1', 'd3-selection@3.0.0', 'd3-zoom@3.0.0', 'd3-time-format@4.1.0', 'd3-dsv@3.0.1'];

function index(folder: string): MapJson {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, 'index', folder, '--model', 'builtin', '--cache-dir', cacheDir, '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`latent-map index ${folder} failed: ${result.stderr}`);
  const map = JSON.parse(result.stdout) as MapJson;
  process.stderr.write(`[regions] ${path.basename(folder)}: ${map.symbols.length} symbols, ${map.clusters.length} top-level regions (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return map;
}

/** NMI (arithmetic normalisation) and adjusted Rand index of two labellings. */
export function agreement(a: readonly string[], b: readonly string[]): { nmi: number; ari: number } {
  const n = a.length;
  const joint = new Map<string, number>();
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    joint.set(`${a[i]}\u0000${b[i]}`, (joint.get(`${a[i]}\u0000${b[i]}`) ?? 0) + 1);
    ca.set(a[i]!, (ca.get(a[i]!) ?? 0) + 1);
    cb.set(b[i]!, (cb.get(b[i]!) ?? 0) + 1);
  }
  const h = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
  }
  const ha = h(ca);
  const hb = h(cb);
  const nmi = ha + hb > 0 ? (2 * mi) / (ha + hb) : 1;
  const pairs = (c: number) => (c * (c - 1)) / 2;
  const sumJ = [...joint.values()].reduce((s, c) => s + pairs(c), 0);
  const sumA = [...ca.values()].reduce((s, c) => s + pairs(c), 0);
  const sumB = [...cb.values()].reduce((s, c) => s + pairs(c), 0);
  const expected = (sumA * sumB) / pairs(n);
  const ari = (sumJ - expected) / ((sumA + sumB) / 2 - expected);
  return { nmi, ari };
}

function groundTruth(map: MapJson, group: (file: string) => string) {
  const inRegion = map.symbols.filter((s) => s.cluster >= 0);
  const truth = inRegion.map((s) => group(s.file));
  const found = inRegion.map((s) => String(s.cluster));
  // A baseline with the same number of regions: symbols dealt into groups by position in the file list (no meaning at all).
  const sorted = inRegion.map((s, i) => ({ s, i })).sort((x, y) => (x.s.file < y.s.file ? -1 : 1));
  const k = map.clusters.length;
  const dealt = new Array<string>(inRegion.length);
  sorted.forEach(({ i }, rank) => (dealt[i] = String(rank % k)));
  return { ...agreement(truth, found), chance: agreement(truth, dealt), groups: new Set(truth).size, covered: inRegion.length / map.symbols.length };
}

function d3Workspace(): string {
  const folder = path.join(CACHE, 'regions-d3');
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true });
    for (const spec of D3_MODULES) cpSync(path.join(packageSource(CACHE, spec), 'src'), path.join(folder, spec.split('@')[0]!), { recursive: true });
  }
  return folder;
}

const rows: string[] = [];
const three = path.join(packageSource(CACHE, 'three@0.170.0'), 'src');
const threeMap = index(three);
const threeScore = groundTruth(threeMap, (file) => file.split('/')[0]!);
const d3Map = index(d3Workspace());
const d3Score = groundTruth(d3Map, (file) => file.split('/')[0]!);
for (const [name, map, s] of [
  ['three.js `src/` folders', threeMap, threeScore],
  [`d3 modules (${D3_MODULES.length})`, d3Map, d3Score],
] as const) {
  rows.push(`| ${name} | ${map.symbols.length} | ${s.groups} | ${map.clusters.length} | ${(s.covered * 100).toFixed(0)} % | ${s.nmi.toFixed(3)} | ${s.ari.toFixed(3)} | ${s.chance.nmi.toFixed(3)} |`);
}

const sizes: [string, string][] = [
  ['d3-array `src/`', path.join(packageSource(CACHE, 'd3-array@3.2.4'), 'src')],
  ['rxjs `dist/esm/internal`', path.join(packageSource(CACHE, 'rxjs@7.8.2'), 'dist', 'esm', 'internal')],
  ['three.js `src/`', three],
];
if (large) {
  sizes.push(['monaco-editor `esm`', path.join(packageSource(CACHE, 'monaco-editor@0.57.0'), 'esm')]);
  const big = path.join(CACHE, 'regions-100k');
  if (!existsSync(big)) {
    for (const spec of ['@babylonjs/core@9.35.0', 'monaco-editor@0.57.0', 'three@0.170.0', 'date-fns@4.1.0']) {
      cpSync(packageSource(CACHE, spec), path.join(big, spec.replace(/[@/]/g, '_')), { recursive: true });
    }
  }
  sizes.push(['@babylonjs/core + monaco-editor + three + date-fns', big]);
}
const countRows: string[] = [];
for (const [name, folder] of sizes) {
  const map = folder === three ? threeMap : index(folder);
  const levels = [0, 1, 2].map((l) => map.regions.filter((r) => r.level === l).length);
  const named = map.clusters.filter((c) => c.label).length;
  countRows.push(`| ${name} | ${map.symbols.length} | ${map.clusters.length} (${named} named) | ${levels[1]} | ${levels[2]} | ${map.clusters.slice(0, 6).map((c) => c.label).join(' · ')} |`);
}

const report = `# Regions against groupings people made

\`node --import tsx eval/regions.ts${large ? ' --large' : ''}\` (part of \`npm run eval\`), built-in model.
Each symbol's group is its folder (three.js) or module (d3); NMI and adjusted
Rand index compare it with the symbol's top-level region, over the symbols in
a region. "chance" deals the same symbols into as many groups in file order.

| ground truth | symbols | groups | top-level regions | in a region | NMI | ARI | NMI by chance |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Regions per level by workspace size:

| workspace | symbols | top level | level 1 | level 2 | largest top-level regions |
|---|---:|---:|---:|---:|---|
${countRows.join('\n')}
`;
writeFileSync(path.join(ROOT, 'eval', 'REGIONS.md'), report);
process.stdout.write(report);
