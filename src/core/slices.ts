// Long loops on the caller's thread, in slices. Deriving texts and terms for
// 100k symbols, or writing their snapshot, is seconds of work that cannot
// usefully move to a worker (the results would be copied back at about the
// same cost), and the extension host runs this on the event loop every other
// extension shares: each slice gives the loop a turn, so it never stalls for
// longer than SLICE_MS.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfAborted } from './types';

/** Longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 8;
/** Items between two looks at the clock (performance.now() is cheap, not free). */
const CHECK_EVERY = 16;

/** Like `items.map(fn)`, giving the event loop a turn every SLICE_MS; checks `signal` at each turn. */
export async function mapSliced<T, R>(items: readonly T[], fn: (item: T, index: number) => R, signal?: AbortSignal): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    out[i] = fn(items[i]!, i);
    if (i % CHECK_EVERY === CHECK_EVERY - 1 && performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      throwIfAborted(signal);
      sliceStart = performance.now();
    }
  }
  return out;
}
