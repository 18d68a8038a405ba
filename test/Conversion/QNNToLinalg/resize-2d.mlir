// qnn.resize_2d -> one linalg.generic over the output whose inputs are the
// four source tables (constants), each read once per tap: tap k of output
// row o is entry o*T + k, indexed by the row loop (columns likewise); the
// body reads the captured input with tensor.extract at the sources and
// sums in ONNX Runtime's order: (wc * wr) * x over the four sources for two
// taps, the weighted sum of each row's weighted sum for four, one read for
// one tap (nearest).
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-DAG: #[[ROW0:.*]] = affine_map<(d0, d1, d2, d3) -> (d2 * 2)>
// CHECK-DAG: #[[ROW1:.*]] = affine_map<(d0, d1, d2, d3) -> (d2 * 2 + 1)>
// CHECK-DAG: #[[COL0:.*]] = affine_map<(d0, d1, d2, d3) -> (d3 * 2)>
// CHECK-DAG: #[[COL1:.*]] = affine_map<(d0, d1, d2, d3) -> (d3 * 2 + 1)>
// CHECK-LABEL: func.func @linear
// CHECK: %[[X:.*]]: tensor<1x2x2x2xf32>
// CHECK-DAG: %[[ROWS:.*]] = arith.constant dense<[0, 1, 0, 1, 1, 1]> : tensor<6xi64>
// CHECK-DAG: %[[COLS:.*]] = arith.constant dense<[0, 1, 1, 1]> : tensor<4xi64>
// CHECK: linalg.generic {indexing_maps = [#[[ROW0]], #[[ROW1]], #[[ROW0]], #[[ROW1]], #[[COL0]], #[[COL1]], #[[COL0]], #[[COL1]], #{{.*}}]
// CHECK-SAME: ins(%[[ROWS]], %[[ROWS]], %{{.*}}, %{{.*}}, %[[COLS]], %[[COLS]], %{{.*}}, %{{.*}} :
// CHECK-SAME: qcc.kernel = "resize_2d"
// CHECK: ^bb0(%[[R0:.*]]: i64, %[[R1:.*]]: i64, %[[WR0:.*]]: f32, %[[WR1:.*]]: f32, %[[C0:.*]]: i64, %[[C1:.*]]: i64, %[[WC0:.*]]: f32, %[[WC1:.*]]: f32, %{{.*}}: f32):
// CHECK-DAG: %[[X00:.*]] = tensor.extract %[[X]]
// CHECK-DAG: %[[W00:.*]] = arith.mulf %[[WC0]], %[[WR0]] : f32
// CHECK: arith.mulf %[[W00]], %[[X00]] : f32
// CHECK-COUNT-3: arith.addf
// CHECK-NOT: arith.select
func.func @linear(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x3x2xf32> {
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 1, 0, 1, 1, 1>, row_weights = array<f32: 1.0, 0.0, 0.5, 0.5, 0.5, 0.5>, cols = array<i64: 0, 1, 1, 1>, col_weights = array<f32: 1.0, 0.0, 0.5, 0.5>} : tensor<1x2x2x2xf32> -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @nearest
// CHECK: linalg.generic
// CHECK: tensor.extract
// CHECK-NOT: arith.mulf
// CHECK: linalg.yield
func.func @nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32> {
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0, 1>, row_weights = array<f32: 1.0, 1.0, 1.0>, cols = array<i64: 0, 1, 1>, col_weights = array<f32: 1.0, 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Four taps: for each source row i, s_i = wc0 * x[r_i][c0] + ... + wc3 *
// x[r_i][c3], then s_0 * wr0 + s_1 * wr1 + s_2 * wr2 + s_3 * wr3.
// CHECK-DAG: #[[R3:.*]] = affine_map<(d0, d1, d2, d3) -> (d2 * 4 + 3)>
// CHECK-DAG: #[[C3:.*]] = affine_map<(d0, d1, d2, d3) -> (d3 * 4 + 3)>
// CHECK-LABEL: func.func @cubic
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}, #[[R3]], #{{.*}}, #{{.*}}, #{{.*}}, #[[R3]], #{{.*}}, #{{.*}}, #{{.*}}, #[[C3]], #{{.*}}, #{{.*}}, #{{.*}}, #[[C3]], #{{.*}}]
// CHECK: ^bb0(%{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %[[WR0:[^:]*]]: f32, %[[WR1:[^:]*]]: f32, %[[WR2:[^:]*]]: f32, %[[WR3:[^:]*]]: f32, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %[[WC0:[^:]*]]: f32, %[[WC1:[^:]*]]: f32, %[[WC2:[^:]*]]: f32, %[[WC3:[^:]*]]: f32, %{{.*}}: f32):
// CHECK: %[[X00:.*]] = tensor.extract
// CHECK: %[[P0:.*]] = arith.mulf %[[WC0]], %[[X00]]
// CHECK: %[[X01:.*]] = tensor.extract
// CHECK: %[[P1:.*]] = arith.mulf %[[WC1]], %[[X01]]
// CHECK: %[[S01:.*]] = arith.addf %[[P0]], %[[P1]]
// CHECK: arith.mulf %[[WC2]]
// CHECK: arith.addf %[[S01]]
// CHECK: arith.mulf %[[WC3]]
// CHECK: %[[S0:.*]] = arith.addf
// CHECK: %[[T0:.*]] = arith.mulf %[[S0]], %[[WR0]]
// CHECK: %[[T1:.*]] = arith.mulf %{{.*}}, %[[WR1]]
// CHECK: %[[A1:.*]] = arith.addf %[[T0]], %[[T1]]
// CHECK: %[[T2:.*]] = arith.mulf %{{.*}}, %[[WR2]]
// CHECK: %[[A2:.*]] = arith.addf %[[A1]], %[[T2]]
// CHECK: %[[T3:.*]] = arith.mulf %{{.*}}, %[[WR3]]
// CHECK: %[[A3:.*]] = arith.addf %[[A2]], %[[T3]]
// CHECK: linalg.yield %[[A3]]
func.func @cubic(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0, 1, 1>, row_weights = array<f32: -0.0703125, 0.8671875, 0.2265625, -0.0234375>, cols = array<i64: 0, 0, 1, 1>, col_weights = array<f32: -0.0703125, 0.8671875, 0.2265625, -0.0234375>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// -----

// tf_crop_and_resize: a source of -1 is read at 0 (clamped), and where the
// row's or the column's first source is -1 the result is the
// extrapolation value.
// CHECK-LABEL: func.func @extrapolated
// CHECK: ^bb0(%[[R0:[^:]*]]: i64, %{{.*}}: i64, %{{.*}}: f32, %{{.*}}: f32, %[[C0:[^:]*]]: i64,
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: arith.maxsi %[[R0]], %[[ZERO]]
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK: %[[SUM2:.*]] = arith.addf %[[SUM]]
// CHECK: %[[V:.*]] = arith.addf %[[SUM2]]
// CHECK: %[[RO:.*]] = arith.cmpi slt, %[[R0]], %[[ZERO]]
// CHECK: %[[CO:.*]] = arith.cmpi slt, %[[C0]], %[[ZERO]]
// CHECK: %[[OUT:.*]] = arith.ori %[[RO]], %[[CO]]
// CHECK: %[[E:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[Y:.*]] = arith.select %[[OUT]], %[[E]], %[[V]]
// CHECK: linalg.yield %[[Y]]
func.func @extrapolated(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = qnn.resize_2d %x {rows = array<i64: -1, -1, 0, 1>, row_weights = array<f32: 0.0, 0.0, 0.5, 0.5>, cols = array<i64: 0, 1, -1, -1>, col_weights = array<f32: 0.5, 0.5, 0.0, 0.0>, extrapolation_value = 10.0 : f32} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// exclude_outside: each row's weighted term divided by the row's divisor
// (a fifth table, indexed by the row loop) before it is summed.
// CHECK-DAG: #[[ROWMAP:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-LABEL: func.func @cubic_divisors
// CHECK: %[[DIV:.*]] = arith.constant dense<1.093750e+00> : tensor<1xf32>
// CHECK: linalg.generic {indexing_maps = [{{.*}}, #[[ROWMAP]], #{{[^,]*}}]
// CHECK-SAME: %[[DIV]] : {{.*}}tensor<1xf32>)
// CHECK: ^bb0(%{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %[[WR0:[^:]*]]: f32, {{.*}}, %[[D:[^:]*]]: f32, %{{[^:]*}}: f32):
// CHECK: %[[T0:.*]] = arith.mulf %{{.*}}, %[[WR0]] : f32
// CHECK-NEXT: %[[Q0:.*]] = arith.divf %[[T0]], %[[D]] : f32
// CHECK-COUNT-3: arith.divf %{{.*}}, %[[D]] : f32
// CHECK-NOT: arith.divf
// CHECK: linalg.yield
func.func @cubic_divisors(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32> {
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0, 1, 1>, row_weights = array<f32: 0.0, 0.59375, 0.59375, -0.09375>, cols = array<i64: 0, 0, 1, 1>, col_weights = array<f32: 0.0, 1.0, 0.0, 0.0>, row_divisors = array<f32: 1.09375>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}
