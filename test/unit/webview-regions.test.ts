import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPEN_SPREAD_PX, regionsToName, type RegionView } from '../../webview/regions';

const view = (id: number, parent: number, spread: number, children: number[] = [], label = `r${id}`): RegionView => ({
  id,
  level: parent < 0 ? 0 : 1,
  parent,
  label,
  size: 10,
  x: 0,
  y: 0,
  spread,
  children,
});

const VIEWS = [view(0, -1, 10, [2, 3]), view(1, -1, 10, [4]), view(2, 0, 4), view(3, 0, 4), view(4, 1, 4)];

test('at a zoom where no region spreads wide, the top level is named', () => {
  assert.deepEqual(
    regionsToName(VIEWS, 1).map((v) => v.id),
    [0, 1],
  );
});

test('zooming in until a region spreads wide names its sub-regions instead of it', () => {
  const k = (OPEN_SPREAD_PX + 1) / 10;
  assert.deepEqual(
    regionsToName(VIEWS, k).map((v) => v.id),
    [2, 3, 4],
  );
});

test('a region without named sub-regions keeps its own name at any zoom; an unnamed one is never named', () => {
  const views = [view(0, -1, 10), view(1, -1, 10, [], '')];
  assert.deepEqual(
    regionsToName(views, 1000).map((v) => v.id),
    [0],
  );
});

test('at Fit the top level is named even when its regions spread wide on a large screen', async () => {
  const { OPEN_MIN_ZOOM } = await import('../../webview/regions');
  const k = (OPEN_SPREAD_PX * 3) / 10;
  assert.deepEqual(
    regionsToName(VIEWS, k, 1.2).map((v) => v.id),
    [0, 1],
  );
  assert.deepEqual(
    regionsToName(VIEWS, k, OPEN_MIN_ZOOM).map((v) => v.id),
    [2, 3, 4],
  );
});
