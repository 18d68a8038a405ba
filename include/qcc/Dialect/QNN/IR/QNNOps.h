//===- QNNOps.h - qnn operations --------------------------------*- C++ -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNOPS_H
#define QCC_DIALECT_QNN_IR_QNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"

namespace qcc::qnn {
inline std::optional<double> asDouble(std::optional<llvm::APFloat> f) {
  if (!f)
    return std::nullopt;
  return f->convertToDouble();
}
} // namespace qcc::qnn

#include "qcc/Dialect/QNN/IR/QNNOpsEnums.h.inc"

namespace qcc::qnn::traits {
/// Constraint Q16 (QNNBase.td): quantized operands and results of at most 8
/// bits; 16-bit values are only quantized, dequantized and cast.
mlir::LogicalResult verifyAtMost8Bits(mlir::Operation *op);
template <typename ConcreteType>
class AtMost8Bits
    : public mlir::OpTrait::TraitBase<ConcreteType, AtMost8Bits> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    return verifyAtMost8Bits(op);
  }
};
} // namespace qcc::qnn::traits

#define GET_OP_CLASSES
#include "qcc/Dialect/QNN/IR/QNNOps.h.inc"

namespace qcc::qnn {
/// The rounding of an op that rounds into its quantized result (its
/// `rounding` and `zero_point_first` attributes).
template <typename OpTy> Rounding getRoundingOf(OpTy op) {
  return {*parseRoundingMode(op.getRounding()), op.getZeroPointFirst()};
}
/// The same for any qnn op; the default rounding for an op without one.
Rounding getRoundingOf(mlir::Operation *op);
} // namespace qcc::qnn

#endif
