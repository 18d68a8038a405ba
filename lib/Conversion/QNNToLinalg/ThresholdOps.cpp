//===- ThresholdOps.cpp - qnn.multi_threshold to linalg --------------------===//
//
// qnn.multi_threshold (FINN MultiThreshold) becomes one linalg.generic whose
// last loop runs over the thresholds of the element's channel: the result
// starts at `offset` and gains `step` for every threshold the element
// reaches. The comparison is on the stored values (f32, i32, or the
// quantized integers extended to i32 with their signedness).
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace qcc::qnn;
using qcc::qnn_to_linalg::markKernel;

namespace {

struct MultiThresholdLowering : OpConversionPattern<MultiThresholdOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MultiThresholdOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    auto thrT = cast<RankedTensorType>(op.getThresholds().getType());
    QuantType qi = getQuantElementType(inT);
    QuantType qo = getQuantElementType(outT);
    bool isFloat = inT.getElementType().isF32();
    bool isSigned = !qi || qi.getIsSigned();
    unsigned rank = inT.getRank();
    MLIRContext *ctx = rewriter.getContext();
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();

    // Loops: the result's dims, then one reduction over the thresholds.
    SmallVector<AffineExpr> elem;
    for (unsigned i = 0; i < rank; ++i)
      elem.push_back(getAffineDimExpr(i, ctx));
    AffineExpr row = thrT.getDimSize(0) == 1
                         ? getAffineConstantExpr(0, ctx)
                         : getAffineDimExpr(op.getAxis(), ctx);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, elem, ctx),
        AffineMap::get(rank + 1, 0, {row, getAffineDimExpr(rank, ctx)}, ctx),
        AffineMap::get(rank + 1, 0, elem, ctx)};
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    iters.push_back(utils::IteratorType::reduction);

    Value thresholds = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(Attribute(op.getThresholds())));
    Value init = tensor::EmptyOp::create(rewriter, loc, outT.getShape(), i8);
    Value offset = arith::ConstantOp::create(
        rewriter, loc, rewriter.getIntegerAttr(i8, (int64_t)op.getOffset()));
    init = linalg::FillOp::create(rewriter, loc, offset, init).getResult(0);
    int64_t step = qo.isBipolar() ? 2 : 1;

    auto g = linalg::GenericOp::create(
        rewriter, loc, init.getType(),
        ValueRange{adaptor.getInput(), thresholds}, init, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], t = args[1], reached;
          if (isFloat) {
            reached = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGE,
                                            x, t);
          } else {
            if (x.getType() != i32)
              x = isSigned ? Value(arith::ExtSIOp::create(b, l, i32, x))
                           : Value(arith::ExtUIOp::create(b, l, i32, x));
            reached = arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge,
                                            x, t);
          }
          Value inc = arith::SelectOp::create(
              b, l, reached,
              arith::ConstantOp::create(b, l, b.getIntegerAttr(i8, step)),
              arith::ConstantOp::create(b, l, b.getIntegerAttr(i8, 0)));
          linalg::YieldOp::create(b, l,
                                  Value(arith::AddIOp::create(b, l, args[2], inc)));
        });
    markKernel(g, "multi_threshold");
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

} // namespace

void qcc::populateQNNThresholdToLinalgPatterns(const TypeConverter &converter,
                                               RewritePatternSet &patterns) {
  patterns.add<MultiThresholdLowering>(converter, patterns.getContext());
}
