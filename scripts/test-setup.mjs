#!/usr/bin/env node
// Everything `npm test` needs beyond `npm ci`, installed when missing and
// checked in well under a second when present:
// - the Debian packages: Chromium for the page and end-to-end tests, ripgrep
//   to seed code-server's @vscode/ripgrep (it would otherwise download rg from
//   GitHub), libkrb5-dev and a C++ toolchain for code-server's native modules,
//   a font so the screenshots have text. As root they are installed with
//   apt-get; otherwise the script stops at once with the one command to run.
// - code-server (VS Code's server and web UI, on npm) in .tools/code-server,
//   outside the project's node_modules so a plain `npm install` of the project
//   never runs its post-install.
//
// Recipe and its reasons: /work/shared/ENVIRONMENT.md, "Real VS Code in a real
// browser". Usage: node scripts/test-setup.mjs [--force] (--force reinstalls code-server).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(projectRoot, '.tools', 'code-server');

// The version the recipe was verified with (VS Code 1.100.3).
export const CODE_SERVER_VERSION = '4.100.3';

// code-server 4.100.3's lib/vscode/npm-shrinkwrap.json pins @vscode/ripgrep
// 1.15.11; that package's lib/postinstall.js asks for ripgrep-prebuilt release
// v13.0.0-10 and its lib/download.js looks for
// <os.tmpdir()>/vscode-ripgrep-cache-<package version>/ripgrep-<release>-<target>.tar.gz
// before going to GitHub, then untars it expecting `rg` at the archive's top.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

export const codeServerBin = join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const marker = join(toolsDir, '.installed');

function log(message) {
  process.stdout.write(`[test-setup] ${message}\n`);
}

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

function which(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

export const DEBIAN_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'fonts-dejavu-core', 'build-essential', 'python3', 'pkg-config', 'ca-certificates'];

/** The Debian packages not fully installed; undefined where there is no dpkg (not Debian). */
function missingDebianPackages() {
  if (!which('dpkg-query')) return undefined;
  // One call for all of them; a package dpkg has never heard of prints nothing (and exit code 1).
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\\n', ...DEBIAN_PACKAGES], { encoding: 'utf8' });
  const installed = new Set(
    result.stdout
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, status]) => status === 'installed')
      .map(([name]) => name),
  );
  return DEBIAN_PACKAGES.filter((name) => !installed.has(name));
}

/** Installs the missing Debian packages as root; otherwise throws with the one command to run. */
export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing === undefined) {
    log(`no dpkg here, so the system packages are not checked; the tests need: ${DEBIAN_PACKAGES.join(' ')} (Debian names)`);
    return;
  }
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages; install them and run the tests again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine has no package lists yet.
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
}

function isInstalled() {
  if (!existsSync(marker) || !existsSync(codeServerBin)) return false;
  try {
    return readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** Puts Debian's rg where @vscode/ripgrep's download step looks first. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const target = RIPGREP_TARGETS[process.env.npm_config_arch || arch()];
  if (!target) throw new Error(`no ripgrep target known for architecture ${arch()}`);
  const cacheDir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  if (existsSync(archive)) return;
  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'rg-seed-'));
  try {
    copyFileSync(rg, join(staging, 'rg'));
    run('tar', ['czf', archive, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`seeded ${archive} from ${rg}`);
}

export function setup({ force = false } = {}) {
  if (!force && isInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${toolsDir}`);
    return codeServerBin;
  }
  const started = Date.now();
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    // code-server's post-install refuses any other major version.
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20, this is ${process.version}`);
  }
  seedRipgrepCache();
  rmSync(toolsDir, { recursive: true, force: true });
  mkdirSync(toolsDir, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project.
  writeFileSync(join(toolsDir, 'package.json'), JSON.stringify({ name: 'latent-map-e2e-tools', private: true }, null, 2));
  const env = {
    ...process.env,
    // Root needs unsafe-perm for the post-install to run; its `npx node-gyp`
    // must not stop to ask.
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    // The install is long and quiet; progress lines help a CI log.
    npm_config_loglevel: process.env.npm_config_loglevel || 'warn',
  };
  // node-gyp first, so the native modules' builds find it on PATH.
  run('npm', ['install', '--prefix', toolsDir, 'node-gyp'], { env, cwd: toolsDir });
  env.PATH = `${join(toolsDir, 'node_modules', '.bin')}:${env.PATH}`;
  run('npm', ['install', '--prefix', toolsDir, `code-server@${CODE_SERVER_VERSION}`], { env, cwd: toolsDir });
  const rgBin = join(toolsDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  if (!existsSync(codeServerBin)) throw new Error(`install finished but ${codeServerBin} is missing`);
  if (!existsSync(rgBin)) throw new Error(`install finished but ${rgBin} is missing`);
  writeFileSync(marker, CODE_SERVER_VERSION + '\n');
  log(`installed code-server ${CODE_SERVER_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerBin;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDebianPackages();
    setup({ force: process.argv.includes('--force') });
  } catch (error) {
    process.stderr.write(`[test-setup] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
