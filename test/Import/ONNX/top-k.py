# TopK (issue 9): qnn.top_k with the k best values in order (equal values
# in index order) and their int64 indices, on the codes where dequantization
# keeps their order along the axis (a DQ view per tensor, or per channel
# along another axis, whose values output stays a view and is dequantized
# where it is read; an integer QOperator tensor, whose values stay
# integers), on floats otherwise. K is an attribute before opset 10, an
# input from 10 on; largest and sorted exist from opset 11 (sorted = 0
# leaves the order to the runtime: qcc's is sorted). Numerics: the 3 ONNX
# node tests (test/conformance/top_k*.test) and test/e2e/topk_head.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/codes.onnx --emit=qnn | FileCheck %s --check-prefix=CODES
# RUN: %qcc compile %t/codes.onnx -target x86_64 -o %t/codes.o --report | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/per_channel_axis.onnx --emit=qnn | FileCheck %s --check-prefix=PERCH
# RUN: %qcc compile %t/float_smallest.onnx --emit=qnn | FileCheck %s --check-prefix=FLOAT
# RUN: %qcc compile %t/qoperator.onnx --emit=qnn | FileCheck %s --check-prefix=QOP
# RUN: %qcc compile %t/opset9_attr.onnx --emit=qnn | FileCheck %s --check-prefix=OPSET9
# RUN: not %qcc compile %t/k_too_large.onnx --emit=qnn 2>&1 | %{err}=KBIG
# RUN: not %qcc compile %t/k_zero.onnx --emit=qnn 2>&1 | %{err}=KZERO
# RUN: not %qcc compile %t/k_runtime.onnx --emit=qnn 2>&1 | %{err}=KINPUT
# RUN: not %qcc compile %t/k_two_values.onnx --emit=qnn 2>&1 | %{err}=KTWO
# RUN: not %qcc compile %t/largest_opset10.onnx --emit=qnn 2>&1 | %{err}=LARGEST10
# RUN: not %qcc compile %t/opset9_no_k.onnx --emit=qnn 2>&1 | %{err}=NOK
# RUN: not %qcc compile %t/axis_range.onnx --emit=qnn 2>&1 | %{err}=AXIS
# RUN: not %qcc compile %t/one_output.onnx --emit=qnn 2>&1 | %{err}=ONEOUT

# The values are the codes' top 3, dequantized for the float output.
# CODES: %[[Q:.*]] = qnn.quantize %arg0 : tensor<2x5xf32> -> tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>>
# CODES-NEXT: %values, %indices = qnn.top_k %[[Q]] {axis = 1 : i64, k = 3 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 7>>, tensor<2x3xi64>
# CODES-NEXT: %[[D:.*]] = qnn.dequantize %values : tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2x3xf32>
# CODES-NEXT: return %[[D]], %indices : tensor<2x3xf32>, tensor<2x3xi64>

# --report: 6 one-byte codes and 6 int64 indices, 54 bytes.
# REPORT: {{^}}tk{{ +}}top_k{{ +}}-{{ +}}ui8{{ +}}ui8{{ +}}0{{ +}}0{{ +}}54

# Per-channel scales along axis 1, ranked along 1: dequantized first.
# PERCH: %[[D:.*]] = qnn.dequantize
# PERCH-NEXT: %values, %indices = qnn.top_k %[[D]] {axis = 1 : i64, k = 2 : i64} : tensor<1x3x2xf32> -> tensor<1x2x2xf32>, tensor<1x2x2xi64>

# FLOAT: qnn.top_k %arg0 {axis = 0 : i64, k = 2 : i64, smallest} : tensor<4x3xf32> -> tensor<2x3xf32>, tensor<2x3xi64>

# QOP: qnn.top_k %{{.*}} {axis = 1 : i64, k = 2 : i64} : tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x2xi64>
# QOP: return %{{.*}}, %indices : tensor<1x2xui8>, tensor<1x2xi64>

# OPSET9: qnn.top_k %arg0 {axis = 1 : i64, k = 2 : i64} : tensor<2x4xf32> -> tensor<2x2xf32>, tensor<2x2xi64>

# KBIG: qcc: error: {{.*}}k_too_large.onnx: node 'tk' (TopK): K = 6 is outside [1, 5], the extent of axis 1
# KZERO: qcc: error: {{.*}}k_zero.onnx: node 'tk' (TopK): K = 0 is outside [1, 5], the extent of axis 1 (an empty result, which qcc does not compile)
# KINPUT: qcc: error: {{.*}}k_runtime.onnx: input 'K': element type int64 is not supported (float32, float16, uint8, int8, uint16, int16, uint4, int4)
# KTWO: qcc: error: {{.*}}k_two_values.onnx: node 'tk' (TopK): K must be one integer
# LARGEST10: qcc: error: {{.*}}largest_opset10.onnx: node 'tk' (TopK): attribute 'largest' exists from opset 11 on; the model's opset is 10
# NOK: qcc: error: {{.*}}opset9_no_k.onnx: node 'tk' (TopK): attribute 'k' is required before opset 10
# AXIS: qcc: error: {{.*}}axis_range.onnx: node 'tk' (TopK): axis -3 is outside [-2, 2)
# ONEOUT: qcc: error: {{.*}}one_output.onnx: node 'tk' (TopK): TopK has 2 outputs (Values, Indices), this node has 1

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, I8, U8, Variants

I64 = TensorProto.INT64
models = Variants()


def topk(g, x, k=None, outs=("v", "i"), **attrs):
    inputs = [x]
    if k is not None:
        g.init("K", np.array(k, dtype=np.int64))
        inputs.append("K")
    g.node("TopK", inputs, list(outs), name="tk", **attrs)


@models()
def codes(g):
    x = g.qdq_input("x", [2, 5], 0.5, 7)
    topk(g, x, [3])
    g.output("v", F32)
    g.output("i", I64)


@models()
def per_channel_axis(g):
    g.input("x", F32, [1, 3, 2])
    q = g.q("x", [0.5, 0.25, 1.0], [0, 0, 0], dtype=I8, axis=1)
    d = g.dq(q, [0.5, 0.25, 1.0], [0, 0, 0], dtype=I8, axis=1)
    topk(g, d, [2], axis=1)
    g.output("v", F32)
    g.output("i", I64)


@models()
def float_smallest(g):
    g.input("x", F32, [4, 3])
    topk(g, "x", [2], axis=0, largest=0, sorted=0)
    g.output("v", F32)
    g.output("i", I64)


@models()
def qoperator(g):
    g.input("x", U8, [1, 4])
    topk(g, "x", [2], axis=1)
    g.output("v", U8)
    g.output("i", I64)


@models(opset=9)
def opset9_attr(g):
    g.input("x", F32, [2, 4])
    g.node("TopK", ["x"], ["v", "i"], name="tk", k=2)
    g.output("v", F32)
    g.output("i", I64)


@models()
def k_too_large(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [6])
    g.output("v", F32)
    g.output("i", I64)


@models()
def k_zero(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [0])
    g.output("v", F32)
    g.output("i", I64)


@models()
def k_runtime(g):
    g.input("x", F32, [2, 5])
    g.input("K", I64, [1])
    g.node("TopK", ["x", "K"], ["v", "i"], name="tk")
    g.output("v", F32)
    g.output("i", I64)


@models()
def k_two_values(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [1, 2])
    g.output("v", F32)
    g.output("i", I64)


@models(opset=10)
def largest_opset10(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [2], largest=0)
    g.output("v", F32)
    g.output("i", I64)


@models(opset=9)
def opset9_no_k(g):
    g.input("x", F32, [2, 5])
    g.node("TopK", ["x"], ["v", "i"], name="tk")
    g.output("v", F32)
    g.output("i", I64)


@models()
def axis_range(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [2], axis=-3)
    g.output("v", F32)
    g.output("i", I64)


@models()
def one_output(g):
    g.input("x", F32, [2, 5])
    topk(g, "x", [2], outs=("v",))
    g.output("v", F32)


models.main()
