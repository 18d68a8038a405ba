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
    bit-width of every slice of the quantization axis (1 to 8 bits; 16 for
    activations that are only quantized and dequantized), and a
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

// Constraint Q16: the quantized operands and results of an op have at most
// 8 bits. Every op has it except those that handle 16-bit values
// (quantize, dequantize, storage_cast), which are declared with QNN_WideOp.
def QNN_AtMost8Bits : NativeOpTrait<"AtMost8Bits"> {
  let cppNamespace = "::qcc::qnn::traits";
}

class QNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, !listconcat(traits, [QNN_AtMost8Bits])>;
class QNN_WideOp<string mnemonic, list<Trait> traits = []>
    : Op<QNN_Dialect, mnemonic, traits>;

#endif
