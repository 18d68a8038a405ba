// word-bits=32 (Cortex-M): the bias_shift requantization of
// conv2d-bias-shift.mlir (shift 36) rounds in 32-bit arithmetic after the
// 64-bit product p = ((acc << 3) + bias) * 2^30: hi = p >> 32, lo = p,
// t = 36 - 32 = 4, floor = hi >> t, the remainder as 2 (hi mod 2^t) +
// (lo != 0) against 2^t, round half to even, zero point and clamp in i32.
// The same value as the i64 form: the Cortex-M e2e builds are compared bit
// for bit with the x86-64 one (word-bits=64).
// RUN: qcc-opt %s --convert-qnn-to-linalg="word-bits=32" | FileCheck %s
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s --check-prefix=WIDE
// RUN: not qcc-opt %s --convert-qnn-to-linalg="word-bits=16" 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-LABEL: func.func @bias_shift(
// CHECK: qcc.kernel = "requantize"
// CHECK:   %[[X:.*]] = arith.addi %{{.*}}, %{{.*}} : i64
// CHECK:   %[[P:.*]] = arith.muli %[[X]], %c1073741824_i64 : i64
// CHECK:   %[[HI64:.*]] = arith.shrsi %[[P]], %c32_i64 : i64
// CHECK:   %[[HI:.*]] = arith.trunci %[[HI64]] : i64 to i32
// CHECK:   %[[LO:.*]] = arith.trunci %[[P]] : i64 to i32
// CHECK:   %[[S:.*]] = arith.trunci %c36_i64 : i64 to i32
// CHECK:   %[[T:.*]] = arith.subi %[[S]], %c32_i32 : i32
// CHECK:   %[[HALF:.*]] = arith.shli %c1_i32, %[[T]] : i32
// CHECK:   %[[FLOOR:.*]] = arith.shrsi %[[HI]], %[[T]] : i32
// CHECK:   %[[MASK:.*]] = arith.subi %[[HALF]], %c1_i32 : i32
// CHECK:   %[[REMHI:.*]] = arith.andi %[[HI]], %[[MASK]] : i32
// CHECK:   %[[NZ:.*]] = arith.cmpi ne, %[[LO]], %{{.*}} : i32
// CHECK:   %[[STICKY:.*]] = arith.extui %[[NZ]] : i1 to i32
// CHECK:   %[[R2:.*]] = arith.shli %[[REMHI]], %c1_i32 : i32
// CHECK:   %[[REM:.*]] = arith.ori %[[R2]], %[[STICKY]] : i32
// CHECK:   arith.cmpi sgt, %[[REM]], %[[HALF]] : i32
// CHECK:   arith.cmpi eq, %[[REM]], %[[HALF]] : i32
// CHECK:   arith.maxsi %{{.*}} : i32
// CHECK:   arith.minsi %{{.*}} : i32
// CHECK:   arith.trunci %{{.*}} : i32 to i8

// WIDE-LABEL: func.func @bias_shift(
// WIDE-NOT: arith.shrsi %{{.*}}, %c32_i64
// WIDE: arith.maxsi %{{.*}} : i64

// BAD: word-bits must be 32 or 64
func.func @bias_shift(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[[[1]]], [[[-1]]]]> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i2, scale = 0.25, zp = 0>>
  %b = arith.constant dense<[5, -7]> : tensor<2xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, bias_shift = 3 : i64} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x1x1x1x!qnn.q<i2, scale = 0.25, zp = 0>>, tensor<2xi32>) -> tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x2x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}
