// Drives the packaged extension in real VS Code: code-server (VS Code's server
// and web UI, installed by scripts/test-setup.mjs) on 127.0.0.1, and Debian's
// Chromium through playwright-core. Recipe: /work/shared/ENVIRONMENT.md,
// "Real VS Code in a real browser".
import { CHROMIUM_ARGS as HEADLESS_CHROMIUM_ARGS } from '../../bench/render-harness';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Page } from 'playwright-core';

export const projectRoot = path.resolve(__dirname, '../..');
export const resultsDir = path.join(projectRoot, 'test-results', 'e2e');
export const codeServerEntry = path.join(projectRoot, '.tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.LATENT_MAP_CHROMIUM ?? '/usr/bin/chromium';

// Chromium flags from the recipe: no sandbox (root in a container), no GPU, and
// nothing that reaches out to Google's services.
const CHROMIUM_ARGS = [
  // The flags every headless Chromium of this project starts with (see bench/render-harness.ts).
  ...HEADLESS_CHROMIUM_ARGS,
  // Keeps Chromium's crash database out of the home folder.
  '--disable-breakpad',
  '--disable-crash-reporter',
];

export function log(message: string): void {
  process.stderr.write(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Fails loudly when a tool the suite needs is missing: the suite must never pass by not running. */
export function requireTools(): void {
  const missing: string[] = [];
  if (!existsSync(codeServerEntry)) missing.push(`code-server (${codeServerEntry}): run \`node scripts/test-setup.mjs\``);
  if (!existsSync(chromiumPath)) missing.push(`Chromium (${chromiumPath}): run \`apt-get install -y chromium\``);
  if (missing.length > 0) {
    throw new Error(`The end-to-end suite cannot run; missing:\n  - ${missing.join('\n  - ')}\n(npm test installs both, through scripts/test-setup.mjs.)`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a value other than undefined/false, or throws with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

/** Builds the .vsix with the project's own `npm run package`, unless LATENT_MAP_VSIX names one. */
export function packageExtension(): string {
  const given = process.env.LATENT_MAP_VSIX;
  if (given) {
    if (!existsSync(given)) throw new Error(`LATENT_MAP_VSIX=${given} does not exist`);
    return path.resolve(given);
  }
  const started = Date.now();
  const before = new Set(listVsix());
  const result = spawnSync('npm', ['run', 'package'], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`npm run package failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  // The newest .vsix in the project root is the one just written (vsce names it name-version.vsix).
  const candidates = listVsix()
    .map((file) => ({ file, mtime: statSync(file).mtimeMs }))
    .filter(({ file, mtime }) => !before.has(file) || mtime >= started - 1000)
    .sort((a, b) => b.mtime - a.mtime);
  if (candidates.length === 0) throw new Error('npm run package succeeded but wrote no .vsix in the project root');
  log(`packaged ${path.basename(candidates[0]!.file)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return candidates[0]!.file;
}

function listVsix(): string[] {
  return readdirSync(projectRoot)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => path.join(projectRoot, name));
}

/** Copies a fixture workspace into a fresh temp folder so the extension may write next to it freely. */
export function copyWorkspace(fixture: string, into: string): string {
  const target = path.join(into, path.basename(fixture));
  cpSync(fixture, target, { recursive: true, verbatimSymlinks: true });
  return target;
}

export interface CodeServerOptions {
  readonly vsix: string;
  /** User settings.json contents. */
  readonly settings: Record<string, unknown>;
  readonly name: string;
}

/** One code-server on 127.0.0.1 with its own user-data, extensions and XDG folders in a temp dir. */
export class CodeServer {
  private constructor(
    readonly url: string,
    readonly home: string,
    readonly userDataDir: string,
    private readonly child: ChildProcess,
    private readonly name: string,
  ) {}

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    requireTools();
    const home = mkdtempSync(path.join(tmpdir(), `latent-map-e2e-${options.name}-`));
    const userDataDir = path.join(home, 'user-data');
    const extensionsDir = path.join(home, 'extensions');
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    mkdirSync(extensionsDir, { recursive: true });
    const baseSettings = {
      // A quiet, predictable workbench: no welcome page, no tips, no telemetry prompts.
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'security.workspace.trust.enabled': false,
      'editor.hover.delay': 300,
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
    };
    writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...options.settings }, null, 2));
    const port = await freePort();
    // An explicit config file: without one code-server writes a password config into the home folder.
    const config = path.join(home, 'config.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
      XDG_DATA_HOME: path.join(home, 'xdg-data'),
      XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
    };
    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    const install = spawnSync(process.execPath, [codeServerEntry, ...common, '--install-extension', options.vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
      throw new Error(`code-server --install-extension failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
    }
    log(`installed ${path.basename(options.vsix)} into ${extensionsDir}`);

    mkdirSync(resultsDir, { recursive: true });
    const logFile = createWriteStream(path.join(resultsDir, `code-server-${options.name}.log`));
    const child = spawn(
      process.execPath,
      [codeServerEntry, ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
      // Its own process group, so stop() can end the extension host and helpers with it.
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Both streams into one file, ended once the process has closed both: with
    // pipe's own ending, the first stream to end closed the file while the
    // other could still write to it at shutdown (write after end).
    child.stdout?.pipe(logFile, { end: false });
    child.stderr?.pipe(logFile, { end: false });
    child.once('close', () => logFile.end());
    const server = new CodeServer(`http://127.0.0.1:${port}`, home, userDataDir, child, options.name);
    liveServers.add(server);
    try {
      await waitFor(
        'code-server /healthz',
        async () => {
          if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
          const response = await fetch(`${server.url}/healthz`);
          return response.ok;
        },
        60_000,
      );
    } catch (error) {
      server.stop();
      throw error;
    }
    log(`code-server ${options.name} up at ${server.url}`);
    return server;
  }

  /** Ends code-server and everything it started (its whole process group). */
  stop(): void {
    liveServers.delete(this);
    if (this.child.pid !== undefined && this.child.exitCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const pid = this.child.pid;
      // SIGKILL what did not stop after a grace period; unref'd so it never holds the test process open.
      setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 3000).unref();
    }
  }

  /** Keeps the VS Code logs (extension host, the extension's output channel) as test artifacts. */
  keepLogs(): void {
    const logs = path.join(this.userDataDir, 'logs');
    if (!existsSync(logs)) return;
    const target = path.join(resultsDir, `vscode-logs-${this.name}`);
    rmSync(target, { recursive: true, force: true });
    cpSync(logs, target, { recursive: true });
  }

  removeHome(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

const liveServers = new Set<CodeServer>();
process.on('exit', () => {
  for (const server of liveServers) server.stop();
});

export async function launchBrowser(): Promise<Browser> {
  requireTools();
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export async function newBrowserContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1600, height: 1000 } });
}

/**
 * Opens a VS Code window on `folder` (or on a multi-root workspace, given its
 * `.code-workspace` file) in a new tab of `context` (one context for the whole
 * suite keeps the workbench's scripts in the HTTP cache) and waits for the
 * workbench and its status bar.
 */
export async function openWorkbench(context: BrowserContext, server: CodeServer, folder: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  const started = Date.now();
  const kind = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  await page.goto(`${server.url}/?${kind}=${encodeURIComponent(folder)}`, { timeout: 90_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  await page.waitForSelector('.statusbar', { timeout: 120_000 });
  log(`workbench on ${path.basename(folder)} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The workbench restores editors and activates extensions just after it appears.
  await page.waitForTimeout(1500);
  return page;
}

/** Runs a command by title through F1, retrying when the palette is slow to open or to list it. */
export async function runCommand(page: Page, title: string, attempts = 5): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`>${title}`, { timeout: 5000 });
      const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 5000 });
      // The exact title first: "Show Map" must not pick a longer command containing it.
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const count = await rows.count();
      let picked = false;
      for (let i = 0; i < count; i++) {
        const label = (await rows.nth(i).locator('.label-name').first().innerText().catch(() => '')).trim();
        if (label.replace(/\s+/g, ' ') === title) {
          await rows.nth(i).click();
          picked = true;
          break;
        }
      }
      if (!picked) await row.click();
      return;
    } catch (error) {
      lastError = error;
      log(`palette attempt ${attempt} for "${title}" failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.waitForTimeout(1000 * attempt);
    }
  }
  throw new Error(`could not run "${title}" from the command palette: ${String(lastError)}`);
}

/** The map webview's document: VS Code nests it in two iframes. */
export function mapFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The Frame object of the map webview, for evaluate() in its own document. */
export async function mapFrameHandle(page: Page): Promise<Frame> {
  return waitFor('the map webview frame', async () => {
    const outer = await page.$('iframe.webview.ready');
    const outerFrame = await outer?.contentFrame();
    const inner = await outerFrame?.$('iframe#active-frame');
    const frame = await inner?.contentFrame();
    if (!frame) return undefined;
    const hasCanvas = await frame.$('#canvas');
    return hasCanvas ? frame : undefined;
  });
}

/** Status bar texts, e.g. "Ln 12, Col 3". */
export async function cursorLine(page: Page): Promise<number | undefined> {
  const text = await page.locator('#status\\.editor\\.selection').innerText({ timeout: 2000 }).catch(() => '');
  const match = /Ln\s+(\d+)/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Per editor group: the active tab's title and the line its editor's cursor is on (from the active line number). */
export async function editorGroups(page: Page): Promise<{ title: string; line: number | undefined }[]> {
  return page.$$eval('.editor-group-container', (groups) =>
    groups.map((group) => {
      const title = group.querySelector('.tabs-container .tab.active')?.getAttribute('aria-label') ?? '';
      const active = group.querySelector('.margin-view-overlays .line-numbers.active-line-number');
      const line = active?.textContent ? Number(active.textContent.trim()) : undefined;
      return { title, line: Number.isFinite(line) ? line : undefined };
    }),
  );
}

export async function screenshot(page: Page, name: string, target?: { screenshot(options: { path: string }): Promise<unknown> }): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await (target ?? page).screenshot({ path: file });
  log(`screenshot ${path.relative(projectRoot, file)}`);
  return file;
}

/** Runs the project's CLI (dist/cli.js) and returns its parsed JSON output. */
export function runCli<T>(args: readonly string[]): T {
  const cli = path.join(projectRoot, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: projectRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 300_000 });
  if (result.status !== 0) throw new Error(`latent-map ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
