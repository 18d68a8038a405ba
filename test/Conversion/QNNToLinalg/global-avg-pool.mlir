// qnn.global_avg_pool -> window sum over H x W (qcc.kernel = "window_sum")
// + requantization by s_in / s_out with an exact division by H * W.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

//   ratio = 0.5 / 0.125 = 4 = 2^30 * 2^-28; divisor 25 << 28
// CHECK-DAG: #[[XM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d3, d4 + d5)>
// CHECK-DAG: #[[KM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK-DAG: #[[OM:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @gap(
// CHECK-SAME: %[[ARG:.*]]: tensor<1x2x5x5xi8>) -> tensor<1x2x1x1xi8>
// CHECK-NOT: tensor.pad
// CHECK: %[[INIT:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x2x1x1xi32>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<5x5xi8>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[XM]], #[[KM]], #[[OM]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[ARG]], %[[WIN]] : tensor<1x2x5x5xi8>, tensor<5x5xi8>) outs(%[[INIT]] : tensor<1x2x1x1xi32>)
// CHECK-SAME: qcc.kernel = "window_sum"
// CHECK:   %[[X:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:   %[[Z:.*]] = arith.constant -3 : i32
// CHECK:   arith.subi %[[X]], %[[Z]] : i32
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[SUM]] : tensor<1x2x1x1xi32>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK:   arith.constant 1073741824 : i64
// CHECK:   arith.constant 25 : i64
// CHECK:   arith.constant 28 : i64
// CHECK:   arith.floordivsi
// CHECK:   arith.constant 128 : i64
// CHECK:   arith.constant 0 : i64
// CHECK:   arith.constant 255 : i64
func.func @gap(%x: tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>>) -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>> {
  %0 = qnn.global_avg_pool %x : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>
  return %0 : tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>
}
