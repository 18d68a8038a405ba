// qnn.quantize -> elementwise linalg.generic (qcc.kernel = "quantize"):
//   q = clamp(x / scale, qmin - zp, qmax - zp), rounded half to even by the
//   (v + 1.5 * 2^23) - 1.5 * 2^23 trick in f32, then + zp and truncated.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// Per tensor ui8, scale f32(0.0235), zp 128: bounds [0 - 128, 255 - 128].
//   1.5 * 2^23 = 12582912 = 0x4B400000 (binary32)
//   /usr/bin/python3 -c 'import numpy as np; print(np.float32(1.5 * 2**23).view(np.uint32) == 0x4B400000)'
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @per_tensor(
// CHECK-SAME: %[[X:.*]]: tensor<1x3xf32>) -> tensor<1x3xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3xi8>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<1x3xf32>) outs(%[[E]] : tensor<1x3xi8>)
// CHECK-SAME: qcc.kernel = "quantize"
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: i8):
// CHECK:   %[[S:.*]] = arith.constant 2.350000e-02 : f32
// CHECK:   %[[V:.*]] = arith.divf %[[IN]], %[[S]] : f32
// CHECK:   %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK:   %[[V1:.*]] = arith.maxnumf %[[V]], %[[LO]] : f32
// CHECK:   %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK:   %[[V2:.*]] = arith.minnumf %[[V1]], %[[HI]] : f32
// CHECK:   %[[MAGIC:.*]] = arith.constant 0x4B400000 : f32
// CHECK:   %[[A:.*]] = arith.addf %[[V2]], %[[MAGIC]] : f32
// CHECK:   %[[RND:.*]] = arith.subf %[[A]], %[[MAGIC]] : f32
// CHECK:   %[[I:.*]] = arith.fptosi %[[RND]] : f32 to i32
// CHECK:   %[[ZP:.*]] = arith.constant 128 : i32
// CHECK:   %[[Q:.*]] = arith.addi %[[I]], %[[ZP]] : i32
// CHECK:   %[[T:.*]] = arith.trunci %[[Q]] : i32 to i8
// CHECK:   linalg.yield %[[T]] : i8
// CHECK: return %[[R]]
func.func @per_tensor(%x: tensor<1x3xf32>) -> tensor<1x3x!qnn.q<ui8, scale = 0.0235, zp = 128>> {
  %0 = qnn.quantize %x : tensor<1x3xf32> -> tensor<1x3x!qnn.q<ui8, scale = 0.0235, zp = 128>>
  return %0 : tensor<1x3x!qnn.q<ui8, scale = 0.0235, zp = 128>>
}

// Per channel (axis 1) i8: scale, bounds (qmin - zp, qmax - zp) and zp are
// constant tensors indexed by the channel dim.
//   zp [0, 1, 2] -> lo [-128, -129, -130], hi [127, 126, 125]
// CHECK-LABEL: func.func @per_channel(
// CHECK: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01, 1.250000e-01]> : tensor<3xf32>
// CHECK: %[[LO:.*]] = arith.constant dense<[-1.280000e+02, -1.290000e+02, -1.300000e+02]> : tensor<3xf32>
// CHECK: %[[HI:.*]] = arith.constant dense<[1.270000e+02, 1.260000e+02, 1.250000e+02]> : tensor<3xf32>
// CHECK: %[[ZP:.*]] = arith.constant dense<[0, 1, 2]> : tensor<3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[LO]], %[[HI]], %[[ZP]] : tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xi8>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[SV:.*]]: f32, %[[LV:.*]]: f32, %[[HV:.*]]: f32, %[[ZV:.*]]: i8, %{{.*}}: i8):
// CHECK:   arith.divf %[[IN]], %[[SV]] : f32
// CHECK:   arith.maxnumf %{{.*}}, %[[LV]] : f32
// CHECK:   arith.minnumf %{{.*}}, %[[HV]] : f32
// CHECK:   %[[ZV32:.*]] = arith.extsi %[[ZV]] : i8 to i32
// CHECK:   arith.addi %{{.*}}, %[[ZV32]] : i32
func.func @per_channel(%x: tensor<1x3xf32>) -> tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>> {
  %0 = qnn.quantize %x : tensor<1x3xf32> -> tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>
  return %0 : tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>
}

// Narrow and sliced widths: per-tensor scale and zp, but the bounds follow
// each channel's slice ([ui2 x 1, ui4 x 2]: hi = [3, 15, 15] - zp 1).
// CHECK-LABEL: func.func @sliced(
// CHECK: %[[HI:.*]] = arith.constant dense<[2.000000e+00, 1.400000e+01, 1.400000e+01]> : tensor<3xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[HI]] : tensor<1x3xf32>, tensor<3xf32>)
// CHECK:   arith.constant -1.000000e+00 : f32
// CHECK:   arith.minnumf
func.func @sliced(%x: tensor<1x3xf32>) -> tensor<1x3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 1, scale = 0.5, zp = 1>> {
  %0 = qnn.quantize %x : tensor<1x3xf32> -> tensor<1x3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 1, scale = 0.5, zp = 1>>
  return %0 : tensor<1x3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 1, scale = 0.5, zp = 1>>
}

// 16-bit (ONNX int16 / uint16 activations): the same body, stored in i16.
// ui16 scale 0.125, zp 40000: bounds [0 - 40000, 65535 - 40000] = [-40000, 25535];
// the sum 40000 + round(v) fits i32, truncated to 16 bits.
// CHECK-LABEL: func.func @ui16(
// CHECK-SAME: %[[X:.*]]: tensor<4xf32>) -> tensor<4xi16>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4xi16>
// CHECK: linalg.generic
// CHECK-SAME: outs(%[[E]] : tensor<4xi16>)
// CHECK: arith.constant -4.000000e+04 : f32
// CHECK: arith.constant 2.553500e+04 : f32
// CHECK: %[[ZP:.*]] = arith.constant 40000 : i32
// CHECK: %[[Q:.*]] = arith.addi %{{.*}}, %[[ZP]] : i32
// CHECK: %[[T:.*]] = arith.trunci %[[Q]] : i32 to i16
// CHECK: linalg.yield %[[T]] : i16
func.func @ui16(%x: tensor<4xf32>) -> tensor<4x!qnn.q<ui16, scale = 0.125, zp = 40000>> {
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<ui16, scale = 0.125, zp = 40000>>
  return %0 : tensor<4x!qnn.q<ui16, scale = 0.125, zp = 40000>>
}
