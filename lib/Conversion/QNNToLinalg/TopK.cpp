//===- TopK.cpp - qnn.top_k to linalg -------------------------------------===//
//
// qnn.top_k (ONNX TopK) becomes two linalg.generics:
//
//   1. rank[i] = #{ j : x[j] comes before x[i] }, over the loops of the
//      input and a reduction loop j along the axis. x[j] comes before x[i]
//      when its key is better (larger, or smaller with `smallest`), or equal
//      with j < i: a strict total order, so the ranks along the axis are a
//      permutation of 0 .. n-1.
//   2. values[p], indices[p] = x[i], i for the one i with rank[i] == p,
//      over the loops of the result and a reduction loop i along the axis.
//
// The key of a code is the code (extended to i32 with its signedness); the
// key of an f32 is its bit pattern made monotonic (b ^ ((b >> 31) &
// 0x7fffffff), IEEE totalOrder) after adding +0.0, which turns -0 into +0 so
// that the two zeros tie as ONNX's equal values do. The cost is n * n
// comparisons per position outside the axis plus k * n selections: fine for
// the class scores TopK reads at the end of a classifier (n = 1000), slow
// for tens of thousands of candidates.
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
using qcc::qnn_to_linalg::fillTensor;
using qcc::qnn_to_linalg::markKernel;

namespace {

struct TopKLowering : OpConversionPattern<TopKOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TopKOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto idxT = cast<RankedTensorType>(op.getIndices().getType());
    auto valT = dyn_cast_or_null<RankedTensorType>(
        getTypeConverter()->convertType(op.getValues().getType()));
    if (!valT)
      return rewriter.notifyMatchFailure(op, "values type does not convert");
    QuantType q = getQuantElementType(inT);
    bool isSigned = !q || q.getIsSigned();
    bool smallest = op.getSmallest();
    unsigned rank = inT.getRank(), axis = op.getAxis();
    Type i32 = rewriter.getI32Type(), i64 = rewriter.getI64Type();
    Value x = adaptor.getInput();

    // The loops of the input (or result), then one more along the axis.
    SmallVector<AffineExpr> all, alongExtra;
    for (unsigned d = 0; d < rank; ++d) {
      all.push_back(getAffineDimExpr(d, ctx));
      alongExtra.push_back(d == axis ? getAffineDimExpr(rank, ctx)
                                     : getAffineDimExpr(d, ctx));
    }
    AffineMap allMap = AffineMap::get(rank + 1, 0, all, ctx),
              extraMap = AffineMap::get(rank + 1, 0, alongExtra, ctx);
    SmallVector<utils::IteratorType> iters(rank + 1,
                                           utils::IteratorType::parallel);
    iters[rank] = utils::IteratorType::reduction;

    auto key = [&](OpBuilder &b, Location l, Value v) -> Value {
      if (q)
        return isSigned ? Value(arith::ExtSIOp::create(b, l, i32, v))
                        : Value(arith::ExtUIOp::create(b, l, i32, v));
      Value zero = arith::ConstantOp::create(b, l, b.getF32FloatAttr(0.0f));
      Value bits = arith::BitcastOp::create(
          b, l, i32, arith::AddFOp::create(b, l, v, zero));
      Value sign = arith::ShRSIOp::create(
          b, l, bits, arith::ConstantOp::create(b, l, b.getI32IntegerAttr(31)));
      Value mask = arith::AndIOp::create(
          b, l, sign,
          arith::ConstantOp::create(b, l, b.getI32IntegerAttr(0x7fffffff)));
      return arith::XOrIOp::create(b, l, bits, mask);
    };

    // 1. The rank of every element along the axis.
    Value ranks =
        fillTensor(rewriter, loc, inT.getShape(), rewriter.getI64IntegerAttr(0));
    auto rankGen = linalg::GenericOp::create(
        rewriter, loc, TypeRange{ranks.getType()}, ValueRange{x, x},
        ValueRange{ranks}, ArrayRef<AffineMap>{allMap, extraMap, allMap},
        iters, [&](OpBuilder &b, Location l, ValueRange args) {
          Value ki = key(b, l, args[0]), kj = key(b, l, args[1]);
          Value i = linalg::IndexOp::create(b, l, axis);
          Value j = linalg::IndexOp::create(b, l, rank);
          Value better = arith::CmpIOp::create(
              b, l,
              smallest ? arith::CmpIPredicate::slt : arith::CmpIPredicate::sgt,
              kj, ki);
          Value tie = arith::AndIOp::create(
              b, l,
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, kj, ki),
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, j, i));
          Value before = arith::OrIOp::create(b, l, better, tie);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::AddIOp::create(
                  b, l, args[2], arith::ExtUIOp::create(b, l, i64, before))});
        });
    markKernel(rankGen, "top_k");

    // 2. The element of rank p goes to position p of the results.
    Value values = fillTensor(rewriter, loc, valT.getShape(),
                              cast<TypedAttr>(rewriter.getZeroAttr(
                                  valT.getElementType())));
    Value indices =
        fillTensor(rewriter, loc, idxT.getShape(), rewriter.getI64IntegerAttr(0));
    auto selGen = linalg::GenericOp::create(
        rewriter, loc, TypeRange{values.getType(), indices.getType()},
        ValueRange{rankGen.getResult(0), x}, ValueRange{values, indices},
        ArrayRef<AffineMap>{extraMap, extraMap, allMap, allMap}, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value p = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, axis));
          Value i = arith::IndexCastOp::create(
              b, l, i64, linalg::IndexOp::create(b, l, rank));
          Value hit =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, args[0], p);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, hit, args[1], args[2]),
                         arith::SelectOp::create(b, l, hit, i, args[3])});
        });
    markKernel(selGen, "top_k");
    rewriter.replaceOp(op, selGen.getResults());
    return success();
  }
};

} // namespace

void qcc::populateQNNTopKToLinalgPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<TopKLowering>(converter, patterns.getContext());
}
