# BatchNormalization right after a QDQ Conv is folded into the convolution:
# k = gamma / sqrt(var + eps), new weight scale = w_scale * |k| (a binary32
# value), new bias = k * (b - mean) + beta, requantized with
# x_scale * new_w_scale; a channel with k < 0 has its weights mirrored
# around the zero point (2 * zp - w).
#
# RUN: %python %s %t.exact.onnx exact && %qcc compile %t.exact.onnx --emit=qnn | FileCheck %s --check-prefix=EXACT
# RUN: %python %s %t.eps.onnx eps && %qcc compile %t.eps.onnx --emit=qnn | FileCheck %s --check-prefix=EPS
# RUN: %python %s %t.late.onnx late && %qcc compile %t.late.onnx --emit=qnn | FileCheck %s --check-prefix=EXACT

# x: Q(0.5, 128); w: [3, 2, 1, 1] = [[1, 2], [3, 4], [5, -6]] with scales
# [0.5, 0.25, 0.125]; b: [4, -8, 2] in units of [0.25, 0.125, 0.0625], i.e.
# [1.0, -1.0, 0.125].
#
# exact: epsilon = 0, gamma [1, 3, -2], var [4, 9, 16]: k = [0.5, 1, -0.5]
#   scales = [0.5 * 0.5, 0.25 * 1, 0.125 * 0.5] = [0.25, 0.25, 0.0625]
#   mean [0.5, 1, -1], beta [0.25, -0.5, 1]:
#   bias = [0.5 * 0.5 + 0.25, 1 * -2 - 0.5, -0.5 * 1.125 + 1]
#        = [0.5, -2.5, 0.4375] / (0.5 * scales = [0.125, 0.125, 0.03125])
#        = [4, -20, 14]
#   channel 2 (k < 0) weights [5, -6] -> [-5, 6].
# EXACT-NOT: BatchNormalization
# EXACT: %[[B:.*]] = arith.constant dense<[4, -20, 14]> : tensor<3xi32>
# EXACT: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}2]]], {{\[\[\[}}3]], {{\[\[}}4]]], {{\[\[\[}}-5]], {{\[\[}}6]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<i8, axis = 0, scale = [0.25, 0.25, 0.0625], zp = [0, 0, 0]>>
# EXACT: qnn.conv2d %{{.*}}, %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# EXACT-SAME: -> tensor<1x3x3x3x!qnn.q<ui8, scale = 0.25, zp = 0>>
# EXACT-NOT: qnn.conv2d

# eps: default epsilon 1e-5 (binary32: 9.99999974738e-06), gamma 1, beta 0,
# mean 0, var [1, 0.25, 2]:
#   0.5   / sqrt(1 + eps)    = 0.49999750...  -> binary32 0.499997497
#   0.25  / sqrt(0.25 + eps) = 0.49999000...  -> binary32 0.499989986
#   0.125 / sqrt(2 + eps)    = 0.08838813...  -> binary32 0.0883881301
# The bias k * b in units of 0.5 * (binary32 w_scale * k) is [4, -8, 2]
# plus a rounding residue (the scales were rounded to binary32), so the
# importer gives it a finer unit, 2^-16 of the accumulator's (bias_shift
# 16: never exact, and the accumulator bound leaves room for 16 bits):
# [4, -8, 2] * 2^16 (the residue is below 2^-16 units). (The exact
# variant's bias is an exact multiple: no bias_shift.)
# EPS: %[[B:.*]] = arith.constant dense<[262144, -524288, 131072]> : tensor<3xi32>
# EPS: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}2]]], {{\[\[\[}}3]], {{\[\[}}4]]], {{\[\[\[}}5]], {{\[\[}}-6]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<i8, axis = 0, scale = [0.499997497, 0.499989986, 0.0883881301], zp = [0, 0, 0]>>
# EPS: qnn.conv2d %{{.*}}, %[[W]], %[[B]] {bias_shift = 16 : i64,

import sys

import numpy as np

from qcc_models.testing import F32, Graph

variant = sys.argv[2]
g = Graph(opset=13)
x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
w = g.weight("w", [[[[1]], [[2]]], [[[3]], [[4]]], [[[5]], [[-6]]]],
             [0.5, 0.25, 0.125], axis=0)
b = g.bias("b", [4, -8, 2], [0.25, 0.125, 0.0625])
y = g.node("Conv", [x, w, b], "y")
if variant in ("exact", "late"):
    params = (("gamma", [1, 3, -2]), ("beta", [0.25, -0.5, 1]),
              ("mean", [0.5, 1, -1]), ("var", [4, 9, 16]))
    attrs = {"epsilon": 0.0}
elif variant == "eps":
    params = (("gamma", [1, 1, 1]), ("beta", [0, 0, 0]), ("mean", [0, 0, 0]),
              ("var", [1, 0.25, 2]))
    attrs = {}
else:
    raise SystemExit("unknown variant " + variant)
if variant != "late":
    for name, values in params:
        g.init(name, np.array(values, np.float32))
y = g.node("BatchNormalization", [y, "gamma", "beta", "mean", "var"], "bn", **attrs)
y = g.node("Relu", [y], "r")
q = g.q(y, 0.25, 0, out="yq")
g.dq(q, 0.25, 0, out="out")
g.output("out", F32)
if variant == "late":
    # The BatchNormalization parameters come from Constant nodes placed after
    # the nodes that use them.
    for name, values in params:
        g.const_node(name, np.array(values, np.float32))
g.save()
