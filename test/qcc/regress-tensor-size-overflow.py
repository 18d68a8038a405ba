# Regression test (fixed bug): an input/output whose element count or byte size does not fit in
# int64 is accepted; the header then says ELEMENTS 0 / BYTES 0 (the products
# wrap around) and the object is built. Both a model shape and --shape
# reach it. qcc should reject such tensors (as it rejects constants with
# more than 2^31 elements).
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: not %qcc compile %t/m.onnx -target x86_64 -o %t/m.o 2>&1 | FileCheck %s
# RUN: not %qcc compile %t/m.onnx -target x86_64 -o %t/n.o --shape x=1x4611686018427387904x4 2>&1 | FileCheck %s
# CHECK: qcc: error: {{.*}}m.onnx: {{.*}}'x'

from qcc_models.testing import F32, Graph

g = Graph(opset=13)
g.input("x", F32, [1, 1 << 40, 1 << 40])
g.output("x", F32)
g.save()
