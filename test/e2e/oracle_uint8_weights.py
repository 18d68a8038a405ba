# Regression test: ONNX Runtime as the oracle must not use its saturating
# uint8 x int8 kernels. On x86-64 without VNNI (seen on an AMD EPYC with
# AVX2, ORT 1.30) ORT adds pairs of uint8 x int8 products in 16 bits with
# saturation (VPMADDUBSW), so a MatMulInteger read 13091 off and QDQ
# convolutions up to 39 LSB off, failing 23 e2e and difftest tests that
# passed on a VNNI machine, while numpy's reference and qcc (x86-64 and
# AArch64) agreed. python/qcc_models/oracle.py gives ORT those int8 weights
# as uint8 + 128 with their zero points + 128, the same function.
#
# Each model here has products that saturate in 16 bits (activations 255,
# weights 127 and -128: a pair is 64770 or -65280; int8 activations times
# uint8 weights 255, likewise); ORT on the rewritten
# model must give the results derived here with integer numpy, exactly,
# on every CPU. The rewrite's node count is checked too.
#
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t
import json
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402
from qcc_models.oracle import write_oracle_model  # noqa: E402
from qcc_models.builder import ORACLE_FILE  # noqa: E402

out = sys.argv[1]
node = e2e.find_tool("node", "node")
ORT_RUN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "oracle", "ort_run.js")

A = np.array([[255, 255, 255, 255, 0, 255, 255, 255],
              [255, 0, 255, 255, 255, 255, 17, 200]], np.uint8)
# Column n: all 127 (even n) or all -128 (odd n), some entries changed, so
# that adjacent products have the same sign and overflow 16 bits.
B = np.where(np.arange(8)[None, :] % 2 == 0, 127, -128).repeat(8, 0).astype(np.int8)  # [8, 8]
B[3, 2] = 5
B[6, 5] = -7


def save(name, nodes, inits, inputs, outputs, opset=13, a=A):
    d = os.path.join(out, name)
    os.makedirs(d)
    g = helper.make_graph(nodes, name, inputs, outputs, initializer=inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 7
    onnx.save(m, os.path.join(d, "model.onnx"))
    a.tofile(os.path.join(d, "input0.bin"))
    meta = {"model": name,
            "inputs": [{"name": "a", "dtype": str(a.dtype), "shape": list(a.shape), "file": "input0.bin"}],
            "outputs": [{"name": o.name, "dtype": {TensorProto.INT32: "int32", TensorProto.UINT8: "uint8"}
                         [o.type.tensor_type.elem_type],
                         "shape": [x.dim_value for x in o.type.tensor_type.shape.dim]}
                        for o in outputs]}
    with open(os.path.join(d, "model.json"), "w") as f:
        json.dump(meta, f)
    return d


def ort(d, dtype, shape):
    subprocess.run([node, ORT_RUN, d, "--model", os.path.join(d, ORACLE_FILE)], check=True)
    return np.fromfile(os.path.join(d, "ort_output0.bin"), dtype).reshape(shape)


failures = []


def check(d, dtype, shape, want):
    """ORT on d's rewritten model against `want`; records a failure."""
    n = write_oracle_model(d)
    got = ort(d, dtype, shape)
    name = os.path.basename(d)
    print("%s: %d node(s) rewritten; max |ORT - exact| = %d"
          % (name, n, np.abs(got.astype(np.int64) - want).max()))
    if n != 1 or not np.array_equal(got, want):
        failures.append(name)


a_in = helper.make_tensor_value_info("a", TensorProto.UINT8, list(A.shape))
exact = A.astype(np.int64) @ B.astype(np.int64)

# MatMulInteger(uint8, int8) without zero points: int32 sums.
d = save("matmulinteger",
         [helper.make_node("MatMulInteger", ["a", "b"], ["y"])],
         [numpy_helper.from_array(B, "b")],
         [a_in], [helper.make_tensor_value_info("y", TensorProto.INT32, [2, 8])])
check(d, np.int32, (2, 8), exact)

# QLinearMatMul(uint8, int8): y = clamp(round(acc / 2^11) + 128), every
# scale a power of two, so the float requantization is exact (ties: none,
# checked below).
scale_y = 2048.0
acc_scaled = exact / scale_y
assert not np.any(np.abs(acc_scaled - np.floor(acc_scaled) - 0.5) < 1e-9), "a tie"
want = np.clip(np.round(acc_scaled) + 128, 0, 255).astype(np.uint8)
# The constants of both forms: B, the scales (1: sa = sb) and zero points.
inits = [numpy_helper.from_array(v, k) for k, v in (
    ("b", B), ("sa", np.array(1.0, np.float32)), ("za", np.array(0, np.uint8)),
    ("sb", np.array(1.0, np.float32)), ("zb", np.array(0, np.int8)),
    ("sy", np.array(scale_y, np.float32)), ("zy", np.array(128, np.uint8)))]
d = save("qlinearmatmul",
         [helper.make_node("QLinearMatMul", ["a", "sa", "za", "b", "sb", "zb", "sy", "zy"], ["y"])],
         inits, [a_in], [helper.make_tensor_value_info("y", TensorProto.UINT8, [2, 8])])
check(d, np.uint8, (2, 8), want)

# QDQ: DQ(a) x DQ(int8 weight) -> Q, which ORT fuses into an integer
# kernel (the same y as above).
d = save("qdq_matmul",
         [helper.make_node("DequantizeLinear", ["a", "sa", "za"], ["af"]),
          helper.make_node("DequantizeLinear", ["b", "sb", "zb"], ["bf"]),
          helper.make_node("MatMul", ["af", "bf"], ["yf"]),
          helper.make_node("QuantizeLinear", ["yf", "sy", "zy"], ["y"])],
         inits, [a_in], [helper.make_tensor_value_info("y", TensorProto.UINT8, [2, 8])])
check(d, np.uint8, (2, 8), want)

# ConvInteger(int8, uint8): ORT swaps the operands into uint8 x int8;
# the weights are given to it as int8 - 128 (int8 x int8 does not
# saturate). 1x1 kernel over 8 channels: the same sums as a matmul.
X = np.array([127, 127, 127, -128, 127, 127, -128, -128] * 2, np.int8).reshape(1, 8, 1, 2)
X[0, 5, 0, 1] = 3
W = np.full((4, 8, 1, 1), 255, np.uint8)
W[1] = 0
W[2, ::2] = 0
W[3, 3] = 9
d = save("convinteger",
         [helper.make_node("ConvInteger", ["a", "w"], ["y"])],
         [numpy_helper.from_array(W, "w")],
         [helper.make_tensor_value_info("a", TensorProto.INT8, list(X.shape))],
         [helper.make_tensor_value_info("y", TensorProto.INT32, [1, 4, 1, 2])], a=X)
exact = np.einsum("nchw,oc->nohw", X.astype(np.int64), W[:, :, 0, 0].astype(np.int64))
check(d, np.int32, (1, 4, 1, 2), exact)

if failures:
    sys.exit("FAIL: ORT on the rewritten model differs from the exact result: "
             + ", ".join(failures))
print("ok")
