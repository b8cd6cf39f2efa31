// Render benchmark and dev harness for the map webview (issue 4, point 4).
//
//   npm run bench:render                 100k points: frame times while panning/zooming, hover hit-test time
//   npm run bench:render -- --n 50000    another size (--dpr 2 for a HiDPI screen)
//   npm run bench:render -- --screenshots   also write screenshots (dark, light, high contrast) to bench/results/render/
//   npm run bench:render -- --screenshots-1m   also a million-point map: at Fit (density), zoomed in, at its points
//   npm run bench:render -- --serve      serve the harness page and print its URL (open it in a browser)
//   npm run bench:render -- --map m.json screenshots of a real map (from `latent-map index <dir> --out m.json`)
//
// The page is the real one: renderMapHtml + dist-style bundle of webview/main.ts,
// with bench/render-host.ts standing in for the extension host. Headless
// Chromium from Debian (/usr/bin/chromium) through playwright-core.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, serve } from './render-harness';
import { prepareStamp, stampPoints } from '../webview/raster';
import { discStamp } from '../webview/stamp';
import { pointRadius } from '../webview/geometry';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'bench', 'results', 'render');
/** Frame budget at 60 Hz, and the hit-test budget, from issue 4 (100k points). */
const FRAME_TARGET_MS = 16;
const HIT_TARGET_MS = 2;
/** Frame budget at a million points, from issue 19 (30 frames a second). */
const FRAME_TARGET_1M_MS = 33;
/** Maps above this size are held to the million-point budget: the size where the map starts drawing density (webview/renderer.ts DENSITY_ABOVE). */
const LARGE_MAP = 200_000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
function stats(xs: number[]): { median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? NaN };
}

const fmt = (x: number): string => x.toFixed(2).padStart(7);

/** The render benchmark's figures (milliseconds), for bench/run.ts and the README table. */
export interface RenderFigures {
  readonly points: number;
  readonly devicePixelRatio: number;
  readonly panFrame: { median: number; p95: number };
  readonly zoomFrame: { median: number; p95: number };
  readonly directFrame: { median: number; p95: number };
  readonly hitTest: { median: number; p95: number };
  /** The point-stamping loop alone, CPU time in Node (load-independent). */
  readonly stampCpu: { median: number; p95: number };
  /** Handling the `map` message: reading (deserialising) it, guard, model, colouring (first frame and quadtree not included). */
  readonly mapLoadMs: number;
  /** From the map message's arrival to its first frame on the canvas (read, guard, model, colours, first draw). */
  readonly firstDrawMs: number;
  /** Panning and zooming while zoomed in (8× the Fit zoom), where a big map draws points again. */
  readonly panZoomedFrame: { median: number; p95: number };
  readonly zoomZoomedFrame: { median: number; p95: number };
  /** How the frames of each phase drew the points: density or points, counted. */
  readonly modes: Record<string, Record<string, number>>;
  readonly frameTargetMs: number;
  readonly targetsMet: boolean;
  readonly loadAverage: readonly number[];
}

async function benchmark(browser: Browser, base: string, n: number, dpr: number): Promise<{ lines: string[]; figures: RenderFigures }> {
  const { page, errors } = await openPage(browser, base, { n, theme: 'dark', bench: true, dpr });
  const lines: string[] = [];
  const w = 1280;
  const h = 800;
  const stageBox = await page.locator('#stage').boundingBox();
  if (!stageBox) throw new Error('no stage');
  const cx = stageBox.x + stageBox.width / 2;
  const cy = stageBox.y + stageBox.height / 2;

  // 1. Real input: drag to pan, wheel to zoom. Each event schedules one frame;
  //    the page records each frame's draw time, forced to rasterise (getImageData).
  const resetFrames = (): Promise<void> =>
    page.evaluate(() => {
      (globalThis as unknown as { __LATENT_MAP_BENCH__: { frames: number[] } }).__LATENT_MAP_BENCH__.frames.length = 0;
    });
  const frames = (): Promise<number[]> =>
    page.evaluate(() => [...(globalThis as unknown as { __LATENT_MAP_BENCH__: { frames: number[] } }).__LATENT_MAP_BENCH__.frames]);
  const modes: Record<string, Record<string, number>> = {};
  const countModes = async (phase: string): Promise<void> => {
    const list = await page.evaluate(() => [...((globalThis as unknown as { __LATENT_MAP_BENCH__: { modes?: string[] } }).__LATENT_MAP_BENCH__.modes ?? [])]);
    const counts: Record<string, number> = {};
    for (const m of list) counts[m] = (counts[m] ?? 0) + 1;
    modes[phase] = counts;
    await page.evaluate(() => {
      const b = (globalThis as unknown as { __LATENT_MAP_BENCH__: { modes?: string[] } }).__LATENT_MAP_BENCH__;
      if (b.modes) b.modes.length = 0;
    });
  };
  const drag = async (): Promise<number[]> => {
    await resetFrames();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 90; i++) {
      await page.mouse.move(cx + 200 * Math.sin(i / 9), cy + 120 * Math.cos(i / 7), { steps: 1 });
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    return frames();
  };
  const wheel = async (): Promise<number[]> => {
    await resetFrames();
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, i < 30 ? -120 : 120);
      await page.waitForTimeout(16);
    }
    return frames();
  };
  const firstDraw = await page.evaluate(() => (globalThis as unknown as { __LATENT_MAP_BENCH__: { firstDrawMs?: number } }).__LATENT_MAP_BENCH__.firstDrawMs ?? NaN);
  await countModes('load');

  // At Fit (as the map opens), then zoomed in 8× around the middle.
  const pan = stats(await drag());
  await countModes('pan at Fit');
  const zoomFrames = stats(await wheel());
  await countModes('zoom from Fit');
  await page.evaluate(() => {
    const b = (globalThis as unknown as { __LATENT_MAP_BENCH__: { zoomBy(f: number): void } }).__LATENT_MAP_BENCH__;
    b.zoomBy(8);
  });
  await page.waitForTimeout(300);
  const panZoomed = stats(await drag());
  await countModes('pan at 8x');
  const zoomZoomed = stats(await wheel());
  await countModes('zoom from 8x');
  await page.locator('#fit').click();
  await page.waitForTimeout(600);

  // 2. The same without the input pipeline: 120 transforms set and drawn back to back.
  const direct = await page.evaluate(
    ({ w, h }) => {
      const b = (globalThis as unknown as {
        __LATENT_MAP_BENCH__: { frames: number[]; setTransform(t: { k: number; x: number; y: number }): void; renderNow(): void };
      }).__LATENT_MAP_BENCH__;
      const base = Math.min(w, h - 60) / 1000;
      const times: number[] = [];
      for (let i = 0; i < 120; i++) {
        const k = base * (0.9 + 3 * (0.5 - 0.5 * Math.cos(i / 12)));
        b.setTransform({ k, x: w / 2 - 500 * k + 60 * Math.sin(i / 5), y: h / 2 - 500 * k });
        b.frames.length = 0;
        b.renderNow();
        times.push(b.frames[0]);
      }
      return times;
    },
    { w, h },
  );
  const directStats = stats(direct);

  // 3. Hover hit-test: the quadtree lookup the page runs on every pointer move,
  //    at the fitted view (the densest case), timed in batches because the page's
  //    clock is coarse.
  const hit = await page.evaluate(
    ({ w, h }) => {
      const b = (globalThis as unknown as { __LATENT_MAP_BENCH__: { hitTest(x: number, y: number): number } }).__LATENT_MAP_BENCH__;
      let seed = 1;
      const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const perCall: number[] = [];
      let hits = 0;
      for (let batch = 0; batch < 50; batch++) {
        const t0 = performance.now();
        for (let i = 0; i < 200; i++) if (b.hitTest(rnd() * w, rnd() * h) >= 0) hits++;
        perCall.push((performance.now() - t0) / 200);
      }
      return { perCall, hits, calls: 50 * 200 };
    },
    { w, h: h - 60 },
  );
  const hitStats = stats(hit.perCall);

  // 4. Hover end to end: a real pointer move over a point until the tooltip shows.
  const hover = await page.evaluate(async () => {
    const stage = document.getElementById('stage')!;
    const b = (globalThis as unknown as { __LATENT_MAP_BENCH__: { hitTest(x: number, y: number): number } }).__LATENT_MAP_BENCH__;
    const r = stage.getBoundingClientRect();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const x = r.width * (0.2 + 0.6 * ((i * 37) % 40) / 40);
      const y = r.height * (0.2 + 0.6 * ((i * 23) % 40) / 40);
      const t0 = performance.now();
      stage.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
      times.push(performance.now() - t0);
      void b;
    }
    return times;
  });
  const hoverStats = stats(hover);

  // Where a frame's time goes: the page's own work (JS: pixels, labels) versus
  // rasterising and compositing it (the flush), at the fitted view.
  const split = await page.evaluate(() => {
    const b = (globalThis as unknown as {
      __LATENT_MAP_BENCH__: { renderNow(): void; noFlush?: boolean; frames: number[]; setTransform(t: { k: number; x: number; y: number }): void };
    }).__LATENT_MAP_BENCH__;
    const canvas = document.getElementById('canvas') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const js: number[] = [];
    const flush: number[] = [];
    const w = canvas.getBoundingClientRect().width;
    const h = canvas.getBoundingClientRect().height;
    for (let i = 0; i < 30; i++) {
      // A new transform each time, or the page would (rightly) skip re-stamping the points.
      const k = (Math.min(w, h) / 1000) * (1 + i / 30);
      b.setTransform({ k, x: w / 2 - 500 * k, y: h / 2 - 500 * k });
      b.noFlush = true;
      const t0 = performance.now();
      b.renderNow();
      const t1 = performance.now();
      ctx.getImageData(0, 0, 1, 1);
      flush.push(performance.now() - t1);
      js.push(t1 - t0);
    }
    b.noFlush = false;
    return { js, flush };
  });
  const jsStats = stats(split.js);
  const flushStats = stats(split.flush);

  const mapLoad = await page.evaluate(() => (globalThis as unknown as { __LATENT_MAP_BENCH__: { mapLoadMs: number } }).__LATENT_MAP_BENCH__.mapLoadMs);
  const drawn = await page.evaluate(() => (globalThis as unknown as { __LATENT_MAP_BENCH__: { size(): number } }).__LATENT_MAP_BENCH__.size());
  lines.push(`Render benchmark: ${drawn.toLocaleString('en-US')} points, 1280×800 CSS px, devicePixelRatio ${dpr}, headless Chromium (software raster, --disable-gpu)`);
  // Shared machines skew frame times; say how busy this one was.
  lines.push(`  machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  lines.push(`                                         median     p95     max  (ms)   target`);
  const target = drawn > LARGE_MAP ? FRAME_TARGET_1M_MS : FRAME_TARGET_MS;
  const modeText = (phase: string): string =>
    Object.entries(modes[phase] ?? {})
      .map(([m, c]) => `${c} ${m}`)
      .join(', ');
  lines.push(`  frame while panning at Fit (drag, 90 moves) ${fmt(pan.median)} ${fmt(pan.p95)} ${fmt(pan.max)}      <= ${target}   (${modeText('pan at Fit')})`);
  lines.push(`  frame while zooming from Fit (wheel, 60)    ${fmt(zoomFrames.median)} ${fmt(zoomFrames.p95)} ${fmt(zoomFrames.max)}      <= ${target}   (${modeText('zoom from Fit')})`);
  lines.push(`  frame while panning at 8× Fit (drag, 90)    ${fmt(panZoomed.median)} ${fmt(panZoomed.p95)} ${fmt(panZoomed.max)}      <= ${target}   (${modeText('pan at 8x')})`);
  lines.push(`  frame while zooming from 8× Fit (wheel, 60) ${fmt(zoomZoomed.median)} ${fmt(zoomZoomed.p95)} ${fmt(zoomZoomed.max)}      <= ${target}   (${modeText('zoom from 8x')})`);
  lines.push(`  frame, direct transforms (120)          ${fmt(directStats.median)} ${fmt(directStats.p95)} ${fmt(directStats.max)}          <= ${target}`);
  lines.push(`    of which page JS (pixels + labels)    ${fmt(jsStats.median)} ${fmt(jsStats.p95)} ${fmt(jsStats.max)}`);
  lines.push(`    of which rasterise (flush)            ${fmt(flushStats.median)} ${fmt(flushStats.p95)} ${fmt(flushStats.max)}`);
  lines.push(`  hover hit-test (quadtree find, per call) ${fmt(hitStats.median)} ${fmt(hitStats.p95)} ${fmt(hitStats.max)}          <= ${HIT_TARGET_MS}`);
  lines.push(`  pointer move handler (hit + tooltip)    ${fmt(hoverStats.median)} ${fmt(hoverStats.p95)} ${fmt(hoverStats.max)}`);
  lines.push(`  map message handled (read, guard, model, colours)      ${fmt(mapLoad)}`);
  lines.push(`  map message to its first frame on the canvas            ${fmt(firstDraw)}`);
  lines.push(`  (frame = draw of all points + labels, forced to rasterise; ${hit.hits}/${hit.calls} random hit-tests found a point)`);
  const core = rasterCpuTime(n);
  lines.push(`  point stamping alone, CPU time (Node, same V8) ${fmt(core.median)} ${fmt(core.p95)}          (load-independent check)`);
  // Issue 4 judged 100k by medians; issue 19 asks every frame of a million-point map to stay within 33 ms, so the p95 counts there.
  const within = (x: { median: number; p95: number }): boolean => (drawn > LARGE_MAP ? x.p95 : x.median) <= target;
  const ok = [pan, zoomFrames, panZoomed, zoomZoomed].every(within) && hitStats.median <= HIT_TARGET_MS;
  lines.push(`  targets ${ok ? 'met' : 'NOT met'}`);
  if (errors.length) lines.push(`  page warnings/errors: ${errors.slice(0, 5).join(' | ')}`);
  await page.context().close();
  const pick = (x: { median: number; p95: number }): { median: number; p95: number } => ({ median: x.median, p95: x.p95 });
  const figures: RenderFigures = {
    points: drawn,
    devicePixelRatio: dpr,
    panFrame: pick(pan),
    zoomFrame: pick(zoomFrames),
    directFrame: pick(directStats),
    hitTest: pick(hitStats),
    stampCpu: pick(core),
    mapLoadMs: mapLoad,
    firstDrawMs: firstDraw,
    panZoomedFrame: pick(panZoomed),
    zoomZoomedFrame: pick(zoomZoomed),
    modes,
    frameTargetMs: target,
    targetsMet: ok,
    loadAverage: loadavg(),
  };
  return { lines, figures };
}

/**
 * The renderer's inner loop (webview/raster.ts) on n clustered points at the
 * fitted view, timed by process CPU time rather than the wall clock, so a busy
 * shared machine inflates it far less than the in-browser frame times.
 */
function rasterCpuTime(n: number): { median: number; p95: number } {
  const W = 1280;
  const H = 740;
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const centres = Array.from({ length: 24 }, () => [100 + rnd() * 800, 100 + rnd() * 800, 20 + rnd() * 60]);
  for (let i = 0; i < n; i++) {
    const [cx, cy, s] = centres[i % centres.length];
    xs[i] = cx + gauss() * s;
    ys[i] = cy + gauss() * s;
  }
  const groups = Array.from({ length: 10 }, (_, g) => Uint32Array.from({ length: Math.ceil((n - g) / 10) }, (_, j) => j * 10 + g));
  const k = H / 1000;
  const st = prepareStamp(discStamp(pointRadius(n)), W);
  const target = { pixels: new Int32Array(W * H), width: W, height: H };
  const times: number[] = [];
  for (let rep = 0; rep < 40; rep++) {
    const c0 = process.cpuUsage();
    target.pixels.fill(0);
    for (const g of groups) stampPoints(target, xs, ys, g, k, (W - 1000 * k) / 2, 0, st, { r: 100, g: 150, b: 200 }, null, 0);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  return stats(times.slice(5)); // the first runs warm the JIT up
}

/**
 * Runs the render benchmark on its own (serves the page, launches Chromium,
 * measures, cleans up). For bench/run.ts: `await runRenderBench({ n: 100_000 })`.
 */
export async function runRenderBench(o: { n?: number; dpr?: number } = {}): Promise<{ lines: string[]; figures: RenderFigures }> {
  const { server, base } = await serve();
  const browser = await launchChromium();
  try {
    if (!browser) throw new Error('Chromium is not installed at /usr/bin/chromium (apt-get install chromium), or set CHROMIUM');
    return await benchmark(browser, base, o.n ?? 100_000, o.dpr ?? 1);
  } finally {
    await browser?.close();
    server.close();
  }
}

async function screenshots(browser: Browser, base: string): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  const shot = async (page: Page, name: string): Promise<void> => {
    const p = join(OUT, `${name}.png`);
    await page.screenshot({ path: p });
    written.push(p);
  };
  for (const theme of ['dark', 'light', 'high-contrast']) {
    const { page, errors } = await openPage(browser, base, { n: 4000, theme, colourBy: 'cluster' });
    await shot(page, `map-${theme}-cluster`);
    if (theme === 'high-contrast') {
      await page.context().close();
      continue;
    }
    // Hover the point nearest the middle of the biggest cluster and wait for its neighbours.
    const target = await page.evaluate(() => {
      const stage = document.getElementById('stage')!.getBoundingClientRect();
      return { x: stage.left + stage.width * 0.5, y: stage.top + stage.height * 0.5 };
    });
    let shown = false;
    let at = target;
    for (let dy = 0; dy < 200 && !shown; dy += 7) {
      for (let dx = 0; dx < 200 && !shown; dx += 7) {
        at = { x: target.x + dx, y: target.y + dy };
        await page.mouse.move(at.x, at.y);
        shown = await page.locator('#tooltip').isVisible();
      }
    }
    await page.waitForTimeout(300);
    await shot(page, `map-${theme}-hover`);
    // Select it (lines to its neighbours) and zoom in around it: discs, more labels.
    await page.mouse.click(at.x, at.y);
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -150);
      await page.waitForTimeout(80);
    }
    await page.mouse.move(at.x + 300, at.y - 250);
    await page.waitForTimeout(400);
    await shot(page, `map-${theme}-selected-zoomed`);
    await page.keyboard.press('0');
    await page.locator('#fit').click();
    await page.waitForTimeout(500);
    await page.selectOption('#colour-by', 'folder');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    await shot(page, `map-${theme}-folder`);
    await page.keyboard.press('/');
    await page.keyboard.type('cache evict');
    await page.waitForTimeout(900);
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(400);
    await shot(page, `map-${theme}-search`);
    if (errors.length) console.log(`  ${theme} page warnings/errors: ${errors.slice(0, 5).join(' | ')}`);
    await page.context().close();
  }
  const { page } = await openPage(browser, base, { n: 100_000, theme: 'dark', colourBy: 'cluster' });
  await shot(page, 'map-dark-100k');
  await page.context().close();
  return written;
}

/** A million-point map at Fit (density), zoomed in to where its points show, and hovered there. */
async function millionShots(browser: Browser, base: string): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  const { page, errors } = await openPage(browser, base, { n: 1_000_000, theme: 'dark', colourBy: 'cluster' });
  const shot = async (name: string): Promise<void> => {
    const p = join(OUT, `${name}.png`);
    await page.screenshot({ path: p });
    written.push(p);
  };
  const mode = (): Promise<string> => page.evaluate(() => document.getElementById('canvas')!.dataset.mode ?? '');
  await page.mouse.move(5, 5);
  await shot('map-1m-fit');
  // Zoom in where the density is highest: the most opaque pixel.
  const densest = await page.evaluate(() => {
    const canvas = document.getElementById('canvas') as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let best = 0;
    for (let i = 1; i < canvas.width * canvas.height; i++) if (data[i * 4 + 3] > data[best * 4 + 3]) best = i;
    const box = canvas.getBoundingClientRect();
    return { x: box.left + ((best % canvas.width) * box.width) / canvas.width, y: box.top + (Math.floor(best / canvas.width) * box.height) / canvas.height };
  });
  await page.mouse.move(densest.x, densest.y);
  for (let i = 0; i < 2; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(150);
  }
  await shot(`map-1m-zoomed-${await mode()}`);
  for (let i = 0; i < 40 && (await mode()) !== 'points'; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(150);
  }
  await shot('map-1m-points');
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(150);
  }
  await shot('map-1m-points-close');
  if (errors.length) console.log(`  1m page warnings/errors: ${errors.slice(0, 5).join(' | ')}`);
  await page.context().close();
  return written;
}

async function realMapShots(browser: Browser, base: string): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const written: string[] = [];
  for (const theme of ['dark', 'light']) {
    for (const colourBy of ['folder', 'kind', 'cluster']) {
      const { page, errors } = await openPage(browser, base, { n: 0, theme, colourBy });
      const p = join(OUT, `real-${theme}-${colourBy}.png`);
      await page.screenshot({ path: p });
      written.push(p);
      if (errors.length) console.log(`  ${theme}/${colourBy}: ${errors.join(' | ')}`);
      await page.context().close();
    }
  }
  return written;
}

async function main(): Promise<void> {
  const mapFile = arg('map', '');
  const { server, base } = await serve(mapFile || undefined);
  if (flag('serve')) {
    console.log(`Harness: ${base}/?n=3000&theme=vscode-dark&themeName=dark  (Ctrl+C to stop)`);
    return;
  }
  const browser = await launchChromium();
  if (!browser) throw new Error('Chromium is not installed at /usr/bin/chromium (apt-get install chromium), or set CHROMIUM');
  try {
    if (mapFile) {
      // A real map: screenshots only (the benchmark's sizes need synthetic maps).
      const files = await realMapShots(browser, base);
      console.log(`Screenshots:\n  ${files.join('\n  ')}`);
      return;
    }
    const n = Number(arg('n', '100000'));
    const { lines, figures } = await benchmark(browser, base, n, Number(arg('dpr', '1')));
    console.log(lines.join('\n'));
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'render-bench.txt'), lines.join('\n') + '\n');
    writeFileSync(join(OUT, 'render-bench.json'), JSON.stringify(figures, null, 2) + '\n');
    if (flag('screenshots-1m')) {
      const files = await millionShots(browser, base);
      console.log(`Screenshots:\n  ${files.join('\n  ')}`);
    }
    if (flag('screenshots')) {
      const files = await screenshots(browser, base);
      console.log(`Screenshots:\n  ${files.join('\n  ')}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

// Run as a script (npm run bench:render); imported, it only exports runRenderBench.
if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
