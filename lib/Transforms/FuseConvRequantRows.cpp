//===- FuseConvRequantRows.cpp - requantize other convolutions per row ----===//
#include "LibraryKernels.h"
#include "RequantKernel.h"
#include "RequantTile.h"
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace qcc {
#define GEN_PASS_DEF_FUSECONVREQUANTROWSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

/// The zero points and signedness of a convolution body of the form
/// convert-qnn-to-linalg emits: acc + (ext(x) - zx) * (ext(w) - zw), each
/// subtraction absent for a zero point of 0, each ext signed or unsigned.
struct MacBody {
  int64_t zx = 0, zw = 0;
  bool xSigned = false, wSigned = false;
};

/// ext(arg) - z or ext(arg): the block argument, its signedness and z.
static bool matchOperand(Value v, BlockArgument &arg, bool &isSigned,
                         int64_t &z) {
  z = 0;
  if (auto sub = v.getDefiningOp<arith::SubIOp>()) {
    APInt c;
    if (!matchPattern(sub.getRhs(), m_ConstantInt(&c)))
      return false;
    z = c.getSExtValue();
    v = sub.getLhs();
  }
  Value src;
  if (auto e = v.getDefiningOp<arith::ExtSIOp>())
    src = e.getIn(), isSigned = true;
  else if (auto e = v.getDefiningOp<arith::ExtUIOp>())
    src = e.getIn(), isSigned = false;
  else
    return false;
  arg = dyn_cast<BlockArgument>(src);
  return arg && arg.getType().isInteger(8);
}

static std::optional<MacBody> matchMacBody(linalg::GenericOp conv) {
  Block *body = conv.getBody();
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield.getValues()[0].getDefiningOp<arith::AddIOp>();
  if (!add || add.getLhs() != body->getArgument(2))
    return std::nullopt;
  auto mul = add.getRhs().getDefiningOp<arith::MulIOp>();
  if (!mul)
    return std::nullopt;
  MacBody m;
  BlockArgument xa, wa;
  if (!matchOperand(mul.getLhs(), xa, m.xSigned, m.zx) ||
      !matchOperand(mul.getRhs(), wa, m.wSigned, m.zw) ||
      xa != body->getArgument(0) || wa != body->getArgument(1))
    return std::nullopt;
  return m;
}

/// The library kernel qcc_uk_dwconv2d_row_i8 (lib/Runtime/ukernel).
constexpr StringLiteral kDwRowKernel = "qcc_uk_dwconv2d_row_i8";

static func::FuncOp declareDwRowKernel(ModuleOp module) {
  OpBuilder b(module.getContext());
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  auto p8 = MemRefType::get({}, b.getI8Type());
  auto p32 = MemRefType::get({}, i32);
  SmallVector<Type> args = {p8};            // x
  args.append(14, i64);                     // x_off .. OW
  args.append({p8, i64, i32, p32, i64});    // w, w_off, init, out, out_off
  return qcc::declareKernel(module, kDwRowKernel, args);
}

/// The library form of one row: weights minus their zero point in a new
/// global (same [G, Fg, Cg, KH, KW] order), the zero-point correction
/// -zx * sum(w - zw) per filter in another, and the call. Null when the
/// convolution is not one the kernel computes (weights not a constant
/// global, or not fitting int8 once zw is subtracted, input rows not
/// contiguous, not 8-bit).
struct DwLibrary {
  Value weights, corr;
  func::FuncOp callee;
  MacBody body;
};

static std::optional<DwLibrary> prepareDwLibrary(OpBuilder &b, Location loc,
                                                 linalg::GenericOp conv,
                                                 Value x, Value w) {
  auto body = matchMacBody(conv);
  auto xT = cast<MemRefType>(x.getType());
  auto wT = cast<MemRefType>(w.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!body || !xT.getElementType().isInteger(8) ||
      !wT.getElementType().isInteger(8) ||
      failed(xT.getStridesAndOffset(strides, offset)) || strides[4] != 1)
    return std::nullopt;
  auto bytes = qcc::constantGlobalBytes(w);
  if (!bytes)
    return std::nullopt;
  int64_t filters = wT.getDimSize(0) * wT.getDimSize(1);
  int64_t taps = wT.getNumElements() / filters;
  std::vector<int8_t> shifted(bytes->size());
  std::vector<int32_t> corr(filters);
  for (int64_t f = 0; f < filters; ++f) {
    int64_t sum = 0;
    for (int64_t t = 0; t < taps; ++t) {
      auto v = qcc::weightMinusZeroPoint((*bytes)[f * taps + t], body->wSigned,
                                         body->zw);
      if (!v)
        return std::nullopt;
      shifted[f * taps + t] = *v;
      sum += *v;
    }
    auto c = qcc::zeroPointCorrection(0, body->zx, sum);
    if (!c)
      return std::nullopt;
    corr[f] = *c;
  }
  auto module = conv->getParentOfType<ModuleOp>();
  auto makeGlobal = [&](StringRef name, MemRefType type, ElementsAttr value) {
    return qcc::addConstantGlobal(b, conv, name, type, value);
  };
  auto sT = MemRefType::get({(int64_t)shifted.size()}, b.getI8Type());
  auto cT = MemRefType::get({filters}, b.getI32Type());
  DwLibrary lib;
  lib.weights = makeGlobal(
      "__qcc_uk_dwconv_weights", sT,
      DenseResourceElementsAttr::get(
          RankedTensorType::get(sT.getShape(), b.getI8Type()),
          "dwconv_row_weights",
          HeapAsmResourceBlob::allocateAndCopyInferAlign(ArrayRef<int8_t>(shifted))));
  lib.corr = makeGlobal(
      "__qcc_uk_dwconv_corr", cT,
      DenseElementsAttr::get(RankedTensorType::get(cT.getShape(), b.getI32Type()),
                             ArrayRef<int32_t>(corr)));
  lib.callee = declareDwRowKernel(module);
  lib.body = *body;
  return lib;
}

/// Replaces `conv` (the group-major layout of convert-qnn-to-linalg:
/// x [N, G, Cg, Hp, Wp], w [G, Fg, Cg, KH, KW], acc [N, G, Fg, OH, OW] a view
/// of an [N, F, OH, OW] buffer; loops n g f oh | c kh kw | ow) and its
/// requantization by a loop nest over (n, g, f, oh) that accumulates one
/// output row into an OW x i32 scratch buffer and requantizes it.
LogicalResult fuse(linalg::GenericOp conv, bool libraryKernels) {
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
  std::optional<DwLibrary> lib;
  Value rqParams;
  if (libraryKernels && (!uses->fill || matchPattern(uses->fill, m_Constant())))
    lib = prepareDwLibrary(b, loc, conv, x, w);
  if (lib)
    if (auto rq = qcc::matchFixedPointRequant(uses->requant))
      rqParams = qcc::addRequantParamsGlobal(b, conv, *rq);
  Value zero = idx(0), one = idx(1);
  SmallVector<Value> iv;
  scf::ForOp outer;
  // With the requantization in the kernel, one call per channel plane.
  SmallVector<int64_t> bounds = {N, G, Fg, OH};
  if (lib && rqParams)
    bounds.pop_back();
  for (int64_t ub : bounds) {
    auto loop = scf::ForOp::create(b, loc, zero, idx(ub), one);
    if (!outer)
      outer = loop;
    b.setInsertionPointToStart(loop.getBody());
    iv.push_back(loop.getInductionVar());
  }
  Value n = iv[0], g = iv[1], f = iv[2], oh = iv.size() > 3 ? iv[3] : Value();
  Value fc = arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, g, idx(Fg)), f);
  Value start = uses->fill
                    ? uses->fill
                    : memref::LoadOp::create(b, loc, uses->bias, fc).getResult();
  AffineExpr c0 = getAffineConstantExpr(0, ctx);
  if (lib) {
    auto toI64 = [&](Value v) -> Value {
      return arith::IndexCastOp::create(b, loc, b.getI64Type(), v);
    };
    auto i64c = [&](int64_t v) -> Value {
      return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v);
    };
    auto add = [&](Value a, Value c) -> Value {
      return arith::AddIOp::create(b, loc, a, c);
    };
    auto mul = [&](Value a, Value c) -> Value {
      return arith::MulIOp::create(b, loc, a, c);
    };
    auto xm = memref::ExtractStridedMetadataOp::create(b, loc, x);
    auto wm = memref::ExtractStridedMetadataOp::create(b, loc, lib->weights);
    auto om = memref::ExtractStridedMetadataOp::create(b, loc, scratch);
    Value init = add(start, memref::LoadOp::create(b, loc, lib->corr, fc));
    Value xOff = add(xm.getOffset(), add(mul(n, xm.getStrides()[0]),
                                         mul(g, xm.getStrides()[1])));
    Value wOff = add(wm.getOffset(), mul(fc, idx(Cg * KH * KW)));
    if (rqParams) {
      Value out = uses->requant.getDpsInits()[0];
      auto outm = memref::ExtractStridedMetadataOp::create(b, loc, out);
      auto pm = memref::ExtractStridedMetadataOp::create(b, loc, rqParams);
      Value outOff = add(outm.getOffset(), add(mul(n, outm.getStrides()[0]),
                                               mul(fc, outm.getStrides()[1])));
      auto p8 = MemRefType::get({}, b.getI8Type());
      auto p32 = MemRefType::get({}, b.getI32Type());
      Type i64 = b.getI64Type();
      SmallVector<Type> args = {p8};
      args.append(14, i64); // x_off .. OW
      args.append({p8, i64, b.getI32Type(), p32, i64, i64, p8, i64, i64, p32});
      func::FuncOp fused = qcc::declareKernel(
          conv->getParentOfType<ModuleOp>(), "qcc_uk_dwconv2d_requant_i8", args);
      func::CallOp::create(
          b, loc, fused,
          ValueRange{xm.getBaseBuffer(), toI64(xOff), toI64(xm.getStrides()[2]),
                     toI64(xm.getStrides()[3]), i64c(lib->body.xSigned),
                     i64c(xT.getDimSize(4)), i64c(Cg), i64c(KH), i64c(KW),
                     i64c(sh), i64c(sw), i64c(dh), i64c(dw), i64c(OH), i64c(OW),
                     wm.getBaseBuffer(), toI64(wOff), init, pm.getBaseBuffer(),
                     toI64(add(pm.getOffset(), fc)), i64c(G * Fg),
                     outm.getBaseBuffer(), toI64(outOff),
                     toI64(outm.getStrides()[2]), om.getBaseBuffer()});
      outer->setAttr("qcc.kernel", b.getStringAttr("conv2d"));
      qcc::eraseAccumulator(acc);
      return success();
    }
    func::CallOp::create(
        b, loc, lib->callee,
        ValueRange{xm.getBaseBuffer(), toI64(xOff), toI64(xm.getStrides()[2]),
                   toI64(xm.getStrides()[3]), i64c(lib->body.xSigned),
                   i64c(xT.getDimSize(4)), i64c(Cg), i64c(KH), i64c(KW),
                   i64c(sh), i64c(sw), i64c(dh), i64c(dw), toI64(oh), i64c(OW),
                   wm.getBaseBuffer(), toI64(wOff), init, om.getBaseBuffer(),
                   toI64(om.getOffset())});
    qcc::emitRequantTile(b, loc, uses->requant, scratch,
                         AffineMap::get(4, 0, {d(3)}, ctx),
                         {n, fc, oh, b.getIndexAttr(0)}, {1, 1, 1, OW});
    outer->setAttr("qcc.kernel", b.getStringAttr("conv2d"));
    qcc::eraseAccumulator(acc);
    return success();
  }
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
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> convs;
    getOperation().walk([&](linalg::GenericOp g) {
      auto kind = g->getAttrOfType<StringAttr>("qcc.kernel");
      if (kind && kind.getValue() == "conv2d" && g.hasPureBufferSemantics() &&
          !g->hasAttr("qcc.conv_params"))
        convs.push_back(g);
    });
    for (linalg::GenericOp g : convs)
      (void)fuse(g, libraryKernels);
  }
};
} // namespace
