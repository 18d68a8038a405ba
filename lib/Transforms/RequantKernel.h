//===- RequantKernel.h - requantize a row with the runtime kernel -*- C++ -*-===//
//
// Shared by qcc-conv-microkernel and qcc-fuse-conv-requant-rows: recognizing
// a convolution's requantization as the fixed-point form of
// convert-qnn-to-linalg, reading its parameters per output channel, and
// calling the runtime's qcc_uk_requant_row_i8 for one output row in place
// of a copy of the requantization.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_TRANSFORMS_REQUANTKERNEL_H
#define QCC_LIB_TRANSFORMS_REQUANTKERNEL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include <optional>
#include <vector>

namespace qcc {

/// The parameters of `requant` (an elementwise generic over [N, F, OH, OW]
/// whose first input is the int32 accumulator and whose output is i8) for
/// each of its F output channels, laid out as qcc_uk_requant_row_i8 reads
/// them (lib/Runtime/ukernel/qcc_ukernel.h): mult, shift, zp, lo, hi, and
/// the accumulator bounds amin, amax, each F int32. Only when the body is exactly the fixed-point requantization
/// convert-qnn-to-linalg writes for a 32-bit operand,
///
///   trunci(minsi(maxsi(addi(shrsi(p + ((1 << (s-1)) - 1 + ((p >> s) & 1)),
///                                  s), zp), lo), hi)),  p = extsi(acc) * m
///
/// (the zero-point add absent when zp is 0), each of m, s, zp, lo, hi a
/// constant or computed from constants and inputs that are constant
/// globals indexed by the channel alone, every channel's values within
/// the kernel's limits (the accumulators it multiplies times mult below
/// 2^53: a shift of at most 44 for 8-bit outputs), and the output's pixels
/// contiguous; nothing otherwise.
std::optional<std::vector<int32_t>>
matchFixedPointRequant(mlir::linalg::GenericOp requant);

/// A constant i32 global `__qcc_uk_requant_params` (made unique) holding
/// `params` (as matchFixedPointRequant returns them), inserted before the
/// function containing `anchor`; returns a memref.get_global of it at `b`.
mlir::Value addRequantParamsGlobal(mlir::OpBuilder &b, mlir::Operation *anchor,
                                   llvm::ArrayRef<int32_t> params);

/// Calls qcc_uk_requant_row_i8 for output row (n, oh), channels
/// [c0, c0 + C), of `requant`'s output, from the accumulators in `scratch`
/// (OW x C int32, pixel-major) and the parameters in `params` (a 1-D i32
/// memref as matchFixedPointRequant lays them out for F channels).
void emitRequantRowCall(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::linalg::GenericOp requant, mlir::Value scratch,
                        mlir::Value params, mlir::Value n, mlir::Value c0,
                        mlir::Value oh, int64_t C, int64_t OW, int64_t F);

} // namespace qcc

#endif
