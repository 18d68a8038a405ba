# QCDQ: QuantizeLinear -> Clip (integer bounds) -> DequantizeLinear. The width
# is the smallest one of the quantized type's signedness holding the bounds
# (and the zero point); bounds inside that width's range become the output
# range.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# x: int8 Q(0.5) -> Clip(-8, 7): i4, the full range (no out_min/out_max).
# w: int8 [5, -5, 2, -1] -> Clip(-3, 3) -> [3, -3, 2, -1], i3 ([-4, 3]).
# y: uint8 Q(0.25) -> Clip(0, 10): ui4 ([0, 15]) with out_max 10 * 0.25 = 2.5.
# CHECK: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
# CHECK: %[[X:.*]] = qnn.requantize %[[Q]] : tensor<1x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x1x1x!qnn.q<i4, scale = 0.5, zp = 0>>
# CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}3]], {{\[\[}}-3]]], {{\[\[\[}}2]], {{\[\[}}-1]]]]> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i3, scale = 0.5, zp = 0>>
# CHECK: qnn.conv2d %[[X]], %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 2.500000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# CHECK-SAME: -> tensor<1x2x1x1x!qnn.q<ui4, scale = 0.25, zp = 0>>

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

g = Graph(opset=13)
g.input("x", F32, [1, 2, 1, 1])
q = g.q("x", 0.5, 0, I8, out="xq")
c = g.node("Clip", [q, g.init("xlo", np.int8(-8)), g.init("xhi", np.int8(7))], "xc")
x = g.dq(c, 0.5, 0, I8)
g.init("w", np.array([5, -5, 2, -1], np.int8).reshape(2, 2, 1, 1))
wc = g.node("Clip", ["w", g.init("wlo", np.int8(-3)), g.init("whi", np.int8(3))], "wc")
w = g.dq(wc, 0.5, 0, I8)
y = g.node("Conv", [x, w], "y")
yq = g.q(y, 0.25, 0, U8, out="yq")
yc = g.node("Clip", [yq, g.init("ylo", np.uint8(0)), g.init("yhi", np.uint8(10))], "yc")
g.dq(yc, 0.25, 0, U8, out="out")
g.output("out", F32)
g.save()
