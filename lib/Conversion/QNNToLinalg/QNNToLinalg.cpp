//===- QNNToLinalg.cpp - lower qnn to linalg on integer tensors -----------===//
//
// Implements docs/IntegerSemantics.md. Every qnn op becomes linalg.generic
// (plus tensor.pad / tensor.{collapse,expand}_shape / insert_slice) on the
// signless storage tensors; all quantization parameters are folded into
// compile-time constants here.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "qcc/Support/ElementBytes.h"
#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/AsmState.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include <cmath>

namespace qcc {
#define GEN_PASS_DEF_CONVERTQNNTOLINALGPASS
#include "qcc/Conversion/Passes.h.inc"
} // namespace qcc

using namespace mlir;
using namespace qcc;
using namespace qcc::qnn;
using qcc::qnn_to_linalg::broadcastMap;
using qcc::qnn_to_linalg::flattenTensor;
using qcc::qnn_to_linalg::unflattenTensor;
using qcc::qnn_to_linalg::markKernel;
using qcc::qnn_to_linalg::matmulMaps;

namespace {

//===----------------------------------------------------------------------===//
// Fixed-point requantization helpers
//===----------------------------------------------------------------------===//

/// A real ratio r as M * 2^-S with |M| in [2^30, 2^31) and 1 <= S <= 62.
struct FixedPoint {
  int64_t mult = 0;
  int64_t shift = 1;
};

static FailureOr<FixedPoint> toFixedPoint(double r) {
  FixedPoint fp;
  if (r == 0.0)
    return fp;
  int e;
  double m = std::frexp(r, &e); // r = m * 2^e, |m| in [0.5, 1)
  int64_t shift = 31 - e;
  int64_t mult = (int64_t)std::nearbyint(std::ldexp(m, 31));
  if (std::llabs(mult) == (int64_t(1) << 31)) {
    mult /= 2;
    --shift;
  }
  if (shift > 62) {
    mult = (int64_t)std::nearbyint(std::ldexp(r, 62));
    shift = 62;
  }
  if (shift < 1)
    return failure();
  fp.mult = mult;
  fp.shift = shift;
  return fp;
}

static int64_t roundHalfEven(double v) { return (int64_t)std::nearbyint(v); }

/// Integer clamp bounds of channel `c` of `t` with a fused real range.
static std::pair<int64_t, int64_t> clampBounds(QuantType t, int64_t c,
                                               std::optional<double> lo,
                                               std::optional<double> hi) {
  int64_t qlo = t.getQMinOf(c), qhi = t.getQMaxOf(c);
  double s = t.getScaleOf(c);
  int64_t zp = t.getZeroPointOf(c);
  auto toQ = [&](double real) {
    double q = std::nearbyint(real / s) + (double)zp;
    return (int64_t)std::max(-1e12, std::min(1e12, q));
  };
  if (lo)
    qlo = std::max(qlo, std::min(qhi, toQ(*lo)));
  if (hi)
    qhi = std::min(qhi, std::max(qlo, toQ(*hi)));
  return {qlo, qhi};
}

//===----------------------------------------------------------------------===//
// Constant parameters of a linalg.generic body
//===----------------------------------------------------------------------===//

/// Parameters of a linalg.generic body that are compile-time constants: a
/// uniform parameter becomes an arith.constant inside the body, a varying one
/// a constant tensor input indexed by some of the loop dimensions.
class BodyParams {
public:
  BodyParams(OpBuilder &b, Location loc, unsigned numDims)
      : b(b), loc(loc), numDims(numDims) {}

  /// `values` is row-major over `shape`, indexed by loop dims `dims`.
  int addInt(ArrayRef<int64_t> values, unsigned bits, ArrayRef<unsigned> dims,
             ArrayRef<int64_t> shape) {
    Type t = b.getIntegerType(bits);
    if (llvm::all_equal(values))
      return addScalar(b.getIntegerAttr(t, values.front()));
    // A varying parameter is a read-only table: store it in the narrowest
    // of 8/16/32/`bits` bits that holds every value, sign-extended on use.
    unsigned stored = bits;
    for (unsigned w : {8u, 16u, 32u})
      if (w < stored && llvm::all_of(values, [&](int64_t x) {
            return llvm::isIntN(w, x);
          })) {
        stored = w;
        break;
      }
    auto tt = RankedTensorType::get(shape, b.getIntegerType(stored));
    SmallVector<APInt> v;
    for (int64_t x : values)
      v.push_back(APInt(stored, x, /*isSigned=*/true));
    int id = addTensor(DenseElementsAttr::get(tt, v), dims);
    entries[id].extendTo = stored < bits ? t : Type();
    return id;
  }
  int addF32(ArrayRef<double> values, ArrayRef<unsigned> dims,
             ArrayRef<int64_t> shape) {
    if (llvm::all_equal(values))
      return addScalar(b.getF32FloatAttr(values.front()));
    auto tt = RankedTensorType::get(shape, b.getF32Type());
    SmallVector<float> v(values.begin(), values.end());
    return addTensor(DenseElementsAttr::get(tt, ArrayRef<float>(v)), dims);
  }
  /// Per-channel convenience: values indexed by one loop dim.
  int addInt(ArrayRef<int64_t> values, unsigned bits, unsigned dim) {
    return addInt(values, bits, {dim}, {(int64_t)values.size()});
  }

  /// Extra generic inputs and their indexing maps (append after the real
  /// inputs, in this order).
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;

  /// Value of parameter `id` inside the body; `args` are the body's block
  /// arguments for the parameter inputs (in `inputs` order).
  Value get(OpBuilder &bb, int id, ValueRange args) const {
    const Entry &e = entries[id];
    if (e.scalar)
      return arith::ConstantOp::create(bb, loc, cast<TypedAttr>(e.scalar));
    if (e.extendTo)
      return arith::ExtSIOp::create(bb, loc, e.extendTo, args[e.input]);
    return args[e.input];
  }

private:
  struct Entry {
    Attribute scalar;
    unsigned input = 0;
    Type extendTo; // set when the table is narrower than the parameter
  };
  int addScalar(Attribute a) {
    entries.push_back({a, 0, Type()});
    return entries.size() - 1;
  }
  int addTensor(DenseElementsAttr a, ArrayRef<unsigned> dims) {
    inputs.push_back(arith::ConstantOp::create(b, loc, a));
    SmallVector<AffineExpr> exprs;
    for (unsigned d : dims)
      exprs.push_back(b.getAffineDimExpr(d));
    maps.push_back(AffineMap::get(numDims, 0, exprs, b.getContext()));
    entries.push_back({Attribute(), (unsigned)inputs.size() - 1, Type()});
    return entries.size() - 1;
  }
  OpBuilder &b;
  Location loc;
  unsigned numDims;
  SmallVector<Entry> entries;
};

/// The pass's type converter; it also carries the pass's word-bits option
/// to the patterns (getTypeConverter()).
struct QNNTypeConverter : TypeConverter {
  unsigned wordBits = 64;
};

static bool isWordBits32(const TypeConverter *tc) {
  return tc && static_cast<const QNNTypeConverter *>(tc)->wordBits == 32;
}

/// Per-channel requantization of an i64 value `x` (in units of the ratio's
/// numerator): clamp(round(x * M * 2^-S) + zp, lo, hi), or with
/// `rounding.zeroPointFirst` clamp(round(x * M * 2^-S + zp), lo, hi); into a
/// bipolar type, x >= 0 ? +1 : -1 (the ratio is positive).
struct RequantParams {
  int mult, shift, zp, lo, hi;
  /// Average pools: the window size n (a parameter), divided exactly:
  /// round(x * mult / (n * 2^shift)).
  int divisor = -1;
  /// Convolutions with a bias_shift: the bias (a parameter) is added to the
  /// accumulator times 2^biasShift, in i64, before the requantization.
  int bias = -1;
  int64_t biasShift = 0;
  /// Channels with negated_channels: +1 or -1 (a parameter) times the
  /// accumulator, bias included, before the requantization.
  int sign = -1;
  Rounding rounding;
  bool bipolar = false;
  /// The range of the shifts (compile-time constants).
  int64_t minShift = 0, maxShift = 0;
  /// Round in 32-bit arithmetic after the 64-bit product (word-bits=32 and
  /// every shift in [33, 62]; see requantScalar).
  bool narrow32 = false;
};

static std::string formatDouble(double d) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%.9g", d);
  return s;
}

/// Loop dim and extent of the output's quantization channels, when they
/// vary (per-channel scales/zero-points or several slice widths).
struct OutChannels {
  std::optional<unsigned> dim;
  int64_t count = 1;
};

static OutChannels outChannelsOf(QuantType out, RankedTensorType outT,
                                 std::optional<unsigned> loopDim = {}) {
  OutChannels oc;
  if (out.hasAxis() && (out.getScales().size() > 1 || out.isSliced())) {
    oc.dim = loopDim ? *loopDim : (unsigned)out.getAxis();
    oc.count = outT.getDimSize(out.getAxis());
  }
  return oc;
}

/// Adds the requantization constants: multiplier and shift per entry of
/// `ratios` (indexed by `ratioDims` over `ratioShape`), zero-point and clamp
/// bounds per output quantization channel.
static LogicalResult addRequantParams(Operation *op, BodyParams &params,
                                      ArrayRef<double> ratios,
                                      ArrayRef<unsigned> ratioDims,
                                      ArrayRef<int64_t> ratioShape,
                                      QuantType out, OutChannels oc,
                                      std::optional<double> outMin,
                                      std::optional<double> outMax,
                                      RequantParams &rp) {
  SmallVector<int64_t> m, s, zp, lo, hi;
  for (double r : ratios) {
    auto fp = toFixedPoint(r);
    if (failed(fp))
      return op->emitOpError()
             << "requantization ratio " << formatDouble(r)
             << " is too large (fixed-point multipliers need a ratio < 2^30)";
    m.push_back(fp->mult);
    s.push_back(fp->shift);
  }
  for (int64_t c = 0; c < oc.count; ++c) {
    auto [l, h] = clampBounds(out, c, outMin, outMax);
    zp.push_back(out.getZeroPointOf(c));
    lo.push_back(l);
    hi.push_back(h);
  }
  rp.bipolar = out.isBipolar();
  rp.minShift = *llvm::min_element(s);
  rp.maxShift = *llvm::max_element(s);
  rp.mult = params.addInt(m, 64, ratioDims, ratioShape);
  rp.shift = params.addInt(s, 64, ratioDims, ratioShape);
  SmallVector<unsigned> cd;
  if (oc.dim)
    cd.push_back(*oc.dim);
  SmallVector<int64_t> cs = {oc.count};
  rp.zp = params.addInt(zp, 64, cd, cs);
  rp.lo = params.addInt(lo, 64, cd, cs);
  rp.hi = params.addInt(hi, 64, cd, cs);
  return success();
}


static Value cst64(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(v));
}

/// round(v * 2^-s + offset) with `mode` for i64 v, 1 <= s <= 62 and an
/// integer `offset` (none: 0): floor(v * 2^-s) (an arithmetic shift) plus
/// the offset, plus 1 when the mode rounds the remainder up.
static Value roundFromFloor(OpBuilder &b, Location loc, Value q, Value rem,
                            Value half, RoundingMode mode);

static Value roundingShiftRight(OpBuilder &b, Location loc, Value v, Value s,
                                RoundingMode mode = RoundingMode::HalfEven,
                                Value offset = {}, bool small = false) {
  Value one = cst64(b, loc, 1);
  // |v| <= 2^62: round half to even as one biased shift,
  // (v + 2^(s-1) - 1 + floor(v / 2^s) mod 2) >> s; for r = v mod 2^s that
  // adds 1 to the floor exactly when r > 2^(s-1), or r == 2^(s-1) and the
  // floor is odd. Five ops instead of nine on the requantization's path.
  if (small && mode == RoundingMode::HalfEven && !offset) {
    Value odd = arith::AndIOp::create(b, loc, arith::ShRSIOp::create(b, loc, v, s), one);
    Value halfMinus1 = arith::SubIOp::create(
        b, loc, arith::ShLIOp::create(b, loc, one, arith::SubIOp::create(b, loc, s, one)),
        one);
    Value biased = arith::AddIOp::create(
        b, loc, v, arith::AddIOp::create(b, loc, halfMinus1, odd));
    return arith::ShRSIOp::create(b, loc, biased, s);
  }
  Value floor = arith::ShRSIOp::create(b, loc, v, s);
  Value q = offset ? arith::AddIOp::create(b, loc, floor, offset) : floor;
  if (mode == RoundingMode::Floor)
    return q;
  Value rem = arith::SubIOp::create(b, loc, v, arith::ShLIOp::create(b, loc, floor, s));
  Value half = arith::ShLIOp::create(b, loc, one, arith::SubIOp::create(b, loc, s, one));
  return roundFromFloor(b, loc, q, rem, half, mode);
}

/// round(v / d + offset) with `mode` for i64 v, d > 0 (d <= 2^62) and an
/// integer `offset` (none: 0): the floor quotient, then the same decision on
/// 2 * remainder against d. Exact for every d, which a multiplier by 1 / d
/// is not (an average that is an exact integer or tie must stay one for
/// ceil, floor or the half modes).
static Value roundingDivide(OpBuilder &b, Location loc, Value v, Value d,
                            RoundingMode mode, Value offset = {}) {
  Value floor = arith::FloorDivSIOp::create(b, loc, v, d);
  Value q = offset ? arith::AddIOp::create(b, loc, floor, offset) : floor;
  if (mode == RoundingMode::Floor)
    return q;
  Value rem = arith::SubIOp::create(b, loc, v, arith::MulIOp::create(b, loc, floor, d));
  Value rem2 = arith::ShLIOp::create(b, loc, rem, cst64(b, loc, 1));
  return roundFromFloor(b, loc, q, rem2, d, mode);
}

/// The rounded value of t = q + rem / (2 half), where q is an integer and
/// 0 <= rem < 2 half: q plus 1 where `mode` rounds t up. For the modes that
/// look at the sign, t < 0 exactly when q < 0 (the fraction is in [0, 1)).
static Value roundFromFloor(OpBuilder &b, Location loc, Value q, Value rem,
                            Value half, RoundingMode mode) {
  using P = arith::CmpIPredicate;
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(q.getType()));
  auto cmp = [&](P p, Value x, Value y) -> Value {
    return arith::CmpIOp::create(b, loc, p, x, y);
  };
  auto roundUp = [&](Value up) -> Value {
    return arith::AddIOp::create(b, loc, q,
                                 arith::ExtUIOp::create(b, loc, q.getType(), up));
  };
  if (mode == RoundingMode::HalfEven) {
    Value gt = cmp(P::sgt, rem, half);
    Value eq = cmp(P::eq, rem, half);
    Value odd = arith::TruncIOp::create(b, loc, b.getI1Type(), q);
    return roundUp(arith::OrIOp::create(b, loc, gt, arith::AndIOp::create(b, loc, eq, odd)));
  }
  Value neg = cmp(P::slt, q, zero);
  Value inexact = cmp(P::ne, rem, zero);
  Value up;
  switch (mode) {
  case RoundingMode::HalfUp: // ties away from zero
    up = arith::SelectOp::create(b, loc, neg, cmp(P::sgt, rem, half),
                                 cmp(P::sge, rem, half));
    break;
  case RoundingMode::HalfDown: // ties toward zero
    up = arith::SelectOp::create(b, loc, neg, cmp(P::sge, rem, half),
                                 cmp(P::sgt, rem, half));
    break;
  case RoundingMode::Ceil:
    up = inexact;
    break;
  case RoundingMode::Up: // away from zero
    up = arith::AndIOp::create(b, loc, inexact, cmp(P::sge, q, zero));
    break;
  case RoundingMode::Down: // toward zero
    up = arith::AndIOp::create(b, loc, inexact, neg);
    break;
  case RoundingMode::HalfEven:
  case RoundingMode::Floor:
    llvm_unreachable("handled above");
  }
  return roundUp(up);
}

/// +1 where `x` (signed) >= 0, -1 elsewhere, as an i8 storage value.
static Value bipolarSign(OpBuilder &b, Location loc, Value x) {
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(x.getType()));
  Value ge = isa<FloatType>(x.getType())
                 ? Value(arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, zero))
                 : Value(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, x, zero));
  return arith::SelectOp::create(
      b, loc, ge, arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(1)),
      arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(-1)));
}

/// Adds the zero-point (unless the rounding added it already), clamps,
/// truncates to the 8-bit storage type.
static Value finishRequant(OpBuilder &b, Location loc, Value scaled,
                           const BodyParams &p, const RequantParams &rp,
                           ValueRange args) {
  Value v = rp.rounding.zeroPointFirst
                ? scaled
                : arith::AddIOp::create(b, loc, scaled, p.get(b, rp.zp, args));
  v = arith::MaxSIOp::create(b, loc, v, p.get(b, rp.lo, args));
  v = arith::MinSIOp::create(b, loc, v, p.get(b, rp.hi, args));
  return arith::TruncIOp::create(b, loc, b.getI8Type(), v);
}

/// The requantization of the i64 product `prod` for shifts s in [33, 62]
/// in 32-bit arithmetic, for 32-bit targets where 64-bit shifts by a
/// variable amount cost a dozen instructions. With p = hi * 2^32 + lo and
/// t = s - 32 in [1, 30]: floor(p / 2^s) = hi >> t (|p| < 2^63, so it fits
/// 31 bits), and the remainder r = (hi mod 2^t) * 2^32 + lo compares with
/// half = 2^(s-1) and with 0 as r' = 2 (hi mod 2^t) + (lo != 0) does with
/// 2^t (r > half iff r' > 2^t, r == half iff r' == 2^t, r == 0 iff
/// r' == 0), so every rounding mode decides the same on (q, r', 2^t). The
/// zero point, the clamp and the truncation are 32-bit too (their values
/// fit).
static Value requantNarrow(OpBuilder &b, Location loc, Value prod,
                           const BodyParams &p, const RequantParams &rp,
                           ValueRange args) {
  Type i32 = b.getI32Type();
  auto c32 = [&](int32_t v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
  };
  auto low = [&](Value v) -> Value { return arith::TruncIOp::create(b, loc, i32, v); };
  Value hi = low(arith::ShRSIOp::create(b, loc, prod, cst64(b, loc, 32)));
  Value lo = low(prod);
  Value t = arith::SubIOp::create(b, loc, low(p.get(b, rp.shift, args)), c32(32));
  Value one = c32(1);
  Value half = arith::ShLIOp::create(b, loc, one, t);
  Value floor = arith::ShRSIOp::create(b, loc, hi, t);
  Value remHi = arith::AndIOp::create(b, loc, hi, arith::SubIOp::create(b, loc, half, one));
  Value sticky = arith::ExtUIOp::create(
      b, loc, i32, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, lo, c32(0)));
  Value rem = arith::OrIOp::create(b, loc, arith::ShLIOp::create(b, loc, remHi, one), sticky);
  Value zp = low(p.get(b, rp.zp, args));
  Value q = rp.rounding.zeroPointFirst ? arith::AddIOp::create(b, loc, floor, zp) : floor;
  Value v = rp.rounding.mode == RoundingMode::Floor
                ? q
                : roundFromFloor(b, loc, q, rem, half, rp.rounding.mode);
  if (!rp.rounding.zeroPointFirst)
    v = arith::AddIOp::create(b, loc, v, zp);
  v = arith::MaxSIOp::create(b, loc, v, low(p.get(b, rp.lo, args)));
  v = arith::MinSIOp::create(b, loc, v, low(p.get(b, rp.hi, args)));
  return arith::TruncIOp::create(b, loc, b.getI8Type(), v);
}

/// x (any int width, signed) -> requantized i8 storage value.
static Value requantScalar(OpBuilder &b, Location loc, Value x,
                           const BodyParams &p, const RequantParams &rp,
                           ValueRange args) {
  if (rp.bias >= 0) {
    if (x.getType() != b.getI64Type())
      x = arith::ExtSIOp::create(b, loc, b.getI64Type(), x);
    x = arith::AddIOp::create(
        b, loc, arith::ShLIOp::create(b, loc, x, cst64(b, loc, rp.biasShift)),
        p.get(b, rp.bias, args));
  }
  if (rp.sign >= 0) {
    if (x.getType() != b.getI64Type())
      x = arith::ExtSIOp::create(b, loc, b.getI64Type(), x);
    x = arith::MulIOp::create(b, loc, x, p.get(b, rp.sign, args));
  }
  if (rp.bipolar)
    return bipolarSign(b, loc, x);
  // An operand of at most 32 bits times a multiplier below 2^31 (see
  // toFixedPoint) stays within 2^62.
  bool small = x.getType().getIntOrFloatBitWidth() <= 32;
  if (x.getType() != b.getI64Type())
    x = arith::ExtSIOp::create(b, loc, b.getI64Type(), x);
  Value prod = arith::MulIOp::create(b, loc, x, p.get(b, rp.mult, args));
  if (rp.narrow32 && rp.divisor < 0)
    return requantNarrow(b, loc, prod, p, rp, args);
  Value offset = rp.rounding.zeroPointFirst ? p.get(b, rp.zp, args) : Value();
  RoundingMode mode = rp.rounding.mode;
  Value scaled =
      rp.divisor < 0
          ? roundingShiftRight(b, loc, prod, p.get(b, rp.shift, args), mode,
                               offset, small)
          : roundingDivide(b, loc, prod,
                           arith::ShLIOp::create(b, loc, p.get(b, rp.divisor, args),
                                                 p.get(b, rp.shift, args)),
                           mode, offset);
  return finishRequant(b, loc, scaled, p, rp, args);
}

/// Extends an 8-bit storage value to `t` honouring the quantized signedness.
static Value extend(OpBuilder &b, Location loc, Value v, bool isSigned, Type t) {
  if (isSigned)
    return arith::ExtSIOp::create(b, loc, t, v);
  return arith::ExtUIOp::create(b, loc, t, v);
}

static SmallVector<utils::IteratorType> iterators(StringRef spec) {
  SmallVector<utils::IteratorType> it;
  for (char c : spec)
    it.push_back(c == 'p' ? utils::IteratorType::parallel
                          : utils::IteratorType::reduction);
  return it;
}

static AffineMap mapOf(MLIRContext *ctx, unsigned numDims,
                       ArrayRef<AffineExpr> exprs) {
  return AffineMap::get(numDims, 0, exprs, ctx);
}

static RankedTensorType storageType(RankedTensorType t, Type elem) {
  return RankedTensorType::get(t.getShape(), elem);
}

static Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                         Type elem) {
  return tensor::EmptyOp::create(b, loc, shape, elem);
}

// The TypedAttr form (LoweringUtils.h) beside the integer one below.
using qcc::qnn_to_linalg::fillTensor;

static Value fillTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                        Type elem, int64_t value) {
  return fillTensor(b, loc, shape, b.getIntegerAttr(elem, value));
}

/// Pads an NCHW tensor spatially with `padValue`.
static Value padNCHW(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> lowHW, ArrayRef<int64_t> highHW,
                     TypedAttr padValue) {
  if (llvm::all_of(lowHW, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(highHW, [](int64_t v) { return v == 0; }))
    return input;
  auto t = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> low = {0, 0, lowHW[0], lowHW[1]};
  SmallVector<int64_t> high = {0, 0, highHW[0], highHW[1]};
  SmallVector<int64_t> shape(t.getShape());
  shape[2] += low[2] + high[2];
  shape[3] += low[3] + high[3];
  Value pv = arith::ConstantOp::create(b, loc, padValue);
  auto resultType = RankedTensorType::get(shape, t.getElementType());
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int i = 0; i < 4; ++i) {
    lowOfr.push_back(b.getIndexAttr(low[i]));
    highOfr.push_back(b.getIndexAttr(high[i]));
  }
  return tensor::PadOp::create(b, loc, resultType, input, lowOfr, highOfr, pv);
}

/// Pads an NCHW storage tensor spatially with `padValue` (a stored value).
static Value padNCHW(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> lowHW, ArrayRef<int64_t> highHW,
                     int64_t padValue) {
  auto t = cast<RankedTensorType>(input.getType());
  return padNCHW(b, loc, input, lowHW, highHW,
                 b.getIntegerAttr(t.getElementType(), padValue));
}

/// Extra bottom/right padding that ceil_mode needs for the last window.
static int64_t ceilExtraPad(int64_t in, int64_t out, int64_t k, int64_t s,
                            int64_t d, int64_t pb, int64_t pe) {
  int64_t need = (out - 1) * s + d * (k - 1) + 1;
  return std::max<int64_t>(0, need - (in + pb + pe));
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

template <typename OpTy>
struct QNNPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
};

struct ConstantLowering : QNNPattern<ConstantOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto value = cast<TypedAttr>(op.getValue());
    auto want = cast<RankedTensorType>(
        getTypeConverter()->convertType(op.getType()));
    // ui8 / si8 storage: the same bytes as signless i8.
    if (value.getType() != want) {
      if (auto dense = dyn_cast<DenseIntElementsAttr>(op.getValue()))
        value = dense.bitcast(want.getElementType());
      else if (auto res = dyn_cast<DenseResourceElementsAttr>(op.getValue()))
        value = DenseResourceElementsAttr::get(want, res.getRawHandle());
    }
    if (value.getType() != want)
      return op.emitOpError() << "cannot lower stored values of type "
                              << value.getType();
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, value);
    return success();
  }
};

/// Per-element channel index of a (possibly per-axis) quantized tensor as
/// loop dims of an identity-indexed generic.
static SmallVector<unsigned> axisDims(QuantType q) {
  if (q.hasAxis() && (q.getScales().size() > 1 || q.isSliced()))
    return {(unsigned)q.getAxis()};
  return {};
}

static int64_t extentOf(RankedTensorType t, QuantType q) {
  return axisDims(q).empty() ? 1 : t.getDimSize(q.getAxis());
}

/// The elementwise linalg.generic (all loops parallel, marked `kind`) that
/// reads `input` through `inputMap` (identity when null) and the tables of
/// `params`, and writes `body(x, params' block arguments)` as `elem` into a
/// new tensor of `shape`.
/// A result narrower than 8 bits (and not bipolar) may be stored packed:
/// see qcc-pack-subbyte-activations.
static void markPackableResult(Operation *g, QuantType out) {
  if (!out || out.isBipolar() || out.getPackedBits() >= 8)
    return;
  Builder b(g->getContext());
  g->setAttr("qcc.out_bits", b.getI64IntegerAttr(out.getPackedBits()));
  g->setAttr("qcc.out_kind",
             b.getStringAttr(out.getIsSigned() ? "signed" : "unsigned"));
}

static Value emitElementwise(
    OpBuilder &b, Location loc, Value input, AffineMap inputMap,
    ArrayRef<int64_t> shape, Type elem, const BodyParams &params,
    StringRef kind,
    function_ref<Value(OpBuilder &, Location, Value, ValueRange)> body,
    QuantType out = {}) {
  unsigned rank = shape.size();
  auto id = b.getMultiDimIdentityMap(rank);
  SmallVector<Value> ins = {input};
  ins.append(params.inputs);
  SmallVector<AffineMap> maps = {inputMap ? inputMap : id};
  maps.append(params.maps);
  maps.push_back(id);
  Value init = emptyTensor(b, loc, shape, elem);
  auto g = linalg::GenericOp::create(
      b, loc, init.getType(), ins, init, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &bb, Location l, ValueRange args) {
        linalg::YieldOp::create(
            bb, l, body(bb, l, args[0], args.drop_front(1).drop_back(1)));
      });
  markKernel(g, kind);
  markPackableResult(g, out);
  return g.getResult(0);
}

/// round(v) with `mode` as i32, for a float |v| <= 2^22 (no libm needed).
static Value roundFloatToInt(OpBuilder &b, Location l, Value v, RoundingMode mode) {
  Type i32 = b.getI32Type();
  if (mode == RoundingMode::HalfEven) {
    // The 1.5 * 2^23 trick: adding it rounds to an integer half-to-even.
    Value magic = arith::ConstantOp::create(b, l, b.getF32FloatAttr(12582912.0f));
    v = arith::SubFOp::create(b, l, arith::AddFOp::create(b, l, v, magic), magic);
    return arith::FPToSIOp::create(b, l, i32, v);
  }
  // t = trunc(v); the fraction v - t is exact in binary32.
  using P = arith::CmpFPredicate;
  Value t = arith::FPToSIOp::create(b, l, i32, v);
  Value frac = arith::SubFOp::create(b, l, v, arith::SIToFPOp::create(b, l, b.getF32Type(), t));
  auto cmp = [&](P p, float x) -> Value {
    return arith::CmpFOp::create(b, l, p, frac,
                                 arith::ConstantOp::create(b, l, b.getF32FloatAttr(x)));
  };
  Value inc, dec; // add 1 / subtract 1
  switch (mode) {
  case RoundingMode::HalfUp:   inc = cmp(P::OGE, 0.5f); dec = cmp(P::OLE, -0.5f); break;
  case RoundingMode::HalfDown: inc = cmp(P::OGT, 0.5f); dec = cmp(P::OLT, -0.5f); break;
  case RoundingMode::Up:       inc = cmp(P::OGT, 0.0f); dec = cmp(P::OLT, 0.0f); break;
  case RoundingMode::Ceil:     inc = cmp(P::OGT, 0.0f); break;
  case RoundingMode::Floor:    dec = cmp(P::OLT, 0.0f); break;
  case RoundingMode::Down:
  case RoundingMode::HalfEven: break;
  }
  if (inc)
    t = arith::AddIOp::create(b, l, t, arith::ExtUIOp::create(b, l, i32, inc));
  if (dec)
    t = arith::SubIOp::create(b, l, t, arith::ExtUIOp::create(b, l, i32, dec));
  return t;
}

struct QuantizeLowering : QNNPattern<QuantizeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rt = cast<RankedTensorType>(op.getType());
    QuantType q = getQuantElementType(rt);
    unsigned rank = rt.getRank();
    BodyParams params(rewriter, loc, rank);
    auto dims = axisDims(q);
    int64_t n = extentOf(rt, q);
    // ONNX clamps x / scale to [qmin - zp, qmax - zp]; QONNX
    // (zero_point_first) clamps x / scale + zp to [qmin, qmax].
    Rounding rounding = getRoundingOf(op);
    SmallVector<double> scale, lo, hi, zpF;
    SmallVector<int64_t> zp;
    for (int64_t c = 0; c < n; ++c) {
      int64_t z = q.getZeroPointOf(c), boundShift = rounding.zeroPointFirst ? 0 : z;
      scale.push_back(q.getScaleOf(c));
      zp.push_back(z);
      zpF.push_back(double(z));
      lo.push_back(double(q.getQMinOf(c) - boundShift));
      hi.push_back(double(q.getQMaxOf(c) - boundShift));
    }
    SmallVector<int64_t> shape = {n};
    int pScale = params.addF32(scale, dims, shape);
    int pZpF = rounding.zeroPointFirst ? params.addF32(zpF, dims, shape) : -1;
    int pLo = params.addF32(lo, dims, shape);
    int pHi = params.addF32(hi, dims, shape);
    int pZp = params.addInt(zp, 32, dims, shape);
    Value r = emitElementwise(
        rewriter, loc, adaptor.getInput(), {}, rt.getShape(),
        q.getStorageType(), params, "quantize",
        [&](OpBuilder &b, Location l, Value x, ValueRange pargs) -> Value {
          Value v = arith::DivFOp::create(b, l, x, params.get(b, pScale, pargs));
          if (q.isBipolar())
            return bipolarSign(b, l, v);
          // ONNX: v = x / scale, clamped to [qmin - zp, qmax - zp], rounded,
          // plus zp. QONNX (zero_point_first): v = x / scale + zp (binary32),
          // clamped to [qmin, qmax], rounded. No libm needed.
          if (pZpF >= 0)
            v = arith::AddFOp::create(b, l, v, params.get(b, pZpF, pargs));
          v = arith::MaxNumFOp::create(b, l, v, params.get(b, pLo, pargs));
          v = arith::MinNumFOp::create(b, l, v, params.get(b, pHi, pargs));
          Value i = roundFloatToInt(b, l, v, rounding.mode);
          if (pZpF < 0)
            i = arith::AddIOp::create(b, l, i, params.get(b, pZp, pargs));
          return arith::TruncIOp::create(b, l, q.getStorageType(), i);
        },
        q);
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct DequantizeLowering : QNNPattern<DequantizeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto it = cast<RankedTensorType>(op.getInput().getType());
    QuantType q = getQuantElementType(it);
    unsigned rank = it.getRank();
    BodyParams params(rewriter, loc, rank);
    auto dims = axisDims(q);
    int64_t n = extentOf(it, q);
    SmallVector<double> scale;
    SmallVector<int64_t> zp;
    for (int64_t c = 0; c < n; ++c) {
      scale.push_back(q.getScaleOf(c));
      zp.push_back(q.getZeroPointOf(c));
    }
    SmallVector<int64_t> shape = {n};
    int pScale = params.addF32(scale, dims, shape);
    int pZp = params.addInt(zp, 32, dims, shape);
    bool isSigned = q.getIsSigned();
    Value r = emitElementwise(
        rewriter, loc, adaptor.getInput(), {}, it.getShape(),
        rewriter.getF32Type(), params, "dequantize",
        [&](OpBuilder &b, Location l, Value q, ValueRange pargs) -> Value {
          Value x = extend(b, l, q, isSigned, b.getI32Type());
          x = arith::SubIOp::create(b, l, x, params.get(b, pZp, pargs));
          Value f = arith::SIToFPOp::create(b, l, b.getF32Type(), x);
          return arith::MulFOp::create(b, l, f, params.get(b, pScale, pargs));
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Requantizes a storage tensor of type `inT` (quant `in`) to `out`.
static FailureOr<Value> emitRequantize(OpBuilder &b, Location loc, Operation *op,
                                       Value input, RankedTensorType inT,
                                       QuantType in, QuantType out,
                                       std::optional<double> lo,
                                       std::optional<double> hi,
                                       Rounding rounding = {}) {
  unsigned rank = inT.getRank();
  BodyParams params(b, loc, rank);
  // Parameters vary along the input axis and/or the output axis; both are
  // per-channel along the same dimension when present.
  SmallVector<unsigned> dims = axisDims(in);
  if (dims.empty())
    dims = axisDims(out);
  else if (!axisDims(out).empty() && axisDims(out) != dims)
    return op->emitOpError() << "cannot requantize between different axes";
  int64_t n = dims.empty() ? 1 : inT.getDimSize(dims[0]);
  SmallVector<double> ratios;
  SmallVector<int64_t> zin;
  for (int64_t c = 0; c < n; ++c) {
    ratios.push_back(in.getScaleOf(c) / out.getScaleOf(c));
    zin.push_back(in.getZeroPointOf(c));
  }
  RequantParams rp;
  SmallVector<int64_t> shape = {n};
  if (failed(addRequantParams(op, params, ratios, dims, shape, out,
                              outChannelsOf(out, inT), lo, hi, rp)))
    return failure();
  rp.rounding = rounding;
  int pZin = params.addInt(zin, 64, dims, shape);
  bool isSigned = in.getIsSigned();
  return emitElementwise(
      b, loc, input, {}, inT.getShape(), b.getI8Type(), params, "requantize",
      [&](OpBuilder &bb, Location l, Value q, ValueRange pargs) {
        Value x = extend(bb, l, q, isSigned, bb.getI64Type());
        x = arith::SubIOp::create(bb, l, x, params.get(bb, pZin, pargs));
        return requantScalar(bb, l, x, params, rp, pargs);
      },
      out);
}

struct RequantizeLowering : QNNPattern<RequantizeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto it = cast<RankedTensorType>(op.getInput().getType());
    auto r = emitRequantize(rewriter, op.getLoc(), op, adaptor.getInput(), it,
                            getQuantElementType(it),
                            getQuantElementType(op.getType()), asDouble(op.getOutMin()),
                            asDouble(op.getOutMax()), getRoundingOf(op));
    if (failed(r))
      return failure();
    rewriter.replaceOp(op, *r);
    return success();
  }
};

/// The elementwise generic that requantizes `acc` (read through `accMap`,
/// identity by default) into an i8 tensor of `outT`'s shape with the
/// constants in `params` / `rp`.
static Value emitRequantGeneric(OpBuilder &b, Location loc, Value acc,
                                RankedTensorType outT, BodyParams &params,
                                const RequantParams &rp, AffineMap accMap = {}) {
  return emitElementwise(
      b, loc, acc, accMap, outT.getShape(), b.getI8Type(), params, "requantize",
      [&](OpBuilder &bb, Location l, Value x, ValueRange pargs) {
        return requantScalar(bb, l, x, params, rp, pargs);
      },
      getQuantElementType(outT));
}

/// Requantizes an i32 accumulator tensor whose channel dim is `chDim` into
/// the op's result (or returns it as is for an i32 result). `accScales[c]`
/// is the real value of one accumulator unit of channel c; channels
/// flagged in `negated` (none when empty) are negated first.
static FailureOr<Value> emitAccRequant(OpBuilder &b, Location loc, Operation *op,
                                       Value acc, RankedTensorType resultT,
                                       unsigned chDim,
                                       ArrayRef<double> accScales,
                                       std::optional<double> lo,
                                       std::optional<double> hi,
                                       AffineMap accMap = {},
                                       ArrayRef<int64_t> shiftedBias = {},
                                       int64_t biasShift = 0,
                                       ArrayRef<bool> negated = {},
                                       bool wordBits32 = false) {
  QuantType out = getQuantElementType(resultT);
  if (!out)
    return acc;
  unsigned rank = resultT.getRank();
  int64_t n = resultT.getDimSize(chDim);
  BodyParams params(b, loc, rank);
  SmallVector<double> ratios;
  for (int64_t c = 0; c < n; ++c)
    ratios.push_back(accScales[accScales.size() == 1 ? 0 : c] / out.getScaleOf(c));
  RequantParams rp;
  SmallVector<int64_t> shape = {n};
  if (failed(addRequantParams(op, params, ratios, {chDim}, shape, out,
                              outChannelsOf(out, resultT, chDim), lo, hi, rp)))
    return failure();
  rp.rounding = getRoundingOf(op);
  if (!shiftedBias.empty()) {
    rp.bias = params.addInt(shiftedBias, 64, chDim);
    rp.biasShift = biasShift;
    // Only the bias_shift form: the other one is matched op by op by
    // qcc-conv-microkernel / qcc-fuse-conv-requant-rows (RequantKernel.cpp).
    rp.narrow32 = wordBits32 && !out.isBipolar() && rp.minShift >= 33 &&
                  rp.maxShift <= 62;
  }
  if (llvm::is_contained(negated, true)) {
    SmallVector<int64_t> sign;
    for (bool neg : negated)
      sign.push_back(neg ? -1 : 1);
    rp.sign = params.addInt(sign, 64, chDim);
  }
  return emitRequantGeneric(b, loc, acc, resultT, params, rp, accMap);
}

/// The stored bytes of a constant weight, or nothing if they are not
/// available at compile time.
static std::optional<std::vector<int8_t>> constantBytes(Value v) {
  auto c = v.getDefiningOp<ConstantOp>();
  if (!c)
    return std::nullopt;
  return qcc::getElementBytes(c.getValue());
}

static Value constantTensor(OpBuilder &b, Location loc, RankedTensorType t,
                            ArrayRef<int8_t> data, StringRef name) {
  ElementsAttr attr;
  if (data.size() > 64)
    attr = DenseResourceElementsAttr::get(
        t, name, HeapAsmResourceBlob::allocateAndCopyInferAlign(data));
  else
    attr = DenseElementsAttr::get(t, data);
  return arith::ConstantOp::create(b, loc, cast<TypedAttr>(attr));
}

/// Marks an accumulation whose operand #1 is a constant weight narrower
/// than 8 bits for qcc-pack-subbyte-weights, and a binary x binary one
/// (operand #0 bipolar too) for qcc-xnor-popcount.
static void markSubByteWeights(Operation *acc, Value weight, QuantType wq,
                               QuantType xq) {
  unsigned bits = wq.getPackedBits();
  if (bits == 8 || !constantBytes(weight))
    return;
  MLIRContext *ctx = acc->getContext();
  if (wq.isBipolar() && xq.isBipolar())
    acc->setAttr("qcc.input_kind", StringAttr::get(ctx, "bipolar"));
  acc->setAttr("qcc.weight_bits", IntegerAttr::get(IntegerType::get(ctx, 64), bits));
  acc->setAttr("qcc.weight_kind",
               StringAttr::get(ctx, wq.isBipolar() ? "bipolar"
                                    : wq.getIsSigned() ? "signed" : "unsigned"));
}

/// With a bias_shift, the bias is added in the requantization (to acc * 2^s)
/// rather than in the accumulator: moves the constant `bias` (if any) into
/// `shifted` and clears it.
static LogicalResult takeShiftedBias(Operation *op, Value &bias,
                                     SmallVectorImpl<int64_t> &shifted) {
  if (!bias)
    return success();
  DenseIntElementsAttr values;
  if (!matchPattern(bias, m_Constant(&values)))
    return op->emitOpError() << "bias_shift needs a constant bias";
  for (const APInt &v : values.getValues<APInt>())
    shifted.push_back(v.getSExtValue());
  bias = Value();
  return success();
}

/// Accumulator init: bias broadcast along `chDim`, or zeros.
static Value accInit(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                     unsigned chDim, Value bias) {
  if (!bias)
    return fillTensor(b, loc, shape, b.getI32Type(), 0);
  unsigned rank = shape.size();
  Value init = emptyTensor(b, loc, shape, b.getI32Type());
  SmallVector<AffineMap> maps = {
      mapOf(b.getContext(), rank, {b.getAffineDimExpr(chDim)}),
      b.getMultiDimIdentityMap(rank)};
  return linalg::GenericOp::create(
             b, loc, init.getType(), bias, init, maps,
             SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
             [&](OpBuilder &bb, Location l, ValueRange args) {
               linalg::YieldOp::create(bb, l, args[0]);
             })
      .getResult(0);
}

/// acc + (ext(x) - zx) * (ext(w) - zw) in i32.
static Value macBody(OpBuilder &b, Location loc, Value x, Value w, Value acc,
                     bool xSigned, int64_t zx, bool wSigned, int64_t zw) {
  Type i32 = b.getI32Type();
  Value xv = extend(b, loc, x, xSigned, i32);
  Value wv = extend(b, loc, w, wSigned, i32);
  if (zx != 0)
    xv = arith::SubIOp::create(
        b, loc, xv, arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(zx)));
  if (zw != 0)
    wv = arith::SubIOp::create(
        b, loc, wv, arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(zw)));
  return arith::AddIOp::create(b, loc, acc, arith::MulIOp::create(b, loc, xv, wv));
}

static LogicalResult requireUniformZeroPoint(Operation *op, StringRef what,
                                             QuantType q, int64_t &zp) {
  zp = q.getZeroPoints()[0];
  if (!llvm::all_equal(q.getZeroPoints()))
    return op->emitOpError() << what
                             << ": per-channel zero-points are not supported by "
                                "this lowering";
  return success();
}

/// x [N, C, H, W] viewed as [N, G, C/G, H, W] (a free reshape).
static Value expandGroups(OpBuilder &b, Location loc, Value x, int64_t g) {
  auto t = cast<RankedTensorType>(x.getType());
  return tensor::ExpandShapeOp::create(
      b, loc,
      RankedTensorType::get({t.getDimSize(0), g, t.getDimSize(1) / g,
                             t.getDimSize(2), t.getDimSize(3)},
                            t.getElementType()),
      x, SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}});
}

/// The convolution's accumulation generic: 8 loops, reductions on the
/// dims marked 'r' in `iters`, body acc += (x - zx) * (w - zw).
static Value emitConvAccumulation(OpBuilder &b, Location loc, Conv2DOp op,
                                  Value x5, Value w, Value acc, AffineMap xMap,
                                  AffineMap wMap, AffineMap oMap) {
  QuantType xq = getQuantElementType(op.getInput().getType());
  QuantType wq = getQuantElementType(op.getWeight().getType());
  int64_t zx = xq.getZeroPoints()[0], zw = wq.getZeroPoints()[0];
  bool xs = xq.getIsSigned(), ws = wq.getIsSigned();
  auto conv = linalg::GenericOp::create(
      b, loc, acc.getType(), ValueRange{x5, w}, acc,
      ArrayRef<AffineMap>{xMap, wMap, oMap}, iterators("pppprrrp"),
      [&](OpBuilder &bb, Location l, ValueRange args) {
        linalg::YieldOp::create(
            bb, l, macBody(bb, l, args[0], args[1], args[2], xs, zx, ws, zw));
      });
  markKernel(conv, "conv2d");
  markSubByteWeights(conv, op.getWeight(), wq, xq);
  return conv.getResult(0);
}

/// Groups with at least this many filters use the filter-innermost layout.
constexpr int64_t kMinFiltersForFilterInnermost = 8;

struct Conv2DLowering : QNNPattern<Conv2DOp> {
  using QNNPattern::QNNPattern;

  /// Convolution with filters innermost: weights repacked at compile time to
  /// [G, Cg, KH, KW, Fg], accumulator [N, G, OH, OW, Fg]; loops
  /// n g oh ow | c kh kw | f. The requantization reads the accumulator back
  /// in NCHW order.
  FailureOr<Value> lowerFilterInnermost(Conv2DOp op,
                                        ConversionPatternRewriter &rewriter,
                                        Value x, ArrayRef<int8_t> w,
                                        Value bias,
                                        ArrayRef<double> accScales,
                                        ArrayRef<int64_t> shiftedBias) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto wT = cast<RankedTensorType>(op.getWeight().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    auto st = op.getStrides();
    auto dl = op.getDilations();
    int64_t g = op.getGroups(), F = wT.getDimSize(0), Cg = wT.getDimSize(1),
            KH = wT.getDimSize(2), KW = wT.getDimSize(3), Fg = F / g;
    int64_t N = outT.getDimSize(0), OH = outT.getDimSize(2),
            OW = outT.getDimSize(3);
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();

    std::vector<int8_t> packed(w.size());
    for (int64_t gi = 0; gi < g; ++gi)
      for (int64_t f = 0; f < Fg; ++f)
        for (int64_t c = 0; c < Cg; ++c)
          for (int64_t kh = 0; kh < KH; ++kh)
            for (int64_t kw = 0; kw < KW; ++kw)
              packed[(((gi * Cg + c) * KH + kh) * KW + kw) * Fg + f] =
                  w[(((gi * Fg + f) * Cg + c) * KH + kh) * KW + kw];
    Value wp = constantTensor(
        rewriter, loc, RankedTensorType::get({g, Cg, KH, KW, Fg}, i8), packed,
        "packed_weights");

    Value x5 = expandGroups(rewriter, loc, x, g);
    auto accT = RankedTensorType::get({N, g, OH, OW, Fg}, i32);
    Value acc;
    auto d = [&](unsigned i) { return rewriter.getAffineDimExpr(i); };
    if (bias) {
      Value b2 = tensor::ExpandShapeOp::create(
          rewriter, loc, RankedTensorType::get({g, Fg}, i32), bias,
          SmallVector<ReassociationIndices>{{0, 1}});
      Value init = emptyTensor(rewriter, loc, accT.getShape(), i32);
      acc = linalg::GenericOp::create(
                rewriter, loc, accT, b2, init,
                ArrayRef<AffineMap>{mapOf(ctx, 5, {d(1), d(4)}),
                                    rewriter.getMultiDimIdentityMap(5)},
                iterators("ppppp"),
                [&](OpBuilder &bb, Location l, ValueRange args) {
                  linalg::YieldOp::create(bb, l, args[0]);
                })
                .getResult(0);
    } else {
      acc = fillTensor(rewriter, loc, accT.getShape(), i32, 0);
    }
    enum { N_, G, OH_, OW_, C, KH_, KW_, Fd, NumDims };
    AffineMap xMap = mapOf(ctx, NumDims,
                           {d(N_), d(G), d(C), d(OH_) * st[0] + d(KH_) * dl[0],
                            d(OW_) * st[1] + d(KW_) * dl[1]});
    AffineMap wMap = mapOf(ctx, NumDims, {d(G), d(C), d(KH_), d(KW_), d(Fd)});
    AffineMap oMap = mapOf(ctx, NumDims, {d(N_), d(G), d(OH_), d(OW_), d(Fd)});
    Value conv = emitConvAccumulation(rewriter, loc, op, x5, wp, acc, xMap,
                                      wMap, oMap);
    // What qcc-conv-microkernel needs to replace this generic by a
    // register-blocked kernel without re-deriving it from the maps.
    {
      QuantType xq = getQuantElementType(op.getInput().getType());
      QuantType wq = getQuantElementType(wT);
      NamedAttrList p;
      p.append("strides", rewriter.getDenseI64ArrayAttr(st));
      p.append("dilations", rewriter.getDenseI64ArrayAttr(dl));
      p.append("x_zero_point", rewriter.getI64IntegerAttr(xq.getZeroPoints()[0]));
      p.append("w_zero_point", rewriter.getI64IntegerAttr(wq.getZeroPoints()[0]));
      p.append("x_signed", rewriter.getBoolAttr(xq.getIsSigned()));
      p.append("w_signed", rewriter.getBoolAttr(wq.getIsSigned()));
      conv.getDefiningOp()->setAttr("qcc.conv_params",
                                    p.getDictionary(rewriter.getContext()));
    }
    // Result (n, f, oh, ow) reads acc[n, f floordiv Fg, oh, ow, f mod Fg].
    AffineMap accMap = mapOf(ctx, 4,
                             {d(0), d(1).floorDiv(Fg), d(2), d(3), d(1) % Fg});
    return emitAccRequant(rewriter, loc, op, conv, outT, 1, accScales,
                          asDouble(op.getOutMin()), asDouble(op.getOutMax()),
                          accMap, shiftedBias, op.getBiasShift(),
                          op.getNegatedChannels().value_or(ArrayRef<bool>()),
                          isWordBits32(getTypeConverter()));
  }

  LogicalResult
  matchAndRewrite(Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto wT = cast<RankedTensorType>(op.getWeight().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType xq = getQuantElementType(inT), wq = getQuantElementType(wT);
    int64_t zx = xq.getZeroPoints()[0], zw;
    if (failed(requireUniformZeroPoint(op, "weight", wq, zw)))
      return failure();
    auto pads = op.getPads();
    auto st = op.getStrides();
    auto dl = op.getDilations();
    Value x = padNCHW(rewriter, loc, adaptor.getInput(), {pads[0], pads[1]},
                      {pads[2], pads[3]}, zx);
    int64_t g = op.getGroups();
    int64_t F = wT.getDimSize(0), Cg = wT.getDimSize(1);
    int64_t Fg = F / g;
    SmallVector<double> accScales;
    for (int64_t f = 0; f < F; ++f)
      accScales.push_back(xq.getScaleOf(0) * wq.getScaleOf(f));
    // bias_shift s: the accumulation runs without the bias; the
    // requantization adds it to acc * 2^s, whose unit is 2^-s as large.
    Value accBias = adaptor.getBias();
    SmallVector<int64_t> shiftedBias;
    if (int64_t bs = op.getBiasShift()) {
      for (double &a : accScales)
        a = std::ldexp(a, -(int)bs);
      if (failed(takeShiftedBias(op, accBias, shiftedBias)))
        return failure();
    }
    // Constant weights with enough filters per group: filters innermost
    // (weights repacked at compile time), so the inner loop is a contiguous
    // vector over output channels for every layer size.
    if (getQuantElementType(outT) && Fg >= kMinFiltersForFilterInnermost)
      if (auto bytes = constantBytes(op.getWeight())) {
        auto r = lowerFilterInnermost(op, rewriter, x, *bytes, accBias,
                                      accScales, shiftedBias);
        if (failed(r))
          return failure();
        rewriter.replaceOp(op, *r);
        return success();
      }
    // Groups become a dimension of their own (free reshapes) so that every
    // loop dim is a plain index of some operand:
    //   x [N, G, Cg, Hp, Wp], w [G, Fg, Cg, KH, KW], acc [N, G, Fg, OH, OW].
    // Loop dims: n g f oh | c kh kw | ow  (ow innermost: unit-stride rows).
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
    int64_t N = outT.getDimSize(0), OHs = outT.getDimSize(2), OWs = outT.getDimSize(3);
    Value x5 = expandGroups(rewriter, loc, x, g);
    Value w5 = tensor::ExpandShapeOp::create(
        rewriter, loc,
        RankedTensorType::get({g, Fg, Cg, wT.getDimSize(2), wT.getDimSize(3)}, i8),
        adaptor.getWeight(), SmallVector<ReassociationIndices>{{0, 1}, {2}, {3}, {4}});
    Value acc4 = accInit(rewriter, loc, outT.getShape(), 1, accBias);
    auto acc5T = RankedTensorType::get({N, g, Fg, OHs, OWs}, i32);
    SmallVector<ReassociationIndices> accAssoc = {{0}, {1, 2}, {3}, {4}};
    Value acc = tensor::ExpandShapeOp::create(rewriter, loc, acc5T, acc4, accAssoc);
    enum { N_, G, Fd, OH, C, KH, KW, OW, NumDims };
    auto d = [&](unsigned i) { return rewriter.getAffineDimExpr(i); };
    AffineMap xMap = mapOf(ctx, NumDims,
                           {d(N_), d(G), d(C), d(OH) * st[0] + d(KH) * dl[0],
                            d(OW) * st[1] + d(KW) * dl[1]});
    AffineMap wMap = mapOf(ctx, NumDims, {d(G), d(Fd), d(C), d(KH), d(KW)});
    AffineMap oMap = mapOf(ctx, NumDims, {d(N_), d(G), d(Fd), d(OH), d(OW)});
    Value conv = emitConvAccumulation(rewriter, loc, op, x5, w5, acc, xMap,
                                      wMap, oMap);
    Value accOut = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get(outT.getShape(), i32), conv,
        accAssoc);
    auto r = emitAccRequant(rewriter, loc, op, accOut, outT, 1, accScales,
                            asDouble(op.getOutMin()), asDouble(op.getOutMax()),
                            {}, shiftedBias, op.getBiasShift(),
                            op.getNegatedChannels().value_or(ArrayRef<bool>()),
                            isWordBits32(getTypeConverter()));
    if (failed(r))
      return failure();
    rewriter.replaceOp(op, *r);
    return success();
  }
};

struct MatMulLowering : QNNPattern<MatMulOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lT = cast<RankedTensorType>(op.getLhs().getType());
    auto rT = cast<RankedTensorType>(op.getRhs().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType lq = getQuantElementType(lT), rq = getQuantElementType(rT);
    int64_t zl = lq.getZeroPoints()[0], zr;
    if (failed(requireUniformZeroPoint(op, "rhs", rq, zr)))
      return failure();
    unsigned batch = lT.getRank() - 2;
    // Loop dims: batch..., m, k, n (n innermost: unit stride in rhs/out).
    bool batchedRhs = rT.getRank() > 2;
    unsigned chDim = outT.getRank() - 1;
    // bias_shift s, as for conv2d: the bias is added in the requantization
    // to acc * 2^s.
    Value accBias = adaptor.getBias();
    SmallVector<int64_t> shiftedBias;
    int64_t bs = op.getBiasShift();
    if (bs && failed(takeShiftedBias(op, accBias, shiftedBias)))
      return failure();
    Value acc = accInit(rewriter, loc, outT.getShape(), chDim, accBias);
    std::string it(batch + 1, 'p');
    it += "rp";
    bool ls = lq.getIsSigned(), rs = rq.getIsSigned();
    auto mm = linalg::GenericOp::create(
        rewriter, loc, acc.getType(), ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        acc,
        matmulMaps(rewriter, lT, rT), iterators(it),
        [&](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(
              b, l, macBody(b, l, args[0], args[1], args[2], ls, zl, rs, zr));
        });
    markKernel(mm, "matmul");
    if (!batchedRhs)
      markSubByteWeights(mm, op.getRhs(), rq, lq);
    SmallVector<double> accScales;
    for (int64_t c = 0; c < rT.getDimSize(rT.getRank() - 1); ++c)
      accScales.push_back(std::ldexp(lq.getScaleOf(0) * rq.getScaleOf(c), -(int)bs));
    auto r = emitAccRequant(rewriter, loc, op, mm.getResult(0), outT, chDim,
                            accScales, asDouble(op.getOutMin()), asDouble(op.getOutMax()),
                            {}, shiftedBias, bs,
                            op.getNegatedChannels().value_or(ArrayRef<bool>()),
                            isWordBits32(getTypeConverter()));
    if (failed(r))
      return failure();
    rewriter.replaceOp(op, *r);
    return success();
  }
};

/// round(v * 2^-shift) + zo with `rounding` (zo added before the rounding
/// decision with zero_point_first).
static Value shiftAndAddZeroPoint(OpBuilder &b, Location l, Value v,
                                  int64_t shift, Rounding rounding, int64_t zo) {
  if (rounding.zeroPointFirst)
    return roundingShiftRight(b, l, v, cst64(b, l, shift), rounding.mode,
                              cst64(b, l, zo));
  Value r = roundingShiftRight(b, l, v, cst64(b, l, shift), rounding.mode);
  return arith::AddIOp::create(b, l, r, cst64(b, l, zo));
}

struct AddLowering : QNNPattern<AddOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lT = cast<RankedTensorType>(op.getLhs().getType());
    auto rT = cast<RankedTensorType>(op.getRhs().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType a = getQuantElementType(lT), b = getQuantElementType(rT),
              o = getQuantElementType(outT);
    double ra = a.getScaleOf(0) / o.getScaleOf(0);
    double rb = b.getScaleOf(0) / o.getScaleOf(0);
    // One shift for both terms, chosen for the larger ratio.
    auto fp = toFixedPoint(std::max(ra, rb));
    if (failed(fp))
      return op.emitOpError() << "input/output scale ratio is too large";
    int64_t shift = fp->shift;
    int64_t ma = roundHalfEven(std::ldexp(ra, shift));
    int64_t mb = roundHalfEven(std::ldexp(rb, shift));
    int64_t za = a.getZeroPointOf(0), zb = b.getZeroPointOf(0),
            zo = o.getZeroPointOf(0);
    unsigned rank = outT.getRank();
    // Clamp bounds per output slice when the result has several widths.
    OutChannels oc = outChannelsOf(o, outT);
    SmallVector<int64_t> los, his;
    for (int64_t c = 0; c < oc.count; ++c) {
      auto [l, h] = clampBounds(o, c, asDouble(op.getOutMin()),
                                asDouble(op.getOutMax()));
      los.push_back(l);
      his.push_back(h);
    }
    BodyParams params(rewriter, loc, rank);
    SmallVector<unsigned> cd;
    if (oc.dim)
      cd.push_back(*oc.dim);
    int pLo = params.addInt(los, 64, cd, {oc.count});
    int pHi = params.addInt(his, 64, cd, {oc.count});
    SmallVector<Value> ins = {adaptor.getLhs(), adaptor.getRhs()};
    ins.append(params.inputs);
    SmallVector<AffineMap> maps = {broadcastMap(rewriter, lT, outT),
                                   broadcastMap(rewriter, rT, outT)};
    maps.append(params.maps);
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    Value init = emptyTensor(rewriter, loc, outT.getShape(), rewriter.getI8Type());
    bool as = a.getIsSigned(), bs = b.getIsSigned();
    Rounding rounding = getRoundingOf(op);
    auto g = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ins, init, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &bb, Location l, ValueRange args) {
          ValueRange pargs = args.drop_front(2).drop_back(1);
          Type i64 = bb.getI64Type();
          auto term = [&](Value v, bool s, int64_t z, int64_t m) {
            Value x = extend(bb, l, v, s, i64);
            x = arith::SubIOp::create(bb, l, x, cst64(bb, l, z));
            return arith::MulIOp::create(bb, l, x, cst64(bb, l, m)).getResult();
          };
          Value sum = arith::AddIOp::create(bb, l, term(args[0], as, za, ma),
                                            term(args[1], bs, zb, mb));
          Value v = shiftAndAddZeroPoint(bb, l, sum, shift, rounding, zo);
          v = arith::MaxSIOp::create(bb, l, v, params.get(bb, pLo, pargs));
          v = arith::MinSIOp::create(bb, l, v, params.get(bb, pHi, pargs));
          linalg::YieldOp::create(
              bb, l, Value(arith::TruncIOp::create(bb, l, bb.getI8Type(), v)));
        });
    markKernel(g, "add");
    markPackableResult(g, o);
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

/// qnn.mul: (a - za) * (b - zb) in i64 times the fixed-point ratio
/// sa * sb / so, rounded, plus zo, clamped.
struct MulLowering : QNNPattern<MulOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(MulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto lT = cast<RankedTensorType>(op.getLhs().getType());
    auto rT = cast<RankedTensorType>(op.getRhs().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType a = getQuantElementType(lT), b = getQuantElementType(rT),
              o = getQuantElementType(outT);
    auto fp = toFixedPoint(a.getScaleOf(0) * b.getScaleOf(0) / o.getScaleOf(0));
    if (failed(fp))
      return op.emitOpError() << "input/output scale ratio is too large";
    int64_t za = a.getZeroPointOf(0), zb = b.getZeroPointOf(0),
            zo = o.getZeroPointOf(0);
    auto [lo, hi] = clampBounds(o, 0, asDouble(op.getOutMin()),
                                asDouble(op.getOutMax()));
    unsigned rank = outT.getRank();
    SmallVector<AffineMap> maps = {broadcastMap(rewriter, lT, outT),
                                   broadcastMap(rewriter, rT, outT),
                                   rewriter.getMultiDimIdentityMap(rank)};
    Value init = emptyTensor(rewriter, loc, outT.getShape(), rewriter.getI8Type());
    bool as = a.getIsSigned(), bs = b.getIsSigned();
    Rounding rounding = getRoundingOf(op);
    auto g = linalg::GenericOp::create(
        rewriter, loc, init.getType(),
        ValueRange{adaptor.getLhs(), adaptor.getRhs()}, init, maps,
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &bb, Location l, ValueRange args) {
          Type i64 = bb.getI64Type();
          auto centered = [&](Value v, bool s, int64_t z) -> Value {
            return arith::SubIOp::create(bb, l, extend(bb, l, v, s, i64),
                                         cst64(bb, l, z));
          };
          Value p = arith::MulIOp::create(bb, l, centered(args[0], as, za),
                                          centered(args[1], bs, zb));
          p = arith::MulIOp::create(bb, l, p, cst64(bb, l, fp->mult));
          Value v = shiftAndAddZeroPoint(bb, l, p, fp->shift, rounding, zo);
          v = arith::MaxSIOp::create(bb, l, v, cst64(bb, l, lo));
          v = arith::MinSIOp::create(bb, l, v, cst64(bb, l, hi));
          linalg::YieldOp::create(
              bb, l, Value(arith::TruncIOp::create(bb, l, bb.getI8Type(), v)));
        });
    markKernel(g, "mul");
    markPackableResult(g, o);
    rewriter.replaceOp(op, g.getResult(0));
    return success();
  }
};

/// A reduction over k[0] x k[1] windows (strides st, dilations dl) of a
/// padded NCHW tensor x into init [N, C, OH, OW]: acc = combine(x, acc) in
/// row-major window order, marked as kernel `kind`.
static Value windowReduce(
    OpBuilder &b, Location loc, Value x, Value init, ArrayRef<int64_t> k,
    ArrayRef<int64_t> st, ArrayRef<int64_t> dl, StringRef kind,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *ctx = b.getContext();
  enum { N, C, OH, KH, KW, OW, NumDims };
  auto d = [&](unsigned i) { return b.getAffineDimExpr(i); };
  // The window map needs the kernel extent: a dummy kernel-shaped tensor.
  Value window = emptyTensor(b, loc, {k[0], k[1]}, b.getI8Type());
  auto g = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{x, window}, init,
      ArrayRef<AffineMap>{
          mapOf(ctx, NumDims, {d(N), d(C), d(OH) * st[0] + d(KH) * dl[0],
                               d(OW) * st[1] + d(KW) * dl[1]}),
          mapOf(ctx, NumDims, {d(KH), d(KW)}),
          mapOf(ctx, NumDims, {d(N), d(C), d(OH), d(OW)})},
      iterators("ppprrp"),
      [&](OpBuilder &bb, Location l, ValueRange args) {
        linalg::YieldOp::create(bb, l, combine(bb, l, args[0], args[2]));
      });
  markKernel(g, kind);
  return g.getResult(0);
}

struct MaxPoolLowering : QNNPattern<MaxPool2DOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(MaxPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType q = getQuantElementType(inT);
    auto k = op.getKernel(), st = op.getStrides(), dl = op.getDilations(),
         pads = op.getPads();
    // Padding never wins: the smallest value of the type (so that a
    // sub-byte input's padding fits its packed field, too); -inf for f32.
    bool isFloat = !q;
    TypedAttr lowest;
    if (isFloat)
      lowest = rewriter.getF32FloatAttr(-std::numeric_limits<float>::infinity());
    else
      lowest = rewriter.getI8IntegerAttr(
          q.isBipolar()       ? -1
          : q.getIsSigned() ? -(int64_t(1) << (q.getMaxBits() - 1))
                            : 0);
    int64_t extra[2];
    for (int i = 0; i < 2; ++i)
      extra[i] = ceilExtraPad(inT.getDimSize(2 + i), outT.getDimSize(2 + i),
                              k[i], st[i], dl[i], pads[i], pads[2 + i]);
    Value x = padNCHW(rewriter, loc, adaptor.getInput(), {pads[0], pads[1]},
                      {pads[2] + extra[0], pads[3] + extra[1]}, lowest);
    Value init = fillTensor(rewriter, loc, outT.getShape(), lowest);
    bool isSigned = q && q.getIsSigned();
    Value m = windowReduce(
        rewriter, loc, x, init, k, st, dl,
        isFloat ? "float_max_pool2d" : "max_pool2d",
        [&](OpBuilder &b, Location l, Value in, Value acc) -> Value {
          // f32: maxnum, which ignores a NaN operand (ONNX's reference
          // drops NaN from each window).
          if (isFloat)
            return arith::MaxNumFOp::create(b, l, in, acc);
          if (isSigned)
            return arith::MaxSIOp::create(b, l, in, acc);
          return arith::MaxUIOp::create(b, l, in, acc);
        });
    rewriter.replaceOp(op, m);
    return success();
  }
};

/// Sum of (q - zp) over windows -> i32 tensor [N, C, OH, OW].
static Value windowSum(OpBuilder &b, Location loc, Value x, QuantType q,
                       ArrayRef<int64_t> outShape, ArrayRef<int64_t> k,
                       ArrayRef<int64_t> st) {
  Value init = fillTensor(b, loc, outShape, b.getI32Type(), 0);
  bool isSigned = q.getIsSigned();
  int64_t zp = q.getZeroPointOf(0);
  int64_t dl[2] = {1, 1};
  return windowReduce(
      b, loc, x, init, k, st, dl, "window_sum",
      [&](OpBuilder &bb, Location l, Value in, Value acc) -> Value {
        Value v = extend(bb, l, in, isSigned, bb.getI32Type());
        if (zp != 0)
          v = arith::SubIOp::create(
              bb, l, v, arith::ConstantOp::create(bb, l, bb.getI32IntegerAttr(zp)));
        return arith::AddIOp::create(bb, l, v, acc);
      });
}

/// The f32 average pool: window sums in binary32 (row-major within each
/// window, as ONNX Runtime adds them), each divided by its window size
/// (`counts`: OH x OW values, or one).
static Value floatAverage(OpBuilder &b, Location loc, Value x,
                          RankedTensorType outT, ArrayRef<int64_t> k,
                          ArrayRef<int64_t> st, ArrayRef<int64_t> counts) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type();
  Value init = fillTensor(b, loc, outT.getShape(), b.getF32FloatAttr(0.0f));
  int64_t dl[2] = {1, 1};
  Value sum = windowReduce(b, loc, x, init, k, st, dl, "float_window_sum",
                           [](OpBuilder &bb, Location l, Value in, Value acc) {
                             return arith::AddFOp::create(bb, l, acc, in).getResult();
                           });
  // The divisors: one, or one per output position.
  SmallVector<float> n(counts.begin(), counts.end());
  auto nT = counts.size() == 1
                ? RankedTensorType::get({1, 1}, f32)
                : RankedTensorType::get({outT.getDimSize(2), outT.getDimSize(3)},
                                        f32);
  Value divisors = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(nT, ArrayRef<float>(n)));
  auto d4 = [&](unsigned i) { return b.getAffineDimExpr(i); };
  AffineExpr zero = b.getAffineConstantExpr(0);
  Value out = emptyTensor(b, loc, outT.getShape(), f32);
  auto avg = linalg::GenericOp::create(
      b, loc, out.getType(), ValueRange{sum, divisors}, out,
      ArrayRef<AffineMap>{
          b.getMultiDimIdentityMap(4),
          mapOf(ctx, 4, counts.size() == 1 ? SmallVector<AffineExpr>{zero, zero}
                                           : SmallVector<AffineExpr>{d4(2), d4(3)}),
          b.getMultiDimIdentityMap(4)},
      iterators("pppp"),
      [&](OpBuilder &bb, Location l, ValueRange args) {
        linalg::YieldOp::create(
            bb, l, Value(arith::DivFOp::create(bb, l, args[0], args[1])));
      });
  markKernel(avg, "float_average");
  return avg.getResult(0);
}

/// Requantization of a window sum to its average at the output scale:
/// ratio = input scale / output scale as M * 2^-S, and the window size n
/// per output position (`counts`: OH x OW values, or one) as an exact
/// divisor, so round(sum * M / (n * 2^S)) has the op's rounding.
static LogicalResult addAverageParams(Operation *op, BodyParams &params,
                                      double ratio, ArrayRef<int64_t> counts,
                                      QuantType out, RankedTensorType outT,
                                      Rounding rounding, RequantParams &rp) {
  if (failed(addRequantParams(op, params, {ratio}, {}, {1}, out,
                              outChannelsOf(out, outT), std::nullopt,
                              std::nullopt, rp)))
    return failure();
  // n * 2^S must fit an i64: give up low multiplier bits if not.
  int64_t maxN = *llvm::max_element(counts);
  auto fp = *toFixedPoint(ratio);
  int64_t excess = fp.shift + (int64_t)llvm::Log2_64_Ceil(maxN + 1) - 62;
  if (excess > 0) {
    if (excess >= fp.shift)
      return op->emitOpError() << "requantization ratio " << formatDouble(ratio)
                               << " is too small for a window of " << maxN;
    rp.mult = params.addInt({fp.mult >> excess}, 64, {}, {1});
    rp.shift = params.addInt({fp.shift - excess}, 64, {}, {1});
  }
  if (counts.size() == 1)
    rp.divisor = params.addInt(counts, 64, {}, {1});
  else
    rp.divisor = params.addInt(counts, 64, {2, 3},
                               {outT.getDimSize(2), outT.getDimSize(3)});
  rp.rounding = rounding;
  return success();
}

struct AvgPoolLowering : QNNPattern<AvgPool2DOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(AvgPool2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType q = getQuantElementType(inT), o = getQuantElementType(outT);
    auto k = op.getKernel(), st = op.getStrides(), pads = op.getPads();
    int64_t H = inT.getDimSize(2), W = inT.getDimSize(3);
    int64_t OH = outT.getDimSize(2), OW = outT.getDimSize(3);
    int64_t extra[2] = {
        ceilExtraPad(H, OH, k[0], st[0], 1, pads[0], pads[2]),
        ceilExtraPad(W, OW, k[1], st[1], 1, pads[1], pads[3])};
    // Padding adds nothing to a sum: the zero point, or 0.0.
    Value x = padNCHW(rewriter, loc, adaptor.getInput(), {pads[0], pads[1]},
                      {pads[2] + extra[0], pads[3] + extra[1]},
                      q ? TypedAttr(rewriter.getI8IntegerAttr(q.getZeroPointOf(0)))
                        : TypedAttr(rewriter.getF32FloatAttr(0.0f)));
    // Window size per output position (ONNX: explicit pads count with
    // count_include_pad; the ceil_mode overhang never counts).
    auto count = [&](int64_t o, int64_t kk, int64_t s, int64_t pb, int64_t pe,
                     int64_t in) {
      int64_t start = o * s - pb, end = start + kk;
      int64_t lo = op.getCountIncludePad() ? -pb : 0;
      int64_t hi = op.getCountIncludePad() ? in + pe : in;
      return std::min(end, hi) - std::max(start, lo);
    };
    SmallVector<int64_t> counts;
    for (int64_t oh = 0; oh < OH; ++oh)
      for (int64_t ow = 0; ow < OW; ++ow)
        counts.push_back(count(oh, k[0], st[0], pads[0], pads[2], H) *
                         count(ow, k[1], st[1], pads[1], pads[3], W));
    if (!q) {
      rewriter.replaceOp(op, floatAverage(rewriter, loc, x, outT, k, st, counts));
      return success();
    }
    Value sum = windowSum(rewriter, loc, x, q, outT.getShape(), k, st);
    BodyParams params(rewriter, loc, 4);
    RequantParams rp;
    if (failed(addAverageParams(op, params, q.getScaleOf(0) / o.getScaleOf(0),
                                counts, o, outT,
                                getRoundingOf(op), rp)))
      return failure();
    rewriter.replaceOp(op, emitRequantGeneric(rewriter, loc, sum, outT, params, rp));
    return success();
  }
};

struct GlobalAvgPoolLowering : QNNPattern<GlobalAvgPoolOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(GlobalAvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType q = getQuantElementType(inT), o = getQuantElementType(outT);
    int64_t k[2] = {inT.getDimSize(2), inT.getDimSize(3)};
    int64_t st[2] = {1, 1};
    if (!q) {
      rewriter.replaceOp(op, floatAverage(rewriter, loc, adaptor.getInput(), outT,
                                          k, st, {k[0] * k[1]}));
      return success();
    }
    Value sum = windowSum(rewriter, loc, adaptor.getInput(), q, outT.getShape(),
                          k, st);
    BodyParams params(rewriter, loc, 4);
    RequantParams rp;
    if (failed(addAverageParams(op, params, q.getScaleOf(0) / o.getScaleOf(0),
                                {k[0] * k[1]}, o, outT,
                                getRoundingOf(op), rp)))
      return failure();
    rewriter.replaceOp(op, emitRequantGeneric(rewriter, loc, sum, outT, params, rp));
    return success();
  }
};

struct ConcatLowering : QNNPattern<ConcatOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType o = getQuantElementType(outT);
    int64_t axis = op.getAxis();
    // Stored as i8 codes, or f32 values (a float concat: no requantization).
    Type storage = o ? Type(rewriter.getI8Type()) : Type(rewriter.getF32Type());
    Value result = emptyTensor(rewriter, loc, outT.getShape(), storage);
    int64_t offset = 0;
    for (auto [orig, conv] : llvm::zip(op.getInputs(), adaptor.getInputs())) {
      auto t = cast<RankedTensorType>(orig.getType());
      QuantType q = getQuantElementType(t);
      // Along the quantization axis, input i covers channels
      // [offset, offset + size) of the result's quantization.
      QuantType target = o && o.hasAxis() && o.getAxis() == axis
                             ? o.sliceChannels(offset, t.getDimSize(axis))
                             : o;
      Value v = conv;
      if (o && q != target) {
        auto r = emitRequantize(rewriter, loc, op, conv, t, q, target,
                                std::nullopt, std::nullopt,
                                getRoundingOf(op));
        if (failed(r))
          return failure();
        v = *r;
      }
      SmallVector<OpFoldResult> offs(outT.getRank(), rewriter.getIndexAttr(0));
      offs[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes, strides(outT.getRank(),
                                               rewriter.getIndexAttr(1));
      for (int64_t s : t.getShape())
        sizes.push_back(rewriter.getIndexAttr(s));
      result = tensor::InsertSliceOp::create(rewriter, loc, v, result, offs,
                                             sizes, strides);
      offset += t.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ReshapeLowering : QNNPattern<ReshapeOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inT = cast<RankedTensorType>(adaptor.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    Type i8 = inT.getElementType(); // the storage: i8 codes or f32
    Value flat = flattenTensor(rewriter, loc, adaptor.getInput());
    rewriter.replaceOp(op, unflattenTensor(rewriter, loc, flat,
                                           storageType(outT, i8)));
    return success();
  }
};

/// qnn.lookup_table: the table's stored bytes as a constant, read at the
/// input code minus the input type's smallest code in an elementwise
/// generic (tensor.extract of a value captured from above).
struct LookupTableLowering : QNNPattern<LookupTableOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(LookupTableOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto outT = cast<RankedTensorType>(op.getType());
    QuantType qi = getQuantElementType(op.getInput().getType());
    QuantType qo = getQuantElementType(outT);
    SmallVector<int8_t> bytes;
    for (int64_t v : op.getTable())
      bytes.push_back((int8_t)v);
    Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
    Value table = constantTensor(
        rewriter, loc, RankedTensorType::get({(int64_t)bytes.size()}, i8),
        bytes, "lookup_table");
    int64_t lo = qi.getQMinOf(0);
    bool isSigned = qi.getIsSigned();
    BodyParams params(rewriter, loc, outT.getRank());
    Value r = emitElementwise(
        rewriter, loc, adaptor.getInput(), {}, outT.getShape(), i8, params,
        "lookup_table",
        [&](OpBuilder &bb, Location l, Value x, ValueRange) -> Value {
          Value code = extend(bb, l, x, isSigned, i32);
          if (lo != 0)
            code = arith::SubIOp::create(
                bb, l, code,
                arith::ConstantOp::create(bb, l, bb.getI32IntegerAttr(lo)));
          Value index =
              arith::IndexCastOp::create(bb, l, bb.getIndexType(), code);
          return tensor::ExtractOp::create(bb, l, table, ValueRange{index});
        },
        qo);
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// qnn.pad: tensor.pad with the stored code (or the f32) as its value.
struct PadLowering : QNNPattern<PadOp> {
  using QNNPattern::QNNPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto outT = cast<RankedTensorType>(
        this->getTypeConverter()->convertType(op.getType()));
    TypedAttr value = op.getValue();
    if (auto i = dyn_cast<IntegerAttr>(value))
      value = rewriter.getIntegerAttr(outT.getElementType(), i.getInt());
    Value pv = arith::ConstantOp::create(rewriter, op.getLoc(), value);
    SmallVector<OpFoldResult> low, high;
    for (auto [l, h] : llvm::zip(op.getLow(), op.getHigh())) {
      low.push_back(rewriter.getIndexAttr(l));
      high.push_back(rewriter.getIndexAttr(h));
    }
    rewriter.replaceOp(op, tensor::PadOp::create(rewriter, op.getLoc(), outT,
                                                 adaptor.getInput(), low, high,
                                                 pv));
    return success();
  }
};

/// qnn.transpose, qnn.slice and qnn.resize_nearest: an elementwise copy whose input
/// map reads the source element of each result element.
template <typename OpTy>
struct IndexMapLowering : QNNPattern<OpTy> {
  using QNNPattern<OpTy>::QNNPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto outT = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = op.getContext();
    unsigned rank = outT.getRank();
    SmallVector<AffineExpr> src(rank);
    StringRef kind = "resize_nearest";
    if constexpr (std::is_same_v<OpTy, TransposeOp>) {
      kind = "transpose";
      for (auto [i, p] : llvm::enumerate(op.getPermutation()))
        src[p] = getAffineDimExpr(i, ctx);
    } else if constexpr (std::is_same_v<OpTy, SliceOp>) {
      kind = "slice";
      auto inT = cast<RankedTensorType>(op.getInput().getType());
      for (unsigned i = 0; i < rank; ++i) {
        int64_t start = op.getStarts()[i], step = op.getSteps()[i];
        src[i] = getAffineDimExpr(i, ctx) * step + start;
        // A plain `d` would make linalg take the loop bound from the input's
        // (larger) extent; `d mod extent` reads the same element (d < result
        // extent <= input extent) and leaves the bound to the result.
        if (start == 0 && step == 1 && outT.getDimSize(i) != inT.getDimSize(i))
          src[i] = src[i] % inT.getDimSize(i);
      }
    } else {
      ArrayRef<int64_t> f = op.getFactors();
      src = {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx),
             getAffineDimExpr(2, ctx).floorDiv(f[0]),
             getAffineDimExpr(3, ctx).floorDiv(f[1])};
    }
    BodyParams params(rewriter, op.getLoc(), rank);
    Value r = emitElementwise(
        rewriter, op.getLoc(), adaptor.getInput(), mapOf(ctx, rank, src),
        outT.getShape(),
        cast<RankedTensorType>(adaptor.getInput().getType()).getElementType(),
        params, kind,
        [](OpBuilder &, Location, Value x, ValueRange) { return x; },
        getQuantElementType(outT));
    rewriter.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

struct ConvertQNNToLinalgPass
    : qcc::impl::ConvertQNNToLinalgPassBase<ConvertQNNToLinalgPass> {
  using ConvertQNNToLinalgPassBase::ConvertQNNToLinalgPassBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    if (wordBits != 32 && wordBits != 64) {
      getOperation().emitError("convert-qnn-to-linalg: word-bits must be 32 or 64");
      return signalPassFailure();
    }
    QNNTypeConverter converter;
    converter.wordBits = wordBits;
    converter.addConversion([](Type t) { return t; });
    converter.addConversion([](RankedTensorType t) -> Type {
      Type e = t.getElementType();
      if (auto q = dyn_cast<QuantType>(e))
        return RankedTensorType::get(t.getShape(), q.getStorageType());
      if (Type packed = convertPackedEdgeType(t))
        return packed;
      if (auto i = dyn_cast<IntegerType>(e); i && !i.isSignless())
        return RankedTensorType::get(
            t.getShape(), IntegerType::get(t.getContext(), i.getWidth()));
      return t;
    });
    auto materialize = [](OpBuilder &b, Type t, ValueRange in, Location loc) -> Value {
      return UnrealizedConversionCastOp::create(b, loc, t, in).getResult(0);
    };
    converter.addSourceMaterialization(materialize);
    converter.addTargetMaterialization(materialize);

    ConversionTarget target(*ctx);
    target.addIllegalDialect<QNNDialect>();
    target.addLegalOp<ModuleOp>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect,
                           tensor::TensorDialect>();
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp f) {
      return converter.isSignatureLegal(f.getFunctionType());
    });
    target.addDynamicallyLegalOp<func::ReturnOp>(
        [&](func::ReturnOp r) { return converter.isLegal(r.getOperandTypes()); });

    RewritePatternSet patterns(ctx);
    patterns.add<ConstantLowering, QuantizeLowering,
                 DequantizeLowering, RequantizeLowering, Conv2DLowering,
                 MatMulLowering, AddLowering, MulLowering, MaxPoolLowering,
                 AvgPoolLowering,
                 GlobalAvgPoolLowering, ConcatLowering, ReshapeLowering,
                 LookupTableLowering, IndexMapLowering<TransposeOp>,
                 IndexMapLowering<SliceOp>, PadLowering,
                 IndexMapLowering<ResizeNearestOp>>(
        converter, ctx);
    populateQNNFloatToLinalgPatterns(converter, patterns);
    populateQNNThresholdToLinalgPatterns(converter, patterns);
    populateQNNArgReduceToLinalgPatterns(converter, patterns);
    populateQNNTopKToLinalgPatterns(converter, patterns);
    populateQNNStorageCastToLinalgPatterns(converter, patterns);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    if (failed(applyFullConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
