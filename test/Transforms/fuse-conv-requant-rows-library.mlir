// RUN: qcc-opt %s --qcc-lower-to-buffers --mlir-print-local-scope --mlir-print-elementsattrs-with-hex-if-larger=-1 | FileCheck %s

// qcc-fuse-conv-requant-rows' library path: a depthwise convolution (8
// groups of one channel and one filter) with constant weights becomes one
// call to the runtime's qcc_uk_dwconv2d_requant_i8 per (n, g, f) channel
// plane, which computes every row and requantizes it. Weights 3 with zero
// point 0 stay 3 (72 bytes in a new global, the original one gone); the
// correction is -zx * sum(w - zw) = -10 * 9 * 3 = -270 per filter, added
// to the bias. Arguments: x signed (1), padded row width W = 9, Cg 1,
// KH 3, KW 3, stride 2 x 2, dilation 1, OH 4, OW 4, the weights at fc * 9,
// the start, the requantization parameters at fc of F = 8, the output
// plane and its row stride 4, the scratch row.
// The parameters (one i32 global: mult, shift, zp, lo, hi, amin, amax per
// channel): the ratio 0.5 * 0.25 / 1.0 = 2^-3 = 2^30 / 2^33, zp 0, i8
// bounds; amin = floor(-128 * 2^33 / 2^30) = -1024, amax = 127 * 8 = 1016.
//
// @tiny: the same convolution with an output scale of 2^20: the ratio
// 2^-23 needs a shift of 53, past the kernel's limit (acc * mult must stay
// below 2^53 over [amin, amax]: shifts up to 44), so each row goes through
// qcc_uk_dwconv2d_row_i8 and a copy of the generated requantization.

// CHECK-NOT: memref.global "private" constant @__constant_8x1x3x3xi8
// CHECK-DAG: memref.global "private" constant @__qcc_uk_dwconv_weights : memref<72xi8> = dense_resource<dwconv_row_weights>
// CHECK-DAG: memref.global "private" constant @__qcc_uk_dwconv_corr : memref<8xi32> = dense<-270>
// CHECK-DAG: memref.global "private" constant @__qcc_uk_requant_params : memref<56xi32> = dense<[1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 1073741824, 33, 33, 33, 33, 33, 33, 33, 33, 0, 0, 0, 0, 0, 0, 0, 0, -128, -128, -128, -128, -128, -128, -128, -128, 127, 127, 127, 127, 127, 127, 127, 127, -1024, -1024, -1024, -1024, -1024, -1024, -1024, -1024, 1016, 1016, 1016, 1016, 1016, 1016, 1016, 1016]>
// CHECK-DAG: func.func private @qcc_uk_dwconv2d_requant_i8(memref<i8>, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, memref<i8>, i64, i32, memref<i32>, i64, i64, memref<i8>, i64, i64, memref<i32>)
// CHECK-DAG: func.func private @qcc_uk_dwconv2d_row_i8(memref<i8>, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, memref<i8>, i64, i32, memref<i32>, i64)
// CHECK-LABEL: func.func private @dw_kernel
// CHECK: scf.for %[[N:[^ ]*]] =
// CHECK: scf.for %[[G:[^ ]*]] =
// CHECK: scf.for %[[F:[^ ]*]] =
// CHECK-NOT: scf.for
// CHECK: %[[FC:.*]] = arith.addi %{{.*}}, %[[F]] : index
// CHECK: %[[B:.*]] = memref.load %{{.*}}[%[[FC]]] : memref<8xi32>
// CHECK: %[[CORR:.*]] = memref.load %{{.*}}[%[[FC]]] : memref<8xi32>
// CHECK: %[[INIT:.*]] = arith.addi %[[B]], %[[CORR]] : i32
// CHECK: func.call @qcc_uk_dwconv2d_requant_i8(%{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %c1_i64{{[_0-9]*}}, %c9_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c3_i64{{[_0-9]*}}, %c3_i64{{[_0-9]*}}, %c2_i64{{[_0-9]*}}, %c2_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c1_i64{{[_0-9]*}}, %c4_i64{{[_0-9]*}}, %c4_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %[[INIT]], %{{[^,]*}}, %{{[^,]*}}, %c8_i64{{[_0-9]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^,]*}}, %{{[^)]*}})
// CHECK-NOT: linalg.generic
// CHECK: return
// CHECK-LABEL: func.func private @tiny_kernel
// CHECK: scf.for %[[N:[^ ]*]] =
// CHECK: scf.for %[[G:[^ ]*]] =
// CHECK: scf.for %[[F:[^ ]*]] =
// CHECK: scf.for %[[OH:[^ ]*]] =
// CHECK: %[[FC:.*]] = arith.addi %{{.*}}, %[[F]] : index
// CHECK: func.call @qcc_uk_dwconv2d_row_i8(
// CHECK: memref.subview %{{.*}}[%[[N]], %[[FC]], %[[OH]], 0] [1, 1, 1, 4] [1, 1, 1, 1]
// CHECK: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: return

func.func @dw(%x: tensor<1x8x7x7x!qnn.q<i8, scale = 0.5, zp = 10>>) -> tensor<1x8x4x4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<3> : tensor<8x1x3x3xi8> : tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 8 : i64}
      : (tensor<1x8x7x7x!qnn.q<i8, scale = 0.5, zp = 10>>, tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<8xi32>) -> tensor<1x8x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>
}

func.func @tiny(%x: tensor<1x8x7x7x!qnn.q<i8, scale = 0.5, zp = 10>>) -> tensor<1x8x4x4x!qnn.q<i8, scale = 1048576.0, zp = 0>> {
  %w = qnn.constant dense<3> : tensor<8x1x3x3xi8> : tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 8 : i64}
      : (tensor<1x8x7x7x!qnn.q<i8, scale = 0.5, zp = 10>>, tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<8xi32>) -> tensor<1x8x4x4x!qnn.q<i8, scale = 1048576.0, zp = 0>>
  return %y : tensor<1x8x4x4x!qnn.q<i8, scale = 1048576.0, zp = 0>>
}
