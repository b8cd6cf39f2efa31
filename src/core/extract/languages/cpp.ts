// C++ (and C headers): functions and methods, defined or only declared (a
// header's declarations are its API), classes, structs, unions, enums,
// namespaces, aliases and typedefs. `Foo::bar` defined outside its class is a
// method of Foo.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { LanguageSpec } from '../spec';

/** A function declarator, bare or behind a pointer or reference (`int *f()`, `T &f()`). */
function declarators(owner: string, kind: string): string {
  const fn = '(function_declarator declarator: (_) @name parameters: (_) @params)';
  return `
(${owner} declarator: ${fn}) @def.${kind}
(${owner} declarator: (pointer_declarator declarator: ${fn})) @def.${kind}
(${owner} declarator: (reference_declarator ${fn})) @def.${kind}`;
}

/**
 * A function's return type: the declaration's type when the declarator is the
 * function itself (behind a pointer or reference it returns `bool *`), or the
 * trailing one of `auto f() -> bool`.
 */
function returnType(fn: Node): Node | null {
  const declarator = fn.childForFieldName('declarator');
  if (declarator?.type !== 'function_declarator') return null;
  const type = fn.childForFieldName('type');
  if (type?.type !== 'placeholder_type_specifier') return type;
  const trailing = declarator.namedChildren.find((child) => child?.type === 'trailing_return_type');
  return trailing?.namedChild(0)?.childForFieldName('type') ?? type;
}

export const cpp: LanguageSpec = {
  id: 'cpp',
  // Type patterns require a body, so `class Foo;` and `struct Foo x;` are not
  // definitions. For one node the pattern listed first wins (typedef struct).
  query: `
${declarators('function_definition', 'function')}
${declarators('declaration', 'function')}
${declarators('field_declaration', 'function')}
(class_specifier name: (_) @name body: (_)) @def.class
(struct_specifier name: (_) @name body: (_)) @def.struct
(union_specifier name: (_) @name body: (_)) @def.struct
(enum_specifier name: (_) @name body: (_)) @def.enum
(namespace_definition name: (_) @name) @def.module
(alias_declaration name: (_) @name) @def.type
(type_definition type: (struct_specifier body: (_)) declarator: (type_identifier) @name) @def.struct
(type_definition declarator: (type_identifier) @name) @def.type
`,
  commentNodes: ['comment'],
  declarationPrefix: /^\s*(?:template\s*<.*>\s*)?$/,
  skipLine: /^\s*template\s*<.*>\s*$/,
  signatures: new Set(['declaration', 'field_declaration']),
  qualifiedFunctionIsMethod: true,
  booleanReturns: { declared: returnType, types: new Set(['bool']) },
};
