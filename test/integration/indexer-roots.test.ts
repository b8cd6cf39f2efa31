import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LatentIndex } from '../../src/core/indexer';

// Several folders on one map, kept up to date as files change (what the
// extension's watchers do in a multi-root workspace).
const FIXTURE = path.resolve(__dirname, '../fixtures/repo');

function folders(): { api: string; web: string; cacheDir: string } {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lm-index-roots-'));
  const api = path.join(scratch, 'api');
  const web = path.join(scratch, 'web');
  cpSync(FIXTURE, api, { recursive: true });
  cpSync(FIXTURE, web, { recursive: true });
  return { api, web, cacheDir: path.join(scratch, 'cache') };
}

describe('LatentIndex over several folders', () => {
  it('updates a file of the second folder by its workspace path: its symbols change, the first folder keeps its places, and a reopen sees it', async () => {
    const { api, web, cacheDir } = folders();
    const roots = [{ path: api }, { path: web, name: 'Web App' }];
    const index = await LatentIndex.build({ root: api, roots, cacheDir, model: 'builtin' });
    try {
      assert.deepEqual(index.roots.map((r) => [r.name, r.prefix]), [['api', 'api/'], ['Web App', 'Web App/']]);
      const before = new Map(index.mapSymbols().map((s) => [s.id, s]));
      assert.ok(index.symbol('api/src/ui/button.ts#drawButton') && index.symbol('Web App/src/ui/button.ts#drawButton'));
      // Files resolve to their own folder, and a document's path back to its workspace path.
      assert.equal(index.absolutePath('Web App/src/ui/button.ts'), path.join(web, 'src', 'ui', 'button.ts'));
      assert.equal(index.workspacePath(path.join(web, 'src', 'ui', 'button.ts')), 'Web App/src/ui/button.ts');
      assert.equal(index.symbolAt('Web App/src/ui/button.ts', 2)?.id, 'Web App/src/ui/button.ts#drawButton');

      mkdirSync(path.join(web, 'src', 'net'), { recursive: true });
      writeFileSync(path.join(web, 'src', 'net', 'socket.ts'), '/** Opens a websocket connection to a server. */\nexport function openSocket(address: string): void {}\n');
      rmSync(path.join(web, 'src', 'ui', 'button.ts'));
      const change = await index.updateFiles(['Web App/src/net/socket.ts'], ['Web App/src/ui/button.ts']);
      assert.deepEqual(change.upserted.map((s) => s.id), ['Web App/src/net/socket.ts#openSocket']);
      assert.deepEqual(change.removed.sort(), ['Web App/src/ui/button.ts#drawButton', 'Web App/src/ui/button.ts#paintRectangle', 'Web App/src/ui/button.ts#renderTooltip']);
      for (const s of index.mapSymbols().filter((x) => x.id.startsWith('api/'))) {
        assert.deepEqual([s.x, s.y], [before.get(s.id)!.x, before.get(s.id)!.y], `${s.id} kept its place`);
      }
      assert.equal((await index.search('open a websocket connection', 1))[0]?.id, 'Web App/src/net/socket.ts#openSocket');
      // The CLI contract: each symbol's file relative to its folder, named by root.
      const json = index.toJson();
      const socket = json.symbols.find((s) => s.name === 'openSocket')!;
      assert.deepEqual([socket.root, socket.file], ['Web App', 'src/net/socket.ts']);
    } finally {
      await index.dispose();
    }
    const reopened = await LatentIndex.build({ root: api, roots, cacheDir, model: 'builtin' });
    try {
      assert.equal(reopened.stats.embedded, 0);
      assert.equal(reopened.stats.layout, 'saved');
      assert.ok(reopened.symbol('Web App/src/net/socket.ts#openSocket'));
      assert.equal(reopened.symbol('Web App/src/ui/button.ts#drawButton'), undefined);
      assert.ok(reopened.symbol('api/src/ui/button.ts#drawButton'), 'the same file in the other folder stays');
    } finally {
      await reopened.dispose();
    }
  });
});
