# qcc compile --report on act_rounding (6-, 5- and 8-bit weights):
# the totals are checked against values computed here from the ONNX graph,
# not from qcc:
#   - weights: the number of weight values of every Conv / Gemm / MatMul;
#   - ideal bytes: sum(bits x count) / 8 at the widths the Quant nodes give
#     (before qcc widens 3 to 4 and 5..7 to 8 bits) + 4 per int32 bias;
#   - stored bytes: the same at the packed widths (1, 2, 4 or 8 bits);
#   - MACs: output elements x (input channels / group) x KH x KW, and M x K
#     x N for the head.
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t %qcc
import os
import re
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper, shape_inference

from qcc_models.gen import generate

out, qcc = sys.argv[1], sys.argv[2]
generate("act_rounding", out)
path = os.path.join(out, "model.onnx")
model = onnx.load(path)
inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
producer = {o: n for n in model.graph.node for o in n.output}
# Shapes from ONNX's inference on the standard-ops form of the same graph
# (the generator's model_ort.onnx: Quant nodes expanded, names kept).
std = shape_inference.infer_shapes(onnx.load(os.path.join(out, "model_ort.onnx")))
shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim]
          for v in list(std.graph.value_info) + list(std.graph.output)}


def packed(b):
    return 1 if b <= 1 else 2 if b <= 2 else 4 if b <= 4 else 8


count = macs = 0
ideal_bits = stored_bits = 0
for n in model.graph.node:
    if n.op_type not in ("Conv", "Gemm", "MatMul"):
        continue
    q = producer[n.input[1]]                      # the weight's Quant
    w = inits[q.input[0]]
    bits = np.broadcast_to(inits[q.input[3]], w.shape)
    count += w.size
    ideal_bits += int(bits.sum())
    stored_bits += w.size * packed(int(bits.max()))
    if len(n.input) > 2:
        ideal_bits += 32 * inits[n.input[2]].size
        stored_bits += 32 * inits[n.input[2]].size
    y = shapes[n.output[0]]
    if n.op_type == "Conv":
        macs += int(np.prod(y)) * int(np.prod(w.shape[1:]))
    else:
        macs += int(np.prod(y)) * w.shape[0 if n.op_type == "MatMul" else 1]

text = subprocess.run([qcc, "compile", path, "-target", "x86_64", "--report",
                       "-o", os.path.join(out, "m.o")],
                      check=True, capture_output=True, text=True).stdout
print(text)
m = re.search(r"total: (\d+) MACs, (\d+) weights in (\d+) bytes \(ideal sum\(bits x count\)/8"
              r" \+ biases: (\d+) bytes\)", text)
assert m, "no totals line"
got = tuple(int(g) for g in m.groups())
want = (macs, count, (stored_bits + 7) // 8, (ideal_bits + 7) // 8)
print("report:   MACs %d, weights %d, stored %d B, ideal %d B" % got)
print("expected: MACs %d, weights %d, stored %d B, ideal %d B" % want)
if got != want:
    sys.exit("FAIL: the report's totals differ")
if not want[3] < want[2]:
    sys.exit("FAIL: the model should have widths qcc widens (ideal < stored)")
