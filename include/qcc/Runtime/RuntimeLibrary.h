//===- RuntimeLibrary.h - the runtime bitcode embedded in qcc ---*- C++ -*-===//
#ifndef QCC_RUNTIME_RUNTIMELIBRARY_H
#define QCC_RUNTIME_RUNTIMELIBRARY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace llvm {
class LLVMContext;
class Module;
class Triple;
} // namespace llvm

namespace qcc {
/// Links the runtime (lib/Runtime/qcc_runtime.c, as bitcode for the
/// module's architecture) into `m`, keeping only the functions `m` uses and
/// giving them internal linkage.
llvm::Error linkRuntime(llvm::Module &m);
} // namespace qcc

#endif
