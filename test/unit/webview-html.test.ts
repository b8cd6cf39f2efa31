import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMapHtml } from '../../webview/html';
import { discStamp, packRgb } from '../../webview/stamp';
import { displayName, firstLine, location, revealInvisible, truncate, truncateStart } from '../../webview/text';

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

test('names cannot hide behind invisible or direction-changing characters', () => {
  assert.equal(revealInvisible('admin\u202Etxt.exe'), 'admin\\u202etxt.exe');
  assert.equal(revealInvisible('a\u200Bb'), 'a\\u200bb');
  assert.equal(displayName(''), '(anonymous)');
  assert.equal(displayName('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>', 'shown as text, not changed');
});

test('long text is shortened without splitting an emoji', () => {
  assert.equal(displayName('x'.repeat(10_000)).length, 120);
  assert.equal(truncate('ab😀cd', 4), 'ab…');
  assert.equal(truncateStart('src/deep/folder/file.ts', 10), '…r/file.ts');
  assert.equal(location('a.ts', 3), 'a.ts:3');
});

test('the tooltip shows the first non-empty line of a comment', () => {
  assert.equal(firstLine('\n\n  Parses a URL.  \r\nMore.'), 'Parses a URL.');
  assert.equal(firstLine(''), '');
});

test('disc stamps cover about the area of the disc and always show a pixel', () => {
  for (const r of [0.3, 1, 2.5, 6]) {
    const s = discStamp(r);
    let area = 0;
    for (const c of s.cover) area += c;
    assert.ok(s.solid >= 1, `radius ${r} has a solid centre`);
    if (r >= 1) assert.ok(Math.abs(area - Math.PI * r * r) / (Math.PI * r * r) < 0.15, `radius ${r}: area ${area}`);
    for (let i = 0; i < s.solid; i++) assert.equal(s.cover[i], 1);
    for (let i = 0; i < s.dx.length; i++) assert.ok(Math.abs(s.dx[i]) <= s.reach && Math.abs(s.dy[i]) <= s.reach);
  }
  assert.equal(packRgb(0x11, 0x22, 0x33), 0xff332211);
});

test('points are stamped into the pixel buffer in their colour, edges blended, off-screen ones skipped', async () => {
  const { prepareStamp, stampPoints } = await import('../../webview/raster');
  const W = 20;
  const H = 10;
  const target = { pixels: new Int32Array(W * H), width: W, height: H };
  const xs = new Float64Array([5, 100, 0]);
  const ys = new Float64Array([5, 5, 0]);
  const st = prepareStamp(discStamp(2), W);
  const drawn = stampPoints(target, xs, ys, Uint32Array.from([0, 1, 2]), 1, 0, 0, st, { r: 255, g: 0, b: 0 }, null, 0);
  assert.equal(drawn, 2, 'the point at x=100 is out of view; the one at the corner is clipped but drawn');
  assert.equal(target.pixels[5 * W + 5] >>> 0, packRgb(255, 0, 0), 'the centre is solid');
  const edge = target.pixels[5 * W + 7] >>> 0;
  assert.ok(edge >>> 24 > 0 && edge >>> 24 < 255, 'the rim is partly transparent');
  assert.equal(target.pixels[5 * W + 12], 0, 'far pixels stay transparent');
  // A blue point over the red one: its centre wins, its rim blends over red.
  stampPoints(target, new Float64Array([6]), new Float64Array([5]), Uint32Array.from([0]), 1, 0, 0, st, { r: 0, g: 0, b: 255 }, null, 0);
  assert.equal(target.pixels[5 * W + 6] >>> 0, packRgb(0, 0, 255));
  const mixed = target.pixels[5 * W + 4];
  assert.ok((mixed & 255) > 0 && (mixed >>> 16) & 255, 'red under, blue over');
  // A mask keeps only the wanted points.
  const masked = { pixels: new Int32Array(W * H), width: W, height: H };
  const n = stampPoints(masked, xs, ys, Uint32Array.from([0, 2]), 1, 0, 0, st, { r: 1, g: 2, b: 3 }, Uint8Array.from([1, 0, 0]), 1);
  assert.equal(n, 1);
});
