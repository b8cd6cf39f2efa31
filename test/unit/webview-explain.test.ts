import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain, explanationLine } from '../../webview/explain';
import { spread } from '../../webview/geometry';

const symbol = (name: string, comment = '', container = '') => ({ name, container, comment });

describe('explaining a neighbour in words', () => {
  it('says which words two symbols share and which only one has, name words first', () => {
    const e = explain(symbol('cloneDeep', 'Creates a deep clone of value.'), symbol('cloneDeepWith', 'Like cloneDeep, with a customizer for the clone.'));
    assert.deepEqual(e.both, ['clone', 'deep']);
    assert.deepEqual(e.onlyOther, ['with', 'customizer']);
    assert.deepEqual(e.onlySelected, ['creates', 'value']);
    assert.equal(explanationLine(e, 'cloneDeep'), 'both: clone deep · only this one: with customizer · only cloneDeep: creates value');
  });

  it('matches a plural with its singular and ignores case, stop words and numbers', () => {
    const e = explain(symbol('getSymbols', 'The symbols of 2 files'), symbol('SymbolTable', 'A table of the file symbols'));
    assert.deepEqual(e.both, ['symbol', 'file']);
    assert.ok(!e.onlyOther.includes('the') && !e.onlySelected.includes('2'));
  });

  it('says so when two neighbours share no word: they are alike in meaning only', () => {
    assert.match(explanationLine(explain(symbol('debounce'), symbol('throttle')), 'debounce'), /^no words in common · only this one: throttle · only debounce: debounce$/);
  });
});

describe('spread (an axis over the map\'s extent)', () => {
  it('maps the lowest coordinate to one end and the highest to the other, linearly', () => {
    assert.deepEqual([...spread([-1, 0, 3], 10, 50)], [10, 20, 50]);
    assert.deepEqual([...spread([2, 1], 100, 0)], [0, 100]);
  });

  it('puts every point in the middle when the axis does not separate them', () => {
    assert.deepEqual([...spread([0.5, 0.5], 0, 10)], [5, 5]);
  });
});
