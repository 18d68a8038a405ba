#!/usr/bin/env python3
"""Differential random-graph tester for qcc (issue 8).

    /usr/bin/python3 python/qcc_difftest.py --count N --seed S [--aarch64-sample K]
        [--jobs J] [--keep DIR] [--qcc build/bin/qcc] [--kinds qonnx,qdq,qop]
    /usr/bin/python3 python/qcc_difftest.py --seed S --index I [--aarch64]   # one case, verbose
    /usr/bin/python3 python/qcc_difftest.py --replay DIR/case_N [--aarch64]  # a saved case

Generates N random valid quantized ONNX graphs (python/qcc_models/difftest.py:
QONNX, QDQ and QOperator forms; case i is a function of (S, i) only), runs
each with ONNX Runtime (the oracle; all of them in one node process,
test/e2e/oracle/ort_batch.js) and compiled by qcc for x86-64, linked with
test/e2e/driver.c; K of them (a sample fixed by S) also for AArch64, linked
static and run under qemu-aarch64, which must be bit-identical to x86-64.

Each graph carries its tolerance (model.json "difftest": tol_lsb and why):
0 LSB when ONNX Runtime's float32 arithmetic is exact (power-of-two scales,
constants on the accumulator grid), 1 LSB when its last layer is not.
Integer outputs: exact (tol 0) or within 1; int32 outputs: exact.

A failure (an output outside its tolerance, AArch64 != x86-64, qcc refusing
or crashing on a graph, the compiled model crashing) prints the seed, the
index, the form and a one-line summary, and saves the case (model, inputs,
ONNX Runtime's and qcc's outputs) under --keep DIR/case_<index>, to replay
with --replay.  Exit status 0 only if every graph matched.  Last line:

    difftest: N graphs, M mismatches, K refused
"""
import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(HERE)
E2E_DIR = os.path.join(REPO, "test", "e2e")
ORT_BATCH = os.path.join(E2E_DIR, "oracle", "ort_batch.js")
sys.path.insert(0, HERE)
sys.path.insert(0, E2E_DIR)

import numpy as np  # noqa: E402

import e2e  # noqa: E402  (test/e2e/e2e.py: running, loading and comparing outputs)
from qcc_models import difftest  # noqa: E402
from qcc_models.oracle import write_oracle_model  # noqa: E402

e2e.log = lambda msg: None   # e2e's per-step log lines: too much for hundreds of graphs
# e2e's driver flags, but -O0: the driver's own speed does not matter and
# compiling it is a good part of the time a small graph takes
DRIVER_CFLAGS = [f for f in e2e.CFLAGS if not f.startswith("-O")] + ["-O0"]


class Opts(object):
    """What e2e.run_model reads from its args."""

    def __init__(self, timeout):
        self.timeout = timeout


# ---------------------------------------------------------------------------
# one case: qcc compile, link, run (in a worker process)
# ---------------------------------------------------------------------------

def _first_error_line(text):
    for line in (text or "").splitlines():
        if "error" in line:
            return line.strip()
    lines = [l for l in (text or "").splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


def build_and_run(casedir, meta, tools, target, timeout, times=None):
    """Compiles casedir/model.onnx for target, links, runs.  Returns
    (status, message, outputs): status 'ok', 'refused' (qcc exit 1 with an
    error message), 'crash' (qcc killed or another exit status), 'link' or
    'run' (the compiled model failed)."""
    sub = "x86" if target == "x86_64" else "a64"
    outdir = os.path.join(casedir, sub)
    os.makedirs(outdir, exist_ok=True)
    obj = os.path.join(outdir, "model.o")
    times = {} if times is None else times
    t0 = time.time()
    cmd = [tools["qcc"], "compile", os.path.join(casedir, "model.onnx"), "-target", target,
           "-o", obj, "--name", "model"]
    for attempt in range(120):
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True, timeout=timeout)
            break
        except subprocess.TimeoutExpired:
            return "crash", "qcc compile (%s) timed out after %d s" % (target, timeout), None
        except OSError:
            # qcc missing or being relinked (ETXTBSY, EACCES, ENOENT): wait for it
            time.sleep(2)
    else:
        return "crash", "cannot execute %s for 4 minutes" % tools["qcc"], None
    times["qcc"] = times.get("qcc", 0.0) + time.time() - t0
    if p.returncode != 0:
        msg = _first_error_line(p.stderr) or _first_error_line(p.stdout)
        if p.returncode == 1 and "error" in p.stderr:
            return "refused", "qcc (%s) refused: %s" % (target, msg), None
        return "crash", "qcc (%s) exit status %d: %s" % (target, p.returncode, msg), None
    if not os.path.isfile(obj) or not os.path.isfile(os.path.join(outdir, "model.h")):
        return "crash", "qcc (%s) succeeded but wrote no object/header" % target, None
    exe = os.path.join(outdir, "run")
    cc = tools["cc"] if target == "x86_64" else tools["a64cc"]
    ldflags = [] if target == "x86_64" else ["-static"]
    t0 = time.time()
    try:
        e2e.run([cc] + DRIVER_CFLAGS + ldflags + ["-I" + outdir, '-DQCC_HEADER="model.h"',
                                              e2e.DRIVER, obj, "-o", exe],
                "build driver (%s)" % target, timeout)
    except e2e.Failure as e:
        return "link", str(e).splitlines()[0], None
    times["link"] = times.get("link", 0.0) + time.time() - t0
    t0 = time.time()
    prefix = [] if target == "x86_64" else [tools["qemu"]]
    try:
        outs = e2e.run_model(Opts(timeout), meta, casedir, outdir, exe, prefix, target)
    except e2e.Failure as e:
        return "run", " ".join(str(e).split("\n")[:3]), None
    times["run"] = times.get("run", 0.0) + time.time() - t0
    return "ok", "", outs


def worker(task):
    try:
        return _worker(task)
    except Exception as e:   # the tester's own failure: report it with the case
        return {"dir": task[0], "x86": ("crash", "difftest internal error: %s: %s"
                                       % (type(e).__name__, e)),
                "a64": None, "times": {}, "seconds": 0.0}


def _worker(task):
    casedir, meta, tools, a64, timeout = task
    t0 = time.time()
    res = {"dir": casedir, "x86": None, "a64": None, "times": {}}
    res["x86"] = build_and_run(casedir, meta, tools, "x86_64", timeout, res["times"])[:2]
    if a64 and res["x86"][0] == "ok":
        res["a64"] = build_and_run(casedir, meta, tools, "aarch64", timeout,
                                   res["times"])[:2]
    res["seconds"] = time.time() - t0
    return res


# ---------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------

def load_outputs(casedir, meta, pattern):
    return [e2e.load_output(os.path.join(casedir, pattern % i), d)
            for i, d in enumerate(meta["outputs"])]


def compare(casedir, meta, a64):
    """[(ok, text)] per check: x86-64 vs ORT for every output, then
    aarch64 vs x86-64."""
    tol = meta["difftest"]["tol_lsb"]
    checks = []
    ort = load_outputs(casedir, meta, "ort_output%d.bin")
    x86 = load_outputs(casedir, meta, os.path.join("x86", "output%d.bin"))
    for i, d in enumerate(meta["outputs"]):
        got, ref = x86[i], ort[i]
        if d["dtype"] in ("uint8", "int8"):
            diff = np.abs(got.astype(np.int64) - ref.astype(np.int64))
            bad = diff > tol
            n, maxd, shown = e2e.describe_mismatch(bad, diff, got.shape)
            text = "max |diff| %d, %d/%d elements outside tolerance [|diff| <= %d]" % (
                maxd, n, got.size, tol)
            if n:
                text += "; first: " + ", ".join("%s qcc=%d ort=%d" % (
                    e2e._fmt_index(t), got[t], ref[t]) for t in shown[:4])
            ok = n == 0
        else:
            ok, text = e2e.compare_with_ort(got, ref, d, tol)
            text = text.replace("\n      ", "; ")
        checks.append((ok, "output %d '%s' %s: %s" % (i, d["name"], d["shape"], text)))
    if a64:
        arm = load_outputs(casedir, meta, os.path.join("a64", "output%d.bin"))
        for i, d in enumerate(meta["outputs"]):
            ok, text = e2e.compare_bitexact(arm[i], x86[i])
            checks.append((ok, "aarch64 vs x86-64 output %d '%s': %s"
                           % (i, d["name"], text.replace("\n      ", "; "))))
    return checks


def max_lsb(casedir, meta):
    """Largest |x86 - ORT| over the outputs, in LSBs (units for integers)."""
    worst = 0.0
    try:
        ort = load_outputs(casedir, meta, "ort_output%d.bin")
        x86 = load_outputs(casedir, meta, os.path.join("x86", "output%d.bin"))
    except e2e.Failure:
        return None
    for d, a, b in zip(meta["outputs"], x86, ort):
        diff = np.abs(a.astype(np.float64) - b.astype(np.float64))
        if diff.size:
            unit = d.get("scale") or 1.0
            worst = max(worst, float(diff.max()) / unit)
    return worst


# ---------------------------------------------------------------------------
# ONNX Runtime, batch
# ---------------------------------------------------------------------------

def run_ort_batch(tools, dirs, workdir, timeout):
    """{dir: None (ok) or error message}."""
    # ORT reads weights it would multiply with its saturating uint8 x int8
    # kernels in their activation's signedness (qcc_models/oracle.py).
    failed = {}
    for d in dirs:
        try:
            write_oracle_model(d)
        except Exception as e:  # reported for this case, not the batch
            failed[d] = "cannot write the oracle's model: %s: %s" % (type(e).__name__, e)
    dirs = [d for d in dirs if d not in failed]
    listfile = os.path.join(workdir, "ort_batch.list")
    with open(listfile, "w") as f:
        f.write("\n".join(dirs) + "\n")
    p = subprocess.run([tools["node"], ORT_BATCH, "--list", listfile], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True, timeout=timeout)
    status = {d: "ONNX Runtime did not report on it (%s)" % _first_error_line(p.stderr)
              for d in dirs}
    for line in p.stdout.splitlines():
        parts = line.split(" ", 2)
        if len(parts) >= 2 and parts[1] in status:
            status[parts[1]] = None if parts[0] == "ok" else (parts[2] if len(parts) > 2
                                                              else "error")
    status.update(failed)
    return status


# ---------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------

def find_tools(args, need_a64):
    tools = {"qcc": os.path.abspath(args.qcc), "node": e2e.find_tool(args.node, "node"),
             "cc": e2e.find_tool(args.cc, "C compiler")}
    for _ in range(60):   # the lead may be relinking qcc: wait for it
        if os.path.isfile(tools["qcc"]) and os.access(tools["qcc"], os.X_OK):
            break
        time.sleep(5)
    tools["qcc"] = e2e.find_tool(tools["qcc"], "qcc")
    if need_a64:
        tools["a64cc"] = e2e.find_tool(args.aarch64_cc, "aarch64 cross compiler")
        tools["qemu"] = e2e.find_tool(args.qemu, "qemu-aarch64")
    return tools


def save_failure(keep, casedir, meta, lines):
    dt = meta["difftest"]
    dest = os.path.join(keep, "case_%d" % dt["index"])
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(casedir, dest, ignore=shutil.ignore_patterns("run", "*.o"))
    with open(os.path.join(dest, "FAILURE.txt"), "w") as f:
        f.write("seed %d index %d (%s, tolerance %d LSB: %s)\n%s\nfeatures: %s\n\n"
                % (dt["seed"], dt["index"], dt["kind"], dt["tol_lsb"], dt["why_tol"],
                   dt["summary"], " ".join(dt["features"])))
        f.write("\n".join(lines) + "\n\n")
        f.write("replay:      /usr/bin/python3 python/qcc_difftest.py --replay %s\n" % dest)
        f.write("regenerate:  /usr/bin/python3 python/qcc_difftest.py --seed %d --index %d"
                " --avoid %s\n" % (dt["seed"], dt["index"], ",".join(dt["avoided"]) or "none"))
        f.write("as a lit regression test: copy this directory to test/difftest/Inputs/"
                "case_%d and\n  # RUN: %%python %%qcc_src/python/qcc_difftest.py --qcc %%qcc"
                " --replay %%S/Inputs/case_%d\n" % (dt["index"], dt["index"]))
    return dest


def judge(casedir, meta, res, ort_err):
    """(category, lines): category None (pass), 'mismatch', 'refused', 'oracle'."""
    if ort_err:
        return "oracle", ["ONNX Runtime failed on the graph (a generator bug?): " + ort_err]
    st, msg = res["x86"]
    if st in ("refused", "crash"):
        return "refused", [msg]
    if st != "ok":
        return "mismatch", ["x86-64 %s failure: %s" % (st, msg)]
    a64 = res.get("a64")
    if a64 and a64[0] in ("refused", "crash"):
        return "refused", [a64[1]]
    if a64 and a64[0] != "ok":
        return "mismatch", ["aarch64 %s failure: %s" % (a64[0], a64[1])]
    try:
        checks = compare(casedir, meta, bool(a64))
    except e2e.Failure as e:
        return "mismatch", [str(e)]
    bad = [t for ok, t in checks if not ok]
    return ("mismatch" if bad else None), (bad or [t for _, t in checks])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--index", type=int, default=None,
                    help="run only case INDEX of --seed, verbosely")
    ap.add_argument("--first", type=int, default=0, help="first index (default 0)")
    ap.add_argument("--aarch64-sample", type=int, default=0, metavar="K",
                    help="also run K of the graphs for aarch64 under qemu")
    ap.add_argument("--aarch64", action="store_true",
                    help="with --index/--replay: also aarch64")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default="/tmp/qcc-difftest-fail")
    ap.add_argument("--workdir", default=None, help="default: a temporary directory, removed")
    ap.add_argument("--qcc", default=os.path.join(REPO, "build", "bin", "qcc"))
    ap.add_argument("--kinds", default=",".join(difftest.KINDS))
    ap.add_argument("--max-layers", type=int, default=6,
                    help="layers of the main chain: 2 to this (default 6)")
    ap.add_argument("--avoid", default=",".join(difftest.DEFAULT_AVOID),
                    help="features not to generate, comma-separated, 'none' for none "
                         "(default: %(default)s); known: " + "; ".join(
                             "%s: %s" % kv for kv in sorted(difftest.AVOIDABLE.items())))
    ap.add_argument("--replay", default=None, metavar="DIR/case_N")
    ap.add_argument("--node", default="node")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--aarch64-cc", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--qemu", default="qemu-aarch64")
    ap.add_argument("--timeout", type=int, default=300, help="per external command")
    args = ap.parse_args(argv)
    t_start = time.time()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    for k in kinds:
        if k not in difftest.KINDS:
            ap.error("unknown kind %r" % k)
    avoid = tuple(a for a in args.avoid.split(",") if a and a != "none")
    for a in avoid:
        if a not in difftest.AVOIDABLE:
            ap.error("unknown --avoid feature %r" % a)

    verbose = args.replay is not None or args.index is not None
    try:
        tools = find_tools(args, args.aarch64_sample > 0 or args.aarch64)
    except e2e.Failure as e:
        print("difftest: " + str(e), file=sys.stderr)
        return 1
    own_workdir = args.workdir is None
    workdir = tempfile.mkdtemp(prefix="qcc-difftest-") if own_workdir else args.workdir
    os.makedirs(workdir, exist_ok=True)

    # -- the cases ---------------------------------------------------------
    cases = []        # (casedir, meta, aarch64?)
    gen_fail = []
    if args.replay:
        src = os.path.abspath(args.replay)
        casedir = os.path.join(workdir, os.path.basename(src.rstrip("/")))
        shutil.rmtree(casedir, ignore_errors=True)
        shutil.copytree(src, casedir, ignore=shutil.ignore_patterns(
            "x86", "a64", "ort_output*.bin", "FAILURE.txt"))
        with open(os.path.join(casedir, "model.json")) as f:
            cases.append((casedir, json.load(f), args.aarch64))
    else:
        indices = [args.index] if args.index is not None else \
            list(range(args.first, args.first + args.count))
        rs = np.random.default_rng([args.seed, 0xa64])
        k = min(args.aarch64_sample, len(indices))
        a64set = set(int(i) for i in rs.choice(indices, k, replace=False)) if k else set()
        if args.index is not None and args.aarch64:
            a64set = {args.index}
        for i in indices:
            casedir = os.path.join(workdir, "case_%d" % i)
            try:
                meta = difftest.generate(args.seed, i, casedir, kinds, avoid=avoid,
                                         max_layers=args.max_layers)
            except Exception as e:   # the generator itself is broken
                gen_fail.append(i)
                print("GENERATOR ERROR seed %d index %d: %s: %s"
                      % (args.seed, i, type(e).__name__, e), flush=True)
                continue
            cases.append((casedir, meta, i in a64set))
    t_gen = time.time() - t_start

    # -- ONNX Runtime (one node process, while the workers compile) ----------
    pool = multiprocessing.Pool(max(1, args.jobs))
    tasks = [(d, m, tools, a, args.timeout) for d, m, a in cases]
    async_res = pool.map_async(worker, tasks, chunksize=1)
    t0 = time.time()
    ort_status = run_ort_batch(tools, [d for d, _, _ in cases], workdir,
                               max(600, 10 * len(cases)))
    t_ort = time.time() - t0
    results = async_res.get()
    pool.close()
    pool.join()

    # -- verdicts ------------------------------------------------------------
    n_mis = n_ref = n_orc = 0
    for (casedir, meta, a64), res in zip(cases, results):
        dt = meta["difftest"]
        cat, lines = judge(casedir, meta, res, ort_status.get(casedir))
        head = "seed %d index %d %s (tol %d)%s: %s" % (
            dt["seed"], dt["index"], dt["kind"], dt["tol_lsb"], " +aarch64" if a64 else "",
            dt["summary"])
        if cat is None:
            if verbose:
                print("PASS " + head)
                for l in lines:
                    print("  " + l)
            continue
        if cat == "mismatch":
            n_mis += 1
            lsb = max_lsb(casedir, meta)
            if lsb is not None:
                lines = lines + ["max |qcc - ort| over the outputs: %.4g LSB" % lsb]
        elif cat == "refused":
            n_ref += 1
        else:
            n_orc += 1
        print("%s %s" % ({"mismatch": "MISMATCH", "refused": "REFUSED",
                          "oracle": "ORACLE-ERROR"}[cat], head))
        for l in lines:
            print("  " + l)
        if args.replay is None:
            dest = save_failure(args.keep, casedir, meta, [cat] + lines)
            print("  saved: %s  (replay: --replay %s)" % (dest, dest))
        sys.stdout.flush()

    times = [r["seconds"] for r in results]
    n = len(cases) + len(gen_fail)
    stages = {}
    for r in results:
        for k, v in r["times"].items():
            stages[k] = stages.get(k, 0.0) + v
    print("difftest: timing: %.1f s total; generation %.1f s, ONNX Runtime %.1f s, "
          "compile+link+run %.2f s a graph (mean, %d jobs; %s), %d on aarch64"
          % (time.time() - t_start, t_gen, t_ort, (sum(times) / len(times)) if times else 0,
             args.jobs, ", ".join("%s %.1f s" % kv for kv in sorted(stages.items())),
             sum(1 for _, _, a in cases if a)), file=sys.stderr)
    if n_orc or gen_fail:
        print("difftest: %d generator/oracle errors (count as failures)"
              % (n_orc + len(gen_fail)))
    if own_workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    print("difftest: %d graphs, %d mismatches, %d refused" % (n, n_mis, n_ref))
    return 0 if (n_mis == 0 and n_ref == 0 and n_orc == 0 and not gen_fail) else 1


if __name__ == "__main__":
    sys.exit(main())
