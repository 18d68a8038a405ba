"""The model ONNX Runtime runs as the tests' oracle, without its saturating
uint8 x int8 kernels.

On x86-64 without VNNI (AVX2, and AVX-512 without VNNI), ONNX Runtime
multiplies uint8 activations by int8 weights with VPMADDUBSW, which adds
two products in 16 bits with saturation: where a pair exceeds 32767 its
integer results are wrong (ORT's quantization docs say so and suggest
uint8 weights or reduce_range). Seen on an AMD EPYC (AVX2) with ORT 1.30:
a MatMulInteger off by 13091 and QDQ convolutions off by up to 39 LSB,
where the numpy reference, qcc on x86-64 and qcc on AArch64 agree.

`write_oracle_model(dir)` rewrites the model ORT reads so that ORT never
multiplies across signedness: an int8 weight ORT would multiply with uint8
activations becomes uint8, its values and zero point + 128; a uint8 weight
it would multiply with int8 activations (which ORT runs as uint8 x int8,
operands swapped) becomes int8, both - 128. That is an identity of the
quantization formula, (w + 128) - (zp + 128) = w - zp, so the oracle
computes the same function, and ORT then uses its uint8 x uint8 or int8 x
int8 kernels, which do not saturate (checked, test/e2e/
oracle_uint8_weights.py). Rewritten:
  - DequantizeLinear of an int8 constant, to uint8 (QDQ weights; any int8
    constant dequantizes to the same floats as its uint8 + 128 form);
  - the constant weight of QLinearConv, QLinearMatMul, MatMulInteger,
    ConvInteger and com.microsoft QGemm, to its activation's type.
Graph inputs, activations and every other tensor are left as they are.

Every int8 constant a DequantizeLinear reads becomes uint8, whatever the
activation it meets, because ORT on x86-64 runs QDQ graphs with int8
activations as uint8 ones (its QDQIsInt8Allowed() is false there): an int8
weight would meet a uint8 activation and saturate. On an Arm host the
rewrite would turn ORT's fused int8 x int8 QDQ kernels into float
DequantizeLinear -> op -> QuantizeLinear; the tests run ORT on x86-64.

ORT's own precision mode (session option session.x64quantprecision = 1)
was tried instead: it makes MatMulInteger, QLinearMatMul and a QDQ MatMul
exact on the AVX2 machine, but a ConvInteger of int8 activations and uint8
weights stays 64006 off, so the rewrite it is.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

from .builder import ORACLE_FILE

INT8, UINT8 = TensorProto.INT8, TensorProto.UINT8

# op type -> (activation input, its zero point, weight input, its zero point)
_INTEGER_KERNELS = {
    ("", "QLinearConv"): (0, 2, 3, 5),
    ("", "QLinearMatMul"): (0, 2, 3, 5),
    ("", "MatMulInteger"): (0, 2, 1, 3),
    ("", "ConvInteger"): (0, 2, 1, 3),
    ("com.microsoft", "QGemm"): (0, 2, 3, 5),
}


def _input(node, i):
    return node.input[i] if i < len(node.input) and node.input[i] else None


class _Rewriter(object):
    def __init__(self, model):
        self.model = model
        g = model.graph
        self.inits = {t.name: t for t in g.initializer}
        # Constant nodes' values count as constants too.
        for n in g.node:
            if n.op_type == "Constant" and n.domain in ("", "ai.onnx"):
                for a in n.attribute:
                    if a.name == "value":
                        self.inits.setdefault(n.output[0], a.t)
        self.types = {}
        for v in list(g.input) + list(g.output) + list(g.value_info):
            self.types[v.name] = v.type.tensor_type.elem_type
        try:
            inferred = onnx.shape_inference.infer_shapes(model)
            for v in inferred.graph.value_info:
                self.types.setdefault(v.name, v.type.tensor_type.elem_type)
        except Exception:  # a model ONNX's inference cannot type
            pass
        for name, t in self.inits.items():
            self.types[name] = t.data_type
        self.added = {}
        self.count = 0

    def int8_constant(self, name):
        t = self.inits.get(name) if name else None
        return t is not None and t.data_type == INT8

    def constant_of(self, name, to, shape=()):
        """Constant `name` (int8 or uint8) in type `to`, its values moved by
        128 (None: a zero point the node leaves out, 0, of `shape`)."""
        key = (name, to, shape)
        if key in self.added:
            return self.added[key]
        kind = "u8" if to == UINT8 else "i8"
        if name is None:
            values = np.zeros(shape, np.int32)
            frm = INT8 if to == UINT8 else UINT8
            new = "_oracle_zp_%s_%s" % ("x".join(map(str, shape)) or "scalar", kind)
        else:
            values = numpy_helper.to_array(self.inits[name]).astype(np.int32)
            frm = self.inits[name].data_type
            new = "%s_oracle_%s" % (name, kind)
        if frm != to:
            values = values + (128 if to == UINT8 else -128)
        t = numpy_helper.from_array(values.astype(np.uint8 if to == UINT8 else np.int8), new)
        self.model.graph.initializer.append(t)
        self.added[key] = new
        return new

    def rewrite(self, node, w, wzp, scale, to=UINT8):
        """Points node's inputs w (and wzp) at their forms in type `to`; a
        missing zero point is 0, shaped like constant `scale` (a scalar
        where scale is None)."""
        while len(node.input) <= wzp:
            node.input.append("")
        zp_name = _input(node, wzp)
        if zp_name is not None and zp_name not in self.inits:
            return  # a zero point computed at run time: left alone
        shape = tuple(self.inits[scale].dims) if scale else ()
        node.input[w] = self.constant_of(node.input[w], to)
        node.input[wzp] = self.constant_of(zp_name, to, shape)
        self.count += 1

    def run(self):
        for n in self.model.graph.node:
            if n.op_type == "DequantizeLinear" and n.domain in ("", "ai.onnx"):
                if self.int8_constant(_input(n, 0)) and _input(n, 1) in self.inits:
                    self.rewrite(n, 0, 2, _input(n, 1))
                continue
            k = _INTEGER_KERNELS.get((n.domain if n.domain != "ai.onnx" else "", n.op_type))
            if not k:
                continue
            act, act_zp, w, w_zp = k
            weight = self.inits.get(_input(n, w))
            zp = _input(n, act_zp)
            act_type = self.types.get(zp) if zp else self.types.get(_input(n, act))
            # The weight in the activation's signedness: uint8 x uint8 or
            # int8 x int8 (ORT runs int8 x uint8 as uint8 x int8, swapped).
            if (weight is None or act_type not in (UINT8, INT8)
                    or weight.data_type not in (UINT8, INT8)
                    or weight.data_type == act_type):
                continue
            # MatMulInteger and ConvInteger have no scale: a missing zero
            # point is a scalar.
            integer = n.op_type in ("MatMulInteger", "ConvInteger")
            self.rewrite(n, w, w_zp, None if integer else _input(n, w + 1), act_type)
        return self.count


def without_uint8_int8_kernels(model):
    """Rewrites `model` in place (see the module's docstring); returns how
    many nodes now read rewritten weights."""
    return _Rewriter(model).run()


def write_oracle_model(outdir):
    """Writes outdir/model_ort.onnx (the file ORT's runners read first) as
    the rewritten form of model_ort.onnx or, without one, model.onnx, when
    there is anything to rewrite. Returns the number of nodes rewritten."""
    src = os.path.join(outdir, ORACLE_FILE)
    if not os.path.isfile(src):
        src = os.path.join(outdir, "model.onnx")
    model = onnx.load(src)
    count = without_uint8_int8_kernels(model)
    if count:
        onnx.save(model, os.path.join(outdir, ORACLE_FILE))
    return count


INT4, UINT4 = 22, 21  # TensorProto.INT4 / UINT4 (onnx before 1.16 lacks the names)


def with_int8_edges(model):
    """A copy of `model` whose int4 / uint4 graph inputs and outputs are
    int8 / uint8 ones, converted by Cast nodes (exact for values in range):
    onnxruntime-node has no int4 tensor type, so ORT is fed the values one
    a byte and gives them back so (test/e2e/oracle/ort_common.js packs and
    unpacks them). Every other tensor keeps its name and type."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    wide = {INT4: INT8, UINT4: UINT8}
    renamed = {}
    front, back = [], []
    for v in g.input:
        t = v.type.tensor_type
        if t.elem_type in wide:
            inner = v.name + "__oracle_4bit"
            front.append(onnx.helper.make_node("Cast", [v.name], [inner], to=t.elem_type))
            renamed[v.name] = inner
            t.elem_type = wide[t.elem_type]
    for n in g.node:
        for i, x in enumerate(n.input):
            if x in renamed:
                n.input[i] = renamed[x]
    for v in g.output:
        t = v.type.tensor_type
        if t.elem_type not in wide:
            continue
        if v.name in renamed:  # a graph input, output as it is: int8 already
            t.elem_type = wide[t.elem_type]
            continue
        inner = v.name + "__oracle_4bit"
        for n in g.node:
            for i, x in enumerate(n.output):
                if x == v.name:
                    n.output[i] = inner
            for i, x in enumerate(n.input):
                if x == v.name:
                    n.input[i] = inner
        back.append(onnx.helper.make_node("Cast", [inner], [v.name], to=wide[t.elem_type]))
        t.elem_type = wide[t.elem_type]
    nodes = front + list(g.node) + back
    del g.node[:]
    g.node.extend(nodes)
    return m
