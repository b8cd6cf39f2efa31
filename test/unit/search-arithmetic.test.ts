import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArithmetic } from '../../src/core/search';

describe('parseArithmetic (the search box\'s concept arithmetic)', () => {
  it('reads `parseJson - json + yaml` as terms added and taken away, in the order typed', () => {
    assert.deepEqual(parseArithmetic('parseJson - json + yaml'), { plus: ['parseJson', 'yaml'], minus: ['json'] });
  });

  it('takes several words as one term and trims them', () => {
    assert.deepEqual(parseArithmetic('  read a file  -  file +  network socket '), { plus: ['read a file', 'network socket'], minus: ['file'] });
  });

  it('accepts Container.member names and any number of terms', () => {
    assert.deepEqual(parseArithmetic('Cache.get + set - read - write'), { plus: ['Cache.get', 'set'], minus: ['read', 'write'] });
  });

  it('leaves an ordinary query alone: hyphens and signs inside words are not operators', () => {
    for (const query of ['kebab-case a string', 'a+b', 'round -1 to zero', 'parse json', 'x-y + ']) {
      assert.equal(parseArithmetic(query), undefined, query);
    }
  });

  it('waits for a term being typed or missing: a trailing operator or nothing added is an ordinary query', () => {
    assert.equal(parseArithmetic('parseJson - '), undefined);
    assert.equal(parseArithmetic('parseJson -  + yaml'), undefined);
    assert.equal(parseArithmetic(' - json + yaml'), undefined);
  });
});
