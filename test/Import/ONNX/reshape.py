# Flatten / Reshape between DQ and Q (or on quantized values): qnn.reshape
# keeps the quantization.
#
# RUN: %python %s %t.flat.onnx flatten && %qcc compile %t.flat.onnx --emit=qnn | FileCheck %s --check-prefix=FLAT
# RUN: %python %s %t.flat0.onnx flatten0 && %qcc compile %t.flat0.onnx --emit=qnn | FileCheck %s --check-prefix=FLAT0
# RUN: %python %s %t.rs.onnx reshape && %qcc compile %t.rs.onnx --emit=qnn | FileCheck %s --check-prefix=RESHAPE
# RUN: %python %s %t.rsc.onnx reshape_const_node && %qcc compile %t.rsc.onnx --emit=qnn | FileCheck %s --check-prefix=RESHAPE

# Flatten(axis = 2) of [1, 2, 3, 4]: [1 * 2, 3 * 4] = [2, 12].
# FLAT: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x3x4xf32> -> tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# FLAT: %[[Y:.*]] = qnn.reshape %[[X]] : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x12x!qnn.q<ui8, scale = 0.5, zp = 128>>
# FLAT-NEXT: qnn.dequantize %[[Y]] : tensor<2x12x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x12xf32>

# Flatten(axis = 0): [1, 24]; then a Q with other parameters: requantize.
# FLAT0: %[[Y:.*]] = qnn.reshape %{{.*}} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x24x!qnn.q<ui8, scale = 0.5, zp = 128>>
# FLAT0-NEXT: qnn.requantize %[[Y]] : tensor<1x24x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x24x!qnn.q<i8, scale = 0.5, zp = 0>>

# Reshape [1, 2, 3, 4] to [0, -1, 4]: 0 copies dim 0 (1), -1 is 24 / 4 = 6.
# RESHAPE: qnn.reshape %{{.*}} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# RESHAPE-NEXT: qnn.dequantize %{{.*}} : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x6x4xf32>

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
x = g.qdq_input("x", [1, 2, 3, 4], 0.5, 128)
scale, zp, dtype = 0.5, 128, U8
if variant == "flatten":
    y = g.node("Flatten", [x], "f", axis=2)
elif variant == "flatten0":
    y = g.node("Flatten", [x], "f", axis=0)
    scale, zp, dtype = 0.5, 0, I8
elif variant == "reshape":
    g.init("shape", np.array([0, -1, 4], np.int64))
    y = g.node("Reshape", [x, "shape"], "f")
elif variant == "reshape_const_node":
    y = g.node("Reshape", [x, "shape"], "f")
else:
    raise SystemExit("unknown variant " + variant)
q = g.q(y, scale, zp, dtype, out="yq")
g.dq(q, scale, zp, dtype, out="out")
g.output("out", F32)
if variant == "reshape_const_node":
    # The shape comes from a Constant node placed after the Reshape.
    g.const_node("shape", np.array([0, -1, 4], np.int64))
g.save()
