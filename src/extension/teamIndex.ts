// Opening a team index (latentMap.teamIndex): a LanceDB store built in CI,
// read here with the workspace's locally changed files indexed over it.
// Credentials come from the extension host's environment or, set by the
// user through a command, from VS Code's secret storage: never from settings.
import * as vscode from 'vscode';

import { LatentIndex, type IndexOptions } from '../core/indexer';
import { resolveModel } from '../core/embed';
import { describeUri, overlayLocalChanges, readStore, type StoreEnvironment } from '../core/store';

/** What the status bar says of a map opened from a team index. */
export interface TeamInfo {
  /** The store, as shown (no credentials). */
  readonly uri: string;
  /** The store's version (its symbols table's LanceDB version). */
  readonly version: number;
  /** Files of the working tree indexed locally over the store (changed, new or deleted), growing as files are saved. */
  readonly localFiles: Set<string>;
  /** How long each step of opening took, in ms, in the order they ended (for the log). */
  readonly timings: readonly (readonly [string, number])[];
}

/** Timings as the log shows them: `connect 40 ms, meta 12 ms, ...`. */
export function timingText(timings: readonly (readonly [string, number])[]): string {
  return timings.map(([step, ms]) => `${step} ${ms} ms`).join(', ');
}

/** The team information of an index opened from a store. */
const teams = new WeakMap<LatentIndex, TeamInfo>();

export function teamOf(index: LatentIndex): TeamInfo | undefined {
  return teams.get(index);
}

/** The variables a store is opened with, in the order the command asks for them. */
const CREDENTIALS = [
  { key: 'AWS_ACCESS_KEY_ID', prompt: 'Access key id', password: false },
  { key: 'AWS_SECRET_ACCESS_KEY', prompt: 'Secret access key', password: true },
  { key: 'AWS_SESSION_TOKEN', prompt: 'Session token (optional)', password: true },
  { key: 'AWS_ENDPOINT_URL', prompt: 'Endpoint URL, for storage other than AWS S3 (optional, e.g. https://minio.example.com)', password: false },
  { key: 'AWS_REGION', prompt: 'Region (optional, e.g. eu-west-1)', password: false },
] as const;

const secretKey = (key: string): string => `latentMap.teamIndex.${key}`;

/** The environment for the store: the extension host's, with what the user saved in secret storage on top. */
export async function storeEnvironment(secrets: vscode.SecretStorage): Promise<StoreEnvironment> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const { key } of CREDENTIALS) {
    const value = await secrets.get(secretKey(key));
    if (value) env[key] = value;
  }
  return env;
}

/** The command: asks for each credential (Escape keeps the saved one, an empty answer removes it). */
export async function setTeamCredentials(secrets: vscode.SecretStorage): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Set credentials', detail: 'Kept in VS Code secret storage, used before the environment\'s AWS_* variables.' },
      { label: 'Remove saved credentials', detail: 'The environment\'s AWS_* variables are used alone.' },
    ],
    { title: 'Latent Map: team index credentials' },
  );
  if (!pick) return;
  if (pick.label.startsWith('Remove')) {
    for (const { key } of CREDENTIALS) await secrets.delete(secretKey(key));
    void vscode.window.showInformationMessage('Latent Map: saved team index credentials removed.');
    return;
  }
  for (const { key, prompt, password } of CREDENTIALS) {
    const saved = await secrets.get(secretKey(key));
    const value = await vscode.window.showInputBox({
      title: `Latent Map team index: ${key}`,
      prompt: `${prompt}. Empty removes it; Escape keeps ${saved ? 'the saved one' : 'none'}.`,
      password,
      ignoreFocusOut: true,
      value: password ? '' : saved ?? '',
    });
    if (value === undefined) continue;
    if (value.trim() === '') await secrets.delete(secretKey(key));
    else await secrets.store(secretKey(key), value.trim());
  }
  void vscode.window.showInformationMessage('Latent Map: team index credentials saved. Rebuild the index to use them.');
}

/**
 * Opens the store at `uri` for the folder `options.root` and indexes the
 * working tree's changes over it. Throws a UserError saying why when the store
 * is missing, unreachable, of another format or another model.
 */
export async function openTeamIndex(uri: string, options: IndexOptions, env: StoreEnvironment): Promise<LatentIndex> {
  options.onProgress?.({ phase: 'discover', message: `Opening the team index ${describeUri(uri)}` });
  const model = resolveModel({ model: options.model ?? 'builtin', modelCacheDir: options.modelCacheDir, allowRemote: options.allowRemote });
  // The store is read while the model loads (fromStore waits for both).
  const reading = readStore(uri, { model: { fingerprint: model.fingerprint, id: model.id }, signal: options.signal, env, cwd: options.root });
  const steps: [string, number][] = [];
  const index = await LatentIndex.fromStore(options, reading, (step, ms) => steps.push([step, ms]));
  const stored = await reading;
  try {
    options.onProgress?.({ phase: 'extract', message: 'Indexing local changes' });
    const started = performance.now();
    const overlay = await overlayLocalChanges(index, stored, options);
    const timings = [...stored.timings.map(([step, ms]) => [`store ${step}`, ms] as const), ...steps, ['local changes', Math.round(performance.now() - started)] as const];
    teams.set(index, { uri: describeUri(stored.uri), version: stored.version, localFiles: new Set([...overlay.changed, ...overlay.removed]), timings });
    return index;
  } catch (error) {
    await index.dispose();
    throw error;
  }
}
