//===- RequantKernel.cpp - requantize a row with the runtime kernel -------===//
#include "RequantKernel.h"
#include "LibraryKernels.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <climits>

using namespace mlir;

namespace {

/// The value of an operand of the requantization's body for one output
/// channel: constants, inputs that are constant globals indexed by the
/// channel's loop dim alone (or not at all), and integer arith ops of
/// those, evaluated exactly as APInt.
class ChannelValues {
public:
  ChannelValues(linalg::GenericOp op, unsigned channelDim)
      : op(op), channelDim(channelDim) {}

  std::optional<APInt> get(Value v, int64_t channel) const {
    APInt c;
    if (matchPattern(v, m_ConstantInt(&c)))
      return c;
    if (auto arg = dyn_cast<BlockArgument>(v))
      return input(arg, channel);
    Operation *def = v.getDefiningOp();
    if (!def || def->getBlock() != op.getBody())
      return std::nullopt;
    auto operand = [&](unsigned i) { return get(def->getOperand(i), channel); };
    unsigned width = v.getType().getIntOrFloatBitWidth();
    if (isa<arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp>(def)) {
      auto a = operand(0);
      if (!a)
        return std::nullopt;
      if (isa<arith::ExtSIOp>(def))
        return a->sext(width);
      return isa<arith::ExtUIOp>(def) ? a->zext(width) : a->trunc(width);
    }
    if (def->getNumOperands() != 2)
      return std::nullopt;
    auto a = operand(0), b = operand(1);
    if (!a || !b)
      return std::nullopt;
    bool shiftInRange = b->ult(width);
    return llvm::TypeSwitch<Operation *, std::optional<APInt>>(def)
        .Case([&](arith::AddIOp) { return *a + *b; })
        .Case([&](arith::SubIOp) { return *a - *b; })
        .Case([&](arith::MulIOp) { return *a * *b; })
        .Case([&](arith::AndIOp) { return *a & *b; })
        .Case([&](arith::ShLIOp) -> std::optional<APInt> {
          if (!shiftInRange)
            return std::nullopt;
          return a->shl(*b);
        })
        .Case([&](arith::ShRSIOp) -> std::optional<APInt> {
          if (!shiftInRange)
            return std::nullopt;
          return a->ashr(*b);
        })
        .Default([](Operation *) { return std::nullopt; });
  }

private:
  /// Input `arg` (not the accumulator, not the output) for `channel`.
  std::optional<APInt> input(BlockArgument arg, int64_t channel) const {
    unsigned i = arg.getArgNumber();
    if (arg.getOwner() != op.getBody() || i == 0 || i >= op.getNumDpsInputs())
      return std::nullopt;
    OpOperand *operand = op.getDpsInputOperand(i);
    auto gg = operand->get().getDefiningOp<memref::GetGlobalOp>();
    auto type = dyn_cast<MemRefType>(operand->get().getType());
    if (!gg || !type || !type.hasStaticShape() || !type.getLayout().isIdentity())
      return std::nullopt;
    auto global =
        SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(gg, gg.getNameAttr());
    if (!global || !global.getConstant() || !global.getInitialValue())
      return std::nullopt;
    auto values = dyn_cast<DenseIntElementsAttr>(*global.getInitialValue());
    if (!values)
      return std::nullopt;
    // The element's row-major index, every map result the channel dim or
    // a constant.
    AffineMap map = op.getMatchingIndexingMap(operand);
    int64_t linear = 0;
    for (auto [e, size] : llvm::zip(map.getResults(), type.getShape())) {
      int64_t at;
      if (auto d = dyn_cast<AffineDimExpr>(e)) {
        if (d.getPosition() != channelDim)
          return std::nullopt;
        at = channel;
      } else if (auto k = dyn_cast<AffineConstantExpr>(e)) {
        at = k.getValue();
      } else {
        return std::nullopt;
      }
      if (at < 0 || at >= size)
        return std::nullopt;
      linear = linear * size + at;
    }
    if (values.isSplat())
      return values.getSplatValue<APInt>();
    return *(values.value_begin<APInt>() + linear);
  }

  mutable linalg::GenericOp op;
  unsigned channelDim;
};

/// `v` defined by an OpTy whose operands are {a, b} in either order, with
/// `isA` telling which is a; returns (op, a, b).
template <typename OpTy, typename Pred>
std::optional<std::tuple<OpTy, Value, Value>> commuted(Value v, Pred isA) {
  auto op = v.getDefiningOp<OpTy>();
  if (!op)
    return std::nullopt;
  if (isA(op.getLhs()))
    return std::make_tuple(op, op.getLhs(), op.getRhs());
  if (isA(op.getRhs()))
    return std::make_tuple(op, op.getRhs(), op.getLhs());
  return std::nullopt;
}

} // namespace

std::optional<std::vector<int32_t>>
qcc::matchFixedPointRequant(linalg::GenericOp requant) {
  Block *body = requant.getBody();
  if (requant.getNumDpsInits() != 1 || requant.getNumLoops() != 4 ||
      !requant.getBody()->getOps<linalg::IndexOp>().empty())
    return std::nullopt;
  // The output's pixels contiguous, as the kernel writes them.
  auto oT = dyn_cast<MemRefType>(requant.getDpsInits()[0].getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!oT || oT.getRank() != 4 ||
      failed(oT.getStridesAndOffset(strides, offset)) || strides[3] != 1)
    return std::nullopt;
  auto ranges = requant.getStaticLoopRanges();
  int64_t F = ranges[1];
  if (ShapedType::isDynamic(F) || body->getNumArguments() < 2)
    return std::nullopt;
  BlockArgument acc = body->getArgument(0);
  if (!acc.getType().isInteger(32))
    return std::nullopt;
  ChannelValues values(requant, /*channelDim=*/1);
  auto constantIn = [&](Value v) { return values.get(v, 0).has_value(); };
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto trunc = yield.getValues()[0].getDefiningOp<arith::TruncIOp>();
  if (!trunc || !trunc.getType().isInteger(8) ||
      !trunc.getIn().getType().isInteger(64))
    return std::nullopt;
  // trunci(minsi(maxsi(z, lo), hi))
  auto mn = commuted<arith::MinSIOp>(trunc.getIn(),
                                     [&](Value v) { return !constantIn(v); });
  if (!mn)
    return std::nullopt;
  auto [minOp, mx, hiV] = *mn;
  auto mxm = commuted<arith::MaxSIOp>(mx, [&](Value v) { return !constantIn(v); });
  if (!mxm)
    return std::nullopt;
  auto [maxOp, z, loV] = *mxm;
  // z = addi(r, zp) or r
  Value r = z, zpV;
  if (auto add = commuted<arith::AddIOp>(
          z, [](Value v) { return (bool)v.getDefiningOp<arith::ShRSIOp>(); }))
    std::tie(std::ignore, r, zpV) = *add;
  if (zpV && !constantIn(zpV))
    return std::nullopt;
  // r = shrsi(biased, s); biased = addi(prod, addi(odd, h))
  auto shift = r.getDefiningOp<arith::ShRSIOp>();
  if (!shift)
    return std::nullopt;
  Value sV = shift.getRhs();
  auto biased = commuted<arith::AddIOp>(shift.getLhs(), [&](Value v) {
    auto mul = v.getDefiningOp<arith::MulIOp>();
    return mul && (mul.getLhs().getDefiningOp<arith::ExtSIOp>() ||
                   mul.getRhs().getDefiningOp<arith::ExtSIOp>());
  });
  if (!biased)
    return std::nullopt;
  auto [biasedOp, prod, k] = *biased;
  auto mulm = commuted<arith::MulIOp>(prod, [&](Value v) {
    auto ext = v.getDefiningOp<arith::ExtSIOp>();
    return ext && ext.getIn() == acc;
  });
  if (!mulm)
    return std::nullopt;
  auto [mulOp, extAcc, mV] = *mulm;
  auto kOdd = commuted<arith::AddIOp>(k, [&](Value v) {
    return (bool)v.getDefiningOp<arith::AndIOp>();
  });
  if (!kOdd)
    return std::nullopt;
  auto [kOp, oddV, hV] = *kOdd;
  Value product = prod;
  auto oddm = commuted<arith::AndIOp>(oddV, [&](Value v) {
    auto sh = v.getDefiningOp<arith::ShRSIOp>();
    return sh && sh.getLhs() == product;
  });
  if (!oddm)
    return std::nullopt;
  auto [andOp, floorV, oneV] = *oddm;
  Value s2V = floorV.getDefiningOp<arith::ShRSIOp>().getRhs();

  std::vector<int32_t> out(7 * F);
  for (int64_t c = 0; c < F; ++c) {
    auto m = values.get(mV, c), s = values.get(sV, c), s2 = values.get(s2V, c),
         h = values.get(hV, c), one = values.get(oneV, c),
         lo = values.get(loV, c), hi = values.get(hiV, c);
    std::optional<APInt> zp = zpV ? values.get(zpV, c) : APInt(64, 0);
    if (!m || !s || !s2 || !h || !one || !lo || !hi || !zp)
      return std::nullopt;
    int64_t mi = m->getSExtValue(), si = s->getSExtValue(),
            zi = zp->getSExtValue(), li = lo->getSExtValue(),
            hi_ = hi->getSExtValue();
    // The kernel's limits (qcc_ukernel.h).
    if (mi < 0 || mi >= (int64_t(1) << 31) || si < 1 || si > 61 ||
        s2->getSExtValue() != si || one->getSExtValue() != 1 ||
        h->getSExtValue() != (int64_t(1) << (si - 1)) - 1 || li < -128 ||
        hi_ > 255 || li > hi_ || zi < -(1 << 16) || zi > (1 << 16))
      return std::nullopt;
    // Accumulators below amin (above amax) all give lo (hi): round(acc *
    // mult / 2^shift) is monotone, and exact at the bounds' multiples.
    int64_t amin = INT32_MIN, amax = INT32_MAX;
    if (mi > 0) {
      __int128 lo2 = (__int128)(li - zi) << si, hi2 = (__int128)(hi_ - zi) << si;
      __int128 qlo = lo2 / mi - (lo2 % mi < 0 ? 1 : 0);
      __int128 qhi = hi2 / mi + (hi2 % mi > 0 ? 1 : 0);
      amin = (int64_t)std::clamp<__int128>(qlo, INT32_MIN, INT32_MAX);
      amax = (int64_t)std::clamp<__int128>(qhi, INT32_MIN, INT32_MAX);
    }
    // acc * mult exact in double for every acc the kernel multiplies.
    if ((__int128)std::max(amax, -amin) * mi >= ((__int128)1 << 53))
      return std::nullopt;
    out[c] = (int32_t)mi;
    out[F + c] = (int32_t)si;
    out[2 * F + c] = (int32_t)zi;
    out[3 * F + c] = (int32_t)li;
    out[4 * F + c] = (int32_t)hi_;
    out[5 * F + c] = (int32_t)amin;
    out[6 * F + c] = (int32_t)amax;
  }
  return out;
}

Value qcc::addRequantParamsGlobal(OpBuilder &b, Operation *anchor,
                                  ArrayRef<int32_t> params) {
  auto type = MemRefType::get({(int64_t)params.size()}, b.getI32Type());
  return qcc::addConstantGlobal(
      b, anchor, "__qcc_uk_requant_params", type,
      DenseElementsAttr::get(
          RankedTensorType::get(type.getShape(), b.getI32Type()), params));
}

void qcc::emitRequantRowCall(OpBuilder &b, Location loc,
                                      linalg::GenericOp requant, Value scratch,
                                      Value params, Value n, Value c0,
                                      Value oh, int64_t C, int64_t OW,
                                      int64_t F) {
  Value out = requant.getDpsInits()[0];
  auto module = requant->getParentOfType<ModuleOp>();
  Type i64 = b.getI64Type();
  auto p8 = MemRefType::get({}, b.getI8Type());
  auto p32 = MemRefType::get({}, b.getI32Type());
  func::FuncOp callee = qcc::declareKernel(
      module, "qcc_uk_requant_row_i8",
      {p32, i64, i64, i64, p32, i64, i64, p8, i64, i64});
  auto meta = [&](Value m) {
    return memref::ExtractStridedMetadataOp::create(b, loc, m);
  };
  auto toI64 = [&](Value v) -> Value {
    return arith::IndexCastOp::create(b, loc, i64, v);
  };
  auto i64c = [&](int64_t v) -> Value {
    return arith::ConstantIntOp::create(b, loc, i64, v);
  };
  auto add = [&](Value a, Value c) -> Value {
    return arith::AddIOp::create(b, loc, a, c);
  };
  auto mul = [&](Value a, Value c) -> Value {
    return arith::MulIOp::create(b, loc, a, c);
  };
  auto sm = meta(scratch), pm = meta(params), om = meta(out);
  Value outOff =
      add(om.getOffset(),
          add(mul(n, om.getStrides()[0]),
              add(mul(c0, om.getStrides()[1]), mul(oh, om.getStrides()[2]))));
  func::CallOp::create(
      b, loc, callee,
      ValueRange{sm.getBaseBuffer(), toI64(sm.getOffset()), i64c(OW), i64c(C),
                 pm.getBaseBuffer(), toI64(add(pm.getOffset(), c0)), i64c(F),
                 om.getBaseBuffer(), toI64(outOff),
                 toI64(om.getStrides()[1])});
}
