# ArgMax / ArgMin (issue 9): qnn.arg_reduce with int64 indices, on the
# codes where dequantization keeps their order along the axis (a DQ view
# per tensor, or per channel along another axis; an integer QOperator
# tensor), on floats otherwise (a float tensor, or per-channel scales along
# the axis, which do not order the codes). Numerics: the 32 ONNX node tests
# (test/conformance/arg*.test) and test/e2e/argmax_head.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/codes.onnx --emit=qnn | FileCheck %s --check-prefix=CODES
# RUN: %qcc compile %t/codes.onnx -target x86_64 -o %t/codes.o --report | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/per_channel_axis.onnx --emit=qnn | FileCheck %s --check-prefix=PERCH
# RUN: %qcc compile %t/float_last.onnx --emit=qnn | FileCheck %s --check-prefix=FLOAT
# RUN: %qcc compile %t/qoperator.onnx --emit=qnn | FileCheck %s --check-prefix=QOP
# RUN: not %qcc compile %t/axis_range.onnx --emit=qnn 2>&1 | %{err}=AXIS
# RUN: not %qcc compile %t/declared_int32.onnx --emit=qnn 2>&1 | %{err}=DECL

# CODES: %[[Q:.*]] = qnn.quantize %arg0 : tensor<2x5xf32> -> tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>>
# CODES-NEXT: %[[I:.*]] = qnn.arg_reduce max %[[Q]] {axis = 1 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2xi64>
# CODES-NEXT: return %[[I]] : tensor<2xi64>

# --report: two int64 indices, 16 bytes.
# REPORT: {{^}}am{{ +}}arg_reduce{{ +}}-{{ +}}ui8{{ +}}i64{{ +}}0{{ +}}0{{ +}}16

# Per-channel scales along axis 1, reduced along 1: dequantized first.
# PERCH: %[[D:.*]] = qnn.dequantize
# PERCH-NEXT: qnn.arg_reduce min %[[D]] {axis = 1 : i64, keepdims} : tensor<1x3x2x2xf32> -> tensor<1x1x2x2xi64>

# FLOAT: qnn.arg_reduce max %arg0 {axis = 0 : i64, keepdims, select_last_index} : tensor<4x3xf32> -> tensor<1x3xi64>

# QOP: qnn.arg_reduce max %{{.*}} {axis = 1 : i64, keepdims} : tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x1xi64>

# AXIS: qcc: error: {{.*}}axis_range.onnx: node 'am' (ArgMax): axis 2 is outside [-2, 2)
# DECL: qcc: error: {{.*}}declared_int32.onnx: output 'i': declared int32 but the graph computes i64

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, I8, U8, Variants

I64 = TensorProto.INT64
models = Variants()


@models()
def codes(g):
    x = g.qdq_input("x", [2, 5], 0.5, 7)
    g.node("ArgMax", [x], "i", name="am", axis=-1, keepdims=0)
    g.output("i", I64)


@models()
def per_channel_axis(g):
    g.input("x", F32, [1, 3, 2, 2])
    q = g.q("x", [0.5, 0.25, 1.0], [0, 0, 0], dtype=I8, axis=1)
    d = g.dq(q, [0.5, 0.25, 1.0], [0, 0, 0], dtype=I8, axis=1)
    g.node("ArgMin", [d], "i", name="am", axis=1)
    g.output("i", I64)


@models()
def float_last(g):
    g.input("x", F32, [4, 3])
    g.node("ArgMax", ["x"], "i", name="am", select_last_index=1)
    g.output("i", I64)


@models()
def qoperator(g):
    g.input("x", U8, [1, 4])
    g.node("ArgMax", ["x"], "i", name="am", axis=1)
    g.output("i", I64)


@models()
def axis_range(g):
    g.input("x", F32, [4, 3])
    g.node("ArgMax", ["x"], "i", name="am", axis=2)
    g.output("i", I64)


@models()
def declared_int32(g):
    g.input("x", F32, [4, 3])
    g.node("ArgMax", ["x"], "i", name="am")
    g.output("i", TensorProto.INT32)


models.main()
