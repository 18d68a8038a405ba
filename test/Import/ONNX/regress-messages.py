# Regression test (fixed bug) (wrong or misleading messages / valid attributes rejected):
#   q_block_size_zero: QuantizeLinear with block_size = 0 (the default; valid
#     at opset 21) is rejected as "attribute 'block_size' is not supported"
#     (DequantizeLinear accepts it). Expected: imports.
#   zero_dim: an input dimension of 0 is reported as "dimension 1 ('') is
#     symbolic; pass --shape"; it is not symbolic.
#   no_default_opset: a model without the default ONNX domain gets "ONNX
#     opset -1 is not supported".
#   pool_overflow: MaxPool with kernel/pads near 2^62 overflows int64 in the
#     output size and surfaces as a linalg verifier message with garbage
#     numbers instead of an importer error.
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/q_block_size_zero.onnx --emit=qnn | FileCheck %s --check-prefix=BLOCK0
# RUN: not %qcc compile %t/zero_dim.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=ZERO-DIM --implicit-check-not=symbolic
# RUN: not %qcc compile %t/no_default_opset.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=NO-OPSET --implicit-check-not='opset -1'
# RUN: not %qcc compile %t/pool_overflow.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=POOL

# BLOCK0: qnn.quantize %arg0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 0>>
# ZERO-DIM: qcc: error: {{.*}}zero_dim.onnx: input 'x':
# NO-OPSET: qcc: error: {{.*}}no_default_opset.onnx: model:
# POOL: qcc: error: {{.*}}pool_overflow.onnx: node 'pool' (MaxPool): {{.*}}

import numpy as np
from onnx import helper

from qcc_models.testing import F32, U8, Variants

models = Variants()


@models(opset=21)
def q_block_size_zero(g):
    g.input("x", F32, [1, 4])
    g.init("s", np.float32(0.5))
    g.init("z", np.uint8(0))
    g.node("QuantizeLinear", ["x", "s", "z"], "q", name="quant", block_size=0)
    g.output("q", U8)


@models()
def zero_dim(g):
    g.input("x", F32, [1, 0, 3])
    g.output("x", F32)


@models()
def no_default_opset(g):
    g.input("x", F32, [1, 4])
    g.output("x", F32)
    g.opsets = [helper.make_opsetid("com.microsoft", 1)]


@models()
def pool_overflow(g):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    y = g.node("MaxPool", [x], "y", name="pool", kernel_shape=[1 << 62, 1],
               pads=[1 << 62, 0, 1 << 62, 0])
    g.dq(g.q(y, 0.5, 128, out="yq"), 0.5, 128, out="out")
    g.output("out", F32)


models.main()
