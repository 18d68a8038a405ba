# Resize in cubic mode and with tf_crop_and_resize: qnn.resize_2d with the
# sources and weights computed as ONNX Runtime computes them, checked here
# by hand.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t
# RUN: %qcc compile %t/cubic.onnx --emit=qnn | FileCheck %s --check-prefix=CUBIC
# RUN: %qcc compile %t/crop.onnx --emit=qnn | FileCheck %s --check-prefix=CROP
# RUN: %qcc compile %t/crop_keep_width.onnx --emit=qnn | FileCheck %s --check-prefix=CROP1
# RUN: %qcc compile %t/cubic_exclude.onnx --emit=qnn | FileCheck %s --check-prefix=EXCL
# RUN: %qcc compile %t/nn_keep_height.onnx --emit=qnn | FileCheck %s --check-prefix=NN1
# RUN: %qcc compile %t/same_shape.onnx --emit=qnn | FileCheck %s --check-prefix=SAME
# DEFINE: %{err} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: not %qcc compile %t/cubic_opset10.onnx --emit=qnn 2>&1 | %{err}=OPSET10
# RUN: not %qcc compile %t/crop_roi_runtime.onnx --emit=qnn 2>&1 | %{err}=ROI-INPUT
# RUN: not %qcc compile %t/crop_roi_short.onnx --emit=qnn 2>&1 | %{err}=ROI-SHORT
#
# Cubic (a = -0.75), half_pixel, 4x4 to 4x2. Rows keep their size: the
# source coordinate is o itself, fraction 0, weights (0, 1, 0, 0) over rows
# o-1 .. o+2 clamped to [0, 3]. Columns by 0.5: x = (o + 0.5) / 0.5 - 0.5 =
# 0.5, 2.5; fraction 0.5: the Keys weights at distances 1.5, 0.5, 0.5, 1.5
# are 0.125a = -0.09375, ((a+2)/2 - (a+3))/4 + 1 = 0.59375, 0.59375,
# -0.09375; sources -1..2 and 1..4, clamped.
# CUBIC: qnn.resize_2d %{{.*}} {col_weights = array<f32: -9.375000e-02, 5.937500e-01, 5.937500e-01, -9.375000e-02, -9.375000e-02, 5.937500e-01, 5.937500e-01, -9.375000e-02>, cols = array<i64: 0, 0, 1, 2, 1, 2, 3, 3>, row_weights = array<f32: 0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00>, rows = array<i64: 0, 0, 1, 2, 0, 1, 2, 3, 1, 2, 3, 3, 2, 3, 3, 3>} : tensor<1x1x4x4xf32> -> tensor<1x1x4x2xf32>
#
# tf_crop_and_resize, linear, 3x3 to 2x2 with roi H [0.5, 1], W [-0.5,
# 0.5]: x = start * 2 + o * (end - start) * 2 / (out - 1). Rows: 1, 2:
# sources (1, 2) weights (1, 0); (2, 2) weights (0.5, 0.5). Columns: -1
# (outside: -1, -1, extrapolated), 1. extrapolation_value 0 by default. An
# axis that keeps its size ignores its roi (ONNX Runtime's coordinate is o
# where the scale is 1): 3x3 to 2x3 reads columns 0, 1, 2.
# CROP: qnn.resize_2d %{{.*}} {col_weights = array<f32: 0.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00>, cols = array<i64: -1, -1, 1, 2>, extrapolation_value = 0.000000e+00 : f32, row_weights = array<f32: 1.000000e+00, 0.000000e+00, 5.000000e-01, 5.000000e-01>, rows = array<i64: 1, 2, 2, 2>} : tensor<1x1x3x3xf32> -> tensor<1x1x2x2xf32>
# CROP1: qnn.resize_2d %{{.*}} {col_weights = array<f32: 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 5.000000e-01, 5.000000e-01>, cols = array<i64: 0, 1, 1, 2, 2, 2>,
#
# exclude_outside, 4x4 to 4x2: column 0's source -1 is outside: weights
# (0, 0.59375, 0.59375, -0.09375), divided by their sum 1.09375 (ONNX
# Runtime divides a column weight before it multiplies); column 1's source
# 4 likewise (-0.09375, 0.59375, 0.59375, 0). Rows keep their size: weights
# (0, 1, 0, 0) left undivided, row_divisors the sums of the weights inside:
# 1 everywhere (a weight of 0 falls outside at the edges).
# EXCL: qnn.resize_2d %{{.*}} {col_weights = array<f32: 0.000000e+00, 0.54285717, 0.54285717, -0.085714288, -0.085714288, 0.54285717, 0.54285717, 0.000000e+00>, cols = array<i64: 0, 0, 1, 2, 1, 2, 3, 3>, row_divisors = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00>,
#
# Nearest, tf_half_pixel_for_nn with nearest_mode ceil, 4x4 to 4x2: rows
# keep their size, so their coordinate is o (not o + 0.5, which ceil would
# round up), as ONNX Runtime has it; columns x = (o + 0.5) / 0.5 = 1, 3.
# NN1: qnn.resize_2d %{{.*}} {col_weights = array<f32: 1.000000e+00, 1.000000e+00>, cols = array<i64: 1, 3>, row_weights = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00>, rows = array<i64: 0, 1, 2, 3>}
#
# Scales 1.2 on 4x4 give 4x4 (floored): ONNX Runtime copies the input, and
# so does qcc (no resize).
# SAME: func.func @forward(%arg0: tensor<1x1x4x4xf32> {qcc.name = "x"}) -> (tensor<1x1x4x4xf32> {qcc.name = "y"}) {
# SAME-NEXT: return %arg0
#
# OPSET10: qcc: error: {{.*}}cubic_opset10.onnx: node 'r' (Resize): mode 'cubic' is not supported (nearest, linear)
# ROI-INPUT: qcc: error: {{.*}}crop_roi_runtime.onnx: node 'r' (Resize): roi 'roi' must be a constant (initializer or Constant node)
# ROI-SHORT: qcc: error: {{.*}}crop_roi_short.onnx: node 'r' (Resize): roi must have 8 values (starts and ends of 4 axes), got 4

import os
import sys

import numpy as np
from onnx import TensorProto

from qcc_models.testing import F32, Graph

out = sys.argv[1]


def resize(name, opset, shape, sizes, roi=None, roi_input=False, **attrs):
    g = Graph(opset=opset)
    g.input("x", F32, shape)
    ins = ["x"]
    if opset >= 11:
        if roi_input:
            g.input("roi", F32, [8])
            ins.append("roi")
        elif roi is not None:
            ins.append(g.init("roi", np.array(roi, np.float32)))
        else:
            ins.append("")
        ins += ["", g.init("sizes", np.array(sizes, np.int64))]
    else:
        ins.append(g.init("scales", np.array(sizes, np.float32) / np.array(shape, np.float32)))
    g.node("Resize", ins, "y", name="r", **attrs)
    g.output("y", F32)
    g.save(os.path.join(out, name + ".onnx"))


resize("cubic", 13, [1, 1, 4, 4], [1, 1, 4, 2], mode="cubic")
crop = dict(mode="linear", coordinate_transformation_mode="tf_crop_and_resize")
resize("crop", 13, [1, 1, 3, 3], [1, 1, 2, 2], roi=[0, 0, 0.5, -0.5, 1, 1, 1, 0.5], **crop)
resize("crop_keep_width", 13, [1, 1, 3, 3], [1, 1, 2, 3], roi=[0, 0, 0.5, -0.5, 1, 1, 1, 0.5],
       **crop)
resize("cubic_exclude", 13, [1, 1, 4, 4], [1, 1, 4, 2], mode="cubic", exclude_outside=1)
resize("nn_keep_height", 13, [1, 1, 4, 4], [1, 1, 4, 2], mode="nearest",
       coordinate_transformation_mode="tf_half_pixel_for_nn", nearest_mode="ceil")
resize("same_shape", 10, [1, 1, 4, 4], [1, 1, 4.8, 4.8], mode="linear")
resize("cubic_opset10", 10, [1, 1, 4, 4], [1, 1, 8, 8], mode="cubic")
resize("crop_roi_runtime", 13, [1, 1, 3, 3], [1, 1, 2, 3], roi_input=True, **crop)
resize("crop_roi_short", 13, [1, 1, 3, 3], [1, 1, 2, 3], roi=[0.5, -0.5, 1, 0.5], **crop)
