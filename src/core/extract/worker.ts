// An extraction worker (bundled to dist/extract-worker.js): parses files sent
// by ExtractorPool one at a time, off the caller's thread. Grammars load once
// per worker, on the first file of their language.
import { parentPort } from 'node:worker_threads';
import { readSource } from '../discover/readSource';
import { extractSymbols } from './index';
import type { ExtractRequest, ExtractResponse } from './protocol';

const port = parentPort!;

// A file named by path is read here too: decoding and the binary and
// minified checks then cost the caller's thread nothing, and its text is
// never copied between threads.
async function answer(request: ExtractRequest): Promise<ExtractResponse> {
  let source: string;
  if ('source' in request) source = request.source;
  else {
    const read = await readSource(request.path, request.maxFileSize);
    if ('skip' in read) return { id: request.id, skip: read.skip };
    source = read.text;
  }
  return { id: request.id, symbols: await extractSymbols(request.file, source) };
}

port.on('message', (request: ExtractRequest) => {
  answer(request).then(
    (response) => port.postMessage(response),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies ExtractResponse),
  );
});
