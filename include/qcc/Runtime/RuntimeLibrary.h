//===- RuntimeLibrary.h - the runtime bitcode embedded in qcc ---*- C++ -*-===//
#ifndef QCC_RUNTIME_RUNTIMELIBRARY_H
#define QCC_RUNTIME_RUNTIMELIBRARY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class Triple;
} // namespace llvm

namespace qcc {
/// Links the runtime (lib/Runtime/qcc_runtime.c and the microkernels in
/// lib/Runtime/ukernel, as bitcode for the module's architecture) into `m`,
/// keeping only the functions `m` uses and giving them internal linkage.
/// Each call to a microkernel `qcc_uk_NAME` is bound to the best variant
/// (`qcc_uk_NAME_avx2`, ...) the calling function's subtarget allows (the
/// target machine's, or the function's own target-cpu); functions written
/// without an ISA are compiled for the target machine's CPU.
llvm::Error linkRuntime(llvm::Module &m, const llvm::TargetMachine &tm);
} // namespace qcc

#endif
