"""Regenerates the reproducers in this directory (crashes and sanitizer
reports found by utils/fuzz-importer.sh, reduced by hand to a minimal model
showing the same root cause). Not run by lit (Inputs/ is excluded): the
.onnx files are checked in and used as they are by ../*.test.

    PYTHONPATH=python /usr/bin/python3 test/Import/ONNX/fuzz/Inputs/make_inputs.py test/Import/ONNX/fuzz/Inputs
"""
import numpy as np

from qcc_models.testing import F32, I8, U8, Variants

models = Variants()


def q_of_float_weight(g, w):
    """x -> QDQ -> Conv(DQ(Q(float constant w))) -> QDQ -> out; the weight
    is a float constant quantized by QuantizeLinear (folded at import)."""
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    g.init("w", np.asarray(w, np.float32).reshape(1, 1, 1, 1))
    wq = g.q("w", 0.125, 0, I8, out="wq", name="wq")
    wdq = g.dq(wq, 0.125, 0, I8, out="wdq")
    y = g.node("Conv", [x, wdq], "y", name="conv")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 1 (UBSan float-cast-overflow in
# Importer::importQuantizeLinear): a float constant whose value / scale is
# beyond int64 (1e30 / 0.125) or NaN.
@models()
def q_const_huge(g):
    q_of_float_weight(g, [1e30])


@models()
def q_const_nan(g):
    q_of_float_weight(g, [np.nan])


# Fuzzer finding 2 (SIGSEGV; UBSan: reference binding to null pointer in
# Importer::importConv): a Conv whose input is a rank-0 tensor;
# getDimSize(0) of its shape is read before the rank is checked.
@models()
def conv_scalar_input(g):
    x = g.qdq_input("x", [], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    y = g.node("Conv", [x, w], "y", name="conv")
    g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
    g.output("out", F32)


# Fuzzer finding 3 (timeout: endless loop in Importer::findOutputQuant,
# skipIdentities): an Identity node whose output is its own input, right
# after a Conv; following the Identity chain never ends.
@models()
def identity_self_loop(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.node("Conv", [x, w], "y", name="conv")
    g.node("Identity", ["y"], "y", name="id")
    g.output("out", F32)


# The same with two Identity nodes feeding each other (a -> b -> a).
@models()
def identity_cycle(g):
    x = g.qdq_input("x", [1, 1, 1, 1], 0.5, 128)
    w = g.weight("w", np.ones([1, 1, 1, 1]), 0.125)
    g.node("Conv", [x, w], "a", name="conv")
    g.node("Identity", ["a"], "b", name="id_ab")
    g.node("Identity", ["b"], "a", name="id_ba")
    g.output("out", F32)


models.main()
