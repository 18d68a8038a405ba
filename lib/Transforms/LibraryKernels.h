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

#include "mlir/Dialect/MemRef/IR/MemRef.h"
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

/// Erases `v`'s reshapes and memref.get_global when nothing uses them, and
/// the global when nothing refers to it.
void eraseUnusedGlobal(mlir::Value v);

} // namespace qcc

#endif
