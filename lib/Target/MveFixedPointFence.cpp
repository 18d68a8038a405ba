//===- MveFixedPointFence.cpp - keep LLVM off MVE fixed-point VCVT --------===//
#include "MveFixedPointFence.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"

#include <vector>

namespace {
bool isVectorFMul(const llvm::Value *v) {
  auto *bo = llvm::dyn_cast<llvm::BinaryOperator>(v);
  return bo && bo->getOpcode() == llvm::Instruction::FMul &&
         bo->getType()->isVectorTy();
}
} // namespace

unsigned qcc::fenceMveFixedPointConversions(llvm::Module &m,
                                            const llvm::TargetMachine &tm) {
  if (!tm.getTargetTriple().isThumb() && !tm.getTargetTriple().isARM())
    return 0;
  const llvm::MCSubtargetInfo *sti = tm.getMCSubtargetInfo();
  if (!sti || !sti->checkFeatures("+mve.fp"))
    return 0;
  // The uses to route through a fence.
  std::vector<llvm::Use *> uses;
  for (llvm::Function &f : m)
    for (llvm::Instruction &i : llvm::instructions(f)) {
      if (!i.getType()->isVectorTy())
        continue;
      bool intToFloat = llvm::isa<llvm::SIToFPInst, llvm::UIToFPInst>(i);
      bool mul = isVectorFMul(&i);
      if (!intToFloat && !mul)
        continue;
      for (llvm::Use &u : i.uses()) {
        llvm::User *user = u.getUser();
        if ((intToFloat && isVectorFMul(user)) ||
            (mul && llvm::isa<llvm::FPToSIInst, llvm::FPToUIInst>(user)))
          uses.push_back(&u);
      }
    }
  for (llvm::Use *u : uses) {
    auto *def = llvm::cast<llvm::Instruction>(u->get());
    llvm::IRBuilder<> b(def->getNextNode());
    llvm::Value *fenced = b.CreateArithmeticFence(def, def->getType());
    u->set(fenced);
  }
  return uses.size();
}
