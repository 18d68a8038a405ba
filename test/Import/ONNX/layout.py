# Transpose and nearest Resize / Upsample on quantized tensors: qnn.transpose
# and qnn.resize_nearest (integer factors, the modes that repeat pixels); a
# Transpose of quantized weights is done at compile time.
#
# RUN: %python %s %t.tw.onnx transpose_weights 13 && %qcc compile %t.tw.onnx --emit=qnn | FileCheck %s --check-prefix=TW
# RUN: %python %s %t.up9.onnx upsample 9 && %qcc compile %t.up9.onnx --emit=qnn | FileCheck %s --check-prefix=UP9
# RUN: %python %s %t.r13.onnx resize_sizes 13 && %qcc compile %t.r13.onnx --emit=qnn | FileCheck %s --check-prefix=UP
# RUN: %qcc compile %t.r13.onnx -target x86_64 -o %t.r13.o --report | FileCheck %s --check-prefix=UPREP
# RUN: %python %s %t.lin.onnx resize_linear 13 && not %qcc compile %t.lin.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=LINEAR
# RUN: %python %s %t.asym.onnx resize_asym3 13 && not %qcc compile %t.asym.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=ASYM3
# RUN: %python %s %t.frac.onnx resize_fraction 13 && not %qcc compile %t.frac.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=FRAC

# W [2, 3] = [[1, 2, 3], [4, 5, 6]] transposed to [3, 2] for MatMul.
# TW: qnn.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi8>

# UP: qnn.resize_nearest %{{.*}} {factors = array<i64: 2, 3>} : tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>

# --report lists the layer: 1x2x4x6 uint8 codes, 48 bytes.
# UPREP: {{^}}rs{{ +}}resize_nearest{{ +}}-{{ +}}ui8{{ +}}ui8{{ +}}0{{ +}}0{{ +}}48

# QONNX at opset 9 (Upsample with a scales input).
# UP9: qnn.resize_nearest %{{.*}} {factors = array<i64: 2, 3>} : tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 0>>

# LINEAR: qcc: error: {{.*}}: node 'rs' (Resize): mode 'linear' is not supported (nearest)
# asymmetric + round_prefer_floor by 3: output pixel 2 is at 0.67, rounds to 1.
# ASYM3: qcc: error: {{.*}}: node 'rs' (Resize): with coordinate_transformation_mode 'asymmetric' and nearest_mode 'round_prefer_floor', output pixel 2 reads input pixel 1, not 0 (only the plain repetition by integer factors is supported)
# FRAC: qcc: error: {{.*}}: node 'rs' (Resize): scale 1.5 of dimension 2 is not supported (1 for N and C; positive integers for H and W)

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
