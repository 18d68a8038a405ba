# float16 scales on QuantizeLinear / DequantizeLinear (opset 19; what a
# float16 conversion of a QDQ model writes): the scale is the binary32
# value binary16 holds (0.1 is 0.0999755859375 in binary16, printed to 9
# digits), and the pairs fuse as with float32 scales: the Conv between them
# is a qnn.conv2d on the codes with per-channel float16 weight scales (2^-7
# and 0.1 / 8 in binary16, 0.0124969482421875); its int32 bias, dequantized
# with float16 scales that are not the products of the input and weight
# scales, keeps its exact value with a bias_shift. 0.05 is 0.0499877930 in
# binary16. The float16 input is widened on entry, the float16 output
# narrowed.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# CHECK: func.func @forward(%arg0: tensor<1x2x3x3xf16> {qcc.name = "x"}) -> (tensor<1x2x3x3xf16> {qcc.name = "out"})
# CHECK: %[[X:.*]] = qnn.float_cast %arg0 : tensor<1x2x3x3xf16> -> tensor<1x2x3x3xf32>
# CHECK: %[[XQ:.*]] = qnn.quantize %[[X]] : tensor<1x2x3x3xf32> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.0999755859, zp = 128>>
# CHECK: %[[W:.*]] = qnn.constant {{.*}}axis = 0, scale = [0.0078125, 0.0124969482]
# CHECK: %[[Y:.*]] = qnn.conv2d %[[XQ]], %[[W]], %{{.*}} {bias_shift = {{[1-9][0-9]*}} : i64{{.*}} -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.049987793, zp = 0>>
# CHECK: %[[D:.*]] = qnn.dequantize %[[Y]]
# CHECK: %[[O:.*]] = qnn.float_cast %[[D]] : tensor<1x2x3x3xf32> -> tensor<1x2x3x3xf16>
# CHECK: return %[[O]]

import sys

import numpy as np
from onnx import TensorProto

from qcc_models.testing import Graph

F16 = TensorProto.FLOAT16
g = Graph(opset=19)
g.input("x", F16, [1, 2, 3, 3])
g.init("xs", np.float16(0.1))
g.init("xz", np.uint8(128))
g.node("QuantizeLinear", ["x", "xs", "xz"], "xq")
g.node("DequantizeLinear", ["xq", "xs", "xz"], "xd")
g.init("w", np.arange(-4, 4, dtype=np.int8).reshape(2, 2, 1, 2)[:, :, :, :1].copy())
g.init("ws", np.array([2.0 ** -7, 0.1 / 8], np.float16))
g.node("DequantizeLinear", ["w", "ws"], "wd", axis=0)
g.init("b", np.array([10, -20], np.int32))
g.init("bs", (np.float16(0.1) * np.array([2.0 ** -7, 0.1 / 8], np.float16)).astype(np.float16))
g.node("DequantizeLinear", ["b", "bs"], "bd", axis=0)
g.node("Conv", ["xd", "wd", "bd"], "c")
g.node("Relu", ["c"], "r")
g.init("ys", np.float16(0.05))
g.init("yz", np.uint8(0))
g.node("QuantizeLinear", ["r", "ys", "yz"], "yq")
g.node("DequantizeLinear", ["yq", "ys", "yz"], "out")
g.output("out", F16, [1, 2, 3, 3])
g.save(sys.argv[1])
