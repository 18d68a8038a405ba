// Smoke test of the whole lowering (--qcc-lower-to-llvm = qcc-lower-to-buffers
// + qcc-buffers-to-llvm) on a small CNN: quantize, conv (per-channel weights,
// bias, ReLU), max pool, global average pool, reshape, fully connected,
// dequantize. The result must be pure LLVM dialect, translatable to LLVM IR,
// with the ABI signature (arena, inputs..., outputs...) as bare pointers.
// RUN: qcc-opt %s --qcc-lower-to-llvm | FileCheck %s
// RUN: qcc-opt %s --qcc-lower-to-llvm | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: qcc-opt %s --qcc-lower-to-buffers | FileCheck %s --check-prefix=BUF

// Conv requantization (s_in 0.0235, s_w [0.01, 0.02, 0.03, 0.04], s_out 0.05):
//   /usr/bin/python3 -c 'import numpy as np, math; f = lambda x: float(np.float32(x)); [print(31 - e, round(m * 2**31)) for m, e in (math.frexp(f(0.0235) * f(w) / f(0.05)) for w in (0.01, 0.02, 0.03, 0.04))]'
//   -> shifts [38, 37, 37, 36], mults [1291926070, 1291926070, 1937889105, 1291926070]
// The convolution (4 filters over 3 channels) runs in the runtime's
// qcc_uk_dwconv2d_requant_i8, whose parameters are one i32 global:
// mults, shifts, zero points (0), lo (0), hi (255), and the accumulator
// bounds amin = floor((lo - zp) 2^s / m) = 0 and
// amax = ceil((hi - zp) 2^s / m):
//   /usr/bin/python3 -c 'print([-((-255 * 2**s) // m) for m, s in ((1291926070, 38), (1291926070, 37), (1937889105, 37), (1291926070, 36))])'
//   -> [54256, 27128, 18086, 13564]
// Arena: the conv is requantized one output row at a time
// (qcc-fuse-conv-requant-rows), so no 1x4x8x8 x i32 accumulator exists; the
// largest simultaneously live buffers are the padded input (1x3x10x10 =
// 300 B, at 0), the conv output (1x4x8x8 = 256 B, at 320) and the row of
// accumulators (8 x i32 = 32 B, at 576): 608 -> 640.

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1291926070, 1291926070, 1937889105, 1291926070, 38, 37, 37, 36, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 54256, 27128, 18086, 13564]> : tensor<28xi32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1, 2, 3, 4]> : tensor<4xi32>)
// CHECK: llvm.func @model(%{{.*}}: !llvm.ptr {qcc.name = "arena"}, %{{.*}}: !llvm.ptr {qcc.name = "input"}, %{{.*}}: !llvm.ptr {qcc.name = "output"})
// CHECK-SAME: attributes {qcc.arena_bytes = 640 : i64}
// CHECK-NOT: {{(memref|linalg|tensor|arith|scf|cf|func|affine|bufferization|builtin\.unrealized_conversion_cast|qnn)\.}}
// CHECK: llvm.return
// CHECK-NOT: {{(memref|linalg|tensor|arith|scf|cf|func|affine|bufferization|builtin\.unrealized_conversion_cast|qnn)\.}}

// LLVMIR: define void @model(ptr %0, ptr %1, ptr %2)
// LLVMIR-NOT: declare {{.*}}@malloc
// LLVMIR-NOT: declare {{.*}}@memrefCopy

// Before LLVM: every intermediate buffer is a view into the arena, copies are
// linalg.copy, no allocation or deallocation remains.
// BUF-LABEL: func.func @model(
// BUF-SAME: %[[ARENA:[^:]*]]: memref<640xi8> {qcc.name = "arena"}, %[[IN:[^:]*]]: memref<1x3x8x8xf32> {qcc.name = "input"}, %[[OUT:[^:]*]]: memref<1x4xf32> {qcc.name = "output"})
// BUF-SAME: attributes {qcc.arena_bytes = 640 : i64}
// BUF-NOT: memref.alloc
// BUF-NOT: memref.dealloc
// BUF-NOT: memref.copy
// BUF: qcc.kernel = "quantize"
// BUF: qcc.kernel = "conv2d"
// BUF-NOT: qcc.kernel = "requantize"
// BUF: qcc.kernel = "max_pool2d"
// BUF: qcc.kernel = "window_sum"
// BUF: qcc.kernel = "requantize"
// BUF: qcc.kernel = "matmul"
// BUF: qcc.kernel = "requantize"
// The dequantization writes the output out-param directly (no copy); each
// kernel is outlined into its own function (qcc-outline-kernels).
// BUF: call @model_kernel{{[0-9]+}}(%{{.*}}, %[[OUT]]) {qcc.kernel = "dequantize"}
// BUF-NOT: memref.alloc
// BUF: return
func.func @model(%in: tensor<1x3x8x8xf32> {qcc.name = "input"}) -> (tensor<1x4xf32> {qcc.name = "output"}) {
  %w = qnn.constant dense<1> : tensor<4x3x3x3xi8> : tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.01, 0.02, 0.03, 0.04], zp = [0, 0, 0, 0]>>
  %b = qnn.constant dense<[1, 2, 3, 4]> : tensor<4xi32> : tensor<4xi32>
  %fc = qnn.constant dense<2> : tensor<4x4xi8> : tensor<4x4x!qnn.q<i8, scale = 0.05, zp = 0>>
  %q = qnn.quantize %in : tensor<1x3x8x8xf32> -> tensor<1x3x8x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>
  %c = qnn.conv2d %q, %w, %b {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 1 : i64, out_min = 0.0 : f64}
      : (tensor<1x3x8x8x!qnn.q<ui8, scale = 0.0235, zp = 128>>, tensor<4x3x3x3x!qnn.q<i8, axis = 0, scale = [0.01, 0.02, 0.03, 0.04], zp = [0, 0, 0, 0]>>, tensor<4xi32>)
      -> tensor<1x4x8x8x!qnn.q<ui8, scale = 0.05, zp = 0>>
  %p = qnn.max_pool2d %c {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>}
      : tensor<1x4x8x8x!qnn.q<ui8, scale = 0.05, zp = 0>> -> tensor<1x4x4x4x!qnn.q<ui8, scale = 0.05, zp = 0>>
  %g = qnn.global_avg_pool %p : tensor<1x4x4x4x!qnn.q<ui8, scale = 0.05, zp = 0>> -> tensor<1x4x1x1x!qnn.q<ui8, scale = 0.05, zp = 0>>
  %r = qnn.reshape %g : tensor<1x4x1x1x!qnn.q<ui8, scale = 0.05, zp = 0>> -> tensor<1x4x!qnn.q<ui8, scale = 0.05, zp = 0>>
  %m = qnn.matmul %r, %fc : (tensor<1x4x!qnn.q<ui8, scale = 0.05, zp = 0>>, tensor<4x4x!qnn.q<i8, scale = 0.05, zp = 0>>) -> tensor<1x4x!qnn.q<i8, scale = 0.1, zp = 0>>
  %d = qnn.dequantize %m : tensor<1x4x!qnn.q<i8, scale = 0.1, zp = 0>> -> tensor<1x4xf32>
  return %d : tensor<1x4xf32>
}
