# Import errors of the QOperator ops (QLinearConv, QLinearMatMul,
# ConvInteger, MatMulInteger): one line on stderr, exit code 1.
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: not %qcc compile %t/qlc_float_x.onnx --emit=qnn 2>&1 | %{check}=QLC-FLOAT
# RUN: not %qcc compile %t/qlc_x_zp_type.onnx --emit=qnn 2>&1 | %{check}=QLC-XZP
# RUN: not %qcc compile %t/qlc_w_int32.onnx --emit=qnn 2>&1 | %{check}=QLC-W-I32
# RUN: not %qcc compile %t/qlc_w_rank3.onnx --emit=qnn 2>&1 | %{check}=QLC-W-RANK
# RUN: not %qcc compile %t/qlc_w_not_constant.onnx --emit=qnn 2>&1 | %{check}=QLC-W-INPUT
# RUN: not %qcc compile %t/qlc_y_per_axis.onnx --emit=qnn 2>&1 | %{check}=QLC-Y-AXIS
# RUN: not %qcc compile %t/qlc_b_float.onnx --emit=qnn 2>&1 | %{check}=QLC-B-TYPE
# RUN: not %qcc compile %t/qlc_b_count.onnx --emit=qnn 2>&1 | %{check}=QLC-B-COUNT
# RUN: not %qcc compile %t/qlc_missing_inputs.onnx --emit=qnn 2>&1 | %{check}=QLC-ARITY
# RUN: not %qcc compile %t/qlm_float_a.onnx --emit=qnn 2>&1 | %{check}=QLM-FLOAT
# RUN: not %qcc compile %t/qlm_a_rank1.onnx --emit=qnn 2>&1 | %{check}=QLM-A1D
# RUN: not %qcc compile %t/qlm_a_zp_type.onnx --emit=qnn 2>&1 | %{check}=QLM-AZP
# RUN: not %qcc compile %t/qlm_k_mismatch.onnx --emit=qnn 2>&1 | %{check}=QLM-K
# RUN: not %qcc compile %t/qlm_b_int32.onnx --emit=qnn 2>&1 | %{check}=QLM-B-I32
# RUN: not %qcc compile %t/qlm_b_rank3.onnx --emit=qnn 2>&1 | %{check}=QLM-B3D
# RUN: not %qcc compile %t/qlm_y_per_axis.onnx --emit=qnn 2>&1 | %{check}=QLM-Y-AXIS
# RUN: not %qcc compile %t/qlm_missing_inputs.onnx --emit=qnn 2>&1 | %{check}=QLM-ARITY
# RUN: not %qcc compile %t/ci_float_x.onnx --emit=qnn 2>&1 | %{check}=CI-FLOAT
# RUN: not %qcc compile %t/ci_w_int32.onnx --emit=qnn 2>&1 | %{check}=CI-W-I32
# RUN: not %qcc compile %t/ci_x_zp_vector.onnx --emit=qnn 2>&1 | %{check}=CI-XZP
# RUN: not %qcc compile %t/ci_w_zp_unequal.onnx --emit=qnn 2>&1 | %{check}=CI-WZP
# RUN: not %qcc compile %t/mi_a_rank1.onnx --emit=qnn 2>&1 | %{check}=MI-A1D
# RUN: not %qcc compile %t/mi_k_mismatch.onnx --emit=qnn 2>&1 | %{check}=MI-K
# RUN: not %qcc compile %t/mi_b_rank3.onnx --emit=qnn 2>&1 | %{check}=MI-B3D
# RUN: not %qcc compile %t/mi_b_int32.onnx --emit=qnn 2>&1 | %{check}=MI-B-I32
# RUN: not %qcc compile %t/mi_a_zp_vector.onnx --emit=qnn 2>&1 | %{check}=MI-AZP
# RUN: not %qcc compile %t/mi_b_zp_unequal.onnx --emit=qnn 2>&1 | %{check}=MI-BZP
# RUN: not %qcc compile %t/mi_output_uint8.onnx --emit=qnn 2>&1 | %{check}=MI-OUT

# QLC-FLOAT: qcc: error: {{.*}}qlc_float_x.onnx: node 'qconv' (QLinearConv): input x must be a uint8/int8 tensor
# QLC-XZP: qcc: error: {{.*}}qlc_x_zp_type.onnx: node 'qconv' (QLinearConv): x_zero_point type does not match x
# QLC-W-I32: qcc: error: {{.*}}qlc_w_int32.onnx: node 'qconv' (QLinearConv): w must be int8 or uint8, got int32
# QLC-W-RANK: qcc: error: {{.*}}qlc_w_rank3.onnx: node 'qconv' (QLinearConv): w must be 4-D, got rank 3
# QLC-W-INPUT: qcc: error: {{.*}}qlc_w_not_constant.onnx: node 'qconv' (QLinearConv): w 'wi' must be a constant (initializer or Constant node)
# QLC-Y-AXIS: qcc: error: {{.*}}qlc_y_per_axis.onnx: node 'qconv' (QLinearConv): x and y must be quantized per tensor (uint8/int8)
# QLC-B-TYPE: qcc: error: {{.*}}qlc_b_float.onnx: node 'qconv' (QLinearConv): B must be int32
# QLC-B-COUNT: qcc: error: {{.*}}qlc_b_count.onnx: node 'qconv' (QLinearConv): B has 3 values, expected 2
# QLC-ARITY: qcc: error: {{.*}}qlc_missing_inputs.onnx: node 'qconv' (QLinearConv): needs at least 8 inputs, input #7 is missing
# QLM-FLOAT: qcc: error: {{.*}}qlm_float_a.onnx: node 'qmm' (QLinearMatMul): input a must be a uint8/int8 tensor
# QLM-A1D: qcc: error: {{.*}}qlm_a_rank1.onnx: node 'qmm' (QLinearMatMul): a must be at least 2-D
# QLM-AZP: qcc: error: {{.*}}qlm_a_zp_type.onnx: node 'qmm' (QLinearMatMul): a_zero_point type does not match a
# QLM-K: qcc: error: {{.*}}qlm_k_mismatch.onnx: node 'qmm' (QLinearMatMul): a has K = 3 but b has 4 rows
# QLM-B-I32: qcc: error: {{.*}}qlm_b_int32.onnx: node 'qmm' (QLinearMatMul): b must be int8 or uint8
# QLM-B3D: qcc: error: {{.*}}qlm_b_rank3.onnx: node 'qmm' (QLinearMatMul): b must be 2-D or have a's rank 2
# QLM-Y-AXIS: qcc: error: {{.*}}qlm_y_per_axis.onnx: node 'qmm' (QLinearMatMul): y must be quantized per tensor (uint8/int8)
# QLM-ARITY: qcc: error: {{.*}}qlm_missing_inputs.onnx: node 'qmm' (QLinearMatMul): needs at least 8 inputs, input #3 is missing
# CI-FLOAT: qcc: error: {{.*}}ci_float_x.onnx: node 'cint' (ConvInteger): input x must be a uint8/int8 tensor
# CI-W-I32: qcc: error: {{.*}}ci_w_int32.onnx: node 'cint' (ConvInteger): w must be int8 or uint8
# CI-XZP: qcc: error: {{.*}}ci_x_zp_vector.onnx: node 'cint' (ConvInteger): x_zero_point must be a scalar
# CI-WZP: qcc: error: {{.*}}ci_w_zp_unequal.onnx: node 'cint' (ConvInteger): per-channel w_zero_point values must be equal
# MI-A1D: qcc: error: {{.*}}mi_a_rank1.onnx: node 'mint' (MatMulInteger): A must be at least 2-D
# MI-K: qcc: error: {{.*}}mi_k_mismatch.onnx: node 'mint' (MatMulInteger): A has K = 3 but B has 4 rows
# MI-B3D: qcc: error: {{.*}}mi_b_rank3.onnx: node 'mint' (MatMulInteger): B must be 2-D
# MI-B-I32: qcc: error: {{.*}}mi_b_int32.onnx: node 'mint' (MatMulInteger): B must be int8 or uint8
# MI-AZP: qcc: error: {{.*}}mi_a_zp_vector.onnx: node 'mint' (MatMulInteger): per-row a_zero_point is not supported
# MI-BZP: qcc: error: {{.*}}mi_b_zp_unequal.onnx: node 'mint' (MatMulInteger): per-column b_zero_point values must be equal
# MI-OUT: qcc: error: {{.*}}mi_output_uint8.onnx: output 'y': declared uint8 but the graph computes i32

import numpy as np

from qcc_models.testing import F32, I8, I32, U8, Variants

models = Variants()


def qlinearconv(g, x_dtype=U8, xz=np.uint8(128), w=np.ones([2, 2, 1, 1], np.int8),
                ys=np.float32(0.1), yz=np.uint8(0), b=None, w_input=False,
                drop=0):
    """QLinearConv 'qconv' on x [1, 2, 3, 3]; `drop` removes trailing
    inputs."""
    g.input("x", x_dtype, [1, 2, 3, 3])
    g.init("xs", np.float32(0.5))
    g.init("xz", xz)
    if w_input:
        g.input("wi", I8, [2, 2, 1, 1])
    else:
        g.init("w", w)
    g.init("ws", np.float32(0.5))
    g.init("wz", np.int8(0))
    g.init("ys", ys)
    g.init("yz", yz)
    inputs = ["x", "xs", "xz", "wi" if w_input else "w", "ws", "wz", "ys", "yz"]
    if b is not None:
        g.init("b", b)
        inputs.append("b")
    g.node("QLinearConv", inputs[:len(inputs) - drop], "y", name="qconv")
    g.output("y", U8)


def qlinearmatmul(g, a_dtype=U8, a_shape=(2, 3), az=np.uint8(0),
                  b=np.ones([3, 2], np.int8), ys=np.float32(0.1),
                  yz=np.uint8(0), drop=0):
    g.input("a", a_dtype, list(a_shape))
    g.init("as", np.float32(0.5))
    g.init("az", az)
    g.init("b", b)
    g.init("bs", np.float32(0.25))
    g.init("bz", np.zeros([], b.dtype))
    g.init("ys", ys)
    g.init("yz", yz)
    inputs = ["a", "as", "az", "b", "bs", "bz", "ys", "yz"]
    g.node("QLinearMatMul", inputs[:len(inputs) - drop], "y", name="qmm")
    g.output("y", U8)


def convinteger(g, x_dtype=U8, w=np.ones([2, 2, 1, 1], np.int8),
                xz=np.uint8(0), wz=np.int8(0)):
    g.input("x", x_dtype, [1, 2, 3, 3])
    g.init("w", w)
    g.init("xz", xz)
    g.init("wz", wz)
    g.node("ConvInteger", ["x", "w", "xz", "wz"], "y", name="cint")
    g.output("y", I32)


def matmulinteger(g, a_shape=(2, 3), b=np.ones([3, 2], np.uint8),
                  az=np.uint8(0), bz=np.uint8(0), out=I32):
    g.input("a", U8, list(a_shape))
    g.init("b", b)
    g.init("az", az)
    g.init("bz", bz)
    g.node("MatMulInteger", ["a", "b", "az", "bz"], "y", name="mint")
    g.output("y", out)


@models()
def qlc_float_x(g):
    qlinearconv(g, x_dtype=F32)


@models()
def qlc_x_zp_type(g):
    qlinearconv(g, xz=np.int8(0))


@models()
def qlc_w_int32(g):
    qlinearconv(g, w=np.ones([2, 2, 1, 1], np.int32))


@models()
def qlc_w_rank3(g):
    qlinearconv(g, w=np.ones([2, 2, 1], np.int8))


@models()
def qlc_w_not_constant(g):
    qlinearconv(g, w_input=True)


@models()
def qlc_y_per_axis(g):
    qlinearconv(g, ys=np.array([0.1, 0.2], np.float32), yz=np.zeros(2, np.uint8))


@models()
def qlc_b_float(g):
    qlinearconv(g, b=np.ones(2, np.float32))


@models()
def qlc_b_count(g):
    qlinearconv(g, b=np.ones(3, np.int32))


@models()
def qlc_missing_inputs(g):
    qlinearconv(g, drop=1)


@models()
def qlm_float_a(g):
    qlinearmatmul(g, a_dtype=F32)


@models()
def qlm_a_rank1(g):
    qlinearmatmul(g, a_shape=(3,))


@models()
def qlm_a_zp_type(g):
    qlinearmatmul(g, az=np.int8(0))


@models()
def qlm_k_mismatch(g):
    qlinearmatmul(g, b=np.ones([4, 2], np.int8))


@models()
def qlm_b_int32(g):
    qlinearmatmul(g, b=np.ones([3, 2], np.int32))


@models()
def qlm_b_rank3(g):
    qlinearmatmul(g, b=np.ones([1, 3, 2], np.int8))


@models()
def qlm_y_per_axis(g):
    qlinearmatmul(g, ys=np.array([0.1, 0.2], np.float32), yz=np.zeros(2, np.uint8))


@models()
def qlm_missing_inputs(g):
    qlinearmatmul(g, drop=5)


@models()
def ci_float_x(g):
    convinteger(g, x_dtype=F32)


@models()
def ci_w_int32(g):
    convinteger(g, w=np.ones([2, 2, 1, 1], np.int32))


@models()
def ci_x_zp_vector(g):
    convinteger(g, xz=np.array([1, 2], np.uint8))


@models()
def ci_w_zp_unequal(g):
    convinteger(g, wz=np.array([1, 2], np.int8))


@models()
def mi_a_rank1(g):
    matmulinteger(g, a_shape=(3,))


@models()
def mi_k_mismatch(g):
    matmulinteger(g, b=np.ones([4, 2], np.uint8))


@models()
def mi_b_rank3(g):
    matmulinteger(g, b=np.ones([1, 3, 2], np.uint8))


@models()
def mi_b_int32(g):
    matmulinteger(g, b=np.ones([3, 2], np.int32))


@models()
def mi_a_zp_vector(g):
    matmulinteger(g, az=np.array([1, 2], np.uint8))


@models()
def mi_b_zp_unequal(g):
    matmulinteger(g, bz=np.array([1, 2], np.uint8))


@models()
def mi_output_uint8(g):
    matmulinteger(g, out=U8)


models.main()
