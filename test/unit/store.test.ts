import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describeUri, inShard, normaliseUri, parseShard, storageOptions } from '../../src/core/store';
import { chooseTeamIndex } from '../../src/extension/settingsLogic';

describe('team store shards', () => {
  test('--shard i/N is parsed, and anything else is refused with the expected form', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    assert.deepEqual(parseShard(' 0 / 1 '), { index: 0, count: 1 });
    for (const bad of ['4/4', '1/0', '-1/3', 'a/b', '1', '1/2/3', '']) assert.throws(() => parseShard(bad), /--shard must be i\/N/);
  });

  test('every file lands in exactly one shard, the same one every time, and shards share the files out', () => {
    const files = Array.from({ length: 2000 }, (_, i) => `src/module${i % 37}/file${i}.ts`);
    const counts = new Array(4).fill(0);
    for (const file of files) {
      const owners = [0, 1, 2, 3].filter((index) => inShard(file, { index, count: 4 }));
      assert.equal(owners.length, 1, file);
      assert.ok(inShard(file, { index: owners[0]!, count: 4 }));
      counts[owners[0]!]++;
    }
    for (const c of counts) assert.ok(c > 400 && c < 600, `shard sizes ${counts.join(', ')}`);
  });
});

describe('team store URIs', () => {
  test('a folder is made absolute, a remote URI kept, and credentials in a URI refused', () => {
    assert.equal(normaliseUri('store', '/work'), '/work/store');
    assert.equal(normaliseUri('file:///tmp/a%20b'), '/tmp/a b');
    assert.equal(normaliseUri('s3://bucket/prefix/'), 's3://bucket/prefix');
    assert.throws(() => normaliseUri('s3://key:secret@bucket/prefix'), /credentials do not belong in the team store URI/);
    assert.throws(() => normaliseUri('ftp://host/x'), /unsupported team store URI/);
    assert.throws(() => normaliseUri('  '), /empty/);
    assert.equal(describeUri('s3://key:secret@bucket/p'), 's3://bucket/p');
  });

  test('S3 options come from the AWS environment, with plain HTTP allowed only for an http:// endpoint', () => {
    const local = storageOptions('s3://b/p', { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' });
    assert.deepEqual(local, {
      aws_endpoint: 'http://127.0.0.1:9000',
      aws_virtual_hosted_style_request: 'false',
      allow_http: 'true',
      aws_region: 'us-east-1',
      aws_access_key_id: 'id',
      aws_secret_access_key: 'secret',
    });
    const aws = storageOptions('s3://b/p', { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'https://s3.example.com' });
    assert.equal(aws.allow_http, undefined);
    assert.equal(aws.aws_region, 'eu-west-1');
    assert.deepEqual(storageOptions('/some/folder', { AWS_ACCESS_KEY_ID: 'id' }), {});
  });
});

describe('the latentMap.teamIndex setting', () => {
  const root = '/work/repo';

  test('in a trusted workspace the workspace value wins, and a relative folder is relative to the workspace folder', () => {
    assert.deepEqual(chooseTeamIndex({ globalValue: 's3://a/b', workspaceValue: 's3://c/d' }, { trusted: true, root }), { uri: 's3://c/d', note: undefined });
    assert.deepEqual(chooseTeamIndex({ workspaceFolderValue: '../store' }, { trusted: true, root }), { uri: '/work/store', note: undefined });
    assert.deepEqual(chooseTeamIndex({ defaultValue: '' }, { trusted: true, root }), { note: undefined });
  });

  test('an untrusted workspace cannot choose the store: only the user setting counts, and the log is told why', () => {
    const choice = chooseTeamIndex({ globalValue: 's3://mine/x', workspaceValue: 's3://theirs/y' }, { trusted: false, root });
    assert.equal(choice.uri, 's3://mine/x');
    assert.match(choice.note ?? '', /"s3:\/\/theirs\/y"\) is ignored in an untrusted workspace/);
    assert.equal(chooseTeamIndex({ workspaceValue: 's3://theirs/y' }, { trusted: false, root }).uri, undefined);
  });
});
