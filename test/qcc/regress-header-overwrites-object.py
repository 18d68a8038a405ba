# Regression test (fixed bug): with -o NAME.h the object is written to NAME.h and then overwritten
# by the header (replace_extension gives the same path): exit code 0, no
# object anywhere. (Likewise -o - writes the header to a file named "-.h".)
# qcc should refuse an -o whose header path equals it.
#
# RUN: rm -rf %t && mkdir -p %t && %python %s %t/m.onnx
# RUN: not %qcc compile %t/m.onnx -target x86_64 -o %t/m.h 2>&1 | FileCheck %s
# CHECK: qcc: error: {{.*}}

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
