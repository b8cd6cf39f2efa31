// The doc comment of a definition: the comment block right above it (JSDoc,
// `///`, `#`, `//`, `=begin`), or a Python docstring, as plain text. Comment
// markers, leading `*` and JSDoc type braces are removed; tags and their words
// stay, one source line per text line, so that src/core/text/comment.ts can
// still tell a tag's block from prose.
import type { Node } from '@vscode/tree-sitter-wasm';
import { truncate } from './bound';
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

/**
 * The comments of one file in source order, as the query captured them.
 * Looking comments up by position rather than walking the tree matters:
 * tree-sitter finds a node's parent or previous sibling by descending from
 * the root, so walking up from every definition in deeply nested code costs
 * depth x definitions.
 */
export class CommentIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly nodes: Node[] = [];
  private sorted = true;

  add(node: Node): void {
    const start = node.startIndex;
    if (this.starts.length > 0 && start < this.starts[this.starts.length - 1]!) this.sorted = false;
    this.starts.push(start);
    this.ends.push(node.endIndex);
    this.nodes.push(node);
  }

  /** Sorts by position once all comments are in (query matches come nearly, not strictly, in order). */
  seal(): void {
    if (this.sorted) return;
    const order = this.starts.map((_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]!);
    const starts = order.map((i) => this.starts[i]!);
    const ends = order.map((i) => this.ends[i]!);
    const nodes = order.map((i) => this.nodes[i]!);
    this.starts.splice(0, starts.length, ...starts);
    this.ends.splice(0, ends.length, ...ends);
    this.nodes.splice(0, nodes.length, ...nodes);
    this.sorted = true;
  }

  /** Index of the last comment ending at or before `index`, or -1. */
  lastBefore(index: number): number {
    let lo = 0;
    let hi = this.ends.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  start(i: number): number {
    return this.starts[i]!;
  }

  end(i: number): number {
    return this.ends[i]!;
  }

  text(i: number): string {
    return this.nodes[i]!.text;
  }
}

/** The doc comment of a definition starting at `start`, as plain text; '' when it has none. */
export function docComment(start: number, body: Node | null, source: string, comments: CommentIndex, spec: LanguageSpec): string {
  if (spec.docstrings && body) {
    const docstring = pythonDocstring(body);
    if (docstring !== undefined) return bound(cleanLines(stripDocstringQuotes(docstring.replace(/\r\n?/g, '\n'))));
  }
  const raw = commentsAbove(start, source, comments, spec);
  if (raw.length === 0) return '';
  return bound(cleanLines(raw.map(stripMarkers).join('\n')));
}

/** Longest stretch between a comment and its definition looked at; longer ones hold code. */
const MAX_GAP = 512;

/**
 * Whether only declaration syntax stands between a comment ending at `from`
 * and what starts at `to`: no code, and no blank line unless the comment is a
 * doc block (see docBlock); modifiers (`export`, `pub`) on the definition's
 * own line and decorator or attribute lines (`@memoize()`,
 * `#[derive(Debug)]`) in between are fine.
 */
function adjacent(source: string, from: number, to: number, comment: string, spec: LanguageSpec): boolean {
  if (to - from > MAX_GAP) return false;
  const lines = source.slice(from, to).split('\n');
  if (comment.endsWith('\n')) lines.unshift('');
  if (lines.length === 1) return spec.declarationPrefix.test(lines[0]!);
  if (!BLANK_LINE.test(lines[0]!)) return false;
  const blankAllowed = docBlock(comment);
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    if (!(spec.skipLine?.test(line) || (blankAllowed && BLANK_LINE.test(line)))) return false;
  }
  return spec.declarationPrefix.test(lines[lines.length - 1]!);
}

const BLANK_LINE = /^[ \t\r]*$/;

/**
 * A `/** ... *\/` block (JSDoc, Javadoc, PHPDoc, Doxygen) says by its marker
 * that it documents the next definition, so a blank line may stand between
 * them: commander, express and much code of their authors' style write
 * `*\/`, an empty line, then the method. TypeScript attaches such comments
 * the same way. A file's own header (licence, `@file`, `@module`) is not a
 * definition's comment, even right above the first one.
 */
function docBlock(comment: string): boolean {
  return comment.startsWith('/**') && !comment.startsWith('/***') && !comment.startsWith('/**/') && !NOT_A_DEFINITION.test(comment);
}

/**
 * What a `/** *\/` block says when it documents something other than the next
 * definition: the file (licence, `@file`, `@module`, PHP's `@package`), a
 * type (`@typedef`, `@callback`), the toolchain (`@flow`, `@jsx`,
 * `@format`) or a Doxygen group (`@{`, `@}`, `@defgroup`, `@name` with a
 * title). JSDoc's `@name addDays`, one identifier, names the definition the
 * block documents (date-fns, async), so it stays. A `/*****` banner is a
 * section heading, not documentation (checked apart).
 */
const NOT_A_DEFINITION =
  /@(?:license|preserve|file|fileoverview|overview|module|packageDocumentation|package|typedef|callback|flow|jsx|jsxFrag|format|defgroup|addtogroup)\b|@name\b(?![ \t]+[\w$.#~:]+[ \t\r]*(?:\*+\/)?[ \t\r]*$)|@[{}]|\bcopyright\s*(?:\(c\)|©|\d{4})|\blicen[cs]ed?\b|SPDX-License-Identifier/im;

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

/** Whether a comment ending at `from` is followed on the next line (or the same) by what starts at `to`, with only spaces between. */
function nextLine(source: string, from: number, to: number, commentEndsLine: boolean): boolean {
  if (to - from > MAX_INDENT_SCAN) return false;
  let newlines = commentEndsLine ? 1 : 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) newlines++;
    else if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return newlines <= 1;
}

/** Texts of the contiguous comments right above a definition (no blank line between, but see docBlock), top first. */
export function commentsAbove(start: number, source: string, comments: CommentIndex, spec: LanguageSpec): string[] {
  let i = comments.lastBefore(start);
  const found: string[] = [];
  let next = start;
  let first = true;
  while (i >= 0 && found.length < MAX_COMMENT_NODES) {
    const text = comments.text(i);
    const endsLine = text.endsWith('\n');
    if (first ? !adjacent(source, comments.end(i), next, text, spec) : !nextLine(source, comments.end(i), next, endsLine)) break;
    // A comment after code on its own line belongs to that code, not to what follows.
    if (!startsLine(source, comments.start(i))) break;
    // A `#!` line opening the file names an interpreter; it documents nothing.
    if (comments.start(i) === 0 && text.startsWith('#!')) break;
    if (spec.innerComment?.test(text)) break;
    found.push(text);
    next = comments.start(i);
    first = false;
    i--;
  }
  return found.reverse();
}

/** The string a Python body opens with, if any. */
function pythonDocstring(body: Node): string | undefined {
  let first = body.firstNamedChild;
  while (first && first.type.endsWith('comment')) first = first.nextNamedSibling;
  if (first?.type !== 'expression_statement') return undefined;
  const value = first.firstNamedChild;
  if (value?.type !== 'string' && value?.type !== 'concatenated_string') return undefined;
  return value.text;
}

function stripDocstringQuotes(text: string): string {
  return text.replace(/^[rRuUbBfF]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '');
}

/** One comment's text without its markers. */
function stripMarkers(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').trimEnd();
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
 * Comment lines that talk to tools, not to readers (`//go:noinline`,
 * `// eslint-disable-next-line`, `# noqa`, `# type: ignore`).
 */
const TOOL_DIRECTIVE =
  /^(?:go:\w|\+build\b|nolint\b|NOLINT|eslint-|istanbul\s|c8\s|prettier-ignore|@ts-(?:ignore|expect-error|nocheck)|noqa\b|type:\s*ignore|pylint:|rubocop:|jshint\s|jscs:|tslint:)/;

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
    if (clean && !TOOL_DIRECTIVE.test(clean)) lines.push(clean);
  }
  return lines.join('\n');
}

function bound(text: string): string {
  return text.length <= MAX_COMMENT_LENGTH ? text : truncate(text, MAX_COMMENT_LENGTH).trimEnd();
}
