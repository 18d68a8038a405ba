//===- Target.h - LLVM code generation and the C header ---------*- C++ -*-===//
#ifndef QCC_TARGET_TARGET_H
#define QCC_TARGET_TARGET_H

#include "mlir/IR/BuiltinOps.h"
#include <string>
#include <vector>

namespace llvm {
class raw_pwrite_stream;
class raw_ostream;
} // namespace llvm

namespace qcc {

/// One model input or output as the C ABI sees it.
struct TensorInfo {
  std::string name;           // ONNX name
  std::vector<int64_t> shape; // dense row-major
  std::string dtype;          // float32 | uint8 | int8 | int32
  std::string ctype;          // float | uint8_t | int8_t | int32_t
  int64_t elements = 0;
  int64_t bytes = 0;
  // --io=quantized: real = scale * (q - zeroPoint), q of `bits` bits.
  bool quantized = false;
  double scale = 0;
  int64_t zeroPoint = 0;
  int64_t bits = 0, qmin = 0, qmax = 0;
};

struct ModelInfo {
  std::string name; // C identifier prefix
  int64_t arenaBytes = 0;
  std::vector<TensorInfo> inputs, outputs;
  std::string weightsSection; // --weights-section, or "" (the default ones)
  int64_t weightsAlign = 1;   // the largest alignment of a constant
};

/// Reads the I/O description from the model function `forward` (on tensors,
/// before bufferization).
mlir::LogicalResult collectModelIO(mlir::ModuleOp module, ModelInfo &info,
                                   std::string &error);

struct CodegenOptions {
  std::string target; // x86_64, aarch64, or a full triple
  std::string cpu;    // "" = generic, "native" = host
  std::string features;
  std::string floatABI; // Cortex-M: "" or "soft" (the default), "hard"
  std::string weightsSection; // "" = the default sections (.rodata...)
  int optLevel = 2;
};

enum class EmitKind { LLVMIR, Assembly, Object };

/// Translates the LLVM-dialect module, adds the `<name>_run` entry point,
/// optimizes and writes IR, assembly or an ELF object.
mlir::LogicalResult emitCode(mlir::ModuleOp llvmDialectModule,
                             const ModelInfo &info,
                             const CodegenOptions &opts, EmitKind kind,
                             llvm::raw_pwrite_stream &os, std::string &error);

/// Writes the C99 / C++ header describing the ABI of `info`.
void emitHeader(const ModelInfo &info, llvm::raw_ostream &os);

} // namespace qcc

#endif
