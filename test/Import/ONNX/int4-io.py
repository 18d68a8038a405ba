# int4 / uint4 graph inputs and outputs (opset 21), packed as ONNX stores
# them: the function takes and returns si4 / ui4 tensors (two values a byte
# in the ABI), a qnn.storage_cast gives an input its scale and zero point
# (the DequantizeLinear's), and one drops them from a 4-bit output.
# A value that does not fit the declared type is an error naming the output.
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/io.onnx --emit=qnn | FileCheck %s
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: not %qcc compile %t/int8_as_int4.onnx --emit=qnn 2>&1 | %{err}=WIDE
# RUN: not %qcc compile %t/uint4_as_int4.onnx --emit=qnn 2>&1 | %{err}=SIGN
# RUN: not %qcc compile %t/int2_input.onnx --emit=qnn 2>&1 | %{err}=INT2
# An error leaves no output behind:
# RUN: not %qcc compile %t/int8_as_int4.onnx -target x86_64 -o %t/none.o
# RUN: not ls %t/none.o %t/none.h

# CHECK: func.func @forward(%arg0: tensor<1x5xsi4> {qcc.name = "x"}) -> (tensor<1x5xf32> {qcc.name = "y"}, tensor<1x5xui4> {qcc.name = "q"})
# CHECK: %[[X:.*]] = qnn.storage_cast %arg0 : tensor<1x5xsi4> -> tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>
# CHECK: %[[XQ:.*]] = qnn.storage_cast %[[X]] : tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>> -> tensor<1x5x!qnn.q<i4, scale = 0.5, zp = 1>>
# CHECK: %[[Q:.*]] = qnn.requantize %[[XQ]] : tensor<1x5x!qnn.q<i4, scale = 0.5, zp = 1>> -> tensor<1x5x!qnn.q<ui4, scale = 0.25, zp = 7>>
# CHECK: %[[Y:.*]] = qnn.dequantize %[[XQ]]
# CHECK: %[[OUT:.*]] = qnn.storage_cast %[[Q]] : tensor<1x5x!qnn.q<ui4, scale = 0.25, zp = 7>> -> tensor<1x5xui4>
# CHECK: return %[[Y]], %[[OUT]] : tensor<1x5xf32>, tensor<1x5xui4>

# WIDE: qcc: error: {{.*}}int8_as_int4.onnx: output 'q': declared int4 but the graph computes int8
# SIGN: qcc: error: {{.*}}uint4_as_int4.onnx: output 'q': declared int4 but the graph computes uint4
# INT2: qcc: error: {{.*}}int2_input.onnx: input 'x': element type {{.*}} is not supported (float32, float16, uint8, int8, uint16, int16, uint4, int4)

import os
import sys

from qcc_models.testing import F32, I8, INT4, UINT4, Graph


def graph(x_type, q_type, q_decl):
    """x (x_type) -> DequantizeLinear -> y (float) -> QuantizeLinear (to
    q_type) -> q, declared q_decl."""
    g = Graph(opset=21)
    g.input("x", x_type, [1, 5])
    g.init4("xz", 1, x_type)
    g.init("xs", 0.5, F32)
    g.node("DequantizeLinear", ["x", "xs", "xz"], "y")
    g.init("qs", 0.25, F32)
    if q_type in (INT4, UINT4):
        g.init4("qz", 7 if q_type == UINT4 else -1, q_type)
    else:
        g.init("qz", 7, q_type)
    g.node("QuantizeLinear", ["y", "qs", "qz"], "q")
    g.output("y", F32, [1, 5])
    g.output("q", q_decl, [1, 5])
    return g


out = sys.argv[1]
os.makedirs(out, exist_ok=True)
graph(INT4, UINT4, UINT4).save(os.path.join(out, "io.onnx"))
graph(INT4, I8, INT4).save(os.path.join(out, "int8_as_int4.onnx"))
graph(INT4, UINT4, INT4).save(os.path.join(out, "uint4_as_int4.onnx"))
g = graph(INT4, UINT4, UINT4)
g.inputs[0].type.tensor_type.elem_type = 24  # INT2 (ONNX 1.20)
g.save(os.path.join(out, "int2_input.onnx"))
