import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMapHtml } from '../../webview/html';

const opts = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abcDEF0123456789xyz',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/map.css',
};

test('the page allows only its own nonce-tagged script and resources from the webview source', () => {
  const html = renderMapHtml(opts);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.equal(
    csp,
    `default-src 'none'; img-src ${opts.cspSource} data:; style-src ${opts.cspSource}; script-src 'nonce-${opts.nonce}'; font-src ${opts.cspSource}`,
  );
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.ok(scripts[0].includes(`nonce="${opts.nonce}"`));
  assert.ok(scripts[0].includes(`src="${opts.scriptUri}"`));
  assert.ok(html.includes(`<link rel="stylesheet" href="${opts.styleUri}">`));
  assert.ok(!/\sstyle=/.test(html), 'no inline styles: the CSP would block them');
  assert.ok(!/\son[a-z]+=/.test(html), 'no inline handlers');
});

test('the page has the map skeleton the script fills in', () => {
  const html = renderMapHtml(opts);
  for (const id of ['search', 'results', 'colour-by', 'fit', 'stage', 'canvas', 'labels', 'tooltip', 'legend', 'status', 'summary']) {
    assert.ok(html.includes(`id="${id}"`), id);
  }
  assert.ok(html.includes('aria-label="Search symbols by meaning'));
});

test('host values are escaped and a bad nonce is refused', () => {
  const html = renderMapHtml({ ...opts, scriptUri: 'x"><img src=x onerror=alert(1)>' });
  assert.ok(!html.includes('<img'));
  assert.throws(() => renderMapHtml({ ...opts, nonce: `'; script-src *` }));
  assert.throws(() => renderMapHtml({ ...opts, nonce: 'short' }));
});
