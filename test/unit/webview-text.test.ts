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
