# Pad (issue 9): constant mode as qnn.pad, on codes between
# DequantizeLinear and QuantizeLinear (the padding value's code; a value
# with no code pads in float, quantized by the quantizer after it) or on
# floats; reflect, edge and wrap as qnn.slice parts concatenated along each
# padded axis; negative pads crop (qnn.slice). Pad-2's attributes, Pad-11's
# inputs, Pad-18's axes. Numerics: ONNX's node tests (test/conformance/
# constant_pad, edge_pad, reflect_pad) and test/e2e/pads.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/quant_zero.onnx --emit=qnn | FileCheck %s --check-prefix=QZERO
# RUN: %qcc compile %t/quant_no_code.onnx --emit=qnn | FileCheck %s --check-prefix=NOCODE
# RUN: %qcc compile %t/float_reflect.onnx --emit=qnn | FileCheck %s --check-prefix=REFLECT
# RUN: %qcc compile %t/quant_edge.onnx --emit=qnn | FileCheck %s --check-prefix=EDGE
# RUN: %qcc compile %t/wrap_axes.onnx --emit=qnn | FileCheck %s --check-prefix=WRAP
# RUN: %qcc compile %t/crop.onnx --emit=qnn | FileCheck %s --check-prefix=CROP
# RUN: %qcc compile %t/opset2.onnx --emit=qnn | FileCheck %s --check-prefix=OPSET2
# RUN: %qcc compile %t/qoperator.onnx --emit=qnn | FileCheck %s --check-prefix=QOP
# RUN: not %qcc compile %t/qoperator_float_value.onnx --emit=qnn 2>&1 | %{err}=QOPFLOAT
# RUN: not %qcc compile %t/bad_mode.onnx --emit=qnn 2>&1 | %{err}=MODE
# RUN: not %qcc compile %t/wrap_opset18.onnx --emit=qnn 2>&1 | %{err}=WRAP18
# RUN: not %qcc compile %t/reflect_too_far.onnx --emit=qnn 2>&1 | %{err}=FAR
# RUN: not %qcc compile %t/pads_count.onnx --emit=qnn 2>&1 | %{err}=COUNT
# RUN: not %qcc compile %t/crop_all.onnx --emit=qnn 2>&1 | %{err}=CROPALL
# RUN: not %qcc compile %t/int_value_float_data.onnx --emit=qnn 2>&1 | %{err}=INTVALUE

# Real 0 is code 128 (the zero point): the pad runs on codes.
# QZERO: %[[Q:.*]] = qnn.quantize %arg0
# QZERO-NEXT: %[[P:.*]] = qnn.pad %[[Q]] {high = array<i64: 0, 0, 1, 2>, low = array<i64: 0, 0, 0, 1>, value = 128 : i64} : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QZERO-NEXT: qnn.dequantize %[[P]]

# 0.3 is not a multiple of the scale 0.5: padded in float, then quantized.
# NOCODE: %[[D:.*]] = qnn.dequantize
# NOCODE-NEXT: %[[P:.*]] = qnn.pad %[[D]] {high = array<i64: 0, 0, 1, 1>, low = array<i64: 0, 0, 1, 1>, value = 3.000000e-01 : f32} : tensor<1x2x3x3xf32> -> tensor<1x2x5x5xf32>
# NOCODE-NEXT: qnn.quantize %[[P]]

# Rows 2, 1 before; row 2 (= 4 - 2) after.
# REFLECT: %[[A:.*]] = qnn.slice %arg0 {starts = array<i64: 0, 0, 2, 0>, steps = array<i64: 1, 1, -1, 1>} : tensor<1x1x4x3xf32> -> tensor<1x1x2x3xf32>
# REFLECT-NEXT: %[[B:.*]] = qnn.slice %arg0 {starts = array<i64: 0, 0, 2, 0>, steps = array<i64: 1, 1, -1, 1>} : tensor<1x1x4x3xf32> -> tensor<1x1x1x3xf32>
# REFLECT-NEXT: qnn.concat %[[A]], %arg0, %[[B]] {axis = 2 : i64} : (tensor<1x1x2x3xf32>, tensor<1x1x4x3xf32>, tensor<1x1x1x3xf32>) -> tensor<1x1x7x3xf32>

# EDGE: %[[Q:.*]] = qnn.quantize %arg0
# EDGE-NEXT: %[[A:.*]] = qnn.slice %[[Q]] {starts = array<i64: 0, 0, 0, 2>, steps = array<i64: 1, 1, 1, 1>} : {{.*}} -> tensor<1x1x2x1x!qnn.q<i8, scale = 0.25, zp = -3>>
# EDGE-NEXT: %[[AA:.*]] = qnn.concat %[[A]], %[[A]] {axis = 3 : i64}{{.*}} -> tensor<1x1x2x2x!qnn.q<i8, scale = 0.25, zp = -3>>
# EDGE-NEXT: %[[C:.*]] = qnn.concat %[[Q]], %[[AA]] {axis = 3 : i64}{{.*}}
# EDGE-NEXT: qnn.dequantize %[[C]]

# WRAP: %[[A:.*]] = qnn.slice %arg0 {starts = array<i64: 3>, steps = array<i64: 1>} : tensor<4xf32> -> tensor<1xf32>
# WRAP-NEXT: %[[B:.*]] = qnn.slice %arg0 {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<4xf32> -> tensor<2xf32>
# WRAP-NEXT: qnn.concat %[[A]], %arg0, %[[B]] {axis = 0 : i64} : (tensor<1xf32>, tensor<4xf32>, tensor<2xf32>) -> tensor<7xf32>

# CROP: %[[S:.*]] = qnn.slice %arg0 {starts = array<i64: 1, 0>, steps = array<i64: 1, 1>} : tensor<4x5xf32> -> tensor<3x3xf32>
# CROP-NEXT: qnn.pad %[[S]] {high = array<i64: 0, 0>, low = array<i64: 0, 1>, value = 0.000000e+00 : f32} : tensor<3x3xf32> -> tensor<3x4xf32>

# OPSET2: qnn.pad %arg0 {high = array<i64: 1, 0>, low = array<i64: 0, 2>, value = 1.500000e+00 : f32} : tensor<2x2xf32> -> tensor<3x4xf32>

# Integer tensors between QLinearConvs (ORT's QOperator format): the
# constant_value is the code.
# QOP: %[[C:.*]] = qnn.conv2d
# QOP-NEXT: qnn.pad %[[C]] {high = array<i64: 0, 0, 1, 1>, low = array<i64: 0, 0, 1, 1>, value = 100 : i64} : tensor<1x3x2x2x!qnn.q<ui8, scale = 1.0, zp = 100>> -> tensor<1x3x4x4x!qnn.q<ui8, scale = 1.0, zp = 100>>
# QOPFLOAT: qcc: error: {{.*}}qoperator_float_value.onnx: node 'pad' (Pad): padding value 5.000000e-01 is not a code of the input's type (integers in [0, 255])

# MODE: qcc: error: {{.*}}bad_mode.onnx: node 'pad' (Pad): mode 'mirror' is not constant, reflect, edge (or wrap, from opset 19)
# WRAP18: qcc: error: {{.*}}wrap_opset18.onnx: node 'pad' (Pad): mode 'wrap' is not constant, reflect, edge (or wrap, from opset 19)
# FAR: qcc: error: {{.*}}reflect_too_far.onnx: node 'pad' (Pad): reflect padding of axis 2 by 4 needs at least 5 elements; it has 4
# COUNT: qcc: error: {{.*}}pads_count.onnx: node 'pad' (Pad): 6 pads for 4 axes (two per axis)
# CROPALL: qcc: error: {{.*}}crop_all.onnx: node 'pad' (Pad): axis 0 of extent 4 padded by -2 and -2 is empty
# INTVALUE: qcc: error: {{.*}}int_value_float_data.onnx: node 'pad' (Pad): constant_value is an integer; the data is float

import numpy as np

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


def pad(g, x, pads, value=None, axes=None, out="out", **attrs):
    ins = [x, g.init("pads", np.array(pads, np.int64))]
    if value is not None or axes is not None:
        ins.append(g.init("value", value) if value is not None else "")
    if axes is not None:
        ins.append(g.init("axes", np.array(axes, np.int64)))
    return g.node("Pad", ins, out, name="pad", **attrs)


@models()
def quant_zero(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    p = pad(g, x, [0, 0, 0, 1, 0, 0, 1, 2], np.array(0, np.float32), out="p")
    g.dq(g.q(p, 0.5, 128, out="pq"), 0.5, 128, out="out")
    g.output("out", F32)


@models()
def quant_no_code(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    p = pad(g, x, [0, 0, 1, 1, 0, 0, 1, 1], np.array(0.3, np.float32), out="p")
    g.dq(g.q(p, 0.5, 128, out="pq"), 0.5, 128, out="out")
    g.output("out", F32)


@models()
def float_reflect(g):
    g.input("x", F32, [1, 1, 4, 3])
    pad(g, "x", [0, 0, 2, 0, 0, 0, 1, 0], mode="reflect")
    g.output("out", F32)


@models()
def quant_edge(g):
    x = g.qdq_input("x", [1, 1, 2, 3], 0.25, -3, I8)
    p = pad(g, x, [0, 0, 0, 0, 0, 0, 0, 2], mode="edge", out="p")
    g.dq(g.q(p, 0.25, -3, I8, out="pq"), 0.25, -3, I8, out="out")
    g.output("out", F32)


@models(opset=19)
def wrap_axes(g):
    g.input("x", F32, [4])
    pad(g, "x", [1, 2], axes=[-1], mode="wrap")
    g.output("out", F32)


@models()
def crop(g):
    g.input("x", F32, [4, 5])
    pad(g, "x", [-1, 1, 0, -2])
    g.output("out", F32)


@models(opset=2)
def opset2(g):
    g.input("x", F32, [2, 2])
    g.node("Pad", ["x"], "out", name="pad", pads=[0, 2, 1, 0], value=1.5)
    g.output("out", F32)


def qoperator_graph(g, value):
    g.input("x", U8, [1, 2, 4, 4])
    xs, xz = g.init("xs", np.array(0.5, np.float32)), g.init("xz", np.array(128, np.uint8))
    ws, wz = g.init("ws", np.array(0.25, np.float32)), g.init("wz", np.array(0, np.int8))
    ys, yz = g.init("ys", np.array(1.0, np.float32)), g.init("yz", np.array(100, np.uint8))
    w1 = g.init("w1", np.ones((3, 2, 3, 3), np.int8))
    w2 = g.init("w2", np.ones((3, 3, 3, 3), np.int8))
    g.node("QLinearConv", ["x", xs, xz, w1, ws, wz, ys, yz], "c", name="conv1")
    pad(g, "c", [0, 0, 1, 1, 0, 0, 1, 1], value, out="p")
    g.node("QLinearConv", ["p", ys, yz, w2, ws, wz, ys, yz], "out", name="conv2")
    g.output("out", U8)


@models(opset=11)
def qoperator(g):
    qoperator_graph(g, np.array(100, np.uint8))


@models(opset=11)
def qoperator_float_value(g):
    qoperator_graph(g, np.array(0.5, np.float32))


def float_pad(g, pads, shape=(1, 1, 4, 4), **attrs):
    g.input("x", F32, list(shape))
    pad(g, "x", pads, **attrs)
    g.output("out", F32)


@models()
def bad_mode(g):
    float_pad(g, [0] * 8, mode="mirror")


@models(opset=18)
def wrap_opset18(g):
    float_pad(g, [0] * 8, mode="wrap")


@models()
def reflect_too_far(g):
    float_pad(g, [0, 0, 4, 0, 0, 0, 0, 0], mode="reflect")


@models()
def pads_count(g):
    float_pad(g, [0] * 6)


@models()
def crop_all(g):
    float_pad(g, [-2, 0, -2, 0], shape=(4, 5))


@models()
def int_value_float_data(g):
    float_pad(g, [0] * 8, value=np.array(1, np.int64))


models.main()
