// Functions the static arena planner rejects.
// RUN: qcc-opt %s --allow-unregistered-dialect --qcc-plan-static-arena --split-input-file -verify-diagnostics
// RUN: not qcc-opt %s --allow-unregistered-dialect --qcc-plan-static-arena=alignment=48 --split-input-file 2>&1 | FileCheck %s --check-prefix=ALIGN

// ALIGN: error: qcc-plan-static-arena: alignment must be a positive power of two, got 48

func.func @dynamic(%n: index) {
  // expected-error @+1 {{only static identity-layout buffers can be placed in the arena, got 'memref<?xi8>'}}
  %a = memref.alloc(%n) : memref<?xi8>
  "test.op"(%a) : (memref<?xi8>) -> ()
  return
}

// -----

func.func @strided_layout() {
  // expected-error @+1 {{only static identity-layout buffers can be placed in the arena, got 'memref<4xi8, strided<[2]>>'}}
  %a = memref.alloc() : memref<4xi8, strided<[2]>>
  "test.op"(%a) : (memref<4xi8, strided<[2]>>) -> ()
  return
}

// -----

func.func @returned() -> memref<4xi8> {
  %a = memref.alloc() : memref<4xi8>
  // expected-error @+1 {{a planned buffer escapes through the function result}}
  return %a : memref<4xi8>
}

// -----

// Escaping through a view is escaping too.
func.func @returned_view() -> memref<2x2xi8> {
  %a = memref.alloc() : memref<4xi8>
  %e = memref.expand_shape %a [[0, 1]] output_shape [2, 2] : memref<4xi8> into memref<2x2xi8>
  // expected-error @+1 {{a planned buffer escapes through the function result}}
  return %e : memref<2x2xi8>
}

// -----

func.func @alloca() {
  // expected-error @+1 {{memref.alloca is not supported by the static arena planner}}
  %a = memref.alloca() : memref<4xi8>
  "test.op"(%a) : (memref<4xi8>) -> ()
  return
}

// -----

// expected-error @+1 {{arena planning needs a single-block function body}}
func.func @two_blocks(%p: i1) {
  %a = memref.alloc() : memref<4xi8>
  cf.cond_br %p, ^bb1, ^bb1
^bb1:
  "test.op"(%a) : (memref<4xi8>) -> ()
  return
}
