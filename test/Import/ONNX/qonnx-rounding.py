# An activation Quant with a rounding_mode other than ROUND after a Conv or
# a Gemm/MatMul: the producer's requantization takes that rounding (qnn
# `rounding`). A Relu/Clip bound before it is moved to the grid point the
# Quant rounds it to (qnn rounds real bounds half to even).
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# conv: Clip(0, 1.1) -> Quant(0.25, 4-bit unsigned, FLOOR):
#   out_max = floor(1.1 / 0.25 = 4.4) * 0.25 = 1.0, out_min = 0.
# CHECK-LABEL: func.func @forward
# CHECK: qnn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 1.000000e+00 : f64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, rounding = "floor", strides = array<i64: 1, 1>}
# CHECK-SAME: -> tensor<1x1x1x1x!qnn.q<ui4, scale = 0.25, zp = 0>>
# gemm: Clip(-1.1, 1.1) -> Quant(0.25, 4-bit signed, CEIL):
#   out_min = ceil(-4.4) * 0.25 = -1.0, out_max = ceil(4.4) * 0.25 = 1.25.
# CHECK: qnn.matmul %{{.*}}, %{{.*}} {out_max = 1.250000e+00 : f64, out_min = -1.000000e+00 : f64, rounding = "ceil"}
# CHECK-SAME: -> tensor<1x3x!qnn.q<i4, scale = 0.25, zp = 0>>
# matmul -> Add(bias) -> Quant(0.5, 8-bit signed, HALF_UP), lower case.
# CHECK: qnn.matmul %{{.*}}, %{{.*}}, %{{.*}} {rounding = "half_up"}
# CHECK-SAME: -> tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>
# conv, ROUND: no attribute.
# CHECK: qnn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# CHECK-SAME: -> tensor<1x1x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

g = qonnx_graph()
g.input("x", F32, [1, 2, 1, 1])
x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
w = g.init("w", np.array([0.5, -0.25], np.float32).reshape(1, 2, 1, 1))
wq = quant(g, w, 0.25, 0, 4, "wq")
g.init("lo", np.float32(0))
g.init("hi", np.float32(1.1))
y = g.node("Clip", [g.node("Conv", [x, wq], "conv"), "lo", "hi"], "clip")
g.output(quant(g, y, 0.25, 0, 4, "yq", signed=0, rounding_mode="FLOOR"), F32)

g.input("a", F32, [1, 2])
a = quant(g, "a", 0.5, 0, 8, "aq")
b = g.init("b", np.array([[0.5, -0.25], [0.25, 0.75], [1.0, 0.0]], np.float32))
bq = quant(g, b, 0.25, 0, 4, "bq")
g.init("nlo", np.float32(-1.1))
y = g.node("Clip", [g.node("Gemm", [a, bq], "gemm", transB=1), "nlo", "hi"],
           "gclip")
g.output(quant(g, y, 0.25, 0, 4, "gq", rounding_mode="CEIL"), F32)

m = g.init("m", np.array([[0.5, -0.25], [0.25, 0.75]], np.float32))
mq = quant(g, m, 0.25, 0, 4, "mq")
g.init("mb", np.array([0.25, -0.5], np.float32))
y = g.node("Add", [g.node("MatMul", [a, mq], "mm"), "mb"], "madd")
g.output(quant(g, y, 0.5, 0, 8, "mmq", rounding_mode="half_up"), F32)

y = g.node("Conv", [x, wq], "conv2")
g.output(quant(g, y, 0.5, 0, 8, "c2q", signed=0), F32)
g.save()
