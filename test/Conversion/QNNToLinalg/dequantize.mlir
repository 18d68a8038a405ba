// qnn.dequantize -> elementwise linalg.generic (qcc.kernel = "dequantize"):
//   x = f32(ext(q) - zp) * scale
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[C0:.*]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-LABEL: func.func @per_tensor_unsigned(
// CHECK-SAME: %[[Q:.*]]: tensor<2x1x3xi8>) -> tensor<2x1x3xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x1x3xf32>
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[Q]] : tensor<2x1x3xi8>) outs(%[[E]] : tensor<2x1x3xf32>)
// CHECK-SAME: qcc.kernel = "dequantize"
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: f32):
// CHECK:   %[[X:.*]] = arith.extui %[[IN]] : i8 to i32
// CHECK:   %[[ZP:.*]] = arith.constant 128 : i32
// CHECK:   %[[XS:.*]] = arith.subi %[[X]], %[[ZP]] : i32
// CHECK:   %[[F:.*]] = arith.sitofp %[[XS]] : i32 to f32
// CHECK:   %[[S:.*]] = arith.constant 2.350000e-02 : f32
// CHECK:   %[[M:.*]] = arith.mulf %[[F]], %[[S]] : f32
// CHECK:   linalg.yield %[[M]] : f32
// CHECK: return %[[R]]
func.func @per_tensor_unsigned(%q: tensor<2x1x3x!qnn.q<ui8, scale = 0.0235, zp = 128>>) -> tensor<2x1x3xf32> {
  %0 = qnn.dequantize %q : tensor<2x1x3x!qnn.q<ui8, scale = 0.0235, zp = 128>> -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}

// Per channel along axis 0, signed.
// CHECK-LABEL: func.func @per_channel_signed(
// CHECK: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01]> : tensor<2xf32>
// CHECK: %[[Z:.*]] = arith.constant dense<[-1, 3]> : tensor<2xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[C0]], #[[C0]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[Z]] : tensor<2x1x3xi8>, tensor<2xf32>, tensor<2xi8>)
// CHECK: ^bb0(%[[IN:.*]]: i8, %[[SV:.*]]: f32, %[[ZV:.*]]: i8, %{{.*}}: f32):
// CHECK:   %[[X:.*]] = arith.extsi %[[IN]] : i8 to i32
// CHECK:   %[[ZV32:.*]] = arith.extsi %[[ZV]] : i8 to i32
// CHECK:   %[[XS:.*]] = arith.subi %[[X]], %[[ZV32]] : i32
// CHECK:   %[[F:.*]] = arith.sitofp %[[XS]] : i32 to f32
// CHECK:   arith.mulf %[[F]], %[[SV]] : f32
func.func @per_channel_signed(%q: tensor<2x1x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [-1, 3]>>) -> tensor<2x1x3xf32> {
  %0 = qnn.dequantize %q : tensor<2x1x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [-1, 3]>> -> tensor<2x1x3xf32>
  return %0 : tensor<2x1x3xf32>
}
