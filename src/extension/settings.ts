// Latent Map's settings as the extension uses them, read fresh each time (they
// are cheap to read and the user may change them at any moment).
import * as vscode from 'vscode';

import type { ColourBy } from '../shared/protocol';
import {
  MAX_FILES,
  MAX_FILE_SIZE,
  NEIGHBOURS,
  boundedInt,
  chooseModel,
  chooseTeamIndex,
  colourByOf,
  enabledGlobs,
  stringList,
  unique,
  type ModelChoice,
} from './settingsLogic';

export const SECTION = 'latentMap';

/** Everything that decides what an index holds: when it changes, the index is stale. */
export interface IndexSettings extends ModelChoice {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFiles: number;
  readonly maxFileSize: number;
  /** The team index to open over the local files (latentMap.teamIndex), undefined for none. */
  readonly teamIndex?: string;
  /** Why the team index setting was not followed, for the log. */
  readonly teamNote?: string;
}

export interface ViewSettings {
  readonly neighbours: number;
  readonly colourBy: ColourBy;
}

export function readIndexSettings(folder: vscode.WorkspaceFolder): IndexSettings {
  const config = vscode.workspace.getConfiguration(SECTION, folder.uri);
  const trusted = vscode.workspace.isTrusted;
  const model = chooseModel(config.inspect<string>('model'), {
    trusted,
    allowDownload: allowDownload(config),
    root: folder.uri.fsPath,
  });
  // VS Code's own exclusions apply too: the user expects a file hidden from the
  // explorer or search to stay off the map (findFiles would only honour files.exclude).
  const files = vscode.workspace.getConfiguration('files', folder.uri).get<unknown>('exclude');
  const search = vscode.workspace.getConfiguration('search', folder.uri).get<unknown>('exclude');
  return {
    ...model,
    include: stringList(config.get('include')),
    exclude: unique([...enabledGlobs(files), ...enabledGlobs(search), ...stringList(config.get('exclude'))]),
    maxFiles: boundedInt(config.get('maxFiles'), MAX_FILES.min, MAX_FILES.max, MAX_FILES.default),
    maxFileSize: boundedInt(config.get('maxFileSize'), MAX_FILE_SIZE.min, MAX_FILE_SIZE.max, MAX_FILE_SIZE.default),
    ...teamIndexOf(chooseTeamIndex(config.inspect<string>('teamIndex'), { trusted, root: folder.uri.fsPath })),
  };
}

function teamIndexOf(choice: { uri?: string; note?: string }): Pick<IndexSettings, 'teamIndex' | 'teamNote'> {
  return { ...(choice.uri ? { teamIndex: choice.uri } : {}), ...(choice.note ? { teamNote: choice.note } : {}) };
}

/**
 * Only the user's own value of allowDownload counts in an untrusted workspace
 * (where downloads are off anyway); in a trusted one the usual precedence holds.
 */
function allowDownload(config: vscode.WorkspaceConfiguration): boolean {
  if (vscode.workspace.isTrusted) return config.get<boolean>('allowDownload') !== false;
  const inspected = config.inspect<boolean>('allowDownload');
  return (inspected?.globalValue ?? inspected?.defaultValue) !== false;
}

export function readViewSettings(): ViewSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    neighbours: boundedInt(config.get('neighbours'), NEIGHBOURS.min, NEIGHBOURS.max, NEIGHBOURS.default),
    colourBy: colourByOf(config.get('colourBy')),
  };
}

/** Stores the colouring picked in the map where the user's other settings are. */
export async function storeColourBy(value: ColourBy): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<ColourBy>('colourBy');
  // Write to the most specific level that already has a value, so the pick
  // takes effect; otherwise to user settings, so it sticks across workspaces.
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  if (config.get('colourBy') !== value) await config.update('colourBy', value, target);
}

/** Do two index settings give the same index? */
export function sameIndexSettings(a: IndexSettings, b: IndexSettings): boolean {
  return JSON.stringify({ ...a, note: undefined, teamNote: undefined }) === JSON.stringify({ ...b, note: undefined, teamNote: undefined });
}

export function affectsIndex(event: vscode.ConfigurationChangeEvent): boolean {
  return ['model', 'allowDownload', 'include', 'exclude', 'maxFiles', 'maxFileSize', 'teamIndex'].some((key) =>
    event.affectsConfiguration(`${SECTION}.${key}`),
  ) || event.affectsConfiguration('files.exclude') || event.affectsConfiguration('search.exclude');
}

export function affectsView(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SECTION}.neighbours`) || event.affectsConfiguration(`${SECTION}.colourBy`);
}
