// Which editor languages and files Latent Map reacts to. The core decides what
// it can read (src/core/extract/languages.ts); this maps that onto VS Code's
// language ids for the hover provider and onto a glob for the file watcher.
import { EXCLUDED_FOLDERS, GENERATED_FILE_PATTERNS } from '../core/discover/defaults';
import { SUPPORTED_EXTENSIONS, languageForFile } from '../core/extract/languages';

/** VS Code language ids of the files the core extracts symbols from. */
export const LANGUAGE_IDS = [
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'python',
  'go',
  'rust',
  'java',
  'csharp',
  'cpp',
  'c',
  'ruby',
  'php',
] as const;

/** A glob for the file watcher matching every extension the core reads. */
export const SOURCE_GLOB = `**/*{${SUPPORTED_EXTENSIONS.join(',')}}`;

/**
 * Is this relative path ('/' separators) a source file worth telling the index
 * about? The same default exclusions as a full build (dependency and build
 * folders, generated files), so a build writing into dist/ does not put its
 * output on the map.
 */
export function isWatchedSource(relative: string): boolean {
  if (relative === '..' || relative.startsWith('../')) return false;
  const parts = relative.split('/');
  const name = parts.pop() ?? '';
  if (parts.some((folder) => EXCLUDED_FOLDERS.has(folder))) return false;
  if (GENERATED_FILE_PATTERNS.some((pattern) => pattern.test(name))) return false;
  return languageForFile(relative) !== undefined;
}

// Words every supported language uses as syntax: hovering them would list
// symbols that merely mention them, on every hover, so they get no hover.
const KEYWORDS = new Set(
  (
    'abstract and as async await bool boolean break case catch char class const constructor continue def default del ' +
    'delete do double elif else enum export extends false final finally float fn for from func function go if impl ' +
    'implements import in instanceof int interface is let long match mod mut new nil none not null number object or ' +
    'override package pass private protected pub public raise readonly return self short static str string struct ' +
    'super switch this throw throws trait true try type typeof undefined unsafe use using var void while with yield'
  ).split(' '),
);

/** Does a word under the cursor deserve a neighbours hover? */
export function isHoverableWord(word: string): boolean {
  return word.length >= 3 && word.length <= 100 && /^[\p{L}_$]/u.test(word) && !KEYWORDS.has(word.toLowerCase());
}
