// The built-in model's ONNX graph: a lookup table, nothing else.
//
//   rows   = Gather(token_to_row, input_ids)      int32 [batch, seq]
//   q      = Gather(table, rows)                  int8  [batch, seq, dim]
//   scale  = Gather(row_scale, rows)              float [batch, seq, 1]
//   last_hidden_state = Cast(q, float) * scale    float [batch, seq, dim]
//
// `token_to_row` lets many tokens share one stored row (inflected forms, `##`
// word pieces, every zero-vector token), so the vocabulary can be large while
// the table stays small. Rows are int8 with one float scale each (symmetric,
// per-row), dequantised after the lookup so only the looked-up rows are touched.
// `attention_mask` is declared because transformers.js feeds the inputs the
// session names and BERT models take it; the graph does not need it, as mean
// pooling applies the mask itself.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

// ONNX IR version 7 and opset 13 are both well inside what onnxruntime-node
// 1.14 (the version @xenova/transformers 2.17.2 pins) reads: it supports IR 8
// and opset 17.
const IR_VERSION = 7;
const OPSET = 13;

export function tensor(name, dataType, dims, data) {
  return onnx.TensorProto.create({
    name,
    dataType,
    dims,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

export function valueInfo(name, elemType, dims) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

function node(opType, inputs, outputs, attribute = []) {
  return onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: outputs[0], attribute });
}

/**
 * @param {object} model
 * @param {Int32Array} model.tokenToRow  one row index per token id
 * @param {Int8Array} model.table        rows x dim, row-major
 * @param {Float32Array} model.scales    one dequantisation scale per row
 * @param {number} model.dim
 * @param {string} model.docString
 * @returns {Uint8Array} the serialised ModelProto
 */
export function encodeLookupModel({ tokenToRow, table, scales, dim, docString }) {
  const rowCount = scales.length;
  if (table.length !== rowCount * dim) throw new Error('table size does not match scales x dim');
  const graph = onnx.GraphProto.create({
    name: 'static_word_vectors',
    initializer: [
      tensor('token_to_row', DataType.INT32, [tokenToRow.length], tokenToRow),
      tensor('table', DataType.INT8, [rowCount, dim], table),
      tensor('row_scale', DataType.FLOAT, [rowCount, 1], scales),
    ],
    node: [
      node('Gather', ['token_to_row', 'input_ids'], ['rows']),
      node('Gather', ['table', 'rows'], ['quantized']),
      node('Cast', ['quantized'], ['dequantized_unscaled'], [
        onnx.AttributeProto.create({ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }),
      ]),
      node('Gather', ['row_scale', 'rows'], ['scale']),
      node('Mul', ['dequantized_unscaled', 'scale'], ['last_hidden_state']),
    ],
    input: [
      valueInfo('input_ids', DataType.INT64, ['batch_size', 'sequence_length']),
      valueInfo('attention_mask', DataType.INT64, ['batch_size', 'sequence_length']),
    ],
    output: [valueInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', dim])],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    producerName: 'latent-map scripts/build-model.mjs',
    docString,
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}
