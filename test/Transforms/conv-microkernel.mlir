// RUN: qcc-opt %s --qcc-lower-to-buffers=library-kernels=0 --mlir-print-local-scope | FileCheck %s
// RUN: qcc-opt %s --qcc-lower-to-buffers=library-kernels=0 --mlir-print-local-scope | FileCheck %s --check-prefix=ARENA

// The generated kernels (library-kernels=0: no call to the runtime's
// qcc_uk_conv2d_row_i8, which conv-microkernel-library.mlir tests).

// F/G = 16, signed symmetric weights, OW = 7: blocks of 7 output pixels x 16
// channels; 7 accumulators of vector<16xi32> start at the fill value (no
// bias), are carried through the c / kh / kw loops and stored once, into a
// scratch row of 7 x 16 i32; products in i16 (|x - zx| <= 255,
// |w| <= 128). The requantization follows each row: a copy of the
// requantize generic over the [1, 16, 1, 7] tile of the output.
// The arena holds the padded input (162 bytes at 448) and the one scratch
// row (448 bytes), not a 7 x 7 x 16 i32 accumulator (3136 bytes).
// ARENA-LABEL: func.func @i16(
// ARENA-SAME: qcc.arena_bytes = 640
// ARENA-NOT: 7x7x16xi32
// ARENA: memref.view %{{.*}} : memref<640xi8> to memref<1x1x1x7x16xi32>
// ARENA-NOT: 7x7x16xi32
// ARENA: call @i16_kernel{{[0-9]+}}({{.*}}) {qcc.kernel = "conv2d"}
// ARENA-NOT: call
// ARENA: return
// CHECK-LABEL: func.func private @i16_kernel2(
// CHECK-NOT: linalg.generic
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for %[[OH:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: linalg.generic
// CHECK: %[[START:.*]] = vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]])
// CHECK: scf.for {{.*}} iter_args(
// CHECK: scf.for {{.*}} iter_args(
// CHECK: vector.load %{{.*}} : memref<1x2x3x3x16xi8>, vector<16xi8>
// CHECK: arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
// CHECK: memref.load %{{.*}} : memref<1x1x2x9x9xi8>
// CHECK: arith.extui %{{.*}} : i8 to i16
// CHECK: arith.subi
// CHECK: vector.broadcast %{{.*}} : i16 to vector<16xi16>
// CHECK: arith.muli %{{.*}} : vector<16xi16>
// CHECK: arith.extsi %{{.*}} : vector<16xi16> to vector<16xi32>
// CHECK: arith.addi %{{.*}} : vector<16xi32>
// CHECK-COUNT-7: vector.store %{{.*}} : memref<1x1x1x7x16xi32>, vector<16xi32>
// CHECK: %[[TILE:.*]] = memref.subview %{{.*}}[%{{.*}}, %{{.*}}, %[[OH]], 0] [1, 16, 1, 7] [1, 1, 1, 1] : memref<1x16x7x7xi8> to
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (0, 0, 0, d3, d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>]
// CHECK-SAME: outs(%[[TILE]]
// CHECK: arith.shrsi
// CHECK: arith.trunci %{{.*}} : i64 to i8
// CHECK: return
// CHECK-NEXT: }
func.func @i16(%x: tensor<1x2x7x7x!qnn.q<ui8, scale = 0.5, zp = 100>>) -> tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<3> : tensor<16x2x3x3xi8> : tensor<16x2x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x2x7x7x!qnn.q<ui8, scale = 0.5, zp = 100>>, tensor<16x2x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// A weight zero-point (here 5) can make |w - zw| reach 133 and |x - zx| * 133
// overflow i16: products in i32. OW = 9: no block size in 7, 6, 8, 5, 4
// divides it, so blocks of 6 then a one-pixel remainder loop.
// CHECK-LABEL: func.func private @i32_kernel0(
// CHECK: vector.broadcast %{{.*}} : i32 to vector<8xi32>
// CHECK: arith.extsi %{{.*}} : vector<8xi8> to vector<8xi32>
// CHECK: arith.subi %{{.*}}, %{{.*}} : vector<8xi32>
// CHECK: arith.muli %{{.*}} : vector<8xi32>
// CHECK: scf.for %{{.*}} = %c6{{(_[0-9]+)?}} to %c9{{(_[0-9]+)?}} step %c1
// CHECK-NOT: vector<8xi16>
// CHECK: vector.store %{{.*}} : memref<1x1x1x9x8xi32>, vector<8xi32>
func.func @i32(%x: tensor<1x1x1x9x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<1> : tensor<8x1x1x1xi8> : tensor<8x1x1x1x!qnn.q<i8, scale = 0.25, zp = 5>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x1x1x9x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<8x1x1x1x!qnn.q<i8, scale = 0.25, zp = 5>>) -> tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x8x1x9x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// F/G = 12 is not a multiple of 8: the accumulation stays a linalg.generic.
// CHECK-LABEL: func.func private @twelve_kernel0(
// CHECK: linalg.generic {{.*}}qcc.conv_params
func.func @twelve(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<1> : tensor<12x1x1x1xi8> : tensor<12x1x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x1x2x2x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<12x1x1x1x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x12x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// 4-bit weights packed along the filters by qcc-pack-subbyte-weights (two
// per byte, low nibble first): the kernel loads 16 filters' weights as 8
// bytes and shifts the two nibbles out in registers (shift left, then
// arithmetic shift right for signed weights); vector.interleave puts
// filter 2i (low nibble of byte i) before filter 2i + 1.
// CHECK-LABEL: func.func private @packed_i4_kernel2(
// CHECK-NOT: linalg.generic
// CHECK: %[[RAW:.*]] = vector.load %{{.*}} : memref<1x2x3x3x8xi8>, vector<8xi8>
// CHECK: %[[L0:.*]] = arith.shli %[[RAW]], %{{.*}} : vector<8xi8>
// CHECK: %[[F0:.*]] = arith.shrsi %[[L0]], %{{.*}} : vector<8xi8>
// CHECK: %[[L1:.*]] = arith.shli %[[RAW]], %{{.*}} : vector<8xi8>
// CHECK: %[[F1:.*]] = arith.shrsi %[[L1]], %{{.*}} : vector<8xi8>
// CHECK: %[[W:.*]] = vector.interleave %[[F0]], %[[F1]] : vector<8xi8> -> vector<16xi8>
// CHECK: arith.extsi %[[W]] : vector<16xi8> to vector<16xi16>
func.func @packed_i4(%x: tensor<1x2x7x7x!qnn.q<ui8, scale = 0.5, zp = 100>>) -> tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<-3> : tensor<16x2x3x3xi8> : tensor<16x2x3x3x!qnn.q<i4, scale = 0.25, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x2x7x7x!qnn.q<ui8, scale = 0.5, zp = 100>>, tensor<16x2x3x3x!qnn.q<i4, scale = 0.25, zp = 0>>) -> tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x16x7x7x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// Bipolar weights on an 8-bit input, 16 filters: 2 bytes per load, eight
// 1-bit fields (logical shift right, then 1 - 2 * bit), interleaved in
// three levels: (0 4) (2 6) (1 5) (3 7).
// CHECK-LABEL: func.func private @packed_b1_kernel0(
// CHECK-NOT: linalg.generic
// CHECK: vector.load %{{.*}} : memref<1x1x1x1x2xi8>, vector<2xi8>
// CHECK-COUNT-8: arith.shrui %{{.*}} : vector<2xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<2xi8> -> vector<4xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<2xi8> -> vector<4xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<2xi8> -> vector<4xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<2xi8> -> vector<4xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<4xi8> -> vector<8xi8>
// CHECK-DAG: vector.interleave %{{.*}} : vector<4xi8> -> vector<8xi8>
// CHECK: vector.interleave %{{.*}} : vector<8xi8> -> vector<16xi8>
// CHECK: arith.extsi %{{.*}} : vector<16xi8> to vector<16xi16>
func.func @packed_b1(%x: tensor<1x1x2x7x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x16x2x7x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<-1> : tensor<16x1x1x1xi8> : tensor<16x1x1x1x!qnn.q<b1, scale = 0.25>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x1x2x7x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<16x1x1x1x!qnn.q<b1, scale = 0.25>>) -> tensor<1x16x2x7x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<1x16x2x7x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// The first convolution's output is 4-bit and stored packed: its
// requantization writes bytes of two channels, not the [N, F, OH, OW] i8
// tile the kernel knows how to write, so that convolution keeps its full
// accumulator (16 x 4 x 4 i32); the second one needs only a row.
// ARENA-LABEL: func.func @packed_x(
// ARENA: memref<1x1x4x4x16xi32>
// ARENA: memref<1x1x1x4x16xi32>
// ARENA: return
// A 4-bit input packed by qcc-pack-subbyte-activations (16 channels in 8
// bytes): the second convolution's kernel loads byte c / 2 and shifts
// nibble c mod 2 out (logical shift right: unsigned).
// CHECK-LABEL: func.func private @packed_x_kernel6(%{{.*}}: memref<1x1x8x6x6xi8>
// CHECK: %[[B:.*]] = memref.load %{{.*}} : memref<1x1x8x6x6xi8>
// CHECK: %[[L:.*]] = arith.shli %[[B]], %{{.*}} : i8
// CHECK: %[[U:.*]] = arith.shrui %[[L]], %{{.*}} : i8
// CHECK: arith.extui %[[U]] : i8 to i16
func.func @packed_x(%x: tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>) -> tensor<1x16x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>> {
  %w1 = qnn.constant dense<1> : tensor<16x2x1x1xi8> : tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  %a = qnn.conv2d %x, %w1 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x4x4x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<16x2x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x16x4x4x!qnn.q<ui4, scale = 0.25, zp = 3>>
  %w2 = qnn.constant dense<2> : tensor<16x16x3x3xi8> : tensor<16x16x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>
  %y = qnn.conv2d %a, %w2 {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64}
      : (tensor<1x16x4x4x!qnn.q<ui4, scale = 0.25, zp = 3>>, tensor<16x16x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x16x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
  return %y : tensor<1x16x4x4x!qnn.q<ui8, scale = 1.0, zp = 0>>
}

// Two groups of 8 filters with a bias and per-channel weight scales: the
// accumulators of group g start at the bias row bias[g] (one vector load per
// block), and the row's requantization reads the multiplier table through a
// slice at channel g * 8.
// ARENA-LABEL: func.func @grouped_bias(
// ARENA-NOT: 3x5x8xi32>
// ARENA: memref.view {{.*}} to memref<1x1x1x5x8xi32>
// ARENA-NOT: 3x5x8xi32>
// ARENA: return
// CHECK-LABEL: func.func private @grouped_bias_kernel2(
// CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<2x8xi32>
// CHECK-SAME: %[[MULT:[a-z0-9]+]]: memref<16xi8>
// CHECK: scf.for %[[N:[a-z0-9]+]] =
// CHECK: scf.for %[[G:[a-z0-9]+]] =
// CHECK: scf.for
// CHECK: scf.for
// CHECK: scf.for %[[FO:[a-z0-9]+]] =
// CHECK: %[[START:.*]] = vector.load %[[BIAS]][%[[G]], %[[FO]]] : memref<2x8xi32>, vector<8xi32>
// CHECK-NOT: vector.load %[[BIAS]]
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]], %{{.*}} = %[[START]])
// CHECK: %[[F0:.*]] = arith.muli %[[G]], %{{.*}} : index
// CHECK: %[[M:.*]] = memref.subview %[[MULT]][%[[F0]]] [8] [1]
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[M]] :
func.func @grouped_bias(%x: tensor<1x4x3x5x!qnn.q<i8, scale = 0.5, zp = -3>>) -> tensor<1x16x3x5x!qnn.q<i8, scale = 1.0, zp = 2>> {
  %w = qnn.constant dense<2> : tensor<16x2x3x3xi8> : tensor<16x2x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25], zp = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]>>
  %b = arith.constant dense<[-70, -60, -50, -40, -30, -20, -10, 0, 10, 20, 30, 40, 50, 60, 70, 80]> : tensor<16xi32>
  %y = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 2 : i64}
      : (tensor<1x4x3x5x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<16x2x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25, 0.5, 0.25], zp = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]>>, tensor<16xi32>) -> tensor<1x16x3x5x!qnn.q<i8, scale = 1.0, zp = 2>>
  return %y : tensor<1x16x3x5x!qnn.q<i8, scale = 1.0, zp = 2>>
}
