//===- RuntimeLibrary.cpp - link the embedded runtime bitcode -------------===//
#include "qcc/Runtime/RuntimeLibrary.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <cstdint>
#include <vector>

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

/// ISA variants of the microkernels, best first: the suffix of the
/// variant's name and the target features it needs.
struct IsaVariant {
  const char *suffix;
  const char *features;
};
const IsaVariant kX86Variants[] = {{"_avx2", "+avx2"}};
const IsaVariant kAArch64Variants[] = {{"_neon", "+neon"}};
/// Cortex-M: Helium (M55), then the DSP extension's SIMD32 multiply-adds
/// (M4, M7, M33, M55).
const IsaVariant kArmVariants[] = {{"_mve", "+mve"}, {"_dsp", "+dsp"}};

/// Binds each call to a microkernel to the best variant `rt` has that the
/// calling function's subtarget supports: the target machine's features,
/// or those of a function's own target-cpu (the x86-64-v3 copies of
/// addIsaVersions).
void selectVariants(llvm::Module &m, const llvm::Module &rt,
                    const llvm::TargetMachine &tm) {
  llvm::ArrayRef<IsaVariant> variants;
  if (tm.getTargetTriple().isX86())
    variants = kX86Variants;
  else if (tm.getTargetTriple().isAArch64())
    variants = kAArch64Variants;
  else if (tm.getTargetTriple().isARM() || tm.getTargetTriple().isThumb())
    variants = kArmVariants;
  else
    return;
  std::vector<llvm::CallInst *> calls;
  for (llvm::Function &f : m)
    if (f.isDeclaration() && f.getName().starts_with("qcc_uk_"))
      for (llvm::User *u : f.users())
        if (auto *call = llvm::dyn_cast<llvm::CallInst>(u))
          if (call->getCalledFunction() == &f)
            calls.push_back(call);
  for (llvm::CallInst *call : calls) {
    llvm::Function *kernel = call->getCalledFunction();
    const llvm::MCSubtargetInfo *sti =
        tm.getSubtargetImpl(*call->getFunction());
    for (const IsaVariant &v : variants) {
      std::string name = (kernel->getName() + v.suffix).str();
      if (!rt.getFunction(name) || !sti || !sti->checkFeatures(v.features))
        continue;
      call->setCalledFunction(m.getOrInsertFunction(
          name, kernel->getFunctionType(), kernel->getAttributes()));
      break;
    }
  }
}

/// The object's interface has no enum and no wchar_t: drops the module
/// flags clang gave the runtime's bitcode, which Arm objects would carry as
/// build attributes (Tag_ABI_enum_size, Tag_ABI_PCS_wchar_t) for the
/// firmware's linker to compare with its own (-fshort-enums or not).
void dropInterfaceFlags(llvm::Module &m) {
  llvm::NamedMDNode *flags = m.getModuleFlagsMetadata();
  if (!flags)
    return;
  std::vector<llvm::MDNode *> keep;
  for (llvm::MDNode *op : flags->operands()) {
    auto *key = llvm::dyn_cast<llvm::MDString>(op->getOperand(1));
    if (key && (key->getString() == "min_enum_size" ||
                key->getString() == "wchar_size"))
      continue;
    keep.push_back(op);
  }
  flags->clearOperands();
  for (llvm::MDNode *n : keep)
    flags->addOperand(n);
}

} // namespace

llvm::Error qcc::linkRuntime(llvm::Module &m, const llvm::TargetMachine &tm) {
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
    selectVariants(m, **rt, tm);
    // Portable functions are compiled for the target machine's CPU, not
    // for the generic one clang built the bitcode for; functions written
    // for an ISA (target("avx2") in C: ISA variants and their helpers) keep
    // their features. A portable function has the translation unit's
    // default features, those of qcc_rt_check_args.
    llvm::Function *plain = (*rt)->getFunction("qcc_rt_check_args");
    llvm::Attribute defaults =
        plain ? plain->getFnAttribute("target-features") : llvm::Attribute();
    for (llvm::Function &f : **rt)
      if (!f.isDeclaration() &&
          f.getFnAttribute("target-features") == defaults) {
        f.removeFnAttr("target-cpu");
        f.removeFnAttr("target-features");
        f.removeFnAttr("tune-cpu");
      }
    if (llvm::Linker::linkModules(m, std::move(*rt),
                                  llvm::Linker::LinkOnlyNeeded))
      return llvm::createStringError("cannot link the qcc runtime");
    dropInterfaceFlags(m);
    for (llvm::Function &f : m)
      if (!f.isDeclaration() && (f.getName().starts_with("qcc_rt_") ||
                                 f.getName().starts_with("qcc_uk_")))
        f.setLinkage(llvm::GlobalValue::InternalLinkage);
    return llvm::Error::success();
  }
  return llvm::createStringError("the qcc runtime was not built for " +
                                 want.getArchName().str());
}
