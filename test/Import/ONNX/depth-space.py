# DepthToSpace (DCR and CRD modes) and SpaceToDepth (issue 9): a reshape to
# six dimensions, a transpose and a reshape back, of codes between
# DequantizeLinear and QuantizeLinear (per-tensor quantization moves with
# the values) or of floats. Numerics: ONNX's node tests
# (test/conformance/depthtospace_*, spacetodepth*) and test/e2e/depth_space.test.
#
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && %python %s %t
# RUN: %qcc compile %t/dcr_quant.onnx --emit=qnn | FileCheck %s --check-prefix=DCR
# RUN: %qcc compile %t/crd_float.onnx --emit=qnn | FileCheck %s --check-prefix=CRD
# RUN: %qcc compile %t/s2d_quant.onnx --emit=qnn | FileCheck %s --check-prefix=S2D
# RUN: not %qcc compile %t/d2s_channels.onnx --emit=qnn 2>&1 | %{err}=CHANNELS
# RUN: not %qcc compile %t/d2s_no_blocksize.onnx --emit=qnn 2>&1 | %{err}=NOBS
# RUN: not %qcc compile %t/d2s_mode.onnx --emit=qnn 2>&1 | %{err}=MODE
# RUN: not %qcc compile %t/s2d_extent.onnx --emit=qnn 2>&1 | %{err}=EXTENT
# RUN: not %qcc compile %t/d2s_rank.onnx --emit=qnn 2>&1 | %{err}=RANK

# DCR: %[[R:.*]] = qnn.reshape %{{.*}} : tensor<1x8x2x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x2x2x2x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
# DCR-NEXT: %[[T:.*]] = qnn.transpose %[[R]] {permutation = array<i64: 0, 3, 4, 1, 5, 2>} : tensor<1x2x2x2x2x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x2x2x3x2x!qnn.q<ui8, scale = 0.5, zp = 128>>
# DCR-NEXT: %[[O:.*]] = qnn.reshape %[[T]] : tensor<1x2x2x2x3x2x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>
# DCR-NEXT: qnn.dequantize %[[O]]

# CRD: %[[R:.*]] = qnn.reshape %arg0 : tensor<1x8x2x3xf32> -> tensor<1x2x2x2x2x3xf32>
# CRD-NEXT: %[[T:.*]] = qnn.transpose %[[R]] {permutation = array<i64: 0, 1, 4, 2, 5, 3>} : tensor<1x2x2x2x2x3xf32> -> tensor<1x2x2x2x3x2xf32>
# CRD-NEXT: qnn.reshape %[[T]] : tensor<1x2x2x2x3x2xf32> -> tensor<1x2x4x6xf32>

# S2D: %[[R:.*]] = qnn.reshape %{{.*}} : tensor<1x2x4x6x!qnn.q<i8, scale = 0.25, zp = -3>> -> tensor<1x2x2x2x3x2x!qnn.q<i8, scale = 0.25, zp = -3>>
# S2D-NEXT: %[[T:.*]] = qnn.transpose %[[R]] {permutation = array<i64: 0, 3, 5, 1, 2, 4>} : {{.*}} -> tensor<1x2x2x2x2x3x!qnn.q<i8, scale = 0.25, zp = -3>>
# S2D-NEXT: qnn.reshape %[[T]] : {{.*}} -> tensor<1x8x2x3x!qnn.q<i8, scale = 0.25, zp = -3>>

# CHANNELS: qcc: error: {{.*}}d2s_channels.onnx: node 'd2s' (DepthToSpace): 6 channels are not a multiple of blocksize^2 (2^2)
# NOBS: qcc: error: {{.*}}d2s_no_blocksize.onnx: node 'd2s' (DepthToSpace): blocksize must be a positive integer
# MODE: qcc: error: {{.*}}d2s_mode.onnx: node 'd2s' (DepthToSpace): mode 'XYZ' is not DCR or CRD
# EXTENT: qcc: error: {{.*}}s2d_extent.onnx: node 's2d' (SpaceToDepth): height 4 and width 5 are not multiples of blocksize 2
# RANK: qcc: error: {{.*}}d2s_rank.onnx: node 'd2s' (DepthToSpace): input must be 4-D (NCHW), got rank 3

from qcc_models.testing import F32, I8, Variants

models = Variants()


@models()
def dcr_quant(g):
    x = g.qdq_input("x", [1, 8, 2, 3], 0.5, 128)
    d = g.node("DepthToSpace", [x], "d", name="d2s", blocksize=2)
    g.dq(g.q(d, 0.5, 128, out="dq"), 0.5, 128, out="out")
    g.output("out", F32)


@models()
def crd_float(g):
    g.input("x", F32, [1, 8, 2, 3])
    g.node("DepthToSpace", ["x"], "out", name="d2s", blocksize=2, mode="CRD")
    g.output("out", F32)


@models()
def s2d_quant(g):
    x = g.qdq_input("x", [1, 2, 4, 6], 0.25, -3, I8)
    d = g.node("SpaceToDepth", [x], "d", name="s2d", blocksize=2)
    g.dq(g.q(d, 0.25, -3, I8, out="dq"), 0.25, -3, I8, out="out")
    g.output("out", F32)


def d2s_float(g, shape=(1, 6, 2, 2), **attrs):
    g.input("x", F32, list(shape))
    g.node("DepthToSpace", ["x"], "out", name="d2s", **attrs)
    g.output("out", F32)


@models()
def d2s_channels(g):
    d2s_float(g, blocksize=2)


@models()
def d2s_no_blocksize(g):
    d2s_float(g, (1, 8, 2, 2))


@models()
def d2s_mode(g):
    d2s_float(g, (1, 8, 2, 2), blocksize=2, mode="XYZ")


@models()
def d2s_rank(g):
    d2s_float(g, (8, 2, 2), blocksize=2)


@models()
def s2d_extent(g):
    g.input("x", F32, [1, 2, 4, 5])
    g.node("SpaceToDepth", ["x"], "out", name="s2d", blocksize=2)
    g.output("out", F32)


models.main()
