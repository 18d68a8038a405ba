"""Writes the seed corpus of qcc-fuzz-import into OUTDIR (one .onnx a model):

  - every model of python/qcc_models (qcc_models.models.MODELS);
  - every model the importer tests build: the `%python %s OUT [ARGS]` RUN
    lines of test/Import/ONNX/*.py, run with OUT under OUTDIR;
  - ONNX's node tests of quantized operators (Debian's libonnx-testdata).

    /usr/bin/python3 tools/qcc-fuzz-import/make_seeds.py OUTDIR

Models larger than 64 KiB (the fuzzer's -max_len) are left out. A model
that fails to generate is reported and skipped.
"""
import glob
import hashlib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_BYTES = 65536
RUN = re.compile(r"%python %s ([^|&;]*)")


def add(outdir, data, seen):
    if len(data) > MAX_BYTES:
        return 0
    h = hashlib.sha1(data).hexdigest()
    if h in seen:
        return 0
    seen.add(h)
    with open(os.path.join(outdir, h[:16] + ".onnx"), "wb") as f:
        f.write(data)
    return 1


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    outdir = os.path.abspath(sys.argv[1])
    os.makedirs(outdir, exist_ok=True)
    seen = set()
    counts = {}
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))

    # python/qcc_models
    sys.path.insert(0, os.path.join(ROOT, "python"))
    from qcc_models.models import MODELS
    n = 0
    for name in MODELS:
        try:
            model = MODELS[name]().make_model()
            n += add(outdir, model.SerializeToString(), seen)
        except Exception as e:  # noqa: BLE001 - a seed less is not fatal
            print("make_seeds: qcc_models %s: %s" % (name, e), file=sys.stderr)
    counts["python/qcc_models"] = n

    # test/Import/ONNX: the generator RUN lines, %t -> a temporary directory
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, script in enumerate(sorted(glob.glob(
                os.path.join(ROOT, "test", "Import", "ONNX", "*.py")))):
            with open(script) as f:
                lines = [l for l in f if l.startswith("# RUN:")]
            for j, line in enumerate(lines):
                m = RUN.search(line)
                if not m:
                    continue
                t = os.path.join(tmp, "%d_%d" % (i, j))
                args = m.group(1).replace("%t", t).split()
                os.makedirs(t, exist_ok=True)  # RUN lines may mkdir -p %t
                r = subprocess.run(["/usr/bin/python3", script] + args, env=env,
                                   cwd=tmp, capture_output=True, text=True)
                if r.returncode != 0:
                    print("make_seeds: %s %s: %s" % (os.path.basename(script),
                          " ".join(args), r.stderr.strip()[-300:]), file=sys.stderr)
        for path in glob.glob(os.path.join(tmp, "**", "*.onnx"), recursive=True) + \
                glob.glob(os.path.join(tmp, "*.onnx")):
            with open(path, "rb") as f:
                n += add(outdir, f.read(), seen)
    counts["test/Import/ONNX"] = n

    # ONNX node tests of quantized operators
    n = 0
    for pat in ("*quantize*", "*qlinear*", "*integer*"):
        for path in glob.glob("/usr/share/libonnx-testdata/data/node/%s/model.onnx" % pat):
            with open(path, "rb") as f:
                n += add(outdir, f.read(), seen)
    counts["libonnx-testdata"] = n

    # the bundled example
    n = 0
    for path in glob.glob(os.path.join(ROOT, "examples", "**", "*.onnx"), recursive=True):
        with open(path, "rb") as f:
            n += add(outdir, f.read(), seen)
    counts["examples"] = n

    print("make_seeds: %d seeds in %s (%s)" % (len(seen), outdir, ", ".join(
        "%s %d" % kv for kv in counts.items())))


if __name__ == "__main__":
    main()
