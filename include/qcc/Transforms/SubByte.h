//===- SubByte.h - sub-byte fields of packed bytes --------------*- C++ -*-===//
//
// The packed layout shared by qcc-pack-subbyte-weights and
// qcc-pack-subbyte-activations: k = 8 / bits values per byte, value j of a
// byte in bits [j * bits, (j + 1) * bits) (lowest bits first).
//
//===----------------------------------------------------------------------===//
#ifndef QCC_TRANSFORMS_SUBBYTE_H
#define QCC_TRANSFORMS_SUBBYTE_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace qcc {
/// An i8 constant, or a splat of it when `like` is a vector of i8.
inline mlir::Value emitI8Constant(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Type like, int64_t v) {
  using namespace mlir;
  Attribute a = b.getI8IntegerAttr(v);
  if (auto vt = dyn_cast<VectorType>(like))
    a = DenseElementsAttr::get(vt, a);
  return arith::ConstantOp::create(b, loc, cast<TypedAttr>(a));
}

/// The left shift that brings field `j` (an index) of a byte to its top
/// bits: 8 - bits - j * bits, as an i8.
inline mlir::Value emitFieldShift(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value j, int64_t bits) {
  using namespace mlir;
  Type i8 = b.getI8Type();
  Value j8 = arith::IndexCastOp::create(b, loc, i8, j);
  return arith::SubIOp::create(
      b, loc, emitI8Constant(b, loc, i8, 8 - bits),
      arith::MulIOp::create(b, loc, j8, emitI8Constant(b, loc, i8, bits)));
}

/// The field of `bytes` (i8 or a vector of i8) that a left shift by `left`
/// brings to the top bits, shifted back down arithmetically ("signed") or
/// logically ("unsigned", "bipolar"); a bipolar bit b is the value 1 - 2b.
inline mlir::Value emitShiftOutField(mlir::OpBuilder &b, mlir::Location loc,
                                     mlir::Value bytes, mlir::Value left,
                                     int64_t bits, llvm::StringRef kind) {
  using namespace mlir;
  Type t = bytes.getType();
  Value v = arith::ShLIOp::create(b, loc, bytes, left);
  Value right = emitI8Constant(b, loc, t, 8 - bits);
  if (kind == "signed")
    return arith::ShRSIOp::create(b, loc, v, right);
  Value value = arith::ShRUIOp::create(b, loc, v, right);
  if (kind == "bipolar") // 1 - 2 * bit
    value = arith::SubIOp::create(
        b, loc, emitI8Constant(b, loc, t, 1),
        arith::ShLIOp::create(b, loc, value, emitI8Constant(b, loc, t, 1)));
  return value;
}

/// Value `j` (an index) of the i8 `byte`.
inline mlir::Value emitUnpackField(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Value byte, mlir::Value j,
                                   int64_t bits, llvm::StringRef kind) {
  return emitShiftOutField(b, loc, byte, emitFieldShift(b, loc, j, bits), bits,
                           kind);
}

/// In a linalg.generic body whose operand `byte` (a block argument) now
/// holds packed bytes indexed by `loop floordiv k`, replaces every use of
/// the byte by its value `loop mod k`, unpacked at the start of the body.
inline void unpackBlockArgument(mlir::BlockArgument byte, unsigned loop,
                                int64_t bits, llvm::StringRef kind,
                                mlir::Location loc) {
  using namespace mlir;
  Block *body = byte.getOwner();
  OpBuilder bb = OpBuilder::atBlockBegin(body);
  Value j = arith::RemUIOp::create(bb, loc, linalg::IndexOp::create(bb, loc, loop),
                                   arith::ConstantIndexOp::create(bb, loc, 8 / bits));
  Value value = emitUnpackField(bb, loc, byte, j, bits, kind);
  llvm::SmallPtrSet<Operation *, 8> unpackOps;
  for (Operation &op : *body) {
    unpackOps.insert(&op);
    if (&op == value.getDefiningOp())
      break;
  }
  byte.replaceUsesWithIf(value, [&](OpOperand &use) {
    return !unpackOps.contains(use.getOwner());
  });
}
} // namespace qcc

#endif
