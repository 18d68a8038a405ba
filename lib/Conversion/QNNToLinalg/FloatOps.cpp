//===- FloatOps.cpp - qnn float ops to linalg ------------------------------===//
//
// The parts of a model the exporter left in float (qnn.float_binary,
// qnn.float_unary, qnn.softmax) become linalg.generic on f32 tensors: one
// IEEE operation per element where ONNX defines one, and an exp with no libm
// call.
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
using qcc::qnn_to_linalg::broadcastMap;
using qcc::qnn_to_linalg::markKernel;

namespace {

Value f32Const(OpBuilder &b, Location l, float v) {
  return arith::ConstantOp::create(b, l, b.getF32FloatAttr(v));
}

/// exp(x) in binary32 with arith ops only (no libm, no FMA, no rounding
/// intrinsic): x = k ln2 + r with k = round(x / ln2) by the 1.5 * 2^23
/// trick, ln2 split in two (Cody-Waite) so k * ln2_hi is exact, exp(r) by
/// its Taylor series to r^7 (|r| <= ln2 / 2: truncation below 1e-8
/// relative), times 2^k built in the exponent field. x is clamped to
/// [-87.33, 88.37], where 2^k stays a normal number; below -87.33 (results
/// under FLT_MIN, subnormal in libm) the result is 0, not the clamp's.
Value emitExp(OpBuilder &b, Location l, Value x) {
  Value tiny = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, x,
                                     f32Const(b, l, -87.3365402f));
  x = arith::MaximumFOp::create(b, l, x, f32Const(b, l, -87.3365402f));
  x = arith::MinimumFOp::create(b, l, x, f32Const(b, l, 88.3762589f));
  Value magic = f32Const(b, l, 12582912.0f); // 1.5 * 2^23
  Value t = arith::AddFOp::create(
      b, l, arith::MulFOp::create(b, l, x, f32Const(b, l, 1.44269504f)), magic);
  Value k = arith::SubFOp::create(b, l, t, magic);
  Value r = arith::SubFOp::create(
      b, l, x, arith::MulFOp::create(b, l, k, f32Const(b, l, 0.693145751953125f)));
  r = arith::SubFOp::create(
      b, l, r, arith::MulFOp::create(b, l, k, f32Const(b, l, 1.428606765330187e-06f)));
  // Horner: 1 + r (1 + r/2 (1 + r/3 (1 + r/4 (1 + r/5 (1 + r/6 (1 + r/7)))))).
  Value p = f32Const(b, l, 1.0f);
  for (int i = 7; i >= 1; --i) {
    Value ri = arith::MulFOp::create(b, l, r, f32Const(b, l, 1.0f / (float)i));
    p = arith::AddFOp::create(b, l, f32Const(b, l, 1.0f),
                              arith::MulFOp::create(b, l, ri, p));
  }
  Value ki = arith::FPToSIOp::create(b, l, b.getI32Type(), k);
  Value bits = arith::ShLIOp::create(
      b, l,
      arith::AddIOp::create(b, l, ki,
                            arith::ConstantOp::create(b, l, b.getI32IntegerAttr(127))),
      arith::ConstantOp::create(b, l, b.getI32IntegerAttr(23)));
  Value scale = arith::BitcastOp::create(b, l, b.getF32Type(), bits);
  return arith::SelectOp::create(b, l, tiny, f32Const(b, l, 0.0f),
                                 arith::MulFOp::create(b, l, p, scale));
}

struct FloatBinaryLowering : OpConversionPattern<FloatBinaryOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FloatBinaryOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lT = cast<RankedTensorType>(op.getLhs().getType());
    auto rT = cast<RankedTensorType>(op.getRhs().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    unsigned rank = outT.getRank();
    SmallVector<AffineMap> maps = {broadcastMap(rewriter, lT, outT),
                                   broadcastMap(rewriter, rT, outT),
                                   rewriter.getMultiDimIdentityMap(rank)};
    Value init = tensor::EmptyOp::create(rewriter, loc, outT.getShape(),
                                         rewriter.getF32Type());
    FloatBinaryKind kind = op.getKind();
    auto g = linalg::GenericOp::create(
        rewriter, loc, outT, ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        init, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v;
          switch (kind) {
          case FloatBinaryKind::add:
            v = arith::AddFOp::create(b, l, args[0], args[1]);
            break;
          case FloatBinaryKind::sub:
            v = arith::SubFOp::create(b, l, args[0], args[1]);
            break;
          case FloatBinaryKind::mul:
            v = arith::MulFOp::create(b, l, args[0], args[1]);
            break;
          case FloatBinaryKind::div:
            v = arith::DivFOp::create(b, l, args[0], args[1]);
            break;
          }
          linalg::YieldOp::create(b, l, v);
        });
    markKernel(g, "float_" + stringifyFloatBinaryKind(kind).str());
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

/// qnn.float_unary: one elementwise generic, ONNX's operation order.
struct FloatUnaryLowering : OpConversionPattern<FloatUnaryOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FloatUnaryOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto t = cast<RankedTensorType>(op.getType());
    unsigned rank = t.getRank();
    auto id = rewriter.getMultiDimIdentityMap(rank);
    Value init = tensor::EmptyOp::create(rewriter, loc, t.getShape(),
                                         rewriter.getF32Type());
    FloatUnaryKind kind = op.getKind();
    auto attr = [](std::optional<APFloat> v) {
      return v ? std::optional<float>(v->convertToFloat()) : std::nullopt;
    };
    std::optional<float> alpha = attr(op.getAlpha()), beta = attr(op.getBeta()),
                         lo = attr(op.getMin()), hi = attr(op.getMax());
    auto g = linalg::GenericOp::create(
        rewriter, loc, t, ValueRange{adaptor.getInput()}, init,
        SmallVector<AffineMap>{id, id},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], v;
          // max/min that return NaN for a NaN operand, as numpy's do.
          auto maxf = [&](Value a, float c) -> Value {
            return arith::MaximumFOp::create(b, l, a, f32Const(b, l, c));
          };
          auto minf = [&](Value a, float c) -> Value {
            return arith::MinimumFOp::create(b, l, a, f32Const(b, l, c));
          };
          switch (kind) {
          case FloatUnaryKind::relu:
            v = maxf(x, 0.0f);
            break;
          case FloatUnaryKind::leaky_relu: {
            Value neg = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT,
                                              x, f32Const(b, l, 0.0f));
            v = arith::SelectOp::create(
                b, l, neg,
                arith::MulFOp::create(b, l, x, f32Const(b, l, *alpha)), x);
            break;
          }
          case FloatUnaryKind::clip:
            v = x;
            if (lo)
              v = maxf(v, *lo);
            if (hi)
              v = minf(v, *hi);
            break;
          case FloatUnaryKind::hard_sigmoid:
          case FloatUnaryKind::hard_swish: {
            float a = kind == FloatUnaryKind::hard_swish ? 1.0f / 6.0f : *alpha;
            float c = kind == FloatUnaryKind::hard_swish ? 0.5f : *beta;
            v = arith::AddFOp::create(
                b, l, arith::MulFOp::create(b, l, x, f32Const(b, l, a)),
                f32Const(b, l, c));
            v = minf(maxf(v, 0.0f), 1.0f);
            if (kind == FloatUnaryKind::hard_swish)
              v = arith::MulFOp::create(b, l, x, v);
            break;
          }
          case FloatUnaryKind::sigmoid: {
            Value e = emitExp(b, l, arith::NegFOp::create(b, l, x));
            v = arith::DivFOp::create(
                b, l, f32Const(b, l, 1.0f),
                arith::AddFOp::create(b, l, f32Const(b, l, 1.0f), e));
            break;
          }
          }
          linalg::YieldOp::create(b, l, v);
        });
    markKernel(g, "float_" + stringifyFloatUnaryKind(kind).str());
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

/// max along the axis, e = exp(x - max), s = sum of e, e * (1 / s): four
/// generics, the reductions into tensors whose axis has size 1.
struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto t = cast<RankedTensorType>(op.getType());
    unsigned rank = t.getRank(), axis = op.getAxis();
    Type f32 = rewriter.getF32Type();
    SmallVector<int64_t> redShape(t.getShape());
    redShape[axis] = 1;
    AffineMap id = rewriter.getMultiDimIdentityMap(rank);
    SmallVector<AffineExpr> re;
    for (unsigned i = 0; i < rank; ++i)
      re.push_back(i == axis ? rewriter.getAffineConstantExpr(0)
                             : rewriter.getAffineDimExpr(i));
    AffineMap red = AffineMap::get(rank, 0, re, rewriter.getContext());
    SmallVector<utils::IteratorType> par(rank, utils::IteratorType::parallel);
    SmallVector<utils::IteratorType> reduce = par;
    reduce[axis] = utils::IteratorType::reduction;
    auto filled = [&](float v) {
      Value e = tensor::EmptyOp::create(rewriter, loc, redShape, f32);
      Value c = f32Const(rewriter, loc, v);
      return linalg::FillOp::create(rewriter, loc, c, e).getResult(0);
    };
    Value x = adaptor.getInput();
    auto mx = linalg::GenericOp::create(
        rewriter, loc, TypeRange{RankedTensorType::get(redShape, f32)},
        ValueRange{x}, ValueRange{filled(-std::numeric_limits<float>::infinity())},
        ArrayRef<AffineMap>{id, red}, reduce,
        [&](OpBuilder &b, Location l, ValueRange a) {
          linalg::YieldOp::create(
              b, l, Value(arith::MaximumFOp::create(b, l, a[0], a[1])));
        });
    auto ex = linalg::GenericOp::create(
        rewriter, loc, TypeRange{t}, ValueRange{x, mx.getResult(0)},
        ValueRange{tensor::EmptyOp::create(rewriter, loc, t.getShape(), f32)},
        ArrayRef<AffineMap>{id, red, id}, par,
        [&](OpBuilder &b, Location l, ValueRange a) {
          linalg::YieldOp::create(
              b, l, emitExp(b, l, arith::SubFOp::create(b, l, a[0], a[1])));
        });
    auto sum = linalg::GenericOp::create(
        rewriter, loc, TypeRange{RankedTensorType::get(redShape, f32)},
        ValueRange{ex.getResult(0)}, ValueRange{filled(0.0f)},
        ArrayRef<AffineMap>{id, red}, reduce,
        [&](OpBuilder &b, Location l, ValueRange a) {
          linalg::YieldOp::create(
              b, l, Value(arith::AddFOp::create(b, l, a[0], a[1])));
        });
    auto out = linalg::GenericOp::create(
        rewriter, loc, TypeRange{t}, ValueRange{ex.getResult(0), sum.getResult(0)},
        ValueRange{tensor::EmptyOp::create(rewriter, loc, t.getShape(), f32)},
        ArrayRef<AffineMap>{id, red, id}, par,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value inv = arith::DivFOp::create(b, l, f32Const(b, l, 1.0f), a[1]);
          linalg::YieldOp::create(
              b, l, Value(arith::MulFOp::create(b, l, a[0], inv)));
        });
    for (linalg::GenericOp g : {mx, ex, sum, out})
      markKernel(g, "softmax");
    rewriter.replaceOp(op, out.getResult(0));
    return success();
  }
};

} // namespace

void qcc::populateQNNFloatToLinalgPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns) {
  patterns.add<FloatBinaryLowering, FloatUnaryLowering, SoftmaxLowering>(
      converter, patterns.getContext());
}
