//===- QNNBase.td - qnn dialect definition -----------------*- tablegen -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNBASE_TD
#define QCC_DIALECT_QNN_IR_QNNBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def QNN_Dialect : Dialect {
  let name = "qnn";
  let cppNamespace = "::qcc::qnn";
  let summary = "Quantized neural-network operations with per-slice bit-widths";
  let description = [{
    The `qnn` dialect models quantized CNN inference as an importer produces
    it. Quantization lives in the element type `!qnn.q`: signedness, the
    bit-width of every slice of the quantization axis (1 to 8 bits), and a
    scale and zero-point per tensor or per channel. Operations are defined on
    real values: `real = scale * (q - zero_point)`; every operation that
    produces a quantized tensor rounds and saturates into its result type.
    The exact integer semantics (accumulator width, bias, fixed-point
    multipliers, round-half-to-even, saturation) are given in
    `docs/IntegerSemantics.md` and are followed by every lowering.
  }];
  let useDefaultTypePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

#endif
