//===- SplitEmptyTensors.cpp - one tensor.empty per user ------------------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace qcc {
#define GEN_PASS_DEF_SPLITEMPTYTENSORSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {
struct SplitEmptyTensorsPass
    : qcc::impl::SplitEmptyTensorsPassBase<SplitEmptyTensorsPass> {
  void runOnOperation() override {
    SmallVector<tensor::EmptyOp> shared;
    getOperation().walk([&](tensor::EmptyOp e) {
      if (!e->use_empty() && !e->hasOneUse())
        shared.push_back(e);
    });
    for (tensor::EmptyOp e : shared) {
      // The first user in the block keeps the original.
      SmallVector<OpOperand *> uses;
      for (OpOperand &use : e->getUses())
        uses.push_back(&use);
      OpOperand *keep = uses.front();
      for (OpOperand *use : uses)
        if (use->getOwner()->getBlock() == keep->getOwner()->getBlock() &&
            use->getOwner()->isBeforeInBlock(keep->getOwner()))
          keep = use;
      for (OpOperand *use : uses) {
        if (use == keep)
          continue;
        OpBuilder b(use->getOwner());
        use->set(b.clone(*e)->getResult(0));
      }
    }
  }
};
} // namespace
