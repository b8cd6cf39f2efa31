// Long loops on the caller's thread, in slices. Deriving texts and terms for
// 100k symbols, or writing their snapshot, is seconds of work that cannot
// usefully move to a worker (the results would be copied back at about the
// same cost), and the extension host runs this on the event loop every other
// extension shares: each slice gives the loop a turn, so it never stalls for
// longer than SLICE_MS.
import { throwIfAborted } from './types';

// Node's setImmediate, reached through the global rather than
// node:timers/promises so that search code bundled into an exported map page
// (webview/standalone.ts) loads in a browser, where slices never run.
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 8;
/** Items between two looks at the clock (performance.now() is cheap, not free). */
const CHECK_EVERY = 16;

/**
 * Calls `fn(i)` for i from 0 to count - 1, giving the event loop a turn every
 * SLICE_MS and checking `signal` at each turn. Stops at the first `fn` that
 * returns false, and says whether it ran to the end.
 */
export async function forEachSliced(count: number, fn: (index: number) => boolean | void, signal?: AbortSignal): Promise<boolean> {
  let sliceStart = performance.now();
  for (let i = 0; i < count; i++) {
    if (fn(i) === false) return false;
    if (i % CHECK_EVERY === CHECK_EVERY - 1 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      throwIfAborted(signal);
      sliceStart = performance.now();
    }
  }
  return true;
}

/** Like `items.map(fn)`, a slice at a time (see forEachSliced). */
export async function mapSliced<T, R>(items: readonly T[], fn: (item: T, index: number) => R, signal?: AbortSignal): Promise<R[]> {
  const out: R[] = new Array(items.length);
  await forEachSliced(
    items.length,
    (i) => {
      out[i] = fn(items[i]!, i);
    },
    signal,
  );
  return out;
}
