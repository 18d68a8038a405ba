#!/usr/bin/env python3
"""Benchmark qcc-compiled models against ONNX Runtime (1 thread each).

    /usr/bin/python3 bench/run.py [--models tiny_cnn,resdw,resnet18] [--rounds 5]
                                  [--native | --also-native] [--iters N]

For every model: generate it (python/qcc_models), compile it with
`qcc compile -target x86_64 -O3 [-mcpu=native]`, link bench/timer.c, then run
R rounds; each round runs the qcc harness and bench/ort_timer.js (ONNX Runtime,
intraOpNumThreads=1) for the same iteration count, alternating which one goes
first.  Reports the median of the per-round medians, the ratio qcc/ORT with
its min..max over rounds, and memory/size figures, as Markdown on stdout and
in bench/results/<date>-<host>.md (+ .json with the raw per-round numbers).

Only ratios are meaningful on a noisy machine; this script never fails because
something is slow.  It exits 1 only if a step (generate, compile, link, run)
fails.  See bench/README.md.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(HERE)
PYDIR = os.path.join(REPO, "python")
TIMER_C = os.path.join(HERE, "timer.c")
ORT_TIMER = os.path.join(HERE, "ort_timer.js")
DEFAULT_QCC = os.path.join(REPO, "build", "bin", "qcc")
DEFAULT_MODELS = ["tiny_cnn", "resdw", "resnet18"]
LLVM_BIN_DIRS = ["/usr/lib/llvm-22/bin"]
CPU_FLAGS_OF_INTEREST = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
                         "avx512vl", "avx512_vnni", "avx_vnni", "amx_int8"]


class StepError(Exception):
    pass


def log(msg):
    print("[bench] " + msg, file=sys.stderr, flush=True)


def run(cmd, what, timeout=3600, env=None, cwd=None):
    """Run cmd, return its stdout; raise StepError with its output on failure."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=timeout, env=env, cwd=cwd)
    except FileNotFoundError as e:
        raise StepError("%s: cannot execute %s (%s)" % (what, cmd[0], e))
    except subprocess.TimeoutExpired:
        raise StepError("%s: timed out after %d s" % (what, timeout))
    if p.returncode != 0:
        raise StepError("%s failed (exit %d): %s\n%s" % (
            what, p.returncode, " ".join(cmd), (p.stderr or p.stdout).strip()[-3000:]))
    return p.stdout


def last_json(text, what):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise StepError("%s printed no JSON:\n%s" % (what, text[-2000:]))


def find_tool(names):
    for name in names:
        for d in LLVM_BIN_DIRS:
            p = os.path.join(d, name)
            if os.access(p, os.X_OK):
                return p
        p = shutil.which(name)
        if p:
            return p
    return None


# ---------------------------------------------------------------------------
# sizes


def section_sizes(obj):
    """{'text': bytes, 'rodata': bytes} of an ELF object (.text* / .rodata* summed)."""
    secs = {}
    tool = find_tool(["llvm-size"])
    if tool:
        out = run([tool, "-A", obj], "llvm-size")
        for line in out.splitlines():
            f = line.split()
            if len(f) >= 2 and f[0].startswith(".") and f[1].isdigit():
                secs[f[0]] = secs.get(f[0], 0) + int(f[1])
    else:
        tool = find_tool(["llvm-objdump", "objdump"])
        if not tool:
            return {"text": None, "rodata": None, "tool": None}
        out = run([tool, "-h", obj], "objdump -h")
        for line in out.splitlines():
            f = line.split()
            if len(f) >= 3 and f[0].isdigit() and f[1].startswith("."):
                secs[f[1]] = secs.get(f[1], 0) + int(f[2], 16)

    def total(prefix):
        return sum(v for k, v in secs.items() if k == prefix or k.startswith(prefix + "."))

    return {"text": total(".text"), "rodata": total(".rodata"),
            "tool": os.path.basename(tool), "sections": secs}


def header_int(header, macro):
    with open(header) as f:
        m = re.search(r"#define\s+%s\s+(\d+)" % re.escape(macro), f.read())
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------------------
# output cross-check (sanity only: the e2e tests are the correctness tests)


def compare_outputs(meta, qcc_file, ort_file):
    import numpy as np
    out = meta["outputs"][0]
    dt = {"float32": np.float32, "uint8": np.uint8, "int8": np.int8,
          "int32": np.int32}.get(out["dtype"])
    if dt is None or not (os.path.exists(qcc_file) and os.path.exists(ort_file)):
        return None
    a = np.fromfile(qcc_file, dtype=dt).astype(np.float64)
    b = np.fromfile(ort_file, dtype=dt).astype(np.float64)
    if a.shape != b.shape:
        return {"text": "size mismatch", "max_abs": None, "lsb": None}
    d = float(np.max(np.abs(a - b))) if a.size else 0.0
    scale = out.get("scale") if out["dtype"] == "float32" else None
    lsb = d / scale if scale else (d if out["dtype"] != "float32" else None)
    if lsb is not None:
        text = "%.2g LSB" % lsb if lsb else "exact"
    else:
        text = "max|d| %.3g" % d
    return {"text": text, "max_abs": d, "lsb": lsb}


# ---------------------------------------------------------------------------
# formatting


def fmt_time(ns):
    if ns is None:
        return "-"
    if ns >= 1e9:
        return "%.2f s" % (ns / 1e9)
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    return "%.1f us" % (ns / 1e3)


def fmt_bytes(n):
    if n is None:
        return "-"
    if n >= 1 << 20:
        return "%.2f MiB" % (n / float(1 << 20))
    if n >= 1 << 10:
        return "%.1f KiB" % (n / 1024.0)
    return "%d B" % n


def fmt_kb(kb):
    return "-" if kb is None else fmt_bytes(kb * 1024)


def peak_kb(res, key, fallback):
    v = res.get(key)
    return v if v is not None and v >= 0 else res[fallback]


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# environment


def environment(args, qcc):
    env = {"host": socket.gethostname(), "date": datetime.datetime.now().isoformat(timespec="seconds"),
           "kernel": platform.release(), "machine": platform.machine(),
           "python": sys.version.split()[0]}
    try:
        with open("/proc/cpuinfo") as f:
            info = f.read()
        m = re.search(r"^model name\s*:\s*(.*)$", info, re.M)
        env["cpu"] = m.group(1).strip() if m else "unknown"
        m = re.search(r"^flags\s*:\s*(.*)$", info, re.M)
        flags = set(m.group(1).split()) if m else set()
        env["cpu_flags"] = [f for f in CPU_FLAGS_OF_INTEREST if f in flags]
    except OSError:
        env["cpu"], env["cpu_flags"] = "unknown", []
    env["nproc"] = os.cpu_count()
    try:
        env["loadavg"] = open("/proc/loadavg").read().split()[:3]
    except OSError:
        env["loadavg"] = None
    try:
        env["qcc_commit"] = run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], "git").strip()
        dirty = run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"], "git").strip()
        if dirty:
            env["qcc_commit"] += " (modified)"
    except StepError:
        env["qcc_commit"] = "unknown"
    env["qcc"] = qcc
    env["cc"] = run([args.cc, "--version"], "cc --version").splitlines()[0]
    env["node"] = run([args.node, "--version"], "node --version").strip()
    return env


# ---------------------------------------------------------------------------
# per-model steps


def prepare(model, variants, args, work, qcc):
    """Generate, compile every variant, link. Returns the model's record."""
    mdir = os.path.join(work, model)
    os.makedirs(mdir, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = PYDIR + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    log("%s: generating" % model)
    run([sys.executable, "-m", "qcc_models.gen", model, mdir], "generate " + model, env=env)
    with open(os.path.join(mdir, "model.json")) as f:
        meta = json.load(f)
    rec = {"model": model, "dir": mdir, "meta": meta,
           "onnx_bytes": os.path.getsize(os.path.join(mdir, "model.onnx")),
           "inputs": [os.path.join(mdir, i["file"]) for i in meta["inputs"]],
           "variants": {}}
    for var, flags in variants:
        vdir = os.path.join(mdir, var)
        os.makedirs(vdir, exist_ok=True)
        obj = os.path.join(vdir, "model.o")
        cmd = [qcc, "compile", os.path.join(mdir, "model.onnx"), "-target", "x86_64", "-O3"] + \
            flags + ["--name", "model", "-o", obj]
        log("%s: %s" % (model, " ".join(cmd[1:])))
        t0 = time.time()
        run(cmd, "qcc compile %s (%s)" % (model, var))
        compile_s = time.time() - t0
        # The arena's lower bound from --report (qcc's own liveness on the
        # imported graph: the largest sum of activations alive at once), in
        # a second, untimed compile.
        out = run(cmd[:-1] + [obj + ".report.o", "--report"],
                  "qcc compile --report %s (%s)" % (model, var))
        m = re.search(r"peak arena \(activations\): \d+ bytes \(lower bound (\d+) bytes", out)
        bound = int(m.group(1)) if m else None
        m = re.search(r"^total: (\d+) MACs", out, re.M)
        if m:
            rec["macs"] = int(m.group(1))
        exe = os.path.join(vdir, "timer")
        run([args.cc, "-std=c11", "-O2", "-I" + vdir, '-DQCC_HEADER="model.h"',
             TIMER_C, obj, "-o", exe], "link timer for %s (%s)" % (model, var))
        rec["variants"][var] = {
            "flags": ["-target", "x86_64", "-O3"] + flags, "exe": exe,
            "compile_s": compile_s,
            "arena_bytes": header_int(os.path.join(vdir, "model.h"), "MODEL_ARENA_BYTES"),
            "arena_lower_bound": bound,
            "sizes": section_sizes(obj), "rounds": []}
    rec["ort"] = {"rounds": []}
    return rec


def measure_peak(args, work):
    """The core's peak int8 multiply-accumulate rates from bench/ukernel_bench.c
    --peak: [(instruction sequence, G MAC/s)]."""
    exe = os.path.join(work, "ukernel_bench")
    ukdir = os.path.join(REPO, "lib", "Runtime", "ukernel")
    kernels = sorted(os.path.join(ukdir, f) for f in os.listdir(ukdir)
                     if f.endswith(".c"))
    # clang, as qcc compiles the kernels; gcc -O2 leaves the peak loop's
    # vector accumulators in memory on some versions.
    cc = shutil.which("clang-22") or shutil.which("clang") or args.cc
    run([cc, "-std=c99", "-O2", "-I" + os.path.join(REPO, "lib", "Runtime", "ukernel"),
         os.path.join(HERE, "ukernel_bench.c")] + kernels + ["-o", exe], "build ukernel_bench")
    peaks = []
    for line in run(prefix(args) + [exe, "--peak"], "ukernel_bench --peak").splitlines():
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if "peak" in j:
            peaks.append((j["peak"], j["gmacs"]))
    return peaks


def prefix(args):
    return ["taskset", "-c", str(args.cpu)] if args.cpu is not None else []


def run_qcc(rec, var, iters, warmup, args, out=None):
    cmd = prefix(args) + [rec["variants"][var]["exe"], "--iters", str(iters), "--warmup", str(warmup)]
    if out:
        cmd += ["--out", out]
    return last_json(run(cmd + rec["inputs"], "qcc timer %s (%s)" % (rec["model"], var)), "timer")


def run_ort(rec, iters, warmup, args, out=None):
    cmd = prefix(args) + [args.node, "--expose-gc", ORT_TIMER, rec["dir"],
                          "--iters", str(iters), "--warmup", str(warmup)]
    if args.ort_opt_level:
        cmd += ["--opt-level", args.ort_opt_level]
    if out:
        cmd += ["--out", out]
    return last_json(run(cmd, "ort_timer %s" % rec["model"]), "ort_timer")


def calibrate(rec, args):
    """Iterations so that the slower runner takes about --target-time s per round."""
    if args.iters:
        iters = args.iters
    else:
        slowest = run_ort(rec, 3, 1, args)["median_ns"]
        for var in rec["variants"]:
            slowest = max(slowest, run_qcc(rec, var, 3, 1, args)["median_ns"])
        iters = int(args.target_time * 1e9 / max(slowest, 1))
        iters = max(args.min_iters, min(args.max_iters, iters))
    warmup = args.warmup if args.warmup is not None else max(1, min(100, iters // 10))
    return iters, warmup


def bench_model(rec, args):
    iters, warmup = calibrate(rec, args)
    rec["iters"], rec["warmup"] = iters, warmup
    runners = list(rec["variants"]) + ["ort"]
    for r in range(args.rounds):
        order = runners if r % 2 == 0 else list(reversed(runners))
        last = r == args.rounds - 1
        for who in order:
            out = os.path.join(rec["dir"], "%s_output0.bin" % who) if last else None
            if who == "ort":
                res = run_ort(rec, iters, warmup, args, out)
                rec["ort"]["rounds"].append(res)
            else:
                res = run_qcc(rec, who, iters, warmup, args, out)
                rec["variants"][who]["rounds"].append(res)
        line = ", ".join("%s %s" % (w, fmt_time((rec["ort"] if w == "ort" else rec["variants"][w])
                                                 ["rounds"][-1]["median_ns"])) for w in runners)
        log("%s: round %d/%d (%d iters): %s" % (rec["model"], r + 1, args.rounds, iters, line))
    ort_meds = [x["median_ns"] for x in rec["ort"]["rounds"]]
    rec["ort"]["median_of_medians_ns"] = statistics.median(ort_meds)
    for var, v in rec["variants"].items():
        meds = [x["median_ns"] for x in v["rounds"]]
        v["median_of_medians_ns"] = statistics.median(meds)
        ratios = [q / o for q, o in zip(meds, ort_meds)]
        v["ratio_rounds"] = ratios
        v["ratio"] = v["median_of_medians_ns"] / rec["ort"]["median_of_medians_ns"]
        v["check"] = compare_outputs(rec["meta"], os.path.join(rec["dir"], "%s_output0.bin" % var),
                                     os.path.join(rec["dir"], "ort_output0.bin"))


# ---------------------------------------------------------------------------
# report


def ort_floor(args, work):
    """Median time of session.run on a 1-node Relu model: the per-call cost of
    onnxruntime-node itself (N-API, Promise, output tensor), which the ORT
    column includes and which dominates for tiny models."""
    import numpy as np
    from onnx import TensorProto, helper, save
    d = os.path.join(work, "_ort_floor")
    os.makedirs(d, exist_ok=True)
    shape = [1, 3, 16, 16]
    g = helper.make_graph([helper.make_node("Relu", ["input"], ["output"])], "floor",
                          [helper.make_tensor_value_info("input", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, shape)])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    save(m, os.path.join(d, "model.onnx"))
    np.zeros(shape, np.float32).tofile(os.path.join(d, "input0.bin"))
    with open(os.path.join(d, "model.json"), "w") as f:
        json.dump({"model": "ort_floor",
                   "inputs": [{"name": "input", "dtype": "float32", "shape": shape, "file": "input0.bin"}],
                   "outputs": [{"name": "output", "dtype": "float32", "shape": shape}]}, f)
    rec = {"model": "ort_floor", "dir": d}
    meds = [run_ort(rec, 3000, 300, args)["median_ns"] for _ in range(3)]
    return statistics.median(meds)


def report(recs, errors, env, args, variants):
    L = []
    L.append("# qcc vs ONNX Runtime: %s on %s" % (env["date"][:10], env["host"]))
    L.append("")
    L.append("- CPU: %s, %s logical CPUs; flags: %s" % (env["cpu"], env["nproc"], " ".join(env["cpu_flags"])))
    L.append("- load average at start: %s" % (" ".join(env["loadavg"]) if env["loadavg"] else "?"))
    L.append("- qcc %s (%s); harness built with %s -O2" % (env["qcc_commit"], env["qcc"], env["cc"]))
    ort_v = next((r["ort"]["rounds"][0].get("ort_version") for r in recs if r["ort"]["rounds"]), "?")
    L.append("- ONNX Runtime %s (onnxruntime-node, node %s), CPU EP, intraOpNumThreads=1, "
             "interOpNumThreads=1, graph optimization: %s" % (ort_v, env["node"], args.ort_opt_level or "default (all)"))
    L.append("- qcc variants: " + "; ".join("`%s` = `qcc compile -target x86_64 -O3%s`" % (
        v, "".join(" " + f for f in fl)) for v, fl in variants))
    L.append("- %d rounds, alternating which runner goes first; times are per inference, median of the "
             "per-round medians; ratio = qcc / ORT (< 1: qcc faster), min..max = per-round ratios%s"
             % (args.rounds, "; pinned to CPU %s" % args.cpu if args.cpu is not None else ""))
    if env.get("ort_floor_ns"):
        L.append("- ORT per-call floor: %s per `session.run` of a 1-node Relu model (1x3x16x16 float): the "
                 "cost of onnxruntime-node's binding, included in every ORT time below" % fmt_time(env["ort_floor_ns"]))
    L.append("")
    L.append("## Time per inference")
    L.append("")
    head = ["model", "iters x rounds", "ORT"]
    for v, _ in variants:
        head += ["qcc %s" % v, "qcc %s / ORT (min..max)" % v]
    head += ["output vs ORT"]
    rows = []
    for r in recs:
        if not r["ort"]["rounds"]:
            continue
        row = [r["model"], "%d x %d" % (r["iters"], args.rounds), fmt_time(r["ort"]["median_of_medians_ns"])]
        checks = []
        for v, _ in variants:
            x = r["variants"][v]
            row += [fmt_time(x["median_of_medians_ns"]),
                    "**%.2f** (%.2f..%.2f)" % (x["ratio"], min(x["ratio_rounds"]), max(x["ratio_rounds"]))]
            if x.get("check"):
                checks.append(x["check"]["text"] if len(variants) == 1 else "%s: %s" % (v, x["check"]["text"]))
        row.append(", ".join(checks) or "-")
        rows.append(row)
    L.append(md_table(head, rows))
    L.append("")
    if env.get("peaks") and any(r.get("macs") for r in recs):
        peak_name, peak = env["peaks"][-1]
        L.append("Achieved rate: the model's multiply-accumulates (`qcc compile --report`) over the median "
                 "time, next to this core's peak for `%s` (%.1f G MAC/s, bench/ukernel_bench.c --peak%s)."
                 % (peak_name, peak, "; also " + ", ".join("%s %.1f" % p for p in env["peaks"][:-1])
                    if len(env["peaks"]) > 1 else ""))
        L.append("")
        head = ["model", "MACs", "ORT G MAC/s"] + ["qcc %s G MAC/s (of peak)" % v for v, _ in variants]
        rows = []
        for r in recs:
            if not r.get("macs") or not r["ort"]["rounds"]:
                continue
            rate = lambda ns: r["macs"] / ns
            row = [r["model"], "%.2f G" % (r["macs"] / 1e9),
                   "%.1f (%.0f%%)" % (rate(r["ort"]["median_of_medians_ns"]),
                                      100 * rate(r["ort"]["median_of_medians_ns"]) / peak)]
            for v, _ in variants:
                x = rate(r["variants"][v]["median_of_medians_ns"])
                row.append("%.1f (%.0f%%)" % (x, 100 * x / peak))
            rows.append(row)
        L.append(md_table(head, rows))
        L.append("")
    L.append("## Memory and code size")
    L.append("")
    head = ["model", "ONNX file"]
    for v, _ in variants:
        head += ["qcc %s .text" % v, "qcc %s .rodata" % v]
    head += ["qcc arena (header)", "arena lower bound", "arena / bound", "qcc harness peak RSS", "qcc harness RSS growth in main()",
             "ORT RSS delta (create+runs)", "ORT node process peak RSS"]
    rows = []
    for r in recs:
        if not r["ort"]["rounds"]:
            continue
        v0 = r["variants"][variants[0][0]]
        q = v0["rounds"][-1]
        o = r["ort"]["rounds"]
        row = [r["model"], fmt_bytes(r["onnx_bytes"])]
        for v, _ in variants:
            s = r["variants"][v]["sizes"]
            row += [fmt_bytes(s["text"]), fmt_bytes(s["rodata"])]
        ort_delta = statistics.median([x["rss_after_kb"] - x["rss_before_kb"] for x in o])
        ort_peak = statistics.median([peak_kb(x, "vmhwm_kb", "maxrss_kb") for x in o])
        q_peak = peak_kb(q, "vmhwm_end_kb", "maxrss_end_kb")
        q_start = peak_kb(q, "vmhwm_start_kb", "maxrss_start_kb")
        lb = v0.get("arena_lower_bound")
        row += [fmt_bytes(v0["arena_bytes"]), fmt_bytes(lb) if lb else "?",
                "%.2fx" % (v0["arena_bytes"] / lb) if lb and v0["arena_bytes"] else "?",
                fmt_kb(q_peak), fmt_kb(q_peak - q_start),
                fmt_kb(ort_delta), fmt_kb(ort_peak)]
        rows.append(row)
    L.append(md_table(head, rows))
    L.append("")
    L.append("- .text / .rodata: sections of the qcc object (`%s`; .rodata includes .rodata.* and holds "
             "the weights). Arena: `MODEL_ARENA_BYTES` from the generated header. Lower bound: from "
             "`qcc compile --report`, the largest sum of the activations alive at once over the imported "
             "graph in program order, each at its stored width (one byte a value for int8); graph inputs, "
             "outputs and weights are not in it."
             % (next((r["variants"][variants[0][0]]["sizes"]["tool"] for r in recs), "llvm-size") or "?"))
    L.append("- qcc harness peak RSS: peak RSS of the whole C timer process (libc, inputs, outputs, arena "
             "and the weight pages it touched), read as VmHWM from /proc/self/status, because `getrusage` "
             "ru_maxrss is inherited from the parent (this Python script) across fork+exec on Linux; both "
             "are in the JSON. Growth in main(): peak at exit minus peak at the start of main().")
    L.append("- ORT RSS delta: node `process.memoryUsage().rss` after the timed runs minus before "
             "`InferenceSession.create` (current RSS, not a peak); ORT peak: VmHWM of the node process, "
             "including node itself (about 50 MiB before ORT is used). Medians over rounds.")
    L.append("- Output vs ORT: output 0 of the last round, qcc against ORT, in output LSBs (sanity check; "
             "the e2e tests allow 1 LSB).")
    if errors:
        L.append("")
        L.append("## Errors")
        L.append("")
        for m, e in errors:
            L.append("- %s: %s" % (m, e.splitlines()[0]))
    return "\n".join(L) + "\n"


def results_path(results_dir, env, ext):
    base = "%s-%s" % (env["date"][:10], re.sub(r"[^A-Za-z0-9_.-]", "_", env["host"]))
    n = 1
    while True:
        stem = base if n == 1 else "%s-%d" % (base, n)
        if not any(os.path.exists(os.path.join(results_dir, stem + e)) for e in (".md", ".json")):
            return os.path.join(results_dir, stem)
        n += 1


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark qcc against ONNX Runtime (1 thread).")
    ap.add_argument("--models", default=",".join(DEFAULT_MODELS),
                    help="comma-separated model names (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    ap.add_argument("--iters", type=int, default=None,
                    help="timed iterations per run (default: calibrated to --target-time)")
    ap.add_argument("--warmup", type=int, default=None,
                    help="untimed warm-up iterations per run (default: iters/10, 1..100)")
    ap.add_argument("--target-time", type=float, default=1.0,
                    help="seconds the slower runner should take per round when calibrating (default 1)")
    ap.add_argument("--min-iters", type=int, default=5)
    ap.add_argument("--max-iters", type=int, default=20000)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--native", action="store_true", help="compile with -mcpu=native instead of the generic x86-64")
    g.add_argument("--also-native", action="store_true", help="benchmark both generic x86-64 and -mcpu=native")
    ap.add_argument("--no-floor", action="store_true",
                    help="skip measuring ORT's per-call floor on a 1-node model")
    ap.add_argument("--cpu", type=int, default=None, help="pin both runners to this CPU with taskset")
    ap.add_argument("--ort-opt-level", choices=["disabled", "basic", "extended", "all"], default=None,
                    help="ORT graphOptimizationLevel (default: ORT's default, all)")
    ap.add_argument("--qcc", default=DEFAULT_QCC, help="qcc binary (default: build/bin/qcc)")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--node", default="node")
    ap.add_argument("--workdir", default=None, help="keep generated models and binaries here (default: a temp dir, removed)")
    ap.add_argument("--results-dir", default=os.path.join(HERE, "results"))
    ap.add_argument("--no-save", action="store_true", help="only print, write nothing to --results-dir")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be >= 1")

    models = [m for m in args.models.split(",") if m]
    if args.native:
        variants = [("native", ["-mcpu=native"])]
    elif args.also_native:
        variants = [("generic", []), ("native", ["-mcpu=native"])]
    else:
        variants = [("generic", [])]
    qcc = os.path.abspath(args.qcc)

    env = environment(args, qcc)
    work = args.workdir or tempfile.mkdtemp(prefix="qcc-bench-")
    os.makedirs(work, exist_ok=True)
    recs, errors = [], []
    try:
        try:
            env["peaks"] = measure_peak(args, work)
        except StepError as e:
            log("peak measurement skipped: %s" % e)
        if not args.no_floor:
            try:
                env["ort_floor_ns"] = ort_floor(args, work)
            except (StepError, ImportError) as e:
                log("ORT floor measurement skipped: %s" % e)
        for m in models:
            try:
                rec = prepare(m, variants, args, work, qcc)
                bench_model(rec, args)
                recs.append(rec)
            except StepError as e:
                log("%s: ERROR: %s" % (m, e))
                errors.append((m, str(e)))
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    md = report(recs, errors, env, args, variants)
    sys.stdout.write(md)
    if not args.no_save:
        os.makedirs(args.results_dir, exist_ok=True)
        stem = results_path(args.results_dir, env, "")
        with open(stem + ".md", "w") as f:
            f.write(md)
        raw = {"environment": env, "options": vars(args), "variants": variants,
               "models": [{k: v for k, v in r.items() if k not in ("dir", "inputs")} for r in recs],
               "errors": [{"model": m, "error": e} for m, e in errors]}
        for r in raw["models"]:
            for v in r["variants"].values():
                v.pop("exe", None)
        with open(stem + ".json", "w") as f:
            json.dump(raw, f, indent=1)
        log("wrote %s.md and %s.json" % (stem, stem))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
