# QuantizeLinear / DequantizeLinear of the com.microsoft domain (ONNX
# Runtime's quantizer with UseQDQContribOps, and for 16-bit types before
# opset 21): ONNX's semantics, axis allowed at any opset. 8-bit pairs fuse
# into the Conv between them exactly as the default-domain ones do, here at
# opset 11 with a per-channel weight (axis 0), which the default domain
# refuses before opset 13.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# CHECK: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.5, zp = 128>>
# CHECK: %[[W:.*]] = qnn.constant dense<{{.*}}> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i8, axis = 0, scale = [0.25, 0.125], zp = [0, 0]>>
# CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]]
# CHECK-SAME: -> tensor<1x2x1x1x!qnn.q<i8, scale = 0.0625, zp = -3>>
# CHECK: qnn.dequantize %[[Y]]

import sys

import numpy as np
from onnx import helper

from qcc_models.testing import F32, I8, U8, Graph

MS = "com.microsoft"
g = Graph(opset=11)
g.opsets.append(helper.make_opsetid(MS, 1))
g.input("x", F32, [1, 2, 1, 1])
x = g.dq(g.q("x", 0.5, 128, U8, out="xq", domain=MS), 0.5, 128, U8, domain=MS)
g.init("w", np.array([1, -2, 3, 4], np.int8).reshape(2, 2, 1, 1))
w = g.dq("w", [0.25, 0.125], np.zeros(2, np.int8), I8, out="w_dq", axis=0, domain=MS)
y = g.node("Conv", [x, w], "y")
g.dq(g.q(y, 0.0625, -3, I8, out="yq", domain=MS), 0.0625, -3, I8, out="out", domain=MS)
g.output("out", F32)
g.save(sys.argv[1])
