// Ops whose result must be per-tensor may still have a *sliced* result type
// (one scale / zero-point, several bit-widths along the axis): the clamp
// bounds must then follow each channel's slice width, as they do for
// qnn.requantize / conv2d / matmul.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// Result channel 0 is i4 [-8, 7], channel 1 is i8 [-128, 127].
// CHECK-LABEL: func.func @add_sliced_result
// CHECK-DAG: arith.constant dense<[-8, -128]> : tensor<2xi8>
// CHECK-DAG: arith.constant dense<[7, 127]> : tensor<2xi8>
// CHECK: qcc.kernel = "add"
func.func @add_sliced_result(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>,
                             %b: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>)
    -> tensor<1x2x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>> {
  %0 = qnn.add %a, %b : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>)
      -> tensor<1x2x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
  return %0 : tensor<1x2x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool_sliced_result
// CHECK-DAG: arith.constant dense<[-8, -128]> : tensor<2xi8>
// CHECK-DAG: arith.constant dense<[7, 127]> : tensor<2xi8>
// CHECK: qcc.kernel = "requantize"
func.func @global_avg_pool_sliced_result(%a: tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>)
    -> tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>> {
  %0 = qnn.global_avg_pool %a : tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
      -> tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
  return %0 : tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
}

// -----

// CHECK-LABEL: func.func @avg_pool_sliced_result
// CHECK-DAG: arith.constant dense<[-8, -128]> : tensor<2xi8>
// CHECK-DAG: arith.constant dense<[7, 127]> : tensor<2xi8>
// CHECK: qcc.kernel = "requantize"
func.func @avg_pool_sliced_result(%a: tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>)
    -> tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>> {
  %0 = qnn.avg_pool2d %a {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
  return %0 : tensor<1x2x1x1x!qnn.q<[i4 x 1, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
}

// -----

// Concatenation along the slice axis: the second input lands in result
// channels 2..3, which are i8, so its requantization must clamp to
// [-128, 127] (it is not re-clamped to the i4 range of result channels 0..1).
// CHECK-LABEL: func.func @concat_into_sliced_result
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0] [1, 2] [1, 1]
// CHECK: qcc.kernel = "requantize"
// CHECK-NOT: arith.constant -8 : i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 2] [1, 2] [1, 1]
func.func @concat_into_sliced_result(%a: tensor<1x2x!qnn.q<[i4 x 2], axis = 1, scale = 0.5, zp = 0>>,
                                     %b: tensor<1x2x!qnn.q<[i8 x 2], axis = 1, scale = 0.5, zp = 0>>)
    -> tensor<1x4x!qnn.q<[i4 x 2, i8 x 2], axis = 1, scale = 0.5, zp = 0>> {
  %0 = qnn.concat %a, %b {axis = 1 : i64}
      : (tensor<1x2x!qnn.q<[i4 x 2], axis = 1, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<[i8 x 2], axis = 1, scale = 0.5, zp = 0>>)
      -> tensor<1x4x!qnn.q<[i4 x 2, i8 x 2], axis = 1, scale = 0.5, zp = 0>>
  return %0 : tensor<1x4x!qnn.q<[i4 x 2, i8 x 2], axis = 1, scale = 0.5, zp = 0>>
}
