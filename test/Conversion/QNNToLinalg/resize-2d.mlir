// qnn.resize_2d -> one linalg.generic over the output whose inputs are the
// eight source tables (constants indexed by the row or the column loop);
// the body reads the captured input with tensor.extract at the four
// sources and sums (wc * wr) * x in ONNX Runtime's order; where the second
// weights are all 0 and the first all 1 (nearest) it reads one source.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[COL:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @linear
// CHECK: %[[X:.*]]: tensor<1x2x2x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ROW]], #[[ROW]], #[[ROW]], #[[ROW]], #[[COL]], #[[COL]], #[[COL]], #[[COL]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "resize_2d"
// CHECK: ^bb0(%[[R0:.*]]: i64, %[[R1:.*]]: i64, %[[WR0:.*]]: f32, %[[WR1:.*]]: f32, %[[C0:.*]]: i64, %[[C1:.*]]: i64, %[[WC0:.*]]: f32, %[[WC1:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[X00:.*]] = tensor.extract %[[X]]
// CHECK-DAG: %[[W00:.*]] = arith.mulf %[[WC0]], %[[WR0]] : f32
// CHECK: arith.mulf %[[W00]], %[[X00]] : f32
// CHECK-COUNT-3: arith.addf
func.func @linear(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x3x2xf32> {
  %0 = qnn.resize_2d %x {rows0 = array<i64: 0, 0, 1>, rows1 = array<i64: 1, 1, 1>, row_weights0 = array<f32: 1.0, 0.5, 0.5>, row_weights1 = array<f32: 0.0, 0.5, 0.5>, cols0 = array<i64: 0, 1>, cols1 = array<i64: 1, 1>, col_weights0 = array<f32: 1.0, 0.5>, col_weights1 = array<f32: 0.0, 0.5>} : tensor<1x2x2x2xf32> -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @nearest
// CHECK: linalg.generic
// CHECK: tensor.extract
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
func.func @nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = qnn.resize_2d %x {rows0 = array<i64: 0, 0, 1>, rows1 = array<i64: 0, 0, 1>, row_weights0 = array<f32: 1.0, 1.0, 1.0>, row_weights1 = array<f32: 0.0, 0.0, 0.0>, cols0 = array<i64: 0, 1, 1>, cols1 = array<i64: 0, 1, 1>, col_weights0 = array<f32: 1.0, 1.0, 1.0>, col_weights1 = array<f32: 0.0, 0.0, 0.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}
