//===- KernelMarks.h - attributes QNNToLinalg leaves on its generics -------===//
//
// Shared by the pattern files of the conversion (QNNToLinalg.cpp,
// FloatOps.cpp): the "qcc.kernel" name that later passes (tiling, the
// report) and readers of the IR use to tell the generics apart.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_CONVERSION_QNNTOLINALG_KERNELMARKS_H
#define QCC_LIB_CONVERSION_QNNTOLINALG_KERNELMARKS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

namespace qcc::qnn_to_linalg {

/// Names the kernel `op` computes ("conv2d", "float_add", "softmax", ...).
inline void markKernel(mlir::Operation *op, llvm::StringRef kind) {
  op->setAttr("qcc.kernel", mlir::StringAttr::get(op->getContext(), kind));
}

} // namespace qcc::qnn_to_linalg

#endif // QCC_LIB_CONVERSION_QNNTOLINALG_KERNELMARKS_H
