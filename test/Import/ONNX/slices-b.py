# Per-slice bit-widths, form (b): Split/Slice along the channel axis -> one
# quantizer per slice -> Concat on the same axis is one sliced qnn tensor.
# Weights: one sliced qnn.constant; activations: the producer's result type.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# w (4x1x1x1) = [0.5, -1.0, 0.3, 0.7] -> Split [2, 2] on axis 0 ->
#   Quant(0.5, 2-bit signed narrow [-1, 1]) = [1, -2 -> -1]
#   Quant(0.1, 4-bit signed) = [0.3 / 0.1 = 3, 0.7 / 0.1 = 7]
# y (depthwise conv, 4 channels) -> Slice [0, 1) and [1, 4) on axis 1 ->
#   QDQ uint4 zp 0 / uint8 zp 0, both scale 0.25 -> Concat axis 1.
# CHECK-NOT: Split
# CHECK: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]]], {{\[\[\[}}-1]]], {{\[\[\[}}3]]], {{\[\[\[}}7]]]]> : tensor<4x1x1x1xi8> : tensor<4x1x1x1x!qnn.q<[i2 x 2, i4 x 2], axis = 0, scale = [0.5, 0.5, 0.100000001, 0.100000001], zp = [0, 0, 0, 0]>>
# CHECK: %[[Y:.*]] = qnn.conv2d %{{.*}}, %[[W]]
# CHECK-SAME: -> tensor<1x4x1x1x!qnn.q<[ui4 x 1, ui8 x 3], axis = 1, scale = 0.25, zp = 0>>
# CHECK-NEXT: qnn.dequantize %[[Y]]
# CHECK-NOT: qnn.concat

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, U8
from qonnx_lib import qonnx_graph, quant

g = qonnx_graph()
g.input("x", F32, [1, 4, 1, 1])
x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
w = g.init("w", np.array([0.5, -1.0, 0.3, 0.7], np.float32).reshape(4, 1, 1, 1))
g.init("split", np.array([2, 2], np.int64))
g.node("Split", [w, "split"], ["w0", "w1"], name="wsplit", axis=0)
w0 = quant(g, "w0", 0.5, 0, 2, "w0q", narrow=1)
w1 = quant(g, "w1", 0.1, 0, 4, "w1q")
wc = g.node("Concat", [w0, w1], "wcat", axis=0)
y = g.node("Conv", [x, wc], "y", group=4)
for name, v in (("s0", [0]), ("e0", [1]), ("s1", [1]), ("e1", [4]), ("ax", [1])):
    g.init(name, np.array(v, np.int64))
p0 = g.node("Slice", [y, "s0", "e0", "ax"], "p0")
p1 = g.node("Slice", [y, "s1", "e1", "ax"], "p1")
g.init("p0z", np.array(0, np.uint8))
p0z = TensorProto()
p0z.name, p0z.data_type, p0z.raw_data = "p0z4", 21, bytes([0])
g.initializers.append(p0z)
g.init("sc", np.float32(0.25))
q0 = g.node("QuantizeLinear", [p0, "sc", "p0z4"], "q0")
d0 = g.node("DequantizeLinear", [q0, "sc", "p0z4"], "d0")
q1 = g.node("QuantizeLinear", [p1, "sc", "p0z"], "q1")
d1 = g.node("DequantizeLinear", [q1, "sc", "p0z"], "d1")
g.output(g.node("Concat", [d0, d1], "out", axis=1), F32)
g.save()
