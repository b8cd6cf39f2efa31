// TypeScript and TSX: the JavaScript forms plus types, interfaces, enums,
// namespaces, ambient declarations, overload signatures, and properties typed
// as functions (`onChange: (value: string) => void`), which are methods in all
// but syntax.
import type { LanguageSpec } from '../spec';
import { isJsAccessor, JS_DECLARATION_PREFIX, JS_DECORATOR_LINE, JS_PATTERNS, qualifyJs, TS_BOOLEAN_RETURNS } from './javascript';

const TS_QUERY = `${JS_PATTERNS}
(function_signature name: (_) @name) @def.function
(method_signature name: (_) @name) @def.method
(property_signature name: (_) @name type: (type_annotation (function_type parameters: (_) @params))) @def.method
(abstract_method_signature name: (_) @name) @def.method
(abstract_class_declaration name: (_) @name) @def.class
(interface_declaration name: (_) @name) @def.interface
(enum_declaration name: (_) @name) @def.enum
(type_alias_declaration name: (_) @name) @def.type
(internal_module name: (_) @name) @def.module
(module name: (_) @name) @def.module
(public_field_definition name: (_) @name value: [(arrow_function) (function_expression) (generator_function)] @fn) @def.method
(variable_declarator name: (identifier) @name value: [(as_expression (object) @scope) (satisfies_expression (object) @scope)])
`;

const shared = {
  query: TS_QUERY,
  commentNodes: ['comment'],
  declarationPrefix: JS_DECLARATION_PREFIX,
  skipLine: JS_DECORATOR_LINE,
  signatures: new Set(['function_signature', 'method_signature']),
  qualify: qualifyJs,
  accessor: isJsAccessor,
  modifierNodes: new Set(['accessibility_modifier']),
  booleanReturns: TS_BOOLEAN_RETURNS,
};

export const typescript: LanguageSpec = { id: 'typescript', ...shared };
export const tsx: LanguageSpec = { id: 'tsx', ...shared };
