import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareStamp, stampPoints } from '../../webview/raster';
import { discStamp, packRgb } from '../../webview/stamp';

test('disc stamps cover about the area of the disc and always show a pixel', () => {
  for (const r of [0.3, 1, 2.5, 6]) {
    const s = discStamp(r);
    let area = 0;
    for (const c of s.cover) area += c;
    assert.ok(s.solid >= 1, `radius ${r} has a solid centre`);
    if (r >= 1) assert.ok(Math.abs(area - Math.PI * r * r) / (Math.PI * r * r) < 0.15, `radius ${r}: area ${area}`);
    for (let i = 0; i < s.solid; i++) assert.equal(s.cover[i], 1);
    for (let i = 0; i < s.dx.length; i++) assert.ok(Math.abs(s.dx[i]) <= s.reach && Math.abs(s.dy[i]) <= s.reach);
  }
  assert.equal(packRgb(0x11, 0x22, 0x33), 0xff332211);
});

test('points are stamped into the pixel buffer in their colour, edges blended, off-screen ones skipped', () => {
  const W = 20;
  const H = 10;
  const target = { pixels: new Int32Array(W * H), width: W, height: H };
  const xs = new Float64Array([5, 100, 0]);
  const ys = new Float64Array([5, 5, 0]);
  const st = prepareStamp(discStamp(2), W);
  const drawn = stampPoints(target, xs, ys, Uint32Array.from([0, 1, 2]), 1, 0, 0, st, { r: 255, g: 0, b: 0 }, null, 0);
  assert.equal(drawn, 2, 'the point at x=100 is out of view; the one at the corner is clipped but drawn');
  assert.equal(target.pixels[5 * W + 5] >>> 0, packRgb(255, 0, 0), 'the centre is solid');
  const edge = target.pixels[5 * W + 7] >>> 0;
  assert.ok(edge >>> 24 > 0 && edge >>> 24 < 255, 'the rim is partly transparent');
  assert.equal(target.pixels[5 * W + 12], 0, 'far pixels stay transparent');
  // A blue point over the red one: its centre wins, its rim blends over red.
  stampPoints(target, new Float64Array([6]), new Float64Array([5]), Uint32Array.from([0]), 1, 0, 0, st, { r: 0, g: 0, b: 255 }, null, 0);
  assert.equal(target.pixels[5 * W + 6] >>> 0, packRgb(0, 0, 255));
  const mixed = target.pixels[5 * W + 4];
  assert.ok((mixed & 255) > 0 && (mixed >>> 16) & 255, 'red under, blue over');
  // A mask keeps only the wanted points.
  const masked = { pixels: new Int32Array(W * H), width: W, height: H };
  const n = stampPoints(masked, xs, ys, Uint32Array.from([0, 2]), 1, 0, 0, st, { r: 1, g: 2, b: 3 }, Uint8Array.from([1, 0, 0]), 1);
  assert.equal(n, 1);
});
