#!/usr/bin/env node
// Packages the extension as latent-map.vsix with @vscode/vsce.
//
// onnxruntime-node ships its native library for six platforms (93 MB, most of
// the package). A .vsix needs only the one it runs on, so by default this
// builds a platform-specific package for this machine (`vsce --target`, which
// the Marketplace and `code --install-extension` both understand) holding that
// platform's binary alone. `--universal` keeps every binary instead (one .vsix
// for all platforms, about four times larger).
//
// Usage: node scripts/package.mjs [--universal] [--out file.vsix]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const universal = args.includes('--universal');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : 'latent-map.vsix';

// vsce's target names are `${process.platform}-${process.arch}`, and
// onnxruntime-node 1.14 lays its binaries out as bin/napi-v3/<platform>/<arch>.
const SUPPORTED = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
const target = `${process.platform}-${process.arch}`;
if (!universal && !SUPPORTED.includes(target)) {
  console.error(`package: onnxruntime-node has no binary for ${target}; supported: ${SUPPORTED.join(', ')}`);
  process.exit(1);
}

const BIN_LINE = '!node_modules/onnxruntime-node/bin/**';
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
if (!ignore.includes(BIN_LINE)) {
  console.error(`package: .vscodeignore no longer has the line ${BIN_LINE}; update scripts/package.mjs`);
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'latent-map-package-'));
const ignoreFile = join(tmp, '.vscodeignore');
const [platform, arch] = target.split('-');
writeFileSync(
  ignoreFile,
  universal ? ignore : ignore.replace(BIN_LINE, `!node_modules/onnxruntime-node/bin/napi-v3/${platform}/${arch}/**`),
);

const vsceArgs = [
  'package',
  // The project has no public repository yet; vsce would refuse without this.
  '--allow-missing-repository',
  // Without a repository vsce cannot turn the README's relative picture links
  // into absolute ones and refuses; they stay relative (media/readme/ ships in
  // the package). Drop this with the flag above once there is a public home.
  '--no-rewrite-relative-links',
  '--ignoreFile',
  ignoreFile,
  '--out',
  out,
  ...(universal ? [] : ['--target', target]),
];
const vsce = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
const result = spawnSync(vsce, vsceArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
rmSync(tmp, { recursive: true, force: true });
if (result.status !== 0) process.exit(result.status ?? 1);
const bytes = statSync(resolve(root, out)).size;
console.log(`package: ${out} (${universal ? 'universal' : target}), ${(bytes / 1024 / 1024).toFixed(1)} MB`);
