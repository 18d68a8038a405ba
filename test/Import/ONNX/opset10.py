# Opsets 10 to 12: QDQ models as ONNX Runtime's and older exporters write
# them. Their ops mean what they mean at opset 13, except QuantizeLinear /
# DequantizeLinear, which are per tensor before 13 (no axis, scalar scale),
# and Clip, whose bounds are attributes before 11.
#
# RUN: %python %s %t.conv.onnx conv && %qcc compile %t.conv.onnx --emit=qnn | FileCheck %s --check-prefix=CONV
# RUN: %python %s %t.axis.onnx axis && not %qcc compile %t.axis.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=AXIS
# RUN: %python %s %t.vec.onnx vector_scale && not %qcc compile %t.vec.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=VEC
# RUN: %python %s %t.clip.onnx clip_attrs && %qcc compile %t.clip.onnx --emit=qnn | FileCheck %s --check-prefix=CLIP

# Opset 10, per-tensor weights, Relu: the same IR as at opset 13.
# CONV: qnn.quantize %arg0 : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# CONV: qnn.conv2d {{.*}}out_min = 0.000000e+00 : f64
# CONV-SAME: -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 0>>

# AXIS: qcc: error: {{.*}}: node 'wdq' (DequantizeLinear): attribute 'axis' needs opset 13 (the model imports opset 10, where DequantizeLinear is per tensor)
# VEC: qcc: error: {{.*}}: node 'wdq' (DequantizeLinear): scale 'wdq_scale' must be a scalar at opset 10 (per-axis quantization needs opset 13)

# Opset 10 Clip(min = -1, max = 6) as attributes: the fused output range.
# CLIP: qnn.conv2d {{.*}}out_max = 6.000000e+00 : f64, out_min = -1.000000e+00 : f64

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=11 if variant == "clip_attrs_11" else 10)
W54 = np.arange(54).reshape(3, 2, 3, 3) - 27


def finish(y, scale=0.1, zp=0, dtype=U8):
    q = g.q(y, scale, zp, dtype, out="yq")
    g.dq(q, scale, zp, dtype, out="out")
    g.output("out", F32)


x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
if variant == "conv":
    w = g.weight("w", W54, 0.25)
    finish(g.node("Relu", [g.node("Conv", [x, w], "y")], "r"))
elif variant in ("axis", "vector_scale"):
    g.init("w", np.asarray(W54, np.int8))
    scale = [0.25, 0.125, 0.0625] if variant == "vector_scale" else 0.25
    attrs = {"axis": 0} if variant == "axis" else {}
    w = g.dq("w", scale, [0, 0, 0] if variant == "vector_scale" else 0, I8, out="wdq",
             name="wdq", **attrs)
    finish(g.node("Conv", [x, w], "y"))
elif variant == "clip_attrs":
    w = g.weight("w", W54, 0.25)
    y = g.node("Conv", [x, w], "y")
    finish(g.node("Clip", [y], "c", min=-1.0, max=6.0), 0.05, 20)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
