//===- ExpandFloatMinMax.cpp - float max/min as compares and selects ------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace qcc {
#define GEN_PASS_DEF_EXPANDFLOATMINMAXPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {
/// The integer type of `t`'s bits: iN, or a vector of iN.
Type bitsType(Type t) {
  auto bitsOf = [&](Type e) {
    return IntegerType::get(t.getContext(), e.getIntOrFloatBitWidth());
  };
  if (auto v = dyn_cast<VectorType>(t))
    return v.clone(bitsOf(v.getElementType()));
  return bitsOf(t);
}

Value cmp(PatternRewriter &rw, Location l, arith::CmpFPredicate p, Value x,
          Value y) {
  return arith::CmpFOp::create(rw, l, p, x, y);
}

/// maxnumf / minnumf: y when x is below (max) or above (min) y, or x is
/// NaN; else x. A NaN y gives x.
template <typename Op, bool IsMax>
struct ExpandNum : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    Location l = op.getLoc();
    Value x = op.getLhs(), y = op.getRhs();
    using P = arith::CmpFPredicate;
    Value takeY = arith::OrIOp::create(
        rw, l, cmp(rw, l, IsMax ? P::OLT : P::OGT, x, y),
        cmp(rw, l, P::UNO, x, x));
    rw.replaceOpWithNewOp<arith::SelectOp>(op, takeY, y, x);
    return success();
  }
};

/// maximumf / minimumf: a NaN operand gives NaN; equal operands give
/// x & y (max) or x | y (min) bit by bit; else the larger (smaller).
template <typename Op, bool IsMax>
struct ExpandImum : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rw) const override {
    Location l = op.getLoc();
    Value x = op.getLhs(), y = op.getRhs();
    using P = arith::CmpFPredicate;
    Type t = x.getType(), bits = bitsType(t);
    Value r = arith::SelectOp::create(
        rw, l, cmp(rw, l, IsMax ? P::OGT : P::OLT, x, y), x, y);
    Value xb = arith::BitcastOp::create(rw, l, bits, x);
    Value yb = arith::BitcastOp::create(rw, l, bits, y);
    Value both = IsMax ? Value(arith::AndIOp::create(rw, l, xb, yb))
                       : Value(arith::OrIOp::create(rw, l, xb, yb));
    r = arith::SelectOp::create(rw, l, cmp(rw, l, P::OEQ, x, y),
                                arith::BitcastOp::create(rw, l, t, both), r);
    // y NaN: every compare above is false, so r is y already.
    rw.replaceOpWithNewOp<arith::SelectOp>(op, cmp(rw, l, P::UNO, x, x), x, r);
    return success();
  }
};

struct ExpandFloatMinMaxPass
    : qcc::impl::ExpandFloatMinMaxPassBase<ExpandFloatMinMaxPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpandNum<arith::MaxNumFOp, true>,
                 ExpandNum<arith::MinNumFOp, false>,
                 ExpandImum<arith::MaximumFOp, true>,
                 ExpandImum<arith::MinimumFOp, false>>(&getContext());
    GreedyRewriteConfig config;
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config)))
      signalPassFailure();
  }
};
} // namespace
