// qnn.lookup_table: the table becomes an i8 constant (the output's stored
// bytes) read at (input code - smallest input code) in an elementwise
// generic.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// A signed 2-bit input: codes -2..1 index entries 0..3.
// CHECK-LABEL: func.func @lut_signed(
// CHECK: %[[T:.*]] = arith.constant dense<[0, 1, -1, 127]> : tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: qcc.kernel = "lookup_table"
// CHECK: ^bb0(%[[X:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[C:.*]] = arith.extsi %[[X]] : i8 to i32
// CHECK:   %[[I:.*]] = arith.subi %[[C]], %c-2_i32 : i32
// CHECK:   %[[IX:.*]] = arith.index_cast %[[I]] : i32 to index
// CHECK:   tensor.extract %[[T]][%[[IX]]] : tensor<4xi8>
func.func @lut_signed(%x: tensor<1x8x!qnn.q<i2, scale = 0.5, zp = 0>>) -> tensor<1x8x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %0 = qnn.lookup_table %x {table = array<i64: 0, 1, -1, 127>} : tensor<1x8x!qnn.q<i2, scale = 0.5, zp = 0>> -> tensor<1x8x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<1x8x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// An unsigned input indexes from 0; uint8 entries are stored as i8 bytes.
// CHECK-LABEL: func.func @lut_unsigned(
// CHECK: arith.constant dense<[0, -1, 1, -128]> : tensor<4xi8>
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK-NOT: arith.subi
// CHECK: tensor.extract
func.func @lut_unsigned(%x: tensor<3x!qnn.q<ui2, scale = 0.5, zp = 0>>) -> tensor<3x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %0 = qnn.lookup_table %x {table = array<i64: 0, 255, 1, 128>} : tensor<3x!qnn.q<ui2, scale = 0.5, zp = 0>> -> tensor<3x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %0 : tensor<3x!qnn.q<ui8, scale = 1.0, zp = 0>>
}
