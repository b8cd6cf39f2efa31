// Screenshots of the real product: the packaged extension in code-server in
// headless Chromium, on each folder given, at Fit and at two zoom levels, in
// the dark and the light theme. Used to look at the map as a user sees it and
// to make the README's pictures.
//
//   node --import tsx scripts/screenshots.ts [--light] [--out DIR] <folder>...
//
// Needs what the end-to-end suite needs (code-server in .tools/, Chromium);
// LATENT_MAP_VSIX names a built .vsix to skip packaging.
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { CodeServer, launchBrowser, log, newBrowserContext, openWorkbench, packageExtension, projectRoot, runCommand, sleep } from '../test/e2e/harness';
import { showMap, waitForStableCanvas } from '../test/e2e/map';

const args = process.argv.slice(2);
const light = args.includes('--light');
const outAt = args.indexOf('--out');
const out = path.resolve(outAt >= 0 ? args[outAt + 1]! : path.join(projectRoot, 'test-results', 'screenshots'));
const folders = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1)).map((f) => path.resolve(f));
if (folders.length === 0) {
  process.stderr.write('usage: node --import tsx scripts/screenshots.ts [--light] [--out DIR] <folder>...\n');
  process.exit(2);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const vsix = packageExtension();
  const server = await CodeServer.start({
    vsix,
    name: 'shots',
    settings: { 'latentMap.model': 'builtin', 'latentMap.colourBy': 'cluster', 'workbench.colorTheme': light ? 'Default Light Modern' : 'Default Dark Modern' },
  });
  const browser = await launchBrowser();
  try {
    const context = await newBrowserContext(browser);
    for (const folder of folders) {
      const name = path.basename(folder);
      const page = await openWorkbench(context, server, folder);
      const { frame, state } = await showMap(page, undefined, 600_000);
      log(`${name}: ${state.summary || state.status}`);
      // The map alone, full width: close the side bar and panel.
      await runCommand(page, 'View: Close Primary Side Bar').catch(() => undefined);
      await frame.click('#fit');
      await sleep(1500);
      const stage = await frame.$('#stage');
      const shoot = async (label: string) => {
        const file = path.join(out, `${name}-${label}${light ? '-light' : ''}.png`);
        await (stage ?? page).screenshot({ path: file });
        const labels = await frame.evaluate(() => {
          const el = document.getElementById('labels');
          return { regions: el?.dataset.regions, names: el?.dataset.names };
        });
        log(`${file}: ${labels.regions} region names, ${labels.names} point names`);
      };
      await shoot('fit');
      const box = await stage!.boundingBox();
      const cx = box!.x + box!.width * 0.45;
      const cy = box!.y + box!.height * 0.5;
      for (const [label, steps] of [
        ['zoom1', 4],
        ['zoom2', 6],
      ] as const) {
        await page.mouse.move(cx, cy);
        for (let i = 0; i < steps; i++) {
          await page.mouse.wheel(0, -240);
          await sleep(120);
        }
        await waitForStableCanvas(frame).catch(() => undefined);
        await sleep(800);
        await shoot(label);
      }
      await page.close();
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    server.removeHome();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
