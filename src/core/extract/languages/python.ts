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
  commentNodes: ['comment'],
  declarationPrefix: /^\s*$/,
  // Decorators, whatever their arguments, when on one line.
  skipLine: /^\s*@/,
  docstrings: true,
  implicitReceivers: new Set(['self', 'cls']),
};
