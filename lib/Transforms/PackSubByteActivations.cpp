//===- PackSubByteActivations.cpp - 1/2/4-bit activations stored packed ---===//
//
// See Passes.td (PackSubByteActivationsPass) for what is packed and when.
//
//===----------------------------------------------------------------------===//
#include "qcc/Transforms/Passes.h"
#include "qcc/Transforms/SubByte.h"

#include "llvm/ADT/SetVector.h"

namespace qcc {
#define GEN_PASS_DEF_PACKSUBBYTEACTIVATIONSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

/// One reader of the activation: operand `operand` of a linalg.generic,
/// reached through an optional spatial tensor.pad and an optional
/// tensor.expand_shape of the channels into groups (a convolution's input).
struct Reader {
  OpOperand *operand;
  tensor::PadOp pad;            // may be null
  tensor::ExpandShapeOp expand; // may be null
};

/// A spatial-only static pad whose constant value fits a `bits`-wide
/// field of `kind` (so a byte can repeat it).
bool isPackablePad(tensor::PadOp pad, int64_t bits, StringRef kind) {
  if (!pad.getConstantPaddingValue() || !pad.getResultType().hasStaticShape())
    return false;
  auto v = getConstantIntValue(pad.getConstantPaddingValue());
  if (!v)
    return false;
  int64_t x = (int8_t)*v;
  bool fits = kind == "signed" ? x >= -(int64_t(1) << (bits - 1)) &&
                                     x < (int64_t(1) << (bits - 1))
                               : x >= 0 && x < (int64_t(1) << bits);
  if (!fits)
    return false;
  for (int i = 0; i < 2; ++i)
    if (pad.getStaticLow()[i] != 0 || pad.getStaticHigh()[i] != 0)
      return false;
  return llvm::none_of(pad.getStaticLow(), ShapedType::isDynamic) &&
         llvm::none_of(pad.getStaticHigh(), ShapedType::isDynamic);
}

/// The loop dim of result `pos` (the channels) of the operand's map, if it
/// is a plain dim used nowhere else in that map and some other operand
/// indexes it plainly too (so the loop bound survives once this operand
/// indexes it `floordiv k`).
std::optional<unsigned> channelLoop(OpOperand &o, unsigned pos) {
  auto g = cast<linalg::GenericOp>(o.getOwner());
  AffineMap m = g.getMatchingIndexingMap(&o);
  if (pos >= m.getNumResults())
    return std::nullopt;
  auto d = dyn_cast<AffineDimExpr>(m.getResult(pos));
  if (!d)
    return std::nullopt;
  for (auto [i, e] : llvm::enumerate(m.getResults()))
    if (i != pos && e.isFunctionOfDim(d.getPosition()))
      return std::nullopt;
  for (OpOperand &other : g->getOpOperands())
    if (&other != &o &&
        llvm::is_contained(g.getMatchingIndexingMap(&other).getResults(), d))
      return d.getPosition();
  return std::nullopt;
}

/// A generic that can read the operand packed: an input whose channel
/// result is a plain loop dim (see channelLoop), and not an XNOR-popcount
/// accumulation or its bit packer (those read bipolar values).
bool canRead(OpOperand &o, unsigned pos) {
  auto g = dyn_cast<linalg::GenericOp>(o.getOwner());
  if (!g || !g.isDpsInput(&o) || g->hasAttr("qcc.xnor_popcount"))
    return false;
  if (auto k = g->getAttrOfType<StringAttr>("qcc.kernel"); k && k.getValue() == "pack_bits")
    return false;
  return channelLoop(o, pos).has_value();
}

/// Collects the readers of `x` (NCHW i8, or its padded copy `pad`) into
/// `out`; false if some use cannot read it packed (or a padding value does
/// not fit the field).
bool collectReaders(Value x, tensor::PadOp pad, int64_t bits, StringRef kind,
                    SmallVector<Reader> &out) {
  int64_t k = 8 / bits;
  for (OpOperand &u : x.getUses()) {
    if (auto e = dyn_cast<tensor::ExpandShapeOp>(u.getOwner())) {
      auto t = e.getResultType();
      if (t.getRank() != 5 || t.getDimSize(2) % k != 0 ||
          e.getReassociationIndices() !=
              SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}})
        return false;
      for (OpOperand &eu : e->getUses()) {
        if (!canRead(eu, 2))
          return false;
        out.push_back({&eu, pad, e});
      }
    } else if (auto p = dyn_cast<tensor::PadOp>(u.getOwner())) {
      if (pad || !isPackablePad(p, bits, kind) ||
          !collectReaders(p.getResult(), p, bits, kind, out))
        return false;
    } else if (canRead(u, 1)) {
      out.push_back({&u, pad, nullptr});
    } else {
      return false;
    }
  }
  return true;
}

/// The producer [N, C, H, W] -> [N, C / k, H, W]: loops n c' h w | j with
/// c = c' k + j; each value is or-ed into its byte at bits j * bits.
Value packProducer(OpBuilder &b, linalg::GenericOp g, int64_t bits) {
  MLIRContext *ctx = b.getContext();
  Location loc = g.getLoc();
  int64_t k = 8 / bits;
  auto outT = cast<RankedTensorType>(g.getResult(0).getType());
  SmallVector<int64_t> shape(outT.getShape());
  shape[1] /= k;
  Type i8 = b.getI8Type();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineMap split = AffineMap::get(5, 0, {d(0), d(1) * k + d(4), d(2), d(3)}, ctx);
  SmallVector<AffineMap> maps;
  SmallVector<Value> ins;
  for (OpOperand *in : g.getDpsInputOperands()) {
    ins.push_back(in->get());
    maps.push_back(g.getMatchingIndexingMap(in).compose(split));
  }
  SmallVector<int8_t> shifts;
  for (int64_t j = 0; j < k; ++j)
    shifts.push_back(j * bits);
  ins.push_back(arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(RankedTensorType::get({k}, i8),
                                     ArrayRef<int8_t>(shifts))));
  maps.push_back(AffineMap::get(5, 0, {d(4)}, ctx));
  maps.push_back(AffineMap::get(5, 0, {d(0), d(1), d(2), d(3)}, ctx));
  Value zero = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
  Value empty = tensor::EmptyOp::create(b, loc, shape, i8);
  Value init = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
  iters.push_back(utils::IteratorType::reduction);
  Block &old = g.getRegion().front();
  auto packed = linalg::GenericOp::create(
      b, loc, init.getType(), ins, init, maps, iters,
      [&](OpBuilder &bb, Location l, ValueRange args) {
        IRMapping map;
        unsigned nIn = g.getNumDpsInputs();
        for (unsigned i = 0; i < nIn; ++i)
          map.map(old.getArgument(i), args[i]);
        map.map(old.getArgument(nIn), args.back());
        for (Operation &op : old.without_terminator())
          bb.clone(op, map);
        // The yielded value may be defined above the body (a constant a
        // folded lookup table yields for every code).
        Value v = map.lookupOrDefault(old.getTerminator()->getOperand(0));
        Value mask = arith::ConstantOp::create(bb, l, bb.getI8IntegerAttr((1 << bits) - 1));
        Value field = arith::ShLIOp::create(
            bb, l, arith::AndIOp::create(bb, l, v, mask), args[nIn]);
        linalg::YieldOp::create(bb, l, ValueRange{arith::OrIOp::create(bb, l, args.back(), field)});
      });
  for (NamedAttribute a : g->getDiscardableAttrs())
    if (a.getName() != "qcc.out_bits" && a.getName() != "qcc.out_kind")
      packed->setAttr(a.getName(), a.getValue());
  packed->setAttr("qcc.packed_bits", b.getI64IntegerAttr(bits));
  return packed.getResult(0);
}

/// The stored pad value repeated in every field of a byte.
int8_t repeatField(int64_t v, int64_t bits) {
  uint8_t byte = 0;
  for (int64_t j = 0; j < 8 / bits; ++j)
    byte |= (uint8_t)((v & ((1 << bits) - 1)) << (j * bits));
  return (int8_t)byte;
}

/// Points one reader at the packed value (through a packed pad and
/// expand_shape, made once per original op) and unpacks in its body.
void rewriteReader(OpBuilder &b, Reader r, Value packed, int64_t bits,
                   StringRef kind, DenseMap<Operation *, Value> &made) {
  int64_t k = 8 / bits;
  Value src = packed;
  if (r.pad) {
    Value &np = made[r.pad];
    if (!np) {
      b.setInsertionPoint(r.pad);
      auto pv = getConstantIntValue(r.pad.getConstantPaddingValue());
      SmallVector<int64_t> shape(r.pad.getResultType().getShape());
      shape[1] /= k;
      Value c = arith::ConstantOp::create(
          b, r.pad.getLoc(), b.getI8IntegerAttr(repeatField(*pv, bits)));
      np = tensor::PadOp::create(
          b, r.pad.getLoc(), RankedTensorType::get(shape, b.getI8Type()), packed,
          r.pad.getMixedLowPad(), r.pad.getMixedHighPad(), c);
    }
    src = np;
  }
  unsigned pos = 1;
  if (r.expand) {
    Value &ne = made[r.expand];
    if (!ne) {
      b.setInsertionPoint(r.expand);
      SmallVector<int64_t> shape(r.expand.getResultType().getShape());
      shape[2] /= k;
      ne = tensor::ExpandShapeOp::create(
          b, r.expand.getLoc(), RankedTensorType::get(shape, b.getI8Type()), src,
          r.expand.getReassociationIndices());
    }
    src = ne;
    pos = 2;
  }
  auto g = cast<linalg::GenericOp>(r.operand->getOwner());
  unsigned c = *channelLoop(*r.operand, pos);
  unsigned idx = r.operand->getOperandNumber();
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  MLIRContext *ctx = b.getContext();
  maps[idx] = maps[idx].replace(getAffineDimExpr(c, ctx),
                                getAffineDimExpr(c, ctx).floorDiv(k),
                                maps[idx].getNumDims(), 0);
  g.setIndexingMapsAttr(b.getAffineMapArrayAttr(maps));
  r.operand->set(src);
  qcc::unpackBlockArgument(g.getRegion().front().getArgument(idx), c, bits,
                           kind, g.getLoc());
  if (auto p = g->getAttrOfType<DictionaryAttr>("qcc.conv_params"); p && idx == 0) {
    NamedAttrList params(p);
    params.set("x_bits", b.getI64IntegerAttr(bits));
    params.set("x_kind", b.getStringAttr(kind));
    g->setAttr("qcc.conv_params", params.getDictionary(ctx));
  }
}

struct PackSubByteActivationsPass
    : qcc::impl::PackSubByteActivationsPassBase<PackSubByteActivationsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> producers;
    getOperation().walk([&](linalg::GenericOp g) {
      if (g->hasAttr("qcc.out_bits"))
        producers.push_back(g);
    });
    for (linalg::GenericOp g : producers) {
      auto bitsAttr = g->getAttrOfType<IntegerAttr>("qcc.out_bits");
      auto kindAttr = g->getAttrOfType<StringAttr>("qcc.out_kind");
      g->removeAttr("qcc.out_bits");
      g->removeAttr("qcc.out_kind");
      int64_t bits = bitsAttr ? bitsAttr.getInt() : 8;
      if (!kindAttr || !llvm::is_contained({1, 2, 4}, bits) ||
          !llvm::is_contained({"signed", "unsigned"}, kindAttr.getValue()) ||
          g.getNumDpsInits() != 1 || g.getNumResults() != 1 ||
          !g.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>() ||
          g.getNumReductionLoops() != 0 || g.getNumLoops() != 4 ||
          !g.getMatchingIndexingMap(g.getDpsInitOperand(0)).isIdentity() ||
          !g.getRegion().front().getOps<linalg::IndexOp>().empty())
        continue;
      auto t = cast<RankedTensorType>(g.getResult(0).getType());
      int64_t k = 8 / bits;
      if (!t.hasStaticShape() || t.getDimSize(1) % k != 0)
        continue;
      SmallVector<Reader> rs;
      if (g.getResult(0).use_empty() ||
          !collectReaders(g.getResult(0), nullptr, bits, kindAttr.getValue(), rs))
        continue;
      OpBuilder b(g);
      Value packed = packProducer(b, g, bits);
      DenseMap<Operation *, Value> made;
      for (Reader r : rs)
        rewriteReader(b, r, packed, bits, kindAttr.getValue(), made);
      // The old expand_shapes, then pads, then the producer are dead now.
      llvm::SetVector<Operation *> dead;
      for (Reader r : rs)
        if (r.expand)
          dead.insert(r.expand);
      for (Reader r : rs)
        if (r.pad)
          dead.insert(r.pad);
      for (Operation *op : dead)
        if (op->use_empty())
          op->erase();
      if (g->use_empty())
        g->erase();
    }
  }
};

} // namespace
