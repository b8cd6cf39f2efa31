// "Latent Map: Export Map…": the map as an HTML page, Embedding Projector
// files or the index JSON, the same files `latent-map export` writes
// (src/core/export). Asks for the format, then where, with the platform's
// dialogs; a caller may name both instead (a keybinding's args, a test).
import * as path from 'node:path';
import * as vscode from 'vscode';

import { EXPORT_FORMATS, exportIndex, isExportFormat, type ExportFormat } from '../core/export';
import { CancelledError } from '../core/types';
import type { IndexService } from './indexService';
import { readViewSettings } from './settings';

interface FormatItem extends vscode.QuickPickItem {
  readonly format: ExportFormat;
}

const FORMATS: readonly FormatItem[] = [
  { format: 'html', label: 'HTML page', description: 'one file: the map with search and hover, for any browser, no network' },
  { format: 'projector', label: 'Embedding Projector', description: 'vectors.tsv and metadata.tsv in a folder, for projector.tensorflow.org' },
  { format: 'json', label: 'JSON', description: 'the index document, as `latent-map index --out` writes it' },
];

/** What a caller may pass to skip the questions: `{ format, out }`, out an absolute path. */
function parseArgs(args: unknown): { format?: ExportFormat; out?: string } {
  if (args === undefined) return {};
  const a = args as { format?: unknown; out?: unknown };
  if (typeof args !== 'object' || args === null || typeof a.format !== 'string' || !isExportFormat(a.format) || (a.out !== undefined && (typeof a.out !== 'string' || !path.isAbsolute(a.out)))) {
    throw new Error(`Export Map takes { format: ${EXPORT_FORMATS.map((f) => `'${f}'`).join(' | ')}, out?: an absolute path }, not ${JSON.stringify(args)}.`);
  }
  return { format: a.format, out: a.out as string | undefined };
}

async function askTarget(format: ExportFormat, folder: vscode.Uri, name: string): Promise<string | undefined> {
  if (format === 'projector') {
    const picked = await vscode.window.showOpenDialog({
      title: 'Latent Map: folder for vectors.tsv and metadata.tsv',
      defaultUri: folder,
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Export Here',
    });
    return picked?.[0] && fileOf(picked[0]);
  }
  const extension = format === 'html' ? 'html' : 'json';
  const picked = await vscode.window.showSaveDialog({
    title: `Latent Map: export the map as ${format === 'html' ? 'an HTML page' : 'JSON'}`,
    defaultUri: vscode.Uri.joinPath(folder, `${name}-map.${extension}`),
    filters: format === 'html' ? { 'HTML page': ['html'] } : { JSON: ['json'] },
    saveLabel: 'Export',
  });
  return picked && fileOf(picked);
}

function fileOf(uri: vscode.Uri): string {
  // The files are written by the extension host with Node's fs.
  if (uri.scheme !== 'file') throw new Error(`cannot write to ${uri.toString()}: only files on this machine's disk.`);
  return uri.fsPath;
}

/** Resolves to the files written, or undefined when the user cancelled or there is no map. */
export async function exportMap(service: IndexService, context: vscode.ExtensionContext, args?: unknown): Promise<string[] | undefined> {
  const given = parseArgs(args);
  const index = await service.ensure();
  const folder = service.folder;
  if (!index || !folder) return undefined;
  const format = given.format ?? (await vscode.window.showQuickPick(FORMATS, { title: 'Latent Map: Export Map', placeHolder: 'Export the map as…' }))?.format;
  if (!format) return undefined;
  const out = given.out ?? (await askTarget(format, folder.uri, folder.name));
  if (!out) return undefined;
  try {
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Latent Map: exporting the map', cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        return exportIndex(index, {
          format,
          out,
          assetRoot: context.extensionUri.fsPath,
          neighbours: readViewSettings().neighbours,
          signal: controller.signal,
          onProgress: (done, total) => {
            // Similar symbols of every symbol, for the page's tooltips: the slow part of an HTML export.
            const share = (100 * done) / total;
            progress.report({ message: `similar symbols ${done}/${total}`, increment: share - reported });
            reported = share;
          },
        });
      },
    );
    const where = format === 'projector' ? out : path.basename(out);
    if (format === 'html') {
      void vscode.window.showInformationMessage(`Latent Map: exported ${index.symbols.length} symbols to ${where}.`, 'Open in Browser').then((pick) => {
        if (pick) void vscode.env.openExternal(vscode.Uri.file(out));
      });
    } else {
      void vscode.window.showInformationMessage(`Latent Map: exported ${index.symbols.length} symbols to ${where}.`);
    }
    return written;
  } catch (error) {
    if (error instanceof CancelledError) return undefined;
    throw error;
  }
}
