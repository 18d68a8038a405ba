// qcc-fuse-float-elementwise: a float add/sub/mul/div generic with one
// reader of its shape that is another one or a quantize is computed inside
// that reader (the same binary32 operations in the same order), so its
// float32 tensor is never stored; the fused generic keeps the reader's
// qcc.kernel.
// RUN: qcc-opt %s --convert-qnn-to-linalg --qcc-fuse-float-elementwise --canonicalize --split-input-file | FileCheck %s

// ImageNet-style normalization before the first quantizer: Sub and Div per
// channel fold into the quantize, one generic.
// CHECK-LABEL: func.func @normalize
// CHECK-COUNT-1: linalg.generic
// CHECK-SAME: ins(%arg0, %{{.*}}, %{{.*}} : tensor<1x3x2x2xf32>, tensor<1x3x1x1xf32>, tensor<1x3x1x1xf32>) outs(%{{.*}} : tensor<1x3x2x2xi8>) attrs = {qcc.kernel = "quantize"}
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: f32, %[[D:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT: %[[C:.*]] = arith.subf %[[X]], %[[M]] : f32
// CHECK-NEXT: %[[N:.*]] = arith.divf %[[C]], %[[D]] : f32
// CHECK: arith.divf %[[N]], %{{.*}} : f32
// CHECK: arith.fptosi
// CHECK-NOT: linalg.generic
func.func @normalize(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2x!qnn.q<i8, scale = 0.5, zp = 0>> {
  %m = arith.constant dense<[[[[0.5]], [[0.25]], [[0.125]]]]> : tensor<1x3x1x1xf32>
  %d = arith.constant dense<[[[[2.0]], [[4.0]], [[8.0]]]]> : tensor<1x3x1x1xf32>
  %0 = qnn.float_binary sub %x, %m : tensor<1x3x2x2xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x2x2xf32>
  %1 = qnn.float_binary div %0, %d : tensor<1x3x2x2xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x2x2xf32>
  %2 = qnn.quantize %1 : tensor<1x3x2x2xf32> -> tensor<1x3x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
  return %2 : tensor<1x3x2x2x!qnn.q<i8, scale = 0.5, zp = 0>>
}

// -----

// Not fused: a result with two readers (it would be computed twice), one
// read by a softmax, and a broadcast-shaped one (the reader reads it
// through a broadcast, not element for element).
// CHECK-LABEL: func.func @kept
// CHECK: qcc.kernel = "float_mul"
// CHECK: qcc.kernel = "quantize"
// CHECK: qcc.kernel = "quantize"
// CHECK: qcc.kernel = "float_sub"
// CHECK: qcc.kernel = "softmax"
// CHECK: qcc.kernel = "float_add"
// CHECK: qcc.kernel = "float_add"
func.func @kept(%x: tensor<1x4xf32>, %b: tensor<1x1xf32>) -> (tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x4x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<1x4xf32>, tensor<1x4xf32>) {
  %two = arith.constant dense<2.0> : tensor<1x1xf32>
  %0 = qnn.float_binary mul %x, %two : tensor<1x4xf32>, tensor<1x1xf32> -> tensor<1x4xf32>
  %1 = qnn.quantize %0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>
  %2 = qnn.quantize %0 : tensor<1x4xf32> -> tensor<1x4x!qnn.q<i8, scale = 0.25, zp = 0>>
  %3 = qnn.float_binary sub %x, %two : tensor<1x4xf32>, tensor<1x1xf32> -> tensor<1x4xf32>
  %4 = qnn.softmax %3 {axis = 1} : tensor<1x4xf32>
  %5 = qnn.float_binary add %b, %two : tensor<1x1xf32>, tensor<1x1xf32> -> tensor<1x1xf32>
  %6 = qnn.float_binary add %x, %5 : tensor<1x4xf32>, tensor<1x1xf32> -> tensor<1x4xf32>
  return %1, %2, %4, %6 : tensor<1x4x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<1x4x!qnn.q<i8, scale = 0.25, zp = 0>>, tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// A chain of float ops ending in another float op folds into it.
// CHECK-LABEL: func.func @chain
// CHECK-COUNT-1: linalg.generic
// CHECK-SAME: qcc.kernel = "float_add"
// CHECK: arith.mulf
// CHECK-NEXT: arith.subf
// CHECK-NEXT: arith.addf
// CHECK-NOT: linalg.generic
func.func @chain(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %0 = qnn.float_binary mul %x, %y : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = qnn.float_binary sub %0, %y : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %2 = qnn.float_binary add %1, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %2 : tensor<4xf32>
}

// -----

// A producer on the right: fused all the same (the reader's operands keep
// their order). A value read twice by one reader is not (two uses), nor is
// a PRelu (not add/sub/mul/div).
// CHECK-LABEL: func.func @operands
// CHECK: linalg.generic {{.*}} ins(%arg0, %arg1, %arg0 : {{.*}}qcc.kernel = "float_add"
// CHECK: ^bb0(%[[X:[^:]*]]: f32, %[[Y:[^:]*]]: f32, %[[X2:[^:]*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[S:.*]] = arith.subf %[[Y]], %[[X2]] : f32
// CHECK-NEXT: arith.addf %[[X]], %[[S]] : f32
// CHECK: linalg.generic {{.*}}qcc.kernel = "float_mul"
// CHECK: linalg.generic {{.*}}qcc.kernel = "float_prelu"
// CHECK: linalg.generic {{.*}}qcc.kernel = "float_add"
func.func @operands(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = qnn.float_binary sub %y, %x : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %1 = qnn.float_binary add %x, %0 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %2 = qnn.float_binary mul %x, %y : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %3 = qnn.float_binary prelu %2, %y : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  %4 = qnn.float_binary add %3, %3 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %1, %4 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Into a per-channel 4-bit quantize: the fused generic keeps the
// quantize's tables (after the fused inputs' own) and its markers for
// qcc-pack-subbyte-activations.
// CHECK-LABEL: func.func @subbyte_per_channel
// CHECK-COUNT-1: linalg.generic
// CHECK-SAME: qcc.kernel = "quantize", qcc.out_bits = 4 : i64, qcc.out_kind = "unsigned"
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @subbyte_per_channel(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25], zp = [8, 7]>> {
  %g = arith.constant dense<[[[[2.0]], [[3.0]]]]> : tensor<1x2x1x1xf32>
  %0 = qnn.float_binary mul %x, %g : tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32> -> tensor<1x2x2x2xf32>
  %1 = qnn.quantize %0 : tensor<1x2x2x2xf32> -> tensor<1x2x2x2x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25], zp = [8, 7]>>
  return %1 : tensor<1x2x2x2x!qnn.q<ui4, axis = 1, scale = [0.5, 0.25], zp = [8, 7]>>
}
