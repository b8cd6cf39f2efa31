// The doc comment of a definition: the comment block right above it (JSDoc,
// `///`, `#`, `//`, `=begin`), or a Python docstring, as plain text. Comment
// markers, leading `*` and JSDoc type braces are removed; tags and their words
// stay, one source line per text line, so that src/core/text/comment.ts can
// still tell a tag's block from prose.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from './spec';

/**
 * Longest comment kept, in characters: a doc comment's summary comes first,
 * and the embedding text keeps only its first 64 words anyway
 * (MAX_EMBEDDING_WORDS in src/core/text/embeddingText.ts).
 */
export const MAX_COMMENT_LENGTH = 1000;
/** Comment nodes gathered above one definition at most (a block of `//` lines is one node per line). */
const MAX_COMMENT_NODES = 64;
/** Characters looked back to tell whether a comment starts its line; longer indents are not real. */
const MAX_INDENT_SCAN = 256;

/** The doc comment of `def` as plain text, '' when it has none. */
export function docComment(def: Node, body: Node | null, source: string, spec: LanguageSpec): string {
  if (spec.docstrings && body) {
    const docstring = pythonDocstring(body);
    if (docstring !== undefined) return bound(cleanLines(stripDocstringQuotes(docstring)));
  }
  const raw = commentsAbove(def, source, spec);
  if (raw.length === 0) return '';
  return bound(cleanLines(raw.map(stripMarkers).join('\n')));
}

function isComment(node: Node): boolean {
  return node.type.endsWith('comment');
}

/** The last row a node covers with text (a line comment's node may end at column 0 of the next row). */
function lastRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/** Whether only spaces stand between the start of its line and `index`. */
function startsLine(source: string, index: number): boolean {
  const stop = Math.max(0, index - MAX_INDENT_SCAN);
  for (let i = index - 1; i >= stop; i--) {
    const c = source.charCodeAt(i);
    if (c === 10) return true; // \n
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return false;
  }
  return true;
}

/** Texts of the contiguous comments right above `def` (no blank line between), top first. */
function commentsAbove(def: Node, source: string, spec: LanguageSpec): string[] {
  let anchor = def;
  for (let parent = anchor.parent; parent && spec.commentWrappers.has(parent.type); parent = parent.parent) anchor = parent;

  const found: string[] = [];
  let node = anchor;
  let nextRow = anchor.startPosition.row;
  while (found.length < MAX_COMMENT_NODES) {
    const prev = node.previousSibling;
    if (!prev) {
      // A definition that opens its parent's body (Ruby puts a class's comment
      // before the body node that starts with the class): look above the parent.
      const parent = node.parent;
      if (parent && parent.parent && parent.startIndex === node.startIndex) {
        node = parent;
        continue;
      }
      break;
    }
    if (spec.commentSkips.has(prev.type)) {
      nextRow = prev.startPosition.row;
      node = prev;
      continue;
    }
    if (!isComment(prev) || lastRow(prev) < nextRow - 1) break;
    // A comment after code on its own line belongs to that code, not to what follows.
    if (!startsLine(source, prev.startIndex)) break;
    const text = prev.text;
    if (spec.innerComment?.test(text)) break;
    found.push(text);
    nextRow = prev.startPosition.row;
    node = prev;
  }
  return found.reverse();
}

/** The string a Python body opens with, if any. */
function pythonDocstring(body: Node): string | undefined {
  let first = body.firstNamedChild;
  while (first && isComment(first)) first = first.nextNamedSibling;
  if (first?.type !== 'expression_statement') return undefined;
  const value = first.firstNamedChild;
  if (value?.type !== 'string' && value?.type !== 'concatenated_string') return undefined;
  return value.text;
}

function stripDocstringQuotes(text: string): string {
  return text.replace(/^[rRuUbBfF]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
}

/** One comment's text without its markers. */
function stripMarkers(text: string): string {
  if (text.startsWith('/*')) {
    return text
      .replace(/^\/\*+!?/, '')
      .replace(/\*+\/$/, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*+(?!\/)/, ''))
      .join('\n');
  }
  if (text.startsWith('=begin')) return text.replace(/^=begin.*\n?/, '').replace(/\n?=end.*$/, '');
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\/\/[/!]?|#+!?)/, ''))
    .join('\n');
}

/**
 * Markup that is never prose: JSDoc type braces after a tag (`@param {string} name`
 * keeps `@param name`), C# XML doc tags (`<param name="x">` keeps `x`).
 */
function cleanLines(text: string): string {
  const lines: string[] = [];
  for (const line of text
    .replace(/(@[A-Za-z]+)\s*\{(?:[^{}]|\{[^{}]*\})*\}/g, '$1')
    // PHPDoc types are bare words: `@param string $name` keeps `@param $name`.
    .replace(/(@(?:param|var|property(?:-read|-write)?))\s+[^\s$]+\s+(?=(?:\.\.\.)?[&]?\$)/g, '$1 ')
    .replace(/<(?:see|seealso|paramref|typeparamref)\s+(?:cref|name|langword)="([^"]*)"\s*\/>/g, '$1')
    .replace(/<(?:param|typeparam)\s+name="([^"]*)"\s*>/g, '$1 ')
    .replace(/<\/?(?:summary|remarks|returns|value|para|c|code|example|exception|param|typeparam|inheritdoc)\b[^>]*>/g, ' ')
    .split(/\r?\n|\r/)) {
    const clean = line.replace(/[\s\u0000-\u001f]+/g, ' ').trim();
    if (clean) lines.push(clean);
  }
  return lines.join('\n');
}

/** At most MAX_COMMENT_LENGTH characters, never cutting a surrogate pair in half. */
function bound(text: string): string {
  if (text.length <= MAX_COMMENT_LENGTH) return text;
  let cut = MAX_COMMENT_LENGTH;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  return text.slice(0, cut).trimEnd();
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
