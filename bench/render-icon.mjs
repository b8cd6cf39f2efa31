// Draws media/icon.png (128×128, the extension's icon): a few clusters of
// points in the map's palette on a dark rounded tile, one point selected with
// lines to its neighbours, as the map itself looks. Run with
// `node bench/render-icon.mjs` (needs /usr/bin/chromium); the PNG is committed.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../media/icon.png', import.meta.url));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
await page.setContent('<html><body style="margin:0;background:transparent"><canvas id="c" width="128" height="128"></canvas></body></html>');
await page.evaluate(() => {
  const ctx = document.getElementById('c').getContext('2d');
  let seed = 11;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  // Tile
  const r = 24;
  ctx.beginPath();
  ctx.moveTo(r, 0);
  ctx.arcTo(128, 0, 128, 128, r);
  ctx.arcTo(128, 128, 0, 128, r);
  ctx.arcTo(0, 128, 0, 0, r);
  ctx.arcTo(0, 0, 128, 0, r);
  ctx.closePath();
  const bg = ctx.createLinearGradient(0, 0, 128, 128);
  bg.addColorStop(0, '#23262e');
  bg.addColorStop(1, '#14161b');
  ctx.fillStyle = bg;
  ctx.fill();
  ctx.save();
  ctx.clip();
  // Clusters: centre, spread, colour (d3 Observable 10, lifted for a dark tile).
  const clusters = [
    [38, 42, 11, '#6887f3', 34],
    [88, 34, 9, '#efb118', 26],
    [92, 86, 12, '#ff725c', 34],
    [42, 92, 9, '#6cc5b0', 26],
    [66, 64, 6, '#ae6cfc', 14],
  ];
  const points = [];
  for (const [cx, cy, s, colour, n] of clusters) {
    for (let i = 0; i < n; i++) points.push([cx + gauss() * s * 0.8, cy + gauss() * s * 0.6, colour]);
  }
  const sel = [66, 64];
  const near = [[38, 42], [92, 86], [88, 34], [42, 92]].map(([x, y]) => [x + (sel[0] - x) * 0.25, y + (sel[1] - y) * 0.25]);
  ctx.strokeStyle = 'rgba(255,255,255,0.55)';
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (const [x, y] of near) {
    ctx.moveTo(sel[0], sel[1]);
    ctx.lineTo(x, y);
  }
  ctx.stroke();
  for (const [x, y, colour] of points) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.arc(x, y, 2.6, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = '#ffffff';
  for (const [x, y] of near) {
    ctx.beginPath();
    ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.beginPath();
  ctx.arc(sel[0], sel[1], 6, 0, 2 * Math.PI);
  ctx.fill();
  ctx.strokeStyle = '#3794ff';
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.arc(sel[0], sel[1], 10, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
});
await page.locator('#c').screenshot({ path: out, omitBackground: true });
await browser.close();
console.log(out);
