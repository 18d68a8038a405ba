#!/usr/bin/env node
// ONNX Runtime oracle, batch mode: many models in one node process (the
// differential tester, python/qcc_difftest.py, runs hundreds of small ones).
//
//   node ort_batch.js DIR...          (or: node ort_batch.js --list FILE)
//
// For each DIR, exactly as ort_run.js does for one: reads DIR/model.json,
// runs DIR/model_ort.onnx when it exists (a QONNX model expanded to standard
// ONNX), else DIR/model.onnx, with ONNX Runtime (CPU, 1 intra-op / 1 inter-op
// thread, default graph optimization) on the inputs model.json lists, and
// writes output i to DIR/ort_output<i>.bin.  model.json may name the graph
// optimization level ("ort_opt_level": disabled|basic|extended|all; the
// differential tester asks for 'basic' for QDQ graphs, where ORT's QDQ
// fusions are not the QDQ semantics).  A failing model does not stop
// the batch: one line per model on standard output,
//   ok DIR
//   error DIR <message on one line>
// Exit status 0 when every model ran, 1 otherwise.
'use strict';

const fs = require('fs');
const path = require('path');

const common = require('./ort_common');

const die = common.makeDie('ort_batch');

class ModelError extends Error {}

function fail(msg) {
  throw new ModelError(msg);
}

async function runOne(ort, dir) {
  const meta = common.readModelJson(dir, fail);
  let modelPath = path.join(dir, 'model_ort.onnx');
  if (!fs.existsSync(modelPath)) modelPath = path.join(dir, 'model.onnx');
  if (!fs.existsSync(modelPath)) fail(`missing ${modelPath}`);
  let session;
  try {
    session = await ort.InferenceSession.create(modelPath,
                                                common.sessionOptions(meta.ort_opt_level || null));
  } catch (e) {
    fail(`failed to load ${modelPath}: ${e.message}`);
  }
  const feeds = {};
  for (const { inp, data, type } of common.readInputs(dir, meta, fail)) {
    feeds[inp.name] = new ort.Tensor(type, data, inp.shape);
  }
  for (const name of session.inputNames) {
    if (!(name in feeds)) fail(`model input '${name}' is not described in model.json`);
  }
  let results;
  try {
    results = await session.run(feeds);
  } catch (e) {
    fail(`inference failed: ${e.message}`);
  }
  meta.outputs.forEach((out, i) => {
    const t = results[out.name];
    if (!t) fail(`ONNX Runtime produced no output named '${out.name}'`);
    const dims = Array.from(t.dims, Number);
    if (JSON.stringify(dims) !== JSON.stringify(out.shape)) {
      fail(`output ${out.name}: shape ${JSON.stringify(dims)}, model.json says ${JSON.stringify(out.shape)}`);
    }
    let bytes;
    try {
      bytes = common.outputBytes(out, t);
    } catch (e) {
      fail(e.message);
    }
    fs.writeFileSync(path.join(dir, `ort_output${i}.bin`), bytes);
  });
  if (session.release) await session.release();
}

async function main() {
  const argv = process.argv.slice(2);
  let dirs = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') {
      dirs = dirs.concat(fs.readFileSync(argv[++i], 'utf8').split('\n').filter((l) => l.trim()));
    } else if (argv[i].startsWith('-')) {
      die(`unknown option ${argv[i]}`);
    } else {
      dirs.push(argv[i]);
    }
  }
  if (!dirs.length) die('usage: node ort_batch.js DIR... | --list FILE');
  const ort = common.loadOrt(die);
  let failed = 0;
  for (const dir of dirs) {
    try {
      await runOne(ort, dir);
      process.stdout.write(`ok ${dir}\n`);
    } catch (e) {
      failed++;
      const msg = (e instanceof ModelError ? e.message : (e && e.stack) || String(e));
      process.stdout.write(`error ${dir} ${msg.replace(/\s*\n\s*/g, ' | ')}\n`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
