// The parts of reading Latent Map's settings that do not need VS Code, so unit
// tests can run them: which model a workspace may choose, which globs to leave
// out, and how the limits are bounded. src/extension/settings.ts feeds these
// from `vscode.workspace.getConfiguration`.
import * as os from 'node:os';
import * as path from 'node:path';

import { DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_SIZE } from '../core/discover/defaults';
import type { ColourBy } from '../shared/protocol';

// Bounds of the numeric settings; the same numbers are in package.json's
// `contributes.configuration`, which is what users see (a unit test checks the
// defaults agree). The defaults are the core's own.
export const MAX_FILES = { min: 1, max: 1_000_000, default: DEFAULT_MAX_FILES };
export const MAX_FILE_SIZE = { min: 1_024, max: 64 * 1024 * 1024, default: DEFAULT_MAX_FILE_SIZE };
/** 8: what the map's tooltip lists by default (webview/main.ts DEFAULT_NEIGHBOURS). */
export const NEIGHBOURS = { min: 1, max: 50, default: 8 };

/** The id the settings and the core use for the model shipped in the package. */
export const BUILTIN = 'builtin';

/** What `WorkspaceConfiguration.inspect` reports for one setting (the parts used here). */
export interface InspectedValue<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

export interface ModelChoice {
  /** 'builtin', a hub id, or an absolute model folder: what the core is given. */
  readonly model: string;
  /** May the model be downloaded? */
  readonly allowRemote: boolean;
  /** Why the chosen model is not what the settings say, for the log; undefined when it is. */
  readonly note?: string;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A setting value that names a folder rather than a hub id or 'builtin'. */
export function looksLikePath(value: string): boolean {
  return (
    path.isAbsolute(value) ||
    path.win32.isAbsolute(value) ||
    value === '~' ||
    value.startsWith('~/') ||
    value.startsWith('./') ||
    value.startsWith('../') ||
    value.startsWith('.\\') ||
    value.startsWith('..\\')
  );
}

/**
 * The model to load, from the `latentMap.model` setting as inspected.
 *
 * In a trusted workspace the usual precedence holds (folder, workspace, user,
 * default). In an untrusted one only the user's own value counts, so a cloned
 * repository cannot point the extension at a model folder or a hub id of its
 * choosing, and nothing is downloaded: a hub model then loads only if it is
 * already in the model cache, otherwise the core falls back to the built-in one.
 */
export function chooseModel(
  inspected: InspectedValue<string> | undefined,
  options: { readonly trusted: boolean; readonly allowDownload: boolean; readonly root?: string; readonly home?: string },
): ModelChoice {
  const fromUser = nonEmpty(inspected?.globalValue) ?? nonEmpty(inspected?.defaultValue);
  const fromWorkspace = nonEmpty(inspected?.workspaceFolderValue) ?? nonEmpty(inspected?.workspaceValue);
  const notes: string[] = [];
  let value: string;
  let fromWorkspaceSettings = false;
  if (options.trusted) {
    fromWorkspaceSettings = fromWorkspace !== undefined;
    value = fromWorkspace ?? fromUser ?? BUILTIN;
  } else {
    if (fromWorkspace !== undefined && fromWorkspace !== fromUser) {
      notes.push(`the workspace setting latentMap.model ("${fromWorkspace}") is ignored in an untrusted workspace`);
    }
    value = fromUser ?? BUILTIN;
  }
  if (value.toLowerCase() === BUILTIN) value = BUILTIN;
  else if (looksLikePath(value)) value = resolveModelFolder(value, fromWorkspaceSettings ? options.root : undefined, options.home);
  const allowRemote = options.trusted && options.allowDownload;
  if (!options.trusted && value !== BUILTIN && !looksLikePath(value)) {
    notes.push('downloads are off in an untrusted workspace');
  }
  return { model: value, allowRemote, note: notes.length > 0 ? notes.join('; ') : undefined };
}

/**
 * An absolute folder from a path setting: `~` is the home folder; a relative
 * path is relative to the workspace folder when a workspace setting gave it,
 * and to the home folder otherwise (user settings have no folder of their own).
 */
export function resolveModelFolder(value: string, root: string | undefined, home: string = os.homedir()): string {
  if (value === '~') return home;
  if (value.startsWith('~/')) return path.join(home, value.slice(2));
  if (path.isAbsolute(value) || path.win32.isAbsolute(value)) return path.normalize(value);
  return path.resolve(root ?? home, value);
}

/**
 * The globs a VS Code exclude setting (`files.exclude`, `search.exclude`) turns
 * on. Entries whose value is an object are conditional (`{ when: "$(basename).ts" }`);
 * the core has no way to test the condition, so they are left out rather than
 * excluding more than the user asked for.
 */
export function enabledGlobs(setting: unknown): string[] {
  if (setting === null || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob);
}

/** Strings from an array setting; anything else in it is dropped. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** A whole number within [min, max], or the fallback when the setting holds something else. */
export function boundedInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

export function colourByOf(value: unknown): ColourBy {
  return value === 'kind' || value === 'cluster' || value === 'folder' ? value : 'folder';
}

/** Unique, in first-seen order. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export interface TeamIndexChoice {
  /** The store to open (a URI, or an absolute folder), or undefined for the local index. */
  readonly uri?: string;
  /** Why the store is not what the settings say, for the log; undefined when it is. */
  readonly note?: string;
}

/**
 * The team index to open, from `latentMap.teamIndex` as inspected. As with
 * the model, an untrusted workspace cannot choose it (a cloned repository
 * must not send the editor to a store of its choosing): only the user's own
 * value counts there. A relative folder is relative to the workspace folder.
 */
export function chooseTeamIndex(
  inspected: InspectedValue<string> | undefined,
  options: { readonly trusted: boolean; readonly root: string },
): TeamIndexChoice {
  const fromUser = nonEmpty(inspected?.globalValue);
  const fromWorkspace = nonEmpty(inspected?.workspaceFolderValue) ?? nonEmpty(inspected?.workspaceValue);
  let value = fromUser;
  let note: string | undefined;
  if (options.trusted) value = fromWorkspace ?? fromUser;
  else if (fromWorkspace !== undefined && fromWorkspace !== fromUser) {
    note = `the workspace setting latentMap.teamIndex ("${fromWorkspace}") is ignored in an untrusted workspace`;
  }
  if (value === undefined) return { note };
  const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:\/\//i.test(value);
  return { uri: remote || path.isAbsolute(value) || /^file:\/\//i.test(value) ? value : path.resolve(options.root, value), note };
}
