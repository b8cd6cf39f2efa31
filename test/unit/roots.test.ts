import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { absoluteOf, indexedRoots, splitWorkspacePath, workspacePathOf } from '../../src/core/roots';

const base = path.resolve('/work/ws');

describe('the folders of one map', () => {
  it('one folder keeps paths relative to it, with no name in front', () => {
    const roots = indexedRoots([{ path: path.join(base, 'api') }]);
    assert.equal(roots[0]!.prefix, '');
    assert.equal(workspacePathOf(roots, path.join(base, 'api', 'src', 'a.ts')), 'src/a.ts');
    assert.equal(absoluteOf(roots, 'src/a.ts'), path.join(base, 'api', 'src', 'a.ts'));
  });

  it('several folders name each file by its folder first, and two folders of one name get distinct names', () => {
    const roots = indexedRoots([{ path: path.join(base, 'one', 'src') }, { path: path.join(base, 'two', 'src') }, { path: path.join(base, 'web'), name: 'Web / UI' }]);
    assert.deepEqual(roots.map((r) => r.name), ['src', 'src-2', 'Web - UI']);
    assert.equal(workspacePathOf(roots, path.join(base, 'two', 'src', 'x', 'b.py')), 'src-2/x/b.py');
    assert.equal(absoluteOf(roots, 'src-2/x/b.py'), path.join(base, 'two', 'src', 'x', 'b.py'));
    assert.deepEqual(splitWorkspacePath(roots, 'Web - UI/app.ts')?.relative, 'app.ts');
    assert.equal(workspacePathOf(roots, path.join(base, 'elsewhere', 'c.ts')), undefined);
  });

  it('a path cannot climb out of its folder, and a file of no folder resolves to nothing', () => {
    const roots = indexedRoots([{ path: path.join(base, 'api') }, { path: path.join(base, 'web') }]);
    assert.equal(absoluteOf(roots, 'api/../web/secret.ts'), undefined);
    assert.equal(absoluteOf(roots, 'api/../../etc/passwd'), undefined);
    assert.equal(absoluteOf(roots, 'other/a.ts'), undefined);
    assert.equal(absoluteOf(roots, 'api/'), undefined);
  });

  it('a folder given twice, or inside another, is refused with a reason', () => {
    assert.throws(() => indexedRoots([{ path: path.join(base, 'api') }, { path: path.join(base, 'api') }]), /given twice/);
    assert.throws(() => indexedRoots([{ path: base }, { path: path.join(base, 'api') }]), /is inside/);
    assert.throws(() => indexedRoots([]), /no folder/);
  });
});
