#!/usr/bin/env python3
"""End-to-end test of qcc against ONNX Runtime.

    /usr/bin/python3 test/e2e/e2e.py MODEL --workdir DIR --qcc PATH/TO/qcc [--aarch64]

Stages:
  1. generate MODEL (python/qcc_models) into DIR
  2. run ONNX Runtime (test/e2e/oracle/ort_run.js, node) -> DIR/ort_output<i>.bin;
     it runs DIR/model_ort.onnx instead of DIR/model.onnx when the generator
     wrote one (QONNX models: their custom ops expanded to standard ONNX)
  3. qcc compile DIR/model.onnx -target x86_64 -o DIR/x86/model.o --name model
  4. build test/e2e/driver.c + model.o with cc, check the header against
     model.json (run --info), run it (twice, every buffer between PROT_NONE
     guard pages, flush against the upper then the lower guard: an
     out-of-bounds access is a SIGSEGV and fails the test), compare every
     output with ORT:
       dequantized float outputs: |qcc - ort| <= tol_lsb * scale + 4 float32 ulps
       uint8 / int8 outputs:      |qcc - ort| <= 1 (also uint16 / int16, and
                                  int4 / uint4, packed two a byte, whose
                                  padding nibble must be 0)
       int32/int64 outputs:       exact
       outputs model.json marks "exact": bit-identical
  5. with --aarch64: the same for -target aarch64, linked with
     aarch64-linux-gnu-gcc -static, run under qemu-aarch64; its outputs must be
     bit-identical to the x86-64 ones.
  with --io-quantized: every build uses `qcc compile --io=quantized`; the
     oracle is the model with its QuantizeLinear outputs (of graph inputs)
     and DequantizeLinear inputs (of graph outputs) as graph outputs
     (test/e2e/quantized_io_lib.py): ORT's quantized inputs are fed to qcc,
     ORT's quantized outputs compared (|qcc - ort| <= 1), and model.h's
     _SCALE / _ZERO_POINT checked against the model's.
  6. with --cortex-m CORES (m0,m4,m7,m33,m55; all = m4,m7,m33,m55): for each core, qcc
     compile for its triple and CPU, check the object's undefined symbols
     (memcpy/memset and __aeabi_* only), link a firmware image
     (test/e2e/fw_driver.c, examples/firmware/) with arm-none-eabi-gcc, run
     it under qemu-system-arm (test/e2e/cortex_m_lib.py); its outputs must be
     bit-identical to the x86-64 ones, and the stack its first run used
     (painted and scanned by fw_driver.c) at most the bound `qcc --report`
     computed, plus 64 bytes for the library functions it calls.
Exit status 0 = pass, 1 = failure (including a missing tool).
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PYDIR = os.path.join(REPO, "python")
ORACLE_DIR = os.path.join(HERE, "oracle")
ORT_RUN = os.path.join(ORACLE_DIR, "ort_run.js")
DRIVER = os.path.join(HERE, "driver.c")
CFLAGS = ["-std=c99", "-O2", "-Wall", "-Werror"]


class Failure(Exception):
    pass


def log(msg):
    print("[e2e] " + msg, flush=True)


def _tail(text, n=40):
    lines = (text or "").rstrip().splitlines()
    if len(lines) > n:
        lines = ["  ... (%d lines omitted)" % (len(lines) - n)] + lines[-n:]
    return "\n".join("    " + l for l in lines)


def run(cmd, what, timeout, cwd=None):
    """Run cmd; raise Failure with its output if it fails."""
    log("  $ " + " ".join(_quote(c) for c in cmd))
    t0 = time.time()
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True,
                           timeout=timeout)
    except FileNotFoundError as e:
        raise Failure("%s: cannot execute %s (%s)" % (what, cmd[0], e))
    except subprocess.TimeoutExpired:
        raise Failure("%s: timed out after %d s" % (what, timeout))
    dt = time.time() - t0
    if p.returncode != 0:
        msg = "%s failed (exit status %d)" % (what, p.returncode)
        if p.returncode < 0:
            try:
                sig = signal.Signals(-p.returncode).name
            except ValueError:
                sig = "signal %d" % -p.returncode
            msg = "%s failed: killed by %s" % (what, sig)
            if -p.returncode in (signal.SIGSEGV, signal.SIGBUS):
                msg += (" (the driver maps every buffer between PROT_NONE guard "
                        "pages: an out-of-bounds access by the generated code?)")
        if p.stdout.strip():
            msg += "\n  stdout:\n" + _tail(p.stdout)
        if p.stderr.strip():
            msg += "\n  stderr:\n" + _tail(p.stderr)
        raise Failure(msg)
    return p, dt


def _quote(s):
    if s and all(c.isalnum() or c in "-_./=:,+@%\"" for c in s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def find_tool(tool, what):
    """Absolute path of an executable (path or name on PATH) or Failure."""
    if os.sep in tool:
        if os.path.isfile(tool) and os.access(tool, os.X_OK):
            return os.path.abspath(tool)
        raise Failure("missing tool: %s (%s) is not an executable file" % (what, tool))
    p = shutil.which(tool)
    if not p:
        raise Failure("missing tool: %s ('%s' not found on PATH)" % (what, tool))
    return p


# ---------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------

def _np():
    import numpy
    # Comparisons handle NaN and infinity explicitly (float16 edge tests).
    numpy.seterr(invalid="ignore", over="ignore")
    return numpy


DTYPES = {"float32": "<f4", "float16": "<f2", "uint8": "u1", "int8": "i1", "uint16": "<u2", "int16": "<i2", "int32": "<i4",
          "int64": "<i8"}


# int4 / uint4: two values a byte, the first in the low nibble (as ONNX
# stores them); compared as int8 / uint8 values.
PACKED4 = {"int4": True, "uint4": False}


def decode_output(raw, desc, where):
    """The values of output `desc` (model.json) from its file's bytes."""
    np = _np()
    n = 1
    for d in desc["shape"]:
        n *= d
    if desc["dtype"] in PACKED4:
        want = (n + 1) // 2
    else:
        dt = np.dtype(DTYPES[desc["dtype"]])
        want = n * dt.itemsize
    if len(raw) != want:
        raise Failure("%s: %d bytes, expected %d (%s %s)"
                      % (where, len(raw), want, desc["dtype"], desc["shape"]))
    if desc["dtype"] not in PACKED4:
        return np.frombuffer(raw, dtype=dt).reshape(desc["shape"])
    b = np.frombuffer(raw, dtype=np.uint8)
    if n % 2 and b[-1] >> 4:
        raise Failure("%s: %s: the padding nibble of the last byte is %d, not 0"
                      % (where, desc["dtype"], b[-1] >> 4))
    nib = np.stack([b & 15, b >> 4], axis=-1).reshape(-1)[:n]
    if PACKED4[desc["dtype"]]:
        return (nib.astype(np.int8) - (nib >= 8).astype(np.int8) * 16).reshape(desc["shape"])
    return nib.reshape(desc["shape"])


def load_output(path, desc):
    if not os.path.isfile(path):
        raise Failure("missing output file %s" % path)
    with open(path, "rb") as f:
        return decode_output(f.read(), desc, path)


def describe_mismatch(bad, diff, shape, max_show=8):
    """(number of bad elements, max |diff| over all elements, first bad indices)."""
    np = _np()
    idx = np.flatnonzero(bad)
    shown = [tuple(int(i) for i in np.unravel_index(flat, shape)) for flat in idx[:max_show]]
    if diff.size == 0:
        maxd = 0.0
    elif np.all(np.isfinite(diff)):
        maxd = float(diff.max())
    else:
        maxd = float("inf")
    return idx.size, maxd, shown


def _fmt_index(t):
    return "[" + ",".join(str(i) for i in t) + "]"


def compare_with_ort(got, ref, desc, tol_lsb):
    """Returns (ok, text)."""
    np = _np()
    dtype = desc["dtype"]
    a = got.astype(np.float64)
    b = ref.astype(np.float64)
    with np.errstate(invalid="ignore"):
        diff = np.abs(a - b)
    diff[np.isnan(a) != np.isnan(b)] = np.inf
    # equal infinities and two NaNs agree
    with np.errstate(invalid="ignore"):
        same = (a == b) | (np.isnan(a) & np.isnan(b))
    diff[same] = 0.0
    if desc.get("exact"):
        # model.json "exact": ONNX Runtime's bits (NaNs agree as NaNs).
        bad = ~same
        rule, lsb = "bit-identical to ORT", ""
    elif dtype == "float16":
        # what qcc computes in binary32 and ORT in binary16 may round apart
        # by an ulp of binary16, besides tol_lsb steps of the output scale
        scale = desc.get("scale") or 0.0
        tol = tol_lsb * float(scale) + np.finfo(np.float16).eps * np.maximum(np.abs(a), np.abs(b))
        bad = ~(diff <= tol)
        rule = "%.3g*scale + 1 float16 ulp" % tol_lsb
        lsb = ""
    elif dtype == "float32":
        scale = desc.get("scale")
        if scale is not None:
            # tol_lsb steps of the output scale, plus the float32 rounding
            # of (q - zp) * scale on both sides (a few ulps of the value).
            ulps = 4.0 * np.finfo(np.float32).eps * np.maximum(np.abs(a), np.abs(b))
            tol = tol_lsb * float(scale) + ulps + 1e-7
            rule = "%.3g*scale + 4 float32 ulps (scale %.6g)" % (tol_lsb, scale)
        else:
            # not a dequantized output: relative float tolerance
            tol = 1e-5 + 1e-5 * np.abs(b)
            rule = "1e-5 + 1e-5*|ort| (no output scale)"
        bad = ~(diff <= tol)
        lsb = ""
        if scale and diff.size and np.all(np.isfinite(diff)):
            lsb = " (%.2f LSB)" % (diff.max() / scale)
    elif dtype in ("int32", "int64"):
        bad = diff != 0
        rule, lsb = "exact", ""
    else:
        bad = diff > 1
        rule, lsb = "|diff| <= 1", ""
    bad &= ~same
    n, maxd, shown = describe_mismatch(bad, diff, got.shape)
    text = "max |diff| %.6g%s, %d/%d elements outside tolerance [%s]" % (
        maxd, lsb, n, got.size, rule)
    if n:
        text += "\n      first mismatching elements: " + ", ".join(
            "%s qcc=%r ort=%r" % (_fmt_index(t), got[t].item(), ref[t].item()) for t in shown)
    return n == 0, text


def compare_bitexact(got, ref, where="aarch64"):
    """Bit-identical comparison (float compared by bit pattern)."""
    np = _np()
    if got.dtype.kind == "f":
        bits = np.uint16 if got.dtype.itemsize == 2 else np.uint32
        ga, ra = got.view(bits), ref.view(bits)
    else:
        ga, ra = got, ref
    bad = ga != ra
    diff = np.abs(got.astype(np.float64) - ref.astype(np.float64))
    n, maxd, shown = describe_mismatch(bad, diff, got.shape)
    text = "%d/%d elements differ" % (n, got.size)
    if n:
        text += ", max |diff| %.6g\n      first differing elements: %s" % (maxd, ", ".join(
            "%s %s=%r x86_64=%r" % (_fmt_index(t), where, got[t].item(), ref[t].item())
            for t in shown))
    return n == 0, text


# ---------------------------------------------------------------------------
# stages
# ---------------------------------------------------------------------------

def check_header(info_text, meta, where):
    """Compare `run --info` output (from model.h) with model.json."""
    ins, outs = [], []
    for line in info_text.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("input", "output"):
            continue
        kv = dict(p.split("=", 1) for p in parts[2:])
        shape = [int(x) for x in kv["shape"].split(",")] if kv["shape"] else []
        (ins if parts[0] == "input" else outs).append(
            {"name": kv["name"], "dtype": kv["dtype"], "shape": shape})
    problems = []
    for kind, got, want in (("input", ins, meta["inputs"]), ("output", outs, meta["outputs"])):
        if len(got) != len(want):
            problems.append("%d %ss in model.h, %d in the model" % (len(got), kind, len(want)))
            continue
        for i, (g, w) in enumerate(zip(got, want)):
            for key in ("name", "dtype", "shape"):
                if g[key] != w[key]:
                    problems.append("%s%d %s: model.h says %r, model has %r"
                                    % (kind, i, key, g[key], w[key]))
    if problems:
        raise Failure("%s: model.h does not describe the model:\n    %s"
                      % (where, "\n    ".join(problems)))


def qcc_build(args, tools, workdir, target, sub, linker, extra_ldflags, qcc_flags=()):
    outdir = os.path.join(workdir, sub)
    os.makedirs(outdir, exist_ok=True)
    obj = os.path.join(outdir, "model.o")
    hdr = os.path.join(outdir, "model.h")
    _, dt = run([tools["qcc"], "compile", os.path.join(workdir, "model.onnx"),
                 "-target", target, "-o", obj, "--name", "model"] + list(qcc_flags),
                "qcc compile (%s)" % target, args.timeout)
    for f in (obj, hdr):
        if not os.path.isfile(f):
            raise Failure("qcc compile (%s) succeeded but did not write %s" % (target, f))
    log("qcc compile -target %s: ok (%.2f s)" % (target, dt))
    if args.max_compile_seconds is not None and dt > args.max_compile_seconds:
        raise Failure("qcc compile (%s) took %.1f s, over the %.0f s budget"
                      % (target, dt, args.max_compile_seconds))
    exe = os.path.join(outdir, "run")
    _, dt = run([linker] + CFLAGS + extra_ldflags + ["-I" + outdir, '-DQCC_HEADER="model.h"',
                                                     DRIVER, obj, "-o", exe],
                "build driver (%s)" % target, args.timeout)
    log("build driver (%s): ok (%.2f s)" % (target, dt))
    return outdir, exe


def run_model(args, meta, workdir, outdir, exe, prefix, where):
    p, _ = run(prefix + [exe, "--info"], "%s: run --info" % where, args.timeout)
    check_header(p.stdout, meta, where)
    log("%s: model.h matches the model's inputs/outputs" % where)
    ins = [os.path.join(workdir, i["file"]) for i in meta["inputs"]]
    outs = [os.path.join(outdir, "output%d.bin" % i) for i in range(len(meta["outputs"]))]
    for o in outs:
        if os.path.exists(o):
            os.remove(o)
    p, dt = run(prefix + [exe] + ins + outs, "%s: run model" % where, args.timeout)
    msg = p.stderr.strip().splitlines()
    log("%s: run: ok (%.2f s wall)%s" % (where, dt, ("; " + msg[-1]) if msg else ""))
    return [load_output(o, d) for o, d in zip(outs, meta["outputs"])]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="model name (see python3 -m qcc_models.gen --list)")
    ap.add_argument("--workdir", required=True, help="directory for all generated files")
    ap.add_argument("--qcc", required=True, help="path to the qcc executable")
    ap.add_argument("--aarch64", action="store_true",
                    help="also build for aarch64, run under qemu, require bit-identical outputs")
    ap.add_argument("--cortex-m", default="",
                    help="also build firmware for these Cortex-M cores (m0,m4,m7,m33,m55; "
                         "all = the last four), run under qemu-system-arm, require "
                         "bit-identical outputs")
    ap.add_argument("--arm-gcc", default="arm-none-eabi-gcc")
    ap.add_argument("--arm-nm", default="arm-none-eabi-nm")
    ap.add_argument("--qemu-system-arm", default="qemu-system-arm")
    ap.add_argument("--node", default="node")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--aarch64-cc", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--qemu", default="qemu-aarch64")
    ap.add_argument("--x86-flags", default="",
                    help="extra qcc flags for the x86-64 build, e.g. '-O0' or "
                         "'-O3 -mcpu=native' (the AArch64 build keeps the defaults)")
    ap.add_argument("--io-quantized", action="store_true",
                    help="compile with --io=quantized and check the integer I/O "
                         "against ONNX Runtime's quantized tensors")
    ap.add_argument("--max-compile-seconds", type=float, default=None,
                    help="fail when one qcc compile takes longer (wall clock)")
    ap.add_argument("--tol-lsb", type=float, default=1.0,
                    help="float output tolerance in LSBs of the output scale (default 1)")
    ap.add_argument("--timeout", type=int, default=1800,
                    help="timeout in seconds for each external command")
    args = ap.parse_args(argv)
    t_start = time.time()
    try:
        ok = _main(args)
    except Failure as e:
        log("FAIL: " + str(e))
        return 1
    log("%s: %s (%.1f s total)" % (args.model, "PASS" if ok else "FAIL", time.time() - t_start))
    return 0 if ok else 1


def _main(args):
    workdir = os.path.abspath(args.workdir)

    # -- tools -------------------------------------------------------------
    tools = {"qcc": find_tool(args.qcc, "qcc"),
             "node": find_tool(args.node, "node (Node.js)"),
             "cc": find_tool(args.cc, "C compiler")}
    if args.aarch64:
        tools["a64cc"] = find_tool(args.aarch64_cc, "aarch64 cross compiler "
                                   "(apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross)")
        tools["qemu"] = find_tool(args.qemu, "qemu-aarch64 (apt-get install qemu-user)")
    cores = []
    if args.cortex_m:
        import cortex_m_lib as cortex_m
        try:
            cores = cortex_m.parse_cores(args.cortex_m)
        except ValueError as e:
            raise Failure(str(e))
        arm_pkgs = "(apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi)"
        tools["armgcc"] = find_tool(args.arm_gcc, "Arm bare-metal compiler " + arm_pkgs)
        tools["armnm"] = find_tool(args.arm_nm, "arm-none-eabi-nm " + arm_pkgs)
        tools["qemusys"] = find_tool(args.qemu_system_arm,
                                     "qemu-system-arm (apt-get install qemu-system-arm)")
    if not os.path.isfile(os.path.join(ORACLE_DIR, "node_modules", "onnxruntime-node",
                                       "package.json")):
        raise Failure("missing tool: onnxruntime-node is not installed; run "
                      "'npm install --ignore-scripts --no-audit --no-fund' in " + ORACLE_DIR)
    sys.path.insert(0, PYDIR)
    try:
        import numpy  # noqa: F401
        import onnx  # noqa: F401
        from qcc_models.gen import generate
        from qcc_models import MODELS
        from qcc_models.builder import ORACLE_FILE
    except ImportError as e:
        raise Failure("missing tool: cannot import the model generator (%s); use "
                      "/usr/bin/python3 with python3-onnx and python3-numpy" % e)
    if args.model not in MODELS:
        raise Failure("unknown model %r; known: %s" % (args.model, " ".join(MODELS)))
    log("tools: " + ", ".join("%s=%s" % kv for kv in sorted(tools.items())))

    # -- clean stale results -------------------------------------------------
    os.makedirs(workdir, exist_ok=True)
    for sub in ["x86", "a64"] + ["cm-" + c for c in cores]:
        shutil.rmtree(os.path.join(workdir, sub), ignore_errors=True)
    for f in os.listdir(workdir):
        if f.startswith("ort_output") and f.endswith(".bin"):
            os.remove(os.path.join(workdir, f))

    # -- 1. generate -----------------------------------------------------------
    t0 = time.time()
    meta = generate(args.model, workdir)
    log("generate %s (opset %s): ok (%.2f s) -> %s" % (args.model, meta.get("opset"),
                                                      time.time() - t0, workdir))
    for kind in ("inputs", "outputs"):
        for i, d in enumerate(meta[kind]):
            log("  %s %d: %s %s %s%s" % (kind[:-1], i, d["name"], d["dtype"], d["shape"],
                                       (" scale %.6g" % d["scale"]) if d.get("scale") else ""))

    # -- 2. ONNX Runtime -----------------------------------------------------
    # Weights ORT would multiply with its saturating uint8 x int8 kernels
    # (x86-64 without VNNI) are given to it in their activation's
    # signedness, values and zero points moved by 128
    # (python/qcc_models/oracle.py).
    from qcc_models.oracle import write_oracle_model
    rewritten = write_oracle_model(workdir)
    if rewritten:
        log("oracle: %d node(s) read their weights in their activation's signedness (%s)"
            % (rewritten, ORACLE_FILE))
    ort_cmd = [tools["node"], ORT_RUN, workdir]
    oracle = os.path.join(workdir, ORACLE_FILE)
    if os.path.isfile(oracle):
        ort_cmd += ["--model", oracle]
    p, dt = run(ort_cmd, "ONNX Runtime (ort_run.js)", args.timeout)
    ort = [load_output(os.path.join(workdir, "ort_output%d.bin" % i), d)
           for i, d in enumerate(meta["outputs"])]
    log("ONNX Runtime: ok (%.2f s) %s" % (dt, p.stdout.strip()))
    np = _np()
    for i, d in enumerate(meta["outputs"]):
        rf = d.get("ref_file")
        if rf and os.path.isfile(os.path.join(workdir, rf)):
            r = load_output(os.path.join(workdir, rf), d).astype(np.float64)
            dd = np.abs(r - ort[i].astype(np.float64))
            unit = float(d["scale"]) if d.get("scale") else 1.0
            log("  (info) output %d: numpy reference vs ORT: max %.3g %s, mean %.3g"
                % (i, dd.max() / unit, "LSB" if d.get("scale") else "", dd.mean() / unit))

    qcc_flags = []
    if args.io_quantized:
        import quantized_io_lib as quantized_io
        try:
            qmeta, qparams = quantized_io.prepare(
                workdir, meta, oracle if os.path.isfile(oracle) else
                os.path.join(workdir, "model.onnx"))
        except ValueError as e:
            raise Failure("--io-quantized: " + str(e))
        qdir = os.path.join(workdir, "qio")
        p, dt = run([tools["node"], ORT_RUN, qdir], "ONNX Runtime (quantized I/O)",
                    args.timeout)
        meta = quantized_io.quantized_meta(meta, qmeta, qdir)
        ort = [load_output(os.path.join(qdir, "ort_output%d.bin" % i), d)
               for i, d in enumerate(meta["outputs"])]
        log("ONNX Runtime, quantized tensors at the graph's edges: ok (%.2f s)" % dt)
        qcc_flags = ["--io=quantized"]

    # -- 3./4. x86-64 ----------------------------------------------------------
    ok = True
    x86dir, x86exe = qcc_build(args, tools, workdir, "x86_64", "x86", tools["cc"], [],
                               args.x86_flags.split() + qcc_flags)
    if args.io_quantized:
        problems = quantized_io.check_header(
            open(os.path.join(x86dir, "model.h")).read(), qparams)
        if problems:
            raise Failure("--io=quantized: model.h:\n    " + "\n    ".join(problems))
        log("x86_64: model.h gives the model's scales and zero points")
    x86 = run_model(args, meta, workdir, x86dir, x86exe, [], "x86_64")
    for i, d in enumerate(meta["outputs"]):
        good, text = compare_with_ort(x86[i], ort[i], d, args.tol_lsb)
        log("x86_64 vs ORT: output %d '%s' %s %s: %s: %s"
            % (i, d["name"], d["dtype"], d["shape"], "ok" if good else "MISMATCH", text))
        ok = ok and good

    # -- 5. aarch64 ------------------------------------------------------------
    if args.aarch64:
        a64dir, a64exe = qcc_build(args, tools, workdir, "aarch64", "a64", tools["a64cc"],
                                   ["-static"], qcc_flags)
        a64 = run_model(args, meta, workdir, a64dir, a64exe, [tools["qemu"]], "aarch64 (qemu)")
        for i, d in enumerate(meta["outputs"]):
            good, text = compare_bitexact(a64[i], x86[i])
            log("aarch64 vs x86_64: output %d '%s': %s: %s"
                % (i, d["name"], "bit-identical" if good else "MISMATCH", text))
            ok = ok and good

    # -- 6. Cortex-M -----------------------------------------------------------
    if cores:
        ok = run_cortex_m(args, tools, meta, workdir, x86dir, x86, cores,
                          qcc_flags) and ok
    return ok


def run_cortex_m(args, tools, meta, workdir, x86dir, x86, cores, qcc_flags=()):
    import cortex_m_lib as cortex_m
    np = _np()
    inputs_c = os.path.join(workdir, "fw_inputs.c")
    cortex_m.write_inputs_c(inputs_c, [os.path.join(workdir, i["file"]) for i in meta["inputs"]])
    ok = True
    for core in cores:
        triple, cpu, machine = cortex_m.CORES[core]
        where = "cortex-%s (%s)" % (core, machine)
        outdir = os.path.join(workdir, "cm-" + core)
        os.makedirs(outdir, exist_ok=True)
        obj = os.path.join(outdir, "model.o")
        p, dt = run([tools["qcc"], "compile", os.path.join(workdir, "model.onnx"),
                     "-target", triple, "-mcpu=" + cpu, "-o", obj, "--name", "model",
                     "--report"] + list(qcc_flags),
                    "qcc compile (%s)" % where, args.timeout)
        bound = cortex_m.parse_report_stack(p.stdout)
        if bound is None:
            raise Failure("%s: qcc --report gave no stack bound:\n%s" % (where, _tail(p.stdout)))
        log("qcc compile -target %s -mcpu=%s: ok (%.2f s)" % (triple, cpu, dt))
        bad = [u for u in cortex_m.undefined_symbols(tools["armnm"], obj)
               if not cortex_m.ALLOWED_UNDEFINED.match(u)]
        if bad:
            raise Failure("%s: the object needs symbols firmware need not have: %s"
                          % (where, ", ".join(bad)))
        elf = os.path.join(outdir, "fw.elf")
        run(cortex_m.link_command(tools["armgcc"], core, outdir, inputs_c, obj, elf),
            "link firmware (%s)" % where, args.timeout)
        console = os.path.join(outdir, "console.txt")
        _, dt = run(cortex_m.qemu_command(tools["qemusys"], core, elf, console),
                    "%s: run firmware" % where, args.timeout)
        text = open(console).read() if os.path.isfile(console) else ""
        try:
            outs = cortex_m.parse_outputs(text, len(meta["outputs"]))
        except ValueError as e:
            raise Failure("%s: %s\n  console:\n%s" % (where, e, _tail(text)))
        log("%s: run: ok (%.2f s wall)" % (where, dt))
        used = cortex_m.parse_stack(text)
        if used > bound + cortex_m.LIBRARY_STACK_ALLOWANCE:
            raise Failure("%s: the model used %d bytes of stack; qcc --report's bound is %d "
                          "(+%d for library calls)" % (where, used, bound,
                                                       cortex_m.LIBRARY_STACK_ALLOWANCE))
        log("%s: stack used %d bytes, qcc --report's bound %d" % (where, used, bound))
        for i, d in enumerate(meta["outputs"]):
            got = decode_output(outs[i], d, "%s: output %d" % (where, i))
            good, text = compare_bitexact(got, x86[i], "cortex-" + core)
            log("%s vs x86_64: output %d '%s': %s: %s"
                % (where, i, d["name"], "bit-identical" if good else "MISMATCH", text))
            ok = ok and good
    return ok


if __name__ == "__main__":
    sys.exit(main())
