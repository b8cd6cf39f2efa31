// Whether a function answers yes or no: what its declared return type says,
// or, where a language lets a function go untyped, what every `return` of its
// own body gives. Types are read as written (no inference): `boolean | undefined`
// and `Promise<boolean>` are not booleans, and a call to another function
// (`return isArray(x)`) is unknown.
import type { Node } from '@vscode/tree-sitter-wasm';

/** How one language says a function returns a boolean. */
export interface BooleanReturns {
  /** The node of a function's declared return type; null when it declares none. */
  readonly declared: (fn: Node) => Node | null;
  /** Node types that only wrap the type (`: T`, Python's `type`, parentheses): read through to their one named child. */
  readonly wrappers?: ReadonlySet<string>;
  /** The boolean type as written, after wrappers (`boolean`, `bool`, `System.Boolean`). */
  readonly types: ReadonlySet<string>;
  /** Return-type node types that are booleans whatever they name (TypeScript's `x is T`). */
  readonly predicates?: ReadonlySet<string>;
  /** Reading the body of a function that declares no type; absent where every function declares one. */
  readonly body?: BooleanBody;
}

/** What an untyped function's body looks like in one language. */
export interface BooleanBody {
  /** Statements that hold other statements, descended into for `return`s; expressions never are, so nested functions and classes are never entered. */
  readonly blocks: ReadonlySet<string>;
  /** The node type of a body of statements; any other body is one expression (an arrow function's `=> x`, a lambda's). */
  readonly statements: string;
  /** A statement that makes the function a generator (Python's `yield` as a statement): not a boolean function then. */
  readonly isYield?: (statement: Node) => boolean;
  /** What one node of an expression says of its value (comparisons, `!x`, literals…); see BooleanStep. */
  readonly step: (expression: Node) => BooleanStep;
}

/**
 * What one node of an expression says of its value: a boolean (`true`), not
 * one or unknown (`false`), or a boolean when each of these parts is one
 * (`a && b`, `c ? d : e`, `(f)`); a missing part is not.
 */
export type BooleanStep = boolean | readonly (Node | null)[];

/**
 * Whether an expression is boolean-valued, node by node with a stack of its
 * own: `x === 0 || x === 1 || …` nests a node per operator, and a generated
 * file's chain of thousands would overflow the call stack if read recursively.
 */
export function isBooleanExpression(expression: Node, step: (node: Node) => BooleanStep): boolean {
  const pending: Node[] = [expression];
  while (pending.length > 0) {
    const verdict = step(pending.pop()!);
    if (verdict === true) continue;
    if (verdict === false) return false;
    for (const part of verdict) {
      if (!part) return false;
      pending.push(part);
    }
  }
  return true;
}

/** Modifiers and tokens come before the name: `export async function`, `public static async *m()`. */
const MAX_LEADING_CHILDREN = 6;
/** Functions returning something other than their `return`s' values: a promise, a coroutine, an iterator, a future. */
const WRAPPED_RESULT: ReadonlySet<string> = new Set(['async', '*']);

/**
 * Where the word `return` stands in one file, found on first use in one pass,
 * so that asking for each function costs a binary search rather than a scan
 * (which, nested functions being inside one another, would add up to the
 * file's length times their depth).
 */
export class ReturnWords {
  private positions: number[] | undefined;

  constructor(private readonly source: string) {}

  /** Whether the word occurs in [start, end). */
  within(start: number, end: number): boolean {
    const positions = (this.positions ??= wordPositions(this.source, 'return'));
    let low = 0;
    let high = positions.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (positions[mid]! < start) low = mid + 1;
      else high = mid;
    }
    return low < positions.length && positions[low]! < end;
  }
}

function wordPositions(source: string, word: string): number[] {
  const out: number[] = [];
  for (let at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + word.length)) out.push(at);
  return out;
}

/** Whether the function node `fn` says it returns a boolean, by its declared type or, without one, by its body. */
export function returnsBoolean(fn: Node, returnWords: ReturnWords, rules: BooleanReturns): boolean {
  // The async-or-generator check comes last: most functions fail before it.
  let type = rules.declared(fn);
  if (type) {
    while (rules.wrappers?.has(type.type)) {
      const inner = onlyNamedChild(type);
      if (!inner) return false;
      type = inner;
    }
    return (rules.predicates?.has(type.type) === true || rules.types.has(type.text)) && !wrapsResult(fn);
  }
  const body = rules.body;
  if (!body) return false;
  const block = fn.childForFieldName('body');
  if (!block) return false;
  let answers: boolean;
  if (block.type === body.statements) {
    // Most bodies that return nothing are read without a walk: the word is not in them.
    answers = returnWords.within(block.startIndex, block.endIndex) && returnsOnlyBooleans(block, body);
  } else {
    answers = isBooleanExpression(block, body.step);
  }
  return answers && !wrapsResult(fn);
}

/** async functions and generators: their callers get a promise or an iterator, whatever they return. */
function wrapsResult(fn: Node): boolean {
  const count = Math.min(fn.childCount, MAX_LEADING_CHILDREN);
  for (let i = 0; i < count; i++) {
    const child = fn.child(i);
    if (!child) continue;
    if (WRAPPED_RESULT.has(child.type)) return true;
    // Rust puts them in one node: `pub async unsafe fn`.
    if (child.type === 'function_modifiers' && /\basync\b/.test(child.text)) return true;
  }
  return false;
}

/**
 * Every `return` among the statements of `block` (and of the statements they
 * hold) gives a boolean, and there is at least one. Stops at the first that
 * does not.
 */
function returnsOnlyBooleans(block: Node, body: BooleanBody): boolean {
  // Most functions end in their main `return`: read it first, so that most
  // functions that return something else are known without a walk.
  const last = block.lastNamedChild;
  if (last?.type === 'return_statement' && !returnsBooleanValue(last, body)) return false;
  const pending: Node[] = [block];
  let returns = 0;
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'return_statement') {
        if (!returnsBooleanValue(child, body)) return false;
        returns++;
      } else if (body.blocks.has(child.type)) {
        pending.push(child);
      } else if (body.isYield?.(child) === true) {
        return false;
      }
    }
  }
  return returns > 0;
}

/** A bare `return` gives undefined (None); `return a, b` a tuple. */
function returnsBooleanValue(statement: Node, body: BooleanBody): boolean {
  const value = onlyNamedChild(statement);
  return value !== null && isBooleanExpression(value, body.step);
}

/** The one named child that is not a comment, if there is exactly one. */
export function onlyNamedChild(node: Node): Node | null {
  let found: Node | null = null;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (found) return null;
    found = child;
  }
  return found;
}
