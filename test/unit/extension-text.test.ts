import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { qualifiedName, type RankedSymbol } from '../../src/core/types';
import { ChangeBatcher, type ChangeBatch } from '../../src/extension/changeBatcher';
import { isHoverableWord, isWatchedSource, SOURCE_GLOB } from '../../src/extension/languages';
import { escapeMarkdown, hoverMarkdown, openSymbolUri, similarHoverMarkdown } from '../../src/extension/markdown';
import { literalIcons } from '../../src/extension/pickText';
import { fallbackText, filesText, progressText, skippedText, symbolCount, throttleProgress, timingsText } from '../../src/extension/progressText';

describe('progress wording', () => {
  test('each phase is named the way the notification shows it', () => {
    assert.equal(progressText({ phase: 'discover' }), 'Finding files');
    assert.equal(progressText({ phase: 'extract', done: 25, total: 100 }), 'Reading symbols 25/100');
    assert.equal(
      progressText({ phase: 'download', done: 40, total: 100, message: 'Downloading Xenova/all-MiniLM-L6-v2 (onnx/model_quantized.onnx)' }),
      'Downloading Xenova/all-MiniLM-L6-v2 (onnx/model_quantized.onnx) 40 %',
    );
    assert.equal(progressText({ phase: 'download', done: 1, total: 4 }), 'Downloading model 25 %');
    assert.equal(progressText({ phase: 'embed', done: 120, total: 800 }), 'Embedding 120/800');
    assert.equal(progressText({ phase: 'project', done: 3, total: 10 }), 'Laying out 30 %');
  });

  test('the status bar count reads back as a plain number', () => {
    assert.equal(symbolCount(1), '1 symbol');
    assert.equal(symbolCount(12345), '12345 symbols');
  });

  test('the file count names the folders only when the map has several', () => {
    assert.equal(filesText({ files: 12, folders: 1 }), '12 files');
    assert.equal(filesText({ files: 1, folders: 1 }), '1 file');
    assert.equal(filesText({ files: 30, folders: 3 }), '30 files of 3 folders');
  });

  test('progress is thinned out within a phase but a new phase always passes', () => {
    let now = 0;
    const seen: string[] = [];
    const sink = throttleProgress((p) => seen.push(`${p.phase}:${p.done ?? ''}`), 100, () => now);
    sink({ phase: 'embed', done: 1, total: 10 });
    now = 10;
    sink({ phase: 'embed', done: 2, total: 10 });
    now = 150;
    sink({ phase: 'embed', done: 3, total: 10 });
    now = 160;
    sink({ phase: 'embed', done: 10, total: 10 });
    sink({ phase: 'project' });
    assert.deepEqual(seen, ['embed:1', 'embed:3', 'embed:10', 'project:']);
  });

  test('timings and skipped files are summarised for the log', () => {
    assert.equal(timingsText({ discover: 12.4, total: 100 }), 'discover 12 ms, total 100 ms');
    assert.equal(skippedText({ tooLarge: 2, binary: 0, minified: 1 }), 'tooLarge 2, minified 1');
    assert.equal(skippedText({}), 'none');
  });
});

describe('Quick Pick text', () => {
  test('a name or container with $(icon) syntax shows as typed, not as an icon', () => {
    assert.equal(literalIcons('$(sync).run'), '\\$(sync).run');
    assert.equal(literalIcons('a $(x) b $(y)'), 'a \\$(x) b \\$(y)');
    assert.equal(literalIcons('plain.name'), 'plain.name');
  });
});

describe('the editor hover', () => {
  const hostile: RankedSymbol = {
    id: 'src/x.ts#<img src=x onerror=alert(1)>',
    name: '[click](command:workbench.action.terminal.new) <script>alert(1)</script> **bold**\u202e',
    kind: 'function',
    container: '<b>Evil</b>](command:x) [',
    file: 'src/`evil`\n# heading.ts',
    line: 7,
    score: 0.876,
  };

  test('workspace text cannot add links, HTML or headings to the trusted hover', () => {
    const md = hoverMarkdown('term', [hostile]);
    // The only command link is ours; the name's own link syntax is escaped.
    const links = [...md.matchAll(/\]\((command:[^)\s]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(links, [openSymbolUri(hostile.id)]);
    assert.doesNotMatch(md, /<script>|<img/);
    assert.doesNotMatch(md, /\n# /);
    assert.doesNotMatch(md, /\u202e/);
    assert.match(md, /`0\.88`/);
  });

  test('a symbol\'s hover names it and its place, lists its similar symbols in the order given, and stays inert', () => {
    const md = similarHoverMarkdown(hostile, [{ ...hostile, id: 'a.ts#a', score: 0.9 }, { ...hostile, id: 'b.ts#b', score: 0.5 }]);
    const links = [...md.matchAll(/\]\((command:[^)\s]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(links, [openSymbolUri('a.ts#a'), openSymbolUri('b.ts#b')]);
    assert.deepEqual([...md.matchAll(/`(\d\.\d\d)`/g)].map((m) => m[1]), ['0.90', '0.50']);
    assert.match(md.split('\n')[0]!, /similar to .*:7$/);
    assert.doesNotMatch(md, /<script>|<b>|\n# /);
  });

  test('a long container loses its start, never the symbol\'s own name', () => {
    const container = 'Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions';
    const md = hoverMarkdown('services', [{ ...hostile, name: 'AddSingleton', container }]);
    assert.match(md, /\[…[^\]]*ServiceExtensions\\\.AddSingleton\]/);
    assert.equal(qualifiedName({ name: 'AddSingleton', container }, 30), '…ionServiceExtensions.AddSingleton'.slice(-30).replace(/^./, '…'));
    assert.equal(qualifiedName({ name: 'run', container: 'App' }, 30), 'App.run');
  });

  test('the open link carries the id as a JSON argument', () => {
    const uri = openSymbolUri('a.ts#f(x)');
    assert.equal(uri, 'command:latentMap.openSymbol?%5B%22a.ts%23f%28x%29%22%5D');
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), ['a.ts#f(x)']);
  });

  test('escaping leaves plain names readable and bounds long ones', () => {
    assert.equal(escapeMarkdown('parseUrl'), 'parseUrl');
    assert.equal(escapeMarkdown('a_b'), 'a\\_b');
    assert.equal(escapeMarkdown('x'.repeat(10_000), 50).length, 51);
  });

  test('keywords and short words get no hover', () => {
    assert.equal(isHoverableWord('return'), false);
    assert.equal(isHoverableWord('id'), false);
    assert.equal(isHoverableWord('42abc'), false);
    assert.equal(isHoverableWord('parseUrl'), true);
  });
});

describe('watching files', () => {
  test('source files are watched, dependencies, build output and generated files are not', () => {
    assert.equal(isWatchedSource('src/app.ts'), true);
    assert.equal(isWatchedSource('lib/util.py'), true);
    assert.equal(isWatchedSource('node_modules/x/index.js'), false);
    assert.equal(isWatchedSource('dist/extension.js'), false);
    assert.equal(isWatchedSource('src/app.min.js'), false);
    assert.equal(isWatchedSource('README.md'), false);
    assert.equal(isWatchedSource('../elsewhere.ts'), false);
    assert.match(SOURCE_GLOB, /^\*\*\/\*\{\.ts,/);
  });

  test('a burst of changes goes out as one batch once things are quiet', async () => {
    const batches: ChangeBatch[] = [];
    const batcher = new ChangeBatcher(20, (b) => batches.push(b));
    batcher.changed('a.ts');
    batcher.changed('b.ts');
    batcher.changed('a.ts');
    batcher.removed('c.ts');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(batches, [{ changed: ['a.ts', 'b.ts'], removed: ['c.ts'] }]);
  });

  test('a file deleted after it changed is removed, and one re-created is changed', () => {
    const batches: ChangeBatch[] = [];
    const batcher = new ChangeBatcher(1000, (b) => batches.push(b));
    batcher.changed('a.ts');
    batcher.removed('a.ts');
    batcher.removed('b.ts');
    batcher.changed('b.ts');
    batcher.flushNow();
    batcher.dispose();
    assert.deepEqual(batches, [{ changed: ['b.ts'], removed: ['a.ts'] }]);
  });
});

describe('the fallback notification', () => {
  test('names the model and says once that the built-in model is used', () => {
    const reason = 'Could not load model "Xenova/does-not-exist": network unreachable (getaddrinfo ENOTFOUND huggingface.co). Using the built-in model instead.';
    const text = fallbackText('Xenova/does-not-exist', reason);
    assert.equal(text.match(/built-in model/g)?.length, 1);
    assert.match(text, /^Latent Map: Could not load model "Xenova\/does-not-exist": network unreachable/);
  });

  test('adds what the reason leaves out', () => {
    assert.equal(
      fallbackText('/models/x', 'config.json is missing.'),
      'Latent Map: Could not load the model "/models/x": config.json is missing. The built-in model is used instead.',
    );
  });
});

describe('progress order', () => {
  test('a late report from an earlier phase does not send the notification backwards', () => {
    const seen: string[] = [];
    const sink = throttleProgress((p) => seen.push(p.phase), 0, () => 0);
    sink({ phase: 'discover' });
    sink({ phase: 'download', done: 10, total: 100 });
    sink({ phase: 'extract', done: 25, total: 100 });
    sink({ phase: 'download', done: 50, total: 100 });
    sink({ phase: 'embed', done: 1, total: 9 });
    sink({ phase: 'project' });
    sink({ phase: 'embed', done: 9, total: 9 });
    assert.deepEqual(seen, ['discover', 'download', 'extract', 'download', 'embed', 'project']);
  });
});
