// JavaScript (and JSX): declarations plus the ways JavaScript binds functions
// to names: variables, assignments (`module.exports.x =`, `exports.x =`,
// `Foo.prototype.m =`, `this.m =`), object-literal members, class fields, and
// React's wrappers (`const C = memo((props) => …)`, `forwardRef`, `useCallback`)
// and module-level functions made by a call (`var camelCase = createCompounder(…)`).
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

export const javascript: LanguageSpec = {
  id: 'javascript',
  query: `${JS_PATTERNS}
(field_definition property: (_) @name value: ${FUNCTION_VALUES} @fn) @def.method
`,
  commentNodes: ['comment'],
  declarationPrefix: JS_DECLARATION_PREFIX,
  skipLine: JS_DECORATOR_LINE,
  qualify: qualifyJs,
};
