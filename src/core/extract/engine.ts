// The one extractor every language shares: run the language's query over the
// syntax tree, then give each definition its container (by nesting, in one
// pass over the definitions sorted by position), kind, parameters, lines and
// doc comment.
import * as path from 'node:path';
import type { Node, QueryMatch } from '@vscode/tree-sitter-wasm';
import type { ExtractedSymbol, SymbolKind } from '../types';
import { CommentIndex, commentsAbove, docComment } from './comments';
import { assignedValue, isExported, moduleExports, type ModuleExports } from './exports';
import { boundName, MAX_NAME_LENGTH, MAX_PARAMS, parameterNames, resolveName } from './names';
import { ReturnWords, returnsBoolean } from './returns';
import type { LanguageSpec } from './spec';

/** Longest container kept: its innermost four names at full length (`a.b.c.d`), the outer ones cut off. */
export const MAX_CONTAINER_LENGTH = 4 * MAX_NAME_LENGTH;

const SYMBOL_KINDS: ReadonlySet<string> = new Set<SymbolKind>([
  'function', 'method', 'class', 'interface', 'enum', 'type', 'struct', 'trait', 'module',
]);
/** Kinds whose functions are methods. */
const CLASS_LIKE: ReadonlySet<SymbolKind> = new Set<SymbolKind>(['class', 'interface', 'enum', 'type', 'struct', 'trait']);

/** A definition as the query found it, before containers are known. */
interface Definition {
  readonly node: Node;
  readonly start: number;
  readonly end: number;
  /** A SymbolKind, or 'scope' for a container that is not a symbol. */
  readonly kind: SymbolKind | 'scope';
  readonly name?: Node;
  readonly params?: Node;
  readonly fn?: Node;
  readonly qualifier?: Node;
  /** The call whose result the name is bound to (`var merge = createAssigner(…)`): a function only if documented as one. */
  readonly call?: Node;
  /** Index of the query pattern that found it. */
  readonly pattern: number;
}

/** An open container while walking definitions in order. */
interface Scope {
  readonly end: number;
  /** Dotted path of this container ('' for a transparent one). */
  readonly path: string;
  readonly holdsMethods: boolean;
  readonly isFunction: boolean;
  /** A file-scoped namespace: closed by the next one. */
  readonly open: boolean;
}

interface Emitted {
  readonly symbol: ExtractedSymbol;
  readonly signature: boolean;
  /** The scope it was found in: overloads share theirs (a C++ out-of-line definition does not). */
  readonly parent: Scope | undefined;
}

export interface Found {
  readonly defs: Definition[];
  readonly comments: CommentIndex;
  /** `@export` nodes: the module's export statements (see exports.ts). */
  readonly exports: Node[];
}

/** The definitions and comments in the query's matches, definitions outer before inner. */
export function definitionsFrom(matches: readonly QueryMatch[]): Found {
  const byNode = new Map<string, Definition>();
  const comments = new CommentIndex();
  const exports: Node[] = [];
  for (const match of matches) {
    let def: Node | undefined;
    let kind: SymbolKind | 'scope' | undefined;
    let name: Node | undefined;
    let params: Node | undefined;
    let fn: Node | undefined;
    let qualifier: Node | undefined;
    let call: Node | undefined;
    for (const capture of match.captures) {
      const capName = capture.name;
      if (capName === 'comment') comments.add(capture.node);
      else if (capName === 'export') exports.push(capture.node);
      else if (capName === 'name') name = capture.node;
      else if (capName === 'params') params = capture.node;
      else if (capName === 'fn') fn = capture.node;
      else if (capName === 'qualifier') qualifier = capture.node;
      else if (capName === 'call') call = capture.node;
      else if (capName === 'scope') {
        def = capture.node;
        kind = 'scope';
      } else if (capName.startsWith('def.')) {
        const k = capName.slice(4);
        if (SYMBOL_KINDS.has(k)) {
          def = capture.node;
          kind = k as SymbolKind;
        }
      }
    }
    if (!def || !kind) continue;
    // One node matched by several patterns keeps the first pattern's reading
    // (specific patterns are listed before general ones).
    const key = `${def.startIndex}:${def.endIndex}:${kind === 'scope' ? 's' : 'd'}`;
    const seen = byNode.get(key);
    if (seen && seen.pattern <= match.patternIndex) continue;
    byNode.set(key, { node: def, start: def.startIndex, end: def.endIndex, kind, name, params, fn, qualifier, call, pattern: match.patternIndex });
  }
  const defs = [...byNode.values()];
  // Outer before inner: by start, then the longer first; a container before a
  // symbol on the same range (a `@scope` never shares a node with a symbol).
  defs.sort((a, b) => a.start - b.start || b.end - a.end);
  comments.seal();
  return { defs, comments, exports };
}

/** The symbols of one parsed file, in source order. */
export function symbolsFrom({ defs, comments, exports }: Found, file: string, source: string, spec: LanguageSpec): ExtractedSymbol[] {
  const out: Emitted[] = [];
  // A declaration file describes a module from outside: all of it is API.
  const exported = DECLARATION_FILE.test(file) ? undefined : moduleExports(exports, source);
  const stack: Scope[] = [];
  let anonymous: string | undefined;
  const returnWords = new ReturnWords(source);

  for (const def of defs) {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= def.start) stack.pop();
    const isOpenScope = spec.openScopes?.has(def.node.type) === true && !def.node.childForFieldName('body');
    if (isOpenScope) while (stack.length > 0 && stack[stack.length - 1]!.open) stack.pop();
    const parent = stack[stack.length - 1];

    const isSignature = spec.signatures?.has(def.node.type) === true;
    // A prototype inside a function body is a local declaration (or C++'s most vexing parse).
    if (isSignature && parent?.isFunction) continue;

    const named = naming(def.name ?? def.node.childForFieldName('name') ?? undefined, def.qualifier, def.kind, parent, spec);
    let name = named.name;
    const { kind, container } = named;
    // An open scope (`namespace X;`) is a top-level statement: it lasts until the file ends or the next one opens.
    const end = isOpenScope ? source.length : def.end;

    if (kind === 'scope') {
      stack.push({ end, path: name ? joinPath(container, name) : (parent?.path ?? ''), holdsMethods: true, isFunction: false, open: isOpenScope });
      continue;
    }
    if (!name) name = (anonymous ??= anonymousName(file));

    let made: CallBound | undefined;
    if (def.call) {
      made = callBound(def.call, def.start, source, comments, spec);
      if (!made) continue;
    }

    const isFunction = kind === 'function' || kind === 'method';
    const fn = def.fn ?? made?.fn ?? def.node;
    let params: string[] = [];
    if (isFunction) {
      const list = def.params ?? fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
      if (list) params = parameterNames(list);
      else if (made) params = made.params;
      if (kind === 'method' && spec.implicitReceivers?.has(params[0] ?? '')) params.shift();
    }
    const body = spec.docstrings ? fn.childForFieldName('body') : null;
    // `res.set = res.header = function header(…)`: one function, two public
    // names; the comment sits above the whole chain.
    const chain = def.node.type === 'assignment_expression' && assignedValue(source, def.start) ? outerAssignments(def.node) : [];
    const commentStart = def.node.type === 'assignment_expression' ? statementStart(chain.length > 0 ? chain[chain.length - 1]! : def.node) : def.start;
    const found: ExtractedSymbol = {
      name: boundName(name),
      kind,
      container,
      params,
      line: def.node.startPosition.row + 1,
      endLine: def.node.endPosition.row + 1,
      comment: made?.comment ?? docComment(commentStart, body, source, comments, spec),
    };
    let symbol = found;
    if (isInternal(def, found, parent, exported, spec)) symbol = { ...symbol, internal: true };
    // A call-bound name's function is the call's argument, not what the call gives.
    if (isFunction && !made && spec.booleanReturns && returnsBoolean(fn, returnWords, spec.booleanReturns)) symbol = { ...symbol, returnsBoolean: true };
    // Outermost first, so that symbols stay in source order; a name given
    // twice (`exports.parse = parse = …`) or a module's export object
    // (`exports = module.exports = …`) is no symbol of its own.
    const given = new Set([`${symbol.container}#${symbol.name}`]);
    for (const outer of chain.slice(0, MAX_ALIASES).reverse()) {
      const left = outer.childForFieldName('left');
      const alias =
        left?.type === 'member_expression'
          ? naming(left.childForFieldName('property') ?? undefined, left.childForFieldName('object') ?? undefined, def.kind, parent, spec)
          : left?.type === 'identifier' && !MODULE_OBJECTS.has(left.text)
            ? naming(left, undefined, def.kind, parent, spec)
            : undefined;
      if (!alias?.name || alias.kind === 'scope' || MODULE_OBJECTS.has(alias.name)) continue;
      const aliasName = boundName(alias.name);
      const key = `${alias.container}#${aliasName}`;
      if (given.has(key)) continue;
      given.add(key);
      out.push({ symbol: { ...symbol, name: aliasName, kind: alias.kind, container: alias.container, line: outer.startPosition.row + 1 }, signature: false, parent });
    }

    // An overload signature right before its implementation merges into it,
    // and so does a property's setter or deleter into its getter.
    const previous = out[out.length - 1];
    const sameMember = previous !== undefined && previous.parent === parent && previous.symbol.name === symbol.name && previous.symbol.container === symbol.container;
    if (sameMember && !previous.signature && !isSignature && spec.accessor?.(def.node) === true) {
      out[out.length - 1] = {
        ...previous,
        symbol: { ...previous.symbol, endLine: Math.max(previous.symbol.endLine, symbol.endLine), comment: previous.symbol.comment || symbol.comment },
      };
    } else if (sameMember && previous.signature) {
      // Callers see the signatures, not the implementation's own: it answers
      // yes or no when every signature says so.
      const answers = previous.symbol.returnsBoolean === true && (!isSignature || symbol.returnsBoolean === true);
      out[out.length - 1] = {
        symbol: withReturnsBoolean({ ...symbol, line: previous.symbol.line, comment: previous.symbol.comment || symbol.comment }, answers),
        signature: isSignature,
        parent,
      };
    } else {
      out.push({ symbol, signature: isSignature, parent });
    }

    stack.push({
      end,
      path: joinPath(container, symbol.name),
      holdsMethods: CLASS_LIKE.has(kind) || (kind === 'module' && spec.moduleHoldsMethods === true),
      isFunction,
      open: isOpenScope,
    });
  }
  return out.map((e) => e.symbol);
}

function withReturnsBoolean(symbol: ExtractedSymbol, answers: boolean): ExtractedSymbol {
  if (answers) return symbol.returnsBoolean ? symbol : { ...symbol, returnsBoolean: true };
  if (!symbol.returnsBoolean) return symbol;
  const { returnsBoolean: _dropped, ...rest } = symbol;
  return rest;
}

/** TypeScript declaration files (`.d.ts`, `.d.mts`, `.d.cts`). */
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/**
 * Whether the code says a symbol is not visible outside its module, class or
 * function: a doc tag (`@private`, `@internal`), a name the language's
 * convention keeps in (Go's lower case), a `private` modifier, a declaration
 * inside a function (isLocal), or not being exported from a module that
 * exports others (exports.ts).
 */
function isInternal(def: Definition, symbol: ExtractedSymbol, parent: Scope | undefined, exported: ModuleExports | undefined, spec: LanguageSpec): boolean {
  if (INTERNAL_TAG.test(symbol.comment)) return true;
  if (spec.internalName?.(symbol.name) === true) return true;
  if (spec.modifierNodes && declaredPrivate(def.node, spec.modifierNodes)) return true;
  if (isLocal(def, parent)) return true;
  if (!exported) return false;
  const { container } = symbol;
  const dot = container.indexOf('.');
  const root = container ? (dot < 0 ? container : container.slice(0, dot)) : symbol.name;
  return !isExported(exported, def.start, root);
}

/** Doc tags that keep a symbol out of its API's documentation (JSDoc, TSDoc, TypeDoc, dox). */
const INTERNAL_TAG = /(?:^|\n)[ \t]*@(?:private|internal|ignore|hidden|api[ \t]+private|access[ \t]+private)\b/;

/**
 * A function declared inside another function's body is a closure no caller
 * can reach. Members of an object literal a function builds and returns
 * (`return { get() {…} }`) and methods it assigns (`this.m = …`) are not:
 * they are how factories and constructor functions make their API.
 */
function isLocal(def: Definition, parent: Scope | undefined): boolean {
  return parent?.isFunction === true && !def.qualifier && !OBJECT_MEMBERS.has(def.node.type);
}

const OBJECT_MEMBERS: ReadonlySet<string> = new Set(['pair', 'method_definition']);

/** Modifiers come first in a declaration: `private static async run()`. */
const MAX_MODIFIER_CHILDREN = 6;

function declaredPrivate(node: Node, modifierNodes: ReadonlySet<string>): boolean {
  const count = Math.min(node.childCount, MAX_MODIFIER_CHILDREN);
  for (let i = 0; i < count; i++) {
    const child = node.child(i);
    if (child && modifierNodes.has(child.type) && /\bprivate\b/.test(child.text)) return true;
  }
  return false;
}

interface Naming {
  readonly name: string | undefined;
  readonly kind: SymbolKind | 'scope';
  readonly container: string;
}

/** A definition's name, kind and container, from its name node and explicit qualifier (`Foo.prototype` in `Foo.prototype.m = …`). */
function naming(nameNode: Node | undefined, qualifierNode: Node | undefined, defKind: SymbolKind | 'scope', parent: Scope | undefined, spec: LanguageSpec): Naming {
  const resolved = nameNode ? resolveName(nameNode) : undefined;
  let name: string | undefined = resolved?.name || undefined;
  let qualifier: readonly string[] = resolved?.qualifier ?? [];
  let kind = defKind;
  if (qualifierNode) {
    const target = resolveName(qualifierNode);
    qualifier = [...qualifier, ...target.qualifier, target.name];
  }
  if (spec.qualify && qualifierNode) {
    const q = spec.qualify(qualifier, name);
    qualifier = q.qualifier;
    if (q.name !== undefined) name = q.name ?? undefined;
    if (q.kind && kind !== 'scope' && (kind === 'function' || kind === 'method')) kind = q.kind;
  } else if (qualifier.length > 0 && kind === 'function' && spec.qualifiedFunctionIsMethod) {
    kind = 'method';
  }
  if (kind === 'function' && parent?.holdsMethods && qualifier.length === 0) kind = 'method';
  return { name, kind, container: joinPath(parent?.path ?? '', qualifier.map(boundName).join('.')) };
}

/** Names a chained assignment gives at most besides its own (`a = b = c = function …`); longer chains are generated code. */
const MAX_ALIASES = 4;
/** Longest chain followed up to its statement, where the comment is. */
const MAX_CHAIN = 64;
/** A module's export objects: `exports = module.exports = function …` names no symbol `exports`. */
const MODULE_OBJECTS: ReadonlySet<string> = new Set(['exports', 'module']);

/**
 * Where the comment of an assignment's statement ends: the assignment itself,
 * or the declaration it initialises (`var proto = module.exports = function …`,
 * where the doc block sits above `var`).
 */
function statementStart(assignment: Node): number {
  const declarator = assignment.parent;
  if (declarator?.type === 'variable_declarator' && declarator.childForFieldName('value')?.id === assignment.id) return declarator.startIndex;
  return assignment.startIndex;
}

/** The assignments a chained one is the value of, innermost first: `a.x = b.y = function` gives `a.x = …` for `b.y = function`. */
function outerAssignments(node: Node): Node[] {
  const out: Node[] = [];
  let current = node;
  while (out.length < MAX_CHAIN) {
    const parent = current.parent;
    if (parent?.type !== 'assignment_expression' || parent.childForFieldName('right')?.id !== current.id) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

/** What a documented call-bound name (`var merge = createAssigner(function …)`) yields as a function. */
interface CallBound {
  /** The function passed to the call, whose parameters are the symbol's. */
  readonly fn?: Node;
  /** Parameter names from the JSDoc `@param` tags, used when no function is passed. */
  readonly params: string[];
  readonly comment: string;
}

/** Function types among a call's arguments (the JavaScript grammars'). */
const FUNCTION_ARGUMENTS = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
/** A JSDoc tag that only a function's documentation carries. */
const FUNCTION_TAG = /^@(?:param|arg|argument|returns?)\b/m;
/**
 * A `@param` tag's name after the engine's cleaning (types gone): `@param [start=0] …`
 * and `@param ...args` give the bare name; `@param options.x` documents a property, not a parameter.
 */
const PARAM_TAG = /^@(?:param|arg|argument)\s+\[?\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)(?![\w$]|\.[\w$])/gm;

/**
 * A name bound to a call's result is a function only when a JSDoc block right
 * above says so (`@param`, `@returns`) or the call is passed a function: an
 * undocumented `const log = createLogger()` is a value, and taking every such
 * binding would flood the map.
 */
function callBound(call: Node, start: number, source: string, comments: CommentIndex, spec: LanguageSpec): CallBound | undefined {
  const above = commentsAbove(start, source, comments, spec);
  if (!above[above.length - 1]?.startsWith('/**')) return undefined;
  const comment = docComment(start, null, source, comments, spec);
  const fn = call.childForFieldName('arguments')?.namedChildren.find((arg) => arg !== null && FUNCTION_ARGUMENTS.has(arg.type)) ?? undefined;
  if (!fn && !FUNCTION_TAG.test(comment)) return undefined;
  const params: string[] = [];
  for (const tag of comment.matchAll(PARAM_TAG)) if (params.length < MAX_PARAMS) params.push(boundName(tag[1]!));
  return { fn, params, comment };
}

function joinPath(outer: string, inner: string): string {
  if (!outer) return inner;
  if (!inner) return outer;
  // Deeply nested containers stay bounded too, keeping the innermost names
  // (and never starting with the second half of a surrogate pair).
  const joined = `${outer}.${inner}`;
  if (joined.length <= MAX_CONTAINER_LENGTH) return joined;
  let cut = joined.length - MAX_CONTAINER_LENGTH;
  const first = joined.charCodeAt(cut);
  if (first >= 0xdc00 && first <= 0xdfff) cut++;
  return joined.slice(cut);
}

/**
 * The name of an anonymous default export (`export default function () {}`,
 * `module.exports = () => …`): the file's stem, as that is how importers name
 * it; for an `index` file, its folder's name.
 */
export function anonymousName(file: string): string {
  const parsed = path.parse(file.replace(/\\/g, '/'));
  const stem = parsed.name.replace(/\..*$/, '');
  if (stem === 'index' || stem === '') {
    const folder = path.basename(parsed.dir);
    if (folder && folder !== '.' && folder !== '/') return boundName(folder);
  }
  return boundName(stem || 'default');
}
