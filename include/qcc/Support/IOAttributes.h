//===- IOAttributes.h - attributes of the model function's edges -*- C++ -*-===//
//
// Argument / result attributes of @forward, the model's graph inputs and
// outputs: set by the importer and by qnn-expose-quantized-io, read by the
// arena planner and the C header.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_SUPPORT_IOATTRIBUTES_H
#define QCC_SUPPORT_IOATTRIBUTES_H

#include "llvm/ADT/StringRef.h"

namespace qcc {
/// The ONNX name of a model input / output.
inline constexpr llvm::StringLiteral kIONameAttr = "qcc.name";
/// The quantization of an input / output passed as its stored integers
/// (--io=quantized): real = scale * (q - zero_point), q of `bits` bits in
/// [qmin, qmax].
inline constexpr llvm::StringLiteral kIOScaleAttr = "qcc.scale";
inline constexpr llvm::StringLiteral kIOZeroPointAttr = "qcc.zero_point";
inline constexpr llvm::StringLiteral kIOBitsAttr = "qcc.bits";
inline constexpr llvm::StringLiteral kIOQMinAttr = "qcc.qmin";
inline constexpr llvm::StringLiteral kIOQMaxAttr = "qcc.qmax";
} // namespace qcc

#endif
