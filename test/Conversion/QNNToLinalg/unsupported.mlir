// Valid qnn that this lowering rejects, with a diagnostic naming the reason.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file -verify-diagnostics

func.func @conv_per_channel_weight_zp(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>,
                                      %w: tensor<2x2x1x1x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 1]>>) -> tensor<1x2x4x4xi32> {
  // expected-error @+2 {{'qnn.conv2d' op weight: per-channel zero-points are not supported by this lowering}}
  // expected-error @+1 {{failed to legalize operation 'qnn.conv2d'}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2x2x1x1x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 1]>>) -> tensor<1x2x4x4xi32>
  return %0 : tensor<1x2x4x4xi32>
}

// -----

func.func @matmul_per_column_rhs_zp(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>,
                                    %b: tensor<2x2x!qnn.q<ui8, axis = 1, scale = [0.5, 0.25], zp = [7, 8]>>) -> tensor<1x2xi32> {
  // expected-error @+2 {{'qnn.matmul' op rhs: per-channel zero-points are not supported by this lowering}}
  // expected-error @+1 {{failed to legalize operation 'qnn.matmul'}}
  %0 = qnn.matmul %a, %b : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2x2x!qnn.q<ui8, axis = 1, scale = [0.5, 0.25], zp = [7, 8]>>) -> tensor<1x2xi32>
  return %0 : tensor<1x2xi32>
}

// -----

// A ratio >= 2^30 leaves no room for a shift >= 1: 2^31 / 1 here.
func.func @requantize_ratio_too_large(%x: tensor<4x!qnn.q<i8, scale = 2147483648.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  // expected-error @+2 {{'qnn.requantize' op requantization ratio 2.14748365e+09 is too large (fixed-point multipliers need a ratio < 2^30)}}
  // expected-error @+1 {{failed to legalize operation 'qnn.requantize'}}
  %0 = qnn.requantize %x : tensor<4x!qnn.q<i8, scale = 2147483648.0, zp = 0>> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// -----

func.func @add_ratio_too_large(%a: tensor<4x!qnn.q<i8, scale = 2147483648.0, zp = 0>>, %b: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> {
  // expected-error @+2 {{'qnn.add' op input/output scale ratio is too large}}
  // expected-error @+1 {{failed to legalize operation 'qnn.add'}}
  %0 = qnn.add %a, %b : (tensor<4x!qnn.q<i8, scale = 2147483648.0, zp = 0>>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// -----

func.func @requantize_between_axes(%x: tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>>) -> tensor<2x2x!qnn.q<i8, axis = 1, scale = [0.5, 0.25], zp = [0, 0]>> {
  // expected-error @+2 {{'qnn.requantize' op cannot requantize between different axes}}
  // expected-error @+1 {{failed to legalize operation 'qnn.requantize'}}
  %0 = qnn.requantize %x : tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>> -> tensor<2x2x!qnn.q<i8, axis = 1, scale = [0.5, 0.25], zp = [0, 0]>>
  return %0 : tensor<2x2x!qnn.q<i8, axis = 1, scale = [0.5, 0.25], zp = [0, 0]>>
}
