// qnn.arg_reduce -> one linalg.generic reducing along the axis into the
// best value (codes extended to i32 with their signedness, or f32) and its
// i64 index (linalg.index of the axis); strictly better replaces (the
// first index wins), or better-or-equal with select_last_index. The best
// value starts at the type's extreme (-inf / +inf for f32).
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax_codes
// CHECK: %[[LO:.*]] = arith.constant -2147483648 : i32
// CHECK: %[[B:.*]] = linalg.fill ins(%[[LO]] : i32)
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : i64)
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]], #[[OUT]]], iterator_types = ["parallel", "reduction"]} ins(%{{.*}} : tensor<2x5xi8>) outs(%[[B]], %[[Z]] : tensor<2xi32>, tensor<2xi64>) attrs = {qcc.kernel = "arg_reduce"}
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.cmpi sgt
// CHECK: linalg.index 1 : index
// CHECK: return %[[R]]#1
func.func @argmax_codes(%x: tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>>) -> tensor<2xi64> {
  %0 = qnn.arg_reduce max %x {axis = 1 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @argmin_float_last
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[OUT]], #[[OUT]]], iterator_types = ["reduction", "parallel"]}
// CHECK: arith.cmpf ole
// CHECK: linalg.index 0 : index
func.func @argmin_float_last(%x: tensor<4x3xf32>) -> tensor<1x3xi64> {
  %0 = qnn.arg_reduce min %x {axis = 0 : i64, keepdims, select_last_index} : tensor<4x3xf32> -> tensor<1x3xi64>
  return %0 : tensor<1x3xi64>
}
