// qcc-pack-subbyte-weights: 4-bit conv weights stored two per byte (low
// nibble first) along the filter dim, unpacked in the accumulation body.
// RUN: qcc-opt %s --convert-qnn-to-linalg --canonicalize --qcc-pack-subbyte-weights --split-input-file | FileCheck %s

// Filter-innermost layout [G=1, C=2, KH=1, KW=1, F=8]; packed dim F (8 -> 4 bytes).
// w[f][c] below; row c=0 holds f0..f7 = -8 1 2 4 6 -2 -4 -6, row c=1 = 7 -1 3 5 0 -3 -5 -7.
// Two's-complement nibbles, (f0 | f1 << 4) ...:
//   row 0: 0x18 0x42 0xE6 0xAC    row 1: 0xF7 0x53 0xD0 0x9B
// CHECK-LABEL: func.func @conv_i4(
// CHECK: %[[W:.*]] = arith.constant dense_resource<packed_weights_4bit> : tensor<1x2x1x1x4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[W]] : tensor<1x1x2x3x3xi8>, tensor<1x2x1x1x4xi8>)
// It stays a qcc-conv-microkernel candidate (8 filters): qcc.conv_params
// gains the packing.
// CHECK-SAME: qcc.conv_params = {{{.*}}w_bits = 4 : i64, w_kind = "signed"{{.*}}}, qcc.kernel = "conv2d"
// CHECK: ^bb0(%[[X:.*]]: i8, %[[B:.*]]: i8, %[[ACC:.*]]: i32):
// CHECK:   %[[F:.*]] = linalg.index 7 : index
// CHECK:   %[[J:.*]] = arith.remui %[[F]], %{{.*}} : index
// CHECK:   %[[J8:.*]] = arith.index_cast %[[J]] : index to i8
// CHECK:   %[[JB:.*]] = arith.muli %[[J8]], %{{.*}} : i8
// CHECK:   %[[L:.*]] = arith.subi %{{.*}}, %[[JB]] : i8
// CHECK:   %[[SH:.*]] = arith.shli %[[B]], %[[L]] : i8
// CHECK:   %[[V:.*]] = arith.shrsi %[[SH]], %{{.*}} : i8
// CHECK:   arith.extsi %[[V]] : i8 to i32
// CHECK: packed_weights_4bit: "0x010000001842E6ACF753D09B"
func.func @conv_i4(%x: tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x8x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[-8]], [[7]]], [[[1]], [[-1]]], [[[2]], [[3]]], [[[4]], [[5]]], [[[6]], [[0]]], [[[-2]], [[-3]]], [[[-4]], [[-5]]], [[[-6]], [[-7]]]]> : tensor<8x2x1x1xi8> : tensor<8x2x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x2x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>) -> tensor<1x8x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// -----

// Bipolar 1-bit matmul weights [K=3, N=4], packed along N (4 values, 1 byte
// per row of 8 fields): bit = (w < 0). rows: [1,-1,-1,1] -> 0b0110 = 0x06,
// [-1,-1,-1,-1] -> 0x0F, [1,1,1,-1] -> 0x08. Unpacked as 1 - 2 * bit.
// CHECK-LABEL: func.func @matmul_bipolar(
// CHECK: %[[W:.*]] = arith.constant dense_resource<packed_weights_1bit> : tensor<3x1xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[W]] : tensor<2x3xi8>, tensor<3x1xi8>)
// CHECK:   %[[V:.*]] = arith.shrui %{{.*}}, %{{.*}} : i8
// CHECK:   %[[D:.*]] = arith.shli %[[V]], %{{.*}} : i8
// CHECK:   arith.subi %{{.*}}, %[[D]] : i8
// CHECK: packed_weights_1bit: "0x01000000060F08"
func.func @matmul_bipolar(%x: tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[1, -1, -1, 1], [-1, -1, -1, -1], [1, 1, 1, -1]]> : tensor<3x4xi8> : tensor<3x4x!qnn.q<b1, scale = 0.25>>
  %y = qnn.matmul %x, %w : (tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<3x4x!qnn.q<b1, scale = 0.25>>) -> tensor<2x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<2x4x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// -----

// 12 filters (filter-innermost, but not a multiple of 8: no microkernel):
// packed along the larger dim, C = 16 (8 bytes), and qcc.conv_params
// dropped.
// CHECK-LABEL: func.func @conv_i4_twelve(
// CHECK: %[[W:.*]] = arith.constant dense_resource<packed_weights_4bit> : tensor<1x1x1x12x8xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[W]] : tensor<1x1x16x2x2xi8>, tensor<1x1x1x12x8xi8>)
// CHECK-NOT: qcc.conv_params
// CHECK-SAME: qcc.kernel = "conv2d"
// CHECK-NOT: qcc.conv_params
// CHECK: qcc.kernel = "requantize"
func.func @conv_i4_twelve(%x: tensor<1x16x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<5> : tensor<12x16x1x1xi8> : tensor<12x16x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x16x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<12x16x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>) -> tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
}
