// qnn.reshape -> collapse to 1-D + expand (row-major), free on buffers.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @reshapes(
// CHECK-SAME: %[[A:.*]]: tensor<1x6x4xi8>, %[[D:.*]]: tensor<1x1xi8>, %[[E:.*]]: tensor<i8>, %[[F:.*]]: tensor<6xi8>, %[[G:.*]]: tensor<2x3x4xi8>)
// rank 3 -> rank 1: one collapse
// CHECK: %[[R1:.*]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1, 2]] : tensor<1x6x4xi8> into tensor<24xi8>
// rank 2 -> rank 0: collapse to 1-D, then to 0-D
// CHECK: %[[T:.*]] = tensor.collapse_shape %[[D]] {{\[}}[0, 1]] : tensor<1x1xi8> into tensor<1xi8>
// CHECK: %[[R2:.*]] = tensor.collapse_shape %[[T]] [] : tensor<1xi8> into tensor<i8>
// rank 0 -> rank 2
// CHECK: %[[U:.*]] = tensor.expand_shape %[[E]] [] output_shape [1] : tensor<i8> into tensor<1xi8>
// CHECK: %[[R3:.*]] = tensor.expand_shape %[[U]] {{\[}}[0, 1]] output_shape [1, 1] : tensor<1xi8> into tensor<1x1xi8>
// rank 1 -> rank 2: one expand
// CHECK: %[[R4:.*]] = tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [2, 3] : tensor<6xi8> into tensor<2x3xi8>
// rank 3 -> rank 2 through 1-D (not a single collapse)
// CHECK: %[[V:.*]] = tensor.collapse_shape %[[G]] {{\[}}[0, 1, 2]] : tensor<2x3x4xi8> into tensor<24xi8>
// CHECK: %[[R5:.*]] = tensor.expand_shape %[[V]] {{\[}}[0, 1]] output_shape [4, 6] : tensor<24xi8> into tensor<4x6xi8>
// CHECK: return %[[R1]], %[[R2]], %[[R3]], %[[R4]], %[[R5]]
func.func @reshapes(%a: tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                    %d: tensor<1x1x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                    %e: tensor<!qnn.q<i8, scale = 0.5, zp = 1>>,
                    %f: tensor<6x!qnn.q<i8, scale = 0.5, zp = 1>>,
                    %g: tensor<2x3x4x!qnn.q<i8, scale = 0.5, zp = 1>>)
    -> (tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>,
        tensor<1x1x!qnn.q<i8, scale = 0.5, zp = 1>>, tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>>,
        tensor<4x6x!qnn.q<i8, scale = 0.5, zp = 1>>) {
  %1 = qnn.reshape %a : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %2 = qnn.reshape %d : tensor<1x1x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>
  %3 = qnn.reshape %e : tensor<!qnn.q<i8, scale = 0.5, zp = 1>> -> tensor<1x1x!qnn.q<i8, scale = 0.5, zp = 1>>
  %4 = qnn.reshape %f : tensor<6x!qnn.q<i8, scale = 0.5, zp = 1>> -> tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>>
  %5 = qnn.reshape %g : tensor<2x3x4x!qnn.q<i8, scale = 0.5, zp = 1>> -> tensor<4x6x!qnn.q<i8, scale = 0.5, zp = 1>>
  return %1, %2, %3, %4, %5 : tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>,
                              tensor<1x1x!qnn.q<i8, scale = 0.5, zp = 1>>, tensor<2x3x!qnn.q<i8, scale = 0.5, zp = 1>>,
                              tensor<4x6x!qnn.q<i8, scale = 0.5, zp = 1>>
}
