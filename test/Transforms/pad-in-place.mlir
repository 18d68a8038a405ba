// RUN: qcc-opt %s --qcc-pad-in-place --split-input-file | FileCheck %s
// RUN: qcc-opt %s --qcc-pad-in-place --eliminate-empty-tensors --split-input-file | FileCheck %s --check-prefix=ELIM

// The padded source is written by a generic into a tensor.empty: the pad
// becomes a fill of the padded shape (made right before the producer) and
// an insert_slice of the source at the low padding; eliminate-empty-tensors
// then makes the generic write into the interior of the filled tensor.
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @producer(
// CHECK: %[[PV:.*]] = arith.constant 7 : i8
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x5x6xi8>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[PV]] : i8) outs(%[[E]] : tensor<1x2x5x6xi8>)
// CHECK: %[[SRC:.*]] = linalg.generic
// CHECK-NOT: tensor.pad
// CHECK: tensor.insert_slice %[[SRC]] into %[[F]][0, 0, 1, 2] [1, 2, 3, 3] [1, 1, 1, 1]
// ELIM-LABEL: func.func @producer(
// ELIM: %[[F:.*]] = linalg.fill
// ELIM: %[[INTERIOR:.*]] = tensor.extract_slice %[[F]][0, 0, 1, 2] [1, 2, 3, 3] [1, 1, 1, 1]
// ELIM: %[[SRC:.*]] = linalg.generic {{.*}} outs(%[[INTERIOR]] : tensor<1x2x3x3xi8>)
// ELIM: tensor.insert_slice %[[SRC]] into %[[F]][0, 0, 1, 2]
func.func @producer(%x: tensor<1x2x3x3xi8>) -> tensor<1x2x5x6xi8> {
  %e = tensor.empty() : tensor<1x2x3x3xi8>
  %s = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x2x3x3xi8>) outs(%e : tensor<1x2x3x3xi8>) {
  ^bb0(%in: i8, %out: i8):
    %one = arith.constant 1 : i8
    %r = arith.addi %in, %one : i8
    linalg.yield %r : i8
  } -> tensor<1x2x3x3xi8>
  %c7 = arith.constant 7 : i8
  %p = tensor.pad %s low[0, 0, 1, 2] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c7 : i8
  } : tensor<1x2x3x3xi8> to tensor<1x2x5x6xi8>
  return %p : tensor<1x2x5x6xi8>
}

// -----

// A graph input has no producer to write into the padded tensor: the pad
// stays (bufferization copies the input).
// CHECK-LABEL: func.func @input(
// CHECK: tensor.pad
// CHECK-NOT: linalg.fill
func.func @input(%x: tensor<1x1x2x2xi8>) -> tensor<1x1x4x4xi8> {
  %c0 = arith.constant 0 : i8
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x1x2x2xi8> to tensor<1x1x4x4xi8>
  return %p : tensor<1x1x4x4xi8>
}
