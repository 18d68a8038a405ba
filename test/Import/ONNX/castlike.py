# CastLike (opset 15): Cast to the element type of its second input, found
# from a constant, a graph input, output or value_info declaration, or the
# Cast, CastLike, Identity or Dropout that produces it. Where the type is
# not known: an error.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t
# RUN: %qcc compile %t/ok.onnx --emit=qnn | FileCheck %s
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: not %qcc compile %t/unknown.onnx --emit=qnn 2>&1 | %{err}=UNKNOWN
# RUN: not %qcc compile %t/to_int.onnx --emit=qnn 2>&1 | %{err}=TO-INT
# RUN: not %qcc compile %t/after_relu.onnx --emit=qnn 2>&1 | %{err}=RELU
#
# h = Cast(x, to=float16) is held as the binary32 value of its binary16
# rounding (narrowed, widened). CastLike(y, h) rounds y the same way; its
# float16 result is the graph output f (the narrowed side). CastLike(y,
# float32 constant) is y itself, and so is CastLike(y, Cast(h, to=FLOAT))
# (float32, though its values are float16 ones).
# CHECK: func.func @forward(%arg0: tensor<4xf32> {qcc.name = "x"}, %arg1: tensor<4xf32> {qcc.name = "y"}) -> (tensor<4xf16> {qcc.name = "f"}, tensor<4xf32> {qcc.name = "g"}, tensor<4xf32> {qcc.name = "hx"}, tensor<4xf32> {qcc.name = "g2"})
# CHECK: %[[H16:.*]] = qnn.float_cast %arg0 : tensor<4xf32> -> tensor<4xf16>
# CHECK: %[[H:.*]] = qnn.float_cast %[[H16]] : tensor<4xf16> -> tensor<4xf32>
# CHECK: %[[F16:.*]] = qnn.float_cast %arg1 : tensor<4xf32> -> tensor<4xf16>
# CHECK: return %[[F16]], %arg1, %[[H]], %arg1 : tensor<4xf16>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
#
# UNKNOWN: qcc: error: {{.*}}unknown.onnx: node 'cl' (CastLike): the element type of target_type 'q' is not known (declare it in the graph's value_info, or use Cast)
# TO-INT: qcc: error: {{.*}}to_int.onnx: node 'cl' (CastLike): Cast of a float tensor at run time to int32 is not supported (float, float16)
# A float op's result is float32 or float16 by its inputs, which qcc does
# not track: its type is not known.
# RELU: qcc: error: {{.*}}after_relu.onnx: node 'cl' (CastLike): the element type of target_type 'r' is not known (declare it in the graph's value_info, or use Cast)

import os
import sys

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, Graph

out = sys.argv[1]

g = Graph(opset=15)
g.input("x", F32, [4])
g.input("y", F32, [4])
g.node("Cast", ["x"], "h", to=TensorProto.FLOAT16)
g.node("CastLike", ["y", "h"], "f", name="cl")
g.node("CastLike", ["y", g.init("like32", np.zeros([1], np.float32))], "g", name="cl32")
g.node("Cast", ["h"], "hx", to=TensorProto.FLOAT)
g.node("CastLike", ["y", "hx"], "g2", name="cl2")
g.output("f", TensorProto.FLOAT16, [4])
g.output("g", F32, [4])
g.output("hx", F32, [4])
g.output("g2", F32, [4])
g.save(os.path.join(out, "ok.onnx"))

g = Graph(opset=15)
g.input("x", F32, [4])
q = g.q("x", 0.5, 0, out="q")
g.node("CastLike", ["x", q], "c", name="cl")
g.output("c", F32, [4])
g.save(os.path.join(out, "unknown.onnx"))

g = Graph(opset=15)
g.input("x", F32, [4])
g.node("CastLike", ["x", g.init("like", np.zeros([1], np.int32))], "c", name="cl")
g.output("c", F32, [4])
g.save(os.path.join(out, "to_int.onnx"))

g = Graph(opset=15)
g.input("x", TensorProto.FLOAT16, [4])
g.input("y", F32, [4])
g.node("Relu", ["x"], "r")
g.node("CastLike", ["y", "r"], "c", name="cl")
g.output("c", F32, [4])
g.save(os.path.join(out, "after_relu.onnx"))
