# BipolarQuant: weights become a bipolar constant (x >= 0 ? +1 : -1), an
# activation BipolarQuant a bipolar result type. Conv -> BatchNormalization
# -> BipolarQuant: BN is folded, a negative gamma flips that channel's +-1
# weights, and the int32 bias is floor(bias / (s_x * s_w)) so that the sign
# of acc + bias is the float decision.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# x: Quant(0.5, 0, 8 bits, unsigned). w (3x2x1x1) = [[0.3, -0.2], [0, -0.7],
# [-0.1, 0.4]] -> BipolarQuant(0.25) = [[1, -1], [1, -1], [-1, 1]].
# bias [0.3, -0.1, 0.05]; BN (epsilon 0) gamma [1, -2, 4], beta [0.1, 0.2,
# -0.3], mean [0, 0.5, 0.1], var [1, 4, 16]: k = gamma / sqrt(var) = [1, -1, 1]
#   weight scales 0.25 * |k| = 0.25; channel 1 flipped to [-1, 1]
#   bias k * (b - mean) + beta = [0.4, 0.8, -0.35]
#   / (0.5 * 0.25) = [3.2, 6.4, -2.8] -> floor [3, 6, -3].
# conv2 (same x and weights, no BN) has bias [0.45, -0.45, 0.2]:
# / 0.125 = [3.6, -3.6, 1.6] -> floor [3, -4, 1] (rounding would give
# [4, -4, 2]).
# CHECK: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>
# CHECK: %[[B:.*]] = arith.constant dense<[3, 6, -3]> : tensor<3xi32>
# CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-1]]], {{\[\[\[}}-1]], {{\[\[}}1]]], {{\[\[\[}}-1]], {{\[\[}}1]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<b1, axis = 0, scale = [0.25, 0.25, 0.25]>>
# CHECK: qnn.conv2d %[[X]], %[[W]], %[[B]]
# CHECK-SAME: -> tensor<1x3x1x1x!qnn.q<b1, scale = 1.0>>
# CHECK: %[[B2:.*]] = arith.constant dense<[3, -4, 1]> : tensor<3xi32>
# CHECK: %[[W2:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-1]]], {{\[\[\[}}1]], {{\[\[}}-1]]], {{\[\[\[}}-1]], {{\[\[}}1]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<b1, scale = 0.25>>
# CHECK: qnn.conv2d %[[X]], %[[W2]], %[[B2]]
# CHECK-SAME: -> tensor<1x3x1x1x!qnn.q<b1, scale = 2.0>>

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import bipolar, qonnx_graph, quant

g = qonnx_graph()
g.input("x", F32, [1, 2, 1, 1])
x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
w = g.init("w", np.array([0.3, -0.2, 0.0, -0.7, -0.1, 0.4],
                         np.float32).reshape(3, 2, 1, 1))
wq = bipolar(g, w, 0.25, "wq")
b = g.init("b", np.array([0.3, -0.1, 0.05], np.float32))
y = g.node("Conv", [x, wq, b], "conv")
for name, v in (("gamma", [1, -2, 4]), ("beta", [0.1, 0.2, -0.3]),
                ("mean", [0, 0.5, 0.1]), ("var", [1, 4, 16])):
    g.init(name, np.array(v, np.float32))
y = g.node("BatchNormalization", [y, "gamma", "beta", "mean", "var"], "bn",
           epsilon=0.0)
g.output(bipolar(g, y, 1.0, "yq"), F32)
b2 = g.init("b2", np.array([0.45, -0.45, 0.2], np.float32))
y2 = g.node("Conv", [x, wq, b2], "conv2")
g.output(bipolar(g, y2, 2.0, "y2q"), F32)
g.save()
