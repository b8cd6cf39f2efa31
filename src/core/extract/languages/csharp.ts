// C#: namespaces (block and file-scoped), classes, structs, records,
// interfaces, enums, delegates, methods, constructors, local functions,
// properties and events.
//
// Properties and events are `method` symbols: the closed SymbolKind set has no
// member-value kind, and they are members that run code on access (accessors,
// `=> expr`) and belong to their type on the map the way methods do; a
// TypeScript getter is a `method_definition`, so `method` matches it too.
import type { LanguageSpec } from '../spec';

export const csharp: LanguageSpec = {
  id: 'csharp',
  // An event field with one declarator is the whole declaration, so its
  // attributes and doc comment go with it; with several (`event E A, B;`) each
  // declarator is its own symbol, as one declaration node would otherwise
  // become the container of the names after the first.
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
(property_declaration name: (identifier) @name) @def.method
(event_declaration name: (identifier) @name) @def.method
(event_field_declaration (variable_declaration type: (_) . (variable_declarator name: (identifier) @name) .)) @def.method
(event_field_declaration (variable_declaration type: (_) . (variable_declarator name: (identifier) @name) @def.method . (variable_declarator)))
(event_field_declaration (variable_declaration (variable_declarator) (variable_declarator name: (identifier) @name) @def.method))
`,
  commentNodes: ['comment'],
  // Attributes and modifiers belong to the declaration node itself; only a
  // declarator of a several-name event starts after code on its line
  // (`public event EventHandler Opened, `), and shares the comment above.
  declarationPrefix: /^\s*(?:[^;{}()=\n]*\bevent\s[^;{}()=\n]*)?$/,
  openScopes: new Set(['file_scoped_namespace_declaration']),
  modifierNodes: new Set(['modifier']),
  // Methods declare `returns`; local functions and properties (a `bool` property answers yes or no too) `type`.
  // `bool?` is a nullable_type, so not a boolean.
  booleanReturns: {
    declared: (fn) => fn.childForFieldName('returns') ?? fn.childForFieldName('type'),
    types: new Set(['bool', 'Boolean', 'System.Boolean']),
  },
};
