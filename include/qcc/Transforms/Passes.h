//===- Passes.h - qcc transformation passes ---------------------*- C++ -*-===//
#ifndef QCC_TRANSFORMS_PASSES_H
#define QCC_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "qcc/Support/IOAttributes.h"

namespace qcc {
#define GEN_PASS_DECL
#include "qcc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qcc/Transforms/Passes.h.inc"

/// Name of the function attribute holding the planned arena size in bytes.
inline constexpr llvm::StringLiteral kArenaBytesAttr = "qcc.arena_bytes";
/// Attributes on accumulations with sub-byte constant weights (operand 1).
inline constexpr llvm::StringLiteral kWeightBitsAttr = "qcc.weight_bits";
inline constexpr llvm::StringLiteral kWeightKindAttr = "qcc.weight_kind";
/// On accumulations whose input (operand 0) is bipolar: "bipolar".
inline constexpr llvm::StringLiteral kInputKindAttr = "qcc.input_kind";
} // namespace qcc

#endif
