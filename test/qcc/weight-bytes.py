# The object's read-only bytes (weights, biases, scales and every other
# constant) are within 3% of the ideal: sum(bits x count) / 8 over the
# weights as the model quantizes them, plus 4 bytes per int32 bias and per
# binary32 scale. The model (lowbit_bytes) has 4-, 2-, sliced 2/4- and
# 8-bit convolutions; the ideal is computed here from the ONNX graph, not
# from qcc.
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t %qcc
import os
import subprocess
import sys

import numpy as np
from onnx import numpy_helper

from qcc_models.gen import generate
import onnx

out, qcc = sys.argv[1], sys.argv[2]
generate("lowbit_bytes", out)
model = onnx.load(os.path.join(out, "model.onnx"))
inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
consumers = {}
for n in model.graph.node:
    for i in n.input:
        consumers.setdefault(i, []).append(n)

ideal = 0
for n in model.graph.node:
    if n.op_type != "Quant" or n.input[0] not in inits:
        continue  # activation Quant
    w = inits[n.input[0]]
    bits = np.broadcast_to(inits[n.input[3]], w.shape)
    ideal += int(bits.sum()) / 8.0              # the weight values
    ideal += 4 * inits[n.input[1]].size         # their scales
for n in model.graph.node:
    if n.op_type in ("Conv", "Gemm") and len(n.input) > 2:
        ideal += 4 * inits[n.input[2]].size     # int32 biases
obj = os.path.join(out, "model.o")
# One code version (-mcpu): a plain x86-64 object also carries an
# x86-64-v3 copy of the code (docs/UserGuide.md), whose literal pools
# (.rodata.cst*, about 3 KB here) are code constants, not weights.
subprocess.check_call([qcc, "compile", os.path.join(out, "model.onnx"), "-target",
                       "x86_64", "-mcpu=x86-64-v3", "-o", obj])

# .rodata* section sizes from the ELF section headers (64-bit little endian).
data = open(obj, "rb").read()
shoff = int.from_bytes(data[0x28:0x30], "little")
shentsize = int.from_bytes(data[0x3A:0x3C], "little")
shnum = int.from_bytes(data[0x3C:0x3E], "little")
shstrndx = int.from_bytes(data[0x3E:0x40], "little")
def sh(i):
    o = shoff + i * shentsize
    return (int.from_bytes(data[o:o + 4], "little"),
            int.from_bytes(data[o + 0x18:o + 0x20], "little"),
            int.from_bytes(data[o + 0x20:o + 0x28], "little"))
stroff = sh(shstrndx)[1]
rodata = 0
for i in range(shnum):
    name_off, _, size = sh(i)
    end = data.index(b"\0", stroff + name_off)
    name = data[stroff + name_off:end].decode()
    if name.startswith(".rodata"):
        rodata += size
ratio = rodata / ideal
print("rodata %d bytes, ideal %.0f bytes, ratio %.4f" % (rodata, ideal, ratio))
if not (ratio <= 1.03):
    print("FAIL: read-only bytes exceed the ideal by more than 3%")
    sys.exit(1)
