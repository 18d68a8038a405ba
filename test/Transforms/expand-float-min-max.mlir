// RUN: qcc-opt %s -qcc-expand-float-min-max | FileCheck %s
// RUN: qcc-opt %s -qcc-expand-float-min-max -convert-arith-to-llvm -convert-func-to-llvm | FileCheck %s --check-prefix=LLVM

// Float max/min become compares and selects (no llvm.maxnum / llvm.maximum
// intrinsic, which LLVM turns into fmaxf / fmaximumf calls on Cortex-M).

// maxnum(x, y): y when x < y or x is NaN, else x.
// CHECK-LABEL: func.func @maxnum
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[LT:.*]] = arith.cmpf olt, %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.ori %[[LT]], %[[NAN]] : i1
// CHECK-NEXT: %[[R:.*]] = arith.select %[[T]], %[[Y]], %[[X]] : f32
// CHECK-NEXT: return %[[R]]
func.func @maxnum(%x: f32, %y: f32) -> f32 {
  %r = arith.maxnumf %x, %y : f32
  return %r : f32
}

// minnum(x, y): y when x > y or x is NaN, else x.
// CHECK-LABEL: func.func @minnum
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[T:.*]] = arith.ori %[[GT]], %[[NAN]] : i1
// CHECK-NEXT: arith.select %[[T]], %[[Y]], %[[X]] : f32
func.func @minnum(%x: f32, %y: f32) -> f32 {
  %r = arith.minnumf %x, %y : f32
  return %r : f32
}

// maximum(x, y): x if x is NaN; else x & y (bits) if x == y (+0 for -0
// and +0); else x > y ? x : y (a NaN y fails every compare: y).
// CHECK-LABEL: func.func @maximum
// CHECK-SAME: (%[[X:.*]]: f32, %[[Y:.*]]: f32)
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.select %[[GT]], %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[XB:.*]] = arith.bitcast %[[X]] : f32 to i32
// CHECK-NEXT: %[[YB:.*]] = arith.bitcast %[[Y]] : f32 to i32
// CHECK-NEXT: %[[AND:.*]] = arith.andi %[[XB]], %[[YB]] : i32
// CHECK-NEXT: %[[EQ:.*]] = arith.cmpf oeq, %[[X]], %[[Y]] : f32
// CHECK-NEXT: %[[ANDF:.*]] = arith.bitcast %[[AND]] : i32 to f32
// CHECK-NEXT: %[[S2:.*]] = arith.select %[[EQ]], %[[ANDF]], %[[S]] : f32
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.select %[[NAN]], %[[X]], %[[S2]] : f32
// CHECK-NEXT: return %[[R]]
func.func @maximum(%x: f32, %y: f32) -> f32 {
  %r = arith.maximumf %x, %y : f32
  return %r : f32
}

// minimum: the same with olt and x | y (-0 for -0 and +0), on vectors.
// CHECK-LABEL: func.func @minimum_vector
// CHECK: arith.cmpf olt, %{{.*}}, %{{.*}} : vector<4xf32>
// CHECK: arith.bitcast %{{.*}} : vector<4xf32> to vector<4xi32>
// CHECK: arith.ori %{{.*}}, %{{.*}} : vector<4xi32>
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpf uno
// CHECK-NOT: arith.minimumf
func.func @minimum_vector(%x: vector<4xf32>, %y: vector<4xf32>) -> vector<4xf32> {
  %r = arith.minimumf %x, %y : vector<4xf32>
  return %r : vector<4xf32>
}

// LLVM-NOT: llvm.intr.maxnum
// LLVM-NOT: llvm.intr.minnum
// LLVM-NOT: llvm.intr.maximum
// LLVM-NOT: llvm.intr.minimum
