// qnn.float_unary -> one elementwise linalg.generic (qcc.kernel =
// "float_<kind>") with ONNX's order of binary32 operations and no fused
// multiply-add: max/min that propagate NaN (arith.maximumf/minimumf),
// LeakyRelu as a select on x < 0, HardSigmoid/HardSwish as x * alpha + beta
// clamped to [0, 1], Sigmoid as 1 / (1 + exp(-x)) with softmax's exp (no
// libm call); Tanh, Elu, Selu, Celu and Softplus from the same exp (and a
// log of the same kind), Softsign and ThresholdedRelu exactly.
// RUN: qcc-opt %s --convert-qnn-to-linalg --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @relu
// CHECK: linalg.generic
// CHECK-SAME: qcc.kernel = "float_relu"
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[M:.*]] = arith.maximumf %in, %[[Z]] : f32
// CHECK-NEXT: linalg.yield %[[M]] : f32
func.func @relu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary relu %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu
// CHECK: linalg.generic
// CHECK-SAME: qcc.kernel = "float_leaky_relu"
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %in, %{{.*}} : f32
// CHECK: %[[A:.*]] = arith.constant 1.000000e-01 : f32
// CHECK: %[[P:.*]] = arith.mulf %in, %[[A]] : f32
// CHECK: %[[S:.*]] = arith.select %[[NEG]], %[[P]], %in : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @leaky_relu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary leaky_relu %x {alpha = 0.1 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Clip: max with min first, then min with max (max wins where min > max,
// as numpy's clip); a missing bound is no operation.
// CHECK-LABEL: func.func @clip
// CHECK: %[[LO:.*]] = arith.constant -1.000000e+00 : f32
// CHECK: %[[A:.*]] = arith.maximumf %in, %[[LO]] : f32
// CHECK: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[B:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// CHECK: linalg.yield %[[B]] : f32
// CHECK-LABEL: func.func @clip_min_only
// CHECK: arith.maximumf
// CHECK-NOT: arith.minimumf
// CHECK: linalg.yield
func.func @clip(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary clip %x {min = -1.0 : f32, max = 6.0 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}
func.func @clip_min_only(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary clip %x {min = 0.5 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// HardSwish: x * clamp(x * f32(1/6) + 0.5, 0, 1).
// CHECK-LABEL: func.func @hard_swish
// CHECK: linalg.generic
// CHECK-SAME: qcc.kernel = "float_hard_swish"
// CHECK: %[[A:.*]] = arith.constant 0.166666672 : f32
// CHECK: %[[M:.*]] = arith.mulf %in, %[[A]] : f32
// CHECK: %[[B:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[S:.*]] = arith.addf %[[M]], %[[B]] : f32
// CHECK: %[[L:.*]] = arith.maximumf %[[S]], %{{.*}} : f32
// CHECK: %[[H:.*]] = arith.minimumf %[[L]], %{{.*}} : f32
// CHECK: %[[Y:.*]] = arith.mulf %in, %[[H]] : f32
// CHECK: linalg.yield %[[Y]] : f32
// CHECK-LABEL: func.func @hard_sigmoid
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: arith.constant 7.500000e-01 : f32
// CHECK: arith.minimumf
// CHECK-NOT: arith.mulf %in
// CHECK: linalg.yield
func.func @hard_swish(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary hard_swish %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}
func.func @hard_sigmoid(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary hard_sigmoid %x {alpha = 0.25 : f32, beta = 0.75 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Sigmoid: exp(-x) from arith ops (softmax's), then 1 / (1 + e).
// CHECK-LABEL: func.func @sigmoid
// CHECK: linalg.generic
// CHECK-SAME: qcc.kernel = "float_sigmoid"
// CHECK: arith.negf %in : f32
// CHECK: arith.constant 1.44269502 : f32
// CHECK: arith.bitcast %{{.*}} : i32 to f32
// CHECK: %[[E:.*]] = arith.select
// CHECK: %[[D:.*]] = arith.addf %{{.*}}, %[[E]] : f32
// CHECK: %[[Y:.*]] = arith.divf %{{.*}}, %[[D]] : f32
// CHECK: linalg.yield %[[Y]] : f32
// CHECK-NOT: math.
func.func @sigmoid(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary sigmoid %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Tanh: the Taylor polynomial below |x| = 0.5, 1 - 2 / (exp(2|x|) + 1)
// above, x's sign restored (no libm call).
// CHECK-LABEL: func.func @tanh
// CHECK: qcc.kernel = "float_tanh"
// CHECK: %[[AX:.*]] = math.absf %in : f32
// CHECK: %[[SMALL:.*]] = arith.cmpf olt, %[[AX]], %{{.*}} : f32
// CHECK-NEXT: %[[T:.*]] = arith.select %[[SMALL]], %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: %[[R:.*]] = math.copysign %[[T]], %in : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK-NOT: func.call
func.func @tanh(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary tanh %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Elu: (exp(x) - 1) * alpha where x < 0, in that order.
// CHECK-LABEL: func.func @elu
// CHECK: qcc.kernel = "float_elu"
// CHECK: %[[NEG:.*]] = arith.cmpf olt, %in, %{{.*}} : f32
// CHECK: %[[E:.*]] = arith.select %{{.*}} : f32
// CHECK: %[[EM1:.*]] = arith.subf %[[E]], %{{.*}} : f32
// CHECK: %[[N:.*]] = arith.mulf %[[EM1]], %{{.*}} : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[NEG]], %[[N]], %in : f32
// CHECK-NEXT: linalg.yield %[[R]]
func.func @elu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary elu %x {alpha = 2.0 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Selu: x <= 0 selects (exp(x) * alpha - alpha) * gamma, else x * gamma.
// CHECK-LABEL: func.func @selu
// CHECK: %[[NEG:.*]] = arith.cmpf ole, %in, %{{.*}} : f32
// CHECK: %[[E:.*]] = arith.select %{{.*}} : f32
// CHECK: %[[EA:.*]] = arith.mulf %[[E]], %{{.*}} : f32
// CHECK: %[[D:.*]] = arith.subf %[[EA]], %{{.*}} : f32
// CHECK: %[[N:.*]] = arith.mulf %[[D]], %{{.*}} : f32
// CHECK: %[[P:.*]] = arith.mulf %in, %{{.*}} : f32
// CHECK-NEXT: arith.select %[[NEG]], %[[N]], %[[P]] : f32
func.func @selu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary selu %x {alpha = 2.0 : f32, gamma = 3.0 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Softplus: x + log(1 + exp(-|x|)) for x > 0, else log(1 + exp(-|x|)),
// log from the exponent bits and a series (no libm call).
// CHECK-LABEL: func.func @softplus
// CHECK: %[[POS:.*]] = arith.cmpf ogt, %in, %{{.*}} : f32
// CHECK: math.absf %in : f32
// CHECK: arith.bitcast %{{.*}} : f32 to i32
// CHECK: %[[XL:.*]] = arith.addf %in, %[[LG:.*]] : f32
// CHECK-NEXT: arith.select %[[POS]], %[[XL]], %[[LG]] : f32
// CHECK-NOT: func.call
func.func @softplus(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary softplus %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: func.func @softsign
// CHECK: %[[AX:.*]] = math.absf %in : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %{{.*}}, %[[AX]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.divf %in, %[[D]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @softsign(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary softsign %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: func.func @thresholded_relu
// CHECK: %[[A:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %in, %[[A]] : f32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[GT]], %in, %[[Z]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @thresholded_relu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary thresholded_relu %x {alpha = 1.5 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Celu: max(x, 0) + min((exp(x / alpha) - 1) * alpha, 0).
// CHECK-LABEL: func.func @celu
// CHECK: %[[Q:.*]] = arith.divf %in, %{{.*}} : f32
// CHECK: arith.maximumf %in, %{{.*}} : f32
// CHECK: arith.minimumf
// CHECK: arith.addf
func.func @celu(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary celu %x {alpha = 2.0 : f32} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// Mish: x * tanh(softplus(x)), both from the same exp and log.
// CHECK-LABEL: func.func @mish
// CHECK: qcc.kernel = "float_mish"
// CHECK: %[[T:.*]] = math.copysign %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %in, %[[T]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
func.func @mish(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %0 = qnn.float_unary mish %x : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}
