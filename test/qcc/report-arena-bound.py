# --report prints the arena's lower bound next to the planned arena (issue
# 10): the largest sum of the activations alive at once, each at its stored
# width, over the imported graph in program order. The bounds below are
# derived by hand from the graphs (not read from qcc); the planned arena of a
# correct plan can never be below its bound, which the PLAN lines check
# through the printed ratio (>= 1.00).
#
# residual: x [1,3,8,8] -> Q (u8, 192 B) -> conv1 3->8, 3x3 pad 1 (512 B)
#   -> conv2 8->8 (512 B) -> Add(conv1, conv2) (512 B) -> DQ -> output (f32,
#   the caller's buffer). conv1 is read by the Add, so at the Add conv1,
#   conv2 and the sum are alive: 3 x 512 = 1536 B (at conv1: 192 + 512).
# residual_u4: the same with every activation UINT4 (opset 21), stored at 4
#   bits: 96, 256, 256, 256 B: 768 B.
# flatten_gemm: Q (u8, [1,8,4,4] = 128 B) -> conv 8->8 1x1 (128 B) -> Flatten
#   (a view of the conv's buffer: nothing new) -> Gemm 128->10 (10 B) -> DQ.
#   At the Gemm the conv's buffer (through the Flatten) and the 10 B result
#   are alive: 138 B; at the conv 128 + 128 = 256 B.
# codes_out: the same residual with the Add's codes returned as a uint8
#   graph output (QOperator-style): the sum is written to the caller's
#   buffer, so at the Add only conv1 and conv2 count: 1024 B.
# normalized: x [1,3,8,8] float -> Sub (mean per channel) -> Div (std per
#   channel) -> Q (u8, 192 B) -> conv 3->8 (512 B) -> DQ -> output. The Sub
#   and Div are computed inside the quantizer (qcc-fuse-float-elementwise):
#   their float tensors (768 B each) are never stored. At the conv: 192 +
#   512 = 704 B (stored, the Sub's result alone would be 768 B).
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/residual.onnx -target x86_64 -o %t/r.o --report | FileCheck %s --check-prefix=RES
# RUN: %qcc compile %t/residual_u4.onnx -target x86_64 -o %t/r4.o --report | FileCheck %s --check-prefix=U4
# RUN: %qcc compile %t/flatten_gemm.onnx -target x86_64 -o %t/f.o --report | FileCheck %s --check-prefix=FLAT
# RUN: %qcc compile %t/codes_out.onnx -target x86_64 -o %t/c.o --report | FileCheck %s --check-prefix=CODES
# RUN: %qcc compile %t/normalized.onnx -target x86_64 -o %t/n.o --report | FileCheck %s --check-prefix=NORM
#
# RES: peak arena (activations): {{[0-9]+}} bytes (lower bound 1536 bytes; {{[1-9][0-9]*\.[0-9]+}}x); weights + activations: {{[0-9]+}} bytes
# U4: peak arena (activations): {{[0-9]+}} bytes (lower bound 768 bytes; {{[1-9][0-9]*\.[0-9]+}}x)
# FLAT: peak arena (activations): {{[0-9]+}} bytes (lower bound 256 bytes; {{[1-9][0-9]*\.[0-9]+}}x)
# CODES: peak arena (activations): {{[0-9]+}} bytes (lower bound 1024 bytes; {{[1-9][0-9]*\.[0-9]+}}x)
# NORM: peak arena (activations): {{[0-9]+}} bytes (lower bound 704 bytes; {{[1-9][0-9]*\.[0-9]+}}x)
import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, U8, Variants

UINT4 = 21  # TensorProto.UINT4
models = Variants()


def conv(g, x, cin, cout, k, name, act):
    w = g.weight(name + "_w", (np.arange(cout * cin * k * k) % 5 - 2)
                 .reshape(cout, cin, k, k), 0.25)
    y = g.node("Conv", [x, w], name, pads=[k // 2] * 4)
    return g.qdq(y, *act)


def build_residual(g, act, codes_out=False):
    x = g.qdq_input("x", [1, 3, 8, 8], *act)
    c1 = conv(g, x, 3, 8, 3, "conv1", act)
    c2 = conv(g, c1, 8, 8, 3, "conv2", act)
    s = g.node("Add", [c1, c2], "add")
    if codes_out:
        g.q(s, *act, out="y")
        g.output("y", act[2])
    else:
        g.dq(g.q(s, *act), *act, out="y")
        g.output("y", F32)


@models()
def residual(g):
    build_residual(g, (0.5, 8, U8))


@models(opset=21)
def residual_u4(g):
    # The builder's zero points are numpy arrays; a scalar UINT4 is one
    # nibble of raw data.
    plain = g.qparams

    def qparams(base, scale, zp, dtype):
        if dtype != UINT4:
            return plain(base, scale, zp, dtype)
        t = TensorProto(name=base + "_zp", data_type=UINT4, raw_data=bytes([zp]))
        g.initializers.append(t)
        return [g.init(base + "_scale", np.asarray(scale, np.float32)), base + "_zp"]

    g.qparams = qparams
    build_residual(g, (0.5, 8, UINT4))


@models()
def codes_out(g):
    build_residual(g, (0.5, 8, U8), codes_out=True)


@models()
def flatten_gemm(g):
    x = g.qdq_input("x", [1, 8, 4, 4], 0.5, 8)
    c = conv(g, x, 8, 8, 1, "conv", (0.5, 8, U8))
    f = g.node("Flatten", [c], "flat")
    w = g.weight("fc_w", (np.arange(128 * 10) % 5 - 2).reshape(128, 10), 0.25)
    y = g.node("MatMul", [f, w], "fc")
    g.dq(g.q(y, 0.5, 8), 0.5, 8, out="y")
    g.output("y", F32)


@models()
def normalized(g):
    g.input("x", F32, [1, 3, 8, 8])
    mean = g.init("mean", np.array([0.5, 0.25, 0.125], np.float32).reshape(1, 3, 1, 1))
    std = g.init("std", np.array([0.25, 0.5, 2.0], np.float32).reshape(1, 3, 1, 1))
    n = g.node("Div", [g.node("Sub", ["x", mean], "sub"), std], "div")
    c = conv(g, g.qdq(n, 0.5, 8, U8), 3, 8, 3, "conv", (0.5, 8, U8))
    g.dq(g.q(c, 0.5, 8), 0.5, 8, out="y")
    g.output("y", F32)


models.main()
