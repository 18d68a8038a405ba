# QDQ Add -> qnn.add: each input keeps its own quantization, the result
# takes the QuantizeLinear's; numpy broadcasting; a following Relu is fused.
#
# RUN: %python %s %t.add.onnx add && %qcc compile %t.add.onnx --emit=qnn | FileCheck %s --check-prefix=ADD
# RUN: %python %s %t.relu.onnx relu_const && %qcc compile %t.relu.onnx --emit=qnn | FileCheck %s --check-prefix=RELU

# a: Q(0.5, 128) [1,3,2,2]; b: Q(0.25, 10) [1,3,1,1]; out Q(0.1, 5).
# ADD: %[[A:.*]] = qnn.quantize %arg0 : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# ADD: %[[B:.*]] = qnn.quantize %arg1 : tensor<1x3x1x1xf32> -> tensor<1x3x1x1x!qnn.q<ui8, scale = 0.25, zp = 10>>
# ADD: %[[Y:.*]] = qnn.add %[[A]], %[[B]] : (tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x1x1x!qnn.q<ui8, scale = 0.25, zp = 10>>) -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 5>>
# ADD-NOT: out_min
# ADD: qnn.dequantize %[[Y]] : tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 5>> -> tensor<1x3x2x2xf32>

# Add of a DQ'd int8 constant of rank 3 ([3,1,1], scale 0.125) and Relu.
# RELU: %[[A:.*]] = qnn.quantize %arg0
# RELU: %[[C:.*]] = qnn.constant dense<{{\[\[\[}}1]], {{\[\[}}2]], {{\[\[}}3]]]> : tensor<3x1x1xi8> : tensor<3x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>
# RELU: qnn.add %[[A]], %[[C]] {out_min = 0.000000e+00 : f64} : (tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<3x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>) -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

import sys

from qcc_models.testing import F32, I8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
a = g.qdq_input("a", [1, 3, 2, 2], 0.5, 128)
if variant == "add":
    b = g.qdq_input("b", [1, 3, 1, 1], 0.25, 10)
    y = g.node("Add", [a, b], "y")
    scale, zp = 0.1, 5
elif variant == "relu_const":
    c = g.weight("c", [[[1]], [[2]], [[3]]], 0.125, 0, I8)
    y = g.node("Relu", [g.node("Add", [a, c], "y")], "r")
    scale, zp = 0.1, 0
else:
    raise SystemExit("unknown variant " + variant)
q = g.q(y, scale, zp, out="yq")
g.dq(q, scale, zp, out="out")
g.output("out", F32)
g.save()
