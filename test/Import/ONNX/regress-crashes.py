# Regression test (fixed bug) (crashes): malformed models that crash the importer instead of
# giving a one-line error. Each RUN line is one reproducer; `not` fails on
# get fixed).
#
# empty_scale: a scale initializer with 0 elements (dims [0]) -> SIGSEGV in
#   Importer::quantParams (QuantType::get(s.floats[0]) on an empty vector).
# dq_self / dq_cycle: a DequantizeLinear whose input is (transitively) its
#   own output, placed after the Conv that reads it -> unbounded recursion
#   in Importer::ensureConstant (stack overflow, SIGSEGV).
#
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/empty_scale.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=EMPTY-SCALE
# RUN: not %qcc compile %t/dq_self.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=DQ-CYCLE
# RUN: not %qcc compile %t/dq_cycle.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=DQ-CYCLE

# EMPTY-SCALE: qcc: error: {{.*}}empty_scale.onnx: node 'quant' (QuantizeLinear): {{.+}}
# DQ-CYCLE: qcc: error: {{.*}}.onnx: node {{.+}}

import numpy as np

from qcc_models.testing import F32, U8, Variants

models = Variants()


@models()
def empty_scale(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.zeros([0], np.float32))
    g.node("QuantizeLinear", ["x", "s"], "q", name="quant")
    g.output("q", U8)


def conv_reading(g, weight):
    x = g.qdq_input("x", [1, 2, 4, 4], 0.5, 128)
    g.init("s", np.float32(0.5))
    y = g.node("Conv", [x, weight], "y", name="conv")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def dq_self(g):
    conv_reading(g, "a")
    g.node("DequantizeLinear", ["a", "s"], "a", name="dq_a")


@models()
def dq_cycle(g):
    conv_reading(g, "a")
    g.node("DequantizeLinear", ["b", "s"], "a", name="dq_a")
    g.node("DequantizeLinear", ["a", "s"], "b", name="dq_b")


models.main()
