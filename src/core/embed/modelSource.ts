// What a model setting names: the built-in model, a folder on disk, or a model
// on the Hugging Face hub. Settings and CLI flags are user input, so anything
// that is neither an existing folder nor shaped like a hub id is refused here,
// before a worker starts.
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { builtinModelDir } from '../paths';
import { UserError } from '../types';
import type { ModelSource } from './protocol';
import { BUILTIN_MODEL, type EmbedderOptions } from './types';

export interface ResolvedModel {
  /** `builtin`, the hub id, or the folder's absolute path: what Embedder.modelId reports. */
  readonly id: string;
  readonly source: ModelSource;
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
    return { id: BUILTIN_MODEL, source: { kind: 'folder', folder } };
  }
  const folder = path.resolve(spec);
  if (isFolder(folder)) return { id: folder, source: { kind: 'folder', folder } };
  const looksLikePath = path.isAbsolute(spec) || spec.startsWith('.') || spec.startsWith('~') || spec.includes('\\');
  if (looksLikePath) throw new UserError(`Could not load model "${spec}": there is no folder ${folder}`);
  if (!HUB_ID.test(spec)) {
    throw new UserError(`Could not load model "${spec}": it is neither a model id (such as Xenova/all-MiniLM-L6-v2) nor an existing folder`);
  }
  return {
    id: spec,
    source: { kind: 'hub', id: spec, cacheDir: options.modelCacheDir, allowRemote: options.allowRemote !== false },
  };
}
