# FINN MultiThreshold (issue 9) becomes qnn.multi_threshold on what its input
# is stored as, each real threshold moved to the smallest stored value that
# reaches it; integer-valued float weights annotated with a FINN datatype
# (quantization_annotation, key finn_datatype) become quantized weights of
# scale 1. Thresholds below are derived by hand.
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/float_input.onnx --emit=qnn | FileCheck %s --check-prefix=FLOAT
# RUN: %qcc compile %t/quantized_input.onnx --emit=qnn | FileCheck %s --check-prefix=QUANT
# RUN: %qcc compile %t/conv_affine.onnx --emit=qnn | FileCheck %s --check-prefix=CONV
# RUN: %qcc compile %t/conv_negative.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-NEG
# RUN: %qcc compile %t/matmul_bias.onnx --emit=qnn | FileCheck %s --check-prefix=MATMUL

# A float input: thresholds unchanged (global: one row), UINT2 codes.
# FLOAT: qnn.multi_threshold %arg0 {axis = 1 : i64, offset = 0 : i64, thresholds = dense<{{\[\[}}-5.000000e-01, 0.000000e+00, 5.000000e-01]]> : tensor<1x3xf32>} : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!qnn.q<ui2, scale = 1.0, zp = 0>>

# Quantized codes q (unsigned 4-bit, scale 0.5): the smallest q with
# 0.5 q >= t: 0.6 -> 2, 1.0 -> 2, 7.9 -> none (qmax + 1 = 16). INT2 output
# with out_bias -2: offset -2.
# QUANT: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui4, scale = 0.5, zp = 0>>
# QUANT: qnn.multi_threshold %[[X]] {axis = 1 : i64, offset = -2 : i64, thresholds = dense<{{\[\[}}2, 2, 16]]> : tensor<1x3xi32>} : tensor<1x4x!qnn.q<ui4, scale = 0.5, zp = 0>> -> tensor<1x4x!qnn.q<i2, scale = 1.0, zp = 0>>

# Conv (x scale 0.5, INT2 weights) -> Mul [2, 0.5] -> Add [1, -0.25]: the
# real value of channel c is unit[c] * acc + off[c] with unit = 0.5 * k =
# [1, 0.25], off = [1, -0.25]. Thresholds [[3.2], [0.1]]: acc >= 2.2 -> 3;
# acc >= 1.4 -> 2. BIPOLAR output (out_scale 2, out_bias -1): scale 1.
# CONV: %[[ACC:.*]] = qnn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : ({{.*}}) -> tensor<1x2x1x1xi32>
# CONV: qnn.multi_threshold %[[ACC]] {axis = 1 : i64, offset = -1 : i64, thresholds = dense<{{\[\[}}3], [2]]> : tensor<2x1xi32>} : tensor<1x2x1x1xi32> -> tensor<1x2x1x1x!qnn.q<b1, scale = 1.0>>

# The same with the factor -0.5 on channel 1: its weights [0, 1] mirrored
# to [0, -1] (INT2 holds them), unit 0.25 again, the same thresholds.
# CONV-NEG: qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}0]], {{\[\[}}-1]]]]> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i2, axis = 0, scale = [2.0, 0.5], zp = [0, 0]>>
# CONV-NEG: qnn.multi_threshold %{{.*}} {axis = 1 : i64, offset = -1 : i64, thresholds = dense<{{\[\[}}3], [2]]> : tensor<2x1xi32>}

# MatMul (A scale 0.25, INT4 weights) -> Add bias [0.5, -0.5, 0]: unit 0.25,
# offsets the bias. Global thresholds [1, 2] per column c:
# (t - bias[c]) / 0.25 -> [[2, 6], [6, 10], [4, 8]]. UINT2 codes, out_scale 0.5.
# MATMUL: %[[ACC:.*]] = qnn.matmul %{{.*}}, %{{.*}} : ({{.*}}) -> tensor<1x3xi32>
# MATMUL: qnn.multi_threshold %[[ACC]] {axis = 1 : i64, offset = 0 : i64, thresholds = dense<{{\[\[}}2, 6], [6, 10], [4, 8]]> : tensor<3x2xi32>} : tensor<1x3xi32> -> tensor<1x3x!qnn.q<ui2, scale = 0.5, zp = 0>>

import numpy as np

from qcc_models.testing import F32, Variants
from finn_lib import conv_affine_graph, finn, mt
from qonnx_lib import quant

models = Variants()


@models(opset=11)
def float_input(g):
    g.input("x", F32, [1, 3, 2, 2])
    g.output(mt(g, "x", [[-0.5, 0.0, 0.5]], out_dtype="UINT2"), F32)
    return finn(g)


@models()
def quantized_input(g):
    g.input("x", F32, [1, 4])
    x = quant(g, "x", 0.5, 0, 4, "xq", signed=0)
    g.output(mt(g, x, [[0.6, 1.0, 7.9]], out_dtype="INT2", out_bias=-2.0), F32)
    return finn(g)


@models()
def conv_affine(g):
    conv_affine_graph(g)
    return finn(g, {"w": "INT2"})


@models()
def conv_negative(g):
    conv_affine_graph(g, mul=(2.0, -0.5))
    return finn(g, {"w": "INT2"})


@models()
def matmul_bias(g):
    g.input("a", F32, [1, 4])
    a = quant(g, "a", 0.25, 0, 8, "aq", signed=1)
    g.init("w", np.array([[7, -8, 0], [1, 2, 3], [-1, -2, -3], [0, 5, 6]], np.float32))
    y = g.node("MatMul", [a, "w"], "mm", name="mm")
    y = g.node("Add", [y, g.init("bias", np.array([0.5, -0.5, 0], np.float32))], "add",
               name="add")
    g.output(mt(g, y, [[1.0, 2.0]], out_dtype="UINT2", out_scale=0.5), F32)
    return finn(g, {"w": "INT4"})


models.main()
