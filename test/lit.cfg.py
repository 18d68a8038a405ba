# -*- Python -*-
# lit configuration for qcc's tests.
#
# Loaded from the generated build/test/lit.site.cfg.py (see
# test/lit.site.cfg.py.in and test/CMakeLists.txt), which sets
# config.qcc_src_root, config.qcc_obj_root, config.qcc_tools_dir,
# config.llvm_tools_dir and config.python_executable.
#
# Run:  /usr/lib/llvm-22/bin/lit -sv build/test      (or: ninja -C build check-qcc)

import fnmatch
import os
import shutil

import lit.formats

config.name = "qcc"

# Test files: MLIR lit tests, lit tests written as shell scripts (*.test) and
# python lit tests (RUN lines in a python file).
config.suffixes = [".mlir", ".test", ".py"]

# Names that are never tests, wherever they appear: the lit configs
# themselves, helper python modules used by tests, the ONNX Runtime oracle
# (with its node_modules) and input directories.
config.excludes = [
    "lit.cfg.py",
    "lit.site.cfg.py",
    "lit.site.cfg.py.in",
    "lit.local.cfg",
    "CMakeLists.txt",
    "README.md",
    "e2e.py",
    "oracle",
    "Inputs",
    "__init__.py",
    "__pycache__",
]

# lit matches excludes by exact file name; helper modules named `*_lib.py`
# are found here and excluded by name. (A custom test format class cannot be
# used for this: lit pickles the format to its worker processes.)
for _dir, _subdirs, _files in os.walk(os.path.dirname(os.path.abspath(__file__))):
    _subdirs[:] = [d for d in _subdirs if d not in config.excludes]
    for _f in _files:
        if fnmatch.fnmatchcase(_f, "*_lib.py") and _f not in config.excludes:
            config.excludes.append(_f)

# lit's internal shell: portable, supports `not` and pipefail.
config.test_format = lit.formats.ShTest(execute_external=False)

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qcc_obj_root, "test")

# --- environment ------------------------------------------------------------
# Tools are found through PATH: qcc's build first, then LLVM's (FileCheck,
# not, count, ...), then the caller's PATH (node, cc, aarch64 cross tools,
# qemu-aarch64). node is looked up explicitly so that a node installed outside
# the default PATH (nvm, /usr/local) stays reachable.
path = [config.qcc_tools_dir, config.llvm_tools_dir]
node = shutil.which("node")
if node:
    path.append(os.path.dirname(os.path.realpath(node)))
    path.append(os.path.dirname(node))
path += config.environment.get("PATH", os.environ.get("PATH", "")).split(os.pathsep)
unique_path = []
for entry in path:
    if entry and entry not in unique_path:
        unique_path.append(entry)
config.environment["PATH"] = os.pathsep.join(unique_path)

for var in ("HOME", "USER", "TMPDIR", "NODE_PATH", "npm_config_cache"):
    if os.environ.get(var):
        config.environment[var] = os.environ[var]

# Tests that run python import the model generator from <repo>/python.
config.environment["PYTHONPATH"] = os.path.join(config.qcc_src_root, "python")
# Deterministic diagnostics and no crash-report noise.
config.environment["LC_ALL"] = "C"
config.environment["LLVM_DISABLE_CRASH_REPORT"] = "1"

# --- substitutions ----------------------------------------------------------
# lit applies them in order, so every name that starts with "%qcc" comes
# before %qcc itself.
config.substitutions.append(("%qcc_src", config.qcc_src_root))
config.substitutions.append(("%qcc_build", config.qcc_obj_root))
config.substitutions.append(
    ("%qcc-opt", os.path.join(config.qcc_tools_dir, "qcc-opt")))
config.substitutions.append(
    ("%qcc", os.path.join(config.qcc_tools_dir, "qcc")))
config.substitutions.append(("%python", config.python_executable))

# --- features -----------------------------------------------------------------
for tool, feature in (("qemu-aarch64", "qemu-aarch64"),
                      ("aarch64-linux-gnu-gcc", "aarch64-cc"),
                      ("arm-none-eabi-gcc", "arm-none-eabi-gcc"),
                      ("qemu-system-arm", "qemu-system-arm"),
                      ("node", "node")):
    if shutil.which(tool, path=config.environment["PATH"]):
        config.available_features.add(feature)
