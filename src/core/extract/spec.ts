// What the shared extractor engine needs to know about one language. Each
// language is a tree-sitter query plus a few tables; the engine does the rest.
//
// Query capture names (see languages/*.ts):
// - `@def.<kind>`: the definition node of a symbol of that SymbolKind; its range
//   gives line and endLine. `function` becomes `method` inside a class-like scope.
// - `@scope`: a node that only names a container (a Rust impl, an object literal
//   bound to a name, a TypeScript object under `as const`): not a symbol itself.
// - `@name`: the name node (qualified names give containers: `Foo::bar`). A
//   definition without one is an anonymous default export, named by the file.
// - `@params`: the parameter list, when it is not the `parameters` (or
//   `parameter`) field of `@fn` or of the definition node.
// - `@fn`: the function node of a name-bound function (`const f = () => …`),
//   where parameters and docstrings are found.
// - `@qualifier`: an explicit container (`Foo` in `Foo.prototype.m = …`, a Go
//   method's receiver type).
// - `@export`: a statement that exports from a module (`export …`,
//   `module.exports = …`, `exports.x = …`), see exports.ts.
// Captures starting with `_` only serve predicates. Comments (`commentNodes`)
// are captured by the engine itself.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { SymbolKind } from '../types';
import type { LanguageId } from './languages';
import type { BooleanReturns } from './returns';

/** An assignment target's object turned into a container, with the kind it implies. */
export interface Qualified {
  readonly qualifier: readonly string[];
  /** Replaces the symbol's own name; `null` makes it anonymous (named by the file). */
  readonly name?: string | null;
  readonly kind?: SymbolKind;
}

export interface LanguageSpec {
  readonly id: LanguageId;
  readonly query: string;
  /** Node types of comments. */
  readonly commentNodes: readonly string[];
  /**
   * What may stand on a definition's first line before the definition node
   * starts, between it and its comment (`export default `, `const ` before a
   * declarator's name). Whitespace at least.
   */
  readonly declarationPrefix: RegExp;
  /** Whole lines that may stand between a comment and its definition (decorators, attributes). */
  readonly skipLine?: RegExp;
  /** Comments that document what encloses them, never what follows (Rust's `//!`). */
  readonly innerComment?: RegExp;
  /** The first string statement of a body is the doc comment (Python). */
  readonly docstrings?: boolean;
  /** Functions directly inside a module are methods (Ruby). */
  readonly moduleHoldsMethods?: boolean;
  /** Parameter names dropped when they come first in a method (Python's self and cls). */
  readonly implicitReceivers?: ReadonlySet<string>;
  /** A function with a qualified name (`Foo::bar`) is a method of its qualifier (C++). */
  readonly qualifiedFunctionIsMethod?: boolean;
  /**
   * Node types of bodiless declarations (overload signatures, prototypes): one
   * right before a definition of the same name merges into it, and one inside a
   * function body is not a symbol (C++ parses `T x(y);` there as a prototype).
   */
  readonly signatures?: ReadonlySet<string>;
  /** Scope node types with no body that cover the rest of their parent (`namespace X;`). */
  readonly openScopes?: ReadonlySet<string>;
  /** Names the language's convention keeps inside their package (Go's lower-case names). */
  readonly internalName?: (name: string) => boolean;
  /** Node types holding a declaration's modifiers, where `private` marks a member internal. */
  readonly modifierNodes?: ReadonlySet<string>;
  /** Maps a `@qualifier` (already split into parts) and the symbol's name to a container. */
  readonly qualify?: (qualifier: readonly string[], name: string | undefined) => Qualified;
  /**
   * A definition that adds an accessor to the member of the same name right
   * before it (a setter after its getter): it merges into that one symbol, as
   * the two are one property to whoever reads the class.
   */
  readonly accessor?: (def: Node) => boolean;
  /** How a function says it returns a boolean (see returns.ts); absent where none can (Ruby declares no types). */
  readonly booleanReturns?: BooleanReturns;
}
