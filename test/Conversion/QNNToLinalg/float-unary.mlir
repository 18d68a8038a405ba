// qnn.float_unary -> one elementwise linalg.generic (qcc.kernel =
// "float_<kind>") with ONNX's order of binary32 operations and no fused
// multiply-add: max/min that propagate NaN (arith.maximumf/minimumf),
// LeakyRelu as a select on x < 0, HardSigmoid/HardSwish as x * alpha + beta
// clamped to [0, 1], Sigmoid as 1 / (1 + exp(-x)) with softmax's exp (no
// libm call).
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
