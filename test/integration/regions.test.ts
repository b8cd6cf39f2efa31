// Regions on a real codebase: this repository's own src/ (several hundred
// symbols of TypeScript nobody wrote for this test), indexed by the CLI with
// the built-in model, as a user's first map would be.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { MapJson } from '../../src/core/types';

const root = path.resolve(__dirname, '../..');

function index(folder: string): MapJson {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'lm-regions-'));
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'index', folder, '--cache-dir', cacheDir, '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as MapJson;
}

describe('regions of a real codebase of a few hundred symbols', () => {
  const map = index(path.join(root, 'src'));

  it('has at least six named top-level regions, no two named alike', () => {
    assert.ok(map.symbols.length >= 300, `${map.symbols.length} symbols`);
    const named = map.clusters.filter((c) => c.label.trim() !== '');
    assert.ok(named.length >= 6, `top level: ${JSON.stringify(map.clusters.map((c) => c.label))}`);
    assert.equal(new Set(named.map((c) => c.label)).size, named.length, 'labels are distinct');
    assert.ok(map.clusters.length <= 30);
  });

  it('keeps the CLI contract: clusters are the top level, symbols[].cluster a top-level id, finer regions nest inside', () => {
    assert.deepEqual(
      map.clusters.map((c) => c.id),
      map.regions.filter((r) => r.level === 0).map((r) => r.id),
    );
    assert.ok(map.regions.some((r) => r.level === 1), 'there is a finer level');
    for (const s of map.symbols) {
      assert.ok(s.cluster >= -1 && s.cluster < map.clusters.length);
      let r = s.region;
      if (r < 0) continue;
      while (map.regions[r]!.parent >= 0) r = map.regions[r]!.parent;
      assert.equal(r, s.cluster, `${s.name}'s finest region is inside its top-level region`);
    }
  });

  it('anchors each region name on one of its members', () => {
    for (const region of map.regions) {
      if (!region.label) continue;
      const inside = (s: MapJson['symbols'][number]) => {
        for (let r = s.region; r >= 0; r = map.regions[r]!.parent) if (r === region.id) return true;
        return false;
      };
      assert.ok(
        map.symbols.some((s) => inside(s) && Math.abs(s.x - region.x) < 1e-3 && Math.abs(s.y - region.y) < 1e-3),
        `"${region.label}" sits on a member`,
      );
    }
  });
});
