import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayName, firstLine, location, revealInvisible, truncate, truncateStart } from '../../webview/text';

test('names cannot hide behind invisible or direction-changing characters', () => {
  assert.equal(revealInvisible('admin\u202Etxt.exe'), 'admin\\u202etxt.exe');
  assert.equal(revealInvisible('a\u200Bb'), 'a\\u200bb');
  assert.equal(displayName(''), '(anonymous)');
  assert.equal(displayName('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>', 'shown as text, not changed');
});

test('long text is shortened without splitting an emoji', () => {
  assert.equal(displayName('x'.repeat(10_000)).length, 120);
  assert.equal(truncate('ab😀cd', 4), 'ab…');
  assert.equal(truncateStart('src/deep/folder/file.ts', 10), '…r/file.ts');
  assert.equal(location('a.ts', 3), 'a.ts:3');
});

test('the tooltip shows the first non-empty line of a comment', () => {
  assert.equal(firstLine('\n\n  Parses a URL.  \r\nMore.'), 'Parses a URL.');
  assert.equal(firstLine(''), '');
});

test('a doc summary is the first paragraph as prose: tags left out, links read as names, never cut mid-sentence', async () => {
  const { docSummary } = await import('../../webview/text');
  assert.equal(docSummary('@name endOfMonth\n@category Month Helpers'), '');
  assert.equal(
    docSummary('Creates a function that accepts `customizer` which\nis invoked to produce the value.\n\nSecond paragraph.\n@param x the value'),
    'Creates a function that accepts `customizer` which is invoked to produce the value.',
  );
  assert.equal(docSummary('See {@link parseJson} for details.'), 'See parseJson for details.');
  const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something.`).join(' ');
  const cut = docSummary(long);
  assert.ok(cut.length <= 700 && cut.endsWith('something.'), cut.slice(-40));
});
