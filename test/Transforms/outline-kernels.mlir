// RUN: qcc-opt %s --qcc-outline-kernels | FileCheck %s
// RUN: qcc-opt %s --qcc-outline-kernels | FileCheck %s --check-prefix=SLICE

// Three buffers of the arena: A = [0, 64), B = [64, 128), C = [32, 96).
// Kernel 0 reads A and writes B: disjoint ranges, both noalias.
// Kernel 1 reads A and writes C: [0,64) and [32,96) overlap, neither is.
// Kernel 2 reads the model input %in and a constant global and writes B:
// three different roots, all noalias.
// Kernel 3 is a fill: its constant operand is cloned into the kernel.

memref.global "private" constant @w : memref<16xi8> = dense<1>

// CHECK-LABEL: func.func @model(
func.func @model(%arena: memref<128xi8>, %in: memref<16xi8>, %out: memref<16xi8>) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %c32 = arith.constant 32 : index
  %a = memref.view %arena[%c0][] : memref<128xi8> to memref<16xi32>
  %b = memref.view %arena[%c64][] : memref<128xi8> to memref<16xi32>
  %c = memref.view %arena[%c32][] : memref<128xi8> to memref<16xi32>
  %w = memref.get_global @w : memref<16xi8>
  // CHECK: call @model_kernel0(%{{.*}}, %{{.*}}) {qcc.kernel = "k0"}
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<16xi32>) outs(%b : memref<16xi32>) attrs = {qcc.kernel = "k0"} {
  ^bb0(%x: i32, %y: i32):
    linalg.yield %x : i32
  }
  // CHECK: call @model_kernel1(
  linalg.copy ins(%a : memref<16xi32>) outs(%c : memref<16xi32>)
  // CHECK: call @model_kernel2(
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%in, %w : memref<16xi8>, memref<16xi8>) outs(%b : memref<16xi32>) {
  ^bb0(%x: i8, %y: i8, %z: i32):
    %s = arith.addi %x, %y : i8
    %e = arith.extsi %s : i8 to i32
    linalg.yield %e : i32
  }
  // CHECK: call @model_kernel3(
  %seven = arith.constant 7 : i8
  linalg.fill ins(%seven : i8) outs(%out : memref<16xi8>)
  // CHECK-NOT: linalg.
  // CHECK: return
  return
}

// CHECK: func.func private @model_kernel0(%{{.*}}: memref<16xi32> {llvm.noalias}, %{{.*}}: memref<16xi32> {llvm.noalias})
// CHECK-NEXT: linalg.generic
// CHECK: func.func private @model_kernel1(%{{[a-z0-9]+}}: memref<16xi32>, %{{[a-z0-9]+}}: memref<16xi32>)
// CHECK-NEXT: linalg.copy
// CHECK: func.func private @model_kernel2(%{{.*}}: memref<16xi8> {llvm.noalias}, %{{.*}}: memref<16xi8> {llvm.noalias}, %{{.*}}: memref<16xi32> {llvm.noalias})
// CHECK: func.func private @model_kernel3(%{{.*}}: memref<16xi8> {llvm.noalias})
// CHECK-NEXT: %[[C:.*]] = arith.constant 7 : i8
// CHECK-NEXT: linalg.fill ins(%[[C]] : i8)

// A kernel writing a static slice of a buffer (the interior of a padded
// arena buffer, as qcc-pad-in-place leaves it) takes the whole buffer and
// remakes the slice inside; the two arena ranges are disjoint, so both
// arguments are noalias.
// SLICE-LABEL: func.func @slice(
// SLICE: call @slice_kernel0(%{{.*}}, %[[PADDED:[a-z0-9_]+]]) {qcc.kernel = "requantize"} : (memref<4xi32>, memref<1x1x4x4xi8>) -> ()
// SLICE-LABEL: func.func private @slice_kernel0(
// SLICE-SAME: %[[IN:[a-z0-9]+]]: memref<4xi32> {llvm.noalias}, %[[P:[a-z0-9]+]]: memref<1x1x4x4xi8> {llvm.noalias})
// SLICE: %[[S:.*]] = memref.subview %[[P]][0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 1, 1]
// SLICE: linalg.generic {{.*}} ins(%[[IN]] : memref<4xi32>) outs(%[[S]] :
func.func @slice(%arena: memref<128xi8>) {
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %in = memref.view %arena[%c0][] : memref<128xi8> to memref<4xi32>
  %p = memref.view %arena[%c64][] : memref<128xi8> to memref<1x1x4x4xi8>
  %s = memref.subview %p[0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 1, 1] : memref<1x1x4x4xi8> to memref<1x1x2x2xi8, strided<[16, 16, 4, 1], offset: 5>>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2 * 2 + d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%in : memref<4xi32>) outs(%s : memref<1x1x2x2xi8, strided<[16, 16, 4, 1], offset: 5>>) attrs = {qcc.kernel = "requantize"} {
  ^bb0(%a: i32, %o: i8):
    %t = arith.trunci %a : i32 to i8
    linalg.yield %t : i8
  }
  return
}
