#!/usr/bin/env python3
"""ONNX's backend node tests (conformance) compiled by qcc and run natively.

    /usr/bin/python3 test/conformance/run_node_tests.py --qcc build/bin/qcc \\
        --workdir /tmp/conf [--test NAME ...] [--aarch64] [--keep-going]
    /usr/bin/python3 test/conformance/run_node_tests.py --list
    /usr/bin/python3 test/conformance/run_node_tests.py --list-excluded

The test data is Debian's libonnx-testdata (ONNX 1.12's backend node tests,
/usr/share/libonnx-testdata/data/node/<test>/): model.onnx, one graph of a
single operator, and test_data_set_*/input_<i>.pb, output_<i>.pb, whose
outputs were computed by ONNX's reference implementation.  For every
selected test and every data set:

  1. the model is rewritten for qcc (see "Quantization parameters" below) and
     compiled: qcc compile model.onnx -target x86_64 -o x86/model.o --name model
  2. it is linked with the e2e driver (test/e2e/driver.c: every buffer between
     PROT_NONE guard pages, run with the buffers flush against the upper and
     then the lower guard), `run --info` is checked against the model's I/O,
     and the driver runs on the input_<i>.pb tensors;
  3. every output is compared EXACTLY with output_<i>.pb: integers equal,
     float32 bit-identical (Softmax, Sigmoid, Tanh, Elu, Selu, Celu,
     Softplus, linear Resize: within 4 float32 ulps, FLOAT_ULPS, those with
     exp(x) - 1 or log(1 + exp(x)) in ulps of at least their scale,
     ulps_floor; cubic Resize: within 64 ulps, CUBIC_RESIZE_ULPS;
     AveragePool, GlobalAveragePool: within the error bound of a float32
     sum, SUM_OPS).
     The expected values come from the .pb files only; nothing here
     computes a reference.
  4. with --aarch64: the same with -target aarch64, aarch64-linux-gnu-gcc
     -static and qemu-aarch64, compared exactly with the .pb files too.

Exit status 0 when every selected test passes, 1 otherwise.

Selection (--list): every node test whose operators are all ones qcc
supports on the element types qcc supports, decided from each model by
classify() below, so that a new version of the test data is classified the
same way (test/conformance/selection.test pins the result):

  * QOperator ops: QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger;
  * QuantizeLinear (float32 -> uint8/int8) and DequantizeLinear
    (uint8/int8 -> float32): the edges of every QDQ model qcc compiles;
  * MaxPool, Flatten, Reshape and Identity on uint8/int8 tensors (the
    integer tensors of a QOperator model);
  * Add, Sub, Mul, Div, Softmax, Relu, LeakyRelu, Clip, HardSigmoid,
    HardSwish, Sigmoid, Tanh, Elu, Selu, Celu, Softplus, Softsign,
    ThresholdedRelu, PRelu, DepthToSpace, SpaceToDepth, Reshape, Flatten,
    Squeeze, Unsqueeze, Transpose, Slice, Split, Pad,
    Concat and 2-D MaxPool, AveragePool, GlobalAveragePool, GlobalMaxPool on float32
    tensors: what a model leaves in float (qnn.float_binary, qnn.softmax,
    qnn.float_unary, qnn.reshape/transpose/slice/concat and the pools on
    f32); Clip's min and max, Reshape's shape, Squeeze/Unsqueeze's axes,
    PRelu's slope, Slice's starts/ends/axes/steps, Split's sizes and Pad's
    pads/constant_value/axes inputs become initializers;
  * ArgMax, ArgMin and TopK on float32 tensors (int64 indices; TopK's K
    input becomes an initializer);
  * Resize in nearest, linear and cubic modes (tf_crop_and_resize
    included) and Upsample on float32 tensors (their roi, scales and sizes
    inputs become initializers; Constant nodes before the op feed it);
  * a float32 Constant as the graph output;
  * Cast and CastLike between float32 and float16 (bit-exact, float16 I/O as uint16_t
    bits), and Dropout in inference (the identity; its ratio input becomes
    an initializer; no mask output, no training_mode).

Out of scope (--list-excluded prints each test with its reason):

  * other float-only tests (Conv, Gemm, MatMul, BatchNormalization,
    Identity, 3-D pooling ... on float tensors): qcc compiles these only
    between quantizers; on float tensors they are errors (issue 9 lists
    them as missing).
  * integer arithmetic that is not quantized arithmetic: Add/Sub/Mul/Div/
    Mod/Max/Min/BitShift on raw uint8/int8 (wrap-around or plain integer
    semantics), Clip on raw int8 tensors (qcc's Clip is a quantized
    activation between DequantizeLinear and QuantizeLinear): not forms
    qcc supports (docs/UserGuide.md, "What models compile").
  * DynamicQuantizeLinear (and its _expanded graphs): the scale and zero
    point are computed at run time; qcc needs constant quantization
    parameters.
  * MaxPool with a second (Indices, int64) output, 3-D pooling and
    convolutions: qcc pools and convolves 1-D and 2-D tensors.
  * empty tensors (a dimension of size 0), which qcc refuses;
  * anything with other operators, sequences/optionals, int16/int64/
    double/bool/string tensors, and float16 ones but for Cast to and from
    float32.

Quantization parameters become compile-time constants.  qcc compiles every
model with constant quantization parameters (docs/UserGuide.md: non-constant
scales or zero points are an error), but these node tests feed them as graph
inputs.  The harness turns those inputs into initializers holding the values
of the data set's input_<i>.pb (same name, type and shape), compiles one
model per data set, and feeds the remaining inputs at run time:

  QuantizeLinear    y_scale, y_zero_point                 -> initializers
  DequantizeLinear  x_scale, x_zero_point                 -> initializers
  QLinearConv       x_scale, x_zero_point, w_scale, w_zero_point,
                    y_scale, y_zero_point, B; and w (*)   -> initializers
  QLinearMatMul     a/b/y scales and zero points          -> initializers
                    (b stays a runtime input; variant ':const-b' makes it
                    an initializer too: qcc has both paths)
  ConvInteger       x_zero_point, w_zero_point; and w (*) -> initializers
  MatMulInteger     a_zero_point, b_zero_point; and B (*) -> initializers

(*) the weight operand: qcc compiles convolutions and MatMulInteger with
constant weights only (UserGuide: "Weights are int8 or uint8 constants";
the importer says "w must be a constant"), as in every model quantization
tools write.  The data tensors (x, a, A, and QLinearMatMul's b) stay runtime
inputs.  Nothing else in the model is changed: the opset, node attributes,
names and types are the test's own.  (--opset-override N is a diagnostic
that also rewrites the default-domain opset; a run with it is never a pass.)
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DRIVER = os.path.join(REPO, "test", "e2e", "driver.c")
DEFAULT_DATA = "/usr/share/libonnx-testdata/data/node"
CFLAGS = ["-std=c99", "-O2", "-Wall", "-Werror"]
MAX_IO = 4  # driver.c

# Operators qcc supports in these single-op graphs, and for each, the inputs
# (by position) that become initializers.  W marks the weight operand.
QOPS = {
    "QuantizeLinear": {1, 2},
    "DequantizeLinear": {1, 2},
    "QLinearConv": {1, 2, 3, 4, 5, 6, 7, 8},
    "QLinearMatMul": {1, 2, 4, 5, 6, 7},
    "ConvInteger": {1, 2, 3},
    "MatMulInteger": {1, 2, 3},
}
# QLinearMatMul's b (input 3) frozen as well in variant ':const-b'.
VARIANTS = {"QLinearMatMul": {"const-b": {3}}}
# Ops qcc runs on uint8/int8 tensors unchanged in value (QOperator models).
INT_STRUCTURAL_OPS = {"MaxPool", "Flatten", "Reshape", "Identity"}
QDQ_FLOAT_OPS = {"Conv", "Gemm", "MatMul", "Add", "Relu", "Clip", "MaxPool",
                 "AveragePool", "GlobalAveragePool", "Concat",
                 "BatchNormalization", "Flatten", "Reshape", "Identity"}
# Float ops qcc computes as ONNX defines them (what a model leaves in float):
# correctly rounded binary32, compared bit-exactly.
FLOAT_OPS = {"Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "Clip",
             "HardSigmoid", "HardSwish", "Reshape", "Flatten", "Transpose",
             "Squeeze", "Unsqueeze", "Concat", "MaxPool", "AveragePool",
             "GlobalAveragePool", "GlobalMaxPool", "Softsign", "ThresholdedRelu",
             "PRelu",
             "DepthToSpace", "SpaceToDepth", "Slice", "Split", "Pad"}
# Pooling and convolutions are 1-D or 2-D (NCL, NCHW): the 3-D node tests
# are out of scope.
POOL_OPS = {"MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"}
# Their inputs that become initializers (qcc needs Clip's bounds, Reshape's
# shape and Squeeze/Unsqueeze's axes constant; PRelu's slope is a weight).
FLOAT_CONSTANT_INPUTS = {"Clip": {1, 2}, "Reshape": {1}, "Squeeze": {1},
                         "Unsqueeze": {1}, "PRelu": {1},
                         "Slice": {1, 2, 3, 4}, "Split": {1}, "Pad": {1, 2, 3},
                         "BatchNormalization": {1, 2, 3, 4},
                         "ConvTranspose": {1}, "Resize": {1, 2, 3},
                         "TopK": {1}, "Upsample": {1}, "Dropout": {1}}
# Float ops whose result involves exp: within this many float32 ulps of the
# expected value (qcc's exp is arithmetic, not libm's; ONNX's own backend
# test runner allows rtol 1e-3).
FLOAT_ULPS = {"Softmax": 4, "Sigmoid": 4, "Tanh": 4, "Elu": 4, "Selu": 4,
              "Celu": 4, "Softplus": 4,
              # Linear and cubic resize: ONNX Runtime's order of the
              # products (qnn.resize_2d), the reference's another; nearest
              # is exact.
              "Resize": 4, "Upsample": 4}
# Cubic resize: ONNX's reference computes the source coordinates and the
# cubic weights in float64, ONNX Runtime (and qcc, bit for bit with it on
# these tests) in binary32: ORT is 37 ulps from the reference on
# test_resize_upsample_sizes_cubic and 24 on
# test_resize_upsample_scales_cubic_align_corners.
CUBIC_RESIZE_ULPS = 64


def float_ulps(op, node):
    """The ulps a float op's result may be from the expected value, or None
    (bit-identical)."""
    if op == "Resize" and any(a.name == "mode" and a.s == b"cubic" for a in node.attribute):
        return CUBIC_RESIZE_ULPS
    return FLOAT_ULPS.get(op)


# ... in ulps of at least this magnitude, the attribute that scales
# exp(x) - 1 (or 1 for Softplus's log(1 + exp(x))): near x = 0 the result
# is small while both sides' error is that of exp(x), about 1.
def ulps_floor(node):
    a = {at.name: at.f for at in node.attribute}
    op = node.op_type
    if op in ("Elu", "Celu"):
        return abs(a.get("alpha", 1.0))
    if op == "Selu":
        return abs(a.get("alpha", 1.67326319217681884765625) *
                   a.get("gamma", 1.05070102214813232421875))
    if op == "Softplus":
        return 1.0
    return 0.0
# Float averages: the window sum's order differs (ONNX Runtime and qcc add
# in row-major order; the reference, numpy, pairwise with 8 partial sums),
# so each side is within the recursive-summation error bound of the exact
# mean, (n - 1) u max|x| for a window of n values (u = 2^-24, max|x| the
# largest input magnitude), and the two within twice that.
SUM_OPS = {"AveragePool", "GlobalAveragePool"}
# Float products and BatchNormalization (layers a model leaves in float):
# the sums run in another order on each side (ONNX Runtime blocks them,
# numpy pairs them, qcc adds in order; BatchNormalization is x * k + c in
# qcc and ORT, (x - mean) / sqrt(var + eps) * scale + B in the reference),
# so each is within the recursive-summation bound n u sum|x w| of the exact
# value, sum|x w| <= n max|x| max|w|, and the two within twice that.
DOT_OPS = {"Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization"}
# ArgMax / ArgMin / TopK of float32 tensors: int64 indices (and TopK's
# float32 values), compared exactly.
ARG_OPS = {"ArgMax", "ArgMin", "TopK"}
RAW_INT_ARITH = {"Add", "Sub", "Mul", "Div", "Mod", "Max", "Min", "BitShift",
                 "Clip", "Neg", "Abs", "Sum", "Mean"}
BOUNDARY = {"float32", "float16", "uint8", "int8", "int32", "int64"}


class Failure(Exception):
    pass


def log(msg):
    print("[conformance] " + msg, flush=True)


def _np():
    import numpy
    return numpy


def _onnx():
    import onnx
    return onnx


# ---------------------------------------------------------------------------
# selection
# ---------------------------------------------------------------------------

def elem_name(onnx, value_info):
    """numpy-style name of a graph value's element type."""
    t = value_info.type
    if not t.HasField("tensor_type"):
        return "non-tensor"
    e = t.tensor_type.elem_type
    if not e:
        return "undefined"
    return onnx.TensorProto.DataType.Name(e).lower().replace("float", "float32", 1) \
        if e == onnx.TensorProto.FLOAT else onnx.TensorProto.DataType.Name(e).lower()


def main_node(graph):
    """The node a test is about: its last (Constant nodes may come first
    and feed it, e.g. Resize's roi and scales in some opset-11 tests)."""
    return graph.node[len(graph.node) - 1]


def classify(test_dir):
    """(True, op) if qcc should run the test, else (False, reason)."""
    onnx = _onnx()
    m = onnx.load(os.path.join(test_dir, "model.onnx"))
    ops = [n.op_type for n in m.graph.node]
    # Constant nodes feeding the one other node, last, are its constant
    # inputs.
    core = [op for op in ops if op != "Constant"]
    if len(core) == 1 and len(ops) > 1 and ops[-1] == core[0] and all(
            n.output[0] in m.graph.node[-1].input for n in m.graph.node[:-1]):
        ops = core
    opset = set(ops)
    ins = [elem_name(onnx, i) for i in m.graph.input]
    outs = [elem_name(onnx, o) for o in m.graph.output]
    if any(d in ("non-tensor", "undefined") for d in ins + outs):
        return False, "sequence/optional values"
    if any(o.domain not in ("", "ai.onnx") for o in m.opset_import) or \
            any(n.domain not in ("", "ai.onnx") for n in m.graph.node):
        return False, "non-default domain"
    def has_zero_dim(v):
        t = v.type.tensor_type
        return t.HasField("shape") and any(
            d.HasField("dim_value") and d.dim_value == 0 for d in t.shape.dim)
    if any(has_zero_dim(v) for v in list(m.graph.input) + list(m.graph.output)):
        return False, "empty tensors (a dimension of size 0): qcc refuses them"
    if len(ops) == 1 and ops[0] in QOPS:
        if not set(outs) <= BOUNDARY:
            return False, "output type %s" % outs
        return True, ops[0]
    if "DynamicQuantizeLinear" in opset or (
            "QuantizeLinear" in opset and len(ops) > 1):
        return False, "DynamicQuantizeLinear: scale and zero point computed at run time"
    if ops == ["Resize"]:
        a = {at.name for at in main_node(m.graph).attribute}
        later = sorted(a & {"antialias", "axes", "keep_aspect_ratio_policy"})
        if later:
            return False, "Resize with %s (opset 18): qcc refuses them" % ", ".join(later)
    if len(ops) == 1 and ops[0] in ARG_OPS:
        node = main_node(m.graph)
        frozen = {node.input[i] for i in FLOAT_CONSTANT_INPUTS.get(ops[0], ())
                  if i < len(node.input)}
        data = [elem_name(onnx, i) for i in m.graph.input if i.name not in frozen]
        if set(data) <= {"float32"} and set(outs) <= {"float32", "int64"}:
            return True, ops[0]
    if ops == ["Constant"] and outs == ["float32"] and not ins:
        return True, "Constant"  # a float constant as the graph's output
    if ops in (["Cast"], ["CastLike"]):
        # qcc casts float tensors between float32 and float16 at run time
        # (CastLike to its second input's type; the _expanded tests are a
        # Cast beside that unused input).
        if (ins[:1], outs) in ((["float32"], ["float16"]), (["float16"], ["float32"])) \
                and (ops == ["CastLike"] or len(ins) == 1 or
                     (len(ins) == 2 and ins[1] == outs[0])):
            return True, ops[0]
        return False, "%s from %s to %s: qcc casts float32 <-> float16 at run time" % (
            ops[0], "/".join(ins[:1]) or "a constant", "/".join(outs))
    if ops == ["Dropout"]:
        # Inference: the identity (ratio frozen into an initializer).
        if len(m.graph.output) > 1:
            return False, "Dropout's mask output (bool)"
        if len(main_node(m.graph).input) > 2:
            return False, "Dropout's training_mode input (random at run time)"
        if ins[:1] == ["float32"] and outs == ["float32"]:
            return True, "Dropout"
    if ops == ["BatchNormalization"] and len(m.graph.output) > 1:
        return False, "BatchNormalization in training mode (running statistics as outputs)"
    if len(ops) == 1 and (ops[0] in FLOAT_OPS or ops[0] in FLOAT_ULPS or
                          ops[0] in DOT_OPS):
        # The runtime inputs (not those frozen into initializers) and the
        # outputs are float32.
        node = main_node(m.graph)
        frozen = {node.input[i] for i in FLOAT_CONSTANT_INPUTS.get(ops[0], ())
                  if i < len(node.input)}
        data = [elem_name(onnx, i) for i in m.graph.input if i.name not in frozen]
        if set(data) <= {"float32"} and set(outs) <= {"float32"}:
            if ops[0] in POOL_OPS or ops[0] in ("Conv", "ConvTranspose"):
                rank = len(m.graph.input[0].type.tensor_type.shape.dim)
                if rank not in (3, 4):
                    return False, "%d-D %s: qcc %s 1-D and 2-D (NCL, NCHW) tensors" % (
                        rank - 2, ops[0], "pools" if ops[0] in POOL_OPS else "convolves")
            return True, ops[0]
    if ops == ["MaxPool"] and "int64" in outs:
        return False, "MaxPool's Indices output: int64 is not a type at qcc's boundary"
    if len(ops) == 1 and ops[0] in INT_STRUCTURAL_OPS:
        if not set(ins[:1]) <= {"uint8", "int8"}:
            if ins[0] == "float32" and ops[0] in QDQ_FLOAT_OPS:
                return False, "float-only %s (no quantization: no integer semantics)" % ops[0]
            return False, "%s on %s" % (ops[0], ins[0])
        if len(outs) != 1 or not set(outs) <= {"uint8", "int8"}:
            return False, "%s with outputs %s (int64 indices)" % (ops[0], outs)
        return True, ops[0]
    if len(ops) == 1 and ops[0] in QDQ_FLOAT_OPS and set(ins) <= {"float32"}:
        return False, "float-only %s (no quantization: no integer semantics)" % ops[0]
    if len(ops) == 1 and ops[0] in RAW_INT_ARITH and set(ins) & {"uint8", "int8"}:
        return False, "%s on raw %s tensors: plain integer arithmetic, not quantized" % (
            ops[0], "/".join(sorted(set(ins) & {"uint8", "int8"})))
    other = sorted(opset - set(QOPS) - INT_STRUCTURAL_OPS - QDQ_FLOAT_OPS -
                   FLOAT_OPS - set(FLOAT_ULPS) - DOT_OPS - ARG_OPS)
    if other:
        return False, "operators qcc does not support: %s" % ", ".join(other)
    other_types = sorted(set(ins + outs) - {"float32", "int64"})
    if len(ops) == 1 and other_types:
        return False, "%s on %s tensors (neither float32 nor quantized)" % (
            ops[0], "/".join(other_types))
    return False, "float-only graph of %s" % ", ".join(sorted(opset))


def selection(data_dir):
    """[(name, variant, op)] of the selected tests, [(name, reason)] of the rest."""
    sel, excl = [], []
    for name in sorted(os.listdir(data_dir)):
        d = os.path.join(data_dir, name)
        if not os.path.isfile(os.path.join(d, "model.onnx")):
            continue
        ok, what = classify(d)
        if ok:
            sel.append((name, "", what))
            for v in sorted(VARIANTS.get(what, {})):
                sel.append((name, v, what))
        else:
            excl.append((name, what))
    return sel, excl


def full_name(name, variant):
    return name + (":" + variant if variant else "")


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------

def run(cmd, what, timeout, cwd=None):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True,
                           timeout=timeout)
    except FileNotFoundError as e:
        raise Failure("%s: cannot execute %s (%s)" % (what, cmd[0], e))
    except subprocess.TimeoutExpired:
        raise Failure("%s: timed out after %d s" % (what, timeout))
    if p.returncode != 0:
        if p.returncode < 0:
            try:
                how = "killed by " + signal.Signals(-p.returncode).name
            except ValueError:
                how = "killed by signal %d" % -p.returncode
        else:
            how = "exit status %d" % p.returncode
        err = (p.stderr.strip() or p.stdout.strip())
        raise Failure("%s failed (%s)%s" % (what, how, (": " + err) if err else ""))
    return p


def load_pb(path):
    onnx = _onnx()
    from onnx import numpy_helper
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def data_sets(test_dir):
    sets = sorted(d for d in os.listdir(test_dir) if d.startswith("test_data_set_"))
    if not sets:
        raise Failure("%s: no test_data_set_*" % test_dir)
    out = []
    for s in sets:
        sd = os.path.join(test_dir, s)
        ins, outs = [], []
        i = 0
        while os.path.isfile(os.path.join(sd, "input_%d.pb" % i)):
            ins.append(load_pb(os.path.join(sd, "input_%d.pb" % i)))
            i += 1
        i = 0
        while os.path.isfile(os.path.join(sd, "output_%d.pb" % i)):
            outs.append(load_pb(os.path.join(sd, "output_%d.pb" % i)))
            i += 1
        out.append((s, ins, outs))
    return out


def prepare_model(test_dir, op, variant, inputs, out_path, opset_override=None):
    """Writes the model with the frozen inputs as initializers.  Returns the
    indices (in the original graph) of the inputs that stay runtime inputs."""
    onnx = _onnx()
    from onnx import numpy_helper
    m = onnx.load(os.path.join(test_dir, "model.onnx"))
    frozen = set(QOPS.get(op, set())) | FLOAT_CONSTANT_INPUTS.get(op, set())
    if variant:
        frozen |= VARIANTS[op][variant]
    graph_inputs = list(m.graph.input)
    if len(inputs) != len(graph_inputs):
        raise Failure("%d input_*.pb files for %d graph inputs"
                      % (len(inputs), len(graph_inputs)))
    # Node input position -> graph input index (these graphs have one node).
    node = main_node(m.graph)
    gi_index = {vi.name: i for i, vi in enumerate(graph_inputs)}
    frozen_gi = set()
    for pos, name in enumerate(node.input):
        if pos in frozen and name and name in gi_index:
            frozen_gi.add(gi_index[name])
    keep = [i for i in range(len(graph_inputs)) if i not in frozen_gi]
    del m.graph.input[:]
    for i in keep:
        m.graph.input.append(graph_inputs[i])
    for i in sorted(frozen_gi):
        m.graph.initializer.append(numpy_helper.from_array(inputs[i], graph_inputs[i].name))
    if opset_override is not None:
        for o in m.opset_import:
            if o.domain in ("", "ai.onnx"):
                o.version = opset_override
    onnx.save(m, out_path)
    return keep, frozen_gi, [graph_inputs[i].name for i in keep]


def parse_info(text):
    ios = {"input": [], "output": []}
    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ios:
            continue
        kv = dict(p.split("=", 1) for p in parts[2:])
        shape = [int(x) for x in kv["shape"].split(",")] if kv["shape"] else []
        ios[parts[0]].append({"name": kv["name"], "dtype": kv["dtype"], "shape": shape})
    return ios


def first_differences(got, want, bad):
    """The first 8 elements where `bad` holds, as [index] qcc=.. expected=.."""
    np = _np()
    return ", ".join("[%s] qcc=%r expected=%r" % (
        ",".join(str(int(i)) for i in np.unravel_index(k, got.shape)),
        got.flat[k].item(), want.flat[k].item()) for k in np.flatnonzero(bad)[:8])


def compare_exact(got, want):
    """(ok, text): integers equal, float32 bit-identical."""
    np = _np()
    if got.dtype.kind == "f":
        bits = np.uint16 if got.dtype.itemsize == 2 else np.uint32
        bad = got.view(bits) != want.view(bits)
    else:
        bad = got != want
    n = int(np.count_nonzero(bad))
    if n == 0:
        return True, "exact (%d elements)" % got.size
    diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
    shown = first_differences(got, want, bad)
    return False, "%d/%d elements differ, max |diff| %.6g; first: %s" % (
        n, got.size, float(diff.max()), shown)


def compare_ulps(got, want, ulps, floor=0.0):
    """(ok, text): float32 within `ulps` units in the last place of the
    expected value, or of `floor` where that is larger (its spacing;
    subnormal spacing below FLT_MIN)."""
    np = _np()
    diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
    unit = np.spacing(np.maximum(np.abs(want), np.float32(floor))).astype(np.float64)
    tol = ulps * unit
    bad = ~(diff <= tol)
    n = int(np.count_nonzero(bad))
    worst = float(np.max(diff / unit)) if got.size else 0.0
    if n == 0:
        return True, "within %d ulps (%d elements, worst %.1f ulps)" % (ulps, got.size, worst)
    shown = first_differences(got, want, bad)
    return False, "%d/%d elements beyond %d ulps (worst %.1f); first: %s" % (
        n, got.size, ulps, worst, shown)


def dot_tolerance(node, ins):
    """Absolute tolerance of a float product or BatchNormalization (DOT_OPS):
    twice the recursive-summation bound (see DOT_OPS)."""
    np = _np()
    u = 2.0 ** -24
    attrs = {a.name: a for a in node.attribute}

    def amax(a):
        return float(np.max(np.abs(a))) if a.size else 0.0

    op = node.op_type
    if op == "BatchNormalization":
        x, scale, b, mean, var = ins[:5]
        eps = attrs["epsilon"].f if "epsilon" in attrs else 1e-5
        k = scale.astype(np.float64) / np.sqrt(var.astype(np.float64) + eps)
        return 8 * u * (amax(x) * amax(k) + amax(b) + amax(mean * k))
    if op in ("Conv", "ConvTranspose"):
        x, w = ins[0], ins[1]
        # Products summed into one output: C/group x KH x KW.
        group = attrs["group"].i if "group" in attrs else 1
        n = int(np.prod(w.shape[1:])) if op == "Conv" else \
            w.shape[0] // group * int(np.prod(w.shape[2:]))
        bias = amax(ins[2]) if len(ins) > 2 else 0.0
        return 2 * (n + 1) * u * (n * amax(x) * amax(w) + bias)
    a, b = ins[0], ins[1]
    trans_a = attrs["transA"].i if "transA" in attrs else 0
    k = a.shape[-2] if trans_a else a.shape[-1]
    alpha = abs(attrs["alpha"].f) if "alpha" in attrs else 1.0
    beta = abs(attrs["beta"].f) if "beta" in attrs else 1.0
    c = amax(ins[2]) if len(ins) > 2 else 0.0
    return 2 * (k + 2) * u * (alpha * k * amax(a) * amax(b) + beta * c)


def sum_tolerance(test_dir, op, runtime_ins, all_ins):
    """Absolute tolerance of a float average (SUM_OPS) or product (DOT_OPS),
    else None."""
    if op not in SUM_OPS and op not in DOT_OPS:
        return None
    np = _np()
    onnx = _onnx()
    node = main_node(onnx.load(os.path.join(test_dir, "model.onnx")).graph)
    if op in DOT_OPS:
        return dot_tolerance(node, all_ins)
    x = runtime_ins[0][1]
    if op == "GlobalAveragePool":
        n = int(np.prod(x.shape[2:]))
    else:
        k = [a for a in node.attribute if a.name == "kernel_shape"][0].ints
        n = int(np.prod(list(k)))
    return 2.0 * (n - 1) * 2.0 ** -24 * float(np.max(np.abs(x)))


def compare_abs(got, want, atol):
    """(ok, text): float32 within `atol` of the expected value."""
    np = _np()
    diff = np.abs(got.astype(np.float64) - want.astype(np.float64))
    bad = ~(diff <= atol)
    n = int(np.count_nonzero(bad))
    worst = float(diff.max()) if got.size else 0.0
    if n == 0:
        return True, "within %.3g (summation bound; %d elements, worst %.3g)" % (
            atol, got.size, worst)
    shown = first_differences(got, want, bad)
    return False, "%d/%d elements beyond %.3g (worst %.3g); first: %s" % (
        n, got.size, atol, worst, shown)


def build_and_run(args, tools, work, model, target, runtime_ins, expected, mutate,
                  ulps=None, atol=None, floor=0.0):
    """Compiles model for target, links, runs; returns (ok, lines)."""
    np = _np()
    sub = os.path.join(work, "x86" if target == "x86_64" else "a64")
    os.makedirs(sub, exist_ok=True)
    obj = os.path.join(sub, "model.o")
    run([tools["qcc"], "compile", model, "-target", target, "-o", obj,
         "--name", "model"], "qcc compile -target %s" % target, args.timeout)
    exe = os.path.join(sub, "run")
    if target == "x86_64":
        link, prefix = [tools["cc"]], []
    else:
        link, prefix = [tools["a64cc"], "-static"], [tools["qemu"]]
    run(link + CFLAGS + ["-I" + sub, '-DQCC_HEADER="model.h"', DRIVER, obj, "-o", exe],
        "link driver (%s)" % target, args.timeout)
    info = parse_info(run(prefix + [exe, "--info"], "run --info", args.timeout).stdout)
    problems = []
    if len(info["input"]) != len(runtime_ins):
        problems.append("model.h has %d inputs, expected %d"
                        % (len(info["input"]), len(runtime_ins)))
    if len(info["output"]) != len(expected):
        problems.append("model.h has %d outputs, the test data %d"
                        % (len(info["output"]), len(expected)))
    for kind, descs, arrs in (("input", info["input"], [a for _, a in runtime_ins]),
                              ("output", info["output"], expected)):
        for i, (d, a) in enumerate(zip(descs, arrs)):
            if d["dtype"] != a.dtype.name or d["shape"] != list(a.shape):
                problems.append("%s %d: model.h says %s %s, the test data has %s %s"
                                % (kind, i, d["dtype"], d["shape"], a.dtype.name,
                                   list(a.shape)))
    if problems:
        raise Failure("; ".join(problems))
    in_files, out_files = [], []
    for i, (_, a) in enumerate(runtime_ins):
        f = os.path.join(sub, "input%d.bin" % i)
        np.ascontiguousarray(a).tofile(f)
        in_files.append(f)
    for i in range(len(expected)):
        f = os.path.join(sub, "output%d.bin" % i)
        if os.path.exists(f):
            os.remove(f)
        out_files.append(f)
    run(prefix + [exe] + in_files + out_files, "run (%s)" % target, args.timeout)
    ok, lines = True, []
    for i, want in enumerate(expected):
        if mutate and i == 0:
            want = want.copy()
            flat = want.reshape(-1)
            if atol is not None:
                # Beyond the tolerance: moved by 3 * atol.
                flat[0] = np.float32(float(flat[0]) + 3 * atol)
                lines.append("output 0: --mutate-expected: moved expected element 0 "
                             "by %.3g" % (3 * atol))
            elif ulps is not None and abs(float(flat[0])) < floor:
                # Beyond the tolerance: 2 * ulps + 1 units of the floor.
                flat[0] = np.float32(float(flat[0]) + (2 * ulps + 1) *
                                     float(np.spacing(np.float32(floor))))
                lines.append("output 0: --mutate-expected: moved expected element 0 "
                             "by %d ulps of %g" % (2 * ulps + 1, floor))
            elif ulps is not None:
                # Beyond the tolerance: 2 * ulps + 1 steps of the bit pattern.
                flat.view(np.uint32)[0] += 2 * ulps + 1
                lines.append("output 0: --mutate-expected: moved expected element 0 "
                             "by %d ulps" % (2 * ulps + 1))
            elif want.dtype.kind == "f":
                flat.view(np.uint32)[0] ^= 1
            else:
                flat[0] ^= 1
            if ulps is None and atol is None:
                lines.append("output 0: --mutate-expected: flipped the lowest bit of "
                             "expected element 0")
        got = np.fromfile(out_files[i], dtype=want.dtype)
        if got.size != want.size:
            ok = False
            lines.append("output %d: %d elements, expected %d" % (i, got.size, want.size))
            continue
        if atol is not None:
            good, text = compare_abs(got.reshape(want.shape), want, atol)
        elif ulps is None:
            good, text = compare_exact(got.reshape(want.shape), want)
        else:
            good, text = compare_ulps(got.reshape(want.shape), want, ulps, floor)
        lines.append("output %d %s %s: %s: %s" % (i, want.dtype.name, list(want.shape),
                                                  "ok" if good else "MISMATCH", text))
        ok = ok and good
    return ok, lines


def run_test(args, tools, name, variant, op):
    test_dir = os.path.join(args.data, name)
    fname = full_name(name, variant)
    base = os.path.join(os.path.abspath(args.workdir), fname.replace(":", "__"))
    shutil.rmtree(base, ignore_errors=True)
    ok = True
    for set_name, ins, outs in data_sets(test_dir):
        work = os.path.join(base, set_name)
        os.makedirs(work)
        model = os.path.join(work, "model.onnx")
        keep, frozen, names = prepare_model(test_dir, op, variant, ins, model,
                                            args.opset_override)
        if len(keep) > MAX_IO or len(outs) > MAX_IO:
            raise Failure("more than %d inputs/outputs (driver.c)" % MAX_IO)
        if any(ins[i].dtype.name not in BOUNDARY for i in keep) or \
                any(o.dtype.name not in BOUNDARY for o in outs):
            raise Failure("a runtime tensor type outside %s" % sorted(BOUNDARY))
        log("%s %s: %s; initializers: %s; runtime inputs: %s" % (
            fname, set_name, op,
            ", ".join("input %d" % i for i in sorted(frozen)) or "none",
            ", ".join("%s %s %s" % (n, ins[i].dtype.name, list(ins[i].shape))
                      for n, i in zip(names, keep)) or "none"))
        runtime_ins = [(n, ins[i]) for n, i in zip(names, keep)]
        targets = ["x86_64"] + (["aarch64"] if args.aarch64 else [])
        node = main_node(_onnx().load(os.path.join(test_dir, "model.onnx")).graph)
        for target in targets:
            good, lines = build_and_run(args, tools, work, model, target, runtime_ins,
                                        outs, args.mutate_expected, float_ulps(op, node),
                                        sum_tolerance(test_dir, op, runtime_ins, ins),
                                        ulps_floor(node))
            for l in lines:
                log("  %s %s: %s" % (set_name, target, l))
            ok = ok and good
    return ok


def check_lit_files(lit_dir, sel):
    """Every selected test is run by the RUN line of NAME.test in lit_dir."""
    missing = []
    for name, variant, _ in sel:
        f = os.path.join(lit_dir, name[len("test_"):] + ".test")
        text = open(f).read() if os.path.isfile(f) else ""
        run_lines = [l for l in text.splitlines() if "RUN:" in l]
        fn = full_name(name, variant)
        if not any(("--test %s " % fn) in (l + " ") for l in run_lines):
            missing.append("%s (in %s)" % (full_name(name, variant), os.path.basename(f)))
    if missing:
        log("FAIL: selected tests without a lit test: " + ", ".join(missing))
        return 1
    log("every selected test (%d) has a lit test in %s" % (len(sel), lit_dir))
    return 0


def find_tool(tool, what):
    if os.sep in tool:
        if os.path.isfile(tool) and os.access(tool, os.X_OK):
            return os.path.abspath(tool)
        raise Failure("missing tool: %s (%s) is not an executable file" % (what, tool))
    p = shutil.which(tool)
    if not p:
        raise Failure("missing tool: %s ('%s' not found on PATH)" % (what, tool))
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--qcc", help="path to the qcc executable")
    ap.add_argument("--workdir", help="directory for the generated files")
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="the node tests (default %s)" % DEFAULT_DATA)
    ap.add_argument("--list", action="store_true", help="print the selected tests")
    ap.add_argument("--list-excluded", action="store_true",
                    help="print every other node test with the reason it is out of scope")
    ap.add_argument("--check-lit-files", metavar="DIR",
                    help="check that DIR has NAME.test (NAME without 'test_') running "
                         "each selected test")
    ap.add_argument("--test", action="append", default=[],
                    help="run this test (NAME or NAME:VARIANT, repeatable); default: all")
    ap.add_argument("--keep-going", action="store_true",
                    help="run every requested test even after a failure")
    ap.add_argument("--aarch64", action="store_true",
                    help="also compile for aarch64 and run under qemu-aarch64")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--aarch64-cc", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--qemu", default="qemu-aarch64")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--mutate-expected", action="store_true",
                    help="self-test: flip the lowest bit of the first expected value "
                         "of output 0; every test must then FAIL")
    ap.add_argument("--opset-override", type=int, default=None,
                    help="DIAGNOSTIC: also rewrite the default-domain opset to N "
                         "(never counts as a pass)")
    args = ap.parse_args(argv)
    try:
        return _main(args)
    except Failure as e:
        log("FAIL: " + str(e))
        return 1


def _main(args):
    try:
        _np()
        _onnx()
    except ImportError as e:
        raise Failure("missing tool: %s; use /usr/bin/python3 with python3-onnx and "
                      "python3-numpy" % e)
    if not os.path.isdir(args.data):
        raise Failure("missing test data: %s (apt-get install libonnx-testdata)" % args.data)
    sel, excl = selection(args.data)
    if args.list or args.list_excluded:
        if args.list:
            for name, variant, op in sel:
                print("%s %s" % (full_name(name, variant), op))
        if args.list_excluded:
            for name, reason in excl:
                print("%s: %s" % (name, reason))
        return 0
    if args.check_lit_files:
        return check_lit_files(args.check_lit_files, sel)
    if not args.qcc or not args.workdir:
        raise Failure("--qcc and --workdir are needed to run tests")
    by_name = {full_name(n, v): (n, v, op) for n, v, op in sel}
    todo = []
    for t in args.test or [full_name(n, v) for n, v, _ in sel]:
        if t not in by_name:
            why = dict(excl).get(t.split(":")[0])
            raise Failure("%s is not a selected test%s" % (
                t, (" (out of scope: %s)" % why) if why else ""))
        todo.append(by_name[t])
    tools = {"qcc": find_tool(args.qcc, "qcc"), "cc": find_tool(args.cc, "C compiler")}
    if args.aarch64:
        tools["a64cc"] = find_tool(args.aarch64_cc, "aarch64 cross compiler")
        tools["qemu"] = find_tool(args.qemu, "qemu-aarch64")
    if args.opset_override is not None:
        log("DIAGNOSTIC RUN: default-domain opset rewritten to %d; results are "
            "not conformance results" % args.opset_override)
    results = []
    for name, variant, op in todo:
        fname = full_name(name, variant)
        t0 = time.time()
        try:
            ok = run_test(args, tools, name, variant, op)
            err = None if ok else "output mismatch"
        except Failure as e:
            ok, err = False, str(e)
        log("%s: %s%s (%.1f s)" % (fname, "PASS" if ok else "FAIL",
                                   (": " + err) if err else "", time.time() - t0))
        results.append((fname, ok, err))
        if not ok and not args.keep_going:
            break
    npass = sum(1 for _, ok, _ in results if ok)
    if len(results) > 1:
        log("summary: %d passed, %d failed%s" % (
            npass, len(results) - npass,
            "" if len(results) == len(todo) else
            ", %d not run (stopped at the first failure; --keep-going)"
            % (len(todo) - len(results))))
        for fname, ok, err in results:
            log("  %-40s %s" % (fname, "PASS" if ok else "FAIL: " + (err or "")))
    if args.opset_override is not None:
        log("DIAGNOSTIC RUN (--opset-override): exit status 1 regardless")
        return 1
    return 0 if npass == len(todo) else 1


if __name__ == "__main__":
    sys.exit(main())
