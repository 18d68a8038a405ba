//===- Target.h - LLVM code generation and the C header ---------*- C++ -*-===//
#ifndef QCC_TARGET_TARGET_H
#define QCC_TARGET_TARGET_H

#include "mlir/IR/BuiltinOps.h"
#include <string>
#include <vector>

namespace llvm {
class Module;
class raw_pwrite_stream;
class raw_ostream;
} // namespace llvm

namespace qcc {

/// One model input or output as the C ABI sees it.
struct TensorInfo {
  std::string name;           // ONNX name
  std::vector<int64_t> shape; // dense row-major
  std::string dtype;          // float32 | float16 | uint8 | int8 | uint16 | ...
  std::string ctype;          // float | uint16_t | uint8_t | int8_t | ...
  int64_t elements = 0;
  int64_t bytes = 0;
  int64_t elementBits = 0;    // bits a value takes in the buffer
  bool packed4 = false;       // int4/uint4: two values a byte, low nibble first
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

/// What -target means: `x86_64` / `aarch64` (and spellings) -> a full Linux
/// triple, `native` / `host` -> the host's; full triples pass through.
/// Empty on an unknown architecture.
std::string normalizeTargetTriple(llvm::StringRef target);

enum class EmitKind { LLVMIR, Assembly, Object };

/// What the object costs the device, for `--report`: flash from the
/// object's sections, RAM from the arena and the stack the generated code
/// needs at most (the deepest call path, each function's frame as the code
/// generator laid it out).
struct MemoryFigures {
  int64_t codeBytes = 0;     // executable sections
  int64_t constantBytes = 0; // read-only data: weights, tables, ...
  int64_t dataBytes = 0;     // writable data and bss (qcc emits none)
  int64_t stackBytes = -1;   // -1: no bound (see stackProblem)
  std::string stackProblem;  // why there is no bound
  std::vector<std::string> deepestPath; // NAME_run -> ... (C symbol names)
  std::vector<std::string> externals;   // what the object leaves undefined
};

/// The stack bound of `m`'s functions: `frames` is the code generator's
/// stack-usage output (`<module>:<function>\t<bytes>\t<static|dynamic>`
/// per line), the call graph is `m`'s direct calls, and each call also
/// pushes `returnAddressBytes` (x86-64: 8; Arm: 0, the callee saves LR in
/// its frame). Calls to functions `m` only declares count nothing (they
/// are listed in externals by measureObject).
void computeStackBound(const llvm::Module &m, llvm::StringRef frames,
                       llvm::StringRef entry, unsigned returnAddressBytes,
                       MemoryFigures &out);

/// Section sizes and undefined symbols of an ELF relocatable object.
mlir::LogicalResult measureObject(llvm::StringRef object, MemoryFigures &out,
                                  std::string &error);

/// Translates the LLVM-dialect module, adds the `<name>_run` entry point,
/// optimizes and writes IR, assembly or an ELF object.
/// With `figures` (objects only), also fills in the stack bound and the
/// object's section sizes.
mlir::LogicalResult emitCode(mlir::ModuleOp llvmDialectModule,
                             const ModelInfo &info,
                             const CodegenOptions &opts, EmitKind kind,
                             llvm::raw_pwrite_stream &os, std::string &error,
                             MemoryFigures *figures = nullptr);

/// Writes the C99 / C++ header describing the ABI of `info`.
void emitHeader(const ModelInfo &info, llvm::raw_ostream &os);

} // namespace qcc

#endif
