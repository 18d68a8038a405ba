"""Helpers for the FINN importer tests: MultiThreshold nodes and
finn_datatype annotations. (Named *_lib.py: lit does not run it as a test.)"""
import numpy as np
from onnx import helper

from qcc_models.testing import F32
from qonnx_lib import QONNX, quant


def finn(g, annotations=None):
    """The model of Graph g with the QONNX domain imported and the tensors of
    `annotations` given their FINN datatype, serialized."""
    g.opsets.append(helper.make_opsetid(QONNX, 1))
    m = g.model()
    for tensor, dtype in (annotations or {}).items():
        qa = m.graph.quantization_annotation.add()
        qa.tensor_name = tensor
        e = qa.quant_parameter_tensor_names.add()
        e.key, e.value = "finn_datatype", dtype
    return m.SerializeToString()


def mt(g, x, thresholds, name="mt", **attrs):
    th = g.init(name + "_th", np.asarray(thresholds, np.float32))
    return g.node("MultiThreshold", [x, th], name, name=name, domain=QONNX, **attrs)


def conv_affine_graph(g, mul=(2.0, 0.5), thresholds=((3.2,), (0.1,)),
                      w=(1, -2, 0, 1), **attrs):
    """x -> Quant (0.5, 8-bit unsigned) -> Conv (2x2x1x1 weights 'w', float
    integers) -> Mul 'mul' -> Add [1, -0.25] -> MultiThreshold (BIPOLAR)."""
    g.input("x", F32, [1, 2, 1, 1])
    x = quant(g, "x", 0.5, 0, 8, "xq", signed=0)
    g.init("w", np.array(w, np.float32).reshape(2, 2, 1, 1))
    y = g.node("Conv", [x, "w"], "conv", name="conv")
    y = g.node("Mul", [y, g.init("k", np.array(mul, np.float32).reshape(1, 2, 1, 1))],
               "mul", name="mul")
    y = g.node("Add", [y, g.init("off", np.array([1, -0.25], np.float32).reshape(1, 2, 1, 1))],
               "add", name="add")
    a = {"out_dtype": "BIPOLAR", "out_scale": 2.0, "out_bias": -1.0}
    a.update(attrs)
    g.output(mt(g, y, thresholds, **a), F32)
