//===- IsaVersions.cpp - ISA versions of a model picked by CPUID ----------===//
#include "IsaVersions.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

#include <vector>

llvm::Function *qcc::addIsaVersions(llvm::Module &m, llvm::Function *forward,
                                    const llvm::TargetMachine &tm) {
  if (!tm.getTargetTriple().isX86() || !tm.getTargetTriple().isArch64Bit() ||
      !forward->getReturnType()->isVoidTy() ||
      tm.getMCSubtargetInfo()->checkFeatures("+avx2"))
    return forward;
  // The copies: declare them all first so that calls between them remap.
  std::vector<llvm::Function *> defined;
  for (llvm::Function &f : m)
    if (!f.isDeclaration())
      defined.push_back(&f);
  llvm::ValueToValueMapTy vmap;
  for (llvm::Function *f : defined) {
    auto *copy = llvm::Function::Create(f->getFunctionType(), f->getLinkage(),
                                        f->getName() + ".x86_64_v3", m);
    vmap[f] = copy;
  }
  for (llvm::Function *f : defined) {
    auto *copy = llvm::cast<llvm::Function>(vmap[f]);
    auto dst = copy->arg_begin();
    for (llvm::Argument &a : f->args()) {
      dst->setName(a.getName());
      vmap[&a] = &*dst++;
    }
    llvm::SmallVector<llvm::ReturnInst *> returns;
    llvm::CloneFunctionInto(copy, f, vmap,
                            llvm::CloneFunctionChangeType::LocalChangesOnly,
                            returns);
    copy->addFnAttr("target-cpu", "x86-64-v3");
  }
  // forward -> the version the CPU runs.
  llvm::LLVMContext &ctx = m.getContext();
  auto *dispatch = llvm::Function::Create(
      forward->getFunctionType(), llvm::GlobalValue::InternalLinkage,
      forward->getName() + ".dispatch", m);
  llvm::FunctionCallee hasV3 = m.getOrInsertFunction(
      "qcc_rt_x86_has_v3",
      llvm::FunctionType::get(llvm::Type::getInt32Ty(ctx), {}, false));
  auto *entry = llvm::BasicBlock::Create(ctx, "entry", dispatch);
  auto *v3 = llvm::BasicBlock::Create(ctx, "x86_64_v3", dispatch);
  auto *base = llvm::BasicBlock::Create(ctx, "x86_64", dispatch);
  llvm::IRBuilder<> b(entry);
  std::vector<llvm::Value *> args;
  for (llvm::Argument &a : dispatch->args())
    args.push_back(&a);
  b.CreateCondBr(b.CreateICmpNE(b.CreateCall(hasV3), b.getInt32(0)), v3, base);
  b.SetInsertPoint(v3);
  b.CreateCall(llvm::cast<llvm::Function>(vmap[forward]), args);
  b.CreateRetVoid();
  b.SetInsertPoint(base);
  b.CreateCall(forward, args);
  b.CreateRetVoid();
  return dispatch;
}
