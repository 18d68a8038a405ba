# Identity nodes (common in exported graphs) are other names for the same
# tensor: between DequantizeLinear and Add, between Add and its Relu, between
# the Relu and the QuantizeLinear, on a weight, and before the graph output.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# CHECK: %[[A:.*]] = qnn.quantize %arg0 : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# CHECK: %[[C:.*]] = qnn.constant dense<{{\[\[\[}}1]], {{\[\[}}2]], {{\[\[}}3]]]> : tensor<3x1x1xi8> : tensor<3x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>
# CHECK: %[[Y:.*]] = qnn.add %[[A]], %[[C]] {out_min = 0.000000e+00 : f64} : (tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<3x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>) -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# CHECK: %[[F:.*]] = qnn.dequantize %[[Y]]
# CHECK: return %[[F]]

import sys

from qcc_models.testing import F32, I8, Graph

g = Graph(opset=13)
a = g.node("Identity", [g.qdq_input("a", [1, 3, 2, 2], 0.5, 128)], "a_id")
c = g.node("Identity", [g.weight("c", [[[1]], [[2]], [[3]]], 0.125, 0, I8)], "c_id")
y = g.node("Identity", [g.node("Add", [a, c], "y")], "y_id")
r = g.node("Identity", [g.node("Relu", [y], "r")], "r_id")
q = g.q(r, 0.1, 0, out="rq")
g.node("Identity", [g.dq(q, 0.1, 0, out="deq")], "out")
g.output("out", F32)
g.save()
