// Invalid IR that the verifiers currently accept. The expected messages are
// loose regexes: any wording naming the problem is fine.
// RUN: qcc-opt %s -split-input-file -verify-diagnostics

// max_pool2d must keep the input quantization, including the axis of a
// per-channel type (the 4 scales of channel dim 1 must not move to dim 3,
// which happens to have 4 elements too).
func.func @max_pool_moves_axis(%x: tensor<1x4x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>) {
  // expected-error-re @+1 {{'qnn.max_pool2d' op {{.*}}quantization{{.*}}}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 1>, strides = array<i64: 2, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x4x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>
      -> tensor<1x4x4x4x!qnn.q<i8, axis = 3, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>
  return
}

// -----

// Stored values of a quantized constant must lie in the range of their
// width: i4 holds [-8, 7], not 100 / -100.
func.func @constant_value_out_of_width() -> tensor<2x!qnn.q<i4, scale = 1.0, zp = 0>> {
  // expected-error-re @+1 {{'qnn.constant' op {{.*(range|outside|fit).*}}}}
  %0 = qnn.constant dense<[100, -100]> : tensor<2xi8> : tensor<2x!qnn.q<i4, scale = 1.0, zp = 0>>
  return %0 : tensor<2x!qnn.q<i4, scale = 1.0, zp = 0>>
}

// -----

// A dynamic channel dim must be reported as such, not as
// "expected -9223372036854775808 (input channels -9223372036854775808 / groups 1)".
func.func @conv_dynamic_channels(%x: tensor<1x?x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error-re @+1 {{'qnn.conv2d' op {{.*(static|dynamic).*}}}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x?x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}
