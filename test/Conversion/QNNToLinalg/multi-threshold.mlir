// qnn.multi_threshold: one generic whose last loop (a reduction) runs over
// the element's thresholds; the result starts at `offset` and gains 1 (2
// into a bipolar result) per threshold reached.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// An i32 accumulator, thresholds per channel (row = d1), compared signed.
// CHECK-DAG: #[[ELEM:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4)>
// CHECK-DAG: #[[ROW0:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-LABEL: func.func @accumulator(
// CHECK: %[[T:.*]] = arith.constant dense<{{\[\[}}-3, 0, 4], [-1, 2, 9]]> : tensor<2x3xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i8
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[Z]] : i8)
// CHECK: linalg.generic {indexing_maps = [#[[ELEM]], #[[ROW]], #[[ELEM]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%{{.*}}, %[[T]] : tensor<1x2x4x4xi32>, tensor<2x3xi32>) outs(%[[INIT]] : tensor<1x2x4x4xi8>)
// CHECK-SAME: qcc.kernel = "multi_threshold"
// CHECK: ^bb0(%[[X:.*]]: i32, %[[TH:.*]]: i32, %[[ACC:.*]]: i8):
// CHECK:   %[[R:.*]] = arith.cmpi sge, %[[X]], %[[TH]] : i32
// CHECK:   %[[ONE:.*]] = arith.constant 1 : i8
// CHECK:   %[[INC:.*]] = arith.select %[[R]], %[[ONE]], %{{.*}} : i8
// CHECK:   arith.addi %[[ACC]], %[[INC]] : i8
func.func @accumulator(%acc: tensor<1x2x4x4xi32>) -> tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>> {
  %0 = qnn.multi_threshold %acc {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[-3, 0, 4], [-1, 2, 9]]> : tensor<2x3xi32>} : tensor<1x2x4x4xi32> -> tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>>
  return %0 : tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>>
}

// A float input against one row of f32 thresholds (row 0 for every
// channel), IEEE >= (ordered: NaN reaches none); signed codes from -2.
// CHECK-LABEL: func.func @float_input(
// CHECK: arith.constant -2 : i8
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[ROW0]], #{{.*}}]
// CHECK: ^bb0(%[[X:.*]]: f32, %[[TH:.*]]: f32, %{{.*}}: i8):
// CHECK:   arith.cmpf oge, %[[X]], %[[TH]] : f32
func.func @float_input(%x: tensor<2x5xf32>) -> tensor<2x5x!qnn.q<i2, scale = 0.5, zp = 0>> {
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = -2 : i64, thresholds = dense<[[-0.5, 0.0, 0.25]]> : tensor<1x3xf32>} : tensor<2x5xf32> -> tensor<2x5x!qnn.q<i2, scale = 0.5, zp = 0>>
  return %0 : tensor<2x5x!qnn.q<i2, scale = 0.5, zp = 0>>
}

// Unsigned stored codes are zero-extended; a bipolar result starts at -1
// and steps by 2.
// CHECK-LABEL: func.func @bipolar_from_unsigned(
// CHECK: arith.constant -1 : i8
// CHECK: ^bb0(%[[X:.*]]: i8, %[[TH:.*]]: i32, %{{.*}}: i8):
// CHECK:   %[[XE:.*]] = arith.extui %[[X]] : i8 to i32
// CHECK:   arith.cmpi sge, %[[XE]], %[[TH]] : i32
// CHECK:   arith.constant 2 : i8
func.func @bipolar_from_unsigned(%q: tensor<1x2x!qnn.q<ui8, scale = 1.0, zp = 128>>) -> tensor<1x2x!qnn.q<b1, scale = 1.0>> {
  %0 = qnn.multi_threshold %q {axis = 1 : i64, offset = -1 : i64, thresholds = dense<[[130], [200]]> : tensor<2x1xi32>} : tensor<1x2x!qnn.q<ui8, scale = 1.0, zp = 128>> -> tensor<1x2x!qnn.q<b1, scale = 1.0>>
  return %0 : tensor<1x2x!qnn.q<b1, scale = 1.0>>
}
