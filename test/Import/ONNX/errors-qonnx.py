# Import errors of QONNX quantizers and low-bit forms: one line naming the
# node, exit code 1.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/bits_fraction.onnx --emit=qnn 2>&1 | %{check}=BITS-FRAC
# RUN: not %qcc compile %t/bits_zero.onnx --emit=qnn 2>&1 | %{check}=BITS-ZERO
# RUN: not %qcc compile %t/bits_nine.onnx --emit=qnn 2>&1 | %{check}=BITS-NINE
# RUN: not %qcc compile %t/bits_input.onnx --emit=qnn 2>&1 | %{check}=BITS-INPUT
# RUN: not %qcc compile %t/scale_input.onnx --emit=qnn 2>&1 | %{check}=SCALE-INPUT
# RUN: not %qcc compile %t/scale_zero.onnx --emit=qnn 2>&1 | %{check}=SCALE-ZERO
# RUN: not %qcc compile %t/scale_negative.onnx --emit=qnn 2>&1 | %{check}=SCALE-NEG
# RUN: not %qcc compile %t/scale_nan.onnx --emit=qnn 2>&1 | %{check}=SCALE-NAN
# RUN: not %qcc compile %t/zp_fraction.onnx --emit=qnn 2>&1 | %{check}=ZP-FRAC
# RUN: not %qcc compile %t/zp_range.onnx --emit=qnn 2>&1 | %{check}=ZP-RANGE
# RUN: not %qcc compile %t/rounding_unknown.onnx --emit=qnn 2>&1 | %{check}=ROUNDING
# RUN: not %qcc compile %t/float_quant.onnx --emit=qnn 2>&1 | %{check}=FLOATQUANT
# RUN: not %qcc compile %t/other_op.onnx --emit=qnn 2>&1 | %{check}=OTHER-OP
# RUN: not %qcc compile %t/signed_two.onnx --emit=qnn 2>&1 | %{check}=SIGNED
# RUN: not %qcc compile %t/scale_two_axes.onnx --emit=qnn 2>&1 | %{check}=TWO-AXES
# RUN: not %qcc compile %t/act_per_channel.onnx --emit=qnn 2>&1 | %{check}=ACT-AXIS
# RUN: not %qcc compile %t/slices_out_of_order.onnx --emit=qnn 2>&1 | %{check}=SLICE-ORDER
# RUN: not %qcc compile %t/slices_gap.onnx --emit=qnn 2>&1 | %{check}=SLICE-GAP
# RUN: not %qcc compile %t/trunc_float_input.onnx --emit=qnn 2>&1 | %{check}=TRUNC-FLOAT
# RUN: not %qcc compile %t/avgpool_mul_not_window.onnx --emit=qnn 2>&1 | %{check}=AVG-MUL
# RUN: not %qcc compile %t/avgpool_pad_exclude.onnx --emit=qnn 2>&1 | %{check}=AVG-PAD
# RUN: not %qcc compile %t/avgpool_ceil_partial.onnx --emit=qnn 2>&1 | %{check}=AVG-CEIL
# RUN: not %qcc compile %t/avgpool_trunc_overflow.onnx --emit=qnn 2>&1 | %{check}=AVG-OVERFLOW
# RUN: not %qcc compile %t/avgpool_trunc_scale.onnx --emit=qnn 2>&1 | %{check}=AVG-SCALE

# BITS-FRAC: qcc: error: {{.*}}bits_fraction.onnx: node 'wq' (Quant): bit-width 'wq_bitwidth' has the value 2.500000e+00; bit-widths must be integers
# BITS-ZERO: qcc: error: {{.*}}bits_zero.onnx: node 'wq' (Quant): bit-width 'wq_bitwidth' is 0; qcc supports 1 to 8 bits
# BITS-NINE: qcc: error: {{.*}}bits_nine.onnx: node 'wq' (Quant): bit-width 'wq_bitwidth' is 9; qcc supports 1 to 8 bits
# BITS-INPUT: qcc: error: {{.*}}bits_input.onnx: node 'wq' (Quant): bit-width 'bits' must be a constant (initializer or Constant node)
# SCALE-INPUT: qcc: error: {{.*}}scale_input.onnx: node 'wq' (Quant): scale 'scale' must be a constant (initializer or Constant node)
# SCALE-ZERO: qcc: error: {{.*}}scale_zero.onnx: node 'wq' (Quant): scale 'wq_scale' has the value 0.000000e+00; scales must be positive and finite
# SCALE-NEG: qcc: error: {{.*}}scale_negative.onnx: node 'wq' (Quant): scale 'wq_scale' has the value -2.500000e-01; scales must be positive and finite
# SCALE-NAN: qcc: error: {{.*}}scale_nan.onnx: node 'wq' (BipolarQuant): scale 'wq_scale' has the value nan; scales must be positive and finite
# ZP-FRAC: qcc: error: {{.*}}zp_fraction.onnx: node 'xq' (Quant): zero point 'xq_zeropt' has the value 5.000000e-01; zero points must be integers
# ZP-RANGE: qcc: error: {{.*}}zp_range.onnx: node 'xq' (Quant): zero point 16 is outside the range of 4-bit unsigned values
# ROUNDING: qcc: error: {{.*}}rounding_unknown.onnx: node 'wq' (Quant): rounding_mode 'STOCHASTIC' is not one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN
# FLOATQUANT: qcc: error: {{.*}}float_quant.onnx: node 'fq' (FloatQuant): FloatQuant (minifloat quantization) is not supported; only integer Quant/IntQuant, BipolarQuant and Trunc are
# OTHER-OP: qcc: error: {{.*}}other_op.onnx: node 'i2c' (Im2Col): operator Im2Col of domain 'qonnx.custom_op.general' is not supported (QONNX/FINN: Quant, IntQuant, BipolarQuant, Trunc, MultiThreshold)
# SIGNED: qcc: error: {{.*}}signed_two.onnx: node 'wq' (Quant): attribute 'signed' must be 0 or 1, got 2
# TWO-AXES: qcc: error: {{.*}}scale_two_axes.onnx: node 'wq' (Quant): scale 'wq_scale' of shape [2, 2, 1, 1] does not broadcast along one axis of the input [2, 2, 1, 1]
# ACT-AXIS: qcc: error: {{.*}}act_per_channel.onnx: node 'yq' (Quant): activations must be quantized per tensor (one scale and zero point for all channels)
# SLICE-ORDER: qcc: error: {{.*}}slices_out_of_order.onnx: node 'wcat' (Concat): the slices of 'w' do not cover its channels contiguously in order along axis 0 (channels 1..1 where channel 0 is expected)
# SLICE-GAP: qcc: error: {{.*}}slices_gap.onnx: node 'wcat' (Concat): the slices of 'w' cover 1 of its 2 channels
# TRUNC-FLOAT: qcc: error: {{.*}}trunc_float_input.onnx: node 't' (Trunc): input 'x' must be a quantized tensor (the output of a Quant, or of an op quantized by one)
# AVG-MUL: qcc: error: {{.*}}avgpool_mul_not_window.onnx: node 'mul' (Mul): 'k' must be the scalar window size 4 of node 'pool' (AveragePool) (average times window size: the sum that Trunc truncates)
# AVG-PAD: qcc: error: {{.*}}avgpool_pad_exclude.onnx: node 'pool' (AveragePool): padding with count_include_pad=0 averages the edge windows over fewer values; Mul -> Trunc needs every window's sum (count_include_pad=1)
# AVG-CEIL: qcc: error: {{.*}}avgpool_ceil_partial.onnx: node 'pool' (AveragePool): ceil_mode=1 adds partial windows at the edge; Mul -> Trunc needs full windows
# AVG-OVERFLOW: qcc: error: {{.*}}avgpool_trunc_overflow.onnx: node 't' (Trunc): the truncated window sums of node 'pool' (AveragePool) range over [0, 30], beyond 4-bit unsigned values (input bit-width too small for 4 values)
# AVG-SCALE: qcc: error: {{.*}}avgpool_trunc_scale.onnx: node 't' (Trunc): scale and zero point must be those of its input 'xq'

import numpy as np

from qcc_models.testing import F32, Variants
from qonnx_lib import QONNX, bipolar, qonnx_graph, quant

models = Variants()


def conv_model(g, wscale=0.5, wzp=0, wbits=4, op="Quant", yscale=0.25,
               yattrs=None, **wattrs):
    """x -> Quant -> Conv(Quant 'wq' of a 2x2x1x1 weight) -> Quant 'yq'."""
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 2, 1, 1])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
    w = g.init("w", np.array([0.5, -0.5, 0.25, 1.0], np.float32).reshape(2, 2, 1, 1))
    if op == "BipolarQuant":
        wq = bipolar(g, w, wscale, "wq")
    else:
        wq = quant(g, w, wscale, wzp, wbits, "wq", **wattrs)
    y = g.node("Conv", [x, wq], "y")
    g.output(quant(g, y, yscale, 0, 8, "yq", signed=0, **(yattrs or {})), F32)


@models()
def bits_fraction(g):
    conv_model(g, wbits=2.5)


@models()
def bits_zero(g):
    conv_model(g, wbits=0)


@models()
def bits_nine(g):
    conv_model(g, wbits=9)


@models()
def bits_input(g):
    conv_model(g)
    g.nodes[1].input[3] = "bits"
    g.input("bits", F32, [])


@models()
def scale_input(g):
    conv_model(g)
    g.nodes[1].input[1] = "scale"
    g.input("scale", F32, [])


@models()
def scale_zero(g):
    conv_model(g, wscale=0.0)


@models()
def scale_negative(g):
    conv_model(g, wscale=-0.25)


@models()
def scale_nan(g):
    conv_model(g, wscale=np.nan, op="BipolarQuant")


@models()
def zp_fraction(g):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 4])
    g.output(quant(g, "x", 0.5, 0.5, 8, "xq", signed=0), F32)


@models()
def zp_range(g):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 4])
    g.output(quant(g, "x", 0.5, 16, 4, "xq", signed=0), F32)


@models()
def rounding_unknown(g):
    conv_model(g, rounding_mode="STOCHASTIC")


@models()
def float_quant(g):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 4])
    g.output(quant(g, "x", 0.5, 0, 8, "fq", op="FloatQuant"), F32)


@models()
def other_op(g):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 1, 4, 4])
    g.output(g.node("Im2Col", ["x"], "i2c", name="i2c", domain=QONNX,
                    kernel_size=[2, 2]), F32)


@models()
def signed_two(g):
    conv_model(g, signed=2)


@models()
def scale_two_axes(g):
    conv_model(g, wscale=np.full([2, 2, 1, 1], 0.5, np.float32))


@models()
def act_per_channel(g):
    conv_model(g, yscale=np.array([0.25, 0.5], np.float32).reshape(1, 2, 1, 1))


def split_weights(g, order, parts=2):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 1, 1, 1])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
    w = g.init("w", np.array([0.5, -0.5], np.float32).reshape(2, 1, 1, 1))
    g.init("split", np.array([1, 1], np.int64))
    g.node("Split", [w, "split"], ["w0", "w1"], name="wsplit", axis=0)
    q = [quant(g, "w%d" % i, 0.5, 0, 4, "w%dq" % i) for i in range(2)]
    wc = g.node("Concat", [q[i] for i in order], "wcat", name="wcat", axis=0)
    y = g.node("Conv", [x, wc], "y")
    g.output(quant(g, y, 0.25, 0, 8, "yq", signed=0), F32)


@models()
def slices_out_of_order(g):
    split_weights(g, [1, 0])


@models()
def slices_gap(g):
    split_weights(g, [0])


@models()
def trunc_float_input(g):
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 4])
    ins = ["x"] + [g.init("t%d" % i, np.float32(v))
                   for i, v in enumerate([0.5, 0, 8, 4])]
    g.output(g.node("Trunc", ins, "t", name="t", domain=QONNX), F32)


def avgpool_trunc(g, k=4.0, in_bits=6, scale=0.5, extent=4, **pool):
    """x (4-bit unsigned, scale 0.5) -> AveragePool 2x2 -> Mul(k) -> Trunc
    v1 (scale, 0, in_bits -> 4 bits)."""
    from onnx import helper
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 2, extent, extent])
    x = quant(g, "x", 0.5, 0, 4, "xq", signed=0)
    y = g.node("AveragePool", [x], "avg", name="pool", kernel_shape=[2, 2],
               strides=[2, 2], **pool)
    y = g.node("Mul", [y, g.init("k", np.float32(k))], "sum", name="mul")
    ins = [y] + [g.init("t%d" % i, np.float32(v))
                 for i, v in enumerate([scale, 0, in_bits, 4])]
    g.output(g.node("Trunc", ins, "t", name="t", domain=QONNX), F32)


@models()
def avgpool_mul_not_window(g):
    avgpool_trunc(g, k=2.0)


@models()
def avgpool_pad_exclude(g):
    avgpool_trunc(g, pads=[1, 1, 1, 1])


@models()
def avgpool_ceil_partial(g):
    avgpool_trunc(g, extent=5, ceil_mode=1)


@models()
def avgpool_trunc_overflow(g):
    # sums 0..60 of 4 values 0..15, / 2^(5 - 4) = 0..30: not 4 bits.
    avgpool_trunc(g, in_bits=5)


@models()
def avgpool_trunc_scale(g):
    avgpool_trunc(g, scale=0.25)


models.main()
