// qnn.avg_pool2d -> tensor.pad with the input zero-point + window sum of
// (q - zp) (qcc.kernel = "window_sum") + requantization by s_in / s_out
// (M * 2^-S) with an exact division by each output position's window size:
// floor(sum * M / (count << S)), then the rounding decision on the remainder.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// 5x5 input, kernel 3, stride 2, pads 1, count_include_pad = false:
// windows per dim start at -1, 1, 3 and cover [2, 3, 2] input rows, so the
// window sizes are [[4, 6, 4], [6, 9, 6], [4, 6, 4]].
//   ratio = s_in / s_out = 0.5 / 0.25 = 2 = 2^30 * 2^-29: M 1073741824, S 29
// CHECK-DAG: #[[XM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d3, d5 * 2 + d4)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[HW:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @exclude_pad(
// CHECK: %[[ZP:.*]] = arith.constant 10 : i8
// CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[ZP]] : i8
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%{{.*}} : tensor<1x2x3x3xi32>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<3x3xi8>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[XM]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[PAD]], %[[WIN]] : tensor<1x2x7x7xi8>, tensor<3x3xi8>) outs(%[[INIT]] : tensor<1x2x3x3xi32>)
// CHECK-SAME: qcc.kernel = "window_sum"
// CHECK:   %[[X:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK:   %[[ZI:.*]] = arith.constant 10 : i32
// CHECK:   %[[XS:.*]] = arith.subi %[[X]], %[[ZI]] : i32
// CHECK:   arith.addi %[[XS]], %{{.*}} : i32
// CHECK: %[[N:.*]] = arith.constant dense<{{\[\[}}4, 6, 4], [6, 9, 6], [4, 6, 4]]> : tensor<3x3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[HW]], #[[ID]]]
// CHECK-SAME: ins(%[[SUM]], %[[N]] : tensor<1x2x3x3xi32>, tensor<3x3xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[S:.*]]: i32, %[[C:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[S64:.*]] = arith.extsi %[[S]] : i32 to i64
// CHECK:   %[[V:.*]] = arith.muli %[[S64]], %c1073741824_i64 : i64
// CHECK:   %[[C64:.*]] = arith.extsi %[[C]] : i8 to i64
// CHECK:   %[[D:.*]] = arith.shli %[[C64]], %c29_i64 : i64
// CHECK:   arith.floordivsi %[[V]], %[[D]] : i64
// zp_out 1, ui8 bounds
// CHECK:   arith.constant 1 : i64
// CHECK:   arith.constant 0 : i64
// CHECK:   arith.constant 255 : i64
func.func @exclude_pad(%x: tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 10>>) -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>> {
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 10>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>>
  return %0 : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>>
}

// -----

// count_include_pad = true: every window counts all 9 positions, so the
// divisor is a scalar: 9 << 29.
// CHECK-LABEL: func.func @include_pad(
// CHECK: qcc.kernel = "window_sum"
// CHECK-NOT: dense
// CHECK: qcc.kernel = "requantize"
// CHECK: arith.constant 1073741824 : i64
// CHECK: %[[N:.*]] = arith.constant 9 : i64
// CHECK: %[[S:.*]] = arith.constant 29 : i64
// CHECK: arith.shli %[[N]], %[[S]] : i64
func.func @include_pad(%x: tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 10>>) -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>> {
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true}
      : tensor<1x2x5x5x!qnn.q<ui8, scale = 0.5, zp = 10>> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>>
  return %0 : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 1>>
}

// -----

// ceil_mode, 5x5, kernel 2, stride 2, no pads: 3 windows per dim, the last
// one covering a single row/column; the overhang is padded with the zero
// point and does not count: sizes [2, 2, 1] per dim ->
//   [[4, 4, 2], [4, 4, 2], [2, 2, 1]]; ratio 0.5 / 0.5 = 1 = 2^30 * 2^-30
// CHECK-LABEL: func.func @ceil_mode(
// CHECK: tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: tensor<1x1x5x5xi8> to tensor<1x1x6x6xi8>
// CHECK: qcc.kernel = "window_sum"
// CHECK: arith.constant dense<{{\[\[}}4, 4, 2], [4, 4, 2], [2, 2, 1]]> : tensor<3x3xi8>
// CHECK: qcc.kernel = "requantize"
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 30 : i64
func.func @ceil_mode(%x: tensor<1x1x5x5x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true}
      : tensor<1x1x5x5x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %0 : tensor<1x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
}
