// RUN: qcc-opt %s --convert-qnn-to-linalg --mlir-print-local-scope | FileCheck %s

// A convolution with constant weights and >= 8 filters per group uses the
// filter-innermost layout: weights repacked at compile time from
// [F, C, KH, KW] to [G, C/G, KH, KW, F/G], accumulator [N, G, OH, OW, F/G],
// loops n g oh ow | c kh kw | f.
//
// Weights w[f][c] = 2*f + c (F = 8, C = 2, 1x1): packed[c][f] = 2*f + c,
// i.e. c = 0: 0 2 4 .. 14 and c = 1: 1 3 5 .. 15 (derived by hand).

// CHECK-LABEL: func.func @packed
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[\[}}0, 2, 4, 6, 8, 10, 12, 14]]], {{\[\[\[}}1, 3, 5, 7, 9, 11, 13, 15]]]]]> : tensor<1x2x1x1x8xi8>
// CHECK: %[[X5:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 1, 2, 4, 4] : tensor<1x2x4x4xi8> into tensor<1x1x2x4x4xi8>
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]
// CHECK-SAME: ins(%[[X5]], %[[W]] : tensor<1x1x2x4x4xi8>, tensor<1x2x1x1x8xi8>)
// CHECK-SAME: outs(%{{.*}} : tensor<1x1x4x4x8xi32>)
// CHECK-SAME: qcc.kernel = "conv2d"
// The requantization reads acc[n, f floordiv 8, oh, ow, f mod 8].
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 8, d2, d3, d1 mod 8)>
// CHECK-SAME: ins(%[[ACC]]
// CHECK-SAME: qcc.kernel = "requantize"
func.func @packed(%x: tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[0]], [[1]]], [[[2]], [[3]]], [[[4]], [[5]]], [[[6]], [[7]]], [[[8]], [[9]]], [[[10]], [[11]]], [[[12]], [[13]]], [[[14]], [[15]]]]> : tensor<8x2x1x1xi8> : tensor<8x2x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x2x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// Fewer than 8 filters per group (here depthwise, 1 per group) or weights
// that are not constants keep the NCHW accumulator with output width
// innermost.
// CHECK-LABEL: func.func @depthwise
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x1x4x4xi32>)
// CHECK-SAME: qcc.kernel = "conv2d"
func.func @depthwise(%x: tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x2x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<1> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 2 : i64}
      : (tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x1x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x2x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x2x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// CHECK-LABEL: func.func @weights_not_constant
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x1x8x4x4xi32>)
func.func @weights_not_constant(%x: tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<8x2x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x2x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
}
