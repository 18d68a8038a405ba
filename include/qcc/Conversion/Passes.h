//===- Passes.h - qcc conversion passes -------------------------*- C++ -*-===//
#ifndef QCC_CONVERSION_PASSES_H
#define QCC_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/DialectConversion.h"

namespace qcc {
#define GEN_PASS_DECL
#include "qcc/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "qcc/Conversion/Passes.h.inc"

/// qnn.float_binary, qnn.float_unary and qnn.softmax (float32 parts of a
/// model) to linalg.generic on f32 tensors (lib/Conversion/QNNToLinalg/FloatOps.cpp).
void populateQNNFloatToLinalgPatterns(const mlir::TypeConverter &converter,
                                      mlir::RewritePatternSet &patterns);
/// qnn.multi_threshold to a linalg.generic counting the thresholds reached
/// (lib/Conversion/QNNToLinalg/ThresholdOps.cpp).
void populateQNNThresholdToLinalgPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
/// qnn.arg_reduce (ArgMax / ArgMin) to a linalg.generic reducing to the
/// best value and its index (lib/Conversion/QNNToLinalg/ArgReduce.cpp).
void populateQNNArgReduceToLinalgPatterns(const mlir::TypeConverter &converter,
                                          mlir::RewritePatternSet &patterns);
/// qnn.top_k (TopK) to a linalg.generic ranking every element along the
/// axis and one selecting the first k (lib/Conversion/QNNToLinalg/TopK.cpp).
void populateQNNTopKToLinalgPatterns(const mlir::TypeConverter &converter,
                                     mlir::RewritePatternSet &patterns);
/// qnn.storage_cast to its input, or, at a packed int4/uint4 graph edge, to
/// the linalg.generic unpacking or packing its nibbles
/// (lib/Conversion/QNNToLinalg/StorageCast.cpp).
void populateQNNStorageCastToLinalgPatterns(const mlir::TypeConverter &converter,
                                            mlir::RewritePatternSet &patterns);
/// The storage of a packed graph edge (a static tensor of `si4`/`ui4`): its
/// n values two a byte, tensor<(n+1)/2 x i8>. Null for any other type.
mlir::Type convertPackedEdgeType(mlir::RankedTensorType t);
} // namespace qcc

#endif
