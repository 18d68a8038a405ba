// Every verifier error of !qnn.q (QNNTypes.cpp), of the type parser, and of
// the qnn ops (QNNOps.cpp).
// RUN: qcc-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// !qnn.q parser
//===----------------------------------------------------------------------===//

// expected-error @+1 {{expected a width as iN (signed) or uiN (unsigned)}}
func.func private @si8_width(tensor<2x!qnn.q<si8, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{expected a width as iN (signed) or uiN (unsigned)}}
func.func private @float_width(tensor<2x!qnn.q<f32, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{all slices must have the same signedness}}
func.func private @mixed_signedness(tensor<4x!qnn.q<[i4 x 2, ui8 x 2], axis = 0, scale = 1.0, zp = 0>>)

// -----

//===----------------------------------------------------------------------===//
// !qnn.q verifier
//===----------------------------------------------------------------------===//

// expected-error @+1 {{bit-width 0 is outside 1..8 and not 16}}
func.func private @width0(tensor<2x!qnn.q<i0, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{bit-width 9 is outside 1..8 and not 16}}
func.func private @width9(tensor<2x!qnn.q<ui9, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{a 16-bit type has a single slice}}
func.func private @slice_width16(tensor<4x!qnn.q<[i8 x 2, i16 x 2], axis = 0, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{zero-point #0 (40000) is outside the range of i16 [-32768, 32767]}}
func.func private @zp_i16(tensor<2x!qnn.q<i16, scale = 1.0, zp = 40000>>)

// -----

// expected-error @+1 {{bit-width 9 is outside 1..8 and not 16}}
func.func private @slice_width9(tensor<4x!qnn.q<[i4 x 2, i9 x 2], axis = 0, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{sliced type needs a quantization axis}}
func.func private @slices_without_axis(tensor<16x!qnn.q<[i4 x 8, i8 x 8], scale = 1.0, zp = 0>>)

// -----

// A one-slice list is still a sliced type.
// expected-error @+1 {{sliced type needs a quantization axis}}
func.func private @one_slice_without_axis(tensor<8x!qnn.q<[i4 x 8], scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{slice size 0 must be positive}}
func.func private @slice_size0(tensor<8x!qnn.q<[i4 x 8, i8 x 0], axis = 0, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{slice size -2 must be positive}}
func.func private @slice_size_negative(tensor<8x!qnn.q<[i4 x -2, i8 x 10], axis = 0, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{axis -2 is invalid}}
func.func private @axis_negative(tensor<2x!qnn.q<i8, axis = -2, scale = 1.0, zp = 0>>)

// -----

// expected-error @+1 {{quantized type has 2 scales but 1 zero-points}}
func.func private @scale_zp_count(tensor<2x!qnn.q<i8, axis = 0, scale = [1.0, 2.0], zp = 0>>)

// -----

// expected-error @+1 {{quantized type has 1 scales but 3 zero-points}}
func.func private @scale_zp_count2(tensor<3x!qnn.q<i8, axis = 0, scale = 1.0, zp = [0, 0, 0]>>)

// -----

// expected-error @+1 {{per-channel scales need a quantization axis}}
func.func private @per_channel_without_axis(tensor<2x!qnn.q<i8, scale = [1.0, 2.0], zp = [0, 0]>>)

// -----

// expected-error @+1 {{slices cover 16 channels but 3 scales are given}}
func.func private @slices_vs_scales(tensor<16x!qnn.q<[i4 x 8, i8 x 8], axis = 0, scale = [1.0, 2.0, 3.0], zp = [0, 0, 0]>>)

// -----

// expected-error @+1 {{scale #0 (0.000000e+00) must be positive and finite}}
func.func private @scale_zero(tensor<2x!qnn.q<ui8, scale = 0.0, zp = 0>>)

// -----

// expected-error @+1 {{scale #1 (-5.000000e-01) must be positive and finite}}
func.func private @scale_negative(tensor<2x!qnn.q<ui8, axis = 0, scale = [1.0, -0.5], zp = [0, 0]>>)

// -----

// 1e39 is finite as a double but overflows binary32.
// expected-error @+1 {{scale 1.000000e+39 overflows binary32}}
func.func private @scale_inf(tensor<2x!qnn.q<ui8, scale = 1.0e39, zp = 0>>)

// -----

// 1e-50 is positive as a double but underflows binary32 to 0.
// expected-error @+1 {{scale 1.000000e-50 underflows binary32 to 0}}
func.func private @scale_underflow(tensor<2x!qnn.q<ui8, scale = 1.0e-50, zp = 0>>)

// -----

// expected-error @+1 {{zero-point #0 (256) is outside the range of ui8 [0, 255]}}
func.func private @zp_u8_high(tensor<2x!qnn.q<ui8, scale = 1.0, zp = 256>>)

// -----

// expected-error @+1 {{zero-point #0 (-1) is outside the range of ui8 [0, 255]}}
func.func private @zp_u8_low(tensor<2x!qnn.q<ui8, scale = 1.0, zp = -1>>)

// -----

// expected-error @+1 {{zero-point #0 (128) is outside the range of i8 [-128, 127]}}
func.func private @zp_i8_high(tensor<2x!qnn.q<i8, scale = 1.0, zp = 128>>)

// -----

// expected-error @+1 {{zero-point #0 (-129) is outside the range of i8 [-128, 127]}}
func.func private @zp_i8_low(tensor<2x!qnn.q<i8, scale = 1.0, zp = -129>>)

// -----

// expected-error @+1 {{zero-point #0 (1) is outside the range of i1 [-1, 0]}}
func.func private @zp_i1(tensor<2x!qnn.q<i1, scale = 1.0, zp = 1>>)

// -----

// expected-error @+1 {{zero-point #0 (2) is outside the range of ui1 [0, 1]}}
func.func private @zp_u1(tensor<2x!qnn.q<ui1, scale = 1.0, zp = 2>>)

// -----

// expected-error @+1 {{zero-point #0 (-9) is outside the range of i4 [-8, 7]}}
func.func private @zp_i4(tensor<2x!qnn.q<i4, scale = 1.0, zp = -9>>)

// -----

// expected-error @+1 {{zero-point #2 (16) is outside the range of ui4 [0, 15]}}
func.func private @zp_u4_per_channel(tensor<3x!qnn.q<ui4, axis = 0, scale = [1.0, 1.0, 1.0], zp = [0, 15, 16]>>)

// -----

// A per-tensor zero-point of a sliced type must fit every slice: 8 fits i8
// but not i4.
// expected-error @+1 {{zero-point #0 (8) is outside the range of i4 [-8, 7]}}
func.func private @zp_sliced_per_tensor(tensor<16x!qnn.q<[i4 x 8, i8 x 8], axis = 0, scale = 1.0, zp = 8>>)

// -----

// Per-channel zero-points of a sliced type: channel 2 is in the i2 slice.
// expected-error @+1 {{zero-point #2 (2) is outside the range of i2 [-2, 1]}}
func.func private @zp_sliced_per_channel(tensor<4x!qnn.q<[i8 x 2, i2 x 2], axis = 0, scale = [1.0, 1.0, 1.0, 1.0], zp = [100, -128, 2, 0]>>)

// -----

// ...while the same zero-points in the wider slice are fine; channel 3 (u3) is not.
// expected-error @+1 {{zero-point #3 (8) is outside the range of ui3 [0, 7]}}
func.func private @zp_sliced_per_channel_u(tensor<4x!qnn.q<[ui8 x 3, ui3 x 1], axis = 0, scale = [1.0, 1.0, 1.0, 1.0], zp = [255, 8, 0, 8]>>)

// -----

//===----------------------------------------------------------------------===//
// Quantization vs. the shape of the tensor using it (every op)
//===----------------------------------------------------------------------===//

func.func @axis_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result #0: quantization axis 2 is out of range for a rank-2 tensor}}
  %0 = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!qnn.q<i8, axis = 2, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @channels_vs_axis(%x: tensor<2x3x!qnn.q<i8, axis = 0, scale = [1.0, 2.0, 3.0], zp = [0, 0, 0]>>) {
  // expected-error @+1 {{'qnn.dequantize' op operand #0: quantization describes 3 channels but axis 0 has 2}}
  %0 = qnn.dequantize %x : tensor<2x3x!qnn.q<i8, axis = 0, scale = [1.0, 2.0, 3.0], zp = [0, 0, 0]>> -> tensor<2x3xf32>
  return
}

// -----

func.func @slices_vs_axis(%x: tensor<1x12x!qnn.q<[i4 x 8, i8 x 8], axis = 1, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.requantize' op operand #0: quantization describes 16 channels but axis 1 has 12}}
  %0 = qnn.requantize %x : tensor<1x12x!qnn.q<[i4 x 8, i8 x 8], axis = 1, scale = 1.0, zp = 0>> -> tensor<1x12x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.constant
//===----------------------------------------------------------------------===//

func.func @constant_shape() {
  // expected-error @+1 {{'qnn.constant' op value shape [4] does not match the result shape [2, 2]}}
  %0 = qnn.constant dense<0> : tensor<4xi8> : tensor<2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @constant_quant_stored_i32() {
  // expected-error @+1 {{'qnn.constant' op stored values of a quantized constant must be 8-bit integers, got 'i32'}}
  %0 = qnn.constant dense<0> : tensor<4xi32> : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @constant_quant_stored_f32() {
  // expected-error @+1 {{'qnn.constant' op stored values of a quantized constant must be 8-bit integers, got 'f32'}}
  %0 = qnn.constant dense<0.0> : tensor<4xf32> : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @constant_plain_mismatch() {
  // expected-error @+1 {{'qnn.constant' op value element type 'i8' does not match the result's 'i32'}}
  %0 = qnn.constant dense<0> : tensor<4xi8> : tensor<4xi32>
  return
}

// -----

func.func @constant_quant_axis() {
  // expected-error @+1 {{'qnn.constant' op result #0: quantization describes 2 channels but axis 0 has 4}}
  %0 = qnn.constant dense<0> : tensor<4xi8> : tensor<4x!qnn.q<i8, axis = 0, scale = [1.0, 2.0], zp = [0, 0]>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.requantize: fused output range
//===----------------------------------------------------------------------===//

func.func @requantize_empty_range(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.requantize' op output range is empty: out_min 2.000000e+00 > out_max 1.000000e+00}}
  %0 = qnn.requantize %x {out_min = 2.0 : f64, out_max = 1.0 : f64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 0.25, zp = 0>>
  return
}

// -----

func.func @requantize_inf_range(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.requantize' op output range bounds must be finite}}
  %0 = qnn.requantize %x {out_max = 0x7FF0000000000000 : f64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 0.25, zp = 0>>
  return
}

// -----

func.func @requantize_nan_range(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.requantize' op output range bounds must be finite}}
  %0 = qnn.requantize %x {out_min = 0x7FF8000000000000 : f64, out_max = 1.0 : f64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 0.25, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.storage_cast
//===----------------------------------------------------------------------===//

func.func @storage_cast_plain_both(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op one side must be quantized}}
  %0 = qnn.storage_cast %x : tensor<4xi8> -> tensor<4xui8>
  return
}

// -----

func.func @storage_cast_width(%x: tensor<4xi16>) {
  // expected-error @+1 {{'qnn.storage_cast' op plain side must be an i8 tensor (the storage of 8-bit values), got 'i16'}}
  %0 = qnn.storage_cast %x : tensor<4xi16> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @storage_cast_float(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.storage_cast' op plain side must be an i8 tensor (the storage of 8-bit values), got 'f32'}}
  %0 = qnn.storage_cast %x : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xf32>
  return
}

// -----

// A packed int4/uint4 graph edge holds values of at most 4 bits.
func.func @storage_cast_packed_too_wide(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.storage_cast' op a packed 4-bit tensor cannot hold 8-bit values}}
  %0 = qnn.storage_cast %x : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xsi4>
  return
}

// -----

func.func @storage_cast_packed_bipolar(%x: tensor<4xsi4>) {
  // expected-error @+1 {{'qnn.storage_cast' op a packed 4-bit tensor cannot hold bipolar values}}
  %0 = qnn.storage_cast %x : tensor<4xsi4> -> tensor<4x!qnn.q<b1, scale = 1.0>>
  return
}

// -----

func.func @storage_cast_packed_signedness(%x: tensor<4xui4>) {
  // expected-error @+1 {{'qnn.storage_cast' op signedness of 'ui4' does not match the quantized type}}
  %0 = qnn.storage_cast %x : tensor<4xui4> -> tensor<4x!qnn.q<i4, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @storage_cast_signed_to_unsigned(%x: tensor<4xsi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op signedness of 'si8' does not match the quantized type}}
  %0 = qnn.storage_cast %x : tensor<4xsi8> -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @storage_cast_unsigned_from_signed(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.storage_cast' op signedness of 'ui8' does not match the quantized type}}
  %0 = qnn.storage_cast %x : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4xui8>
  return
}

// -----

func.func @storage_cast_quant_signedness(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.storage_cast' op cannot change signedness}}
  %0 = qnn.storage_cast %x : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @storage_cast_shape(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op requires the same shape for all operands and results}}
  %0 = qnn.storage_cast %x : tensor<4xi8> -> tensor<2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.conv2d
//===----------------------------------------------------------------------===//

func.func @conv_result_f32(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result must be quantized or i32, got 'f32'}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @conv_input_per_channel(%x: tensor<1x2x8x8x!qnn.q<ui8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>, %w: tensor<4x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op input must have a per-tensor scale and zero-point}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x2x8x8x!qnn.q<ui8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>, tensor<4x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_range_on_i32(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op an output range needs a quantized result, not 'tensor<1x4x8x8xi32>'}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64, out_min = 0.0 : f64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_range_empty(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op output range is empty: out_min 6.000000e+00 > out_max 0.000000e+00}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64, out_min = 6.0 : f64, out_max = 0.0 : f64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @conv_weight_rank(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op weight must be rank 4 (FCHW), got rank 3}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_input_rank(%x: tensor<4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op input must be rank 4 (NCHW), got rank 3}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_groups_zero(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op groups must be >= 1, got 0}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 0 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_groups_input_channels(%x: tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op input channels 3 and weight filters 4 must both be divisible by groups 2}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_groups_filters(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<3x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op input channels 4 and weight filters 3 must both be divisible by groups 2}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x8x8xi32>
  return
}

// -----

func.func @conv_weight_channels(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op weight has 4 input channels per group, expected 2 (input channels 4 / groups 2)}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

// Depthwise with a weight laid out as [1, C, KH, KW] (ONNX wants [C, 1, KH, KW]).
func.func @conv_depthwise_layout(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<1x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op input channels 4 and weight filters 1 must both be divisible by groups 4}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 4 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<1x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_weight_axis(%x: tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<3x3x3x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>>) {
  // expected-error @+1 {{'qnn.conv2d' op weight: per-channel axis must be 0 (filters), got 1}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x3x3x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>>) -> tensor<1x3x8x8xi32>
  return
}

// -----

func.func @conv_result_axis(%x: tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<8x3x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result: per-channel axis must be 1, got 2}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x3x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>)
      -> tensor<1x8x8x8x!qnn.q<ui8, axis = 2, scale = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0], zp = [0, 0, 0, 0, 0, 0, 0, 0]>>
  return
}

// -----

func.func @conv_bias_shape(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op bias must be tensor<4xi32>, got 'tensor<3xi32>'}}
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<3xi32>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_bias_rank(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<1x4xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op bias must be tensor<4xi32>, got 'tensor<1x4xi32>'}}
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x4xi32>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_strides_count(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'strides' needs 2 values, got 3}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_strides_zero(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'strides' values must be >= 1, got 0}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 0>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_dilations_zero(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'dilations' values must be >= 1, got 0}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 0, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_pads_count(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'pads' needs 4 values, got 2}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_pads_negative(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'pads' values must be >= 0, got -1}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, -1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_kernel_empty(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x0x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'kernel' values must be >= 1, got 0}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x0x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

func.func @conv_result_rank(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result must be rank 4 (NCHW), got rank 3}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<4x8x8xi32>
  return
}

// -----

func.func @conv_dynamic(%x: tensor<1x4x?x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op needs static shapes}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x?x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x?x8xi32>
  return
}

// -----

// A dilated 3x3 kernel spans 5: it does not fit 4 + 0 + 0.
func.func @conv_window_too_large(%x: tensor<1x4x4x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op window of 3 (dilation 2) does not fit input extent 4 with pads 0,0}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x4x4x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x1x6xi32>
  return
}

// -----

// Without padding a 3x3 kernel gives 6x6, not 8x8.
func.func @conv_output_shape(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result shape [1, 4, 8, 8] does not match the computed [1, 4, 6, 6]}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

// Stride 2 with pads 1: (8 + 2 - 3) / 2 + 1 = 4 rows.
func.func @conv_output_shape_stride(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<6x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result shape [1, 6, 3, 4] does not match the computed [1, 6, 4, 4]}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<6x4x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x6x3x4xi32>
  return
}

// -----

// The result channel count is the number of filters.
func.func @conv_output_channels(%x: tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %w: tensor<6x4x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.conv2d' op result shape [1, 4, 8, 8] does not match the computed [1, 6, 8, 8]}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<6x4x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x8x8xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.matmul
//===----------------------------------------------------------------------===//

func.func @matmul_result_type(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op result must be quantized or i32, got 'i16'}}
  %0 = qnn.matmul %a, %b : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4xi16>
  return
}

// -----

func.func @matmul_lhs_per_channel(%a: tensor<2x8x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op lhs must have a per-tensor scale and zero-point}}
  %0 = qnn.matmul %a, %b : (tensor<2x8x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x4xi32>
  return
}

// -----

func.func @matmul_range_on_i32(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op an output range needs a quantized result, not 'tensor<1x4xi32>'}}
  %0 = qnn.matmul %a, %b {out_max = 6.0 : f64} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4xi32>
  return
}

// -----

func.func @matmul_lhs_rank(%a: tensor<8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op lhs must have rank >= 2, got 1}}
  %0 = qnn.matmul %a, %b : (tensor<8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<4xi32>
  return
}

// -----

func.func @matmul_rhs_rank(%a: tensor<2x1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<1x2x8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op rhs must be [K, N] or [..., K, N] of the lhs's rank, got rank 4}}
  %0 = qnn.matmul %a, %b : (tensor<2x1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<1x2x8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x1x4xi32>
  return
}

// -----

func.func @matmul_rhs_batch(%a: tensor<2x1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<3x8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op rhs batch dimension 0 is 3; it must be 1 or the lhs's 2}}
  %0 = qnn.matmul %a, %b : (tensor<2x1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x1x4xi32>
  return
}

// -----

func.func @matmul_rhs_axis(%a: tensor<1x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<2x4x!qnn.q<i8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.matmul' op rhs: per-channel axis must be 1 (columns), got 0}}
  %0 = qnn.matmul %a, %b : (tensor<1x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x4x!qnn.q<i8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>) -> tensor<1x4xi32>
  return
}

// -----

func.func @matmul_k_mismatch(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<7x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op contraction mismatch: lhs has K = 8 but rhs has 7 rows}}
  %0 = qnn.matmul %a, %b : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<7x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4xi32>
  return
}

// -----

func.func @matmul_result_shape(%a: tensor<3x2x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op result shape [2, 4] does not match [..., M, N] = [3, 2, 4]}}
  %0 = qnn.matmul %a, %b : (tensor<3x2x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x4xi32>
  return
}

// -----

func.func @matmul_result_axis(%a: tensor<2x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op result: per-channel axis must be the last}}
  %0 = qnn.matmul %a, %b : (tensor<2x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<2x2x!qnn.q<ui8, axis = 0, scale = [1.0, 2.0], zp = [0, 0]>>
  return
}

// -----

func.func @matmul_bias(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>, %bias: tensor<8xi32>) {
  // expected-error @+1 {{'qnn.matmul' op bias must be tensor<4xi32>, got 'tensor<8xi32>'}}
  %0 = qnn.matmul %a, %b, %bias : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<8xi32>) -> tensor<1x4xi32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.add
//===----------------------------------------------------------------------===//

func.func @add_lhs_per_channel(%a: tensor<2x4x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>, %b: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op lhs must have a per-tensor scale and zero-point}}
  %0 = qnn.add %a, %b : (tensor<2x4x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>, tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<2x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_rhs_per_channel(%a: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<2x4x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.add' op rhs must have a per-tensor scale and zero-point}}
  %0 = qnn.add %a, %b : (tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x4x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>) -> tensor<2x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_result_per_channel(%a: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op result must have a per-tensor scale and zero-point}}
  %0 = qnn.add %a, %b : (tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<2x4x!qnn.q<ui8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>
  return
}

// -----

func.func @add_result_rank(%a: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op result rank 3 does not match the broadcast rank 2}}
  %0 = qnn.add %a, %b : (tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x2x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_not_broadcastable(%a: tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<3x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op operands are not broadcastable at dimension 1 (4 vs 3)}}
  %0 = qnn.add %a, %b : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x4x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_result_dim(%a: tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<4x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op result dimension 2 is 1, expected 2}}
  %0 = qnn.add %a, %b : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x1x1x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x4x1x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_range_empty(%a: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op output range is empty: out_min 1.000000e+00 > out_max -1.000000e+00}}
  %0 = qnn.add %a, %b {out_min = 1.0 : f64, out_max = -1.0 : f64} : (tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @add_range_inf(%a: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op output range bounds must be finite}}
  %0 = qnn.add %a, %b {out_min = 0xFFF0000000000000 : f64} : (tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.max_pool2d
//===----------------------------------------------------------------------===//

func.func @max_pool_requantizes(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result quantization must equal the input's (insert qnn.requantize to change it)}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.25, zp = 0>>
  return
}

// -----

func.func @max_pool_changes_zp(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result quantization must equal the input's (insert qnn.requantize to change it)}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 1>>
  return
}

// -----

func.func @max_pool_changes_width(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result quantization must equal the input's (insert qnn.requantize to change it)}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @max_pool_channels(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op channel count changes}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x3x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @max_pool_input_rank(%x: tensor<2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op input must be rank 4 (NCHW), got rank 3}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @max_pool_kernel_count(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'kernel' needs 2 values, got 1}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @max_pool_kernel_zero(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'kernel' values must be >= 1, got 0}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

// floor((5 - 2) / 2) + 1 = 2; 3 only with ceil_mode.
func.func @max_pool_floor_shape(%x: tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result shape [1, 2, 3, 3] does not match the computed [1, 2, 2, 2]}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

// ceil_mode, input 4, pads 0 (begin) / 1 (end), kernel 2, stride 2:
// ceil((4 + 1 - 2) / 2) + 1 = 3 windows, starting at 0, 2 and 4; ONNX drops
// the last one because it starts at 4 >= input + begin pad = 4 (it would only
// cover end padding). So 2, not 3.
func.func @max_pool_ceil_last_window(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result shape [1, 2, 3, 3] does not match the computed [1, 2, 2, 2]}}
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 1, 1>, ceil_mode = true}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.avg_pool2d
//===----------------------------------------------------------------------===//

func.func @avg_pool_input_per_channel(%x: tensor<1x2x4x4x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op input must have a per-tensor scale and zero-point}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @avg_pool_result_per_channel(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op result must have a per-tensor scale and zero-point}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>
  return
}

// -----

func.func @avg_pool_strides(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op 'strides' values must be >= 1, got -2}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: -2, 2>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @avg_pool_window(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op window of 7 (dilation 1) does not fit input extent 4 with pads 1,1}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 7, 2>, strides = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x1x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @avg_pool_shape(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op result shape [1, 2, 2, 2] does not match the computed [1, 2, 3, 3]}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.global_avg_pool
//===----------------------------------------------------------------------===//

func.func @gap_input_per_channel(%x: tensor<1x2x4x4x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.global_avg_pool' op input must have a per-tensor scale and zero-point}}
  %0 = qnn.global_avg_pool %x : tensor<1x2x4x4x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>> -> tensor<1x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @gap_result_per_channel(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.global_avg_pool' op result must have a per-tensor scale and zero-point}}
  %0 = qnn.global_avg_pool %x : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x1x1x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>
  return
}

// -----

func.func @gap_rank(%x: tensor<2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.global_avg_pool' op input must be rank 4 (NCHW), got rank 3}}
  %0 = qnn.global_avg_pool %x : tensor<2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @gap_shape(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.global_avg_pool' op result must be [1, 2, 1, 1], got [1, 2]}}
  %0 = qnn.global_avg_pool %x : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.concat
//===----------------------------------------------------------------------===//

func.func @concat_no_inputs() {
  // expected-error @+1 {{'qnn.concat' op needs at least one input}}
  %0 = qnn.concat {axis = 0 : i64} : () -> tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_axis(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op axis 2 is out of range for rank 2}}
  %0 = qnn.concat %a, %a {axis = 2 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_axis_negative(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op axis -1 is out of range for rank 2}}
  %0 = qnn.concat %a, %a {axis = -1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_result_per_channel(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op result must have a per-tensor scale and zero-point}}
  %0 = qnn.concat %a, %a {axis = 1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, axis = 1, scale = [0.5, 0.5, 1.0, 1.0], zp = [0, 0, 0, 0]>>
  return
}

// -----

func.func @concat_input_rank(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op input #1 has rank 1, expected 2}}
  %0 = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_input_per_channel(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<1x2x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.concat' op input #1 must have a per-tensor scale and zero-point}}
  %0 = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x2x!qnn.q<i8, axis = 1, scale = [0.5, 1.0], zp = [0, 0]>>) -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_input_dim(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<3x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op input #1 dimension 0 is 3, expected 1}}
  %0 = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<3x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_sizes(%a: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, %b: tensor<1x3x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op inputs add up to 5 along axis 1 but the result has 6}}
  %0 = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x6x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

//===----------------------------------------------------------------------===//
// qnn.reshape
//===----------------------------------------------------------------------===//

func.func @reshape_dynamic(%x: tensor<?x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.reshape' op needs static shapes}}
  %0 = qnn.reshape %x : tensor<?x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<8x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @reshape_count(%x: tensor<1x6x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.reshape' op element count changes from 24 to 20}}
  %0 = qnn.reshape %x : tensor<1x6x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<20x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @reshape_per_channel(%x: tensor<2x4x!qnn.q<i8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.reshape' op input and result must have one per-tensor quantization}}
  %0 = qnn.reshape %x : tensor<2x4x!qnn.q<i8, axis = 0, scale = [0.5, 1.0], zp = [0, 0]>> -> tensor<8x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @reshape_sliced(%x: tensor<2x4x!qnn.q<[i4 x 1, i8 x 1], axis = 0, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.reshape' op input and result must have one per-tensor quantization}}
  %0 = qnn.reshape %x : tensor<2x4x!qnn.q<[i4 x 1, i8 x 1], axis = 0, scale = 0.5, zp = 0>> -> tensor<8x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @reshape_f32_to_quantized(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{'qnn.reshape' op input and result must both be f32 or both quantized}}
  %0 = qnn.reshape %x : tensor<2x4xf32> -> tensor<8x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @transpose_quantized_to_f32(%x: tensor<2x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.transpose' op input and result must both be f32 or both quantized}}
  %0 = qnn.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<4x2xf32>
  return
}

// -----

func.func @max_pool_mixed_f32(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'qnn.max_pool2d' op input and result must both be f32 or both quantized}}
  %0 = qnn.max_pool2d %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @avg_pool_mixed_f32(%x: tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op input and result must both be f32 or both quantized}}
  %0 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2xf32>
  return
}

// -----

func.func @global_avg_pool_mixed_f32(%x: tensor<1x2x4x4xf32>) {
  // expected-error @+1 {{'qnn.global_avg_pool' op input and result must both be f32 or both quantized}}
  %0 = qnn.global_avg_pool %x : tensor<1x2x4x4xf32> -> tensor<1x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @concat_mixed_f32(%a: tensor<1x2xf32>, %b: tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.concat' op input #1: inputs and result must all be f32 or all quantized}}
  %0 = qnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4xf32>
  return
}

// -----

func.func @reshape_quantization(%x: tensor<2x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.reshape' op input and result must have one per-tensor quantization}}
  %0 = qnn.reshape %x : tensor<2x4x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<8x!qnn.q<i8, scale = 0.5, zp = 1>>
  return
}

// -----

// expected-error @+1 {{a bipolar type has zero-point 0}}
func.func private @bipolar_zp(tensor<2x!qnn.q<b1, scale = 1.0, zp = 1>>)

// -----

func.func @bipolar_constant_zero() {
  // expected-error @+1 {{stored value 0 at element 1 is not -1 or +1 (bipolar type)}}
  %0 = qnn.constant dense<[1, 0]> : tensor<2xi8> : tensor<2x!qnn.q<b1, scale = 1.0>>
  return
}

// -----

func.func @quantize_rounding(%x: tensor<2xf32>) {
  // expected-error @+1 {{rounding 'nearest' is not one of half_even, half_up, half_down, up, down, ceil, floor}}
  %0 = qnn.quantize %x {rounding = "nearest"} : tensor<2xf32> -> tensor<2x!qnn.q<i4, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @requantize_rounding(%x: tensor<2x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{rounding 'ROUND' is not one of}}
  %0 = qnn.requantize %x {rounding = "ROUND"} : tensor<2x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<2x!qnn.q<i4, scale = 2.0, zp = 0>>
  return
}

// -----

func.func @conv_bias_shift_range(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, %b: tensor<1xi32>) {
  %w = qnn.constant dense<1> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>
  // expected-error @+1 {{bias_shift must be in [0, 16], got 17}}
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, bias_shift = 17 : i64} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>, tensor<1xi32>) -> tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @conv_bias_shift_raw(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, %b: tensor<1xi32>) {
  %w = qnn.constant dense<1> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>
  // expected-error @+1 {{bias_shift needs a quantized result (an i32 result is the raw accumulator)}}
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, bias_shift = 2 : i64} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>, tensor<1xi32>) -> tensor<1x1x2x2xi32>
  return
}

// -----

func.func @matmul_bias_shift_without_bias(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op bias_shift needs a bias}}
  %0 = qnn.matmul %a, %b {bias_shift = 3 : i64} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @matmul_bias_shift_range(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>, %c: tensor<4xi32>) {
  // expected-error @+1 {{'qnn.matmul' op bias_shift must be in [0, 16], got 17}}
  %0 = qnn.matmul %a, %b, %c {bias_shift = 17 : i64} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<4xi32>) -> tensor<1x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @conv_negated_channels_count(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>) {
  %w = qnn.constant dense<1> : tensor<2x1x1x1xi8> : tensor<2x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>
  // expected-error @+1 {{'qnn.conv2d' op negated_channels has 1 flags, expected one per output channel (2)}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, negated_channels = array<i1: true>} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<2x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>) -> tensor<1x2x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @conv_negated_channels_raw(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>) {
  %w = qnn.constant dense<1> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>
  // expected-error @+1 {{'qnn.conv2d' op negated_channels needs a quantized result (an i32 result is the raw accumulator)}}
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, negated_channels = array<i1: true>} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x1x1x1x!qnn.q<i2, scale = 1.0, zp = 0>>) -> tensor<1x1x2x2xi32>
  return
}

// -----

func.func @matmul_negated_channels_count(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.matmul' op negated_channels has 3 flags, expected one per output channel (4)}}
  %0 = qnn.matmul %a, %b {negated_channels = array<i1: true, false, true>} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @lookup_table_size(%x: tensor<4x!qnn.q<i2, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.lookup_table' op table has 3 entries, expected one per input code (4)}}
  %0 = qnn.lookup_table %x {table = array<i64: 0, 1, 2>} : tensor<4x!qnn.q<i2, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @lookup_table_entry_range(%x: tensor<4x!qnn.q<i2, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.lookup_table' op table entry 2 (input code 0) is 8, outside the result's range [-8, 7]}}
  %0 = qnn.lookup_table %x {table = array<i64: 0, 1, 8, 2>} : tensor<4x!qnn.q<i2, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<i4, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @lookup_table_per_channel(%x: tensor<2x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.lookup_table' op input must be quantized per tensor (not bipolar)}}
  %0 = qnn.lookup_table %x {table = array<i64: 0, 1, 2, 3>} : tensor<2x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>> -> tensor<2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @transpose_not_permutation(%x: tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.transpose' op permutation [0, 0] is not a permutation}}
  %0 = qnn.transpose %x {permutation = array<i64: 0, 0>} : tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @transpose_shape(%x: tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.transpose' op result dimension 0 is 2, expected input dimension 1 (3)}}
  %0 = qnn.transpose %x {permutation = array<i64: 1, 0>} : tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @resize_shape(%x: tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.resize_nearest' op result shape [1, 2, 6, 4] is not [1, 2, 6, 8]}}
  %0 = qnn.resize_nearest %x {factors = array<i64: 2, 2>} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x6x4x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @resize_quantization(%x: tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.resize_nearest' op resize cannot change the quantization}}
  %0 = qnn.resize_nearest %x {factors = array<i64: 1, 1>} : tensor<1x2x3x4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>
  return
}

// -----

func.func @mul_broadcast(%a: tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>>, %b: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.mul' op operands are not broadcastable at dimension 1 (3 vs 4)}}
  %0 = qnn.mul %a, %b : (tensor<2x3x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @float_binary_broadcast(%a: tensor<1x3x4x4xf32>, %b: tensor<1x2x1x1xf32>) {
  // expected-error @+1 {{'qnn.float_binary' op operands are not broadcastable at dimension 1 (3 vs 2)}}
  %0 = qnn.float_binary sub %a, %b : tensor<1x3x4x4xf32>, tensor<1x2x1x1xf32> -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @float_binary_result(%a: tensor<2x5xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{'qnn.float_binary' op result dimension 0 is 1, expected 2}}
  %0 = qnn.float_binary add %a, %b : tensor<2x5xf32>, tensor<5xf32> -> tensor<1x5xf32>
  return
}

// -----

func.func @float_binary_kind(%a: tensor<5xf32>) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [add, sub, mul, div, prelu]}}
  %0 = qnn.float_binary pow %a, %a : tensor<5xf32>, tensor<5xf32> -> tensor<5xf32>
  return
}

// -----

func.func @softmax_axis(%a: tensor<2x5xf32>) {
  // expected-error @+1 {{'qnn.softmax' op axis 2 is outside [0, 2)}}
  %0 = qnn.softmax %a {axis = 2} : tensor<2x5xf32>
  return
}

// -----

// Regression: the axis is an I64Attr read back as uint64_t; a negative one
// was printed as 18446744073709551615.
func.func @softmax_negative_axis(%a: tensor<2x5xf32>) {
  // expected-error @+1 {{'qnn.softmax' op axis -1 is outside [0, 2)}}
  %0 = qnn.softmax %a {axis = -1} : tensor<2x5xf32>
  return
}

// -----

func.func @multi_threshold_negative_axis(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C2) axis -1 is outside [0, 2)}}
  %0 = qnn.multi_threshold %x {axis = -1 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @float_binary_prelu_shape(%x: tensor<1x2xf32>, %s: tensor<3x1xf32>) {
  // expected-error @+1 {{'qnn.float_binary' op prelu's slope must broadcast to the input shape [1, 2]}}
  %0 = qnn.float_binary prelu %x, %s : tensor<1x2xf32>, tensor<3x1xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @float_unary_alpha(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op leaky_relu needs alpha}}
  %0 = qnn.float_unary leaky_relu %x : tensor<4xf32>
  return
}

// -----

func.func @float_unary_no_alpha(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op relu takes no alpha}}
  %0 = qnn.float_unary relu %x {alpha = 0.5 : f32} : tensor<4xf32>
  return
}

// -----

func.func @float_unary_hard_sigmoid_beta(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op hard_sigmoid needs beta}}
  %0 = qnn.float_unary hard_sigmoid %x {alpha = 0.5 : f32} : tensor<4xf32>
  return
}

// -----

func.func @float_unary_selu_gamma(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op selu needs gamma}}
  %0 = qnn.float_unary selu %x {alpha = 1.5 : f32} : tensor<4xf32>
  return
}

// -----

func.func @float_unary_gamma(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op elu takes no gamma}}
  %0 = qnn.float_unary elu %x {alpha = 1.0 : f32, gamma = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @float_unary_celu_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op celu's alpha must not be 0}}
  %0 = qnn.float_unary celu %x {alpha = 0.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @float_unary_bounds(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_unary' op min and max are clip's bounds, not sigmoid's}}
  %0 = qnn.float_unary sigmoid %x {max = 1.0 : f32} : tensor<4xf32>
  return
}

// -----

func.func @multi_threshold_input_type(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C1) input must be f32, i32 or quantized, not 'i8'}}
  %0 = qnn.multi_threshold %x {axis = 0 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<4xi8> -> tensor<4x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_input_axis(%x: tensor<2x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C1) a quantized input must be quantized per tensor or per channel along the axis, not sliced or bipolar}}
  %0 = qnn.multi_threshold %x {axis = 0 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<2x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_result_per_channel(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C1) result must be quantized per tensor}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui1, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>>
  return
}

// -----

func.func @multi_threshold_axis(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C2) axis 2 is outside [0, 2)}}
  %0 = qnn.multi_threshold %x {axis = 2 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_thresholds_rank(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C2) thresholds must be 2-D with at least one column, got 'tensor<2xi32>'}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[1, 2]> : tensor<2xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui2, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_rows(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C2) thresholds have 3 rows; expected 1 or the input's extent 2 along axis 1}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[1], [2], [3]]> : tensor<3x1xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_float_thresholds(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C3) thresholds must be i32 for an integer input, got 'f32'}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[1.5]]> : tensor<1x1xf32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_integer_thresholds(%x: tensor<2x2xf32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C3) thresholds must be f32 for an f32 input, got 'i32'}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[1]]> : tensor<1x1xi32>} : tensor<2x2xf32> -> tensor<2x2x!qnn.q<ui1, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_range(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C4) counts -1 to 3 (offset plus 0 to 4 thresholds) do not fit the result's range [-2, 1]}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = -1 : i64, thresholds = dense<[[1, 2, 3, 4]]> : tensor<1x4xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<i2, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @multi_threshold_bipolar(%x: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.multi_threshold' op (C4) a bipolar result needs one threshold per channel and offset -1, got 2 and -1}}
  %0 = qnn.multi_threshold %x {axis = 1 : i64, offset = -1 : i64, thresholds = dense<[[1, 2]]> : tensor<1x2xi32>} : tensor<2x2xi32> -> tensor<2x2x!qnn.q<b1, scale = 1.0>>
  return
}

// -----

func.func @slice_zero_step(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.slice' op step of dimension 0 is 0}}
  %0 = qnn.slice %x {starts = array<i64: 0>, steps = array<i64: 0>} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<2x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

// Elements 1, 3, 5 of a dimension of 5: the last read is outside.
func.func @slice_reads_outside(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{'qnn.slice' op dimension 1 reads outside [0, 5)}}
  %0 = qnn.slice %x {starts = array<i64: 0, 1>, steps = array<i64: 1, 2>} : tensor<2x5xf32> -> tensor<2x3xf32>
  return
}

// -----

// Walking backwards from 1 by 2 reads index -1.
func.func @slice_reads_before(%x: tensor<5xf32>) {
  // expected-error @+1 {{'qnn.slice' op dimension 0 reads outside [0, 5)}}
  %0 = qnn.slice %x {starts = array<i64: 1>, steps = array<i64: -2>} : tensor<5xf32> -> tensor<2xf32>
  return
}

// -----

func.func @slice_rank(%x: tensor<2x5xf32>) {
  // expected-error @+1 {{'qnn.slice' op needs 2 starts and steps and a rank 2 result}}
  %0 = qnn.slice %x {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<2x5xf32> -> tensor<2x5xf32>
  return
}

// -----

func.func @slice_requantizes(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.slice' op input and result must have one per-tensor quantization}}
  %0 = qnn.slice %x {starts = array<i64: 0>, steps = array<i64: 1>} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 0.25, zp = 0>>
  return
}

// -----

func.func @pad_negative(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.pad' op pads of dimension 0 are negative}}
  %0 = qnn.pad %x {low = array<i64: -1>, high = array<i64: 1>, value = 0 : i64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @pad_shape(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.pad' op result dimension 0 is 5, expected 4 + 1 + 1}}
  %0 = qnn.pad %x {low = array<i64: 1>, high = array<i64: 1>, value = 0 : i64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<5x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @pad_code_range(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.pad' op value must be an integer code in [0, 255]}}
  %0 = qnn.pad %x {low = array<i64: 1>, high = array<i64: 0>, value = 256 : i64} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<5x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @pad_float_code(%x: tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>>) {
  // expected-error @+1 {{'qnn.pad' op value must be an integer code in [0, 255]}}
  %0 = qnn.pad %x {low = array<i64: 1>, high = array<i64: 0>, value = 0.5 : f32} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<5x!qnn.q<ui8, scale = 0.5, zp = 0>>
  return
}

// -----

func.func @pad_f32_value(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.pad' op value must be an f32 for an f32 input}}
  %0 = qnn.pad %x {low = array<i64: 1>, high = array<i64: 0>, value = 0 : i64} : tensor<4xf32> -> tensor<5xf32>
  return
}

// -----

func.func @float_conv2d_groups(%x: tensor<1x4x5x5xf32>, %w: tensor<6x3x1x1xf32>) {
  // expected-error @+1 {{'qnn.float_conv2d' op weight has 3 input channels per group, expected 2 (input channels 4 / groups 2)}}
  %0 = qnn.float_conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<6x3x1x1xf32>) -> tensor<1x6x5x5xf32>
  return
}

// -----

func.func @float_conv2d_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<6x4x1x1xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_conv2d' op bias must be tensor<6xf32>, got 'tensor<4xf32>'}}
  %0 = qnn.float_conv2d %x, %w, %b {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<6x4x1x1xf32>, tensor<4xf32>) -> tensor<1x6x5x5xf32>
  return
}

// -----

func.func @float_conv2d_result(%x: tensor<1x4x5x5xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{'qnn.float_conv2d' op result shape [1, 6, 5, 5] does not match the computed [1, 6, 3, 3]}}
  %0 = qnn.float_conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<6x4x3x3xf32>) -> tensor<1x6x5x5xf32>
  return
}

// -----

func.func @float_matmul_contraction(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'qnn.float_matmul' op contraction mismatch: lhs has K = 3 but rhs has 4 rows}}
  %0 = qnn.float_matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @arg_reduce_per_channel_axis(%x: tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>>) {
  // expected-error @+1 {{'qnn.arg_reduce' op input is quantized per channel along axis 1: its codes do not order its values}}
  %0 = qnn.arg_reduce max %x {axis = 1 : i64} : tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>> -> tensor<2xi64>
  return
}

// -----

func.func @arg_reduce_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.arg_reduce' op result shape [2] does not match [2, 1]}}
  %0 = qnn.arg_reduce min %x {axis = 1 : i64, keepdims} : tensor<2x3xf32> -> tensor<2xi64>
  return
}

// -----

func.func @arg_reduce_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.arg_reduce' op axis 2 is outside [0, 2)}}
  %0 = qnn.arg_reduce min %x {axis = 2 : i64} : tensor<2x3xf32> -> tensor<2xi64>
  return
}

// -----

func.func @top_k_per_channel_axis(%x: tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>>) {
  // expected-error @+1 {{'qnn.top_k' op input is quantized per channel along axis 1: its codes do not order its values}}
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 1 : i64} : tensor<2x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>> -> tensor<2x1x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 1.0], zp = [0, 0, 0]>>, tensor<2x1xi64>
  return
}

// -----

func.func @top_k_k_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.top_k' op k = 4 is outside [1, 3]}}
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 4 : i64} : tensor<2x3xf32> -> tensor<2x4xf32>, tensor<2x4xi64>
  return
}

// -----

func.func @top_k_axis(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.top_k' op axis 2 is outside [0, 2)}}
  %v, %i = qnn.top_k %x {axis = 2 : i64, k = 1 : i64} : tensor<2x3xf32> -> tensor<2x1xf32>, tensor<2x1xi64>
  return
}

// -----

func.func @top_k_values_type(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.top_k' op values must have the input's element type 'f32', got 'i8'}}
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 2 : i64} : tensor<2x3xf32> -> tensor<2x2xi8>, tensor<2x2xi64>
  return
}

// -----

func.func @top_k_shape(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.top_k' op result shape [2, 3] does not match [2, 2]}}
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 2 : i64} : tensor<2x3xf32> -> tensor<2x2xf32>, tensor<2x3xi64>
  return
}

// -----

func.func @top_k_input_type(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{'qnn.top_k' op input must be f32 or quantized, got 'i32'}}
  %v, %i = qnn.top_k %x {axis = 1 : i64, k = 2 : i64} : tensor<2x3xi32> -> tensor<2x2xi32>, tensor<2x2xi64>
  return
}

// -----

func.func @resize_2d_table_length(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op column tables must have 4 entries (2 taps for each of the result's 2)}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 1, 0, 1, 1, 1>, row_weights = array<f32: 1.0, 0.0, 0.5, 0.5, 0.5, 0.5>, cols = array<i64: 0, 1>, col_weights = array<f32: 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x3x2xf32>
  return
}

// -----

func.func @resize_2d_taps(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op row tables must have 1, 2 or 4 entries per output row (the taps), got 6 for 2 rows}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0, 0, 1, 1, 1>, row_weights = array<f32: 1.0, 0.0, 0.0, 1.0, 0.0, 0.0>, cols = array<i64: 0, 0, 0, 1, 1, 1>, col_weights = array<f32: 1.0, 0.0, 0.0, 1.0, 0.0, 0.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @resize_2d_source(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op column entry 1 reads outside [0, 2)}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 1>, row_weights = array<f32: 1.0, 1.0>, cols = array<i64: 0, 2>, col_weights = array<f32: 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return
}

// -----

// -1 marks an entry outside the input only with an extrapolation value,
// and only in every tap of the entry.
func.func @resize_2d_outside_without_value(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op row entry 0 reads outside [0, 2)}}
  %0 = qnn.resize_2d %x {rows = array<i64: -1, 1>, row_weights = array<f32: 1.0, 1.0>, cols = array<i64: 0, 1>, col_weights = array<f32: 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @resize_2d_partly_outside(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op row entry 0 reads outside [0, 2) (-1 in every tap: outside, extrapolated)}}
  %0 = qnn.resize_2d %x {rows = array<i64: -1, 0>, row_weights = array<f32: 0.5, 0.5>, cols = array<i64: 0, 1, 1, 1>, col_weights = array<f32: 1.0, 0.0, 0.5, 0.5>, extrapolation_value = 0.0 : f32} : tensor<1x1x2x2xf32> -> tensor<1x1x1x2xf32>
  return
}

// -----

func.func @resize_2d_divisors_linear(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op row_divisors are for four taps (cubic)}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 1, 0, 1>, row_weights = array<f32: 1.0, 0.0, 1.0, 0.0>, cols = array<i64: 0, 1, 0, 1>, col_weights = array<f32: 1.0, 0.0, 1.0, 0.0>, row_divisors = array<f32: 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @resize_2d_divisors_count(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op row_divisors must have 1 entries (the result's rows)}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0, 1, 1>, row_weights = array<f32: 0.0, 1.0, 0.0, 0.0>, cols = array<i64: 0, 0, 1, 1>, col_weights = array<f32: 0.0, 1.0, 0.0, 0.0>, row_divisors = array<f32: 1.0, 1.0>} : tensor<1x1x2x2xf32> -> tensor<1x1x1x1xf32>
  return
}

// -----

// An input without rows has nothing to read (not even for extrapolation).
func.func @resize_2d_empty_input(%x: tensor<1x1x0x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op input and result H and W must be static and at least 1}}
  %0 = qnn.resize_2d %x {rows = array<i64: -1>, row_weights = array<f32: 1.0>, cols = array<i64: 0, 1>, col_weights = array<f32: 1.0, 1.0>, extrapolation_value = 0.0 : f32} : tensor<1x1x0x2xf32> -> tensor<1x1x1x2xf32>
  return
}

// -----

func.func @resize_2d_nearest_weight(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{'qnn.resize_2d' op column entry 1: one tap has weight 1 (it is copied)}}
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 1>, row_weights = array<f32: 1.0, 1.0>, cols = array<i64: 0, 1>, col_weights = array<f32: 1.0, 0.5>} : tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return
}

// -----

func.func @storage_cast_width16(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.storage_cast' op plain side must be an i16 tensor (the storage of 16-bit values), got 'i8'}}
  %0 = qnn.storage_cast %x : tensor<4xi8> -> tensor<4x!qnn.q<i16, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @storage_cast_quant_width(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.storage_cast' op cannot change the storage width (8 to 16 bits)}}
  %0 = qnn.storage_cast %x : tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<i16, scale = 1.0, zp = 0>>
  return
}

//===----------------------------------------------------------------------===//
// Constraint Q16: 16-bit values are only quantized, dequantized and cast
//===----------------------------------------------------------------------===//

// -----

func.func @q16_requantize(%x: tensor<4x!qnn.q<i16, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.requantize' op operand #0 has 16-bit values; 16-bit tensors are only quantized, dequantized and passed in and out (constraint Q16)}}
  %0 = qnn.requantize %x : tensor<4x!qnn.q<i16, scale = 1.0, zp = 0>> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @q16_add_result(%x: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  // expected-error @+1 {{'qnn.add' op result #0 has 16-bit values; 16-bit tensors are only quantized, dequantized and passed in and out (constraint Q16)}}
  %0 = qnn.add %x, %x : (tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i16, scale = 1.0, zp = 0>>
  return
}

// -----

func.func @float_cast_same(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.float_cast' op converts between f16 and f32; both sides are 'f32'}}
  %0 = qnn.float_cast %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @float_cast_shape(%x: tensor<4xf16>) {
  // expected-error @+1 {{'qnn.float_cast' op requires the same shape for all operands and results}}
  %0 = qnn.float_cast %x : tensor<4xf16> -> tensor<2xf32>
  return
}
