# What a model leaves in float (issue 9) becomes qnn.float_binary /
# qnn.softmax on f32 tensors, computed as ONNX defines them: input
# normalization before the first quantizer, float islands between
# DequantizeLinear and QuantizeLinear, arithmetic and Softmax after the last
# DequantizeLinear. Add/Mul of quantized tensors with a quantized result
# stay integer (qnn.add / qnn.mul, see add.py and mul.py).
# Numerics against ONNX Runtime: test/e2e/float_edges.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/normalize.onnx --emit=qnn | FileCheck %s --check-prefix=NORM
# RUN: %qcc compile %t/normalize.onnx -target x86_64 -o %t/n.o --report | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/mul_sigmoid.onnx -target x86_64 -o %t/ms.o --report | FileCheck %s --check-prefix=INTREP
# RUN: %qcc compile %t/softmax_quantized.onnx --emit=qnn | FileCheck %s --check-prefix=SMQ
# RUN: %qcc compile %t/island.onnx --emit=qnn | FileCheck %s --check-prefix=ISLAND
# RUN: %qcc compile %t/head_13.onnx --emit=qnn | FileCheck %s --check-prefix=HEAD
# RUN: %qcc compile %t/softmax_opset11.onnx --emit=qnn | FileCheck %s --check-prefix=SM11
# RUN: %qcc compile %t/mul_float_result.onnx --emit=qnn | FileCheck %s --check-prefix=MULF
# RUN: not %qcc compile %t/softmax_opset11_coerced.onnx --emit=qnn 2>&1 | %{err}=SM11-ERR
# RUN: not %qcc compile %t/softmax_axis.onnx --emit=qnn 2>&1 | %{err}=SM-AXIS
# RUN: not %qcc compile %t/add_int_constant.onnx --emit=qnn 2>&1 | %{err}=ADD-INT
# RUN: not %qcc compile %t/sub_not_broadcastable.onnx --emit=qnn 2>&1 | %{err}=SUB-BCAST

# NORM: %[[M:.*]] = arith.constant dense<{{.*}}> : tensor<1x3x1x1xf32>
# NORM: %[[C:.*]] = qnn.float_binary sub %arg0, %[[M]] : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
# NORM: %[[S:.*]] = arith.constant dense<{{.*}}> : tensor<1x3x1x1xf32>
# NORM: %[[N:.*]] = qnn.float_binary div %[[C]], %[[S]] : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
# NORM: qnn.quantize %[[N]] : tensor<1x3x4x4xf32> -> tensor<1x3x4x4x!qnn.q<i8, scale = 0.0625, zp = 0>>

# The Sub and the Div run inside the quantizer (qcc-fuse-float-elementwise):
# their float tensors are never stored, 0 bytes.
# REPORT: {{^}}sub{{ +}}float_sub{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}0
# REPORT-NEXT: {{^}}div{{ +}}float_div{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}0
# REPORT-NEXT: {{^}}nq_node{{ +}}quantize{{ +}}-{{ +}}f32{{ +}}i8

# Integer layers --report lists beside the float ones (qnn.mul and
# qnn.lookup_table had no row): uint8 [1, 2], 2 bytes each.
# INTREP: {{^}}mul{{ +}}mul{{ +}}-{{ +}}ui8{{ +}}ui8{{ +}}0{{ +}}0{{ +}}2
# INTREP-NEXT: {{^}}sig{{ +}}lookup_table{{ +}}-{{ +}}ui8{{ +}}ui8{{ +}}0{{ +}}0{{ +}}2

# DQ -> Softmax -> QuantizeLinear (uint8, scale 1/256), as ONNX Runtime's
# quantizer writes it: the softmax runs in float between the two.
# SMQ: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x4xf32>
# SMQ-NEXT: %[[P:.*]] = qnn.softmax %[[D]] {axis = 1 : i64} : tensor<1x4xf32>
# SMQ-NEXT: qnn.quantize %[[P]] : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.00390625, zp = 0>>

# ISLAND: %[[A:.*]] = qnn.quantize %arg0
# ISLAND: %[[D:.*]] = qnn.dequantize %[[A]] : tensor<1x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2xf32>
# ISLAND: %[[K:.*]] = arith.constant dense<[1.000000e+00, 2.500000e-01]> : tensor<2xf32>
# ISLAND: %[[Y:.*]] = qnn.float_binary add %[[D]], %[[K]] : tensor<1x2xf32>, tensor<2xf32> -> tensor<1x2xf32>
# ISLAND: qnn.quantize %[[Y]] : tensor<1x2xf32> -> tensor<1x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# HEAD-DAG: %[[D:.*]] = qnn.dequantize %{{.*}} : tensor<1x4x!qnn.q<ui8, scale = 0.100000001, zp = 0>> -> tensor<1x4xf32>
# HEAD-DAG: %[[T:.*]] = arith.constant dense<5.000000e-01> : tensor<f32>
# HEAD: %[[L:.*]] = qnn.float_binary mul %[[T]], %[[D]] : tensor<f32>, tensor<1x4xf32> -> tensor<1x4xf32>
# HEAD: %[[P:.*]] = qnn.softmax %[[L]] {axis = 1 : i64} : tensor<1x4xf32>
# HEAD: return %[[P]] : tensor<1x4xf32>

# SM11: qnn.softmax %{{.*}} {axis = 1 : i64} : tensor<1x4xf32>

# MULF: %[[A:.*]] = qnn.dequantize %{{.*}} -> tensor<1x2xf32>
# MULF: %[[B:.*]] = qnn.dequantize %{{.*}} -> tensor<1x2xf32>
# MULF: %[[Y:.*]] = qnn.float_binary mul %[[A]], %[[B]] : tensor<1x2xf32>, tensor<1x2xf32> -> tensor<1x2xf32>
# MULF: return %[[Y]]

# SM11-ERR: qcc: error: {{.*}}softmax_opset11_coerced.onnx: node 'sm' (Softmax): before opset 13 Softmax normalizes dimensions 1 to 2 together; only supported where those after 1 have size 1
# SM-AXIS: qcc: error: {{.*}}softmax_axis.onnx: node 'sm' (Softmax): axis 2 is outside [-2, 2)
# ADD-INT: qcc: error: {{.*}}add_int_constant.onnx: node 'add' (Add): input 'c' is a constant of type int64; a float operation needs float32 (or a DequantizeLinear on it)
# SUB-BCAST: qcc: error: {{.*}}sub_not_broadcastable.onnx: node 'sub' (Sub): shapes are not broadcastable at dimension 1

import numpy as np

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


@models()
def normalize(g):
    """ImageNet-style normalization before the first quantizer."""
    g.input("x", F32, [1, 3, 4, 4])
    g.init("mean", np.array([0.485, 0.456, 0.406], np.float32).reshape(1, 3, 1, 1))
    g.init("std", np.array([0.229, 0.224, 0.225], np.float32).reshape(1, 3, 1, 1))
    c = g.node("Sub", ["x", "mean"], "c", name="sub")
    n = g.node("Div", [c, "std"], "n", name="div")
    q = g.q(n, 0.0625, 0, I8, out="nq")
    g.dq(q, 0.0625, 0, I8, out="out")
    g.output("out", F32)


@models()
def island(g):
    """DequantizeLinear -> Add(float constant) -> QuantizeLinear."""
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    g.init("k", np.array([1.0, 0.25], np.float32))
    y = g.node("Add", [a, "k"], "y", name="add")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


def head(g, shape, axis=None):
    """DQ -> Mul(0.5, x) -> Softmax -> graph output."""
    x = g.qdq_input("x", shape, 0.1, 0)
    g.init("t", np.float32(0.5))
    l = g.node("Mul", ["t", x], "l", name="temp")
    attrs = {} if axis is None else {"axis": axis}
    g.node("Softmax", [l], "out", name="sm", **attrs)
    g.output("out", F32)


@models()
def head_13(g):
    head(g, [1, 4])


@models(opset=11)
def softmax_opset11(g):
    head(g, [1, 4])


@models(opset=11)
def softmax_opset11_coerced(g):
    head(g, [1, 2, 3])


@models()
def softmax_axis(g):
    head(g, [1, 4], axis=2)


@models()
def softmax_quantized(g):
    x = g.qdq_input("x", [1, 4], 0.1, 0)
    y = g.node("Softmax", [x], "y", name="sm", axis=1)
    g.dq(g.q(y, 1.0 / 256, 0, out="yq"), 1.0 / 256, 0, out="out")
    g.output("out", F32)


@models()
def mul_float_result(g):
    """Mul of two quantized tensors whose result stays float."""
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 2], 0.25, 128)
    g.node("Mul", [a, b], "out", name="mul")
    g.output("out", F32)


@models()
def mul_sigmoid(g):
    """Quantized Mul then Sigmoid (a lookup table), both integer."""
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 2], 0.25, 128)
    m = g.dq(g.q(g.node("Mul", [a, b], "m", name="mul"), 0.5, 128, out="mq"),
             0.5, 128)
    y = g.node("Sigmoid", [m], "y", name="sig")
    g.dq(g.q(y, 1.0 / 256, 0, out="yq"), 1.0 / 256, 0, out="out")
    g.output("out", F32)


@models()
def add_int_constant(g):
    g.input("x", F32, [1, 2])
    g.init("c", np.ones([2], np.int64))
    y = g.node("Add", ["x", "c"], "y", name="add")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def sub_not_broadcastable(g):
    g.input("x", F32, [1, 3])
    g.init("c", np.ones([2], np.float32))
    y = g.node("Sub", ["x", "c"], "y", name="sub")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


models.main()
