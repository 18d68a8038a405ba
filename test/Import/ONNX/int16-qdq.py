# 16-bit QDQ (opset 21; ONNX Runtime's quantize_static with QInt16 / QUInt16
# activations): a QuantizeLinear to int16/uint16 is a boundary, not a
# quantizer the Conv before it fuses; DequantizeLinear of a 16-bit value is
# a qnn.dequantize, and the Conv between the pairs runs in float, as ONNX
# Runtime runs it. An int16 weight is folded to float at compile time,
# (float)(q - zp) * scale: [300, -2, 7, 32767] * 2^-12.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# CHECK: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<i16, scale = 0.5, zp = -300>>
# CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<1x2x1x1x!qnn.q<i16, scale = 0.5, zp = -300>> -> tensor<1x2x1x1xf32>
# CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}0.0732421875]], {{\[\[}}-4.8828125E-4]]], {{\[\[\[}}0.00170898438]], {{\[\[}}7.99975586]]]]> : tensor<2x2x1x1xf32>
# CHECK: %[[Y:.*]] = qnn.float_conv2d %[[X]], %[[W]]
# CHECK: %[[YQ:.*]] = qnn.quantize %[[Y]] : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<ui16, scale = 0.125, zp = 40000>>
# CHECK: qnn.dequantize %[[YQ]]
# The uint16 value itself is the second graph output (ui16 in the ABI).
# CHECK: %[[OUT:.*]] = qnn.storage_cast %[[YQ]] : tensor<1x2x1x1x!qnn.q<ui16, scale = 0.125, zp = 40000>> -> tensor<1x2x1x1xui16>
# CHECK: return %{{.*}}, %[[OUT]] : tensor<1x2x1x1xf32>, tensor<1x2x1x1xui16>

import sys

import numpy as np

from qcc_models.testing import F32, I16, U16, Graph

g = Graph(opset=21)
g.input("x", F32, [1, 2, 1, 1])
x = g.dq(g.q("x", 0.5, -300, I16, out="xq"), 0.5, -300, I16)
w = g.weight("w", np.array([300, -2, 7, 32767]).reshape(2, 2, 1, 1), 2.0 ** -12,
             dtype=I16)
y = g.node("Conv", [x, w], "y")
yq = g.q(y, 0.125, 40000, U16, out="yq")
g.dq(yq, 0.125, 40000, U16, out="out")
g.output("out", F32)
g.output("yq", U16)
g.save(sys.argv[1])
