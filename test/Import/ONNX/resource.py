# Constants with more than 64 elements become dense_resource blobs (named
# w0, w1, ... in order), smaller ones are printed inline.
#
# RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s

# w1: MatMul weight [8, 8] = 64 elements -> inline;
# w2: MatMul weight [13, 5] = 65 elements -> blob w0;
# w3: Conv weight [65, 1, 1, 1] = 65 elements -> blob w1.
# CHECK: qnn.constant dense<{{\[\[}}-32, -31, -30, -29, -28, -27, -26, -25], {{.*}}, [24, 25, 26, 27, 28, 29, 30, 31]]> : tensor<8x8xi8> : tensor<8x8x!qnn.q<i8, scale = 0.5, zp = 0>>
# CHECK: qnn.constant dense_resource<w0> : tensor<13x5xi8> : tensor<13x5x!qnn.q<i8, scale = 0.25, zp = 0>>
# CHECK: qnn.constant dense_resource<w1> : tensor<65x1x1x1xi8> : tensor<65x1x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>
# CHECK-NOT: dense_resource<w2>

# The blobs: a 4-byte little-endian alignment (1) and the int8 bytes.
#   w0 = 0..64:      00 01 02 ... 40
#   w1 = -32..32:    E0 E1 ... FF 00 01 ... 20
# CHECK: dialect_resources: {
# CHECK: builtin: {
# CHECK-DAG: w0: "0x01000000000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F40"
# CHECK-DAG: w1: "0x01000000E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20"

import numpy as np

from qcc_models.testing import F32, Graph

g = Graph(opset=13)
a = g.qdq_input("a", [1, 8], 0.5, 128)
w1 = g.weight("w1", (np.arange(64) - 32).reshape(8, 8), 0.5)
y1 = g.node("MatMul", [a, w1], "y1")
y1 = g.dq(g.q(y1, 0.5, 128, out="y1q"), 0.5, 128)

b = g.qdq_input("b", [1, 13], 0.5, 128)
w2 = g.weight("w2", np.arange(65).reshape(13, 5), 0.25)
y2 = g.node("MatMul", [b, w2], "y2")
g.dq(g.q(y2, 0.5, 128, out="y2q"), 0.5, 128, out="out2")

c = g.qdq_input("c", [1, 1, 2, 2], 0.5, 128)
w3 = g.weight("w3", (np.arange(65) - 32).reshape(65, 1, 1, 1), 0.125)
y3 = g.node("Conv", [c, w3], "y3")
g.dq(g.q(y3, 0.5, 128, out="y3q"), 0.5, 128, out="out3")

g.output(y1, F32)
g.output("out2", F32)
g.output("out3", F32)
g.save()
