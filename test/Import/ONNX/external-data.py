# Weights in files beside the model (ONNX external data: location, offset,
# length), read relative to the model's directory and confined to it: an
# absolute path, a path through '..' or a symbolic link that leaves the
# directory is refused, as are a missing file and a short one.
#
# RUN: rm -rf %t && mkdir -p %t/m %t/outside
# RUN: %python %s %t/m/ok.onnx ok && %qcc compile %t/m/ok.onnx --emit=qnn | FileCheck %s --check-prefix=OK
# RUN: %python %s %t/m/abs.onnx absolute && not %qcc compile %t/m/abs.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=ABS
# RUN: %python %s %t/m/up.onnx dotdot && not %qcc compile %t/m/up.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=UP
# RUN: %python %s %t/m/link.onnx symlink && not %qcc compile %t/m/link.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=LINK
# RUN: %python %s %t/m/missing.onnx missing && not %qcc compile %t/m/missing.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=MISSING
# RUN: %python %s %t/m/short.onnx short && not %qcc compile %t/m/short.onnx --emit=qnn 2>&1 | FileCheck %s --check-prefix=SHORT

# The weights [1, -2, 3, -4, 5, -6] (int8) at offset 16 of data/w.bin.
# OK: qnn.constant dense<{{\[\[\[\[}}1]], {{\[\[}}-2]]], {{\[\[\[}}3]], {{\[\[}}-4]]], {{\[\[\[}}5]], {{\[\[}}-6]]]]> : tensor<3x2x1x1xi8>

# ABS: qcc: error: {{.*}}abs.onnx: node 'wdq' (DequantizeLinear): tensor 'w': external data location '/{{.*}}' is an absolute path; it must be relative to the model's directory
# UP: qcc: error: {{.*}}up.onnx: node 'wdq' (DequantizeLinear): tensor 'w': external data location '../outside/w.bin' is outside the model's directory
# LINK: qcc: error: {{.*}}link.onnx: node 'wdq' (DequantizeLinear): tensor 'w': external data location 'link.bin' is outside the model's directory
# MISSING: qcc: error: {{.*}}missing.onnx: node 'wdq' (DequantizeLinear): tensor 'w': cannot open external data file 'nope.bin' (relative to the model's directory)
# SHORT: qcc: error: {{.*}}short.onnx: node 'wdq' (DequantizeLinear): tensor 'w': external data 'data/short.bin' has 20 bytes; offset 16 + length 6 is past its end

import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from qcc_models.testing import F32, Graph

path, variant = sys.argv[1], sys.argv[2]
mdir = os.path.dirname(os.path.abspath(path))
W = np.array([1, -2, 3, -4, 5, -6], np.int8).reshape(3, 2, 1, 1)


def write(rel, data):
    full = os.path.join(mdir, rel)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
    return full


def external(location, offset=16, length=6):
    t = numpy_helper.from_array(W, "w")
    t.ClearField("raw_data")
    t.data_location = TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", str(offset)), ("length", str(length))):
        e = t.external_data.add()
        e.key, e.value = k, v
    return t


g = Graph(opset=13)
x = g.qdq_input("x", [1, 2, 1, 1], 0.5, 128)
loc = {"ok": "data/w.bin", "absolute": os.path.join(mdir, "data/w.bin"),
       "dotdot": "../outside/w.bin", "symlink": "link.bin", "missing": "nope.bin",
       "short": "data/short.bin"}[variant]
blob = bytes(16) + W.tobytes() + bytes(4)
write("data/w.bin", blob)
write("../outside/w.bin", blob)
write("data/short.bin", blob[:20])
if variant == "symlink":
    link = os.path.join(mdir, "link.bin")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.join(mdir, "../outside/w.bin"), link)
g.initializers.append(external(loc))
g.init("wdq_scale", np.float32(0.5))
g.init("wdq_zp", np.int8(0))
g.nodes.append(helper.make_node("DequantizeLinear", ["w", "wdq_scale", "wdq_zp"], ["wf"],
                                name="wdq"))
y = g.node("Conv", [x, "wf"], "y", name="conv")
g.dq(g.q(y, 0.25, 0, out="yq"), 0.25, 0, out="out")
g.output("out", F32)
g.save()
