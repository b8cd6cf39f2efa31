// Java: classes, records, interfaces, annotation types, enums, methods and
// constructors (annotations sit inside the declaration, after its Javadoc).
import type { LanguageSpec } from '../spec';

export const java: LanguageSpec = {
  id: 'java',
  query: `
(class_declaration name: (identifier) @name) @def.class
(record_declaration name: (identifier) @name) @def.class
(interface_declaration name: (identifier) @name) @def.interface
(annotation_type_declaration name: (identifier) @name) @def.interface
(enum_declaration name: (identifier) @name) @def.enum
(method_declaration name: (identifier) @name) @def.method
(constructor_declaration name: (identifier) @name) @def.method
(compact_constructor_declaration name: (identifier) @name) @def.method
`,
  commentNodes: ['line_comment', 'block_comment'],
  // Annotations and modifiers belong to the declaration node itself.
  declarationPrefix: /^\s*$/,
  modifierNodes: new Set(['modifiers']),
  // The primitive and its box (which may also be null, but says yes or no when it is not).
  booleanReturns: { declared: (fn) => fn.childForFieldName('type'), types: new Set(['boolean', 'Boolean', 'java.lang.Boolean']) },
};
