import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmbedder } from '../../src/core/embed';
import type { Embedder } from '../../src/core/embed/types';
import { DEFAULT_SEARCH, SearchIndex, topK } from '../../src/core/search';
import { VectorStore } from '../../src/core/vectors';
import { asksYesOrNo, isPredicateSymbol } from '../../src/core/search/intent';
import { isEntrySymbol, isPrivateSymbol, type SearchOptions } from '../../src/core/search/searchIndex';
import { embeddingText } from '../../src/core/text';
import type { ExtractedSymbol, IndexedSymbol } from '../../src/core/types';

// A small codebase as its extracted symbols: a few themes, one pair of
// functions that do the same thing under different names (removeDuplicates /
// uniqueValues), and names that share a first word without sharing a meaning.
const FIXTURE: ReadonlyArray<Omit<ExtractedSymbol, 'kind' | 'line' | 'endLine'> & { file: string }> = [
  { file: 'src/list.ts', name: 'removeDuplicates', container: '', params: ['items'], comment: 'Returns the items with every repeated entry dropped, keeping first occurrences.' },
  { file: 'src/list.ts', name: 'removeAt', container: '', params: ['items', 'index'], comment: 'Deletes the element at a position.' },
  { file: 'src/list.ts', name: 'removeWhere', container: '', params: ['items', 'predicate'], comment: 'Deletes every element the predicate accepts.' },
  { file: 'src/list.ts', name: 'chunk', container: '', params: ['items', 'size'], comment: 'Splits a list into groups of at most size elements.' },
  { file: 'src/list.ts', name: 'shuffle', container: '', params: ['items'], comment: 'Puts the elements in a random order.' },
  { file: 'lib/sets.js', name: 'uniqueValues', container: '', params: ['values'], comment: 'Gives back the values with repeated entries left out, first occurrence wins.' },
  { file: 'src/net/http.ts', name: 'parseHttpResponse', container: 'HttpClient', params: ['raw'], comment: 'Reads the status line, headers and body of a response.' },
  { file: 'src/net/http.ts', name: 'fetchWithRetry', container: 'HttpClient', params: ['url', 'attempts'], comment: 'Requests a URL again after a failure, waiting longer each time.' },
  { file: 'src/timing.ts', name: 'debounce', container: '', params: ['fn', 'wait'], comment: 'Delays calling fn until wait milliseconds have passed since the last call.' },
  { file: 'src/timing.ts', name: 'sleep', container: '', params: ['ms'], comment: 'Resolves after the given number of milliseconds.' },
  { file: 'src/io/files.ts', name: 'readJsonFile', container: '', params: ['path'], comment: 'Loads a file from disk and decodes its JSON content.' },
  { file: 'src/io/files.ts', name: 'writeFileAtomic', container: '', params: ['path', 'data'], comment: 'Saves data to a temporary file and renames it into place.' },
  { file: 'src/ui/button.ts', name: 'drawButton', container: 'Toolbar', params: ['ctx', 'label'], comment: 'Paints a clickable button with its label on the canvas.' },
  { file: 'src/math.ts', name: 'clamp', container: '', params: ['value', 'min', 'max'], comment: 'Limits a number to the range between min and max.' },
  { file: 'src/math.ts', name: 'average', container: '', params: ['numbers'], comment: 'The arithmetic mean of the numbers.' },
  { file: 'src/strings.ts', name: 'toCamelCase', container: '', params: ['text'], comment: 'Converts words separated by spaces, dashes or underscores to camelCase.' },
];

const symbols: IndexedSymbol[] = FIXTURE.map((s, i) => {
  const extracted: ExtractedSymbol = { ...s, kind: 'function', line: i + 1, endLine: i + 1 };
  return { ...extracted, file: s.file, id: `${s.file}#${s.name}`, text: embeddingText(extracted) };
});
const position = (name: string) => symbols.findIndex((s) => s.name === name);

let embedder: Embedder;
let index: SearchIndex;

before(async () => {
  embedder = await createEmbedder({ model: 'builtin', allowRemote: false });
  index = new SearchIndex(symbols, VectorStore.fromPacked(await embedder.embed(symbols.map((s) => s.text)), embedder.dimensions));
  index.setWordVectors(await embedder.embed(index.vocabulary));
});
after(() => embedder?.dispose());

async function search(query: string, k = 5) {
  return index.search(query, await embedder.embed([query]), k);
}

test('a query that spells a name finds that symbol first, in any naming convention', async () => {
  for (const query of ['parseHttpResponse', 'parse http response', 'parse_http_response', 'ParseHTTPResponse']) {
    assert.equal((await search(query))[0]?.name, 'parseHttpResponse', query);
  }
});

test('word matching alone ranks the symbol whose name holds the query words first', () => {
  const hits = index.lexicalHits('retry a fetch', 3);
  assert.equal(symbols[hits[0]!.index]!.name, 'fetchWithRetry');
  assert.ok(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score));
});

test('a query word no symbol uses is widened to the index words nearest it in meaning, numbers and vague words are not', async () => {
  const widen = async (query: string) => index.lexicalHits(query, 5, await embedder.embed(SearchIndex.queryWords(query)));
  assert.deepEqual(index.lexicalHits('web', 5), []);
  const web = await widen('web');
  assert.equal(symbols[web[0]!.index]!.name, 'fetchWithRetry', web.map((h) => symbols[h.index]!.name).join(', '));
  // A word typed counts in full even when widening another word reaches it first.
  const ranks = (hits: readonly { index: number; score: number }[]) => hits.map((h) => `${symbols[h.index]!.name} ${h.score.toFixed(6)}`);
  assert.deepEqual(ranks(await widen('web url')), ranks(await widen('url web')));
  assert.deepEqual(await widen('several'), []);
  assert.deepEqual(await widen('1234'), []);
});

test('hybrid search puts the described function first for paraphrased questions', async () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['drop repeated entries from a list', 'removeDuplicates'],
    ['wait until calls stop before running the function', 'debounce'],
    ['load json from a file on disk', 'readJsonFile'],
    ['keep a number between a lower and upper limit', 'clamp'],
    ['put the elements in random order', 'shuffle'],
    ['paint a button on the canvas', 'drawButton'],
  ];
  for (const [query, expected] of cases) {
    const results = await search(query);
    assert.equal(results[0]?.name, expected, `${query} -> ${results.map((r) => r.name).join(', ')}`);
  }
});

test('search scores are between 0 and 1 and best first', async () => {
  const results = await search('split a list into groups', 10);
  assert.ok(results.length > 0);
  for (const [i, r] of results.entries()) {
    assert.ok(r.score >= 0 && r.score <= 1, `${r.name} ${r.score}`);
    if (i > 0) assert.ok(r.score <= results[i - 1]!.score);
  }
});

test('a symbol named after its file, or after its folder in an index file, is the file\'s entry symbol', () => {
  assert.ok(isEntrySymbol({ name: 'debounce', file: 'src/debounce.ts' }));
  assert.ok(isEntrySymbol({ name: 'isEmail', file: 'lib/is-email.js' }));
  assert.ok(isEntrySymbol({ name: 'addDays', file: 'addDays/index.js' }));
  assert.ok(isEntrySymbol({ name: 'Parser', file: 'parser/__init__.py' }));
  assert.ok(!isEntrySymbol({ name: 'remainingWait', file: 'src/debounce.ts' }));
  assert.ok(!isEntrySymbol({ name: 'index', file: 'src/index.ts' }));
});

/**
 * The same shuffle function twice, at two places (name, file), the first
 * listed first so that a tie would keep it first: which one does a search
 * for it put first, with the shipped options and with `options`?
 */
async function firstOfTwins(places: readonly (readonly [name: string, file: string])[], options: Partial<SearchOptions>): Promise<[shipped: string, changed: string]> {
  const twins = places.map(([name, file], i) => {
    const extracted: ExtractedSymbol = { name, kind: 'function', container: '', params: ['items'], comment: 'Puts the elements in a random order.', line: i + 1, endLine: i + 1 };
    return { ...extracted, file, id: `${file}#${name}`, text: embeddingText({ ...extracted, name: 'shuffle' }) };
  });
  const query = 'put items in random order';
  const vectors = await embedder.embed(twins.map((s) => s.text));
  const queryVector = await embedder.embed([query]);
  const first = (o: Partial<SearchOptions>) => new SearchIndex(twins, VectorStore.fromPacked(vectors, embedder.dimensions), o).search(query, queryVector, 2)[0]!.id;
  return [first({}), first(options)];
}

test('between symbols of one file that words and meaning rank alike, the function the file is named after comes before its helpers', async () => {
  const places = [['fisherYates', 'src/shuffle.ts'], ['shuffle', 'src/shuffle.ts']] as const;
  assert.deepEqual(await firstOfTwins(places, { entryPrior: 0 }), ['src/shuffle.ts#shuffle', 'src/shuffle.ts#fisherYates']);
});

test('how files are laid out lifts no symbol over another file\'s: a namesake function and a class method that rank alike keep their order', async () => {
  // A function in a file of its own and a method in a class's file, the method listed first.
  const make = (name: string, container: string, file: string, line: number): IndexedSymbol => {
    const extracted: ExtractedSymbol = { name, kind: container ? 'method' : 'function', container, params: ['items'], comment: 'Puts the elements in a random order.', line, endLine: line };
    return { ...extracted, file, id: `${file}#${container ? `${container}.` : ''}${name}`, text: embeddingText({ ...extracted, container: '' }) };
  };
  const list = [make('Deck', '', 'src/deck.ts', 1), make('shuffle', 'Deck', 'src/deck.ts', 2), make('shuffle', '', 'src/shuffle.ts', 1)];
  list[0] = { ...list[0]!, kind: 'class', comment: 'A pack of playing cards.', text: embeddingText({ ...list[0]!, comment: 'A pack of playing cards.' }) };
  const query = 'put items in random order';
  const vectors = await embedder.embed(list.map((s) => s.text));
  const found = new SearchIndex(list, VectorStore.fromPacked(vectors, embedder.dimensions)).search(query, await embedder.embed([query]), 3);
  assert.deepEqual(found.slice(0, 2).map((r) => r.id), ['src/deck.ts#Deck.shuffle', 'src/shuffle.ts#shuffle']);
  assert.equal(found[0]!.score, found[1]!.score);
});

test('a private symbol goes after a public one that words and meaning rank alike', async () => {
  const places = [['_shuffle', 'src/random.ts'], ['shuffle', 'src/random.ts']] as const;
  assert.deepEqual(await firstOfTwins(places, { privatePenalty: 0 }), ['src/random.ts#shuffle', 'src/random.ts#_shuffle']);
});

test('a helper its module does not export goes after an exported function that words and meaning rank alike', async () => {
  const exported: ExtractedSymbol = { name: 'shuffle', kind: 'function', container: '', params: ['items'], comment: 'Puts the elements in a random order.', line: 1, endLine: 1 };
  // The helper is listed first, so that a tie would keep it first.
  const twins = [
    { ...exported, internal: true as const, file: 'src/deck.ts', id: 'src/deck.ts#shuffle' },
    { ...exported, file: 'src/random.ts', id: 'src/random.ts#shuffle' },
  ].map((s) => ({ ...s, text: embeddingText(s) }));
  const query = 'put items in random order';
  const vectors = await embedder.embed(twins.map((s) => s.text));
  const queryVector = await embedder.embed([query]);
  const first = (o: Partial<SearchOptions>) => new SearchIndex(twins, VectorStore.fromPacked(vectors, embedder.dimensions), o).search(query, queryVector, 2)[0]!.id;
  assert.equal(first({ privatePenalty: 0 }), 'src/deck.ts#shuffle');
  assert.equal(first({}), 'src/random.ts#shuffle');
});

test('private symbols are those named with _ or #, or in a file named with _, but not Python special methods', () => {
  assert.ok(isPrivateSymbol({ name: '_parseOptionsEnv', file: 'lib/command.js' }));
  assert.ok(isPrivateSymbol({ name: '#state', file: 'src/cache.ts' }));
  assert.ok(isPrivateSymbol({ name: 'baseFlatten', file: '_baseFlatten.js' }));
  assert.ok(isPrivateSymbol({ name: 'helper', file: 'pkg/_internal.py' }));
  assert.ok(!isPrivateSymbol({ name: '__init__', file: 'pkg/model.py' }));
  assert.ok(!isPrivateSymbol({ name: 'greet', file: 'pkg/__init__.py' }));
  assert.ok(!isPrivateSymbol({ name: 'main', file: 'pkg/__main__.py' }));
  assert.ok(!isPrivateSymbol({ name: '_', file: 'underscore.js' }));
  assert.ok(!isPrivateSymbol({ name: 'flatten', file: 'lodash/flatten.js' }));
  assert.ok(!isPrivateSymbol({ name: 'map', file: 'src/internal/operators/map.ts' }));
  assert.ok(isPrivateSymbol({ name: 'helper', file: 'lib/api.js', internal: true }));
});

test('similar never returns the symbol itself and finds its renamed twin before name-alikes', () => {
  const target = position('removeDuplicates');
  const results = index.similar(target, 5);
  assert.ok(results.every((r) => r.id !== symbols[target]!.id));
  const twin = results.findIndex((r) => r.name === 'uniqueValues');
  const alikes = results.map((r, i) => (r.name.startsWith('remove') ? i : Infinity));
  assert.ok(twin >= 0 && twin < Math.min(...alikes), results.map((r) => r.name).join(', '));
});

test('similar puts a public twin before a private helper that is just as alike', async () => {
  const make = (name: string, file: string, line: number): IndexedSymbol => {
    const extracted: ExtractedSymbol = { name, kind: 'function', container: '', params: ['items'], comment: 'Returns the items without repeats, first occurrence kept.', line, endLine: line };
    return { ...extracted, file, id: `${file}#${name}`, text: embeddingText({ ...extracted, name: name.replace(/^_/, '') }) };
  };
  // The private copy comes first, so that a tie would keep it first.
  const list = [make('removeDuplicates', 'src/dedupe.ts', 1), make('_uniqueValues', 'src/helpers.ts', 1), make('uniqueValues', 'src/unique.ts', 1)];
  const vectors = await embedder.embed(list.map((s) => s.text));
  assert.deepEqual(new SearchIndex(list, VectorStore.fromPacked(vectors, embedder.dimensions)).similar(0, 2).map((r) => r.name), ['uniqueValues', '_uniqueValues']);
  assert.deepEqual(new SearchIndex(list, VectorStore.fromPacked(vectors, embedder.dimensions), { entryPrior: 0, privatePenalty: 0 }).similar(0, 2).map((r) => r.name), ['_uniqueValues', 'uniqueValues']);
});

test('similar shows the score it ranked by, best first, as a share of what the symbol itself scores', () => {
  // Issue 17: shown as cosines, a list ranked by the fused score read 0.87, 0.91, 0.87.
  for (let target = 0; target < symbols.length; target++) {
    const results = index.similar(target, 10);
    const scores = results.map((r) => r.score);
    assert.ok(scores.every((s, i) => s > 0 && s <= 1 && (i === 0 || s <= scores[i - 1]!)), `${symbols[target]!.name}: ${scores.join(', ')}`);
    // The same ranking at any length: a shorter list is the start of a longer one.
    assert.deepEqual(index.similar(target, 3).map((r) => r.id), results.slice(0, 3).map((r) => r.id));
  }
  const sleep = index.similar(position('sleep'), 5);
  assert.ok(sleep.length > 0 && sleep[0]!.score < 0.999, 'the first result is not 1.00 by construction');
});

test('nearest ranks by cosine similarity and can leave one symbol out', async () => {
  const vector = await embedder.embed(['timing and delays']);
  const results = index.nearest(vector, symbols.length, position('sleep'));
  assert.equal(results.length, symbols.length - 1);
  assert.ok(results.every((r) => r.name !== 'sleep'));
  assert.ok(results.every((r, i) => i === 0 || r.score <= results[i - 1]!.score));
});

test('topK returns the k best scores, best first, ties by position', () => {
  const scores = Float64Array.from([0.1, 0.9, 0.5, 0.9, 0.3]);
  assert.deepEqual(topK(scores, 3).map((h) => h.index), [1, 3, 2]);
  assert.deepEqual(topK(scores, 10, 1).map((h) => h.index), [3, 2, 4, 0]);
  assert.deepEqual(topK(scores, 0), []);
});

test('an index over no symbols answers every question with nothing', () => {
  const empty = new SearchIndex([], VectorStore.fromPacked(new Float32Array(0), embedder.dimensions));
  assert.deepEqual(empty.search('anything', new Float32Array(embedder.dimensions), 5), []);
  assert.deepEqual(empty.nearest(new Float32Array(embedder.dimensions), 5), []);
});

test('a yes-or-no question puts a function that answers yes or no before one that does not', async () => {
  const make = (name: string, comment: string, line: number): IndexedSymbol => {
    const extracted: ExtractedSymbol = { name, kind: 'function', container: '', params: ['date'], comment, line, endLine: line };
    return { ...extracted, file: 'src/dates.ts', id: `src/dates.ts#${name}`, text: embeddingText(extracted) };
  };
  // Words favour weekendAfter (it holds both `date` and `weekend` twice).
  const list = [make('weekendAfter', 'The weekend that follows a date.', 1), make('isWeekend', 'True for a Saturday or a Sunday.', 2)];
  const vectors = await embedder.embed(list.map((s) => s.text));
  const ranked = async (query: string, o: Partial<SearchOptions> = {}) =>
    new SearchIndex(list, VectorStore.fromPacked(vectors, embedder.dimensions), o).search(query, await embedder.embed([query]), 2);
  const question = 'is the date on a weekend';
  assert.equal((await ranked(question, { questionPrior: 0 }))[0]!.name, 'weekendAfter');
  assert.equal((await ranked(question, { questionPrior: 1 }))[0]!.name, 'isWeekend');
  assert.equal((await ranked('check whether the date is on a weekend', { questionPrior: 1 }))[0]!.name, 'isWeekend');
  // The shipped prior scales the other one's score, as the entry prior does.
  const off = await ranked(question, { questionPrior: 0 });
  const on = await ranked(question);
  const score = (r: typeof on, name: string) => r.find((x) => x.name === name)!.score;
  assert.equal(score(on, 'isWeekend'), score(off, 'isWeekend'));
  assert.ok(Math.abs(score(on, 'weekendAfter') - score(off, 'weekendAfter') / (1 + DEFAULT_SEARCH.questionPrior)) < 1e-3);
  // Not a question: the prior stays out of it.
  assert.deepEqual(await ranked('the weekend after a date', { questionPrior: 1 }), await ranked('the weekend after a date', { questionPrior: 0 }));
});

test('questions are told from requests by how they open', () => {
  for (const q of ['is the string an email', 'Does the list contain it', 'are two dates the same day', 'check whether a port is free', 'test if a value is null', 'empty array?', 'whether a file exists',
    'is there at least one item that passes the test'])
    assert.ok(asksYesOrNo(q), q);
  for (const q of ['remove duplicates from a list', 'do not call process.exit', 'isolate the first word', 'issue a request', 'check a json web token', 'has',
    'how do I debounce a function?', 'which week of the year is it?', 'can I cancel a request', 'do we retry failed uploads', 'is there a function that flattens arrays', 'are there helpers for dates'])
    assert.equal(asksYesOrNo(q), false, q);
});

test('a function answers yes or no when its name or its comment says so, a class never does', () => {
  const f = (name: string, comment = '', kind: ExtractedSymbol['kind'] = 'function') => isPredicateSymbol({ name, comment, kind });
  for (const name of ['isEmpty', 'is_empty', 'hasOwnKey', 'canRead', 'shouldRetry', 'containsKey', 'equalsIgnoreCase', 'every', 'some', 'empty?', 'IsZero'])
    assert.ok(f(name), name);
  assert.ok(f('overlaps', 'Checks whether two ranges share a moment.'));
  assert.ok(f('disjoint', 'Returns true if the sets share no element.'));
  assert.ok(f('leapYear', 'Is the given year a leap year?'));
  assert.ok(f('valid', '@returns {boolean} Whether it parsed.'));
  for (const name of ['isolate', 'issue', 'hash', 'canvas', 'equalizer', 'shuffle', 'getValue', 'island'])
    assert.equal(f(name), false, name);
  assert.ok(f('readable', 'Tests whether the stream can be read.'));
  assert.ok(f('accepted', 'Returns whether the request was accepted.'));
  assert.ok(f('ready', 'Checks the connection.\n@returns {boolean} True once open.'));
  assert.ok(f('match', 'Matches a pattern.\nReturns `true` if it matched.'));
  assert.equal(f('shuffle', 'Puts the elements in a random order.'), false);
  // Advice further down a comment says nothing of what the function returns.
  assert.equal(f('parse', 'Reads a config file.\nCheck whether the file exists first.'), false);
  assert.equal(f('check', 'Check the input, then throw on the first error.'), false);
  assert.equal(f('IsEmptyChecker', 'Checks if collections are empty.', 'class'), false);
});
