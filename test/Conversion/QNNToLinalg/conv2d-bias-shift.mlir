// qnn.conv2d with bias_shift = 3: the accumulation starts from 0 (no bias);
// the requantization computes (acc << 3) + bias in i64, then multiplies by
// the ratio of the finer unit, s_x * s_w * 2^-3 / s_y = 0.5 * 0.25 / 8 / 1 =
// 2^-6 = 2^30 * 2^-36.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @bias_shift(
// CHECK: %[[Z:.*]] = linalg.fill ins(%c0_i32 : i32) outs(%{{.*}} : tensor<1x2x2x2xi32>)
// CHECK: %[[ZE:.*]] = tensor.expand_shape %[[Z]]
// CHECK: linalg.generic {{.*}} outs(%[[ZE]] :
// CHECK-SAME: qcc.kernel = "conv2d"
// CHECK: %[[B:.*]] = arith.constant dense<[5, -7]> : tensor<2xi8>
// CHECK: linalg.generic
// CHECK-SAME: %[[B]]
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[ACC:.*]]: i32, %[[BIAS:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[A64:.*]] = arith.extsi %[[ACC]] : i32 to i64
// CHECK:   %[[SH:.*]] = arith.shli %[[A64]], %c3_i64 : i64
// CHECK:   %[[B64:.*]] = arith.extsi %[[BIAS]] : i8 to i64
// CHECK:   %[[X:.*]] = arith.addi %[[SH]], %[[B64]] : i64
// CHECK:   arith.muli %[[X]], %c1073741824_i64 : i64
// CHECK:   arith.constant 36 : i64
func.func @bias_shift(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[1]]], [[[-1]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i2, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[5, -7]> : tensor<2xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, bias_shift = 3 : i64} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x1x1x1x!qnn.q<i2, scale = 0.25, zp = 0>>, tensor<2xi32>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}
