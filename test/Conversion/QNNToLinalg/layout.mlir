// qnn.transpose, qnn.slice and qnn.resize_nearest: an elementwise copy whose
// input map reads each result element's source; qnn.pad: tensor.pad.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-DAG: #[[T:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 floordiv 2, d3 floordiv 3)>
// CHECK-DAG: #[[S:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * -3 + 5, d2 * 2 + 1, d3)>
// CHECK-DAG: #[[P:.*]] = affine_map<(d0, d1, d2) -> (d0, d1 mod 6, d2)>
// CHECK-LABEL: func.func @transpose(
// CHECK: linalg.generic {indexing_maps = [#[[T]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "transpose"
func.func @transpose(%x: tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>> {
  %0 = qnn.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return %0 : tensor<1x3x4x2x!qnn.q<ui8, scale = 0.5, zp = 0>>
}

// CHECK-LABEL: func.func @resize(
// CHECK: linalg.generic {indexing_maps = [#[[R]], #{{.*}}]
// CHECK-SAME: qcc.kernel = "resize_nearest"
func.func @resize(%x: tensor<1x2x3x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %0 = qnn.resize_nearest %x {factors = array<i64: 2, 3>} : tensor<1x2x3x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %0 : tensor<1x2x6x12x!qnn.q<i8, scale = 0.5, zp = 0>>
}

// A strided slice of codes: element i of dimension d reads starts[d] +
// i * steps[d] (channels 5 and 2, rows 1 and 3); the storage type is kept.
// CHECK-LABEL: func.func @slice(
// CHECK: linalg.generic {indexing_maps = [#[[S]], #{{.*}}]{{.*}} ins(%arg0 : tensor<1x6x4x4xi8>) outs(%{{.*}} : tensor<1x2x2x4xi8>)
// CHECK-SAME: qcc.kernel = "slice"
func.func @slice(%x: tensor<1x6x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>>) -> tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> {
  %0 = qnn.slice %x {starts = array<i64: 0, 5, 1, 0>, steps = array<i64: 1, -3, 2, 1>} : tensor<1x6x4x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  return %0 : tensor<1x2x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
}

// Regression (ONNX node tests test_split_*, test_slice): a dimension cut
// to a prefix (start 0, step 1) as a plain d1 made linalg take the loop
// bound from the input ("inferred input/output operand #1 has shape's
// dimension #1 to be 6, but found 2"); d1 mod 6 reads the same element.
// CHECK-LABEL: func.func @slice_prefix(
// CHECK: linalg.generic {indexing_maps = [#[[P]], #{{.*}}]{{.*}} outs(%{{.*}} : tensor<1x2x4xi8>)
func.func @slice_prefix(%x: tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>) -> tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> {
  %0 = qnn.slice %x {starts = array<i64: 0, 0, 0>, steps = array<i64: 1, 1, 1>} : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  return %0 : tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
}

// qnn.pad of codes: tensor.pad yielding the stored code (ui8 200 is the
// byte -56).
// CHECK-LABEL: func.func @pad(
// CHECK: %[[V:.*]] = arith.constant -56 : i8
// CHECK: tensor.pad %arg0 low[0, 0, 0, 1] high[0, 0, 1, 2]
// CHECK: tensor.yield %[[V]] : i8
// CHECK: } : tensor<1x2x3x3xi8> to tensor<1x2x4x6xi8>
func.func @pad(%x: tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>>) -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>> {
  %0 = qnn.pad %x {low = array<i64: 0, 0, 0, 1>, high = array<i64: 0, 0, 1, 2>, value = 200 : i64} : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>
  return %0 : tensor<1x2x4x6x!qnn.q<ui8, scale = 0.5, zp = 128>>
}
