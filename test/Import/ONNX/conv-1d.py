# 1-D Conv, ConvTranspose, MaxPool, AveragePool, QLinearConv and
# ConvInteger (issue 9; lib/Import/ONNX/Lift1D.cpp): the 2-D node of
# height 1. The N x C x L input is reshaped to N x C x 1 x L (qnn.reshape),
# [F, C, K] weights get a unit height at compile time, the attributes gain
# a leading height entry (strides [s] -> [1, s], pads [b, e] ->
# [0, b, 0, e], kernel_shape [k] -> [1, k]), and the 2-D handler imports
# it with everything it fuses (batch norms, Relu/Clip, quantizers); every
# tensor it binds is reshaped back. Numerics: the ONNX node tests
# test/conformance/{maxpool,averagepool,convtranspose}_1d*.test and
# test/e2e/conv1d_kws.test (a QDQ keyword-spotting net, exact).
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/qdq_conv_relu.onnx --emit=qnn | FileCheck %s --check-prefix=QDQ
# RUN: %qcc compile %t/qdq_maxpool.onnx --emit=qnn | FileCheck %s --check-prefix=POOL
# RUN: %qcc compile %t/qlinearconv.onnx --emit=qnn | FileCheck %s --check-prefix=QOP
# RUN: %qcc compile %t/qdq_gap.onnx --emit=qnn | FileCheck %s --check-prefix=GAP
# RUN: %qcc compile %t/qonnx_mul_add.onnx --emit=qnn | FileCheck %s --check-prefix=MULADD
# RUN: not %qcc compile %t/qonnx_act_per_channel.onnx --emit=qnn 2>&1 | %{err}=ACTPC
# RUN: not %qcc compile %t/strides_two.onnx --emit=qnn 2>&1 | %{err}=STRIDES
# RUN: not %qcc compile %t/pads_four.onnx --emit=qnn 2>&1 | %{err}=PADS
# RUN: not %qcc compile %t/conv_3d.onnx --emit=qnn 2>&1 | %{err}=THREED

# Kernel 3, stride 2, dilation 2, pads 2 and 1; the Relu and the quantizer
# fused as for a 2-D Conv; the quantized result reshaped back.
# QDQ: %[[X:.*]] = qnn.reshape %{{.*}} : tensor<1x2x9x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x1x9x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QDQ: %[[W:.*]] = qnn.constant {{.*}} : tensor<3x2x1x3xi8> : tensor<3x2x1x3x!qnn.q<i8, scale = 0.25, zp = 0>>
# QDQ: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]] {dilations = array<i64: 1, 2>, groups = 1 : i64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 2, 0, 1>, strides = array<i64: 1, 2>} : {{.*}} -> tensor<1x3x1x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
# QDQ: %[[R:.*]] = qnn.reshape %[[Y]] : tensor<1x3x1x4x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x3x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
# QDQ: qnn.dequantize %[[R]]

# MaxPool kernel 3, stride 2, pads 1, ceil_mode on the codes.
# POOL: %[[X:.*]] = qnn.reshape %{{.*}} -> tensor<1x2x1x8x!qnn.q<ui8, scale = 0.5, zp = 128>>
# POOL: %[[Y:.*]] = qnn.max_pool2d %[[X]] {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 1, 3>, pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 1, 2>} : {{.*}} -> tensor<1x2x1x5x!qnn.q<ui8, scale = 0.5, zp = 128>>
# POOL: qnn.reshape %[[Y]] : tensor<1x2x1x5x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x5x!qnn.q<ui8, scale = 0.5, zp = 128>>

# ONNX Runtime's QOperator form of a 1-D convolution.
# QOP: %[[X:.*]] = qnn.reshape %{{.*}} -> tensor<1x2x1x6x!qnn.q<ui8, scale = 1.0, zp = 0>>
# QOP: %[[C:.*]] = qnn.storage_cast %[[X]] : {{.*}} -> tensor<1x2x1x6x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QOP: qnn.conv2d %[[C]], %{{.*}} : {{.*}} -> tensor<1x4x1x4x!qnn.q<ui8, scale = 2.0, zp = 3>>
# QOP: qnn.reshape {{.*}} -> tensor<1x4x4x!qnn.q<ui8, scale = 2.0, zp = 3>>

# GlobalAveragePool of N x C x L: N x C x 1.
# GAP: %[[X:.*]] = qnn.reshape %{{.*}} -> tensor<1x3x1x7x!qnn.q<ui8, scale = 0.5, zp = 128>>
# GAP: %[[Y:.*]] = qnn.global_avg_pool %[[X]] {{.*}} -> tensor<1x3x1x1x!qnn.q<ui8, scale = 0.25, zp = 128>>
# GAP: qnn.reshape %[[Y]] : {{.*}} -> tensor<1x3x1x!qnn.q<ui8, scale = 0.25, zp = 128>>

# QONNX (Brevitas QuantConv1d): a batch norm written as Mul and Add by
# [C, 1] constants (rank-3 broadcasting, a negative gamma) is folded into
# the integer convolution as for a 2-D one (regression: read with rank 4,
# the constants did not broadcast per channel and the Conv ran in float).
# MULADD: %[[Y:.*]] = qnn.conv2d %{{.*}}, %{{.*}}, %{{.*}} {{{.*}}negated_channels = array<i1: false, true, false, false>{{.*}}} : {{.*}} -> tensor<1x4x1x10x!qnn.q<ui4, scale = 0.25, zp = 0>>
# MULADD-NEXT: qnn.reshape %[[Y]] : {{.*}} -> tensor<1x4x10x!qnn.q<ui4, scale = 0.25, zp = 0>>
# MULADD-NOT: float_binary

# Per-channel activation scales [1, C, 1] are read with the graph's rank
# (regression: "the extent of axis 2 is unknown").
# ACTPC: qcc: error: {{.*}}qonnx_act_per_channel.onnx: node 'qout' (Quant): activations must be quantized per tensor (one scale and zero point for all channels)

# STRIDES: qcc: error: {{.*}}strides_two.onnx: node 'conv' (Conv): strides has 2 values; a 1-D node has 1
# PADS: qcc: error: {{.*}}pads_four.onnx: node 'pool' (MaxPool): pads has 4 values; a 1-D node has 2 (begin, end)
# THREED: qcc: error: {{.*}}conv_3d.onnx: node 'conv' (Conv): only 2-D (NCHW) inputs are supported, got rank 5

import numpy as np
from onnx import TensorProto, helper

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


@models()
def qdq_conv_relu(g):
    x = g.qdq_input("x", [1, 2, 9], 0.5, 128)
    w = g.weight("w", np.arange(18).reshape(3, 2, 3) % 5 - 2, 0.25)
    g.node("Conv", [x, w], "y", name="conv", kernel_shape=[3], strides=[2],
           dilations=[2], pads=[2, 1])
    g.node("Relu", ["y"], "r", name="relu")
    g.output(g.dq(g.q("r", 1.0, 0), 1.0, 0), F32)


@models()
def qdq_maxpool(g):
    x = g.qdq_input("x", [1, 2, 8], 0.5, 128)
    g.node("MaxPool", [x], "y", name="pool", kernel_shape=[3], strides=[2],
           pads=[1, 1], ceil_mode=1)
    g.output(g.dq(g.q("y", 0.5, 128), 0.5, 128), F32)


@models()
def qlinearconv(g):
    g.input("x", U8, [1, 2, 6])
    g.init("w", (np.arange(24).reshape(4, 2, 3) % 7 - 3).astype(np.int8))
    for n, v, t in (("xs", 0.5, np.float32), ("xz", 128, np.uint8),
                    ("ws", 0.25, np.float32), ("wz", 0, np.int8),
                    ("ys", 2.0, np.float32), ("yz", 3, np.uint8)):
        g.init(n, np.array(v, t))
    g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"],
           "y", name="conv")
    g.output("y", U8)


@models()
def qdq_gap(g):
    x = g.qdq_input("x", [1, 3, 7], 0.5, 128)
    g.node("GlobalAveragePool", [x], "y", name="gap")
    g.output(g.dq(g.q("y", 0.25, 128), 0.25, 128), F32)


def qonnx_quant(g, x, scale, bits, out, signed=1):
    n = out + "_q"
    g.init(n + "_s", np.asarray(scale, np.float32))
    g.init(n + "_z", np.zeros(np.shape(scale), np.float32))
    g.init(n + "_b", np.array(bits, np.float32))
    g.node("Quant", [x, n + "_s", n + "_z", n + "_b"], out, name=out,
           domain="qonnx.custom_op.general", signed=signed, narrow=0,
           rounding_mode="ROUND")
    return out


def qonnx_conv1d(g, act_scale):
    g.opsets.append(helper.make_opsetid("qonnx.custom_op.general", 1))
    g.input("x", F32, [1, 3, 10])
    xq = qonnx_quant(g, "x", 0.125, 8, "xq")
    g.init("w", np.random.default_rng(0).standard_normal((4, 3, 3))
           .astype(np.float32))
    wq = qonnx_quant(g, "w", np.full((4, 1, 1), 0.05), 4, "wq")
    g.node("Conv", [xq, wq], "y", name="conv", kernel_shape=[3], pads=[1, 1])
    return "y"


@models(opset=11)
def qonnx_mul_add(g):
    y = qonnx_conv1d(g, 0.25)
    g.init("k", np.array([0.5, -1.0, 2.0, 1.5], np.float32).reshape(4, 1))
    g.init("c", np.array([0.1, 0.2, -0.3, 0.0], np.float32).reshape(4, 1))
    g.node("Mul", [y, "k"], "m", name="mul")
    g.node("Add", ["m", "c"], "a", name="add")
    g.node("Relu", ["a"], "r", name="relu")
    g.output(qonnx_quant(g, "r", 0.25, 4, "qout", signed=0), F32)


@models(opset=11)
def qonnx_act_per_channel(g):
    y = qonnx_conv1d(g, 0.25)
    g.node("Relu", [y], "r", name="relu")
    g.output(qonnx_quant(g, "r", np.full((1, 4, 1), 0.25), 4, "qout",
                         signed=0), F32)


@models()
def strides_two(g):
    g.input("x", F32, [1, 2, 5])
    g.init("wf", np.ones([4, 2, 3], np.float32))
    g.node("Conv", ["x", "wf"], "y", name="conv", strides=[1, 1])
    g.output("y", F32)


@models()
def pads_four(g):
    g.input("x", F32, [1, 2, 5])
    g.node("MaxPool", ["x"], "y", name="pool", kernel_shape=[2],
           pads=[0, 0, 0, 0])
    g.output("y", F32)


@models()
def conv_3d(g):
    g.input("x", F32, [1, 2, 3, 3, 3])
    g.init("wf", np.ones([4, 2, 1, 1, 1], np.float32))
    g.node("Conv", ["x", "wf"], "y", name="conv")
    g.output("y", F32)


models.main()
