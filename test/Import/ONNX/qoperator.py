# QOperator models: QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger.
# Integer graph inputs enter with scale 1, zp 0 and are reinterpreted with
# qnn.storage_cast by the op that reads them.
#
# RUN: %python %s %t.qlc.onnx qlinearconv && %qcc compile %t.qlc.onnx --emit=qnn | FileCheck %s --check-prefix=QLCONV
# RUN: %python %s %t.qlc2.onnx qlinearconv_chain && %qcc compile %t.qlc2.onnx --emit=qnn | FileCheck %s --check-prefix=CHAIN
# RUN: %python %s %t.qlm.onnx qlinearmatmul && %qcc compile %t.qlm.onnx --emit=qnn | FileCheck %s --check-prefix=QLMM
# RUN: %python %s %t.ci.onnx convinteger && %qcc compile %t.ci.onnx --emit=qnn | FileCheck %s --check-prefix=CONVINT
# RUN: %python %s %t.mi.onnx matmulinteger && %qcc compile %t.mi.onnx --emit=qnn | FileCheck %s --check-prefix=MMINT

# QLinearConv: x uint8 (0.5, 128), w int8 per-channel [0.25, 0.125], y (0.1,
# 3), int32 bias [7, -9] used as is; 3x3 input, 1x1 kernel, stride 2, pads 1:
# (3 + 2 - 1) / 2 + 1 = 3.
# QLCONV: func.func @forward(%arg0: tensor<1x2x3x3xui8> {qcc.name = "x"}) -> (tensor<1x2x3x3xui8> {qcc.name = "y"})
# QLCONV: %[[X0:.*]] = qnn.storage_cast %arg0 : tensor<1x2x3x3xui8> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>>
# QLCONV: %[[X:.*]] = qnn.storage_cast %[[X0]] : tensor<1x2x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
# QLCONV: %[[B:.*]] = arith.constant dense<[7, -9]> : tensor<2xi32>
# QLCONV: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}3]], {{\[\[}}4]]]]> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i8, axis = 0, scale = [0.25, 0.125], zp = [0, 0]>>
# QLCONV: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : {{.*}} -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 3>>
# QLCONV: %[[O:.*]] = qnn.storage_cast %[[Y]] : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 3>> -> tensor<1x2x3x3xui8>
# QLCONV: return %[[O]]

# float in -> QuantizeLinear -> QLinearConv (uint8 weights, zp 120) ->
# QLinearConv -> DequantizeLinear -> float out.
# CHAIN: %[[X:.*]] = qnn.quantize %arg0 : tensor<1x2x3x3xf32> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
# CHAIN: %[[W1:.*]] = qnn.constant {{.*}} : tensor<2x2x1x1x!qnn.q<ui8, scale = 0.25, zp = 120>>
# CHAIN: %[[Y1:.*]] = qnn.conv2d %[[X]], %[[W1]] {{.*}} -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.100000001, zp = 3>>
# CHAIN: %[[W2:.*]] = qnn.constant
# CHAIN: %[[Y2:.*]] = qnn.conv2d %[[Y1]], %[[W2]] {{.*}} -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.200000003, zp = -4>>
# CHAIN: %[[O:.*]] = qnn.dequantize %[[Y2]] : tensor<1x2x3x3x!qnn.q<i8, scale = 0.200000003, zp = -4>> -> tensor<1x2x3x3xf32>
# CHAIN: return %[[O]]

# QLinearMatMul: a int8 (0.5, -1) [2, 3], b int8 (0.25, 0) [3, 2], y int8
# (0.75, 2).
# QLMM: %[[A0:.*]] = qnn.storage_cast %arg0 : tensor<2x3xsi8> -> tensor<2x3x!qnn.q<i8, scale = 1.0, zp = 0>>
# QLMM: %[[A:.*]] = qnn.storage_cast %[[A0]] : tensor<2x3x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<2x3x!qnn.q<i8, scale = 0.5, zp = -1>>
# QLMM: %[[B:.*]] = qnn.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> : tensor<3x2x!qnn.q<i8, scale = 0.25, zp = 0>>
# QLMM: %[[Y:.*]] = qnn.matmul %[[A]], %[[B]] : (tensor<2x3x!qnn.q<i8, scale = 0.5, zp = -1>>, tensor<3x2x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<2x2x!qnn.q<i8, scale = 0.75, zp = 2>>
# QLMM: qnn.storage_cast %[[Y]] : tensor<2x2x!qnn.q<i8, scale = 0.75, zp = 2>> -> tensor<2x2xsi8>

# ConvInteger: x uint8 zp 128, w int8 zp 1, raw int32 accumulator; pads
# [0, 0, 1, 1] on 3x3 with a 1x1 kernel: 4x4.
# CONVINT: func.func @forward(%arg0: tensor<1x2x3x3xui8> {qcc.name = "x"}) -> (tensor<1x2x4x4xi32> {qcc.name = "y"})
# CONVINT: %[[X:.*]] = qnn.storage_cast %{{.*}} : tensor<1x2x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 1.0, zp = 128>>
# CONVINT: %[[W:.*]] = qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}3]], {{\[\[}}4]]]]> : tensor<2x2x1x1xi8> : tensor<2x2x1x1x!qnn.q<i8, scale = 1.0, zp = 1>>
# CONVINT: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3x!qnn.q<ui8, scale = 1.0, zp = 128>>, tensor<2x2x1x1x!qnn.q<i8, scale = 1.0, zp = 1>>) -> tensor<1x2x4x4xi32>
# CONVINT-NEXT: return %[[Y]] : tensor<1x2x4x4xi32>

# MatMulInteger: A uint8 [1, 2, 3] zp 100, B uint8 [3, 2] zp 2 -> int32.
# MMINT: func.func @forward(%arg0: tensor<1x2x3xui8> {qcc.name = "a"}) -> (tensor<1x2x2xi32> {qcc.name = "y"})
# MMINT: %[[A:.*]] = qnn.storage_cast %{{.*}} -> tensor<1x2x3x!qnn.q<ui8, scale = 1.0, zp = 100>>
# MMINT: %[[B:.*]] = qnn.constant dense<{{\[\[}}1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8> : tensor<3x2x!qnn.q<ui8, scale = 1.0, zp = 2>>
# MMINT: %[[Y:.*]] = qnn.matmul %[[A]], %[[B]] : (tensor<1x2x3x!qnn.q<ui8, scale = 1.0, zp = 100>>, tensor<3x2x!qnn.q<ui8, scale = 1.0, zp = 2>>) -> tensor<1x2x2xi32>
# MMINT-NEXT: return %[[Y]] : tensor<1x2x2xi32>

import sys

import numpy as np

from qcc_models.testing import F32, I8, I32, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
W = np.array([[[[1]], [[-2]]], [[[3]], [[4]]]], np.int8)
if variant == "qlinearconv":
    g.input("x", U8, [1, 2, 3, 3])
    g.init("xs", np.float32(0.5))
    g.init("xz", np.uint8(128))
    g.init("w", W)
    g.init("ws", np.array([0.25, 0.125], np.float32))
    g.init("wz", np.zeros(2, np.int8))
    g.init("ys", np.float32(0.1))
    g.init("yz", np.uint8(3))
    g.init("b", np.array([7, -9], np.int32))
    g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz", "b"], "y",
           strides=[2, 2], pads=[1, 1, 1, 1])
    g.output("y", U8)
elif variant == "qlinearconv_chain":
    g.input("x", F32, [1, 2, 3, 3])
    g.init("xs", np.float32(0.5))
    g.init("xz", np.uint8(128))
    g.node("QuantizeLinear", ["x", "xs", "xz"], "xq")
    g.init("w1", np.array([[[[121]], [[122]]], [[[123]], [[124]]]], np.uint8))
    g.init("w1s", np.float32(0.25))
    g.init("w1z", np.uint8(120))
    g.init("ys", np.float32(0.1))
    g.init("yz", np.uint8(3))
    g.node("QLinearConv", ["xq", "xs", "xz", "w1", "w1s", "w1z", "ys", "yz"], "y1")
    g.init("w2", W)
    g.init("w2s", np.float32(0.5))
    g.init("w2z", np.int8(0))
    g.init("zs", np.float32(0.2))
    g.init("zz", np.int8(-4))
    g.node("QLinearConv", ["y1", "ys", "yz", "w2", "w2s", "w2z", "zs", "zz"], "y2")
    g.node("DequantizeLinear", ["y2", "zs", "zz"], "out")
    g.output("out", F32)
elif variant == "qlinearmatmul":
    g.input("a", I8, [2, 3])
    g.init("as", np.float32(0.5))
    g.init("az", np.int8(-1))
    g.init("b", np.array([[1, 2], [3, 4], [5, 6]], np.int8))
    g.init("bs", np.float32(0.25))
    g.init("bz", np.int8(0))
    g.init("ys", np.float32(0.75))
    g.init("yz", np.int8(2))
    g.node("QLinearMatMul", ["a", "as", "az", "b", "bs", "bz", "ys", "yz"], "y")
    g.output("y", I8)
elif variant == "convinteger":
    g.input("x", U8, [1, 2, 3, 3])
    g.init("w", W)
    g.init("xz", np.uint8(128))
    g.init("wz", np.int8(1))
    g.node("ConvInteger", ["x", "w", "xz", "wz"], "y", pads=[0, 0, 1, 1])
    g.output("y", I32)
elif variant == "matmulinteger":
    g.input("a", U8, [1, 2, 3])
    g.init("b", np.array([[1, 2], [3, 4], [5, 6]], np.uint8))
    g.init("az", np.uint8(100))
    g.init("bz", np.uint8(2))
    g.node("MatMulInteger", ["a", "b", "az", "bz"], "y")
    g.output("y", I32)
else:
    raise SystemExit("unknown variant " + variant)
g.save()
