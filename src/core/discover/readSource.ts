import { promises as fs } from 'node:fs';
import type { SkipReason } from '../types';
import { GENERATED_MARKER } from './defaults';

export type ReadResult = { readonly text: string } | { readonly skip: SkipReason };

/** Bytes looked at to decide binary or text: what git's own heuristic inspects. */
const SNIFF_BYTES = 8000;
/** Lines longer than this are candidates for machine-written code. */
const LONG_LINE = 500;
/** Only files at least this large are tested for minification (a short one-liner is fine). */
const MINIFIED_MIN_SIZE = 4096;
/**
 * Code punctuation per character in minified code is high (`;,(){}=` every few
 * characters); one in 40 is far below that and far above a long identifier,
 * string or comment, which a hand-written file can hold and must keep.
 */
const MINIFIED_PUNCTUATION = 1 / 40;

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

/** Minified: most of the file is long lines dense with code punctuation. */
function isMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_SIZE) return false;
  let longChars = 0;
  let punctuation = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > LONG_LINE) {
      longChars += end - start;
      for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        // ; , ( ) { } =
        if (c === 59 || c === 44 || c === 40 || c === 41 || c === 123 || c === 125 || c === 61) punctuation++;
      }
    }
    start = end + 1;
  }
  return longChars > text.length / 2 && punctuation > longChars * MINIFIED_PUNCTUATION;
}
