//===- StorageCast.cpp - qnn.storage_cast to linalg -----------------------===//
//
// A storage_cast between byte-stored types changes no bit: it lowers to its
// (converted) input. One between a quantized tensor and a packed `si4`/`ui4`
// graph edge (ONNX int4/uint4: two values a byte in row-major order, the
// first in the low nibble) converts between the two storages:
//
//   unpack (graph input):  flat[i] = nibble (i mod 2) of byte[i / 2],
//                          sign-extended when signed; then expanded to the
//                          tensor's shape;
//   pack (graph output):   byte[j] = (flat[2j] & 15) | flat[2j + 1] << 4,
//                          over the collapsed tensor padded with one 0 when
//                          it has an odd number of values.
//
// The type converter stores a packed edge of n values as tensor<(n+1)/2 x i8>.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace qcc::qnn;
using qcc::qnn_to_linalg::flattenTensor;
using qcc::qnn_to_linalg::markKernel;
using qcc::qnn_to_linalg::unflattenTensor;

namespace {

/// The n values of packed bytes `bytes` (tensor<(n+1)/2 x i8>) as one byte
/// each, in the shape of `shaped`.
Value unpackNibbles(OpBuilder &b, Location loc, Value bytes,
                    RankedTensorType shaped, bool isSigned) {
  int64_t n = shaped.getNumElements();
  Type i8 = b.getI8Type();
  auto flatT = RankedTensorType::get({n}, i8);
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  SmallVector<AffineMap> maps = {AffineMap::get(1, 0, d0.floorDiv(2)),
                                 AffineMap::get(1, 0, d0)};
  Value init = tensor::EmptyOp::create(b, loc, flatT.getShape(), i8);
  auto g = linalg::GenericOp::create(
      b, loc, flatT, ValueRange{bytes}, init, maps,
      SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
      [&](OpBuilder &bb, Location l, ValueRange args) {
        // The high nibble for odd i: shift it down first.
        Value i = linalg::IndexOp::create(bb, l, 0);
        Value two = arith::ConstantIndexOp::create(bb, l, 2);
        Value odd = arith::IndexCastOp::create(
            bb, l, i8, arith::RemUIOp::create(bb, l, i, two));
        Value four = arith::ConstantIntOp::create(bb, l, i8, 4);
        Value byte = args[0];
        Value v;
        if (isSigned) {
          // Move the nibble to the top, then shift it back arithmetically.
          Value up = arith::ShLIOp::create(
              bb, l, byte,
              arith::SubIOp::create(bb, l, four,
                                    arith::MulIOp::create(bb, l, odd, four)));
          v = arith::ShRSIOp::create(bb, l, up, four);
        } else {
          Value down = arith::ShRUIOp::create(
              bb, l, byte, arith::MulIOp::create(bb, l, odd, four));
          v = arith::AndIOp::create(
              bb, l, down, arith::ConstantIntOp::create(bb, l, i8, 15));
        }
        linalg::YieldOp::create(bb, l, ValueRange{v});
      });
  markKernel(g, "unpack_int4");
  return unflattenTensor(b, loc, g.getResult(0),
                         RankedTensorType::get(shaped.getShape(), i8));
}

/// The byte-stored values `values` packed two a byte, row-major, the first
/// in the low nibble (tensor<(n+1)/2 x i8>).
Value packNibbles(OpBuilder &b, Location loc, Value values) {
  auto shaped = cast<RankedTensorType>(values.getType());
  int64_t n = shaped.getNumElements(), bytes = (n + 1) / 2;
  Type i8 = b.getI8Type();
  Value flat = flattenTensor(b, loc, values);
  if (n % 2) {
    Value zero = arith::ConstantIntOp::create(b, loc, i8, 0);
    flat = tensor::PadOp::create(
        b, loc, RankedTensorType::get({n + 1}, i8), flat,
        ArrayRef<OpFoldResult>{b.getIndexAttr(0)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1)}, zero);
  }
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  SmallVector<AffineMap> maps = {AffineMap::get(1, 0, d0 * 2),
                                 AffineMap::get(1, 0, d0 * 2 + 1),
                                 AffineMap::get(1, 0, d0)};
  auto outT = RankedTensorType::get({bytes}, i8);
  Value init = tensor::EmptyOp::create(b, loc, outT.getShape(), i8);
  auto g = linalg::GenericOp::create(
      b, loc, outT, ValueRange{flat, flat}, init, maps,
      SmallVector<utils::IteratorType>{utils::IteratorType::parallel},
      [&](OpBuilder &bb, Location l, ValueRange args) {
        Value lo = arith::AndIOp::create(
            bb, l, args[0], arith::ConstantIntOp::create(bb, l, i8, 15));
        Value hi = arith::ShLIOp::create(
            bb, l, args[1], arith::ConstantIntOp::create(bb, l, i8, 4));
        linalg::YieldOp::create(bb, l, ValueRange{arith::OrIOp::create(bb, l, lo, hi)});
      });
  markKernel(g, "pack_int4");
  return g.getResult(0);
}

struct StorageCastLowering : OpConversionPattern<StorageCastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StorageCastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inT = cast<RankedTensorType>(op.getInput().getType());
    auto outT = cast<RankedTensorType>(op.getType());
    if (isPackedInt4Tensor(inT)) {
      QuantType q = getQuantElementType(outT);
      rewriter.replaceOp(op, unpackNibbles(rewriter, op.getLoc(),
                                           adaptor.getInput(), outT,
                                           q.getIsSigned()));
      return success();
    }
    if (isPackedInt4Tensor(outT)) {
      rewriter.replaceOp(op,
                         packNibbles(rewriter, op.getLoc(), adaptor.getInput()));
      return success();
    }
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

} // namespace

Type qcc::convertPackedEdgeType(RankedTensorType t) {
  if (!isPackedInt4Tensor(t) || !t.hasStaticShape())
    return {};
  return RankedTensorType::get({(t.getNumElements() + 1) / 2},
                               IntegerType::get(t.getContext(), 8));
}

void qcc::populateQNNStorageCastToLinalgPatterns(
    const TypeConverter &converter, RewritePatternSet &patterns) {
  patterns.add<StorageCastLowering>(converter, patterns.getContext());
}
