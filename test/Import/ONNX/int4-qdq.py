# INT4/UINT4 QDQ (opset 21): 4-bit initializers, two values a byte with the
# first in the low nibble, in raw_data or int32_data; 4-bit zero points make
# 4-bit activations.
#
# RUN: %python %s %t.raw.onnx raw && %qcc compile %t.raw.onnx --emit=qnn | FileCheck %s
# RUN: %python %s %t.int32.onnx int32 && %qcc compile %t.int32.onnx --emit=qnn | FileCheck %s

# w (3x2x1x1, int4) = [1, -2, 7, -8, 3, 0]: bytes 0xe1 (1, -2 = 0xe),
# 0x87 (7, -8 = 0x8), 0x03 (3, 0).
# x: uint4 zero point 8, scale 0.5; y: int4 zero point -1, scale 0.25.
# CHECK: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<ui4, scale = 0.5, zp = 8>>
# CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}7]], {{\[\[}}-8]]], {{\[\[\[}}3]], {{\[\[}}0]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<i4, scale = 0.125, zp = 0>>
# CHECK: qnn.conv2d %[[X]], %[[W]]
# CHECK-SAME: -> tensor<1x3x1x1x!qnn.q<i4, scale = 0.25, zp = -1>>

import sys

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, Graph

INT4, UINT4 = 22, 21


def int4_tensor(name, dtype, dims, nibbles, form):
    t = TensorProto()
    t.name = name
    t.data_type = dtype
    t.dims.extend(dims)
    packed = [(nibbles[i] & 0xf) | ((nibbles[i + 1] & 0xf) << 4 if i + 1 < len(nibbles) else 0)
              for i in range(0, len(nibbles), 2)]
    if form == "raw":
        t.raw_data = bytes(packed)
    else:
        t.int32_data.extend(packed)
    return t


form = sys.argv[2]
g = Graph(opset=21)
g.input("x", F32, [1, 2, 1, 1])
for t in (int4_tensor("xz", UINT4, [], [8], form),
          int4_tensor("w", INT4, [3, 2, 1, 1], [1, -2, 7, -8, 3, 0], form),
          int4_tensor("wz", INT4, [], [0], form),
          int4_tensor("yz", INT4, [], [-1], form)):
    g.initializers.append(t)
g.init("xs0", np.float32(0.5))
g.init("ws", np.float32(0.125))
g.init("ys", np.float32(0.25))
g.node("QuantizeLinear", ["x", "xs0", "xz"], "xq")
g.node("DequantizeLinear", ["xq", "xs0", "xz"], "xd")
g.node("DequantizeLinear", ["w", "ws", "wz"], "wd")
g.node("Conv", ["xd", "wd"], "y")
g.node("QuantizeLinear", ["y", "ys", "yz"], "yq")
g.node("DequantizeLinear", ["yq", "ys", "yz"], "out")
g.output("out", F32)
g.save()
