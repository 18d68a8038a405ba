//===- RequantTile.h - requantize a convolution one row at a time -*- C++ -*-===//
//
// Shared by qcc-conv-microkernel and qcc-fuse-conv-requant-rows: finding the
// ops around a convolution's int32 accumulator buffer (what starts it, the
// elementwise requantization that reads it) and emitting a copy of that
// requantization over one tile of the output.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_TRANSFORMS_REQUANTTILE_H
#define QCC_LIB_TRANSFORMS_REQUANTTILE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include <optional>

namespace qcc {

/// The ops around a convolution's accumulator buffer.
struct AccumulatorUses {
  /// Starts the accumulator: a linalg.fill (`fill` is its value), or a
  /// linalg.generic that copies its one input through `biasMap` (`bias`).
  mlir::Operation *init = nullptr;
  mlir::Value fill, bias;
  mlir::AffineMap biasMap;
  /// The elementwise generic that reads the accumulator as its first input
  /// and writes an i8 buffer with the same loop dims as its iteration space.
  mlir::linalg::GenericOp requant;
};

/// The buffer a view reads through to.
mlir::Value rootOf(mlir::Value v);

/// The ops around `conv`'s accumulator when the accumulator is a
/// memref.alloc of its own that only these use (directly or, for the
/// convolution and a fill, through reshaping views of it): one op that
/// starts it before the convolution, and one requantization after it that
/// reads it (not a view of it) through `requantAccMap` and writes an i8
/// buffer of shape `outShape` through the identity map, whose other inputs
/// are indexed by loop dims or the constant 0, and whose body uses no loop
/// index. The
/// convolution and the start's read of a bias move to the requantization's
/// place: no op in between may write what they read, and the output may
/// not be a view of x, w or the bias (rows of it are written while they
/// are read).
std::optional<AccumulatorUses>
matchAccumulatorUses(mlir::linalg::GenericOp conv, mlir::Value acc,
                     mlir::AffineMap requantAccMap,
                     llvm::ArrayRef<int64_t> outShape);

/// A copy of `requant` over the tile of its iteration space at `offsets`
/// with sizes `sizes`: its accumulator read from `scratch` through
/// `scratchMap`, its other inputs and its output through subviews.
void emitRequantTile(mlir::OpBuilder &b, mlir::Location loc,
                     mlir::linalg::GenericOp requant, mlir::Value scratch,
                     mlir::AffineMap scratchMap,
                     llvm::ArrayRef<mlir::OpFoldResult> offsets,
                     llvm::ArrayRef<int64_t> sizes);

/// Erases `acc` (a memref.alloc), every op that uses it or a view of it,
/// and those views; then the constant globals (and their reshapes) those
/// ops read that nothing else reads any more (eraseUnusedGlobal).
void eraseAccumulator(mlir::Value acc);

} // namespace qcc

#endif
