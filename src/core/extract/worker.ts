// An extraction worker (bundled to dist/extract-worker.js): parses files sent
// by ExtractorPool one at a time, off the caller's thread. Grammars load once
// per worker, on the first file of their language.
import { parentPort } from 'node:worker_threads';
import { extractSymbols } from './index';
import type { ExtractRequest, ExtractResponse } from './protocol';

const port = parentPort!;

port.on('message', (request: ExtractRequest) => {
  extractSymbols(request.file, request.source).then(
    (symbols) => port.postMessage({ id: request.id, symbols } satisfies ExtractResponse),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ExtractResponse),
  );
});
