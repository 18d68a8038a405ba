# Code generation errors: unknown targets, a target without a qcc runtime,
# -mcpu / -mattr not valid for the target, -mcpu=native for another
# architecture (this assumes an x86-64 host), 32-bit Arm targets that are
# not Cortex-M, and -mfloat-abi where it does not apply. LLVM's own "not a recognized
# processor/feature" warnings must not show: one line only.
# Exit code 1 and "qcc: error: MODEL: ..." (the absence of leftover files is
# checked in bug-partial-output.py).
#
# DEFINE: %{check} = FileCheck %s --match-full-lines --implicit-check-not={{.}} --check-prefix
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: not %qcc compile %t/m.onnx -target foo -o %t/foo.o 2>&1 | %{check}=UNKNOWN
# RUN: not %qcc compile %t/m.onnx -target=foo-bar-baz --emit=llvm 2>&1 | %{check}=UNKNOWN-TRIPLE
# RUN: not %qcc compile %t/m.onnx -target sparc-sun-solaris -o %t/sparc.o 2>&1 | %{check}=SPARC
# RUN: not %qcc compile %t/m.onnx -target riscv64 --emit=asm 2>&1 | %{check}=RISCV
# RUN: not %qcc compile %t/m.onnx -target aarch64-linux-gnu -mcpu=native -o %t/native.o 2>&1 | %{check}=NATIVE
# RUN: not %qcc compile %t/m.onnx -target aarch64 -mcpu=skylake -o %t/skl.o 2>&1 | %{check}=BAD-CPU-A64
# RUN: not %qcc compile %t/m.onnx -target x86_64 -mcpu=cortex-a76 -o %t/a76.o 2>&1 | %{check}=BAD-CPU-X86
# RUN: not %qcc compile %t/m.onnx -target x86_64 -mattr=+bogus -o %t/bogus.o 2>&1 | %{check}=BAD-ATTR
# RUN: not %qcc compile %t/m.onnx -target x86_64 -mattr=+avx2,fma -o %t/fma.o 2>&1 | %{check}=ATTR-SIGN
# RUN: not %qcc compile %t/m.onnx -target aarch64 -mattr=+avx2 --emit=asm 2>&1 | %{check}=ATTR-A64
# RUN: not %qcc compile %t/m.onnx -target= 2>&1 | %{check}=EMPTY
# RUN: not %qcc compile %t/m.onnx -target armv7a-none-eabi -o %t/a7.o 2>&1 | %{check}=ARM-A
# RUN: not %qcc compile %t/m.onnx -target thumbv7em-linux-gnueabi -o %t/lx.o 2>&1 | %{check}=ARM-OS
# RUN: not %qcc compile %t/m.onnx -target thumbv7em-none-eabi -mcpu=cortex-a53 -o %t/a53.o 2>&1 | %{check}=ARM-CPU
# RUN: not %qcc compile %t/m.onnx -target thumbv8m.main-none-eabi -mcpu=cortex-m99 -o %t/m99.o 2>&1 | %{check}=ARM-CPU99
# RUN: not %qcc compile %t/m.onnx -target x86_64 -mfloat-abi=hard -o %t/fa.o 2>&1 | %{check}=FLOAT-ABI-X86
# RUN: not %qcc compile %t/m.onnx -target thumbv7em-none-eabi -mfloat-abi=softfp -o %t/sfp.o 2>&1 | %{check}=FLOAT-ABI-BAD
# RUN: not ls %t/a7.o %t/lx.o %t/a53.o %t/m99.o %t/fa.o %t/sfp.o %t/a7.h %t/fa.h 2>/dev/null
# RUN: %python %S/Inputs/exit_code.py %qcc compile %t/m.onnx -target foo -o %t/foo2.o | FileCheck %s --check-prefix=EXIT --match-full-lines

# UNKNOWN: qcc: error: {{.*}}m.onnx: unknown target 'foo' (use x86_64, aarch64 or a full triple such as aarch64-linux-gnu or thumbv7em-none-eabi)
# UNKNOWN-TRIPLE: qcc: error: {{.*}}m.onnx: unknown target 'foo-bar-baz' (use x86_64, aarch64 or a full triple such as aarch64-linux-gnu or thumbv7em-none-eabi)
# SPARC: qcc: error: {{.*}}m.onnx: the qcc runtime was not built for sparc
# RISCV: qcc: error: {{.*}}m.onnx: the qcc runtime was not built for riscv64
# NATIVE: qcc: error: {{.*}}m.onnx: -mcpu=native needs a target of the host's architecture ({{x86_64|x86-64}})
# BAD-CPU-A64: qcc: error: {{.*}}m.onnx: -mcpu='skylake' is not a CPU of target aarch64-unknown-linux-gnu
# BAD-CPU-X86: qcc: error: {{.*}}m.onnx: -mcpu='cortex-a76' is not a CPU of target x86_64-unknown-linux-gnu
# BAD-ATTR: qcc: error: {{.*}}m.onnx: -mattr: '+bogus' is not a feature of target x86_64-unknown-linux-gnu (write +name or -name)
# ATTR-SIGN: qcc: error: {{.*}}m.onnx: -mattr: 'fma' is not a feature of target x86_64-unknown-linux-gnu (write +name or -name)
# ATTR-A64: qcc: error: {{.*}}m.onnx: -mattr: '+avx2' is not a feature of target aarch64-unknown-linux-gnu (write +name or -name)
# EXIT: exit 1
# EMPTY: qcc: error: missing -target (x86_64, aarch64 or a full triple)
# ARM-A: qcc: error: {{.*}}m.onnx: target 'armv7a-unknown-none-eabi': 32-bit Arm targets are Cortex-M: thumbv6m-none-eabi (M0/M0+), thumbv7em-none-eabi (M4/M7), thumbv8m.main-none-eabi (M33), thumbv8.1m.main-none-eabi (M55)
# ARM-OS: qcc: error: {{.*}}m.onnx: target 'thumbv7em-unknown-linux-gnueabi': Cortex-M objects are for bare metal (write -none-eabi)
# ARM-CPU: qcc: error: {{.*}}m.onnx: -mcpu='cortex-a53' is not a Cortex-M CPU (target thumbv7em-unknown-none-eabi)
# ARM-CPU99: qcc: error: {{.*}}m.onnx: -mcpu='cortex-m99' is not a Cortex-M CPU (target thumbv8m.main-unknown-none-eabi)
# FLOAT-ABI-X86: qcc: error: {{.*}}m.onnx: -mfloat-abi is for Cortex-M targets (thumbv7em-none-eabi, ...), not x86_64-unknown-linux-gnu
# FLOAT-ABI-BAD: qcc: error: -mfloat-abi='softfp' is not one of soft, hard

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
