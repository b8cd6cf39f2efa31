// What the suite reads from the map webview and the workbench: everything a
// user sees (canvas pixels, the tooltip, the search results, quick picks,
// hovers, notifications), plus the webview's one test hook, the number of
// points it drew (data-drawn on the canvas).
import type { Frame, Page } from 'playwright-core';
import { log, mapFrameHandle, runCommand, waitFor } from './harness';

export interface MapState {
  readonly drawn: number | undefined;
  readonly status: string;
  readonly summary: string;
}

export async function readMapState(frame: Frame): Promise<MapState> {
  return frame.evaluate(() => {
    const canvas = document.getElementById('canvas') as HTMLCanvasElement | null;
    const drawnText = canvas?.dataset.drawn ?? canvas?.dataset.points;
    return {
      drawn: drawnText === undefined ? undefined : Number(drawnText),
      status: document.getElementById('status')?.textContent ?? '',
      summary: document.getElementById('summary')?.textContent ?? '',
    };
  });
}

/** Waits for the extension's status bar item, i.e. for the extension to have activated (its commands exist then). */
export async function waitForExtension(page: Page, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    'the Latent Map status bar item',
    async () => /Latent Map|\d+ symbols?/.test(await page.locator('.statusbar').innerText()),
    timeoutMs,
    500,
  );
}

/**
 * Opens the map and waits until it has drawn `expected` points (or any, when
 * undefined). The webview counts the points it drew in the last frame, so when
 * the whole map is indexed but part of it is out of view (the panel got
 * narrower when an editor opened beside it), Fit brings everything back.
 */
export async function showMap(page: Page, expected?: number, timeoutMs = 240_000): Promise<{ frame: Frame; state: MapState }> {
  await waitForExtension(page);
  await runCommand(page, 'Latent Map: Show Map');
  const frame = await mapFrameHandle(page);
  let last: MapState | undefined;
  let fitted = false;
  const started = Date.now();
  const state = await waitFor(
    `the map to draw ${expected ?? 'its'} points`,
    async () => {
      last = await readMapState(frame);
      const indexed = countFromText(last.summary) ?? countFromText(last.status);
      const count = last.drawn ?? indexed;
      if (!fitted && expected !== undefined && indexed === expected && count !== expected && Date.now() - started > 3000) {
        fitted = true;
        await frame.click('#fit');
      }
      if (count === undefined || count === 0) return undefined;
      if (expected !== undefined && count !== expected) return undefined;
      return last;
    },
    timeoutMs,
    500,
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last map state ${JSON.stringify(last)}`);
  });
  // Let the layout settle (the projection streams intermediate layouts).
  await waitForStableCanvas(frame);
  return { frame, state };
}

export function countFromText(text: string): number | undefined {
  const match = /([\d,]+)\s+symbols?/i.exec(text);
  return match ? Number(match[1]!.replace(/,/g, '')) : undefined;
}

export interface Blob {
  /** Centre in CSS pixels relative to the canvas. */
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly maxAlpha: number;
  /** The largest colour difference (sum over R, G, B, 0–765) between its pixels and the page background. */
  readonly contrast: number;
}

/**
 * Finds the drawn points from the canvas pixels: the background is transparent,
 * so each 4-connected patch of opaque pixels is one point or several touching
 * ones. Hand-written because no library reads a canvas this way; it runs inside
 * the webview.
 */
export async function findBlobs(frame: Frame): Promise<Blob[]> {
  return frame.evaluate(() => {
    const canvas = document.getElementById('canvas') as HTMLCanvasElement;
    const context = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const data = context.getImageData(0, 0, width, height).data;
    const scale = width / canvas.getBoundingClientRect().width || 1;
    const seen = new Uint8Array(width * height);
    // The canvas is transparent; what shows behind it is the first opaque background up the tree.
    let bg = [0, 0, 0];
    for (let e: Element | null = canvas; e; e = e.parentElement) {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
      if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
        bg = [Number(m[1]), Number(m[2]), Number(m[3])];
        break;
      }
    }
    const blobs: { x: number; y: number; size: number; maxAlpha: number; contrast: number }[] = [];
    const stack: number[] = [];
    for (let start = 0; start < width * height; start++) {
      if (seen[start] || data[start * 4 + 3]! < 24) continue;
      let sx = 0;
      let sy = 0;
      let size = 0;
      let maxAlpha = 0;
      let contrast = 0;
      stack.push(start);
      seen[start] = 1;
      while (stack.length > 0) {
        const p = stack.pop()!;
        const px = p % width;
        const py = (p - px) / width;
        sx += px;
        sy += py;
        size++;
        const a = data[p * 4 + 3]! / 255;
        maxAlpha = Math.max(maxAlpha, data[p * 4 + 3]!);
        let diff = 0;
        for (let c = 0; c < 3; c++) diff += Math.abs(data[p * 4 + c]! * a + bg[c]! * (1 - a) - bg[c]!);
        contrast = Math.max(contrast, diff);
        for (const q of [p - 1, p + 1, p - width, p + width]) {
          if (q < 0 || q >= width * height || seen[q]) continue;
          if ((q === p - 1 && px === 0) || (q === p + 1 && px === width - 1)) continue;
          if (data[q * 4 + 3]! < 24) continue;
          seen[q] = 1;
          stack.push(q);
        }
      }
      blobs.push({ x: sx / size / scale, y: sy / size / scale, size, maxAlpha, contrast });
    }
    return blobs;
  });
}

/** Waits until two pixel scans a moment apart agree (the layout stopped moving). */
export async function waitForStableCanvas(frame: Frame, timeoutMs = 60_000): Promise<void> {
  let previous = '';
  await waitFor(
    'the map layout to settle',
    async () => {
      const blobs = await findBlobs(frame);
      const signature = blobs.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`).join(';');
      const stable = signature === previous && blobs.length > 0;
      previous = signature;
      return stable;
    },
    timeoutMs,
    1000,
  );
}

export interface Tooltip {
  /** The whole tooltip as the user reads it. */
  readonly text: string;
  /** Its head: the symbol's name (with its container, "Class.method"). */
  readonly name: string;
  /** Its `file:line`. */
  readonly location: string;
}

export interface Hovered {
  readonly blob: Blob;
  readonly tooltip: Tooltip;
}

async function canvasOrigin(frame: Frame): Promise<{ x: number; y: number }> {
  const canvas = await frame.$('#canvas');
  const box = await canvas?.boundingBox();
  if (!box) throw new Error('the map canvas has no bounding box');
  return { x: box.x, y: box.y };
}

export async function readTooltip(frame: Frame): Promise<Tooltip | undefined> {
  return frame.evaluate(() => {
    const tooltip = document.getElementById('tooltip');
    if (!tooltip || tooltip.hidden || getComputedStyle(tooltip).display === 'none') return undefined;
    return {
      text: tooltip.innerText,
      name: tooltip.querySelector('.tt-name')?.textContent ?? tooltip.innerText.split('\n')[0] ?? '',
      location: tooltip.querySelector('.tt-loc')?.textContent ?? '',
    };
  });
}

/** Moves the mouse over a point and returns the tooltip once `until` accepts it (or the last one seen). */
export async function hoverBlob(page: Page, frame: Frame, blob: Blob, until?: (tooltip: Tooltip) => boolean, timeoutMs = 4000): Promise<Tooltip | undefined> {
  const origin = await canvasOrigin(frame);
  await page.mouse.move(origin.x + blob.x, origin.y + blob.y, { steps: 2 });
  const deadline = Date.now() + timeoutMs;
  let tooltip: Tooltip | undefined;
  while (Date.now() < deadline) {
    tooltip = await readTooltip(frame);
    if (tooltip !== undefined && (!until || until(tooltip))) return tooltip;
    await page.waitForTimeout(150);
  }
  return tooltip;
}

export async function clickBlob(page: Page, frame: Frame, blob: Blob): Promise<void> {
  const origin = await canvasOrigin(frame);
  await page.mouse.click(origin.x + blob.x, origin.y + blob.y);
}

/** Hovers every point once and collects the tooltips (names are matched by the caller). */
export async function hoverAll(page: Page, frame: Frame, limit = 200): Promise<Hovered[]> {
  const blobs = (await findBlobs(frame)).slice(0, limit);
  const hovered: Hovered[] = [];
  for (const blob of blobs) {
    const tooltip = await hoverBlob(page, frame, blob, undefined, 1500);
    if (tooltip) hovered.push({ blob, tooltip });
  }
  log(`hovered ${blobs.length} points, ${hovered.length} tooltips`);
  return hovered;
}

/** Text of the visible notification toasts. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast').allInnerTexts();
}

/** Opens a workspace file at a line through Quick Open and Go to Line. */
export async function openFileAtLine(page: Page, file: string, line: number): Promise<void> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(file, { timeout: 5000 });
      const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${file.split('/').pop()}"]`, { timeout: 10_000 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(`:${line}`, { timeout: 5000 });
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      log(`opening ${file}:${line}, attempt ${attempt} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await page.waitForTimeout(1000 * attempt);
    }
  }
  throw new Error(`could not open ${file} at line ${line}`);
}

/** Labels of the rows of the open quick pick. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
  return rows.allInnerTexts();
}
