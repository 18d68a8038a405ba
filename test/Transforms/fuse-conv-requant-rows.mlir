// RUN: qcc-opt %s --qcc-lower-to-buffers=library-kernels=0 --mlir-print-local-scope | FileCheck %s
// RUN: qcc-opt %s --qcc-lower-to-buffers=library-kernels=0 --mlir-print-local-scope | FileCheck %s --check-prefix=ARENA

// The generated rows (library-kernels=0: no call to the runtime's
// qcc_uk_dwconv2d_row_i8, which fuse-conv-requant-rows-library.mlir tests).

// A depthwise 3x3, stride 2, with a bias: the group-major convolution and
// its requantization become one loop nest over (n, g, f, oh). Each row
// starts at bias[g * 1 + f] in a scratch row of OW = 3 i32, the
// convolution's body accumulates it over (c, kh, kw | ow) through subviews
// at input row oh * 2, and the requantization writes output row oh of
// channel g. The arena holds the padded input (448 bytes) and the 3 x i32
// row, not the 8 x 3 x 3 i32 accumulator (288 bytes).
// ARENA-LABEL: func.func @depthwise_bias(
// ARENA-SAME: qcc.arena_bytes = 512
// ARENA-NOT: 3x3xi32
// ARENA: memref.view %{{.*}} to memref<3xi32>
// ARENA-NOT: 3x3xi32
// ARENA: call @depthwise_bias_kernel{{[0-9]+}}({{.*}}) {qcc.kernel = "conv2d"}
// ARENA-NOT: call
// ARENA: return
// CHECK-LABEL: func.func private @depthwise_bias_kernel2(
// CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<8xi32> {llvm.noalias}, %[[ROW:[a-z0-9]+]]: memref<3xi32> {llvm.noalias}, %[[X:[a-z0-9]+]]: memref<1x8x1x8x7xi8> {llvm.noalias}, %[[W:[a-z0-9]+]]: memref<8x1x1x3x3xi8> {llvm.noalias}, %[[OUT:[a-z0-9]+]]: memref<1x8x3x3xi8> {llvm.noalias})
// CHECK: scf.for %[[N:[a-z0-9]+]] =
// CHECK: scf.for %[[G:[a-z0-9]+]] =
// CHECK: scf.for %[[F:[a-z0-9]+]] =
// CHECK: scf.for %[[OH:[a-z0-9]+]] =
// CHECK: %[[FC:.*]] = arith.addi %{{.*}}, %[[F]] : index
// CHECK: %[[B:.*]] = memref.load %[[BIAS]][%[[FC]]] : memref<8xi32>
// CHECK: linalg.fill ins(%[[B]] : i32) outs(%[[ROW]] : memref<3xi32>)
// CHECK: %[[IH:.*]] = arith.muli %[[OH]], %{{.*}} : index
// CHECK: %[[XS:.*]] = memref.subview %[[X]][%[[N]], %[[G]], 0, %[[IH]], 0] [1, 1, 1, 3, 7] [1, 1, 1, 1, 1]
// CHECK: %[[WS:.*]] = memref.subview %[[W]][%[[G]], %[[F]], 0, 0, 0] [1, 1, 1, 3, 3] [1, 1, 1, 1, 1]
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, 0, d0, d1, d3 * 2 + d2)>, affine_map<(d0, d1, d2, d3) -> (0, 0, d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d3)>], iterator_types = ["reduction", "reduction", "reduction", "parallel"]} ins(%[[XS]], %[[WS]] : {{.*}}) outs(%[[ROW]] : memref<3xi32>)
// CHECK: arith.subi
// CHECK: arith.muli
// CHECK: arith.addi
// CHECK: %[[OS:.*]] = memref.subview %[[OUT]][%[[N]], %[[FC]], %[[OH]], 0] [1, 1, 1, 3] [1, 1, 1, 1]
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], {{.*}} ins(%[[ROW]] : memref<3xi32>) outs(%[[OS]] :
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @depthwise_bias(%x: tensor<1x8x6x5x!qnn.q<ui8, scale = 0.5, zp = 10>>) -> tensor<1x8x3x3x!qnn.q<i8, scale = 1.0, zp = -1>> {
  %w = qnn.constant dense<3> : tensor<8x1x3x3xi8> : tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 8 : i64}
      : (tensor<1x8x6x5x!qnn.q<ui8, scale = 0.5, zp = 10>>, tensor<8x1x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<8xi32>) -> tensor<1x8x3x3x!qnn.q<i8, scale = 1.0, zp = -1>>
  return %y : tensor<1x8x3x3x!qnn.q<i8, scale = 1.0, zp = -1>>
}

// Four filters in one group (too few for the filter-innermost layout), no
// bias, dilation 2, per-channel weight scales: rows start at the fill value
// 0, the input rows are read at kh * 2 and kw * 2, and the requantization's
// per-channel multiplier table is read through a one-channel slice.
// ARENA-LABEL: func.func @dilated_per_channel(
// ARENA-NOT: 4x2x2xi32
// ARENA: memref<2xi32>
// ARENA: return
// CHECK-LABEL: func.func private @dilated_per_channel_kernel0(
// CHECK: linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : memref<2xi32>)
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, 0, d0, d1 * 2, d3 + d2 * 2)>, affine_map<(d0, d1, d2, d3) -> (0, 0, d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d3)>]
// CHECK: %[[M:.*]] = memref.subview %{{.*}}[%{{.*}}] [1] [1] : memref<4xi8> to
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[M]] :
func.func @dilated_per_channel(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<5> : tensor<4x2x2x2xi8> : tensor<4x2x2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<4x2x2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>) -> tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}
