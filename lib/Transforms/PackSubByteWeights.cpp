//===- PackSubByteWeights.cpp - 1/2/4-bit weights stored at their width ---===//
//
// See Passes.td (PackSubByteWeightsPass) for the packed layout.
//
//===----------------------------------------------------------------------===//
#include "qcc/Transforms/Passes.h"
#include "qcc/Support/ElementBytes.h"
#include "qcc/Transforms/SubByte.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace qcc {
#define GEN_PASS_DEF_PACKSUBBYTEWEIGHTSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

LogicalResult packWeights(linalg::GenericOp g) {
  int64_t bits = g->getAttrOfType<IntegerAttr>(qcc::kWeightBitsAttr).getInt();
  StringRef kind = g->getAttrOfType<StringAttr>(qcc::kWeightKindAttr).getValue();
  if (bits != 1 && bits != 2 && bits != 4)
    return g.emitOpError() << "cannot pack " << bits << "-bit weights";
  if (g.getNumDpsInputs() < 2)
    return g.emitOpError() << "has no weight operand to pack";
  OpOperand *wOpd = g.getDpsInputOperand(1);
  auto wT = dyn_cast<RankedTensorType>(wOpd->get().getType());
  auto values = qcc::getConstantElementBytes(wOpd->get());
  if (!wT || !values)
    return g.emitOpError() << "weights to pack are not a constant";

  // The packed dim: a weight dim indexed by a loop dim `d` that some other
  // operand also indexes directly (so loop bounds stay computable from the
  // shapes); preferably one whose extent is a multiple of k, then the
  // largest. It moves innermost; each row of it is packed into bytes.
  int64_t k = 8 / bits;
  AffineMap wMap = g.getMatchingIndexingMap(wOpd);
  auto indexedElsewhere = [&](unsigned d) {
    for (OpOperand &o : g->getOpOperands())
      if (&o != wOpd &&
          llvm::is_contained(g.getMatchingIndexingMap(&o).getResults(),
                             getAffineDimExpr(d, g.getContext())))
        return true;
    return false;
  };
  int pack = -1;
  auto better = [&](int i) {
    if (pack < 0)
      return true;
    int64_t a = wT.getDimSize(i), c = wT.getDimSize(pack);
    if ((a % k == 0) != (c % k == 0))
      return a % k == 0;
    return a > c;
  };
  for (auto [i, e] : llvm::enumerate(wMap.getResults()))
    if (auto de = dyn_cast<AffineDimExpr>(e))
      if (indexedElsewhere(de.getPosition()) && better(i))
        pack = i;
  // A filter-innermost convolution that qcc-conv-microkernel can take
  // (filters per group a multiple of 8) packs along the filters, so that
  // the microkernel loads V filters' weights as V * bits / 8 bytes.
  unsigned rank = wT.getRank();
  auto convParams = g->getAttrOfType<DictionaryAttr>("qcc.conv_params");
  bool microkernel = convParams && rank == 5 && wT.getDimSize(4) % 8 == 0;
  if (microkernel)
    pack = 4;
  if (pack < 0)
    return g.emitOpError() << "no weight dim to pack along";
  unsigned packLoop = cast<AffineDimExpr>(wMap.getResult(pack)).getPosition();
  SmallVector<int64_t> order; // new dim i <- old dim order[i]
  for (unsigned i = 0; i < rank; ++i)
    if ((int)i != pack)
      order.push_back(i);
  order.push_back(pack);
  SmallVector<int64_t> oldStrides(rank, 1);
  for (int i = rank - 2; i >= 0; --i)
    oldStrides[i] = oldStrides[i + 1] * wT.getDimSize(i + 1);
  int64_t rowLen = wT.getDimSize(pack), rowBytes = (rowLen + k - 1) / k;
  int64_t rows = wT.getNumElements() / std::max<int64_t>(rowLen, 1);
  std::vector<int8_t> packed(rows * rowBytes, 0);
  uint8_t mask = (1u << bits) - 1;
  SmallVector<int64_t> newShape;
  for (unsigned i = 0; i + 1 < rank; ++i)
    newShape.push_back(wT.getDimSize(order[i]));
  // Walk rows in the new (row-major) order.
  SmallVector<int64_t> pos(rank - 1, 0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t base = 0;
    for (unsigned i = 0; i + 1 < rank; ++i)
      base += pos[i] * oldStrides[order[i]];
    for (int64_t j = 0; j < rowLen; ++j) {
      int8_t v = (*values)[base + j * oldStrides[pack]];
      uint8_t field = kind == "bipolar" ? (v < 0 ? 1 : 0) : ((uint8_t)v & mask);
      packed[r * rowBytes + j / k] |= (int8_t)(field << ((j % k) * bits));
    }
    for (int i = (int)rank - 2; i >= 0; --i) {
      if (++pos[i] < newShape[i])
        break;
      pos[i] = 0;
    }
  }
  newShape.push_back(rowBytes);

  OpBuilder b(g);
  Location loc = g.getLoc();
  MLIRContext *ctx = g.getContext();
  auto pT = RankedTensorType::get(newShape, b.getI8Type());
  auto blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(ArrayRef<int8_t>(packed));
  Value pc = arith::ConstantOp::create(
      b, loc, cast<TypedAttr>(Attribute(DenseResourceElementsAttr::get(
                  pT, "packed_weights_" + std::to_string(bits) + "bit",
                  std::move(blob)))));
  SmallVector<AffineExpr> exprs;
  for (unsigned i = 0; i + 1 < rank; ++i)
    exprs.push_back(wMap.getResult(order[i]));
  exprs.push_back(wMap.getResult(pack).floorDiv(k));
  unsigned numDims = wMap.getNumDims();
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  maps[wOpd->getOperandNumber()] = AffineMap::get(numDims, 0, exprs, ctx);
  g.setIndexingMapsAttr(b.getAffineMapArrayAttr(maps));
  wOpd->set(pc);

  // Unpack in the body: field = (byte << (8 - bits - j*bits)) >> (8 - bits).
  qcc::unpackBlockArgument(
      g.getRegion().front().getArgument(wOpd->getOperandNumber()), packLoop,
      bits, kind, loc);
  if (microkernel) {
    NamedAttrList p(convParams);
    p.set("w_bits", b.getI64IntegerAttr(bits));
    p.set("w_kind", b.getStringAttr(kind));
    g->setAttr("qcc.conv_params", p.getDictionary(ctx));
  } else {
    g->removeAttr("qcc.conv_params");
  }
  g->removeAttr(qcc::kWeightBitsAttr);
  g->removeAttr(qcc::kWeightKindAttr);
  return success();
}

struct PackSubByteWeightsPass
    : qcc::impl::PackSubByteWeightsPassBase<PackSubByteWeightsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> todo;
    getOperation().walk([&](linalg::GenericOp g) {
      if (g->hasAttr(qcc::kWeightBitsAttr) && g->hasAttr(qcc::kWeightKindAttr))
        todo.push_back(g);
    });
    for (linalg::GenericOp g : todo)
      if (failed(packWeights(g)))
        return signalPassFailure();
  }
};

} // namespace
