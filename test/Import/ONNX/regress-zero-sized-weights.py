# Regression test (fixed bug): constant weights with a zero dimension (MatMul B [4, 0], QLinearConv
# / ConvInteger w [0, 2, 1, 1], MatMulInteger B [3, 0]) pass the importer
# and fail late with "translation to LLVM IR failed" (and an empty OUT left
# behind); a Conv weight with a zero kernel dimension surfaces as a qnn
# verifier message. The importer should reject them with a one-line error
# naming the node, like "weight has no output channels" for Conv.
#
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/matmul_n0.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=MATMUL
# RUN: not %qcc compile %t/qlinearconv_f0.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=QLCONV
# RUN: not %qcc compile %t/convinteger_f0.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=CONVINT
# RUN: not %qcc compile %t/matmulinteger_n0.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=MMINT
# RUN: not %qcc compile %t/conv_kernel0.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=CONV

# MATMUL: qcc: error: {{.*}}matmul_n0.onnx: node 'mm' (MatMul): {{.+}}
# QLCONV: qcc: error: {{.*}}qlinearconv_f0.onnx: node 'qconv' (QLinearConv): {{.+}}
# CONVINT: qcc: error: {{.*}}convinteger_f0.onnx: node 'cint' (ConvInteger): {{.+}}
# MMINT: qcc: error: {{.*}}matmulinteger_n0.onnx: node 'mint' (MatMulInteger): {{.+}}
# CONV: qcc: error: {{.*}}conv_kernel0.onnx: node 'conv' (Conv): {{.+}}

import numpy as np

from qcc_models.testing import F32, I32, U8, Variants

models = Variants()


@models()
def matmul_n0(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.weight("w", np.ones([4, 0]), 0.5)
    y = g.node("MatMul", [x, w], "y", name="mm")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def qlinearconv_f0(g):
    g.input("x", U8, [1, 2, 3, 3])
    for name, value in (("xs", np.float32(0.5)), ("xz", np.uint8(128)),
                        ("w", np.ones([0, 2, 1, 1], np.int8)),
                        ("ws", np.float32(0.5)), ("wz", np.int8(0)),
                        ("ys", np.float32(0.1)), ("yz", np.uint8(0))):
        g.init(name, value)
    g.node("QLinearConv", ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"], "y",
           name="qconv")
    g.output("y", U8)


@models()
def convinteger_f0(g):
    g.input("x", U8, [1, 2, 3, 3])
    g.init("w", np.ones([0, 2, 1, 1], np.int8))
    g.node("ConvInteger", ["x", "w"], "y", name="cint")
    g.output("y", I32)


@models()
def matmulinteger_n0(g):
    g.input("a", U8, [2, 3])
    g.init("b", np.ones([3, 0], np.uint8))
    g.node("MatMulInteger", ["a", "b"], "y", name="mint")
    g.output("y", I32)


@models()
def conv_kernel0(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 0, 1]), 0.5)
    y = g.node("Conv", [x, w], "y", name="conv")
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


models.main()
