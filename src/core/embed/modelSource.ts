// What a model setting names: the built-in model, a folder on disk, or a model
// on the Hugging Face hub. Settings and CLI flags are user input, so anything
// that is neither an existing folder nor shaped like a hub id is refused here,
// before a worker starts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { builtinModelDir } from '../paths';
import { UserError } from '../types';
import type { ModelSource } from './protocol';
import { BUILTIN_MODEL, type EmbedderOptions } from './types';

export interface ResolvedModel {
  /** `builtin`, the hub id, or the folder's absolute path: what Embedder.modelId reports. */
  readonly id: string;
  /** What Embedder.fingerprint reports. */
  readonly fingerprint: string;
  readonly source: ModelSource;
}

// Files whose content decides what a model folder computes. The ONNX file is
// identified by size and modification time rather than read: it can be large.
const SMALL_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const ONNX_FILE = path.join('onnx', 'model_quantized.onnx');

/** `id#hash`: the built-in model by its build inputs (the same for every install of a release), a folder by its files. */
function folderFingerprint(id: string, folder: string): string {
  const hash = createHash('sha256');
  try {
    // build-stamp.json is written by scripts/build-model.mjs; its inputs name the recipe.
    hash.update(JSON.stringify(JSON.parse(readFileSync(path.join(folder, 'build-stamp.json'), 'utf8')).inputs));
  } catch {
    for (const file of SMALL_MODEL_FILES) {
      try {
        hash.update(file).update(readFileSync(path.join(folder, file)));
      } catch {
        hash.update(`${file} missing`);
      }
    }
    try {
      const onnx = statSync(path.join(folder, ONNX_FILE));
      hash.update(`${onnx.size} ${onnx.mtimeMs}`);
    } catch {
      hash.update('onnx missing');
    }
  }
  return `${id}#${hash.digest('hex').slice(0, 16)}`;
}

// owner/name as the hub spells repositories (letters, digits, `-`, `_`, `.`), or a bare name.
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export function resolveModel(options: Pick<EmbedderOptions, 'model' | 'modelCacheDir' | 'allowRemote'>): ResolvedModel {
  const spec = options.model.trim();
  if (spec === '' || spec === BUILTIN_MODEL) {
    const folder = builtinModelDir();
    if (!existsSync(path.join(folder, 'onnx', 'model_quantized.onnx'))) {
      throw new UserError(`The built-in model is missing (${folder}); run \`npm run build:model\` to make it.`);
    }
    return { id: BUILTIN_MODEL, fingerprint: folderFingerprint(BUILTIN_MODEL, folder), source: { kind: 'folder', folder } };
  }
  const folder = path.resolve(spec);
  if (isFolder(folder)) return { id: folder, fingerprint: folderFingerprint(folder, folder), source: { kind: 'folder', folder } };
  const looksLikePath = path.isAbsolute(spec) || spec.startsWith('.') || spec.startsWith('~') || spec.includes('\\');
  if (looksLikePath) throw new UserError(`Could not load model "${spec}": there is no folder ${folder}`);
  if (!HUB_ID.test(spec)) {
    throw new UserError(`Could not load model "${spec}": it is neither a model id (such as Xenova/all-MiniLM-L6-v2) nor an existing folder`);
  }
  return {
    id: spec,
    // A hub model's files are fixed by its id (transformers.js always fetches the main revision once and keeps it).
    fingerprint: spec,
    source: { kind: 'hub', id: spec, cacheDir: options.modelCacheDir, allowRemote: options.allowRemote !== false, ...downloadEnvironment() },
  };
}

/**
 * LATENT_MAP_MODEL_HOST: an http(s) address serving models laid out as the
 * hub does (<host>/<model id>/resolve/main/<file>), such as a company mirror;
 * the Hugging Face hub when unset. LATENT_MAP_DOWNLOAD_TIMEOUT: seconds a
 * download may receive nothing before it fails (default 60). Read from the
 * environment of the process that loads the model (the CLI, or VS Code's).
 */
function downloadEnvironment(): { host?: string; stallSeconds?: number } {
  const out: { host?: string; stallSeconds?: number } = {};
  const host = process.env.LATENT_MAP_MODEL_HOST?.trim();
  if (host) {
    let url: URL | undefined;
    try {
      url = new URL(host.endsWith('/') ? host : `${host}/`);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UserError(`LATENT_MAP_MODEL_HOST is "${host}", which is not an http:// or https:// address`);
    }
    out.host = url.href;
  }
  const timeout = process.env.LATENT_MAP_DOWNLOAD_TIMEOUT?.trim();
  if (timeout) {
    const seconds = Number(timeout);
    if (!(seconds > 0) || !Number.isFinite(seconds)) {
      throw new UserError(`LATENT_MAP_DOWNLOAD_TIMEOUT is "${timeout}"; it must be a number of seconds above 0`);
    }
    out.stallSeconds = seconds;
  }
  return out;
}
