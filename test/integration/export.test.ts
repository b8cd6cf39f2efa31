// `latent-map export`: the index document, Embedding Projector files, and a
// self-contained HTML page opened in Chromium with the network cut off.
// Fails where Chromium is not installed (npm test installs it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../../bench/render-harness';
import { PROJECTOR_COLUMNS } from '../../src/core/export';
import type { MapJson, RankedSymbol } from '../../src/core/types';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: string[]): Run {
  const run = cli(args);
  assert.equal(run.status, 0, run.stderr);
  return run;
}

/** The map without what differs between two runs (timings, how much was embedded, whether the layout was made or saved). */
function stable(map: MapJson): unknown {
  return { ...map, stats: { ...map.stats, embedded: 0, ms: {}, layout: undefined } };
}

describe('latent-map export', () => {
  let work: string;
  let folder: string;
  let cacheDir: string;
  let map: MapJson;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lm-export-'));
    folder = path.join(work, 'repo');
    cpSync(FIXTURE, folder, { recursive: true });
    cacheDir = path.join(work, 'cache');
    ok(['index', folder, '--cache-dir', cacheDir, '--out', path.join(work, 'index.json'), '--quiet']);
    map = JSON.parse(readFileSync(path.join(work, 'index.json'), 'utf8')) as MapJson;
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  test('json writes the document index --out writes', () => {
    ok(['export', folder, '--format', 'json', '--out', path.join(work, 'export.json'), '--cache-dir', cacheDir, '--quiet']);
    const exported = JSON.parse(readFileSync(path.join(work, 'export.json'), 'utf8')) as MapJson;
    assert.ok(exported.symbols.length > 5);
    assert.deepEqual(stable(exported), stable(map));
  });

  test('projector writes vectors.tsv and metadata.tsv that parse, a row per symbol each, in the same order, with the model\'s dimensions', () => {
    const out = path.join(work, 'projector', 'nested');
    ok(['export', folder, '--format', 'projector', '--out', out, '--cache-dir', cacheDir, '--quiet']);
    // Rows end in a newline; a row's last field may be empty (a symbol in no region), so nothing else is trimmed.
    const rows = (name: string) => readFileSync(path.join(out, name), 'utf8').replace(/\n$/, '').split('\n').map((row) => row.split('\t'));
    const vectors = rows('vectors.tsv').map((row) => row.map(Number));
    const metadata = rows('metadata.tsv');
    assert.equal(vectors.length, map.symbols.length);
    assert.equal(metadata.length, map.symbols.length + 1);
    assert.deepEqual(metadata[0], [...PROJECTOR_COLUMNS]);
    for (const row of vectors) {
      assert.equal(row.length, map.model.dimensions);
      assert.ok(row.every(Number.isFinite));
      // The model's vectors are normalised.
      assert.ok(Math.abs(Math.hypot(...row) - 1) < 1e-3);
    }
    metadata.slice(1).forEach((row, i) => {
      const s = map.symbols[i]!;
      assert.equal(row.length, PROJECTOR_COLUMNS.length);
      assert.deepEqual(row.slice(0, 4), [s.name, s.kind, s.file, String(s.line)]);
      assert.equal(row[4], map.clusters.find((c) => c.id === s.cluster)?.label ?? '');
    });
  });

  test('bad input gets a one-line error naming the problem and exit code 2', () => {
    const out = path.join(work, 'never');
    for (const [args, says] of [
      [['export', folder, '--format', 'png', '--out', out], /unknown --format "png" \(expected json, projector, html\)/],
      [['export', folder, '--out', out], /missing --format/],
      [['export', folder, '--format', 'html'], /missing --out/],
      [['export', folder, 'extra', '--format', 'json', '--out', out], /unexpected argument "extra"/],
    ] as const) {
      const run = cli([...args, '--cache-dir', cacheDir]);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, says);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
    assert.match(cli(['--help']).stdout, /export <folder> --format/);
  });

  describe('html', () => {
    let browser: Browser | undefined;
    let file: string;

    before(async () => {
      browser = await launchChromium();
      if (!browser) throw new Error('the HTML export tests need Chromium at /usr/bin/chromium (apt-get install -y chromium; npm test installs it)');
      file = path.join(work, 'out', 'map.html');
      ok(['export', folder, '--format', 'html', '--out', file, '--cache-dir', cacheDir, '--quiet']);
    });

    after(async () => browser?.close());

    /** Opens the file with every request but the file itself refused, recording what was asked and what the console said. */
    async function openOffline(): Promise<{ page: Page; requests: string[]; errors: string[] }> {
      const context = await browser!.newContext({ viewport: { width: 1000, height: 700 } });
      // See bench/render-harness.ts: tsx's keepNames helper, which the page lacks.
      await context.addInitScript('globalThis.__name = (f) => f;');
      const requests: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        return url === `file://${file}` ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${file}`);
      await page.waitForFunction(() => (document.getElementById('summary')?.textContent ?? '') !== '', null, { timeout: 30_000 });
      await page.waitForTimeout(500);
      return { page, requests, errors };
    }

    test('the file opens offline, draws every symbol, and asks for nothing beyond itself', async () => {
      const { page, requests, errors } = await openOffline();
      assert.equal(await page.evaluate(() => Number(document.getElementById('canvas')!.dataset.drawn)), map.symbols.length);
      assert.match((await page.locator('#status').textContent()) ?? '', /^repo · builtin · exported \d{4}-\d\d-\d\d$/);
      assert.equal(await page.title(), 'Latent Map · repo');
      assert.deepEqual(requests, [`file://${file}`]);
      assert.deepEqual(errors, [], 'no CSP violation or script error');
      assert.ok(!readFileSync(file, 'utf8').includes(folder), 'the exporting machine\'s path is not in the file');
      await page.context().close();
    });

    test('its search finds a symbol by its name, first', async () => {
      const { page, errors } = await openOffline();
      await page.locator('#search').fill('parseHttpResponse');
      await page.locator('#results .result').first().waitFor();
      assert.equal(await page.locator('#results .result .result-name').first().textContent(), 'parseHttpResponse');
      await page.locator('#search').fill('remove duplicates');
      await page.locator('#results .result-name', { hasText: 'remove_duplicates' }).first().waitFor();
      assert.deepEqual(errors, []);
      await page.context().close();
    });

    test('hovering a point lists its similar symbols as the CLI does, in the same order, with the same scores', async () => {
      const { page } = await openOffline();
      const candidates = await page.evaluate(() => {
        const canvas = document.getElementById('canvas') as HTMLCanvasElement;
        const { width, height } = canvas;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        const box = canvas.getBoundingClientRect();
        const scale = width / box.width;
        const found: { x: number; y: number }[] = [];
        for (let i = 0; i < width * height; i += 7) if (pixels[i * 4 + 3] === 255) found.push({ x: box.left + (i % width) / scale, y: box.top + Math.floor(i / width) / scale });
        return found;
      });
      let location = '';
      for (const c of candidates) {
        await page.mouse.move(c.x, c.y);
        if (await page.locator('#tooltip').isVisible()) {
          location = (await page.locator('.tt-loc').textContent()) ?? '';
          break;
        }
      }
      assert.match(location, /:\d+$/, 'a point shows a tooltip');
      await page.locator('.tt-neighbours li').first().waitFor();
      const shown = await page.locator('.tt-neighbours li').evaluateAll((items) =>
        items.map((li) => `${li.querySelector('.tt-nname')!.textContent} ${li.querySelector('.tt-score')!.textContent}`),
      );
      const printed = JSON.parse(ok(['similar', folder, location, '-k', '8', '--json', '--cache-dir', cacheDir, '--quiet']).stdout) as { results: RankedSymbol[] };
      assert.deepEqual(shown, printed.results.map((r) => `${r.name} ${r.score.toFixed(2)}`));
      await page.context().close();
    });
  });
});
