// The extractor on its worker threads (dist/extract-worker.js): the same
// symbols as in this thread, files read on the worker, cancellation.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { extractSymbols, ExtractorPool } from '../../src/core/extract/index';
import { CancelledError } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'extract');

describe('ExtractorPool', () => {
  it('gives on its worker threads exactly what extractSymbols gives in this thread', async () => {
    // A few languages: each worker compiles every grammar it meets, and the engine is the same for all.
    const files = ['shapes.ts', 'commonjs.js', 'view.jsx', 'shapes.py', 'shapes.go', 'shapes.rs'];
    const pool = new ExtractorPool({ size: 2 });
    try {
      const sources = files.map((file) => readFileSync(path.join(FIXTURES, file), 'utf8'));
      const pooled = await Promise.all(files.map((file, i) => pool.extract(file, sources[i]!)));
      const local = await Promise.all(files.map((file, i) => extractSymbols(file, sources[i]!)));
      assert.deepEqual(pooled, local);
    } finally {
      await pool.dispose();
    }
  });

  it('reads a file on its worker: the symbols of a source file, and a skip for a binary, a minified or a missing one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lm-pool-'));
    writeFileSync(path.join(dir, 'ok.ts'), '/** Adds two numbers. */\nexport function add(a: number, b: number) { return a + b; }\n');
    writeFileSync(path.join(dir, 'binary.ts'), Buffer.from([0x66, 0x00, 0x6e, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(dir, 'min.js'), `${'var a=1;function b(c,d){return c+d};'.repeat(400)}\n`);
    const pool = new ExtractorPool({ size: 1 });
    try {
      const ok = await pool.extractFile('ok.ts', path.join(dir, 'ok.ts'), 1 << 20);
      assert.ok('symbols' in ok && ok.symbols[0]?.name === 'add' && ok.symbols[0].comment === 'Adds two numbers.');
      assert.deepEqual(await pool.extractFile('binary.ts', path.join(dir, 'binary.ts'), 1 << 20), { skip: 'binary' });
      assert.deepEqual(await pool.extractFile('min.js', path.join(dir, 'min.js'), 1 << 20), { skip: 'minified' });
      assert.deepEqual(await pool.extractFile('gone.ts', path.join(dir, 'gone.ts'), 1 << 20), { skip: 'unreadable' });
    } finally {
      await pool.dispose();
    }
  });

  it('answers an unsupported file without a worker, and stops on abort and after dispose', async () => {
    const pool = new ExtractorPool({ size: 1 });
    assert.deepEqual(await pool.extract('README.md', '# title'), []);
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(pool.extract('a.ts', 'function f() {}', aborted.signal), CancelledError);
    const later = new AbortController();
    const pending = pool.extract('b.ts', 'function g() {}', later.signal);
    later.abort();
    await assert.rejects(pending, CancelledError);
    assert.equal((await pool.extract('c.ts', 'function h() {}'))[0]!.name, 'h');
    await pool.dispose();
    await assert.rejects(pool.extract('d.ts', 'function i() {}'), /disposed/);
  });
});
