// qnn.max_pool2d -> tensor.pad with the lowest stored value + a window
// linalg.generic (qcc.kernel = "max_pool2d") over a kernel-shaped dummy
// tensor; the quantization is unchanged, so there is no requantization.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// ceil_mode: 5 rows, kernel 2, stride 2 -> ceil(3 / 2) + 1 = 3 windows; the
// last one (rows 4..5) runs one row past the input: one extra bottom/right
// padding row/column, filled with -128 (the lowest i8), never the maximum.
// Loop dims: n c oh | kh kw | ow.
// CHECK-DAG: #[[XM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d3, d5 * 2 + d4)>
// CHECK-DAG: #[[KM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG: #[[OM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @signed_ceil_mode(
// CHECK-SAME: %[[ARG:.*]]: tensor<1x2x5x5xi8>) -> tensor<1x2x3x3xi8>
// CHECK: %[[LOW:.*]] = arith.constant -128 : i8
// CHECK: %[[PAD:.*]] = tensor.pad %[[ARG]] low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[LOW]] : i8
// CHECK: } : tensor<1x2x5x5xi8> to tensor<1x2x6x6xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x3x3xi8>
// CHECK: %[[LOW2:.*]] = arith.constant -128 : i8
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[LOW2]] : i8) outs(%[[E]] : tensor<1x2x3x3xi8>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<2x2xi8>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[XM]], #[[KM]], #[[OM]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[PAD]], %[[WIN]] : tensor<1x2x6x6xi8>, tensor<2x2xi8>) outs(%[[INIT]] : tensor<1x2x3x3xi8>)
// CHECK-SAME: qcc.kernel = "max_pool2d"
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: i8, %[[OUT:.*]]: i8):
// CHECK:   %[[M:.*]] = arith.maxsi %[[IN]], %[[OUT]] : i8
// CHECK:   linalg.yield %[[M]] : i8
// CHECK-NOT: qcc.kernel = "requantize"
// CHECK: return %[[R]]
func.func @signed_ceil_mode(%x: tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>>) -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>> {
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
  return %0 : tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
}

// -----

// Unsigned: padding and init are 0 and the comparison is unsigned. 3x3
// kernel, stride 1, dilation 2, pads 2 on every side:
//   (6 + 4 - 5) / 1 + 1 = 6
// CHECK-DAG: #[[XM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d3 * 2, d5 + d4 * 2)>
// CHECK-LABEL: func.func @unsigned_dilated(
// CHECK: %[[Z:.*]] = arith.constant 0 : i8
// CHECK: tensor.pad %{{.*}} low[0, 0, 2, 2] high[0, 0, 2, 2]
// CHECK:   tensor.yield %[[Z]] : i8
// CHECK: } : tensor<1x1x6x6xi8> to tensor<1x1x10x10xi8>
// CHECK: linalg.fill
// CHECK: tensor.empty() : tensor<3x3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[XM]],
// CHECK: arith.maxui
func.func @unsigned_dilated(%x: tensor<1x1x6x6x!qnn.q<ui8, scale = 0.5, zp = 7>>) -> tensor<1x1x6x6x!qnn.q<ui8, scale = 0.5, zp = 7>> {
  %0 = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>}
      : tensor<1x1x6x6x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<1x1x6x6x!qnn.q<ui8, scale = 0.5, zp = 7>>
  return %0 : tensor<1x1x6x6x!qnn.q<ui8, scale = 0.5, zp = 7>>
}
