# Regression test (fixed bug): a MatMul + Add or Gemm bias used to be taken
# per output column whenever it had N values, whatever its shape: a [N, 1]
# constant (one value per *row*) gave results off by up to 200 LSB. Only a
# scalar, [N] or [1, ..., 1, N] is a bias of the product now; other shapes are
# an error. A bias beyond the int32 accumulator used to wrap around (Conv
# already rejected it); now it is an error for MatMul/Gemm too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t/row.onnx row && not %qcc compile %t/row.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=ROW
# RUN: %python %s %t/big.onnx big && not %qcc compile %t/big.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=BIG
# RUN: %python %s %t/col.onnx col && %qcc compile %t/col.onnx --emit=qnn | FileCheck %s --check-prefix=COL

# ROW: qcc: error: {{.*}}row.onnx: node 'add' (Add): bias 'c' has shape [4, 1]; only a scalar, [N] or [1, ..., 1, N] (one value per output column) is supported
# BIG: qcc: error: {{.*}}big.onnx: node 'gemm' (Gemm): bias 3.000000e+04 does not fit the int32 accumulator
# A [1, 4] bias of 0, 1, 2, 3 is a per-column bias; accumulator unit
# 0.1 * 0.1 = 0.01 (binary32 0.100000001 squared, a little above 0.01), so
# 99.99998.., 199.99996.., 299.99994..: no integers at any shift, so the
# bias takes the finest unit the accumulator bound allows, 2^-16
# (bias_shift 16): 0, 6553600, 13107200, 19660799 (python: round(b / u * 2**16)).
# COL: arith.constant dense<[0, 6553600, 13107200, 19660799]> : tensor<4xi32>
# COL: qnn.matmul {{.*}} {bias_shift = 16 : i64}

import sys

import numpy as np

from qcc_models.testing import I8, U8, Graph

variant = sys.argv[2]
g = Graph(opset=13)
g.input("a", U8, [4, 4])
a = g.dq("a", 0.1, 0, U8)
if variant == "big":
    # acc unit 0.01 * 0.001 = 1e-5: a bias of 30000 is 3e9 units > 2^31.
    a2 = g.dq(g.q(a, 0.01, 0, U8, out="aq2"), 0.01, 0, U8, out="a2")
    w = g.weight("B", np.eye(4, dtype=np.int8), 0.001, dtype=I8)
    c = g.init("c", np.array([30000.0, -30000.0, 50.0, 0.0], np.float32))
    y = g.node("Gemm", [a2, w, c], "y", name="gemm")
else:
    w = g.weight("B", np.eye(4, dtype=np.int8), 0.1, dtype=I8)
    m = g.node("MatMul", [a, w], "mm", name="mm")
    shape = [4, 1] if variant == "row" else [1, 4]
    c = g.init("c", np.arange(4, dtype=np.float32).reshape(shape))
    y = g.node("Add", [m, c], "y", name="add")
g.q(y, 0.01, 0, U8, out="yq")
g.output("yq", U8)
g.save()
