// qnn-legalize-bit-widths: weight widths promoted to the target's kernel
// widths (values unchanged), sliced one-group convolutions split by width.
// RUN: qcc-opt %s --qnn-legalize-bit-widths --split-input-file | FileCheck %s
// RUN: qcc-opt %s --qnn-legalize-bit-widths=weight-widths=2,8 --split-input-file | FileCheck %s --check-prefix=W28
// RUN: qcc-opt %s --qcc-lower-to-buffers --split-input-file | FileCheck %s --check-prefix=BUF

!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!y = !qnn.q<ui8, scale = 1.0, zp = 0>

// i3 -> i4 (default widths 1,2,4,8); with widths {2, 8}: i3 -> i8.
// CHECK-LABEL: func.func @promote
// CHECK: qnn.constant dense<[{{\[\[}}[-4]]], {{\[\[}}[3]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i4, scale = 0.25, zp = 0>>
// W28-LABEL: func.func @promote
// W28: tensor<2x1x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>
func.func @promote(%x: tensor<1x1x2x2x!x>) -> tensor<1x2x2x2x!y> {
  %w = qnn.constant dense<[[[[-4]]], [[[3]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i3, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x1x2x2x!x>, tensor<2x1x1x1x!qnn.q<i3, scale = 0.25, zp = 0>>) -> tensor<1x2x2x2x!y>
  return %y : tensor<1x2x2x2x!y>
}

// -----

!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!y = !qnn.q<[ui4 x 1, ui8 x 3], axis = 1, scale = 1.0, zp = 0>

// Filters [i2 x 1, i3 x 1, i8 x 2] -> [i2 x 1, i4 x 1, i8 x 2]: three
// convolutions on channel ranges [0,1), [1,2), [2,4) with their bias and
// result slices, joined by a concat on axis 1.
// CHECK-LABEL: func.func @split
// CHECK-DAG: %[[W0:.*]] = qnn.constant dense_resource<weights_slice> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!qnn.q<i2, axis = 0, scale = 0.125, zp = 0>>
// CHECK-DAG: %[[B0:.*]] = tensor.extract_slice %[[B:.*]][0] [1] [1] : tensor<4xi32> to tensor<1xi32>
// CHECK: %[[C0:.*]] = qnn.conv2d %{{.*}}, %[[W0]], %[[B0]] {{.*}} -> tensor<1x1x2x2x!qnn.q<ui4, axis = 1, scale = 1.0, zp = 0>>
// CHECK: %[[C1:.*]] = qnn.conv2d {{.*}}!qnn.q<i4, axis = 0, scale = 0.25, zp = 0>>{{.*}} -> tensor<1x1x2x2x!qnn.q<ui8, axis = 1, scale = 1.0, zp = 0>>
// CHECK: %[[C2:.*]] = qnn.conv2d {{.*}} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x1x1x1x!qnn.q<i8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>, tensor<2xi32>) -> tensor<1x2x2x2x!qnn.q<ui8, axis = 1, scale = 1.0, zp = 0>>
// CHECK: qnn.concat %[[C0]], %[[C1]], %[[C2]] {axis = 1 : i64}
// After bufferization each part's requantization writes straight into its
// channel range of the one output buffer; the concat copies nothing. Each
// kernel takes the whole output and makes its channel slice inside
// (qcc-outline-kernels); the 2-filter part is requantized row by row in its
// convolution's kernel (qcc-fuse-conv-requant-rows).
// BUF-LABEL: func.func @split(
// BUF-SAME: %[[OUT:[^:]*]]: memref<1x4x2x2xi8>)
// BUF-NOT: copy
// BUF: call @split_kernel[[K0:[0-9]+]]({{.*}}, %[[OUT]]) {qcc.kernel = "requantize"}
// BUF-NOT: copy
// BUF: call @split_kernel[[K1:[0-9]+]]({{.*}}, %[[OUT]]) {qcc.kernel = "requantize"}
// BUF-NOT: copy
// BUF: call @split_kernel[[K2:[0-9]+]]({{.*}}, %[[OUT]]{{(, %[^)]*)?}}) {qcc.kernel = "conv2d"}
// BUF-NOT: copy
// BUF: return
// BUF: func.func private @split_kernel[[K0]](
// BUF: memref.subview %{{.*}}[0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1] : memref<1x4x2x2xi8>
// BUF: func.func private @split_kernel[[K1]](
// BUF: memref.subview %{{.*}}[0, 1, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1] : memref<1x4x2x2xi8>
// BUF: func.func private @split_kernel[[K2]](
// BUF: memref.subview %{{.*}}[0, 2, 0, 0] [1, 2, 2, 2] [1, 1, 1, 1] : memref<1x4x2x2xi8>
func.func @split(%x: tensor<1x1x2x2x!x>, %b: tensor<4xi32>) -> tensor<1x4x2x2x!y> {
  %w = qnn.constant dense<[[[[1]]], [[[-3]]], [[[100]]], [[[-100]]]]> : tensor<4x1x1x1xi8> : tensor<4x1x1x1x!qnn.q<[i2 x 1, i3 x 1, i8 x 2], axis = 0, scale = [0.125, 0.25, 0.5, 1.0], zp = [0, 0, 0, 0]>>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x1x2x2x!x>, tensor<4x1x1x1x!qnn.q<[i2 x 1, i3 x 1, i8 x 2], axis = 0, scale = [0.125, 0.25, 0.5, 1.0], zp = [0, 0, 0, 0]>>, tensor<4xi32>) -> tensor<1x4x2x2x!y>
  return %y : tensor<1x4x2x2x!y>
}

// -----

// Regression (issue 8, bug 3: sliced weights then BatchNormalization were up
// to 100 LSB off): each part of a split conv keeps every attribute of the
// whole one: bias_shift (a folded BN bias in a finer unit), the output range,
// rounding and zero_point_first.
!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!y = !qnn.q<ui8, scale = 1.0, zp = 3>

// The constant bias is sliced at compile time (bias_shift needs constants).
// CHECK-LABEL: func.func @split_keeps_attributes
// CHECK: arith.constant dense<40> : tensor<1xi32>
// CHECK: qnn.conv2d {{.*}}{bias_shift = 5 : i64, dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 6.000000e+00 : f64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, rounding = "half_up", strides = array<i64: 1, 1>, zero_point_first}
// CHECK: arith.constant dense<-7> : tensor<1xi32>
// CHECK: qnn.conv2d {{.*}}{bias_shift = 5 : i64, dilations = array<i64: 1, 1>, groups = 1 : i64, out_max = 6.000000e+00 : f64, out_min = 0.000000e+00 : f64, pads = array<i64: 0, 0, 0, 0>, rounding = "half_up", strides = array<i64: 1, 1>, zero_point_first}
// CHECK: qnn.concat
func.func @split_keeps_attributes(%x: tensor<1x1x2x2x!x>) -> tensor<1x2x2x2x!y> {
  %b = arith.constant dense<[40, -7]> : tensor<2xi32>
  %w = qnn.constant dense<[[[[1]]], [[[-100]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<[i2 x 1, i8 x 1], axis = 0, scale = [0.125, 1.0], zp = [0, 0]>>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, bias_shift = 5 : i64, out_min = 0.0 : f64, out_max = 6.0 : f64, rounding = "half_up", zero_point_first} : (tensor<1x1x2x2x!x>, tensor<2x1x1x1x!qnn.q<[i2 x 1, i8 x 1], axis = 0, scale = [0.125, 1.0], zp = [0, 0]>>, tensor<2xi32>) -> tensor<1x2x2x2x!y>
  return %y : tensor<1x2x2x2x!y>
}

// -----

// negated_channels is per output channel: each part of a split conv gets
// its own channels' flags.
// CHECK-LABEL: func.func @split_slices_negated_channels
// CHECK: qnn.conv2d {{.*}}negated_channels = array<i1: true>
// CHECK-SAME: -> tensor<1x1x2x2x
// CHECK: qnn.conv2d {{.*}}negated_channels = array<i1: false, true>
// CHECK-SAME: -> tensor<1x2x2x2x
// CHECK: qnn.concat
func.func @split_slices_negated_channels(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x3x2x2x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[1]]], [[[-100]]], [[[7]]]]> : tensor<3x1x1x1xi8> : tensor<3x1x1x1x!qnn.q<[i2 x 1, i8 x 2], axis = 0, scale = [0.125, 1.0, 1.0], zp = [0, 0, 0]>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, negated_channels = array<i1: true, false, true>} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x1x1x1x!qnn.q<[i2 x 1, i8 x 2], axis = 0, scale = [0.125, 1.0, 1.0], zp = [0, 0, 0]>>) -> tensor<1x3x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x3x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}
