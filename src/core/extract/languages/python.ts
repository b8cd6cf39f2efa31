// Python: functions, classes, lambdas bound to names; docstrings first, the
// `#` block above a definition otherwise.
import type { LanguageSpec } from '../spec';

export const python: LanguageSpec = {
  id: 'python',
  query: `
(function_definition name: (identifier) @name) @def.function
(class_definition name: (identifier) @name) @def.class
(assignment left: (identifier) @name right: (lambda) @fn) @def.function
`,
  commentWrappers: new Set(['decorated_definition', 'expression_statement']),
  commentSkips: new Set(),
  docstrings: true,
  implicitReceivers: new Set(['self', 'cls']),
};
