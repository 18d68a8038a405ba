# The standard-ONNX expansion of the QONNX ops (qcc_models.qonnx,
# expand_to_standard_onnx), run by ONNX Runtime, against hand-derived values:
#  - Quant (scale 1, zero point 0, 8-bit signed) in every rounding mode on the
#    rounding table of the QONNX Quant spec (5.5, 2.5, 1.6, 1.1, 1.0, -1.0,
#    -1.1, -1.6, -2.5, -5.5), then on +-0.5, +-0.49999997 (the float just
#    below 0.5, which floor(x + 0.5) rounds to 1) and +-300.7 (saturation);
#  - Quant with a zero point (unsigned, narrow), a per-row bit width,
#    BipolarQuant and Trunc.
# The generator's numpy evaluation of the same ops must be bit-identical to
# ONNX Runtime's.
#
# RUN: rm -rf %t && %python %s %t %qcc_src/test/e2e/oracle/ort_run.js | FileCheck %s --match-full-lines

# CHECK: expanded ops: Abs Add Ceil Div Floor Greater GreaterOrEqual Max Min Mul Round Sign Sub Where
# CHECK-NEXT: round: 6 2 2 1 1 -1 -1 -2 -2 -6 | 0 0 0 0 127 -128
# CHECK-NEXT: ceil: 6 3 2 2 1 -1 -1 -1 -2 -5 | 1 0 1 0 127 -128
# CHECK-NEXT: floor: 5 2 1 1 1 -1 -2 -2 -3 -6 | 0 -1 0 -1 127 -128
# CHECK-NEXT: up: 6 3 2 2 1 -1 -2 -2 -3 -6 | 1 -1 1 -1 127 -128
# CHECK-NEXT: down: 5 2 1 1 1 -1 -1 -1 -2 -5 | 0 0 0 0 127 -128
# CHECK-NEXT: half_up: 6 3 2 1 1 -1 -1 -2 -3 -6 | 1 -1 0 0 127 -128
# CHECK-NEXT: half_down: 5 2 2 1 1 -1 -1 -2 -2 -5 | 0 0 0 0 127 -128

# x = -1, 0.3, 3, 0.625; scale 0.25, zero point 3, 4 bits unsigned narrow
# ([0, 14]): x/0.25 + 3 = -1 -> 0, 4.2 -> 4, 15 -> 14, 5.5 -> 6 (half to
# even), minus 3, times 0.25.
# CHECK-NEXT: zeropt: -0.75 0.25 2.75 0.75

# x = -5, -1.5, 0.7, 9 in both rows; bit width [[2], [4]], signed:
# row 0 in [-2, 1], row 1 in [-8, 7].
# CHECK-NEXT: row_bits: -2 -2 1 1 -5 -2 1 7

# BipolarQuant(x, 0.5), x = -0.1, 0, -0, 2: x >= 0 holds for -0.
# CHECK-NEXT: bipolar: -0.5 0.5 0.5 0.5

# Trunc(x, scale 0.5, zero point 0, 6 -> 4 bits, FLOOR), x = 7.5, -0.5, 2,
# 31.5: x/0.5 = 15, -1, 4, 63; / 2^2 = 3.75, -0.25, 1, 15.75; floor; * 0.5.
# CHECK-NEXT: trunc: 1.5 -0.5 0.5 7.5
# CHECK-NEXT: numpy == ONNX Runtime: 11 outputs

import json
import os
import subprocess
import sys

import numpy as np
import onnx

from qcc_models.builder import ORACLE_FILE
from qcc_models.qonnx import QONNX_DOMAIN, ROUNDING_MODES, QonnxBuilder

TABLE = [5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1, -1.6, -2.5, -5.5]
EXTRA = [0.5, -0.5, 0.49999997, -0.49999997, 300.7, -300.7]


def build(outdir):
    b = QonnxBuilder("qonnx_expand", opset=13, seed=0, batched=False)
    x = b.add_input("x", np.float32, [len(TABLE + EXTRA)], data=TABLE + EXTRA)
    for mode in ROUNDING_MODES:
        y = b.quant(x, 1.0, 0.0, 8, signed=True, rounding=mode)
        b.add_output(y, mode.lower())
    z = b.add_input("z", np.float32, [4], data=[-1.0, 0.3, 3.0, 0.625])
    b.add_output(b.quant(z, 0.25, 3.0, 4, signed=False, narrow=True), "zeropt")
    r = b.add_input("r", np.float32, [2, 4], data=[[-5.0, -1.5, 0.7, 9.0]] * 2)
    b.add_output(b.quant(r, 1.0, 0.0, [[2], [4]], signed=True), "row_bits")
    p = b.add_input("p", np.float32, [4], data=[-0.1, 0.0, -0.0, 2.0])
    b.add_output(b.bipolar_quant(p, 0.5), "bipolar")
    t = b.add_input("t", np.float32, [4], data=[7.5, -0.5, 2.0, 31.5])
    b.add_output(b.trunc(t, 0.5, 0.0, 6, 4), "trunc")
    b.save(outdir)


def fmt(values):
    return " ".join("%g" % (v + 0.0) for v in values)   # + 0.0: -0 prints as 0


def main(outdir, ort_run):
    build(outdir)
    oracle = onnx.load(os.path.join(outdir, ORACLE_FILE))
    assert all(n.domain != QONNX_DOMAIN for n in oracle.graph.node)
    assert all(o.domain != QONNX_DOMAIN for o in oracle.opset_import)
    print("expanded ops: " + " ".join(sorted({n.op_type for n in oracle.graph.node})))
    subprocess.run(["node", ort_run, outdir, "--model", os.path.join(outdir, ORACLE_FILE)],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(outdir, "model.json")) as f:
        outputs = json.load(f)["outputs"]
    for i, out in enumerate(outputs):
        ort = np.fromfile(os.path.join(outdir, "ort_output%d.bin" % i), "<f4")
        ref = np.fromfile(os.path.join(outdir, out["ref_file"]), "<f4")
        if not np.array_equal(ort.view(np.uint32), ref.view(np.uint32)):
            sys.exit("%s: ONNX Runtime %s, numpy %s" % (out["name"], ort, ref))
        if out["name"] in (m.lower() for m in ROUNDING_MODES):
            text = fmt(ort[:len(TABLE)]) + " | " + fmt(ort[len(TABLE):])
        else:
            text = fmt(ort)
        print("%s: %s" % (out["name"], text))
    print("numpy == ONNX Runtime: %d outputs" % len(outputs))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
