# Two graph outputs with the same value: two DequantizeLinear nodes of the
# same quantized tensor (CSE merges the two qnn.dequantize) and one tensor
# listed twice as an output. Each output gets its own buffer.
# (Regression: this crashed in promoteBufferResultsToOutParams with
# hoistStaticAllocs; minimal IR for qcc-opt --qcc-one-shot-bufferize:
#   func.func @forward(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
#     %c = arith.constant 1.0 : f32
#     %e = tensor.empty() : tensor<4xf32>
#     %f = linalg.fill ins(%c : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
#     return %f, %f : tensor<4xf32>, tensor<4xf32>
#   })
#
# RUN: rm -rf %t && mkdir -p %t/two %t/same && %python %s %t/two/m.onnx two_dq
# RUN: %python %s %t/same/m.onnx same_twice
# RUN: %qcc compile %t/two/m.onnx -target x86_64 --name model -o %t/two/model.o
# RUN: FileCheck %s --check-prefix=TWO < %t/two/model.h
# RUN: %qcc compile %t/same/m.onnx -target x86_64 --name model -o %t/same/model.o
# RUN: FileCheck %s --check-prefix=SAME < %t/same/model.h
#
# Run both with the e2e driver: x = [-1, 0.5, 1, 2.5] -> Q(0.5, 128) ->
# Relu -> DQ = [0, 0.5, 1, 2.5] in both outputs (m.onnx.expected).
# RUN: cc -std=c99 -O1 -Wall -Werror -I%t/two -DQCC_HEADER=\"model.h\" %S/../e2e/driver.c %t/two/model.o -o %t/two/run
# RUN: %t/two/run %t/two/m.onnx.input %t/two/out0.bin %t/two/out1.bin
# RUN: cmp %t/two/out0.bin %t/two/m.onnx.expected
# RUN: cmp %t/two/out1.bin %t/two/m.onnx.expected
# RUN: cc -std=c99 -O1 -Wall -Werror -I%t/same -DQCC_HEADER=\"model.h\" %S/../e2e/driver.c %t/same/model.o -o %t/same/run
# RUN: %t/same/run %t/same/m.onnx.input %t/same/out0.bin %t/same/out1.bin
# RUN: cmp %t/same/out0.bin %t/same/m.onnx.expected
# RUN: cmp %t/same/out1.bin %t/same/m.onnx.expected

# TWO: #define MODEL_NUM_OUTPUTS 2
# TWO: #define MODEL_OUTPUT0_NAME "a"
# TWO: #define MODEL_OUTPUT1_NAME "b"
# SAME: #define MODEL_NUM_OUTPUTS 2
# SAME: #define MODEL_OUTPUT0_NAME "y"
# SAME: #define MODEL_OUTPUT1_NAME "y"

import sys

import numpy as np

from qcc_models.testing import F32, Graph

g = Graph(opset=13)
x = g.qdq_input("x", [1, 4], 0.5, 128)
q = g.q(g.node("Relu", [x], "r"), 0.5, 128, out="rq")
if sys.argv[2] == "two_dq":
    g.dq(q, 0.5, 128, out="a")
    g.dq(q, 0.5, 128, out="b")
    g.output("a", F32)
    g.output("b", F32)
else:
    g.dq(q, 0.5, 128, out="y")
    g.output("y", F32)
    g.output("y", F32)
g.save()
with open(sys.argv[1] + ".input", "wb") as f:
    f.write(np.array([-1.0, 0.5, 1.0, 2.5], "<f4").tobytes())
with open(sys.argv[1] + ".expected", "wb") as f:
    f.write(np.array([0.0, 0.5, 1.0, 2.5], "<f4").tobytes())
