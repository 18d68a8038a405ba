// RUN: qcc-opt %s --qcc-lower-to-buffers --mlir-print-local-scope --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s

// qcc-conv-microkernel's library path: a fused 8-bit convolution whose
// weights are constant and fit int8 after their zero point is subtracted
// becomes one call to the runtime's qcc_uk_conv2d_row_i8 per output row
// (lib/Runtime/ukernel/qcc_ukernel.h), each followed by the row's
// requantization: a call to qcc_uk_requant_row_i8 whose parameters are one
// i32 global per convolution: mult, shift, zp, lo, hi, amin, amax per
// filter. Both convolutions below have the ratio 0.5 * 0.25 / 1.0 = 2^-3 =
// 2^30 / 2^33; amin = floor((lo - zp) 2^33 / 2^30) = 8 lo and
// amax = ceil((hi - zp) 2^33 / 2^30) = 8 hi: @odd (ui8 out) 0 and 2040,
// @bias (i8 out) -1024 and 1016. The weights are repacked into a new global of
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
// @tiny: @odd with an output scale of 2^20: the shift (53) is past the
// requantization kernel's limit (44, see qcc_ukernel.h), so each row is
// requantized by a copy of the generated requantization.
//
// @wide: unsigned weights 200 with zero point 0 do not fit int8: the
// generated kernel (vector code, no call) computes this convolution.

// CHECK-NOT: memref.global "private" constant @__constant_1x3x2x2x8xi8
// CHECK-DAG: memref.global "private" constant @__qcc_uk_conv_weights : memref<128xi8> = dense_resource<conv_row_weights> {alignment = 64 : i64}
// CHECK-DAG: memref.global "private" constant @__qcc_uk_conv_corr : memref<8xi32> = dense<-2400> {alignment = 64 : i64}
// CHECK-DAG: memref.global "private" constant @__qcc_uk_requant_params : memref<56xi32> = dense<[1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 33, 33, 33, 33, 33, 33, 33, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 2040, 2040, 2040, 2040, 2040, 2040, 2040, 2040]>
// CHECK: func.func @odd(
// CHECK-DAG: memref.get_global @__qcc_uk_conv_weights : memref<128xi8>
// CHECK-DAG: memref.get_global @__qcc_uk_conv_corr : memref<8xi32>
// CHECK-DAG: memref.view %{{.*}} : memref<{{[0-9]+}}xi8> to memref<64xi32>
// CHECK-DAG: memref.view %{{.*}} : memref<{{[0-9]+}}xi8> to memref<1x1x1x5x8xi32>
// CHECK: memref.global "private" constant @__qcc_uk_conv_weights_0 : memref<256xi8>
// CHECK: memref.global "private" constant @__qcc_uk_conv_corr_0 : memref<16xi32> = dense<-6096>
// CHECK: memref.global "private" constant @__qcc_uk_requant_params_0 : memref<112xi32> = dense<[1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016]>
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
// CHECK: func.call @qcc_uk_requant_row_i8(%{{[^,]*}}, %{{[^,]*}}, %c5_i64{{[_0-9]*}}, %c8_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %c8_i64{{[_0-9]*}},
// CHECK-NOT: func.call
// CHECK: return

// CHECK-LABEL: func.func private @bias_kernel0(
// CHECK: func.call @qcc_uk_conv2d_row_i8(%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %c1_i64{{[_0-9]*}}, %c16_i64{{[_0-9]*}}, {{.*}}, %c16_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %c1_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}})

// CHECK-LABEL: func.func private @wide_kernel0(
// CHECK-NOT: func.call
// CHECK: vector.load
// CHECK-NOT: func.call
// CHECK: return

// CHECK-LABEL: func.func private @tiny_kernel0(
// CHECK: func.call @qcc_uk_conv2d_row_i8(
// CHECK-NOT: func.call
// CHECK: memref.subview %{{.*}} [1, 8, 1, 5] [1, 1, 1, 1] : memref<1x8x4x5xi8> to
// CHECK: linalg.generic
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

func.func @tiny(%x: tensor<1x3x5x6x!qnn.q<ui8, scale = 0.5, zp = 100>>) -> tensor<1x8x4x5x!qnn.q<ui8, scale = 1048576.0, zp = 0>> {
  %w = qnn.constant dense<2> : tensor<8x3x2x2xi8> : tensor<8x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x3x5x6x!qnn.q<ui8, scale = 0.5, zp = 100>>, tensor<8x3x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x8x4x5x!qnn.q<ui8, scale = 1048576.0, zp = 0>>
  return %y : tensor<1x8x4x5x!qnn.q<ui8, scale = 1048576.0, zp = 0>>
}
