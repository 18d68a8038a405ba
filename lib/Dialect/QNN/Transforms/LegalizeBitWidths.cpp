//===- LegalizeBitWidths.cpp - weight widths the target has kernels for ---===//
//
// See Passes.td (LegalizeBitWidthsPass).
//
//===----------------------------------------------------------------------===//
#include "qcc/Dialect/QNN/Transforms/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"
#include "qcc/Support/ElementBytes.h"

#include "mlir/IR/Builders.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

namespace qcc::qnn {
#define GEN_PASS_DEF_LEGALIZEBITWIDTHSPASS
#include "qcc/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace qcc::qnn

using namespace mlir;
using namespace qcc::qnn;

namespace {

/// `q` with every slice promoted to the nearest width in `widths` (sorted)
/// at or above its own; adjacent slices that end up equal are merged.
QuantType promote(QuantType q, ArrayRef<unsigned> widths) {
  if (q.isBipolar())
    return q;
  auto up = [&](unsigned b) {
    for (unsigned w : widths)
      if (w >= b)
        return w;
    return 8u;
  };
  SmallVector<unsigned> bits;
  SmallVector<int64_t> sizes;
  for (auto [i, b] : llvm::enumerate(q.getSliceBits())) {
    unsigned w = up(b);
    int64_t n = q.isSliced() ? q.getSliceSizes()[i] : 0;
    if (!bits.empty() && bits.back() == w) {
      sizes.back() += n;
      continue;
    }
    bits.push_back(w);
    sizes.push_back(n);
  }
  if (bits.size() == 1)
    sizes.clear();
  SmallVector<double> scales(q.getScales().begin(), q.getScales().end());
  return QuantType::get(q.getContext(), q.getIsSigned(), bits, sizes, q.getAxis(),
                        scales, q.getZeroPoints());
}

RankedTensorType withElement(Type t, Type e) {
  return RankedTensorType::get(cast<RankedTensorType>(t).getShape(), e);
}

/// A qnn.constant holding channels [start, start + n) along dim 0 of `c`.
Value sliceConstant(OpBuilder &b, ConstantOp c, ArrayRef<int8_t> bytes,
                    int64_t start, int64_t n, QuantType q) {
  auto t = cast<RankedTensorType>(c.getType());
  int64_t inner = t.getNumElements() / t.getDimSize(0);
  SmallVector<int64_t> shape(t.getShape());
  shape[0] = n;
  auto storage = RankedTensorType::get(shape, IntegerType::get(b.getContext(), 8));
  ArrayRef<int8_t> part = bytes.slice(start * inner, n * inner);
  ElementsAttr value = DenseResourceElementsAttr::get(
      storage, "weights_slice",
      HeapAsmResourceBlob::allocateAndCopyInferAlign(part));
  return ConstantOp::create(b, c.getLoc(), RankedTensorType::get(shape, q), value);
}

/// Splits a one-group convolution with sliced constant weights into one
/// convolution per run of equal width, joined by a concat on channels.
void splitSlicedConv(Conv2DOp conv) {
  auto c = conv.getWeight().getDefiningOp<ConstantOp>();
  QuantType wq = getQuantElementType(conv.getWeight().getType());
  if (!c || !wq.isSliced() || wq.getAxis() != 0 || conv.getGroups() != 1)
    return;
  auto bytes = qcc::getElementBytes(c.getValue());
  if (!bytes)
    return;
  auto outT = cast<RankedTensorType>(conv.getType());
  QuantType oq = getQuantElementType(outT);
  OpBuilder b(conv);
  SmallVector<Value> parts;
  int64_t start = 0;
  for (auto [bits, n] : llvm::zip(wq.getSliceBits(), wq.getSliceSizes())) {
    Value w = sliceConstant(b, c, *bytes, start, n, wq.sliceChannels(start, n));
    Value bias;
    DenseIntElementsAttr biasValues;
    if (Value fullBias = conv.getBias();
        fullBias && matchPattern(fullBias, m_Constant(&biasValues))) {
      // A constant bias is sliced here: its users (bias_shift) need
      // constants, and no pass runs between this one and the lowering.
      auto all = llvm::to_vector(biasValues.getValues<APInt>());
      bias = arith::ConstantOp::create(
          b, conv.getLoc(),
          DenseIntElementsAttr::get(
              RankedTensorType::get({n}, biasValues.getElementType()),
              ArrayRef<APInt>(all).slice(start, n)));
    } else if (Value fullBias = conv.getBias())
      bias = tensor::ExtractSliceOp::create(
          b, conv.getLoc(), fullBias, ArrayRef<OpFoldResult>{b.getIndexAttr(start)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(n)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
    SmallVector<int64_t> shape(outT.getShape());
    shape[1] = n;
    Type elem = oq ? Type(oq.hasAxis() && oq.getAxis() == 1
                              ? oq.sliceChannels(start, n)
                              : oq)
                   : outT.getElementType();
    // A clone keeps every attribute of the whole conv (range, rounding,
    // bias_shift, ...): only the weights, bias, negated_channels and
    // result type change.
    auto part = cast<Conv2DOp>(b.clone(*conv));
    part.getWeightMutable().assign(w);
    if (bias)
      part.getBiasMutable().assign(bias);
    if (auto neg = conv.getNegatedChannels())
      part.setNegatedChannels(neg->slice(start, n));
    part.getResult().setType(RankedTensorType::get(shape, elem));
    parts.push_back(part);
    start += n;
  }
  auto cat = ConcatOp::create(b, conv.getLoc(), outT, parts, b.getI64IntegerAttr(1));
  conv.replaceAllUsesWith(cat.getResult());
  conv.erase();
  if (c->use_empty())
    c.erase();
}

struct LegalizeBitWidthsPass
    : qcc::qnn::impl::LegalizeBitWidthsPassBase<LegalizeBitWidthsPass> {
  using LegalizeBitWidthsPassBase::LegalizeBitWidthsPassBase;

  void runOnOperation() override {
    SmallVector<unsigned> widths(weightWidths.begin(), weightWidths.end());
    if (widths.empty())
      widths = {1, 2, 4, 8};
    llvm::sort(widths);
    if (widths.back() != 8 || widths.front() < 1) {
      getOperation().emitError()
          << "qnn-legalize-bit-widths: weight-widths must lie in 1..8 and "
             "include 8";
      return signalPassFailure();
    }
    // 1. Promote constant weights (weights may be shared: each constant once).
    getOperation().walk([&](ConstantOp c) {
      QuantType q = getQuantElementType(c.getType());
      if (!q)
        return;
      bool isWeight = llvm::any_of(c->getUsers(), [](Operation *u) {
        return isa<Conv2DOp, MatMulOp>(u);
      });
      if (!isWeight)
        return;
      QuantType p = promote(q, widths);
      if (p != q)
        c.getResult().setType(withElement(c.getType(), p));
    });
    // 2. Split one-group convolutions with several weight widths.
    SmallVector<Conv2DOp> convs;
    getOperation().walk([&](Conv2DOp c) { convs.push_back(c); });
    for (Conv2DOp c : convs)
      splitSlicedConv(c);
  }
};

} // namespace
