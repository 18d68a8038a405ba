//===- FloatOps.cpp - qnn float ops to linalg ------------------------------===//
//
// The parts of a model the exporter left in float (qnn.float_binary,
// qnn.float_unary, qnn.softmax, qnn.float_conv2d, qnn.float_matmul) become
// linalg.generic on f32 tensors: one IEEE operation per element where ONNX
// defines one (convolutions and matrix products multiply and add with two
// roundings, no FMA), and an exp with no libm call.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include <limits>

using namespace mlir;
using namespace qcc::qnn;
using qcc::qnn_to_linalg::broadcastMap;
using qcc::qnn_to_linalg::markKernel;
using qcc::qnn_to_linalg::fillTensor;
using qcc::qnn_to_linalg::matmulMaps;
using qcc::qnn_to_linalg::mapElements;

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

/// log(y) for y >= 1 (softplus's 1 + exp(.)), arith ops only: y = m 2^e
/// with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(f), f = (m - 1) / (m + 1)
/// (|f| <= 0.172), by its series to f^13 (truncation below 1e-10), plus
/// e ln 2 with ln 2 split in two.
Value emitLog(OpBuilder &b, Location l, Value y) {
  Type i32 = b.getI32Type();
  auto ci = [&](int32_t v) {
    return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
  };
  Value bits = arith::BitcastOp::create(b, l, i32, y);
  // Exponent relative to [sqrt(1/2), sqrt(2)): add (1 - sqrt(1/2)) in the
  // mantissa's units before splitting, so m lands in that range.
  Value shifted = arith::AddIOp::create(b, l, bits, ci(0x3f800000 - 0x3f3504f3));
  Value e = arith::SubIOp::create(
      b, l, arith::ShRSIOp::create(b, l, shifted, ci(23)), ci(127));
  Value mBits = arith::AddIOp::create(
      b, l, arith::AndIOp::create(b, l, shifted, ci(0x007fffff)), ci(0x3f3504f3));
  Value m = arith::BitcastOp::create(b, l, b.getF32Type(), mBits);
  Value f = arith::DivFOp::create(
      b, l, arith::SubFOp::create(b, l, m, f32Const(b, l, 1.0f)),
      arith::AddFOp::create(b, l, m, f32Const(b, l, 1.0f)));
  Value s2 = arith::MulFOp::create(b, l, f, f);
  // 1 + s/3 + s^2/5 + ... + s^6/13 by Horner.
  Value p = f32Const(b, l, 1.0f / 13.0f);
  for (int k = 11; k >= 1; k -= 2)
    p = arith::AddFOp::create(b, l, f32Const(b, l, 1.0f / (float)k),
                              arith::MulFOp::create(b, l, s2, p));
  Value logm = arith::MulFOp::create(
      b, l, arith::MulFOp::create(b, l, f32Const(b, l, 2.0f), f), p);
  Value ef = arith::SIToFPOp::create(b, l, b.getF32Type(), e);
  Value hi = arith::MulFOp::create(b, l, ef, f32Const(b, l, 0.693145751953125f));
  Value lo = arith::MulFOp::create(b, l, ef, f32Const(b, l, 1.428606765330187e-06f));
  return arith::AddFOp::create(b, l, hi, arith::AddFOp::create(b, l, lo, logm));
}

/// tanh(x): for |x| >= 0.5, 1 - 2 / (exp(2|x|) + 1) (no cancellation, the
/// result being above 0.46); below, the odd Taylor series to x^19
/// (truncation below 1e-9 relative). The sign is x's.
Value emitTanh(OpBuilder &b, Location l, Value x) {
  Value ax = math::AbsFOp::create(b, l, x);
  Value e = emitExp(b, l, arith::MulFOp::create(b, l, ax, f32Const(b, l, 2.0f)));
  Value big = arith::SubFOp::create(
      b, l, f32Const(b, l, 1.0f),
      arith::DivFOp::create(b, l, f32Const(b, l, 2.0f),
                            arith::AddFOp::create(b, l, e, f32Const(b, l, 1.0f))));
  // tanh x = x (c0 + c1 x^2 + ... + c9 x^18).
  static const double c[] = {1.0,
                             -1.0 / 3,
                             2.0 / 15,
                             -17.0 / 315,
                             62.0 / 2835,
                             -1382.0 / 155925,
                             21844.0 / 6081075,
                             -929569.0 / 638512875,
                             6404582.0 / 10854718875,
                             -443861162.0 / 1856156927625};
  Value x2 = arith::MulFOp::create(b, l, ax, ax);
  Value p = f32Const(b, l, (float)c[9]);
  for (int k = 8; k >= 0; --k)
    p = arith::AddFOp::create(b, l, f32Const(b, l, (float)c[k]),
                              arith::MulFOp::create(b, l, x2, p));
  Value small = arith::MulFOp::create(b, l, ax, p);
  Value isSmall = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, ax,
                                        f32Const(b, l, 0.5f));
  Value t = arith::SelectOp::create(b, l, isSmall, small, big);
  return math::CopySignOp::create(b, l, t, x);
}

/// softplus(x): x + log(1 + exp(-x)) for x > 0, log(1 + exp(x))
/// otherwise: exp of a non-positive value never overflows.
Value emitSoftplus(OpBuilder &b, Location l, Value x) {
  Value pos = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT, x,
                                    f32Const(b, l, 0.0f));
  Value ax = math::AbsFOp::create(b, l, x);
  Value lg = emitLog(
      b, l,
      arith::AddFOp::create(b, l, f32Const(b, l, 1.0f),
                            emitExp(b, l, arith::NegFOp::create(b, l, ax))));
  return arith::SelectOp::create(b, l, pos, arith::AddFOp::create(b, l, x, lg),
                                 lg);
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
          case FloatBinaryKind::prelu: {
            Value neg = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT,
                                              args[0], f32Const(b, l, 0.0f));
            v = arith::SelectOp::create(
                b, l, neg, arith::MulFOp::create(b, l, args[0], args[1]), args[0]);
            break;
          }
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
    auto t = cast<RankedTensorType>(op.getType());
    FloatUnaryKind kind = op.getKind();
    auto attr = [](std::optional<APFloat> v) {
      return v ? std::optional<float>(v->convertToFloat()) : std::nullopt;
    };
    std::optional<float> alpha = attr(op.getAlpha()), beta = attr(op.getBeta()),
                         gamma = attr(op.getGamma()), lo = attr(op.getMin()),
                         hi = attr(op.getMax());
    Value r = mapElements(
        rewriter, op.getLoc(), adaptor.getInput(), t,
        "float_" + stringifyFloatUnaryKind(kind).str(),
        [&](OpBuilder &b, Location l, Value x) -> Value {
          Value v;
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
          case FloatUnaryKind::tanh:
            v = emitTanh(b, l, x);
            break;
          case FloatUnaryKind::elu:
          case FloatUnaryKind::selu: {
            Value neg = arith::CmpFOp::create(
                b, l,
                kind == FloatUnaryKind::elu ? arith::CmpFPredicate::OLT
                                            : arith::CmpFPredicate::OLE,
                x, f32Const(b, l, 0.0f));
            Value e = emitExp(b, l, x);
            Value n, p = x;
            if (kind == FloatUnaryKind::elu) {
              n = arith::MulFOp::create(
                  b, l, arith::SubFOp::create(b, l, e, f32Const(b, l, 1.0f)),
                  f32Const(b, l, *alpha));
            } else {
              n = arith::SubFOp::create(
                  b, l, arith::MulFOp::create(b, l, e, f32Const(b, l, *alpha)),
                  f32Const(b, l, *alpha));
              n = arith::MulFOp::create(b, l, n, f32Const(b, l, *gamma));
              p = arith::MulFOp::create(b, l, x, f32Const(b, l, *gamma));
            }
            v = arith::SelectOp::create(b, l, neg, n, p);
            break;
          }
          case FloatUnaryKind::celu: {
            Value e = emitExp(
                b, l, arith::DivFOp::create(b, l, x, f32Const(b, l, *alpha)));
            Value n = arith::MulFOp::create(
                b, l, arith::SubFOp::create(b, l, e, f32Const(b, l, 1.0f)),
                f32Const(b, l, *alpha));
            v = arith::AddFOp::create(b, l, maxf(x, 0.0f), minf(n, 0.0f));
            break;
          }
          case FloatUnaryKind::softplus:
            v = emitSoftplus(b, l, x);
            break;
          case FloatUnaryKind::mish:
            v = arith::MulFOp::create(b, l, x, emitTanh(b, l, emitSoftplus(b, l, x)));
            break;
          case FloatUnaryKind::softsign:
            v = arith::DivFOp::create(
                b, l, x,
                arith::AddFOp::create(b, l, f32Const(b, l, 1.0f),
                                      math::AbsFOp::create(b, l, x)));
            break;
          case FloatUnaryKind::thresholded_relu: {
            Value above = arith::CmpFOp::create(
                b, l, arith::CmpFPredicate::OGT, x, f32Const(b, l, *alpha));
            v = arith::SelectOp::create(b, l, above, x, f32Const(b, l, 0.0f));
            break;
          }
          }
          return v;
        });
    rewriter.replaceOp(op, r);
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

/// Adds bias[c] to every element of channel c (dimension `channel`) of the
/// f32 tensor `acc`.
Value addChannelBias(OpBuilder &b, Location loc, Value acc, Value bias,
                     unsigned channel) {
  auto t = cast<RankedTensorType>(acc.getType());
  unsigned rank = t.getRank();
  MLIRContext *ctx = b.getContext();
  Value init = tensor::EmptyOp::create(b, loc, t.getShape(), b.getF32Type());
  auto g = linalg::GenericOp::create(
      b, loc, t, ValueRange{acc, bias}, init,
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank),
                          AffineMap::get(rank, 0, b.getAffineDimExpr(channel), ctx),
                          b.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &bb, Location l, ValueRange args) {
        linalg::YieldOp::create(bb, l,
                                arith::AddFOp::create(bb, l, args[0], args[1]).getResult());
      });
  markKernel(g, "float_bias");
  return g.getResult(0);
}

/// A zero-filled f32 tensor.
Value zeros(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  return fillTensor(b, loc, shape, b.getF32FloatAttr(0.0f));
}

/// The accumulation body: acc + x * w, two roundings (no FMA), as ONNX's
/// reference computes it.
void macF32(OpBuilder &b, Location l, ValueRange args) {
  linalg::YieldOp::create(
      b, l,
      arith::AddFOp::create(b, l, args[2],
                            arith::MulFOp::create(b, l, args[0], args[1]))
          .getResult());
}

/// qnn.float_conv2d: zero padding, groups as a dimension of their own,
/// x [N, G, Cg, Hp, Wp] * w [G, Fg, Cg, KH, KW] summed into
/// [N, G, Fg, OH, OW] (loops n g f oh | c kh kw | ow), then the bias.
struct FloatConv2DLowering : OpConversionPattern<FloatConv2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FloatConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto wT = cast<RankedTensorType>(op.getWeight().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    auto pads = op.getPads();
    auto st = op.getStrides();
    auto dl = op.getDilations();
    int64_t g = op.getGroups(), N = inT.getDimSize(0), C = inT.getDimSize(1),
            F = wT.getDimSize(0), Cg = C / g, Fg = F / g,
            KH = wT.getDimSize(2), KW = wT.getDimSize(3),
            OH = outT.getDimSize(2), OW = outT.getDimSize(3);
    Type f32 = rewriter.getF32Type();
    Value x = adaptor.getInput();
    int64_t Hp = inT.getDimSize(2) + pads[0] + pads[2],
            Wp = inT.getDimSize(3) + pads[1] + pads[3];
    if (llvm::any_of(pads, [](int64_t p) { return p != 0; })) {
      SmallVector<OpFoldResult> low = {rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
                                       rewriter.getIndexAttr(pads[0]),
                                       rewriter.getIndexAttr(pads[1])};
      SmallVector<OpFoldResult> high = {rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
                                        rewriter.getIndexAttr(pads[2]),
                                        rewriter.getIndexAttr(pads[3])};
      x = tensor::PadOp::create(rewriter, loc,
                                RankedTensorType::get({N, C, Hp, Wp}, f32), x,
                                low, high, f32Const(rewriter, loc, 0.0f));
    }
    Value x5 = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({N, g, Cg, Hp, Wp}, f32), x,
        SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    Value w5 = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({g, Fg, Cg, KH, KW}, f32),
        adaptor.getWeight(),
        SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
    enum { N_, G, Fd, OH_, Cd, KH_, KW_, OW_, NumDims };
    auto d = [&](unsigned i) { return rewriter.getAffineDimExpr(i); };
    auto map = [&](ArrayRef<AffineExpr> e) {
      return AffineMap::get(NumDims, 0, e, ctx);
    };
    Value acc = zeros(rewriter, loc, {N, g, Fg, OH, OW});
    using IT = utils::IteratorType;
    auto conv = linalg::GenericOp::create(
        rewriter, loc, acc.getType(), ValueRange{x5, w5}, acc,
        ArrayRef<AffineMap>{
            map({d(N_), d(G), d(Cd), d(OH_) * st[0] + d(KH_) * dl[0],
                 d(OW_) * st[1] + d(KW_) * dl[1]}),
            map({d(G), d(Fd), d(Cd), d(KH_), d(KW_)}),
            map({d(N_), d(G), d(Fd), d(OH_), d(OW_)})},
        SmallVector<IT>{IT::parallel, IT::parallel, IT::parallel, IT::parallel,
                        IT::reduction, IT::reduction, IT::reduction,
                        IT::parallel},
        macF32);
    markKernel(conv, "float_conv2d");
    Value r = tensor::CollapseShapeOp::create(
        rewriter, loc, outT, conv.getResult(0),
        SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
    if (Value bias = adaptor.getBias())
      r = addChannelBias(rewriter, loc, r, bias, 1);
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// qnn.float_matmul: loops batch..., m, k, n (n innermost).
struct FloatMatMulLowering : OpConversionPattern<FloatMatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FloatMatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lT = cast<RankedTensorType>(op.getLhs().getType());
    auto rT = cast<RankedTensorType>(op.getRhs().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    unsigned numDims = lT.getRank() + 1;
    SmallVector<utils::IteratorType> iters(numDims, utils::IteratorType::parallel);
    iters[numDims - 2] = utils::IteratorType::reduction;
    Value acc = zeros(rewriter, loc, outT.getShape());
    auto mm = linalg::GenericOp::create(
        rewriter, loc, outT, ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        acc, matmulMaps(rewriter, lT, rT), iters, macF32);
    markKernel(mm, "float_matmul");
    rewriter.replaceOp(op, mm.getResult(0));
    return success();
  }
};

/// binary16 bits (i16) -> binary32, exactly: normal numbers rebias the
/// exponent, subnormals are mant * 2^-24 (exact in binary32), infinities
/// and NaNs keep the payload.
Value halfToFloat(OpBuilder &b, Location l, Value h16) {
  Type i32 = b.getI32Type();
  auto c = [&](int32_t v) -> Value {
    return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
  };
  Value h = arith::ExtUIOp::create(b, l, i32, h16);
  Value sign = arith::ShLIOp::create(b, l, arith::AndIOp::create(b, l, h, c(0x8000)), c(16));
  Value exp = arith::AndIOp::create(b, l, arith::ShRUIOp::create(b, l, h, c(10)), c(0x1f));
  Value mant = arith::AndIOp::create(b, l, h, c(0x3ff));
  Value mant13 = arith::ShLIOp::create(b, l, mant, c(13));
  Value normal = arith::OrIOp::create(
      b, l, arith::ShLIOp::create(b, l, arith::AddIOp::create(b, l, exp, c(112)), c(23)),
      mant13);
  Value special = arith::OrIOp::create(b, l, c(0x7f800000), mant13);
  Value sub = arith::BitcastOp::create(
      b, l, i32,
      arith::MulFOp::create(b, l, arith::SIToFPOp::create(b, l, b.getF32Type(), mant),
                            f32Const(b, l, 0x1p-24f)));
  using P = arith::CmpIPredicate;
  Value mag = arith::SelectOp::create(
      b, l, arith::CmpIOp::create(b, l, P::eq, exp, c(0)), sub,
      arith::SelectOp::create(b, l, arith::CmpIOp::create(b, l, P::eq, exp, c(0x1f)),
                              special, normal));
  return arith::BitcastOp::create(b, l, b.getF32Type(),
                                  arith::OrIOp::create(b, l, sign, mag));
}

/// binary32 -> binary16 bits (i16), rounded to nearest even. Normal
/// results round in the integer domain (add 0xfff plus the kept lowest
/// bit, shift); subnormal ones by a binary32 addition of 0.5, whose ulp is
/// 2^-24, the binary16 subnormal step (the addition rounds to nearest
/// even); from 65520 up infinity; NaN a quiet NaN.
Value floatToHalf(OpBuilder &b, Location l, Value f) {
  Type i32 = b.getI32Type();
  auto c = [&](int32_t v) -> Value {
    return arith::ConstantOp::create(b, l, b.getI32IntegerAttr(v));
  };
  using P = arith::CmpIPredicate;
  Value u = arith::BitcastOp::create(b, l, i32, f);
  Value sign = arith::AndIOp::create(b, l, arith::ShRUIOp::create(b, l, u, c(16)), c(0x8000));
  Value a = arith::AndIOp::create(b, l, u, c(0x7fffffff));
  Value odd = arith::AndIOp::create(b, l, arith::ShRUIOp::create(b, l, a, c(13)), c(1));
  Value normal = arith::ShRUIOp::create(
      b, l,
      arith::AddIOp::create(b, l, arith::AddIOp::create(b, l, a, c(-0x38000000 + 0xfff)),
                            odd),
      c(13));
  Value absF = arith::BitcastOp::create(b, l, b.getF32Type(), a);
  Value sub = arith::SubIOp::create(
      b, l,
      arith::BitcastOp::create(b, l, i32,
                               arith::AddFOp::create(b, l, absF, f32Const(b, l, 0.5f))),
      c(0x3f000000));
  Value h = arith::SelectOp::create(
      b, l, arith::CmpIOp::create(b, l, P::ult, a, c(0x38800000)), sub, normal);
  h = arith::SelectOp::create(b, l, arith::CmpIOp::create(b, l, P::uge, a, c(0x477ff000)),
                              c(0x7c00), h);
  h = arith::SelectOp::create(b, l, arith::CmpIOp::create(b, l, P::ugt, a, c(0x7f800000)),
                              c(0x7e00), h);
  return arith::TruncIOp::create(b, l, b.getI16Type(),
                                 arith::OrIOp::create(b, l, h, sign));
}

/// qnn.float_cast: an elementwise generic with the conversions above.
struct FloatCastLowering : OpConversionPattern<FloatCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FloatCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto outT = cast<RankedTensorType>(op.getType());
    bool widen = outT.getElementType().isF32();
    rewriter.replaceOp(
        op, mapElements(rewriter, op.getLoc(), adaptor.getInput(), outT,
                        "float_cast", [&](OpBuilder &b, Location l, Value x) -> Value {
                          if (widen)
                            return halfToFloat(
                                b, l, arith::BitcastOp::create(b, l, b.getI16Type(), x));
                          return arith::BitcastOp::create(b, l, b.getF16Type(),
                                                          floatToHalf(b, l, x));
                        }));
    return success();
  }
};

/// qnn.resize_2d: one generic over the output whose inputs are the row
/// and column tables (constants; tap k of output row o is entry o*T + k,
/// mapped by the row loop, and likewise for columns); the body reads the
/// input, captured, with tensor.extract at the tabled sources and sums in
/// the op's order.
struct Resize2DLowering : OpConversionPattern<Resize2DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Resize2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto outT = cast<RankedTensorType>(op.getType());
    Value x = adaptor.getInput();
    const int64_t taps = op.getTaps();
    auto idx = [&](ArrayRef<int64_t> v) -> Value {
      auto t = RankedTensorType::get({(int64_t)v.size()}, rewriter.getI64Type());
      return arith::ConstantOp::create(rewriter, loc,
                                       DenseElementsAttr::get(t, v));
    };
    auto wts = [&](ArrayRef<float> v) -> Value {
      auto t = RankedTensorType::get({(int64_t)v.size()}, rewriter.getF32Type());
      return arith::ConstantOp::create(rewriter, loc,
                                       DenseElementsAttr::get(t, v));
    };
    // Operands: row sources, row weights, column sources, column weights,
    // each read `taps` times (tap k: loop index * taps + k).
    Value tables[4] = {idx(op.getRows()), wts(op.getRowWeights()),
                       idx(op.getCols()), wts(op.getColWeights())};
    SmallVector<Value> ins;
    SmallVector<AffineMap> maps;
    for (int t = 0; t < 4; ++t)
      for (int64_t k = 0; k < taps; ++k) {
        ins.push_back(tables[t]);
        AffineExpr d = getAffineDimExpr(t < 2 ? 2 : 3, ctx);
        maps.push_back(AffineMap::get(4, 0, d * taps + k, ctx));
      }
    // ONNX's exclude_outside: each row term divided by the row's divisor.
    bool divides = op.getRowDivisors().has_value();
    if (divides) {
      ins.push_back(wts(*op.getRowDivisors()));
      maps.push_back(AffineMap::get(4, 0, getAffineDimExpr(2, ctx), ctx));
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(4));
    std::optional<APFloat> outside;
    if (auto v = op.getExtrapolationValueAttr())
      outside = v.getValue();
    Value init = tensor::EmptyOp::create(rewriter, loc, outT.getShape(),
                                         rewriter.getF32Type());
    auto g = linalg::GenericOp::create(
        rewriter, loc, outT, ins, init, maps,
        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) {
          auto tap = [&](int table, int64_t k) { return a[table * taps + k]; };
          Value n = linalg::IndexOp::create(b, l, 0);
          Value c = linalg::IndexOp::create(b, l, 1);
          Value zero = arith::ConstantIntOp::create(b, l, b.getI64Type(), 0);
          // A source of -1 (outside, extrapolated) is read at 0 and its
          // result replaced below.
          auto toIndex = [&](Value v) {
            if (outside)
              v = arith::MaxSIOp::create(b, l, v, zero);
            return arith::IndexCastOp::create(b, l, b.getIndexType(), v).getResult();
          };
          SmallVector<Value> r, wr, cc, wc;
          for (int64_t k = 0; k < taps; ++k) {
            r.push_back(toIndex(tap(0, k)));
            wr.push_back(tap(1, k));
            cc.push_back(toIndex(tap(2, k)));
            wc.push_back(tap(3, k));
          }
          auto at = [&](Value row, Value col) {
            return tensor::ExtractOp::create(b, l, x, ValueRange{n, c, row, col})
                .getResult();
          };
          auto mul = [&](Value p, Value q) {
            return arith::MulFOp::create(b, l, p, q).getResult();
          };
          auto add = [&](Value p, Value q) {
            return arith::AddFOp::create(b, l, p, q).getResult();
          };
          // One statement per op: the IR's order does not depend on the
          // compiler's order of evaluating arguments.
          Value result;
          if (taps == 1) {
            result = at(r[0], cc[0]);
          } else if (taps == 2) {
            Value x00 = at(r[0], cc[0]), x01 = at(r[0], cc[1]),
                  x10 = at(r[1], cc[0]), x11 = at(r[1], cc[1]);
            Value w00 = mul(wc[0], wr[0]), w01 = mul(wc[1], wr[0]),
                  w10 = mul(wc[0], wr[1]), w11 = mul(wc[1], wr[1]);
            result = mul(w00, x00);
            result = add(result, mul(w01, x01));
            result = add(result, mul(w10, x10));
            result = add(result, mul(w11, x11));
          } else {
            for (int64_t i = 0; i < taps; ++i) {
              Value rowSum = mul(wc[0], at(r[i], cc[0]));
              for (int64_t j = 1; j < taps; ++j)
                rowSum = add(rowSum, mul(wc[j], at(r[i], cc[j])));
              Value term = mul(rowSum, wr[i]);
              if (divides)
                term = arith::DivFOp::create(b, l, term, a[4 * taps]);
              result = i == 0 ? term : add(result, term);
            }
          }
          if (outside) {
            Value rowOut = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                                 tap(0, 0), zero);
            Value colOut = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt,
                                                 tap(2, 0), zero);
            Value out = arith::OrIOp::create(b, l, rowOut, colOut);
            Value v = arith::ConstantFloatOp::create(b, l, b.getF32Type(), *outside);
            result = arith::SelectOp::create(b, l, out, v, result);
          }
          linalg::YieldOp::create(b, l, result);
        });
    markKernel(g, "resize_2d");
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

} // namespace

void qcc::populateQNNFloatToLinalgPatterns(const TypeConverter &converter,
                                           RewritePatternSet &patterns) {
  patterns.add<FloatBinaryLowering, FloatUnaryLowering, SoftmaxLowering,
               FloatConv2DLowering, FloatMatMulLowering, Resize2DLowering,
               FloatCastLowering>(
      converter, patterns.getContext());
}
