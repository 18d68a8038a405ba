# A failed compilation leaves no output file behind: import errors happen
# before anything is opened. (Code generation errors: bug-partial-output.py.)
#
# RUN: rm -rf %t && mkdir -p %t/obj %t/ll && %python %s %t/bad.onnx
# RUN: not %qcc compile %t/bad.onnx -target x86_64 -o %t/obj/m.o 2>&1 | FileCheck %s
# RUN: not ls %t/obj/m.o
# RUN: %python %S/Inputs/exit_code.py %qcc compile %t/bad.onnx -target x86_64 -o %t/obj/m.o | FileCheck %s --check-prefix=EXIT --match-full-lines
# RUN: not ls %t/obj/m.h
# RUN: not %qcc compile %t/bad.onnx -target x86_64 --emit=llvm -o %t/ll/m.ll 2>&1 | FileCheck %s
# RUN: not ls %t/ll/m.ll
#
# Default output names (in the cwd).
# RUN: cd %t/obj && not %qcc compile %t/bad.onnx -target x86_64 2>&1 | FileCheck %s
# RUN: not ls %t/obj/bad.o
# RUN: not ls %t/obj/bad.h
#
# An existing output file is left as it was.
# RUN: echo keep > %t/obj/old.o
# RUN: not %qcc compile %t/bad.onnx -target x86_64 -o %t/obj/old.o 2>&1 | FileCheck %s
# RUN: FileCheck %s --check-prefix=KEEP < %t/obj/old.o
# RUN: not ls %t/obj/old.h

# CHECK: qcc: error: {{.*}}bad.onnx: node 'erf' (Erf): operator Erf is not supported
# KEEP: keep
# EXIT: exit 1

from qcc_models.testing import F32, Graph

g = Graph(opset=13)
x = g.qdq_input("x", [1, 4], 0.5, 128)
g.node("Erf", [x], "s", name="erf")
g.output("s", F32)
g.save()
