# Regressions found reviewing 16-bit QDQ (issue 9): a QuantizeLinear to
# int16/uint16 is a float boundary wherever the importer looks ahead.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t
# (1) The 16-bit zero point comes from a Constant node after the Conv: the
#     Conv was fused as if quantized to uint8 (its result became 16-bit).
# RUN: %qcc compile %t/late_zero_point.onnx --emit=qnn | FileCheck %s --check-prefix=LATE
# LATE: qnn.float_conv2d
# LATE: qnn.quantize %{{.*}} : tensor<1x4x4x4xf32> -> tensor<1x4x4x4x!qnn.q<i16, scale = 0.00999999978, zp = 5>>
# (2) uint8 DequantizeLinear -> Concat -> uint16 QuantizeLinear: refused
#     ("feeds QuantizeLinear directly"); the Concat runs in float.
# RUN: %qcc compile %t/concat_to_u16.onnx --emit=qnn | FileCheck %s --check-prefix=CONCAT
# CONCAT: qnn.concat {{.*}} -> tensor<1x8x4x4xf32>
# CONCAT: qnn.quantize %{{.*}} -> tensor<1x8x4x4x!qnn.q<ui16, scale = 0.0199999996, zp = 1000>>
# (2b) The same with com.microsoft QuantizeLinear/DequantizeLinear (what
#     ORT's quantizer writes below opset 21): the float-reader look-ahead
#     skipped nodes outside the default domain.
# RUN: %qcc compile %t/concat_to_ms_u16.onnx --emit=qnn | FileCheck %s --check-prefix=CONCAT
# (3) Conv -> Split -> int16 QuantizeLinear per part: refused as a
#     per-slice quantization; the Conv and the Split run in float.
# RUN: %qcc compile %t/split_to_i16.onnx --emit=qnn | FileCheck %s --check-prefix=SPLIT
# SPLIT: qnn.float_conv2d
# SPLIT: qnn.quantize %{{.*}} -> tensor<1x2x4x4x!qnn.q<i16, scale = 0.0199999996, zp = 0>>
# SPLIT: qnn.quantize %{{.*}} -> tensor<1x2x4x4x!qnn.q<i16, scale = 0.0199999996, zp = 0>>

import os
import sys

import numpy as np
from onnx import helper

from qcc_models.testing import F32, I16, U8, U16, Graph

out = sys.argv[1]


def conv(g):
    g.input("x", F32, [1, 2, 4, 4])
    x = g.qdq("x", 0.05, 128, U8)
    w = g.weight("w", np.arange(8).reshape(4, 2, 1, 1) - 4, 0.02)
    return x, g.node("Conv", [x, w], "y")


g = Graph(opset=21)
_, y = conv(g)
s = g.init("s", np.float32(0.01))
z = g.const_node("z", np.int16(5))
yq = g.node("QuantizeLinear", [y, s, z], "yq")
g.node("DequantizeLinear", [yq, s, z], "out")
g.output("out", F32)
g.save(os.path.join(out, "late_zero_point.onnx"))

g = Graph(opset=21)
g.input("x", F32, [1, 4, 4, 4])
x = g.qdq("x", 0.01, 128, U8)
y = g.node("Concat", [x, x], "y", axis=1)
g.dq(g.q(y, 0.02, 1000, U16), 0.02, 1000, U16, out="out")
g.output("out", F32)
g.save(os.path.join(out, "concat_to_u16.onnx"))

MS = "com.microsoft"
g = Graph(opset=17)
g.opsets.append(helper.make_opsetid(MS, 1))
g.input("x", F32, [1, 4, 4, 4])
x = g.dq(g.q("x", 0.01, 128, U8, domain=MS), 0.01, 128, U8, domain=MS)
y = g.node("Concat", [x, x], "y", axis=1)
g.dq(g.q(y, 0.02, 1000, U16, domain=MS), 0.02, 1000, U16, out="out", domain=MS)
g.output("out", F32)
g.save(os.path.join(out, "concat_to_ms_u16.onnx"))

g = Graph(opset=21)
_, y = conv(g)
a, c = g.node("Split", [y], ["a", "c"], axis=1, num_outputs=2)
g.output(g.qdq(a, 0.02, 0, I16), F32)
g.output(g.qdq(c, 0.02, 0, I16), F32)
g.save(os.path.join(out, "split_to_i16.onnx"))
