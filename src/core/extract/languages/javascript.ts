// JavaScript (and JSX): declarations plus the ways JavaScript binds functions
// to names: variables, assignments (`module.exports.x =`, `exports.x =`,
// `Foo.prototype.m =`, `this.m =`), object-literal members, class fields, and
// React's wrappers (`const C = memo((props) => …)`, `forwardRef`, `useCallback`)
// and module-level functions made by a call (`var camelCase = createCompounder(…)`).
import type { Node } from '@vscode/tree-sitter-wasm';
import { onlyNamedChild, type BooleanBody, type BooleanReturns, type BooleanStep } from '../returns';
import type { LanguageSpec, Qualified } from '../spec';

const FUNCTION_VALUES = '[(arrow_function) (function_expression) (generator_function)]';

/**
 * A module-level (or exported) name bound to a call's result, as lodash and
 * async define much of their API (`var merge = createAssigner(function …)`,
 * `var range = createRange()`, compiled `exports.default = (0, _f.default)('log')`).
 * Captured with `@call`; the engine keeps it only when a JSDoc block documents
 * it as a function. `require(…)` and `import(…)` bind modules, never functions.
 */
const CALL_VALUE = '(call_expression function: (_) @_callee) @call (#not-match? @_callee "^(require|import)($|[(.])")';
const CALL_DECLARATOR = `(variable_declarator name: (identifier) @name value: ${CALL_VALUE}) @def.function`;
const CALL_DECLARATIONS = `[(lexical_declaration ${CALL_DECLARATOR}) (variable_declaration ${CALL_DECLARATOR})]`;

/** Patterns the javascript, typescript and tsx grammars share. */
export const JS_PATTERNS = `
(function_declaration name: (_) @name) @def.function
(generator_function_declaration name: (_) @name) @def.function
(class_declaration name: (_) @name) @def.class
(method_definition name: (_) @name) @def.method
(variable_declarator name: (identifier) @name value: ${FUNCTION_VALUES} @fn) @def.function
(variable_declarator name: (identifier) @name value: (call_expression function: (_) @_wrapper arguments: (arguments . ${FUNCTION_VALUES} @fn)) (#match? @_wrapper "^(React[.])?(memo|forwardRef|useCallback)$")) @def.function
(program ${CALL_DECLARATIONS})
(program (export_statement declaration: ${CALL_DECLARATIONS}))
(program (expression_statement (assignment_expression left: (member_expression object: (_) @qualifier property: (_) @name) right: ${CALL_VALUE}) @def.function))
(variable_declarator name: (identifier) @name value: (class) @fn) @def.class
(variable_declarator name: (identifier) @name value: (object) @scope)
(assignment_expression left: (identifier) @name right: ${FUNCTION_VALUES} @fn) @def.function
(assignment_expression left: (member_expression object: (_) @qualifier property: (_) @name) right: ${FUNCTION_VALUES} @fn) @def.function
(assignment_expression left: (member_expression object: (_) @qualifier property: (_) @name) right: (class) @fn) @def.class
(assignment_expression left: (member_expression object: (_) @qualifier property: (_) @name) right: (object) @scope)
(pair key: (_) @name value: ${FUNCTION_VALUES} @fn) @def.function
(pair key: (_) @name value: (object) @scope)
(export_statement value: ${FUNCTION_VALUES} @def.function)
(export_statement value: (class) @def.class)
(export_statement) @export
(assignment_expression left: [(identifier) (member_expression)] @_target (#match? @_target "^(module[.]exports|exports)([.[]|$)")) @export
(call_expression function: (member_expression) @_assign arguments: (arguments . [(identifier) (member_expression)] @_target) (#eq? @_assign "Object.assign") (#match? @_target "^(module[.]exports|exports)$")) @export
`;

/** Keywords before a definition node on its line (`export const f = …` starts at `f`). */
export const JS_DECLARATION_PREFIX =
  /^\s*(?:(?:export|default|declare|const|let|var|async|abstract|public|private|protected|static|readonly|override|accessor)\s+)*$/;
/** A decorator on a line of its own (TypeScript puts class members' decorators before the member node). */
export const JS_DECORATOR_LINE = /^\s*@[\w$.]+(?:\(.*\))?\s*$/;

/**
 * Containers of assigned functions: `module.exports.x` and `exports.x` are
 * plain module functions, `module.exports = function` is the file's anonymous
 * default, `Foo.prototype.m` is a method of Foo, `this.m` a method of the
 * enclosing function, and `a.b.m` a method of `a.b`.
 */
export function qualifyJs(qualifier: readonly string[], name: string | undefined): Qualified {
  const parts = [...qualifier];
  if (parts.length === 1 && parts[0] === 'module' && name === 'exports') return { qualifier: [], name: null, kind: 'function' };
  if ((parts.length === 2 && parts[0] === 'module' && parts[1] === 'exports') || (parts.length === 1 && parts[0] === 'exports')) {
    // `exports.default = …` is how compilers write `export default`.
    return { qualifier: [], kind: 'function', ...(name === 'default' ? { name: null } : {}) };
  }
  if (parts[0] === 'this') parts.shift();
  const prototype = parts.lastIndexOf('prototype');
  if (prototype >= 0) parts.length = prototype;
  return { qualifier: parts, kind: 'method' };
}

/** `get x()` and `set x(v)`: a class's or an object's accessor method. */
export function isJsAccessor(def: Node): boolean {
  if (def.type !== 'method_definition') return false;
  // The keyword comes before the name (`static get x`); a method named `get` is no accessor.
  const nameStart = def.childForFieldName('name')?.startIndex ?? Infinity;
  for (const child of def.children) {
    if (!child || child.startIndex >= nameStart) break;
    if (child.type === 'get' || child.type === 'set') return true;
  }
  return false;
}

/** Binary operators whose result is a boolean whatever their operands. */
const COMPARISONS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=', 'instanceof', 'in']);
/**
 * Calls that give a boolean by the language's own definition: `Boolean(x)` and
 * the standard library's predicates (ECMAScript's global objects, Node's
 * Buffer), which code calls by these names. Any other call is unknown.
 */
const BOOLEAN_CALLS: ReadonlySet<string> = new Set([
  'Boolean', 'isNaN', 'isFinite',
  'Array.isArray', 'ArrayBuffer.isView', 'Buffer.isBuffer',
  'Number.isNaN', 'Number.isFinite', 'Number.isInteger', 'Number.isSafeInteger',
  'Object.is', 'Object.hasOwn', 'Object.isFrozen', 'Object.isSealed', 'Object.isExtensible',
  'Object.prototype.hasOwnProperty.call', 'Reflect.has',
]);

/** What a JavaScript or TypeScript expression node says of its value as written (see BooleanStep). */
function booleanStepJs(node: Node): BooleanStep {
  switch (node.type) {
    case 'true':
    case 'false':
      return true;
    case 'parenthesized_expression':
      return [onlyNamedChild(node)];
    case 'unary_expression':
      return node.childForFieldName('operator')?.type === '!';
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      if (COMPARISONS.has(operator)) return true;
      if (operator !== '&&' && operator !== '||') return false;
      return [node.childForFieldName('left'), node.childForFieldName('right')];
    }
    case 'ternary_expression':
      return [node.childForFieldName('consequence'), node.childForFieldName('alternative')];
    case 'call_expression': {
      const callee = node.childForFieldName('function');
      if (!callee) return false;
      // `/re/.test(s)`: RegExp.prototype.test, as the literal says which object it is.
      if (callee.type === 'member_expression') {
        if (callee.childForFieldName('object')?.type === 'regex' && callee.childForFieldName('property')?.text === 'test') return true;
      } else if (callee.type !== 'identifier') {
        return false;
      }
      return BOOLEAN_CALLS.has(callee.text);
    }
    // TypeScript: `x as boolean`, `x satisfies boolean`.
    case 'as_expression':
    case 'satisfies_expression':
      return node.namedChild(1)?.text === 'boolean';
    default:
      return false;
  }
}

/** The statements of the javascript, typescript and tsx grammars that hold other statements. */
const JS_BODY: BooleanBody = {
  statements: 'statement_block',
  blocks: new Set([
    'statement_block', 'if_statement', 'else_clause', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement',
    'try_statement', 'catch_clause', 'finally_clause', 'switch_statement', 'switch_body', 'switch_case', 'switch_default',
    'labeled_statement', 'with_statement',
  ]),
  step: booleanStepJs,
};

/** JavaScript declares no types: a function's body says. */
export const JS_BOOLEAN_RETURNS: BooleanReturns = { declared: () => null, types: new Set(), body: JS_BODY };

/** TypeScript's declared return types (`: boolean`, `x is T`), read like JavaScript where there is none. */
export const TS_BOOLEAN_RETURNS: BooleanReturns = {
  // A property typed as a function (`isOpen: () => boolean`) declares its type's.
  declared: (fn) =>
    fn.type === 'property_signature'
      ? (onlyNamedChild(fn.childForFieldName('type') ?? fn)?.childForFieldName('return_type') ?? null)
      : fn.childForFieldName('return_type'),
  wrappers: new Set(['type_annotation', 'parenthesized_type']),
  // `: true` and `: false` are narrower booleans; `asserts x is T` returns nothing.
  types: new Set(['boolean', 'true', 'false']),
  predicates: new Set(['type_predicate_annotation', 'type_predicate']),
  body: JS_BODY,
};

export const javascript: LanguageSpec = {
  id: 'javascript',
  query: `${JS_PATTERNS}
(field_definition property: (_) @name value: ${FUNCTION_VALUES} @fn) @def.method
`,
  commentNodes: ['comment'],
  declarationPrefix: JS_DECLARATION_PREFIX,
  skipLine: JS_DECORATOR_LINE,
  qualify: qualifyJs,
  accessor: isJsAccessor,
  booleanReturns: JS_BOOLEAN_RETURNS,
};
