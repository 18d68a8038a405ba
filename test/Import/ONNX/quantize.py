# QuantizeLinear / DequantizeLinear handling: Q -> DQ -> Q requantizes (or
# is a no-op with equal parameters), Q of a float constant is folded
# (round half to even, saturating), a standalone Relu between DQ and Q is a
# clamping requantize, and a float tensor quantized twice gets a requantize.
#
# RUN: %python %s %t.rq.onnx requant && %qcc compile %t.rq.onnx --emit=qnn | FileCheck %s --check-prefix=REQUANT
# RUN: %python %s %t.fw.onnx float_weight && %qcc compile %t.fw.onnx --emit=qnn | FileCheck %s --check-prefix=FWEIGHT
# RUN: %python %s %t.relu.onnx relu && %qcc compile %t.relu.onnx --emit=qnn | FileCheck %s --check-prefix=RELU
# RUN: %python %s %t.twoq.onnx two_q && %qcc compile %t.twoq.onnx --emit=qnn | FileCheck %s --check-prefix=TWOQ

# x -> Q(0.5, 128, u8) -> DQ -> Q(0.25, -3, i8) -> DQ -> Q(0.25, -3, i8) ->
# int8 output: one requantize, the second Q has the same parameters.
# REQUANT: func.func @forward(%arg0: tensor<1x4xf32> {qcc.name = "x"}) -> (tensor<1x4xsi8> {qcc.name = "q3"})
# REQUANT-NEXT: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# REQUANT-NEXT: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -3>>
# REQUANT-NEXT: %[[O:.*]] = qnn.storage_cast %[[R]] : tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -3>> -> tensor<1x4xsi8>
# REQUANT-NEXT: return %[[O]]

# Float weights [1.0, -0.5, 0.375, 0.625 | 0.3, 2.0, -0.375, 100] quantized
# per channel with scales [0.25, 0.125] (zp 0):
#   [4, -2, round(1.5) = 2, round(2.5) = 2 | round(2.4) = 2, 16, -3, 800 -> 127]
# FWEIGHT: qnn.constant dense<{{\[\[\[\[}}4, -2], [2, 2]]], {{\[\[\[}}2, 16], [-3, 127]]]]> : tensor<2x1x2x2xi8> : tensor<2x1x2x2x!qnn.q<i8, axis = 0, scale = [0.25, 0.125], zp = [0, 0]>>
# FWEIGHT: qnn.conv2d

# RELU: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# RELU-NEXT: %[[R:.*]] = qnn.requantize %[[Q]] {out_min = 0.000000e+00 : f64} : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 0>>
# RELU-NEXT: qnn.dequantize %[[R]] : tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 0>> -> tensor<1x4xf32>

# A Conv output read by two QuantizeLinear nodes (uint8 0.1 and int8 0.2):
# the conv produces the first, a requantize the second.
# TWOQ: func.func @forward(%arg0: tensor<1x2x2x2xf32> {qcc.name = "x"}) -> (tensor<1x1x2x2xui8> {qcc.name = "qa"}, tensor<1x1x2x2xsi8> {qcc.name = "qb"})
# TWOQ: %[[Y:.*]] = qnn.conv2d {{.*}} -> tensor<1x1x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
# TWOQ-NEXT: %[[R:.*]] = qnn.requantize %[[Y]] : tensor<1x1x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>> -> tensor<1x1x2x2x!qnn.q<i8, scale = 0.200000003, zp = -1>>
# TWOQ-DAG: %[[A:.*]] = qnn.storage_cast %[[Y]] : tensor<1x1x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>> -> tensor<1x1x2x2xui8>
# TWOQ-DAG: %[[B:.*]] = qnn.storage_cast %[[R]] : tensor<1x1x2x2x!qnn.q<i8, scale = 0.200000003, zp = -1>> -> tensor<1x1x2x2xsi8>
# TWOQ: return %[[A]], %[[B]]

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
if variant == "requant":
    g.input("x", F32, [1, 4])
    q1 = g.q("x", 0.5, 128, U8, out="q1")
    d1 = g.dq(q1, 0.5, 128, U8, out="d1")
    q2 = g.q(d1, 0.25, -3, I8, out="q2")
    d2 = g.dq(q2, 0.25, -3, I8, out="d2")
    g.q(d2, 0.25, -3, I8, out="q3")
    g.output("q3", I8)
elif variant == "float_weight":
    x = g.qdq_input("x", [1, 1, 2, 2], 0.5, 128)
    g.init("wf", np.array([[[[1.0, -0.5], [0.375, 0.625]]],
                           [[[0.3, 2.0], [-0.375, 100.0]]]], np.float32))
    wq = g.q("wf", [0.25, 0.125], [0, 0], I8, out="wq", axis=0)
    wd = g.dq(wq, [0.25, 0.125], [0, 0], I8, out="wd", axis=0)
    y = g.node("Conv", [x, wd], "y")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)
elif variant == "relu":
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    r = g.node("Relu", [x], "r")
    g.dq(g.q(r, 0.25, 0, out="rq"), 0.25, 0, out="out")
    g.output("out", F32)
elif variant == "two_q":
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    w = g.weight("w", [[[[1]], [[2]]]], 0.5)
    y = g.node("Conv", [x, w], "y")
    g.q(y, 0.1, 0, U8, out="qa")
    g.q(y, 0.2, -1, I8, out="qb")
    g.output("qa", U8)
    g.output("qb", I8)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
