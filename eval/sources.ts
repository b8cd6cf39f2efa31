// Published npm sources for the evaluation: `npm pack <spec>` into
// .cache/eval/ (gitignored) and unpacked once, so the evaluation reads what
// users install and needs no devDependency per library.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function packageSource(cacheRoot: string, spec: string): string {
  const folder = path.join(cacheRoot, spec.replace(/[@/]/g, (c, i: number) => (i === 0 ? '' : c === '@' ? '-' : '__')));
  if (existsSync(path.join(folder, 'package.json'))) return folder;
  mkdirSync(cacheRoot, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', cacheRoot], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const staging = `${folder}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync('tar', ['xzf', path.join(cacheRoot, tarball), '-C', staging, '--strip-components=1']);
  if (!readdirSync(staging).includes('package.json')) throw new Error(`npm pack ${spec}: no package.json in the tarball`);
  renameSync(staging, folder);
  rmSync(path.join(cacheRoot, tarball), { force: true });
  return folder;
}

/**
 * Debian packages' files (`apt-get download`, then `dpkg-deb -x`, no root
 * needed), for code npm does not publish: the Python standard library.
 * Unpacked once into `.cache/eval/debian-<packages>`; the version is whatever
 * the machine's package lists hold, printed by the caller.
 */
export function debianSource(cacheRoot: string, packages: readonly string[]): string {
  const folder = path.join(cacheRoot, `debian-${packages.join('+')}`);
  if (existsSync(path.join(folder, 'versions.txt'))) return folder;
  const staging = `${folder}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync('apt-get', ['download', ...packages], { cwd: staging, stdio: ['ignore', 'ignore', 'inherit'] });
  const debs = readdirSync(staging).filter((f) => f.endsWith('.deb'));
  if (debs.length !== packages.length) throw new Error(`apt-get download ${packages.join(' ')}: got ${debs.length} packages`);
  for (const deb of debs) {
    execFileSync('dpkg-deb', ['-x', deb, '.'], { cwd: staging });
    rmSync(path.join(staging, deb));
  }
  writeFileSync(path.join(staging, 'versions.txt'), debs.join('\n') + '\n');
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  return folder;
}
