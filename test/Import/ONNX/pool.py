# MaxPool / AveragePool / GlobalAveragePool between DQ and Q.
#
# RUN: %python %s %t.max.onnx maxpool_ceil && %qcc compile %t.max.onnx --emit=qnn | FileCheck %s --check-prefix=MAXCEIL
# RUN: %python %s %t.maxp.onnx maxpool_pads && %qcc compile %t.maxp.onnx --emit=qnn | FileCheck %s --check-prefix=MAXPADS
# RUN: %python %s %t.maxi.onnx maxpool_int && %qcc compile %t.maxi.onnx --emit=qnn | FileCheck %s --check-prefix=MAXINT
# RUN: %python %s %t.avg.onnx avgpool && %qcc compile %t.avg.onnx --emit=qnn | FileCheck %s --check-prefix=AVG
# RUN: %python %s %t.avgc.onnx avgpool_ceil && %qcc compile %t.avgc.onnx --emit=qnn | FileCheck %s --check-prefix=AVGCEIL
# RUN: %python %s %t.gap.onnx gap && %qcc compile %t.gap.onnx --emit=qnn | FileCheck %s --check-prefix=GAP

# 6x6, kernel 3, stride 2, ceil_mode: (6 - 3 + 1) / 2 + 1 = 3 (floor: 2).
# The Q after it has the input's parameters: no requantize.
# MAXCEIL: %[[X:.*]] = qnn.quantize %arg0
# MAXCEIL: %[[Y:.*]] = qnn.max_pool2d %[[X]] {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x6x6x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
# MAXCEIL-NEXT: qnn.dequantize %[[Y]] : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x3x3xf32>

# 5x5, kernel 2, stride 2, pads [1, 1, 0, 0]: (5 + 1 - 2) / 2 + 1 = 3; no
# ceil_mode attribute is printed (default false). A Q with other parameters
# becomes a requantize.
# MAXPADS: %[[Y:.*]] = qnn.max_pool2d %{{.*}} {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
# MAXPADS-NEXT: %[[R:.*]] = qnn.requantize %[[Y]] : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 100>>
# MAXPADS-NEXT: qnn.dequantize %[[R]]

# MaxPool and Relu directly on a uint8 graph input (QOperator style): they
# work on the integers (scale 1, zp 0).
# MAXINT: func.func @forward(%arg0: tensor<1x1x4x4xui8> {qcc.name = "x"}) -> (tensor<1x1x2x2xui8> {qcc.name = "r"})
# MAXINT: %[[X:.*]] = qnn.storage_cast %arg0 : tensor<1x1x4x4xui8> -> tensor<1x1x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
# MAXINT: %[[Y:.*]] = qnn.max_pool2d %[[X]] {{.*}} -> tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
# MAXINT: %[[R:.*]] = qnn.requantize %[[Y]] {out_min = 0.000000e+00 : f64} : tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
# MAXINT: %[[O:.*]] = qnn.storage_cast %[[R]] : tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x1x2x2xui8>
# MAXINT: return %[[O]]

# AveragePool 3x3, pads 1, count_include_pad = 1, to Q(0.25, 128).
# AVG: qnn.avg_pool2d %{{.*}} {count_include_pad = true, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x4x!qnn.q<ui8, scale = 0.25, zp = 128>>

# AveragePool 5x5, kernel 2, stride 2, ceil_mode: 3x3; count_include_pad
# defaults to false (not printed).
# AVGCEIL: qnn.avg_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 128>>

# GAP: qnn.global_avg_pool %{{.*}} : tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.25, zp = 128>>

import sys

from qcc_models.testing import F32, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)


def finish(y, scale, zp):
    q = g.q(y, scale, zp, out="yq")
    g.dq(q, scale, zp, out="out")
    g.output("out", F32)


if variant == "maxpool_ceil":
    x = g.qdq_input("x", [1, 2, 6, 6], 0.5, 128)
    finish(g.node("MaxPool", [x], "y", kernel_shape=[3, 3], strides=[2, 2],
                  ceil_mode=1), 0.5, 128)
elif variant == "maxpool_pads":
    x = g.qdq_input("x", [1, 2, 5, 5], 0.5, 128)
    finish(g.node("MaxPool", [x], "y", kernel_shape=[2, 2], strides=[2, 2],
                  pads=[1, 1, 0, 0]), 0.25, 100)
elif variant == "maxpool_int":
    g.input("x", U8, [1, 1, 4, 4])
    y = g.node("MaxPool", ["x"], "y", kernel_shape=[2, 2], strides=[2, 2])
    g.node("Relu", [y], "r")
    g.output("r", U8)
elif variant == "avgpool":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    finish(g.node("AveragePool", [x], "y", kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                  count_include_pad=1), 0.25, 128)
elif variant == "avgpool_ceil":
    x = g.qdq_input("x", [1, 2, 5, 5], 0.5, 128)
    finish(g.node("AveragePool", [x], "y", kernel_shape=[2, 2], strides=[2, 2],
                  ceil_mode=1), 0.25, 128)
elif variant == "gap":
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    finish(g.node("GlobalAveragePool", [x], "y"), 0.25, 128)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
