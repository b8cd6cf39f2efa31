// The twin of the default model (scripts/twin-model.mjs): a random-weight BERT
// with all-MiniLM-L6-v2's shapes, made on first use into .cache/models and
// reused while the script is unchanged (about 2 s for the 2-layer one).
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { packageRoot } from '../../src/core/paths';

/** The folder of the twin with `layers` layers, made if missing or stale. */
export function twinModel(layers = 2): string {
  const folder = path.join(packageRoot(), '.cache', 'models', `twin-L${layers}`);
  execFileSync(process.execPath, [path.join(packageRoot(), 'scripts', 'twin-model.mjs'), '--layers', String(layers), '--out', folder], { stdio: 'pipe' });
  return folder;
}
