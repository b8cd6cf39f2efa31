import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, placeLabels, type LabelCandidate, type PlacedLabel } from '../../webview/labels';

const measure = (text: string, size: number): number => text.length * size * 0.6;
const view = { width: 800, height: 600, measure };

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

test('placed labels never overlap', () => {
  const candidates: LabelCandidate[] = Array.from({ length: 80 }, (_, i) => ({
    id: i,
    text: `cluster number ${i}`,
    x: 100 + ((i * 37) % 600),
    y: 60 + ((i * 53) % 480),
    weight: 100 - i,
  }));
  const placed = placeLabels(candidates, view);
  assert.ok(placed.length > 3);
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!overlaps(placed[i], placed[j]));
});

test('the bigger cluster wins a contested spot and gets the larger font', () => {
  const placed = placeLabels(
    [
      { id: 1, text: 'small', x: 400, y: 300, weight: 5 },
      { id: 2, text: 'large', x: 405, y: 302, weight: 500 },
      { id: 3, text: 'medium', x: 100, y: 100, weight: 50 },
    ],
    view,
  );
  assert.deepEqual(
    placed.map((p) => p.id),
    [2, 3],
  );
  assert.ok(placed[0].fontSize > placed[1].fontSize);
});

test('zooming in spreads clusters apart so more labels fit', () => {
  const clusters = Array.from({ length: 30 }, (_, i) => ({ id: i, x: (i % 6) * 10, y: Math.floor(i / 6) * 10, weight: 30 - i }));
  const at = (k: number): number =>
    placeLabels(
      clusters.map((c) => ({ id: c.id, text: `topic ${c.id}`, x: 400 + (c.x - 25) * k, y: 300 + (c.y - 20) * k, weight: c.weight })),
      view,
    ).length;
  assert.ok(at(4) < at(12), `${at(4)} labels at k=4 should be fewer than ${at(12)} at k=12`);
});

test('labels outside the view, empty ones and the overflow beyond maxLabels are dropped', () => {
  const placed = placeLabels(
    [
      { id: 1, text: 'off screen', x: -50, y: 10, weight: 9 },
      { id: 2, text: '   ', x: 300, y: 300, weight: 9 },
      { id: 3, text: 'a', x: 100, y: 100, weight: 3 },
      { id: 4, text: 'b', x: 600, y: 500, weight: 2 },
    ],
    { ...view, maxLabels: 1 },
  );
  assert.deepEqual(
    placed.map((p) => p.id),
    [3],
  );
});

test('labels keep clear of obstacles such as the legend', () => {
  const candidate = { id: 1, text: 'under the legend', x: 700, y: 550, weight: 10 };
  assert.equal(placeLabels([candidate], view).length, 1);
  assert.equal(placeLabels([candidate], { ...view, obstacles: [{ left: 600, top: 450, width: 200, height: 150 }] }).length, 0);
});

test('long labels are shortened with an ellipsis', () => {
  assert.equal(clip('a very long cluster label indeed', 10), 'a very lo…');
  assert.equal(clip('  short ', 10), 'short');
});
