// qcc-one-shot-bufferize: one-shot module bufferization with identity-layout
// function boundaries, read-only inputs, linalg.copy for copies, no
// deallocations, and memref results turned into trailing out-params (a
// returned static allocation becomes the out-param itself).
// RUN: qcc-opt %s --qcc-one-shot-bufferize --split-input-file | FileCheck %s

// Writing into an input would be in place for a writable argument; inputs
// are read-only, so the input is first copied (into the out-param, since the
// result is returned) and the slice written there.
// CHECK-LABEL: func.func @insert_into_input(
// CHECK-SAME: %[[X:[^:]*]]: memref<4xi8>, %[[S:[^:]*]]: memref<2xi8>, %[[OUT:[^:]*]]: memref<4xi8>) {
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[X]] : memref<4xi8>) outs(%[[OUT]] : memref<4xi8>)
// CHECK: %[[SV:.*]] = memref.subview %[[OUT]][1] [2] [1]
// CHECK: linalg.copy ins(%[[S]] : memref<2xi8>) outs(%[[SV]] : {{.*}})
// CHECK-NOT: outs(%[[X]]
// CHECK: return
// CHECK-NOT: memref.dealloc
func.func @insert_into_input(%x: tensor<4xi8>, %s: tensor<2xi8>) -> tensor<4xi8> {
  %0 = tensor.insert_slice %s into %x[1] [2] [1] : tensor<2xi8> into tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// linalg.fill into an input, and the input itself returned unchanged: the
// fill goes to the first out-param, the original input is copied into the
// second one; the input is never written.
// CHECK-LABEL: func.func @fill_input(
// CHECK-SAME: %[[X:[^:]*]]: memref<4xi8>, %[[O0:[^:]*]]: memref<4xi8>, %[[O1:[^:]*]]: memref<4xi8>) {
// CHECK-NOT: outs(%[[X]]
// CHECK-DAG: linalg.fill ins(%{{.*}} : i8) outs(%[[O0]] : memref<4xi8>)
// CHECK-DAG: linalg.copy ins(%[[X]] : memref<4xi8>) outs(%[[O1]] : memref<4xi8>)
// CHECK-NOT: memref.copy
// CHECK: return
func.func @fill_input(%x: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>) {
  %c = arith.constant 1 : i8
  %0 = linalg.fill ins(%c : i8) outs(%x : tensor<4xi8>) -> tensor<4xi8>
  return %0, %x : tensor<4xi8>, tensor<4xi8>
}

// -----

// Intermediate results stay memref.alloc (for the arena planner), without
// deallocation; a returned reshape of one is copied to the out-param.
// CHECK-LABEL: func.func @intermediate(
// CHECK-SAME: %[[X:[^:]*]]: memref<4xi8>, %[[OUT:[^:]*]]: memref<2x2xi8>) {
// CHECK: %[[A:.*]] = memref.alloc() {{.*}}: memref<4xi8>
// CHECK: linalg.generic {{.*}} ins(%[[X]] : memref<4xi8>) outs(%[[A]] : memref<4xi8>)
// CHECK: %[[E:.*]] = memref.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [2, 2] : memref<4xi8> into memref<2x2xi8>
// CHECK: linalg.copy ins(%[[E]] : memref<2x2xi8>) outs(%[[OUT]] : memref<2x2xi8>)
// CHECK-NOT: memref.dealloc
// CHECK-NOT: memref.copy
// CHECK: return
// CHECK-NEXT: }
func.func @intermediate(%x: tensor<4xi8>) -> tensor<2x2xi8> {
  %e = tensor.empty() : tensor<4xi8>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%x : tensor<4xi8>) outs(%e : tensor<4xi8>) {
  ^bb0(%a: i8, %b: i8):
    %s = arith.addi %a, %a : i8
    linalg.yield %s : i8
  } -> tensor<4xi8>
  %1 = tensor.expand_shape %0 [[0, 1]] output_shape [2, 2] : tensor<4xi8> into tensor<2x2xi8>
  return %1 : tensor<2x2xi8>
}

// -----

// Several results, different element types: one out-param each, in order,
// computed in place (no alloc, no copy).
// CHECK-LABEL: func.func @two_results(
// CHECK-SAME: %{{[^:]*}}: memref<4xi8>, %[[O0:[^:]*]]: memref<4xi8>, %[[O1:[^:]*]]: memref<4xi32>) {
// CHECK-NOT: memref.alloc
// CHECK: linalg.fill ins(%{{.*}} : i8) outs(%[[O0]] : memref<4xi8>)
// CHECK: linalg.fill ins(%{{.*}} : i32) outs(%[[O1]] : memref<4xi32>)
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @two_results(%x: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi32>) {
  %e = tensor.empty() : tensor<4xi8>
  %c = arith.constant 3 : i8
  %0 = linalg.fill ins(%c : i8) outs(%e : tensor<4xi8>) -> tensor<4xi8>
  %e2 = tensor.empty() : tensor<4xi32>
  %c2 = arith.constant 5 : i32
  %1 = linalg.fill ins(%c2 : i32) outs(%e2 : tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<4xi8>, tensor<4xi32>
}

// -----

// A returned constant is copied out of its global.
// CHECK: memref.global "private" constant @[[G:.*]] : memref<4xi8> = dense<[1, 2, 3, 4]>
// CHECK-LABEL: func.func @constant_result(
// CHECK-SAME: %[[OUT:[^:]*]]: memref<4xi8>) {
// CHECK: %[[C:.*]] = memref.get_global @[[G]] : memref<4xi8>
// CHECK: linalg.copy ins(%[[C]] : memref<4xi8>) outs(%[[OUT]] : memref<4xi8>)
func.func @constant_result() -> tensor<4xi8> {
  %0 = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// Argument attributes (the model I/O names) survive; results' attributes move
// to their out-params.
// CHECK-LABEL: func.func @io_names(
// CHECK-SAME: %{{[^:]*}}: memref<4xi8> {qcc.name = "input"}, %{{[^:]*}}: memref<4xi8> {qcc.name = "output"})
func.func @io_names(%x: tensor<4xi8> {qcc.name = "input"}) -> (tensor<4xi8> {qcc.name = "output"}) {
  %e = tensor.empty() : tensor<4xi8>
  %0 = linalg.copy ins(%x : tensor<4xi8>) outs(%e : tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// One zero fill (CSE merged the two) is the destination of two
// accumulations that update it in place: each gets a fill of its own, not a
// copy of one shared zero buffer, so no other op reads either buffer.
// CHECK-LABEL: func.func @shared_fill(
// CHECK-SAME: %[[A:[^:]*]]: memref<4xi32>, %[[B:[^:]*]]: memref<4xi32>, %[[OA:[^:]*]]: memref<4xi32>, %[[OB:[^:]*]]: memref<4xi32>) {
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.copy
// CHECK-DAG: linalg.fill ins(%{{.*}} : i32) outs(%[[OA]] : memref<4xi32>)
// CHECK-DAG: linalg.fill ins(%{{.*}} : i32) outs(%[[OB]] : memref<4xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[A]] : memref<4xi32>) outs(%[[OA]] : memref<4xi32>)
// CHECK: linalg.generic {{.*}} ins(%[[B]] : memref<4xi32>) outs(%[[OB]] : memref<4xi32>)
// CHECK-NOT: linalg.copy
// CHECK: return
#id = affine_map<(d0) -> (d0)>
func.func @shared_fill(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4xi32>
  %z = linalg.fill ins(%c0 : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%a : tensor<4xi32>) outs(%z : tensor<4xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%b : tensor<4xi32>) outs(%z : tensor<4xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// The same through a reshape (a group-major convolution's accumulator is an
// expand_shape of its zero fill): each writer gets its own fill, and
// neither starts from a copy of the other's (the results are then copied
// to the out-params, since a reshaped buffer cannot be one).
// CHECK-LABEL: func.func @shared_fill_reshaped(
// CHECK-NOT: linalg.copy
// CHECK-COUNT-2: linalg.fill
// CHECK-NOT: linalg.copy
// CHECK: linalg.generic
// CHECK-NOT: linalg.copy
// CHECK: linalg.generic
// CHECK: return
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @shared_fill_reshaped(%a: tensor<2x2xi32>, %b: tensor<2x2xi32>) -> (tensor<2x2xi32>, tensor<2x2xi32>) {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4xi32>
  %z = linalg.fill ins(%c0 : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  %z0 = tensor.expand_shape %z [[0, 1]] output_shape [2, 2] : tensor<4xi32> into tensor<2x2xi32>
  %z1 = tensor.expand_shape %z [[0, 1]] output_shape [2, 2] : tensor<4xi32> into tensor<2x2xi32>
  %0 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<2x2xi32>) outs(%z0 : tensor<2x2xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<2x2xi32>
  %1 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<2x2xi32>) outs(%z1 : tensor<2x2xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<2x2xi32>
  return %0, %1 : tensor<2x2xi32>, tensor<2x2xi32>
}
