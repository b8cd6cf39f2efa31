import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentProse, embeddingText, MAX_EMBEDDING_WORDS, splitIdentifier, tokenize } from '../../src/core/text';

const SPLITS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['parseHTTPResponse2', ['parse', 'http', 'response', '2']],
  ['HTTPServer', ['http', 'server']],
  ['camelCase', ['camel', 'case']],
  ['PascalCase', ['pascal', 'case']],
  ['snake_case_name', ['snake', 'case', 'name']],
  ['kebab-case-name', ['kebab', 'case', 'name']],
  ['SCREAMING_CASE', ['screaming', 'case']],
  ['MAX_RETRY_COUNT2', ['max', 'retry', 'count', '2']],
  ['XMLHttpRequest', ['xml', 'http', 'request']],
  ['getURLs', ['get', 'urls']],
  ['getIDsForUser', ['get', 'ids', 'for', 'user']],
  // A version letter stays with its acronym, as "ipv4" is typed and written in prose.
  ['IPv4Address', ['ipv', '4', 'address']],
  ['isIPv6', ['is', 'ipv', '6']],
  ['HTTPv2Client', ['httpv', '2', 'client']],
  ['IsA', ['is', 'a']],
  ['OAuthToken', ['o', 'auth', 'token']],
  ['utf8Decode', ['utf', '8', 'decode']],
  ['x1y2', ['x', '1', 'y', '2']],
  ['$scope', ['scope']],
  ['_privateThing', ['private', 'thing']],
  ['__init__', ['init']],
  ['ÜberClass', ['über', 'class']],
  ['naïveBayes', ['naïve', 'bayes']],
  ['日本語Name', ['日本語', 'name']],
  ['a', ['a']],
  ['', []],
  ['___', []],
];

for (const [name, words] of SPLITS) {
  test(`splitIdentifier splits ${JSON.stringify(name)} into ${JSON.stringify(words)}`, () => {
    assert.deepEqual(splitIdentifier(name), words);
  });
}

test('splitIdentifier keeps at most 16 words of a very long generated name', () => {
  const name = Array.from({ length: 100 }, (_, i) => `part${i}`).join('_');
  assert.equal(splitIdentifier(name).length, 16);
});

test('tokenize splits identifiers, drops stop words and stems words to a shared form', () => {
  assert.deepEqual(tokenize('Remove the duplicates from parseHTTPResponse'), tokenize('removing duplicate parse http responses'));
  assert.ok(!tokenize('the and of a').length);
});

test('tokenize gives Latin plurals common in code the stem of their singular', () => {
  assert.deepEqual(tokenize('indices matrices vertices children'), tokenize('index matrix vertex child'));
});

test('tokenize stems constructor like any other word, not as a member of Object.prototype', () => {
  assert.deepEqual(tokenize('constructor constructors'), ['constructor', 'constructor']);
});

test('tokenize gives British spellings the stem of the spelling code uses', () => {
  assert.deepEqual(tokenize('normalise the colour of unrecognised tokens'), tokenize('normalize the color of unrecognized tokens'));
  assert.deepEqual(tokenize('deserialise, tokenise, memoised'), tokenize('deserialize, tokenize, memoized'));
  assert.deepEqual(tokenize('premise precise'), ['premis', 'precis']);
});

test('tokenize keeps words that name things in code such as first, last, every and not', () => {
  assert.deepEqual(tokenize('first last every some not'), ['first', 'last', 'everi', 'some', 'not']);
});

test('commentProse keeps descriptions and drops examples, types, links and bookkeeping tags', () => {
  const prose = commentProse(
    [
      'Creates a duplicate-free version of an array, using',
      '[`SameValueZero`](http://ecma-international.org/ecma-262/7.0/#sec-samevaluezero)',
      'for equality comparisons. See {@link uniqBy} and <b>https://lodash.com</b>.',
      '',
      '@since 0.1.0',
      '@category Array',
      '@param {Array} array The array to inspect.',
      '@returns {Array} Returns the new duplicate free array.',
      '@example',
      '',
      '_.uniq([2, 1, 2]);',
      '// => [2, 1]',
      '```js',
      'uniq(x)',
      '```',
    ].join('\n'),
  );
  assert.equal(
    prose,
    'Creates a duplicate-free version of an array, using SameValueZero for equality comparisons. See uniqBy and . array The array to inspect. Returns the new duplicate free array.',
  );
});

test('commentProse drops dox-style @api visibility tags', () => {
  assert.equal(commentProse('Send a response.\n@param body\n@api public'), 'Send a response. body');
  assert.equal(commentProse('@param options\n@return\n@api private'), 'options');
});

test('commentProse drops fenced code and doctest lines but keeps inline code words', () => {
  assert.equal(commentProse('Parse `rawHeaders` quickly.\n```\nparse(x)\n```\n>>> parse(1)\nDone.'), 'Parse rawHeaders quickly. Done.');
});

test('embeddingText puts the name words first, then the container and the first two sentences of the comment', () => {
  const text = embeddingText({
    name: 'parseHTTPResponse',
    container: 'net.HttpClient',
    comment: 'Parses the raw bytes of a response. Headers are kept in order! Bodies are not decoded.\n@param rawBytes the bytes',
  });
  assert.equal(text, 'parse http response. net http client. parses the raw bytes of a response headers are kept in order');
});

test('embeddingText of a symbol without a comment is its name and container', () => {
  assert.equal(embeddingText({ name: 'toCamelCase', container: 'strings', comment: '' }), 'to camel case. strings');
});

test(`embeddingText is bounded to ${MAX_EMBEDDING_WORDS} words however long the comment is`, () => {
  const text = embeddingText({ name: 'f', container: '', comment: 'word '.repeat(5000) });
  assert.equal(text.split(/[\s.]+/).filter(Boolean).length, MAX_EMBEDDING_WORDS);
  assert.ok(text.startsWith('f. word word'));
});
