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

/** Longest doc paragraph shown in the panel; longer prose ends at the last sentence that fits. */
const DOC_MAX = 700;

/**
 * A doc comment's first paragraph as prose: tag lines (`@param`, `@name`,
 * `@returns`…) and what follows them left out, `{@link X}` read as X, lines
 * joined, and, when too long, cut after the last whole sentence that fits
 * rather than mid-sentence.
 */
export function docSummary(comment: string): string {
  const lines: string[] = [];
  for (const raw of comment.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line.startsWith('@')) break;
    if (line === '') {
      if (lines.length > 0) break;
      continue;
    }
    lines.push(line);
  }
  const prose = revealInvisible(lines.join(' ').replace(/\{@(?:link|linkcode|linkplain)\s+([^}|\s]+)(?:[|\s][^}]*)?\}/g, '$1').replace(/\s+/g, ' ').trim());
  if (prose.length <= DOC_MAX) return prose;
  const head = prose.slice(0, DOC_MAX);
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (end > DOC_MAX / 3) return head.slice(0, end + 1);
  // One long sentence: cut at a word.
  const space = head.lastIndexOf(' ');
  return `${space > 0 ? head.slice(0, space) : head.slice(0, DOC_MAX - 1)}…`;
}
