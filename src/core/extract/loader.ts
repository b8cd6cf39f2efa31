// Loads web-tree-sitter and the grammars once per process (per worker thread):
// the runtime on first use, each grammar lazily the first time a file of its
// language is read. Promises are cached so concurrent callers share one load.
// A failed load stays cached too: a damaged or missing .wasm does not mend
// itself within a process, so every file of that language gets the same clear
// error naming the language at once instead of a reload attempt per file.
import * as path from 'node:path';
import { Language, Parser, Query } from '@vscode/tree-sitter-wasm';
import { grammarDir } from '../paths';
import { GRAMMAR_FILE, type LanguageId } from './languages';

export interface LoadedLanguage {
  readonly parser: Parser;
  readonly query: Query;
}

let runtime: Promise<void> | undefined;
const loaded = new Map<string, Promise<LoadedLanguage>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (file: string) => path.join(grammarDir(), file) }).catch((error: unknown) => {
    throw new Error(`Latent Map: the tree-sitter runtime failed to load from ${grammarDir()}: ${message(error)}`);
  });
  return runtime;
}

/**
 * The parser and compiled symbol query of a language, loaded on first use.
 * `dir` (the package's grammars by default) is there for tests of failures.
 */
export function loadLanguage(id: LanguageId, querySource: string, dir = grammarDir()): Promise<LoadedLanguage> {
  const key = `${id}\0${dir}\0${querySource}`;
  let entry = loaded.get(key);
  if (!entry) {
    entry = (async () => {
      await initRuntime();
      const file = path.join(dir, `tree-sitter-${GRAMMAR_FILE[id]}.wasm`);
      let language: Language;
      try {
        language = await Language.load(file);
      } catch (error) {
        throw new Error(`Latent Map: the ${id} grammar failed to load from ${file}: ${message(error)}`);
      }
      let query: Query;
      try {
        query = new Query(language, querySource);
      } catch (error) {
        throw new Error(`Latent Map: the ${id} symbol query does not compile: ${message(error)}`);
      }
      const parser = new Parser();
      parser.setLanguage(language);
      return { parser, query };
    })();
    // Callers see the rejection; this only keeps Node from reporting it as unhandled.
    entry.catch(() => undefined);
    loaded.set(key, entry);
  }
  return entry;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
