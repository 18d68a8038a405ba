# Graph inputs and outputs: float / uint8 / int8 element types, opsets 13
# and 21, symbolic batch dimension, --shape.
#
# RUN: %python %s %t.f.onnx float && %qcc compile %t.f.onnx --emit=qnn | FileCheck %s --check-prefix=FLOAT
# RUN: %python %s %t.int.onnx int_io && %qcc compile %t.int.onnx --emit=qnn | FileCheck %s --check-prefix=INT
# RUN: %python %s %t.21.onnx opset21 && %qcc compile %t.21.onnx --emit=qnn | FileCheck %s --check-prefix=OPSET21
# RUN: %python %s %t.sym.onnx symbolic && %qcc compile %t.sym.onnx --emit=qnn | FileCheck %s --check-prefix=SYM
# RUN: %qcc compile %t.sym.onnx --emit=qnn --shape x=2x3x5x6 | FileCheck %s --check-prefix=SYM-SHAPE
# RUN: %python %s %t.hw.onnx symbolic_hw && %qcc compile %t.hw.onnx --emit=qnn --shape=x=1x3x4x8 | FileCheck %s --check-prefix=HW
# RUN: %python %s %t.multi.onnx multi && %qcc compile %t.multi.onnx --emit=qnn | FileCheck %s --check-prefix=MULTI
# RUN: %qcc compile %t.multi.onnx --emit=qnn --shape a=1x7 --shape b=3x2 | FileCheck %s --check-prefix=MULTI-SHAPE

# float input -> Q(0.5, 128) -> DQ -> float output: quantize + dequantize.
# FLOAT: func.func @forward(%arg0: tensor<1x4xf32> {qcc.name = "x"}) -> (tensor<1x4xf32> {qcc.name = "y"})
# FLOAT-NEXT: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# FLOAT-NEXT: %[[D:.*]] = qnn.dequantize %[[Q]] : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4xf32>
# FLOAT-NEXT: return %[[D]] : tensor<1x4xf32>

# uint8 input read by DQ(0.5, 128), Relu, Q(0.25, -3, int8) as the int8
# graph output: storage_casts at both ends.
# INT: func.func @forward(%arg0: tensor<1x4xui8> {qcc.name = "x"}) -> (tensor<1x4xsi8> {qcc.name = "y"})
# INT-NEXT: %[[A:.*]] = qnn.storage_cast %arg0 : tensor<1x4xui8> -> tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
# INT-NEXT: %[[B:.*]] = qnn.storage_cast %[[A]] : tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
# INT-NEXT: %[[C:.*]] = qnn.requantize %[[B]] {out_min = 0.000000e+00 : f64} : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -3>>
# INT-NEXT: %[[D:.*]] = qnn.storage_cast %[[C]] : tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -3>> -> tensor<1x4xsi8>
# INT-NEXT: return %[[D]] : tensor<1x4xsi8>

# Opset 21 (IR 10): QuantizeLinear without a zero point and with
# output_dtype = int8 and saturate; DequantizeLinear with block_size = 0.
# OPSET21: %[[Q:.*]] = qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
# OPSET21-NEXT: qnn.requantize %[[Q]] {out_min = 0.000000e+00 : f64} : tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 0>>

# A symbolic batch dimension ('N') becomes 1; --shape overrides everything.
# SYM: func.func @forward(%arg0: tensor<1x3x2x2xf32> {qcc.name = "x"}) -> (tensor<1x3x1x1xui8> {qcc.name = "yq"})
# SYM: qnn.global_avg_pool %{{.*}} : tensor<1x3x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x3x1x1x!qnn.q<ui8, scale = 0.25, zp = 0>>
# SYM-SHAPE: func.func @forward(%arg0: tensor<2x3x5x6xf32> {qcc.name = "x"}) -> (tensor<2x3x1x1xui8> {qcc.name = "yq"})
# SYM-SHAPE: qnn.global_avg_pool %{{.*}} : tensor<2x3x5x6x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x3x1x1x!qnn.q<ui8, scale = 0.25, zp = 0>>

# Symbolic H and W given with --shape=...
# HW: func.func @forward(%arg0: tensor<1x3x4x8xf32> {qcc.name = "x"})

# Inputs and outputs keep the model's order and names; a uint8 input can be
# an output directly.
# MULTI: func.func @forward(%arg0: tensor<1x2xf32> {qcc.name = "b"}, %arg1: tensor<1x2xui8> {qcc.name = "a"}) -> (tensor<1x2xui8> {qcc.name = "a"}, tensor<1x2xui8> {qcc.name = "bq"})
# MULTI-SHAPE: func.func @forward(%arg0: tensor<3x2xf32> {qcc.name = "b"}, %arg1: tensor<1x7xui8> {qcc.name = "a"}) -> (tensor<1x7xui8> {qcc.name = "a"}, tensor<3x2xui8> {qcc.name = "bq"})

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=21 if variant == "opset21" else 13)
if variant == "float":
    g.input("x", F32, [1, 4])
    g.dq(g.q("x", 0.5, 128), 0.5, 128, out="y")
    g.output("y", F32)
elif variant == "int_io":
    g.input("x", U8, [1, 4])
    d = g.dq("x", 0.5, 128, U8, out="xd")
    r = g.node("Relu", [d], "r")
    g.q(r, 0.25, -3, I8, out="y")
    g.output("y", I8)
elif variant == "opset21":
    g.input("x", F32, [1, 4])
    g.init("s", np.float32(0.5))
    g.node("QuantizeLinear", ["x", "s"], "q", output_dtype=I8, saturate=1)
    d = g.node("DequantizeLinear", ["q", "s"], "d", block_size=0)
    r = g.node("Relu", [d], "r")
    g.q(r, 0.25, 0, U8, out="y")
    g.output("y", U8)
elif variant in ("symbolic", "symbolic_hw"):
    shape = ["N", 3, 2, 2] if variant == "symbolic" else ["N", 3, "H", "W"]
    g.input("x", F32, shape)
    x = g.qdq("x", 0.5, 128)
    g.node("GlobalAveragePool", [x], "y")
    g.q("y", 0.25, 0, out="yq")
    g.output("yq", U8, ["N", 3, 1, 1])
elif variant == "multi":
    g.input("b", F32, [1, 2])
    g.input("a", U8, [1, 2])
    g.q("b", 0.5, 128, out="bq")
    g.output("a", U8)
    g.output("bq", U8)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
