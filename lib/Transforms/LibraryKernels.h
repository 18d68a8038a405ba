//===- LibraryKernels.h - calling the runtime's microkernels ----*- C++ -*-===//
//
// Shared by the passes that replace loops by calls to the microkernels in
// lib/Runtime/ukernel (qcc-conv-microkernel, qcc-fuse-conv-requant-rows):
// reading constant weights, adding the repacked copies as globals, and
// removing the original weights once nothing reads them.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_TRANSFORMS_LIBRARYKERNELS_H
#define QCC_LIB_TRANSFORMS_LIBRARYKERNELS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Builders.h"
#include <optional>
#include <vector>

namespace qcc {

/// The bytes of the constant 8-bit global that `v` reads, seen through
/// memref.expand_shape / collapse_shape (which keep the row-major order),
/// or nothing.
std::optional<std::vector<int8_t>> constantGlobalBytes(mlir::Value v);

/// A private constant global of `type` holding `value` (named after `name`,
/// made unique), inserted before the function containing `anchor`; returns
/// a memref.get_global of it created at `b`.
mlir::Value addConstantGlobal(mlir::OpBuilder &b, mlir::Operation *anchor,
                              llvm::StringRef name, mlir::MemRefType type,
                              mlir::ElementsAttr value);

/// The private declaration of the runtime kernel `name` in `module` (added
/// once) taking `args`; memref<i8> / memref<i32> (rank 0) arguments pass
/// bare pointers.
mlir::func::FuncOp declareKernel(mlir::ModuleOp module, llvm::StringRef name,
                                 llvm::ArrayRef<mlir::Type> args);

/// A stored 8-bit weight minus its zero point, if that fits int8 (what the
/// kernels multiply).
std::optional<int8_t> weightMinusZeroPoint(int8_t stored, bool isSigned,
                                           int64_t zw);

/// start - zx * sumW, the zero-point correction of one filter whose
/// weights minus zw sum to `sumW` (the padding holds zx, so it is the same
/// for every pixel), if it fits int32.
std::optional<int32_t> zeroPointCorrection(int64_t start, int64_t zx,
                                           int64_t sumW);

/// Erases `v`'s reshapes and memref.get_global when nothing uses them, and
/// the global when nothing refers to it.
void eraseUnusedGlobal(mlir::Value v);

} // namespace qcc

#endif
