# Regression test (issue 8, bug 4): messages that named the wrong format's
# remedy or no type at all.
#   qonnx_float_into_trunc: a QONNX graph with a float tensor where a
#     quantized one is needed was told "QDQ models must feed it through
#     DequantizeLinear"; now the QONNX remedy (a Quant). (The case found
#     was a float input to a Conv, and later a Resize: issue 9 made both
#     valid, they run in float. A Trunc still needs a quantized input.)
#   qonnx_float_out_of_conv: a QONNX conv whose output feeds a float op was
#     told to add a QuantizeLinear. Since issue 9 the convolution runs in
#     float there, as the QONNX executor runs it.
#   float8_initializer: float8/float4 element types printed as "element
#     type an unsupported element type is not supported".
#
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/qonnx_float_into_trunc.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=INTO --implicit-check-not=DequantizeLinear
# RUN: %qcc compile %t/qonnx_float_out_of_conv.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=OUT
# RUN: not %qcc compile %t/float8_initializer.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=F8
# RUN: not %qcc compile %t/float4_initializer.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=F4

# INTO: qcc: error: {{.*}}qonnx_float_into_trunc.onnx: node 'trunc' (Trunc): input 'x' must be a quantized tensor (the output of a Quant, or of an op quantized by one)
# OUT: %[[C:.*]] = qnn.float_conv2d
# OUT-NEXT: qnn.float_unary tanh %[[C]]
# F8: qcc: error: {{.*}}float8_initializer.onnx: {{.*}}element type float8e4m3fn is not supported
# F4: qcc: error: {{.*}}float4_initializer.onnx: {{.*}}element type float4e2m1 is not supported

import numpy as np
from onnx import TensorProto, helper

from qcc_models.testing import F32, Variants

QONNX = "qonnx.custom_op.general"
models = Variants()


def qonnx_conv(g, quantize_input):
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 1, 2, 2])
    for name, v in (("s", 0.5), ("z", 0.0), ("b", 4.0)):
        g.init(name, np.float32(v))
    g.init("w", np.ones([1, 1, 1, 1], np.float32))
    g.node("Quant", ["w", "s", "z", "b"], "wq", name="wq", domain=QONNX)
    x = "x"
    if quantize_input:
        x = g.node("Quant", ["x", "s", "z", "b"], "xq", name="xq", domain=QONNX)
    return g.node("Conv", [x, "wq"], "y", name="conv")


@models()
def qonnx_float_into_trunc(g):
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    g.input("x", F32, [1, 1, 2, 2])
    ins = ["x"] + [g.init(name, np.float32(v))
                   for name, v in (("s", 0.5), ("z", 0.0), ("ib", 8.0), ("ob", 4.0))]
    g.output(g.node("Trunc", ins, "t", name="trunc", domain=QONNX), F32)


@models()
def qonnx_float_out_of_conv(g):
    y = qonnx_conv(g, True)
    g.output(g.node("Tanh", [y], "t", name="tanh"), F32)


def small_float_initializer(g, dtype):
    g.input("x", F32, [1, 2])
    # Built by hand: Debian's onnx python predates these element types.
    t = TensorProto()
    t.name, t.data_type, t.raw_data = "half", dtype, b"\x38"
    t.dims.append(1)
    g.initializers.append(t)
    g.output(g.node("Add", ["half", "x"], "y", name="use"), F32)


@models(opset=21)
def float8_initializer(g):
    small_float_initializer(g, 17)  # FLOAT8E4M3FN


@models(opset=21)
def float4_initializer(g):
    small_float_initializer(g, 23)  # FLOAT4E2M1


models.main()
