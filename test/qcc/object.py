# The object file: an ELF relocatable of the target's machine that exports
# only NAME_run, has no writable data (no global mutable state) and needs
# nothing but libc's mem* functions.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
#
# RUN: %qcc compile %t/m.onnx -target x86_64 --name net -o %t/x86.o
# RUN: llvm-readobj --file-headers %t/x86.o | FileCheck %s --check-prefix=ELF-X86
# ELF-X86: Format: elf64-x86-64
# ELF-X86: Arch: x86_64
# ELF-X86: Class: 64-bit
# ELF-X86: DataEncoding: LittleEndian
# ELF-X86: Type: Relocatable (0x1)
# ELF-X86: Machine: EM_X86_64 (0x3E)
#
# RUN: %qcc compile %t/m.onnx -target aarch64-linux-gnu --name net -o %t/a64.o
# RUN: llvm-readobj --file-headers %t/a64.o | FileCheck %s --check-prefix=ELF-A64
# RUN: %qcc compile %t/m.onnx -target aarch64 --name net -o %t/a64-short.o
# RUN: llvm-readobj --file-headers %t/a64-short.o | FileCheck %s --check-prefix=ELF-A64
# ELF-A64: Format: elf64-littleaarch64
# ELF-A64: Arch: aarch64
# ELF-A64: Type: Relocatable (0x1)
# ELF-A64: Machine: EM_AARCH64 (0xB7)
#
# RUN: %qcc compile %t/m.onnx -target x86_64-linux-gnu --name net -o %t/x86-triple.o
# RUN: llvm-readobj --file-headers %t/x86-triple.o | FileCheck %s --check-prefix=ELF-X86
#
# Exported symbols: NAME_run only (a function).
# RUN: llvm-nm --defined-only --extern-only %t/x86.o | FileCheck %s --check-prefix=SYMS --match-full-lines
# RUN: llvm-nm --defined-only --extern-only %t/a64.o | FileCheck %s --check-prefix=SYMS --match-full-lines
# SYMS: {{[0-9a-f]+}} T net_run
# SYMS-NOT: {{.}}
#
# Undefined symbols: at most memset / memcpy / memmove.
# RUN: llvm-nm --undefined-only --format=just-symbols %t/x86.o | not grep -v -E '^(memset|memcpy|memmove)$'
# RUN: llvm-nm --undefined-only --format=just-symbols %t/a64.o | not grep -v -E '^(memset|memcpy|memmove)$'
#
# No .data / .bss: the weights are read-only, the state lives in the arena.
# RUN: llvm-readobj --sections %t/x86.o | FileCheck %s --check-prefix=SECTIONS
# RUN: llvm-readobj --sections %t/a64.o | FileCheck %s --check-prefix=SECTIONS
# SECTIONS: Name: .text
# SECTIONS-NOT: Name: .data
# SECTIONS-NOT: Name: .bss
#
# -mcpu / -mattr for both targets (and -mcpu=native on this host, whatever
# its architecture is, with -target native).
# RUN: %qcc compile %t/m.onnx -target x86_64 -mcpu=skylake -mattr=+avx2,+fma -o %t/skl.o
# RUN: llvm-readobj --file-headers %t/skl.o | FileCheck %s --check-prefix=ELF-X86
# RUN: %qcc compile %t/m.onnx -target aarch64 -mcpu=cortex-a76 -mattr=+dotprod -o %t/a76.o
# RUN: llvm-readobj --file-headers %t/a76.o | FileCheck %s --check-prefix=ELF-A64
# RUN: %qcc compile %t/m.onnx -target native -mcpu=native -o %t/native.o
# RUN: llvm-readobj --file-headers %t/native.o | FileCheck %s --check-prefix=ELF

# ELF: Type: Relocatable (0x1)

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
