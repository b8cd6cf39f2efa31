// End-to-end: a team index on object storage. The CLI writes the fixture
// workspace's store to an S3-compatible server (s3rver, started here on
// 127.0.0.1); the packaged extension in code-server, pointed at it by
// latentMap.teamIndex with the keys in its environment, opens the map from
// it, says so in the status bar, overlays a file changed locally, and
// searches it. A store that is not there falls back to the local index with
// a message.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startS3, type LocalS3 } from '../s3';
import {
  CodeServer,
  copyWorkspace,
  launchBrowser,
  log,
  mapFrame,
  newBrowserContext,
  openWorkbench,
  packageExtension,
  projectRoot,
  requireTools,
  screenshot,
  waitFor,
} from './harness';
import { notificationTexts, showMap, waitForExtension } from './map';

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'workspace');
const SUITE_TIMEOUT = 20 * 60_000;
const STORE = 's3://team/maps/workspace';

interface Ranked {
  readonly name: string;
  readonly file: string;
}

/** The CLI, without blocking this process (the S3 server runs in it). */
function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'dist', 'cli.js'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => (status === 0 ? resolve(stdout) : reject(new Error(`latent-map ${args.join(' ')} failed (${status}): ${stderr}`))));
  });
}

let scratch: string;
let s3: LocalS3 | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let server: CodeServer | undefined;
let folder: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  requireTools();
  scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-e2e-team-'));
  const vsix = packageExtension();
  s3 = await startS3(path.join(scratch, 's3'), ['team']);
  // The extension host inherits code-server's environment: that is where its keys come from.
  Object.assign(process.env, s3.env);
  env = { ...process.env };
  folder = copyWorkspace(FIXTURE, path.join(scratch, 'team'));
  const cacheDir = path.join(scratch, 'cli-cache');
  // CI's part: two shards, then the layout.
  for (const shard of ['0/2', '1/2']) await cli(['index', folder, '--store', STORE, '--shard', shard, '--cache-dir', cacheDir, '--quiet'], env);
  await cli(['layout', '--store', STORE, '--quiet'], env);
  browser = await launchBrowser();
  context = await newBrowserContext(browser);
  server = await CodeServer.start({ vsix, name: 'team', settings: { 'latentMap.model': 'builtin' } });
});

after(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  server?.keepLogs();
  server?.stop();
  server?.removeHome();
  await s3?.close().catch(() => undefined);
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('Latent Map in VS Code on a team index in object storage', { timeout: SUITE_TIMEOUT }, () => {
  let page: Page;

  before(async () => {
    // A local edit the store does not have: the map must show it over the store's rows.
    appendFileSync(path.join(folder, 'src', 'util.ts'), '\n/** Counts the zebras crossing the savannah. */\nexport function countZebraCrossings(herd: string[]): number {\n  return herd.length;\n}\n');
    mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'latentMap.teamIndex': STORE }, null, 2));
    page = await openWorkbench(context!, server!, folder);
  });

  after(async () => {
    if (page) await screenshot(page, 'team-workbench-final').catch(() => undefined);
    await page?.close().catch(() => undefined);
  });

  test('the map opens from the store, the status bar names its version and the local change, and search finds both', async () => {
    const cacheDir = path.join(scratch, 'cli-cache');
    const expected = JSON.parse(await cli(['search', folder, 'count zebra crossings', '--json', '-k', '5', '--store', STORE, '--cache-dir', cacheDir, '--quiet'], env)) as { results: Ranked[] };
    const symbols = (JSON.parse(await cli(['index', folder, '--cache-dir', cacheDir, '--quiet'], env)) as { symbols: unknown[] }).symbols.length;
    assert.equal(expected.results[0]?.name, 'countZebraCrossings', 'the CLI over the store finds the local edit first');
    const started = Date.now();
    const { state } = await showMap(page, symbols);
    log(`team map drawn in ${((Date.now() - started) / 1000).toFixed(1)} s (window already open): ${JSON.stringify(state)}`);
    const statusBar = await waitFor('the status bar to name the team index', async () => {
      const text = await page.locator('.statusbar').innerText();
      return /team v\d+/.test(text) ? text : undefined;
    }, 60_000);
    log(`status bar: ${statusBar.replace(/\n/g, ' | ')}`);
    assert.match(statusBar, new RegExp(`${symbols}\\s+symbols · team v\\d+ \\+ 1 local change\\b`));
    const tooltip = await page.locator('.statusbar-item', { hasText: 'team v' }).first().getAttribute('aria-label');
    log(`status bar item label: ${tooltip}`);
    await screenshot(page, 'team-map', page.locator('iframe.webview.ready'));

    const map = mapFrame(page);
    const search = map.locator('#search');
    for (const [query, name] of [['count zebra crossings', 'countZebraCrossings'], ['read a text file from disk', undefined]] as const) {
      const want = name ?? (JSON.parse(await cli(['search', folder, query, '--json', '-k', '5', '--store', STORE, '--cache-dir', cacheDir, '--quiet'], env)) as { results: Ranked[] }).results[0]!.name;
      await search.click();
      await search.fill(query);
      const first = map.locator('#results li, #results [role="option"]').first();
      await first.waitFor({ state: 'visible', timeout: 20_000 });
      await waitFor(`the first result for "${query}"`, async () => ((await first.innerText()).includes(want) ? true : undefined), 20_000).catch(() => undefined);
      const items = await map.locator('#results li, #results [role="option"]').allInnerTexts();
      log(`search "${query}": ${JSON.stringify(items.slice(0, 3))}`);
      assert.ok(items[0]?.includes(want), `first result should be ${want}: ${JSON.stringify(items.slice(0, 5))}`);
      await screenshot(page, `team-search-${want}`, page.locator('iframe.webview.ready'));
      await search.fill('');
      await search.press('Escape');
    }
  });
});

describe('Latent Map in VS Code with a team index that is not there', { timeout: SUITE_TIMEOUT }, () => {
  let page: Page;
  let missing: string;

  before(async () => {
    missing = copyWorkspace(FIXTURE, path.join(scratch, 'missing'));
    mkdirSync(path.join(missing, '.vscode'), { recursive: true });
    writeFileSync(path.join(missing, '.vscode', 'settings.json'), JSON.stringify({ 'latentMap.teamIndex': 's3://team/maps/nothing-here' }, null, 2));
    page = await openWorkbench(context!, server!, missing);
  });

  after(async () => {
    await page?.close().catch(() => undefined);
  });

  test('a message says why, and the local index draws the map', async () => {
    const symbols = (JSON.parse(await cli(['index', missing, '--cache-dir', path.join(scratch, 'cli-cache'), '--quiet'], env)) as { symbols: unknown[] }).symbols.length;
    await waitForExtension(page);
    // Watched from the start: the toast comes while the map is being built, and may be gone by the time it is drawn.
    let seen: string | undefined;
    const watching = waitFor('a notification about the team index', async () => (seen ??= (await notificationTexts(page)).find((t) => /team index/i.test(t))), 300_000, 200);
    watching.catch(() => undefined);
    const { state } = await showMap(page, symbols);
    assert.equal(state.drawn, symbols);
    const message = await watching;
    log(`team index notification: ${JSON.stringify(message)}`);
    assert.match(message, /could not open the team index: no team index at s3:\/\/team\/maps\/nothing-here/);
    assert.match(message, /local index instead/);
    const statusBar = await page.locator('.statusbar').innerText();
    assert.doesNotMatch(statusBar, /team v/);
    await screenshot(page, 'team-missing');
  });
});
