import { promises as fs } from 'node:fs';
import type { SkipReason } from '../types';
import { GENERATED_MARKER } from './defaults';

export type ReadResult = { readonly text: string } | { readonly skip: SkipReason };

/** Bytes looked at to decide binary or text: what git's own heuristic inspects. */
const SNIFF_BYTES = 8000;
/** Lines longer than this, on average, mean a minified or machine-written file. */
const MINIFIED_AVERAGE_LINE = 300;
/** Only files at least this large are tested for minification (a short one-liner is fine). */
const MINIFIED_MIN_SIZE = 4096;

/**
 * Reads a source file as text, or says why it should be skipped. Never throws:
 * a file deleted since discovery, unreadable, binary or generated is a skip.
 * UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded; invalid
 * UTF-8 sequences become U+FFFD rather than losing the file.
 */
export async function readSource(absolutePath: string, maxFileSize: number): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(absolutePath);
  } catch {
    return { skip: 'unreadable' };
  }
  if (bytes.length > maxFileSize) return { skip: 'tooLarge' };
  const text = decode(bytes);
  if (text === undefined) return { skip: 'binary' };
  if (isMinified(text)) return { skip: 'minified' };
  if (GENERATED_MARKER.test(text.slice(0, 2000))) return { skip: 'generated' };
  return { text };
}

export function decode(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  if (sniff.includes(0)) return undefined;
  // TextDecoder drops a UTF-8 BOM by default.
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function isMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_SIZE) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > MINIFIED_AVERAGE_LINE;
}
