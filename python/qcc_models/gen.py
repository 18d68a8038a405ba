"""Generate a quantized ONNX test model.

    PYTHONPATH=python python3 -m qcc_models.gen NAME OUTDIR
    PYTHONPATH=python python3 -m qcc_models.gen --list

Writes OUTDIR/model.onnx, OUTDIR/model.json, OUTDIR/input<i>.bin and
OUTDIR/ref_output<i>.bin (numpy simulation of the quantized graph; only a
rough reference, the oracle is ONNX Runtime).  For QONNX models it also
writes OUTDIR/model_ort.onnx, the model with its QONNX nodes expanded to
standard ONNX float ops, which ONNX Runtime runs instead of model.onnx.
"""
import argparse
import sys
import time

from .models import MODELS


def generate(name, outdir):
    if name not in MODELS:
        raise KeyError("unknown model %r (known: %s)" % (name, ", ".join(MODELS)))
    builder = MODELS[name]()
    _, meta = builder.save(outdir)
    return meta


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m qcc_models.gen",
                                 description="Generate a quantized ONNX test model.")
    ap.add_argument("--list", action="store_true", help="print the model names and exit")
    ap.add_argument("name", nargs="?")
    ap.add_argument("outdir", nargs="?")
    args = ap.parse_args(argv)
    if args.list:
        for n in MODELS:
            print(n)
        return 0
    if not args.name or not args.outdir:
        ap.error("NAME and OUTDIR are required (or --list)")
    if args.name not in MODELS:
        print("error: unknown model %r; known: %s" % (args.name, " ".join(MODELS)),
              file=sys.stderr)
        return 2
    t0 = time.time()
    generate(args.name, args.outdir)
    print("generated %s in %s (%.2f s)" % (args.name, args.outdir, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
