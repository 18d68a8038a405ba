# QONNX Quant: weights folded into a qnn.constant of their width (binary32
# x / scale + zeropt, clamp to the (narrow) range, then the rounding mode);
# activation Quant nodes give the producer's result type; a float bias is
# rounded half to even in units of x_scale * w_scale.
#
# RUN: %python %s %t.modes.onnx modes && %qcc compile %t.modes.onnx --emit=qnn | FileCheck %s --check-prefix=MODES
# RUN: %python %s %t.act.onnx act && %qcc compile %t.act.onnx --emit=qnn | FileCheck %s --check-prefix=ACT
# RUN: %python %s %t.brevitas.onnx brevitas && %qcc compile %t.brevitas.onnx --emit=qnn | FileCheck %s --check-prefix=ACT

# modes: one Conv per rounding mode on the weight Quant (4-bit signed, scale
# 0.5, zeropt 0, not narrow: [-8, 7]) of w = [1.25, -1.25, 2.75, -0.3, 5.0,
# -9.0] (x / 0.5 = [2.5, -2.5, 5.5, -0.6, 10, -18], the last two clamped to 7
# and -8):
#   ROUND     [2, -2, 6, -1, 7, -8]     CEIL      [3, -2, 6, 0, 7, -8]
#   FLOOR     [2, -3, 5, -1, 7, -8]     UP        [3, -3, 6, -1, 7, -8]
#   DOWN      [2, -2, 5, 0, 7, -8]      HALF_UP   [3, -3, 6, -1, 7, -8]
#   half_down [2, -2, 5, -1, 7, -8]     (lower case accepted)
# MODES-LABEL: func.func @forward
# MODES: qnn.constant dense<{{\[\[\[\[}}2]], {{\[\[}}-2]], {{\[\[}}6]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}-8]]]]> : tensor<1x6x1x1xi8> : tensor<1x6x1x1x!qnn.q<i4, scale = 0.5, zp = 0>>
# MODES: qnn.constant dense<{{\[\[\[\[}}3]], {{\[\[}}-2]], {{\[\[}}6]], {{\[\[}}0]], {{\[\[}}7]], {{\[\[}}-8]]]]>
# MODES: qnn.constant dense<{{\[\[\[\[}}2]], {{\[\[}}-3]], {{\[\[}}5]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}-8]]]]>
# MODES: qnn.constant dense<{{\[\[\[\[}}3]], {{\[\[}}-3]], {{\[\[}}6]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}-8]]]]>
# MODES: qnn.constant dense<{{\[\[\[\[}}2]], {{\[\[}}-2]], {{\[\[}}5]], {{\[\[}}0]], {{\[\[}}7]], {{\[\[}}-8]]]]>
# MODES: qnn.constant dense<{{\[\[\[\[}}3]], {{\[\[}}-3]], {{\[\[}}6]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}-8]]]]>
# MODES: qnn.constant dense<{{\[\[\[\[}}2]], {{\[\[}}-2]], {{\[\[}}5]], {{\[\[}}-1]], {{\[\[}}7]], {{\[\[}}-8]]]]>

# act: x -> Quant(0.5, zp 3, 5 bits, unsigned) -> Conv(w: per-channel
# narrow 3-bit [-3, 3], scales [0.25, 0.125]; bias [0.3, -0.1]) -> Relu ->
# Quant(0.125, 0, 6 bits, unsigned, narrow: max 62).
#   w = [[0.5, -0.9], [0.2, 0.3]] / scales = [[2, -3.6 -> -3], [1.6, 2.4]]
#     -> ROUND [[2, -3], [2, 2]]
#   bias / (0.5 * scale) = [0.3 / 0.125, -0.1 / 0.0625] = [2.4, -1.6]: no
#   integers, so in units of 2^-16 (bias_shift 16): [157286, -104858]
#   narrow unsigned 6-bit: out_max = 62 * 0.125 = 7.75
# ACT: %[[X:.*]] = qnn.quantize %arg0 {zero_point_first} : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qnn.q<ui5, scale = 0.5, zp = 3>>
# ACT: %[[B:.*]] = arith.constant dense<[157286, -104858]> : tensor<2xi32>
# ACT: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}2]], {{\[\[}}-3]]], {{\[\[\[}}2]], {{\[\[}}2]]]]> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i3, axis = 0, scale = [0.25, 0.125], zp = [0, 0]>>
# ACT: qnn.conv2d %[[X]], %[[W]], %[[B]] {bias_shift = 16 : i64, dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 7.750000e+00 : f64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}
# ACT-SAME: -> tensor<1x2x2x2x!qnn.q<ui6, scale = 0.125, zp = 0>>
# ACT-NEXT: qnn.dequantize

import sys

import numpy as np

from qcc_models.testing import F32
from qonnx_lib import qonnx_graph, quant

variant = sys.argv[2]
if variant == "modes":
    g = qonnx_graph()
    g.input("x", F32, [1, 6, 1, 1])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=1)
    w = g.init("w", np.array([1.25, -1.25, 2.75, -0.3, 5.0, -9.0],
                             np.float32).reshape(1, 6, 1, 1))
    modes = ["ROUND", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "half_down"]
    for i, mode in enumerate(modes):
        wq = quant(g, w, 0.5, 0, 4, "w%d" % i, rounding_mode=mode)
        y = g.node("Conv", [x, wq], "conv%d" % i)
        g.output(quant(g, y, 0.25, 0, 8, "y%d" % i), F32)
elif variant in ("act", "brevitas"):
    g = qonnx_graph(domain="onnx.brevitas" if variant == "brevitas"
                    else "qonnx.custom_op.general")
    g.input("x", F32, [1, 2, 2, 2])
    x = quant(g, "x", 0.5, 3, 5, "xq", signed=0)
    w = g.init("w", np.array([0.5, -0.9, 0.2, 0.3], np.float32).reshape(2, 2, 1, 1))
    wq = quant(g, w, np.array([0.25, 0.125], np.float32).reshape(2, 1, 1, 1),
               0, 3, "wq", narrow=1)
    b = g.init("b", np.array([0.3, -0.1], np.float32))
    y = g.node("Relu", [g.node("Conv", [x, wq, b], "conv")], "relu")
    g.output(quant(g, y, 0.125, 0, 6, "yq", signed=0, narrow=1), F32)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
