// A stand-in extension host for the map page, run in the browser before
// dist/webview.js by the render benchmark and the dev harness (bench/render.ts).
// It provides acquireVsCodeApi, answers the page's requests from a synthetic
// map of N symbols, and records what the page asked for so the driver can check.
import type { Cluster, MapSymbol, RankedSymbol, SymbolKind } from '../src/core/types';
import { mapMessageFor } from '../src/shared/columns';
import type { FromWebviewMessage, ToWebviewMessage } from '../src/shared/protocol';

interface HarnessLog {
  /** The map message the host sends on `ready`, for tests to send again. */
  mapMessage: ToWebviewMessage;
  received: FromWebviewMessage[];
  opened: string[];
  state: unknown;
  post: (m: unknown) => void;
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 3000);
const seed = Number(params.get('seed') ?? 7);
// Like the real host, remember the colouring the page asked for (ColourByRequest).
const colourBy = (sessionStorage.getItem('lm-colourBy') ?? params.get('colourBy') ?? 'folder') as 'folder' | 'kind' | 'cluster';
const themeClass = params.get('theme') ?? 'vscode-dark';

document.body.classList.add(themeClass);
if (params.get('bench') === '1') (globalThis as Record<string, unknown>).__LATENT_MAP_BENCH__ = { frames: [] };

/** mulberry32: a tiny seeded generator so every run draws the same map. */
function rng(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(seed);
function gauss(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(random() * xs.length)];
}

// Topics as a codebase might have them: a cluster label and the words its names use.
const TOPICS: readonly [string, readonly string[]][] = [
  ['http requests', ['http', 'request', 'response', 'header', 'fetch', 'url']],
  ['parsing', ['parse', 'token', 'lexer', 'syntax', 'node', 'ast']],
  ['cache', ['cache', 'evict', 'entry', 'lru', 'store', 'hash']],
  ['file system', ['file', 'path', 'read', 'write', 'dir', 'stat']],
  ['configuration', ['config', 'option', 'setting', 'default', 'env', 'load']],
  ['logging', ['log', 'logger', 'level', 'format', 'sink', 'trace']],
  ['tests', ['test', 'fixture', 'expect', 'mock', 'suite', 'assert']],
  ['rendering', ['render', 'draw', 'canvas', 'layer', 'paint', 'frame']],
  ['user accounts', ['user', 'account', 'login', 'session', 'token', 'auth']],
  ['database', ['query', 'table', 'row', 'column', 'index', 'migrate']],
  ['events', ['event', 'emit', 'listener', 'handler', 'dispatch', 'subscribe']],
  ['math', ['vector', 'matrix', 'scale', 'norm', 'dot', 'angle']],
  ['strings', ['string', 'split', 'trim', 'escape', 'encode', 'utf8']],
  ['dates', ['date', 'time', 'zone', 'format', 'duration', 'parse']],
  ['errors', ['error', 'retry', 'fail', 'recover', 'throw', 'wrap']],
  ['scheduling', ['task', 'queue', 'schedule', 'worker', 'job', 'timer']],
  ['images', ['image', 'pixel', 'resize', 'crop', 'color', 'blend']],
  ['commands', ['command', 'argv', 'flag', 'help', 'usage', 'run']],
  ['serialisation', ['json', 'serialize', 'decode', 'schema', 'field', 'buffer']],
  ['networking', ['socket', 'connect', 'packet', 'stream', 'port', 'close']],
  ['state', ['state', 'reducer', 'action', 'store', 'select', 'update']],
  ['graphs', ['graph', 'edge', 'vertex', 'path', 'visit', 'sort']],
  ['security', ['crypto', 'sign', 'verify', 'key', 'cipher', 'nonce']],
  ['plugins', ['plugin', 'register', 'hook', 'module', 'resolve', 'load']],
];
const VERBS = ['get', 'set', 'make', 'create', 'build', 'handle', 'to', 'from', 'is', 'has', 'apply', 'check'];
const FOLDERS = ['src/core', 'src/server', 'src/client', 'lib', 'test', 'tools', 'packages/ui', 'packages/api'];
const KINDS: readonly SymbolKind[] = ['function', 'function', 'function', 'method', 'method', 'method', 'class', 'interface', 'type', 'enum'];
const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

function makeMap(count: number): { symbols: MapSymbol[]; clusters: Cluster[]; regions: Cluster[] } {
  const topics = TOPICS.slice(0, Math.max(3, Math.min(TOPICS.length, Math.round(Math.sqrt(count) / 2))));
  // Clusters of uneven size and shape, like a UMAP layout: 1–3 elongated blobs each.
  const shapes = topics.map(() => ({
    cx: random() * 20 - 10,
    cy: random() * 14 - 7,
    weight: 0.3 + random() * random() * 3,
    blobs: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      dx: gauss() * 0.9,
      dy: gauss() * 0.9,
      sx: 0.25 + random() * 0.7,
      sy: 0.2 + random() * 0.5,
      rot: random() * Math.PI,
    })),
    folder: pick(FOLDERS),
  }));
  const total = shapes.reduce((a, s) => a + s.weight, 0);
  const symbols: MapSymbol[] = [];
  const counts = new Map<string, number>();
  const distinct = count > 200_000;
  for (let i = 0; i < count; i++) {
    let r = random() * total;
    let c = 0;
    while (r > shapes[c].weight && c < shapes.length - 1) r -= shapes[c++].weight;
    const shape = shapes[c];
    const [, words] = topics[c];
    const blob = pick(shape.blobs);
    const u = gauss() * blob.sx;
    const v = gauss() * blob.sy;
    const x = shape.cx + blob.dx + u * Math.cos(blob.rot) - v * Math.sin(blob.rot);
    const y = shape.cy + blob.dy + u * Math.sin(blob.rot) + v * Math.cos(blob.rot);
    const kind = pick(KINDS);
    const a = pick(words);
    const b = pick(words);
    const word =
      kind === 'class' || kind === 'interface' || kind === 'type' || kind === 'enum'
        ? cap(a) + cap(b) + (kind === 'interface' ? 'Options' : '')
        : pick(VERBS) + cap(a) + cap(b);
    // The topic words make a few thousand distinct names: above that, numbered
    // names keep every symbol its own point (identical copies draw as one),
    // so a million symbols are a million points.
    const name = distinct ? `${word}${i}` : word;
    // Mostly the topic's own folder, sometimes elsewhere, as real code is.
    const folder = random() < 0.8 ? shape.folder : pick(FOLDERS);
    const file = `${folder}/${a}${cap(b)}.ts`;
    const base = `${file}#${name}`;
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    symbols.push({
      id: seen ? `${base}@${seen}` : base,
      name,
      kind,
      container: kind === 'method' ? cap(a) + 'Service' : '',
      file,
      line: 1 + Math.floor(random() * 400),
      endLine: 0,
      comment: random() < 0.6 ? `${cap(pick(VERBS))}s the ${a} ${b}.\nMore detail here.` : '',
      x,
      y,
      cluster: c,
      region: c,
    });
  }
  const clusters = topics.map(([label], id) => {
    const members = symbols.filter((s) => s.cluster === id);
    return {
      id,
      label,
      size: members.length,
      x: members.reduce((a, s) => a + s.x, 0) / Math.max(1, members.length),
      y: members.reduce((a, s) => a + s.y, 0) / Math.max(1, members.length),
      level: 0,
      parent: -1,
    };
  });
  return { symbols: symbols.map((s) => ({ ...s, endLine: s.line + 5 })), clusters, regions: clusters };
}

// A real map (bench/render.ts --map file.json) or a synthetic one of n symbols.
const real = (globalThis as { __MAP_JSON__?: { symbols: MapSymbol[]; clusters: Cluster[]; regions?: Cluster[]; model: { id: string; dimensions: number } } })
  .__MAP_JSON__;
const map = real ? { symbols: real.symbols, clusters: real.clusters, regions: real.regions ?? real.clusters } : makeMap(n);
const modelInfo = real?.model ?? { id: 'builtin (GloVe 100d)', dimensions: 100 };
if (params.get('hostile') === '1') map.symbols.push(...hostileSymbols());

/** Names, comments and paths from issue 5's hostile workspace: they must show as text. */
function hostileSymbols(): MapSymbol[] {
  const nasty = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '"quoted" \'single\' </div></li>',
    'admin\u202Egnp.exe',
    'zero\u200Bwidth',
    '😀 emoji 🧪',
    'x'.repeat(10_000),
  ];
  return nasty.map((name, i) => ({
    id: `evil/${i}.ts#${name}`,
    name,
    kind: 'function',
    container: i === 2 ? '<b>Container</b>' : '',
    file: `evil/<svg onload="window.__pwned=3">${i}.ts`,
    line: i + 1,
    endLine: i + 2,
    comment: `<iframe src="javascript:window.__pwned=4"></iframe> comment ${i}`,
    x: 0.3 * i,
    y: 0,
    cluster: 0,
    region: 0,
  }));
}

function rank(s: MapSymbol, score: number): RankedSymbol {
  return { id: s.id, name: s.name, kind: s.kind, container: s.container, file: s.file, line: s.line, score };
}

function neighboursOf(id: string, k: number): RankedSymbol[] {
  const me = map.symbols.find((s) => s.id === id);
  if (!me) return [];
  const best: { s: MapSymbol; d: number }[] = [];
  for (const s of map.symbols) {
    if (s === me) continue;
    const d = Math.hypot(s.x - me.x, s.y - me.y);
    if (best.length < k || d < best[best.length - 1].d) {
      best.push({ s, d });
      best.sort((a, b) => a.d - b.d);
      if (best.length > k) best.pop();
    }
  }
  return best.map(({ s, d }) => rank(s, Math.max(0, 1 - d / 4)));
}

function search(query: string): RankedSymbol[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: RankedSymbol[] = [];
  for (const s of map.symbols) {
    const hay = `${s.name} ${s.comment}`.toLowerCase();
    const hits = words.filter((w) => hay.includes(w)).length;
    if (hits > 0) scored.push(rank(s, hits / words.length));
    if (scored.length > 2000) break;
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, 20);
}

function post(m: ToWebviewMessage | unknown): void {
  window.postMessage(m, '*');
}

// As the extension sends it: a big map as columns.
const mapMessage: ToWebviewMessage = mapMessageFor({ root: '/work/demo', model: modelInfo, ...map });
const log: HarnessLog = { mapMessage, received: [], opened: [], state: JSON.parse(sessionStorage.getItem('lm-state') ?? 'null'), post };
(globalThis as Record<string, unknown>).__harness = log;

(globalThis as Record<string, unknown>).acquireVsCodeApi = () => ({
  postMessage(m: FromWebviewMessage) {
    log.received.push(m);
    // Answer asynchronously, as the real host does.
    setTimeout(() => {
      switch (m.type) {
        case 'ready':
          post({ type: 'settings', colourBy, neighbours: 8 });
          post({ type: 'status', state: 'ready', message: `Indexed ${map.symbols.length.toLocaleString('en-US')} symbols in 1.2 s` });
          post(mapMessage);
          break;
        case 'neighbours':
          post({ type: 'neighbours', requestId: m.requestId, id: m.id, results: neighboursOf(m.id, 8) });
          break;
        case 'search':
          post({ type: 'searchResults', requestId: m.requestId, query: m.query, results: search(m.query) });
          break;
        case 'open':
          log.opened.push(m.id);
          break;
        case 'colourBy':
          sessionStorage.setItem('lm-colourBy', m.value);
          break;
      }
    }, 5);
  },
  getState: () => log.state,
  setState: (s: unknown) => {
    log.state = s;
    sessionStorage.setItem('lm-state', JSON.stringify(s));
  },
});
