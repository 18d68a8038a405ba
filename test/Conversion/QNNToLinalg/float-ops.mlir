// The float parts of a model: qnn.float_binary -> one elementwise
// linalg.generic with numpy broadcasting maps and one IEEE op per element
// (qcc.kernel = "float_<kind>"); qnn.softmax -> max, exp(x - max), sum and
// e * (1 / sum), the exp built from arith ops only (no math dialect, so no
// libm call in the object).
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
// CHECK-LABEL: func.func @normalize
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: qcc.kernel = "float_sub"
// CHECK: arith.subf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[ID]]]
// CHECK-SAME: qcc.kernel = "float_div"
// CHECK: arith.divf
// CHECK-NOT: math.
func.func @normalize(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %m = arith.constant dense<[[[[0.485]], [[0.456]], [[0.406]]]]> : tensor<1x3x1x1xf32>
  %s = arith.constant dense<[[[[0.229]], [[0.224]], [[0.225]]]]> : tensor<1x3x1x1xf32>
  %c = qnn.float_binary sub %x, %m : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
  %n = qnn.float_binary div %c, %s : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
  return %n : tensor<1x3x4x4xf32>
}

// -----

// A scalar on the left (Sub(c, x)): rank-0 operand, empty map.
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @scalar_lhs
// CHECK: linalg.generic {indexing_maps = [#[[S]],
// CHECK: arith.subf %in, %in_0 : f32
func.func @scalar_lhs(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %c = arith.constant dense<1.0> : tensor<f32>
  %r = qnn.float_binary sub %c, %x : tensor<f32>, tensor<2x5xf32> -> tensor<2x5xf32>
  return %r : tensor<2x5xf32>
}

// -----

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[RED:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NINF]] : f32) outs(%{{.*}} : tensor<2x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[RED]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[RED]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// The exp: clamp, k = (x * log2 e + 1.5 * 2^23) - 1.5 * 2^23, Cody-Waite
// reduction, 2^k from (k + 127) << 23.
// CHECK: arith.subf
// CHECK: arith.constant -87.3365402 : f32
// CHECK: arith.constant 0x4B400000 : f32
// CHECK: arith.constant 1.44269502 : f32
// CHECK: arith.constant 0.693145751 : f32
// CHECK: arith.fptosi
// CHECK: arith.constant 127 : i32
// CHECK: arith.constant 23 : i32
// CHECK: arith.shli
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[RED]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID2]], #[[RED]], #[[ID2]]]
// CHECK: arith.divf %cst{{.*}}, %in_1
// CHECK: arith.mulf %in, %
// CHECK-NOT: math.
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %r = qnn.softmax %x {axis = 1} : tensor<2x10xf32>
  return %r : tensor<2x10xf32>
}

// -----

// qnn.reshape and qnn.transpose on f32 (a float part of the model): the
// same collapse/expand and index-map copy as on codes, with f32 storage.
// CHECK-LABEL: func.func @float_layout
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1, 2, 3]] : tensor<1x6x2x2xf32> into tensor<24xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[C]] {{.*}} : tensor<24xf32> into tensor<1x3x2x2x2xf32>
// CHECK: linalg.generic {{.*}} ins(%[[E]] : tensor<1x3x2x2x2xf32>) outs(%{{.*}} : tensor<1x3x2x2x2xf32>)
// CHECK-SAME: qcc.kernel = "transpose"
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
func.func @float_layout(%x: tensor<1x6x2x2xf32>) -> tensor<1x3x2x2x2xf32> {
  %r = qnn.reshape %x : tensor<1x6x2x2xf32> -> tensor<1x3x2x2x2xf32>
  %t = qnn.transpose %r {permutation = array<i64: 0, 1, 3, 4, 2>} : tensor<1x3x2x2x2xf32> -> tensor<1x3x2x2x2xf32>
  return %t : tensor<1x3x2x2x2xf32>
}

// -----

// qnn.slice on f32: the same index-map copy as on codes.
// CHECK-DAG: #[[SL:.*]] = affine_map<(d0, d1) -> (d0, d1 + 3)>
// CHECK-LABEL: func.func @float_slice
// CHECK: linalg.generic {indexing_maps = [#[[SL]], #{{.*}}]{{.*}} ins(%arg0 : tensor<2x5xf32>) outs(%{{.*}} : tensor<2x2xf32>)
// CHECK-SAME: qcc.kernel = "slice"
func.func @float_slice(%x: tensor<2x5xf32>) -> tensor<2x2xf32> {
  %s = qnn.slice %x {starts = array<i64: 0, 3>, steps = array<i64: 1, 1>} : tensor<2x5xf32> -> tensor<2x2xf32>
  return %s : tensor<2x2xf32>
}

// -----

// qnn.pad on f32: tensor.pad yielding the f32 value.
// CHECK-LABEL: func.func @float_pad
// CHECK: %[[V:.*]] = arith.constant 1.500000e+00 : f32
// CHECK: tensor.pad %arg0 low[0, 2] high[1, 0]
// CHECK: tensor.yield %[[V]] : f32
// CHECK: } : tensor<2x2xf32> to tensor<3x4xf32>
func.func @float_pad(%x: tensor<2x2xf32>) -> tensor<3x4xf32> {
  %0 = qnn.pad %x {low = array<i64: 0, 2>, high = array<i64: 1, 0>, value = 1.5 : f32} : tensor<2x2xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// qnn.concat on f32: inserted slices of an f32 tensor, no requantization.
// CHECK-LABEL: func.func @float_concat
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x5xf32>
// CHECK: %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<1x5xf32>
// CHECK: %[[B:.*]] = tensor.insert_slice %arg1 into %[[A]][0, 2] [1, 3] [1, 1] : tensor<1x3xf32> into tensor<1x5xf32>
// CHECK-NEXT: return %[[B]]
func.func @float_concat(%a: tensor<1x2xf32>, %b: tensor<1x3xf32>) -> tensor<1x5xf32> {
  %c = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  return %c : tensor<1x5xf32>
}

// -----

// qnn.max_pool2d on f32: -inf padding and init, maxnum (NaN ignored).
// CHECK-LABEL: func.func @float_max_pool
// CHECK: %[[NINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK: tensor.yield %[[NINF]] : f32
// CHECK: linalg.fill ins(%{{.*}} : f32)
// CHECK: linalg.generic {{.*}} attrs = {qcc.kernel = "float_max_pool2d"}
// CHECK: arith.maxnumf %{{.*}}, %{{.*}} : f32
func.func @float_max_pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = qnn.max_pool2d %x {dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// qnn.avg_pool2d on f32: zero padding, the window sum (acc + x, row-major),
// then a division by each position's in-bounds count (2x2 at the padded
// corner, 3x3 inside).
// CHECK-LABEL: func.func @float_avg_pool
// CHECK: tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK: linalg.generic {{.*}} attrs = {qcc.kernel = "float_window_sum"}
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8, %[[ACC:.*]]: f32):
// CHECK-NEXT: arith.addf %[[ACC]], %[[IN]] : f32
// CHECK: arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00]]> : tensor<2x2xf32>
// CHECK: linalg.generic {{.*}} attrs = {qcc.kernel = "float_average"}
// CHECK: arith.divf
func.func @float_avg_pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @float_global_avg_pool
// CHECK: linalg.generic {{.*}} ins(%arg0, {{.*}} attrs = {qcc.kernel = "float_window_sum"}
// CHECK: arith.constant dense<1.600000e+01> : tensor<1x1xf32>
// CHECK: linalg.generic {{.*}} attrs = {qcc.kernel = "float_average"}
// CHECK: arith.divf
func.func @float_global_avg_pool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32> {
  %0 = qnn.global_avg_pool %x : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

// prelu: x < 0 ? x * slope : x, the slope broadcast per channel.
// CHECK-LABEL: func.func @float_prelu
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[SLOPE:.*]], #{{.*}}]{{.*}} attrs = {qcc.kernel = "float_prelu"}
// CHECK: ^bb0(%[[X:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %[[X]], %{{.*}} : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[X]], %[[S]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[NEG]], %[[P]], %[[X]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @float_prelu(%x: tensor<1x2x3x3xf32>, %s: tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %0 = qnn.float_binary prelu %x, %s : tensor<1x2x3x3xf32>, tensor<2x1x1xf32> -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}
