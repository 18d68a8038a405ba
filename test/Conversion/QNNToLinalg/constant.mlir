// qnn.constant -> arith.constant of the stored integers (the quantization
// only lives in the type, which becomes the i8 storage type).
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @constants() -> (tensor<4xi8>, tensor<2xi32>, tensor<2x2xi8>, tensor<2x3xi8>)
// CHECK-DAG: %[[Q:.*]] = arith.constant dense<[1, -2, 3, 127]> : tensor<4xi8>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[100, -7]> : tensor<2xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense_resource<w> : tensor<2x2xi8>
// CHECK-DAG: %[[P:.*]] = arith.constant dense<{{\[\[}}1, 2, 3], [-4, -5, -6]]> : tensor<2x3xi8>
// CHECK-NOT: qnn.
// CHECK: return %[[Q]], %[[B]], %[[R]], %[[P]]
func.func @constants() -> (tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2xi32>,
                           tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>,
                           tensor<2x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 1]>>) {
  %0 = qnn.constant dense<[1, -2, 3, 127]> : tensor<4xi8> : tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>
  %1 = qnn.constant dense<[100, -7]> : tensor<2xi32> : tensor<2xi32>
  %2 = qnn.constant dense_resource<w> : tensor<2x2xi8> : tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>
  %3 = qnn.constant dense<[[1, 2, 3], [-4, -5, -6]]> : tensor<2x3xi8> : tensor<2x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 1]>>
  return %0, %1, %2, %3 : tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2xi32>,
                          tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>,
                          tensor<2x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 1]>>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x0100000001FF0203"
    }
  }
#-}
