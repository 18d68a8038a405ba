// qnn.requantize -> one elementwise linalg.generic (qcc.kernel = "requantize"):
//   clamp(round_half_even((ext(q) - zp_in) * mult * 2^-shift) + zp_out, lo, hi)
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// Per tensor, unsigned -> signed, with a fused range whose bounds are ties.
//   ratio = f32(0.0235) / f32(0.5); frexp -> shift = 31 - e, mult = round(m * 2^31)
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); m, e = math.frexp(f(0.0235) / f(0.5)); print(31 - e, round(m * 2**31))'
//   -> shift 35, mult 1614907648
//   bounds: round(-1.25 / 0.5) = round(-2.5) = -2 (half to even), + zp -5 -> -7
//           round( 1.25 / 0.5) = round( 2.5) =  2 (half to even), + zp -5 -> -3
//   /usr/bin/python3 -c 'print(max(-128, round(-1.25 / 0.5) - 5), min(127, round(1.25 / 0.5) - 5))'
//   -> -7 -3

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @per_tensor_range(
// CHECK-SAME: %[[ARG:.*]]: tensor<2x4xi8>) -> tensor<2x4xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x4xi8>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[ARG]] : tensor<2x4xi8>) outs(%[[E]] : tensor<2x4xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[X:.*]] = arith.extui %[[IN]] : i8 to i64
// CHECK:   %[[ZIN:.*]] = arith.constant 128 : i64
// CHECK:   %[[XS:.*]] = arith.subi %[[X]], %[[ZIN]] : i64
// CHECK:   %[[M:.*]] = arith.constant 1614907648 : i64
// CHECK:   %[[P:.*]] = arith.muli %[[XS]], %[[M]] : i64
// CHECK:   %[[S:.*]] = arith.constant 35 : i64
// CHECK:   arith.shrsi %[[P]], %[[S]] : i64
// CHECK:   %[[ZO:.*]] = arith.constant -5 : i64
// CHECK:   %[[V:.*]] = arith.addi %{{.*}}, %[[ZO]] : i64
// CHECK:   %[[LO:.*]] = arith.constant -7 : i64
// CHECK:   %[[V1:.*]] = arith.maxsi %[[V]], %[[LO]] : i64
// CHECK:   %[[HI:.*]] = arith.constant -3 : i64
// CHECK:   %[[V2:.*]] = arith.minsi %[[V1]], %[[HI]] : i64
// CHECK:   %[[T:.*]] = arith.trunci %[[V2]] : i64 to i8
// CHECK:   linalg.yield %[[T]] : i8
// CHECK: return %[[R]]
func.func @per_tensor_range(%x: tensor<2x4x!qnn.q<ui8, scale = 0.0235, zp = 128>>) -> tensor<2x4x!qnn.q<i8, scale = 0.5, zp = -5>> {
  %0 = qnn.requantize %x {out_min = -1.25 : f64, out_max = 1.25 : f64} : tensor<2x4x!qnn.q<ui8, scale = 0.0235, zp = 128>> -> tensor<2x4x!qnn.q<i8, scale = 0.5, zp = -5>>
  return %0 : tensor<2x4x!qnn.q<i8, scale = 0.5, zp = -5>>
}

// Per-channel input (axis 1) -> per-tensor 4-bit unsigned output.
//   ratios [0.5, 0.25, 2.0] / 0.25 = [2, 1, 8] -> frexp e = [2, 1, 4], m = 0.5
//   -> shifts [29, 30, 27], mult 2^30 = 1073741824 (uniform: a scalar)
//   zp_in [1, 2, 3] (per channel: a tensor), zp_out 8, ui4 bounds [0, 15]
// CHECK-LABEL: func.func @per_channel_input(
// CHECK: %[[SH:.*]] = arith.constant dense<[29, 30, 27]> : tensor<3xi8>
// CHECK: %[[ZI:.*]] = arith.constant dense<[1, 2, 3]> : tensor<3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %[[SH]], %[[ZI]] : tensor<2x3xi8>, tensor<3xi8>, tensor<3xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[IN:.*]]: i8, %[[S:.*]]: i8, %[[Z:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[X:.*]] = arith.extsi %[[IN]] : i8 to i64
// CHECK:   %[[Z64:.*]] = arith.extsi %[[Z]] : i8 to i64
// CHECK:   arith.subi %[[X]], %[[Z64]] : i64
// CHECK:   arith.constant 1073741824 : i64
// CHECK:   %[[S64:.*]] = arith.extsi %[[S]] : i8 to i64
// CHECK:   arith.shrsi %{{.*}}, %[[S64]] : i64
// CHECK:   arith.constant 8 : i64
// CHECK:   arith.constant 0 : i64
// CHECK:   arith.constant 15 : i64
func.func @per_channel_input(%x: tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 2.0], zp = [1, 2, 3]>>) -> tensor<2x3x!qnn.q<ui4, scale = 0.25, zp = 8>> {
  %0 = qnn.requantize %x : tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 2.0], zp = [1, 2, 3]>> -> tensor<2x3x!qnn.q<ui4, scale = 0.25, zp = 8>>
  return %0 : tensor<2x3x!qnn.q<ui4, scale = 0.25, zp = 8>>
}

// Per-tensor input -> sliced output: the clamp bounds follow each channel's
// slice width: channels 0, 1 are i4 [-8, 7], channel 2 is i8 [-128, 127].
//   ratio 0.5 / 0.5 = 1 -> shift 30, mult 2^30
// CHECK-LABEL: func.func @sliced_output(
// CHECK: %[[LO:.*]] = arith.constant dense<[-8, -8, -128]> : tensor<3xi8>
// CHECK: %[[HI:.*]] = arith.constant dense<[7, 7, 127]> : tensor<3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[LO]], %[[HI]] : tensor<2x3xi8>, tensor<3xi8>, tensor<3xi8>)
// CHECK: ^bb0(%{{.*}}: i8, %[[L:.*]]: i8, %[[H:.*]]: i8, %{{.*}}: i8):
// CHECK:   arith.constant 1073741824 : i64
// CHECK:   arith.constant 30 : i64
// CHECK:   %[[L64:.*]] = arith.extsi %[[L]] : i8 to i64
// CHECK:   %[[A:.*]] = arith.maxsi %{{.*}}, %[[L64]] : i64
// CHECK:   %[[H64:.*]] = arith.extsi %[[H]] : i8 to i64
// CHECK:   arith.minsi %[[A]], %[[H64]] : i64
func.func @sliced_output(%x: tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x3x!qnn.q<[i4 x 2, i8 x 1], axis = 1, scale = 0.5, zp = 0>> {
  %0 = qnn.requantize %x : tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<2x3x!qnn.q<[i4 x 2, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
  return %0 : tensor<2x3x!qnn.q<[i4 x 2, i8 x 1], axis = 1, scale = 0.5, zp = 0>>
}

// A range wider than the type does not widen the clamp; a range that lies
// entirely outside the type collapses to the nearest bound.
//   ui8 zp 0 scale 1: out_min -10 -> max(0, -10) = 0; out_max 1000 -> 255
// CHECK-LABEL: func.func @range_wider_than_type(
// (constants are named after their value by the printer: %c0_i64, %c255_i64)
// CHECK: arith.maxsi %{{.*}}, %c0_i64{{(_[0-9]+)?}} : i64
// CHECK-NEXT: arith.constant 255 : i64
// CHECK-NEXT: arith.minsi %{{.*}}, %c255_i64 : i64
func.func @range_wider_than_type(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %0 = qnn.requantize %x {out_min = -10.0 : f64, out_max = 1000.0 : f64} : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %0 : tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// Tiny ratio: frexp gives a shift above 62; the lowering keeps shift 62 and
// scales the multiplier instead: mult = round(r * 2^62).
//   r = f32(1e-12) / 1.0
//   /usr/bin/python3 -c 'import numpy as np, math; r = float(np.float32(1e-12)); m, e = math.frexp(r); print(31 - e, round(r * 2**62))'
//   -> 70 (> 62), mult 4611686
// CHECK-LABEL: func.func @tiny_ratio(
// CHECK: arith.constant 4611686 : i64
// CHECK: arith.constant 62 : i64
func.func @tiny_ratio(%x: tensor<4x!qnn.q<i8, scale = 1.0e-12, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %0 = qnn.requantize %x : tensor<4x!qnn.q<i8, scale = 1.0e-12, zp = 0>> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
}
