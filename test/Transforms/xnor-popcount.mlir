// qcc-xnor-popcount: binary x binary accumulations become XNOR-popcount over
// packed words; the input is packed to sign / mask words by a "pack_bits"
// generic, the weights at compile time (bit set for -1).
// RUN: qcc-opt %s --convert-qnn-to-linalg --canonicalize --qcc-xnor-popcount --canonicalize --split-input-file | FileCheck %s

// C = 3 channels: 8-bit words (at most C/16 padding bits allowed for wider
// ones). NCHW-accumulator path (2 filters), x padded by 1 column each side:
// padding is 0, so its mask bit is 0. Weights w[f][c][0][kw]:
//   f0: c0 [1 -1 1] c1 [-1 -1 1] c2 [1 1 1]
//   f1: c0 [-1 -1 -1] c1 [1 -1 1] c2 [-1 1 1]
// Packed [G=1, F=2, CW=1, KH=1, KW=3], bit c set for -1, per (f, kw):
//   f0: 0x02 0x03 0x00   f1: 0x05 0x03 0x01
// CHECK-LABEL: func.func @bconv(
// CHECK-DAG: %[[W:.*]] = arith.constant dense_resource<xnor_weights> : tensor<1x2x1x1x3xi8>
// CHECK: %[[PAD:.*]] = tensor.pad
// CHECK: %[[X:.*]] = tensor.expand_shape %[[PAD]]
// CHECK: %[[P:.*]]:2 = linalg.generic {indexing_maps = [#{{.*}}, #[[PM:.*]], #[[PM]]], iterator_types = ["parallel", "parallel", "reduction", "parallel", "parallel"]} ins(%[[X]] : tensor<1x1x3x4x6xi8>) outs(%{{.*}}, %{{.*}} : tensor<1x1x1x4x6xi8>, tensor<1x1x1x4x6xi8>) attrs = {qcc.kernel = "pack_bits"}
// CHECK:   %[[C:.*]] = linalg.index 2 : index
// CHECK:   arith.remui %[[C]], %c8
// CHECK:   arith.cmpi slt
// CHECK:   arith.cmpi ne
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]]#0, %[[P]]#1, %[[W]] : tensor<1x1x1x4x6xi8>, tensor<1x1x1x4x6xi8>, tensor<1x2x1x1x3xi8>)
// CHECK-SAME: attrs = {qcc.kernel = "conv2d", qcc.xnor_popcount}
// CHECK: ^bb0(%[[S:.*]]: i8, %[[M:.*]]: i8, %[[WB:.*]]: i8, %[[ACC:.*]]: i32):
// CHECK:   %[[D:.*]] = arith.xori %[[S]], %[[WB]] : i8
// CHECK:   %[[DM:.*]] = arith.andi %[[D]], %[[M]] : i8
// CHECK:   %[[N:.*]] = math.ctpop %[[M]] : i8
// CHECK:   %[[ND:.*]] = math.ctpop %[[DM]] : i8
// CHECK:   %[[ND2:.*]] = arith.shli %[[ND]], %c1_i8 : i8
// CHECK:   %[[SUM:.*]] = arith.subi %[[N]], %[[ND2]] : i8
// CHECK:   %[[S32:.*]] = arith.extsi %[[SUM]] : i8 to i32
// CHECK:   arith.addi %[[ACC]], %[[S32]] : i32
// CHECK: qcc.kernel = "requantize"
// CHECK: xnor_weights: "0x01000000020300050301"
// CHECK-NOT: qcc.weight_kind
func.func @bconv(%x: tensor<1x3x4x4x!qnn.q<b1, scale = 1.0>>) -> tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>> {
  %w = qnn.constant dense<[[[[1, -1, 1]], [[-1, -1, 1]], [[1, 1, 1]]], [[[-1, -1, -1]], [[1, -1, 1]], [[-1, 1, 1]]]]> : tensor<2x3x1x3xi8> : tensor<2x3x1x3x!qnn.q<b1, axis = 0, scale = [0.5, 0.25]>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 1>, groups = 1 : i64} : (tensor<1x3x4x4x!qnn.q<b1, scale = 1.0>>, tensor<2x3x1x3x!qnn.q<b1, axis = 0, scale = [0.5, 0.25]>>) -> tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>>
  return %y : tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>>
}

// -----

// Matmul, K = 70: 64-, 32- and 16-bit words would waste 58, 26 and 10 bits
// (more than K/16 = 4), 8-bit words 2: 9 words per column; the weights
// [K, N] pack along K (the reduction both operands index) to [9, 3]. The
// packed bytes below were computed independently (bit k % 8 of word k / 8
// of column n is set when w[k][n] = -1).
// CHECK-LABEL: func.func @bmatmul(
// CHECK: %[[W:.*]] = arith.constant dense_resource<xnor_weights> : tensor<9x3xi8>
// CHECK: %[[P:.*]]:2 = linalg.generic {{.*}} ins(%{{.*}} : tensor<2x70xi8>) outs({{.*}} : tensor<2x9xi8>, tensor<2x9xi8>) attrs = {qcc.kernel = "pack_bits"}
// CHECK: linalg.generic {{.*}} ins(%[[P]]#0, %[[P]]#1, %[[W]] : tensor<2x9xi8>, tensor<2x9xi8>, tensor<9x3xi8>)
// CHECK-SAME: attrs = {qcc.kernel = "matmul", qcc.xnor_popcount}
// CHECK: xnor_weights: "0x01000000962C8977BB71B3AEA468D8F562BFB74D2FD5E1B4C7276B19203F00"
func.func @bmatmul(%x: tensor<2x70x!qnn.q<b1, scale = 1.0>>) -> tensor<2x3x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %w = qnn.constant dense<[[1, 1, -1], [-1, 1, 1], [-1, -1, 1], [1, -1, -1], [-1, 1, 1], [1, -1, 1], [1, 1, 1], [-1, 1, -1], [-1, -1, -1], [-1, -1, 1], [-1, 1, 1], [1, -1, 1], [-1, -1, -1], [-1, -1, -1], [-1, 1, -1], [1, -1, 1], [-1, 1, 1], [-1, -1, 1], [1, -1, -1], [1, -1, 1], [-1, 1, 1], [-1, -1, -1], [1, 1, 1], [-1, -1, -1], [1, 1, -1], [1, 1, 1], [1, 1, -1], [-1, -1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, -1], [1, -1, -1], [1, -1, -1], [-1, -1, -1], [1, -1, -1], [1, -1, 1], [1, -1, -1], [-1, -1, -1], [-1, 1, 1], [1, -1, -1], [-1, -1, -1], [1, -1, 1], [-1, -1, -1], [-1, -1, 1], [1, 1, -1], [1, -1, 1], [-1, 1, -1], [1, 1, -1], [-1, 1, -1], [1, 1, -1], [1, -1, -1], [1, 1, 1], [1, -1, 1], [-1, -1, 1], [-1, 1, -1], [-1, -1, -1], [-1, -1, -1], [-1, -1, 1], [-1, 1, 1], [1, -1, -1], [1, 1, -1], [-1, -1, 1], [1, -1, 1], [1, 1, 1], [1, -1, 1], [1, -1, 1], [1, -1, 1], [1, -1, 1], [1, -1, 1], [-1, -1, 1]]> : tensor<70x3xi8> : tensor<70x3x!qnn.q<b1, axis = 1, scale = [0.5, 0.25, 0.125]>>
  %y = qnn.matmul %x, %w : (tensor<2x70x!qnn.q<b1, scale = 1.0>>, tensor<70x3x!qnn.q<b1, axis = 1, scale = [0.5, 0.25, 0.125]>>) -> tensor<2x3x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %y : tensor<2x3x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// -----

// Wider layers: C = 96 takes 32-bit words (3 per position, no padding bit),
// filters innermost (16 filters).
// CHECK-LABEL: func.func @bconv_wide(
// CHECK: dense_resource<xnor_weights> : tensor<1x3x1x1x16xi32>
// CHECK: ins(%{{.*}} : tensor<1x1x96x2x2xi8>) outs(%{{.*}}, %{{.*}} : tensor<1x1x3x2x2xi32>, tensor<1x1x3x2x2xi32>) attrs = {qcc.kernel = "pack_bits"}
// CHECK: math.ctpop %{{.*}} : i32
func.func @bconv_wide(%x: tensor<1x96x2x2x!qnn.q<b1, scale = 1.0>>) -> tensor<1x16x2x2x!qnn.q<b1, scale = 1.0>> {
  %w = qnn.constant dense<-1> : tensor<16x96x1x1xi8> : tensor<16x96x1x1x!qnn.q<b1, scale = 0.5>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x96x2x2x!qnn.q<b1, scale = 1.0>>, tensor<16x96x1x1x!qnn.q<b1, scale = 0.5>>) -> tensor<1x16x2x2x!qnn.q<b1, scale = 1.0>>
  return %y : tensor<1x16x2x2x!qnn.q<b1, scale = 1.0>>
}

// -----

// Bipolar weights with an 8-bit input stay a multiply-accumulate (for
// qcc-pack-subbyte-weights).
// CHECK-LABEL: func.func @bipolar_weights_i8_input(
// CHECK-NOT: qcc.xnor_popcount
// CHECK: qcc.weight_kind = "bipolar"
// CHECK-NOT: qcc.xnor_popcount
func.func @bipolar_weights_i8_input(%x: tensor<1x3x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>> {
  %w = qnn.constant dense<1> : tensor<2x3x1x1xi8> : tensor<2x3x1x1x!qnn.q<b1, scale = 0.5>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x3x4x4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<2x3x1x1x!qnn.q<b1, scale = 0.5>>) -> tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>>
  return %y : tensor<1x2x4x4x!qnn.q<b1, scale = 1.0>>
}
