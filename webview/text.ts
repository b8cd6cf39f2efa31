// Short display forms of workspace text for the tooltip, results and labels.
// Pure. Everything here ends up in textContent, never in HTML.

/** Characters that reorder or hide text (bidi controls, zero-width marks); shown as a visible marker. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Cut to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

/** Cut from the left, for paths whose end matters most. */
export function truncateStart(s: string, max: number): string {
  if (s.length <= max) return s;
  let start = s.length - (max - 1);
  const code = s.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start++;
  return '…' + s.slice(start);
}

/** Makes invisible and direction-changing characters visible, so names cannot disguise themselves. */
export function revealInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The first non-empty line of a comment, trimmed and bounded. */
export function firstLine(comment: string, max = 200): string {
  for (const line of comment.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t) return truncate(revealInvisible(t), max);
  }
  return '';
}

/** Symbol name as shown: invisible characters revealed, bounded. */
export function displayName(name: string, max = 120): string {
  return truncate(revealInvisible(name), max) || '(anonymous)';
}

export function location(file: string, line: number, max = 160): string {
  return `${truncateStart(revealInvisible(file), max)}:${line}`;
}

/** Similarity as shown next to neighbours and results. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}
