# Reshape, Flatten, Squeeze, Unsqueeze, Transpose and Concat of float
# tensors (issue 9): qnn.reshape / qnn.transpose / qnn.concat on f32, for a float tensor or a
# dequantized one consumed in float through them (a detector head:
# DequantizeLinear -> Reshape -> Transpose -> Sigmoid -> graph output).
# Where the layout ops lead to a quantizer or a quantized op, they stay on
# codes (layout.py). Numerics: test/e2e/float_heads.test.
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/yolo_head.onnx --emit=qnn | FileCheck %s --check-prefix=HEAD
# RUN: %qcc compile %t/flatten_softmax.onnx --emit=qnn | FileCheck %s --check-prefix=SM
# RUN: %qcc compile %t/input_reshape.onnx --emit=qnn | FileCheck %s --check-prefix=IN
# RUN: %qcc compile %t/flatten_gemm.onnx --emit=qnn | FileCheck %s --check-prefix=GEMM
# RUN: %qcc compile %t/yolo_head.onnx -target x86_64 -o %t/h.o
# RUN: %qcc compile %t/concat_heads.onnx --emit=qnn | FileCheck %s --check-prefix=CAT
# RUN: %qcc compile %t/concat_heads.onnx -target x86_64 -o %t/c.o
# RUN: %qcc compile %t/concat_input_const.onnx --emit=qnn | FileCheck %s --check-prefix=CATIN

# HEAD: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x6x2x2xf32>
# HEAD-NEXT: %[[R:.*]] = qnn.reshape %[[D]] : tensor<1x6x2x2xf32> -> tensor<1x3x2x2x2xf32>
# HEAD-NEXT: %[[T:.*]] = qnn.transpose %[[R]] {permutation = array<i64: 0, 1, 3, 4, 2>} : tensor<1x3x2x2x2xf32> -> tensor<1x3x2x2x2xf32>
# HEAD-NEXT: %[[S:.*]] = qnn.float_unary sigmoid %[[T]] : tensor<1x3x2x2x2xf32>
# HEAD-NEXT: return %[[S]]

# SM: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x4x1x1xf32>
# SM-NEXT: %[[F:.*]] = qnn.reshape %[[D]] : tensor<1x4x1x1xf32> -> tensor<1x4xf32>
# SM-NEXT: qnn.softmax %[[F]] {axis = 1 : i64} : tensor<1x4xf32>

# IN: %[[R:.*]] = qnn.reshape %arg0 : tensor<1x12xf32> -> tensor<1x3x2x2xf32>
# IN-NEXT: qnn.quantize %[[R]]

# Concat of two dequantized heads into a graph output (and of a Sigmoid's
# result): in float, no requantization.
# CAT-DAG: %[[A:.*]] = qnn.dequantize %{{.*}} -> tensor<1x2x2x2xf32>
# CAT-DAG: %[[B:.*]] = qnn.dequantize %{{.*}} -> tensor<1x3x2x2xf32>
# CAT-DAG: %[[S:.*]] = qnn.float_unary sigmoid %[[B]] : tensor<1x3x2x2xf32>
# CAT: qnn.concat %[[A]], %[[S]] {axis = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<1x3x2x2xf32>) -> tensor<1x5x2x2xf32>

# A float graph input and a float constant (a grid): a float concat, then
# the quantizer.
# CATIN: %[[K:.*]] = arith.constant dense<{{.*}}> : tensor<1x1x2x2xf32>
# CATIN: %[[C:.*]] = qnn.concat %arg0, %[[K]] {axis = 1 : i64} : (tensor<1x2x2x2xf32>, tensor<1x1x2x2xf32>) -> tensor<1x3x2x2xf32>
# CATIN: qnn.quantize %[[C]]

# Flatten before a Gemm stays on codes.
# GEMM: qnn.reshape %{{.*}} : tensor<1x4x1x1x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# GEMM-NOT: f32>
# GEMM: qnn.matmul

import numpy as np

from qcc_models.testing import F32, I8, Variants

models = Variants()


@models()
def yolo_head(g):
    x = g.qdq_input("x", [1, 6, 2, 2], 0.25, 128)
    g.init("shape", np.array([1, 3, 2, 2, 2], np.int64))
    r = g.node("Reshape", [x, "shape"], "r", name="reshape")
    t = g.node("Transpose", [r], "t", name="transpose", perm=[0, 1, 3, 4, 2])
    g.node("Sigmoid", [t], "out", name="sig")
    g.output("out", F32)


@models()
def flatten_softmax(g):
    x = g.qdq_input("x", [1, 4, 1, 1], 0.25, 128)
    f = g.node("Flatten", [x], "f", name="flatten")
    g.node("Softmax", [f], "out", name="sm", axis=1)
    g.output("out", F32)


@models()
def input_reshape(g):
    g.input("x", F32, [1, 12])
    g.init("shape", np.array([1, 3, 2, 2], np.int64))
    r = g.node("Reshape", ["x", "shape"], "r", name="reshape")
    g.dq(g.q(r, 0.25, 128, out="rq"), 0.25, 128, out="out")
    g.output("out", F32)


@models()
def concat_heads(g):
    a = g.qdq_input("a", [1, 2, 2, 2], 0.25, 128)
    b = g.qdq_input("b", [1, 3, 2, 2], 0.5, 100)
    s = g.node("Sigmoid", [b], "s", name="sig")
    g.node("Concat", [a, s], "out", name="cat", axis=1)
    g.output("out", F32)


@models()
def concat_input_const(g):
    g.input("x", F32, [1, 2, 2, 2])
    g.init("grid", np.arange(4, dtype=np.float32).reshape(1, 1, 2, 2))
    c = g.node("Concat", ["x", "grid"], "c", name="cat", axis=1)
    g.dq(g.q(c, 0.25, 128, out="cq"), 0.25, 128, out="out")
    g.output("out", F32)


@models()
def flatten_gemm(g):
    x = g.qdq_input("x", [1, 4, 1, 1], 0.5, 128)
    f = g.node("Flatten", [x], "f", name="flatten")
    w = g.weight("w", np.ones([4, 2]), 0.125)
    y = g.node("MatMul", [f, w], "y", name="mm")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


models.main()
