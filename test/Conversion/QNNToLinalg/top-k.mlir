// qnn.top_k -> two linalg.generics (lib/Conversion/QNNToLinalg/TopK.cpp):
// the rank of every element along the axis (a reduction over a second loop
// j along it: how many elements come before, better or equal with a lower
// index), then the results, position p taking the element of rank p (a
// reduction over the axis selecting it). Keys: codes extended with their
// signedness; f32 bits made monotonic after x + 0.0 (-0 ties +0).
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[J:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @top_k_codes
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<2x5xi64>)
// CHECK: %[[RANK:.*]] = linalg.generic {indexing_maps = [#[[ALL]], #[[J]], #[[ALL]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %arg0 : tensor<2x5xi8>, tensor<2x5xi8>) outs(%[[Z]] : tensor<2x5xi64>) attrs = {qcc.kernel = "top_k"}
// CHECK: %[[KI:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[KJ:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[JJ:.*]] = linalg.index 2 : index
// CHECK: %[[BETTER:.*]] = arith.cmpi sgt, %[[KJ]], %[[KI]] : i32
// CHECK: %[[EQ:.*]] = arith.cmpi eq, %[[KJ]], %[[KI]] : i32
// CHECK: %[[LOWER:.*]] = arith.cmpi ult, %[[JJ]], %[[I]] : index
// CHECK: %[[TIE:.*]] = arith.andi %[[EQ]], %[[LOWER]] : i1
// CHECK: %[[BEFORE:.*]] = arith.ori %[[BETTER]], %[[TIE]] : i1
// CHECK: arith.extui %[[BEFORE]] : i1 to i64
// CHECK: %[[SEL:.*]]:2 = linalg.generic {indexing_maps = [#[[J]], #[[J]], #[[ALL]], #[[ALL]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[RANK]], %arg0 : tensor<2x5xi64>, tensor<2x5xi8>) outs(%{{.*}}, %{{.*}} : tensor<2x3xi8>, tensor<2x3xi64>) attrs = {qcc.kernel = "top_k"}
// CHECK: ^bb0(%[[R:.*]]: i64, %[[X:.*]]: i8, %[[V:.*]]: i8, %[[IX:.*]]: i64):
// CHECK: %[[P:.*]] = linalg.index 1 : index
// CHECK: %[[P64:.*]] = arith.index_cast %[[P]] : index to i64
// CHECK: %[[SRC:.*]] = linalg.index 2 : index
// CHECK: %[[SRC64:.*]] = arith.index_cast %[[SRC]] : index to i64
// CHECK: %[[HIT:.*]] = arith.cmpi eq, %[[R]], %[[P64]] : i64
// CHECK: arith.select %[[HIT]], %[[X]], %[[V]] : i8
// CHECK: arith.select %[[HIT]], %[[SRC64]], %[[IX]] : i64
// CHECK: return %[[SEL]]#0, %[[SEL]]#1 : tensor<2x3xi8>, tensor<2x3xi64>
func.func @top_k_codes(%x: tensor<2x5x!qnn.q<i8, scale = 0.5, zp = 7>>) -> (tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 7>>, tensor<2x3xi64>) {
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 3 : i64} : tensor<2x5x!qnn.q<i8, scale = 0.5, zp = 7>> -> tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 7>>, tensor<2x3xi64>
  return %v, %i : tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 7>>, tensor<2x3xi64>
}

// -----

// Unsigned codes extend as unsigned.
// CHECK-LABEL: func.func @top_k_unsigned
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.cmpi sgt
func.func @top_k_unsigned(%x: tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>>) -> tensor<1x2xi64> {
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 2 : i64} : tensor<1x4x!qnn.q<ui8, scale = 1.0, zp = 0>> -> tensor<1x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x2xi64>
  return %i : tensor<1x2xi64>
}

// -----

// CHECK-DAG: #[[J:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func.func @top_k_float_smallest
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[J]], #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: %[[PZ:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[S:.*]] = arith.addf %{{.*}}, %[[PZ]] : f32
// CHECK: %[[B:.*]] = arith.bitcast %[[S]] : f32 to i32
// CHECK: %[[SIGN:.*]] = arith.shrsi %[[B]], %{{.*}} : i32
// CHECK: %[[M:.*]] = arith.andi %[[SIGN]], %{{.*}} : i32
// CHECK: arith.xori %[[B]], %[[M]] : i32
// CHECK: arith.cmpi slt
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x3xi64>)
func.func @top_k_float_smallest(%x: tensor<4x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  %v, %i = qnn.top_k %x {axis = 0 : i64, k = 2 : i64, smallest} : tensor<4x3xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
  return %v, %i : tensor<2x3xf32>, tensor<2x3xi64>
}
