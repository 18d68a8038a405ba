// qcc-plan-static-arena on hand-written memref IR. Expected offsets are
// derived by hand from the algorithm documented in Passes.td:
//   * a buffer lives from its memref.alloc to the last top-level op that
//     uses it or any view of it (intervals of top-level op indices, inclusive);
//   * buffers sorted by size, largest first (ties: earlier allocation first),
//     each takes the lowest 64-byte-aligned offset that does not overlap a
//     buffer placed before it whose interval intersects its own;
//   * arena size = highest end offset rounded up to 64.
// RUN: qcc-opt %s --allow-unregistered-dialect --qcc-plan-static-arena --split-input-file | FileCheck %s

// Op indices (top level of the body):
//   0 %a = alloc 100 x i8  -> A: 100 B    live [0, 3]
//   1 write(a)
//   2 %b = alloc 40 x i32  -> B: 160 B    live [2, 5]
//   3 op(a, b)
//   4 %c = alloc 10 x f32  -> C:  40 B    live [4, 7]
//   5 op(b, c)
//   6 %d = alloc 2x3 x i64 -> D:  48 B    live [6, 8]
//   7 op(c, d)
//   8 op(d, out)
// Order B(160), A(100), D(48), C(40):
//   B -> 0            [0, 160)
//   A overlaps B      -> first aligned offset after 160: 192   [192, 292)
//   D overlaps nobody placed (B ends at 5, A at 3) -> 0        [0, 48)
//   C overlaps B and D: 0 collides with D, 64 collides with B -> 192 (A is dead)
//   arena: max(160, 292, 48, 232) = 292 -> 320
// CHECK-LABEL: func.func @reuse(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<320xi8> {qcc.name = "arena"}, %{{.*}}: memref<64xi8>, %[[OUT:.*]]: memref<16xi8>)
// CHECK-SAME: attributes {qcc.arena_bytes = 320 : i64}
// CHECK-NOT: memref.alloc
// CHECK: %[[OA:.*]] = arith.constant 192 : index
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%[[OA]]][] : memref<320xi8> to memref<100xi8>
// CHECK: "test.write"(%[[A]])
// CHECK: %[[OB:.*]] = arith.constant 0 : index
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%[[OB]]][] : memref<320xi8> to memref<40xi32>
// CHECK: "test.op"(%[[A]], %[[B]])
// CHECK: %[[OC:.*]] = arith.constant 192 : index
// CHECK: %[[C:.*]] = memref.view %[[ARENA]][%[[OC]]][] : memref<320xi8> to memref<10xf32>
// CHECK: "test.op"(%[[B]], %[[C]])
// CHECK: %[[OD:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = memref.view %[[ARENA]][%[[OD]]][] : memref<320xi8> to memref<2x3xi64>
// CHECK: "test.op"(%[[C]], %[[D]])
// CHECK: "test.op"(%[[D]], %[[OUT]])
func.func @reuse(%in: memref<64xi8>, %out: memref<16xi8>) {
  %a = memref.alloc() : memref<100xi8>
  "test.write"(%a) : (memref<100xi8>) -> ()
  %b = memref.alloc() : memref<40xi32>
  "test.op"(%a, %b) : (memref<100xi8>, memref<40xi32>) -> ()
  %c = memref.alloc() : memref<10xf32>
  "test.op"(%b, %c) : (memref<40xi32>, memref<10xf32>) -> ()
  %d = memref.alloc() : memref<2x3xi64>
  "test.op"(%c, %d) : (memref<10xf32>, memref<2x3xi64>) -> ()
  "test.op"(%d, %out) : (memref<2x3xi64>, memref<16xi8>) -> ()
  return
}

// -----

// Views keep their source alive: A is used through collapse_shape ->
// subview until op 5, so B (allocated at 3) cannot take A's place; C (from 6)
// can. All three are 64 bytes (ties: allocation order).
//   0 %a = alloc 4x16xi8         A [0, 5]
//   1 %f = collapse_shape %a
//   2 %s = subview %f
//   3 %b = alloc 64xi8           B [3, 7]
//   4 write(b)
//   5 read(s)                    (last use of A, through two views)
//   6 %c = alloc 64xi8           C [6, 8]
//   7 op(b, c)
//   8 read(c)
//   A -> 0, B overlaps A -> 64, C overlaps B only -> 0; arena 128
// CHECK-LABEL: func.func @views_extend_lifetime(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<128xi8> {qcc.name = "arena"})
// CHECK-SAME: qcc.arena_bytes = 128 : i64
// CHECK: %[[OA:.*]] = arith.constant 0 : index
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%[[OA]]][] : memref<128xi8> to memref<4x16xi8>
// CHECK: %[[F:.*]] = memref.collapse_shape %[[A]]
// CHECK: %[[S:.*]] = memref.subview %[[F]]
// CHECK: %[[OB:.*]] = arith.constant 64 : index
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%[[OB]]][] : memref<128xi8> to memref<64xi8>
// CHECK: "test.write"(%[[B]])
// CHECK: "test.read"(%[[S]])
// CHECK: %[[OC:.*]] = arith.constant 0 : index
// CHECK: %[[C:.*]] = memref.view %[[ARENA]][%[[OC]]][] : memref<128xi8> to memref<64xi8>
func.func @views_extend_lifetime() {
  %a = memref.alloc() : memref<4x16xi8>
  %f = memref.collapse_shape %a [[0, 1]] : memref<4x16xi8> into memref<64xi8>
  %s = memref.subview %f[8] [16] [1] : memref<64xi8> to memref<16xi8, strided<[1], offset: 8>>
  %b = memref.alloc() : memref<64xi8>
  "test.write"(%b) : (memref<64xi8>) -> ()
  "test.read"(%s) : (memref<16xi8, strided<[1], offset: 8>>) -> ()
  %c = memref.alloc() : memref<64xi8>
  "test.op"(%b, %c) : (memref<64xi8>, memref<64xi8>) -> ()
  "test.read"(%c) : (memref<64xi8>) -> ()
  return
}

// -----

// The same through memref.expand_shape.
//   0 %a = alloc 64xi8   A [0, 4];  1 %e = expand_shape %a;  2 %b = alloc 64xi8  B [2, 4]
//   3 write(b);  4 op(e, b)
//   A -> 0, B -> 64; arena 128
// CHECK-LABEL: func.func @expand_shape_view(
// CHECK-SAME: memref<128xi8>
// CHECK: arith.constant 0 : index
// CHECK: memref.expand_shape
// CHECK: arith.constant 64 : index
func.func @expand_shape_view() {
  %a = memref.alloc() : memref<64xi8>
  %e = memref.expand_shape %a [[0, 1]] output_shape [4, 16] : memref<64xi8> into memref<4x16xi8>
  %b = memref.alloc() : memref<64xi8>
  "test.write"(%b) : (memref<64xi8>) -> ()
  "test.op"(%e, %b) : (memref<4x16xi8>, memref<64xi8>) -> ()
  return
}

// -----

// 64-byte alignment of every offset: three 10-byte buffers live at the same
// time take 0, 64 and 128; the arena is 128 + 10 = 138 -> 192.
// CHECK-LABEL: func.func @alignment(
// CHECK-SAME: memref<192xi8> {qcc.name = "arena"}
// CHECK-SAME: qcc.arena_bytes = 192 : i64
// CHECK: arith.constant 0 : index
// CHECK: arith.constant 64 : index
// CHECK: arith.constant 128 : index
func.func @alignment() {
  %a = memref.alloc() : memref<10xi8>
  %b = memref.alloc() : memref<10xi8>
  %c = memref.alloc() : memref<10xi8>
  "test.op"(%a, %b, %c) : (memref<10xi8>, memref<10xi8>, memref<10xi8>) -> ()
  return
}

// -----

// A gap between two live buffers is reused when the new buffer fits:
//   0 %a = alloc 64   A [0, 6]
//   1 %g = alloc 128  G [1, 3]
//   2 %b = alloc 64   B [2, 6]
//   3 op(a, g, b)
//   4 %c = alloc 100  C [4, 6]
//   5 %d = alloc 64   D [5, 6]
//   6 op(a, b, c, d)
//   order G(128), C(100), A(64, start 0), B(64, start 2), D(64, start 5)
//   G -> 0 [0, 128); C (G dead) -> 0 [0, 100); A overlaps G and C -> 128;
//   B overlaps G, C, A -> 192; D overlaps C, A, B: 0 collides with C,
//   128 with A, 192 with B -> 256.  arena 320
// CHECK-LABEL: func.func @first_fit(
// CHECK-SAME: memref<320xi8>
// CHECK: arith.constant 128 : index
// CHECK-NEXT: memref.view {{.*}} to memref<64xi8>
// CHECK: arith.constant 0 : index
// CHECK-NEXT: memref.view {{.*}} to memref<128xi8>
// CHECK: arith.constant 192 : index
// CHECK-NEXT: memref.view {{.*}} to memref<64xi8>
// CHECK: arith.constant 0 : index
// CHECK-NEXT: memref.view {{.*}} to memref<100xi8>
// CHECK: arith.constant 256 : index
// CHECK-NEXT: memref.view {{.*}} to memref<64xi8>
func.func @first_fit() {
  %a = memref.alloc() : memref<64xi8>
  %g = memref.alloc() : memref<128xi8>
  %b = memref.alloc() : memref<64xi8>
  "test.op"(%a, %g, %b) : (memref<64xi8>, memref<128xi8>, memref<64xi8>) -> ()
  %c = memref.alloc() : memref<100xi8>
  %d = memref.alloc() : memref<64xi8>
  "test.op"(%a, %b, %c, %d) : (memref<64xi8>, memref<64xi8>, memref<100xi8>, memref<64xi8>) -> ()
  return
}

// -----

// Uses inside a region count at the region's top-level op, allocations
// inside a region are placed too, and deallocations disappear.
//   0 %a = alloc 64   A [0, 6]
//   1 %b = alloc 64   B [1, 5]
//   2..4 loop bounds
//   5 scf.for { use(a, b); %t = alloc 16 -> T [5, 5]; use(t) }
//   6 dealloc a
//   7 %c = alloc 64   C [7, 8]
//   8 use(c)
//   A -> 0; B -> 64; C (A, B dead) -> 0; T overlaps A, B -> 128. arena 192
// CHECK-LABEL: func.func @regions_and_dealloc(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<192xi8> {qcc.name = "arena"}
// CHECK-NOT: memref.dealloc
// CHECK: arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = memref.view %[[ARENA]]
// CHECK: arith.constant 64 : index
// CHECK-NEXT: %[[B:.*]] = memref.view %[[ARENA]]
// CHECK: scf.for
// CHECK:   "test.op"(%[[A]], %[[B]])
// CHECK:   arith.constant 128 : index
// CHECK-NEXT: memref.view %[[ARENA]]{{.*}} to memref<16xi8>
// CHECK: arith.constant 0 : index
// CHECK-NEXT: memref.view %[[ARENA]]{{.*}} to memref<64xi8>
// CHECK-NOT: memref.dealloc
func.func @regions_and_dealloc() {
  %a = memref.alloc() : memref<64xi8>
  %b = memref.alloc() : memref<64xi8>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    "test.op"(%a, %b) : (memref<64xi8>, memref<64xi8>) -> ()
    %t = memref.alloc() : memref<16xi8>
    "test.op"(%t) : (memref<16xi8>) -> ()
  }
  memref.dealloc %a : memref<64xi8>
  %c = memref.alloc() : memref<64xi8>
  "test.op"(%c) : (memref<64xi8>) -> ()
  return
}

// -----

// Sizes: i1 and i4 elements take one byte each, an empty buffer one byte,
// f16 two. All live together: 16 x i1 = 16 B, 3 x i4 = 3 B, 0 x f32 = 1 B,
// 5 x f16 = 10 B -> order 16, 10, 3, 1 -> offsets 0, 64, 128, 192; arena 193 -> 256.
// CHECK-LABEL: func.func @element_sizes(
// CHECK-SAME: memref<256xi8>
// CHECK: arith.constant 0 : index
// CHECK-NEXT: memref.view {{.*}} to memref<16xi1>
// CHECK: arith.constant 128 : index
// CHECK-NEXT: memref.view {{.*}} to memref<3xi4>
// CHECK: arith.constant 192 : index
// CHECK-NEXT: memref.view {{.*}} to memref<0xf32>
// CHECK: arith.constant 64 : index
// CHECK-NEXT: memref.view {{.*}} to memref<5xf16>
func.func @element_sizes() {
  %a = memref.alloc() : memref<16xi1>
  %b = memref.alloc() : memref<3xi4>
  %c = memref.alloc() : memref<0xf32>
  %d = memref.alloc() : memref<5xf16>
  "test.op"(%a, %b, %c, %d) : (memref<16xi1>, memref<3xi4>, memref<0xf32>, memref<5xf16>) -> ()
  return
}

// -----

// No buffers: still a (zero-sized) arena argument in front of the existing
// arguments, whose attributes move with them; declarations are untouched.
// CHECK-LABEL: func.func @no_buffers(
// CHECK-SAME: %{{.*}}: memref<0xi8> {qcc.name = "arena"}, %[[X:.*]]: memref<4xi8> {qcc.name = "input"})
// CHECK-SAME: attributes {qcc.arena_bytes = 0 : i64}
// CHECK-NEXT: "test.read"(%[[X]])
// CHECK-LABEL: func.func private @declaration(memref<4xi8>)
func.func @no_buffers(%x: memref<4xi8> {qcc.name = "input"}) {
  "test.read"(%x) : (memref<4xi8>) -> ()
  return
}
func.func private @declaration(memref<4xi8>)
