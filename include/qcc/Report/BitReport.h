//===- BitReport.h - bits, bytes and MACs per layer -------------*- C++ -*-===//
#ifndef QCC_REPORT_BITREPORT_H
#define QCC_REPORT_BITREPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace qcc {
/// One layer (qnn op with weights or that produces an activation).
struct LayerReport {
  std::string name, op;
  std::string weightBits, inBits, outBits; // per slice, e.g. "i2x8,i4x8"
  int64_t macs = 0;
  int64_t weightCount = 0;   // weight values
  int64_t weightBytes = 0;   // as stored: packed values + int32 bias
  int64_t idealWeightBits = 0; // sum(bits x count), imported widths
  int64_t activationBytes = 0; // the result tensor as stored
};

struct ModelReport {
  std::vector<LayerReport> layers;
  int64_t arenaBytes = -1; // peak arena, once planned
  /// The arena's lower bound (arenaLowerBound, ArenaLowerBound.h); -1: not
  /// computed.
  int64_t arenaLowerBound = -1;
  /// sum(bits x count) + biases at the widths the model was imported with
  /// (before legalization promotes 3 to 4 and 5..7 to 8 bits); -1: the sum
  /// of the layers' idealWeightBits.
  int64_t idealWeightBits = -1;
};

/// Collects the report from an imported (qnn) module, before lowering.
ModelReport collectBitReport(mlir::ModuleOp module);
/// Updates the layers' activation bytes to what the lowering stores: a
/// result that qcc-pack-subbyte-activations packed (a linalg op marked
/// qcc.packed_bits, located at the layer) takes the bytes of its packed
/// buffer. `module` is the module after the buffer pipeline.
void notePackedActivations(ModelReport &r, mlir::ModuleOp module);
/// Prints the per-layer table and the totals.
void printBitReport(const ModelReport &r, llvm::raw_ostream &os);
} // namespace qcc

#endif
