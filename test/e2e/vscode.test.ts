// End-to-end: the packaged extension (.vsix) in real VS Code (code-server) in a
// real browser (Debian's Chromium via playwright-core), on the fixture
// workspaces, with the built-in model. Expected answers come from the CLI on
// the same folder, so the map, the editor features and the CLI must agree.
// Needs code-server and Chromium (npm test installs both through
// scripts/test-setup.mjs); without them it fails, it never passes by not running.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import {
  CodeServer,
  copyWorkspace,
  editorGroups,
  launchBrowser,
  log,
  mapFrame,
  mapFrameHandle,
  newBrowserContext,
  openWorkbench,
  packageExtension,
  projectRoot,
  resultsDir,
  requireTools,
  runCli,
  runCommand,
  screenshot,
  waitFor,
} from './harness';
import { loadSnapshot } from '../../src/core/cache/snapshot';
import { clickBlob, findBlobs, hoverAll, hoverBlob, notificationTexts, openFileAtLine, quickPickLabels, readMapState, showMap, waitForExtension, waitForStableCanvas, type Blob, type Hovered } from './map';

interface CliSymbol {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly container?: string;
  readonly comment?: string;
  readonly file: string;
  readonly line: number;
}
interface CliMap {
  readonly symbols: readonly CliSymbol[];
  readonly stats: { readonly symbols: number; readonly files: number; readonly skipped: Record<string, number> };
}
interface CliResults {
  readonly results: readonly CliSymbol[];
}

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'workspace');
const HOSTILE = path.join(projectRoot, 'test', 'fixtures', 'hostile');
// Generous: the first index of a window loads the model and runs UMAP in workers on a shared 2-core machine.
const SUITE_TIMEOUT = 20 * 60_000;

let scratch: string;
let vsix: string;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let server: CodeServer | undefined;

before(async () => {
  requireTools();
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-e2e-'));
  vsix = packageExtension();
  browser = await launchBrowser();
  context = await newBrowserContext(browser);
  // One code-server for every window; each window has its own extension host.
  server = await CodeServer.start({ vsix, name: 'e2e', settings: { 'latentMap.model': 'builtin' } });
});

after(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  server?.keepLogs();
  server?.stop();
  server?.removeHome();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  log(`screenshots and VS Code logs: ${path.relative(process.cwd(), resultsDir) || resultsDir}/`);
});

function cliIndex(folder: string): CliMap {
  const cacheDir = path.join(scratch, 'cli-cache');
  return runCli<CliMap>(['index', folder, '--model', 'builtin', '--cache-dir', cacheDir, '--quiet']);
}

function cli<T>(args: string[]): T {
  return runCli<T>([...args, '--model', 'builtin', '--cache-dir', path.join(scratch, 'cli-cache'), '--quiet']);
}

/** Names of indexed symbols that appear in a text, longest first so `load` does not hide `loadAll`. */
function namesIn(text: string, symbols: readonly CliSymbol[]): string[] {
  const names = [...new Set(symbols.map((s) => s.name))].sort((a, b) => b.length - a.length);
  return names.filter((name) => name.length > 2 && text.includes(name));
}

/** The symbol a tooltip shows, by its `file:line` (names repeat, locations do not). */
function hoveredSymbol(hovered: Hovered, symbols: readonly CliSymbol[]): CliSymbol | undefined {
  const { location, name } = hovered.tooltip;
  return symbols.find((s) => location.endsWith(`${s.file}:${s.line}`) && (name === s.name || name.endsWith(`.${s.name}`)));
}

describe('Latent Map in VS Code on the fixture workspace (built-in model)', { timeout: SUITE_TIMEOUT }, () => {
  let folder: string;
  let page: Page;
  let frame: Frame;
  let cliMap: CliMap;
  let hovered: Hovered[] = [];

  before(async () => {
    folder = copyWorkspace(FIXTURE, path.join(scratch, 'main'));
    cliMap = cliIndex(folder);
    log(`CLI indexed ${cliMap.symbols.length} symbols in ${cliMap.stats.files} files`);
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    if (page) await screenshot(page, 'fixture-workbench-final').catch(() => undefined);
    await page?.close().catch(() => undefined);
  });

  test('the map draws one point per indexed symbol, as many as the CLI indexes', async () => {
    assert.ok(cliMap.symbols.length >= 30, `the fixture should give at least 30 symbols, the CLI found ${cliMap.symbols.length}`);
    const shown = await showMap(page, cliMap.symbols.length);
    frame = shown.frame;
    log(`map state: ${JSON.stringify(shown.state)}`);
    assert.equal(shown.state.drawn, cliMap.symbols.length, 'points drawn (canvas data-drawn)');
    const blobs = await findBlobs(frame);
    // Touching points merge into one patch of pixels, so the pixel count is a floor, never above the count.
    assert.ok(blobs.length >= Math.min(10, cliMap.symbols.length / 2), `only ${blobs.length} patches of points on the canvas`);
    const statusBar = await page.locator('.statusbar').innerText();
    assert.match(statusBar, new RegExp(`${cliMap.symbols.length}\\s+symbols`), `status bar: ${statusBar.replace(/\n/g, ' | ')}`);
    await screenshot(page, 'fixture-map', page.locator('iframe.webview.ready'));
    await screenshot(page, 'fixture-workbench');
  });

  test('hovering a point shows a tooltip listing its nearest neighbours', async () => {
    if (!frame) ({ frame } = await showMap(page, cliMap.symbols.length));
    hovered = await hoverAll(page, frame);
    assert.ok(hovered.length > 0, 'no point showed a tooltip');
    // Tooltips fill in neighbours when the host answers; hover one point again and wait for them.
    const target = hovered.find((h) => hoveredSymbol(h, cliMap.symbols)) ?? hovered[0]!;
    const symbol = hoveredSymbol(target, cliMap.symbols);
    assert.ok(symbol, `the tooltip should name an indexed symbol and its file:line: ${JSON.stringify(target.tooltip)}`);
    const expected = cli<CliResults>(['similar', folder, `${symbol.file}:${symbol.line}`, '-k', '5', '--json']).results;
    await page.mouse.move(1, 1);
    const tooltip = await hoverBlob(page, frame, target.blob, (t) => namesIn(t.text, cliMap.symbols).filter((n) => n !== symbol.name).length >= 3, 10_000);
    assert.ok(tooltip, 'the tooltip disappeared');
    const text = tooltip.text;
    await screenshot(page, 'fixture-tooltip', page.locator('iframe.webview.ready'));
    const listed = namesIn(text, cliMap.symbols).filter((n) => n !== symbol.name);
    assert.ok(listed.length >= 3, `tooltip for ${symbol.name} lists too few neighbours: ${JSON.stringify(text)}`);
    assert.ok(text.includes(expected[0]!.name), `tooltip for ${symbol.name} should list the nearest neighbour ${expected[0]!.name}: ${JSON.stringify(text)}`);
    assert.match(text, new RegExp(`${path.basename(symbol.file).replace(/\./g, '\\.')}:${symbol.line}`), 'the tooltip names file:line');
  });

  test('clicking a point opens its file in the editor at its line', async () => {
    if (!frame) ({ frame } = await showMap(page, cliMap.symbols.length));
    // A symbol whose name is unique, away from line 1, so the cursor line proves the jump.
    const clickable = (symbol: CliSymbol | undefined): symbol is CliSymbol =>
      !!symbol && symbol.line > 3 && cliMap.symbols.filter((s) => s.name === symbol.name).length === 1;
    const opened: string[] = [];
    for (let round = 0; round < 2; round++) {
      // Positions are read afresh each round: the first click opens an editor beside
      // the map, which narrows the panel and moves every point.
      await page.mouse.move(1, 1);
      await waitForStableCanvas(frame);
      let target: { blob: Blob; symbol: CliSymbol } | undefined;
      for (const blob of await findBlobs(frame)) {
        const tooltip = await hoverBlob(page, frame, blob, undefined, 1500);
        const symbol = tooltip ? hoveredSymbol({ blob, tooltip }, cliMap.symbols) : undefined;
        // The second click goes to another file than the first.
        if (clickable(symbol) && !opened.includes(symbol.file)) {
          target = { blob, symbol };
          break;
        }
      }
      assert.ok(target, 'no point on the map showed a symbol with a unique name in a new file');
      const { blob, symbol } = target;
      await clickBlob(page, frame, blob);
      const base = path.basename(symbol.file);
      // The symbol opens beside the map, in another editor group: look at every group.
      const group = await waitFor(`an editor showing ${base} at line ${symbol.line}`, async () => {
        const groups = await editorGroups(page);
        return groups.find((g) => g.title.includes(base) && g.line === symbol.line);
      }, 20_000).catch(async (error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}; editor groups: ${JSON.stringify(await editorGroups(page))}`);
      });
      log(`clicked ${symbol.name}: tab "${group.title}", line ${group.line}`);
      assert.equal(group.line, symbol.line, `${symbol.name} should open at ${symbol.file}:${symbol.line}`);
      opened.push(symbol.file);
      await screenshot(page, `fixture-click-${round + 1}`);
    }
  });

  test('the search box lists and highlights the expected symbol', async () => {
    const query = 'read a text file from disk';
    const expected = cli<CliResults>(['search', folder, query, '-k', '5', '--json']).results;
    assert.ok(['readTextFile', 'read_lines', 'load'].includes(expected[0]!.name), `the CLI's own answer is off theme: ${expected[0]!.name}`);
    // Bring the map to the front (a click opened an editor beside it); it stays indexed.
    ({ frame } = await showMap(page, cliMap.symbols.length));
    const map = mapFrame(page);
    const before = await findBlobs(frame);
    const search = map.locator('#search');
    await search.click();
    // Results come as you type (Enter would open the first one).
    await search.fill(query);
    const first = map.locator('#results li, #results [role="option"]').first();
    await first.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor('search results for the query', async () => ((await first.innerText()).includes(expected[0]!.name) ? true : undefined), 20_000).catch(() => undefined);
    const items = await map.locator('#results li, #results [role="option"]').allInnerTexts();
    log(`search results: ${JSON.stringify(items.slice(0, 5))}`);
    assert.ok(items[0]?.includes(expected[0]!.name), `first result should be ${expected[0]!.name}: ${JSON.stringify(items.slice(0, 5))}`);
    // Highlighting dims every other point (drawn close to the background, see webview/renderer.ts)
    // and keeps the matches at full colour.
    await waitForStableCanvas(frame);
    const after = await findBlobs(frame);
    const full = Math.max(...before.map((b) => b.contrast));
    const faint = (blobs: readonly Blob[]): number => blobs.filter((b) => b.contrast < 0.4 * full).length;
    const strong = (blobs: readonly Blob[]): number => blobs.filter((b) => b.contrast >= 0.7 * full).length;
    await screenshot(page, 'fixture-search', page.locator('iframe.webview.ready'));
    log(`patches before search: ${strong(before)} strong, ${faint(before)} faint; after: ${strong(after)} strong, ${faint(after)} faint; ${items.length} results`);
    assert.equal(faint(before), 0, 'nothing is dimmed before a search');
    assert.ok(strong(after) > 0, 'the matches keep their colour');
    assert.ok(faint(after) > 0, `the points that do not match are dimmed (${items.length} of ${cliMap.symbols.length} symbols listed as results)`);
    await search.fill('');
    await search.press('Escape');
  });

  test('Find Similar Symbols at the cursor lists the expected neighbour first', async () => {
    const target = cliMap.symbols.find((s) => s.name === 'readTextFile');
    assert.ok(target, 'the fixture has readTextFile');
    const expected = cli<CliResults>(['similar', folder, `${target.file}:${target.line}`, '-k', '5', '--json']).results;
    await openFileAtLine(page, target.file, target.line + 1);
    await runCommand(page, 'Latent Map: Find Similar Symbols');
    const labels = await quickPickLabels(page);
    log(`similar to ${target.name}: ${JSON.stringify(labels.slice(0, 5))}; CLI: ${expected.slice(0, 5).map((r) => r.name).join(', ')}`);
    await screenshot(page, 'fixture-find-similar');
    await page.keyboard.press('Escape');
    assert.ok(labels[0]?.includes(expected[0]!.name), `first item should be ${expected[0]!.name}: ${JSON.stringify(labels.slice(0, 3))}`);
    assert.ok(!labels[0]!.split('\n')[0]!.includes(`${target.name} `) || target.name === expected[0]!.name, 'the symbol itself is not its own neighbour');
  });

  test('Find Counterpart… at the cursor asks what to replace and with what, lists the CLI\'s counterparts and opens the chosen one', async () => {
    const target = cliMap.symbols.find((s) => s.name === 'httpGet');
    assert.ok(target, 'the fixture has httpGet');
    const expected = cli<CliResults>(['analogy', folder, 'get', 'post', target.id, '-k', '5', '--json']).results;
    assert.equal(expected[0]?.name, 'httpPost', `the CLI's own answer: ${expected.map((r) => r.name).join(', ')}`);
    await openFileAtLine(page, target.file, target.line + 1);
    await runCommand(page, 'Latent Map: Find Counterpart…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const title = page.locator('.quick-input-widget .quick-input-title');
    await waitFor('the question what to replace', async () => ((await title.innerText().catch(() => '')).includes('(1/2)') ? true : undefined), 20_000);
    assert.match(await title.innerText(), /Find Counterpart of httpGet/);
    await input.fill('get');
    await input.press('Enter');
    await waitFor('the question with what', async () => ((await title.innerText().catch(() => '')).includes('(2/2)') ? true : undefined), 10_000);
    await input.fill('post');
    await input.press('Enter');
    const labels = await quickPickLabels(page);
    log(`counterparts of httpGet, get → post: ${JSON.stringify(labels.slice(0, 5))}; CLI: ${expected.map((r) => r.name).join(', ')}`);
    await screenshot(page, 'fixture-find-counterpart');
    assert.ok(labels[0]?.includes('httpPost'), `first item should be httpPost: ${JSON.stringify(labels.slice(0, 3))}`);
    assert.ok(!labels.some((l) => l.split('\n')[0]!.includes('httpGet')), 'the symbol itself is not its own counterpart');
    await page.keyboard.press('Enter');
    const answer = expected[0]!;
    const group = await waitFor(`an editor at ${answer.file}:${answer.line}`, async () => {
      const groups = await editorGroups(page);
      return groups.find((g) => g.title.includes(path.basename(answer.file)) && g.line === answer.line);
    }, 20_000);
    assert.equal(group.line, answer.line);
  });

  test('the Axes view lays points out from one typed pole to the other, labels both ends, and goes back to the map in one click', async () => {
    ({ frame } = await showMap(page, cliMap.symbols.length));
    const map = mapFrame(page);
    const expected = cli<CliResults>(['axis', folder, 'read', 'write', '-k', String(cliMap.symbols.length), '--json']).results;
    await map.locator('#axes').click();
    await map.locator('#axes-bar').waitFor({ state: 'visible', timeout: 10_000 });
    // Directions found in the workspace are offered once the bar opens.
    await waitFor('directions offered', async () => ((await map.locator('#axis-directions option').count()) > 1 ? true : undefined), 30_000);
    const offered = await map.locator('#axis-directions option').allInnerTexts();
    log(`directions offered: ${JSON.stringify(offered)}`);
    assert.ok(offered.slice(1).every((o) => / → /.test(o)), 'each direction is named by its two ends');
    await map.locator('#axis-x-from').fill('read');
    await map.locator('#axis-x-to').fill('write');
    await map.locator('#axes-apply').click();
    await waitFor('the Axes view', async () => ((await map.locator('#stage').getAttribute('data-view')) === 'axes' ? true : undefined), 30_000);
    await waitForStableCanvas(frame);
    assert.equal(await map.locator('#axis-x-from-label').innerText(), '← read');
    assert.equal(await map.locator('#axis-x-to-label').innerText(), 'write →');
    assert.ok(await map.locator('#axis-y-to-label').isHidden(), 'no y axis asked: the map\'s y is kept and not labelled');
    // Points read by their tooltips: left to right they follow the CLI's order on the same axis.
    const score = new Map(expected.map((r) => [r.id, (r as CliSymbol & { score: number }).score]));
    const placed = (await hoverAll(page, frame)).flatMap((h) => {
      const symbol = hoveredSymbol(h, cliMap.symbols);
      return symbol && score.has(symbol.id) ? [{ name: symbol.name, x: h.blob.x, score: score.get(symbol.id)! }] : [];
    });
    log(`axis read → write, by x: ${placed.sort((a, b) => a.x - b.x).map((p) => `${p.name} ${p.score}`).join(', ')}`);
    assert.ok(placed.length >= 5, `only ${placed.length} points named by their tooltips`);
    let agree = 0;
    let pairs = 0;
    for (const a of placed) {
      for (const b of placed) {
        // Points a few pixels apart, or with scores that barely differ, say nothing about the order.
        if (b.x - a.x < 8 || Math.abs(b.score - a.score) < 0.02) continue;
        pairs++;
        if (b.score > a.score) agree++;
      }
    }
    assert.ok(pairs > 0 && agree / pairs >= 0.9, `left to right follows the CLI's axis in ${agree} of ${pairs} pairs`);
    assert.equal(await frame.evaluate(() => document.getElementById('canvas')!.dataset.drawn), String(cliMap.symbols.length), 'every point is still drawn');
    await screenshot(page, 'fixture-axes', page.locator('iframe.webview.ready'));
    await map.locator('#axes-back').click();
    await waitFor('the map again', async () => ((await map.locator('#stage').getAttribute('data-view')) === 'map' ? true : undefined), 10_000);
    await waitForStableCanvas(frame);
    assert.ok(await map.locator('#axis-labels').isHidden(), 'no pole labels on the map');
    await map.locator('#axes').click();
  });

  test('the editor hover over an identifier shows its nearest indexed symbols', async () => {
    const target = cliMap.symbols.find((s) => s.name === 'httpGet');
    assert.ok(target, 'the fixture has httpGet');
    await openFileAtLine(page, target.file, target.line);
    const word = page.locator('.monaco-editor .view-lines .view-line span', { hasText: /^httpGet$/ }).first();
    await word.waitFor({ state: 'visible', timeout: 15_000 });
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const text = await waitFor('an editor hover listing indexed symbols', async () => {
      await word.hover();
      await page.waitForTimeout(1200);
      const t = (await hover.allInnerTexts()).join('\n');
      return namesIn(t, cliMap.symbols).filter((n) => n !== 'httpGet').length >= 3 ? t : undefined;
    }, 45_000);
    log(`editor hover: ${JSON.stringify(text.slice(0, 400))}`);
    await screenshot(page, 'fixture-editor-hover');
    assert.ok(namesIn(text, cliMap.symbols).length >= 3);
  });

  test('Clear Cache, confirmed in its dialog, deletes the stored vectors, and Rebuild Index stores them again', async () => {
    const vectors = path.join(server!.userDataDir, 'User', 'globalStorage', 'latent-map.latent-map', 'vectors');
    const stored = (): boolean => existsSync(vectors) && readdirSync(vectors).length > 0;
    assert.ok(stored(), `the map's vectors are stored in ${vectors}`);
    await runCommand(page, 'Latent Map: Clear Cache');
    const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Delete Cache$/ });
    await confirm.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, 'fixture-clear-cache-dialog');
    await confirm.click();
    await waitFor(`${vectors} to be deleted`, async () => !existsSync(vectors), 20_000);
    const statusBar = page.locator('.statusbar');
    await waitFor('the status bar to show no index', async () => !/\d\s+symbols/.test(await statusBar.innerText()), 10_000);
    await runCommand(page, 'Latent Map: Rebuild Index');
    await waitFor(`the status bar to show ${cliMap.symbols.length} symbols again`, async () =>
      new RegExp(`${cliMap.symbols.length}\\s+symbols`).test(await statusBar.innerText()), 120_000);
    assert.ok(stored(), 'the rebuild stored the vectors again');
  });
});

describe('Latent Map in VS Code on a hostile workspace', { timeout: SUITE_TIMEOUT }, () => {
  let folder: string;
  let page: Page;
  let cliMap: CliMap;

  before(async () => {
    folder = copyWorkspace(HOSTILE, path.join(scratch, 'hostile'));
    // What git should not hold: a symlink loop and a 2 MB single-line minified file.
    symlinkSync('.', path.join(folder, 'src', 'loop'));
    mkdirSync(path.join(folder, 'dist-like'), { recursive: true });
    const minified = Array.from({ length: 40_000 }, (_, i) => `function m${i}(a){return a+${i}}`).join(';');
    writeFileSync(path.join(folder, 'dist-like', 'bundle.js'), minified.padEnd(2 * 1024 * 1024, ' '));
    cliMap = cliIndex(folder);
    log(`CLI indexed ${cliMap.symbols.length} hostile symbols; skipped ${JSON.stringify(cliMap.stats.skipped)}`);
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  test('the indexer keeps every symbol that parses', () => {
    const names = new Set(cliMap.symbols.map((s) => s.name));
    const expected = [
      'ordinaryFunction', 'renderMarkupComment', 'closeTagsInComment', 'QuoteBreaker', 'svgPayload', 'emojiComment',
      'shortNeighbour', 'invalidUtf8Bytes', 'wideCharacterFile', 'crlf_line_ends', 'after_crlf', 'beforeSyntaxError',
      'afterSyntaxError', 'good_python', 'imgFileName', 'scriptFileName', 'quotedFileName', 'emojiFileName',
    ];
    const missing = expected.filter((n) => !names.has(n));
    assert.deepEqual(missing, [], `missing from the index: ${missing.join(', ')} (files skipped, by reason: ${JSON.stringify(cliMap.stats.skipped)})`);
    // The extractor bounds names (MAX_NAME_LENGTH), so the symbol is kept under a shortened name.
    assert.ok(cliMap.symbols.some((s) => s.name.startsWith('veryLongNameName') && s.name.length >= 100 && s.name.length <= 1000), 'the 10,000-character name is kept, shortened');
    const crlf = cliMap.symbols.find((s) => s.name === 'after_crlf');
    assert.equal(crlf?.line, 9, 'CRLF counts as one line end');
  });

  test('payloads show as text in the map; no script runs and no element is injected', async () => {
    const { frame, state } = await showMap(page, cliMap.symbols.length);
    assert.equal(state.drawn, cliMap.symbols.length);
    const hovered = await hoverAll(page, frame);
    const tooltips = hovered.map((h) => h.tooltip.text).join('\n----\n');
    await screenshot(page, 'hostile-map', page.locator('iframe.webview.ready'));
    // The payload text itself is visible, literally.
    assert.ok(tooltips.includes('<img src=x onerror='), `an <img onerror> payload should show as text in a tooltip:\n${tooltips.slice(0, 2000)}`);
    const markup = hovered.find((h) => h.tooltip.text.includes('<img src=x onerror='))!;
    await hoverBlob(page, frame, markup.blob, (t) => t.text.includes('<img'), 5000);
    await screenshot(page, 'hostile-tooltip', page.locator('iframe.webview.ready'));
    await page.mouse.move(1, 1);
    const search = mapFrame(page).locator('#search');
    await search.fill('script file name');
    await page.waitForTimeout(2000);
    await screenshot(page, 'hostile-search', page.locator('iframe.webview.ready'));
    const inspection = await frame.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        scripts: [...document.scripts].filter((s) => s.src !== '').map((s) => s.src),
        // VS Code injects one inline script of its own (acquireVsCodeApi); any other inline script is foreign.
        inlineScripts: [...document.scripts].filter((s) => s.src === '' && !(s.textContent ?? '').includes('acquireVsCodeApi')).map((s) => (s.textContent ?? '').slice(0, 120)),
        injected: all.filter((e) => ['IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'svg'].includes(e.tagName)).map((e) => e.outerHTML.slice(0, 120)),
        handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
      };
    });
    const outerPwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    log(`hostile inspection: ${JSON.stringify(inspection)}`);
    assert.equal(inspection.pwned, undefined, 'a payload ran inside the webview');
    assert.equal(outerPwned, undefined, 'a payload ran in the workbench');
    assert.equal(inspection.scripts.length, 1, `only the webview's own script: ${JSON.stringify(inspection.scripts)}`);
    assert.match(inspection.scripts[0]!, /\/dist\/webview\.js$/);
    assert.deepEqual(inspection.inlineScripts, [], 'no inline script other than VS Code\'s own');
    assert.deepEqual(inspection.injected, []);
    assert.deepEqual(inspection.handlers, []);
  });
});

describe('Latent Map in VS Code with a model that cannot load', { timeout: SUITE_TIMEOUT }, () => {
  let page: Page;
  let cliMap: CliMap;

  before(async () => {
    const folder = copyWorkspace(FIXTURE, path.join(scratch, 'fallback'));
    cliMap = cliIndex(folder);
    // A workspace setting: this window's own model, leaving the user settings the other windows share alone.
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    // A dark theme in this window, so the screenshots also show the map following the theme.
    writeFileSync(
      path.join(folder, '.vscode', 'settings.json'),
      JSON.stringify({ 'latentMap.model': 'Xenova/does-not-exist', 'workbench.colorTheme': 'Default Dark Modern' }, null, 2),
    );
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  test('a notification says why and the built-in model draws the map', async () => {
    await waitForExtension(page);
    await runCommand(page, 'Latent Map: Show Map');
    const message = await waitFor('a notification about the model', async () => {
      const texts = await notificationTexts(page);
      return texts.find((t) => /does-not-exist|built-in|builtin/i.test(t));
    }, 180_000);
    log(`fallback notification: ${JSON.stringify(message)}`);
    assert.match(message, /does-not-exist/, 'the message names the model that failed');
    assert.match(message, /built-in|builtin/i, 'the message says the built-in model is used');
    await screenshot(page, 'fallback-notification');
    const { state } = await showMap(page, cliMap.symbols.length);
    assert.equal(state.drawn, cliMap.symbols.length);
    await screenshot(page, 'fallback-map-dark', page.locator('iframe.webview.ready'));
  });
});

describe('Latent Map in VS Code on a workspace of a few hundred symbols (this repository\'s src/)', { timeout: SUITE_TIMEOUT }, () => {
  let page: Page;
  let cliMap: CliMap & { readonly clusters: readonly { readonly label: string }[] };

  before(async () => {
    const folder = copyWorkspace(path.join(projectRoot, 'src'), path.join(scratch, 'regions'));
    cliMap = cliIndex(folder) as typeof cliMap;
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  test('region names show at Fit, and symbol names appear after zooming in', async () => {
    // Identical copies (same kind, container, name and comment) are drawn as one point.
    const distinct = new Set(cliMap.symbols.map((x) => JSON.stringify([x.kind, x.container, x.name, x.comment]))).size;
    const { frame } = await showMap(page, distinct);
    await frame.click('#fit');
    await waitForStableCanvas(frame);
    const labels = async () =>
      frame.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('#labels .cluster-label')]
          .filter((e) => !e.hidden)
          .map((e) => ({ text: e.textContent ?? '', kind: e.classList.contains('region') ? 'region' : 'name' })),
      );
    const atFit = await labels();
    const regionNames = atFit.filter((l) => l.kind === 'region').map((l) => l.text);
    log(`region names at Fit: ${JSON.stringify(regionNames)}`);
    await screenshot(page, 'regions-fit', page.locator('iframe.webview.ready'));
    assert.ok(regionNames.length >= 6, `at least six region names at Fit: ${JSON.stringify(regionNames)}`);
    assert.equal(new Set(regionNames).size, regionNames.length, 'no two region names alike');
    const topLabels = new Set(cliMap.clusters.map((c) => c.label));
    assert.ok(regionNames.every((t) => topLabels.has(t) || t.endsWith('…')), 'at Fit the names are the top level the CLI gives');
    assert.equal(atFit.filter((l) => l.kind === 'name').length, 0, 'no symbol names at Fit');

    const stage = (await frame.$('#stage'))!;
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Four wheel steps: far enough from Fit that names appear, near enough that many points stay in view.
    for (let i = 0; i < 4; i++) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(100);
    }
    const names = await waitFor('symbol names after zooming in', async () => {
      const shown = (await labels()).filter((l) => l.kind === 'name').map((l) => l.text);
      return shown.length >= 3 ? shown : undefined;
    }, 20_000);
    await screenshot(page, 'regions-zoomed', page.locator('iframe.webview.ready'));
    const symbolNames = new Set(cliMap.symbols.map((s) => s.name));
    assert.ok(names.every((n) => symbolNames.has(n) || n.endsWith('…')), `names are indexed symbols: ${JSON.stringify(names.slice(0, 10))}`);
  });

  test('the map is a workbench: the panel shows the clicked symbol (kept in view beside its code), legend picks filter, right-click has actions, shift-drag selects an area', async () => {
    const frame = await mapFrameHandle(page);
    await frame.click('#fit');
    await waitForStableCanvas(frame);
    const drawnNow = async () => Number(await frame.evaluate(() => document.getElementById('canvas')!.dataset.drawn));
    const all = await drawnNow();
    // Legend picks: one entry shows only its points; Escape shows all again.
    await frame.locator('.legend-item').first().click();
    await waitFor('the legend pick to filter the map', async () => (await drawnNow()) < all, 10_000);
    await frame.locator('#stage').focus();
    await page.keyboard.press('Escape');
    await waitFor('all points back', async () => (await drawnNow()) === all, 10_000);
    // Right-click on a point: its own menu.
    const blobs = await findBlobs(frame);
    const canvas = (await (await frame.$('#canvas'))!.boundingBox())!;
    const target = blobs.sort((a, b) => b.size - a.size)[0]!;
    await page.mouse.click(canvas.x + target.x, canvas.y + target.y, { button: 'right' });
    await frame.locator('#menu').waitFor({ state: 'visible', timeout: 5000 });
    assert.deepEqual(await frame.locator('#menu button').allTextContents(), ['Open', 'Find Similar', 'Reveal in Explorer', 'Copy Name', 'Copy Path:Line']);
    await page.keyboard.press('Escape');
    // A click opens the code beside the map; the panel shows the symbol, and its name stays in view on the narrower map.
    await clickBlob(page, frame, target);
    const title = await waitFor('the side panel to show the symbol', async () => {
      const t = await frame.locator('#details .panel-title').textContent().catch(() => null);
      return t && t.length > 0 ? t : undefined;
    }, 20_000);
    await frame.locator('#details .neighbours button').first().waitFor({ timeout: 20_000 });
    await waitFor('the code to open beside the map', async () => (await editorGroups(page)).length >= 2, 20_000);
    await page.waitForTimeout(1000);
    const pinnedNames = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#labels .cluster-label.pinned')].filter((e) => !e.hidden).map((e) => e.textContent ?? ''),
    );
    const kind = (await frame.locator('#details .panel-kind').textContent()) ?? '';
    const name = title.slice(0, title.length - kind.length);
    assert.ok(pinnedNames.some((n) => name.endsWith(n.replace(/…$/, ''))), `the selected ${name} is named on the map: ${JSON.stringify(pinnedNames)}`);
    await screenshot(page, 'workbench-selected');
    // Shift-drag: the symbols inside are listed in the panel.
    const stage = (await (await frame.$('#stage'))!.boundingBox())!;
    const cx = stage.x + stage.width / 2;
    const cy = stage.y + stage.height / 2;
    await page.keyboard.down('Shift');
    await page.mouse.move(cx - 120, cy - 120);
    await page.mouse.down();
    for (const [dx, dy] of [[120, -120], [120, 120], [-120, 120], [-120, -110]] as const) await page.mouse.move(cx + dx, cy + dy, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const area = await waitFor('the lasso to list an area', async () => {
      const t = await frame.locator('#selection .panel-title').textContent().catch(() => null);
      return t ?? undefined;
    }, 10_000);
    assert.match(area, /^\d+ symbols? selected$/);
    await screenshot(page, 'workbench-lasso', page.locator('iframe.webview.ready'));
  });
});

describe('The walkthrough in VS Code', { timeout: SUITE_TIMEOUT }, () => {
  let page: Page;
  let cliMap: CliMap;

  before(async () => {
    const folder = copyWorkspace(FIXTURE, path.join(scratch, 'walkthrough'));
    cliMap = cliIndex(folder);
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  test("opens from Welcome: Open Walkthrough..., and its first step's button opens the map", async () => {
    await waitForExtension(page);
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Get Started with Latent Map' }).first();
    await pick.waitFor({ state: 'visible', timeout: 15_000 });
    await pick.click();
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('.getting-started-step', { hasText: 'Search by describing' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const button = walkthrough.locator('.getting-started-step.expanded').locator('.monaco-button, a, button', { hasText: /^\s*Show Map\s*$/ }).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'walkthrough');
    await button.click();
    const frame = await mapFrameHandle(page);
    const state = await waitFor(`the map to draw ${cliMap.symbols.length} points`, async () => {
      const s = await readMapState(frame);
      return s.drawn === cliMap.symbols.length ? s : undefined;
    }, 240_000);
    assert.equal(state.drawn, cliMap.symbols.length);
    await screenshot(page, 'walkthrough-map');
  });
});

describe('One ranking in VS Code: the map tooltip, Find Similar, the editor hover and the CLI agree (issue 17)', { timeout: SUITE_TIMEOUT }, () => {
  let folder: string;
  let page: Page;
  let cliMap: CliMap;

  before(async () => {
    folder = copyWorkspace(FIXTURE, path.join(scratch, 'ranking'));
    cliMap = cliIndex(folder);
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  /** `name score` per listed symbol; a qualified name (`Class.method`) counts by its own name. */
  const entries = (items: readonly { name: string; score: string }[]): string[] => items.map((i) => `${i.name.slice(i.name.lastIndexOf('.') + 1)} ${i.score}`);
  const assertBestFirst = (listed: readonly string[], where: string): void => {
    const scores = listed.map((e) => Number(e.slice(e.lastIndexOf(' ') + 1)));
    assert.ok(scores.every((s, i) => i === 0 || s <= scores[i - 1]!), `${where} lists its scores best first: ${listed.join(', ')}`);
  };

  test('for one symbol, the tooltip, the Find Similar quick pick and the editor hover list the CLI\'s similar symbols in its order, scores sorted', async () => {
    const { frame } = await showMap(page, cliMap.symbols.length);
    // A point whose symbol has a name no other symbol has, so the editor hover means it wherever the word is.
    const unique = (s: CliSymbol | undefined): s is CliSymbol => !!s && cliMap.symbols.filter((o) => o.name === s.name).length === 1;
    let target: { blob: Blob; symbol: CliSymbol } | undefined;
    for (const blob of await findBlobs(frame)) {
      const tooltip = await hoverBlob(page, frame, blob, undefined, 1500);
      const symbol = tooltip ? hoveredSymbol({ blob, tooltip }, cliMap.symbols) : undefined;
      if (unique(symbol)) {
        target = { blob, symbol };
        break;
      }
    }
    assert.ok(target, 'a point shows a symbol with a unique name');
    const { symbol } = target;
    // The map lists the neighbours setting's number (8 by default).
    const cliList = entries(cli<{ results: { name: string; score: number }[] }>(['similar', folder, `${symbol.file}:${symbol.line}`, '-k', '8', '--json']).results.map((r) => ({ name: r.name, score: r.score.toFixed(2) })));
    assertBestFirst(cliList, 'the CLI');

    await page.mouse.move(1, 1);
    await hoverBlob(page, frame, target.blob, (t) => t.text.includes(cliList[0]!.split(' ')[0]!), 10_000);
    const tooltip = entries(
      await frame.$$eval('#tooltip .tt-neighbours li', (items) =>
        items.map((li) => ({ name: li.querySelector('.tt-nname')?.textContent ?? '', score: li.querySelector('.tt-score')?.textContent ?? '' })),
      ),
    );
    log(`similar to ${symbol.name}: tooltip ${tooltip.join(', ')}; CLI ${cliList.join(', ')}`);
    await screenshot(page, 'ranking-tooltip', page.locator('iframe.webview.ready'));
    assert.deepEqual(tooltip, cliList, 'the tooltip lists the CLI\'s similar symbols, in order, with its scores');

    await page.mouse.move(1, 1);
    await openFileAtLine(page, symbol.file, symbol.line);
    await runCommand(page, 'Latent Map: Find Similar Symbols');
    const rows = await quickPickLabels(page);
    // A row's label is the name, its description "container · 0.87 · kind" (innerText runs the two together).
    const picked = entries(
      await page.$$eval('.quick-input-widget .quick-input-list .monaco-list-row', (items) =>
        items.map((row) => ({
          name: (row.querySelector('.label-name')?.textContent ?? '').trim(),
          score: /(\d\.\d\d) · \w+$/.exec(row.querySelector('.label-description')?.textContent ?? '')?.[1] ?? '',
        })),
      ),
    );
    await screenshot(page, 'ranking-find-similar');
    await page.keyboard.press('Escape');
    const shown = Math.min(picked.length, cliList.length);
    assert.ok(shown >= Math.min(5, cliList.length), `the quick pick shows its rows: ${JSON.stringify(rows.slice(0, 3))}`);
    assert.deepEqual(picked.slice(0, shown), cliList.slice(0, shown), 'Find Similar lists the same symbols in the same order');

    const word = page.locator('.monaco-editor .view-lines .view-line span', { hasText: new RegExp(`^${symbol.name}$`) }).first();
    await word.waitFor({ state: 'visible', timeout: 15_000 });
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const hoverText = await waitFor('the editor hover on the symbol\'s name', async () => {
      await word.hover();
      await page.waitForTimeout(1200);
      const t = (await hover.allInnerTexts()).join('\n');
      return t.includes('similar to') ? t : undefined;
    }, 45_000);
    await screenshot(page, 'ranking-editor-hover');
    // A line reads "name 0.87 · function · src/file.ts:12".
    const hovered = entries([...hoverText.matchAll(/^\s*(\S+)\s+(\d\.\d\d)\s+·/gm)].map((m) => ({ name: m[1]!, score: m[2]! })));
    log(`editor hover on ${symbol.name}: ${hovered.join(', ')}`);
    assert.ok(hovered.length >= Math.min(3, cliList.length), `the hover lists similar symbols: ${JSON.stringify(hoverText.slice(0, 300))}`);
    assert.deepEqual(hovered, cliList.slice(0, hovered.length), 'the editor hover lists the start of the same list');
  });
});

describe('A map that stays put in VS Code: reopened after a file was added outside VS Code (issue 23)', { timeout: SUITE_TIMEOUT }, () => {
  let folder: string;
  let page: Page | undefined;

  before(() => {
    folder = copyWorkspace(path.join(projectRoot, 'src'), path.join(scratch, 'stay'));
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  /** Where the extension keeps this folder's last layouts (the snapshot in its global storage). */
  const storage = () => path.join(server!.userDataDir, 'User', 'globalStorage', 'latent-map.latent-map', 'vectors');

  /** The snapshot's latest layout once it holds `id` (the map a window shows is saved once its layout is done). */
  async function savedLayout(id: string): Promise<{ readonly ids: readonly string[]; readonly xy: readonly number[] }> {
    return waitFor(`a saved layout holding ${id}`, async () => {
      const snapshot = await loadSnapshot(storage(), folder).catch(() => undefined);
      const latest = snapshot?.layouts[0];
      return latest && latest.ids.includes(id) ? latest : undefined;
    }, 240_000, 1000);
  }

  /** At Fit, coloured by region: the region names shown (centre as a share of the map's width and height) and the legend's colour per name. */
  async function lookAtFit(p: Page, name: string): Promise<{ labels: Map<string, { x: number; y: number }>; colours: Map<string, string> }> {
    const frame = await mapFrameHandle(p);
    await frame.selectOption('#colour-by', 'cluster');
    await frame.click('#fit');
    await waitForStableCanvas(frame);
    const seen = await frame.evaluate(() => {
      const stage = document.getElementById('stage')!.getBoundingClientRect();
      const labels = [...document.querySelectorAll<HTMLElement>('#labels .cluster-label.region')]
        .filter((e) => !e.hidden)
        .map((e) => {
          const r = e.getBoundingClientRect();
          return { text: e.textContent ?? '', x: (r.left + r.width / 2 - stage.left) / stage.width, y: (r.top + r.height / 2 - stage.top) / stage.height };
        });
      const colours = [...document.querySelectorAll<HTMLElement>('#legend .legend-item')].map((b) => ({
        text: b.querySelector('.legend-label')?.textContent ?? '',
        colour: (b.querySelector('.swatch') as HTMLElement | null)?.style.backgroundColor ?? '',
      }));
      return { labels, colours };
    });
    await screenshot(p, name, p.locator('iframe.webview.ready'));
    return {
      labels: new Map(seen.labels.map((l) => [l.text, { x: l.x, y: l.y }])),
      colours: new Map(seen.colours.map((c) => [c.text, c.colour])),
    };
  }

  test('unchanged symbols stay within 1 % of the map\'s width, and region names keep their places and colours', async () => {
    page = await openWorkbench(context!, server!, folder);
    await showMap(page);
    const anchorId = 'core/cache/snapshot.ts#saveSnapshot';
    const before = await savedLayout(anchorId);
    const seenBefore = await lookAtFit(page, 'stay-before');
    log(`before: ${before.ids.length} points; region names ${JSON.stringify([...seenBefore.labels.keys()])}`);
    await page.close();
    page = undefined;

    // Outside VS Code (as a git pull would): one new file with one function.
    mkdirSync(path.join(folder, 'extra'), { recursive: true });
    writeFileSync(
      path.join(folder, 'extra', 'drift.ts'),
      '/** How far the points of a map moved between two layouts, as a share of its width. */\nexport function measureMapDrift(before: number[], after: number[], width: number): number {\n  let sum = 0;\n  for (let i = 0; i < before.length; i += 2) sum += Math.hypot(after[i]! - before[i]!, after[i + 1]! - before[i + 1]!);\n  return sum / (before.length / 2) / width;\n}\n',
    );

    page = await openWorkbench(context!, server!, folder);
    await showMap(page);
    const afterLayout = await savedLayout('extra/drift.ts#measureMapDrift');
    const seenAfter = await lookAtFit(page, 'stay-after');
    log(`after: ${afterLayout.ids.length} points; region names ${JSON.stringify([...seenAfter.labels.keys()])}`);

    // Points: every symbol that was there before, where it was.
    const at = new Map(afterLayout.ids.map((id, i) => [id, i]));
    let minX = Infinity;
    let maxX = -Infinity;
    for (let i = 0; i < before.xy.length; i += 2) {
      minX = Math.min(minX, before.xy[i]!);
      maxX = Math.max(maxX, before.xy[i]!);
    }
    const width = maxX - minX;
    const moves: number[] = [];
    before.ids.forEach((id, i) => {
      const j = at.get(id);
      if (j === undefined) return;
      moves.push(Math.hypot(afterLayout.xy[2 * j]! - before.xy[2 * i]!, afterLayout.xy[2 * j + 1]! - before.xy[2 * i + 1]!) / width);
    });
    moves.sort((a, b) => a - b);
    const mean = moves.reduce((a, b) => a + b, 0) / moves.length;
    const p95 = moves[Math.floor(moves.length * 0.95)]!;
    log(`unchanged symbols: ${moves.length} of ${before.ids.length}; mean move ${(mean * 100).toFixed(2)} % of the width, p95 ${(p95 * 100).toFixed(2)} %`);
    assert.equal(moves.length, before.ids.length, 'every symbol of the first map is on the second');
    assert.ok(mean <= 0.01, `mean move ${(mean * 100).toFixed(2)} % of the width (at most 1 %)`);

    // Names: most of the region names at Fit are the same, in the same places, in the same colours.
    const kept = [...seenBefore.labels.keys()].filter((t) => seenAfter.labels.has(t));
    log(`region names kept at Fit: ${kept.length} of ${seenBefore.labels.size}`);
    assert.ok(seenBefore.labels.size >= 6, 'the first map names its regions');
    assert.ok(kept.length >= Math.ceil(seenBefore.labels.size * 0.75), `most region names are kept: ${JSON.stringify(kept)} of ${JSON.stringify([...seenBefore.labels.keys()])}`);
    for (const t of kept) {
      const a = seenBefore.labels.get(t)!;
      const b = seenAfter.labels.get(t)!;
      assert.ok(Math.hypot(a.x - b.x, a.y - b.y) <= 0.05, `"${t}" stays in place: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
      const colour = seenBefore.colours.get(t);
      if (colour !== undefined && seenAfter.colours.has(t)) assert.equal(seenAfter.colours.get(t), colour, `"${t}" keeps its colour`);
    }
  });
});
