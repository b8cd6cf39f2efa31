// Integration tests in desktop VS Code: the commands, the map panel and the
// editor hover, through VS Code's own API, on a copy of the fixture workspace
// with the built-in model (user settings written by ../run.ts).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'latent-map.latent-map';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Latent Map in desktop VS Code', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed in the development host`);
    await extension.activate();
  });

  test('every contributed command is registered', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  test('Show Map opens the map panel', async () => {
    await vscode.commands.executeCommand('latentMap.showMap');
    const tab = await eventually('a Latent Map webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /latent/i.test(t.label)),
    );
    assert.ok(tab);
  });

  test('the editor hover over an identifier lists its nearest indexed symbols', async () => {
    const uri = workspaceFile('src/net/httpClient.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l.includes('function httpGet'));
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('httpGet') + 2);
    const text = await eventually('a hover naming indexed symbols', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      const t = hoverText(hovers ?? []);
      const names = ['httpPost', 'fetchJson', 'request', 'retryRequest', 'buildQueryUrl', 'parseResponseHeaders'].filter((n) => t.includes(n));
      return names.length >= 2 ? t : undefined;
    });
    assert.match(text, /httpPost|fetchJson|request/);
  });

  test('Clear Cache deletes the stored vectors, and Rebuild Index reads the folder again', async () => {
    const vectors = path.join(storageDir(), 'vectors');
    await vscode.commands.executeCommand('latentMap.showMap');
    await eventually('the vector cache on disk', () => (existsSync(vectors) && readdirSync(vectors).length > 0 ? true : undefined));
    // 'vectors' names what to delete, so no modal dialog asks (dialogs are refused in tests).
    await vscode.commands.executeCommand('latentMap.clearCache', 'vectors');
    assert.equal(existsSync(vectors), false, `${vectors} is deleted`);

    const before = await vscode.commands.executeCommand<number | undefined>('latentMap.rebuild');
    assert.ok(before !== undefined && before >= 30, `the fixture gives at least 30 symbols, the rebuild indexed ${before}`);
    assert.ok(existsSync(vectors) && readdirSync(vectors).length > 0, 'the rebuild stored vectors again');

    // A new function in a new file: the next rebuild finds exactly one more symbol.
    const added = workspaceFile('src/addedForRebuild.ts');
    await vscode.workspace.fs.writeFile(added, Buffer.from('/** Counts the vowels in a word. */\nexport function countVowels(word: string): number {\n  return word.replace(/[^aeiou]/gi, \'\').length;\n}\n'));
    try {
      const after = await vscode.commands.executeCommand<number | undefined>('latentMap.rebuild');
      assert.equal(after, before + 1);
    } finally {
      await vscode.workspace.fs.delete(added);
    }
  });

  test('an error in a command reaches its caller', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('latentMap.clearCache', 'everything')), /'vectors' or 'all'/);
  });
});

/** The extension's global storage, set by ../run.ts (<user data>/User/globalStorage/<extension id>). */
function storageDir(): string {
  const dir = process.env.LATENT_MAP_STORAGE;
  assert.ok(dir, 'LATENT_MAP_STORAGE is set by test/electron/run.ts');
  return dir;
}
