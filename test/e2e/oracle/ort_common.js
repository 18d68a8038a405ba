// Shared by the e2e oracle (ort_run.js) and the benchmark (bench/ort_timer.js):
// loading onnxruntime-node, reading the inputs model.json describes, and the
// session options (CPU, one thread) both use.
'use strict';

const fs = require('fs');
const path = require('path');

const TYPED = {
  float32: Float32Array,
  float16: Uint16Array, // IEEE binary16 bits
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
};

function makeDie(tool) {
  return (msg) => {
    process.stderr.write(`${tool}: error: ${msg}\n`);
    process.exit(1);
  };
}

function loadOrt(die) {
  try {
    return require(path.join(__dirname, 'node_modules', 'onnxruntime-node'));
  } catch (e) {
    die(`cannot load onnxruntime-node (${e.message}); run ` +
        `'npm install --ignore-scripts --no-audit --no-fund' in ${__dirname}`);
  }
  return null;
}

function ortVersion() {
  try {
    const p = path.join(__dirname, 'node_modules', 'onnxruntime-node', 'package.json');
    return JSON.parse(fs.readFileSync(p, 'utf8')).version;
  } catch (e) {
    return 'unknown';
  }
}

function readModelJson(dir, die) {
  const jsonPath = path.join(dir, 'model.json');
  try {
    return JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  } catch (e) {
    die(`cannot read ${jsonPath}: ${e.message}`);
  }
  return null;
}

// int4 / uint4 tensors: files hold them as ONNX and qcc's ABI do, two
// values a byte in row-major order, the first in the low nibble.
// onnxruntime-node has no int4 tensors, so ORT runs a model whose int4
// edges are int8 ones with a Cast (python/qcc_models/oracle.py,
// with_int8_edges): ORT is fed and gives the values one a byte.
const PACKED4 = { int4: 'int8', uint4: 'uint8' };

function unpack4(buf, n, signed) {
  const out = signed ? new Int8Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const nib = (buf[i >> 1] >> (4 * (i & 1))) & 15;
    out[i] = signed && nib >= 8 ? nib - 16 : nib;
  }
  return out;
}

function pack4(values) {
  const out = new Uint8Array((values.length + 1) >> 1);
  for (let i = 0; i < values.length; i++) out[i >> 1] |= (values[i] & 15) << (4 * (i & 1));
  return out;
}

// [{inp, data, type}] for every input of model.json: data a typed array read
// from its .bin file (size checked), type the ORT tensor type to feed it as.
function readInputs(dir, meta, die) {
  return meta.inputs.map((inp) => {
    const packed = PACKED4[inp.dtype];
    const Typed = TYPED[packed || inp.dtype];
    if (!Typed) die(`input ${inp.name}: unsupported dtype ${inp.dtype}`);
    const file = path.join(dir, inp.file);
    let buf;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      die(`cannot read input file ${file}: ${e.message}`);
    }
    const n = inp.shape.reduce((a, b) => a * b, 1);
    const want = packed ? (n + 1) >> 1 : n * Typed.BYTES_PER_ELEMENT;
    if (buf.length !== want) {
      die(`${file}: ${buf.length} bytes, expected ${want} (${inp.dtype} ${JSON.stringify(inp.shape)})`);
    }
    if (packed) return { inp, data: unpack4(buf, n, inp.dtype === 'int4'), type: packed };
    // copy into a fresh, suitably aligned ArrayBuffer
    const ab = new ArrayBuffer(want);
    new Uint8Array(ab).set(buf);
    return { inp, data: new Typed(ab), type: inp.dtype };
  });
}

// The bytes of output `out` (model.json) that ORT computed as tensor `t`;
// throws if its type is not the one model.json says.
function outputBytes(out, t) {
  const packed = PACKED4[out.dtype];
  if (t.type !== (packed || out.dtype)) {
    throw new Error(`output ${out.name}: dtype ${t.type}, model.json says ${out.dtype}`);
  }
  const data = packed ? pack4(t.data) : t.data;
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function sessionOptions(optLevel) {
  const o = { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 };
  if (optLevel) o.graphOptimizationLevel = optLevel;
  return o;
}

module.exports = {
  TYPED, makeDie, loadOrt, ortVersion, readModelJson, readInputs, outputBytes, sessionOptions,
};
