// Rust: functions, structs, unions, enums, traits, type aliases, modules and
// macros; an impl block names the container of its functions.
import type { LanguageSpec } from '../spec';

export const rust: LanguageSpec = {
  id: 'rust',
  query: `
(function_item name: (identifier) @name) @def.function
(function_signature_item name: (identifier) @name) @def.function
(struct_item name: (type_identifier) @name) @def.struct
(union_item name: (type_identifier) @name) @def.struct
(enum_item name: (type_identifier) @name) @def.enum
(trait_item name: (type_identifier) @name) @def.trait
(type_item name: (type_identifier) @name) @def.type
(mod_item name: (identifier) @name) @def.module
(macro_definition name: (identifier) @name) @def.function
(impl_item type: (_) @name) @scope
`,
  commentNodes: ['line_comment', 'block_comment'],
  declarationPrefix: /^\s*$/,
  skipLine: /^\s*#\[.*\]\s*$/,
  innerComment: /^(?:\/\/!|\/\*!)/,
  booleanReturns: { declared: (fn) => fn.childForFieldName('return_type'), types: new Set(['bool']) },
};
