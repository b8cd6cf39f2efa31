// Downloading a hub model in the embedding worker, so that a failed or
// cancelled download leaves nothing behind and a silent server cannot hang it.
//
// transformers.js 2.17.2 writes each downloaded file into its cache as soon as
// that file arrives (FileCache.put, a plain writeFile). A download cut off
// after config.json, or an ONNX file that arrives whole but does not load,
// would stay cached and break every later run. Here the files of one load are
// held in memory (transformers.js holds them anyway) and written to the cache,
// each through a temporary name and a rename, only once the model has loaded
// and embedded a probe text. The cache keeps transformers.js' own layout,
// <cacheDir>/<model id>/<file>, which the downloads-off path reads as a folder.
//
// transformers.js calls the global fetch without a signal, and Node's fetch
// waits 300 s for headers and again between body chunks; stalledFetch adds a
// shorter limit on silence (not on total time: a slow but moving download of a
// large model is fine) and a way to cancel. Hand-written: no fetch wrapper
// among the project's dependencies does either, and it is a few lines.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Where transformers.js fetches from unless LATENT_MAP_MODEL_HOST says otherwise. */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co/';

/** A download that received nothing for too long. */
export class DownloadStalled extends Error {
  constructor(
    readonly url: string,
    readonly seconds: number,
  ) {
    super(`the model host sent nothing for ${seconds} s while downloading ${url}`);
    this.name = 'DownloadStalled';
  }
}

/** A download cancelled by the caller. */
export class DownloadCancelled extends Error {
  constructor() {
    super('the download was cancelled');
    this.name = 'DownloadCancelled';
  }
}

/**
 * A transformers.js `env.customCache` for one model: `match` reads files
 * already in the cache folder, `put` keeps downloaded ones in memory until
 * `commit` writes them.
 */
export class StagedModelCache {
  private readonly staged = new Map<string, Buffer>();
  private readonly prefix: string;

  constructor(
    private readonly cacheDir: string,
    private readonly modelId: string,
    host: string,
  ) {
    // The URL transformers.js builds for a file: host + '{model}/resolve/{revision}/' + file, always the main revision here.
    this.prefix = new URL(`${modelId}/resolve/main/`, host).href;
  }

  /** The cache-relative file a request key names, or undefined for keys that are not this model's URLs. */
  private fileOf(key: string): string | undefined {
    if (!key.startsWith(this.prefix)) return undefined;
    const file = key.slice(this.prefix.length);
    // File names come from transformers.js (config.json, onnx/model_quantized.onnx, ...); refuse anything that would leave the folder.
    if (file === '' || file.split('/').includes('..')) return undefined;
    return file;
  }

  private pathOf(file: string): string {
    return path.join(this.cacheDir, this.modelId, ...file.split('/'));
  }

  async match(key: string): Promise<Response | undefined> {
    const file = this.fileOf(key);
    if (file === undefined) return undefined;
    const bytes = this.staged.get(file) ?? (existsSync(this.pathOf(file)) ? readFileSync(this.pathOf(file)) : undefined);
    if (!bytes) return undefined;
    return new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-length': String(bytes.length) } });
  }

  async put(key: string, response: Response): Promise<void> {
    const file = this.fileOf(key);
    if (file !== undefined) this.staged.set(file, Buffer.from(await response.arrayBuffer()));
  }

  /** Files downloaded by this load and not yet written. */
  get downloaded(): number {
    return this.staged.size;
  }

  /** Writes the downloaded files into the cache folder, each whole or not at all. */
  async commit(): Promise<void> {
    for (const [file, bytes] of this.staged) {
      const target = this.pathOf(file);
      const temporary = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    }
    this.staged.clear();
  }
}

/**
 * `fetch` that gives up with DownloadStalled after `seconds()` without a byte
 * (waiting for headers or between chunks), and with DownloadCancelled when
 * `signal()` fires.
 */
export function stalledFetch(original: typeof fetch, seconds: () => number, signal: () => AbortSignal | undefined): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const limit = seconds();
    const controller = new AbortController();
    const outer = signal();
    const onCancel = () => controller.abort(new DownloadCancelled());
    if (outer?.aborted) throw new DownloadCancelled();
    outer?.addEventListener('abort', onCancel, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const stop = () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onCancel);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new DownloadStalled(url, limit)), limit * 1000);
    };
    const why = (error: unknown) => (controller.signal.aborted ? controller.signal.reason : error);
    arm();
    let response: Response;
    try {
      response = await original(input, { ...init, signal: controller.signal });
    } catch (error) {
      stop();
      throw why(error);
    }
    if (!response.body) {
      stop();
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(stream) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            stop();
            stream.close();
          } else {
            arm();
            stream.enqueue(value);
          }
        } catch (error) {
          stop();
          stream.error(why(error));
        }
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
