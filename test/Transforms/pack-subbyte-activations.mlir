// qcc-pack-subbyte-activations: a 1/2/4-bit activation whose every reader
// can unpack it is stored k = 8 / bits values per byte along the channels.
// RUN: qcc-opt %s --convert-qnn-to-linalg --canonicalize --qcc-pack-subbyte-weights --qcc-pack-subbyte-activations --canonicalize --split-input-file --mlir-print-local-scope | FileCheck %s

!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!a = !qnn.q<ui4, scale = 0.25, zp = 3>
!y = !qnn.q<ui8, scale = 1.0, zp = 0>

// 16 ui4 channels (zero point 3) between two convolutions: the first's
// requantization writes [1, 8, 4, 4] bytes (loops n c' h w | j, channel
// c' * 2 + j, shifts [0, 4]); the second's padding byte repeats the zero
// point in both nibbles (0x33 = 51); its accumulation reads byte
// c floordiv 2 and unpacks nibble c mod 2 (logical shift: unsigned).
// CHECK-LABEL: func.func @conv_conv(
// CHECK-DAG: %[[SH:.*]] = arith.constant dense<[0, 4]> : tensor<2xi8>
// CHECK-DAG: %[[PV:.*]] = arith.constant 51 : i8
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4) -> (d0, (d1 * 2 + d4) floordiv 16, d2, d3, (d1 * 2 + d4) mod 16)>, affine_map<(d0, d1, d2, d3, d4) -> (d4)>, affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%{{.*}}, %[[SH]] : tensor<1x1x4x4x16xi32>, tensor<2xi8>)
// CHECK-SAME: outs(%{{.*}} : tensor<1x8x4x4xi8>) attrs = {qcc.kernel = "requantize", qcc.packed_bits = 4 : i64}
// CHECK: ^bb0(
// CHECK-SAME: %[[S:[^:]*]]: i8, %[[OUT:[^:]*]]: i8):
// CHECK:   %[[V:.*]] = arith.trunci %{{.*}} : i64 to i8
// CHECK:   %[[M:.*]] = arith.andi %[[V]], %c15_i8 : i8
// CHECK:   %[[F:.*]] = arith.shli %[[M]], %[[S]] : i8
// CHECK:   %[[O:.*]] = arith.ori %[[OUT]], %[[F]] : i8
// CHECK:   linalg.yield %[[O]] : i8
// CHECK: %[[PAD:.*]] = tensor.pad %[[P]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[PV]] : i8
// CHECK: } : tensor<1x8x4x4xi8> to tensor<1x8x6x6xi8>
// CHECK: %[[X:.*]] = tensor.expand_shape %[[PAD]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 1, 8, 6, 6]
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4 floordiv 2, d2 + d5, d3 + d6)>,
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<1x1x8x6x6xi8>,
// CHECK-SAME: qcc.conv_params = {{{.*}}x_bits = 4 : i64, x_kind = "unsigned"{{.*}}}
// CHECK: ^bb0(%[[B:[^:]*]]: i8,
// CHECK:   %[[C:.*]] = linalg.index 4 : index
// CHECK:   arith.remui %[[C]], %c2 : index
// CHECK:   %[[L:.*]] = arith.shli %[[B]]
// CHECK:   %[[U:.*]] = arith.shrui %[[L]]
// CHECK:   arith.extui %[[U]] : i8 to i32
// CHECK-NOT: qcc.out_bits
func.func @conv_conv(%x: tensor<1x2x4x4x!x>) -> tensor<1x8x4x4x!y> {
  %w1 = qnn.constant dense<1> : tensor<16x2x1x1xi8> : tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %a = qnn.conv2d %x, %w1 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x4x4x!x>, tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x16x4x4x!a>
  %w2 = qnn.constant dense<2> : tensor<8x16x3x3xi8> : tensor<8x16x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  %y = qnn.conv2d %a, %w2 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<1x16x4x4x!a>, tensor<8x16x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x8x4x4x!y>
  return %y : tensor<1x8x4x4x!y>
}

// -----

!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!a = !qnn.q<i2, scale = 0.25, zp = 0>
!y = !qnn.q<ui8, scale = 1.0, zp = 0>

// An i2 add result read by a 1x1 convolution (no padding): the add writes
// it packed, 4 per byte (8 channels -> 2 bytes), the convolution unpacks
// it (signed: arithmetic shift).
// CHECK-LABEL: func.func @add_conv(
// CHECK: %[[P:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x2x3x3xi8>) attrs = {qcc.kernel = "add", qcc.packed_bits = 2 : i64}
// CHECK: tensor.expand_shape %[[P]] {{.*}} into tensor<1x1x2x3x3xi8>
// CHECK: linalg.generic
// CHECK-SAME: x_bits = 2 : i64, x_kind = "signed"
// CHECK: arith.shrsi
func.func @add_conv(%p: tensor<1x8x3x3x!a>, %q: tensor<1x8x3x3x!a>) -> tensor<1x8x3x3x!y> {
  %a = qnn.add %p, %q : (tensor<1x8x3x3x!a>, tensor<1x8x3x3x!a>) -> tensor<1x8x3x3x!a>
  %w = qnn.constant dense<1> : tensor<8x8x1x1xi8> : tensor<8x8x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %y = qnn.conv2d %a, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x8x3x3x!a>, tensor<8x8x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x8x3x3x!y>
  return %y : tensor<1x8x3x3x!y>
}

// -----

!x = !qnn.q<ui8, scale = 0.5, zp = 0>
!a = !qnn.q<ui4, scale = 0.25, zp = 0>

// Not packed: a graph output (the ABI has one value per byte), and 3
// channels (not a multiple of 2). The marks are gone either way.
// CHECK-LABEL: func.func @unpacked(
// CHECK-NOT: qcc.packed_bits
// CHECK-NOT: qcc.out_bits
// CHECK: return
func.func @unpacked(%x: tensor<1x2x4x4x!x>) -> (tensor<1x16x4x4x!a>, tensor<1x3x4x4x!x>) {
  %w1 = qnn.constant dense<1> : tensor<16x2x1x1xi8> : tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %a = qnn.conv2d %x, %w1 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x4x4x!x>, tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x16x4x4x!a>
  %w2 = qnn.constant dense<1> : tensor<3x2x1x1xi8> : tensor<3x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %b = qnn.conv2d %x, %w2 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x4x4x!x>, tensor<3x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x4x4x!a>
  %w3 = qnn.constant dense<1> : tensor<3x3x1x1xi8> : tensor<3x3x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %c = qnn.conv2d %b, %w3 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x3x4x4x!a>, tensor<3x3x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x3x4x4x!x>
  return %a, %c : tensor<1x16x4x4x!a>, tensor<1x3x4x4x!x>
}

// -----

// A signed i4 value read by a padded MaxPool: the pool pads with the type's
// smallest value, -8, which fits a nibble; the packed padding byte repeats
// it: 0x88 = -120.
// CHECK-LABEL: func.func @maxpool_i4(
// CHECK: %[[P:.*]] = linalg.generic
// CHECK-SAME: qcc.packed_bits = 4 : i64
// CHECK: tensor.pad %[[P]] low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK:   tensor.yield %c-120_i8 : i8
// CHECK: qcc.kernel = "max_pool2d"
// CHECK: arith.shrsi
func.func @maxpool_i4(%x: tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>> {
  %a = qnn.requantize %x : tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>>
  %y = qnn.max_pool2d %a {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 0, 0>} : tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>> -> tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>>
  return %y : tensor<1x2x2x2x!qnn.q<i4, scale = 0.5, zp = 0>>
}

// -----

// A ui4 value reinterpreted as ui8 with zero point 128 before a padded
// convolution: the padding, 128, does not fit a 4-bit field, so the value
// stays one per byte.
// CHECK-LABEL: func.func @pad_does_not_fit(
// CHECK-NOT: qcc.packed_bits
// CHECK: tensor.yield %c-128_i8 : i8
// CHECK-NOT: qcc.packed_bits
// CHECK: return
func.func @pad_does_not_fit(%x: tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x8x3x3x!qnn.q<i8, scale = 4.0, zp = 0>> {
  %a = qnn.requantize %x : tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui4, scale = 0.25, zp = 0>>
  %s = qnn.storage_cast %a : tensor<1x2x3x3x!qnn.q<ui4, scale = 0.25, zp = 0>> -> tensor<1x2x3x3xui8>
  %b = qnn.storage_cast %s : tensor<1x2x3x3xui8> -> tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 128>>
  %w = qnn.constant dense<1> : tensor<8x2x3x3xi8> : tensor<8x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  %y = qnn.conv2d %b, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64} : (tensor<1x2x3x3x!qnn.q<ui8, scale = 0.25, zp = 128>>, tensor<8x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x8x3x3x!qnn.q<i8, scale = 4.0, zp = 0>>
  return %y : tensor<1x8x3x3x!qnn.q<i8, scale = 4.0, zp = 0>>
}

// -----

// Regression (python/qcc_difftest.py seed 6002 graph 776, SIGSEGV): a
// lookup table whose every entry is the same (a Softplus saturating its
// 4-bit output) folds to a body that yields a constant defined above it.
// Packing its result cloned the body and looked that constant up among the
// body's values (null); the packed producer now yields it as it is.
// CHECK-LABEL: func.func @constant_table(
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x3x3xi8>) attrs = {qcc.kernel = "lookup_table", qcc.packed_bits = 4 : i64}
// CHECK: ^bb0(
// CHECK-SAME: %[[S:[^:]*]]: i8, %[[OUT:[^:]*]]: i8):
// CHECK:   %[[F:.*]] = arith.shli %c15_i8, %[[S]] : i8
// CHECK:   %[[O:.*]] = arith.ori %[[OUT]], %[[F]] : i8
// CHECK:   linalg.yield %[[O]] : i8
func.func @constant_table(%x: tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x4x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %a = qnn.requantize %x : tensor<1x2x3x3x!qnn.q<ui8, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui2, scale = 0.5, zp = 0>>
  %t = qnn.lookup_table %a {table = array<i64: 15, 15, 15, 15>} : tensor<1x2x3x3x!qnn.q<ui2, scale = 0.5, zp = 0>> -> tensor<1x2x3x3x!qnn.q<ui4, scale = 0.25, zp = 0>>
  %w = qnn.constant dense<1> : tensor<4x2x1x1xi8> : tensor<4x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %y = qnn.conv2d %t, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x2x3x3x!qnn.q<ui4, scale = 0.25, zp = 0>>, tensor<4x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x4x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x4x3x3x!qnn.q<ui8, scale = 1.0, zp = 0>>
}
