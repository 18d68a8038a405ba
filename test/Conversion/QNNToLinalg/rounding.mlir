// Rounding modes and bipolar results of qnn.quantize / qnn.requantize.
//   requantize: q = v >> s (floor); then +1 when the mode rounds the remainder
//   r = v - (q << s) up (half = 1 << (s - 1)):
//     floor: never;  ceil: r != 0;  up: r != 0 and q >= 0;  down: r != 0 and q < 0;
//     half_up: r >= half (q >= 0) / r > half (q < 0);  half_down: the reverse.
//   (q < 0 exactly when v < 0: the sign of the floor is the value's.)
//   zero_point_first (QONNX): q = (v >> s) + zp before the decision, so the
//   parity (half_even) and the sign (directed modes) are those of the
//   stored integer; the zero point is not added again.
//   bipolar: +1 iff the value is >= 0.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

!in = !qnn.q<i8, scale = 1.0, zp = 0>
!out = !qnn.q<i8, scale = 4.0, zp = 0>

// CHECK-LABEL: func.func @requant_floor(
// CHECK: arith.muli
// CHECK: %[[Q:.*]] = arith.shrsi
// CHECK-NOT: arith.cmpi
// CHECK: arith.addi %[[Q]], %{{.*}} : i64
func.func @requant_floor(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x {rounding = "floor"} : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

!in = !qnn.q<i8, scale = 1.0, zp = 0>
!out = !qnn.q<i8, scale = 4.0, zp = 0>

// CHECK-LABEL: func.func @requant_up(
// CHECK: %[[V:.*]] = arith.muli
// CHECK: %[[Q:.*]] = arith.shrsi %[[V]], %[[S:.*]] : i64
// CHECK: %[[R:.*]] = arith.subi %[[V]], %{{.*}} : i64
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[R]], %{{.*}} : i64
// CHECK: %[[POS:.*]] = arith.cmpi sge, %[[Q]], %{{.*}} : i64
// CHECK: %[[UP:.*]] = arith.andi %[[NZ]], %[[POS]] : i1
// CHECK: %[[E:.*]] = arith.extui %[[UP]] : i1 to i64
// CHECK: arith.addi %[[Q]], %[[E]] : i64
func.func @requant_up(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x {rounding = "up"} : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

!in = !qnn.q<i8, scale = 1.0, zp = 0>
!out = !qnn.q<i8, scale = 4.0, zp = 0>

// CHECK-LABEL: func.func @requant_half_up(
// CHECK: %[[V:.*]] = arith.muli
// CHECK: %[[Q:.*]] = arith.shrsi %[[V]]
// CHECK: arith.shli
// CHECK: %[[HALF:.*]] = arith.shli
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[Q]], %{{.*}} : i64
// CHECK: %[[GT:.*]] = arith.cmpi sgt, %[[R:.*]], %[[HALF]] : i64
// CHECK: %[[GE:.*]] = arith.cmpi sge, %[[R]], %[[HALF]] : i64
// CHECK: arith.select %[[NEG]], %[[GT]], %[[GE]] : i1
func.func @requant_half_up(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x {rounding = "half_up"} : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

!in = !qnn.q<i8, scale = 0.5, zp = 3>
!out = !qnn.q<b1, scale = 1.0>

// Bipolar: (q - zp) >= 0 ? 1 : -1; no multiplier.
// CHECK-LABEL: func.func @requant_bipolar(
// CHECK: ^bb0(%[[IN:.*]]: i8, %{{.*}}: i8):
// CHECK:   %[[X:.*]] = arith.extsi %[[IN]] : i8 to i64
// CHECK:   %[[XS:.*]] = arith.subi %[[X]], %{{.*}} : i64
// CHECK:   %[[GE:.*]] = arith.cmpi sge, %[[XS]], %{{.*}} : i64
// CHECK:   %[[P:.*]] = arith.constant 1 : i8
// CHECK:   %[[M:.*]] = arith.constant -1 : i8
// CHECK:   %[[R:.*]] = arith.select %[[GE]], %[[P]], %[[M]] : i8
// CHECK:   linalg.yield %[[R]] : i8
func.func @requant_bipolar(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

// quantize, floor: t = fptosi(v) (toward zero), minus 1 when v - t < 0.
// CHECK-LABEL: func.func @quantize_floor(
// CHECK: %[[V:.*]] = arith.minnumf
// CHECK: %[[T:.*]] = arith.fptosi %[[V]] : f32 to i32
// CHECK: %[[TF:.*]] = arith.sitofp %[[T]] : i32 to f32
// CHECK: %[[F:.*]] = arith.subf %[[V]], %[[TF]] : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[F]], %{{.*}} : f32
// CHECK: %[[D:.*]] = arith.extui %[[LT]] : i1 to i32
// CHECK: arith.subi %[[T]], %[[D]] : i32
func.func @quantize_floor(%x: tensor<4xf32>) -> tensor<4x!qnn.q<i4, scale = 0.5, zp = 0>> {
  %0 = qnn.quantize %x {rounding = "floor"} : tensor<4xf32> -> tensor<4x!qnn.q<i4, scale = 0.5, zp = 0>>
  return %0 : tensor<4x!qnn.q<i4, scale = 0.5, zp = 0>>
}

// -----

// quantize into a bipolar type: x / scale >= 0 ? 1 : -1 (no clamp, no rounding).
// CHECK-LABEL: func.func @quantize_bipolar(
// CHECK: %[[V:.*]] = arith.divf
// CHECK: %[[GE:.*]] = arith.cmpf oge, %[[V]], %{{.*}} : f32
// CHECK: arith.select %[[GE]], %{{.*}}, %{{.*}} : i8
func.func @quantize_bipolar(%x: tensor<4xf32>) -> tensor<4x!qnn.q<b1, scale = 0.5>> {
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.q<b1, scale = 0.5>>
  return %0 : tensor<4x!qnn.q<b1, scale = 0.5>>
}

// -----

// conv2d's own rounding applies to its requantization: floor has no
// remainder test.
// CHECK-LABEL: func.func @conv_floor(
// CHECK: qcc.kernel = "requantize"
// CHECK: arith.muli
// CHECK: arith.shrsi
// CHECK-NOT: arith.cmpi
// CHECK: arith.maxsi
func.func @conv_floor(%x: tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>) -> tensor<1x1x2x2x!qnn.q<ui4, scale = 4.0, zp = 0>> {
  %w = qnn.constant dense<1> : tensor<1x1x1x1xi8> : tensor<1x1x1x1x!qnn.q<ui1, scale = 1.0, zp = 0>>
  %y = qnn.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64, rounding = "floor"} : (tensor<1x1x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x1x1x1x!qnn.q<ui1, scale = 1.0, zp = 0>>) -> tensor<1x1x2x2x!qnn.q<ui4, scale = 4.0, zp = 0>>
  return %y : tensor<1x1x2x2x!qnn.q<ui4, scale = 4.0, zp = 0>>
}

// -----

// Average pools divide the window sum exactly: round(sum * M / (n << s))
// with the op's rounding (here ceil): a floor division by n << s (n = 9,
// M * 2^-s = input / output scale = 1), then +1 when the remainder is not 0.
// An exact average (sum = 9 k) stays k; a multiplier by 1/9 would not.
// CHECK-LABEL: func.func @avgpool_ceil(
// CHECK: qcc.kernel = "requantize"
// CHECK: %[[V:.*]] = arith.muli %{{.*}}, %c1073741824_i64 : i64
// CHECK: %[[D:.*]] = arith.shli %c9_i64, %c30_i64 : i64
// CHECK: %[[Q:.*]] = arith.floordivsi %[[V]], %[[D]] : i64
// CHECK: %[[QD:.*]] = arith.muli %[[Q]], %[[D]] : i64
// CHECK: %[[R:.*]] = arith.subi %[[V]], %[[QD]] : i64
// CHECK: %[[R2:.*]] = arith.shli %[[R]], %c1_i64 : i64
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %[[R2]], %c0_i64 : i64
// CHECK: %[[E:.*]] = arith.extui %[[NZ]] : i1 to i64
// CHECK: arith.addi %[[Q]], %[[E]] : i64
func.func @avgpool_ceil(%x: tensor<1x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>>) -> tensor<1x1x1x1x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, rounding = "ceil"} : tensor<1x1x3x3x!qnn.q<i8, scale = 0.5, zp = 0>> -> tensor<1x1x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %y : tensor<1x1x1x1x!qnn.q<i8, scale = 0.5, zp = 0>>
}

// -----

// qnn.add takes the op's rounding too (floor: no remainder test).
// CHECK-LABEL: func.func @add_floor(
// CHECK: qcc.kernel = "add"
// CHECK: arith.shrsi
// CHECK-NOT: arith.cmpi sgt
// CHECK: arith.maxsi
func.func @add_floor(%a: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, %b: tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 4.0, zp = 0>> {
  %y = qnn.add %a, %b {rounding = "floor"} : (tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>) -> tensor<4x!qnn.q<i8, scale = 4.0, zp = 0>>
  return %y : tensor<4x!qnn.q<i8, scale = 4.0, zp = 0>>
}

// -----

// zero_point_first (QONNX order): y = clamp(round(v * 2^-s + zp)). The zero
// point is added to the floor before the half-even decision (the parity is
// the stored integer's), and not again before the clamp.
!in = !qnn.q<i8, scale = 1.0, zp = 0>
!out = !qnn.q<ui8, scale = 4.0, zp = 77>

// CHECK-LABEL: func.func @requant_zp_first_half_even(
// CHECK: %[[V:.*]] = arith.muli
// CHECK: %[[ZP:.*]] = arith.constant 77 : i64
// CHECK: %[[F:.*]] = arith.shrsi %[[V]], %{{.*}} : i64
// CHECK: %[[Q:.*]] = arith.addi %[[F]], %[[ZP]] : i64
// CHECK: %[[FS:.*]] = arith.shli %[[F]], %{{.*}} : i64
// CHECK: %[[R:.*]] = arith.subi %[[V]], %[[FS]] : i64
// CHECK: %[[ODD:.*]] = arith.trunci %[[Q]] : i64 to i1
// CHECK: %[[E:.*]] = arith.extui %{{.*}} : i1 to i64
// CHECK: %[[Y:.*]] = arith.addi %[[Q]], %[[E]] : i64
// CHECK-NOT: arith.addi
// CHECK: arith.maxsi %[[Y]]
func.func @requant_zp_first_half_even(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x {zero_point_first} : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

// zero_point_first with a directed mode: the sign test is on floor + zp.
!in = !qnn.q<i8, scale = 1.0, zp = 0>
!out = !qnn.q<i8, scale = 4.0, zp = -3>

// CHECK-LABEL: func.func @requant_zp_first_up(
// CHECK: %[[ZP:.*]] = arith.constant -3 : i64
// CHECK: %[[F:.*]] = arith.shrsi
// CHECK: %[[Q:.*]] = arith.addi %[[F]], %[[ZP]] : i64
// CHECK: %[[NZ:.*]] = arith.cmpi ne, %{{.*}}, %{{.*}} : i64
// CHECK: %[[POS:.*]] = arith.cmpi sge, %[[Q]], %{{.*}} : i64
// CHECK: %[[UP:.*]] = arith.andi %[[NZ]], %[[POS]] : i1
func.func @requant_zp_first_up(%x: tensor<4x!in>) -> tensor<4x!out> {
  %0 = qnn.requantize %x {rounding = "up", zero_point_first} : tensor<4x!in> -> tensor<4x!out>
  return %0 : tensor<4x!out>
}

// -----

// qnn.quantize with zero_point_first (QONNX Quant): v = x / s + zp in f32,
// clamped to [qmin, qmax] = [-128, 127], then rounded; no integer zero point
// is added after.
// CHECK-LABEL: func.func @quantize_zp_first(
// CHECK: %[[V:.*]] = arith.divf
// CHECK: %[[Z:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[VZ:.*]] = arith.addf %[[V]], %[[Z]] : f32
// CHECK: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK: %[[V1:.*]] = arith.maxnumf %[[VZ]], %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK: %[[V2:.*]] = arith.minnumf %[[V1]], %[[HI]] : f32
// CHECK: %[[I:.*]] = arith.fptosi %{{.*}} : f32 to i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[I]] : i32 to i8
func.func @quantize_zp_first(%x: tensor<4xf32>) -> tensor<4x!qnn.q<i8, scale = 0.5, zp = 1>> {
  %0 = qnn.quantize %x {zero_point_first} : tensor<4xf32> -> tensor<4x!qnn.q<i8, scale = 0.5, zp = 1>>
  return %0 : tensor<4x!qnn.q<i8, scale = 0.5, zp = 1>>
}
