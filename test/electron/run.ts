// Runs the mocha suite in test/electron/suite/ inside desktop VS Code with
// @vscode/test-electron. Desktop VS Code is downloaded from Microsoft's update
// server; where that cannot be reached (machines that only see npm and Debian,
// see ../shared/ENVIRONMENT.md) the suite reports itself SKIPPED, loudly, and
// exits 0 without ever printing that it passed. LATENT_MAP_VSCODE=<path to a
// `code` executable> runs it against an installed VS Code instead.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';

const projectRoot = path.resolve(__dirname, '../..');
const outDir = path.join(projectRoot, '.cache', 'electron-test');
// The VS Code release the code-server suite also runs (code-server 4.100.3).
const VSCODE_VERSION = process.env.LATENT_MAP_VSCODE_VERSION ?? '1.100.3';
// An idle timeout for the download: long enough for a slow mirror, short enough to skip quickly offline.
const DOWNLOAD_TIMEOUT_MS = 30_000;

function banner(lines: string[]): void {
  const bar = '='.repeat(78);
  process.stdout.write(`\n${bar}\n${lines.map((l) => `  ${l}`).join('\n')}\n${bar}\n\n`);
}

/** Bundles the suite for the extension host: mocha, vscode and node built-ins stay external. */
async function bundleSuite(): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: {
      index: path.join(__dirname, 'suite', 'index.ts'),
      'extension.test': path.join(__dirname, 'suite', 'extension.test.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outDir, 'index.js');
}

async function main(): Promise<number> {
  if (!existsSync(path.join(projectRoot, 'dist', 'extension.js'))) {
    process.stderr.write('test:electron: dist/extension.js is missing; run `npm run build` first\n');
    return 1;
  }
  let executable = process.env.LATENT_MAP_VSCODE;
  if (executable && !existsSync(executable)) {
    process.stderr.write(`test:electron: LATENT_MAP_VSCODE=${executable} does not exist\n`);
    return 1;
  }
  if (!executable) {
    try {
      executable = await downloadAndUnzipVSCode({ version: VSCODE_VERSION, timeout: DOWNLOAD_TIMEOUT_MS, cachePath: path.join(projectRoot, '.cache', 'vscode-test') });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      banner([
        'SKIPPED: @vscode/test-electron integration suite (npm run test:electron)',
        `Desktop VS Code ${VSCODE_VERSION} could not be downloaded: ${reason}`,
        'NOT RUN, NOT PASSED. The code-server end-to-end suite (npm run test:e2e)',
        'covers the extension in real VS Code on this machine.',
        'Set LATENT_MAP_VSCODE=<path to code> to run it against an installed VS Code.',
      ]);
      mkdirSync(path.join(projectRoot, 'test-results'), { recursive: true });
      writeFileSync(path.join(projectRoot, 'test-results', 'electron-SKIPPED.txt'), `SKIPPED: ${reason}\n`);
      return 0;
    }
  }
  const extensionTestsPath = await bundleSuite();
  const scratch = mkdtempSync(path.join(tmpdir(), 'latent-map-electron-'));
  try {
    const workspace = path.join(scratch, 'workspace');
    cpSync(path.join(projectRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    const userDataDir = path.join(scratch, 'user-data');
    mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'latentMap.model': 'builtin', 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2),
    );
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        path.join(scratch, 'extensions'),
        // Containers run as root without a setuid sandbox.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      extensionTestsEnv: { LATENT_MAP_E2E_WORKSPACE: workspace, LATENT_MAP_STORAGE: path.join(userDataDir, 'User', 'globalStorage', 'latent-map.latent-map') },
    });
    process.stdout.write('test:electron: the integration suite passed in desktop VS Code\n');
    return 0;
  } catch (error) {
    process.stderr.write(`test:electron: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`test:electron: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
