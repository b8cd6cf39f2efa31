// A million-symbol map in the real page (bench/render-host.ts as the host,
// headless Chromium, as webview-page.test.ts): it arrives as columns, shows
// its density at Fit, its points once zoomed in, and hovering finds a symbol
// either way. Fails where Chromium is not installed (npm test installs it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, serve } from '../../bench/render-harness';

let browser: Browser | undefined;
let server: Server | undefined;
let base = '';

before(async () => {
  browser = await launchChromium();
  if (!browser) throw new Error('the map page tests need Chromium at /usr/bin/chromium (apt-get install -y chromium; npm test installs it)');
  ({ server, base } = await serve());
});

after(async () => {
  await browser?.close();
  server?.close();
});

const canvasState = (page: Page): Promise<{ mode: string; drawn: number }> =>
  page.evaluate(() => {
    const c = document.getElementById('canvas')!;
    return { mode: c.dataset.mode ?? '', drawn: Number(c.dataset.drawn) };
  });

/** Opacity levels among the canvas's painted pixels, and places (page coordinates) of the most opaque ones. */
const pixels = (page: Page): Promise<{ alphas: number; painted: number; solid: { x: number; y: number }[] }> =>
  page.evaluate(() => {
    const canvas = document.getElementById('canvas') as HTMLCanvasElement;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    const box = canvas.getBoundingClientRect();
    const levels = new Set<number>();
    let painted = 0;
    let top = 0;
    for (let i = 0; i < width * height; i++) {
      const a = data[i * 4 + 3];
      if (a === 0) continue;
      painted++;
      levels.add(a);
      top = Math.max(top, a);
    }
    // The most opaque pixels: where points are densest (the density is drawn smoothed, so few reach full opacity).
    const solid: number[] = [];
    for (let i = 0; i < width * height; i++) if (data[i * 4 + 3] >= top * 0.9) solid.push(i);
    const step = Math.max(1, Math.floor(solid.length / 30));
    const places: { x: number; y: number }[] = [];
    for (let j = 0; j < solid.length; j += step) places.push({ x: box.left + (solid[j] % width) * (box.width / width), y: box.top + Math.floor(solid[j] / width) * (box.height / height) });
    return { alphas: levels.size, painted, solid: places };
  });

async function hoverFindsASymbol(page: Page, places: { x: number; y: number }[]): Promise<string> {
  for (const p of places) {
    await page.mouse.move(p.x, p.y);
    if (await page.locator('#tooltip').isVisible()) return (await page.locator('#tooltip .tt-name').textContent()) ?? '';
  }
  throw new Error('no symbol found under the mouse');
}

test('a million-symbol map arrives as columns, shows density at Fit and points zoomed in, and hover finds a symbol in both', async () => {
  const { page, errors } = await openPage(browser!, base, { n: 1_000_000, theme: 'dark', colourBy: 'cluster', width: 1000, height: 700 });
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __harness: { mapMessage: { type: string } } }).__harness.mapMessage.type), 'mapColumns');
  assert.match((await page.locator('#summary').textContent()) ?? '', /1,000,000 symbols/);

  const fit = await canvasState(page);
  assert.equal(fit.mode, 'density', 'at Fit a million points are drawn as their density');
  assert.equal(fit.drawn, 1_000_000, 'every symbol counts towards it');
  const atFit = await pixels(page);
  assert.ok(atFit.alphas > 20, `density shows as many shades of opacity, not one flat colour (${atFit.alphas})`);
  assert.ok(atFit.painted > 20_000, `the map covers much of the view (${atFit.painted} pixels)`);
  const nameAtFit = await hoverFindsASymbol(page, atFit.solid);
  assert.ok(nameAtFit.length > 0, 'hover over the density names a symbol');
  assert.ok(await page.locator('.cluster-label.region').count() > 0, 'region names stay over the density');

  // Zoom in around the middle of the view until few enough points are in view to draw them.
  await page.mouse.move(500, 380);
  for (let i = 0; i < 40 && (await canvasState(page)).mode !== 'points'; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(120);
  }
  const zoomed = await canvasState(page);
  assert.equal(zoomed.mode, 'points', 'zoomed in, the points themselves are drawn');
  assert.ok(zoomed.drawn > 0 && zoomed.drawn < 1_000_000, `only the points in view are drawn (${zoomed.drawn})`);
  const close = await pixels(page);
  assert.ok(close.solid.length > 0, 'the points are drawn');
  const nameZoomed = await hoverFindsASymbol(page, close.solid);
  assert.ok(nameZoomed.length > 0, 'hover over a point names its symbol');

  // Back to Fit: density again.
  await page.locator('#fit').click();
  await page.waitForFunction(() => document.getElementById('canvas')!.dataset.mode === 'density', null, { timeout: 20_000 });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a small map still arrives symbol by symbol and draws every point, and takes a layout as a Float32Array', async () => {
  const { page, errors } = await openPage(browser!, base, { n: 400, theme: 'dark', width: 1000, height: 700 });
  assert.equal(await page.evaluate(() => (globalThis as unknown as { __harness: { mapMessage: { type: string } } }).__harness.mapMessage.type), 'map');
  const state = await canvasState(page);
  assert.equal(state.mode, 'points');
  assert.ok(state.drawn > 300 && state.drawn <= 400, `every distinct point (${state.drawn})`);
  // An intermediate layout as the host now sends it, a Float32Array: the points move, none is lost.
  const picture = (): Promise<string> => page.evaluate(() => (document.getElementById('canvas') as HTMLCanvasElement).toDataURL());
  const before = await picture();
  await page.evaluate(() => {
    const h = (globalThis as unknown as { __harness: { mapMessage: { map: { symbols: { x: number; y: number }[] } }; post(m: unknown): void } }).__harness;
    const symbols = h.mapMessage.map.symbols;
    const xy = new Float32Array(symbols.length * 2);
    symbols.forEach((s, i) => {
      xy[2 * i] = s.y;
      xy[2 * i + 1] = -s.x;
    });
    h.post({ type: 'layout', xy });
  });
  await page.waitForTimeout(1200);
  assert.notEqual(await picture(), before, 'the map shows the new layout');
  assert.equal((await canvasState(page)).drawn, state.drawn);
  assert.deepEqual(errors, []);
  await page.context().close();
});
