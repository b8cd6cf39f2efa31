// The vector cache against a writer process killed mid-write (a child process,
// so it is an integration test).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { textKey, VectorCache } from '../../src/core/cache';

const DIMS = 4;
const vector = (seed: number): Float32Array => Float32Array.from({ length: DIMS }, (_, i) => Math.sin(seed + i));

async function filledCache(dir: string, model = 'builtin'): Promise<VectorCache> {
  const cache = await VectorCache.open(dir, model, DIMS);
  for (let i = 0; i < 10; i++) cache.set(textKey(`text ${i}`), vector(i));
  await cache.save();
  return cache;
}

describe('VectorCache under a killed writer', () => {
  it('never trusts a cache whose writer was killed mid-write: it holds the old vectors or the new, never a mix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-cache-kill-'));
    await filledCache(dir);
    // A writer that rewrites a large cache over and over until it is killed.
    const script = `
      const { VectorCache, textKey } = require(${JSON.stringify(path.resolve(__dirname, '../../src/core/cache'))});
      (async () => {
        for (let round = 0; ; round++) {
          const cache = await VectorCache.open(${JSON.stringify(dir)}, 'builtin', ${DIMS});
          for (let i = 0; i < 20000; i++) cache.set(textKey('bulk ' + i), Float32Array.of(round, i, 1, 2));
          await cache.save();
          process.stdout.write('saved\\n');
        }
      })();`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 30 + attempt * 20));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const reopened = await VectorCache.open(dir, 'builtin', DIMS);
      assert.equal(reopened.discardReason, undefined, 'a complete file is always in place');
      assert.deepEqual(reopened.get(textKey('text 3')), vector(3), 'the vectors written before are intact');
      const bulk = reopened.get(textKey('bulk 19999'));
      assert.ok(bulk && bulk[1] === 19999);
    }
  });
});
