// Which symbols a JavaScript or TypeScript module keeps to itself. Search
// ranks a module's exports (its API) before its unexported helpers when both
// match about as well, the way it already ranks `foo` before `_foo`; the
// language marks the helpers just as clearly, only further from the name.
//
// A module exports in these ways, all found by the language query's
// `@export` captures: `export` statements (declarations, `export { a, b as
// c }`, `export default a`, TypeScript's `export = a`), assignments to
// `module.exports` / `exports.x` (`module.exports = createApplication`,
// `exports.map = map`, compiled `exports.default = (0,
// _awaitify.default)(every, 3)`), `Object.assign(module.exports, { a, b })`,
// and names bound to the export object (`var app = exports =
// module.exports = {}`, whose `app.init = …` methods are API). A symbol is exported when it is defined
// inside one of those statements, or when its outermost name (the symbol's
// own at top level, else its container's first part: `Command` for
// `Command.parse`, `res` for `res.send`) is a name they export. A file with
// no export at all is a script (or a browser global): nothing in it is
// marked.
import type { Node } from '@vscode/tree-sitter-wasm';

export interface ModuleExports {
  /** Local names the module exports. */
  readonly names: ReadonlySet<string>;
  /** Source ranges of the export statements, disjoint and sorted: what is defined inside is exported. */
  readonly ranges: readonly (readonly [start: number, end: number])[];
}

/** Nodes whose insides are code run later, not names being exported (`exports.f = function () { return helper(); }`). */
const BODIES: ReadonlySet<string> = new Set(['statement_block', 'class_body']);
/**
 * Syntax nodes read per file at most to find what it exports. Past this (a
 * generated file of huge export literals) the file counts as a script, so
 * nothing in it is marked rather than its exports half read.
 */
const MAX_NODES = 200_000;
/** Links of an assignment chain followed (`a = b = module.exports = …`); longer ones are generated code. */
const MAX_CHAIN = 64;

/** What the `@export` nodes of one file export; `undefined` when there are none (a script). */
export function moduleExports(nodes: readonly Node[], source: string): ModuleExports | undefined {
  if (nodes.length === 0) return undefined;
  const names = new Set<string>();
  const ranges: [number, number][] = [];
  const budget = { left: MAX_NODES };
  for (const node of nodes) {
    if (budget.left <= 0) return undefined;
    ranges.push([node.startIndex, node.endIndex]);
    if (node.type === 'export_statement') {
      const declaration = node.childForFieldName('declaration');
      if (declaration) declaredNames(declaration, names);
      for (const child of node.namedChildren) {
        if (!child || child.id === declaration?.id || child.type === 'string' || child.type === 'comment') continue;
        if (child.type === 'export_clause') {
          for (const specifier of child.namedChildren) {
            // `export { a as b }` exports the local `a`.
            const local = specifier?.childForFieldName('name');
            if (local) names.add(local.text);
          }
        } else {
          // `export default a`, TypeScript's `export = a`.
          identifiersIn(child, names, budget);
        }
      }
    } else if (node.type === 'call_expression') {
      // Object.assign(module.exports, { a, b }).
      const args = node.childForFieldName('arguments');
      if (args) identifiersIn(args, names, budget);
    } else {
      const right = node.childForFieldName('right');
      if (right) identifiersIn(right, names, budget);
      // `var app = exports = module.exports = {}`: `app` is the export object.
      // Only asked of tree-sitter when the text says the assignment is a value
      // (a parent lookup walks down from the root).
      if (assignedValue(source, node.startIndex)) {
        let outer: Node | null = node.parent;
        for (let link = 0; outer?.type === 'assignment_expression' && link < MAX_CHAIN; link++) outer = outer.parent;
        if (outer?.type === 'variable_declarator') {
          const name = outer.childForFieldName('name');
          if (name?.type === 'identifier') names.add(name.text);
        } else if (outer?.type === 'expression_statement') {
          ranges.push([outer.startIndex, outer.endIndex]);
        }
        // `a = exports.x = …`: every name in the chain is the export too.
        let chain: Node | null = node.parent;
        for (let link = 0; chain?.type === 'assignment_expression' && link < MAX_CHAIN; link++) {
          const left = chain.childForFieldName('left');
          if (left?.type === 'identifier') names.add(left.text);
          chain = chain.parent;
        }
      }
    }
  }
  if (budget.left <= 0) return undefined;
  return { names, ranges: disjoint(ranges) };
}

/** Ranges sorted by start, overlapping ones merged, so that a lookup can bisect. */
function disjoint(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const range of ranges) {
    const last = out[out.length - 1];
    if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
    else out.push([range[0], range[1]]);
  }
  return out;
}

/** Whether a symbol defined at `start`, whose outermost name is `root`, is exported. */
export function isExported(exports: ModuleExports, start: number, root: string): boolean {
  if (exports.names.has(root)) return true;
  // The last range starting at or before `start` is the only one that can
  // hold it (a generated file can have tens of thousands of exports).
  const { ranges } = exports;
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]![0] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && start < ranges[lo - 1]![1];
}

/** The names a declaration binds: `function f`, `class C`, `const a = …, b = …`, `namespace N`. */
function declaredNames(declaration: Node, names: Set<string>): void {
  const name = declaration.childForFieldName('name');
  if (name) {
    names.add(name.text);
    return;
  }
  for (const child of declaration.namedChildren) {
    if (child?.type !== 'variable_declarator') continue;
    const bound = child.childForFieldName('name');
    if (bound?.type === 'identifier') names.add(bound.text);
  }
}

/**
 * Identifiers an exported expression mentions outside function and class
 * bodies: `createApplication`, `{ parse, format: formatDate }`, the `every`
 * of `(0, _awaitify.default)(every, 3)`. A helper merely called inside an
 * exported function is not exported.
 */
function identifiersIn(root: Node, names: Set<string>, budget: { left: number }): void {
  const stack: Node[] = [root];
  while (stack.length > 0 && budget.left-- > 0) {
    const node = stack.pop()!;
    if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') {
      names.add(node.text);
      continue;
    }
    if (BODIES.has(node.type)) continue;
    // `a.b` names a's property, not a local `b`; `{ b: a }` exports a, not b.
    if (node.type === 'member_expression') {
      const object = node.childForFieldName('object');
      if (object) stack.push(object);
      continue;
    }
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (value) stack.push(value);
      continue;
    }
    for (const child of node.namedChildren) if (child) stack.push(child);
  }
}

/**
 * Whether an `=` (not `==`, `<=`, …) stands right before `start` (spaces and
 * line breaks between): only then can the assignment starting there be
 * another one's value. Read from the text, because asking tree-sitter for a
 * node's parent descends from the root, and most assignments are statements
 * of their own.
 */
export function assignedValue(source: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && /\s/.test(source[i]!)) i--;
  return source[i] === '=' && !/[=!<>]/.test(source[i - 1] ?? '');
}
