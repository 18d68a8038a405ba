//===- FuseFloatElementwise.cpp - float chains into their reader ----------===//
//
// See Passes.td (FuseFloatElementwisePass): an elementwise float
// add/sub/mul/div generic with one reader of its shape that is another one
// or a quantize is fused into it (linalg::fuseElementwiseOps), so that the
// float intermediate is never stored.
//
//===----------------------------------------------------------------------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace qcc {
#define GEN_PASS_DEF_FUSEFLOATELEMENTWISEPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

StringRef kernelOf(Operation *op) {
  if (auto k = op->getAttrOfType<StringAttr>("qcc.kernel"))
    return k.getValue();
  return {};
}

bool isFloatArithmetic(StringRef k) {
  return k == "float_add" || k == "float_sub" || k == "float_mul" ||
         k == "float_div";
}

/// The operand of a reader generic through which `producer` may be fused
/// into it, or null.
OpOperand *fusableUse(linalg::GenericOp producer) {
  if (producer->hasAttr("qcc.unfused") || !isFloatArithmetic(kernelOf(producer)) ||
      producer->getNumResults() != 1 ||
      !producer->getResult(0).hasOneUse())
    return nullptr;
  OpOperand &use = *producer->getResult(0).getUses().begin();
  auto reader = dyn_cast<linalg::GenericOp>(use.getOwner());
  if (!reader || reader->getNumResults() != 1)
    return nullptr;
  StringRef k = kernelOf(reader);
  if (!isFloatArithmetic(k) && k != "quantize")
    return nullptr;
  if (cast<ShapedType>(producer->getResult(0).getType()).getShape() !=
      cast<ShapedType>(reader->getResult(0).getType()).getShape())
    return nullptr;
  if (!reader.isDpsInput(&use) ||
      !reader.getMatchingIndexingMap(&use).isIdentity() ||
      !linalg::areElementwiseOpsFusable(&use))
    return nullptr;
  return &use;
}

struct FuseFloatElementwisePass
    : qcc::impl::FuseFloatElementwisePassBase<FuseFloatElementwisePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // One fusion at a time, then look again: a fusion replaces the reader
    // (which may be the next producer of a chain) with a new generic.
    for (bool changed = true; changed;) {
      changed = false;
      linalg::GenericOp producer;
      getOperation().walk([&](linalg::GenericOp g) {
        if (!fusableUse(g))
          return WalkResult::advance();
        producer = g;
        return WalkResult::interrupt();
      });
      if (!producer)
        break;
      OpOperand *use = fusableUse(producer);
      Operation *reader = use->getOwner();
      DictionaryAttr attrs = reader->getDiscardableAttrDictionary();
      rewriter.setInsertionPoint(reader);
      FailureOr<linalg::ElementwiseOpFusionResult> fused =
          linalg::fuseElementwiseOps(rewriter, use);
      if (failed(fused)) {
        // Not fusable after all (areElementwiseOpsFusable said it was):
        // leave it, and mark it so that the walk moves on.
        producer->setAttr("qcc.unfused", rewriter.getUnitAttr());
        changed = true;
        continue;
      }
      Operation *op = fused->fusedOp;
      // The reader's kernel name and other markers (qcc.out_bits, ...).
      for (NamedAttribute a : attrs)
        if (a.getName() != "qcc.unfused")
          op->setAttr(a.getName(), a.getValue());
      for (auto [from, to] : fused->replacements)
        rewriter.replaceAllUsesExcept(from, to, op);
      if (reader->use_empty())
        rewriter.eraseOp(reader);
      if (producer->use_empty())
        rewriter.eraseOp(producer);
      changed = true;
    }
    getOperation().walk([](linalg::GenericOp g) { g->removeAttr("qcc.unfused"); });
  }
};

} // namespace
