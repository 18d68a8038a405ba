// qnn.transpose and qnn.resize_nearest: an elementwise copy whose input map
// reads each result element's source.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-DAG: #[[T:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 2, d3 floordiv 3)>
// CHECK-LABEL: func.func @transpose(
// CHECK: linalg.generic {indexing_maps = [#[[T]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "transpose"
func.func @transpose(%x: tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>> {
  %0 = qnn.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return %0 : tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>>
}

// CHECK-LABEL: func.func @resize(
// CHECK: linalg.generic {indexing_maps = [#[[R]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "resize_nearest"
func.func @resize(%x: tensor<1x2x3x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %0 = qnn.resize_nearest %x {factors = array<i64: 2, 3>} : tensor<1x2x3x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %0 : tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>>
}
