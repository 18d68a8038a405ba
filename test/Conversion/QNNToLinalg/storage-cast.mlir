// qnn.storage_cast disappears (the stored integers do not change) and
// function signatures with si8 / ui8 / !qnn.q tensors become i8.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// The maps of the int4 edges (@packed below): byte i/2 of value i; values
// 2j and 2j+1 of byte j.
// CHECK-DAG: #[[HALF:.*]] = affine_map<(d0) -> (d0 floordiv 2)>
// CHECK-DAG: #[[EVEN:.*]] = affine_map<(d0) -> (d0 * 2)>
// CHECK-DAG: #[[ODDM:.*]] = affine_map<(d0) -> (d0 * 2 + 1)>
// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>

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

// int4 / uint4 graph edges, packed as ONNX stores them (two values a byte,
// row-major, the first in the low nibble): an si4 argument of 5 values is 3
// bytes, unpacked (a signed nibble moved to the top of the byte, shifted
// back arithmetically); a ui4 result is packed from the values padded with
// one 0 to an even count. A value of an even count passed straight through
// stays packed (see @packed_odd_passthrough for an odd one).
// CHECK-LABEL: func.func @packed(
// CHECK-SAME: %[[X:.*]]: tensor<3xi8>, %[[U:.*]]: tensor<2xi8>) -> (tensor<3xi8>, tensor<2xi8>)
// CHECK-NOT: qnn.
// CHECK: %[[UNP:.*]] = linalg.generic {indexing_maps = [#[[HALF]], #[[ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<3xi8>) outs(%{{.*}} : tensor<5xi8>) attrs = {qcc.kernel = "unpack_int4"}
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[ODD:.*]] = arith.remui %[[I]], %c2
// CHECK: %[[SH:.*]] = arith.muli
// CHECK: %[[UP:.*]] = arith.subi %c4_i8, %[[SH]]
// CHECK: %[[TOP:.*]] = arith.shli %{{.*}}, %[[UP]] : i8
// CHECK: %[[V:.*]] = arith.shrsi %[[TOP]], %c4_i8 : i8
// CHECK: linalg.yield %[[V]]
// CHECK: tensor.expand_shape %[[UNP]] {{\[}}[0, 1]] output_shape [1, 5] : tensor<5xi8> into tensor<1x5xi8>
// CHECK: %[[R:.*]] = linalg.generic {{.*}}qcc.kernel = "requantize"
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[R]] {{\[}}[0, 1]] : tensor<1x5xi8> into tensor<5xi8>
// CHECK: %[[PAD:.*]] = tensor.pad %[[FLAT]] low[0] high[1]
// CHECK: tensor.yield %c0_i8
// CHECK: } : tensor<5xi8> to tensor<6xi8>
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[EVEN]], #[[ODDM]], #[[ID1]]], iterator_types = ["parallel"]}
// CHECK-SAME: ins(%[[PAD]], %[[PAD]] : tensor<6xi8>, tensor<6xi8>) outs(%{{.*}} : tensor<3xi8>) attrs = {qcc.kernel = "pack_int4"}
// CHECK: ^bb0(%[[LO:.*]]: i8, %[[HI:.*]]: i8, %{{.*}}: i8):
// CHECK: %[[L:.*]] = arith.andi %[[LO]], %c15_i8
// CHECK: %[[H:.*]] = arith.shli %[[HI]], %c4_i8
// CHECK: %[[B:.*]] = arith.ori %[[L]], %[[H]]
// CHECK: linalg.yield %[[B]]
// CHECK: return %[[P]], %[[U]] : tensor<3xi8>, tensor<2xi8>
func.func @packed(%x: tensor<1x5xsi4>, %u: tensor<2x2xui4>) -> (tensor<1x5xui4>, tensor<2x2xui4>) {
  %a = qnn.storage_cast %x : tensor<1x5xsi4> -> tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>
  %b = qnn.storage_cast %u : tensor<2x2xui4> -> tensor<2x2x!qnn.q<ui4, scale = 1.0, zp = 0>>
  %r = qnn.requantize %a : tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>> -> tensor<1x5x!qnn.q<ui4, scale = 1.0, zp = 8>>
  %o = qnn.storage_cast %r : tensor<1x5x!qnn.q<ui4, scale = 1.0, zp = 8>> -> tensor<1x5xui4>
  %p = qnn.storage_cast %b : tensor<2x2x!qnn.q<ui4, scale = 1.0, zp = 0>> -> tensor<2x2xui4>
  return %o, %p : tensor<1x5xui4>, tensor<2x2xui4>
}

// An unsigned nibble: shifted down by 0 or 4, masked with 15.
// CHECK-LABEL: func.func @packed_unsigned_scalar(
// CHECK-SAME: %[[X:.*]]: tensor<1xi8>) -> tensor<f32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<1xi8>) outs(%{{.*}} : tensor<1xi8>) attrs = {qcc.kernel = "unpack_int4"}
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[R:.*]] = arith.remui %[[I]], %c2
// CHECK: %[[ODD:.*]] = arith.index_cast %[[R]] : index to i8
// CHECK: %[[SH:.*]] = arith.muli %[[ODD]], %c4_i8
// CHECK: %[[D:.*]] = arith.shrui %{{.*}}, %[[SH]] : i8
// CHECK: arith.andi %[[D]], %c15_i8
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1xi8> into tensor<i8>
func.func @packed_unsigned_scalar(%x: tensor<ui4>) -> tensor<f32> {
  %a = qnn.storage_cast %x : tensor<ui4> -> tensor<!qnn.q<ui4, scale = 0.5, zp = 3>>
  %d = qnn.dequantize %a : tensor<!qnn.q<ui4, scale = 0.5, zp = 3>> -> tensor<f32>
  return %d : tensor<f32>
}

// An int4 input of an odd count that is also a graph output is unpacked and
// packed again, not passed through: the padding nibble the caller left in
// its last byte must not reach the output (1-D: no reshapes).
// CHECK-LABEL: func.func @packed_odd_passthrough(
// CHECK-SAME: %[[X:.*]]: tensor<2xi8>) -> tensor<2xi8>
// CHECK: %[[U:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<2xi8>) outs(%{{.*}} : tensor<3xi8>) attrs = {qcc.kernel = "unpack_int4"}
// CHECK: %[[PAD:.*]] = tensor.pad %[[U]] low[0] high[1]
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%[[PAD]], %[[PAD]] : tensor<4xi8>, tensor<4xi8>) outs(%{{.*}} : tensor<2xi8>) attrs = {qcc.kernel = "pack_int4"}
// CHECK: return %[[P]] : tensor<2xi8>
func.func @packed_odd_passthrough(%x: tensor<3xsi4>) -> tensor<3xsi4> {
  %a = qnn.storage_cast %x : tensor<3xsi4> -> tensor<3x!qnn.q<i4, scale = 1.0, zp = 0>>
  %b = qnn.storage_cast %a : tensor<3x!qnn.q<i4, scale = 1.0, zp = 0>> -> tensor<3xsi4>
  return %b : tensor<3xsi4>
}
