# Elementwise functions between a quantized input and a quantizer become
# qnn.lookup_table: one entry per input code, hand-derived here.
#
# RUN: %python %s %t.lr.onnx leaky && %qcc compile %t.lr.onnx --emit=qnn | FileCheck %s --check-prefix=LEAKY
# RUN: %python %s %t.hs.onnx hardsigmoid_clip && %qcc compile %t.hs.onnx --emit=qnn | FileCheck %s --check-prefix=HS
# RUN: %python %s %t.fl.onnx float_out && %qcc compile %t.fl.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=FLOAT
# RUN: %python %s %t.mi.onnx mish_out && %qcc compile %t.mi.onnx --emit=qnn | FileCheck %s --check-prefix=MISH

# QONNX: Quant(0.5, 3 bits signed): codes -4..3, reals -2 .. 1.5 ->
# LeakyRelu(0.25): -0.5 -0.375 -0.25 -0.125 0 0.5 1 1.5 -> Quant(0.125,
# 8 bits signed): -4 -3 -2 -1 0 4 8 12.
# LEAKY: qnn.lookup_table %{{.*}} {table = array<i64: -4, -3, -2, -1, 0, 4, 8, 12>} : tensor<1x4x!qnn.q<i3, scale = 0.5, zp = 0>> -> tensor<1x4x!qnn.q<i8, scale = 0.125, zp = 0>>

# QONNX, Quant(0.5, 2 bits unsigned, zero point 1): codes 0..3, reals
# -0.5 0 0.5 1 -> HardSigmoid(0.5, 0.25): 0 0.25 0.5 0.75 -> Clip(0, 0.6) -> Quant(0.25, zp 1, 4 bits unsigned, QONNX order: clamp(y / s +
# zp), then round half even): 1 2 3 3 (0.6 / 0.25 + 1 = 3.4 -> 3).
# HS: qnn.lookup_table %{{.*}} {table = array<i64: 1, 2, 3, 3>}

# A function whose result is not quantized again runs in float after the
# last quantizer (float-activations.py), Sigmoid and Mish here.
# FLOAT: %[[D:.*]] = qnn.dequantize %{{.*}} : tensor<1x4x!qnn.q<i3, scale = 0.5, zp = 0>> -> tensor<1x4xf32>
# FLOAT-NEXT: %[[Y:.*]] = qnn.float_unary sigmoid %[[D]] : tensor<1x4xf32>
# FLOAT-NEXT: return %[[Y]]
# MISH: qnn.dequantize
# MISH-NEXT: qnn.float_unary mish

import sys

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

variant = sys.argv[2]
g = qonnx_graph(opset=18 if variant == "mish_out" else 13)
g.input("x", F32, [1, 4])
if variant == "leaky":
    x = quant(g, "x", 0.5, 0, 3, "xq", signed=1)
    y = g.node("LeakyRelu", [x], "y", name="f", alpha=0.25)
    g.output(quant(g, y, 0.125, 0, 8, "yq", signed=1), F32)
elif variant == "hardsigmoid_clip":
    x = quant(g, "x", 0.5, 1, 2, "xq", signed=0)
    y = g.node("HardSigmoid", [x], "y", name="f", alpha=0.5, beta=0.25)
    g.init("lo", np.float32(0))
    g.init("hi", np.float32(0.6))
    c = g.node("Clip", [y, "lo", "hi"], "c", name="clip")
    g.output(quant(g, c, 0.25, 1, 4, "yq", signed=0), F32)
elif variant == "float_out":
    x = quant(g, "x", 0.5, 0, 3, "xq", signed=1)
    g.output(g.node("Sigmoid", [x], "y", name="f"), F32)
elif variant == "mish_out":
    x = quant(g, "x", 0.5, 0, 3, "xq", signed=1)
    g.output(g.node("Mish", [x], "y", name="f"), F32)
g.save()
