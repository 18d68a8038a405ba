# Output file naming and the symbol prefix (--name).
#
# Without -o the object and the header go to the current directory, named
# after the model's stem; the C prefix is that stem with every character
# that is not [A-Za-z0-9_] replaced by '_' (and "m_" prepended when it would
# start with a digit). With -o, both follow OUT's stem; --name overrides the
# prefix only.
#
# RUN: rm -rf %t && mkdir -p %t/sub %t/out && %python %s %t/sub/my-model.onnx
# RUN: cp %t/sub/my-model.onnx %t/sub/2nd.model.onnx
#
# Default: my-model.o / my-model.h in the cwd, prefix my_model.
# RUN: cd %t && %qcc compile sub/my-model.onnx -target x86_64
# RUN: ls %t/my-model.o %t/my-model.h
# RUN: not ls %t/sub/my-model.o
# RUN: not ls %t/sub/my-model.h
# RUN: FileCheck %s --check-prefix=DEFAULT < %t/my-model.h
# RUN: llvm-nm --defined-only --extern-only %t/my-model.o | FileCheck %s --check-prefix=DEFAULT-SYM
# DEFAULT: #ifndef QCC_MODEL_MY_MODEL_H
# DEFAULT: #define MY_MODEL_NUM_INPUTS 2
# DEFAULT: typedef float my_model_input0_t;
# DEFAULT: int my_model_run(void *arena, const void *const inputs[], void *const outputs[]);
# DEFAULT-SYM: T my_model_run
# DEFAULT-SYM-NOT: {{.}}
#
# A stem starting with a digit and containing dots.
# RUN: cd %t && %qcc compile sub/2nd.model.onnx -target x86_64
# RUN: ls %t/2nd.model.o %t/2nd.model.h
# RUN: FileCheck %s --check-prefix=DIGIT < %t/2nd.model.h
# RUN: llvm-nm --defined-only --extern-only %t/2nd.model.o | FileCheck %s --check-prefix=DIGIT-SYM
# DIGIT: #define M_2ND_MODEL_ARENA_BYTES
# DIGIT: int m_2nd_model_run(
# DIGIT-SYM: T m_2nd_model_run
#
# -o: the header is OUT with the extension replaced, the prefix OUT's stem.
# RUN: %qcc compile %t/sub/my-model.onnx -target x86_64 -o %t/out/net-v2.obj
# RUN: ls %t/out/net-v2.obj %t/out/net-v2.h
# RUN: FileCheck %s --check-prefix=OUT < %t/out/net-v2.h
# OUT: int net_v2_run(
#
# --name: the files follow -o, the symbols --name.
# RUN: %qcc compile %t/sub/my-model.onnx -target x86_64 -o %t/out/files.o --name Detector_1
# RUN: ls %t/out/files.o %t/out/files.h
# RUN: FileCheck %s --check-prefix=NAME < %t/out/files.h
# RUN: llvm-nm --defined-only --extern-only %t/out/files.o | FileCheck %s --check-prefix=NAME-SYM
# NAME: #ifndef QCC_MODEL_DETECTOR_1_H
# NAME: #define DETECTOR_1_ARENA_BYTES
# NAME: typedef uint8_t Detector_1_output0_t;
# NAME: int Detector_1_run(
# NAME-SYM: T Detector_1_run
#
# Text output without -o goes to stdout (prefix from the model's stem) and
# writes no header; with -o the prefix comes from OUT.
# RUN: cd %t/out && %qcc compile %t/sub/my-model.onnx -target x86_64 --emit=llvm > %t/out/stdout.ll
# RUN: FileCheck %s --check-prefix=STDOUT < %t/out/stdout.ll
# RUN: not ls %t/out/my-model.h
# RUN: not ls %t/out/my-model.o
# STDOUT: define {{.*}}i32 @my_model_run(ptr
# RUN: %qcc compile %t/sub/my-model.onnx -target x86_64 --emit=llvm -o %t/out/ir-file.ll
# RUN: FileCheck %s --check-prefix=LLFILE < %t/out/ir-file.ll
# RUN: not ls %t/out/ir-file.h
# LLFILE: define {{.*}}i32 @ir_file_run(ptr

from qcc_models.testing import Graph, small_cnn

small_cnn(Graph(opset=13)).save()
