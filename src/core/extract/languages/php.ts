// PHP: namespaces (block and `namespace X;` for the rest of the file),
// functions, classes, interfaces, traits, enums, methods and closures bound to
// variables.
import type { LanguageSpec } from '../spec';

export const php: LanguageSpec = {
  id: 'php',
  query: `
(namespace_definition name: (_) @name) @def.module
(function_definition name: (name) @name) @def.function
(method_declaration name: (name) @name) @def.method
(class_declaration name: (name) @name) @def.class
(interface_declaration name: (name) @name) @def.interface
(trait_declaration name: (name) @name) @def.trait
(enum_declaration name: (name) @name) @def.enum
(assignment_expression left: (variable_name) @name right: [(anonymous_function) (arrow_function)] @fn) @def.function
`,
  commentNodes: ['comment'],
  // Attributes and modifiers belong to the declaration node itself.
  declarationPrefix: /^\s*$/,
  skipLine: /^\s*#\[.*\]\s*$/,
  openScopes: new Set(['namespace_definition']),
  modifierNodes: new Set(['visibility_modifier']),
  // `?bool` is an optional_type, so not a boolean; PHP 8.2 has `true` and `false` as types of their own.
  booleanReturns: { declared: (fn) => fn.childForFieldName('return_type'), types: new Set(['bool', 'true', 'false']) },
};
