// One self-contained HTML file that shows the map in any browser, with no
// network and no VS Code: the page the panel shows (webview/html.ts), its
// style and script inlined, and the map embedded as JSON for the standalone
// host bundled in place of VS Code's (webview/standalone.ts, built by
// esbuild.mjs as dist/map-standalone.js).
//
// The data is workspace text and never reaches the page as HTML: it sits in a
// JSON script element (which browsers do not run) with every `<`, `>` and `&`
// escaped, so no name or comment can close the element or open a comment;
// the page reads it with JSON.parse and fills the DOM with textContent only.
// The CSP allows exactly the inline style and script by their hashes (a file
// has no per-load nonce to give), and no source at all for fetches, frames,
// fonts or images beyond data: URLs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { renderMapHtml } from '../../../webview/html';
import { themeCss } from '../../../webview/themeVariables';
import { STANDALONE_DATA_ID, type StandaloneData } from '../../shared/standalone';

/** The page's own script and style, as built (dist/) and shipped (media/). */
export interface PageAssets {
  readonly script: string;
  readonly css: string;
}

/** The bundle esbuild.mjs builds for exported pages. */
export const STANDALONE_BUNDLE = 'map-standalone.js';

/** Reads the page's assets from an install folder (the extension's, or the CLI's package: dist/ and media/ side by side). */
export async function readPageAssets(root: string): Promise<PageAssets> {
  const read = (...parts: string[]) =>
    readFile(path.join(root, ...parts), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${parts.join('/')} for the HTML export (${error.code ?? error.message}); is the package built?`);
    });
  const [script, css] = await Promise.all([read('dist', STANDALONE_BUNDLE), read('media', 'map.css')]);
  return { script, css };
}

// Stand-ins renderMapHtml writes where the panel puts webview URIs and a nonce; each is replaced exactly once below.
const SCRIPT_SRC = 'latent-map-inline:script';
const STYLE_HREF = 'latent-map-inline:style';
const NONCE = 'latentMapStandalonePage0';

/** The JSON as element text: `<`, `>`, `&` and the two JavaScript line separators as \u escapes, which JSON.parse reads back. */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function replaceOnce(html: string, pattern: RegExp | string, replacement: string, what: string): string {
  let count = 0;
  // A function, so that `$&` and friends in the bundle are not read as patterns.
  const out = html.replace(pattern, () => {
    count++;
    return replacement;
  });
  if (count !== 1) throw new Error(`HTML export: the map page's ${what} was found ${count} times, expected once`);
  return out;
}

export function renderStandaloneHtml(data: StandaloneData, assets: PageAssets): string {
  // Inline text may not end its own element: a bundle or stylesheet holding
  // these would need rewriting we cannot do safely, so it is refused.
  if (/<\/script|<!--/i.test(assets.script)) throw new Error('HTML export: the page script holds "</script" or "<!--" and cannot be inlined');
  if (/<\/style/i.test(assets.css)) throw new Error('HTML export: the stylesheet holds "</style" and cannot be inlined');
  // Light or dark as the browser prefers, with VS Code's default themes' colours.
  const style = `${themeCss('light')}@media (prefers-color-scheme: dark) {\n${themeCss('dark')}}\n${assets.css}`;
  const csp = [
    "default-src 'none'",
    'img-src data:',
    `style-src ${sha256(style)}`,
    `script-src ${sha256(assets.script)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  let html = renderMapHtml({ cspSource: "'none'", nonce: NONCE, scriptUri: SCRIPT_SRC, styleUri: STYLE_HREF });
  html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP');
  html = replaceOnce(html, `<link rel="stylesheet" href="${STYLE_HREF}">`, `<style>${style}</style>`, 'stylesheet link');
  html = replaceOnce(
    html,
    `<script nonce="${NONCE}" src="${SCRIPT_SRC}"></script>`,
    `<script type="application/json" id="${STANDALONE_DATA_ID}">${jsonForScriptElement(data)}</script>\n<script>${assets.script}</script>`,
    'script tag',
  );
  return html;
}
