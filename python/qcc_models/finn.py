"""FINN's streamlined form of a QONNX network.

FINN (Xilinx) turns a Brevitas/QONNX network into integer arithmetic kept
in float tensors before it maps it to hardware: weights become float
initializers holding integers, their datatype recorded in the graph's
quantization_annotation (key "finn_datatype": "INT2", "BIPOLAR", ...), and
every activation quantizer, with the batch norms and scales around it,
becomes a MultiThreshold node (domain qonnx.custom_op.general):

  MultiThreshold(x, thresholds)   attrs out_dtype, out_scale (1.0),
                                  out_bias (0.0), data_layout ("NCHW")
      y = out_scale * #{ t : x >= thresholds[c, t] } + out_bias

with c the channel (axis 1 for NC and NCHW inputs, axis 3 for NHWC, the
last axis for other ranks) and thresholds [C, T] or [1, T] (qonnx's
custom_op/general/multithreshold.py).

multithreshold() computes it with numpy; expand_multithreshold() writes it
as standard ONNX operators (Unsqueeze, Less, Not, Cast, ReduceSum, Mul,
Add at the model's opset) for ONNX Runtime, the oracle.
"""
import copy

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from .qonnx import QONNX_DOMAIN, QonnxBuilder, QuantInfo, expand_to_standard_onnx


def threshold_axis(rank, layout="NCHW"):
    if layout == "NHWC" and rank == 4:
        return 3
    return 1 if rank in (2, 4) else rank - 1


def multithreshold(v, thresholds, out_scale=1.0, out_bias=0.0, layout="NCHW"):
    """The count of thresholds each value reaches, times out_scale plus
    out_bias, in float32."""
    axis = threshold_axis(v.ndim, layout)
    vm = np.moveaxis(v, axis, -1)[..., None]
    cnt = np.count_nonzero(vm >= thresholds, axis=-1).astype(np.float32)
    cnt = np.moveaxis(cnt, -1, axis)
    return (cnt * np.float32(out_scale) + np.float32(out_bias)).astype(np.float32)


def expand_multithreshold(node, rank, opset, thresholds, nodes, initializers):
    """Standard ONNX nodes computing MultiThreshold `node` on an input of
    rank `rank` with constant `thresholds`, appended to `nodes`; the last
    one writes node's output."""
    attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    layout = attrs.get("data_layout", b"NCHW")
    layout = layout.decode() if isinstance(layout, bytes) else layout
    axis = threshold_axis(rank, layout)
    pre = node.name or node.output[0]
    shape = [1] * (rank + 1)
    shape[axis], shape[rank] = thresholds.shape
    names = iter(range(1000))

    def const(v):
        name = "%s_c%d" % (pre, next(names))
        initializers.append(numpy_helper.from_array(np.asarray(v), name))
        return name

    def emit(op, inputs, **kw):
        out = "%s_%s%d" % (pre, op.lower(), next(names))
        nodes.append(helper.make_node(op, inputs, [out], name=out, **kw))
        return out

    thr = const(thresholds.astype(np.float32).reshape(shape))
    if opset >= 13:
        xe = emit("Unsqueeze", [node.input[0], const(np.array([rank], np.int64))])
    else:
        xe = emit("Unsqueeze", [node.input[0]], axes=[rank])
    if opset >= 12:
        reached = emit("GreaterOrEqual", [xe, thr])
    else:
        reached = emit("Not", [emit("Less", [xe, thr])])
    f = emit("Cast", [reached], to=TensorProto.FLOAT)
    if opset >= 13:
        cnt = emit("ReduceSum", [f, const(np.array([rank], np.int64))], keepdims=0)
    else:
        cnt = emit("ReduceSum", [f], axes=[rank], keepdims=0)
    y = emit("Mul", [cnt, const(np.float32(attrs.get("out_scale", 1.0)))])
    y = emit("Add", [y, const(np.float32(attrs.get("out_bias", 0.0)))])
    nodes[-1].output[0] = node.output[0]


class FinnBuilder(QonnxBuilder):
    """QonnxBuilder for FINN's streamlined graphs: integer-valued float
    weights annotated with their FINN datatype, MultiThreshold activations.
    The oracle replaces every MultiThreshold (and QONNX node) by standard
    ONNX operators."""

    def __init__(self, name, opset, seed, num_calib=8):
        super().__init__(name, opset, seed, num_calib, pow2_scales=True)
        self.annotations = {}   # tensor -> FINN datatype
        self.thresholds = {}    # MultiThreshold output -> thresholds

    def int_weight(self, base, values, dtype):
        """A float initializer holding integers of FINN datatype `dtype`."""
        name = self.const(base, np.asarray(values, np.float32))
        self.annotations[name] = dtype
        return name

    def multi_threshold(self, x, thresholds, out_dtype, out_scale=1.0, out_bias=0.0,
                        layout="NCHW"):
        thresholds = np.asarray(thresholds, np.float32)
        v = multithreshold(self.values[x], thresholds, out_scale, out_bias, layout)
        attrs = {"out_dtype": out_dtype}
        if out_scale != 1.0:
            attrs["out_scale"] = float(out_scale)
        if out_bias != 0.0:
            attrs["out_bias"] = float(out_bias)
        if layout != "NCHW":
            attrs["data_layout"] = layout
        out = self.node("MultiThreshold", [x, self.const(x + "_thresholds", thresholds)], v,
                        base="multithreshold", domain=QONNX_DOMAIN, **attrs)
        self.annotations[out] = out_dtype
        self.qparams[out] = QuantInfo(np.float32(out_scale), np.float32(-out_bias / out_scale))
        return out

    def rename(self, old, new):
        new = super().rename(old, new)
        if old in self.annotations:
            self.annotations[new] = self.annotations.pop(old)
        return new

    def make_model(self):
        model = super().make_model()
        for tensor, dtype in self.annotations.items():
            qa = model.graph.quantization_annotation.add()
            qa.tensor_name = tensor
            entry = qa.quant_parameter_tensor_names.add()
            entry.key, entry.value = "finn_datatype", dtype
        return model

    def oracle_model(self, model):
        model = copy.deepcopy(model)
        inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
        nodes, new_inits = [], []
        for node in model.graph.node:
            if node.op_type != "MultiThreshold":
                nodes.append(node)
                continue
            expand_multithreshold(node, self.values[node.input[0]].ndim, self.opset,
                                  inits[node.input[1]], nodes, new_inits)
        del model.graph.node[:]
        model.graph.node.extend(nodes)
        model.graph.initializer.extend(new_inits)
        del model.graph.quantization_annotation[:]
        return expand_to_standard_onnx(model)
