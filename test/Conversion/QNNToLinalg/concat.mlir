// qnn.concat -> tensor.insert_slice of every input into a tensor.empty;
// an input whose quantization differs from the result's is requantized first.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

//   input #1: ui8 (0.25, zp 0) -> ui8 (0.5, zp 128): ratio 0.5
//   frexp(0.5) = (0.5, 0) -> shift 31, mult 2^30 = 1073741824
// CHECK-LABEL: func.func @concat_axis1(
// CHECK-SAME: %[[A:.*]]: tensor<1x2x4xi8>, %[[B:.*]]: tensor<1x3x4xi8>, %[[C:.*]]: tensor<1x1x4xi8>) -> tensor<1x6x4xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x6x4xi8>
// CHECK: %[[S0:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0] [1, 2, 4] [1, 1, 1] : tensor<1x2x4xi8> into tensor<1x6x4xi8>
// CHECK: %[[RB:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B]] : tensor<1x3x4xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK:   arith.extui %{{.*}} : i8 to i64
// CHECK:   arith.constant 1073741824 : i64
// CHECK:   arith.constant 31 : i64
// CHECK:   arith.constant 128 : i64
// CHECK:   arith.constant 255 : i64
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[RB]] into %[[S0]][0, 2, 0] [1, 3, 4] [1, 1, 1] : tensor<1x3x4xi8> into tensor<1x6x4xi8>
// CHECK-NOT: qcc.kernel = "requantize"
// CHECK: %[[S2:.*]] = tensor.insert_slice %[[C]] into %[[S1]][0, 5, 0] [1, 1, 4] [1, 1, 1] : tensor<1x1x4xi8> into tensor<1x6x4xi8>
// CHECK: return %[[S2]]
func.func @concat_axis1(%a: tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                        %b: tensor<1x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>,
                        %c: tensor<1x1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>) -> tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> {
  %0 = qnn.concat %a, %b, %c {axis = 1 : i64}
      : (tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>, tensor<1x1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>)
      -> tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  return %0 : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
}

// Axis 0, same quantization everywhere: no requantization at all.
// CHECK-LABEL: func.func @concat_axis0_same(
// CHECK-NOT: linalg.generic
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0] [2, 3] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[2, 0] [2, 3] [1, 1]
// CHECK: return
func.func @concat_axis0_same(%a: tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<4x3x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %0 = qnn.concat %a, %a {axis = 0 : i64}
      : (tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<4x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %0 : tensor<4x3x!qnn.q<i8, scale = 0.5, zp = 0>>
}
