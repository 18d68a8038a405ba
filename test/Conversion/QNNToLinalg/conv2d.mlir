// qnn.conv2d -> tensor.pad (input zero-point) + group-split expand_shape +
// one i32 accumulation linalg.generic (qcc.kernel = "conv2d") + one
// elementwise requantization linalg.generic (qcc.kernel = "requantize").
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// Requantization constants, derived independently (binary32 scales, ratio in
// double, frexp, shift = 31 - e, mult = round-half-even(m * 2^31)):
//   s_in = 0.0235, s_w = [0.0031, 0.0047], s_out = 0.0617
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); [print(31 - e, round(m * 2**31)) for m, e in (math.frexp(f(0.0235) * f(w) / f(0.0617)) for w in (0.0031, 0.0047))]'
//   -> shift 40, mult 1298207778 ; shift 40, mult 1968250417
//   (computing the ratio in binary32 instead would give 1298207872 / 1968250496)
// Clamp (ReLU6: out_min = 0, out_max = 6, zp_out = 3, ui8):
//   /usr/bin/python3 -c 'import numpy as np; s = float(np.float32(0.0617)); print(max(0, round(0 / s) + 3), min(255, round(6 / s) + 3))'
//   -> [3, 100]

// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// Loop dims: n g f oh | c kh kw | ow.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 + d5, d6 + d7)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d4, d5, d6)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d7)>

// CHECK-LABEL: func.func @conv_per_channel_relu6(
// CHECK-SAME: %[[X_ARG:.*]]: tensor<1x3x8x8xi8>, %[[W_ARG:.*]]: tensor<2x3x3x3xi8>, %[[B_ARG:.*]]: tensor<2xi32>) -> tensor<1x2x8x8xi8>
// Padding holds the input zero-point 128 (stored as i8: -128).
// CHECK: %[[PADV:.*]] = arith.constant -128 : i8
// CHECK: %[[PAD:.*]] = tensor.pad %[[X_ARG]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:   tensor.yield %[[PADV]] : i8
// CHECK: } : tensor<1x3x8x8xi8> to tensor<1x3x10x10xi8>
// CHECK: %[[X5:.*]] = tensor.expand_shape %[[PAD]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 1, 3, 10, 10] : tensor<1x3x10x10xi8> into tensor<1x1x3x10x10xi8>
// CHECK: %[[W5:.*]] = tensor.expand_shape %[[W_ARG]] {{\[}}[0, 1], [2], [3], [4]] output_shape [1, 2, 3, 3, 3] : tensor<2x3x3x3xi8> into tensor<1x2x3x3x3xi8>
// The accumulator starts as the bias broadcast along the channels.
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x8x8xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[B_ARG]] : tensor<2xi32>) outs(%[[E]] : tensor<1x2x8x8xi32>)
// CHECK: %[[ACC5:.*]] = tensor.expand_shape %[[INIT]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 1, 2, 8, 8]
// CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[O]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X5]], %[[W5]] : tensor<1x1x3x10x10xi8>, tensor<1x2x3x3x3xi8>) outs(%[[ACC5]] : tensor<1x1x2x8x8xi32>)
// CHECK-SAME: qcc.kernel = "conv2d"
// CHECK: ^bb0(%[[IN:.*]]: i8, %[[WV:.*]]: i8, %[[OUT:.*]]: i32):
// Unsigned input, signed weight; only the non-zero input zero-point is subtracted.
// CHECK:   %[[XE:.*]] = arith.extui %[[IN]] : i8 to i32
// CHECK:   %[[WE:.*]] = arith.extsi %[[WV]] : i8 to i32
// CHECK:   %[[ZX:.*]] = arith.constant 128 : i32
// CHECK:   %[[XS:.*]] = arith.subi %[[XE]], %[[ZX]] : i32
// CHECK:   %[[P:.*]] = arith.muli %[[XS]], %[[WE]] : i32
// CHECK:   %[[S:.*]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK:   linalg.yield %[[S]] : i32
// CHECK: } -> tensor<1x1x2x8x8xi32>
// CHECK: %[[ACC:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x1x2x8x8xi32> into tensor<1x2x8x8xi32>
// Per-channel multipliers; the shift (40) is the same for both channels.
// CHECK: %[[MULT:.*]] = arith.constant dense<[1298207778, 1968250417]> : tensor<2xi32>
// CHECK: %[[RQ:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[BIAS]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[ACC]], %[[MULT]] : tensor<1x2x8x8xi32>, tensor<2xi32>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[A:.*]]: i32, %[[M:.*]]: i32, %{{.*}}: i8):
// CHECK:   %[[A64:.*]] = arith.extsi %[[A]] : i32 to i64
// CHECK:   %[[M64:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK:   %[[PROD:.*]] = arith.muli %[[A64]], %[[M64]] : i64
// CHECK:   %[[SH:.*]] = arith.constant 40 : i64
// CHECK:   %[[ONE:.*]] = arith.constant 1 : i64
// round_half_even(prod * 2^-40) as one biased shift (the product of an i32
// accumulator and a multiplier below 2^31 is within 2^62):
// (prod + 2^39 - 1 + (floor(prod * 2^-40) & 1)) >> 40.
// CHECK:   %[[Q:.*]] = arith.shrsi %[[PROD]], %[[SH]] : i64
// CHECK:   %[[ODD:.*]] = arith.andi %[[Q]], %[[ONE]] : i64
// CHECK:   %[[SM1:.*]] = arith.subi %[[SH]], %[[ONE]] : i64
// CHECK:   %[[HALF:.*]] = arith.shli %[[ONE]], %[[SM1]] : i64
// CHECK:   %[[HM1:.*]] = arith.subi %[[HALF]], %[[ONE]] : i64
// CHECK:   %[[RB:.*]] = arith.addi %[[HM1]], %[[ODD]] : i64
// CHECK:   %[[SUM:.*]] = arith.addi %[[PROD]], %[[RB]] : i64
// CHECK:   %[[R:.*]] = arith.shrsi %[[SUM]], %[[SH]] : i64
// CHECK:   %[[ZO:.*]] = arith.constant 3 : i64
// CHECK:   %[[RZ:.*]] = arith.addi %[[R]], %[[ZO]] : i64
// CHECK:   %[[LO:.*]] = arith.constant 3 : i64
// CHECK:   %[[C1:.*]] = arith.maxsi %[[RZ]], %[[LO]] : i64
// CHECK:   %[[HI:.*]] = arith.constant 100 : i64
// CHECK:   %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK:   %[[T:.*]] = arith.trunci %[[C2]] : i64 to i8
// CHECK:   linalg.yield %[[T]] : i8
// CHECK: return %[[RQ]] : tensor<1x2x8x8xi8>
func.func @conv_per_channel_relu6(
    %x: tensor<1x3x8x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>,
    %w: tensor<2x3x3x3x!qnn.q<i8, axis = 0, scale = [0.0031, 0.0047], zp = [0, 0]>>,
    %b: tensor<2xi32>) -> tensor<1x2x8x8x!qnn.q<ui8, scale = 0.0617, zp = 3>> {
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64, out_min = 0.0 : f64, out_max = 6.0 : f64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>, tensor<2x3x3x3x!qnn.q<i8, axis = 0, scale = [0.0031, 0.0047], zp = [0, 0]>>, tensor<2xi32>)
      -> tensor<1x2x8x8x!qnn.q<ui8, scale = 0.0617, zp = 3>>
  return %0 : tensor<1x2x8x8x!qnn.q<ui8, scale = 0.0617, zp = 3>>
}

// -----

// Per-channel shifts, per-channel output scales / zero-points and clamp
// bounds all become tensor inputs of the requantization indexed by the
// channel dim; a uniform parameter stays a scalar constant in the body.
//   ratios s_in * s_w / s_out[f] = 0.5*0.5/[0.25, 0.5, 1.0, 0.125] = [1, 0.5, 0.25, 2]
//   /usr/bin/python3 -c 'import math; [print(31 - e, round(m * 2**31)) for m, e in (math.frexp(r) for r in (1, 0.5, 0.25, 2))]'
//   -> shifts [30, 31, 32, 29], mult 1073741824 for all
// Output i8 per channel zp [0, 1, -2, 5]; no range -> bounds [-128, 127].

// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_per_channel_output
// No padding: no tensor.pad; no bias: the accumulator is a zero fill.
// CHECK-NOT: tensor.pad
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[Z]] : i32) outs(%{{.*}} : tensor<1x4x6x6xi32>)
// CHECK: qcc.kernel = "conv2d"
// Signed input with zero-point 0: no subtraction.
// CHECK: arith.extsi
// CHECK-NEXT: arith.extsi
// CHECK-NEXT: arith.muli
// CHECK-NEXT: arith.addi
// CHECK: %[[SHIFT:.*]] = arith.constant dense<[30, 31, 32, 29]> : tensor<4xi8>
// CHECK: %[[ZP:.*]] = arith.constant dense<[0, 1, -2, 5]> : tensor<4xi8>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[ID]]]
// CHECK-SAME: ins(%{{.*}}, %[[SHIFT]], %[[ZP]] : tensor<1x4x6x6xi32>, tensor<4xi8>, tensor<4xi8>)
// CHECK-SAME: qcc.kernel = "requantize"
// CHECK: ^bb0(%[[A:.*]]: i32, %[[S:.*]]: i8, %[[ZPV:.*]]: i8, %{{.*}}: i8):
// CHECK: arith.constant 1073741824 : i64
// CHECK: %[[S64:.*]] = arith.extsi %[[S]] : i8 to i64
// CHECK: arith.shrsi %{{.*}}, %[[S64]] : i64
// CHECK: %[[ZP64:.*]] = arith.extsi %[[ZPV]] : i8 to i64
// CHECK: arith.addi %{{.*}}, %[[ZP64]] : i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
func.func @conv_per_channel_output(
    %x: tensor<1x2x8x8x!qnn.q<i8, scale = 0.5, zp = 0>>,
    %w: tensor<4x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>)
    -> tensor<1x4x6x6x!qnn.q<i8, axis = 1, scale = [0.25, 0.5, 1.0, 0.125], zp = [0, 1, -2, 5]>> {
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x2x8x8x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<4x2x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>)
      -> tensor<1x4x6x6x!qnn.q<i8, axis = 1, scale = [0.25, 0.5, 1.0, 0.125], zp = [0, 1, -2, 5]>>
  return %0 : tensor<1x4x6x6x!qnn.q<i8, axis = 1, scale = [0.25, 0.5, 1.0, 0.125], zp = [0, 1, -2, 5]>>
}

// -----

// Grouped convolution (2 groups of 2 input / 3 output channels) with stride
// (3, 2), dilation (2, 1) and asymmetric padding (top 1 only), plain i32
// result (ConvInteger): no requantization.
//   OH = (9 + 1 + 0 - (2*(3-1)+1)) / 3 + 1 = 2,  OW = (9 - 3) / 2 + 1 = 4
//   input row = oh*3 + kh*2, input column = ow*2 + kw

// CHECK-DAG: #[[GX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 * 3 + d5 * 2, d7 * 2 + d6)>
// CHECK-DAG: #[[GW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d4, d5, d6)>
// CHECK-DAG: #[[GO:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d7)>
// CHECK-LABEL: func.func @conv_grouped_strided_dilated
// CHECK-SAME: -> tensor<1x6x2x4xi32>
// Signed input zero-point -3 pads.
// CHECK: %[[PV:.*]] = arith.constant -3 : i8
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 0, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: tensor<1x4x9x9xi8> to tensor<1x4x10x9xi8>
// x: [N, C, H, W] -> [N, G, C/G, H, W]; w: [F, C/G, KH, KW] -> [G, F/G, C/G, KH, KW]
// CHECK: %[[X5:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 10, 9] : tensor<1x4x10x9xi8> into tensor<1x2x2x10x9xi8>
// CHECK: %[[W5:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xi8> into tensor<2x3x2x3x3xi8>
// CHECK: linalg.fill
// CHECK: %[[ACC5:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 3, 2, 4] : tensor<1x6x2x4xi32> into tensor<1x2x3x2x4xi32>
// CHECK: %[[CONV:.*]] = linalg.generic {indexing_maps = [#[[GX]], #[[GW]], #[[GO]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X5]], %[[W5]] : tensor<1x2x2x10x9xi8>, tensor<2x3x2x3x3xi8>) outs(%[[ACC5]] : tensor<1x2x3x2x4xi32>)
// CHECK-SAME: qcc.kernel = "conv2d"
// CHECK: arith.extsi
// CHECK: arith.extsi
// CHECK: %[[ZX:.*]] = arith.constant -3 : i32
// CHECK: arith.subi %{{.*}}, %[[ZX]] : i32
// CHECK: %[[RES:.*]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x2x4xi32> into tensor<1x6x2x4xi32>
// CHECK-NOT: qcc.kernel = "requantize"
// CHECK: return %[[RES]] : tensor<1x6x2x4xi32>
func.func @conv_grouped_strided_dilated(
    %x: tensor<1x4x9x9x!qnn.q<i8, scale = 0.5, zp = -3>>,
    %w: tensor<6x2x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x6x2x4xi32> {
  %0 = qnn.conv2d %x, %w {strides = array<i64: 3, 2>, dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 0, 0>, groups = 2 : i64}
      : (tensor<1x4x9x9x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<6x2x3x3x!qnn.q<i8, scale = 0.25, zp = 0>>) -> tensor<1x6x2x4xi32>
  return %0 : tensor<1x6x2x4xi32>
}

// -----

// Depthwise (groups == C == 3, one filter per group), unsigned weight with
// zero-point 7, batch 2.
//   ratio 0.5 * 0.25 / 0.125 = 1 -> frexp(1) = 0.5 * 2^1 -> shift 30, mult 2^30 = 1073741824

// CHECK-DAG: #[[DX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 + d5, d6 + d7)>
// CHECK-LABEL: func.func @conv_depthwise
// CHECK: %[[PV:.*]] = arith.constant 0 : i8
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 3, 1, 7, 7] : tensor<2x3x7x7xi8> into tensor<2x3x1x7x7xi8>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3], [4]] output_shape [3, 1, 1, 3, 3] : tensor<3x1x3x3xi8> into tensor<3x1x1x3x3xi8>
// CHECK: linalg.generic {indexing_maps = [#[[DX]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
// CHECK-SAME: outs(%{{.*}} : tensor<2x3x1x5x5xi32>)
// CHECK-SAME: qcc.kernel = "conv2d"
// CHECK: %[[XE:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: %[[WE:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: %[[ZW:.*]] = arith.constant 7 : i32
// CHECK: %[[WS:.*]] = arith.subi %[[WE]], %[[ZW]] : i32
// CHECK: arith.muli %[[XE]], %[[WS]] : i32
// CHECK: qcc.kernel = "requantize"
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 30 : i64
func.func @conv_depthwise(%x: tensor<2x3x5x5x!qnn.q<ui8, scale = 0.5, zp = 0>>,
                          %w: tensor<3x1x3x3x!qnn.q<ui8, scale = 0.25, zp = 7>>)
    -> tensor<2x3x5x5x!qnn.q<i8, scale = 0.125, zp = 0>> {
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 3 : i64}
      : (tensor<2x3x5x5x!qnn.q<ui8, scale = 0.5, zp = 0>>, tensor<3x1x3x3x!qnn.q<ui8, scale = 0.25, zp = 7>>)
      -> tensor<2x3x5x5x!qnn.q<i8, scale = 0.125, zp = 0>>
  return %0 : tensor<2x3x5x5x!qnn.q<i8, scale = 0.125, zp = 0>>
}

// -----

// The ratio rounds up to exactly 2^31 * 2^e: the multiplier is halved and the
// shift lowered by one.
//   s_in = 1 + 2^-23 (printed 1.00000012), s_w = 1 - 2^-23 (0.999999881), s_out = 1
//   r = 1 - 2^-46; frexp -> m = 1 - 2^-46, e = 0; round(m * 2^31) = 2^31
//   -> mult 2^30 = 1073741824, shift 31 - 0 - 1 = 30
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); m, e = math.frexp(f(1.00000012) * f(0.999999881) / f(1.0)); print(e, round(m * 2**31) == 2**31)'
//   -> 0 True
// CHECK-LABEL: func.func @conv_multiplier_rounds_to_2p31
// CHECK: qcc.kernel = "requantize"
// CHECK: arith.constant 1073741824 : i64
// CHECK: arith.constant 30 : i64
func.func @conv_multiplier_rounds_to_2p31(
    %x: tensor<1x1x1x1x!qnn.q<i8, scale = 1.00000012, zp = 0>>,
    %w: tensor<1x1x1x1x!qnn.q<i8, scale = 0.999999881, zp = 0>>)
    -> tensor<1x1x1x1x!qnn.q<i8, scale = 1.0, zp = 0>> {
  %0 = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x1x1x1x!qnn.q<i8, scale = 1.00000012, zp = 0>>, tensor<1x1x1x1x!qnn.q<i8, scale = 0.999999881, zp = 0>>)
      -> tensor<1x1x1x1x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0 : tensor<1x1x1x1x!qnn.q<i8, scale = 1.0, zp = 0>>
}
