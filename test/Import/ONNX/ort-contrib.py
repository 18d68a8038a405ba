# ONNX Runtime's com.microsoft QLinear ops map onto qnn ops; their errors
# name the node.
#
# RUN: %python %s %t.add.onnx add && %qcc compile %t.add.onnx --emit=qnn | FileCheck %s --check-prefix=ADD
# RUN: %python %s %t.cl.onnx gap_channels_last && not %qcc compile %t.cl.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=CL
# RUN: %python %s %t.cat.onnx concat_triples && not %qcc compile %t.cat.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=CAT
# RUN: %python %s %t.gemm.onnx qgemm && %qcc compile %t.gemm.onnx --emit=qnn | FileCheck %s --check-prefix=GEMM
# RUN: %python %s %t.gemmf.onnx qgemm_float && not %qcc compile %t.gemmf.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GEMM-FLOAT
# RUN: %python %s %t.gemmc.onnx qgemm_row_bias && not %qcc compile %t.gemmc.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GEMM-ROWS
# RUN: %python %s %t.avg.onnx avgpool && %qcc compile %t.avg.onnx --emit=qnn | FileCheck %s --check-prefix=AVG
# RUN: %python %s %t.avgcl.onnx avgpool_channels_last && not %qcc compile %t.avgcl.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=AVG-CL
# RUN: %python %s %t.sig.onnx sigmoid && %qcc compile %t.sig.onnx --emit=qnn | FileCheck %s --check-prefix=SIG

# ADD: qnn.add %{{.*}}, %{{.*}} : (tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 0>>) -> tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 10>>
# CL: qcc: error: {{.*}}: node 'gap' (QLinearGlobalAveragePool): channels_last=1 is not supported
# AVG: qnn.avg_pool2d %{{.*}} {ceil_mode = true, count_include_pad = true, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 3>>
# AVG-CL: qcc: error: {{.*}}: node 'avg' (QLinearAveragePool): channels_last=1 is not supported
# CAT: qcc: error: {{.*}}: node 'cat' (QLinearConcat): needs Y_scale, Y_zero_point and one (X, X_scale, X_zero_point) triple per input
# QGemm, transB=1: B [3, 2] int8 per output column (scales 0.25, 0.5, 1),
# alpha 2 -> stored [K, N] = transposed, scales alpha * b_scale = 0.5, 1, 2;
# C int32 (units alpha * a_scale * b_scale) the bias.
# GEMM: %[[B:.*]] = qnn.constant dense<{{\[\[}}1, 3, -5], [-2, 4, 6]]> : tensor<2x3xi8> : tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 1.0, 2.0], zp = [0, 0, 0]>>
# GEMM: %[[C:.*]] = arith.constant dense<[7, -8, 9]> : tensor<3xi32>
# GEMM: qnn.matmul %{{.*}}, %[[B]], %[[C]] : (tensor<1x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 1.0, 2.0], zp = [0, 0, 0]>>, tensor<3xi32>) -> tensor<1x3x!qnn.q<ui8, scale = 0.25, zp = 3>>
# GEMM-FLOAT: qcc: error: {{.*}}: node 'gemm' (QGemm): a float output (no y_scale) is not supported; quantize it (y_scale, y_zero_point)
# GEMM-ROWS: qcc: error: {{.*}}: node 'gemm' (QGemm): C must be a scalar, [N] or [1, N] (N = 3); per-row values are not supported
# int8 codes -128..127 with scale 1/16, zp 0 -> sigmoid -> uint8 scale 1/256
# zp 0: codes -1, 0, 1 (reals -1/16, 0, 1/16) -> 124, 128, 132; the first
# codes -> 0; the last (7.9375) -> 255.
# SIG: qnn.lookup_table %{{.*}} {table = array<i64: 0, 0, {{.*}}, 124, 128, 132, {{.*}}, 255>}

import sys

import numpy as np
from onnx import TensorProto, helper

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
g.opsets.append(helper.make_opsetid("com.microsoft", 1))


def ms(op, inputs, out, **attrs):
    g.nodes.append(helper.make_node(op, inputs, [out], name=out, domain="com.microsoft",
                                    **attrs))
    return out


def params(name, scale, zp, dtype=U8):
    g.init(name + "_s", np.float32(scale))
    g.init(name + "_z", np.asarray(zp, np.uint8 if dtype == U8 else np.int8))
    return [name + "_s", name + "_z"]


if variant == "add":
    g.input("a", U8, [1, 4])
    g.input("b", U8, [1, 4])
    y = ms("QLinearAdd", ["a"] + params("a", 0.5, 128) + ["b"] + params("b", 0.25, 0) +
           params("y", 1.0, 10), "add")
    g.output(y, U8, [1, 4])
elif variant == "gap_channels_last":
    g.input("x", U8, [1, 2, 2, 2])
    y = ms("QLinearGlobalAveragePool", ["x"] + params("x", 0.5, 0) + params("y", 0.5, 0),
           "gap", channels_last=1)
    g.output(y, U8, [1, 2, 1, 1])
elif variant.startswith("avgpool"):
    g.input("x", U8, [1, 2, 5, 5])
    y = ms("QLinearAveragePool", ["x"] + params("x", 0.5, 0) + params("y", 0.25, 3),
           "avg", kernel_shape=[2, 2], strides=[2, 2], pads=[0, 0, 1, 1], ceil_mode=1,
           count_include_pad=1, channels_last=int(variant.endswith("last")))
    g.output(y, U8, [1, 2, 3, 3])
elif variant == "concat_triples":
    g.input("x", U8, [1, 2])
    y = ms("QLinearConcat", params("y", 0.5, 0) + ["x"] + params("x", 0.5, 0) + ["x"], "cat",
           axis=1)
    g.output(y, U8, [1, 2])
elif variant.startswith("qgemm"):
    g.input("a", U8, [1, 2])
    g.init("b", np.array([[1, -2], [3, 4], [-5, 6]], np.int8))
    g.init("b_s", np.array([0.25, 0.5, 1.0], np.float32))
    g.init("b_z", np.zeros(3, np.int8))
    # qgemm_row_bias: C [3, 1], one value per row of the [1, 3] result's
    # transpose (not broadcastable to [M, N] = [1, 3]).
    g.init("c", np.array([7, -8, 9], np.int32).reshape([3, 1] if variant == "qgemm_row_bias"
                                                       else [3]))
    ins = ["a"] + params("a", 0.5, 128) + ["b", "b_s", "b_z", "c"]
    if variant != "qgemm_float":
        ins += params("y", 0.25, 3)
    y = ms("QGemm", ins, "gemm", transB=1, alpha=2.0)
    g.output(y, F32 if variant == "qgemm_float" else U8, [1, 3])
elif variant == "sigmoid":
    g.input("x", I8, [1, 4])
    y = ms("QLinearSigmoid", ["x"] + params("x", 1 / 16, 0, I8) + params("y", 1 / 256, 0),
           "sig")
    g.output(y, U8, [1, 4])
g.save()
