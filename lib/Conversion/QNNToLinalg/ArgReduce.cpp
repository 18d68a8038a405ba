//===- ArgReduce.cpp - qnn.arg_reduce to linalg ---------------------------===//
//
// qnn.arg_reduce (ONNX ArgMax / ArgMin) becomes one linalg.generic with the
// reduction axis as its reduction loop and two results: the best value so
// far (f32, or the codes extended to i32 with their signedness) and its i64
// index. A value replaces the best one when strictly better (the first
// index wins), or better or equal with select_last_index (the last wins).
// The best value starts at -inf / +inf (the type's extreme for codes), so
// the first element always takes it, and a NaN is never selected.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include <limits>

using namespace mlir;
using namespace qcc::qnn;
using qcc::qnn_to_linalg::fillTensor;
using qcc::qnn_to_linalg::markKernel;

namespace {

struct ArgReduceLowering : OpConversionPattern<ArgReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ArgReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType q = getQuantElementType(inT);
    bool isMax = op.getKind() == ArgReduceKind::max;
    bool last = op.getSelectLastIndex();
    unsigned rank = inT.getRank(), axis = op.getAxis();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();

    SmallVector<AffineExpr> in, out;
    for (unsigned d = 0; d < rank; ++d) {
      in.push_back(getAffineDimExpr(d, ctx));
      if (d != axis)
        out.push_back(getAffineDimExpr(d, ctx));
      else if (op.getKeepdims())
        out.push_back(getAffineConstantExpr(0, ctx));
    }
    AffineMap inMap = AffineMap::get(rank, 0, in, ctx),
              outMap = AffineMap::get(rank, 0, out, ctx);
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    iters[axis] = utils::IteratorType::reduction;

    TypedAttr start =
        q ? TypedAttr(rewriter.getI32IntegerAttr(
                isMax ? std::numeric_limits<int32_t>::min()
                      : std::numeric_limits<int32_t>::max()))
          : TypedAttr(rewriter.getF32FloatAttr(
                isMax ? -std::numeric_limits<float>::infinity()
                      : std::numeric_limits<float>::infinity()));
    Value best = fillTensor(rewriter, loc, outT.getShape(), start);
    Value index = fillTensor(rewriter, loc, outT.getShape(),
                             rewriter.getI64IntegerAttr(0));
    bool isSigned = !q || q.getIsSigned();
    auto g = linalg::GenericOp::create(
        rewriter, loc, TypeRange{best.getType(), index.getType()},
        ValueRange{adaptor.getInput()}, ValueRange{best, index},
        ArrayRef<AffineMap>{inMap, outMap, outMap}, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0];
          Value better;
          if (q) {
            x = isSigned ? Value(arith::ExtSIOp::create(b, l, i32, x))
                         : Value(arith::ExtUIOp::create(b, l, i32, x));
            auto pred = isMax ? (last ? arith::CmpIPredicate::sge
                                      : arith::CmpIPredicate::sgt)
                              : (last ? arith::CmpIPredicate::sle
                                      : arith::CmpIPredicate::slt);
            better = arith::CmpIOp::create(b, l, pred, x, args[1]);
          } else {
            auto pred = isMax ? (last ? arith::CmpFPredicate::OGE
                                      : arith::CmpFPredicate::OGT)
                              : (last ? arith::CmpFPredicate::OLE
                                      : arith::CmpFPredicate::OLT);
            better = arith::CmpFOp::create(b, l, pred, x, args[1]);
          }
          Value i = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axis));
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, better, x, args[1]),
                         arith::SelectOp::create(b, l, better, i, args[2])});
        });
    markKernel(g, "arg_reduce");
    rewriter.replaceOp(op, g.getResult(1));
    return success();
  }
};

} // namespace

void qcc::populateQNNArgReduceToLinalgPatterns(const TypeConverter &converter,
                                               RewritePatternSet &patterns) {
  patterns.add<ArgReduceLowering>(converter, patterns.getContext());
}
