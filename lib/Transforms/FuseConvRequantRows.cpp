//===- FuseConvRequantRows.cpp - requantize other convolutions per row ----===//
#include "RequantTile.h"
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace qcc {
#define GEN_PASS_DEF_FUSECONVREQUANTROWSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

/// Replaces `conv` (the group-major layout of convert-qnn-to-linalg:
/// x [N, G, Cg, Hp, Wp], w [G, Fg, Cg, KH, KW], acc [N, G, Fg, OH, OW] a view
/// of an [N, F, OH, OW] buffer; loops n g f oh | c kh kw | ow) and its
/// requantization by a loop nest over (n, g, f, oh) that accumulates one
/// output row into an OW x i32 scratch buffer and requantizes it.
LogicalResult fuse(linalg::GenericOp conv) {
  // The body is copied onto a 4-loop row generic: it may not use indices.
  if (conv.getNumDpsInputs() != 2 || conv.getNumDpsInits() != 1 ||
      conv.getNumLoops() != 8 || conv.getNumReductionLoops() != 3 ||
      !conv.getBody()->getOps<linalg::IndexOp>().empty())
    return failure();
  Value x = conv.getDpsInputs()[0], w = conv.getDpsInputs()[1];
  auto expand = conv.getDpsInits()[0].getDefiningOp<memref::ExpandShapeOp>();
  if (!expand)
    return failure();
  Value acc = expand.getSrc();
  auto xT = dyn_cast<MemRefType>(x.getType());
  auto wT = dyn_cast<MemRefType>(w.getType());
  auto a5T = cast<MemRefType>(expand.getType());
  auto aT = cast<MemRefType>(acc.getType());
  if (!xT || !wT || xT.getRank() != 5 || wT.getRank() != 5 ||
      a5T.getRank() != 5 || aT.getRank() != 4 || !xT.hasStaticShape() ||
      !wT.hasStaticShape() || !aT.hasStaticShape() ||
      !aT.getElementType().isInteger(32))
    return failure();
  int64_t N = a5T.getDimSize(0), G = a5T.getDimSize(1), Fg = a5T.getDimSize(2),
          OH = a5T.getDimSize(3), OW = a5T.getDimSize(4);
  int64_t Cg = wT.getDimSize(2), KH = wT.getDimSize(3), KW = wT.getDimSize(4);
  if (aT.getShape() != ArrayRef<int64_t>{N, G * Fg, OH, OW} ||
      wT.getDimSize(0) != G || wT.getDimSize(1) != Fg ||
      xT.getDimSize(1) != G || xT.getDimSize(2) != Cg)
    return failure();

  // The maps, with strides and dilations read off the input map's
  // coefficients and the whole map checked against them.
  MLIRContext *ctx = conv.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  enum { N_, G_, F_, OH_, C_, KH_, KW_, OW_ };
  auto maps = conv.getIndexingMapsArray();
  auto coeff = [&](unsigned dim, unsigned result) {
    SmallVector<int64_t> unit(8, 0);
    unit[dim] = 1;
    return maps[0].compose(unit)[result];
  };
  int64_t sh = coeff(OH_, 3), dh = coeff(KH_, 3), sw = coeff(OW_, 4),
          dw = coeff(KW_, 4);
  if (maps[0] != AffineMap::get(8, 0,
                                {d(N_), d(G_), d(C_), d(OH_) * sh + d(KH_) * dh,
                                 d(OW_) * sw + d(KW_) * dw},
                                ctx) ||
      maps[1] != AffineMap::get(8, 0, {d(G_), d(F_), d(C_), d(KH_), d(KW_)}, ctx) ||
      maps[2] != AffineMap::get(8, 0, {d(N_), d(G_), d(F_), d(OH_), d(OW_)}, ctx))
    return failure();

  auto uses = qcc::matchAccumulatorUses(
      conv, acc, AffineMap::getMultiDimIdentityMap(4, ctx), aT.getShape());
  if (!uses || (uses->bias &&
                (cast<MemRefType>(uses->bias.getType()).getShape() !=
                     ArrayRef<int64_t>{G * Fg} ||
                 uses->biasMap != AffineMap::get(4, 0, {d(1)}, ctx))))
    return failure();

  Location loc = conv.getLoc();
  OpBuilder b(uses->requant);
  auto idx = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  Value scratch = memref::AllocOp::create(
      b, loc, MemRefType::get({OW}, b.getI32Type()), b.getI64IntegerAttr(64));
  Value zero = idx(0), one = idx(1);
  SmallVector<Value> iv;
  scf::ForOp outer;
  for (int64_t ub : {N, G, Fg, OH}) {
    auto loop = scf::ForOp::create(b, loc, zero, idx(ub), one);
    if (!outer)
      outer = loop;
    b.setInsertionPointToStart(loop.getBody());
    iv.push_back(loop.getInductionVar());
  }
  Value n = iv[0], g = iv[1], f = iv[2], oh = iv[3];
  Value fc = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, g, idx(Fg)), f);
  Value start = uses->fill
                    ? uses->fill
                    : memref::LoadOp::create(b, loc, uses->bias, fc).getResult();
  linalg::FillOp::create(b, loc, start, scratch);

  auto i = [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); };
  Value ih = arith::MulIOp::create(b, loc, oh, idx(sh));
  Value xs = memref::SubViewOp::create(
      b, loc, x, ArrayRef<OpFoldResult>{n, g, i(0), ih, i(0)},
      ArrayRef<OpFoldResult>{i(1), i(1), i(Cg), i((KH - 1) * dh + 1),
                             i(xT.getDimSize(4))},
      SmallVector<OpFoldResult>(5, i(1)));
  Value ws = memref::SubViewOp::create(
      b, loc, w, ArrayRef<OpFoldResult>{g, f, i(0), i(0), i(0)},
      ArrayRef<OpFoldResult>{i(1), i(1), i(Cg), i(KH), i(KW)},
      SmallVector<OpFoldResult>(5, i(1)));
  // Row loops: c kh kw | ow.
  AffineExpr c0 = getAffineConstantExpr(0, ctx);
  SmallVector<AffineMap> rowMaps = {
      AffineMap::get(4, 0, {c0, c0, d(0), d(1) * dh, d(3) * sw + d(2) * dw}, ctx),
      AffineMap::get(4, 0, {c0, c0, d(0), d(1), d(2)}, ctx),
      AffineMap::get(4, 0, {d(3)}, ctx)};
  using IT = utils::IteratorType;
  auto row = linalg::GenericOp::create(
      b, loc, TypeRange{}, ValueRange{xs, ws}, ValueRange{scratch}, rowMaps,
      SmallVector<IT>{IT::reduction, IT::reduction, IT::reduction, IT::parallel});
  IRMapping map;
  conv.getRegion().cloneInto(&row.getRegion(), map);
  qcc::emitRequantTile(b, loc, uses->requant, scratch,
                       AffineMap::get(4, 0, {d(3)}, ctx),
                       {n, fc, oh, b.getIndexAttr(0)}, {1, 1, 1, OW});
  outer->setAttr("qcc.kernel", b.getStringAttr("conv2d"));
  qcc::eraseAccumulator(acc);
  return success();
}

struct FuseConvRequantRowsPass
    : qcc::impl::FuseConvRequantRowsPassBase<FuseConvRequantRowsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> convs;
    getOperation().walk([&](linalg::GenericOp g) {
      auto kind = g->getAttrOfType<StringAttr>("qcc.kernel");
      if (kind && kind.getValue() == "conv2d" && g.hasPureBufferSemantics() &&
          !g->hasAttr("qcc.conv_params"))
        convs.push_back(g);
    });
    for (linalg::GenericOp g : convs)
      (void)fuse(g);
  }
};
} // namespace
