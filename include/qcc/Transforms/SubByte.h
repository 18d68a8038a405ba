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
/// Value `j` (an index) of the i8 `byte`: shifted left so that its top bit
/// is the byte's, then shifted right arithmetically ("signed") or
/// logically ("unsigned", "bipolar"); a bipolar bit b is the value 1 - 2b.
inline mlir::Value emitUnpackField(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Value byte, mlir::Value j,
                                   int64_t bits, llvm::StringRef kind) {
  using namespace mlir;
  Type i8 = b.getI8Type();
  auto c8 = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(v));
  };
  Value j8 = arith::IndexCastOp::create(b, loc, i8, j);
  Value left = arith::SubIOp::create(b, loc, c8(8 - bits),
                                     arith::MulIOp::create(b, loc, j8, c8(bits)));
  Value v = arith::ShLIOp::create(b, loc, byte, left);
  if (kind == "signed")
    return arith::ShRSIOp::create(b, loc, v, c8(8 - bits));
  Value value = arith::ShRUIOp::create(b, loc, v, c8(8 - bits));
  if (kind == "bipolar") // 1 - 2 * bit
    value = arith::SubIOp::create(b, loc, c8(1),
                                  arith::ShLIOp::create(b, loc, value, c8(1)));
  return value;
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
