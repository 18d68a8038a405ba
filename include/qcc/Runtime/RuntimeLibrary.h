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
/// A call to a microkernel `qcc_uk_NAME` is bound to the best variant the
/// target machine's features allow (`qcc_uk_NAME_avx2`, ...); functions
/// without an ISA suffix are compiled for the target machine's CPU.
llvm::Error linkRuntime(llvm::Module &m, const llvm::TargetMachine &tm);

/// Whether the runtime built for `triple`'s architecture defines a function
/// named `name` (e.g. an ISA variant `qcc_uk_NAME_avx2`).
bool runtimeDefines(const llvm::Triple &triple, llvm::StringRef name);
} // namespace qcc

#endif
