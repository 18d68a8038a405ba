# Shape computations that exporters write are folded into constants (every
# shape in qcc is static): PyTorch's x.view(x.size(0), -1) is Shape ->
# Gather -> Unsqueeze -> Concat -> Reshape, with Unsqueeze's axes an
# attribute before opset 13 and an input from 13. Squeeze / Unsqueeze of a
# quantized tensor are reshapes; Dropout is the identity; Cast and Constant
# (value_ints) of shapes fold. Errors name the node.
#
# RUN: %python %s %t.v11.onnx view 11 && %qcc compile %t.v11.onnx --emit=qnn | FileCheck %s --check-prefix=VIEW
# RUN: %python %s %t.v13.onnx view 13 && %qcc compile %t.v13.onnx --emit=qnn | FileCheck %s --check-prefix=VIEW
# RUN: %python %s %t.v9.onnx view_qonnx 9 && %qcc compile %t.v9.onnx --emit=qnn | FileCheck %s --check-prefix=VIEW9
# RUN: %python %s %t.sq.onnx squeeze 13 && %qcc compile %t.sq.onnx --emit=qnn | FileCheck %s --check-prefix=SQ
# RUN: %python %s %t.sq11.onnx squeeze 11 && %qcc compile %t.sq11.onnx --emit=qnn | FileCheck %s --check-prefix=SQ
# RUN: %python %s %t.gn.onnx gather_value 13 && not %qcc compile %t.gn.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=GATHER-VALUE
# RUN: %python %s %t.mask.onnx dropout_mask 13 && not %qcc compile %t.mask.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=MASK
# RUN: %python %s %t.train.onnx dropout_training 13 && not %qcc compile %t.train.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=TRAIN
# RUN: %python %s %t.sqbad.onnx squeeze_bad 13 && not %qcc compile %t.sqbad.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=SQ-BAD

# x [1, 2, 3, 3] -> Q/DQ -> MaxPool 2x2 [1, 2, 2, 2] -> Dropout ->
# view(size(0), -1): [1, 8]. The Shape reader does not stop the pool from
# being the DQ view's only reader.
# VIEW: %[[P:.*]] = qnn.max_pool2d
# VIEW: qnn.reshape %[[P]] : tensor<1x2x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 128>>

# Opset 9, QONNX (Brevitas exports): the view after a Quant; Unsqueeze's
# axes and Constant value_ints.
# VIEW9: qnn.reshape %{{.*}} : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x18x!qnn.q<ui8, scale = 0.5, zp = 0>>

# Unsqueeze(axis 1) then Squeeze(axis 1 and 4) of [1, 2, 3, 1]:
# [1, 1, 2, 3, 1] -> [1, 2, 3]; Cast of the axes constant from float.
# SQ: %[[U:.*]] = qnn.reshape %{{.*}} -> tensor<1x1x2x3x1x!qnn.q<ui8, scale = 0.5, zp = 128>>
# SQ: qnn.reshape %[[U]] : {{.*}} -> tensor<1x2x3x!qnn.q<ui8, scale = 0.5, zp = 128>>

# GATHER-VALUE: qcc: error: {{.*}}: node 'g' (Gather): Gather of '{{.*}}' is not supported: qcc folds it on constants only (shape computations)
# MASK: qcc: error: {{.*}}: node 'drop' (Dropout): the mask output 'mask' is not supported (it is used)
# TRAIN: qcc: error: {{.*}}: node 'drop' (Dropout): training_mode must be false
# SQ-BAD: qcc: error: {{.*}}: node 'sq' (Squeeze): cannot squeeze axis 1 of size 2

import sys

import numpy as np
from onnx import TensorProto, helper

from qcc_models.testing import F32, Graph
from qonnx_lib import qonnx_graph, quant

variant, opset = sys.argv[2], int(sys.argv[3])


def view(g, x):
    """x.view(x.size(0), -1) as torch.onnx.export writes it."""
    g.node("Shape", [x], "shp", name="shape")
    g.init("i0", np.array(0, np.int64))
    g.node("Gather", ["shp", "i0"], "n", name="gather", axis=0)
    if opset >= 13:
        g.init("ax0", np.array([0], np.int64))
        g.node("Unsqueeze", ["n", "ax0"], "n1", name="unsq")
    else:
        g.node("Unsqueeze", ["n"], "n1", name="unsq", axes=[0])
    g.const_node("m1", np.array([-1], np.int64))
    g.node("Concat", ["n1", "m1"], "shape2", name="cat", axis=0)
    return g.node("Reshape", [x, "shape2"], "flat", name="reshape")


def finish(g, y, dims):
    g.dq(g.q(y, 0.5, 128, out="yq"), 0.5, 128, out="out")
    g.output("out", F32)


if variant == "view_qonnx":
    g = qonnx_graph(opset=opset)
    g.input("x", F32, [1, 2, 3, 3])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
    y = quant(g, view(g, x), 0.5, 0, 8, "yq", signed=0)
    g.output(y, F32)
    g.save()
    raise SystemExit(0)

g = Graph(opset=opset)
x = g.qdq_input("x", [1, 2, 3, 3] if variant.startswith(("view", "gather", "dropout")) else [1, 2, 3, 1],
                0.5, 128)
if variant == "view":
    p = g.node("MaxPool", [x], "p", name="pool", kernel_shape=[2, 2])
    d = g.node("Dropout", [p], "d", name="drop")
    finish(g, view(g, d), 2)
elif variant == "squeeze":
    if opset >= 13:
        g.init("axf", np.array([1.0], np.float32))
        g.node("Cast", ["axf"], "ax", name="cast", to=TensorProto.INT64)
        u = g.node("Unsqueeze", [x, "ax"], "u", name="unsq")
        g.init("sqax", np.array([1, -1], np.int64))
        s = g.node("Squeeze", [u, "sqax"], "s", name="sq")
    else:
        u = g.node("Unsqueeze", [x], "u", name="unsq", axes=[1])
        s = g.node("Squeeze", [u], "s", name="sq", axes=[1, 4])
    finish(g, s, 3)
elif variant == "gather_value":
    g.init("i0", np.array([0], np.int64))
    finish(g, g.node("Gather", [x, "i0"], "gv", name="g", axis=1), 4)
elif variant == "dropout_mask":
    g.nodes.append(helper.make_node("Dropout", [x], ["d", "mask"], name="drop"))
    finish(g, "d", 4)
    g.output("mask", TensorProto.BOOL)
elif variant == "dropout_training":
    g.init("ratio", np.array(0.5, np.float32))
    g.init("train", np.array(True))
    finish(g, g.node("Dropout", [x, "ratio", "train"], "d", name="drop"), 4)
elif variant == "squeeze_bad":
    g.init("sqax", np.array([1], np.int64))
    finish(g, g.node("Squeeze", [x, "sqax"], "s", name="sq"), 3)
g.save()
