# QONNX Trunc on a quantized tensor (its own scale and zero point): the
# output integers y = rounding(q / 2^e) are a qnn.requantize to scale
# scale * 2^e and zero point zeropt / 2^e with Trunc's rounding, then a
# storage_cast to the output's quantization.
#
# RUN: %python %s %t.v1.onnx v1 && %qcc compile %t.v1.onnx --emit=qnn | FileCheck %s --check-prefix=V1
# RUN: %python %s %t.v2.onnx v2 && %qcc compile %t.v2.onnx --emit=qnn | FileCheck %s --check-prefix=V2
# RUN: %python %s %t.v2zp.onnx v2zp && %qcc compile %t.v2zp.onnx --emit=qnn | FileCheck %s --check-prefix=V2ZP

# v1: Quant(0.5, zeropt 4, 8-bit unsigned) -> Trunc(0.5, 4, 8 -> 6 bits,
# FLOOR by default): e = 8 - 6 = 2, y = floor(q / 4) (e.g. q = 13: 3),
#   requantize to ui6 scale 0.5 * 4 = 2, zero point 4 / 4 = 1:
#   floor((13 - 4) * 0.5 / 2) + 1 = floor(2.25) + 1 = 3;
#   v1 keeps scale and zero point: storage_cast to ui6 (0.5, 4).
# V1: %[[X:.*]] = qnn.quantize %arg0 {zero_point_first} : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 4>>
# V1-NEXT: %[[R:.*]] = qnn.requantize %[[X]] {rounding = "floor"} : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 4>> -> tensor<1x4x!qnn.q<ui6, scale = 2.0, zp = 1>>
# V1-NEXT: %[[T:.*]] = qnn.storage_cast %[[R]] : tensor<1x4x!qnn.q<ui6, scale = 2.0, zp = 1>> -> tensor<1x4x!qnn.q<ui6, scale = 0.5, zp = 4>>
# V1-NEXT: qnn.dequantize %[[T]]

# v2: Quant(0.25, 0, 8-bit signed) -> Trunc v2 (0.25, 0, 8 bits, out_scale
# 1.0, 4 bits, signed, narrow, ROUND): e = round(log2(1.0 / 0.25)) = 2,
#   y = clamp(round_half_even(q / 4), -7, 7): requantize to i4 scale 1.0,
#   zero point 0 / 4 = 0 (already the output's: no storage_cast), narrow
#   out_min = -7 * 1.0.
# V2: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<i8, scale = 0.25, zp = 0>>
# V2-NEXT: %[[R:.*]] = qnn.requantize %[[X]] {out_min = -7.000000e+00 : f64} : tensor<1x4x!qnn.q<i8, scale = 0.25, zp = 0>> -> tensor<1x4x!qnn.q<i4, scale = 1.0, zp = 0>>
# V2-NEXT: qnn.dequantize %[[R]]

# v2 with its optional out_zeropt input (here 5): the QONNX reference reads
# it but computes the output zero point as zeropt / trunc_scale; so does
# qcc. Quant(0.5, zeropt 8, 8-bit unsigned) -> Trunc v2 (0.5, 8, 8 bits,
# out_scale 2.0, out_zeropt 5, 6 bits, unsigned, FLOOR): e = 2, zero point
# 8 / 4 = 2, scale 2.0.
# V2ZP: qnn.requantize %{{.*}} {rounding = "floor"} : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 8>> -> tensor<1x4x!qnn.q<ui6, scale = 2.0, zp = 2>>
# V2ZP-NEXT: qnn.dequantize

import sys

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

variant = sys.argv[2]
g = qonnx_graph(version=2 if variant.startswith("v2") else 1)
g.input("x", F32, [1, 4])
if variant == "v1":
    x = quant(g, "x", 0.5, 4, 8, "xq", signed=0)
    params = [0.5, 4, 8, 6]
    attrs = {}
elif variant == "v2":
    x = quant(g, "x", 0.25, 0, 8, "xq", signed=1)
    params = [0.25, 0, 8, 1.0, 4]
    attrs = {"signed": 1, "narrow": 1, "rounding_mode": "ROUND"}
elif variant == "v2zp":
    x = quant(g, "x", 0.5, 8, 8, "xq", signed=0)
    params = [0.5, 8, 8, 2.0, 5, 6]
    attrs = {"signed": 0}
else:
    raise SystemExit("unknown variant " + variant)
ins = [x] + [g.init("t%d" % i, np.float32(v)) for i, v in enumerate(params)]
g.output(g.node("Trunc", ins, "t", domain=g.qonnx_domain, **attrs), F32)
g.save()
