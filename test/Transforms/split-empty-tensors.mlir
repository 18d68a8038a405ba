// RUN: qcc-opt %s --qcc-split-empty-tensors | FileCheck %s

// One tensor.empty (as CSE leaves it) is the destination of two fills: the
// second fill gets a tensor.empty of its own, made right before it, so
// bufferization gives the two results two buffers.
// CHECK-LABEL: func.func @shared(
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<4xi32>
// CHECK: linalg.fill ins(%{{.*}} : i32) outs(%[[E0]] : tensor<4xi32>)
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<4xi32>
// CHECK: linalg.fill ins(%{{.*}} : i32) outs(%[[E1]] : tensor<4xi32>)
func.func @shared(%a: i32, %b: i32) -> (tensor<4xi32>, tensor<4xi32>) {
  %e = tensor.empty() : tensor<4xi32>
  %0 = linalg.fill ins(%a : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  %1 = linalg.fill ins(%b : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<4xi32>, tensor<4xi32>
}
