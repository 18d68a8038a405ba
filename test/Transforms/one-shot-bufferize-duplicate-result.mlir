// The same tensor returned twice (e.g. an ONNX graph listing one value as two
// outputs) must fill both out-params.
// RUN: qcc-opt %s --qcc-one-shot-bufferize | FileCheck %s

// CHECK-LABEL: func.func @same_result_twice(
// CHECK-SAME: %[[O0:[^:]*]]: memref<4xi8>, %[[O1:[^:]*]]: memref<4xi8>) {
// CHECK-NOT: memref.copy
// CHECK-DAG: outs(%[[O0]] : memref<4xi8>)
// CHECK-DAG: outs(%[[O1]] : memref<4xi8>)
// CHECK: return
func.func @same_result_twice() -> (tensor<4xi8>, tensor<4xi8>) {
  %c = arith.constant 7 : i8
  %e = tensor.empty() : tensor<4xi8>
  %0 = linalg.fill ins(%c : i8) outs(%e : tensor<4xi8>) -> tensor<4xi8>
  return %0, %0 : tensor<4xi8>, tensor<4xi8>
}
