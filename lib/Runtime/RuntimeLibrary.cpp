//===- RuntimeLibrary.cpp - link the embedded runtime bitcode -------------===//
#include "qcc/Runtime/RuntimeLibrary.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/TargetParser/Triple.h"

#include <cstdint>

namespace {
struct Bitcode {
  const char *triple;
  const unsigned char *data;
  size_t size;
};

#define QCC_RUNTIME_BITCODE(TRIPLE, ...)                                       \
  [] {                                                                         \
    static const unsigned char bytes[] = {__VA_ARGS__};                        \
    return Bitcode{TRIPLE, bytes, sizeof(bytes)};                              \
  }(),
const Bitcode kRuntimes[] = {
#include "RuntimeBitcode.inc"
};
#undef QCC_RUNTIME_BITCODE
} // namespace

llvm::Error qcc::linkRuntime(llvm::Module &m) {
  llvm::Triple want = m.getTargetTriple();
  for (const Bitcode &bc : kRuntimes) {
    llvm::Triple have(bc.triple);
    if (have.getArch() != want.getArch())
      continue;
    auto buffer = llvm::MemoryBuffer::getMemBuffer(
        llvm::StringRef(reinterpret_cast<const char *>(bc.data), bc.size),
        "qcc_runtime", /*RequiresNullTerminator=*/false);
    auto rt = llvm::parseBitcodeFile(buffer->getMemBufferRef(), m.getContext());
    if (!rt)
      return rt.takeError();
    (*rt)->setTargetTriple(m.getTargetTriple());
    (*rt)->setDataLayout(m.getDataLayout());
    if (llvm::Linker::linkModules(m, std::move(*rt),
                                  llvm::Linker::LinkOnlyNeeded))
      return llvm::createStringError("cannot link the qcc runtime");
    for (llvm::Function &f : m)
      if (!f.isDeclaration() && f.getName().starts_with("qcc_rt_"))
        f.setLinkage(llvm::GlobalValue::InternalLinkage);
    return llvm::Error::success();
  }
  return llvm::createStringError("the qcc runtime was not built for " +
                                 want.getArchName().str());
}
