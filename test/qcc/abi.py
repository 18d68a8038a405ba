# The C ABI of a compiled model, from a C99 program linked with the object
# and libc only (Inputs/abi_check.c): 1 for any NULL pointer, 2 for a
# misaligned arena, 0 and the right outputs otherwise; rejected calls write
# nothing.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: %qcc compile %t/m.onnx -target x86_64 --name abi -o %t/abi.o
# RUN: cc -std=c99 -Wall -Wextra -Werror -I%t %S/Inputs/abi_check.c %t/abi.o -o %t/abi_check
# RUN: %t/abi_check | FileCheck %s --match-full-lines
#
# The same at -O0 (the entry point's checks must not depend on optimization).
# RUN: mkdir -p %t/O0 && %qcc compile %t/m.onnx -target x86_64 -O0 --name abi -o %t/O0/abi.o
# RUN: cc -std=c99 -Wall -Werror -I%t/O0 %S/Inputs/abi_check.c %t/O0/abi.o -o %t/abi_check_O0
# RUN: %t/abi_check_O0 | FileCheck %s --match-full-lines

# The model: x [1, 2, 2, 2] -> Q(0.5, 128) -> DQ -> Relu -> Q(0.5, 128) ->
# DQ -> y, so for x = -2.0, -1.5, ..., 1.5: y = max(x, 0).
# CHECK: sizeof input0 32 bytes 32
# CHECK-NEXT: null arena: 1
# CHECK-NEXT: null inputs: 1
# CHECK-NEXT: null outputs: 1
# CHECK-NEXT: null input pointer: 1
# CHECK-NEXT: null output pointer: 1
# CHECK-NEXT: arena + 1: 2
# CHECK-NEXT: arena + 32: 2
# CHECK-NEXT: output untouched: 1
# CHECK-NEXT: ok: 0
# CHECK-NEXT: aligned + 64: 0
# CHECK-NEXT: y = 0 0 0 0 0 0.5 1 1.5

from qcc_models.testing import F32, Graph

g = Graph(opset=13)
x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
r = g.node("Relu", [x], "r")
g.dq(g.q(r, 0.5, 128, out="rq"), 0.5, 128, out="y")
g.output("y", F32)
g.save()
