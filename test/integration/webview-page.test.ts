// The real map page (renderMapHtml + the webview bundle + map.css) in
// headless Chromium, with bench/render-host.ts as the extension host: what a
// user does (hover, click, search, keys, reload) and what a hostile workspace
// or host could send. Fails where Chromium is not installed (npm test installs
// it): these tests never pass by not running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, type PageOptions } from '../../bench/render-harness';
import { serve } from '../../bench/render-harness';

let browser: Browser | undefined;
let server: Server | undefined;
let base = '';

before(async () => {
  browser = await launchChromium();
  if (!browser) throw new Error('the map page tests need Chromium at /usr/bin/chromium (apt-get install -y chromium; npm test installs it)');
  ({ server, base } = await serve());
});

after(async () => {
  await browser?.close();
  server?.close();
});

interface Harness {
  mapMessage: unknown;
  received: { type: string; [k: string]: unknown }[];
  opened: string[];
  state: unknown;
  post(m: unknown): void;
}

async function open(o: Partial<PageOptions> = {}): Promise<{ page: Page; errors: string[] }> {
  return openPage(browser!, base, { n: 400, theme: 'dark', width: 1000, height: 700, ...o });
}

const drawn = (page: Page): Promise<number> => page.evaluate(() => Number(document.getElementById('canvas')!.dataset.drawn));
const harness = <T>(page: Page, f: (h: Harness) => T): Promise<T> =>
  page.evaluate(`(${f.toString()})(globalThis.__harness)`) as Promise<T>;

/** Moves the mouse onto a drawn point (found from the canvas pixels) until a tooltip shows; returns where. */
async function hoverSomePoint(page: Page): Promise<{ x: number; y: number }> {
  const candidates = await page.evaluate(() => {
    const canvas = document.getElementById('canvas') as HTMLCanvasElement;
    const { width, height } = canvas;
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    const box = canvas.getBoundingClientRect();
    const scale = width / box.width;
    const opaque: number[] = [];
    for (let i = 0; i < width * height; i++) if (data[i * 4 + 3] === 255) opaque.push(i);
    // Forty of them, spread over the list (so over different points).
    const step = Math.max(1, Math.floor(opaque.length / 40));
    const found: { x: number; y: number }[] = [];
    for (let j = 0; j < opaque.length; j += step) {
      const i = opaque[j];
      found.push({ x: box.left + (i % width) / scale, y: box.top + Math.floor(i / width) / scale });
    }
    return found;
  });
  for (const c of candidates) {
    await page.mouse.move(c.x, c.y);
    if (await page.locator('#tooltip').isVisible()) return c;
  }
  throw new Error('no point found under the mouse');
}

test('the page draws every symbol and runs under its CSP without errors', async () => {
  const { page, errors } = await open();
  // Identical copies (same kind, container, name and comment) share one point.
  const distinct = await harness(page, (h) => {
    const symbols = (h.mapMessage as { map: { symbols: { kind: string; container: string; name: string; comment: string }[] } }).map.symbols;
    return new Set(symbols.map((s) => `${s.kind}|${s.container}|${s.name}|${s.comment}`)).size;
  });
  assert.ok(distinct > 390 && distinct <= 400, `${distinct} distinct symbols`);
  assert.equal(await drawn(page), distinct);
  assert.match((await page.locator('#summary').textContent()) ?? '', /400 symbols/);
  assert.equal((await harness(page, (h) => h.received[0])).type, 'ready');
  assert.ok((await page.locator('.cluster-label:visible').count()) > 0, 'cluster labels are placed');
  assert.ok((await page.locator('.legend-item').count()) > 1, 'a legend is shown');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('hovering a point shows its name, file:line, comment and nearest neighbours', async () => {
  const { page } = await open();
  await hoverSomePoint(page);
  await page.locator('.tt-neighbours li').first().waitFor();
  assert.match((await page.locator('.tt-loc').textContent()) ?? '', /^[\w/]+\.ts:\d+$/);
  assert.ok(((await page.locator('.tt-name').textContent()) ?? '').length > 0);
  assert.equal(await page.locator('.tt-neighbours li').count(), 8);
  assert.match((await page.locator('.tt-score').first().textContent()) ?? '', /^\d\.\d\d$/);
  const asked = await harness(page, (h) => h.received.filter((m) => m.type === 'neighbours').length);
  assert.ok(asked >= 1);
  await page.context().close();
});

test('clicking a point asks the host to open it by id', async () => {
  const { page } = await open();
  const at = await hoverSomePoint(page);
  const location = await page.locator('.tt-loc').textContent();
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => (globalThis as unknown as { __harness: Harness }).__harness.opened.length > 0);
  const opened = await harness(page, (h) => h.opened[0]);
  assert.ok(location?.startsWith(opened.split('#')[0] + ':'), `${opened} is the hovered ${location}`);
  const req = await harness(page, (h) => h.received.find((m) => m.type === 'open'));
  assert.deepEqual(Object.keys(req!).sort(), ['id', 'type'], 'an open request names the symbol by id only');
  await page.context().close();
});

test('search by keyboard: / focuses, results highlight and list, arrows move, Enter opens, Escape clears', async () => {
  const { page } = await open();
  await page.locator('#stage').focus();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search');
  await page.keyboard.type('cache');
  await page.locator('#results .result').first().waitFor();
  assert.equal(await page.getAttribute('#search', 'aria-expanded'), 'true');
  const count = await page.locator('#results .result').count();
  assert.ok(count > 0);
  assert.ok((await drawn(page)) > 0, 'matches are framed, dimmed points still drawn');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#search', 'aria-activedescendant'), 'result-1');
  assert.equal(await page.getAttribute('#result-1', 'aria-selected'), 'true');
  const name = await page.locator('#result-1 .result-name').textContent();
  // The host sends the map again (a rebuild): the search and the selection stay.
  await harness(page, (h) => h.post(h.mapMessage));
  await page.waitForTimeout(300);
  assert.match((await page.locator('#summary').textContent()) ?? '', /\d+ results? · 400 symbols/);
  assert.equal(await page.getAttribute('#result-1', 'aria-selected'), 'true');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (globalThis as unknown as { __harness: Harness }).__harness.opened.length > 0);
  const opened = await harness(page, (h) => h.opened[0]);
  // The list shows a method with its container (`EvictService.setEvictCache`); the id holds its name.
  const own = name!.slice(name!.lastIndexOf('.') + 1);
  assert.ok(opened.endsWith(`#${own}`) || opened.includes(`#${own}@`), `${opened} is ${name}`);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#results').isVisible(), false);
  assert.equal(await page.inputValue('#search'), '');
  await page.context().close();
});

test('hostile names, comments and paths show as text and inject nothing', async () => {
  const { page, errors } = await open({ n: 60, extra: { hostile: '1' } });
  await page.keyboard.press('/');
  await page.keyboard.type('script');
  await page.locator('#results .result').first().waitFor();
  const listed = await page.locator('#results').textContent();
  assert.ok(listed?.includes('<script>window.__pwned = 1</script>'), 'the name is shown literally');
  // Walk every result so the tooltip-free views (list, selection) render each hostile symbol.
  await page.keyboard.press('Escape');
  for (const q of ['img', 'quoted', 'admin', 'zero', 'emoji', 'xxxx']) {
    await page.fill('#search', q);
    await page.locator('#results li').first().waitFor();
  }
  const text = (await page.locator('#results').textContent()) ?? '';
  assert.ok(text.length < 2000, 'a 10,000-character name is shortened');
  const injected = await page.evaluate(() => ({
    pwned: (globalThis as { __pwned?: number }).__pwned,
    elements: document.querySelectorAll('script:not([src]), img, iframe, svg, b, object, embed').length,
  }));
  assert.deepEqual(injected, { pwned: undefined, elements: 0 });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a thousand malformed messages are dropped and the map keeps working', async () => {
  const { page, errors } = await open({ n: 200 });
  await page.evaluate(() => {
    const h = (globalThis as unknown as { __harness: Harness }).__harness;
    let seed = 3;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = [null, 1, 'x', NaN, [], {}, '<img src=x onerror=alert(1)>', { type: 'map' }, -1, 1e308];
    const types = ['map', 'layout', 'update', 'status', 'neighbours', 'searchResults', 'reveal', 'settings', 'open', 'evil'];
    const keys = ['map', 'xy', 'upserted', 'removed', 'state', 'message', 'requestId', 'id', 'results', 'query', 'colourBy', 'neighbours'];
    for (let i = 0; i < 1000; i++) {
      const m: Record<string, unknown> = { type: types[Math.floor(rnd() * types.length)] };
      for (let j = 0; j < 3; j++) m[keys[Math.floor(rnd() * keys.length)]] = values[Math.floor(rnd() * values.length)];
      h.post(i % 10 === 0 ? values[i % values.length] : m);
    }
  });
  await page.waitForTimeout(300);
  assert.equal(await drawn(page), 200);
  assert.ok(errors.some((e) => e.includes('dropped a malformed message')));
  assert.ok(!errors.some((e) => !e.includes('dropped a malformed message')), errors.join('\n'));
  await hoverSomePoint(page);
  await page.context().close();
});

test('reveal selects a symbol, update and layout change the map without a reload', async () => {
  const { page } = await open({ n: 100 });
  // Any symbol id: the one the page asks neighbours for when a point is hovered.
  await hoverSomePoint(page);
  await page.waitForFunction(() =>
    (globalThis as unknown as { __harness: Harness }).__harness.received.some((m) => m.type === 'neighbours'),
  );
  const target = await harness(page, (h) => h.received.find((m) => m.type === 'neighbours')!.id as string);
  await page.mouse.move(1, 1);
  await page.evaluate((id) => (globalThis as unknown as { __harness: Harness }).__harness.post({ type: 'reveal', id }), target);
  // The page saves its state a moment after the view stops moving.
  await page.waitForFunction(
    (id) => ((globalThis as unknown as { __harness: Harness }).__harness.state as { selectedId?: string } | null)?.selectedId === id,
    target,
    { timeout: 10_000 },
  );
  assert.equal(await page.locator('#tooltip .tt-name').isVisible(), true, 'the revealed symbol shows its tooltip');
  await harness(page, (h) =>
    h.post({
      type: 'update',
      upserted: [
        { id: 'new/a.ts#fresh', name: 'fresh', kind: 'function', container: '', file: 'new/a.ts', line: 1, endLine: 2, comment: '', x: 0, y: 0, cluster: 0, region: 0 },
      ],
      removed: [],
    }),
  );
  await page.waitForFunction(() => /101 symbols/.test(document.getElementById('summary')!.textContent ?? ''));
  await page.keyboard.press('0'); // fit everything back in view
  await page.locator('#stage').focus();
  await page.keyboard.press('0');
  // The fit animates; under load it can take a while.
  await page.waitForFunction(() => document.getElementById('canvas')!.dataset.drawn === '101', null, { timeout: 15_000 });
  await harness(page, (h) => h.post({ type: 'layout', xy: [1, 2, 3] }));
  await harness(page, (h) => h.post({ type: 'layout', xy: Array.from({ length: 202 }, (_, i) => Math.sin(i) * 5) }));
  await page.waitForTimeout(700);
  assert.match((await page.locator('#summary').textContent()) ?? '', /101 symbols/);
  await harness(page, (h) => h.post({ type: 'status', state: 'error', message: 'Model failed to load: <b>oops</b>' }));
  assert.equal(await page.locator('#status').textContent(), 'Model failed to load: <b>oops</b>');
  await page.context().close();
});

test('the view, colouring and query come back after a reload', async () => {
  const { page } = await open({ n: 300 });
  await page.selectOption('#colour-by', 'kind');
  const box = (await page.locator('#stage').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  // Saved a moment after the view settles.
  await page.waitForFunction(() => {
    const st = (globalThis as unknown as { __harness: Harness }).__harness.state as { colourBy?: string; transform?: { k: number } } | null;
    return st?.colourBy === 'kind' && st.transform !== undefined;
  });
  await page.waitForTimeout(400);
  const before = (await harness(page, (h) => h.state)) as { transform: { k: number }; colourBy: string };
  assert.equal(before.colourBy, 'kind');
  await page.reload();
  await page.waitForFunction(() => (document.getElementById('summary')?.textContent ?? '') !== '');
  await page.waitForTimeout(400);
  assert.equal(await page.inputValue('#colour-by'), 'kind');
  assert.equal(await page.locator('.legend-title').textContent(), 'Kind');
  const afterState = (await harness(page, (h) => h.state)) as { transform: { k: number } } | null;
  assert.ok(afterState === null || Math.abs(afterState.transform.k - before.transform.k) < 1e-9, 'zoom restored');
  await page.context().close();
});

test('switching the VS Code theme recolours the map', async () => {
  const { page } = await open({ n: 200 });
  const swatch = (): Promise<string> => page.evaluate(() => (document.querySelector('.swatch') as HTMLElement).style.backgroundColor);
  const dark = await swatch();
  await page.evaluate(() => {
    document.documentElement.style.setProperty('--vscode-editor-background', '#ffffff');
    document.body.classList.replace('vscode-dark', 'vscode-light');
  });
  await page.waitForFunction(
    (old) => (document.querySelector('.swatch') as HTMLElement).style.backgroundColor !== old,
    dark,
    { timeout: 10_000 },
  );
  assert.notEqual(await swatch(), dark);
  await page.context().close();
});

test('clicking a point fills the side panel: name, place, doc prose without tags, actions and clickable neighbours', async () => {
  const { page } = await open();
  const at = await hoverSomePoint(page);
  await page.mouse.click(at.x, at.y);
  await page.locator('#details .neighbours button').first().waitFor();
  assert.equal(await page.locator('#details').isVisible(), true);
  assert.equal(await page.locator('#panel-hint').isVisible(), false);
  assert.ok(((await page.locator('#details .panel-title').textContent()) ?? '').length > 0);
  assert.match((await page.locator('#details .panel-loc').textContent()) ?? '', /\.ts:\d+$/);
  assert.deepEqual(await page.locator('#details .panel-actions button').allTextContents(), ['Open', 'Find Similar', 'Reveal in Explorer', 'Copy Name']);
  const scores = (await page.locator('#details .neighbours .item-score').allTextContents()).map(Number);
  assert.equal(scores.length, 8);
  // Clicking a neighbour selects it on the map; its own panel follows.
  const neighbour = await page.locator('#details .neighbours button').first().getAttribute('data-id');
  await page.locator('#details .neighbours button').first().click();
  await page.waitForFunction(
    (id) => ((globalThis as unknown as { __harness: Harness }).__harness.state as { selectedId?: string } | null)?.selectedId === id,
    neighbour,
  );
  // Find Similar from the panel asks the host by id only.
  await page.locator('#details .panel-actions button', { hasText: 'Find Similar' }).click();
  const action = await harness(page, (h) => h.received.find((m) => m.type === 'action'));
  assert.deepEqual(action, { type: 'action', action: 'findSimilar', id: neighbour });
  await page.context().close();
});

test('shift-drag draws a lasso: the points inside are listed in the panel and can be sent on as a whole', async () => {
  const { page } = await open();
  const box = (await page.locator('#stage').boundingBox())!;
  const cx = box.x + box.width * 0.45;
  const cy = box.y + box.height * 0.5;
  await page.keyboard.down('Shift');
  await page.mouse.move(cx - 150, cy - 150);
  await page.mouse.down();
  for (const [dx, dy] of [[150, -150], [150, 150], [-150, 150], [-150, -140]]) await page.mouse.move(cx + dx, cy + dy, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.locator('#selection .area button').first().waitFor();
  const title = (await page.locator('#selection .panel-title').textContent()) ?? '';
  const selected = Number(/^(\d+)/.exec(title)?.[1]);
  assert.ok(selected > 0 && selected < 400, title);
  await page.locator('#selection .panel-actions button', { hasText: 'Find Similar to All' }).click();
  const asked = await harness(page, (h) => h.received.find((m) => m.type === 'similarToMany'));
  assert.equal((asked as unknown as { ids: string[] }).ids.length >= selected, true, 'every selected symbol (and its copies) is sent');
  await page.locator('#stage').focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#selection').isVisible(), false, 'Escape clears the area');
  await page.context().close();
});

test('legend entries filter: picking two shows only their points, Escape shows all again', async () => {
  const { page } = await open();
  const all = await drawn(page);
  const items = page.locator('.legend-item');
  const counts = (await page.locator('.legend-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  await items.nth(0).click();
  await items.nth(1).click();
  await page.waitForFunction((n) => Number(document.getElementById('canvas')!.dataset.drawn) < n, all);
  const shown = await drawn(page);
  assert.ok(shown <= counts[0]! + counts[1]! && shown > 0, `${shown} drawn for ${counts[0]} + ${counts[1]}`);
  assert.deepEqual(await items.evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('aria-pressed'))), ['true', 'true', 'false']);
  await page.locator('#stage').focus();
  await page.keyboard.press('Escape');
  await page.waitForFunction((n) => Number(document.getElementById('canvas')!.dataset.drawn) === n, all);
  await page.context().close();
});

test('right-click on a point opens its menu (not Cut/Copy/Paste), and ? lists the keys', async () => {
  const { page } = await open();
  const at = await hoverSomePoint(page);
  await page.mouse.click(at.x, at.y, { button: 'right' });
  assert.equal(await page.locator('#menu').isVisible(), true);
  assert.deepEqual(await page.locator('#menu button').allTextContents(), ['Open', 'Find Similar', 'Reveal in Explorer', 'Copy Name', 'Copy Path:Line']);
  await page.locator('#menu button', { hasText: 'Copy Path:Line' }).click();
  const action = await harness(page, (h) => h.received.find((m) => m.type === 'action'));
  assert.equal((action as unknown as { action: string }).action, 'copyLocation');
  assert.equal(await page.locator('#menu').isVisible(), false);
  await page.locator('#stage').focus();
  await page.keyboard.press('?');
  assert.equal(await page.locator('#keys').isVisible(), true);
  assert.ok(((await page.locator('#keys').textContent()) ?? '').includes('Shift-drag'));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#keys').isVisible(), false);
  await page.context().close();
});

test('the kind filter shows only symbols of the kind picked, with any colouring', async () => {
  const { page } = await open();
  const all = await drawn(page);
  const options = await page.locator('#kind-filter option').allTextContents();
  assert.equal(options[0], 'All kinds');
  const classes = await harness(page, (h) => {
    const symbols = (h.mapMessage as { map: { symbols: { kind: string; container: string; name: string; comment: string }[] } }).map.symbols;
    return new Set(symbols.filter((s) => s.kind === 'class').map((s) => `${s.kind}|${s.container}|${s.name}|${s.comment}`)).size;
  });
  assert.ok(classes > 0 && classes < all);
  await page.selectOption('#kind-filter', 'class');
  await page.waitForFunction((n) => Number(document.getElementById('canvas')!.dataset.drawn) === n, classes);
  // Another colouring keeps the filter.
  await page.selectOption('#colour-by', 'kind');
  await page.waitForTimeout(200);
  assert.equal(await drawn(page), classes);
  await page.selectOption('#kind-filter', '');
  await page.waitForFunction((n) => Number(document.getElementById('canvas')!.dataset.drawn) === n, all);
  await page.context().close();
});
