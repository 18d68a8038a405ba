# QONNX Quant scales stored as float16 (FINN) or float64 (QKeras exports):
# the quantizer computes in binary32 with a float32 input, so a float16
# scale is exact; a float64 scale is accepted when every value is a float32
# value, and otherwise refused naming the node and the value. (ONNX's own
# QuantizeLinear / DequantizeLinear take the float tensor's type: float32.)
#
# RUN: %python %s %t.f16.onnx f16 && %qcc compile %t.f16.onnx --emit=qnn | FileCheck %s --check-prefix=F16
# RUN: %python %s %t.f64.onnx f64 && %qcc compile %t.f64.onnx --emit=qnn | FileCheck %s --check-prefix=F64
# RUN: %python %s %t.bad.onnx f64_inexact && not %qcc compile %t.bad.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=BAD

# Weights [[1, -2], [3, -4], [5, -6]] * 0.25 quantized with scale 0.25
# (float16) and activations with scale 0.5 (float64).
# F16: qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}3]], {{\[\[}}-4]]], {{\[\[\[}}5]], {{\[\[}}-6]]]]> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>
# F64: qnn.quantize %arg0 : tensor<1x2x1x1xf32> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>
# BAD: qcc: error: {{.*}}bad.onnx: node 'xq' (Quant): float64 scale 'xq_scale' holds 0.10000000000000001, which is not a float32 value (qcc computes in binary32)

import sys

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph

variant = sys.argv[2]
g = qonnx_graph()
W = np.array([[1, -2], [3, -4], [5, -6]], np.float32).reshape(3, 2, 1, 1) * 0.25


def quant(x, scale, bits, name, signed):
    g.init(name + "_scale", np.asarray(scale))
    g.init(name + "_zp", np.float32(0))
    g.init(name + "_bits", np.float32(bits))
    return g.node("Quant", [x, name + "_scale", name + "_zp", name + "_bits"], name,
                  name=name, domain=g.qonnx_domain, signed=signed, narrow=0,
                  rounding_mode="ROUND")


g.input("x", F32, [1, 2, 1, 1])
xs = {"f16": np.float32(0.5), "f64": np.float64(0.5), "f64_inexact": np.float64(0.1)}[variant]
x = quant("x", xs, 8, "xq", 0)
g.init("w", W)
ws = np.float16(0.25) if variant == "f16" else np.float32(0.25)
y = g.node("Conv", [x, quant("w", ws, 4, "wq", 1)], "y", name="conv")
g.output(quant(y, np.float32(0.25), 8, "yq", 1), F32)
g.save()
