// qnn.storage_cast disappears (the stored integers do not change) and
// function signatures with si8 / ui8 / !qnn.q tensors become i8.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @casts(
// CHECK-SAME: %[[U:.*]]: tensor<4xi8>, %[[S:.*]]: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xf32>)
// CHECK-NOT: qnn.
// CHECK-NOT: unrealized_conversion_cast
// CHECK: %[[D:.*]] = linalg.generic
// CHECK-SAME: ins(%[[U]] : tensor<4xi8>)
// CHECK-SAME: qcc.kernel = "dequantize"
// CHECK: return %[[S]], %[[U]], %[[D]] : tensor<4xi8>, tensor<4xi8>, tensor<4xf32>
func.func @casts(%u: tensor<4xui8>, %s: tensor<4xsi8>) -> (tensor<4xsi8>, tensor<4xui8>, tensor<4xf32>) {
  %a = qnn.storage_cast %u : tensor<4xui8> -> tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %b = qnn.storage_cast %s : tensor<4xsi8> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  // quantized -> quantized (same signedness): a reinterpretation with another scale
  %c = qnn.storage_cast %b : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<i8, scale = 0.125, zp = 3>>
  %r = qnn.storage_cast %c : tensor<4x!qnn.q<i8, scale = 0.125, zp = 3>> -> tensor<4xsi8>
  %r2 = qnn.storage_cast %a : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4xui8>
  %d = qnn.dequantize %a : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4xf32>
  return %r, %r2, %d : tensor<4xsi8>, tensor<4xui8>, tensor<4xf32>
}

// A quantized function argument / result is its storage tensor.
// CHECK-LABEL: func.func @quantized_signature(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xi8>) -> tensor<2x3xi8>
// CHECK-NEXT: return %[[X]] : tensor<2x3xi8>
func.func @quantized_signature(%x: tensor<2x3x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25, 1.0], zp = [1, 2, 3]>>)
    -> tensor<2x3x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25, 1.0], zp = [1, 2, 3]>> {
  return %x : tensor<2x3x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25, 1.0], zp = [1, 2, 3]>>
}

// 16-bit: ui16 / si16 signatures become i16; a uint16 value is zero-extended
// when dequantized (65535 - 40000, not -1 - 40000).
// CHECK-LABEL: func.func @casts16(
// CHECK-SAME: %[[U:.*]]: tensor<4xi16>) -> (tensor<4xi16>, tensor<4xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[U]] : tensor<4xi16>)
// CHECK: ^bb0(%[[IN:.*]]: i16, %{{.*}}: f32):
// CHECK: arith.extui %[[IN]] : i16 to i32
// CHECK: return %[[U]], %{{.*}} : tensor<4xi16>, tensor<4xf32>
func.func @casts16(%u: tensor<4xui16>) -> (tensor<4xui16>, tensor<4xf32>) {
  %a = qnn.storage_cast %u : tensor<4xui16> -> tensor<4x!qnn.q<ui16, scale = 0.5, zp = 40000>>
  %r = qnn.storage_cast %a : tensor<4x!qnn.q<ui16, scale = 0.5, zp = 40000>> -> tensor<4xui16>
  %d = qnn.dequantize %a : tensor<4x!qnn.q<ui16, scale = 0.5, zp = 40000>> -> tensor<4xf32>
  return %r, %d : tensor<4xui16>, tensor<4xf32>
}
