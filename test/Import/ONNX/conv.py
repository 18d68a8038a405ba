# QDQ Conv: DQ(x) -> Conv(DQ(w int8), DQ(b int32)) [-> Relu/Clip] -> Q
# becomes one qnn.conv2d with the output quantization of the Q.
#
# RUN: %python %s %t.relu.onnx relu && %qcc compile %t.relu.onnx --emit=qnn | FileCheck %s --check-prefix=RELU
# RUN: %python %s %t.clip.onnx clip && %qcc compile %t.clip.onnx --emit=qnn | FileCheck %s --check-prefix=CLIP
# RUN: %python %s %t.clipmax.onnx clipmax && %qcc compile %t.clipmax.onnx --emit=qnn | FileCheck %s --check-prefix=CLIPMAX
# RUN: %python %s %t.attrs.onnx attrs && %qcc compile %t.attrs.onnx --emit=qnn | FileCheck %s --check-prefix=ATTRS
# RUN: %python %s %t.group.onnx group && %qcc compile %t.group.onnx --emit=qnn | FileCheck %s --check-prefix=GROUP
# RUN: %python %s %t.dw.onnx depthwise && %qcc compile %t.dw.onnx --emit=qnn | FileCheck %s --check-prefix=DW
# RUN: %python %s %t.su.onnx SAME_UPPER && %qcc compile %t.su.onnx --emit=qnn | FileCheck %s --check-prefix=SAME-UPPER
# RUN: %python %s %t.sl.onnx SAME_LOWER && %qcc compile %t.sl.onnx --emit=qnn | FileCheck %s --check-prefix=SAME-LOWER
# RUN: %python %s %t.valid.onnx VALID && %qcc compile %t.valid.onnx --emit=qnn | FileCheck %s --check-prefix=VALID
# RUN: %python %s %t.fbias.onnx float_bias && %qcc compile %t.fbias.onnx --emit=qnn | FileCheck %s --check-prefix=FBIAS
# RUN: %python %s %t.sbias.onnx bias_scalar_scale && %qcc compile %t.sbias.onnx --emit=qnn | FileCheck %s --check-prefix=SBIAS
# RUN: %python %s %t.u8w.onnx u8_weight && %qcc compile %t.u8w.onnx --emit=qnn | FileCheck %s --check-prefix=U8W

# x: Q(scale 0.5, zp 128) -> DQ; w: int8 [3,2,3,3] = -27..26 (54 values, so
# printed inline), per-channel scales [0.25, 0.125, 0.0625]; b: int32 in
# units of 0.5 * w_scale, so the integer bias is unchanged; output Q(0.1, 0)
# (0.1 is not a binary32 value: printed 0.100000001).
# RELU-LABEL: func.func @forward(%arg0: tensor<1x2x5x5xf32> {qcc.name = "x"}) -> (tensor<1x3x5x5xf32> {qcc.name = "out"})
# RELU: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x5x5xf32> -> tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 128>>
# RELU: %[[B:.*]] = arith.constant dense<[10, -20, 30]> : tensor<3xi32>
# RELU: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}-27, -26, -25], [-24, -23, -22], [-21, -20, -19]], {{\[\[}}-18, -17, -16], [-15, -14, -13], [-12, -11, -10]]], {{\[\[\[}}-9, -8, -7], [-6, -5, -4], [-3, -2, -1]], {{\[\[}}0, 1, 2], [3, 4, 5], [6, 7, 8]]], {{\[\[\[}}9, 10, 11], [12, 13, 14], [15, 16, 17]], {{\[\[}}18, 19, 20], [21, 22, 23], [24, 25, 26]]]]> : tensor<3x2x3x3xi8> : tensor<3x2x3x3x!qnn.q<i8, axis = 0, scale = [0.25, 0.125, 0.0625], zp = [0, 0, 0]>>
# RELU: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, out_min = 0.000000e+00 : f64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
# RELU-SAME: -> tensor<1x3x5x5x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# RELU-NOT: out_max
# RELU: %[[O:.*]] = qnn.dequantize %[[Y]] : tensor<1x3x5x5x!qnn.q<ui8, scale = 0.100000001, zp = 0>> -> tensor<1x3x5x5xf32>
# RELU: return %[[O]]
# RELU-NOT: qnn.

# Clip(min = -1, max = 6) given as inputs (opset 13); no bias.
# CLIP: qnn.conv2d %{{.*}}, %{{[^,]*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 6.000000e+00 : f64, out_min = -1.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# CLIP-SAME: -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.0500000007, zp = 20>>

# Clip with the min input left empty: only out_max.
# CLIPMAX: qnn.conv2d
# CLIPMAX-NOT: out_min
# CLIPMAX-SAME: out_max = 6.000000e+00 : f64
# CLIPMAX-NOT: out_min
# CLIPMAX-SAME: -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# strides [2,1], dilations [1,2], asymmetric pads [top 1, left 2, bottom 0,
# right 1] on 7x9 with a 3x3 kernel, per-tensor weight scale:
#   H = (7 + 1 + 0 - 3) / 2 + 1 = 3,  W = (9 + 2 + 1 - 5) / 1 + 1 = 8.
# ATTRS: qnn.conv2d %{{.*}}, %{{[^,]*}} {dilations = array<i64: 1, 2>, groups = 1 : i64, pads = array<i64: 1, 2, 0, 1>, strides = array<i64: 2, 1>}
# ATTRS-SAME: (tensor<1x2x7x9x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<3x2x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x3x3x8x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# group = 2: 4 input channels, weight [6, 2, 1, 1].
# GROUP: qnn.constant dense<{{\[\[\[\[}}0]], {{\[\[}}1]]], {{\[\[\[}}2]], {{\[\[}}3]]], {{\[\[\[}}4]], {{\[\[}}5]]], {{\[\[\[}}6]], {{\[\[}}7]]], {{\[\[\[}}8]], {{\[\[}}9]]], {{\[\[\[}}10]], {{\[\[}}11]]]]> : tensor<6x2x1x1xi8> : tensor<6x2x1x1x!qnn.q<i8, axis = 0, scale = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], zp = [0, 0, 0, 0, 0, 0]>>
# GROUP: qnn.conv2d {{.*}}groups = 2 : i64
# GROUP-SAME: -> tensor<1x6x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# depthwise: group = C = 3, weight [3, 1, 3, 3], pads 1, per-channel bias.
# DW: %[[B:.*]] = arith.constant dense<[1, 2, 3]> : tensor<3xi32>
# DW: %[[W:.*]] = qnn.constant {{.*}} : tensor<3x1x3x3xi8> : tensor<3x1x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125], zp = [0, 0, 0]>>
# DW: qnn.conv2d %{{.*}}, %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 3 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
# DW-SAME: -> tensor<1x3x5x5x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# auto_pad on 6x6, kernel 3, stride 2: output 3x3, total padding
# (3 - 1) * 2 + 3 - 6 = 1: SAME_UPPER puts it at the end, SAME_LOWER at the
# beginning; VALID has no padding, (6 - 3) / 2 + 1 = 2.
# SAME-UPPER: qnn.conv2d {{.*}}pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>}
# SAME-UPPER-SAME: -> tensor<1x3x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# SAME-LOWER: qnn.conv2d {{.*}}pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>}
# SAME-LOWER-SAME: -> tensor<1x3x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# VALID: qnn.conv2d {{.*}}pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
# VALID-SAME: -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# A float bias [1.0, -0.5, 0.1] in units of 0.5 * w_scale = [0.125, 0.0625,
# 0.03125] is [8, -8, 3.2]: 3.2 is no integer at any shift up to 16, and the
# largest accumulator (filter 2: sum |9..26| = 315, times |x - 128| <= 128,
# = 40320) leaves room for 15 bits: bias_shift 15, [8, -8, 3.2] * 2^15.
# FBIAS: %[[B:.*]] = arith.constant dense<[262144, -262144, 104858]> : tensor<3xi32>
# FBIAS: qnn.conv2d %{{.*}}, %{{.*}}, %[[B]] {bias_shift = 15 : i64

# An int32 bias DQ with one scale (0.0625) for per-channel weights: the real
# bias 16 * 0.0625 = 1.0 (-1.0) is requantized per channel with
# 0.5 * [0.25, 0.125, 0.0625]: [8, 16, -32].
# SBIAS: %[[B:.*]] = arith.constant dense<[8, 16, -32]> : tensor<3xi32>
# SBIAS: qnn.conv2d %{{.*}}, %{{.*}}, %[[B]]

# int8 activations (zp -3 in, -5 out) and uint8 weights with zp 128
# (100..153; the storage is i8, so 128.. print as -128..).
# U8W: qnn.quantize %arg0 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = -3>>
# U8W: qnn.constant dense<{{\[\[\[\[}}100, 101, 102], {{.*}}, [124, 125, 126]], {{\[\[}}127, -128, -127], {{.*}} : tensor<3x2x3x3xi8> : tensor<3x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 128>>
# U8W: qnn.conv2d
# U8W-SAME: -> tensor<1x3x2x2x!qnn.q<i8, scale = 0.100000001, zp = -5>>
# U8W: qnn.dequantize %{{.*}} : tensor<1x3x2x2x!qnn.q<i8, scale = 0.100000001, zp = -5>> -> tensor<1x3x2x2xf32>

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
W54 = np.arange(54).reshape(3, 2, 3, 3) - 27
PC = [0.25, 0.125, 0.0625]


def finish(y, scale=0.1, zp=0, dtype=U8):
    q = g.q(y, scale, zp, dtype, out="yq")
    g.dq(q, scale, zp, dtype, out="out")
    g.output("out", F32)


if variant == "relu":
    x = g.qdq_input("x", [1, 2, 5, 5], 0.5, 128)
    w = g.weight("w", W54, PC, axis=0)
    b = g.bias("b", [10, -20, 30], [0.125, 0.0625, 0.03125])
    y = g.node("Conv", [x, w, b], "y", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    finish(g.node("Relu", [y], "r"))
elif variant == "clip":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", W54, PC, axis=0)
    y = g.node("Conv", [x, w], "y", kernel_shape=[3, 3])
    g.init("lo", np.float32(-1))
    g.init("hi", np.float32(6))
    finish(g.node("Clip", [y, "lo", "hi"], "c"), 0.05, 20)
elif variant == "clipmax":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", W54, PC, axis=0)
    y = g.node("Conv", [x, w], "y")
    g.init("hi", np.float32(6))
    finish(g.node("Clip", [y, "", "hi"], "c"))
elif variant == "attrs":
    x = g.qdq_input("x", [1, 2, 7, 9], 0.5, 128)
    w = g.weight("w", W54, 0.25)
    finish(g.node("Conv", [x, w], "y", strides=[2, 1], dilations=[1, 2],
                  pads=[1, 2, 0, 1]))
elif variant == "group":
    x = g.qdq_input("x", [1, 4, 3, 3], 0.5, 128)
    w = g.weight("w", np.arange(12).reshape(6, 2, 1, 1), [0.5] * 6, axis=0)
    finish(g.node("Conv", [x, w], "y", group=2))
elif variant == "depthwise":
    x = g.qdq_input("x", [1, 3, 5, 5], 0.5, 128)
    w = g.weight("w", np.arange(27).reshape(3, 1, 3, 3) - 13, [0.5, 0.25, 0.125],
                 axis=0)
    b = g.bias("b", [1, 2, 3], [0.25, 0.125, 0.0625])
    finish(g.node("Conv", [x, w, b], "y", group=3, pads=[1, 1, 1, 1]))
elif variant in ("SAME_UPPER", "SAME_LOWER", "VALID"):
    x = g.qdq_input("x", [1, 2, 6, 6], 0.5, 128)
    w = g.weight("w", W54, 0.25)
    finish(g.node("Conv", [x, w], "y", strides=[2, 2], auto_pad=variant))
elif variant == "float_bias":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", W54, PC, axis=0)
    g.init("b", np.array([1.0, -0.5, 0.1], np.float32))
    finish(g.node("Conv", [x, w, "b"], "y"))
elif variant == "bias_scalar_scale":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    w = g.weight("w", W54, PC, axis=0)
    b = g.bias("b", [16, 16, -16], 0.0625)
    finish(g.node("Conv", [x, w, b], "y"))
elif variant == "u8_weight":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, -3, I8)
    w = g.weight("w", np.arange(54).reshape(3, 2, 3, 3) + 100, 0.25, 128, U8)
    finish(g.node("Conv", [x, w], "y"), 0.1, -5, I8)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
