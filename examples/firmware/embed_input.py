#!/usr/bin/env python3
"""Writes a model input file as a C array for firmware without a file system.

    python3 embed_input.py INPUT.bin OUT.c [SYMBOL]

OUT.c defines `const unsigned char SYMBOL[N]` (default qcc_example_input),
16-byte aligned, with the file's N bytes.
"""
import sys


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write(__doc__)
        return 2
    data = open(argv[1], "rb").read()
    sym = argv[3] if len(argv) == 4 else "qcc_example_input"
    lines = ["/* %s, embedded by embed_input.py */" % argv[1],
             "const unsigned char %s[%d] __attribute__((aligned(16))) = {"
             % (sym, len(data))]
    for k in range(0, len(data), 16):
        lines.append("  " + ", ".join("0x%02x" % b for b in data[k:k + 16]) + ",")
    lines.append("};")
    with open(argv[2], "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
