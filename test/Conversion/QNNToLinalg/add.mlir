// qnn.add -> one elementwise linalg.generic (qcc.kernel = "add") with numpy
// broadcasting maps: both terms are scaled to a common fixed-point shift
// (chosen for the larger ratio) and summed in i64 before one rounding shift.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

//   r_a = f32(0.0235) / f32(0.071), r_b = f32(0.0617) / f32(0.071)
//   shift = 31 - e with frexp(max(r_a, r_b)); mult_x = round(r_x * 2^shift)
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); ra, rb = f(0.0235) / f(0.071), f(0.0617) / f(0.071); s = 31 - math.frexp(max(ra, rb))[1]; print(s, round(ra * 2**s), round(rb * 2**s))'
//   -> shift 31, mult_a 710786794, mult_b 1866193516
//   ReLU (out_min = 0): lo = max(0, round(0 / 0.071) + 10) = 10, hi = 255

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// rhs [4, 1, 1] aligned to the trailing dims of [1, 4, 2, 2]; its size-1
// dims broadcast (constant 0).
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>

// CHECK-LABEL: func.func @broadcast_relu(
// CHECK-SAME: %[[A:.*]]: tensor<1x4x2x2xi8>, %[[B:.*]]: tensor<4x1x1xi8>) -> tensor<1x4x2x2xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x4x2x2xi8>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<1x4x2x2xi8>, tensor<4x1x1xi8>) outs(%[[E]] : tensor<1x4x2x2xi8>)
// CHECK-SAME: qcc.kernel = "add"
// CHECK: ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[XE:.*]] = arith.extui %[[X]] : i8 to i64
// CHECK:   %[[ZA:.*]] = arith.constant 128 : i64
// CHECK:   %[[XS:.*]] = arith.subi %[[XE]], %[[ZA]] : i64
// CHECK:   %[[MA:.*]] = arith.constant 710786794 : i64
// CHECK:   %[[TA:.*]] = arith.muli %[[XS]], %[[MA]] : i64
// CHECK:   %[[YE:.*]] = arith.extsi %[[Y]] : i8 to i64
// CHECK:   %[[ZB:.*]] = arith.constant -3 : i64
// CHECK:   %[[YS:.*]] = arith.subi %[[YE]], %[[ZB]] : i64
// CHECK:   %[[MB:.*]] = arith.constant 1866193516 : i64
// CHECK:   %[[TB:.*]] = arith.muli %[[YS]], %[[MB]] : i64
// CHECK:   %[[SUM:.*]] = arith.addi %[[TA]], %[[TB]] : i64
// CHECK:   %[[SH:.*]] = arith.constant 31 : i64
// CHECK:   arith.shrsi %[[SUM]], %[[SH]] : i64
// CHECK:   %[[ZO:.*]] = arith.constant 10 : i64
// CHECK:   %[[V:.*]] = arith.addi %{{.*}}, %[[ZO]] : i64
// CHECK:   %[[LO:.*]] = arith.constant 10 : i64
// CHECK:   %[[V1:.*]] = arith.maxsi %[[V]], %[[LO]] : i64
// CHECK:   %[[HI:.*]] = arith.constant 255 : i64
// CHECK:   %[[V2:.*]] = arith.minsi %[[V1]], %[[HI]] : i64
// CHECK:   arith.trunci %[[V2]] : i64 to i8
// CHECK: return %[[R]]
func.func @broadcast_relu(%a: tensor<1x4x2x2x!qnn.q<ui8, scale = 0.0235, zp = 128>>,
                          %b: tensor<4x1x1x!qnn.q<i8, scale = 0.0617, zp = -3>>)
    -> tensor<1x4x2x2x!qnn.q<ui8, scale = 0.071, zp = 10>> {
  %0 = qnn.add %a, %b {out_min = 0.0 : f64}
      : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.0235, zp = 128>>, tensor<4x1x1x!qnn.q<i8, scale = 0.0617, zp = -3>>)
      -> tensor<1x4x2x2x!qnn.q<ui8, scale = 0.071, zp = 10>>
  return %0 : tensor<1x4x2x2x!qnn.q<ui8, scale = 0.071, zp = 10>>
}

// -----

// Same-shape operands with equal scales, lhs broadcast along dim 0:
//   r_a = r_b = 0.5 / 0.25 = 2 -> frexp e = 2 -> shift 29, mult = 2 * 2^29 = 2^30
// CHECK-DAG: #[[B0:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-DAG: #[[I2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcast_lhs(
// CHECK: linalg.generic {indexing_maps = [#[[B0]], #[[I2]], #[[I2]]]
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 29 : i64
func.func @broadcast_lhs(%a: tensor<1x3x!qnn.q<i8, scale = 0.5, zp = 0>>,
                         %b: tensor<5x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<5x3x!qnn.q<i8, scale = 0.25, zp = 0>> {
  %0 = qnn.add %a, %b : (tensor<1x3x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<5x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<5x3x!qnn.q<i8, scale = 0.25, zp = 0>>
  return %0 : tensor<5x3x!qnn.q<i8, scale = 0.25, zp = 0>>
}
