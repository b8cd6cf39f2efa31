// Names of definitions and their parameters, read from name and pattern nodes
// the same way for every grammar: qualified names split into a qualifier and a
// last part, destructured parameters shown as `{a, b}`.
import type { Node } from '@vscode/tree-sitter-wasm';
import { truncate } from './bound';

/**
 * Longest name kept, in characters. Real identifiers are far shorter (the
 * longest in the TypeScript compiler's source is under 80); a hostile
 * 10,000-character one is cut so that ids, labels and tooltips stay small.
 */
export const MAX_NAME_LENGTH = 200;
/** Parameters named at most: beyond that a list is an option bag, and the embedding keeps 6. */
export const MAX_PARAMS = 32;
/** Names inside one destructuring pattern shown at most. */
const MAX_PATTERN_NAMES = 8;
/** Qualifier parts kept at most (`a::b::c::…`). */
const MAX_QUALIFIER_PARTS = 8;

export interface ResolvedName {
  readonly name: string;
  readonly qualifier: readonly string[];
}

/** Node types whose `scope`/`path`/`qualifier`/`object` field qualifies their `name`/`property`. */
const QUALIFIED = new Set([
  'qualified_identifier', // C++ a::b
  'scope_resolution', // Ruby A::B
  'scoped_identifier', // Rust a::b
  'scoped_type_identifier', // Rust a::B
  'nested_identifier', // TypeScript namespace A.B
  'qualified_name', // C# A.B, PHP \A\B
  'member_expression', // JavaScript a.b
  'nested_type_identifier', // TypeScript A.B
]);
/** Node types that wrap the name of a type with arguments or indirection. */
const WRAPPED = new Set(['generic_type', 'template_type', 'generic_name', 'pointer_type', 'reference_type', 'template_function', 'type_descriptor']);

export function resolveName(node: Node, depth = 0): ResolvedName {
  const type = node.type;
  if (depth < MAX_QUALIFIER_PARTS) {
    if (QUALIFIED.has(type)) {
      const last = node.childForFieldName('name') ?? node.childForFieldName('property');
      const scope =
        node.childForFieldName('scope') ??
        node.childForFieldName('path') ??
        node.childForFieldName('qualifier') ??
        node.childForFieldName('object') ??
        node.childForFieldName('prefix');
      if (last) {
        const inner = resolveName(last, depth + 1);
        const outer = scope ? flatten(resolveName(scope, depth + 1)) : [];
        return { name: inner.name, qualifier: [...outer, ...inner.qualifier].slice(-MAX_QUALIFIER_PARTS) };
      }
    } else if (type === 'namespace_name') {
      // PHP `App\Models`: one `name` child per part.
      const parts = node.namedChildren.filter((c): c is Node => c !== null).map((c) => boundName(c.text));
      if (parts.length > 0) return { name: parts[parts.length - 1]!, qualifier: parts.slice(0, -1).slice(-MAX_QUALIFIER_PARTS) };
    } else if (WRAPPED.has(type)) {
      const inner = node.childForFieldName('type') ?? node.childForFieldName('name') ?? node.firstNamedChild;
      if (inner) return resolveName(inner, depth + 1);
    }
  }
  return { name: plainName(node), qualifier: [] };
}

function flatten(resolved: ResolvedName): string[] {
  return [...resolved.qualifier, resolved.name];
}

/** The text of a simple name node, without string quotes or PHP's `$`. */
function plainName(node: Node): string {
  const type = node.type;
  let text = node.text;
  if (type === 'string' || type === 'string_literal') text = text.replace(/^(['"`])([\s\S]*)\1$/, '$2');
  else if (type === 'variable_name') text = text.replace(/^\$/, '');
  // A name node can be any expression (`(function () {…})().x = …`): only its start can be kept anyway.
  if (text.length > 2 * MAX_NAME_LENGTH) text = text.slice(0, 2 * MAX_NAME_LENGTH);
  return boundName(text.replace(/\s+/g, ' ').trim());
}

/** At most MAX_NAME_LENGTH characters. */
export function boundName(text: string): string {
  return truncate(text, MAX_NAME_LENGTH);
}

/** Node types that are a parameter's own name. */
const PARAM_NAMES = new Set([
  'identifier',
  'shorthand_property_identifier_pattern',
  'variable_name',
  'simple_identifier',
]);
/** Destructuring patterns, shown as their names in brackets. */
const PATTERNS: Readonly<Record<string, readonly [string, string]>> = {
  object_pattern: ['{', '}'],
  array_pattern: ['[', ']'],
  tuple_pattern: ['(', ')'],
  list_pattern: ['[', ']'],
  destructured_parameter: ['(', ')'],
  struct_pattern: ['{', '}'],
  tuple_struct_pattern: ['(', ')'],
  slice_pattern: ['[', ']'],
};
/** Fields that hold the bound name of a parameter node, in the order they are tried. */
const NAME_FIELDS = ['pattern', 'name', 'declarator', 'left', 'value'] as const;
/** Fields that never hold a parameter's name (types, default values). */
const SKIPPED_FIELDS = new Set(['type', 'value', 'default_value', 'right', 'return_type', 'default']);

/** The names of the parameters in a parameter-list node, in order. */
export function parameterNames(list: Node): string[] {
  const names: string[] = [];
  if (PARAM_NAMES.has(list.type)) {
    // An arrow function's single bare parameter (`x => …`).
    names.push(boundName(paramText(list)));
    return names;
  }
  const count = list.childCount;
  for (let i = 0; i < count && names.length < MAX_PARAMS; i++) {
    const child = list.child(i);
    if (!child || !child.isNamed || child.type.endsWith('comment')) continue;
    if (SKIPPED_FIELDS.has(list.fieldNameForChild(i) ?? '')) continue;
    if (child.type === 'parameter_declaration' || child.type === 'variadic_parameter_declaration') {
      // Go declares several names with one type: `a, b int`.
      const several = child.childrenForFieldName('name');
      if (several.length > 1) {
        for (const name of several) if (name && names.length < MAX_PARAMS) names.push(boundName(name.text));
        continue;
      }
    }
    const name = parameterName(child, 0);
    if (name) names.push(boundName(name));
  }
  return names;
}

function paramText(node: Node): string {
  return node.type === 'variable_name' ? node.text.replace(/^\$/, '') : node.text;
}

/** The bound name of one parameter node, or undefined for an unnamed one (`func(int)`, `self`). */
function parameterName(node: Node, depth: number): string | undefined {
  if (depth > 6) return undefined;
  const type = node.type;
  if (PARAM_NAMES.has(type)) return paramText(node);
  const brackets = PATTERNS[type];
  if (brackets) {
    const inner: string[] = [];
    for (const child of node.namedChildren) {
      if (!child || inner.length >= MAX_PATTERN_NAMES) continue;
      const name = parameterName(child, depth + 1);
      if (name) inner.push(name);
    }
    return `${brackets[0]}${inner.join(', ')}${brackets[1]}`;
  }
  for (const field of NAME_FIELDS) {
    // `value` names the bound variable only in a `key: value` destructuring pair.
    if (field === 'value' && type !== 'pair_pattern') continue;
    const child = node.childForFieldName(field);
    if (child) return parameterName(child, depth + 1);
  }
  // Wrappers without fields: `...rest`, `*args`, `&x`, `mut x`, Java's `int... xs`.
  const count = node.childCount;
  for (let i = 0; i < count; i++) {
    const child = node.child(i);
    if (!child || !child.isNamed || SKIPPED_FIELDS.has(node.fieldNameForChild(i) ?? '')) continue;
    const name = parameterName(child, depth + 1);
    if (name) return name;
  }
  return undefined;
}
