// End-to-end: a multi-root workspace (a `.code-workspace` with two folders) in
// real VS Code (code-server) with the packaged extension: one map draws both
// folders, colour by folder tells them apart, a point of the second folder
// opens its file, and removing a folder from the workspace redraws the map
// without it. Expected counts come from the CLI on the same folders.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import {
  CodeServer,
  editorGroups,
  launchBrowser,
  log,
  mapFrameHandle,
  newBrowserContext,
  openWorkbench,
  packageExtension,
  projectRoot,
  requireTools,
  runCli,
  runCommand,
  screenshot,
  waitFor,
} from './harness';
import { clickBlob, findBlobs, hoverBlob, openFileAtLine, quickPickLabels, readMapState, showMap, waitForStableCanvas, type Blob, type Tooltip } from './map';

interface CliMap {
  readonly roots?: readonly { readonly name: string; readonly path: string }[];
  readonly symbols: readonly { readonly id: string; readonly name: string; readonly root?: string; readonly file: string; readonly line: number }[];
}

const SERVICE = path.join(projectRoot, 'test', 'fixtures', 'workspace');
const CLIENT = path.join(projectRoot, 'test', 'fixtures', 'repo');
const SUITE_TIMEOUT = 20 * 60_000;

let scratch: string;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let server: CodeServer | undefined;

before(async () => {
  requireTools();
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-e2e-roots-'));
  const vsix = packageExtension();
  browser = await launchBrowser();
  context = await newBrowserContext(browser);
  server = await CodeServer.start({ vsix, name: 'e2e-roots', settings: { 'latentMap.model': 'builtin', 'latentMap.colourBy': 'folder' } });
});

after(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  server?.keepLogs();
  server?.stop();
  server?.removeHome();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The legend's entries as shown: "label count". */
async function legendLabels(frame: Frame): Promise<string[]> {
  return frame.locator('#legend .legend-item .legend-label').allTextContents();
}

describe('Latent Map in VS Code on a multi-root workspace (two folders)', { timeout: SUITE_TIMEOUT }, () => {
  let workspaceFile: string;
  let service: string;
  let client: string;
  let both: CliMap;
  let serviceOnly: CliMap;
  let page: Page;
  let frame: Frame;
  /** The client symbol clicked (selected in the side panel). */
  let clicked: string | undefined;

  before(async () => {
    // Folder names as a user would have them: the service and its client (no file name is in both).
    const parent = path.join(scratch, 'multi');
    service = path.join(parent, 'service');
    client = path.join(parent, 'client');
    cpSync(SERVICE, service, { recursive: true });
    cpSync(CLIENT, client, { recursive: true });
    workspaceFile = path.join(parent, 'shop.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: service }, { path: client }] }, null, 2));
    const cacheDir = path.join(scratch, 'cli-cache');
    both = runCli<CliMap>(['index', service, client, '--cache-dir', cacheDir, '--quiet']);
    serviceOnly = runCli<CliMap>(['index', service, '--cache-dir', cacheDir, '--quiet']);
    log(`CLI: ${both.symbols.length} symbols in both folders, ${serviceOnly.symbols.length} in service alone`);
    page = await openWorkbench(context!, server!, workspaceFile);
  });

  after(async () => {
    if (page) await screenshot(page, 'multiroot-final').catch(() => undefined);
    await page?.close().catch(() => undefined);
  });

  test('one map draws the symbols of both folders, and colour by folder names each folder in the legend', async () => {
    assert.deepEqual(both.roots?.map((r) => r.name), ['service', 'client']);
    const inClient = both.symbols.filter((s) => s.root === 'client').length;
    assert.ok(inClient > 0 && inClient < both.symbols.length, 'both folders have symbols');
    ({ frame } = await showMap(page, both.symbols.length));
    assert.equal((await readMapState(frame)).drawn, both.symbols.length);
    const statusBar = await page.locator('.statusbar').innerText();
    assert.match(statusBar, new RegExp(`${both.symbols.length}\\s+symbols`), `status bar: ${statusBar.replace(/\n/g, ' | ')}`);
    assert.match((await readMapState(frame)).status, /files of 2 folders/);
    const legend = await legendLabels(frame);
    // The folder level that splits the map: each folder's name, the top level of every file's path.
    assert.ok(legend.some((l) => l === 'service' || l.startsWith('service/')), `the legend names the service folder: ${JSON.stringify(legend)}`);
    assert.ok(legend.some((l) => l === 'client' || l.startsWith('client/')), `the legend names the client folder: ${JSON.stringify(legend)}`);
    await screenshot(page, 'multiroot-map', page.locator('iframe.webview.ready'));
  });

  test('points of both folders show their file with the folder first, and a click on one of the second folder opens its file at its line', async () => {
    if (!frame) ({ frame } = await showMap(page, both.symbols.length));
    await page.mouse.move(1, 1);
    await waitForStableCanvas(frame);
    const seen = new Set<string>();
    let target: { blob: Blob; tooltip: Tooltip; symbol: CliMap['symbols'][number] } | undefined;
    for (const blob of await findBlobs(frame)) {
      const tooltip = await hoverBlob(page, frame, blob, undefined, 1500);
      if (!tooltip) continue;
      const folder = tooltip.location.split('/')[0]!;
      seen.add(folder);
      // A symbol of the client folder with a name of its own, away from line 1, so the cursor line proves the jump.
      const symbol = both.symbols.find((s) => s.root === 'client' && tooltip.location === `client/${s.file}:${s.line}` && tooltip.name.endsWith(s.name));
      if (!target && symbol && symbol.line > 3 && both.symbols.filter((s) => s.name === symbol.name).length === 1) target = { blob, tooltip, symbol };
      if (target && seen.has('service')) break;
    }
    assert.ok(seen.has('service') && seen.has('client'), `tooltips name files of both folders: ${JSON.stringify([...seen])}`);
    assert.ok(target, 'a point of the client folder with a unique name');
    await clickBlob(page, frame, target.blob);
    const base = path.basename(target.symbol.file);
    const group = await waitFor(`an editor showing ${base} at line ${target.symbol.line}`, async () => {
      const groups = await editorGroups(page);
      return groups.find((g) => g.title.includes(base) && g.line === target.symbol.line);
    }, 20_000).catch(async (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; editor groups: ${JSON.stringify(await editorGroups(page))}`);
    });
    log(`clicked ${target.tooltip.name} (${target.tooltip.location}): tab "${group.title}"`);
    clicked = target.symbol.name;
    await waitFor('the side panel to show the clicked symbol', async () => ((await frame.locator('#details .panel-title').textContent()) ?? '').startsWith(clicked!), 20_000);
    await screenshot(page, 'multiroot-click');
  });

  test('Find Similar at the cursor in the second folder ranks as the CLI does, across both folders', async () => {
    const target = both.symbols.find((s) => s.root === 'client' && s.name === 'readFileContents');
    assert.ok(target, 'the client folder has readFileContents');
    const expected = runCli<{ results: readonly { name: string; root: string; file: string; line: number }[] }>([
      'similar', service, client, `client/${target.file}:${target.line}`, '-k', '5', '--json', '--cache-dir', path.join(scratch, 'cli-cache'), '--quiet',
    ]).results;
    await openFileAtLine(page, target.file, target.line + 1);
    await runCommand(page, 'Latent Map: Find Similar Symbols');
    const labels = await quickPickLabels(page);
    log(`similar to client's ${target.name}: ${JSON.stringify(labels.slice(0, 3))}; CLI: ${expected.slice(0, 3).map((r) => `${r.root}/${r.file}:${r.line}`).join(', ')}`);
    await screenshot(page, 'multiroot-find-similar');
    await page.keyboard.press('Escape');
    // The first answer, named by its workspace path (its folder first), as the CLI ranks it.
    assert.ok(labels[0]?.includes(expected[0]!.name) && labels[0].includes(`${expected[0]!.root}/${expected[0]!.file}:${expected[0]!.line}`), `first item should be ${expected[0]!.root}/${expected[0]!.file}: ${JSON.stringify(labels.slice(0, 3))}`);
    assert.ok(labels.some((l) => l.includes('service/')), 'neighbours come from the other folder too');
  });

  test('removing a folder from the workspace redraws the map with the other folder alone', async () => {
    // VS Code follows the workspace file: writing it with one folder removes the other, as "Remove Folder from Workspace" does.
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: service }] }, null, 2));
    await waitFor(
      `the status bar to count ${serviceOnly.symbols.length} symbols`,
      async () => new RegExp(`\\b${serviceOnly.symbols.length}\\s+symbols`).test(await page.locator('.statusbar').innerText()),
      180_000,
      500,
    );
    frame = await mapFrameHandle(page);
    await waitFor('the map to draw the service folder alone', async () => (await readMapState(frame)).drawn === serviceOnly.symbols.length, 60_000);
    await frame.click('#fit');
    await waitForStableCanvas(frame);
    const legend = await legendLabels(frame);
    assert.ok(!legend.some((l) => l.startsWith('client')), `the client folder left the legend: ${JSON.stringify(legend)}`);
    assert.doesNotMatch((await readMapState(frame)).status, /folders/);
    // The symbol selected in the removed folder is gone from the side panel too.
    if (clicked) assert.equal(await frame.locator('#details').isVisible(), false, 'the removed folder\'s symbol left the panel');
    await screenshot(page, 'multiroot-removed', page.locator('iframe.webview.ready'));
  });
});
