import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import {
  boundedInt,
  chooseModel,
  colourByOf,
  enabledGlobs,
  looksLikePath,
  resolveModelFolder,
  stringList,
} from '../../src/extension/settingsLogic';

const DEFAULT = 'Xenova/all-MiniLM-L6-v2';
const home = path.resolve('/home/user');
const root = path.resolve('/work/project');

describe('choosing the model from the settings', () => {
  test('a trusted workspace uses the default model by hub id and may download it', () => {
    const choice = chooseModel({ defaultValue: DEFAULT }, { trusted: true, allowDownload: true, root, home });
    assert.deepEqual(choice, { model: DEFAULT, allowRemote: true, note: undefined });
  });

  test('a trusted workspace setting wins over the user setting', () => {
    const choice = chooseModel(
      { defaultValue: DEFAULT, globalValue: 'builtin', workspaceValue: 'Xenova/bge-small-en-v1.5' },
      { trusted: true, allowDownload: true, root, home },
    );
    assert.equal(choice.model, 'Xenova/bge-small-en-v1.5');
  });

  test('an untrusted workspace cannot point the extension at a model folder', () => {
    const choice = chooseModel(
      { defaultValue: DEFAULT, workspaceValue: '/tmp/evil-model', workspaceFolderValue: './models/evil' },
      { trusted: false, allowDownload: true, root, home },
    );
    assert.equal(choice.model, DEFAULT);
    assert.equal(choice.allowRemote, false);
    assert.match(choice.note ?? '', /ignored in an untrusted workspace/);
    assert.match(choice.note ?? '', /downloads are off/);
  });

  test('an untrusted workspace still honours the user\'s own model folder', () => {
    const choice = chooseModel(
      { defaultValue: DEFAULT, globalValue: '~/models/mini', workspaceValue: 'builtin' },
      { trusted: false, allowDownload: true, root, home },
    );
    assert.equal(choice.model, path.join(home, 'models/mini'));
    assert.equal(choice.allowRemote, false);
  });

  test('nothing is downloaded when the user turned downloads off', () => {
    const choice = chooseModel({ defaultValue: DEFAULT }, { trusted: true, allowDownload: false, root, home });
    assert.equal(choice.allowRemote, false);
  });

  test('"builtin" is recognised in any letter case and an empty setting means built-in', () => {
    assert.equal(chooseModel({ globalValue: 'BuiltIn' }, { trusted: true, allowDownload: true }).model, 'builtin');
    assert.equal(chooseModel({ globalValue: '  ' }, { trusted: true, allowDownload: true }).model, 'builtin');
    assert.equal(chooseModel(undefined, { trusted: true, allowDownload: true }).model, 'builtin');
  });

  test('a relative folder in a trusted workspace setting is relative to the workspace folder', () => {
    const choice = chooseModel({ workspaceValue: './models/mini' }, { trusted: true, allowDownload: true, root, home });
    assert.equal(choice.model, path.join(root, 'models/mini'));
  });
});

describe('model paths', () => {
  test('hub ids are not paths, folders are', () => {
    assert.equal(looksLikePath('Xenova/all-MiniLM-L6-v2'), false);
    assert.equal(looksLikePath('builtin'), false);
    assert.equal(looksLikePath('/opt/models/x'), true);
    assert.equal(looksLikePath('~/models/x'), true);
    assert.equal(looksLikePath('./x'), true);
    assert.equal(looksLikePath('C:\\models\\x'), true);
  });

  test('a relative folder from user settings resolves against the home folder', () => {
    assert.equal(resolveModelFolder('../m', undefined, home), path.resolve(home, '../m'));
    assert.equal(resolveModelFolder('~', undefined, home), home);
  });
});

describe('exclusions and limits', () => {
  test('only globs switched on in files.exclude or search.exclude are used', () => {
    assert.deepEqual(
      enabledGlobs({ '**/node_modules': true, '**/.git': false, '**/*.js': { when: '$(basename).ts' }, '': true }),
      ['**/node_modules'],
    );
    assert.deepEqual(enabledGlobs(null), []);
    assert.deepEqual(enabledGlobs('**/x'), []);
  });

  test('a list setting keeps only its strings', () => {
    assert.deepEqual(stringList(['src/**', 3, null, '', 'lib/**']), ['src/**', 'lib/**']);
    assert.deepEqual(stringList('src/**'), []);
  });

  test('numbers are rounded into their range and garbage gives the default', () => {
    assert.equal(boundedInt(12.6, 1, 50, 10), 13);
    assert.equal(boundedInt(-5, 1, 50, 10), 1);
    assert.equal(boundedInt(1e9, 1, 50, 10), 50);
    assert.equal(boundedInt('7', 1, 50, 10), 10);
    assert.equal(boundedInt(Number.NaN, 1, 50, 10), 10);
  });

  test('an unknown colouring falls back to folder', () => {
    assert.equal(colourByOf('kind'), 'kind');
    assert.equal(colourByOf('rainbow'), 'folder');
  });
});
