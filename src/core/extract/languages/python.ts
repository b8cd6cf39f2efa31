// Python: functions, classes, lambdas bound to names; docstrings first, the
// `#` block above a definition otherwise.
import type { Node } from '@vscode/tree-sitter-wasm';
import { onlyNamedChild, type BooleanReturns, type BooleanStep } from '../returns';
import type { LanguageSpec } from '../spec';

/** Built-in functions that return a bool (the Python library reference's "Built-in Functions"); any other call is unknown. */
const BOOLEAN_CALLS: ReadonlySet<string> = new Set(['bool', 'isinstance', 'issubclass', 'callable', 'hasattr', 'all', 'any']);

/** What a Python expression node says of its value as written (see BooleanStep). */
function booleanStepPy(node: Node): BooleanStep {
  switch (node.type) {
    case 'true':
    case 'false':
    // `a < b`, `x in y`, `x is None`, and chains of them.
    case 'comparison_operator':
    case 'not_operator':
      return true;
    case 'parenthesized_expression':
      return [onlyNamedChild(node)];
    case 'boolean_operator':
      return [node.childForFieldName('left'), node.childForFieldName('right')];
    case 'conditional_expression': {
      // `a if condition else b`
      const parts = node.namedChildren.filter((child) => child !== null && child.type !== 'comment');
      return parts.length === 3 ? [parts[0]!, parts[2]!] : false;
    }
    case 'call': {
      const callee = node.childForFieldName('function');
      return callee?.type === 'identifier' && BOOLEAN_CALLS.has(callee.text);
    }
    default:
      return false;
  }
}

/** `yield` as a statement or assigned (`x = yield`) makes a generator. */
function isYield(statement: Node): boolean {
  if (statement.type !== 'expression_statement') return false;
  const expression = onlyNamedChild(statement);
  return expression?.type === 'yield' || (expression?.type === 'assignment' && expression.childForFieldName('right')?.type === 'yield');
}

const BOOLEAN_RETURNS: BooleanReturns = {
  declared: (fn) => fn.childForFieldName('return_type'),
  wrappers: new Set(['type']),
  // A string annotation (`-> "bool"`) names the type too.
  types: new Set(['bool', '"bool"', "'bool'"]),
  body: {
    statements: 'block',
    blocks: new Set([
      'block', 'if_statement', 'elif_clause', 'else_clause', 'for_statement', 'while_statement', 'try_statement', 'except_clause',
      'except_group_clause', 'finally_clause', 'with_statement', 'match_statement', 'case_clause',
    ]),
    isYield,
    step: booleanStepPy,
  },
};

/** `@name.setter` (or `.deleter`, `.getter`), spaces dropped. */
const ACCESSOR_DECORATOR = /^@([A-Za-z_]\w*)\.(?:setter|deleter|getter)$/;

/** A method decorated as the setter, deleter or getter of the property of its own name: the rest of that property. */
function isPropertyAccessor(def: Node): boolean {
  const decorated = def.parent;
  if (decorated?.type !== 'decorated_definition') return false;
  const name = def.childForFieldName('name')?.text;
  return decorated.namedChildren.some((child) => child?.type === 'decorator' && ACCESSOR_DECORATOR.exec(child.text.replace(/\s+/g, ''))?.[1] === name);
}

export const python: LanguageSpec = {
  id: 'python',
  query: `
(function_definition name: (identifier) @name) @def.function
(class_definition name: (identifier) @name) @def.class
(assignment left: (identifier) @name right: (lambda) @fn) @def.function
`,
  commentNodes: ['comment'],
  declarationPrefix: /^\s*$/,
  // Decorators, whatever their arguments, when on one line.
  skipLine: /^\s*@/,
  docstrings: true,
  implicitReceivers: new Set(['self', 'cls']),
  accessor: isPropertyAccessor,
  booleanReturns: BOOLEAN_RETURNS,
};
