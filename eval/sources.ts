// Published npm sources for the evaluation: `npm pack <spec>` into
// .cache/eval/ (gitignored) and unpacked once, so the evaluation reads what
// users install and needs no devDependency per library.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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
