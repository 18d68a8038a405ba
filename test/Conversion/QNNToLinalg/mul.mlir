// qnn.mul: (a - za) * (b - zb) in i64, times the fixed-point ratio
// sa * sb / so = 0.5 * 0.25 / 0.5 = 0.25 = 2^30 * 2^-32, rounded half
// even, plus zo, clamped; broadcasting by the input maps.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @mul(
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[B]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "mul"
// CHECK: ^bb0(%[[A:.*]]: i8, %[[B8:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[AE:.*]] = arith.extui %[[A]] : i8 to i64
// CHECK:   %[[AC:.*]] = arith.subi %[[AE]], %c128_i64
// CHECK:   %[[BE:.*]] = arith.extsi %[[B8]] : i8 to i64
// CHECK:   %[[BC:.*]] = arith.subi %[[BE]], %c-3_i64
// CHECK:   %[[P:.*]] = arith.muli %[[AC]], %[[BC]] : i64
// CHECK:   arith.muli %[[P]], %c1073741824_i64 : i64
// CHECK:   arith.shrsi %{{.*}}, %c32_i64
func.func @mul(%a: tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 128>>, %b: tensor<1x3x!qnn.q<i8, scale = 0.25, zp = -3>>) -> tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>> {
  %0 = qnn.mul %a, %b : (tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x!qnn.q<i8, scale = 0.25, zp = -3>>) -> tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>>
  return %0 : tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>>
}
