//===- Pipeline.h - qcc registration and lowering pipelines -----*- C++ -*-===//
#ifndef QCC_PIPELINE_PIPELINE_H
#define QCC_PIPELINE_PIPELINE_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"
#include <string>

namespace qcc {
/// qnn plus every upstream dialect, interface model and LLVM translation
/// qcc's pipelines use.
void registerDialects(mlir::DialectRegistry &registry);
/// qcc's passes and pipelines plus the upstream passes they use.
void registerPasses();

/// The textual pipelines (each runnable with qcc-opt --pass-pipeline=...):
/// qnn on tensors -> linalg on arena-planned memrefs. With
/// `libraryKernels` false, every convolution kernel is generated (none calls
/// the runtime's microkernels).
/// `wordBits`: the target's register width (32 for Cortex-M), for
/// convert-qnn-to-linalg's word-bits.
std::string lowerToBuffersPipeline(bool libraryKernels = true,
                                   unsigned wordBits = 64);
/// arena-planned linalg on memrefs -> LLVM dialect.
std::string buffersToLLVMPipeline();

/// Both of the above, appended to `pm`.
mlir::LogicalResult buildLowerToLLVMPipeline(mlir::OpPassManager &pm);
} // namespace qcc

#endif
