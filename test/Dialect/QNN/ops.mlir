// Round-trip of every qnn operation (custom assembly format), and of the
// generic form.
// RUN: qcc-opt %s | qcc-opt | FileCheck %s
// RUN: qcc-opt %s --mlir-print-op-generic | qcc-opt | FileCheck %s

// CHECK-LABEL: func.func @constant
// CHECK: qnn.constant dense<[1, -2, 3, 127]> : tensor<4xi8> : tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>
// CHECK: qnn.constant dense<[0, 255, 128]> : tensor<3xui8> : tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>
// CHECK: qnn.constant dense<{{\[\[}}1, 2], [3, 4]]> : tensor<2x2xi8> : tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>>
// CHECK: qnn.constant dense<[100, -7]> : tensor<2xi32> : tensor<2xi32>
// CHECK: qnn.constant dense_resource<w> : tensor<2x2xi8> : tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>
func.func @constant() -> (tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>,
                          tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>,
                          tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>>,
                          tensor<2xi32>,
                          tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>) {
  %0 = qnn.constant dense<[1, -2, 3, 127]> : tensor<4xi8> : tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>
  %1 = qnn.constant dense<[0, 255, 128]> : tensor<3xui8> : tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>
  %2 = qnn.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi8> : tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>>
  %3 = qnn.constant dense<[100, -7]> : tensor<2xi32> : tensor<2xi32>
  %4 = qnn.constant dense_resource<w> : tensor<2x2xi8> : tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>
  return %0, %1, %2, %3, %4 : tensor<4x!qnn.q<i8, scale = 0.5, zp = 0>>,
                              tensor<3x!qnn.q<ui8, scale = 0.25, zp = 128>>,
                              tensor<2x2x!qnn.q<i8, axis = 0, scale = [0.5, 0.25], zp = [0, 0]>>,
                              tensor<2xi32>,
                              tensor<2x2x!qnn.q<i4, scale = 1.0, zp = 0>>
}

// CHECK-LABEL: func.func @quantize_dequantize
// CHECK: %[[Q:.*]] = qnn.quantize %{{.*}} : tensor<1x3xf32> -> tensor<1x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK: qnn.dequantize %[[Q]] : tensor<1x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x3xf32>
// CHECK: qnn.quantize %{{.*}} : tensor<1x3xf32> -> tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>
func.func @quantize_dequantize(%x: tensor<1x3xf32>) -> (tensor<1x3xf32>, tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>) {
  %q = qnn.quantize %x : tensor<1x3xf32> -> tensor<1x3x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %d = qnn.dequantize %q : tensor<1x3x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x3xf32>
  %p = qnn.quantize %x : tensor<1x3xf32> -> tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>
  return %d, %p : tensor<1x3xf32>, tensor<1x3x!qnn.q<i8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 1, 2]>>
}

// CHECK-LABEL: func.func @requantize
// CHECK: qnn.requantize %{{.*}} : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<i8, scale = 0.25, zp = -1>>
// CHECK: qnn.requantize %{{.*}} {out_max = 6.000000e+00 : f64, out_min = 0.000000e+00 : f64} : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<ui4, scale = 0.5, zp = 0>>
// CHECK: qnn.requantize %{{.*}} {out_min = -1.500000e+00 : f64} : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>
func.func @requantize(%x: tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>)
    -> (tensor<2x4x!qnn.q<i8, scale = 0.25, zp = -1>>, tensor<2x4x!qnn.q<ui4, scale = 0.5, zp = 0>>,
        tensor<2x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>) {
  %0 = qnn.requantize %x : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<i8, scale = 0.25, zp = -1>>
  %1 = qnn.requantize %x {out_min = 0.0 : f64, out_max = 6.0 : f64} : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<ui4, scale = 0.5, zp = 0>>
  %2 = qnn.requantize %x {out_min = -1.5 : f64} : tensor<2x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<2x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>
  return %0, %1, %2 : tensor<2x4x!qnn.q<i8, scale = 0.25, zp = -1>>, tensor<2x4x!qnn.q<ui4, scale = 0.5, zp = 0>>,
                      tensor<2x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>
}

// CHECK-LABEL: func.func @storage_cast
// CHECK: %[[A:.*]] = qnn.storage_cast %{{.*}} : tensor<4xui8> -> tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK: qnn.storage_cast %[[A]] : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4xui8>
// CHECK: qnn.storage_cast %{{.*}} : tensor<4xsi8> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
// CHECK: qnn.storage_cast %{{.*}} : tensor<4xi8> -> tensor<4x!qnn.q<ui4, scale = 1.0, zp = 0>>
// CHECK: qnn.storage_cast %[[A]] : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>
func.func @storage_cast(%u: tensor<4xui8>, %s: tensor<4xsi8>, %i: tensor<4xi8>)
    -> (tensor<4xui8>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<4x!qnn.q<ui4, scale = 1.0, zp = 0>>,
        tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>) {
  %a = qnn.storage_cast %u : tensor<4xui8> -> tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %b = qnn.storage_cast %a : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4xui8>
  %c = qnn.storage_cast %s : tensor<4xsi8> -> tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>
  %d = qnn.storage_cast %i : tensor<4xi8> -> tensor<4x!qnn.q<ui4, scale = 1.0, zp = 0>>
  %e = qnn.storage_cast %a : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>
  return %b, %c, %d, %e : tensor<4xui8>, tensor<4x!qnn.q<i8, scale = 1.0, zp = 0>>, tensor<4x!qnn.q<ui4, scale = 1.0, zp = 0>>,
                          tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>
}

// A graph edge of ONNX type int4/uint4 (packed two values a byte).
// CHECK-LABEL: func.func @storage_cast_packed
// CHECK: qnn.storage_cast %{{.*}} : tensor<1x5xsi4> -> tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>
// CHECK: qnn.storage_cast %{{.*}} : tensor<3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 0, scale = 1.0, zp = 0>> -> tensor<3xui4>
func.func @storage_cast_packed(%x: tensor<1x5xsi4>, %y: tensor<3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 0, scale = 1.0, zp = 0>>)
    -> (tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>, tensor<3xui4>) {
  %a = qnn.storage_cast %x : tensor<1x5xsi4> -> tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>
  %b = qnn.storage_cast %y : tensor<3x!qnn.q<[ui2 x 1, ui4 x 2], axis = 0, scale = 1.0, zp = 0>> -> tensor<3xui4>
  return %a, %b : tensor<1x5x!qnn.q<i4, scale = 1.0, zp = 0>>, tensor<3xui4>
}

// CHECK-LABEL: func.func @conv2d
// CHECK: qnn.conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, out_min = 0.000000e+00 : f64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>, tensor<4xi32>) -> tensor<1x4x8x8x!qnn.q<ui8, scale = 0.25, zp = 0>>
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>) -> tensor<1x4x2x2xi32>
// CHECK: qnn.conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 3 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 1, 2>} : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<3x1x3x1x!qnn.q<ui8, scale = 0.5, zp = 7>>) -> tensor<1x3x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 4.0], zp = [0, 1, 2]>>
func.func @conv2d(%x: tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                  %w: tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>,
                  %b: tensor<4xi32>,
                  %dw: tensor<3x1x3x1x!qnn.q<ui8, scale = 0.5, zp = 7>>)
    -> (tensor<1x4x8x8x!qnn.q<ui8, scale = 0.25, zp = 0>>, tensor<1x4x2x2xi32>,
        tensor<1x3x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 4.0], zp = [0, 1, 2]>>) {
  %0 = qnn.conv2d %x, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64, out_min = 0.0 : f64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>, tensor<4xi32>)
      -> tensor<1x4x8x8x!qnn.q<ui8, scale = 0.25, zp = 0>>
  // 8 = 8 + 0 - (2*(3-1)+1) -> 3 / 2 + 1 = 2
  %1 = qnn.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.5, 0.25, 0.125, 1.0], zp = [0, 0, 0, 0]>>)
      -> tensor<1x4x2x2xi32>
  // Depthwise, 3x1 kernel, stride 1x2: OH = 8+2-3+1 = 8, OW = (8-1)/2+1 = 4.
  %2 = qnn.conv2d %x, %dw {strides = array<i64: 1, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 0, 1, 0>, groups = 3 : i64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<3x1x3x1x!qnn.q<ui8, scale = 0.5, zp = 7>>)
      -> tensor<1x3x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 4.0], zp = [0, 1, 2]>>
  return %0, %1, %2 : tensor<1x4x8x8x!qnn.q<ui8, scale = 0.25, zp = 0>>, tensor<1x4x2x2xi32>,
                      tensor<1x3x8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 4.0], zp = [0, 1, 2]>>
}

// CHECK-LABEL: func.func @matmul
// CHECK: qnn.matmul %{{.*}}, %{{.*}}, %{{.*}} {out_max = 6.000000e+00 : f64} : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>, tensor<4xi32>) -> tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 3>>
// CHECK: qnn.matmul %{{.*}}, %{{.*}} : (tensor<2x3x8x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>) -> tensor<2x3x4xi32>
func.func @matmul(%a: tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                  %b: tensor<8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>,
                  %bias: tensor<4xi32>, %c: tensor<2x3x8x!qnn.q<i8, scale = 0.5, zp = 0>>)
    -> (tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 3>>, tensor<2x3x4xi32>) {
  %0 = qnn.matmul %a, %b, %bias {out_max = 6.0 : f64}
      : (tensor<1x8x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>, tensor<4xi32>)
      -> tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 3>>
  %1 = qnn.matmul %c, %b
      : (tensor<2x3x8x!qnn.q<i8, scale = 0.5, zp = 0>>, tensor<8x4x!qnn.q<i8, axis = 1, scale = [1.0, 2.0, 3.0, 4.0], zp = [0, 0, 0, 0]>>)
      -> tensor<2x3x4xi32>
  return %0, %1 : tensor<1x4x!qnn.q<ui8, scale = 0.25, zp = 3>>, tensor<2x3x4xi32>
}

// CHECK-LABEL: func.func @add
// CHECK: qnn.add %{{.*}}, %{{.*}} : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x4x2x2x!qnn.q<ui8, scale = 0.25, zp = 100>>) -> tensor<1x4x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
// CHECK: qnn.add %{{.*}}, %{{.*}} {out_max = 1.000000e+00 : f64, out_min = -1.000000e+00 : f64} : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>) -> tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
func.func @add(%a: tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>,
               %b: tensor<1x4x2x2x!qnn.q<ui8, scale = 0.25, zp = 100>>,
               %c: tensor<4x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>)
    -> (tensor<1x4x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>) {
  %0 = qnn.add %a, %b : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x4x2x2x!qnn.q<ui8, scale = 0.25, zp = 100>>)
      -> tensor<1x4x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>
  %1 = qnn.add %a, %c {out_min = -1.0 : f64, out_max = 1.0 : f64}
      : (tensor<1x4x2x2x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<4x1x1x!qnn.q<i8, scale = 0.125, zp = 0>>)
      -> tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
  return %0, %1 : tensor<1x4x2x2x!qnn.q<ui8, scale = 1.0, zp = 0>>, tensor<1x4x2x2x!qnn.q<i8, scale = 1.0, zp = 0>>
}

// CHECK-LABEL: func.func @pools
// CHECK: qnn.max_pool2d %{{.*}} {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = -3>>
// CHECK: qnn.max_pool2d %{{.*}} {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
// CHECK: qnn.avg_pool2d %{{.*}} {count_include_pad = true, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.25, zp = 1>>
// CHECK: qnn.avg_pool2d %{{.*}} {ceil_mode = true, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
// CHECK: qnn.global_avg_pool %{{.*}} : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>
func.func @pools(%x: tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>>)
    -> (tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>,
        tensor<1x2x3x3x!qnn.q<i8, scale = 0.25, zp = 1>>, tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>,
        tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>) {
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = -3>>
  %1 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
  %2 = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, count_include_pad = true}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.25, zp = 1>>
  %3 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true}
      : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>
  %4 = qnn.global_avg_pool %x : tensor<1x2x5x5x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>
  return %0, %1, %2, %3, %4 : tensor<1x2x2x2x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>,
                              tensor<1x2x3x3x!qnn.q<i8, scale = 0.25, zp = 1>>, tensor<1x2x3x3x!qnn.q<i8, scale = 0.5, zp = -3>>,
                              tensor<1x2x1x1x!qnn.q<ui8, scale = 0.125, zp = 128>>
}

// CHECK-LABEL: func.func @concat_reshape
// CHECK: %[[C:.*]] = qnn.concat %{{.*}}, %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>, tensor<1x1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>) -> tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK: qnn.reshape %[[C]] : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK: qnn.reshape %{{.*}} : tensor<1x1x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>
func.func @concat_reshape(%a: tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                          %b: tensor<1x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>,
                          %c: tensor<1x1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                          %d: tensor<1x1x!qnn.q<ui8, scale = 0.5, zp = 128>>)
    -> (tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>) {
  %0 = qnn.concat %a, %b, %c {axis = 1 : i64}
      : (tensor<1x2x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<1x3x4x!qnn.q<ui8, scale = 0.25, zp = 0>>, tensor<1x1x4x!qnn.q<ui8, scale = 0.5, zp = 128>>)
      -> tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %1 = qnn.reshape %0 : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %2 = qnn.reshape %d : tensor<1x1x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>
  return %1, %2 : tensor<24x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<!qnn.q<ui8, scale = 0.5, zp = 128>>
}

// CHECK-LABEL: func.func @slice
// CHECK: qnn.slice %{{.*}} {starts = array<i64: 0, 5, 3>, steps = array<i64: 1, -2, 1>} : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x3x1x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK: qnn.slice %{{.*}} {starts = array<i64: 1>, steps = array<i64: 2>} : tensor<5xf32> -> tensor<2xf32>
func.func @slice(%x: tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>>, %f: tensor<5xf32>)
    -> (tensor<1x3x1x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<2xf32>) {
  %0 = qnn.slice %x {starts = array<i64: 0, 5, 3>, steps = array<i64: 1, -2, 1>} : tensor<1x6x4x!qnn.q<ui8, scale = 0.5, zp = 128>> -> tensor<1x3x1x!qnn.q<ui8, scale = 0.5, zp = 128>>
  %1 = qnn.slice %f {starts = array<i64: 1>, steps = array<i64: 2>} : tensor<5xf32> -> tensor<2xf32>
  return %0, %1 : tensor<1x3x1x!qnn.q<ui8, scale = 0.5, zp = 128>>, tensor<2xf32>
}

// CHECK-LABEL: func.func @pad
// CHECK: qnn.pad %{{.*}} {high = array<i64: 0, 1>, low = array<i64: 2, 0>, value = 3 : i64} : tensor<2x3x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<4x4x!qnn.q<i8, scale = 0.5, zp = -3>>
// CHECK: qnn.pad %{{.*}} {high = array<i64: 1>, low = array<i64: 0>, value = -2.500000e+00 : f32} : tensor<5xf32> -> tensor<6xf32>
func.func @pad(%x: tensor<2x3x!qnn.q<i8, scale = 0.5, zp = -3>>, %f: tensor<5xf32>)
    -> (tensor<4x4x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<6xf32>) {
  %0 = qnn.pad %x {low = array<i64: 2, 0>, high = array<i64: 0, 1>, value = 3 : i64} : tensor<2x3x!qnn.q<i8, scale = 0.5, zp = -3>> -> tensor<4x4x!qnn.q<i8, scale = 0.5, zp = -3>>
  %1 = qnn.pad %f {low = array<i64: 0>, high = array<i64: 1>, value = -2.5 : f32} : tensor<5xf32> -> tensor<6xf32>
  return %0, %1 : tensor<4x4x!qnn.q<i8, scale = 0.5, zp = -3>>, tensor<6xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x0100000001FF0203"
    }
  }
#-}

// The rounding order (docs/IntegerSemantics.md, "Rounding order"):
// zero_point_first is a unit attribute on every op that rounds.
// CHECK-LABEL: func.func @zero_point_first
// CHECK: qnn.quantize %{{.*}} {rounding = "half_up", zero_point_first}
// CHECK: qnn.requantize %{{.*}} {zero_point_first}
// CHECK: qnn.add %{{.*}}, %{{.*}} {zero_point_first}
func.func @zero_point_first(%x: tensor<4xf32>) -> tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>> {
  %0 = qnn.quantize %x {rounding = "half_up", zero_point_first} : tensor<4xf32> -> tensor<4x!qnn.q<ui8, scale = 0.5, zp = 77>>
  %1 = qnn.requantize %0 {zero_point_first} : tensor<4x!qnn.q<ui8, scale = 0.5, zp = 77>> -> tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>>
  %2 = qnn.add %1, %1 {zero_point_first} : (tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>>, tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>>) -> tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>>
  return %2 : tensor<4x!qnn.q<ui4, scale = 1.0, zp = 7>>
}

// Float ops round-trip.
// CHECK-LABEL: func.func @float_ops
// CHECK: %[[S:.*]] = qnn.float_binary sub %{{.*}}, %{{.*}} : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
// CHECK: qnn.float_binary div %[[S]], %{{.*}} : tensor<1x3x4x4xf32>, tensor<f32> -> tensor<1x3x4x4xf32>
// CHECK: qnn.softmax %{{.*}} {axis = 1 : i64} : tensor<2x10xf32>
func.func @float_ops(%x: tensor<1x3x4x4xf32>, %m: tensor<1x3x1x1xf32>, %d: tensor<f32>, %y: tensor<2x10xf32>) -> (tensor<1x3x4x4xf32>, tensor<2x10xf32>) {
  %0 = qnn.float_binary sub %x, %m : tensor<1x3x4x4xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x4x4xf32>
  %1 = qnn.float_binary div %0, %d : tensor<1x3x4x4xf32>, tensor<f32> -> tensor<1x3x4x4xf32>
  %2 = qnn.softmax %y {axis = 1} : tensor<2x10xf32>
  return %1, %2 : tensor<1x3x4x4xf32>, tensor<2x10xf32>
}

// float_unary: every kind, with and without its attributes.
// CHECK-LABEL: func.func @float_unary
// CHECK: %[[R:.*]] = qnn.float_unary relu %{{.*}} : tensor<2x3xf32>
// CHECK: %[[L:.*]] = qnn.float_unary leaky_relu %[[R]] {alpha = 1.000000e-01 : f32} : tensor<2x3xf32>
// CHECK: %[[C:.*]] = qnn.float_unary clip %[[L]] {max = 6.000000e+00 : f32} : tensor<2x3xf32>
// CHECK: %[[H:.*]] = qnn.float_unary hard_sigmoid %[[C]] {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<2x3xf32>
// CHECK: %[[W:.*]] = qnn.float_unary hard_swish %[[H]] : tensor<2x3xf32>
// CHECK: %[[S:.*]] = qnn.float_unary sigmoid %[[W]] : tensor<2x3xf32>
// CHECK: %[[T:.*]] = qnn.float_unary tanh %[[S]] : tensor<2x3xf32>
// CHECK: %[[E:.*]] = qnn.float_unary elu %[[T]] {alpha = 1.000000e+00 : f32} : tensor<2x3xf32>
// CHECK: %[[SE:.*]] = qnn.float_unary selu %[[E]] {alpha = 2.000000e+00 : f32, gamma = 3.000000e+00 : f32} : tensor<2x3xf32>
// CHECK: %[[CE:.*]] = qnn.float_unary celu %[[SE]] {alpha = 5.000000e-01 : f32} : tensor<2x3xf32>
// CHECK: %[[SP:.*]] = qnn.float_unary softplus %[[CE]] : tensor<2x3xf32>
// CHECK: %[[SS:.*]] = qnn.float_unary softsign %[[SP]] : tensor<2x3xf32>
// CHECK: %[[TR:.*]] = qnn.float_unary thresholded_relu %[[SS]] {alpha = 1.500000e+00 : f32} : tensor<2x3xf32>
// CHECK: qnn.float_unary mish %[[TR]] : tensor<2x3xf32>
func.func @float_unary(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = qnn.float_unary relu %x : tensor<2x3xf32>
  %1 = qnn.float_unary leaky_relu %0 {alpha = 0.1 : f32} : tensor<2x3xf32>
  %2 = qnn.float_unary clip %1 {max = 6.0 : f32} : tensor<2x3xf32>
  %3 = qnn.float_unary hard_sigmoid %2 {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<2x3xf32>
  %4 = qnn.float_unary hard_swish %3 : tensor<2x3xf32>
  %5 = qnn.float_unary sigmoid %4 : tensor<2x3xf32>
  %6 = qnn.float_unary tanh %5 : tensor<2x3xf32>
  %7 = qnn.float_unary elu %6 {alpha = 1.0 : f32} : tensor<2x3xf32>
  %8 = qnn.float_unary selu %7 {alpha = 2.0 : f32, gamma = 3.0 : f32} : tensor<2x3xf32>
  %9 = qnn.float_unary celu %8 {alpha = 0.5 : f32} : tensor<2x3xf32>
  %10 = qnn.float_unary softplus %9 : tensor<2x3xf32>
  %11 = qnn.float_unary softsign %10 : tensor<2x3xf32>
  %12 = qnn.float_unary thresholded_relu %11 {alpha = 1.5 : f32} : tensor<2x3xf32>
  %13 = qnn.float_unary mish %12 : tensor<2x3xf32>
  return %13 : tensor<2x3xf32>
}

// multi_threshold on an accumulator, a float input, quantized codes and into
// a bipolar result.
// CHECK-LABEL: func.func @multi_threshold
// CHECK: qnn.multi_threshold %{{.*}} {axis = 1 : i64, offset = 0 : i64, thresholds = dense<{{\[\[}}-3, 0, 4], [-1, 2, 9]]> : tensor<2x3xi32>} : tensor<1x2x4x4xi32> -> tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>>
// CHECK: qnn.multi_threshold %{{.*}} {axis = 1 : i64, offset = -2 : i64, thresholds = dense<{{\[\[}}-5.000000e-01, 0.000000e+00, 2.500000e-01]]> : tensor<1x3xf32>} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!qnn.q<i2, scale = 0.5, zp = 0>>
// CHECK: qnn.multi_threshold %{{.*}} {axis = 1 : i64, offset = -1 : i64, thresholds = dense<{{\[\[}}1], [2]]> : tensor<2x1xi32>} : tensor<1x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>> -> tensor<1x2x!qnn.q<b1, scale = 1.0>>
func.func @multi_threshold(%acc: tensor<1x2x4x4xi32>, %x: tensor<1x2x4x4xf32>, %q: tensor<1x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>>) {
  %0 = qnn.multi_threshold %acc {axis = 1 : i64, offset = 0 : i64, thresholds = dense<[[-3, 0, 4], [-1, 2, 9]]> : tensor<2x3xi32>} : tensor<1x2x4x4xi32> -> tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>>
  %1 = qnn.multi_threshold %x {axis = 1 : i64, offset = -2 : i64, thresholds = dense<[[-0.5, 0.0, 0.25]]> : tensor<1x3xf32>} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4x!qnn.q<i2, scale = 0.5, zp = 0>>
  %2 = qnn.multi_threshold %q {axis = 1 : i64, offset = -1 : i64, thresholds = dense<[[1], [2]]> : tensor<2x1xi32>} : tensor<1x2x!qnn.q<i2, axis = 1, scale = [1.0, 2.0], zp = [0, 0]>> -> tensor<1x2x!qnn.q<b1, scale = 1.0>>
  return
}

// Pools on f32 (what a model leaves in float).
// CHECK-LABEL: func.func @float_pools
// CHECK: qnn.max_pool2d %arg0 {{.*}} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
// CHECK: qnn.avg_pool2d %arg0 {{.*}} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
// CHECK: qnn.global_avg_pool %arg0 : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
func.func @float_pools(%x: tensor<1x2x4x4xf32>) {
  %0 = qnn.max_pool2d %x {dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %1 = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x2x4x4xf32> -> tensor<1x2x2x2xf32>
  %2 = qnn.global_avg_pool %x : tensor<1x2x4x4xf32> -> tensor<1x2x1x1xf32>
  return
}

// Layers in float: float_conv2d with and without a bias, float_matmul.
// CHECK-LABEL: func.func @float_layers
// CHECK: qnn.float_conv2d %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x4x7x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x3xf32>
// CHECK: qnn.float_conv2d %{{.*}}, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x7x5xf32>, tensor<3x4x1x1xf32>) -> tensor<1x3x7x5xf32>
// CHECK: qnn.float_matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
func.func @float_layers(%x: tensor<1x4x7x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>, %w1: tensor<3x4x1x1xf32>, %a: tensor<2x3x4xf32>, %m: tensor<4x5xf32>) -> (tensor<1x6x4x3xf32>, tensor<1x3x7x5xf32>, tensor<2x3x5xf32>) {
  %0 = qnn.float_conv2d %x, %w, %b {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 1>} : (tensor<1x4x7x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x4x3xf32>
  %1 = qnn.float_conv2d %x, %w1 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x7x5xf32>, tensor<3x4x1x1xf32>) -> tensor<1x3x7x5xf32>
  %2 = qnn.float_matmul %a, %m : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0, %1, %2 : tensor<1x6x4x3xf32>, tensor<1x3x7x5xf32>, tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @arg_reduce
// CHECK: qnn.arg_reduce max %{{.*}} {axis = 1 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2xi64>
// CHECK: qnn.arg_reduce min %{{.*}} {axis = 0 : i64, keepdims, select_last_index} : tensor<4x3xf32> -> tensor<1x3xi64>
func.func @arg_reduce(%q: tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>>, %f: tensor<4x3xf32>) -> (tensor<2xi64>, tensor<1x3xi64>) {
  %0 = qnn.arg_reduce max %q {axis = 1 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2xi64>
  %1 = qnn.arg_reduce min %f {axis = 0 : i64, keepdims, select_last_index} : tensor<4x3xf32> -> tensor<1x3xi64>
  return %0, %1 : tensor<2xi64>, tensor<1x3xi64>
}

// CHECK-LABEL: func.func @resize_2d
// CHECK: qnn.resize_2d %{{.*}} {col_weights = array<f32: 1.000000e+00, 0.000000e+00, 7.500000e-01, 2.500000e-01>, cols = array<i64: 0, 1, 0, 1>, row_weights = array<f32: 1.000000e+00, 0.000000e+00>, rows = array<i64: 0, 0>} : tensor<1x2x1x2xf32> -> tensor<1x2x1x2xf32>
// One tap (nearest), and tf_crop_and_resize's outside entries (-1):
// CHECK: qnn.resize_2d %{{.*}} {col_weights = array<f32: 1.000000e+00, 1.000000e+00>, cols = array<i64: -1, 1>, extrapolation_value = 1.000000e+01 : f32, row_weights = array<f32: 1.000000e+00>, rows = array<i64: 0>}
// Four taps (cubic), with exclude_outside's row divisors:
// CHECK: qnn.resize_2d %{{.*}} {col_weights = array<f32: -7.031250e-02, 0.8671875, 0.2265625, -2.343750e-02>, cols = array<i64: 0, 0, 1, 1>, row_divisors = array<f32: 1.000000e+00>, row_weights = array<f32: 0.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00>, rows = array<i64: 0, 0, 0, 0>}
func.func @resize_2d(%x: tensor<1x2x1x2xf32>) -> (tensor<1x2x1x2xf32>, tensor<1x2x1x2xf32>, tensor<1x2x1x1xf32>) {
  %0 = qnn.resize_2d %x {rows = array<i64: 0, 0>, row_weights = array<f32: 1.0, 0.0>, cols = array<i64: 0, 1, 0, 1>, col_weights = array<f32: 1.0, 0.0, 0.75, 0.25>} : tensor<1x2x1x2xf32> -> tensor<1x2x1x2xf32>
  %1 = qnn.resize_2d %x {rows = array<i64: 0>, row_weights = array<f32: 1.0>, cols = array<i64: -1, 1>, col_weights = array<f32: 1.0, 1.0>, extrapolation_value = 10.0 : f32} : tensor<1x2x1x2xf32> -> tensor<1x2x1x2xf32>
  %2 = qnn.resize_2d %x {rows = array<i64: 0, 0, 0, 0>, row_weights = array<f32: 0.0, 1.0, 0.0, 0.0>, cols = array<i64: 0, 0, 1, 1>, col_weights = array<f32: -0.0703125, 0.8671875, 0.2265625, -0.0234375>, row_divisors = array<f32: 1.0>} : tensor<1x2x1x2xf32> -> tensor<1x2x1x1xf32>
  return %0, %1, %2 : tensor<1x2x1x2xf32>, tensor<1x2x1x2xf32>, tensor<1x2x1x1xf32>
}

// CHECK-LABEL: func.func @top_k
// CHECK: qnn.top_k %{{.*}} {axis = 1 : i64, k = 2 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2x2x!qnn.q<ui8, scale = 0.5, zp = 7>>, tensor<2x2xi64>
// CHECK: qnn.top_k %{{.*}} {axis = 0 : i64, k = 4 : i64, smallest} : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<4x3xi64>
func.func @top_k(%q: tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>>, %f: tensor<4x3xf32>) -> (tensor<2x2x!qnn.q<ui8, scale = 0.5, zp = 7>>, tensor<4x3xi64>) {
  %v, %i = qnn.top_k %q {axis = 1 : i64, k = 2 : i64} : tensor<2x5x!qnn.q<ui8, scale = 0.5, zp = 7>> -> tensor<2x2x!qnn.q<ui8, scale = 0.5, zp = 7>>, tensor<2x2xi64>
  %w, %j = qnn.top_k %f {axis = 0 : i64, k = 4 : i64, smallest} : tensor<4x3xf32> -> tensor<4x3xf32>, tensor<4x3xi64>
  return %v, %j : tensor<2x2x!qnn.q<ui8, scale = 0.5, zp = 7>>, tensor<4x3xi64>
}

// float_cast: binary16 <-> binary32.
// CHECK-LABEL: func.func @float_cast
// CHECK: %[[W:.*]] = qnn.float_cast %{{.*}} : tensor<2x3xf16> -> tensor<2x3xf32>
// CHECK: qnn.float_cast %[[W]] : tensor<2x3xf32> -> tensor<2x3xf16>
func.func @float_cast(%h: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %w = qnn.float_cast %h : tensor<2x3xf16> -> tensor<2x3xf32>
  %n = qnn.float_cast %w : tensor<2x3xf32> -> tensor<2x3xf16>
  return %n : tensor<2x3xf16>
}
