// RUN: qcc-opt %s --qcc-fuse-conv-requant-rows --split-input-file | FileCheck %s

// qcc-fuse-conv-requant-rows on buffers: a 1x1 convolution (2 filters, one
// group) whose accumulator starts at a bias read from %b. Fused, the bias is
// read at the requantization's place, so a write to %b anywhere between the
// start and the requantization forbids the fusion (regression: only the
// ops between the convolution and the requantization were checked, and only
// against x and w).

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 + d5, d7 + d6)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d4, d5, d6)>
#o = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d7)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// Nothing writes %b: fused into one loop nest, the accumulator is gone.
// CHECK-LABEL: func.func @fused(
// CHECK-NOT: memref<1x2x1x3xi32>
// CHECK: memref.alloc() {{.*}} : memref<3xi32>
// CHECK: scf.for
// CHECK: memref.load %{{.*}} : memref<2xi32>
// CHECK-NOT: memref<1x2x1x3xi32>
// CHECK: return
func.func @fused(%x: memref<1x1x1x1x3xi8>, %wt: memref<1x2x1x1x1xi8>, %b: memref<2xi32>, %out: memref<1x2x1x3xi8>) {
  %acc = memref.alloc() : memref<1x2x1x3xi32>
  linalg.generic {indexing_maps = [#ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%b : memref<2xi32>) outs(%acc : memref<1x2x1x3xi32>) {
  ^bb0(%in: i32, %o: i32):
    linalg.yield %in : i32
  }
  %acc5 = memref.expand_shape %acc [[0], [1, 2], [3], [4]] output_shape [1, 1, 2, 1, 3] : memref<1x2x1x3xi32> into memref<1x1x2x1x3xi32>
  linalg.generic {indexing_maps = [#x, #w, #o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]} ins(%x, %wt : memref<1x1x1x1x3xi8>, memref<1x2x1x1x1xi8>) outs(%acc5 : memref<1x1x2x1x3xi32>) attrs = {qcc.kernel = "conv2d"} {
  ^bb0(%a: i8, %c: i8, %s: i32):
    %a32 = arith.extsi %a : i8 to i32
    %c32 = arith.extsi %c : i8 to i32
    %p = arith.muli %a32, %c32 : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%acc : memref<1x2x1x3xi32>) outs(%out : memref<1x2x1x3xi8>) attrs = {qcc.kernel = "requantize"} {
  ^bb0(%in: i32, %o: i8):
    %t = arith.trunci %in : i32 to i8
    linalg.yield %t : i8
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d4, d3 + d5, d7 + d6)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d1, d2, d4, d5, d6)>
#o = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d7)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// %b is overwritten between the start and the convolution: the bias must be
// read before that, so nothing is fused.
// CHECK-LABEL: func.func @bias_written(
// CHECK: memref.alloc() : memref<1x2x1x3xi32>
// CHECK: linalg.fill
// CHECK: qcc.kernel = "conv2d"
// CHECK: qcc.kernel = "requantize"
// CHECK-NOT: scf.for
func.func @bias_written(%x: memref<1x1x1x1x3xi8>, %wt: memref<1x2x1x1x1xi8>, %b: memref<2xi32>, %out: memref<1x2x1x3xi8>) {
  %acc = memref.alloc() : memref<1x2x1x3xi32>
  linalg.generic {indexing_maps = [#ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%b : memref<2xi32>) outs(%acc : memref<1x2x1x3xi32>) {
  ^bb0(%in: i32, %o: i32):
    linalg.yield %in : i32
  }
  %zero = arith.constant 0 : i32
  linalg.fill ins(%zero : i32) outs(%b : memref<2xi32>)
  %acc5 = memref.expand_shape %acc [[0], [1, 2], [3], [4]] output_shape [1, 1, 2, 1, 3] : memref<1x2x1x3xi32> into memref<1x1x2x1x3xi32>
  linalg.generic {indexing_maps = [#x, #w, #o], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]} ins(%x, %wt : memref<1x1x1x1x3xi8>, memref<1x2x1x1x1xi8>) outs(%acc5 : memref<1x1x2x1x3xi32>) attrs = {qcc.kernel = "conv2d"} {
  ^bb0(%a: i8, %c: i8, %s: i32):
    %a32 = arith.extsi %a : i8 to i32
    %c32 = arith.extsi %c : i8 to i32
    %p = arith.muli %a32, %c32 : i32
    %r = arith.addi %s, %p : i32
    linalg.yield %r : i32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%acc : memref<1x2x1x3xi32>) outs(%out : memref<1x2x1x3xi8>) attrs = {qcc.kernel = "requantize"} {
  ^bb0(%in: i32, %o: i8):
    %t = arith.trunci %in : i32 to i8
    linalg.yield %t : i8
  }
  return
}
