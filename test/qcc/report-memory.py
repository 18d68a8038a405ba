# qcc compile --report's device figures (issue 12), checked against the
# object with llvm-readelf and llvm-nm, not against qcc:
#   - flash = code + read-only data: the sizes of the object's allocated
#     sections, executable and read-only; no writable section;
#   - RAM = the header's ARENA_BYTES + the stack bound;
#   - the deepest path starts at NAME_run and names functions the object
#     defines; its callees' frames are what the firmware measures
#     (e2e.py --cortex-m compares the bound with a painted stack);
#   - the library functions "not counted" are exactly the object's
#     undefined symbols;
#   - --report does not change the object.
# For Cortex-M4, M0+ and x86-64.
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t %qcc
import filecmp
import os
import re
import subprocess
import sys

from qcc_models.gen import generate

out, qcc = sys.argv[1], sys.argv[2]
generate("tiny_cnn", os.path.join(out, "m"))
model = os.path.join(out, "m", "model.onnx")
failures = []


def sections(obj):
    """(code, read-only, writable) bytes of the allocated sections."""
    text = subprocess.run(["llvm-readelf", "-S", "-W", obj], check=True,
                          capture_output=True, text=True).stdout
    code = ro = rw = 0
    for line in text.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+"
                     r"([0-9a-f]+)\s+[0-9a-f]+\s+([A-Za-z]*)", line)
        if not m or "A" not in m.group(3):
            continue
        size, flags = int(m.group(2), 16), m.group(3)
        if "X" in flags:
            code += size
        elif "W" in flags:
            rw += size
        else:
            ro += size
    return code, ro, rw


for target, cpu in (("thumbv7em-none-eabi", "cortex-m4"),
                    ("thumbv6m-none-eabi", "cortex-m0plus"), ("x86_64", "")):
    where = target
    d = os.path.join(out, target)
    os.makedirs(os.path.join(d, "plain"), exist_ok=True)
    cmd = [qcc, "compile", model, "-target", target, "--name", "net"]
    cmd += ["-mcpu=" + cpu] if cpu else []
    rep = subprocess.run(cmd + ["--report", "-o", os.path.join(d, "net.o")],
                         check=True, capture_output=True, text=True).stdout
    subprocess.run(cmd + ["-o", os.path.join(d, "plain", "net.o")], check=True)
    obj = os.path.join(d, "net.o")
    if not filecmp.cmp(obj, os.path.join(d, "plain", "net.o"), shallow=False):
        failures.append("%s: --report changed the object" % where)
    m = re.search(r"^  flash +(\d+) = code (\d+) \+ read-only data (\d+)", rep, re.M)
    r = re.search(r"^  RAM +(\d+) = arena (\d+) \+ stack (\d+)$", rep, re.M)
    p = re.search(r"^  stack: at most (\d+) bytes, on the path (.+)$", rep, re.M)
    n = re.search(r"^  not counted: .*what the object calls:(.*)$", rep, re.M)
    if not (m and r and p and n):
        failures.append("%s: no device figures in:\n%s" % (where, rep))
        continue
    code, ro, rw = sections(obj)
    if (int(m.group(2)), int(m.group(3))) != (code, ro) or int(m.group(1)) != code + ro:
        failures.append("%s: flash %s = %s + %s, llvm-readelf: code %d, read-only %d"
                        % (where, m.group(1), m.group(2), m.group(3), code, ro))
    if rw:
        failures.append("%s: the object has %d bytes of writable data" % (where, rw))
    header = open(os.path.join(d, "net.h")).read()
    arena = int(re.search(r"#define NET_ARENA_BYTES (\d+)", header).group(1))
    if int(r.group(2)) != arena or int(r.group(1)) != arena + int(r.group(3)):
        failures.append("%s: RAM line %r, header arena %d" % (where, r.group(0), arena))
    if r.group(3) != p.group(1):
        failures.append("%s: stack %s in RAM, %s on its own line" % (where, r.group(3), p.group(1)))
    path = p.group(2).split(" -> ")
    nm = subprocess.run(["llvm-nm", obj], check=True, capture_output=True, text=True).stdout
    defined = {l.split()[-1] for l in nm.splitlines() if len(l.split()) == 3}
    undefined = sorted(l.split()[-1] for l in nm.splitlines() if l.split()[0] == "U")
    if path[0] != "net_run" or any(f not in defined for f in path):
        failures.append("%s: path %s (the object defines %s)" % (where, path, sorted(defined)))
    if n.group(1).split() != undefined:
        failures.append("%s: not counted %r, undefined symbols %r" % (where, n.group(1), undefined))
    print("%s: flash %s, RAM %s, path %s" % (where, m.group(1), r.group(1), " -> ".join(path)))

for f in failures:
    print("FAIL: " + f)
sys.exit(1 if failures else 0)
