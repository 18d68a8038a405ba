//===- XnorPopcount.cpp - binary x binary accumulations by popcount -------===//
//
// See Passes.td (XnorPopcountPass) for the packed layout and the identity
// the rewritten body computes.
//
//===----------------------------------------------------------------------===//
#include "qcc/Transforms/Passes.h"
#include "qcc/Support/ElementBytes.h"

#include "mlir/IR/DialectResourceBlobManager.h"

namespace qcc {
#define GEN_PASS_DEF_XNORPOPCOUNTPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

/// The word width for C channels: the widest of 64, 32, 16 and 8 bits that
/// leaves at most C / 16 padding bits (8 always fits: at most 7 wasted).
int64_t wordBitsFor(int64_t C) {
  for (int64_t w : {64, 32, 16})
    if (llvm::divideCeil(C, w) * w - C <= C / 16)
      return w;
  return 8;
}

/// The reduction loop packed into words: it must index the input and the
/// weights each through exactly one plain result, and appear nowhere else
/// in their maps nor in the accumulator's. Among several, the largest.
std::optional<unsigned> packedLoop(linalg::GenericOp g) {
  AffineMap xMap = g.getMatchingIndexingMap(g.getDpsInputOperand(0));
  AffineMap wMap = g.getMatchingIndexingMap(g.getDpsInputOperand(1));
  AffineMap oMap = g.getMatchingIndexingMap(g.getDpsInitOperand(0));
  auto iters = g.getIteratorTypesArray();
  auto plainIn = [](AffineMap m, unsigned d) -> std::optional<unsigned> {
    std::optional<unsigned> pos;
    for (auto [i, e] : llvm::enumerate(m.getResults())) {
      if (!e.isFunctionOfDim(d))
        continue;
      if (pos || !isa<AffineDimExpr>(e))
        return std::nullopt;
      pos = i;
    }
    return pos;
  };
  auto xT = cast<RankedTensorType>(g.getDpsInputOperand(0)->get().getType());
  std::optional<unsigned> best;
  int64_t bestExtent = 0;
  for (unsigned d = 0; d < g.getNumLoops(); ++d) {
    if (iters[d] != utils::IteratorType::reduction)
      continue;
    auto xi = plainIn(xMap, d);
    if (!xi || !plainIn(wMap, d) || llvm::any_of(oMap.getResults(), [&](AffineExpr e) {
          return e.isFunctionOfDim(d);
        }))
      continue;
    if (xT.getDimSize(*xi) > bestExtent) {
      best = d;
      bestExtent = xT.getDimSize(*xi);
    }
  }
  return best;
}

/// The index of the result of `m` that is the plain loop dim `d`.
unsigned resultOf(AffineMap m, unsigned d) {
  for (auto [i, e] : llvm::enumerate(m.getResults()))
    if (e == getAffineDimExpr(d, m.getContext()))
      return i;
  llvm_unreachable("dim is not a plain result");
}

SmallVector<int64_t> wordShape(RankedTensorType t, unsigned dim, int64_t W) {
  SmallVector<int64_t> s(t.getShape());
  s[dim] = llvm::divideCeil(s[dim], W);
  return s;
}

/// Weights [.., C, ..] (+-1 per byte) -> [.., CW, ..] of W-bit words, bit
/// b of word w set when channel W w + b is -1.
Value packWeights(OpBuilder &b, Location loc, RankedTensorType wT,
                  ArrayRef<int8_t> values, unsigned dim, int64_t W) {
  SmallVector<int64_t> shape = wordShape(wT, dim, W);
  int64_t C = wT.getDimSize(dim), CW = shape[dim];
  int64_t inner = 1;
  for (unsigned i = dim + 1; i < wT.getRank(); ++i)
    inner *= wT.getDimSize(i);
  int64_t outer = wT.getNumElements() / std::max<int64_t>(C * inner, 1);
  std::vector<uint64_t> words(outer * CW * inner, 0);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t i = 0; i < inner; ++i)
        if (values[(o * C + c) * inner + i] < 0)
          words[(o * CW + c / W) * inner + i] |= uint64_t(1) << (c % W);
  // Little-endian bytes of each W-bit word.
  std::vector<char> raw;
  for (uint64_t word : words)
    for (int64_t byte = 0; byte < W / 8; ++byte)
      raw.push_back((char)(word >> (8 * byte)));
  auto t = RankedTensorType::get(shape, b.getIntegerType(W));
  auto attr = DenseResourceElementsAttr::get(
      t, "xnor_weights",
      HeapAsmResourceBlob::allocateAndCopyWithAlign(raw, W / 8));
  return arith::ConstantOp::create(b, loc, cast<TypedAttr>(Attribute(attr)));
}

/// Input x [.., C, ..] (i8 in {-1, 0, +1}) -> sign and mask words
/// [.., CW, ..] of W bits: one generic, the channel loop a reduction.
std::pair<Value, Value> packInput(OpBuilder &b, Location loc, Value x,
                                  unsigned dim, int64_t W) {
  MLIRContext *ctx = b.getContext();
  auto xT = cast<RankedTensorType>(x.getType());
  unsigned rank = xT.getRank();
  Type iW = b.getIntegerType(W);
  SmallVector<int64_t> shape = wordShape(xT, dim, W);
  auto zeros = [&]() {
    Value e = tensor::EmptyOp::create(b, loc, shape, iW);
    Value z = arith::ConstantOp::create(b, loc, b.getIntegerAttr(iW, 0));
    return linalg::FillOp::create(b, loc, z, e).getResult(0);
  };
  SmallVector<AffineExpr> outExprs;
  for (unsigned i = 0; i < rank; ++i)
    outExprs.push_back(i == dim ? getAffineDimExpr(i, ctx).floorDiv(W)
                                : getAffineDimExpr(i, ctx));
  AffineMap id = b.getMultiDimIdentityMap(rank);
  AffineMap out = AffineMap::get(rank, 0, outExprs, ctx);
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  iters[dim] = utils::IteratorType::reduction;
  Value sInit = zeros(), mInit = zeros();
  auto pack = linalg::GenericOp::create(
      b, loc, TypeRange{sInit.getType(), mInit.getType()}, ValueRange{x},
      ValueRange{sInit, mInit}, ArrayRef<AffineMap>{id, out, out}, iters,
      [&](OpBuilder &bb, Location l, ValueRange args) {
        Value bit = arith::IndexCastOp::create(
            bb, l, iW,
            arith::RemUIOp::create(bb, l, linalg::IndexOp::create(bb, l, dim),
                                   arith::ConstantIndexOp::create(bb, l, W)));
        Value one = arith::ShLIOp::create(
            bb, l, arith::ConstantOp::create(bb, l, bb.getIntegerAttr(iW, 1)), bit);
        Value zeroW = arith::ConstantOp::create(bb, l, bb.getIntegerAttr(iW, 0));
        Value zero8 = arith::ConstantOp::create(bb, l, bb.getI8IntegerAttr(0));
        auto setIf = [&](arith::CmpIPredicate p, Value word) -> Value {
          Value c = arith::CmpIOp::create(bb, l, p, args[0], zero8);
          return arith::OrIOp::create(
              bb, l, word, arith::SelectOp::create(bb, l, c, one, zeroW));
        };
        linalg::YieldOp::create(
            bb, l, ValueRange{setIf(arith::CmpIPredicate::slt, args[1]),
                              setIf(arith::CmpIPredicate::ne, args[2])});
      });
  pack->setAttr("qcc.kernel", StringAttr::get(ctx, "pack_bits"));
  return {pack.getResult(0), pack.getResult(1)};
}

LogicalResult rewrite(linalg::GenericOp g) {
  if (g.getNumDpsInputs() != 2 || g.getNumDpsInits() != 1 ||
      !getElementTypeOrSelf(g.getDpsInitOperand(0)->get().getType()).isInteger(32))
    return g.emitOpError() << "is not a binary accumulation (x, w -> i32)";
  Value x = g.getDpsInputOperand(0)->get();
  OpOperand *wOpd = g.getDpsInputOperand(1);
  auto xT = dyn_cast<RankedTensorType>(x.getType());
  auto wT = dyn_cast<RankedTensorType>(wOpd->get().getType());
  auto values = qcc::getConstantElementBytes(wOpd->get());
  if (!xT || !wT || !values || !xT.getElementType().isInteger(8))
    return g.emitOpError() << "binary weights are not an i8 constant";
  if (llvm::any_of(*values, [](int8_t v) { return v != 1 && v != -1; }))
    return g.emitOpError() << "bipolar weights hold a value other than +-1";
  std::optional<unsigned> loop = packedLoop(g);
  if (!loop)
    return g.emitOpError() << "no reduction dim indexes both input and weights";

  AffineMap xMap = g.getMatchingIndexingMap(g.getDpsInputOperand(0));
  AffineMap wMap = g.getMatchingIndexingMap(wOpd);
  AffineMap oMap = g.getMatchingIndexingMap(g.getDpsInitOperand(0));
  OpBuilder b(g);
  Location loc = g.getLoc();
  int64_t W = wordBitsFor(xT.getDimSize(resultOf(xMap, *loop)));
  Value wp = packWeights(b, loc, wT, *values, resultOf(wMap, *loop), W);
  auto [xs, xm] = packInput(b, loc, x, resultOf(xMap, *loop), W);
  Value acc = g.getDpsInitOperand(0)->get();
  auto xnor = linalg::GenericOp::create(
      b, loc, acc.getType(), ValueRange{xs, xm, wp}, acc,
      ArrayRef<AffineMap>{xMap, xMap, wMap, oMap}, g.getIteratorTypesArray(),
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value diff = arith::AndIOp::create(
            bb, l, arith::XOrIOp::create(bb, l, a[0], a[2]), a[1]);
        Value n = math::CtPopOp::create(bb, l, a[1]);
        Value d = math::CtPopOp::create(bb, l, diff);
        Value one = arith::ConstantOp::create(bb, l, bb.getIntegerAttr(a[0].getType(), 1));
        Value sum = arith::SubIOp::create(bb, l, n,
                                          arith::ShLIOp::create(bb, l, d, one));
        // |sum| <= W: exact in the word type, then to i32.
        Type i32 = bb.getI32Type();
        Value s32 = W > 32 ? Value(arith::TruncIOp::create(bb, l, i32, sum))
                    : W < 32 ? Value(arith::ExtSIOp::create(bb, l, i32, sum))
                             : sum;
        linalg::YieldOp::create(bb, l, ValueRange{arith::AddIOp::create(bb, l, a[3], s32)});
      });
  for (NamedAttribute a : g->getDiscardableAttrs())
    if (a.getName() != "qcc.conv_params" && a.getName() != qcc::kWeightBitsAttr &&
        a.getName() != qcc::kWeightKindAttr && a.getName() != qcc::kInputKindAttr)
      xnor->setAttr(a.getName(), a.getValue());
  xnor->setAttr("qcc.xnor_popcount", UnitAttr::get(g.getContext()));
  g.getResult(0).replaceAllUsesWith(xnor.getResult(0));
  g.erase();
  return success();
}

struct XnorPopcountPass : qcc::impl::XnorPopcountPassBase<XnorPopcountPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> todo;
    getOperation().walk([&](linalg::GenericOp g) {
      auto w = g->getAttrOfType<StringAttr>(qcc::kWeightKindAttr);
      auto x = g->getAttrOfType<StringAttr>(qcc::kInputKindAttr);
      if (w && x && w.getValue() == "bipolar" && x.getValue() == "bipolar")
        todo.push_back(g);
    });
    for (linalg::GenericOp g : todo)
      if (failed(rewrite(g)))
        return signalPassFailure();
  }
};

} // namespace
