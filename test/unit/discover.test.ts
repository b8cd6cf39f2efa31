import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { admitFile, decode, discover, readSource } from '../../src/core/discover';

const isSource = (file: string): boolean => /\.(ts|js|py)$/.test(file);

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lm-discover-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('discover', () => {
  it('finds source files in a stable order and counts everything it leaves out by reason', async () => {
    const root = tree({
      'src/b.ts': 'export function b() {}',
      'src/a.ts': 'export function a() {}',
      'README.md': '# readme',
      'node_modules/dep/index.js': 'module.exports = 1',
      'dist/out.js': 'x',
      'lib/app.min.js': 'x',
      'gen/api.generated.ts': 'x',
    });
    const result = await discover({ root, isSource });
    assert.deepEqual(result.files.map((f) => f.path), ['src/a.ts', 'src/b.ts']);
    assert.equal(result.skipped.unsupported, 1);
    assert.equal(result.skipped.excluded, 2, 'node_modules and dist are pruned');
    assert.equal(result.skipped.minified, 1);
    assert.equal(result.skipped.generated, 1);
    assert.equal(result.capped, false);
  });

  it('honours nested .gitignore files relative to their own folder', async () => {
    const root = tree({
      '.gitignore': 'secret.ts\n',
      'keep.ts': '',
      'secret.ts': '',
      'pkg/.gitignore': 'local/\n*.py\n',
      'pkg/local/x.ts': '',
      'pkg/tool.py': '',
      'pkg/main.ts': '',
      'other/tool.py': '',
    });
    const result = await discover({ root, isSource });
    assert.deepEqual(result.files.map((f) => f.path), ['keep.ts', 'other/tool.py', 'pkg/main.ts']);
    assert.equal(result.skipped.ignored, 3);
  });

  it('applies user include and exclude globs', async () => {
    const root = tree({ 'src/a.ts': '', 'src/a.test.ts': '', 'scripts/b.js': '' });
    const result = await discover({ root, isSource, include: ['src/'], exclude: ['*.test.ts'] });
    assert.deepEqual(result.files.map((f) => f.path), ['src/a.ts']);
    assert.equal(result.skipped.excluded, 2);
  });

  it('leaves out files over the size cap and stops at the file cap, saying so', async () => {
    const root = tree({ 'a.ts': 'x'.repeat(100), 'b.ts': '', 'c.ts': '', 'd.ts': '' });
    const result = await discover({ root, isSource, maxFileSize: 50, maxFiles: 2 });
    assert.deepEqual(result.files.map((f) => f.path), ['b.ts', 'c.ts']);
    assert.equal(result.skipped.tooLarge, 1);
    assert.equal(result.skipped.fileCap, 1);
    assert.equal(result.capped, true);
  });

  it('does not follow symbolic links, so a link loop cannot hang it', async () => {
    const root = tree({ 'src/a.ts': '' });
    symlinkSync(root, path.join(root, 'src', 'loop'));
    const result = await discover({ root, isSource });
    assert.deepEqual(result.files.map((f) => f.path), ['src/a.ts']);
    assert.equal(result.skipped.symlink, 1);
  });

  it('rejects a path that is not a folder', async () => {
    const root = tree({ 'a.ts': '' });
    await assert.rejects(discover({ root: path.join(root, 'a.ts'), isSource }), /not a folder/);
  });

  it('stops when cancelled', async () => {
    const root = tree({ 'a.ts': '' });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(discover({ root, isSource, signal: controller.signal }), { name: 'CancelledError' });
  });
});

describe('admitFile', () => {
  it('applies the rules of a full walk to a single file', async () => {
    const root = tree({
      '.gitignore': 'secret.ts\n',
      'pkg/.gitignore': 'local/\n',
      'pkg/local/x.ts': '',
      'pkg/main.ts': '',
      'secret.ts': '',
      'node_modules/dep/a.js': '',
      'src/a.test.ts': '',
      'src/big.ts': 'x'.repeat(100),
      'src/app.min.js': '',
      'notes.md': '',
    });
    const options = { root, isSource, exclude: ['*.test.ts'], maxFileSize: 50 };
    const walk = await discover(options);
    assert.deepEqual(walk.files.map((f) => f.path), ['pkg/main.ts']);
    assert.equal(await admitFile(options, 'pkg/main.ts'), undefined);
    assert.equal(await admitFile(options, 'pkg/local/x.ts'), 'ignored');
    assert.equal(await admitFile(options, 'secret.ts'), 'ignored');
    assert.equal(await admitFile(options, 'node_modules/dep/a.js'), 'excluded');
    assert.equal(await admitFile(options, 'src/a.test.ts'), 'excluded');
    assert.equal(await admitFile(options, 'src/big.ts'), 'tooLarge');
    assert.equal(await admitFile(options, 'src/app.min.js'), 'minified');
    assert.equal(await admitFile(options, 'notes.md'), 'unsupported');
    assert.equal(await admitFile(options, 'gone.ts'), 'unreadable');
  });
});

describe('readSource', () => {
  it('decodes UTF-8 with a BOM, UTF-16 with a BOM and keeps invalid UTF-8 as replacement characters', async () => {
    assert.equal(decode(Buffer.from('\ufefffunction f() {}', 'utf8')), 'function f() {}');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('def g(): pass', 'utf16le')]);
    assert.equal(decode(utf16), 'def g(): pass');
    assert.equal(decode(Buffer.from([0x61, 0xff, 0x62])), 'a\ufffdb');
  });

  it('skips binary, minified, generated, missing and oversized files with a reason', async () => {
    const root = tree({
      'bin.ts': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'min.js': `${'function a(b,c){return b+c};var d=a(1,2);'.repeat(300)}`,
      'gen.go': '// Code generated by protoc. DO NOT EDIT.\npackage x\n',
      'big.ts': 'x'.repeat(2000),
      'ok.ts': 'export const ok = 1;\r\n',
      'long-name.ts': `/** A hand-written file with one very long name. */\nexport function ${'a'.repeat(10_000)}() {}\nexport function shortNeighbour() {}\n`,
    });
    assert.deepEqual(await readSource(path.join(root, 'bin.ts'), 1e6), { skip: 'binary' });
    assert.deepEqual(await readSource(path.join(root, 'min.js'), 1e6), { skip: 'minified' });
    assert.deepEqual(await readSource(path.join(root, 'gen.go'), 1e6), { skip: 'generated' });
    assert.deepEqual(await readSource(path.join(root, 'big.ts'), 1000), { skip: 'tooLarge' });
    assert.deepEqual(await readSource(path.join(root, 'gone.ts'), 1e6), { skip: 'unreadable' });
    assert.deepEqual(await readSource(path.join(root, 'ok.ts'), 1e6), { text: 'export const ok = 1;\r\n' });
    assert.ok('text' in (await readSource(path.join(root, 'long-name.ts'), 1e6)), 'a long identifier is not minification');
  });
});
