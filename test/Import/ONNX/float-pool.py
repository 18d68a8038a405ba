# MaxPool, AveragePool and GlobalAveragePool of float tensors (issue 9):
# qnn.max_pool2d / qnn.avg_pool2d / qnn.global_avg_pool on f32, before the
# first quantizer (a QKeras/hls4ml input layer, a pool of the float input),
# after the last DequantizeLinear where the result stays float (a global
# average into the graph output), and through a float Concat (a Concat of
# dequantized tensors feeding a MaxPool that leads to a graph output). A
# MaxPool of a dequantized tensor still runs on its codes, and one towards a
# quantizer commutes with it (maxpool-commute.py). Numerics: ONNX's node
# tests (test/conformance/maxpool_*, averagepool_*, globalaveragepool*).
#
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/input_max.onnx --emit=qnn | FileCheck %s --check-prefix=MAX
# RUN: %qcc compile %t/input_avg.onnx --emit=qnn | FileCheck %s --check-prefix=AVG
# RUN: %qcc compile %t/gap_out.onnx --emit=qnn | FileCheck %s --check-prefix=GAP
# RUN: %qcc compile %t/concat_pool_out.onnx --emit=qnn | FileCheck %s --check-prefix=CAT
# RUN: %qcc compile %t/dq_max_out.onnx --emit=qnn | FileCheck %s --check-prefix=DQMAX
# RUN: %qcc compile %t/gap_out.onnx --report -target x86_64 -o %t/gap.o | FileCheck %s --check-prefix=REPORT
# RUN: %qcc compile %t/input_avg.onnx -target x86_64 -o %t/avg.o

# MAX: %[[P:.*]] = qnn.max_pool2d %arg0 {{{.*}}} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
# MAX-NEXT: qnn.quantize %[[P]]

# AVG: %[[P:.*]] = qnn.avg_pool2d %arg0 {count_include_pad = true, {{.*}}} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
# AVG-NEXT: qnn.quantize %[[P]]

# GAP: %[[D:.*]] = qnn.dequantize %{{.*}} -> tensor<1x3x4x4xf32>
# GAP-NEXT: %[[G:.*]] = qnn.global_avg_pool %[[D]] : tensor<1x3x4x4xf32> -> tensor<1x3x1x1xf32>
# GAP-NEXT: return %[[G]]

# CAT: %[[C:.*]] = qnn.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32>
# CAT-NEXT: %[[P:.*]] = qnn.max_pool2d %[[C]] {{{.*}}} : tensor<1x5x4x4xf32> -> tensor<1x5x2x2xf32>
# CAT-NEXT: return %[[P]]

# DQMAX: %[[P:.*]] = qnn.max_pool2d %{{.*}} : tensor<1x3x4x4x!qnn.q<ui8, scale = 0.25, zp = 100>> -> tensor<1x3x2x2x!qnn.q<ui8, scale = 0.25, zp = 100>>
# DQMAX-NEXT: qnn.dequantize %[[P]]

# REPORT: gap {{ *}}float_global_avg_pool {{.*}}

from qcc_models.testing import F32, Variants

models = Variants()


def pool(g, op, x, out="p", **attrs):
    return g.node(op, [x], out, name="pool", **attrs)


@models()
def input_max(g):
    g.input("x", F32, [1, 2, 4, 4])
    p = pool(g, "MaxPool", "x", kernel_shape=[2, 2], strides=[2, 2])
    g.dq(g.q(p, 0.25, 128, out="pq"), 0.25, 128, out="out")
    g.output("out", F32)


@models()
def input_avg(g):
    g.input("x", F32, [1, 2, 4, 4])
    p = pool(g, "AveragePool", "x", kernel_shape=[3, 3], pads=[1, 1, 1, 1],
             count_include_pad=1)
    g.dq(g.q(p, 0.25, 128, out="pq"), 0.25, 128, out="out")
    g.output("out", F32)


@models()
def gap_out(g):
    x = g.qdq_input("x", [1, 3, 4, 4], 0.25, 100)
    g.node("GlobalAveragePool", [x], "out", name="gap")
    g.output("out", F32)


@models()
def concat_pool_out(g):
    a = g.qdq_input("a", [1, 2, 4, 4], 0.5, 128)
    b = g.qdq_input("b", [1, 3, 4, 4], 0.25, 100)
    c = g.node("Concat", [a, b], "c", name="cat", axis=1)
    pool(g, "MaxPool", c, out="out", kernel_shape=[2, 2], strides=[2, 2])
    g.output("out", F32)


@models()
def dq_max_out(g):
    x = g.qdq_input("x", [1, 3, 4, 4], 0.25, 100)
    pool(g, "MaxPool", x, out="out", kernel_shape=[2, 2], strides=[2, 2])
    g.output("out", F32)


models.main()
