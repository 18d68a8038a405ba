# Import errors in quantization parameters (QuantizeLinear /
# DequantizeLinear): one line on stderr, exit code 1.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/scale_zero.onnx --emit=qnn 2>&1 | %{check}=SCALE-ZERO
# RUN: not %qcc compile %t/scale_negative.onnx --emit=qnn 2>&1 | %{check}=SCALE-NEG
# RUN: not %qcc compile %t/scale_inf.onnx --emit=qnn 2>&1 | %{check}=SCALE-INF
# RUN: not %qcc compile %t/scale_nan.onnx --emit=qnn 2>&1 | %{check}=SCALE-NAN
# RUN: not %qcc compile %t/scale_per_axis_zero.onnx --emit=qnn 2>&1 | %{check}=SCALE-AXIS-ZERO
# RUN: not %qcc compile %t/scale_float64.onnx --emit=qnn 2>&1 | %{check}=SCALE-F64
# RUN: not %qcc compile %t/scale_int.onnx --emit=qnn 2>&1 | %{check}=SCALE-INT
# RUN: not %qcc compile %t/scale_not_constant.onnx --emit=qnn 2>&1 | %{check}=SCALE-INPUT
# RUN: not %qcc compile %t/scale_2d.onnx --emit=qnn 2>&1 | %{check}=SCALE-2D
# RUN: not %qcc compile %t/zp_out_of_range_u8.onnx --emit=qnn 2>&1 | %{check}=ZP-U8
# RUN: not %qcc compile %t/zp_out_of_range_i8.onnx --emit=qnn 2>&1 | %{check}=ZP-I8
# RUN: not %qcc compile %t/zp_int16.onnx --emit=qnn 2>&1 | %{check}=ZP-I16
# RUN: not %qcc compile %t/zp_uint16.onnx --emit=qnn 2>&1 | %{check}=ZP-U16
# RUN: not %qcc compile %t/zp_out_of_range_i16.onnx --emit=qnn 2>&1 | %{check}=ZP-I16-RANGE
# RUN: not %qcc compile %t/zp_int64.onnx --emit=qnn 2>&1 | %{check}=ZP-I64
# RUN: not %qcc compile %t/int16_into_integer_op.onnx --emit=qnn 2>&1 | %{check}=I16-INTEGER-OP
# RUN: not %qcc compile %t/int16_dq_zp_type.onnx --emit=qnn 2>&1 | %{check}=I16-DQ-ZP
# RUN: not %qcc compile %t/int16_qlinearconv_output.onnx --emit=qnn 2>&1 | %{check}=I16-QLINEAR
# float16 scales are for QuantizeLinear / DequantizeLinear (ONNX's QLinear
# ops take float32 scales):
# RUN: not %qcc compile %t/f16_scale_qlinearconv.onnx --emit=qnn 2>&1 | %{check}=F16-QLINEAR
# RUN: not %qcc compile %t/f16_scale_opset13.onnx --emit=qnn 2>&1 | %{check}=F16-OPSET
# RUN: not %qcc compile %t/f16_scale_int16.onnx --emit=qnn 2>&1 | %{check}=F16-I16
# RUN: not %qcc compile %t/f16_scale_f32_input.onnx --emit=qnn 2>&1 | %{check}=F16-MISMATCH
# RUN: not %qcc compile %t/int16_qcdq_activation.onnx --emit=qnn 2>&1 | %{check}=I16-QCDQ-ACT
# RUN: not %qcc compile %t/int16_qcdq_weight.onnx --emit=qnn 2>&1 | %{check}=I16-QCDQ-W
# RUN: not %qcc compile %t/dq_u16_zp_of_u8.onnx --emit=qnn 2>&1 | %{check}=DQ-U16-OF-U8
# RUN: not %qcc compile %t/zp_count.onnx --emit=qnn 2>&1 | %{check}=ZP-COUNT
# RUN: not %qcc compile %t/q_to_int32.onnx --emit=qnn 2>&1 | %{check}=Q-I32
# RUN: not %qcc compile %t/axis_out_of_range.onnx --emit=qnn 2>&1 | %{check}=AXIS-RANGE
# RUN: not %qcc compile %t/axis_channel_count.onnx --emit=qnn 2>&1 | %{check}=AXIS-COUNT
# RUN: not %qcc compile %t/weight_scale_count.onnx --emit=qnn 2>&1 | %{check}=WEIGHT-COUNT
# RUN: not %qcc compile %t/bias_scale_count.onnx --emit=qnn 2>&1 | %{check}=BIAS-COUNT
# RUN: not %qcc compile %t/activation_per_axis.onnx --emit=qnn 2>&1 | %{check}=ACT-AXIS
# RUN: not %qcc compile %t/activation_int32.onnx --emit=qnn 2>&1 | %{check}=ACT-I32
# RUN: not %qcc compile %t/q_block_size.onnx --emit=qnn 2>&1 | %{check}=Q-BLOCK
# RUN: not %qcc compile %t/dq_block_size.onnx --emit=qnn 2>&1 | %{check}=DQ-BLOCK
# RUN: not %qcc compile %t/q_integer_input.onnx --emit=qnn 2>&1 | %{check}=Q-INT-INPUT
# RUN: not %qcc compile %t/q_integer_constant.onnx --emit=qnn 2>&1 | %{check}=Q-INT-CONST
# RUN: not %qcc compile %t/dq_float_constant.onnx --emit=qnn 2>&1 | %{check}=DQ-FLOAT-CONST
# RUN: not %qcc compile %t/dq_zp_type_constant.onnx --emit=qnn 2>&1 | %{check}=DQ-ZP-CONST
# RUN: not %qcc compile %t/dq_zp_type.onnx --emit=qnn 2>&1 | %{check}=DQ-ZP
# RUN: not %qcc compile %t/dq_float_input.onnx --emit=qnn 2>&1 | %{check}=DQ-FLOAT
# RUN: not %qcc compile %t/dq_undefined_input.onnx --emit=qnn 2>&1 | %{check}=DQ-UNDEF

# SCALE-ZERO: qcc: error: {{.*}}scale_zero.onnx: node 'quant' (QuantizeLinear): scale 's' has the value 0.000000e+00; scales must be positive and finite
# SCALE-NEG: qcc: error: {{.*}}scale_negative.onnx: node 'quant' (QuantizeLinear): scale 's' has the value -5.000000e-01; scales must be positive and finite
# SCALE-INF: qcc: error: {{.*}}scale_inf.onnx: node 'quant' (QuantizeLinear): scale 's' has the value INF; scales must be positive and finite
# SCALE-NAN: qcc: error: {{.*}}scale_nan.onnx: node 'quant' (QuantizeLinear): scale 's' has the value nan; scales must be positive and finite
# SCALE-AXIS-ZERO: qcc: error: {{.*}}scale_per_axis_zero.onnx: node 'w_dq_node' (DequantizeLinear): scale 'w_dq_scale' has the value 0.000000e+00; scales must be positive and finite
# SCALE-F64: qcc: error: {{.*}}scale_float64.onnx: node 'quant' (QuantizeLinear): scale 's' must be float32 or float16, got float64
# SCALE-INT: qcc: error: {{.*}}scale_int.onnx: node 'quant' (QuantizeLinear): scale 's' must be float32 or float16, got int32
# F16-QLINEAR: qcc: error: {{.*}}f16_scale_qlinearconv.onnx: node 'qconv' (QLinearConv): scale 'ws' must be float32, got float16
# F16-OPSET: qcc: error: {{.*}}f16_scale_opset13.onnx: node 'deq' (DequantizeLinear): a float16 scale needs opset 19 (the model's is 13)
# F16-I16: qcc: error: {{.*}}f16_scale_int16.onnx: node 'quant' (QuantizeLinear): float16 scales on int16 values are not supported (float32 scales are)
# F16-MISMATCH: qcc: error: {{.*}}f16_scale_f32_input.onnx: node 'quant' (QuantizeLinear): input 'x' is float32 but scale 's' is float16 (they must have the same type)
# SCALE-INPUT: qcc: error: {{.*}}scale_not_constant.onnx: node 'quant' (QuantizeLinear): scale 's' must be a constant (initializer or Constant node)
# SCALE-2D: qcc: error: {{.*}}scale_2d.onnx: node 'quant' (QuantizeLinear): scale must be a scalar or 1-D
# ZP-U8: qcc: error: {{.*}}zp_out_of_range_u8.onnx: node 'quant' (QuantizeLinear): zero point 300 is out of range for uint8
# ZP-I8: qcc: error: {{.*}}zp_out_of_range_i8.onnx: node 'quant' (QuantizeLinear): zero point -200 is out of range for int8
# ZP-I16: qcc: error: {{.*}}zp_int16.onnx: output 'q': declared uint8 but the graph computes int16
# ZP-U16: qcc: error: {{.*}}zp_uint16.onnx: output 'q': declared uint8 but the graph computes uint16
# ZP-I16-RANGE: qcc: error: {{.*}}zp_out_of_range_i16.onnx: node 'quant' (QuantizeLinear): zero point 40000 is out of range for int16
# ZP-I64: qcc: error: {{.*}}zp_int64.onnx: node 'quant' (QuantizeLinear): quantized type int64 is not supported (uint8, int8, uint4, int4, uint16, int16, or int32 for biases)
# I16-INTEGER-OP: qcc: error: {{.*}}int16_into_integer_op.onnx: node 'convint' (ConvInteger): input 'x' holds 16-bit integers; 16-bit tensors are only supported as the input of a DequantizeLinear
# I16-QLINEAR: qcc: error: {{.*}}int16_qlinearconv_output.onnx: node 'qconv' (QLinearConv): quantized type int16 is only supported on QuantizeLinear and DequantizeLinear
# Regressions (review of 16-bit QDQ): a Clip on 16-bit integers clamped to
# the int8 range (silently wrong); a 16-bit zero point on an 8-bit value
# blamed the node before it.
# I16-QCDQ-ACT: qcc: error: {{.*}}int16_qcdq_activation.onnx: node 'clip' (Clip): a Clip on quantized integers (QCDQ) needs 8-bit or narrower values; 'yq' holds 16-bit integers
# I16-QCDQ-W: qcc: error: {{.*}}int16_qcdq_weight.onnx: node 'clip' (Clip): a Clip on quantized integers (QCDQ) needs int8, uint8, int4 or uint4 values; 'w' is int16
# DQ-U16-OF-U8: qcc: error: {{.*}}dq_u16_zp_of_u8.onnx: node 'deq' (DequantizeLinear): input 'xq' holds 8-bit values but the zero point type has 16 bits
# I16-DQ-ZP: qcc: error: {{.*}}int16_dq_zp_type.onnx: node 'deq' (DequantizeLinear): zero point type does not match input 'x' (int16)
# ZP-COUNT: qcc: error: {{.*}}zp_count.onnx: node 'quant' (QuantizeLinear): zero point 'z' has 3 values but the scale has 2
# Q-I32: qcc: error: {{.*}}q_to_int32.onnx: node 'quant' (QuantizeLinear): cannot quantize to int32
# AXIS-RANGE: qcc: error: {{.*}}axis_out_of_range.onnx: node 'quant' (QuantizeLinear): axis 2 is out of range for rank 2
# AXIS-COUNT: qcc: error: {{.*}}axis_channel_count.onnx: node 'quant' (QuantizeLinear): scale 's' has 2 values but axis 1 has 3 channels
# WEIGHT-COUNT: qcc: error: {{.*}}weight_scale_count.onnx: node 'w_dq_node' (DequantizeLinear): scale 'w_dq_scale' has 2 values but axis 0 has 4 channels
# BIAS-COUNT: qcc: error: {{.*}}bias_scale_count.onnx: node 'b_dq_node' (DequantizeLinear): scale 'b_dq_scale' has 2 values but axis 0 has 4 channels
# ACT-AXIS: qcc: error: {{.*}}activation_per_axis.onnx: node 'quant' (QuantizeLinear): activations must be quantized per tensor
# ACT-I32: qcc: error: {{.*}}activation_int32.onnx: node 'quant' (QuantizeLinear): cannot quantize an activation to int32
# Q-BLOCK: qcc: error: {{.*}}q_block_size.onnx: node 'quant' (QuantizeLinear): block_size is not supported
# DQ-BLOCK: qcc: error: {{.*}}dq_block_size.onnx: node 'deq' (DequantizeLinear): block_size 2: the blocks of output channel 1 (axis 0) have different scales or zero points; qcc supports blockwise quantization only when it reduces to per-channel
# Q-INT-INPUT: qcc: error: {{.*}}q_integer_input.onnx: node 'quant' (QuantizeLinear): input 'x' is not a float tensor
# Q-INT-CONST: qcc: error: {{.*}}q_integer_constant.onnx: node 'quant' (QuantizeLinear): input 'c' must be float32
# DQ-FLOAT-CONST: qcc: error: {{.*}}dq_float_constant.onnx: node 'deq' (DequantizeLinear): input 'c' has element type float32; expected int8, uint8, int4, uint4, int16, uint16 or int32
# DQ-ZP-CONST: qcc: error: {{.*}}dq_zp_type_constant.onnx: node 'deq' (DequantizeLinear): zero point type uint8 does not match the input's int8
# DQ-ZP: qcc: error: {{.*}}dq_zp_type.onnx: node 'deq' (DequantizeLinear): zero point type does not match input 'x'
# DQ-FLOAT: qcc: error: {{.*}}dq_float_input.onnx: node 'deq' (DequantizeLinear): input 'x' is not a quantized integer tensor
# DQ-UNDEF: qcc: error: {{.*}}dq_undefined_input.onnx: node 'deq' (DequantizeLinear): input 'nope' is not defined before this node

import numpy as np
from onnx import TensorProto, helper

from qcc_models.testing import F32, I8, I16, I32, U8, Variants

models = Variants()
NP = {U8: np.uint8, I8: np.int8, I16: np.int16, I32: np.int32,
      TensorProto.UINT16: np.uint16, TensorProto.INT64: np.int64}


def quantize(g, scale, zp=None, zp_dtype=U8, shape=(1, 4), **attrs):
    """float input x -> QuantizeLinear 'quant' (scale 's', zero point 'z')
    -> uint8 output q. zp may be a TensorProto (for values numpy cannot
    hold in the zero point's type)."""
    g.input("x", F32, list(shape))
    g.init("s", np.asarray(scale, np.float32))
    inputs = ["x", "s"]
    if zp is not None:
        if isinstance(zp, TensorProto):
            zp.name = "z"
            g.initializers.append(zp)
        else:
            g.init("z", np.asarray(zp, NP[zp_dtype]))
        inputs.append("z")
    g.node("QuantizeLinear", inputs, "q", name="quant", **attrs)
    g.output("q", U8)


def conv_then(g, yscale, yzp, **qattrs):
    """DQ(x) -> Conv(DQ(w)) -> QuantizeLinear 'quant'(yscale, yzp)."""
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.5)
    y = g.node("Conv", [x, w], "y")
    g.init("ys", np.asarray(yscale, np.float32))
    g.init("yz", yzp)
    g.node("QuantizeLinear", [y, "ys", "yz"], "yq", name="quant", **qattrs)


@models()
def scale_zero(g):
    quantize(g, 0.0)


@models()
def scale_negative(g):
    quantize(g, -0.5)


@models()
def scale_inf(g):
    quantize(g, np.inf)


@models()
def scale_nan(g):
    quantize(g, np.nan)


@models()
def scale_per_axis_zero(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), [0.5, 0.0], axis=0)
    y = g.node("Conv", [x, w], "y")
    g.dq(g.q(y, 0.5, 0, out="yq"), 0.5, 0, out="out")
    g.output("out", F32)


@models()
def scale_float64(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.float64(0.5))
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


@models()
def scale_int(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.int32(1))
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


@models()
def scale_not_constant(g):
    g.input("x", F32, [1, 4])
    g.input("s", F32, [])
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


@models()
def scale_2d(g):
    quantize(g, [[0.5, 0.25]], [[1, 2]], shape=(1, 2))


@models()
def zp_out_of_range_u8(g):
    # int32_data can hold values a uint8 cannot.
    quantize(g, 0.5, helper.make_tensor("z", U8, [], [300]))


@models()
def zp_out_of_range_i8(g):
    quantize(g, 0.5, helper.make_tensor("z", I8, [], [-200]))


@models()
def zp_int16(g):
    quantize(g, 0.5, 0, I16)


@models()
def zp_uint16(g):
    quantize(g, 0.5, 0, TensorProto.UINT16)


@models()
def zp_out_of_range_i16(g):
    quantize(g, 0.5, helper.make_tensor("z", I16, [], [40000]))


@models()
def zp_int64(g):
    quantize(g, 0.5, 0, TensorProto.INT64)


@models(opset=21)
def int16_into_integer_op(g):
    # An int16 graph input read as integers by ConvInteger (not dequantized).
    g.input("x", I16, [1, 1, 2, 2])
    g.init("w", np.ones([1, 1, 1, 1], np.int8))
    g.node("ConvInteger", ["x", "w"], "y", name="convint")
    g.output("y", I32)


def qlinearconv_1x1(g, ws, yz, out_type):
    """QLinearConv 'qconv' of a uint8 input with weight scale `ws` and
    output zero point `yz` (their types are what is tested)."""
    g.input("x", U8, [1, 1, 2, 2])
    for name, v in (("xs", np.float32(0.5)), ("xz", np.uint8(0)), ("w", np.ones([1, 1, 1, 1], np.int8)),
                    ("ws", ws), ("wz", np.int8(0)), ("ys", np.float32(0.25)), ("yz", yz)):
        g.init(name, v)
    g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], "y", name="qconv")
    g.output("y", out_type)


@models(opset=21)
def int16_qlinearconv_output(g):
    # QLinearConv with an int16 output zero point: no 16-bit integer kernel.
    qlinearconv_1x1(g, np.float32(0.5), np.int16(0), I16)


@models(opset=19)
def f16_scale_qlinearconv(g):
    qlinearconv_1x1(g, np.float16(0.5), np.uint8(0), U8)


@models(opset=13)
def f16_scale_opset13(g):
    g.input("x", I8, [1, 4])
    g.init("s", np.float16(0.5))
    g.node("DequantizeLinear", ["x", "s"], "d", name="deq")
    g.output("d", TensorProto.FLOAT16)


@models(opset=21)
def f16_scale_int16(g):
    g.input("x", TensorProto.FLOAT16, [1, 4])
    g.init("s", np.float16(0.5))
    g.init("z", np.int16(0))
    g.node("QuantizeLinear", ["x", "s", "z"], "q", name="quant")
    g.output("q", I16)


@models(opset=19)
def f16_scale_f32_input(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.float16(0.5))
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


@models(opset=21)
def int16_qcdq_activation(g):
    g.input("x", F32, [1, 4])
    yq = g.q("x", 0.01, 0, I16, out="yq")
    g.init("lo", np.int16(-1000))
    g.init("hi", np.int16(1000))
    g.node("Clip", [yq, "lo", "hi"], "yc", name="clip")
    g.dq("yc", 0.01, 0, I16, out="y")
    g.output("y", F32)


@models(opset=21)
def int16_qcdq_weight(g):
    x = g.qdq_input("x", [1, 1, 2, 2], 0.5, 128)
    g.init("w", np.array([2000, 500, -500, 30000], np.int16).reshape(4, 1, 1, 1))
    g.init("lo", np.int16(-1000))
    g.init("hi", np.int16(1000))
    g.node("Clip", ["w", "lo", "hi"], "wc", name="clip")
    w = g.dq("wc", 2.0 ** -10, 0, I16, out="wdq")
    g.node("Conv", [x, w], "y")
    g.output("y", F32)


@models(opset=21)
def dq_u16_zp_of_u8(g):
    g.input("x", F32, [1, 4])
    g.q("x", 0.5, 7, U8, out="xq")
    g.dq("xq", 0.5, 7, TensorProto.UINT16, out="y", name="deq")
    g.output("y", F32)


@models(opset=21)
def int16_dq_zp_type(g):
    g.input("x", I16, [1, 4])
    g.dq("x", 0.5, 7, TensorProto.UINT16, out="y", name="deq")
    g.output("y", F32)


@models()
def zp_count(g):
    quantize(g, [0.5, 0.25], [1, 2, 3], shape=(1, 2), axis=1)


@models()
def q_to_int32(g):
    quantize(g, 0.5, 0, I32)


@models()
def axis_out_of_range(g):
    quantize(g, [0.5, 0.25], [1, 2], shape=(1, 2), axis=2)


@models()
def axis_channel_count(g):
    quantize(g, [0.5, 0.25], [1, 2], shape=(1, 3), axis=1)


@models()
def weight_scale_count(g):
    # 2 per-channel scales for a weight with 4 output channels.
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", np.ones([4, 2, 1, 1]), [0.25, 0.5], axis=0)
    y = g.node("Conv", [x, w], "y")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def bias_scale_count(g):
    # int32 bias of 4 values with 2 per-axis scales.
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", np.ones([4, 2, 1, 1]), [0.25] * 4, axis=0)
    b = g.bias("b", [1, 2, 3, 4], [0.125, 0.25])
    y = g.node("Conv", [x, w, b], "y")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def activation_per_axis(g):
    conv_then(g, [0.1, 0.2], np.zeros(2, np.uint8), axis=1)
    g.output("yq", U8)


@models()
def activation_int32(g):
    conv_then(g, 0.1, np.int32(0))
    g.output("yq", I32)


@models(opset=21)
def q_block_size(g):
    quantize(g, 0.5, 0, U8, block_size=2)


@models(opset=21)
def dq_block_size(g):
    g.input("x", F32, [1, 4])
    g.init("w", np.ones([4, 4], np.int8))
    # Output channel 1 has the scales 1 and 2 in its two blocks.
    g.init("ws", np.array([[1, 1], [1, 2], [1, 1], [1, 1]], np.float32))
    g.node("DequantizeLinear", ["w", "ws"], "wd", name="deq", axis=1, block_size=2)
    g.output("wd", F32)


@models()
def q_integer_input(g):
    g.input("x", U8, [1, 4])
    g.init("s", np.float32(0.5))
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


@models()
def q_integer_constant(g):
    g.input("x", F32, [1, 4])
    g.init("c", np.ones([4], np.int8))
    g.init("s", np.float32(0.5))
    g.node("QuantizeLinear", ["c", "s"], "q", name="quant")
    g.output("x", F32)


@models()
def dq_float_constant(g):
    g.input("x", F32, [1, 4])
    g.init("c", np.ones([2], np.float32))
    g.init("cs", np.float32(0.5))
    g.node("DequantizeLinear", ["c", "cs"], "cd", name="deq")
    g.output("cd", F32)


@models()
def dq_zp_type_constant(g):
    g.input("x", F32, [1, 4])
    g.init("c", np.ones([2], np.int8))
    g.init("cs", np.float32(0.5))
    g.init("cz", np.uint8(0))
    g.node("DequantizeLinear", ["c", "cs", "cz"], "cd", name="deq")
    g.output("cd", F32)


@models()
def dq_zp_type(g):
    g.input("x", I8, [1, 4])
    g.init("s", np.float32(0.5))
    g.init("z", np.uint8(3))
    g.node("DequantizeLinear", ["x", "s", "z"], "d", name="deq")
    g.output("d", F32)


@models()
def dq_float_input(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.float32(0.5))
    g.node("DequantizeLinear", ["x", "s"], "d", name="deq")
    g.output("d", F32)


@models()
def dq_undefined_input(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.float32(0.5))
    g.node("DequantizeLinear", ["nope", "s"], "d", name="deq")
    g.output("d", F32)


models.main()
