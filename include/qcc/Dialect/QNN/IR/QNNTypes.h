//===- QNNTypes.h - qnn types -----------------------------------*- C++ -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNTYPES_H
#define QCC_DIALECT_QNN_IR_QNNTYPES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/bit.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include "qcc/Dialect/QNN/IR/QNNDialect.h"

namespace qcc::qnn {
/// A quantization scale: an IEEE binary32 value kept in a double (ONNX and
/// QONNX scales are binary32). Constructing one rounds to binary32.
struct Scale {
  double value = 1.0;
  Scale() = default;
  explicit Scale(double v) : value((double)(float)v) {}
  operator double() const { return value; }
  bool operator==(const Scale &o) const { return value == o.value; }
  friend llvm::hash_code hash_value(const Scale &s) {
    return llvm::hash_value(llvm::bit_cast<uint64_t>(s.value));
  }
};
} // namespace qcc::qnn

#define GET_TYPEDEF_CLASSES
#include "qcc/Dialect/QNN/IR/QNNOpsTypes.h.inc"

namespace qcc::qnn {
/// The quantized element type of `t` if it is a ranked tensor of !qnn.q.
QuantType getQuantElementType(mlir::Type t);
/// Whether `t` is a tensor of `si4`/`ui4`: a graph edge of ONNX type
/// int4/uint4, stored as ONNX stores it (two values a byte, row-major, the
/// first in the low nibble). qnn.storage_cast unpacks and packs it.
bool isPackedInt4Tensor(mlir::Type t);
/// Rounds a double to the nearest binary32 value (scales are binary32).
double roundToF32(double v);

/// Rounding of a real value to an integer (QONNX's modes).
enum class RoundingMode { HalfEven, HalfUp, HalfDown, Up, Down, Ceil, Floor };
/// How an op rounds into its quantized result: the mode, and whether the
/// result's zero point is added before rounding (QONNX Quant) or after it
/// (ONNX QuantizeLinear). See docs/IntegerSemantics.md, "Rounding order".
struct Rounding {
  RoundingMode mode = RoundingMode::HalfEven;
  bool zeroPointFirst = false;
};
/// Parses the `rounding` attribute spelling (half_even, half_up, ...).
std::optional<RoundingMode> parseRoundingMode(llvm::StringRef s);
/// Rounds `v` to an integer-valued double with `mode`.
double roundWith(RoundingMode mode, double v);
} // namespace qcc::qnn

#endif
