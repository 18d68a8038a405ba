# QDQ Concat -> qnn.concat: inputs with different quantizations are
# requantized to the result's (the QuantizeLinear after the Concat).
#
# RUN: %python %s %t.mixed.onnx mixed && %qcc compile %t.mixed.onnx --emit=qnn | FileCheck %s --check-prefix=MIXED
# RUN: %python %s %t.relu.onnx relu && %qcc compile %t.relu.onnx --emit=qnn | FileCheck %s --check-prefix=RELU

# a: uint8 Q(0.5, 128) [1,2,2,2], b: int8 Q(0.25, 0) [1,3,2,2], axis 1 ->
# [1,5,2,2] in Q(0.1, 10).
# MIXED: %[[A:.*]] = qnn.quantize %arg0 : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# MIXED: %[[B:.*]] = qnn.quantize %arg1 : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>
# MIXED: %[[Y:.*]] = qnn.concat %[[A]], %[[B]] {axis = 1 : i64} : (tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x5x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 10>>
# MIXED-NEXT: qnn.dequantize %[[Y]] : tensor<1x5x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 10>> -> tensor<1x5x2x2xf32>

# axis = -1 is normalized to 3; a Relu after the Concat becomes a clamping
# requantize.
# RELU: %[[Y:.*]] = qnn.concat %{{.*}}, %{{.*}} {axis = 3 : i64} : ({{.*}}) -> tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# RELU-NEXT: %[[R:.*]] = qnn.requantize %[[Y]] {out_min = 0.000000e+00 : f64} : tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# RELU-NEXT: qnn.dequantize %[[R]]

import sys

from qcc_models.testing import F32, I8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
if variant == "mixed":
    a = g.qdq_input("a", [1, 2, 2, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 3, 2, 2], 0.25, 0, I8)
    y = g.node("Concat", [a, b], "y", axis=1)
    scale, zp = 0.1, 10
elif variant == "relu":
    a = g.qdq_input("a", [1, 2, 2, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 2, 2, 2], 0.5, 128)
    y = g.node("Relu", [g.node("Concat", [a, b], "y", axis=-1)], "r")
    scale, zp = 0.5, 128
else:
    raise SystemExit("unknown variant " + variant)
q = g.q(y, scale, zp, out="yq")
g.dq(q, scale, zp, out="out")
g.output("out", F32)
g.save()
