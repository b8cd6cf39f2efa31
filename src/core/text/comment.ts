// Doc comments as plain prose: what a comment says, without the markup around it.
// The extractor already removes comment delimiters (`/**`, `*`, `#`, `///`);
// this removes what is left inside that is not prose.

/** Tags whose whole block is code or bookkeeping, not meaning. */
const DROPPED_TAGS = new Set([
  'example', 'examples', 'since', 'version', 'see', 'link', 'author', 'license',
  'copyright', 'static', 'memberof', 'member', 'alias', 'name', 'function', 'func',
  'method', 'private', 'public', 'protected', 'internal', 'access', 'ignore',
  'deprecated', 'todo', 'type', 'typedef', 'template', 'typeparam', 'default',
  'defaultvalue', 'override', 'inheritdoc', 'module', 'namespace', 'exports',
  'export', 'file', 'fileoverview', 'overview', 'kind', 'instance', 'global',
  'readonly', 'abstract', 'async', 'generator', 'constructor', 'class', 'extends',
  'augments', 'implements', 'lends', 'requires', 'tutorial', 'event', 'fires',
  'listens', 'variation', 'experimental', 'beta', 'alpha', 'remarks', 'category',
  'group', 'noinspection', 'eslint', 'ts', 'flow', 'jsx', 'pure', 'nocollapse',
  // dox and jsdoc-toolkit's `@api public` / `@api private` (express, connect, mongoose).
  'api',
]);

/** The prose of a doc comment: tags' descriptions kept, code, types, links and markup dropped. */
export function commentProse(comment: string): string {
  // Each rule runs only when its marker occurs: most comments hold none of
  // them, and ten passes of regular expressions over every comment were a
  // second of a 100k-symbol index. The output is the same either way.
  let text = comment;
  // Fenced code and indented doctest lines are examples, not descriptions.
  if (text.includes('```')) text = text.replace(/```[\s\S]*?(```|$)/g, ' ');
  if (text.includes('~~~')) text = text.replace(/~~~[\s\S]*?(~~~|$)/g, ' ');
  if (text.includes('>>>') || text.includes('...') || text.includes('$ ')) text = text.replace(/^\s*(>>>|\.\.\.|\$ ).*$/gm, ' ');
  // {@link Target text} and {@link Target} keep what a reader sees.
  if (text.includes('{@')) {
    text = text.replace(/\{@(?:link|linkcode|linkplain)\s+([^}\s|]+)(?:[\s|]+([^}]*))?\}/g, (_m, target: string, label?: string) => ` ${label || target} `);
  }
  // Markdown links and images keep their text; bare URLs and e-mail addresses go.
  if (text.includes('](')) text = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, ' $1 ');
  if (text.includes('://')) text = text.replace(/\b(?:https?|ftp|file):\/\/[^\s<>)\]]*[^\s<>)\].,;:!?'"]/gi, ' ');
  if (/www\./i.test(text)) text = text.replace(/\bwww\.\S+/gi, ' ');
  // An address starts where a run of its characters starts (the look-behind), so the scan does not retry inside every word.
  if (text.includes('@')) text = text.replace(/(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+/g, ' ');
  // HTML tags and entities.
  if (text.includes('<')) text = text.replace(/<\/?[a-zA-Z][^>]*>/g, ' ');
  if (text.includes('&')) text = text.replace(/&[a-zA-Z]+;|&#\d+;/g, ' ');

  const kept: string[] = [];
  let dropping = false;
  for (const line of text.split(/\r?\n/)) {
    const tag = /^\s*@([A-Za-z]+)\b(.*)$/.exec(line);
    if (tag) {
      const name = tag[1]!.toLowerCase();
      dropping = DROPPED_TAGS.has(name);
      if (dropping) continue;
      kept.push(tagDescription(name, tag[2]!));
      continue;
    }
    if (!dropping) kept.push(line);
  }
  text = kept.join('\n');
  return text
    // Inline code keeps its content (often an identifier the words should include).
    .replace(/`([^`]*)`/g, ' $1 ')
    // Emphasis, headings, list bullets, table rules.
    .replace(/[*_~#>|=]{1,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What follows `@param {T} [name=default] - description`: the name and the description. */
function tagDescription(tag: string, rest: string): string {
  const body = rest.replace(/^\s*\{[^}]*\}/, ' ').trim();
  if (tag === 'param' || tag === 'arg' || tag === 'argument' || tag === 'property' || tag === 'prop') {
    const m = /^\[?([\w$.]+)[^\]\s]*\]?\s*-?\s*(.*)$/.exec(body);
    return m ? `${m[1]} ${m[2]}` : body;
  }
  return body;
}
