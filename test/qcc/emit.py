# --emit=qnn|mlir|llvm|asm|obj: what each stage's output looks like.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
#
# RUN: %qcc compile %t/m.onnx --emit=qnn | FileCheck %s --check-prefix=QNN
# RUN: %qcc compile %t/m.onnx --emit=qnn -target aarch64 -o %t/m.qnn
# RUN: FileCheck %s --check-prefix=QNN < %t/m.qnn
# QNN: func.func @forward(%arg0: tensor<1x3x8x8xf32> {qcc.name = "input"}, %arg1: tensor<1x4x4x4xsi8> {qcc.name = "skip"}) -> (tensor<1x4x4x4xui8> {qcc.name = "features"}, tensor<1x4x1x1xf32> {qcc.name = "pooled"})
# QNN: qnn.conv2d
# QNN: qnn.max_pool2d
# QNN: qnn.add
# QNN: qnn.global_avg_pool
# QNN-NOT: llvm.
#
# The lowered module: one llvm.func @forward(arena, inputs..., outputs...)
# with the arena size; no qnn, linalg or memref ops left.
# RUN: %qcc compile %t/m.onnx --emit=mlir -target x86_64 | FileCheck %s --check-prefix=MLIR
# MLIR: llvm.func @forward(%arg0: !llvm.ptr {qcc.name = "arena"}, %arg1: !llvm.ptr {qcc.name = "input"}, %arg2: !llvm.ptr {qcc.name = "skip"}, %arg3: !llvm.ptr {qcc.name = "features"}, %arg4: !llvm.ptr {qcc.name = "pooled"}) attributes {qcc.arena_bytes = {{[1-9][0-9]*}} : i64}
# MLIR-NOT: {{qnn\.|linalg\.|memref\.|tensor<}}
#
# LLVM IR at -O0: the model function is internal NAME_forward, the entry
# point NAME_run(arena, inputs, outputs) returns i32.
# RUN: %qcc compile %t/m.onnx --emit=llvm -target x86_64 -O0 --name net | FileCheck %s --check-prefix=LLVM-O0
# LLVM-O0: target triple = "x86_64-unknown-linux-gnu"
# LLVM-O0-DAG: define internal void @net_forward(ptr
# LLVM-O0-DAG: define i32 @net_run(ptr %arena, ptr %inputs, ptr %outputs)
# LLVM-O0-NOT: define {{.*}}@forward(
#
# RUN: %qcc compile %t/m.onnx --emit=llvm -target x86_64 --name net | FileCheck %s --check-prefix=LLVM-O2
# RUN: %qcc compile %t/m.onnx --emit=llvm -target aarch64-linux-gnu -O3 --name net | FileCheck %s --check-prefix=LLVM-A64
# LLVM-O2: target triple = "x86_64-unknown-linux-gnu"
# LLVM-O2: define {{.*}}i32 @net_run(ptr {{.*}}%arena, ptr {{.*}}%inputs, ptr {{.*}}%outputs)
# LLVM-A64: target triple = "aarch64-unknown-linux-gnu"
# LLVM-A64: define {{.*}}i32 @net_run(ptr
#
# Assembly.
# RUN: %qcc compile %t/m.onnx --emit=asm -target x86_64 --name net | FileCheck %s --check-prefix=ASM-X86
# RUN: %qcc compile %t/m.onnx --emit=asm -target aarch64 --name net | FileCheck %s --check-prefix=ASM-A64
# ASM-X86: .globl net_run
# ASM-X86: net_run:
# ASM-X86: retq
# ASM-A64: .globl net_run
# ASM-A64: net_run:
# ASM-A64-NOT: retq
# ASM-A64: ret
#
# -O levels are accepted and produce objects.
# RUN: %qcc compile %t/m.onnx -target x86_64 -O0 -o %t/o0.o
# RUN: %qcc compile %t/m.onnx -target x86_64 -O1 -o %t/o1.o
# RUN: %qcc compile %t/m.onnx -target x86_64 -O3 -o %t/o3.o
# RUN: %qcc compile %t/m.onnx -target x86_64 --emit=obj -o %t/obj.o
# RUN: ls %t/o0.o %t/o0.h %t/o1.o %t/o1.h %t/o3.o %t/o3.h %t/obj.o %t/obj.h

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
