#!/usr/bin/env node
// ONNX Runtime oracle for the qcc end-to-end tests.
//
//   node ort_run.js OUTDIR [--model FILE] [--save-optimized FILE]
//                          [--opt-level disabled|basic|extended|all]
//
// Reads OUTDIR/model.json and OUTDIR/model.onnx (or --model FILE, e.g. the
// standard-ONNX expansion of a QONNX model), runs the model with ONNX
// Runtime (CPU, 1 intra-op / 1 inter-op thread, default graph optimization
// unless --opt-level or model.json's "ort_opt_level" gives one) on the input
// files listed in model.json and writes output i as raw little-endian bytes
// to OUTDIR/ort_output<i>.bin.
// Exits non-zero with a message on any failure.
'use strict';

const fs = require('fs');
const path = require('path');

const common = require('./ort_common');

const die = common.makeDie('ort_run');

function parseArgs(argv) {
  const opts = { outdir: null, model: null, saveOptimized: null, optLevel: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--model') opts.model = argv[++i];
    else if (a === '--save-optimized') opts.saveOptimized = argv[++i];
    else if (a === '--opt-level') opts.optLevel = argv[++i];
    else if (a.startsWith('-')) die(`unknown option ${a}`);
    else if (opts.outdir === null) opts.outdir = a;
    else die(`unexpected argument ${a}`);
  }
  if (opts.outdir === null) {
    die('usage: node ort_run.js OUTDIR [--model FILE] [--save-optimized FILE] [--opt-level LEVEL]');
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ort = common.loadOrt(die);
  const dir = opts.outdir;
  const modelPath = opts.model || path.join(dir, 'model.onnx');
  const meta = common.readModelJson(dir, die);
  if (!fs.existsSync(modelPath)) die(`missing ${modelPath}`);

  const sessOpts = common.sessionOptions(opts.optLevel || meta.ort_opt_level || null);
  if (opts.saveOptimized) sessOpts.optimizedModelFilePath = opts.saveOptimized;

  let session;
  try {
    session = await ort.InferenceSession.create(modelPath, sessOpts);
  } catch (e) {
    die(`failed to load ${modelPath}: ${e.message}`);
  }

  const feeds = {};
  for (const { inp, data, type } of common.readInputs(dir, meta, die)) {
    feeds[inp.name] = new ort.Tensor(type, data, inp.shape);
  }
  for (const name of session.inputNames) {
    if (!(name in feeds)) die(`model input '${name}' is not described in model.json`);
  }

  let results;
  const t0 = process.hrtime.bigint();
  try {
    results = await session.run(feeds);
  } catch (e) {
    die(`inference failed: ${e.message}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;

  meta.outputs.forEach((out, i) => {
    const t = results[out.name];
    if (!t) die(`ONNX Runtime produced no output named '${out.name}'`);
    const dims = Array.from(t.dims, Number);
    if (JSON.stringify(dims) !== JSON.stringify(out.shape)) {
      die(`output ${out.name}: shape ${JSON.stringify(dims)}, model.json says ${JSON.stringify(out.shape)}`);
    }
    const file = path.join(dir, `ort_output${i}.bin`);
    let bytes;
    try {
      bytes = common.outputBytes(out, t);
    } catch (e) {
      die(e.message);
    }
    try {
      fs.writeFileSync(file, bytes);
    } catch (e) {
      die(`cannot write ${file}: ${e.message}`);
    }
  });
  process.stdout.write(`ort_run: ${meta.model || path.basename(dir)}: ` +
                       `${meta.outputs.length} output(s) written, run ${ms.toFixed(1)} ms\n`);
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
