# An unquantized tensor whose only consumer is a MaxPool whose output is
# quantized (DequantizeLinear -> Concat -> MaxPool -> QuantizeLinear, as ONNX
# Runtime's quantizer leaves SPP blocks): quantizing is non-decreasing, so
# Q(max(v)) = max(Q(v)); the Concat takes the quantization after the
# MaxPool (requantizing each input) and the pool runs on codes. Numerics
# against ONNX Runtime: test/e2e/float_heads.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/concat_pool.onnx --emit=qnn | FileCheck %s --check-prefix=CAT
# RUN: %qcc compile %t/relu_pool.onnx --emit=qnn | FileCheck %s --check-prefix=RELU
# RUN: not %qcc compile %t/pool_two_consumers.onnx --emit=qnn 2>&1 | %{err}=TWO

# CAT: %[[C:.*]] = qnn.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x4x4x!qnn.q<ui8, scale = 0.25, zp = 100>>) -> tensor<1x5x4x4x!qnn.q<ui8, scale = 0.375, zp = 120>>
# CAT-NEXT: %[[P:.*]] = qnn.max_pool2d %[[C]] {{.*}} : tensor<1x5x4x4x!qnn.q<ui8, scale = 0.375, zp = 120>> -> tensor<1x5x2x2x!qnn.q<ui8, scale = 0.375, zp = 120>>
# CAT-NEXT: qnn.dequantize %[[P]]

# A Relu between the Concat and the MaxPool is the Concat's output range.
# RELU: qnn.concat {{.*}} -> tensor<1x5x4x4x!qnn.q<ui8, scale = 0.375, zp = 0>>
# RELU-NEXT: qnn.requantize %{{.*}} {out_min = 0.000000e+00 : f64}
# RELU-NEXT: qnn.max_pool2d

# Where the MaxPool leads to a graph output instead, the Concat and the
# pool run in float (float-pool.py). Two consumers, one a quantized Relu:
# TWO: qcc: error: {{.*}}pool_two_consumers.onnx: node 'cat' (Concat): output 'c' feeds node 'pool' (MaxPool) directly; QDQ models must quantize it first (QuantizeLinear)

from qcc_models.testing import F32, Variants

models = Variants()


def concat(g):
    a = g.qdq_input("a", [1, 2, 4, 4], 0.5, 128)
    b = g.qdq_input("b", [1, 3, 4, 4], 0.25, 100)
    return g.node("Concat", [a, b], "c", name="cat", axis=1)


def pool(g, x):
    return g.node("MaxPool", [x], "p", name="pool", kernel_shape=[2, 2],
                  strides=[2, 2])


@models()
def concat_pool(g):
    g.dq(g.q(pool(g, concat(g)), 0.375, 120, out="pq"), 0.375, 120, out="out")
    g.output("out", F32)


@models()
def relu_pool(g):
    r = g.node("Relu", [concat(g)], "r", name="relu")
    g.dq(g.q(pool(g, r), 0.375, 0, out="pq"), 0.375, 0, out="out")
    g.output("out", F32)


@models()
def pool_two_consumers(g):
    c = concat(g)
    g.dq(g.q(pool(g, c), 0.375, 120, out="pq"), 0.375, 120, out="out")
    g.output("out", F32)
    g.node("Relu", [c], "r2", name="relu2")
    g.dq(g.q("r2", 0.375, 0, out="r2q"), 0.375, 0, out="out2")
    g.output("out2", F32)


models.main()
