// Ruby: modules, classes, methods and singleton methods (`def self.x`);
// `class << self` adds no container of its own.
import type { LanguageSpec } from '../spec';

export const ruby: LanguageSpec = {
  id: 'ruby',
  query: `
(method name: (_) @name) @def.function
(singleton_method name: (_) @name) @def.method
(class name: (_) @name) @def.class
(module name: (_) @name) @def.module
`,
  commentNodes: ['comment'],
  declarationPrefix: /^\s*(?:(?:private|protected|public|module_function)\s+)?$/,
  moduleHoldsMethods: true,
};
