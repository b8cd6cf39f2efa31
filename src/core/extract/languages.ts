// Which grammar reads which file, by extension. The grammar names are the file
// stems shipped by @vscode/tree-sitter-wasm (wasm/tree-sitter-<grammar>.wasm).
import * as path from 'node:path';

export type LanguageId =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'python'
  | 'go'
  | 'rust'
  | 'java'
  | 'csharp'
  | 'cpp'
  | 'ruby'
  | 'php';

/** Grammar file stem per language. */
export const GRAMMAR_FILE: Readonly<Record<LanguageId, string>> = {
  typescript: 'typescript',
  tsx: 'tsx',
  // The javascript grammar parses JSX itself, so .jsx needs no other grammar.
  javascript: 'javascript',
  python: 'python',
  go: 'go',
  rust: 'rust',
  java: 'java',
  csharp: 'c-sharp',
  cpp: 'cpp',
  ruby: 'ruby',
  php: 'php',
};

const BY_EXTENSION: ReadonlyMap<string, LanguageId> = new Map<string, LanguageId>([
  ['.ts', 'typescript'],
  ['.mts', 'typescript'],
  ['.cts', 'typescript'],
  ['.tsx', 'tsx'],
  ['.js', 'javascript'],
  ['.mjs', 'javascript'],
  ['.cjs', 'javascript'],
  ['.jsx', 'javascript'],
  ['.py', 'python'],
  ['.pyi', 'python'],
  ['.go', 'go'],
  ['.rs', 'rust'],
  ['.java', 'java'],
  ['.cs', 'csharp'],
  ['.cpp', 'cpp'],
  ['.cc', 'cpp'],
  ['.cxx', 'cpp'],
  ['.hpp', 'cpp'],
  ['.hh', 'cpp'],
  ['.hxx', 'cpp'],
  // C headers are read with the C++ grammar: the package ships no C grammar, and
  // C++'s accepts nearly all C declarations.
  ['.h', 'cpp'],
  ['.rb', 'ruby'],
  ['.php', 'php'],
]);

/** Every extension (lower case, with the dot) that `extractSymbols` reads. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.freeze([...BY_EXTENSION.keys()]);

/** The language of a file by its extension (case-insensitive); undefined when unsupported. */
export function languageForFile(file: string): LanguageId | undefined {
  return BY_EXTENSION.get(path.extname(file).toLowerCase());
}
