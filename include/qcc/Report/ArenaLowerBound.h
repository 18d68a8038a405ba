//===- ArenaLowerBound.h - the smallest arena a model can have --*- C++ -*-===//
#ifndef QCC_REPORT_ARENALOWERBOUND_H
#define QCC_REPORT_ARENALOWERBOUND_H

#include "mlir/IR/BuiltinOps.h"

namespace qcc {
/// The activation arena's lower bound for an imported (qnn) module, in
/// bytes: over the ops of each function in program order, the largest sum
/// of the stored bytes of the activations alive at once. An activation is
/// the result of a non-constant op; it is alive from the op that defines it
/// to its last reader, both included (an op's operands and its result are
/// alive at once: no in-place reuse is credited). `qnn.reshape` and
/// `qnn.storage_cast` results are the same buffer as their input. Graph
/// inputs and constants are not in the arena, nor is an activation the
/// function returns (it can be written to the caller's output buffer).
/// Stored bytes: quantized values at their packed width (1, 2, 4 or 8
/// bits, the smallest holding every slice), other elements at their own
/// width (at least one byte), rounded up to whole bytes per tensor; a
/// fused float temporary (isFusedFloatTemporary) is not stored.
/// Returns the largest bound over the module's functions (0 for none).
int64_t arenaLowerBound(mlir::ModuleOp module);
/// The stored bytes of one tensor value under the rule above.
int64_t storedActivationBytes(mlir::Type type);
/// A float add/sub/mul/div result whose only reader, of its shape, is
/// another one or a qnn.quantize: qcc-fuse-float-elementwise computes it
/// inside that reader, so it is never stored (0 bytes in the bound and in
/// the report's per-layer bytes).
bool isFusedFloatTemporary(mlir::Value v);
} // namespace qcc

#endif
