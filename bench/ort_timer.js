#!/usr/bin/env node
// ONNX Runtime timing harness (bench/run.py runs it).
//
//   node bench/ort_timer.js MODELDIR [--iters N] [--warmup W] [--out FILE]
//                           [--opt-level disabled|basic|extended|all]
//
// MODELDIR holds model.onnx, model.json and the input files model.json lists
// (as written by `python3 -m qcc_models.gen`). A QONNX model comes with
// model_ort.onnx, its QONNX nodes expanded to standard ONNX ops: that is
// the one ORT runs.  Creates one session (CPU
// execution provider, intraOpNumThreads=1, interOpNumThreads=1), builds the
// input tensors once, runs W untimed warm-up calls, then N calls to
// session.run, each timed with process.hrtime.bigint().  Optionally writes
// output 0 to FILE as raw bytes.  Prints one JSON object to stdout:
// per-iteration statistics in nanoseconds and memory figures:
//   rss_before_kb      process.memoryUsage().rss before the session is created
//   rss_after_kb       the same after the timed runs
//   maxrss_kb          process.resourceUsage().maxRSS (peak; Linux carries it
//                      over from the parent across fork/exec)
//   vmhwm_kb           VmHWM of /proc/self/status (peak of this process only)
// onnxruntime-node is loaded from test/e2e/oracle/node_modules.
'use strict';

const fs = require('fs');
const path = require('path');

const common = require('../test/e2e/oracle/ort_common');

const die = common.makeDie('ort_timer');

function parseArgs(argv) {
  const o = { dir: null, iters: 100, warmup: 10, out: null, optLevel: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--iters') o.iters = parseInt(argv[++i], 10);
    else if (a === '--warmup') o.warmup = parseInt(argv[++i], 10);
    else if (a === '--out') o.out = argv[++i];
    else if (a === '--opt-level') o.optLevel = argv[++i];
    else if (a.startsWith('-')) die(`unknown option ${a}`);
    else if (o.dir === null) o.dir = a;
    else die(`unexpected argument ${a}`);
  }
  if (o.dir === null) die('usage: node ort_timer.js MODELDIR [--iters N] [--warmup W] [--out FILE]');
  if (!(o.iters >= 1) || !(o.warmup >= 0)) die('bad --iters / --warmup');
  return o;
}

function vmHwmKb() {
  try {
    const m = /^VmHWM:\s*(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? parseInt(m[1], 10) : null;
  } catch (e) {
    return null;
  }
}

function pct(sorted, p) {
  let i = Math.round((p / 100) * (sorted.length - 1));
  i = Math.max(0, Math.min(sorted.length - 1, i));
  return sorted[i];
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const ort = common.loadOrt(die);
  const meta = common.readModelJson(o.dir, die);
  const ortModel = path.join(o.dir, 'model_ort.onnx');
  const modelPath = fs.existsSync(ortModel) ? ortModel : path.join(o.dir, 'model.onnx');

  // Input data is read before the baseline so that it is not counted.
  const inputData = common.readInputs(o.dir, meta, die);

  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;

  const sessOpts = common.sessionOptions(o.optLevel);
  const tc0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(modelPath, sessOpts);
  const createNs = Number(process.hrtime.bigint() - tc0);

  const feeds = {};
  for (const { inp, data, type } of inputData) feeds[inp.name] = new ort.Tensor(type, data, inp.shape);

  let results = null;
  for (let i = 0; i < o.warmup; i++) results = await session.run(feeds);
  const t = new Array(o.iters);
  const total0 = process.hrtime.bigint();
  for (let i = 0; i < o.iters; i++) {
    const t0 = process.hrtime.bigint();
    results = await session.run(feeds);
    t[i] = Number(process.hrtime.bigint() - t0);
  }
  const totalNs = Number(process.hrtime.bigint() - total0);
  const rssAfter = process.memoryUsage().rss;
  const maxRss = process.resourceUsage().maxRSS;
  const vmHwm = vmHwmKb();

  if (o.out) {
    const d = results[meta.outputs[0].name].data;
    fs.writeFileSync(o.out, Buffer.from(d.buffer, d.byteOffset, d.byteLength));
  }

  const sorted = t.slice().sort((a, b) => a - b);
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  const res = {
    runner: 'ort',
    ort_version: common.ortVersion(),
    node_version: process.version,
    iters: o.iters,
    warmup: o.warmup,
    median_ns: pct(sorted, 50),
    min_ns: sorted[0],
    mean_ns: mean,
    p10_ns: pct(sorted, 10),
    p90_ns: pct(sorted, 90),
    max_ns: sorted[sorted.length - 1],
    total_ns: totalNs,
    session_create_ns: createNs,
    rss_before_kb: Math.round(rssBefore / 1024),
    rss_after_kb: Math.round(rssAfter / 1024),
    maxrss_kb: maxRss,
    vmhwm_kb: vmHwm,
  };
  process.stdout.write(JSON.stringify(res) + '\n');
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
