# Import errors about the model as a whole: the file, opsets, graph inputs
# and outputs, initializers. Each is one line on stderr and exit code 1
# (`not` also fails on a crash); nothing else may be printed.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/missing.onnx --emit=qnn 2>&1 | %{check}=MISSING
# RUN: not %qcc compile %t/empty.onnx --emit=qnn 2>&1 | %{check}=EMPTY
# RUN: not %qcc compile %t/garbage.onnx --emit=qnn 2>&1 | %{check}=GARBAGE
# RUN: not %qcc compile %t/truncated.onnx --emit=qnn 2>&1 | %{check}=TRUNCATED
# RUN: not %qcc compile %t --emit=qnn 2>&1 | %{check}=DIRECTORY
# RUN: not %qcc compile %t/opset9.onnx --emit=qnn 2>&1 | %{check}=OPSET9
# RUN: not %qcc compile %t/opset24.onnx --emit=qnn 2>&1 | %{check}=OPSET24
# RUN: not %qcc compile %t/opset6.onnx --emit=qnn 2>&1 | %{check}=OPSET6
# RUN: not %qcc compile %t/opset0.onnx --emit=qnn 2>&1 | %{check}=OPSET0
# RUN: not %qcc compile %t/no_default_opset.onnx --emit=qnn 2>&1 | %{check}=NO-OPSET
# RUN: not %qcc compile %t/unsupported_op.onnx --emit=qnn 2>&1 | %{check}=UNSUPPORTED-OP
# RUN: not %qcc compile %t/domain.onnx --emit=qnn 2>&1 | %{check}=DOMAIN
# RUN: not %qcc compile %t/unsupported_attr.onnx --emit=qnn 2>&1 | %{check}=ATTR
# RUN: not %qcc compile %t/constant_value_string.onnx --emit=qnn 2>&1 | %{check}=CONST-FORM
# RUN: not %qcc compile %t/symbolic_dim.onnx --emit=qnn 2>&1 | %{check}=SYMBOLIC
# RUN: not %qcc compile %t/no_shape.onnx --emit=qnn 2>&1 | %{check}=NO-SHAPE
# RUN: not %qcc compile %t/valid.onnx --emit=qnn --shape y=1x4 2>&1 | %{check}=SHAPE-NAME
# RUN: not %qcc compile %t/symbolic_dim.onnx --emit=qnn --shape x=1x4x1 2>&1 | %{check}=SHAPE-RANK
# RUN: not %qcc compile %t/input_int64.onnx --emit=qnn 2>&1 | %{check}=INPUT-TYPE
# RUN: not %qcc compile %t/input_sequence.onnx --emit=qnn 2>&1 | %{check}=INPUT-SEQ
# RUN: not %qcc compile %t/output_missing.onnx --emit=qnn 2>&1 | %{check}=OUTPUT-MISSING
# RUN: not %qcc compile %t/output_signedness.onnx --emit=qnn 2>&1 | %{check}=OUTPUT-SIGN
# RUN: not %qcc compile %t/output_int32.onnx --emit=qnn 2>&1 | %{check}=OUTPUT-I32
# RUN: not %qcc compile %t/no_outputs.onnx --emit=qnn 2>&1 | %{check}=NO-OUTPUTS
# RUN: not %qcc compile %t/external_data.onnx --emit=qnn 2>&1 | %{check}=EXTERNAL
# RUN: not %qcc compile %t/raw_data_size.onnx --emit=qnn 2>&1 | %{check}=RAW-SIZE
# RUN: not %qcc compile %t/float_data_count.onnx --emit=qnn 2>&1 | %{check}=FLOAT-COUNT
# RUN: not %qcc compile %t/int32_data_count.onnx --emit=qnn 2>&1 | %{check}=INT32-COUNT
# RUN: not %qcc compile %t/int64_data_count.onnx --emit=qnn 2>&1 | %{check}=INT64-COUNT
# RUN: not %qcc compile %t/negative_dim.onnx --emit=qnn 2>&1 | %{check}=NEG-DIM
# RUN: not %qcc compile %t/too_many_elements.onnx --emit=qnn 2>&1 | %{check}=TOO-MANY
# RUN: not %qcc compile %t/float16_initializer.onnx --emit=qnn 2>&1 | %{check}=F16
# RUN: %qcc compile %t/unused_float16_initializer.onnx --emit=qnn | FileCheck %s --check-prefix=UNUSED
# UNUSED: qnn.requantize
# RUN: not %qcc compile %t/node_without_output.onnx --emit=qnn 2>&1 | %{check}=NO-NODE-OUTPUT
# Names with control characters still give one line (escaped as \xNN).
# RUN: not %qcc compile %t/node_name_newline.onnx --emit=qnn 2>&1 | %{check}=NAME-NEWLINE
# NAME-NEWLINE: qcc: error: {{.*}}node_name_newline.onnx: node 'bad\x0aname' (Foo): operator Foo is not supported
# RUN: not %qcc compile %t/node_missing_input.onnx --emit=qnn 2>&1 | %{check}=MISSING-INPUT
# A convolution whose result is the graph output, not quantized: in float
# as ONNX Runtime computes it (issue 9; refused before).
# RUN: %qcc compile %t/output_float_not_quantized.onnx --emit=qnn | FileCheck %s --check-prefix=OUTPUT-FLOAT
# OUTPUT-FLOAT: %[[C:.*]] = qnn.float_conv2d
# OUTPUT-FLOAT-NEXT: return %[[C]]

# MISSING: qcc: error: {{.*}}missing.onnx: cannot open the file
# EMPTY: qcc: error: {{.*}}empty.onnx: the model has no graph
# GARBAGE: qcc: error: {{.*}}garbage.onnx: not a valid ONNX model (protobuf parse failed)
# TRUNCATED: qcc: error: {{.*}}truncated.onnx: not a valid ONNX model (protobuf parse failed)
# DIRECTORY: qcc: error: {{.*}}: not a valid ONNX model (protobuf parse failed)
# Opsets 1 to 23 are read, each op by its own version history (Registry.cpp):
# QuantizeLinear exists from opset 10, Add with numpy broadcasting from 7. A
# newer opset is refused at its first node, naming the op; opset 0 (no ONNX
# release) for the model.
# OPSET9: qcc: error: {{.*}}opset9.onnx: node 'x_q_1_node' (QuantizeLinear): qcc supports QuantizeLinear from opset 10 (the model imports opset 9)
# OPSET24: qcc: error: {{.*}}opset24.onnx: node 'x_q_1_node' (QuantizeLinear): the model imports ONNX opset 24, newer than qcc knows (1 to 23); it cannot tell what QuantizeLinear means there
# OPSET6: qcc: error: {{.*}}opset6.onnx: node 'x_q_1_node' (QuantizeLinear): qcc supports QuantizeLinear from opset 10 (the model imports opset 6)
# OPSET0: qcc: error: {{.*}}opset0.onnx: model: ONNX opset 0 is not supported (1 to 23)
# NO-OPSET: qcc: error: {{.*}}no_default_opset.onnx: model: no opset is imported for the default ONNX domain
# UNSUPPORTED-OP: qcc: error: {{.*}}unsupported_op.onnx: node 'erf' (Erf): operator Erf is not supported
# DOMAIN: qcc: error: {{.*}}domain.onnx: node 'gelu' (Gelu): operator Gelu of domain 'com.microsoft' is not supported (com.microsoft: QLinearAdd, QLinearMul, QLinearSigmoid, QLinearLeakyRelu, QLinearAveragePool, QLinearGlobalAveragePool, QLinearConcat, QGemm, QuantizeLinear, DequantizeLinear)
# ATTR: qcc: error: {{.*}}unsupported_attr.onnx: node 'relu' (Relu): attribute 'alpha' is not supported
# CONST-FORM: qcc: error: {{.*}}constant_value_string.onnx: node 'cf' (Constant): attribute 'value_string' is not supported
# SYMBOLIC: qcc: error: {{.*}}symbolic_dim.onnx: input 'x': dimension 1 ('C') is symbolic; pass --shape x=1x...
# NO-SHAPE: qcc: error: {{.*}}no_shape.onnx: input 'x': no shape in the model; pass --shape x=...
# SHAPE-NAME: qcc: error: {{.*}}valid.onnx: --shape: the model has no input named 'y'
# SHAPE-RANK: qcc: error: {{.*}}symbolic_dim.onnx: input 'x': --shape gives rank 3 but the model has rank 2
# INPUT-TYPE: qcc: error: {{.*}}input_int64.onnx: input 'x': element type int64 is not supported (float32, float16, uint8, int8, uint16, int16, uint4, int4)
# INPUT-SEQ: qcc: error: {{.*}}input_sequence.onnx: input 'x': only tensor inputs are supported
# OUTPUT-MISSING: qcc: error: {{.*}}output_missing.onnx: output 'nothing': not produced by a supported node
# OUTPUT-SIGN: qcc: error: {{.*}}output_signedness.onnx: output 'y': declared int8 but the graph computes uint8
# OUTPUT-I32: qcc: error: {{.*}}output_int32.onnx: output 'y': declared int32 but the graph computes uint8
# NO-OUTPUTS: qcc: error: {{.*}}no_outputs.onnx: model: the graph has no outputs
# EXTERNAL: qcc: error: {{.*}}external_data.onnx: node 'use_ext' (DequantizeLinear): tensor 'ext': cannot open external data file 'weights.bin' (relative to the model's directory)
# RAW-SIZE: qcc: error: {{.*}}raw_data_size.onnx: node 'use_raw' (DequantizeLinear): tensor 'raw': raw_data has 20 bytes, expected 24
# FLOAT-COUNT: qcc: error: {{.*}}float_data_count.onnx: node 'use_fd' (DequantizeLinear): tensor 'fd': has 2 values, expected 1000000
# INT32-COUNT: qcc: error: {{.*}}int32_data_count.onnx: node 'use_i8' (DequantizeLinear): tensor 'i8': has 2 values, expected 3
# INT64-COUNT: qcc: error: {{.*}}int64_data_count.onnx: node 'use_i64' (DequantizeLinear): tensor 'i64': has 2 values, expected 3
# NEG-DIM: qcc: error: {{.*}}negative_dim.onnx: node 'use_neg' (DequantizeLinear): tensor 'neg': negative dimension
# TOO-MANY: qcc: error: {{.*}}too_many_elements.onnx: node 'use_big' (DequantizeLinear): tensor 'big': more than 2^31 elements
# F16: qcc: error: {{.*}}float16_initializer.onnx: node 'use_half' (DequantizeLinear): input 'half' has element type float16; expected int8, uint8, int4, uint4, int16, uint16 or int32
# NO-NODE-OUTPUT: qcc: error: {{.*}}node_without_output.onnx: node 'noout' (Relu): node has no output
# MISSING-INPUT: qcc: error: {{.*}}node_missing_input.onnx: node 'q' (QuantizeLinear): needs at least 2 inputs, input #1 is missing

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from qcc_models.testing import F32, I8, I32, I64, U8, Variants

models = Variants()


def relu_model(g):
    """x float [1, 4] -> Q -> DQ -> Relu -> Q -> DQ -> y (valid)."""
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    r = g.node("Relu", [x], "r", name="relu")
    g.dq(g.q(r, 0.5, 128, out="rq"), 0.5, 128, out="y")
    g.output("y", F32)


@models()
def valid(g):
    relu_model(g)


@models()
def empty(g):
    return b""


@models()
def garbage(g):
    return b"\x08\x07garbage\xff\xfe\xfd"


@models()
def truncated(g):
    relu_model(g)
    return g.model().SerializeToString()[:60]


@models(opset=9)
def opset9(g):
    relu_model(g)


@models(opset=24)
def opset24(g):
    relu_model(g)


@models(opset=6)
def opset6(g):
    relu_model(g)


@models(opset=0)
def opset0(g):
    relu_model(g)


@models()
def no_default_opset(g):
    relu_model(g)
    g.opsets = [helper.make_opsetid("com.microsoft", 1)]


@models()
def unsupported_op(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.node("Erf", [x], "s", name="erf")
    g.output("s", F32)


@models()
def domain(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.node("Gelu", [x], "s", name="gelu", domain="com.microsoft")
    g.output("s", F32)


@models()
def unsupported_attr(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    r = g.node("Relu", [x], "r", name="relu", alpha=0.5)
    g.dq(g.q(r, 0.5, 128, out="rq"), 0.5, 128, out="y")
    g.output("y", F32)


@models()
def constant_value_string(g):
    relu_model(g)
    g.nodes.insert(0, helper.make_node("Constant", [], ["c"], name="cf",
                                       value_string="one"))


@models()
def symbolic_dim(g):
    g.input("x", F32, ["N", "C"])
    g.q("x", 0.5, 128, out="y")
    g.output("y", U8)


@models()
def no_shape(g):
    g.inputs.append(helper.make_tensor_value_info("x", F32, None))
    g.q("x", 0.5, 128, out="y")
    g.output("y", U8)


@models()
def input_int64(g):
    g.input("x", TensorProto.INT64, [1, 4])
    g.output("x", TensorProto.INT64)


@models()
def input_sequence(g):
    g.inputs.append(helper.make_tensor_sequence_value_info("x", F32, [1, 4]))
    g.input("z", F32, [1])
    g.output("z", F32)


@models()
def output_missing(g):
    g.input("x", F32, [1, 4])
    g.output("nothing", F32)


@models()
def output_signedness(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.q(g.node("Relu", [x], "r"), 0.5, 128, out="y")
    g.output("y", I8)


@models()
def output_int32(g):
    x = g.qdq_input("x", [1, 4], 0.5, 128)
    g.q(x, 0.5, 128, out="y")
    g.output("y", I32)


@models()
def output_float_not_quantized(g):
    x = g.qdq_input("x", [1, 2, 2, 2], 0.5, 128)
    w = g.weight("w", np.ones([1, 2, 1, 1]), 0.5)
    g.node("Conv", [x, w], "y", name="conv")
    g.output("y", F32)


@models()
def no_outputs(g):
    g.input("x", F32, [1, 4])


def use(g, name):
    """Reads initializer `name` (a DequantizeLinear consumes it): qcc reads
    an initializer, and reports what is wrong with it, only when a node uses
    it."""
    g.init(name + "_s", np.float32(1.0))
    g.node("DequantizeLinear", [name, name + "_s"], name + "_dq",
           name="use_" + name)


@models()
def external_data(g):
    relu_model(g)
    t = numpy_helper.from_array(np.ones([1, 4], np.int8), "ext")
    t.ClearField("raw_data")
    t.data_location = TensorProto.EXTERNAL
    entry = t.external_data.add()
    entry.key = "location"
    entry.value = "weights.bin"
    g.initializers.append(t)
    use(g, "ext")


@models()
def raw_data_size(g):
    relu_model(g)
    t = numpy_helper.from_array(np.ones([2, 3], np.float32), "raw")
    t.raw_data = t.raw_data[:-4]
    g.initializers.append(t)
    use(g, "raw")


@models()
def float_data_count(g):
    relu_model(g)
    t = TensorProto(name="fd", data_type=F32, dims=[1000000])
    t.float_data.extend([0.5, 0.25])
    g.initializers.append(t)
    use(g, "fd")


@models()
def int32_data_count(g):
    relu_model(g)
    t = helper.make_tensor("i8", I8, [3], [1, 2, 3])
    del t.int32_data[-1]
    g.initializers.append(t)
    use(g, "i8")


@models()
def int64_data_count(g):
    relu_model(g)
    t = helper.make_tensor("i64", I64, [3], [1, 2, 3])
    del t.int64_data[-1]
    g.initializers.append(t)
    use(g, "i64")


@models()
def negative_dim(g):
    relu_model(g)
    t = helper.make_tensor("neg", F32, [2], [1.0, 2.0])
    t.dims[0] = -2
    g.initializers.append(t)
    use(g, "neg")


@models()
def too_many_elements(g):
    relu_model(g)
    g.initializers.append(TensorProto(name="big", data_type=F32,
                                      dims=[1 << 32, 1 << 32]))
    use(g, "big")


@models()
def float16_initializer(g):
    relu_model(g)
    g.init("half", np.ones([2], np.float16))
    use(g, "half")


@models()
def unused_float16_initializer(g):
    """An initializer nothing reads does not matter, whatever its type."""
    relu_model(g)
    g.init("half", np.ones([2], np.float16))


@models()
def node_without_output(g):
    relu_model(g)
    g.nodes.insert(0, helper.make_node("Relu", ["x"], [], name="noout"))


@models()
def node_name_newline(g):
    relu_model(g)
    g.nodes.append(helper.make_node("Foo", ["y"], ["z"], name="bad\nname"))


@models()
def node_missing_input(g):
    g.input("x", F32, [1, 4])
    g.node("QuantizeLinear", ["x"], "y", name="q")
    g.output("y", U8)


models.main()
