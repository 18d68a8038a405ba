# Transpose and nearest Resize / Upsample on quantized tensors: qnn.transpose
# and qnn.resize_nearest (integer factors, the modes that repeat pixels); a
# Transpose of quantized weights is done at compile time.
#
# RUN: %python %s %t.tw.onnx transpose_weights 13 && %qcc compile %t.tw.onnx --emit=qnn | FileCheck %s --check-prefix=TW
# RUN: %python %s %t.up9.onnx upsample 9 && %qcc compile %t.up9.onnx --emit=qnn | FileCheck %s --check-prefix=UP9
# RUN: %python %s %t.r13.onnx resize_sizes 13 && %qcc compile %t.r13.onnx --emit=qnn | FileCheck %s --check-prefix=UP
# RUN: %qcc compile %t.r13.onnx -target x86_64 -o %t.r13.o --report | FileCheck %s --check-prefix=UPREP
# RUN: %python %s %t.lin.onnx resize_linear 13 && %qcc compile %t.lin.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=LINEAR
# RUN: %qcc compile %t.lin.onnx -target x86_64 -o %t.lin.o --report | FileCheck %s --check-prefix=LINREP
# RUN: %python %s %t.asym.onnx resize_asym3 13 && %qcc compile %t.asym.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=ASYM3
# RUN: %python %s %t.frac.onnx resize_fraction 13 && %qcc compile %t.frac.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=FRAC

# W [2, 3] = [[1, 2, 3], [4, 5, 6]] transposed to [3, 2] for MatMul.
# TW: qnn.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi8>

# UP: qnn.resize_nearest %{{.*}} {factors = array<i64: 2, 3>} : tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>

# --report lists the layer: 1x2x4x6 uint8 codes, 48 bytes.
# UPREP: {{^}}rs{{ +}}resize_nearest{{ +}}-{{ +}}ui8{{ +}}ui8{{ +}}0{{ +}}0{{ +}}48

# QONNX at opset 9 (Upsample with a scales input).
# UP9: qnn.resize_nearest %{{.*}} {factors = array<i64: 2, 3>} : tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 0>>

# Since issue 9 the resizes that do not repeat pixels by integer factors
# (they were refused here) run on the dequantized tensor through
# qnn.resize_2d, whose source tables are checked here by hand; the
# quantizer after them quantizes the result.
# Linear, half_pixel by 2 over 2 columns: x = (o + 0.5) / 2 - 0.5 clamped
# to [0, 1] is 0, 0.25, 0.75, 1: sources (0, 1) with weights (1, 0),
# (0.75, 0.25), (0.25, 0.75), and at the edge (1, 1) with (0.5, 0.5).
# LINEAR: %[[D:.*]] = qnn.dequantize
# LINEAR-NEXT: %[[R:.*]] = qnn.resize_2d %[[D]] {col_weights = array<f32: 1.000000e+00, 0.000000e+00, 7.500000e-01, 2.500000e-01, 2.500000e-01, 7.500000e-01, 5.000000e-01, 5.000000e-01>, cols = array<i64: 0, 1, 0, 1, 0, 1, 1, 1>,
# LINEAR-NEXT: qnn.quantize %[[R]]
# --report says it runs in float: 1x2x4x4 f32, 128 bytes.
# LINREP: {{^}}rs{{ +}}float_resize_2d{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}128
# asymmetric + round_prefer_floor by 3: output pixel 2 is at 0.67, rounds
# to 1; pixel 5 at 1.67 rounds to 2, clamped to 1.
# ASYM3: qnn.resize_2d {{.*}}cols = array<i64: 0, 0, 1, 1, 1, 1>
# half_pixel + round_prefer_floor by 1.5 over 2 rows: x = -0.17, 0.5, 1.17
# rounds to 0, 0 (a tie, to the floor), 1.
# FRAC: qnn.resize_2d {{.*}}rows = array<i64: 0, 0, 1>

import sys

import numpy as np

from qcc_models.testing import F32, Graph
from qonnx_lib import qonnx_graph, quant

variant, opset = sys.argv[2], int(sys.argv[3])
g = Graph(opset=opset)
if variant == "transpose_weights":
    x = g.qdq_input("x", [1, 3], 0.5, 128)
    w = g.weight("w", [[1, 2, 3], [4, 5, 6]], 0.25)
    wt = g.node("Transpose", [w], "wt", name="t", perm=[1, 0])
    y = g.node("MatMul", [x, wt], "y", name="mm")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)
    g.save()
    raise SystemExit(0)
if variant == "upsample":
    g = qonnx_graph(opset=opset)
    g.input("x", F32, [1, 2, 2, 2])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
    g.init("sc", np.array([1, 1, 2, 3], np.float32))
    y = g.node("Upsample", [x, "sc"], "y", name="rs", mode="nearest")
    g.output(quant(g, y, 0.5, 0, 8, "yq", signed=0), F32)
    g.save()
    raise SystemExit(0)
x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
if variant == "resize_sizes":
    g.init("sz", np.array([1, 2, 4, 6], np.int64))
    y = g.node("Resize", [x, "", "", "sz"], "y", name="rs", mode="nearest")
elif variant == "resize_linear":
    g.init("sc", np.array([1, 1, 2, 2], np.float32))
    y = g.node("Resize", [x, "", "sc"], "y", name="rs", mode="linear")
elif variant == "resize_asym3":
    g.init("sc", np.array([1, 1, 3, 3], np.float32))
    y = g.node("Resize", [x, "", "sc"], "y", name="rs", mode="nearest",
               coordinate_transformation_mode="asymmetric")
elif variant == "resize_fraction":
    g.init("sc", np.array([1, 1, 1.5, 2], np.float32))
    y = g.node("Resize", [x, "", "sc"], "y", name="rs", mode="nearest")
g.dq(g.q(y, 0.5, 128, out="yq"), 0.5, 128, out="out")
g.output("out", F32)
g.save()
