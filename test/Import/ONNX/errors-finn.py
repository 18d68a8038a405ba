# Import errors of FINN's MultiThreshold and annotated integer weights: one
# line naming the node, exit code 1, no output.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/no_out_dtype.onnx -target x86_64 -o %t/x.o 2>&1 | %{check}=NO-DTYPE
# RUN: not test -e %t/x.o
# RUN: not %qcc compile %t/out_dtype_float.onnx --emit=qnn 2>&1 | %{check}=DTYPE
# RUN: not %qcc compile %t/out_bias_fraction.onnx --emit=qnn 2>&1 | %{check}=BIAS-FRAC
# RUN: not %qcc compile %t/too_many_thresholds.onnx --emit=qnn 2>&1 | %{check}=RANGE
# RUN: not %qcc compile %t/bipolar_two_thresholds.onnx --emit=qnn 2>&1 | %{check}=BIPOLAR
# RUN: not %qcc compile %t/threshold_rows.onnx --emit=qnn 2>&1 | %{check}=ROWS
# RUN: not %qcc compile %t/threshold_nan.onnx --emit=qnn 2>&1 | %{check}=NAN
# RUN: not %qcc compile %t/layout_ncw.onnx --emit=qnn 2>&1 | %{check}=LAYOUT
# RUN: not %qcc compile %t/negative_factor.onnx --emit=qnn 2>&1 | %{check}=NEGATIVE
# RUN: not %qcc compile %t/weight_out_of_range.onnx --emit=qnn 2>&1 | %{check}=WEIGHT-RANGE
# RUN: not %qcc compile %t/integer_input.onnx --emit=qnn 2>&1 | %{check}=INT-INPUT
# Float weights (no finn_datatype, or FLOAT32): the convolution runs in
# float, then the Mul, Add and MultiThreshold on its float result (issue 9;
# refused before).
# RUN: %qcc compile %t/weight_not_annotated.onnx --emit=qnn | FileCheck %s --check-prefix=WEIGHT-NONE
# RUN: %qcc compile %t/weight_float_dtype.onnx --emit=qnn | FileCheck %s --check-prefix=WEIGHT-NONE
# WEIGHT-NONE: %[[C:.*]] = qnn.float_conv2d %{{.*}}, %cst
# WEIGHT-NONE: qnn.float_binary mul %[[C]]
# WEIGHT-NONE: qnn.multi_threshold

# NO-DTYPE: qcc: error: {{.*}}no_out_dtype.onnx: node 'mt' (MultiThreshold): attribute 'out_dtype' is required
# DTYPE: qcc: error: {{.*}}out_dtype_float.onnx: node 'mt' (MultiThreshold): out_dtype 'FLOAT32' is not supported (BIPOLAR, BINARY, INTn, UINTn with n <= 8)
# BIAS-FRAC: qcc: error: {{.*}}out_bias_fraction.onnx: node 'mt' (MultiThreshold): out_bias / out_scale (5.000000e-01) must be an integer: the output codes are counts plus it
# RANGE: qcc: error: {{.*}}too_many_thresholds.onnx: node 'mt' (MultiThreshold): outputs 0 to 4 (out_bias / out_scale plus 0 to 4 thresholds) do not fit UINT2
# BIPOLAR: qcc: error: {{.*}}bipolar_two_thresholds.onnx: node 'mt' (MultiThreshold): a BIPOLAR output needs one threshold per channel and out_bias = -out_scale / 2, got 2 and -1.000000e+00
# ROWS: qcc: error: {{.*}}threshold_rows.onnx: node 'mt' (MultiThreshold): thresholds must be [1, T] or [3, T] (one row per channel along axis 1), got rank 2 [2, 1]
# NAN: qcc: error: {{.*}}threshold_nan.onnx: node 'mt' (MultiThreshold): threshold [0, 1] is NaN
# LAYOUT: qcc: error: {{.*}}layout_ncw.onnx: node 'mt' (MultiThreshold): data_layout 'NCW' is not supported (NCHW, NHWC)
# NEGATIVE: qcc: error: {{.*}}negative_factor.onnx: node 'conv' (Conv): a negative factor folded into it before a MultiThreshold is not supported (only positive ones)
# WEIGHT-RANGE: qcc: error: {{.*}}weight_out_of_range.onnx: node 'conv' (Conv): weight 'w' holds 2.000000e+00, not a value of its FINN datatype INT2
# INT-INPUT: qcc: error: {{.*}}integer_input.onnx: node 'mt' (MultiThreshold): input 'xq' must be a float tensor (a graph input, a float op's result, a QONNX quantizer's or a MultiThreshold's output) or a Conv/Gemm/MatMul result

import numpy as np

from finn_lib import conv_affine_graph, finn, mt
from qcc_models.testing import F32, Variants
from qonnx_lib import QONNX

models = Variants()


def float_mt(g, thresholds=((0.0,),), shape=(1, 3), **attrs):
    g.input("x", F32, list(shape))
    g.output(mt(g, "x", [list(t) for t in thresholds], **attrs), F32)
    return finn(g)


@models()
def no_out_dtype(g):
    return float_mt(g)


@models()
def out_dtype_float(g):
    return float_mt(g, out_dtype="FLOAT32")


@models()
def out_bias_fraction(g):
    return float_mt(g, out_dtype="UINT2", out_bias=0.5)


@models()
def too_many_thresholds(g):
    return float_mt(g, [[0, 1, 2, 3]], out_dtype="UINT2")


@models()
def bipolar_two_thresholds(g):
    return float_mt(g, [[0, 1]], out_dtype="BIPOLAR", out_scale=2.0, out_bias=-1.0)


@models()
def threshold_rows(g):
    return float_mt(g, [[0], [1]], out_dtype="UINT2")


@models()
def threshold_nan(g):
    g.input("x", F32, [1, 2])
    x = g.node("Quant", ["x"] + [g.init("q" + n, np.float32(v)) for n, v in
                                  (("s", 0.5), ("z", 0), ("b", 8))],
               "xq", name="xq", domain=QONNX, signed=1)
    g.output(mt(g, x, [[0.0, np.nan]], out_dtype="UINT2"), F32)
    return finn(g)


@models()
def layout_ncw(g):
    return float_mt(g, out_dtype="UINT2", data_layout="NCW")


@models()
def negative_factor(g):
    # Channel 0's weights [1, -2] mirrored for the factor -2 would need +2,
    # beyond INT2.
    conv_affine_graph(g, mul=(-2.0, 0.5))
    return finn(g, {"w": "INT2"})


@models()
def weight_out_of_range(g):
    conv_affine_graph(g, w=(1, 2, 0, 1))
    return finn(g, {"w": "INT2"})


@models()
def weight_float_dtype(g):
    conv_affine_graph(g)
    return finn(g, {"w": "FLOAT32"})


@models()
def weight_not_annotated(g):
    conv_affine_graph(g)
    return finn(g)


@models()
def integer_input(g):
    # A QuantizeLinear output holds integers, not the real values
    # MultiThreshold compares.
    g.input("x", F32, [1, 2])
    x = g.node("QuantizeLinear", ["x", g.init("s", np.float32(0.5)),
                                  g.init("z", np.uint8(0))], "xq", name="q")
    g.output(mt(g, x, [[1.0]], out_dtype="UINT2"), F32)
    return finn(g)


models.main()
