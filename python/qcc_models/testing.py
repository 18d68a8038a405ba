"""Small, fully explicit ONNX graph builder for qcc's lit tests.

Unlike builder.ModelBuilder (random data, calibrated quantization) every
scale, zero point and weight here is given by the test, so that the expected
qnn IR can be derived by hand and written in CHECK lines.

A test script looks like:

    # RUN: %python %s %t.onnx && %qcc compile %t.onnx --emit=qnn | FileCheck %s
    from qcc_models.testing import Graph, U8, I8, I32, F32
    g = Graph(opset=13)
    x = g.qdq_input("x", [1, 3, 4, 4], scale=0.5, zp=128)
    ...
    g.output(y, F32)
    g.save()                      # writes sys.argv[1]

Nothing is checked with onnx.checker: error tests need invalid models.
"""
import collections
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from . import ref
from .builder import NP_TO_ONNX, ir_version_for_opset, make_tensor

F32 = TensorProto.FLOAT
U8 = TensorProto.UINT8
I8 = TensorProto.INT8
I16 = TensorProto.INT16
U16 = TensorProto.UINT16
I32 = TensorProto.INT32
I64 = TensorProto.INT64

INT4, UINT4 = 22, 21  # TensorProto.INT4 / UINT4 (onnx before 1.16 lacks the names)

_NP = {F32: np.float32, U8: np.uint8, I8: np.int8, I16: np.int16, U16: np.uint16,
       I32: np.int32, I64: np.int64}


def f32(v):
    """The binary32 value of v as a python float (what qcc stores)."""
    return float(np.float32(v))


def g9(v):
    """%.9g of the binary32 value of v, as qcc prints scales."""
    s = "%.9g" % f32(v)
    if not any(c in s for c in ".eEn"):
        s += ".0"
    return s


class Graph(object):
    def __init__(self, opset=13, name="test", ir_version=None):
        self.opset = opset
        self.name = name
        self.ir_version = ir_version
        self.nodes = []
        self.initializers = []
        self.inputs = []
        self.outputs = []
        self.opsets = [helper.make_opsetid("", opset)]
        self._n = 0

    # -- names ---------------------------------------------------------------
    def fresh(self, base):
        self._n += 1
        return "%s_%d" % (base, self._n)

    # -- tensors -------------------------------------------------------------
    def init(self, name, array, dtype=None):
        """Initializer `name` holding `array` (numpy dtype or ONNX dtype)."""
        if dtype is not None:
            array = np.asarray(array, dtype=_NP[dtype])
        array = np.asarray(array)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def init4(self, name, values, dtype, dims=()):
        """INT4 / UINT4 initializer `name` of shape `dims` holding `values`,
        packed two a byte (the first in the low nibble) in raw_data."""
        sub = {INT4: ref.INT4, UINT4: ref.UINT4}[dtype]
        self.initializers.append(
            make_tensor(name, np.asarray(values).reshape(dims), sub))
        return name

    def const_node(self, name, array, dtype=None):
        """A Constant node producing `array` as `name`."""
        if dtype is not None:
            array = np.asarray(array, dtype=_NP[dtype])
        t = numpy_helper.from_array(np.asarray(array), name + "_value")
        self.nodes.append(helper.make_node("Constant", [], [name],
                                           name=name + "_const", value=t))
        return name

    def input(self, name, elem, shape):
        """Graph input; shape entries may be ints, strings (symbolic) or None."""
        self.inputs.append(helper.make_tensor_value_info(name, elem, shape))
        return name

    def output(self, name, elem, shape=None):
        self.outputs.append(helper.make_tensor_value_info(name, elem, shape))
        return name

    # -- nodes ---------------------------------------------------------------
    def node(self, op, inputs, outputs=None, name=None, domain=None, **attrs):
        """Adds a node; returns its output name (or the list if several)."""
        if outputs is None:
            outputs = [self.fresh(op.lower())]
        elif isinstance(outputs, str):
            outputs = [outputs]
        kw = dict(attrs)
        if domain is not None:
            kw["domain"] = domain
        self.nodes.append(helper.make_node(op, list(inputs), list(outputs),
                                           name=name or outputs[0] + "_node",
                                           **kw))
        return outputs[0] if len(outputs) == 1 else list(outputs)

    def qparams(self, base, scale, zp, dtype):
        """(scale, zero point) initializers; zp None -> no zero point input."""
        s = self.init(base + "_scale", np.asarray(scale, np.float32))
        if zp is None:
            return [s]
        z = self.init(base + "_zp", np.asarray(zp, _NP[dtype]))
        return [s, z]

    def q(self, x, scale, zp, dtype=U8, out=None, name=None, **attrs):
        """QuantizeLinear(x, scale, zp)."""
        out = out or self.fresh(x + "_q")
        return self.node("QuantizeLinear", [x] + self.qparams(out, scale, zp, dtype),
                         out, name=name, **attrs)

    def dq(self, x, scale, zp, dtype=U8, out=None, name=None, **attrs):
        """DequantizeLinear(x, scale, zp)."""
        out = out or self.fresh(x + "_dq")
        return self.node("DequantizeLinear", [x] + self.qparams(out, scale, zp, dtype),
                         out, name=name, **attrs)

    def qdq(self, x, scale, zp, dtype=U8, out=None):
        """x -> Q -> DQ with the same parameters; returns the DQ output.
        `out` names the quantized tensor (the Q output)."""
        qn = self.q(x, scale, zp, dtype, out=out)
        return self.dq(qn, scale, zp, dtype)

    def qdq_input(self, name, shape, scale, zp, dtype=U8):
        """float input -> Q -> DQ; returns the DQ output."""
        self.input(name, F32, shape)
        return self.qdq(name, scale, zp, dtype)

    def weight(self, name, values, scale, zp=None, dtype=I8, axis=None):
        """DQ(integer initializer `name`); per-axis when scale is a list.
        Returns the DQ output (a float weight)."""
        values = np.asarray(values, _NP[dtype])
        self.init(name, values)
        scale = np.asarray(scale, np.float32)
        if zp is None:
            zp = np.zeros(scale.shape, _NP[dtype])
        attrs = {}
        if axis is not None:
            attrs["axis"] = axis
        return self.dq(name, scale, zp, dtype, out=name + "_dq", **attrs)

    def bias(self, name, values, scale):
        """DQ(int32 initializer) with zp 0 (per-axis 0 when scale is a list)."""
        scale = np.asarray(scale, np.float32)
        attrs = {"axis": 0} if scale.ndim == 1 else {}
        self.init(name, np.asarray(values, np.int32))
        return self.dq(name, scale, np.zeros(scale.shape, np.int32), I32,
                       out=name + "_dq", **attrs)

    # -- model ---------------------------------------------------------------
    def model(self):
        graph = helper.make_graph(self.nodes, self.name, self.inputs,
                                  self.outputs, initializer=self.initializers)
        m = helper.make_model(graph, producer_name="qcc-lit",
                              opset_imports=self.opsets)
        m.ir_version = (self.ir_version if self.ir_version is not None
                        else ir_version_for_opset(self.opset))
        return m

    def save(self, path=None):
        path = path or sys.argv[1]
        with open(path, "wb") as f:
            f.write(self.model().SerializeToString())
        return path


def small_cnn(g):
    """A small valid QDQ model for the driver tests (fills Graph g).

    inputs:  input    float32 [1, 3, 8, 8]   (768 bytes)
             skip     int8    [1, 4, 4, 4]   (64 bytes)
    outputs: features uint8   [1, 4, 4, 4]   (64 bytes)
             pooled   float32 [1, 4, 1, 1]   (16 bytes)

    input -> Q/DQ -> Conv 3x3 (4 filters, pads 1) + Relu -> Q/DQ -> MaxPool
    2x2/2 -> Add(DQ(skip)) -> Q = features -> DQ -> GlobalAveragePool -> Q ->
    DQ = pooled.
    """
    x = g.qdq_input("input", [1, 3, 8, 8], 0.05, 128)
    w = g.weight("conv_w", (np.arange(108) % 7 - 3).reshape(4, 3, 3, 3),
                 [0.02, 0.03, 0.04, 0.05], axis=0)
    b = g.bias("conv_b", [10, -10, 20, -20], [0.001, 0.0015, 0.002, 0.0025])
    y = g.node("Conv", [x, w, b], "conv", pads=[1, 1, 1, 1])
    y = g.qdq(g.node("Relu", [y], "relu"), 0.1, 0)
    p = g.qdq(g.node("MaxPool", [y], "pool", kernel_shape=[2, 2], strides=[2, 2]),
              0.1, 0)
    g.input("skip", I8, [1, 4, 4, 4])
    s = g.dq("skip", 0.125, 0, I8)
    a = g.node("Add", [p, s], "add")
    g.q(a, 0.2, 10, U8, out="features")
    f = g.dq("features", 0.2, 10, U8)
    m = g.node("GlobalAveragePool", [f], "gap")
    g.dq(g.q(m, 0.1, 0, U8), 0.1, 0, U8, out="pooled")
    g.output("features", U8)
    g.output("pooled", F32)
    return g


class Variants(object):
    """A set of named models written together, for tests with many RUN lines
    (error tests): one python run writes OUTDIR/<name>.onnx for each.

        models = Variants()

        @models(opset=12)
        def opset12(g):
            ...                       # fill the Graph g

        models.main()                 # sys.argv[1] = OUTDIR

    A variant may instead return bytes: they are written as the file.
    """

    def __init__(self):
        self.builders = collections.OrderedDict()

    def __call__(self, opset=13, ir_version=None):
        def register(fn):
            if fn.__name__ in self.builders:
                raise ValueError("duplicate variant " + fn.__name__)
            self.builders[fn.__name__] = (fn, opset, ir_version)
            return fn
        return register

    def write(self, outdir):
        os.makedirs(outdir, exist_ok=True)
        for name, (fn, opset, ir_version) in self.builders.items():
            g = Graph(opset=opset, name=name, ir_version=ir_version)
            data = fn(g)
            if data is None:
                data = g.model().SerializeToString()
            with open(os.path.join(outdir, name + ".onnx"), "wb") as f:
                f.write(data)

    def main(self, argv=None):
        argv = sys.argv if argv is None else argv
        if len(argv) != 2:
            raise SystemExit("usage: %s OUTDIR" % argv[0])
        self.write(argv[1])


__all__ = ["Graph", "Variants", "small_cnn", "F32", "U8", "I8", "I16", "U16", "I32",
           "I64", "INT4", "UINT4", "f32", "g9", "NP_TO_ONNX"]
