"""Cortex-M builds of the end-to-end tests: firmware images under QEMU.

For each core, e2e.py --cortex-m compiles the model with qcc for the core's
triple and CPU, links it into a firmware image (test/e2e/fw_driver.c, the
start-up code and board scripts in examples/firmware/, newlib for memcpy
and memset) with arm-none-eabi-gcc, runs it under qemu-system-arm with
semihosting, and reads the outputs it prints. e2e.py requires them to be
bit-identical to the x86-64 build's.
"""
import os
import re
import subprocess

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FW_DIR = os.path.join(REPO, "examples", "firmware")
FW_DRIVER = os.path.join(HERE, "fw_driver.c")

# core -> (qcc -target, -mcpu, QEMU machine). The machine's memory map is
# in examples/firmware/boards/<machine>.ld. QEMU's one ARMv6-M board is the
# micro:bit (a Cortex-M0, 256 KiB flash, 16 KiB RAM): only small models fit,
# so "all" means the four larger cores and tests name m0 where it fits.
CORES = {
    "m0": ("thumbv6m-none-eabi", "cortex-m0plus", "microbit"),
    "m4": ("thumbv7em-none-eabi", "cortex-m4", "mps2-an386"),
    "m7": ("thumbv7em-none-eabi", "cortex-m7", "mps2-an500"),
    "m33": ("thumbv8m.main-none-eabi", "cortex-m33", "mps2-an505"),
    "m55": ("thumbv8.1m.main-none-eabi", "cortex-m55", "mps3-an547"),
}

# What a qcc object may leave undefined on a Cortex-M target: memcpy and
# memset (and the Arm run-time ABI's forms of them), and the helpers of the
# Arm EABI run-time (__aeabi_*: soft float, 64-bit shifts, division) that
# every Arm toolchain ships (libgcc, compiler-rt, newlib).
ALLOWED_UNDEFINED = re.compile(r"^(memcpy|memset|memmove|__aeabi_\w+)$")


ALL = ["m4", "m7", "m33", "m55"]


def parse_cores(spec):
    """'m4,m55', 'all' or 'all,m0' -> list of core names; ValueError for an
    unknown one."""
    names = []
    for c in spec.split(","):
        for name in (ALL if c == "all" else [c] if c else []):
            if name not in CORES:
                raise ValueError("unknown Cortex-M core %r (known: %s, all)"
                                 % (name, ", ".join(CORES)))
            if name not in names:
                names.append(name)
    return names


def write_inputs_c(path, input_files):
    """fw_inputs.c: each input file's bytes as an aligned array, and
    qcc_fw_inputs[] pointing at them."""
    lines = ["/* Written by test/e2e/cortex_m.py: the model's inputs. */"]
    for i, f in enumerate(input_files):
        data = open(f, "rb").read()
        lines.append("static const unsigned char in%d[%d] __attribute__((aligned(16))) = {"
                     % (i, max(len(data), 1)))
        for k in range(0, len(data), 24):
            lines.append("  " + ",".join(str(b) for b in data[k:k + 24]) + ",")
        lines.append("};")
    ptrs = ", ".join("in%d" % i for i in range(len(input_files))) or "0"
    lines.append("const void *const qcc_fw_inputs[] = {%s};" % ptrs)
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def undefined_symbols(nm, obj):
    p = subprocess.run([nm, "-u", obj], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        raise RuntimeError("%s -u %s failed: %s" % (nm, obj, p.stderr.strip()))
    return [l.split()[-1] for l in p.stdout.splitlines() if l.strip()]


def link_command(gcc, core, outdir, inputs_c, obj, elf, driver=FW_DRIVER):
    """arm-none-eabi-gcc links `driver` (test/e2e/fw_driver.c by default)
    with the start-up code, semihosting, the inputs and the model object
    (its header model.h in outdir) for the core's board."""
    _, cpu, machine = CORES[core]
    return [gcc, "-std=c99", "-mcpu=" + cpu, "-mthumb", "-mfloat-abi=soft",
            "-O2", "-Wall", "-Werror", "-nostartfiles", "--specs=nano.specs",
            "-Wl,--gc-sections", "-Wl,--no-warn-execstack",
            "-I" + FW_DIR, "-I" + outdir, '-DQCC_HEADER="model.h"',
            "-L" + os.path.join(FW_DIR, "boards"), "-T", machine + ".ld",
            os.path.join(FW_DIR, "startup.c"), os.path.join(FW_DIR, "semihost.c"),
            driver, inputs_c, obj, "-o", elf]


def qemu_command(qemu, core, elf, console, icount=False):
    """Runs elf on the core's board; what the firmware prints through
    semihosting goes to the file `console`. With icount, every instruction
    advances the virtual clock by 1 ns (-icount shift=0)."""
    machine = CORES[core][2]
    extra = ["-icount", "shift=0,align=off,sleep=off"] if icount else []
    return [qemu, "-M", machine] + extra + [
        "-display", "none", "-monitor", "none", "-serial", "none",
        "-chardev", "file,id=console,path=" + console,
        "-semihosting-config", "enable=on,target=native,chardev=console",
        "-kernel", elf]


def parse_stack(text):
    """The bytes of stack fw_driver.c saw the model's first run use."""
    m = re.search(r"^qcc-fw: stack (\d+)$", text, re.M)
    if not m:
        raise ValueError("the firmware printed no stack figure")
    return int(m.group(1))


def parse_report_stack(text):
    """The stack bound `qcc compile --report` printed, or None."""
    m = re.search(r"^  stack: at most (\d+) bytes", text, re.M)
    return int(m.group(1)) if m else None


# What the stack measurement may add to qcc's bound: the frames of the
# library functions the object calls (newlib's memcpy/memset, libgcc's
# __aeabi_* helpers), which qcc cannot see, and the 32 bytes below main's
# frame fw_driver.c leaves unpainted.
LIBRARY_STACK_ALLOWANCE = 64


def parse_outputs(text, n_outputs):
    """The output bytes fw_driver.c printed; ValueError when the run failed
    or the text is incomplete."""
    runs = re.findall(r"^qcc-fw: run (\d+) rc (\d+)$", text, re.M)
    if len(runs) != 2 or any(rc != "0" for _, rc in runs):
        raise ValueError("the model's runs did not both return 0: %r" % runs)
    if not re.search(r"^qcc-fw: done$", text, re.M):
        raise ValueError("the firmware did not finish")
    outs = {}
    for i, hx in re.findall(r"^qcc-fw: output (\d+) ([0-9a-f]*)$", text, re.M):
        outs[int(i)] = bytes.fromhex(hx)
    if sorted(outs) != list(range(n_outputs)):
        raise ValueError("printed outputs %s, expected 0..%d" % (sorted(outs), n_outputs - 1))
    return [outs[i] for i in range(n_outputs)]
