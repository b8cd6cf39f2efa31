// Words for the indexing notification and the status bar, from the core's
// Progress events. Kept free of `vscode` so the wording is unit-tested.
import type { Progress } from '../core/types';

function count(p: Progress): string {
  return p.done !== undefined && p.total !== undefined && p.total > 0 ? ` ${p.done}/${p.total}` : '';
}

function percent(p: Progress): string {
  if (p.done === undefined || p.total === undefined || p.total <= 0) return '';
  return ` ${Math.min(100, Math.max(0, Math.floor((100 * p.done) / p.total)))} %`;
}

/** One line naming the phase, e.g. "Embedding 120/800" or "Downloading model 40 %". */
export function progressText(p: Progress): string {
  switch (p.phase) {
    case 'discover':
      return `Finding files${p.done !== undefined ? ` (${p.done})` : ''}`;
    case 'extract':
      return `Reading symbols${count(p)}`;
    case 'download':
      // The core's message names the model and file ("Downloading <id> (<file>)").
      return `${p.message?.trim() || 'Downloading model'}${percent(p)}`;
    case 'embed':
      return `Embedding${count(p)}`;
    case 'project':
      // done/total are the layout's epochs.
      return `Laying out${percent(p)}`;
    case 'cluster':
      return 'Grouping clusters';
  }
}

/**
 * The order of the phases in a build. The model loads (and may download)
 * while files are read, so those two share a rank.
 */
const PHASE_RANK: Readonly<Record<Progress['phase'], number>> = {
  discover: 0,
  extract: 1,
  download: 1,
  embed: 2,
  project: 3,
  cluster: 4,
};

/**
 * Passes progress on at most every `intervalMs`, except that a new phase always
 * passes at once (and an earlier one never does), so the notification never
 * lags a phase behind but is not redrawn for every file or batch.
 */
export function throttleProgress(
  sink: (p: Progress) => void,
  intervalMs: number,
  now: () => number = Date.now,
): (p: Progress) => void {
  let lastPhase: Progress['phase'] | undefined;
  let lastAt = -Infinity;
  let furthest = 0;
  return (p) => {
    // A report from a phase the build has left (a worker's message landing
    // late) would send the notification backwards; it is dropped.
    const rank = PHASE_RANK[p.phase];
    if (rank < furthest) return;
    furthest = rank;
    const t = now();
    if (p.phase !== lastPhase || t - lastAt >= intervalMs || (p.total !== undefined && p.done === p.total)) {
      lastPhase = p.phase;
      lastAt = t;
      sink(p);
    }
  };
}

/** "1 symbol", "1234 symbols" (no digit grouping, so tests can read the number back). */
export function symbolCount(n: number): string {
  return `${n} ${n === 1 ? 'symbol' : 'symbols'}`;
}

/** "12 files", or with several folders "12 files of 2 folders". */
export function filesText(counts: { readonly files: number; readonly folders: number }): string {
  const files = `${counts.files} ${counts.files === 1 ? 'file' : 'files'}`;
  return counts.folders > 1 ? `${files} of ${counts.folders} folders` : files;
}

/** "discover 12 ms, extract 340 ms, …" for the log. */
export function timingsText(ms: object): string {
  return Object.entries(ms)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([stage, value]) => `${stage} ${Math.round(value)} ms`)
    .join(', ');
}

/** "tooLarge 2, minified 1" or "none" for the log. */
export function skippedText(skipped: Readonly<Partial<Record<string, number>>>): string {
  const parts = Object.entries(skipped)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([reason, n]) => `${reason} ${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/**
 * The fallback notification: the core's reason names the model and the cause
 * and usually says the built-in model took over; whatever it says, the
 * notification names the model and says so exactly once.
 */
export function fallbackText(model: string, reason: string): string {
  const cause = reason.trim().replace(/\.$/, '');
  const named = cause.includes(model) ? cause : `Could not load the model "${model}": ${cause}`;
  return /built-in model/i.test(named) ? `Latent Map: ${named}.` : `Latent Map: ${named}. The built-in model is used instead.`;
}
