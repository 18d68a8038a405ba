// Layers in float: qnn.float_conv2d -> tensor.pad with 0.0, groups as a
// dimension of their own, one generic summing x * w (mulf then addf: two
// roundings, no FMA) into a zero-filled accumulator, then the bias in a
// generic of its own (ONNX: the sum, then plus the bias); qnn.float_matmul
// -> one generic over batch..., m, k, n.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @conv
// CHECK: %[[P:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %{{.*}} : f32
// CHECK: tensor<1x4x7x5xf32> to tensor<1x4x9x5xf32>
// CHECK: %[[X5:.*]] = tensor.expand_shape %[[P]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 9, 5]
// CHECK: %[[W5:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x3x4x3xf32>)
// CHECK: %[[C:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]} ins(%[[X5]], %[[W5]] : tensor<1x2x2x9x5xf32>, tensor<2x3x2x3x3xf32>) outs(%[[Z]] : tensor<1x2x3x4x3xf32>) attrs = {qcc.kernel = "float_conv2d"}
// CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[ACC]], %[[M]] : f32
// CHECK-NEXT: linalg.yield %[[S]]
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[C]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x4x3xf32> into tensor<1x6x4x3xf32>
// CHECK: linalg.generic {{.*}} ins(%[[R]], %{{.*}} : tensor<1x6x4x3xf32>, tensor<6xf32>) {{.*}} attrs = {qcc.kernel = "float_bias"}
// CHECK: arith.addf
// CHECK-NOT: math.fma
func.func @conv(%x: tensor<1x4x7x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x4x3xf32> {
  %0 = qnn.float_conv2d %x, %w, %b {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x4x7x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x3xf32>
  return %0 : tensor<1x6x4x3xf32>
}

// -----

// Strides and dilations in the input map: (oh * 2 + kh * 2, ow + kw * 3).
// CHECK-DAG: #[[XM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 * 2 + d5 * 2, d7 + d6 * 3)>
// CHECK-LABEL: func.func @conv_dilated
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic {indexing_maps = [#[[XM]],
// CHECK-NOT: float_bias
func.func @conv_dilated(%x: tensor<1x1x9x9xf32>, %w: tensor<2x1x2x2xf32>) -> tensor<1x2x4x6xf32> {
  %0 = qnn.float_conv2d %x, %w {dilations = array<i64: 2, 3>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 1>} : (tensor<1x1x9x9xf32>, tensor<2x1x2x2xf32>) -> tensor<1x2x4x6xf32>
  return %0 : tensor<1x2x4x6xf32>
}

// -----

// CHECK-DAG: #[[L:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d2, d3)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func.func @matmul
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[L]], #[[R]], #[[O]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: qcc.kernel = "float_matmul"
// CHECK: arith.mulf
// CHECK-NEXT: arith.addf
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<1x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = qnn.float_matmul %a, %b : (tensor<2x3x4xf32>, tensor<1x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}
