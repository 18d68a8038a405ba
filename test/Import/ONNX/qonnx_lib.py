"""Helpers for the QONNX importer tests: Graph nodes of the QONNX domain.
(Named *_lib.py: lit does not run it as a test.)"""
import numpy as np
from onnx import helper

from qcc_models.testing import Graph

QONNX = "qonnx.custom_op.general"


def qonnx_graph(opset=13, domain=QONNX, version=1):
    g = Graph(opset=opset)
    g.opsets.append(helper.make_opsetid(domain, version))
    g.qonnx_domain = domain
    return g


def quant(g, x, scale, zeropt, bits, name, op="Quant", **attrs):
    """QONNX Quant(x, scale, zeropt, bitwidth) named `name` (its output too)."""
    ins = [x] + [g.init(name + suffix, np.asarray(v, np.float32))
                 for suffix, v in (("_scale", scale), ("_zeropt", zeropt),
                                   ("_bitwidth", bits))]
    return g.node(op, ins, name, name=name,
                  domain=getattr(g, "qonnx_domain", QONNX), **attrs)


def bipolar(g, x, scale, name):
    s = g.init(name + "_scale", np.asarray(scale, np.float32))
    return g.node("BipolarQuant", [x, s], name, name=name,
                  domain=getattr(g, "qonnx_domain", QONNX))
