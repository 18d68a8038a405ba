// The qnn.constant verifier accepts any 8-bit integer storage for a
// quantized constant (ui8 / si8 / i8, "stored values of a quantized constant
// must be 8-bit integers"), so the lowering must accept them too: the stored
// bytes become the signless i8 storage tensor (0, 255, 128 -> 0, -1, -128).
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @unsigned_storage() -> (tensor<3xi8>, tensor<2xi8>)
// CHECK-DAG: arith.constant dense<[0, -1, -128]> : tensor<3xi8>
// CHECK-DAG: arith.constant dense<[-1, 5]> : tensor<2xi8>
func.func @unsigned_storage() -> (tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>, tensor<2x!qnn.q<i8, scale = 0.25, zp = 0>>) {
  %0 = qnn.constant dense<[0, 255, 128]> : tensor<3xui8> : tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>
  %1 = qnn.constant dense<[-1, 5]> : tensor<2xsi8> : tensor<2x!qnn.q<i8, scale = 0.25, zp = 0>>
  return %0, %1 : tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>, tensor<2x!qnn.q<i8, scale = 0.25, zp = 0>>
}
