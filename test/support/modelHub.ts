// A model hub on 127.0.0.1 for tests: serves one model folder under any model
// id the way the Hugging Face hub lays files out (<id>/resolve/main/<file>),
// which is what LATENT_MAP_MODEL_HOST points the product at. A file can be
// held half sent until the test lets it go, so a test sees a download in
// progress for as long as it needs to, without timing anything.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface ModelHub {
  /** The host address, ending in `/` (the value for LATENT_MAP_MODEL_HOST). */
  readonly url: string;
  /** `<id>/<file>` of every request since the last reset, in order. */
  readonly requested: string[];
  /** From now on, `file` (e.g. `onnx/model_quantized.onnx`) is sent half and held there until release(). */
  hold(file: string): void;
  /** Sends the rest of every held file, and holds nothing from now on. */
  release(): void;
  /** Resolves once a held file has been half sent for a request of `id`. */
  holding(id: string): Promise<void>;
  close(): Promise<void>;
}

/** Serves `folder` as every model id under `idPrefix` (e.g. `latent-map-test/`); anything else is a 404, as on the hub. */
export async function startModelHub(folder: string, idPrefix: string): Promise<ModelHub> {
  const requested: string[] = [];
  const open = new Set<ServerResponse>();
  let held: string | undefined;
  let waiting: (() => void)[] = [];
  const heldFor = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const holdingOf = (id: string) => {
    let entry = heldFor.get(id);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      entry = { promise, resolve };
      heldFor.set(id, entry);
    }
    return entry;
  };

  const server = createServer((request, response) => {
    const url = decodeURIComponent(request.url ?? '');
    const match = /^\/(.+?)\/resolve\/main\/(.+)$/.exec(url);
    if (!match || !match[1]!.startsWith(idPrefix)) return void response.writeHead(404).end('Repository not found');
    const [, id, file] = match as unknown as [string, string, string];
    requested.push(`${id}/${file}`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(folder, ...file.split('/')));
    } catch {
      return void response.writeHead(404).end('Entry not found');
    }
    open.add(response);
    response.on('close', () => open.delete(response));
    response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'application/octet-stream' });
    if (file !== held) return void response.end(bytes);
    const half = bytes.length >> 1;
    response.write(bytes.subarray(0, half), () => {
      holdingOf(id).resolve();
      waiting.push(() => {
        if (!response.destroyed) response.end(bytes.subarray(half));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    hold(file) {
      held = file;
    },
    release() {
      held = undefined;
      const go = waiting;
      waiting = [];
      for (const send of go) send();
    },
    holding(id) {
      return holdingOf(id).promise;
    },
    async close() {
      for (const response of open) response.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
