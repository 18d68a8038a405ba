#!/usr/bin/env python3
"""Cortex-M figures: flash, RAM and executed instructions per inference.

    /usr/bin/python3 bench/cortex_m/run.py [--models resnet8_tiny,ds_cnn_tiny,...]
                                           [--cores m4,m7,m33,m55] [--qcc build/bin/qcc]

For every model (python/qcc_models) and core (test/e2e/cortex_m_lib.py):
qcc compile for the core, the object's sections (arm-none-eabi-size -A),
the arena from the header, then bench/cortex_m/fw_count.c linked into a
firmware image and run under qemu-system-arm -icount shift=0: the
instructions the second of two inferences executes (SysTick over the
virtual clock, calibrated on a loop of known length; resolution about 40
instructions). Prints a Markdown table. Instruction counts, not time: QEMU
models no pipeline, cache or wait state.

flash = the object's .text + .rodata (code, weights, tables) + .data;
RAM = the arena (MODEL_ARENA_BYTES) + the stack bound `qcc --report`
computes (frames along the deepest call path; e2e.py --cortex-m checks it
against a painted stack) + the object's .data/.bss (none today).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "test", "e2e"))
sys.path.insert(0, os.path.join(REPO, "python"))
import cortex_m_lib as cm  # noqa: E402

FW_COUNT = os.path.join(HERE, "fw_count.c")
DEFAULT_MODELS = ["resnet8_tiny", "ds_cnn_tiny", "mobilenetv1_025_vww", "resnet8_mixed",
                  "ds_cnn_binary"]
# MLPerf Tiny v1.2, best int8 Cortex-M4 entry at 120 MHz: ms -> cycles.
ANCHORS = {"resnet8_tiny": ("ResNet-8", 165.0), "ds_cnn_tiny": ("DS-CNN", 43.0),
           "mobilenetv1_025_vww": ("VWW MobileNetV1 0.25", 89.0)}


def sh(cmd, what):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if p.returncode != 0:
        sys.exit("%s failed (%d):\n%s%s" % (what, p.returncode, p.stdout[-2000:],
                                            p.stderr[-2000:]))
    return p.stdout


def sections(size_tool, obj):
    """{section: bytes} of an object (arm-none-eabi-size -A)."""
    out = {}
    for line in sh([size_tool, "-A", obj], "size").splitlines():
        f = line.split()
        if len(f) >= 2 and f[0].startswith(".") and f[1].isdigit():
            out[f[0]] = out.get(f[0], 0) + int(f[1])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default=",".join(DEFAULT_MODELS))
    ap.add_argument("--cores", default="all")
    ap.add_argument("--qcc", default=os.path.join(REPO, "build", "bin", "qcc"))
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    from qcc_models.gen import generate
    cores = cm.parse_cores(args.cores)
    work = args.workdir or tempfile.mkdtemp(prefix="qcc-cm-bench-")
    rows = []
    for model in [m for m in args.models.split(",") if m]:
        mdir = os.path.join(work, model)
        meta = generate(model, mdir)
        inputs_c = os.path.join(mdir, "fw_inputs.c")
        cm.write_inputs_c(inputs_c, [os.path.join(mdir, i["file"]) for i in meta["inputs"]])
        for core in cores:
            triple, cpu, machine = cm.CORES[core]
            out = os.path.join(mdir, "cm-" + core)
            os.makedirs(out, exist_ok=True)
            obj = os.path.join(out, "model.o")
            report = sh([args.qcc, "compile", os.path.join(mdir, "model.onnx"), "-target",
                         triple, "-mcpu=" + cpu, "-O2", "-o", obj, "--name", "model",
                         "--report"], "qcc compile")
            stack = cm.parse_report_stack(report)
            if stack is None:
                sys.exit("%s on %s: qcc --report gave no stack bound" % (model, core))
            secs = sections("arm-none-eabi-size", obj)
            text = sum(v for k, v in secs.items() if k.startswith(".text"))
            rodata = sum(v for k, v in secs.items() if k.startswith(".rodata"))
            data = sum(v for k, v in secs.items() if k.startswith(".data"))
            bss = sum(v for k, v in secs.items() if k.startswith(".bss"))
            hdr = open(os.path.join(out, "model.h")).read()
            arena = int(re.search(r"#define MODEL_ARENA_BYTES (\d+)", hdr).group(1))
            elf = os.path.join(out, "count.elf")
            sh(cm.link_command("arm-none-eabi-gcc", core, out, inputs_c, obj, elf,
                               driver=FW_COUNT), "link")
            console = os.path.join(out, "count.txt")
            sh(cm.qemu_command("qemu-system-arm", core, elf, console, icount=True), "qemu")
            text_out = open(console).read()
            cal = re.search(r"calibration (\d+) (\d+)", text_out)
            inf = re.search(r"inference (\d+) rc (\d+)", text_out)
            if not cal or not inf or inf.group(2) != "0":
                sys.exit("%s on %s: unexpected output:\n%s" % (model, core, text_out))
            per_tick = int(cal.group(2)) / int(cal.group(1))
            instr = int(inf.group(1)) * per_tick
            rows.append((model, core, cpu, text, rodata, data + bss, arena, stack, instr))
            print("%s %s: %.3f M instructions" % (model, core, instr / 1e6), file=sys.stderr)
    print("| model | core | .text B | .rodata B | flash B | arena B | stack B | RAM B "
          "| instructions / inference |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for model, core, cpu, text, rodata, dbss, arena, stack, instr in rows:
        print("| %s | %s | %d | %d | %d | %d | %d | %d | %.2f M |"
              % (model, cpu, text, rodata, text + rodata + dbss, arena, stack,
                 arena + stack + dbss, instr / 1e6))
    print()
    for model in dict.fromkeys(r[0] for r in rows):
        if model in ANCHORS:
            name, ms = ANCHORS[model]
            m4 = [r for r in rows if r[0] == model and r[1] == "m4"]
            if m4:
                print("- %s: MLPerf Tiny v1.2 best int8 Cortex-M4 entry %.0f ms at 120 MHz "
                      "= %.1f M cycles; qcc on M4: %.2f M instructions"
                      % (name, ms, ms * 0.12, m4[0][8] / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
