// C#: namespaces (block and file-scoped), classes, structs, records,
// interfaces, enums, delegates, methods, constructors and local functions.
import type { LanguageSpec } from '../spec';

export const csharp: LanguageSpec = {
  id: 'csharp',
  query: `
(namespace_declaration name: (_) @name) @def.module
(file_scoped_namespace_declaration name: (_) @name) @def.module
(class_declaration name: (identifier) @name) @def.class
(struct_declaration name: (identifier) @name) @def.struct
(record_declaration name: (identifier) @name) @def.class
(interface_declaration name: (identifier) @name) @def.interface
(enum_declaration name: (identifier) @name) @def.enum
(delegate_declaration name: (identifier) @name) @def.type
(method_declaration name: (identifier) @name) @def.method
(constructor_declaration name: (identifier) @name) @def.method
(local_function_statement name: (identifier) @name) @def.function
`,
  commentNodes: ['comment'],
  // Attributes and modifiers belong to the declaration node itself.
  declarationPrefix: /^\s*$/,
  openScopes: new Set(['file_scoped_namespace_declaration']),
};
