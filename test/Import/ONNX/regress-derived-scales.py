# Regression test (fixed bug): scales the importer derives (BatchNormalization folding:
# w_scale * |gamma| / sqrt(var + eps); Gemm: w_scale * alpha) are not
# checked: var + eps <= 0 gives NaN, var + eps = 0 gives inf, an alpha that
# overflows/underflows binary32 gives inf/0. The types are built with the
# unchecked QuantType::get, mlir::verify does not re-verify types, and the
# model compiles to an object; the --emit=qnn output does not even parse
# back (qcc-opt: "scale #0 (0.000000e+00) must be positive and finite",
# "expected floating point literal" for nan). gamma = 0 gives a scale of 0
# and a misleading "bias ... does not fit the int32 accumulator".
# Each should be a one-line error naming the node.
#
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/bn_negative_var.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=BNVAR
# RUN: not %qcc compile %t/bn_zero_var.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=BNVAR
# RUN: not %qcc compile %t/bn_zero_gamma.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=BNGAMMA
# RUN: not %qcc compile %t/gemm_alpha_underflow.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GEMM
# RUN: not %qcc compile %t/gemm_alpha_overflow.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GEMM

# BNVAR: qcc: error: {{.*}}.onnx: node 'bn' (BatchNormalization): var + epsilon of channel 0 is not positive ({{.*}})
# BNGAMMA: qcc: error: {{.*}}.onnx: node 'bn' (BatchNormalization): scale (gamma) of channel 0 is 0.000000e+00; a zero or non-finite gamma cannot be folded
# GEMM: qcc: error: {{.*}}.onnx: node 'gemm' (Gemm): weight scale #0 becomes {{.*}} after folding; scales must be positive, finite binary32 values

import numpy as np

from qcc_models.testing import F32, Variants

models = Variants()


def conv_bn(g, gamma, var, eps):
    x = g.qdq_input("x", [1, 2, 3, 3], 0.5, 128)
    w = g.weight("w", np.ones([2, 2, 1, 1]), 0.5)
    y = g.node("Conv", [x, w], "y", name="conv")
    g.init("gamma", np.full(2, gamma, np.float32))
    g.init("beta", np.ones(2, np.float32))
    g.init("mean", np.zeros(2, np.float32))
    g.init("var", np.full(2, var, np.float32))
    y = g.node("BatchNormalization", [y, "gamma", "beta", "mean", "var"], "bn",
               name="bn", epsilon=eps)
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def bn_negative_var(g):
    conv_bn(g, 1.0, -1.0, 1e-5)


@models()
def bn_zero_var(g):
    conv_bn(g, 1.0, 0.0, 0.0)


@models()
def bn_zero_gamma(g):
    conv_bn(g, 0.0, 1.0, 1e-5)


def gemm(g, wscale, alpha):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    w = g.weight("w", np.ones([4, 3]), wscale)
    y = g.node("Gemm", [x, w], "y", name="gemm", alpha=alpha)
    g.dq(g.q(y, 0.1, 0, out="yq"), 0.1, 0, out="out")
    g.output("out", F32)


@models()
def gemm_alpha_underflow(g):
    gemm(g, 1e-30, 1e-20)


@models()
def gemm_alpha_overflow(g):
    gemm(g, 1e30, 1e20)


models.main()
