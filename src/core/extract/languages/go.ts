// Go: functions, methods (container: the receiver's type), struct, interface
// and other named types, the methods an interface lists, and package
// variables holding function literals.
import type { Node } from '@vscode/tree-sitter-wasm';
import { onlyNamedChild } from '../returns';
import type { LanguageSpec } from '../spec';

/** A function's one result type: `bool` or `(ok bool)`, but not `(bool, error)` nor `(a, b bool)`. */
function result(fn: Node): Node | null {
  const declared = fn.childForFieldName('result');
  if (declared?.type !== 'parameter_list') return declared;
  const only = onlyNamedChild(declared);
  if (only?.type !== 'parameter_declaration' || only.childrenForFieldName('name').length > 1) return null;
  return only.childForFieldName('type');
}

export const go: LanguageSpec = {
  id: 'go',
  // The struct and interface patterns come before the generic type pattern:
  // for one node the pattern listed first wins.
  query: `
(function_declaration name: (identifier) @name) @def.function
(method_declaration receiver: (parameter_list (parameter_declaration type: (_) @qualifier)) name: (_) @name) @def.method
(type_spec name: (type_identifier) @name type: (struct_type)) @def.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @def.interface
(type_spec name: (type_identifier) @name) @def.type
(type_alias name: (type_identifier) @name) @def.type
(method_elem name: (_) @name) @def.method
(var_spec name: (identifier) @name value: (expression_list . (func_literal) @fn)) @def.function
`,
  commentNodes: ['comment'],
  // A type or var spec starts at its name, after `type` or `var`.
  declarationPrefix: /^\s*(?:(?:type|var)\s+)?$/,
  // Go exports exactly the names that start with an upper-case letter;
  // `main` and `init` are run by the language itself, not helpers.
  internalName: (name) => !/^\p{Lu}/u.test(name) && name !== 'main' && name !== 'init',
  booleanReturns: { declared: result, types: new Set(['bool']) },
};
