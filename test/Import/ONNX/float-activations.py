# Activations of float tensors (issue 9) become qnn.float_unary, binary32 as
# ONNX defines them: on a graph input or a float op's result (normalization
# before the first quantizer), and on a dequantized tensor whose result is
# not quantized again (a head after the last DequantizeLinear). Between
# quantizers the same ops stay integer: a clip of the output range
# (Relu/Clip) or a lookup table (relu.py, lookup-tables.py).
# Numerics: the conformance node tests (test/conformance) and
# test/Conversion/QNNToLinalg/float-unary.mlir.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/input_chain.onnx --emit=qnn | FileCheck %s --check-prefix=CHAIN
# RUN: %qcc compile %t/input_chain.onnx -target x86_64 -o %t/c.o --report | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/clip_opset7.onnx --emit=qnn | FileCheck %s --check-prefix=CLIP7
# RUN: %qcc compile %t/clip_no_max.onnx --emit=qnn | FileCheck %s --check-prefix=CLIPNOMAX
# RUN: %qcc compile %t/head_sigmoid.onnx --emit=qnn | FileCheck %s --check-prefix=HEAD
# RUN: %qcc compile %t/head_silu.onnx --emit=qnn | FileCheck %s --check-prefix=SILU
# RUN: %qcc compile %t/between_quantizers.onnx --emit=qnn | FileCheck %s --check-prefix=LUT
# RUN: %qcc compile %t/input_chain2.onnx --emit=qnn | FileCheck %s --check-prefix=CHAIN2
# RUN: %qcc compile %t/prelu_float.onnx --emit=qnn | FileCheck %s --check-prefix=PRELU
# RUN: %qcc compile %t/prelu_uniform_lut.onnx --emit=qnn | FileCheck %s --check-prefix=PRELU-LUT
# RUN: %qcc compile %t/prelu_channel_between.onnx --emit=qnn | FileCheck %s --check-prefix=PRELU-CH
# RUN: not %qcc compile %t/prelu_slope_shape.onnx --emit=qnn 2>&1 | %{err}=PRELU-SHAPE
# RUN: %qcc compile %t/mish_float.onnx --emit=qnn | FileCheck %s --check-prefix=MISH
# RUN: not %qcc compile %t/celu_zero.onnx --emit=qnn 2>&1 | %{err}=CELU0
# RUN: not %qcc compile %t/leaky_relu_bad_attr.onnx --emit=qnn 2>&1 | %{err}=ATTR
# RUN: not test -e %t/none.o

# CHAIN: %[[R:.*]] = qnn.float_unary relu %arg0 : tensor<1x4xf32>
# CHAIN-NEXT: %[[L:.*]] = qnn.float_unary leaky_relu %[[R]] {alpha = 1.000000e-01 : f32} : tensor<1x4xf32>
# CHAIN-NEXT: %[[C:.*]] = qnn.float_unary clip %[[L]] {max = 6.000000e+00 : f32, min = -1.000000e+00 : f32} : tensor<1x4xf32>
# CHAIN-NEXT: %[[H:.*]] = qnn.float_unary hard_sigmoid %[[C]] {alpha = 2.500000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x4xf32>
# CHAIN-NEXT: %[[W:.*]] = qnn.float_unary hard_swish %[[H]] : tensor<1x4xf32>
# CHAIN-NEXT: %[[S:.*]] = qnn.float_unary sigmoid %[[W]] : tensor<1x4xf32>
# CHAIN-NEXT: qnn.quantize %[[S]] : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.00390625, zp = 0>>

# REPORT: {{^}}relu{{ +}}float_relu{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16
# REPORT-NEXT: {{^}}leaky{{ +}}float_leaky_relu{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16
# REPORT-NEXT: {{^}}clip{{ +}}float_clip{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16
# REPORT-NEXT: {{^}}hsig{{ +}}float_hard_sigmoid{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16
# REPORT-NEXT: {{^}}hswish{{ +}}float_hard_swish{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16
# REPORT-NEXT: {{^}}sig{{ +}}float_sigmoid{{ +}}-{{ +}}f32{{ +}}f32{{ +}}0{{ +}}0{{ +}}16

# Clip-7 carries min and max as attributes.
# CLIP7: qnn.float_unary clip %arg0 {max = 2.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<1x4xf32>
# Clip-13 with min only: no max attribute.
# CLIPNOMAX: qnn.float_unary clip %arg0 {min = 5.000000e-01 : f32} : tensor<1x4xf32>

# DQ -> Sigmoid -> graph output (a detector head).
# HEAD: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x4xf32>
# HEAD-NEXT: %[[S:.*]] = qnn.float_unary sigmoid %[[D]] : tensor<1x4xf32>
# HEAD-NEXT: return %[[S]] : tensor<1x4xf32>

# DQ -> SiLU (Sigmoid, Mul) -> graph output: both in float.
# SILU: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x4xf32>
# SILU: %[[S:.*]] = qnn.float_unary sigmoid %[[D]] : tensor<1x4xf32>
# SILU: %[[M:.*]] = qnn.float_binary mul %{{.*}}, %[[S]] : tensor<1x4xf32>, tensor<1x4xf32> -> tensor<1x4xf32>
# SILU: return %[[M]] : tensor<1x4xf32>

# DQ -> Sigmoid -> Q and DQ -> LeakyRelu -> Q stay lookup tables.
# LUT: qnn.lookup_table
# LUT: qnn.lookup_table
# LUT-NOT: float_unary

# The exp/log based ones and Softsign, ThresholdedRelu (defaults: Elu,
# Celu and ThresholdedRelu alpha 1, Selu's alpha and gamma from the spec).
# CHAIN2: %[[T:.*]] = qnn.float_unary tanh %arg0 : tensor<1x4xf32>
# CHAIN2-NEXT: %[[E:.*]] = qnn.float_unary elu %[[T]] {alpha = 5.000000e-01 : f32} : tensor<1x4xf32>
# CHAIN2-NEXT: %[[S:.*]] = qnn.float_unary selu %[[E]] {alpha = 1.67326319 : f32, gamma = 1.05070102 : f32} : tensor<1x4xf32>
# CHAIN2-NEXT: %[[C:.*]] = qnn.float_unary celu %[[S]] {alpha = 2.000000e+00 : f32} : tensor<1x4xf32>
# CHAIN2-NEXT: %[[P:.*]] = qnn.float_unary softplus %[[C]] : tensor<1x4xf32>
# CHAIN2-NEXT: %[[N:.*]] = qnn.float_unary softsign %[[P]] : tensor<1x4xf32>
# CHAIN2-NEXT: %[[R:.*]] = qnn.float_unary thresholded_relu %[[N]] {alpha = 1.000000e+00 : f32} : tensor<1x4xf32>
# CHAIN2-NEXT: qnn.quantize %[[R]]

# PRelu of a float tensor, a per-channel slope (PyTorch's nn.PReLU(C)):
# qnn.float_binary prelu, the slope broadcast to X.
# PRELU: %[[S:.*]] = arith.constant dense<{{.*}}> : tensor<2x1x1xf32>
# PRELU: qnn.float_binary prelu %arg0, %[[S]] : tensor<1x2x2x2xf32>, tensor<2x1x1xf32> -> tensor<1x2x2x2xf32>
# Between quantizers, one slope (nn.PReLU()) is LeakyRelu's table.
# PRELU-LUT: qnn.lookup_table
# PRELU-LUT-NOT: float_binary
# A slope per channel between quantizers (no single lookup table): in float
# on the dequantized input, quantized by the quantizer after it, as ONNX
# Runtime computes DequantizeLinear -> PRelu -> QuantizeLinear.
# PRELU-CH: %[[D:.*]] = qnn.dequantize
# PRELU-CH-NEXT: %[[S:.*]] = arith.constant dense<{{\[\[\[}}2.500000e-01]], {{\[\[}}5.000000e-01]]]> : tensor<2x1x1xf32>
# PRELU-CH-NEXT: %[[P:.*]] = qnn.float_binary prelu %[[D]], %[[S]]
# PRELU-CH-NEXT: qnn.quantize %[[P]] : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qnn.q<ui8, scale = 0.100000001, zp = 128>>
# PRELU-SHAPE: qcc: error: {{.*}}prelu_slope_shape.onnx: node 'prelu' (PRelu): slope 'slope' does not broadcast to X's shape

# MISH: %[[M:.*]] = qnn.float_unary mish %arg0 : tensor<1x4xf32>
# MISH-NEXT: qnn.quantize %[[M]]
# CELU0: qcc: error: {{.*}}celu_zero.onnx: node 'celu' (Celu): alpha must not be 0 (Celu divides by it)
# ATTR: qcc: error: {{.*}}leaky_relu_bad_attr.onnx: node 'leaky' (LeakyRelu): {{.*}}'beta'{{.*}}

import numpy as np

from qcc_models.testing import F32, U8, Variants

models = Variants()


@models(opset=14)
def input_chain(g):
    """Every float activation on the graph input, then one quantizer."""
    g.input("x", F32, [1, 4])
    r = g.node("Relu", ["x"], "r", name="relu")
    l = g.node("LeakyRelu", [r], "l", name="leaky", alpha=0.1)
    g.init("lo", np.float32(-1))
    g.init("hi", np.float32(6))
    c = g.node("Clip", [l, "lo", "hi"], "c", name="clip")
    h = g.node("HardSigmoid", [c], "h", name="hsig", alpha=0.25)
    w = g.node("HardSwish", [h], "w", name="hswish")
    s = g.node("Sigmoid", [w], "s", name="sig")
    g.dq(g.q(s, 1.0 / 256, 0, out="sq"), 1.0 / 256, 0, out="out")
    g.output("out", F32)


@models(opset=7)
def clip_opset7(g):
    g.input("x", F32, [1, 4])
    g.node("Clip", ["x"], "out", name="clip", min=0.0, max=2.0)
    g.output("out", F32)


@models()
def clip_no_max(g):
    g.input("x", F32, [1, 4])
    g.init("lo", np.float32(0.5))
    g.node("Clip", ["x", "lo"], "out", name="clip")
    g.output("out", F32)


@models()
def head_sigmoid(g):
    x = g.qdq_input("x", [1, 4], 0.1, 128)
    g.node("Sigmoid", [x], "out", name="sig")
    g.output("out", F32)


@models()
def head_silu(g):
    x = g.qdq_input("x", [1, 4], 0.1, 128)
    s = g.node("Sigmoid", [x], "s", name="sig")
    g.node("Mul", [x, s], "out", name="mul")
    g.output("out", F32)


@models()
def between_quantizers(g):
    x = g.qdq_input("x", [1, 4], 0.1, 128)
    s = g.node("Sigmoid", [x], "s", name="sig")
    s = g.dq(g.q(s, 1.0 / 256, 0, out="sq"), 1.0 / 256, 0)
    l = g.node("LeakyRelu", [s], "l", name="leaky", alpha=0.1)
    g.dq(g.q(l, 1.0 / 256, 0, out="lq"), 1.0 / 256, 0, out="out")
    g.output("out", F32)


@models(opset=13)
def input_chain2(g):
    g.input("x", F32, [1, 4])
    t = g.node("Tanh", ["x"], "t", name="tanh")
    t = g.node("Elu", [t], "e", name="elu", alpha=0.5)
    t = g.node("Selu", [t], "s", name="selu")
    t = g.node("Celu", [t], "c", name="celu", alpha=2.0)
    t = g.node("Softplus", [t], "p", name="softplus")
    t = g.node("Softsign", [t], "n", name="softsign")
    t = g.node("ThresholdedRelu", [t], "r", name="thr")
    g.dq(g.q(t, 1.0 / 128, 0, out="tq"), 1.0 / 128, 0, out="out")
    g.output("out", F32)


@models()
def prelu_float(g):
    g.input("x", F32, [1, 2, 2, 2])
    g.init("slope", np.array([0.25, -0.5], np.float32).reshape(2, 1, 1))
    t = g.node("PRelu", ["x", "slope"], "p", name="prelu")
    g.dq(g.q(t, 1.0 / 128, 0, out="tq"), 1.0 / 128, 0, out="out")
    g.output("out", F32)


def prelu_between(g, slope):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.1, 128)
    g.init("slope", slope)
    t = g.node("PRelu", [x, "slope"], "p", name="prelu")
    g.dq(g.q(t, 0.1, 128, out="tq"), 0.1, 128, out="out")
    g.output("out", F32)


@models()
def prelu_uniform_lut(g):
    prelu_between(g, np.full([2, 1, 1], 0.25, np.float32))


@models()
def prelu_channel_between(g):
    prelu_between(g, np.array([0.25, 0.5], np.float32).reshape(2, 1, 1))


@models()
def prelu_slope_shape(g):
    g.input("x", F32, [1, 2, 2, 2])
    g.init("slope", np.ones([2, 1, 1, 1], np.float32))
    g.node("PRelu", ["x", "slope"], "out", name="prelu")
    g.output("out", F32)


@models(opset=18)
def mish_float(g):
    g.input("x", F32, [1, 4])
    t = g.node("Mish", ["x"], "t", name="mish")
    g.dq(g.q(t, 1.0 / 128, 0, out="tq"), 1.0 / 128, 0, out="out")
    g.output("out", F32)


@models(opset=13)
def celu_zero(g):
    g.input("x", F32, [1, 4])
    g.node("Celu", ["x"], "out", name="celu", alpha=0.0)
    g.output("out", F32)


@models()
def leaky_relu_bad_attr(g):
    g.input("x", F32, [1, 4])
    g.node("LeakyRelu", ["x"], "out", name="leaky", beta=0.5)
    g.output("out", F32)


models.main()
