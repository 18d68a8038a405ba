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

// [{inp, data}] for every input of model.json, data a typed array of the
// input's dtype read from its .bin file (size checked).
function readInputs(dir, meta, die) {
  return meta.inputs.map((inp) => {
    const Typed = TYPED[inp.dtype];
    if (!Typed) die(`input ${inp.name}: unsupported dtype ${inp.dtype}`);
    const file = path.join(dir, inp.file);
    let buf;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      die(`cannot read input file ${file}: ${e.message}`);
    }
    const n = inp.shape.reduce((a, b) => a * b, 1);
    const want = n * Typed.BYTES_PER_ELEMENT;
    if (buf.length !== want) {
      die(`${file}: ${buf.length} bytes, expected ${want} (${inp.dtype} ${JSON.stringify(inp.shape)})`);
    }
    // copy into a fresh, suitably aligned ArrayBuffer
    const ab = new ArrayBuffer(want);
    new Uint8Array(ab).set(buf);
    return { inp, data: new Typed(ab) };
  });
}

function sessionOptions(optLevel) {
  const o = { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 };
  if (optLevel) o.graphOptimizationLevel = optLevel;
  return o;
}

module.exports = { TYPED, makeDie, loadOrt, ortVersion, readModelJson, readInputs, sessionOptions };
