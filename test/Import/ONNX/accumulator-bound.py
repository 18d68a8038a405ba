# The i32 accumulator bound of docs/IntegerSemantics.md is enforced (issue 8,
# bug 5): a layer whose accumulator can leave [-2^31 + 1, 2^31 - 1] is
# refused, naming the node and the channel; one exactly at the bound imports.
#
# x uint8 (zp 0: |x - zx| <= 255), w int8 all -128 (zp 0), K = 65793 inputs:
#   65793 * 128 * 255 = 2147483520; with an int32 bias of 127 the worst
#   accumulator is 2147483647 = 2^31 - 1 (imports), with 128 it is 2^31.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t/at.onnx 127 && %qcc compile %t/at.onnx --emit=qnn | FileCheck %s --check-prefix=AT
# RUN: %python %s %t/over.onnx 128 && not %qcc compile %t/over.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=OVER
# RUN: %python %s %t/gemm.onnx gemm && not %qcc compile %t/gemm.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GEMM

# AT: qnn.conv2d
# OVER: qcc: error: {{.*}}over.onnx: node 'conv' (Conv): the int32 accumulator of output channel 0 can reach 2147483648 (2147483520 from the weights times the largest |input - zero point|, 128 from the bias), beyond 2^31 - 1
# GEMM: qcc: error: {{.*}}gemm.onnx: node 'fc' (MatMul): the int32 accumulator of output channel 1 can reach 2147516160 (2147516160 from the weights times the largest |input - zero point|, 0 from the bias), beyond 2^31 - 1

import sys

import numpy as np

from qcc_models.testing import F32, I8, U8, Graph

K = 65793
g = Graph(opset=13)
if sys.argv[2] == "gemm":
    # [1, K + 1] x [K + 1, 2]: column 1 holds -128 everywhere, column 0 zeros.
    x = g.qdq_input("x", [1, K + 1], 1.0, 0)
    w = np.zeros([K + 1, 2], np.int8)
    w[:, 1] = -128
    y = g.node("MatMul", [x, g.weight("w", w, 1.0)], "y", name="fc")
else:
    x = g.qdq_input("x", [1, K, 1, 1], 1.0, 0)
    w = g.weight("w", np.full([1, K, 1, 1], -128, np.int8), 1.0)
    b = g.bias("b", [int(sys.argv[2])], 1.0)
    y = g.node("Conv", [x, w, b], "y", name="conv")
q = g.q(y, 1.0, 0, U8, out="yq")
g.dq(q, 1.0, 0, U8, out="out")
g.output("out", F32)
g.save()
