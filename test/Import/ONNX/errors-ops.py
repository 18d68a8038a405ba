# Import errors of the QDQ operators (Conv, BatchNormalization, Gemm,
# MatMul, Add, pools, Concat, Reshape/Flatten, Relu/Clip): one line on
# stderr, exit code 1.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/conv_group_mismatch.onnx --emit=qnn 2>&1 | %{check}=CONV-GROUP
# RUN: not %qcc compile %t/conv_channel_mismatch.onnx --emit=qnn 2>&1 | %{check}=CONV-CHANNELS
# RUN: not %qcc compile %t/conv_kernel_shape.onnx --emit=qnn 2>&1 | %{check}=CONV-KSHAPE
# RUN: not %qcc compile %t/conv_weight_int32.onnx --emit=qnn 2>&1 | %{check}=CONV-W-I32
# RUN: not %qcc compile %t/conv_weight_rank3.onnx --emit=qnn 2>&1 | %{check}=CONV-W-RANK
# RUN: not %qcc compile %t/conv_weight_axis1.onnx --emit=qnn 2>&1 | %{check}=CONV-W-AXIS
# RUN: not %qcc compile %t/conv_bias_count.onnx --emit=qnn 2>&1 | %{check}=CONV-BIAS-COUNT
# RUN: not %qcc compile %t/conv_bias_not_constant.onnx --emit=qnn 2>&1 | %{check}=CONV-BIAS-INPUT
# RUN: not %qcc compile %t/conv_bias_overflow.onnx --emit=qnn 2>&1 | %{check}=CONV-BIAS-BIG
# RUN: not %qcc compile %t/conv_input_rank3.onnx --emit=qnn 2>&1 | %{check}=CONV-RANK
# RUN: not %qcc compile %t/conv_strides_count.onnx --emit=qnn 2>&1 | %{check}=CONV-STRIDES
# RUN: not %qcc compile %t/conv_stride_zero.onnx --emit=qnn 2>&1 | %{check}=CONV-STRIDE0
# RUN: not %qcc compile %t/conv_dilation_zero.onnx --emit=qnn 2>&1 | %{check}=CONV-DIL0
# RUN: not %qcc compile %t/conv_negative_pad.onnx --emit=qnn 2>&1 | %{check}=CONV-PAD
# RUN: not %qcc compile %t/conv_auto_pad.onnx --emit=qnn 2>&1 | %{check}=CONV-AUTOPAD
# RUN: not %qcc compile %t/conv_kernel_too_big.onnx --emit=qnn 2>&1 | %{check}=CONV-KFIT
# RUN: not %qcc compile %t/bn_training_mode.onnx --emit=qnn 2>&1 | %{check}=BN-TRAINING
# RUN: not %qcc compile %t/bn_count.onnx --emit=qnn 2>&1 | %{check}=BN-COUNT
# RUN: not %qcc compile %t/bn_not_constant.onnx --emit=qnn 2>&1 | %{check}=BN-INPUT
# RUN: not %qcc compile %t/gemm_transA.onnx --emit=qnn 2>&1 | %{check}=GEMM-TRANSA
# RUN: not %qcc compile %t/gemm_alpha.onnx --emit=qnn 2>&1 | %{check}=GEMM-ALPHA
# RUN: not %qcc compile %t/gemm_a_rank3.onnx --emit=qnn 2>&1 | %{check}=GEMM-A3D
# RUN: not %qcc compile %t/matmul_a_rank1.onnx --emit=qnn 2>&1 | %{check}=MATMUL-A1D
# RUN: not %qcc compile %t/gemm_b_rank3.onnx --emit=qnn 2>&1 | %{check}=GEMM-B3D
# RUN: not %qcc compile %t/gemm_b_axis.onnx --emit=qnn 2>&1 | %{check}=GEMM-B-AXIS
# RUN: not %qcc compile %t/gemm_transB_activation.onnx --emit=qnn 2>&1 | %{check}=GEMM-TRANSB-ACT
# RUN: not %qcc compile %t/gemm_c_not_constant.onnx --emit=qnn 2>&1 | %{check}=GEMM-C-INPUT
# RUN: not %qcc compile %t/gemm_c_count.onnx --emit=qnn 2>&1 | %{check}=GEMM-C-COUNT
# RUN: not %qcc compile %t/gemm_k_mismatch.onnx --emit=qnn 2>&1 | %{check}=GEMM-K
# RUN: not %qcc compile %t/matmul_k_mismatch.onnx --emit=qnn 2>&1 | %{check}=MATMUL-K
# RUN: not %qcc compile %t/matmul_b_activation_rank3.onnx --emit=qnn 2>&1 | %{check}=MATMUL-B3D
# RUN: not %qcc compile %t/add_not_broadcastable.onnx --emit=qnn 2>&1 | %{check}=ADD-BCAST
# RUN: not %qcc compile %t/add_per_axis.onnx --emit=qnn 2>&1 | %{check}=ADD-AXIS
# RUN: not %qcc compile %t/maxpool_indices.onnx --emit=qnn 2>&1 | %{check}=MAXPOOL-INDICES
# RUN: not %qcc compile %t/maxpool_storage_order.onnx --emit=qnn 2>&1 | %{check}=MAXPOOL-STORAGE
# RUN: not %qcc compile %t/maxpool_no_kernel.onnx --emit=qnn 2>&1 | %{check}=MAXPOOL-KERNEL
# RUN: not %qcc compile %t/maxpool_kernel_zero.onnx --emit=qnn 2>&1 | %{check}=MAXPOOL-KERNEL0
# RUN: not %qcc compile %t/avgpool_dilations.onnx --emit=qnn 2>&1 | %{check}=AVGPOOL-DIL
# RUN: not %qcc compile %t/avgpool_integers.onnx --emit=qnn 2>&1 | %{check}=AVGPOOL-INT
# Relu after the average pools was refused; it is a clamp of the rounded
# average (issue 8: found by the differential tester with a narrow Quant).
# RUN: %qcc compile %t/avgpool_relu.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=AVGPOOL-RELU
# RUN: %qcc compile %t/gap_relu.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GAP-RELU
# RUN: not %qcc compile %t/gap_rank5.onnx --emit=qnn 2>&1 | %{check}=GAP-RANK
# RUN: not %qcc compile %t/concat_axis.onnx --emit=qnn 2>&1 | %{check}=CONCAT-AXIS
# RUN: not %qcc compile %t/concat_rank.onnx --emit=qnn 2>&1 | %{check}=CONCAT-RANK
# RUN: not %qcc compile %t/concat_shape.onnx --emit=qnn 2>&1 | %{check}=CONCAT-SHAPE
# RUN: not %qcc compile %t/reshape_count.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-COUNT
# RUN: not %qcc compile %t/reshape_two_minus_one.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-TWO
# RUN: not %qcc compile %t/reshape_negative.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-NEG
# RUN: not %qcc compile %t/reshape_zero_past_rank.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-ZERO
# RUN: not %qcc compile %t/reshape_cannot_infer.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-INFER
# RUN: not %qcc compile %t/reshape_allowzero_infer.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-ALLOWZERO
# RUN: not %qcc compile %t/reshape_shape_not_constant.onnx --emit=qnn 2>&1 | %{check}=RESHAPE-SHAPE
# RUN: not %qcc compile %t/flatten_axis.onnx --emit=qnn 2>&1 | %{check}=FLATTEN-AXIS
# RUN: not %qcc compile %t/relu_relu.onnx --emit=qnn 2>&1 | %{check}=RELU-RELU
# RUN: not %qcc compile %t/clip_min_not_scalar.onnx --emit=qnn 2>&1 | %{check}=CLIP-SCALAR
# RUN: not %qcc compile %t/clip_min_not_constant.onnx --emit=qnn 2>&1 | %{check}=CLIP-INPUT
#
# Accepted since issue 9 (they were refusals here): layers with a float
# input or float weights, a convolution whose result is read in float,
# and a BatchNormalization on its own run in float (float-layers.py).
# RUN: %qcc compile %t/conv_weight_not_constant.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-W-INPUT
# RUN: %qcc compile %t/conv_weight_float.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-W-FLOAT
# RUN: %qcc compile %t/conv_float_input.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-X-FLOAT
# RUN: %qcc compile %t/conv_float_constant_input.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-X-CONST
# RUN: %qcc compile %t/conv_output_feeds_float_op.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-FEEDS
# RUN: %qcc compile %t/conv_relu_feeds_float_op.onnx --emit=qnn | FileCheck %s --check-prefix=CONV-RELU-FEEDS
# RUN: %qcc compile %t/bn_not_after_conv.onnx --emit=qnn | FileCheck %s --check-prefix=BN-ALONE

# CONV-W-INPUT: qnn.float_conv2d
# CONV-W-FLOAT: qnn.float_conv2d
# CONV-X-FLOAT: qnn.float_conv2d %arg0
# CONV-X-CONST: %[[XC:.*]] = arith.constant dense<1.000000e+00> : tensor<1x2x3x3xf32>
# CONV-X-CONST: qnn.float_conv2d %[[XC]]
# CONV-FEEDS: %[[C:.*]] = qnn.float_conv2d
# CONV-FEEDS-NEXT: qnn.float_unary sigmoid %[[C]]
# CONV-RELU-FEEDS: %[[C:.*]] = qnn.float_conv2d
# CONV-RELU-FEEDS-NEXT: %[[R:.*]] = qnn.float_unary relu %[[C]]
# CONV-RELU-FEEDS-NEXT: qnn.float_unary sigmoid %[[R]]
# BN-ALONE: qnn.float_binary mul
# BN-ALONE-NEXT: qnn.float_binary add

# CONV-GROUP: qcc: error: {{.*}}conv_group_mismatch.onnx: node 'conv' (Conv): weight shape [2, 2, 1, 1] does not fit 2 input channels with group=2
# CONV-CHANNELS: qcc: error: {{.*}}conv_channel_mismatch.onnx: node 'conv' (Conv): weight shape [4, 2, 1, 1] does not fit 3 input channels with group=1
# CONV-KSHAPE: qcc: error: {{.*}}conv_kernel_shape.onnx: node 'conv' (Conv): kernel_shape does not match the weight's shape
# CONV-W-I32: qcc: error: {{.*}}conv_weight_int32.onnx: node 'conv' (Conv): weight must be int8 or uint8, got int32
# CONV-W-RANK: qcc: error: {{.*}}conv_weight_rank3.onnx: node 'conv' (Conv): weight must be 4-D (F x C/group x KH x KW), got rank 3
# CONV-W-AXIS: qcc: error: {{.*}}conv_weight_axis1.onnx: node 'conv' (Conv): weights must be quantized per output channel (axis 0)
# CONV-BIAS-COUNT: qcc: error: {{.*}}conv_bias_count.onnx: node 'conv' (Conv): bias has 3 values, expected 2
# CONV-BIAS-INPUT: qcc: error: {{.*}}conv_bias_not_constant.onnx: node 'conv' (Conv): bias 'bi' must be a constant (float, or int32 behind DequantizeLinear)
# CONV-BIAS-BIG: qcc: error: {{.*}}conv_bias_overflow.onnx: node 'conv' (Conv): bias 1.000000e+09 does not fit the int32 accumulator
# CONV-RANK: qcc: error: {{.*}}conv_input_rank3.onnx: node 'conv' (Conv): a 1-D input (rank 3) needs a weight of rank 3 (F x C/group x K), got rank 4
# CONV-STRIDES: qcc: error: {{.*}}conv_strides_count.onnx: node 'conv' (Conv): strides/dilations/pads must describe 2 spatial dims
# CONV-STRIDE0: qcc: error: {{.*}}conv_stride_zero.onnx: node 'conv' (Conv): strides must be >= 1
# CONV-DIL0: qcc: error: {{.*}}conv_dilation_zero.onnx: node 'conv' (Conv): dilations must be >= 1
# CONV-PAD: qcc: error: {{.*}}conv_negative_pad.onnx: node 'conv' (Conv): pads must be >= 0
# CONV-AUTOPAD: qcc: error: {{.*}}conv_auto_pad.onnx: node 'conv' (Conv): auto_pad 'FOO' is not supported
# CONV-KFIT: qcc: error: {{.*}}conv_kernel_too_big.onnx: node 'conv' (Conv): kernel 5 does not fit input extent 3
# BN-TRAINING: qcc: error: {{.*}}bn_training_mode.onnx: node 'bn' (BatchNormalization): training_mode is not supported
# BN-COUNT: qcc: error: {{.*}}bn_count.onnx: node 'bn' (BatchNormalization): scale must have 2 values
# BN-INPUT: qcc: error: {{.*}}bn_not_constant.onnx: node 'bn' (BatchNormalization): mean 'mi' must be a constant (initializer or Constant node)
# GEMM-TRANSA: qcc: error: {{.*}}gemm_transA.onnx: node 'gemm' (Gemm): transA=1 is not supported
# GEMM-ALPHA: qcc: error: {{.*}}gemm_alpha.onnx: node 'gemm' (Gemm): alpha must be positive and finite
# GEMM-A3D: qcc: error: {{.*}}gemm_a_rank3.onnx: node 'gemm' (Gemm): A must be 2-D
# MATMUL-A1D: qcc: error: {{.*}}matmul_a_rank1.onnx: node 'mm' (MatMul): A must be at least 2-D
# GEMM-B3D: qcc: error: {{.*}}gemm_b_rank3.onnx: node 'gemm' (Gemm): B must be 2-D
# GEMM-B-AXIS: qcc: error: {{.*}}gemm_b_axis.onnx: node 'gemm' (Gemm): B must be quantized per tensor or per output column
# GEMM-TRANSB-ACT: qcc: error: {{.*}}gemm_transB_activation.onnx: node 'gemm' (Gemm): transB=1 needs a constant B
# GEMM-C-INPUT: qcc: error: {{.*}}gemm_c_not_constant.onnx: node 'gemm' (Gemm): C must be a constant (float, or int32 behind DequantizeLinear)
# GEMM-C-COUNT: qcc: error: {{.*}}gemm_c_count.onnx: node 'gemm' (Gemm): bias has 2 values, expected 3
# GEMM-K: qcc: error: {{.*}}gemm_k_mismatch.onnx: node 'gemm' (Gemm): A has K = 4 but B has 5 rows (after transB)
# MATMUL-K: qcc: error: {{.*}}matmul_k_mismatch.onnx: node 'mm' (MatMul): A has K = 16 but B has 8 rows
# MATMUL-B3D: qcc: error: {{.*}}matmul_b_activation_rank3.onnx: node 'mm' (MatMul): a non-constant B must be 2-D
# ADD-BCAST: qcc: error: {{.*}}add_not_broadcastable.onnx: node 'add' (Add): shapes are not broadcastable at dimension 1
# ADD-AXIS: qcc: error: {{.*}}add_per_axis.onnx: node 'add' (Add): inputs must be quantized per tensor
# MAXPOOL-INDICES: qcc: error: {{.*}}maxpool_indices.onnx: node 'pool' (MaxPool): the Indices output is not supported
# MAXPOOL-STORAGE: qcc: error: {{.*}}maxpool_storage_order.onnx: node 'pool' (MaxPool): storage_order=1 is not supported
# MAXPOOL-KERNEL: qcc: error: {{.*}}maxpool_no_kernel.onnx: node 'pool' (MaxPool): kernel_shape must be 2 positive values
# MAXPOOL-KERNEL0: qcc: error: {{.*}}maxpool_kernel_zero.onnx: node 'pool' (MaxPool): kernel_shape must be 2 positive values
# AVGPOOL-DIL: qcc: error: {{.*}}avgpool_dilations.onnx: node 'pool' (AveragePool): dilations are not supported for AveragePool
# AVGPOOL-INT: qcc: error: {{.*}}avgpool_integers.onnx: node 'pool' (AveragePool): AveragePool on integers needs QDQ (DequantizeLinear before, QuantizeLinear after)
# AVGPOOL-RELU: %[[P:.*]] = qnn.avg_pool2d
# AVGPOOL-RELU-NEXT: qnn.requantize %[[P]] {out_min = 0.000000e+00 : f64}
# GAP-RELU: %[[P:.*]] = qnn.global_avg_pool
# GAP-RELU-NEXT: qnn.requantize %[[P]] {out_min = 0.000000e+00 : f64}
# GAP-RANK: qcc: error: {{.*}}gap_rank5.onnx: node 'gap' (GlobalAveragePool): only 2-D (NCHW) inputs are supported
# CONCAT-AXIS: qcc: error: {{.*}}concat_axis.onnx: node 'cat' (Concat): axis is out of range
# CONCAT-RANK: qcc: error: {{.*}}concat_rank.onnx: node 'cat' (Concat): inputs have different ranks
# CONCAT-SHAPE: qcc: error: {{.*}}concat_shape.onnx: node 'cat' (Concat): input shapes differ outside the axis
# RESHAPE-COUNT: qcc: error: {{.*}}reshape_count.onnx: node 'rs' (Reshape): cannot reshape 6 elements into 8
# RESHAPE-TWO: qcc: error: {{.*}}reshape_two_minus_one.onnx: node 'rs' (Reshape): shape has more than one -1
# RESHAPE-NEG: qcc: error: {{.*}}reshape_negative.onnx: node 'rs' (Reshape): invalid shape entry -2
# RESHAPE-ZERO: qcc: error: {{.*}}reshape_zero_past_rank.onnx: node 'rs' (Reshape): shape entry 0 has no input dimension to copy
# RESHAPE-INFER: qcc: error: {{.*}}reshape_cannot_infer.onnx: node 'rs' (Reshape): cannot infer the -1 dimension
# RESHAPE-ALLOWZERO: qcc: error: {{.*}}reshape_allowzero_infer.onnx: node 'rs' (Reshape): cannot infer the -1 dimension
# RESHAPE-SHAPE: qcc: error: {{.*}}reshape_shape_not_constant.onnx: node 'rs' (Reshape): shape 'sh' must be a constant (initializer or Constant node)
# FLATTEN-AXIS: qcc: error: {{.*}}flatten_axis.onnx: node 'fl' (Flatten): axis is out of range
# RELU-RELU: qcc: error: {{.*}}relu_relu.onnx: node 'relu1' (Relu): two activations in a row are not supported
# CLIP-SCALAR: qcc: error: {{.*}}clip_min_not_scalar.onnx: node 'clip' (Clip): min must be a float scalar
# CLIP-INPUT: qcc: error: {{.*}}clip_min_not_constant.onnx: node 'clip' (Clip): min 'lo' must be a constant (initializer or Constant node)
# A Relu of a float input is now valid (float-activations.py); MaxPool of
# one is not yet.

import numpy as np

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


def finish(g, y, scale=0.1, zp=0):
    g.dq(g.q(y, scale, zp, out="yq"), scale, zp, out="out")
    g.output("out", F32)


def conv(g, wshape=(2, 2, 1, 1), xshape=(1, 2, 3, 3), wscale=0.5, axis=None,
         bias=None, **attrs):
    """DQ(x) -> Conv 'conv'(DQ(w int8 ones), [bias]); returns its output."""
    x = g.qdq_input("x", list(xshape), 0.5, 128)
    w = g.weight("w", np.ones(wshape), wscale, axis=axis)
    return g.node("Conv", [x, w] + ([bias] if bias else []), "y", name="conv",
                  **attrs)


def gemm(g, op, xshape, wshape, inputs=(), **attrs):
    x = g.qdq_input("x", list(xshape), 0.5, 128)
    w = g.weight("w", np.ones(wshape), 0.5)
    finish(g, g.node(op, [x, w] + list(inputs), "y",
                     name="gemm" if op == "Gemm" else "mm", **attrs))


@models()
def conv_weight_not_constant(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    w = g.qdq_input("wi", [2, 2, 1, 1], 0.5, 0)
    finish(g, g.node("Conv", [x, w], "y", name="conv"))


@models()
def conv_weight_float(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    g.init("wf", np.ones([2, 2, 1, 1], np.float32))
    finish(g, g.node("Conv", [x, "wf"], "y", name="conv"))


@models()
def conv_group_mismatch(g):
    finish(g, conv(g, group=2))


@models()
def conv_channel_mismatch(g):
    finish(g, conv(g, wshape=(4, 2, 1, 1), xshape=(1, 3, 3, 3)))


@models()
def conv_kernel_shape(g):
    finish(g, conv(g, kernel_shape=[3, 3]))


@models()
def conv_weight_int32(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    w = g.bias("w", np.ones(4), 0.5)
    finish(g, g.node("Conv", [x, w], "y", name="conv"))


@models()
def conv_weight_rank3(g):
    finish(g, conv(g, wshape=(2, 2, 1)))


@models()
def conv_weight_axis1(g):
    finish(g, conv(g, wscale=[0.5, 0.25], axis=1))


@models()
def conv_bias_count(g):
    finish(g, conv(g, bias=g.bias("b", [1, 2, 3], 0.25)))


@models()
def conv_bias_not_constant(g):
    g.input("bi", F32, [2])
    finish(g, conv(g, bias="bi"))


@models()
def conv_bias_overflow(g):
    # 1e9 / (0.5 * 0.5) = 4e9 > 2^31 - 1
    g.init("bf", np.array([1e9, 0], np.float32))
    finish(g, conv(g, bias="bf"))


@models()
def conv_input_rank3(g):
    x = g.qdq_input("x", [1, 2, 3], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.5)
    finish(g, g.node("Conv", [x, w], "y", name="conv"))


@models()
def conv_strides_count(g):
    finish(g, conv(g, strides=[1, 1, 1]))


@models()
def conv_stride_zero(g):
    finish(g, conv(g, strides=[0, 1]))


@models()
def conv_dilation_zero(g):
    finish(g, conv(g, dilations=[1, 0]))


@models()
def conv_negative_pad(g):
    finish(g, conv(g, pads=[0, -1, 0, 0]))


@models()
def conv_auto_pad(g):
    finish(g, conv(g, auto_pad="FOO"))


@models()
def conv_kernel_too_big(g):
    finish(g, conv(g, wshape=(2, 2, 5, 5)))


@models()
def conv_float_input(g):
    g.input("x", F32, [1, 2, 3, 3])
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.5)
    finish(g, g.node("Conv", ["x", w], "y", name="conv"))


@models()
def conv_float_constant_input(g):
    g.input("i", F32, [1])
    g.init("xc", np.ones([1, 2, 3, 3], np.float32))
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.5)
    finish(g, g.node("Conv", ["xc", w], "y", name="conv"))


@models()
def conv_output_feeds_float_op(g):
    g.node("Sigmoid", [conv(g)], "s", name="sig")
    g.output("s", F32)


@models()
def conv_relu_feeds_float_op(g):
    g.node("Sigmoid", [g.node("Relu", [conv(g)], "r")], "s", name="sig")
    g.output("s", F32)


def conv_bn(g, nparams=2, mean="m", **attrs):
    """Conv with weights [[-128, 1], [1, 1]] followed by BatchNormalization
    'bn' with gamma [-1, 1] (the first channel's mirror, -(-128), does not
    fit: it is negated, test/Import/ONNX/conv-affine.py)."""
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    w = g.weight("w", [[[[-128]], [[1]]], [[[1]], [[1]]]], 0.5)
    y = g.node("Conv", [x, w], "y", name="conv")
    g.init("gamma", np.array([-1.0, 1.0, 1.0][:nparams], np.float32))
    for name in ("beta", "m", "var"):
        g.init(name, np.ones(nparams, np.float32))
    finish(g, g.node("BatchNormalization", [y, "gamma", "beta", mean, "var"],
                     "bn", name="bn", **attrs))


@models()
def bn_training_mode(g):
    conv_bn(g, training_mode=1)


@models()
def bn_count(g):
    conv_bn(g, nparams=3)


@models()
def bn_not_constant(g):
    g.input("mi", F32, [2])
    conv_bn(g, mean="mi")


@models()
def bn_not_after_conv(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    for name in ("s", "b", "m", "v"):
        g.init(name, np.ones(2, np.float32))
    finish(g, g.node("BatchNormalization", [x, "s", "b", "m", "v"], "bn", name="bn"))


@models()
def gemm_transA(g):
    gemm(g, "Gemm", [4, 1], [4, 3], transA=1)


@models()
def gemm_alpha(g):
    gemm(g, "Gemm", [1, 4], [4, 3], alpha=-1.0)


@models()
def gemm_a_rank3(g):
    gemm(g, "Gemm", [1, 1, 4], [4, 3])


@models()
def matmul_a_rank1(g):
    gemm(g, "MatMul", [4], [4, 3])


@models()
def gemm_b_rank3(g):
    gemm(g, "Gemm", [1, 4], [1, 4, 3])


@models()
def gemm_b_axis(g):
    # transB with scales along K (axis 1 of [N, K]): not per output column.
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.weight("w", np.ones([3, 4]), [0.5] * 4, axis=1)
    finish(g, g.node("Gemm", [x, w], "y", name="gemm", transB=1))


@models()
def gemm_transB_activation(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.qdq_input("wi", [3, 4], 0.5, 0)
    finish(g, g.node("Gemm", [x, w], "y", name="gemm", transB=1))


@models()
def gemm_c_not_constant(g):
    g.input("c", F32, [3])
    gemm(g, "Gemm", [1, 4], [4, 3], inputs=["c"])


@models()
def gemm_c_count(g):
    g.init("c", np.ones(2, np.float32))
    gemm(g, "Gemm", [1, 4], [4, 3], inputs=["c"])


@models()
def gemm_k_mismatch(g):
    gemm(g, "Gemm", [1, 4], [3, 5], transB=1)


@models()
def matmul_k_mismatch(g):
    gemm(g, "MatMul", [1, 16], [8, 10])


@models()
def matmul_b_activation_rank3(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.qdq_input("wi", [1, 4, 3], 0.5, 0)
    finish(g, g.node("MatMul", [x, w], "y", name="mm"))


@models()
def add_not_broadcastable(g):
    a = g.qdq_input("a", [1, 3, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 2, 2], 0.5, 128)
    finish(g, g.node("Add", [a, b], "y", name="add"))


@models()
def add_per_axis(g):
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    c = g.weight("c", [1, 2], [0.5, 0.25], axis=0)
    finish(g, g.node("Add", [a, c], "y", name="add"))


def pool(g, op, xshape=(1, 2, 4, 4), outputs="y", then=None, **attrs):
    x = g.qdq_input("x", list(xshape), 0.5, 128)
    name = "gap" if op == "GlobalAveragePool" else "pool"
    y = g.node(op, [x], outputs, name=name, **attrs)
    y = y if isinstance(y, str) else y[0]
    if then:
        y = g.node(then, [y], "r")
    finish(g, y, 0.5, 128)


@models()
def maxpool_indices(g):
    pool(g, "MaxPool", outputs=["y", "idx"], kernel_shape=[2, 2])


@models()
def maxpool_storage_order(g):
    pool(g, "MaxPool", kernel_shape=[2, 2], storage_order=1)


@models()
def maxpool_no_kernel(g):
    pool(g, "MaxPool")


@models()
def maxpool_kernel_zero(g):
    pool(g, "MaxPool", kernel_shape=[0, 2])


@models()
def avgpool_dilations(g):
    pool(g, "AveragePool", kernel_shape=[2, 2], dilations=[2, 2])


@models()
def avgpool_integers(g):
    g.input("x", U8, [1, 2, 4, 4])
    g.node("AveragePool", ["x"], "y", name="pool", kernel_shape=[2, 2])
    g.output("y", U8)


@models()
def avgpool_relu(g):
    pool(g, "AveragePool", then="Relu", kernel_shape=[2, 2])


@models()
def gap_relu(g):
    pool(g, "GlobalAveragePool", then="Relu")


@models()
def gap_rank5(g):
    pool(g, "GlobalAveragePool", xshape=(1, 2, 2, 2, 2))


@models()
def concat_axis(g):
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    finish(g, g.node("Concat", [a, a], "y", name="cat", axis=2))


@models()
def concat_rank(g):
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    b = g.qdq_input("b", [1, 2, 1], 0.5, 128)
    finish(g, g.node("Concat", [a, b], "y", name="cat", axis=1))


@models()
def concat_shape(g):
    a = g.qdq_input("a", [1, 2], 0.5, 128)
    b = g.qdq_input("b", [2, 2], 0.5, 128)
    finish(g, g.node("Concat", [a, b], "y", name="cat", axis=1))


def reshape(g, shape, **attrs):
    """DQ(x [1, 2, 3]) -> Reshape 'rs'(x, shape) -> Q."""
    x = g.qdq_input("x", [1, 2, 3], 0.5, 128)
    if shape is not None:
        g.init("sh", np.array(shape, np.int64))
    finish(g, g.node("Reshape", [x, "sh"], "y", name="rs", **attrs), 0.5, 128)


@models()
def reshape_count(g):
    reshape(g, [4, 2])


@models()
def reshape_two_minus_one(g):
    reshape(g, [-1, -1])


@models()
def reshape_negative(g):
    reshape(g, [-2, 3])


@models()
def reshape_zero_past_rank(g):
    reshape(g, [0, 0, 0, 0])


@models()
def reshape_cannot_infer(g):
    reshape(g, [4, -1])


@models()
def reshape_allowzero_infer(g):
    # allowzero: 0 is a real 0, so -1 cannot be inferred.
    reshape(g, [2, 0, -1], allowzero=1)


@models()
def reshape_shape_not_constant(g):
    # 'sh' is the dequantized view of an int8 constant, not a constant.
    g.init("shq", np.array([6, 1], np.int8))
    g.dq("shq", 1.0, 0, I8, out="sh")
    reshape(g, None)


@models()
def flatten_axis(g):
    x = g.qdq_input("x", [1, 2, 3], 0.5, 128)
    finish(g, g.node("Flatten", [x], "y", name="fl", axis=4), 0.5, 128)


@models()
def relu_relu(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    finish(g, g.node("Relu", [g.node("Relu", [x], "r1", name="relu1")], "r2"))


@models()
def clip_min_not_scalar(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.init("lo", np.zeros([2], np.float32))
    finish(g, g.node("Clip", [x, "lo"], "c", name="clip"))


@models()
def clip_min_not_constant(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.input("lo", F32, [])
    finish(g, g.node("Clip", [x, "lo"], "c", name="clip"))


models.main()
