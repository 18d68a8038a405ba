// The `alignment` option (default 64) applies to every offset and to the
// arena size.
// RUN: qcc-opt %s --allow-unregistered-dialect --qcc-plan-static-arena=alignment=16 | FileCheck %s --check-prefix=A16
// RUN: qcc-opt %s --allow-unregistered-dialect --qcc-plan-static-arena=alignment=1 | FileCheck %s --check-prefix=A1

// Three live buffers of 40, 10 and 20 bytes: order 40, 20, 10.
//   alignment 16: 40 -> 0, 20 -> 48, 10 -> 80; end 90 -> arena 96
//   alignment 1:  40 -> 0, 20 -> 40, 10 -> 60; end 70 -> arena 70
// A16-LABEL: func.func @f(
// A16-SAME: memref<96xi8> {qcc.name = "arena"}
// A16-SAME: qcc.arena_bytes = 96 : i64
// A16: arith.constant 0 : index
// A16-NEXT: memref.view {{.*}} to memref<40xi8>
// A16: arith.constant 80 : index
// A16-NEXT: memref.view {{.*}} to memref<10xi8>
// A16: arith.constant 48 : index
// A16-NEXT: memref.view {{.*}} to memref<20xi8>
// A1-LABEL: func.func @f(
// A1-SAME: memref<70xi8> {qcc.name = "arena"}
// A1-SAME: qcc.arena_bytes = 70 : i64
// A1: arith.constant 0 : index
// A1-NEXT: memref.view {{.*}} to memref<40xi8>
// A1: arith.constant 60 : index
// A1-NEXT: memref.view {{.*}} to memref<10xi8>
// A1: arith.constant 40 : index
// A1-NEXT: memref.view {{.*}} to memref<20xi8>
func.func @f() {
  %a = memref.alloc() : memref<40xi8>
  %b = memref.alloc() : memref<10xi8>
  %c = memref.alloc() : memref<20xi8>
  "test.op"(%a, %b, %c) : (memref<40xi8>, memref<10xi8>, memref<20xi8>) -> ()
  return
}
