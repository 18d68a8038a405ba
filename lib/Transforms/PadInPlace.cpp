//===- PadInPlace.cpp - producers write into the padded buffer ------------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace qcc {
#define GEN_PASS_DEF_PADINPLACEPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {
struct PadInPlacePass : qcc::impl::PadInPlacePassBase<PadInPlacePass> {
  void runOnOperation() override {
    SmallVector<tensor::PadOp> pads;
    getOperation().walk([&](tensor::PadOp p) { pads.push_back(p); });
    for (tensor::PadOp pad : pads) {
      auto resultT = pad.getResultType();
      Value pv = pad.getConstantPaddingValue();
      Operation *pvDef = pv ? pv.getDefiningOp() : nullptr;
      if (!resultT.hasStaticShape() || !pvDef ||
          !pvDef->hasTrait<OpTrait::ConstantLike>() ||
          !pad.getSourceType().hasStaticShape())
        continue;
      SmallVector<int64_t> low;
      bool staticLow = true;
      for (OpFoldResult l : pad.getMixedLowPad()) {
        std::optional<int64_t> v = getConstantIntValue(l);
        staticLow &= v.has_value();
        low.push_back(v.value_or(0));
      }
      // The source: a result of a destination-style op on tensors whose
      // destination is a tensor.empty.
      auto src = dyn_cast<OpResult>(pad.getSource());
      auto producer = src ? dyn_cast<DestinationStyleOpInterface>(src.getOwner())
                          : DestinationStyleOpInterface();
      if (!staticLow || !producer || !producer.hasPureTensorSemantics())
        continue;
      OpOperand *init = producer.getDpsInitOperand(src.getResultNumber());
      auto empty = init->get().getDefiningOp<tensor::EmptyOp>();
      if (!empty)
        continue;
      // The producer gets a tensor.empty of its own right before it (CSE
      // merges equal ones, and hoists them to the first): the padded
      // buffer is made there, so it lives no longer than the producer's
      // result would.
      OpBuilder eb(producer);
      empty = cast<tensor::EmptyOp>(eb.clone(*empty));
      init->set(empty.getResult());
      // The padded tensor, filled, where the producer's destination was
      // made; the pad becomes an insert_slice into it, which
      // eliminate-empty-tensors turns into the producer writing there.
      OpBuilder b(empty);
      Location loc = pad.getLoc();
      Value filled =
          linalg::FillOp::create(
              b, loc, b.clone(*pvDef)->getResult(0),
              tensor::EmptyOp::create(b, loc, resultT.getShape(),
                                      resultT.getElementType())
                  .getResult())
              .getResult(0);
      b.setInsertionPoint(pad);
      SmallVector<OpFoldResult> offsets, sizes,
          strides(resultT.getRank(), b.getIndexAttr(1));
      for (auto [l, s] : llvm::zip(low, pad.getSourceType().getShape())) {
        offsets.push_back(b.getIndexAttr(l));
        sizes.push_back(b.getIndexAttr(s));
      }
      Value inserted = tensor::InsertSliceOp::create(
          b, loc, pad.getSource(), filled, offsets, sizes, strides);
      pad.replaceAllUsesWith(inserted);
      pad.erase();
    }
  }
};
} // namespace
