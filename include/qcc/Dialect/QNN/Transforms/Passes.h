//===- Passes.h - qnn dialect passes ----------------------------*- C++ -*-===//
#ifndef QCC_DIALECT_QNN_TRANSFORMS_PASSES_H
#define QCC_DIALECT_QNN_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace qcc::qnn {
/// The quantization of a graph input or output exposed as integers by
/// ExposeQuantizedIOPass (argument / result attributes of @forward).
inline constexpr llvm::StringLiteral kIOScaleAttr = "qcc.scale";
inline constexpr llvm::StringLiteral kIOZeroPointAttr = "qcc.zero_point";
inline constexpr llvm::StringLiteral kIOBitsAttr = "qcc.bits";
inline constexpr llvm::StringLiteral kIOQMinAttr = "qcc.qmin";
inline constexpr llvm::StringLiteral kIOQMaxAttr = "qcc.qmax";

#define GEN_PASS_DECL
#include "qcc/Dialect/QNN/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qcc/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace qcc::qnn

#endif
