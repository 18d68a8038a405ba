// RUN: qcc-opt %s --qcc-lower-to-buffers --mlir-print-local-scope | FileCheck %s

// qcc-conv-microkernel's library path: a fused 8-bit convolution whose
// weights are constant and fit int8 after their zero point is subtracted
// becomes one call to the runtime's qcc_uk_conv2d_row_i8 per output row
// (lib/Runtime/ukernel/qcc_ukernel.h), each followed by the row's
// requantization. The weights are repacked into a new global of
// Fg * ceil(Cg / 2) * KH * KW * 2 bytes and the original global is gone;
// the zero points become a per-filter correction
// corr[f] = fill - zx * sum(w - zw).
//
// @odd: Cg = 3 (odd: the last channel pair is padded with a zero weight),
// 2x2 kernel, 8 filters: 8 * 2 * 2 * 2 * 2 = 128 packed bytes;
// corr = 0 - 100 * (3 * 2 * 2 * 2) = -2400 (zx = 100, w = 2, zw = 0).
// Arguments: x unsigned (0), Cg 3, KH 2, KW 2, strides and dilations 1,
// the row, OW 5, Fg 8, no bias (0; corr is passed in its place).
//
// @bias: unsigned weights with zero point 128 (w - zw = 1 - 128 = -127
// fits int8), signed input with zx = -3, a bias:
// corr = 0 - (-3) * (16 * -127) = -6096; x signed (1), has_bias 1.
//
// @wide: unsigned weights 200 with zero point 0 do not fit int8: the
// generated kernel (vector code, no call) computes this convolution.

// CHECK-NOT: memref.global "private" constant @__constant_1x3x2x2x8xi8
// CHECK-DAG: memref.global "private" constant @__qcc_uk_conv_weights : memref<128xi8> = dense_resource<conv_row_weights> {alignment = 64 : i64}
// CHECK-DAG: memref.global "private" constant @__qcc_uk_conv_corr : memref<8xi32> = dense<-2400> {alignment = 64 : i64}
// CHECK: func.func @odd(
// CHECK-DAG: memref.get_global @__qcc_uk_conv_weights : memref<128xi8>
// CHECK-DAG: memref.get_global @__qcc_uk_conv_corr : memref<8xi32>
// CHECK-DAG: memref.view %{{.*}} : memref<{{[0-9]+}}xi8> to memref<64xi32>
// CHECK-DAG: memref.view %{{.*}} : memref<{{[0-9]+}}xi8> to memref<1x1x1x5x8xi32>
// CHECK: memref.global "private" constant @__qcc_uk_conv_weights_0 : memref<256xi8>
// CHECK: memref.global "private" constant @__qcc_uk_conv_corr_0 : memref<16xi32> = dense<-6096>
// CHECK: func.func @bias(
// CHECK: func.func @wide(
// CHECK: func.func private @qcc_uk_conv2d_row_i8(memref<i8>, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, memref<i8>, i64, i64, memref<i32>, i64, i64, memref<i32>, i64, memref<i32>, i64, memref<i32>)

// CHECK-LABEL: func.func private @odd_kernel0(
// CHECK: scf.for %[[N:[^ ]*]] =
// CHECK: scf.for %[[G:[^ ]*]] =
// CHECK: scf.for %[[OH:[^ ]*]] =
// CHECK: %[[XB:[^,]*]], %{{.*}} = memref.extract_strided_metadata %{{.*}} : memref<1x1x3x5x6xi8> -> memref<i8>
// CHECK: %[[ROW:.*]] = arith.index_cast %[[OH]] : index to i64
// CHECK: func.call @qcc_uk_conv2d_row_i8(%[[XB]], %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %c0_i64{{[_0-9]*}}, %c3_i64{{[_0-9]*}}, %c2_i64{{[_0-9]*}}, %c2_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %[[ROW]], %c5_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %c8_i64{{[_0-9]*}}, %[[CB:[^,]*]], %{{[^,]*}}, %c0_i64{{[_0-9]*}}, %[[CB]],
// CHECK: memref.subview %{{.*}}[%[[N]], %{{.*}}, %[[OH]], 0] [1, 8, 1, 5] [1, 1, 1, 1] : memref<1x8x4x5xi8> to
// CHECK: linalg.generic
// CHECK-NOT: func.call
// CHECK: return

// CHECK-LABEL: func.func private @bias_kernel0(
// CHECK: func.call @qcc_uk_conv2d_row_i8(%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %c1_i64{{[_0-9]*}}, %c16_i64{{[_0-9]*}}, {{.*}}, %c16_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %c1_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}})

// CHECK-LABEL: func.func private @wide_kernel0(
// CHECK-NOT: func.call
// CHECK: vector.load
// CHECK-NOT: func.call
// CHECK: return

func.func @odd(%x: tensor<1x3x5x6x!qnn.q<ui8, scale = 0.5, zp = 100>>) -> tensor<1x8x4x5x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<2> : tensor<8x3x2x2xi8> : tensor<8x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x3x5x6x!qnn.q<ui8, scale = 0.5, zp = 100>>, tensor<8x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x8x4x5x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x4x5x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

func.func @bias(%x: tensor<1x16x4x4x!qnn.q<i8, scale = 0.5, zp = -3>>) -> tensor<1x16x4x4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<1> : tensor<16x16x1x1xi8> : tensor<16x16x1x1x!qnn.q<ui8, scale = 0.25, zp = 128>>
  %b = arith.constant dense<7> : tensor<16xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x16x4x4x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<16x16x1x1x!qnn.q<ui8, scale = 0.25, zp = 128>>, tensor<16xi32>) -> tensor<1x16x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x16x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>
}

func.func @wide(%x: tensor<1x1x1x9x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<200> : tensor<8x1x1x1xi8> : tensor<8x1x1x1x!qnn.q<ui8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x1x1x9x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x1x1x1x!qnn.q<ui8, scale = 0.25, zp = 0>>) -> tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>>
}
