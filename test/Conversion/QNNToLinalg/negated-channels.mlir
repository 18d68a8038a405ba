// qnn.conv2d / qnn.matmul with negated_channels: the requantization
// multiplies each channel's accumulator (bias included) by +1 or -1, a
// per-channel parameter (stored as i8, extended to i64), before the fixed-point multiplier; the
// multiplier itself stays positive. Without the attribute no such
// multiplication is emitted.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @conv_negated(
// CHECK: %[[S:.*]] = arith.constant dense<[-1, 1]> : tensor<2xi8>
// CHECK: linalg.generic
// CHECK-SAME: %[[S]]
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[SIGN:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[A64:.*]] = arith.extsi %[[ACC]] : i32 to i64
// CHECK:   %[[S64:.*]] = arith.extsi %[[SIGN]] : i8 to i64
// CHECK:   %[[X:.*]] = arith.muli %[[A64]], %[[S64]] : i64
// CHECK:   arith.muli %[[X]], %c1073741824_i64 : i64
func.func @conv_negated(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[1]]], [[[3]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<ui2, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[5, -7]> : tensor<2xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, negated_channels = array<i1: true, false>} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x1x1x1x!qnn.q<ui2, scale = 0.25, zp = 0>>, tensor<2xi32>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// Into a bipolar result the sign is taken of the negated value.
// CHECK-LABEL: func.func @matmul_negated_bipolar(
// CHECK: %[[S:.*]] = arith.constant dense<[1, -1, -1]> : tensor<3xi8>
// CHECK: linalg.generic
// CHECK-SAME: %[[S]]
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[SIGN:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[A64:.*]] = arith.extsi %[[ACC]] : i32 to i64
// CHECK:   %[[S64:.*]] = arith.extsi %[[SIGN]] : i8 to i64
// CHECK:   %[[X:.*]] = arith.muli %[[A64]], %[[S64]] : i64
// CHECK:   arith.cmpi sge, %[[X]], %c0_i64 : i64
func.func @matmul_negated_bipolar(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x!qnn.q<b1, scale = 1.0>> {
  %0 = qnn.matmul %a, %b {negated_channels = array<i1: false, true, true>} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x!qnn.q<b1, scale = 1.0>>
  return %0 : tensor<1x3x!qnn.q<b1, scale = 1.0>>
}

// CHECK-LABEL: func.func @not_negated(
// CHECK: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[ACC:.*]]: i32, %{{.*}}: i8):
// CHECK:   %[[A64:.*]] = arith.extsi %[[ACC]] : i32 to i64
// CHECK-NEXT:   %c1073741824_i64 = arith.constant
// CHECK-NEXT:   arith.muli %[[A64]], %c1073741824_i64 : i64
func.func @not_negated(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %0 = qnn.matmul %a, %b : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<1x3x!qnn.q<i8, scale = 1.0, zp = 0>>
}
