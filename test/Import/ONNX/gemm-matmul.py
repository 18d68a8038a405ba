# QDQ Gemm / MatMul -> qnn.matmul (rhs stored [K, N], quantized per tensor
# or per column along axis 1; bias in units of a_scale * b_scale[n]).
#
# RUN: %python %s %t.tb.onnx transB && %qcc compile %t.tb.onnx --emit=qnn | FileCheck %s --check-prefix=TRANSB
# RUN: %python %s %t.ab.onnx alpha_beta && %qcc compile %t.ab.onnx --emit=qnn | FileCheck %s --check-prefix=ALPHA
# RUN: %python %s %t.plain.onnx plain && %qcc compile %t.plain.onnx --emit=qnn | FileCheck %s --check-prefix=PLAIN
# RUN: %python %s %t.mm.onnx matmul_add && %qcc compile %t.mm.onnx --emit=qnn | FileCheck %s --check-prefix=MMADD
# RUN: %python %s %t.mma.onnx matmul_act && %qcc compile %t.mma.onnx --emit=qnn | FileCheck %s --check-prefix=MMACT

# Gemm(transB = 1): W is [N = 3, K = 4] = [[-6..-3], [-2..1], [2..5]] with
# per-row (axis 0) scales [0.25, 0.125, 0.0625]; qcc stores it transposed
# [4, 3] with the same scales per column (axis 1). The bias (int32, units
# 0.5 * w_scale) is unchanged.
# TRANSB: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# TRANSB: %[[W:.*]] = qnn.constant dense<{{\[\[}}-6, -2, 2], [-5, -1, 3], [-4, 0, 4], [-3, 1, 5]]> : tensor<4x3xi8> : tensor<4x3x!qnn.q<i8, axis = 1, scale = [0.25, 0.125, 0.0625], zp = [0, 0, 0]>>
# TRANSB: %[[B:.*]] = arith.constant dense<[8, -8, 16]> : tensor<3xi32>
# TRANSB: %[[Y:.*]] = qnn.matmul %[[X]], %[[W]], %[[B]] : (tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x!qnn.q<i8, axis = 1, scale = [0.25, 0.125, 0.0625], zp = [0, 0, 0]>>, tensor<3xi32>) -> tensor<1x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# TRANSB: qnn.dequantize %[[Y]]

# alpha = 2 scales the weight scales: [0.5, 0.25, 0.125]; beta = 0.5 scales
# the real bias [1.0, -0.5, 0.5] to [0.5, -0.25, 0.25], requantized with
# 0.5 * [0.5, 0.25, 0.125]: [2, -2, 4].
# ALPHA: qnn.constant {{.*}} : tensor<4x3xi8> : tensor<4x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 0, 0]>>
# ALPHA: %[[B:.*]] = arith.constant dense<[2, -2, 4]> : tensor<3xi32>
# ALPHA: qnn.matmul %{{.*}}, %{{.*}}, %[[B]]

# Gemm without transB, per-tensor weight [4, 3] (scale 0.25), float C [0.5]
# broadcast to N = 3: 0.5 / (0.5 * 0.25) = 4.
# PLAIN: qnn.constant dense<{{\[\[}}-6, -2, 2], [-5, -1, 3], [-4, 0, 4], [-3, 1, 5]]> : tensor<4x3xi8> : tensor<4x3x!qnn.q<i8, scale = 0.25, zp = 0>>
# PLAIN: %[[B:.*]] = arith.constant dense<4> : tensor<3xi32>
# PLAIN: qnn.matmul %{{.*}}, %{{.*}}, %[[B]] : (tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<3xi32>) -> tensor<2x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# MatMul of a 3-D A [1, 2, 4] with W [4, 3] (per column, axis 1), followed by
# Add(bias, MatMul) (bias first): the Add becomes the matmul's bias.
# MMADD: %[[W:.*]] = qnn.constant {{.*}} : tensor<4x3x!qnn.q<i8, axis = 1, scale = [0.25, 0.125, 0.0625], zp = [0, 0, 0]>>
# MMADD: %[[B:.*]] = arith.constant dense<[8, -8, 16]> : tensor<3xi32>
# MMADD: qnn.matmul %{{.*}}, %[[W]], %[[B]] : (tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, {{.*}}) -> tensor<1x2x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# MMADD-NOT: qnn.add

# MatMul of two activations (B is a graph input, int8).
# MMACT: %[[A:.*]] = qnn.quantize %arg0 : tensor<2x4xf32> -> tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# MMACT: %[[B:.*]] = qnn.quantize %arg1 : tensor<4x3xf32> -> tensor<4x3x!qnn.q<i8, scale = 0.25, zp = 0>>
# MMACT: qnn.matmul %[[A]], %[[B]] : (tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<2x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

import sys

import numpy as np

from qcc_models.testing import F32, I8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
W34 = np.arange(12).reshape(3, 4) - 6
PC = [0.25, 0.125, 0.0625]


def finish(y):
    q = g.q(y, 0.1, 0, out="yq")
    g.dq(q, 0.1, 0, out="out")
    g.output("out", F32)


if variant == "transB":
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.weight("w", W34, PC, axis=0)
    b = g.bias("b", [8, -8, 16], [0.125, 0.0625, 0.03125])
    finish(g.node("Gemm", [x, w, b], "y", transB=1))
elif variant == "alpha_beta":
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.weight("w", W34, PC, axis=0)
    b = g.bias("b", [8, -8, 16], [0.125, 0.0625, 0.03125])
    finish(g.node("Gemm", [x, w, b], "y", transB=1, alpha=2.0, beta=0.5))
elif variant == "plain":
    x = g.qdq_input("x", [2, 4], 0.5, 128)
    w = g.weight("w", W34.T, 0.25)
    g.init("c", np.array([0.5], np.float32))
    finish(g.node("Gemm", [x, w, "c"], "y"))
elif variant == "matmul_add":
    x = g.qdq_input("x", [1, 2, 4], 0.5, 128)
    w = g.weight("w", W34.T, PC, axis=1)
    b = g.bias("b", [8, -8, 16], [0.125, 0.0625, 0.03125])
    y = g.node("MatMul", [x, w], "mm")
    finish(g.node("Add", [b, y], "y"))
elif variant == "matmul_act":
    a = g.qdq_input("a", [2, 4], 0.5, 128)
    b = g.qdq_input("b", [4, 3], 0.25, 0, I8)
    finish(g.node("MatMul", [a, b], "y"))
else:
    raise SystemExit("unknown variant " + variant)
g.save()
