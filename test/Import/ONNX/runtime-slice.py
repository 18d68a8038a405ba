# Slice and Split of runtime tensors (issue 9): one qnn.slice per output,
# on codes between DequantizeLinear and QuantizeLinear (each part keeps the
# per-tensor quantization) or on floats (a float input, or dequantized
# parts all consumed in float, as in YOLO heads). ONNX's clamping of starts
# and ends is applied by the importer, so any non-zero step, negative
# starts/ends and INT64 sentinels work. Numerics: ONNX's node tests
# (test/conformance/slice*, split*) and test/e2e/slice_heads.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/float_strided.onnx --emit=qnn | FileCheck %s --check-prefix=STRIDED
# RUN: %qcc compile %t/quant_split.onnx --emit=qnn | FileCheck %s --check-prefix=QSPLIT
# RUN: %qcc compile %t/dq_slice_float.onnx --emit=qnn | FileCheck %s --check-prefix=DQFLOAT
# RUN: %qcc compile %t/dq_reshape_split.onnx --emit=qnn | FileCheck %s --check-prefix=RESHAPE
# RUN: %qcc compile %t/split_num_outputs.onnx --emit=qnn | FileCheck %s --check-prefix=NUMOUT
# RUN: %qcc compile %t/const_strided.onnx --emit=qnn | FileCheck %s --check-prefix=CONST
# RUN: not %qcc compile %t/zero_step.onnx --emit=qnn 2>&1 | %{err}=ZERO
# RUN: not %qcc compile %t/empty.onnx --emit=qnn 2>&1 | %{err}=EMPTY
# RUN: not %qcc compile %t/twice.onnx --emit=qnn 2>&1 | %{err}=TWICE
# RUN: not %qcc compile %t/lengths.onnx --emit=qnn 2>&1 | %{err}=LENGTHS
# RUN: not %qcc compile %t/split_sizes.onnx --emit=qnn 2>&1 | %{err}=SIZES

# Axis 2 (6): 5, 3, 1; axis 3 (5): start -1 -> 4, end -100 clamps to -1: 4, 2, 0.
# STRIDED: qnn.slice %arg0 {starts = array<i64: 0, 0, 5, 4>, steps = array<i64: 1, 1, -2, -2>} : tensor<1x4x6x5xf32> -> tensor<1x4x3x3xf32>

# QSPLIT: %[[A:.*]] = qnn.slice %[[X:.*]] {starts = array<i64: 0, 0, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x6x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QSPLIT-NEXT: %[[B:.*]] = qnn.slice %[[X]] {starts = array<i64: 0, 2, 0, 0>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x6x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>

# Dequantized, then every part consumed in float: the slice runs on floats.
# DQFLOAT: %[[D:.*]] = qnn.dequantize
# DQFLOAT-NEXT: %[[S:.*]] = qnn.slice %[[D]] {starts = array<i64: 0, 1, 0, 0>, steps = array<i64: 1, 2, 1, 1>} : tensor<1x6x2x2xf32> -> tensor<1x3x2x2xf32>
# DQFLOAT-NEXT: qnn.float_unary sigmoid %[[S]] : tensor<1x3x2x2xf32>

# A Reshape whose Split parts all end in float moves floats too (YOLOv8's
# DFL head: Reshape -> Split -> Sigmoid / graph output).
# RESHAPE: %[[D:.*]] = qnn.dequantize
# RESHAPE-NEXT: %[[R:.*]] = qnn.reshape %[[D]] : tensor<1x6x2x2xf32> -> tensor<1x6x4xf32>
# RESHAPE-NEXT: %[[A:.*]] = qnn.slice %[[R]] {starts = array<i64: 0, 0, 0>, steps = array<i64: 1, 1, 1>} : tensor<1x6x4xf32> -> tensor<1x2x4xf32>
# RESHAPE-NEXT: %[[B:.*]] = qnn.slice %[[R]] {starts = array<i64: 0, 2, 0>, steps = array<i64: 1, 1, 1>} : tensor<1x6x4xf32> -> tensor<1x4x4xf32>
# RESHAPE-NEXT: qnn.float_unary sigmoid %[[B]] : tensor<1x4x4xf32>

# Opset 18 num_outputs: ceil(5 / 2) = 3, then 2.
# NUMOUT: qnn.slice %arg0 {starts = array<i64: 0, 0>, steps = array<i64: 1, 1>} : tensor<2x5xf32> -> tensor<2x3xf32>
# NUMOUT: qnn.slice %arg0 {starts = array<i64: 0, 3>, steps = array<i64: 1, 1>} : tensor<2x5xf32> -> tensor<2x2xf32>

# A constant sliced with step 3 backwards: elements 7, 4, 1 of 0..7.
# CONST: arith.constant dense<[7.000000e+00, 4.000000e+00, 1.000000e+00]> : tensor<3xf32>

# ZERO: qcc: error: {{.*}}zero_step.onnx: node 'cut' (Slice): the step of axis 1 is 0
# EMPTY: qcc: error: {{.*}}empty.onnx: node 'cut' (Slice): the slice of axis 2 is empty (qcc refuses empty tensors)
# TWICE: qcc: error: {{.*}}twice.onnx: node 'cut' (Slice): axis 3 is sliced twice
# LENGTHS: qcc: error: {{.*}}lengths.onnx: node 'cut' (Slice): starts, ends, axes and steps differ in length
# SIZES: qcc: error: {{.*}}split_sizes.onnx: node 'cut' (Split): split sizes add up to 5, not 6

import numpy as np

from qcc_models.testing import F32, I64, Variants

models = Variants()

INT64_MAX = np.iinfo(np.int64).max


def float_slice(g, starts, ends, axes=None, steps=None, shape=(1, 4, 6, 5)):
    g.input("x", F32, list(shape))
    ins = ["x", g.init("starts", np.array(starts, np.int64)),
           g.init("ends", np.array(ends, np.int64))]
    if axes is not None:
        ins.append(g.init("axes", np.array(axes, np.int64)))
    if steps is not None:
        ins.append(g.init("steps", np.array(steps, np.int64)))
    g.node("Slice", ins, "out", name="cut")
    g.output("out", F32)


@models()
def float_strided(g):
    float_slice(g, [5, -1], [0, -100], [2, 3], [-2, -2])


@models()
def quant_split(g):
    x = g.qdq_input("x", [1, 6, 2, 2], 0.5, 128)
    g.node("Split", [x, g.init("split", np.array([2, 4], np.int64))],
           ["a", "b"], name="cut", axis=1)
    for p in ("a", "b"):
        g.dq(g.q(p, 0.5, 128, out=p + "_q"), 0.5, 128, out=p + "_out")
        g.output(p + "_out", F32)


@models()
def dq_slice_float(g):
    x = g.qdq_input("x", [1, 6, 2, 2], 0.5, 128)
    g.node("Slice", [x, g.init("starts", np.array([1], np.int64)),
                     g.init("ends", np.array([INT64_MAX], np.int64)),
                     g.init("axes", np.array([1], np.int64)),
                     g.init("steps", np.array([2], np.int64))], "s", name="cut")
    g.node("Sigmoid", ["s"], "out", name="sig")
    g.output("out", F32)


@models()
def dq_reshape_split(g):
    x = g.qdq_input("x", [1, 6, 2, 2], 0.5, 128)
    g.node("Reshape", [x, g.init("shape", np.array([1, 6, 4], np.int64))], "r",
           name="flat")
    g.node("Split", ["r", g.init("split", np.array([2, 4], np.int64))],
           ["box", "cls"], name="cut", axis=1)
    g.node("Sigmoid", ["cls"], "cls_out", name="sig")
    g.output("box", F32)
    g.output("cls_out", F32)


@models(opset=18)
def split_num_outputs(g):
    g.input("x", F32, [2, 5])
    g.node("Split", ["x"], ["a", "b"], name="cut", axis=-1, num_outputs=2)
    g.output("a", F32)
    g.output("b", F32)


@models()
def const_strided(g):
    g.input("x", F32, [3])
    w = g.init("w", np.arange(8, dtype=np.float32))
    g.node("Slice", [w, g.init("starts", np.array([-1], np.int64)),
                     g.init("ends", np.array([0], np.int64)),
                     g.init("axes", np.array([0], np.int64)),
                     g.init("steps", np.array([-3], np.int64))], "c", name="cut")
    g.node("Add", ["x", "c"], "out", name="add")
    g.output("out", F32)


@models()
def zero_step(g):
    float_slice(g, [0], [2], [1], [0])


@models()
def empty(g):
    float_slice(g, [4], [2], [2], [1])


@models()
def twice(g):
    float_slice(g, [0, 1], [2, 3], [3, -1])


@models()
def lengths(g):
    float_slice(g, [0, 1], [2], [1, 2])


@models()
def split_sizes(g):
    g.input("x", F32, [1, 6])
    g.node("Split", ["x", g.init("split", np.array([2, 3], np.int64))],
           ["a", "b"], name="cut", axis=1)
    g.output("a", F32)
    g.output("b", F32)


models.main()
