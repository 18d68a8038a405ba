// qnn.matmul -> i32 accumulation linalg.generic (qcc.kernel = "matmul",
// loops batch..., m, k, n) + requantization generic (qcc.kernel = "requantize").
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// Per-column rhs scales; the requantization parameters vary along the last
// (column) dim of the result.
//   s_lhs = 0.0235, s_rhs = [0.0031, 0.0047, 0.0019], s_out = 0.0617
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); [print(31 - e, round(m * 2**31)) for m, e in (math.frexp(f(0.0235) * f(w) / f(0.0617)) for w in (0.0031, 0.0047, 0.0019))]'
//   -> (40, 1298207778), (40, 1968250417), (41, 1591351450)
//   zp_out -4, i8 bounds [-128, 127]

// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>

// CHECK-LABEL: func.func @fully_connected(
// CHECK-SAME: %[[A:.*]]: tensor<1x8xi8>, %[[B:.*]]: tensor<8x3xi8>, %[[BIAS:.*]]: tensor<3xi32>) -> tensor<1x3xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x3xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[COL]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[BIAS]] : tensor<3xi32>) outs(%[[E]] : tensor<1x3xi32>)
// CHECK: %[[MM:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<1x8xi8>, tensor<8x3xi8>) outs(%[[INIT]] : tensor<1x3xi32>)
// CHECK-SAME: qcc.kernel = "matmul"
// CHECK: ^bb0(%[[L:.*]]: i8, %[[R:.*]]: i8, %[[ACC:.*]]: i32):
// CHECK:   %[[LE:.*]] = arith.extui %[[L]] : i8 to i32
// CHECK:   %[[RE:.*]] = arith.extsi %[[R]] : i8 to i32
// CHECK:   %[[ZL:.*]] = arith.constant 128 : i32
// CHECK:   %[[LS:.*]] = arith.subi %[[LE]], %[[ZL]] : i32
// CHECK:   %[[P:.*]] = arith.muli %[[LS]], %[[RE]] : i32
// CHECK:   %[[S:.*]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK:   linalg.yield %[[S]] : i32
// CHECK: %[[MULT:.*]] = arith.constant dense<[1298207778, 1968250417, 1591351450]> : tensor<3xi32>
// CHECK: %[[SHIFT:.*]] = arith.constant dense<[40, 40, 41]> : tensor<3xi8>
// CHECK: %[[RQ:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[COL]], #[[COL]], #[[ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[MM]], %[[MULT]], %[[SHIFT]] : tensor<1x3xi32>, tensor<3xi32>, tensor<3xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[X:.*]]: i32, %[[M:.*]]: i32, %[[SH:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[X64:.*]] = arith.extsi %[[X]] : i32 to i64
// CHECK:   %[[M64:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK:   %[[PR:.*]] = arith.muli %[[X64]], %[[M64]] : i64
// CHECK:   %[[SH64:.*]] = arith.extsi %[[SH]] : i8 to i64
// CHECK:   arith.shrsi %[[PR]], %[[SH64]] : i64
// CHECK:   arith.constant -4 : i64
// CHECK:   arith.constant -128 : i64
// CHECK:   arith.constant 127 : i64
// CHECK: return %[[RQ]] : tensor<1x3xi8>
func.func @fully_connected(
    %a: tensor<1x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>,
    %b: tensor<8x3x!qnn.q<i8, axis = 1, scale = [0.0031, 0.0047, 0.0019], zp = [0, 0, 0]>>,
    %bias: tensor<3xi32>) -> tensor<1x3x!qnn.q<i8, scale = 0.0617, zp = -4>> {
  %0 = qnn.matmul %a, %b, %bias
      : (tensor<1x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>, tensor<8x3x!qnn.q<i8, axis = 1, scale = [0.0031, 0.0047, 0.0019], zp = [0, 0, 0]>>, tensor<3xi32>)
      -> tensor<1x3x!qnn.q<i8, scale = 0.0617, zp = -4>>
  return %0 : tensor<1x3x!qnn.q<i8, scale = 0.0617, zp = -4>>
}

// -----

// Batched lhs [2, 3, 8] x rhs [8, 4], both zero-points non-zero, raw i32
// result (MatMulInteger): zero-filled accumulator, no requantization.
// CHECK-DAG: #[[BL:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[BR:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG: #[[BO:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-LABEL: func.func @batched_integer(
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%{{.*}} : tensor<2x3x4xi32>)
// CHECK: %[[MM:.*]] = linalg.generic {indexing_maps = [#[[BL]], #[[BR]], #[[BO]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK-SAME: outs(%[[F]] : tensor<2x3x4xi32>)
// CHECK-SAME: qcc.kernel = "matmul"
// CHECK:   %[[LE:.*]] = arith.extsi %{{.*}} : i8 to i32
// CHECK:   %[[RE:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK:   %[[ZL:.*]] = arith.constant 1 : i32
// CHECK:   %[[LS:.*]] = arith.subi %[[LE]], %[[ZL]] : i32
// CHECK:   %[[ZR:.*]] = arith.constant 100 : i32
// CHECK:   %[[RS:.*]] = arith.subi %[[RE]], %[[ZR]] : i32
// CHECK:   arith.muli %[[LS]], %[[RS]] : i32
// CHECK-NOT: qcc.kernel = "requantize"
// CHECK: return %[[MM]] : tensor<2x3x4xi32>
func.func @batched_integer(%a: tensor<2x3x8x!qnn.q<i8, scale = 0.5, zp = 1>>,
                           %b: tensor<8x4x!qnn.q<ui8, scale = 0.25, zp = 100>>) -> tensor<2x3x4xi32> {
  %0 = qnn.matmul %a, %b : (tensor<2x3x8x!qnn.q<i8, scale = 0.5, zp = 1>>, tensor<8x4x!qnn.q<ui8, scale = 0.25, zp = 100>>) -> tensor<2x3x4xi32>
  return %0 : tensor<2x3x4xi32>
}

// -----

// Batched rhs [B, K, N] (ONNX QLinearMatMul / MatMul of two 3-D operands):
// the rhs map carries the batch dim; a batch dim of 1 broadcasts (constant 0).
// CHECK-DAG: #[[L3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[R3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[O3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[RB:.*]] = affine_map<(d0, d1, d2, d3) -> (0, d2, d3)>
// CHECK-LABEL: func.func @batched_rhs(
// CHECK: linalg.generic {indexing_maps = [#[[L3]], #[[R3]], #[[O3]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
// CHECK: linalg.generic {indexing_maps = [#[[L3]], #[[RB]], #[[O3]]], iterator_types = ["parallel", "parallel", "reduction", "parallel"]}
func.func @batched_rhs(%a: tensor<2x2x4x!qnn.q<ui8, scale = 0.5, zp = 3>>, %b: tensor<2x4x3x!qnn.q<ui8, scale = 0.25, zp = 1>>, %c: tensor<1x4x3x!qnn.q<ui8, scale = 0.25, zp = 1>>) -> (tensor<2x2x3xi32>, tensor<2x2x3xi32>) {
  %0 = qnn.matmul %a, %b : (tensor<2x2x4x!qnn.q<ui8, scale = 0.5, zp = 3>>, tensor<2x4x3x!qnn.q<ui8, scale = 0.25, zp = 1>>) -> tensor<2x2x3xi32>
  %1 = qnn.matmul %a, %c : (tensor<2x2x4x!qnn.q<ui8, scale = 0.5, zp = 3>>, tensor<1x4x3x!qnn.q<ui8, scale = 0.25, zp = 1>>) -> tensor<2x2x3xi32>
  return %0, %1 : tensor<2x2x3xi32>, tensor<2x2x3xi32>
}
