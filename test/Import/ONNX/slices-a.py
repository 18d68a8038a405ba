# Per-slice bit-widths, form (a): one Quant whose bit-width is a tensor
# broadcast along the channel axis. Weights: one sliced qnn.constant
# (each channel clamped to its own width); activations: the producer's
# sliced result type.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# w (4x1x1x1) = [0.5, -1.5, 0.75, 2.5], scales [0.5, 0.5, 0.25, 0.25],
# bit-widths [2, 2, 4, 4] (signed, not narrow: [-2, 1] and [-8, 7]):
#   w / scale = [1, -3, 3, 10] -> clamped [1, -2, 3, 7].
# bias [0.3, -0.1, 0.2, 0.0] / (x scale 0.5 * w scale) = [1.2, -0.4, 1.6, 0]
#   -> no integers: in units of 2^-16 (bias_shift 16), half to even
#   [78643, -26214, 104858, 0].
# y = Relu(depthwise conv) -> Quant(0.25, 0, bit-widths [4, 4, 8, 8] as a
# [1, 4, 1, 1] tensor, unsigned): result type [ui4 x 2, ui8 x 2] along
# axis 1, Relu the output range [0, ...).
# CHECK-LABEL: func.func @forward
# CHECK: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x4x1x1xf32> -> tensor<1x4x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>
# CHECK: %[[B:.*]] = arith.constant dense<[78643, -26214, 104858, 0]> : tensor<4xi32>
# CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]]], {{\[\[\[}}-2]]], {{\[\[\[}}3]]], {{\[\[\[}}7]]]]> : tensor<4x1x1x1xi8> : tensor<4x1x1x1x!qnn.q<[i2 x 2, i4 x 2], axis = 0, scale = [0.5, 0.5, 0.25, 0.25], zp = [0, 0, 0, 0]>>
# CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {bias_shift = 16 : i64, dilations = array<i64: 1, 1>, groups = 4 : i64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# CHECK-SAME: -> tensor<1x4x1x1x!qnn.q<[ui4 x 2, ui8 x 2], axis = 1, scale = 0.25, zp = 0>>
# CHECK-NEXT: qnn.dequantize %[[Y]]

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

g = qonnx_graph()
g.input("x", F32, [1, 4, 1, 1])
x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
w = g.init("w", np.array([0.5, -1.5, 0.75, 2.5], np.float32).reshape(4, 1, 1, 1))
wq = quant(g, w, np.array([0.5, 0.5, 0.25, 0.25], np.float32).reshape(4, 1, 1, 1), 0,
           np.array([2, 2, 4, 4], np.float32).reshape(4, 1, 1, 1), "wq")
b = g.init("b", np.array([0.3, -0.1, 0.2, 0.0], np.float32))
y = g.node("Relu", [g.node("Conv", [x, wq, b], "conv", group=4)], "relu")
g.output(quant(g, y, 0.25, 0, np.array([4, 4, 8, 8], np.float32).reshape(1, 4, 1, 1),
               "yq", signed=0), F32)
g.save()
