"""Regenerates the reproducers in this directory (crashes and sanitizer
reports found by utils/fuzz-importer.sh, reduced by hand to a minimal model
showing the same root cause). Not run by lit (Inputs/ is excluded): the
.onnx files are checked in and used as they are by ../*.test.

    PYTHONPATH=python /usr/bin/python3 test/Import/ONNX/fuzz/Inputs/make_inputs.py test/Import/ONNX/fuzz/Inputs
"""
import numpy as np
from onnx import helper

from qcc_models.testing import F32, I8, I32, U8, Variants

models = Variants()


def q_of_float_weight(g, w):
    """x -> QDQ -> Conv(DQ(Q(float constant w))) -> QDQ -> out; the weight
    is a float constant quantized by QuantizeLinear (folded at import)."""
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    g.init("w", np.asarray(w, np.float32).reshape(1, 1, 1, 1))
    wq = g.q("w", 0.125, 0, I8, out="wq", name="wq")
    wdq = g.dq(wq, 0.125, 0, I8, out="wdq")
    y = g.node("Conv", [x, wdq], "y", name="conv")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 1 (UBSan float-cast-overflow in
# Importer::importQuantizeLinear): a float constant whose value / scale is
# beyond int64 (1e30 / 0.125) or NaN.
@models()
def q_const_huge(g):
    q_of_float_weight(g, [1e30])


@models()
def q_const_nan(g):
    q_of_float_weight(g, [np.nan])


# Fuzzer finding 2 (SIGSEGV; UBSan: reference binding to null pointer in
# Importer::importConv): a Conv whose input is a rank-0 tensor;
# getDimSize(0) of its shape is read before the rank is checked.
@models()
def conv_scalar_input(g):
    x = g.qdq_input("x", [], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    y = g.node("Conv", [x, w], "y", name="conv")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 3 (timeout: endless loop in Importer::findOutputQuant,
# skipIdentities): an Identity node whose output is its own input, right
# after a Conv; following the Identity chain never ends.
@models()
def identity_self_loop(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.node("Conv", [x, w], "y", name="conv")
    g.node("Identity", ["y"], "y", name="id")
    g.output("out", F32)


# The same with two Identity nodes feeding each other (a -> b -> a).
@models()
def identity_cycle(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.node("Conv", [x, w], "a", name="conv")
    g.node("Identity", ["a"], "b", name="id_ab")
    g.node("Identity", ["b"], "a", name="id_ba")
    g.output("out", F32)


# Fuzzer finding 4 (ASan heap-buffer-overflow in dequantized(), called by
# the bias lookups of Importer::importGemmOrMatMul and importConv): a bias
# that is a per-axis DequantizeLinear of a constant of more than one
# dimension; dequantized() indexed the scales by element instead of by
# channel (2 scales, 6 values).
def per_axis_bias(g, name, shape):
    g.init(name, np.arange(np.prod(shape), dtype=np.int32).reshape(shape))
    return g.dq(name, [0.5, 0.25], [0, 0], I32, out=name + "_dq", axis=0)


@models()
def gemm_bias_per_axis(g):
    a = g.qdq_input("a", [1, 3], 0.5, 128)
    w = g.weight("w", np.ones([3, 3]), 0.125)
    c = per_axis_bias(g, "c", [2, 3])
    y = g.node("Gemm", [a, w, c], "y", name="gemm")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


@models()
def conv_bias_per_axis(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([2, 1, 1, 1]), 0.125)
    bias = per_axis_bias(g, "bias", [2, 3])
    y = g.node("Conv", [x, w, bias], "y", name="conv")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 5 (timeout: endless loop in Importer::channelAffine, the
# folding of per-channel Mul/Add/Sub/Div and BatchNormalization after a
# Conv or Gemm): two Mul nodes by per-channel constants feeding each other
# after the Conv (y -> Mul -> z -> Mul -> y).
@models()
def affine_cycle(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.init("k", np.full([1, 1, 1, 1], 2.0, np.float32))
    g.node("Conv", [x, w], "y", name="conv")
    g.node("Mul", ["y", "k"], "z", name="mul_yz")
    g.node("Mul", ["z", "k"], "y", name="mul_zy")
    g.output("out", F32)


# Fuzzer finding 6 (UBSan: member access within null pointer in
# Importer::splitParts, via sliceQuantPattern; SIGSEGV in qcc): the only
# consumer of a Conv's output is a Slice (or Split) node without outputs.
# The look-ahead reads its output(0) before importNode checks the outputs.
def conv_then(g, op, inputs):
    x = g.qdq_input("x", [1, 2, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.125)
    g.node("Conv", [x, w], "y", name="conv")
    g.nodes.append(helper.make_node(op, inputs, [], name=op.lower()))
    g.output("out", F32)


@models()
def slice_no_output(g):
    g.init("starts", np.asarray([0], np.int64))
    g.init("ends", np.asarray([1], np.int64))
    g.init("axes", np.asarray([1], np.int64))
    conv_then(g, "Slice", ["y", "starts", "ends", "axes"])


@models()
def split_no_output(g):
    conv_then(g, "Split", ["y"])


# Same function, other path: a Slice of a rank-0 constant with empty
# starts/ends cuts no axis; the whole-tensor part read shape[0] of an empty
# shape (UBSan "reference binding to null pointer", LowBit.cpp).
@models()
def slice_scalar_constant(g):
    g.init("c", np.float32(1.0))
    g.init("starts", np.zeros([0], np.int64))
    g.init("ends", np.zeros([0], np.int64))
    g.node("Slice", ["c", "starts", "ends"], "s", name="slice")
    g.output("s", F32)


# Fuzzer finding 7 (UBSan signed integer overflow in
# Importer::importReshape): shape entries whose product overflows int64.
# [2^62 + 1, 4] wraps to 4, the element count of the input, so the
# product check passed and a tensor<4611686018427387905x4> was created.
@models()
def reshape_overflow(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.init("shape", np.asarray([2**62 + 1, 4], np.int64))
    r = g.node("Reshape", [x, "shape"], "r", name="reshape")
    g.dq(g.q(r, 0.5, 128, out="rq"), 0.5, 128, out="out")
    g.output("out", F32)


# Fuzzer finding 8 (UBSan float-cast-overflow in Importer::truncSpec,
# QONNX.cpp): a QONNX Trunc whose input bit-width (or zero point) is an
# integral float beyond int64 (-3.4e38, 1e30): only the output bit-width
# was range-checked before the casts to int64.
def quant_trunc(g, zeropt, in_bits):
    g.opsets.append(helper.make_opsetid("qonnx.custom_op.general", 1))
    g.input("x", F32, [1, 4])
    ins = ["x"] + [g.init("xq" + sfx, np.asarray(v, np.float32))
                   for sfx, v in (("_scale", 0.5), ("_zeropt", 4), ("_bitwidth", 8))]
    g.node("Quant", ins, "xq", name="xq", domain="qonnx.custom_op.general",
           signed=0)
    ins = ["xq"] + [g.init("t%d" % i, np.float32(v))
                    for i, v in enumerate([0.5, zeropt, in_bits, 6])]
    g.node("Trunc", ins, "t", name="trunc", domain="qonnx.custom_op.general")
    g.output("t", F32)


@models()
def trunc_in_bits_huge(g):
    quant_trunc(g, 4, -3.4e38)


@models()
def trunc_zero_point_huge(g):
    quant_trunc(g, 1e30, 8)


# Fuzzer finding 10 (ASan heap-buffer-overflow in Importer::foldAffine,
# 2026-12-04 on d8495f0 and older): a Conv whose float bias has fewer values
# than output channels, then a per-channel Mul: the fold read the bias at
# every channel before emitConv's count check ran.
@models()
def affine_short_bias(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([2, 1, 1, 1]), 0.125)
    g.init("b", np.array([0.5], np.float32))
    g.init("k", np.array([2.0, -1.0], np.float32).reshape(1, 2, 1, 1))
    g.node("Conv", [x, w, "b"], "y", name="conv")
    g.node("Mul", ["y", "k"], "z", name="mul")
    g.dq(g.q("z", 0.5, 0, out="zq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 11 (ASan heap-buffer-overflow in Importer::chooseBiasShift
# via importConv): a Conv whose float bias has more values than output
# channels and a quantized output: the bias_shift choice read the
# accumulator bounds per bias value before the count was checked.
@models()
def conv_long_bias(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.init("b", np.array([0.3, 0.2, 0.1], np.float32))
    g.node("Conv", [x, w, "b"], "y", name="conv")
    g.dq(g.q("y", 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 12 (UBSan float-cast-overflow in truncZeroPoint, QONNX.cpp,
# 2026-12-05 on 1389b28): a Trunc v2 whose output scale is 2^-99 times its
# input scale shifts the zero point left by 99 bits; the out-of-range
# message itself cast that double to int64.
@models()
def trunc_v2_zero_point_shifted_huge(g):
    g.opsets.append(helper.make_opsetid("qonnx.custom_op.general", 2))
    g.input("x", F32, [1, 4])
    ins = ["x"] + [g.init("xq" + sfx, np.asarray(v, np.float32))
                   for sfx, v in (("_scale", 0.5), ("_zeropt", 4), ("_bitwidth", 8))]
    g.node("Quant", ins, "xq", name="xq", domain="qonnx.custom_op.general",
           signed=0)
    ins = ["xq"] + [g.init("t%d" % i, np.float32(v))
                    for i, v in enumerate([0.5, 4, 8, 0.5 * 2.0 ** -99, 0, 6])]
    g.node("Trunc", ins, "t", name="trunc", domain="qonnx.custom_op.general",
           signed=0)
    g.output("t", F32)


# Fuzzer finding 13 (UBSan null reference in Importer::collapseBlocks,
# LowBit.cpp, 2026-12-05 on 1389b28): a blockwise DequantizeLinear whose
# scale is an integer tensor; the block check read the (empty) float values
# before the scale's element type was checked.
@models(opset=21)
def dq_block_integer_scale(g):
    x = g.qdq_input("x", [1, 2, 1, 1], 0.5, 128)
    g.init("w", np.ones([1, 2, 1, 1], np.int8))
    g.init("w_scale", np.ones([1, 1, 1, 1], np.int8))
    g.node("DequantizeLinear", ["w", "w_scale"], "w_dq", name="w_dq",
           axis=1, block_size=2)
    y = g.node("Conv", [x, "w_dq"], "y", name="conv")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 14 (ASan heap-buffer-overflow in Importer::importGemmOrMatMul,
# 2026-12-05 on 12a093b): a MatMul whose single consumer is an Add with one
# input; the bias look-ahead read the Add's second input before the
# registry had checked the Add's input count.
@models()
def matmul_add_one_input(g):
    x = g.qdq_input("x", [1, 2], 0.5, 128)
    w = g.weight("w", np.ones([2, 2]), 0.125)
    y = g.node("MatMul", [x, w], "y", name="mm")
    z = g.node("Add", [y], "z", name="add")
    g.dq(g.q(z, 0.5, 0, out="zq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 15 (UBSan signed-integer-overflow in Importer::splitParts,
# LowBit.cpp, 2026-12-05 on dc399a4): Split sizes whose sum is beyond int64
# wrapped to a negative total before the "add up to" check.
@models()
def split_sizes_overflow(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    g.init("w", np.ones([4, 1, 1, 1], np.float32))
    g.init("split", np.asarray([2 ** 62, 2 ** 62], np.int64))
    g.node("Split", ["w", "split"], ["w0", "w1"], name="sp", axis=0)
    wq = [g.dq(g.q("w%d" % i, 0.5, 0, I8, out="w%dq" % i), 0.5, 0, I8,
               out="w%ddq" % i) for i in range(2)]
    wc = g.node("Concat", wq, "wcat", name="wcat", axis=0)
    y = g.node("Conv", [x, wc], "y", name="conv")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 16 (UBSan signed-integer-overflow in Importer's blockwise
# DequantizeLinear, LowBit.cpp, 2026-12-06 on b80fcb8): a block_size near
# 2^63 overflowed the ceil(extent / block_size) of the expected scale shape.
@models()
def dq_block_size_huge(g):
    x = g.qdq_input("x", [1, 2, 1, 1], 0.5, 128)
    g.init("w", np.ones([2, 2, 1, 1], np.int8))
    g.init("w_scale", np.ones([2, 2, 1, 1], np.float32))
    g.node("DequantizeLinear", ["w", "w_scale"], "w_dq", name="w_dq",
           axis=0, block_size=2 ** 63 - 1)
    y = g.node("Conv", [x, "w_dq"], "y", name="conv")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


# Fuzzer findings 17 and 18 (timeouts, Resize, Shape.cpp, 2026-12-06 on
# 9d113db): sizes of 2.6e11 (and 4.6e18) rows asked for a nearest resize
# of quantized codes by an integer factor; checking that every output row
# repeats its source pixel walked all of them before the extent was
# checked.
@models()
def resize_sizes_huge(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    g.init("sz", np.array([1, 2, 261993005060, 6], np.int64))
    g.node("Resize", [x, "", "", "sz"], "y", name="rs", mode="nearest")
    g.dq(g.q("y", 0.5, 128, out="yq"), 0.5, 128, out="out")
    g.output("out", F32)

# Fuzzer finding 19 (out of memory, Pad, Shape.cpp, 2026-12-06 on d44afbc):
# edge padding by 1132396544 columns appended that many copies of the edge
# column's Value as Concat operands (9 GB). The edge part is now doubled by
# concatenation and cut: log2 of the padding in ops.
@models()
def pad_edge_huge(g):
    x = g.qdq_input("x", [1, 1, 2, 3], 0.25, 128)
    g.init("pads", np.array([0, 0, 0, 1132396544, 0, 0, 0, 2], np.int64))
    g.node("Pad", [x, "pads"], "p", name="pad", mode="edge")
    g.dq(g.q("p", 0.25, 128, out="pq"), 0.25, 128, out="out")
    g.output("out", F32)

# Fuzzer finding 20 (UBSan, Resize, Shape.cpp, 2026-12-06 on aac80af): a
# linear Resize by a scale of 3.4e38 gave an output extent of 2.04e39 rows,
# converted to int64_t before the extent check (undefined; without UBSan
# the check then saw a negative extent). The extent is now checked as a
# double first.
@models()
def resize_scale_huge(g):
    x = g.qdq_input("x", [1, 2, 6, 6], 0.5, 128)
    g.init("sc", np.array([1, 1, 3.4e38, 2], np.float32))
    g.node("Resize", [x, "", "sc"], "y", name="rs", mode="linear")
    g.dq(g.q("y", 0.5, 128, out="yq"), 0.5, 128, out="out")
    g.output("out", F32)

# Fuzzer finding 21 (ASan heap-buffer-overflow, Transpose, Shape.cpp,
# 2026-12-06 on 2278362): two DequantizeLinear nodes wrote the same tensor,
# one from a [9, 3] activation and one from a [2, 3] constant; the Transpose
# after them read the constant with the activation's shape. ONNX graphs
# define each tensor once; a second definition is now refused.
@models()
def output_defined_twice(g):
    x = g.qdq_input("x", [9, 3], 0.5, 128)
    g.node("Identity", [x], "w_dq", name="first")
    g.weight("w", np.ones([2, 3]), 0.125)          # DQ -> w_dq again
    g.node("Transpose", ["w_dq"], "wt", name="t", perm=[1, 0])
    g.output("wt", F32)


@models()
def output_is_input(g):
    g.input("x", F32, [1, 3])
    g.node("Relu", ["x"], "x", name="relu")
    g.output("x", F32)

models.main()
