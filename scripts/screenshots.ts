// Screenshots of the real product: the packaged extension in code-server in
// headless Chromium, with the built-in model.
//
//   node --import tsx scripts/screenshots.ts [--light] [--colour-by folder|kind|cluster] [--out DIR] <folder>...
//     Each folder's map at Fit and at two zoom levels, to look at the map as a
//     user sees it (default DIR test-results/screenshots). A `.code-workspace`
//     file in place of a folder opens that multi-root workspace.
//
//   node --import tsx scripts/screenshots.ts --axes from,to[,yFrom,yTo] [--out DIR] <folder>...
//     The Axes view of each folder: the bar with the directions it offers,
//     the points along the x axis given (the map's y kept), along both axes
//     when a y axis is given, along the first direction offered, and back on
//     the map, then a point's neighbours in the panel with the words each
//     shares with it.
//
//   node --import tsx scripts/screenshots.ts --readme [folder]
//     The README's pictures (media/readme/) and the walkthrough's
//     (media/walkthrough/), on a copy of this repository's src/ unless a folder
//     is given: the window in the dark and the light theme, a zoomed-in view
//     with names, a tooltip, a search, and an animation (zoom into a region,
//     hover, search) assembled into a GIF.
//
// Needs what the end-to-end suite needs (code-server in .tools/, Chromium)
// and, for --readme, Debian's imagemagick, gifsicle and pngquant (`apt-get
// install imagemagick gifsicle pngquant`). LATENT_MAP_VSIX names a built .vsix
// to skip packaging.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { CodeServer, launchBrowser, log, mapFrame, openWorkbench, packageExtension, projectRoot, runCommand, sleep, waitFor } from '../test/e2e/harness';
import { clickBlob, findBlobs, hoverBlob, openFileAtLine, quickPickLabels, showMap, waitForStableCanvas, type Blob } from '../test/e2e/map';

const args = process.argv.slice(2);
const readme = args.includes('--readme');
const light = args.includes('--light');
const outAt = args.indexOf('--out');
const axesAt = args.indexOf('--axes');
const axes = axesAt >= 0 ? (args[axesAt + 1] ?? '').split(',').map((t) => t.trim()) : undefined;
const colourAt = args.indexOf('--colour-by');
// Regions by default; a multi-root workspace is best seen by folder (each folder its colour).
const colourBy = colourAt >= 0 ? args[colourAt + 1] : 'cluster';
if (colourBy !== 'cluster' && colourBy !== 'folder' && colourBy !== 'kind') {
  process.stderr.write(`--colour-by takes folder, kind or cluster, not ${String(colourBy)}\n`);
  process.exit(2);
}
const folders = args
  .filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1) && (axesAt < 0 || i !== axesAt + 1) && (colourAt < 0 || i !== colourAt + 1))
  .map((f) => path.resolve(f));
if (folders.length === 0 && !readme) {
  process.stderr.write('usage: node --import tsx scripts/screenshots.ts [--light] [--out DIR] <folder>...\n       node --import tsx scripts/screenshots.ts --readme [folder]\n');
  process.exit(2);
}

const DARK = 'Default Dark Modern';
const LIGHT = 'Default Light Modern';

async function main(): Promise<void> {
  if (readme) await readmePictures();
  else if (axes) await axesSeries(axes);
  else await zoomSeries();
}

// ---------------------------------------------------------------------------
// Fit and two zoom levels of each folder.

async function zoomSeries(): Promise<void> {
  const out = path.resolve(outAt >= 0 ? args[outAt + 1]! : path.join(projectRoot, 'test-results', 'screenshots'));
  mkdirSync(out, { recursive: true });
  await withServer(light ? LIGHT : DARK, { width: 1600, height: 1000 }, async (context, server) => {
    for (const folder of folders) {
      const name = `${path.basename(folder, '.code-workspace')}${colourBy === 'cluster' ? '' : `-by-${colourBy}`}`;
      const page = await openWorkbench(context, server, folder);
      const { frame, state } = await showMap(page, undefined, 600_000);
      log(`${name}: ${state.summary || state.status}`);
      // The map alone, full width: close the side bar and panel.
      await runCommand(page, 'View: Close Primary Side Bar').catch(() => undefined);
      await frame.click('#fit');
      await sleep(1500);
      const stage = await frame.$('#stage');
      const shoot = async (label: string) => {
        const file = path.join(out, `${name}-${label}${light ? '-light' : ''}.png`);
        await (stage ?? page).screenshot({ path: file });
        const labels = await frame.evaluate(() => {
          const el = document.getElementById('labels');
          return { regions: el?.dataset.regions, names: el?.dataset.names };
        });
        log(`${file}: ${labels.regions} region names, ${labels.names} point names`);
      };
      /** The whole webview (map and side panel). */
      const shootWhole = async (label: string) => {
        const file = path.join(out, `${name}-${label}${light ? '-light' : ''}.png`);
        await page.locator('iframe.webview.ready').screenshot({ path: file });
        log(`${file}`);
      };
      await shoot('fit');
      const box = (await stage!.boundingBox())!;
      await zoomAt(page, frame, box.x + box.width * 0.45, box.y + box.height * 0.5, 4);
      await shoot('zoom1');
      await zoomAt(page, frame, box.x + box.width * 0.45, box.y + box.height * 0.5, 6);
      await shoot('zoom2');
      // The workbench: a point selected (side panel), then an area drawn with the lasso.
      await frame.click('#fit');
      await sleep(1200);
      // Clicking opens the code beside the map, as it does for a user: the whole window is shot.
      await clickBlob(page, frame, await densestPoint(frame));
      await sleep(2500);
      await page.screenshot({ path: path.join(out, `${name}-selected${light ? '-light' : ''}.png`) });
      const area = (await stage!.boundingBox())!;
      const cx = area.x + area.width * 0.4;
      const cy = area.y + area.height * 0.5;
      await page.keyboard.down('Shift');
      await page.mouse.move(cx - 90, cy - 90);
      await page.mouse.down();
      for (const [dx, dy] of [[90, -90], [90, 90], [-90, 90], [-90, -80]] as const) await page.mouse.move(cx + dx, cy + dy, { steps: 6 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      await sleep(800);
      await shootWhole('lasso');
      await page.close();
    }
  });
}

// ---------------------------------------------------------------------------
// The Axes view.

async function axesSeries(poles: readonly string[]): Promise<void> {
  const [xFrom, xTo, yFrom, yTo] = poles;
  if (!xFrom || !xTo) throw new Error('--axes needs at least from,to');
  const out = path.resolve(outAt >= 0 ? args[outAt + 1]! : path.join(projectRoot, 'test-results', 'screenshots'));
  mkdirSync(out, { recursive: true });
  await withServer(light ? LIGHT : DARK, { width: 1600, height: 1000 }, async (context, server) => {
    for (const folder of folders) {
      const name = path.basename(folder);
      const page = await openWorkbench(context, server, folder);
      const { frame, state } = await showMap(page, undefined, 600_000);
      log(`${name}: ${state.summary || state.status}`);
      await runCommand(page, 'View: Close Primary Side Bar').catch(() => undefined);
      await frame.click('#fit');
      await sleep(1500);
      const whole = page.locator('iframe.webview.ready');
      const shoot = async (label: string) => {
        const file = path.join(out, `${name}-axes-${label}${light ? '-light' : ''}.png`);
        await whole.screenshot({ path: file });
        const view = await frame.evaluate(() => ({
          view: document.getElementById('stage')?.dataset.view,
          labels: [...document.querySelectorAll('#axis-labels .axis-label')].filter((e) => !(e as HTMLElement).hidden).map((e) => e.textContent),
          message: document.getElementById('axes-message')?.textContent,
        }));
        log(`${file}: ${JSON.stringify(view)}`);
      };
      await shoot('map');
      await frame.click('#axes');
      await waitFor('directions offered', async () => ((await frame.locator('#axis-directions option').count()) > 1 ? true : undefined), 60_000).catch(() => undefined);
      log(`directions offered: ${JSON.stringify(await frame.locator('#axis-directions option').allInnerTexts())}`);
      const show = async (x: [string, string], y: [string, string] | undefined, label: string) => {
        await frame.fill('#axis-x-from', x[0]);
        await frame.fill('#axis-x-to', x[1]);
        await frame.fill('#axis-y-from', y?.[0] ?? '');
        await frame.fill('#axis-y-to', y?.[1] ?? '');
        await frame.click('#axes-apply');
        await waitFor('the Axes view', async () => ((await frame.getAttribute('#stage', 'data-view')) === 'axes' ? true : undefined), 60_000);
        await sleep(1500);
        await shoot(label);
      };
      await show([xFrom, xTo], undefined, 'x');
      if (yFrom && yTo) await show([xFrom, xTo], [yFrom, yTo], 'xy');
      const offered = await frame.locator('#axis-directions option').count();
      if (offered > 1) {
        await frame.fill('#axis-y-from', '');
        await frame.fill('#axis-y-to', '');
        await frame.selectOption('#axis-directions', '0');
        await sleep(2500);
        await shoot('offered');
      }
      await frame.click('#axes-back');
      await sleep(1500);
      await shoot('back');
      // A point selected: the panel lists its neighbours, each with the words the two share and do not.
      await clickBlob(page, frame, await densestPoint(frame));
      await sleep(2500);
      await shoot('neighbours');
      log(`neighbours: ${JSON.stringify((await frame.locator('#details .item-why').allInnerTexts()).slice(0, 4))}`);
      await page.close();
    }
  });
}

// ---------------------------------------------------------------------------
// The README's and the walkthrough's pictures.

/** What the pictures show: a description the map answers well, a function with clear neighbours and a word to hover. */
const SEARCH_QUERY = 'save the cache to disk under a lock';
const SIMILAR_AT = { file: 'core/text/identifiers.ts', name: 'splitIdentifier' };
const HOVER_AT = { file: 'core/text/tokenize.ts', word: 'tokenize' };

/** The README's pictures: wide enough to read in a browser, small enough for a page that loads fast. */
const README_WIDTH = 1000;
/** The walkthrough shows its picture beside the steps, in about half an editor's width. */
const WALKTHROUGH_WIDTH = 720;
/** The animation: fewer pixels and colours keep it to a few hundred KB. */
const ANIMATION_WIDTH = 640;

async function readmePictures(): Promise<void> {
  const tools = ['/usr/bin/convert', '/usr/bin/gifsicle', '/usr/bin/pngquant'];
  const missing = tools.filter((t) => !existsSync(t));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: apt-get install imagemagick gifsicle pngquant`);
  const readmeDir = path.join(projectRoot, 'media', 'readme');
  const walkDir = path.join(projectRoot, 'media', 'walkthrough');
  mkdirSync(readmeDir, { recursive: true });
  mkdirSync(walkDir, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-readme-'));
  const frames = path.join(scratch, 'frames');
  mkdirSync(frames);
  // A copy, so the workspace setting written for the light theme lands outside the repository.
  const folder = folders[0] ?? path.join(scratch, 'src');
  if (!folders[0]) cpSync(path.join(projectRoot, 'src'), folder, { recursive: true });
  const raw = (name: string) => path.join(scratch, `${name}.png`);

  try {
    await withServer(DARK, { width: 1280, height: 800 }, async (context, server) => {
      const page = await openWorkbench(context, server, folder);
      let { frame, state } = await showMap(page, undefined, 600_000);
      log(`map: ${state.summary || state.status}`);
      await runCommand(page, 'View: Close Primary Side Bar').catch(() => undefined);
      await clearNotifications(page);
      await frame.click('#fit');
      await waitForStableCanvas(frame);
      await sleep(800);
      const map = page.locator('iframe.webview.ready');

      // The whole window at Fit: the map in VS Code, dark.
      await page.mouse.move(1, 400);
      await page.screenshot({ path: raw('window-dark') });
      await map.screenshot({ path: raw('fit') });

      // The animation: from Fit, zoom into a region, hover a point, search.
      const recorder = new Recorder(map, frames);
      await recorder.hold(15);
      const stage = (await frame.$('#stage'))!;
      const box = (await stage.boundingBox())!;
      const target = await densestPoint(frame);
      const originBox = (await (await frame.$('#canvas'))!.boundingBox())!;
      const zx = originBox.x + target.x;
      const zy = originBox.y + target.y;
      await page.mouse.move(zx, zy);
      for (let step = 0; step < 5; step++) {
        await page.mouse.wheel(0, -200);
        await sleep(350);
        await recorder.frame();
      }
      await waitForStableCanvas(frame).catch(() => undefined);
      await sleep(500);
      await recorder.hold(12);
      await map.screenshot({ path: raw('zoom') });

      // Hover the point nearest the middle of the view until its neighbours are listed.
      const hovered = await hoverNearMiddle(page, frame, box);
      await recorder.hold(25);
      if (hovered) await map.screenshot({ path: raw('tooltip') });
      await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5);
      await sleep(300);

      // Type a description; results come as you type.
      await frame.click('#fit');
      await sleep(900);
      await recorder.frame();
      const search = mapFrame(page).locator('#search');
      await search.click();
      for (let i = 0; i < SEARCH_QUERY.length; i++) {
        await search.press(SEARCH_QUERY[i] === ' ' ? 'Space' : SEARCH_QUERY[i]!);
        await sleep(60);
        if (i % 4 === 3) await recorder.frame();
      }
      const first = mapFrame(page).locator('#results li, #results [role="option"]').first();
      await first.waitFor({ state: 'visible', timeout: 20_000 });
      // The last answer frames its matches; let that settle.
      await sleep(1500);
      await waitForStableCanvas(frame).catch(() => undefined);
      await recorder.hold(30);
      await map.screenshot({ path: raw('search') });
      await search.fill('');
      await search.press('Escape');

      // Find Similar Symbols from a function, as a Quick Pick beside the code.
      ({ frame } = await showMap(page));
      const similarLine = await findLine(folder, SIMILAR_AT.file, SIMILAR_AT.name);
      await openFileAtLine(page, SIMILAR_AT.file, similarLine + 1);
      await runCommand(page, 'Latent Map: Find Similar Symbols');
      await quickPickLabels(page);
      await sleep(1200);
      await page.mouse.move(1, 790);
      await page.screenshot({ path: raw('similar') });
      await page.keyboard.press('Escape');

      // The editor hover over a word.
      await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);
      const hoverLine = await findLine(folder, HOVER_AT.file, HOVER_AT.word);
      await openFileAtLine(page, HOVER_AT.file, hoverLine);
      await page.keyboard.press('Escape');
      const word = page.locator('.monaco-editor .view-lines .view-line span', { hasText: new RegExp(`^${HOVER_AT.word}$`) }).first();
      await word.waitFor({ state: 'visible', timeout: 15_000 });
      const hover = page.locator('.monaco-hover:not(.hidden)');
      await waitFor('an editor hover listing symbols', async () => {
        await word.hover();
        await sleep(1500);
        return (await hover.allInnerTexts()).join('\n').split('\n').length >= 5;
      }, 45_000);
      const hb = (await hover.first().boundingBox())!;
      const wb = (await word.boundingBox())!;
      const x = Math.max(0, Math.min(hb.x, wb.x) - 40);
      const y = Math.max(0, Math.min(hb.y, wb.y) - 60);
      const right = Math.min(1280, Math.max(hb.x + hb.width, wb.x + wb.width) + 40);
      const bottom = Math.min(800, Math.max(hb.y + hb.height, wb.y + wb.height) + 60);
      await page.screenshot({ path: raw('hover'), clip: { x, y, width: right - x, height: bottom - y } });
      await page.mouse.move(1, 790);
      await runCommand(page, 'View: Close All Editor Groups').catch(() => undefined);

      // The light theme: a workspace setting the open window picks up.
      mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': LIGHT }, null, 2));
      await waitFor('the light theme', async () => {
        const background = await page.evaluate(() => getComputedStyle(document.querySelector('.monaco-workbench')!).backgroundColor);
        const channels = (/\d+/g.exec(background) ?? ['0']).map(Number);
        return channels[0]! > 128;
      }, 30_000).catch(() => log('the workbench background did not turn light; shooting anyway'));
      ({ frame } = await showMap(page));
      await clearNotifications(page);
      await frame.click('#fit');
      await waitForStableCanvas(frame);
      await sleep(1000);
      await page.mouse.move(1, 400);
      await page.screenshot({ path: raw('window-light') });
      await page.close();
    });

    // Small files: scaled, and quantised to a palette (maps are mostly flat colour).
    const png = (from: string, to: string, width: number) => {
      magick([raw(from), '-resize', `${width}x>`, '-strip', to]);
      run('/usr/bin/pngquant', ['--force', '--skip-if-larger', '--strip', '--quality', '65-90', '--output', to, to], [0, 98, 99]);
      log(`${path.relative(projectRoot, to)}: ${kb(to)}`);
    };
    png('window-dark', path.join(readmeDir, 'map-dark.png'), README_WIDTH);
    png('window-light', path.join(readmeDir, 'map-light.png'), README_WIDTH);
    png('zoom', path.join(readmeDir, 'zoom.png'), README_WIDTH);
    if (existsSync(raw('tooltip'))) png('tooltip', path.join(readmeDir, 'tooltip.png'), README_WIDTH);
    png('search', path.join(readmeDir, 'search.png'), README_WIDTH);
    png('fit', path.join(walkDir, 'map.png'), WALKTHROUGH_WIDTH);
    png('search', path.join(walkDir, 'search.png'), WALKTHROUGH_WIDTH);
    png('similar', path.join(walkDir, 'similar.png'), WALKTHROUGH_WIDTH);
    png('hover', path.join(walkDir, 'hover.png'), WALKTHROUGH_WIDTH);
    assembleGif(frames, path.join(readmeDir, 'tour.gif'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Frames of the animation: screenshots of the map with how long each shows. */
class Recorder {
  private count = 0;
  constructor(
    private readonly target: { screenshot(options: { path: string }): Promise<unknown> },
    private readonly dir: string,
  ) {}

  /** One frame, shown for `hundredths` of a second. */
  async frame(hundredths = 20): Promise<void> {
    const file = path.join(this.dir, `${String(this.count++).padStart(4, '0')}-${hundredths}.png`);
    await this.target.screenshot({ path: file });
  }

  /** A still: one frame shown for `tenths` of a second. */
  async hold(tenths: number): Promise<void> {
    await this.frame(tenths * 10);
  }
}

function assembleGif(dir: string, out: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  // Each frame's own delay, read back from its name; one shared palette keeps frames from flickering.
  const frameArgs = files.flatMap((f) => ['-delay', /-(\d+)\.png$/.exec(f)![1]!, path.join(dir, f)]);
  const big = path.join(dir, 'tour-full.gif');
  magick([...frameArgs, '-resize', `${ANIMATION_WIDTH}x>`, '+dither', '-colors', '96', '-loop', '0', '-layers', 'OptimizeTransparency', big]);
  run('/usr/bin/gifsicle', ['-O3', '--lossy=40', '--colors', '96', '-o', out, big]);
  log(`${path.relative(projectRoot, out)}: ${files.length} frames, ${kb(out)}`);
}

/** The map position (canvas pixels) with the most points around it: a region worth zooming into. */
async function densestPoint(frame: Frame): Promise<Blob> {
  const blobs = await findBlobs(frame);
  const radius = 40;
  let best = blobs[0]!;
  let bestCount = -1;
  for (const b of blobs) {
    const count = blobs.filter((o) => Math.hypot(o.x - b.x, o.y - b.y) < radius).length;
    if (count > bestCount) {
      best = b;
      bestCount = count;
    }
  }
  return best;
}

/** Hovers points from the middle of the stage outwards until a tooltip lists neighbours. */
async function hoverNearMiddle(page: Page, frame: Frame, stage: { x: number; y: number; width: number; height: number }): Promise<boolean> {
  const canvas = (await (await frame.$('#canvas'))!.boundingBox())!;
  const cx = stage.x + stage.width * 0.45 - canvas.x;
  const cy = stage.y + stage.height * 0.4 - canvas.y;
  const blobs = (await findBlobs(frame)).sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
  for (const blob of blobs.slice(0, 30)) {
    const tooltip = await hoverBlob(page, frame, blob, (t) => !/Asking/.test(t.text) && t.text.split('\n').length >= 6, 2500);
    if (tooltip && !/Asking/.test(tooltip.text)) {
      await sleep(300);
      return true;
    }
  }
  log('no tooltip with neighbours near the middle of the map');
  return false;
}

async function zoomAt(page: Page, frame: Frame, x: number, y: number, steps: number): Promise<void> {
  await page.mouse.move(x, y);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, -240);
    await sleep(120);
  }
  await waitForStableCanvas(frame).catch(() => undefined);
  await sleep(800);
}

async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications').catch(() => undefined);
  await sleep(300);
}

/** The 1-based line of the first occurrence of `word` in a file of the workspace. */
async function findLine(folder: string, file: string, word: string): Promise<number> {
  const lines = readFileSync(path.join(folder, file), 'utf8').split('\n');
  const declaration = lines.findIndex((l) => new RegExp(`(function|const|class)\\s+${word}\\b`).test(l));
  const index = declaration >= 0 ? declaration : lines.findIndex((l) => l.includes(word));
  if (index < 0) throw new Error(`${word} is not in ${file}`);
  return index + 1;
}

async function withServer(
  theme: string,
  viewport: { width: number; height: number },
  body: (context: BrowserContext, server: CodeServer) => Promise<void>,
): Promise<void> {
  const vsix = packageExtension();
  const server = await CodeServer.start({
    vsix,
    name: 'shots',
    settings: {
      'latentMap.model': 'builtin',
      'latentMap.colourBy': colourBy,
      'workbench.colorTheme': theme,
      'editor.minimap.enabled': false,
      'workbench.layoutControl.enabled': false,
    },
  });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport });
    await body(context, server);
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    server.removeHome();
  }
}

function magick(argv: string[]): void {
  run('/usr/bin/convert', argv);
}

function run(command: string, argv: string[], ok: number[] = [0]): void {
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!ok.includes(result.status ?? -1)) throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stderr}`);
}

function kb(file: string): string {
  return `${Math.round(statSync(file).size / 1024)} KB`;
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
