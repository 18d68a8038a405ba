"""ONNX Runtime oracle for `qcc compile --io=quantized` (used by e2e.py).

The quantized-I/O build takes each graph input as the integers its
QuantizeLinear would produce and returns each output as the integers its
DequantizeLinear reads. The oracle is the same model with those tensors
made visible to ONNX Runtime: every QuantizeLinear output of a graph input
and every DequantizeLinear input behind a graph output become graph
outputs. One ORT run on the float inputs then gives both the quantized
inputs (fed to qcc) and the quantized outputs qcc must reproduce.
"""
import json
import os

ONNX_DTYPES = {2: "uint8", 3: "int8", 4: "uint16", 5: "int16"}


def _initializer(graph, name):
    from onnx import numpy_helper
    for t in graph.initializer:
        if t.name == name:
            return numpy_helper.to_array(t)
    for n in graph.node:
        if n.op_type == "Constant" and n.output[0] == name:
            for a in n.attribute:
                if a.name == "value":
                    return numpy_helper.to_array(a.t)
    raise ValueError("quantization parameter %r is not a constant" % name)


def _quant_params(graph, node):
    """(scale, zero point, dtype) of a QuantizeLinear / DequantizeLinear."""
    scale = _initializer(graph, node.input[1])
    if scale.size != 1:
        raise ValueError("node %r is quantized per channel" % node.name)
    zp_dtype, zp = "uint8", 0
    if len(node.input) > 2 and node.input[2]:
        z = _initializer(graph, node.input[2])
        zp_dtype, zp = str(z.dtype), int(z.reshape(-1)[0])
    return float(scale.reshape(-1)[0]), zp, zp_dtype


def prepare(workdir, meta, oracle_model):
    """Writes WORKDIR/qio/{model.onnx,model.json}; returns (qmeta, params):
    qmeta describes the ORT run (float inputs; quantized outputs, then
    quantized inputs), params the expected header values per edge."""
    import onnx
    model = onnx.load(oracle_model)
    g = model.graph
    consumers, producer = {}, {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
        for o in n.output:
            producer[o] = n
    qdir = os.path.join(workdir, "qio")
    os.makedirs(qdir, exist_ok=True)
    qmeta = {"inputs": [], "outputs": []}
    params = {"inputs": [], "outputs": []}
    new_outputs = []
    def cast_of(node):
        """The node itself, or a float Cast's input's producer (float16 edges)."""
        if node is not None and node.op_type == "Cast":
            return producer.get(node.input[0])
        return node

    for d in meta["outputs"]:
        node = cast_of(producer.get(d["name"]))
        if node is None or node.op_type != "DequantizeLinear":
            raise ValueError("output %r is not produced by a DequantizeLinear" % d["name"])
        scale, zp, dtype = _quant_params(g, node)
        new_outputs.append((node.input[0], dtype, d["shape"]))
        qmeta["outputs"].append({"name": node.input[0], "dtype": dtype, "shape": d["shape"]})
        params["outputs"].append({"scale": scale, "zero_point": zp, "dtype": dtype})
    qin = []
    for d in meta["inputs"]:
        users = consumers.get(d["name"], [])
        if len(users) == 1 and users[0].op_type == "Cast":
            users = consumers.get(users[0].output[0], [])
        if not users or any(u.op_type != "QuantizeLinear" for u in users):
            raise ValueError("input %r is not only read by QuantizeLinear" % d["name"])
        scale, zp, dtype = _quant_params(g, users[0])
        new_outputs.append((users[0].output[0], dtype, d["shape"]))
        qmeta["outputs"].append({"name": users[0].output[0], "dtype": dtype,
                                 "shape": d["shape"]})
        params["inputs"].append({"scale": scale, "zero_point": zp, "dtype": dtype})
        qin.append(users[0].output[0])
    del g.output[:]
    elem = {v: k for k, v in ONNX_DTYPES.items()}
    for name, dtype, shape in new_outputs:
        g.output.append(onnx.helper.make_tensor_value_info(name, elem[dtype], shape))
    onnx.save(model, os.path.join(qdir, "model.onnx"))
    qmeta["inputs"] = [dict(d, file=os.path.join("..", d["file"])) for d in meta["inputs"]]
    with open(os.path.join(qdir, "model.json"), "w") as f:
        json.dump(qmeta, f, indent=1)
    return qmeta, params


def quantized_meta(meta, qmeta, qdir):
    """The e2e meta of the quantized-I/O build: inputs are ORT's quantized
    inputs (written by the oracle run as qdir/ort_output<k>.bin)."""
    nout = len(meta["outputs"])
    ins = []
    for i, d in enumerate(meta["inputs"]):
        q = qmeta["outputs"][nout + i]
        ins.append({"name": d["name"], "dtype": q["dtype"], "shape": d["shape"],
                    "file": os.path.join("qio", "ort_output%d.bin" % (nout + i))})
    outs = [{"name": d["name"], "dtype": q["dtype"], "shape": d["shape"]}
            for d, q in zip(meta["outputs"], qmeta["outputs"])]
    return {"inputs": ins, "outputs": outs}


def check_header(header_text, params, up="MODEL"):
    """Problems with the _SCALE / _ZERO_POINT / _DTYPE macros of model.h."""
    import re
    import numpy as np
    macros = dict(re.findall(r"#define (\w+) (.+)", header_text))
    problems = []
    for kind, key in (("inputs", "INPUT"), ("outputs", "OUTPUT")):
        for i, p in enumerate(params[kind]):
            pre = "%s_%s%d_" % (up, key, i)
            scale = macros.get(pre + "SCALE", "").rstrip("f")
            zp = macros.get(pre + "ZERO_POINT")
            dtype = macros.get(pre + "DTYPE", "").strip('"')
            try:
                same = np.float32(float(scale)) == np.float32(p["scale"])
            except ValueError:
                same = False
            if not same:
                problems.append("%sSCALE is %r, the model's scale %r" % (pre, scale, p["scale"]))
            if zp is None or int(zp) != p["zero_point"]:
                problems.append("%sZERO_POINT is %r, the model's %d" % (pre, zp, p["zero_point"]))
            if dtype != p["dtype"]:
                problems.append("%sDTYPE is %r, the model's %r" % (pre, dtype, p["dtype"]))
    return problems
