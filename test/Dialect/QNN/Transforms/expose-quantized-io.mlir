// RUN: qcc-opt %s --qnn-expose-quantized-io --split-input-file --verify-diagnostics | FileCheck %s

// A float input every reader quantizes to one type becomes that type's
// storage integers; a dequantized output becomes the integers it
// dequantizes. Each edge records scale, zero point, width and range.
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[A:.*]]: tensor<1x4xui8> {qcc.bits = 8 : i64, qcc.name = "x", qcc.qmax = 255 : i64, qcc.qmin = 0 : i64, qcc.scale = 5.000000e-01 : f64, qcc.zero_point = 3 : i64})
// CHECK-SAME: -> (tensor<1x4xsi8> {qcc.bits = 4 : i64, qcc.name = "y", qcc.qmax = 7 : i64, qcc.qmin = -8 : i64, qcc.scale = 2.500000e-01 : f64, qcc.zero_point = -1 : i64})
// CHECK-NEXT: %[[Q:.*]] = qnn.storage_cast %[[A]] : tensor<1x4xui8> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 3>>
// CHECK-NOT: qnn.quantize
// CHECK: %[[R:.*]] = qnn.requantize %[[Q]]
// CHECK-NOT: qnn.dequantize
// CHECK: %[[OUT:.*]] = qnn.storage_cast %[[R]] : tensor<1x4x!qnn.q<i4, scale = 0.25, zp = -1>> -> tensor<1x4xsi8>
// CHECK-NEXT: return %[[OUT]]
func.func @forward(%x: tensor<1x4xf32> {qcc.name = "x"}) -> (tensor<1x4xf32> {qcc.name = "y"}) {
  %q = qnn.quantize %x : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 3>>
  %r = qnn.requantize %q : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 3>> -> tensor<1x4x!qnn.q<i4, scale = 0.25, zp = -1>>
  %y = qnn.dequantize %r : tensor<1x4x!qnn.q<i4, scale = 0.25, zp = -1>> -> tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// Two readers quantizing alike share one cast; integer edges stay as they
// are (no quantization attributes).
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[A:.*]]: tensor<4xsi8> {qcc.bits = 8 : i64, qcc.name = "x", qcc.qmax = 127 : i64, qcc.qmin = -128 : i64, qcc.scale = 1.000000e+00 : f64, qcc.zero_point = 0 : i64}, %{{.*}}: tensor<4xsi8> {qcc.name = "i"})
// CHECK-SAME: -> (tensor<4xsi8> {qcc.bits = 8 : i64, {{.*}}}, tensor<4xsi8>)
// CHECK-COUNT-1: qnn.storage_cast %[[A]]
func.func @forward(%x: tensor<4xf32> {qcc.name = "x"}, %i: tensor<4xsi8> {qcc.name = "i"}) -> (tensor<4xf32>, tensor<4xsi8>) {
  %a = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  %b = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  %s = qnn.add %a, %b : (tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 2.0, zp = 0>>
  %y = qnn.dequantize %s : tensor<4x!qnn.q<i8, scale = 2.0, zp = 0>> -> tensor<4xf32>
  return %y, %i : tensor<4xf32>, tensor<4xsi8>
}

// -----

func.func @forward(%x: tensor<4xf32> {qcc.name = "x"}) -> tensor<4xf32> {
  // expected-error @+1 {{--io=quantized: graph input 'x' is read as float here}}
  %n = qnn.float_unary relu %x : tensor<4xf32>
  %q = qnn.quantize %n : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  %y = qnn.dequantize %q : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @forward(%x: tensor<4xf32> {qcc.name = "x"}) -> (tensor<4xf32>, tensor<4xf32>) {
  %a = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  // expected-error @+1 {{--io=quantized: graph input 'x' is quantized with different parameters by two nodes}}
  %b = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 2.0, zp = 0>>
  %y = qnn.dequantize %a : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xf32>
  %z = qnn.dequantize %b : tensor<4x!qnn.q<i8, scale = 2.0, zp = 0>> -> tensor<4xf32>
  return %y, %z : tensor<4xf32>, tensor<4xf32>
}

// -----

func.func @forward(%x: tensor<2x4xf32> {qcc.name = "x"}) -> tensor<2x4xf32> {
  // expected-error @+1 {{--io=quantized: graph input 'x' is quantized per channel}}
  %a = qnn.quantize %x : tensor<2x4xf32> -> tensor<2x4x!qnn.q<i8, axis = 0, scale = [1.0, 2.0], zp = [0, 0]>>
  %y = qnn.dequantize %a : tensor<2x4x!qnn.q<i8, axis = 0, scale = [1.0, 2.0], zp = [0, 0]>> -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

func.func @forward(%x: tensor<4xsi8>) -> (tensor<4xf32> {qcc.name = "p"}) {
  %a = qnn.storage_cast %x : tensor<4xsi8> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  %d = qnn.dequantize %a : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xf32>
  // expected-error @+1 {{--io=quantized: graph output 'p' is computed in float, not dequantized from a quantized tensor}}
  %s = qnn.softmax %d {axis = 0 : i64} : tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

// float16 edges: the input's widening qnn.float_cast and the output's
// narrowing one go with the quantize and the dequantize.
// CHECK-LABEL: func.func @forward
// CHECK-SAME: (%[[A:.*]]: tensor<1x4xui8> {qcc.bits = 8 : i64, qcc.name = "x16"
// CHECK-SAME: -> (tensor<1x4xsi8> {qcc.bits = 8 : i64, qcc.name = "y16"
// CHECK-NOT: qnn.float_cast
// CHECK: return
func.func @forward(%x: tensor<1x4xf16> {qcc.name = "x16"}) -> (tensor<1x4xf16> {qcc.name = "y16"}) {
  %w = qnn.float_cast %x : tensor<1x4xf16> -> tensor<1x4xf32>
  %q = qnn.quantize %w : tensor<1x4xf32> -> tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 3>>
  %r = qnn.requantize %q : tensor<1x4x!qnn.q<ui8, scale = 0.5, zp = 3>> -> tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -1>>
  %y = qnn.dequantize %r : tensor<1x4x!qnn.q<i8, scale = 0.25, zp = -1>> -> tensor<1x4xf32>
  %n = qnn.float_cast %y : tensor<1x4xf32> -> tensor<1x4xf16>
  return %n : tensor<1x4xf16>
}

// -----

// A float16 input read as float16 (here: returned) cannot be exposed.
func.func @forward(%x: tensor<1x4xf16> {qcc.name = "x16"}) -> tensor<1x4xf16> {
  // expected-error @+1 {{--io=quantized: graph input 'x16' is read as float16 here}}
  return %x : tensor<1x4xf16>
}
