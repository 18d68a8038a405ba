# Layers with a float input (issue 9): Conv, Gemm and MatMul whose input the
# exporter left unquantized (QKeras and hls4ml through QONNX quantize the
# weights of the first layer but not its input), layers ONNX Runtime's
# quantizer excluded (float weights), and BatchNormalization that follows
# no layer it could be folded into. They run in binary32 as ONNX defines
# them: qnn.float_conv2d / qnn.float_matmul, quantized weights kept
# quantized and dequantized by qnn.dequantize, BatchNormalization as
# x * k + c with k and c computed as ONNX Runtime computes them.
# Numerics: test/e2e/float_first_layer.test against ONNX Runtime, and the
# conformance node tests of Conv, Gemm, MatMul and BatchNormalization.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/qkeras_conv.onnx --emit=qnn | FileCheck %s --check-prefix=QKERAS
# RUN: %qcc compile %t/qkeras_conv.onnx -target x86_64 -o %t/q.o --report | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/hls4ml_dense.onnx --emit=qnn | FileCheck %s --check-prefix=DENSE
# RUN: %qcc compile %t/excluded_conv.onnx --emit=qnn | FileCheck %s --check-prefix=EXCLUDED
# RUN: %qcc compile %t/gemm_attrs.onnx --emit=qnn | FileCheck %s --check-prefix=GEMM
# RUN: %qcc compile %t/matmul_batched.onnx --emit=qnn | FileCheck %s --check-prefix=BMM
# RUN: %qcc compile %t/batchnorm_input.onnx --emit=qnn | FileCheck %s --check-prefix=BN
# RUN: %qcc compile %t/batchnorm_between.onnx --emit=qnn | FileCheck %s --check-prefix=BN-Q
# RUN: %qcc compile %t/flatten_into_float_gemm.onnx --emit=qnn | FileCheck %s --check-prefix=FLAT
# RUN: %qcc compile %t/regress_int32_dequantized.onnx --emit=qnn | FileCheck %s --check-prefix=I32
# RUN: not %qcc compile %t/matmul_vector.onnx --emit=qnn 2>&1 | %{err}=VEC
# RUN: not %qcc compile %t/gemm_c_shape.onnx --emit=qnn 2>&1 | %{err}=GEMM-C
# RUN: %qcc compile %t/conv_1d.onnx --emit=qnn | FileCheck %s --check-prefix=CONV1D
# RUN: not %qcc compile %t/conv_bias_shape.onnx --emit=qnn 2>&1 | %{err}=CONV-BIAS
# RUN: not %qcc compile %t/batchnorm_integer.onnx --emit=qnn 2>&1 | %{err}=BN-INT
# RUN: not %qcc compile %t/batchnorm_stats.onnx --emit=qnn 2>&1 | %{err}=BN-STATS
# RUN: not test -e %t/none.o

# The weights stay 4-bit codes; the input is the float graph input.
# QKERAS: %[[W:.*]] = qnn.constant {{.*}} : tensor<4x3x3x3x!qnn.q<i4, scale = 0.25, zp = 0>>
# QKERAS: %[[WF:.*]] = qnn.dequantize %[[W]] : tensor<4x3x3x3x!qnn.q<i4, scale = 0.25, zp = 0>> -> tensor<4x3x3x3xf32>
# QKERAS: %[[B:.*]] = qnn.dequantize %{{.*}} -> tensor<4xf32>
# QKERAS: %[[C:.*]] = qnn.float_conv2d %arg0, %[[WF]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x6x6xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
# QKERAS: %[[R:.*]] = qnn.float_unary relu %[[C]] : tensor<1x4x6x6xf32>
# QKERAS: qnn.quantize %[[R]] : tensor<1x4x6x6xf32> -> tensor<1x4x6x6x!qnn.q<ui4, scale = 0.125, zp = 0>>
# The second convolution is an integer one.
# QKERAS: qnn.conv2d

# REPORT: {{^}}conv1{{ +}}float_conv2d{{ +}}i4{{ +}}f32{{ +}}f32{{ +}}3888{{ +}}70{{ +}}576
# REPORT: {{^}}conv2{{ +}}conv2d{{ +}}i4{{ +}}ui4{{ +}}ui4

# DENSE: %[[W:.*]] = qnn.dequantize %{{.*}} : tensor<8x4x!qnn.q<i3, scale = 0.5, zp = 0>> -> tensor<8x4xf32>
# DENSE-NEXT: %[[M:.*]] = qnn.float_matmul %arg0, %[[W]] : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
# DENSE: %[[A:.*]] = qnn.float_binary add %[[M]], %{{.*}} : tensor<1x4xf32>, tensor<4xf32> -> tensor<1x4xf32>
# DENSE: qnn.float_unary relu %[[A]]

# Float weights (a layer left out of quantization) between quantizers.
# EXCLUDED: %[[X:.*]] = qnn.dequantize %{{.*}} : tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x4xf32>
# EXCLUDED-NEXT: %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x2x1x1xf32>
# EXCLUDED-NEXT: %[[C:.*]] = qnn.float_conv2d %[[X]], %[[W]] {{.*}} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
# EXCLUDED-NEXT: qnn.quantize %[[C]] : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!qnn.q<ui8, scale = 0.25, zp = 10>>

# transA, transB, alpha 0.5, beta 2: Y = 0.5 (A' B') + 2 C.
# GEMM: %[[AT:.*]] = qnn.transpose %arg0 {permutation = array<i64: 1, 0>} : tensor<3x2xf32> -> tensor<2x3xf32>
# GEMM: %[[BT:.*]] = qnn.transpose %{{.*}} {permutation = array<i64: 1, 0>} : tensor<4x3xf32> -> tensor<3x4xf32>
# GEMM-NEXT: %[[M:.*]] = qnn.float_matmul %[[AT]], %[[BT]] : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
# GEMM: %[[H:.*]] = qnn.float_binary mul %[[M]], %{{.*}} : tensor<2x4xf32>, tensor<f32> -> tensor<2x4xf32>
# GEMM: %[[C:.*]] = qnn.float_binary mul %{{.*}}, %{{.*}} : tensor<4xf32>, tensor<f32> -> tensor<4xf32>
# GEMM-NEXT: qnn.float_binary add %[[H]], %[[C]] : tensor<2x4xf32>, tensor<4xf32> -> tensor<2x4xf32>

# BMM: qnn.float_matmul %arg0, %arg1 : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>

# scale [2, 1], var [3, 0], eps 1, mean [1, 2], B [0.5, 0]:
# k = [2 / sqrt(4), 1 / sqrt(1)] = [1, 1], c = B - mean * k = [-0.5, -2].
# BN: %[[K:.*]] = arith.constant dense<1.000000e+00> : tensor<2x1x1xf32>
# BN-NEXT: %[[C:.*]] = arith.constant dense<[{{\[}}[-5.000000e-01]], {{\[}}[-2.000000e+00]]]> : tensor<2x1x1xf32>
# BN-NEXT: %[[M:.*]] = qnn.float_binary mul %arg0, %[[K]] : tensor<1x2x3x3xf32>, tensor<2x1x1xf32> -> tensor<1x2x3x3xf32>
# BN-NEXT: %[[A:.*]] = qnn.float_binary add %[[M]], %[[C]] : tensor<1x2x3x3xf32>, tensor<2x1x1xf32> -> tensor<1x2x3x3xf32>
# BN-NEXT: qnn.quantize %[[A]]

# BN-Q: %[[D:.*]] = qnn.dequantize
# BN-Q: qnn.float_binary mul %[[D]]
# BN-Q-NEXT: %[[A:.*]] = qnn.float_binary add
# BN-Q-NEXT: qnn.quantize %[[A]] : tensor<1x2x3x3xf32> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.125, zp = 100>>

# DQ -> Flatten -> Gemm with float weights: the flatten runs in float.
# FLAT: %[[D:.*]] = qnn.dequantize
# FLAT-NEXT: %[[R:.*]] = qnn.reshape %[[D]] : tensor<1x2x2x2xf32> -> tensor<1x8xf32>
# FLAT: qnn.float_matmul %[[R]], %{{.*}} : (tensor<1x8xf32>, tensor<8x3xf32>) -> tensor<1x3xf32>

# Regression (found by test/e2e/ort_excluded.test): a float op's operand
# DequantizeLinear'd from an int32 constant (a conv bias) was stored as
# 8-bit codes, keeping the low byte (300 read as 44). Codes wider than 8
# bits are dequantized at compile time: (q - zp) * scale in binary32.
# I32: %[[B:.*]] = arith.constant dense<[1.500000e+02, -5.000000e+02]> : tensor<2xf32>
# I32: qnn.float_binary add %arg0, %[[B]]

# VEC: qcc: error: {{.*}}matmul_vector.onnx: node 'mm' (MatMul): 1-D operands of MatMul are not supported
# GEMM-C: qcc: error: {{.*}}gemm_c_shape.onnx: node 'gemm' (Gemm): shapes are not broadcastable at dimension 1
# A 1-D float Conv is the 2-D one of height 1 (conv-1d.py).
# CONV1D: %[[X:.*]] = qnn.reshape %arg0 : tensor<1x2x5xf32> -> tensor<1x2x1x5xf32>
# CONV1D: %[[Y:.*]] = qnn.float_conv2d %[[X]], %{{.*}} : (tensor<1x2x1x5xf32>, tensor<4x2x1x3xf32>) -> tensor<1x4x1x3xf32>
# CONV1D-NEXT: qnn.reshape %[[Y]] : tensor<1x4x1x3xf32> -> tensor<1x4x3xf32>
# CONV-BIAS: qcc: error: {{.*}}conv_bias_shape.onnx: node 'conv' (Conv): bias must have shape [4]
# BN-INT: qcc: error: {{.*}}batchnorm_integer.onnx: node 'bn' (BatchNormalization): input 'y' is not a float tensor; BatchNormalization is folded into a Conv, Gemm or MatMul right before it, or runs in float
# BN-STATS: qcc: error: {{.*}}batchnorm_stats.onnx: node 'bn' (BatchNormalization): outputs beyond Y (training statistics) are not supported

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qonnx_lib import QONNX, quant  # noqa: E402
from onnx import helper  # noqa: E402

from qcc_models.testing import F32, I8, U8, Variants  # noqa: E402

models = Variants()
rng = np.random.RandomState(9)


def qonnx(g):
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.qonnx_domain = QONNX


@models(opset=11)
def qkeras_conv(g):
    # QKeras -> QONNX: quantized_bits(4) weights and bias, the input left
    # float, quantized_relu(4) after the first layer.
    qonnx(g)
    g.input("x", F32, [1, 3, 6, 6])
    g.init("w", rng.randint(-7, 8, [4, 3, 3, 3]).astype(np.float32) * 0.25)
    g.init("b", np.array([0.5, -0.25, 0, 1], np.float32))
    w = quant(g, "w", 0.25, 0, 4, "wq", narrow=1)
    b = quant(g, "b", 0.25, 0, 8, "bq")
    c = g.node("Conv", ["x", w, b], "c", name="conv1", pads=[1, 1, 1, 1],
               kernel_shape=[3, 3])
    r = g.node("Relu", [c], "r", name="relu1")
    a = quant(g, r, 0.125, 0, 4, "aq", signed=0)
    g.init("w2", rng.randint(-7, 8, [2, 4, 1, 1]).astype(np.float32) * 0.25)
    w2 = quant(g, "w2", 0.25, 0, 4, "w2q", narrow=1)
    c2 = g.node("Conv", [a, w2], "c2", name="conv2")
    r2 = g.node("Relu", [c2], "r2", name="relu2")
    g.output(quant(g, r2, 0.25, 0, 4, "yq", signed=0), F32)


@models(opset=11)
def hls4ml_dense(g):
    qonnx(g)
    g.input("x", F32, [1, 8])
    g.init("w", rng.randint(-3, 4, [8, 4]).astype(np.float32) * 0.5)
    g.init("b", np.array([0.5, -1, 0, 2], np.float32))
    w = quant(g, "w", 0.5, 0, 3, "wq")
    b = quant(g, "b", 0.5, 0, 8, "bq")
    m = g.node("MatMul", ["x", w], "m", name="dense")
    a = g.node("Add", [m, b], "a", name="bias")
    r = g.node("Relu", [a], "r", name="relu")
    g.output(quant(g, r, 0.25, 0, 6, "yq", signed=0), F32)


@models()
def excluded_conv(g):
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    g.init("wf", np.array([1, -0.5, 0.25, 2, 0, 1], np.float32).reshape(3, 2, 1, 1))
    c = g.node("Conv", [x, "wf"], "c", name="conv")
    g.output(g.dq(g.q(c, 0.25, 10), 0.25, 10), F32)


@models()
def gemm_attrs(g):
    g.input("a", F32, [3, 2])
    g.init("bw", rng.randn(4, 3).astype(np.float32))
    g.init("c", np.array([1, 2, 3, 4], np.float32))
    g.node("Gemm", ["a", "bw", "c"], "y", name="gemm", transA=1, transB=1,
           alpha=0.5, beta=2.0)
    g.output("y", F32)


@models()
def matmul_batched(g):
    g.input("a", F32, [2, 3, 4])
    g.input("b", F32, [1, 4, 5])
    g.node("MatMul", ["a", "b"], "y", name="mm")
    g.output("y", F32)


def batchnorm(g, x, out="y_bn", **attrs):
    g.init("scale", np.array([2, 1], np.float32))
    g.init("beta", np.array([0.5, 0], np.float32))
    g.init("mean", np.array([1, 2], np.float32))
    g.init("var", np.array([3, 0], np.float32))
    return g.node("BatchNormalization", [x, "scale", "beta", "mean", "var"],
                  out, name="bn", epsilon=1.0, **attrs)


@models()
def batchnorm_input(g):
    g.input("x", F32, [1, 2, 3, 3])
    g.output(g.dq(g.q(batchnorm(g, "x"), 0.125, 100), 0.125, 100), F32)


@models()
def batchnorm_between(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    g.output(g.dq(g.q(batchnorm(g, x), 0.125, 100), 0.125, 100), F32)


@models()
def flatten_into_float_gemm(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    f = g.node("Flatten", [x], "f", name="flat")
    g.init("wf", rng.randn(8, 3).astype(np.float32))
    g.node("Gemm", [f, "wf"], "y", name="fc")
    g.output("y", F32)


@models()
def regress_int32_dequantized(g):
    g.input("x", F32, [1, 2])
    g.init("bq", np.array([300, -1000], np.int32))
    g.init("bs", np.float32(0.5))
    g.init("bz", np.int32(0))
    g.node("DequantizeLinear", ["bq", "bs", "bz"], "b", name="dq")
    g.node("Add", ["x", "b"], "y", name="add")
    g.output("y", F32)


@models()
def matmul_vector(g):
    g.input("a", F32, [4])
    g.init("bw", np.ones([4, 2], np.float32))
    g.node("MatMul", ["a", "bw"], "y", name="mm")
    g.output("y", F32)


@models()
def gemm_c_shape(g):
    g.input("a", F32, [2, 3])
    g.init("bw", np.ones([3, 4], np.float32))
    g.init("c", np.ones([3], np.float32))
    g.node("Gemm", ["a", "bw", "c"], "y", name="gemm")
    g.output("y", F32)


@models()
def conv_1d(g):
    g.input("x", F32, [1, 2, 5])
    g.init("wf", np.ones([4, 2, 3], np.float32))
    g.node("Conv", ["x", "wf"], "y", name="conv")
    g.output("y", F32)


@models()
def conv_bias_shape(g):
    g.input("x", F32, [1, 2, 5, 5])
    g.init("wf", np.ones([4, 2, 3, 3], np.float32))
    g.init("bf", np.ones([3], np.float32))
    g.node("Conv", ["x", "wf", "bf"], "y", name="conv")
    g.output("y", F32)


@models()
def batchnorm_integer(g):
    # QOperator: the integer output of QLinearConv is not a float tensor.
    g.input("x", U8, [1, 2, 3, 3])
    for n, v, t in (("xs", 0.5, F32), ("xz", 128, U8), ("ws", 0.5, F32),
                    ("wz", 0, I8), ("ys", 0.5, F32), ("yz", 128, U8)):
        g.init(n, np.array(v), t)
    g.init("w", np.ones([2, 2, 1, 1]), I8)
    g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], "y",
           name="qconv")
    batchnorm(g, "y")
    g.output("y_bn", F32)


@models()
def batchnorm_stats(g):
    g.input("x", F32, [1, 2, 3, 3])
    g.init("scale", np.array([2, 1], np.float32))
    g.init("beta", np.array([0.5, 0], np.float32))
    g.init("mean", np.array([1, 2], np.float32))
    g.init("var", np.array([3, 1], np.float32))
    g.node("BatchNormalization", ["x", "scale", "beta", "mean", "var"],
           ["y", "m", "v"], name="bn", training_mode=0)
    g.output("y", F32)


models.main()
