# The header of a model with int4 / uint4 graph edges: the buffers are
# uint8_t, two values a byte (ONNX's packing, documented in a comment),
# _BYTES is ceil(_ELEMENTS / 2) and _ELEMENT_BITS 4. The header compiles as
# C99; a C program fills a packed input and reads a packed output, which
# match values derived by hand.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: %qcc compile %t/m.onnx -target x86_64 --name net -o %t/net.o
# RUN: FileCheck %s --match-full-lines --strict-whitespace < %t/net.h
# RUN: cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c %t/net.h
# RUN: cc -std=c99 -Wall -Werror -I%t %S/Inputs/int4_io.c %t/net.o -o %t/run
# RUN: %t/run | FileCheck %s --check-prefix=OUT
#
# CHECK:/* input 0: x */
# CHECK-NEXT:#define NET_INPUT0_NAME "x"
# CHECK-NEXT:#define NET_INPUT0_DTYPE "int4"
# CHECK-NEXT:#define NET_INPUT0_RANK 2
# CHECK-NEXT:#define NET_INPUT0_SHAPE {1, 5}
# CHECK-NEXT:#define NET_INPUT0_ELEMENTS 5
# CHECK-NEXT:#define NET_INPUT0_BYTES 3
# CHECK-NEXT:#define NET_INPUT0_ELEMENT_BITS 4
# CHECK-NEXT:/* int4 values packed as ONNX stores them: two a byte, row-major, the first
# CHECK-NEXT: * in the low nibble, two's complement; the last byte's high nibble is padding
# CHECK-NEXT: * (ignored in an input, 0 in an output) */
# CHECK-NEXT:typedef uint8_t net_input0_t;
# CHECK:/* output 0: y */
# CHECK:#define NET_OUTPUT0_DTYPE "float32"
# CHECK:#define NET_OUTPUT0_ELEMENT_BITS 32
# CHECK:/* output 1: q */
# CHECK-NEXT:#define NET_OUTPUT1_NAME "q"
# CHECK-NEXT:#define NET_OUTPUT1_DTYPE "uint4"
# CHECK-NEXT:#define NET_OUTPUT1_RANK 2
# CHECK-NEXT:#define NET_OUTPUT1_SHAPE {2, 2}
# CHECK-NEXT:#define NET_OUTPUT1_ELEMENTS 4
# CHECK-NEXT:#define NET_OUTPUT1_BYTES 2
# CHECK-NEXT:#define NET_OUTPUT1_ELEMENT_BITS 4
# CHECK-NEXT:/* uint4 values packed as ONNX stores them: two a byte, row-major, the first
# CHECK-NEXT: * in the low nibble */
# CHECK-NEXT:typedef uint8_t net_output1_t;
#
# x = bytes 21 8f f7: values 1, 2, -1, -8, 7 (the last high nibble, f, is
# padding). y = (x - 1) * 0.5 = 0, 0.5, -1, -4.5, 3.
# q = clamp(round(y[0..3] / 0.25) + 7, 0, 15) = 7, 9, 3, 0 (-11 clamped):
# bytes 0x97, 0x03.
# OUT: y 0 0.5 -1 -4.5 3
# OUT-NEXT: q 97 03

import sys

from onnx import TensorProto

from qcc_models.testing import F32, INT4, UINT4, Graph

g = Graph(opset=21)
g.input("x", INT4, [1, 5])
g.init4("xz", 1, INT4)
g.init("xs", 0.5, F32)
g.node("DequantizeLinear", ["x", "xs", "xz"], "y")
g.init("start", [0, 0], TensorProto.INT64)
g.init("end", [1, 4], TensorProto.INT64)
g.node("Slice", ["y", "start", "end"], "y4")
g.init("shape", [2, 2], TensorProto.INT64)
g.node("Reshape", ["y4", "shape"], "y22")
g.init("qs", 0.25, F32)
g.init4("qz", 7, UINT4)
g.node("QuantizeLinear", ["y22", "qs", "qz"], "q")
g.output("y", F32, [1, 5])
g.output("q", UINT4, [2, 2])
g.save(sys.argv[1])
