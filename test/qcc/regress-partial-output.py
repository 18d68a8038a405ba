# Regression test (fixed bug): a code generation error (unknown target, no runtime for the target,
# bad -mcpu, -mcpu=native for another architecture) exits through
# std::exit() after OUT was opened (llvm::ToolOutputFile), so an empty OUT
# is left behind, and an existing OUT is truncated to 0 bytes. qcc.cpp
# promises "no partial output file is left behind".
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: not %qcc compile %t/m.onnx -target foo -o %t/foo.o
# RUN: not ls %t/foo.o
# RUN: not ls %t/foo.h
# RUN: not %qcc compile %t/m.onnx -target sparc-sun-solaris -o %t/sparc.o
# RUN: not ls %t/sparc.o
# RUN: not %qcc compile %t/m.onnx -target x86_64 -mcpu=cortex-a76 -o %t/cpu.o
# RUN: not ls %t/cpu.o
# RUN: not %qcc compile %t/m.onnx -target aarch64 -mcpu=native -o %t/native.o
# RUN: not ls %t/native.o
# RUN: not %qcc compile %t/m.onnx -target foo --emit=llvm -o %t/foo.ll
# RUN: not ls %t/foo.ll
# RUN: echo keep > %t/old.o
# RUN: not %qcc compile %t/m.onnx -target foo -o %t/old.o
# RUN: FileCheck %s < %t/old.o
# CHECK: keep

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
