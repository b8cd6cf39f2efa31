import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { describeUri, inShard, normaliseUri, parseShard, storageOptions } from '../../src/core/store';
import { seededRandom } from '../../src/core/project/random';
import { placeAmongNeighbours } from '../../src/core/project/place';
import { placeAmongSample } from '../../src/core/store/place';
import { CancelledError } from '../../src/core/types';
import { unit, VectorStore } from '../../src/core/vectors';
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

describe('placing a large store around its laid-out sample', () => {
  test('every symbol not in the sample lands among the sampled symbols of its own topic, where exact placement puts it', async () => {
    const random = seededRandom(5);
    const dims = 32;
    // 11 topics: prime to the sample's step of 3, so every topic is in the sample.
    const topics = 11;
    const n = 2970;
    const centres = Array.from({ length: topics }, () => unit(Float32Array.from({ length: dims }, () => random() - 0.5)));
    const vectors = new Float32Array(n * dims);
    const topicOf = (i: number) => i % topics;
    for (let i = 0; i < n; i++) {
      const v = Float32Array.from(centres[topicOf(i)]!, (c) => c + (random() - 0.5) * 0.15);
      vectors.set(unit(v), i * dims);
    }
    // Every third symbol is the sample, laid out with each topic around its own spot on a circle.
    const sample = Array.from({ length: n / 3 }, (_, s) => s * 3);
    const xy = new Float32Array(n * 2);
    const spot = (t: number) => [100 * Math.cos((2 * Math.PI * t) / topics), 100 * Math.sin((2 * Math.PI * t) / topics)] as const;
    for (const i of sample) {
      const [x, y] = spot(topicOf(i));
      xy[2 * i] = x + (random() - 0.5) * 4;
      xy[2 * i + 1] = y + (random() - 0.5) * 4;
    }
    const exact = xy.slice();
    const placed = new Uint8Array(n);
    for (const i of sample) placed[i] = 1;
    placeAmongNeighbours(VectorStore.fromPacked(vectors, dims), exact, placed);
    let progress = 0;
    await placeAmongSample(vectors, dims, xy, sample, { onProgress: (done, total) => (progress = done / total) });
    assert.equal(progress, 1);
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      const [x, y] = spot(topicOf(i));
      assert.ok(Math.hypot(xy[2 * i]! - x, xy[2 * i + 1]! - y) < 3, `symbol ${i} lands in its topic`);
      assert.ok(Math.hypot(xy[2 * i]! - exact[2 * i]!, xy[2 * i + 1]! - exact[2 * i + 1]!) < 3, `symbol ${i} lands near its exact place`);
    }
  });

  test('a cancelled placement stops with a cancellation', async () => {
    const dims = 4;
    const n = 20_000;
    const vectors = new Float32Array(n * dims).fill(0.5);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(placeAmongSample(vectors, dims, new Float32Array(n * 2), [0, 1, 2], { signal: abort.signal }), CancelledError);
  });
});
