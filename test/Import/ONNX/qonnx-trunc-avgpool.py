# Brevitas' quantized average pooling, AveragePool / GlobalAveragePool ->
# Mul(window size K) -> Trunc: the window's sum of q - zp is a depthwise
# qnn.conv2d (groups = C) with a kernel of ones (ui1, scale 1); Trunc's
# y = rounding((sum + zeropt) / 2^e) is its requantization to scale
# scale * 2^e, zero point 0, with a bias of zeropt and Trunc's rounding.
#
# RUN: %python %s %t.v1.onnx v1 && %qcc compile %t.v1.onnx --emit=qnn | FileCheck %s --check-prefix=V1
# RUN: %python %s %t.v2.onnx v2 && %qcc compile %t.v2.onnx --emit=qnn | FileCheck %s --check-prefix=V2

# v1: x (1x2x2x2) -> Quant(0.5, zeropt 1, 4-bit signed) -> AveragePool 2x2,
# strides 2, pads 1, count_include_pad=1 (pads add 0 to the sum) -> Mul(4)
# -> Trunc v1 (0.5, 1, 6 -> 4 bits, CEIL): e = 6 - 4 = 2,
#   y = ceil((sum + 1) / 4), sums in [4 * (-8 - 1), 4 * (7 - 1)] = [-36, 24]
#   -> y in [ceil(-35 / 4), ceil(25 / 4)] = [-8, 7]: fits i4.
#   conv2d: bias [1, 1], rounding ceil, result i4 scale 0.5 * 4 = 2 zp 0;
#   v1 keeps the input's scale and zero point: storage_cast to (0.5, 1).
# V1: %[[X:.*]] = qnn.quantize %arg0 {zero_point_first} : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 1>>
# V1: %[[W:.*]] = qnn.constant dense<1> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
# V1: %[[B:.*]] = arith.constant dense<1> : tensor<2xi32>
# V1: %[[S:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, rounding = "ceil", strides = array<i64: 2, 2>}
# V1-SAME: -> tensor<1x2x2x2x!qnn.q<i4, scale = 2.0, zp = 0>>
# V1-NEXT: %[[T:.*]] = qnn.storage_cast %[[S]] : tensor<1x2x2x2x!qnn.q<i4, scale = 2.0, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 1>>
# V1-NEXT: qnn.dequantize %[[T]]
# V1-NOT: Mul

# v2: x (1x2x2x2) -> Quant(0.5, 0, 4-bit unsigned) -> GlobalAveragePool
# (K = 4) -> Mul(4, avg) -> Trunc v2 (0.5, 0, 6 bits, out_scale 2.0, 3 bits,
# signed, narrow, FLOOR by default): e = round(log2(2.0 / 0.5)) = 2,
#   y = clamp(floor(sum / 4), -3, 3): out_min = -3 * 2.0; out zero point
#   0 / 4 = 0, out_scale 2.0: the conv's own type, no storage_cast.
# V2: %[[W:.*]] = qnn.constant dense<1> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
# V2: %[[S:.*]] = qnn.conv2d %{{.*}}, %[[W]] {dilations = array<i64: 1, 1>, groups = 2 : i64, out_min = -6.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, rounding = "floor", strides = array<i64: 1, 1>}
# V2-SAME: -> tensor<1x2x1x1x!qnn.q<i3, scale = 2.0, zp = 0>>
# V2-NEXT: qnn.dequantize %[[S]]

import sys

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

variant = sys.argv[2]
g = qonnx_graph(version=2 if variant == "v2" else 1)
dom = g.qonnx_domain
g.input("x", F32, [1, 2, 2, 2])
if variant == "v1":
    x = quant(g, "x", 0.5, 1, 4, "xq", signed=1)
    y = g.node("AveragePool", [x], "avg", kernel_shape=[2, 2], strides=[2, 2],
               pads=[1, 1, 1, 1], count_include_pad=1)
    y = g.node("Mul", [y, g.init("k", np.float32(4))], "sum")
    ins = [y] + [g.init("t%d" % i, np.float32(v)) for i, v in enumerate([0.5, 1, 6, 4])]
    g.output(g.node("Trunc", ins, "t", domain=dom, rounding_mode="CEIL"), F32)
elif variant == "v2":
    x = quant(g, "x", 0.5, 0, 4, "xq", signed=0)
    y = g.node("GlobalAveragePool", [x], "avg")
    y = g.node("Mul", [g.init("k", np.float32(4)), y], "sum")
    ins = [y] + [g.init("t%d" % i, np.float32(v))
                 for i, v in enumerate([0.5, 0, 6, 2.0, 3])]
    g.output(g.node("Trunc", ins, "t", domain=dom, signed=1, narrow=1), F32)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
