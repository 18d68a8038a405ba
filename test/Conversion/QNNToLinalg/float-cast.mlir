// qnn.float_cast -> an elementwise generic (qcc.kernel = "float_cast") of
// integer and binary32 operations: no half-precision instruction or
// library call, the same bits on every target. test/e2e/f16_edges.test
// checks every binary16 value and the rounding ties against ONNX Runtime.
// RUN: qcc-opt %s --convert-qnn-to-linalg | FileCheck %s

// Widening: sign << 16; exponent 0 (zero, subnormal): mant * 2^-24
// (5.96046448E-8) in binary32, exact; exponent 31: 0x7f800000 (2139095040)
// | mant << 13; else (exp + 112) << 23 | mant << 13.
// CHECK-LABEL: func.func @widen(
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}} : tensor<4xf16>) outs(%{{.*}} : tensor<4xf32>)
// CHECK-SAME: qcc.kernel = "float_cast"
// CHECK: arith.bitcast %{{.*}} : f16 to i16
// CHECK: arith.constant 112 : i32
// CHECK: arith.constant 2139095040 : i32
// CHECK: %[[SUB:.*]] = arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: arith.select
// CHECK: arith.select
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK-NOT: arith.extf
func.func @widen(%h: tensor<4xf16>) -> tensor<4xf32> {
  %0 = qnn.float_cast %h : tensor<4xf16> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Narrowing, |x| bits a: normal results (a >> 13) after adding
// 0xfff - (112 << 23) = -939520001 and the kept lowest bit (ties to even);
// a < 0x38800000 (2^-14, 947912704): bits(|x| + 0.5) - bits(0.5)
// (1056964608); a >= 0x477ff000 (65520, 1199566848): infinity 0x7c00
// (31744); NaN: 0x7e00 (32256).
// CHECK-LABEL: func.func @narrow(
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f16):
// CHECK: arith.constant -939520001 : i32
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.addf
// CHECK: arith.constant 1056964608 : i32
// CHECK: arith.constant 947912704 : i32
// CHECK: arith.cmpi ult
// CHECK: arith.constant 1199566848 : i32
// CHECK: arith.constant 31744 : i32
// CHECK: arith.constant 2139095040 : i32
// CHECK: arith.cmpi ugt
// CHECK: arith.constant 32256 : i32
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: arith.bitcast %{{.*}} : i16 to f16
// CHECK-NOT: arith.truncf
func.func @narrow(%x: tensor<4xf32>) -> tensor<4xf16> {
  %0 = qnn.float_cast %x : tensor<4xf32> -> tensor<4xf16>
  return %0 : tensor<4xf16>
}
