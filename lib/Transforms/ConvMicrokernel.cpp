//===- ConvMicrokernel.cpp - register-blocked filter-innermost conv -------===//
#include "LibraryKernels.h"
#include "RequantKernel.h"
#include "RequantTile.h"
#include "qcc/Transforms/Passes.h"
#include "qcc/Transforms/SubByte.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace qcc {
#define GEN_PASS_DEF_CONVMICROKERNELPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

struct ConvParams {
  int64_t sh, sw, dh, dw, zx, zw;
  bool xSigned, wSigned;
  /// Weights packed along the filters by qcc-pack-subbyte-weights: 1, 2
  /// or 4 bits of kind "signed", "unsigned" or "bipolar"; 8: one per byte.
  int64_t wBits = 8;
  StringRef wKind = "signed";
  /// Input channels packed by qcc-pack-subbyte-activations (1, 2 or 4
  /// bits, "signed" or "unsigned"); 8: one per byte.
  int64_t xBits = 8;
  StringRef xKind = "signed";
};

/// A convolution whose requantization runs in the kernel, one output row
/// at a time: the accumulators start at the fill value or at `bias[g, f]`,
/// one row of them goes to `scratch` (1 x 1 x 1 x OW x Fg i32), and a copy
/// of the requantization reads that row and writes the row's output
/// channels. The full accumulator buffer is never written.
struct Fusion {
  qcc::AccumulatorUses uses;
  Value scratch;
};

/// The requantization of output row (n, oh) of group g: a copy of the
/// requant generic over a [1, Fg, 1, OW] tile that reads the scratch row.
void emitRequantRow(OpBuilder &b, Location loc, const Fusion &fusion, Value n,
                    Value g, Value oh, int64_t Fg, int64_t OW) {
  auto d = [&](unsigned i) { return b.getAffineDimExpr(i); };
  AffineExpr c0 = b.getAffineConstantExpr(0);
  Value gF = g;
  if (Fg != 1)
    gF = arith::MulIOp::create(b, loc, g, arith::ConstantIndexOp::create(b, loc, Fg));
  qcc::emitRequantTile(
      b, loc, fusion.uses.requant, fusion.scratch,
      AffineMap::get(4, 0, {c0, c0, c0, d(3), d(1)}, b.getContext()),
      {n, gF, oh, b.getIndexAttr(0)}, {1, Fg, 1, OW});
}

/// Emits the kernel for one linalg.generic (already checked by the caller).
class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, Value x, Value w, Value acc,
                const ConvParams &p, int64_t vlen, int64_t pixels,
                const Fusion *fusion)
      : b(b), loc(loc), x(x), w(w), acc(acc), p(p), V(vlen), R(pixels),
        fusion(fusion) {
    auto accT = cast<MemRefType>(acc.getType());
    auto wT = cast<MemRefType>(w.getType());
    N = accT.getDimSize(0), G = accT.getDimSize(1), OH = accT.getDimSize(2),
    OW = accT.getDimSize(3), Fg = accT.getDimSize(4);
    Cg = wT.getDimSize(1), KH = wT.getDimSize(2), KW = wT.getDimSize(3);
    // |x - zx| <= 255 and |w| <= 128 give |product| <= 32640: i16 is exact.
    mulType = (p.wSigned && p.zw == 0) ? b.getI16Type() : b.getI32Type();
  }

  /// The loop nest; returns its outermost loop.
  scf::ForOp build() {
    Value n0 = idx(0);
    auto loop = [&](int64_t ub, auto body) {
      return scf::ForOp::create(
          b, loc, n0, idx(ub), idx(1), ValueRange{},
          [&](OpBuilder &nb, Location, Value iv, ValueRange) {
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
            body(iv);
            scf::YieldOp::create(b, loc);
          });
    };
    return loop(N, [&](Value n) {
      loop(G, [&](Value g) {
        loop(OH, [&](Value oh) {
          int64_t full = OW - OW % R;
          auto blocks = [&](int64_t from, int64_t to, int64_t step, int64_t r) {
            if (from >= to)
              return;
            scf::ForOp::create(
                b, loc, idx(from), idx(to), idx(step), ValueRange{},
                [&](OpBuilder &nb, Location, Value ow, ValueRange) {
                  OpBuilder::InsertionGuard guard(b);
                  b.setInsertionPoint(nb.getInsertionBlock(),
                                      nb.getInsertionPoint());
                  scf::ForOp::create(
                      b, loc, n0, idx(Fg), idx(V), ValueRange{},
                      [&](OpBuilder &fb, Location, Value fo, ValueRange) {
                        OpBuilder::InsertionGuard guard2(b);
                        b.setInsertionPoint(fb.getInsertionBlock(),
                                            fb.getInsertionPoint());
                        block(n, g, oh, ow, fo, r);
                        scf::YieldOp::create(b, loc);
                      });
                  scf::YieldOp::create(b, loc);
                });
          };
          blocks(0, full, R, R);
          blocks(full, OW, 1, 1);
          if (fusion)
            requantRow(n, g, oh);
        });
      });
    });
  }

private:
  void requantRow(Value n, Value g, Value oh) {
    emitRequantRow(b, loc, *fusion, n, g, oh, Fg, OW);
  }

  /// The accumulators' start for V channels from `fo` of group g.
  Value initVector(Value n, Value g, Value oh, Value o, Value fo) {
    auto v32 = VectorType::get({V}, b.getI32Type());
    if (!fusion)
      return vector::LoadOp::create(b, loc, v32, acc, ValueRange{n, g, oh, o, fo});
    if (fusion->uses.bias)
      return vector::LoadOp::create(b, loc, v32, fusion->uses.bias,
                                    ValueRange{g, fo});
    return vector::BroadcastOp::create(b, loc, v32, fusion->uses.fill);
  }

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value a, Value c) { return arith::AddIOp::create(b, loc, a, c); }
  Value mul(Value a, int64_t c) {
    return c == 1 ? a : arith::MulIOp::create(b, loc, a, idx(c)).getResult();
  }
  Value ext(Value v, bool isSigned, Type t) {
    if (isSigned)
      return arith::ExtSIOp::create(b, loc, t, v);
    return arith::ExtUIOp::create(b, loc, t, v);
  }

  /// Interleaves the fields so that result element k * i + j is field j of
  /// byte i (k fields): fields 0, 2, 4.. and 1, 3, 5.. interleaved in turn.
  Value interleave(ArrayRef<Value> fields) {
    if (fields.size() == 1)
      return fields[0];
    SmallVector<Value> even, odd;
    for (auto [j, f] : llvm::enumerate(fields))
      (j % 2 ? odd : even).push_back(f);
    return vector::InterleaveOp::create(b, loc, interleave(even), interleave(odd));
  }

  /// The weights of V filters from `fo` as a vector of V i8 values: one
  /// load, then for packed weights (k = 8 / bits per byte, lowest bits
  /// first) each field j of the V / k bytes shifted out in registers and
  /// the k field vectors interleaved.
  Value loadWeights(Value g, Value c, Value kh, Value kw, Value fo) {
    auto v8 = VectorType::get({V}, b.getI8Type());
    if (p.wBits == 8)
      return vector::LoadOp::create(b, loc, v8, w, ValueRange{g, c, kh, kw, fo});
    int64_t k = 8 / p.wBits;
    auto vb = VectorType::get({V / k}, b.getI8Type());
    Value byte = arith::DivUIOp::create(b, loc, fo, idx(k));
    Value raw = vector::LoadOp::create(b, loc, vb, w, ValueRange{g, c, kh, kw, byte});
    SmallVector<Value> fields;
    for (int64_t j = 0; j < k; ++j)
      fields.push_back(qcc::emitShiftOutField(
          b, loc, raw, qcc::emitI8Constant(b, loc, vb, 8 - p.wBits - j * p.wBits),
          p.wBits, p.wKind));
    return interleave(fields);
  }

  /// `r` output pixels starting at `ow`, V channels starting at `fo`.
  void block(Value n, Value g, Value oh, Value ow, Value fo, int64_t r) {
    auto v32 = VectorType::get({V}, b.getI32Type());
    auto vm = VectorType::get({V}, mulType);
    SmallVector<Value> owr;
    for (int64_t i = 0; i < r; ++i)
      owr.push_back(add(ow, idx(i)));
    SmallVector<Value> init;
    Value start = fusion ? initVector(n, g, oh, ow, fo) : Value();
    for (Value o : owr)
      init.push_back(fusion ? start : initVector(n, g, oh, o, fo));
    Value zero = idx(0), one = idx(1);
    auto cLoop = scf::ForOp::create(b, loc, zero, idx(Cg), one, init);
    {
      OpBuilder::InsertionGuard gc(b);
      b.setInsertionPointToStart(cLoop.getBody());
      Value c = cLoop.getInductionVar();
      // A packed input: byte c / k, value c mod k shifted out in registers
      // (the shift computed once per c).
      Value xc = c, xLeft;
      if (p.xBits != 8) {
        int64_t k = 8 / p.xBits;
        xc = arith::DivUIOp::create(b, loc, c, idx(k));
        xLeft = qcc::emitFieldShift(b, loc, arith::RemUIOp::create(b, loc, c, idx(k)),
                                    p.xBits);
      }
      auto khLoop = scf::ForOp::create(b, loc, zero, idx(KH), one,
                                       cLoop.getRegionIterArgs());
      {
        OpBuilder::InsertionGuard gk(b);
        b.setInsertionPointToStart(khLoop.getBody());
        Value kh = khLoop.getInductionVar();
        Value ih = add(mul(oh, p.sh), mul(kh, p.dh));
        auto kwLoop = scf::ForOp::create(b, loc, zero, idx(KW), one,
                                         khLoop.getRegionIterArgs());
        {
          OpBuilder::InsertionGuard gw(b);
          b.setInsertionPointToStart(kwLoop.getBody());
          Value kw = kwLoop.getInductionVar();
          Value wv = loadWeights(g, c, kh, kw, fo);
          Value wm = ext(wv, p.wSigned, vm);
          if (p.zw != 0)
            wm = arith::SubIOp::create(
                b, loc, wm,
                arith::ConstantOp::create(
                    b, loc, DenseElementsAttr::get(
                                vm, b.getIntegerAttr(mulType, p.zw))));
          SmallVector<Value> next;
          for (auto [i, o] : llvm::enumerate(owr)) {
            Value iw = add(mul(o, p.sw), mul(kw, p.dw));
            Value xs = memref::LoadOp::create(b, loc, x,
                                              ValueRange{n, g, xc, ih, iw});
            if (p.xBits != 8)
              xs = qcc::emitShiftOutField(b, loc, xs, xLeft, p.xBits, p.xKind);
            Value xm = ext(xs, p.xSigned, mulType);
            if (p.zx != 0)
              xm = arith::SubIOp::create(
                  b, loc, xm,
                  arith::ConstantOp::create(b, loc,
                                            b.getIntegerAttr(mulType, p.zx)));
            Value xv = vector::BroadcastOp::create(b, loc, vm, xm);
            Value prod = arith::MulIOp::create(b, loc, xv, wm);
            if (mulType != b.getI32Type())
              prod = arith::ExtSIOp::create(b, loc, v32, prod);
            next.push_back(arith::AddIOp::create(
                b, loc, kwLoop.getRegionIterArgs()[i], prod));
          }
          scf::YieldOp::create(b, loc, next);
        }
        scf::YieldOp::create(b, loc, kwLoop.getResults());
      }
      scf::YieldOp::create(b, loc, khLoop.getResults());
    }
    Value zero0 = idx(0);
    for (auto [i, o] : llvm::enumerate(owr)) {
      if (fusion)
        vector::StoreOp::create(b, loc, cLoop.getResult(i), fusion->scratch,
                                ValueRange{zero0, zero0, zero0, o, fo});
      else
        vector::StoreOp::create(b, loc, cLoop.getResult(i), acc,
                                ValueRange{n, g, oh, o, fo});
    }
  }

  OpBuilder &b;
  Location loc;
  Value x, w, acc;
  ConvParams p;
  int64_t V, R;
  int64_t N, G, OH, OW, Fg, Cg, KH, KW;
  Type mulType;
  const Fusion *fusion;
};

/// The library kernel's name and signature (lib/Runtime/ukernel/qcc_ukernel.h).
constexpr StringLiteral kConvRowKernel = "qcc_uk_conv2d_row_i8";

/// Declares `qcc_uk_conv2d_row_i8` in `module` (once).
func::FuncOp declareConvRowKernel(ModuleOp module) {
  OpBuilder b(module.getContext());
  Type i64 = b.getI64Type();
  auto p8 = MemRefType::get({}, b.getI8Type());
  auto p32 = MemRefType::get({}, b.getI32Type());
  SmallVector<Type> args = {p8};                  // x
  args.append(13, i64);                           // x_off .. OW
  args.append({p8, i64, i64});                    // w, w_off, Fg
  args.append({p32, i64, i64});                   // bias, bias_off, has_bias
  args.append({p32, i64, p32, i64, p32});         // corr .. xpack
  return qcc::declareKernel(module, kConvRowKernel, args);
}

/// Replaces the convolution by calls to the library kernel
/// qcc_uk_conv2d_row_i8, one per output row, each followed by that row's
/// requantization (a call to qcc_uk_requant_row_i8 when the requantization
/// is the fixed-point form it computes). Fails (changing nothing) when the convolution is not one
/// the kernel computes: weights that are not a constant global, weights
/// minus their zero point outside int8, a non-constant fill, an input whose
/// rows are not contiguous.
LogicalResult emitLibraryRowKernel(OpBuilder &b, linalg::GenericOp conv,
                                   Value x, Value w, const ConvParams &p,
                                   const Fusion &fusion) {
  Location loc = conv.getLoc();
  auto module = conv->getParentOfType<ModuleOp>();
  auto xT = cast<MemRefType>(x.getType());
  auto wT = cast<MemRefType>(w.getType());
  auto sT = cast<MemRefType>(fusion.scratch.getType());
  int64_t N = xT.getDimSize(0), G = wT.getDimSize(0), Cg = wT.getDimSize(1),
          KH = wT.getDimSize(2), KW = wT.getDimSize(3), Fg = wT.getDimSize(4);
  int64_t OW = sT.getDimSize(3);
  linalg::GenericOp requant = fusion.uses.requant;
  int64_t OH = cast<MemRefType>(requant.getDpsInits()[0].getType())
                   .getDimSize(2);
  if (p.wBits != 8 || p.xBits != 8 || Fg % 8 != 0)
    return failure();
  // Contiguous input rows and bias rows.
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(xT.getStridesAndOffset(strides, offset)) || strides[4] != 1)
    return failure();
  if (fusion.uses.bias) {
    SmallVector<int64_t> biasStrides;
    auto bT = cast<MemRefType>(fusion.uses.bias.getType());
    if (failed(bT.getStridesAndOffset(biasStrides, offset)) ||
        biasStrides[1] != 1)
      return failure();
  }
  int64_t fill = 0;
  if (fusion.uses.fill) {
    APInt v;
    if (!matchPattern(fusion.uses.fill, m_ConstantInt(&v)))
      return failure();
    fill = v.getSExtValue();
  }
  // The weights' values.
  auto bytes = qcc::constantGlobalBytes(w);
  if (!bytes)
    return failure();
  // Pack [G, Cg, KH, KW, Fg] into panels of 8 filters x channel pairs and
  // fold the zero points into corr = fill - zx * sum(w - zw).
  int64_t Kp = (Cg + 1) / 2 * KH * KW;
  std::vector<int8_t> packed(G * Fg * Kp * 2, 0);
  std::vector<int32_t> corr(G * Fg);
  for (int64_t gi = 0; gi < G; ++gi)
    for (int64_t f = 0; f < Fg; ++f) {
      int64_t sum = 0;
      for (int64_t c = 0; c < Cg; ++c)
        for (int64_t kh = 0; kh < KH; ++kh)
          for (int64_t kw = 0; kw < KW; ++kw) {
            auto v = qcc::weightMinusZeroPoint(
                (*bytes)[(((gi * Cg + c) * KH + kh) * KW + kw) * Fg + f],
                p.wSigned, p.zw);
            if (!v)
              return failure();
            sum += *v;
            int64_t kp = ((c / 2) * KH + kh) * KW + kw;
            packed[((gi * Fg + f) / 8 * Kp + kp) * 16 + 2 * (f % 8) + c % 2] = *v;
          }
      auto cv = qcc::zeroPointCorrection(fill, p.zx, sum);
      if (!cv)
        return failure();
      corr[gi * Fg + f] = *cv;
    }
  // Fg is a multiple of 8, so group g's panels start at g * Fg * Kp * 2.
  auto pT = MemRefType::get({(int64_t)packed.size()}, b.getI8Type());
  auto blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(
      ArrayRef<int8_t>(packed));
  Value wg = qcc::addConstantGlobal(
      b, conv, "__qcc_uk_conv_weights", pT,
      DenseResourceElementsAttr::get(
          RankedTensorType::get(pT.getShape(), b.getI8Type()),
          "conv_row_weights", std::move(blob)));
  auto cT = MemRefType::get({G * Fg}, b.getI32Type());
  Value cg = qcc::addConstantGlobal(
      b, conv, "__qcc_uk_conv_corr", cT,
      DenseElementsAttr::get(RankedTensorType::get(cT.getShape(), b.getI32Type()),
                             ArrayRef<int32_t>(corr)));
  func::FuncOp callee = declareConvRowKernel(module);
  // The requantization as the runtime's kernel when it is the fixed-point
  // form (else a copy of it per row).
  Value rqParams;
  if (auto rq = qcc::matchFixedPointRequant(requant))
    rqParams = qcc::addRequantParamsGlobal(b, conv, *rq);

  auto idx = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  auto i64c = [&](int64_t v) {
    return arith::ConstantIntOp::create(b, loc, b.getI64Type(), v);
  };
  auto toI64 = [&](Value v) {
    return arith::IndexCastOp::create(b, loc, b.getI64Type(), v);
  };
  auto meta = [&](Value m) {
    return memref::ExtractStridedMetadataOp::create(b, loc, m);
  };
  Value xpack = memref::AllocOp::create(
      b, loc, MemRefType::get({8 * Kp}, b.getI32Type()), b.getI64IntegerAttr(64));
  auto loop = [&](int64_t ub, auto body) {
    return scf::ForOp::create(b, loc, idx(0), idx(ub), idx(1), ValueRange{},
                              [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                                OpBuilder::InsertionGuard guard(b);
                                b.setInsertionPoint(nb.getInsertionBlock(),
                                                    nb.getInsertionPoint());
                                body(iv);
                                scf::YieldOp::create(b, loc);
                              });
  };
  scf::ForOp outer = loop(N, [&](Value n) {
    loop(G, [&](Value g) {
      loop(OH, [&](Value oh) {
        auto xm = meta(x);
        auto wm = meta(wg);
        auto cm = meta(cg);
        auto om = meta(fusion.scratch);
        auto pm = meta(xpack);
        auto add = [&](Value a, Value c) {
          return arith::AddIOp::create(b, loc, a, c).getResult();
        };
        auto mul = [&](Value a, Value c) {
          return arith::MulIOp::create(b, loc, a, c).getResult();
        };
        Value xOff = add(xm.getOffset(), add(mul(n, xm.getStrides()[0]),
                                             mul(g, xm.getStrides()[1])));
        Value gFg = mul(g, idx(Fg));
        Value wOff = add(wm.getOffset(), mul(gFg, idx(Kp * 2)));
        Value cOff = add(cm.getOffset(), gFg);
        Value biasBase = cm.getBaseBuffer(), biasOff = cOff;
        if (fusion.uses.bias) {
          auto bm = meta(fusion.uses.bias);
          biasBase = bm.getBaseBuffer();
          biasOff = add(bm.getOffset(), mul(g, bm.getStrides()[0]));
        }
        SmallVector<Value> args = {
            xm.getBaseBuffer(), toI64(xOff), toI64(xm.getStrides()[2]),
            toI64(xm.getStrides()[3]), i64c(p.xSigned), i64c(Cg), i64c(KH),
            i64c(KW), i64c(p.sh), i64c(p.sw), i64c(p.dh), i64c(p.dw),
            toI64(oh), i64c(OW), wm.getBaseBuffer(), toI64(wOff), i64c(Fg),
            biasBase, toI64(biasOff), i64c(fusion.uses.bias ? 1 : 0),
            cm.getBaseBuffer(), toI64(cOff), om.getBaseBuffer(),
            toI64(om.getOffset()), pm.getBaseBuffer()};
        func::CallOp::create(b, loc, callee, args);
        if (rqParams)
          qcc::emitRequantRowCall(b, loc, requant, fusion.scratch, rqParams, n,
                                  gFg, oh, Fg, OW, G * Fg);
        else
          emitRequantRow(b, loc, fusion, n, g, oh, Fg, OW);
      });
    });
  });
  outer->setAttr("qcc.kernel", b.getStringAttr("conv2d"));
  return success();
}

struct ConvMicrokernelPass
    : qcc::impl::ConvMicrokernelPassBase<ConvMicrokernelPass> {
  using Base::Base;
  void runOnOperation() override {
    if (pixels < 0 || pixels > 16) {
      getOperation().emitError("qcc-conv-microkernel: pixels must be in 0..16");
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> convs;
    getOperation().walk([&](linalg::GenericOp g) {
      if (g->hasAttr("qcc.conv_params") && g.hasPureBufferSemantics())
        convs.push_back(g);
    });
    for (linalg::GenericOp g : convs) {
      auto params = g->getAttrOfType<DictionaryAttr>("qcc.conv_params");
      auto st = params.getAs<DenseI64ArrayAttr>("strides");
      auto dl = params.getAs<DenseI64ArrayAttr>("dilations");
      auto zx = params.getAs<IntegerAttr>("x_zero_point");
      auto zw = params.getAs<IntegerAttr>("w_zero_point");
      auto xs = params.getAs<BoolAttr>("x_signed");
      auto ws = params.getAs<BoolAttr>("w_signed");
      if (!st || !dl || !zx || !zw || !xs || !ws || st.size() != 2 ||
          dl.size() != 2 || g.getNumDpsInputs() != 2 || g.getNumDpsInits() != 1)
        continue;
      Value x = g.getDpsInputs()[0], w = g.getDpsInputs()[1],
            acc = g.getDpsInits()[0];
      auto xT = dyn_cast<MemRefType>(x.getType());
      auto wT = dyn_cast<MemRefType>(w.getType());
      auto aT = dyn_cast<MemRefType>(acc.getType());
      if (!xT || !wT || !aT || xT.getRank() != 5 || wT.getRank() != 5 ||
          aT.getRank() != 5 || !xT.hasStaticShape() || !wT.hasStaticShape() ||
          !aT.hasStaticShape() || !xT.getElementType().isInteger(8) ||
          !wT.getElementType().isInteger(8) || !aT.getElementType().isInteger(32))
        continue;
      int64_t Fg = aT.getDimSize(4);
      int64_t V = Fg % 16 == 0 ? 16 : Fg % 8 == 0 ? 8 : 0;
      if (V == 0)
        continue;
      ConvParams p{st[0], st[1], dl[0], dl[1], zx.getInt(), zw.getInt(),
                   xs.getValue(), ws.getValue()};
      if (auto bits = params.getAs<IntegerAttr>("w_bits")) {
        auto kind = params.getAs<StringAttr>("w_kind");
        p.wBits = bits.getInt();
        if (!kind || !llvm::is_contained({1, 2, 4}, p.wBits) ||
            wT.getDimSize(4) * 8 != Fg * p.wBits ||
            !llvm::is_contained({"signed", "unsigned", "bipolar"}, kind.getValue()))
          continue;
        p.wKind = kind.getValue();
        if (p.wKind == "bipolar") // +-1: signed values
          p.wSigned = true;
      } else if (wT.getDimSize(4) != Fg) {
        continue;
      }
      int64_t Cg = wT.getDimSize(1);
      if (auto bits = params.getAs<IntegerAttr>("x_bits")) {
        auto kind = params.getAs<StringAttr>("x_kind");
        p.xBits = bits.getInt();
        if (!kind || !llvm::is_contained({1, 2, 4}, p.xBits) ||
            xT.getDimSize(2) * 8 != Cg * p.xBits ||
            !llvm::is_contained({"signed", "unsigned"}, kind.getValue()))
          continue;
        p.xKind = kind.getValue();
      } else if (xT.getDimSize(2) != Cg) {
        continue;
      }
      // Measured on ResNet-18 layers (x86-64 SSE2 / AVX2 / AVX-512): 6-8
      // pixels per block beat 2-4 and 12; a block size that divides the
      // output width avoids the one-pixel remainder loop.
      int64_t R = pixels;
      if (R == 0) {
        R = 6;
        for (int64_t cand : {7, 6, 8, 5, 4})
          if (aT.getDimSize(3) % cand == 0) {
            R = cand;
            break;
          }
      }
      // Requantized one row at a time when the accumulator buffer is the
      // convolution's own and is started by a fill or a [G, Fg] bias.
      std::optional<Fusion> fusion;
      MLIRContext *ctx = g.getContext();
      auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
      int64_t N = aT.getDimSize(0), G = aT.getDimSize(1),
              OH = aT.getDimSize(2), OW = aT.getDimSize(3);
      if (auto uses = qcc::matchAccumulatorUses(
              g, acc,
              AffineMap::get(4, 0,
                             {d(0), d(1).floorDiv(Fg), d(2), d(3), d(1) % Fg},
                             ctx),
              {N, G * Fg, OH, OW});
          uses && (uses->fill ||
                   (cast<MemRefType>(uses->bias.getType()).getShape() ==
                        ArrayRef<int64_t>{G, Fg} &&
                    uses->biasMap == AffineMap::get(5, 0, {d(1), d(4)}, ctx))))
        fusion = Fusion{*uses, Value()};
      OpBuilder b(fusion ? fusion->uses.requant.getOperation() : g.getOperation());
      if (fusion)
        fusion->scratch = memref::AllocOp::create(
            b, g.getLoc(), MemRefType::get({1, 1, 1, OW, Fg}, b.getI32Type()),
            b.getI64IntegerAttr(64));
      if (fusion && libraryKernels &&
          succeeded(emitLibraryRowKernel(b, g, x, w, p, *fusion))) {
        qcc::eraseAccumulator(acc);
        continue;
      }
      scf::ForOp kernel =
          KernelBuilder(b, g.getLoc(), x, w, acc, p, V, R,
                        fusion ? &*fusion : nullptr)
              .build();
      kernel->setAttr("qcc.kernel", b.getStringAttr("conv2d"));
      if (fusion)
        qcc::eraseAccumulator(acc);
      else
        g.erase();
    }
  }
};
} // namespace
