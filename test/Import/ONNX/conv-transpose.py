# ConvTranspose (issue 9) as a convolution: the input with stride - 1 zeros
# (the zero point's code) after every value (qnn.reshape, qnn.pad,
# qnn.reshape), the pads of the convolution (d (K - 1) less the
# ConvTranspose's; qnn.slice where that is negative), the weights flipped
# with their channel axes swapped at compile time, then the Conv import:
# qnn.conv2d where input, weights and result are quantized,
# qnn.float_conv2d otherwise. Numerics: the 8 ONNX node tests
# (test/conformance/convtranspose*.test) and test/e2e/convtranspose_qdq.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/qdq_stride2.onnx --emit=qnn | FileCheck %s --check-prefix=QDQ
# RUN: %qcc compile %t/float_crop.onnx --emit=qnn | FileCheck %s --check-prefix=CROP
# RUN: %qcc compile %t/grouped_axis1.onnx --emit=qnn | FileCheck %s --check-prefix=GROUP
# RUN: not %qcc compile %t/runtime_weight.onnx --emit=qnn 2>&1 | %{err}=RUNTIME-W
# RUN: %qcc compile %t/conv_transpose_1d.onnx --emit=qnn | FileCheck %s --check-prefix=RANK
# RUN: not %qcc compile %t/bad_auto_pad.onnx --emit=qnn 2>&1 | %{err}=AUTOPAD
# RUN: not %qcc compile %t/no_output.onnx --emit=qnn 2>&1 | %{err}=EMPTY
# RUN: not %qcc compile %t/channels.onnx --emit=qnn 2>&1 | %{err}=CHANNELS

# Input 1x1x2x2 (zero point 128), weights [C=1, M=2, 2, 2] = [[1, 2], [3, 4]]
# and [[5, 6], [7, 8]], stride 2: zeros (code 128) after every value, no
# padding (K - 1 - 0 = 1 each side, less the one trailing zero row), and
# each filter turned 180 degrees: [[4, 3], [2, 1]], [[8, 7], [6, 5]].
# QDQ: %[[R:.*]] = qnn.reshape %{{.*}} -> tensor<1x1x2x1x2x1x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QDQ-NEXT: %[[P:.*]] = qnn.pad %[[R]] {high = array<i64: 0, 0, 0, 1, 0, 1>, low = array<i64: 0, 0, 0, 0, 0, 0>, value = 128 : i64} : tensor<1x1x2x1x2x1x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x1x2x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QDQ-NEXT: %[[U:.*]] = qnn.reshape %[[P]] : {{.*}} -> tensor<1x1x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QDQ-NEXT: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}4, 3], [2, 1]]], {{\[\[\[}}8, 7], [6, 5]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>
# QDQ-NEXT: qnn.conv2d %[[U]], %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : {{.*}} -> tensor<1x2x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>

# Kernel 1, pads 1 on every side: the convolution's pads would be -1, so
# the input (3x3, stride 1: no zeros) is sliced to its middle value.
# CROP: %[[S:.*]] = qnn.slice %arg0 {starts = array<i64: 0, 0, 1, 1>, steps = array<i64: 1, 1, 1, 1>} : tensor<1x1x3x3xf32> -> tensor<1x1x1x1xf32>
# CROP-NEXT: %[[W:.*]] = arith.constant dense<2.000000e+00> : tensor<1x1x1x1xf32>
# CROP-NEXT: qnn.float_conv2d %[[S]], %[[W]] {{.*}}pads = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x1x1x1xf32>

# group 2, weights [C=2, M/group=2, 1, 1] per channel along axis 1 (scales
# 0.25, 0.5): the conv's weights [M=4, C/group=1, 1, 1] have the scales of
# m = 0, 1 in both groups.
# GROUP: qnn.conv2d {{.*}}groups = 2{{.*}}tensor<4x1x1x1x!qnn.q<i8, axis = 0, scale = [0.25, 0.5, 0.25, 0.5], zp = [0, 0, 0, 0]>>

# RUNTIME-W: qcc: error: {{.*}}runtime_weight.onnx: node 'up' (ConvTranspose): weight 'wi' must be a constant (float, or behind DequantizeLinear)
# A 1-D ConvTranspose is the 2-D one of height 1 (conv-1d.py): kernel 2,
# pads 1 at both ends of the width only.
# RANK: %[[X:.*]] = qnn.reshape %arg0 : tensor<1x1x4xf32> -> tensor<1x1x1x4xf32>
# RANK: %[[Y:.*]] = qnn.float_conv2d %[[X]], %{{.*}} {{{.*}}pads = array<i64: 0, 1, 0, 1>{{.*}}} : (tensor<1x1x1x4xf32>, tensor<1x1x1x2xf32>) -> tensor<1x1x1x5xf32>
# RANK-NEXT: qnn.reshape %[[Y]] : tensor<1x1x1x5xf32> -> tensor<1x1x5xf32>
# AUTOPAD: qcc: error: {{.*}}bad_auto_pad.onnx: node 'up' (ConvTranspose): auto_pad 'SAME' is not supported
# EMPTY: qcc: error: {{.*}}no_output.onnx: node 'up' (ConvTranspose): the output would have 0 rows along spatial axis 0
# CHANNELS: qcc: error: {{.*}}channels.onnx: node 'up' (ConvTranspose): weight shape [3, 1, 1, 1] does not fit 2 input channels

import numpy as np

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


@models()
def qdq_stride2(g):
    x = g.qdq_input("x", [1, 1, 2, 2], 0.5, 128)
    w = g.weight("w", np.arange(1, 9).reshape(1, 2, 2, 2), 0.25)
    y = g.node("ConvTranspose", [x, w], "y", name="up", strides=[2, 2])
    g.output(g.dq(g.q(y, 1.0, 0), 1.0, 0), F32)


@models()
def float_crop(g):
    g.input("x", F32, [1, 1, 3, 3])
    g.init("wf", np.full([1, 1, 1, 1], 2.0, np.float32))
    g.node("ConvTranspose", ["x", "wf"], "y", name="up", pads=[1, 1, 1, 1])
    g.output("y", F32)


@models()
def grouped_axis1(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), [0.25, 0.5], zp=np.zeros(2, np.int8),
                 axis=1)
    y = g.node("ConvTranspose", [x, w], "y", name="up", group=2)
    g.output(g.dq(g.q(y, 1.0, 0), 1.0, 0), F32)


@models()
def runtime_weight(g):
    g.input("x", F32, [1, 1, 2, 2])
    g.input("wi", F32, [1, 1, 2, 2])
    g.node("ConvTranspose", ["x", "wi"], "y", name="up")
    g.output("y", F32)


@models()
def conv_transpose_1d(g):
    g.input("x", F32, [1, 1, 4])
    g.init("wf", np.ones([1, 1, 2], np.float32))
    g.node("ConvTranspose", ["x", "wf"], "y", name="up")
    g.output("y", F32)


@models()
def bad_auto_pad(g):
    g.input("x", F32, [1, 1, 2, 2])
    g.init("wf", np.ones([1, 1, 2, 2], np.float32))
    g.node("ConvTranspose", ["x", "wf"], "y", name="up", auto_pad="SAME")
    g.output("y", F32)


@models()
def no_output(g):
    g.input("x", F32, [1, 1, 1, 1])
    g.init("wf", np.ones([1, 1, 1, 1], np.float32))
    g.node("ConvTranspose", ["x", "wf"], "y", name="up", pads=[1, 0, 0, 0])
    g.output("y", F32)


@models()
def channels(g):
    g.input("x", F32, [1, 2, 2, 2])
    g.init("wf", np.ones([3, 1, 1, 1], np.float32))
    g.node("ConvTranspose", ["x", "wf"], "y", name="up")
    g.output("y", F32)


models.main()
