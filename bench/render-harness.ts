// The map page in a browser without VS Code: serves the real page
// (renderMapHtml + a bundle of webview/main.ts + media/map.css) with
// bench/render-host.ts standing in for the extension host and the VS Code
// theme variables from webview/themeVariables.ts. Used by the render benchmark
// (bench/render.ts) and the page tests (test/integration/webview-page.test.ts).
import * as esbuild from 'esbuild';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderMapHtml } from '../webview/html';
import { themeCss, THEME_CLASS } from '../webview/themeVariables';

const ROOT = resolve(__dirname, '..');

/** Launches Debian's Chromium headless with the flags ENVIRONMENT.md lists; undefined when it is not installed. */
export async function launchChromium(): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

async function bundle(entry: string): Promise<string> {
  const r = await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    // LATENT_MAP_PROFILE=1 keeps function names readable in a CPU profile.
    minify: process.env.LATENT_MAP_PROFILE !== '1',
    write: false,
    logLevel: 'warning',
  });
  return r.outputFiles[0].text;
}

/**
 * Serves the harness. With `mapFile` (a `latent-map index --out` JSON), the
 * fake host shows that real map instead of a synthetic one.
 */
export async function serve(mapFile?: string): Promise<{ server: Server; base: string }> {
  const [webview, fakeHost] = await Promise.all([bundle('webview/main.ts'), bundle('bench/render-host.ts')]);
  const css = readFileSync(join(ROOT, 'media', 'map.css'), 'utf8');
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const base = `http://${req.headers.host}`;
    const send = (type: string, body: string): void => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      const nonce = 'benchNonce0123456789abcdef';
      const theme = url.searchParams.get('themeName') ?? 'dark';
      let html = renderMapHtml({ cspSource: base, nonce, scriptUri: `${base}/webview.js`, styleUri: `${base}/map.css` });
      // The harness adds the theme variables VS Code would set, and the fake host ahead of the page script.
      html = html.replace('</head>', `<link rel="stylesheet" href="${base}/theme.css?name=${encodeURIComponent(theme)}">\n</head>`);
      const data = mapFile ? `<script nonce="${nonce}" src="${base}/map-data.js"></script>\n` : '';
      html = html.replace(`<script nonce="${nonce}"`, `${data}<script nonce="${nonce}" src="${base}/fake-host.js"></script>\n<script nonce="${nonce}"`);
      send('text/html; charset=utf-8', html);
    } else if (url.pathname === '/webview.js') send('text/javascript', webview);
    else if (url.pathname === '/fake-host.js') send('text/javascript', fakeHost);
    else if (url.pathname === '/map.css') send('text/css', css);
    else if (url.pathname === '/map-data.js' && mapFile) send('text/javascript', `globalThis.__MAP_JSON__ = ${readFileSync(mapFile, 'utf8')};`);
    else if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else if (url.pathname === '/theme.css') send('text/css', themeCss(url.searchParams.get('name') ?? 'dark'));
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { server, base: `http://127.0.0.1:${addr.port}` };
}

export interface PageOptions {
  n: number;
  theme: string;
  colourBy?: string;
  bench?: boolean;
  /** More query parameters for the fake host (e.g. hostile: '1'). */
  extra?: Record<string, string>;
  width?: number;
  height?: number;
  dpr?: number;
}

export async function openPage(browser: Browser, base: string, o: PageOptions): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
    deviceScaleFactor: o.dpr ?? 1,
  });
  // tsx compiles this file with esbuild's keepNames, which wraps the functions
  // passed to page.evaluate in a `__name(...)` helper that the page lacks.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // The benchmark's own getImageData flush draws a Chromium performance hint; it is not a page problem.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('willReadFrequently')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const q = new URLSearchParams({
    n: String(o.n),
    theme: THEME_CLASS[o.theme] ?? 'vscode-dark',
    themeName: o.theme,
    colourBy: o.colourBy ?? 'folder',
    bench: o.bench ? '1' : '0',
    ...o.extra,
  });
  // A million-symbol map is made in the page before it loads (render-host.ts): give it time on a busy machine.
  const timeout = o.n > 200_000 ? 300_000 : 60_000;
  await page.goto(`${base}/?${q}`, { timeout });
  await page.waitForFunction(() => (document.getElementById('summary')?.textContent ?? '') !== '', null, { timeout });
  await page.waitForTimeout(500); // the first fit animation and label placement
  return { page, errors };
}

