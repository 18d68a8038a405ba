//===- Pipeline.cpp - qcc registration and lowering pipelines -------------===//
#include "qcc/Pipeline/Pipeline.h"

#include "qcc/Conversion/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNDialect.h"
#include "qcc/Dialect/QNN/Transforms/Passes.h"
#include "qcc/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

using namespace mlir;

void qcc::registerDialects(DialectRegistry &registry) {
  registry.insert<qnn::QNNDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
}

std::string qcc::lowerToBuffersPipeline(bool libraryKernels,
                                        unsigned wordBits) {
  // qcc-fuse-float-elementwise before cse: its uses are the qnn IR's, as
  // the arena lower bound counts them (cse may merge equal readers).
  return "qnn-legalize-bit-widths,convert-qnn-to-linalg{word-bits=" +
         std::to_string(wordBits) + "},qcc-fuse-float-elementwise,canonicalize,cse,"
         "qcc-xnor-popcount,qcc-pack-subbyte-weights,"
         "qcc-pack-subbyte-activations,canonicalize,qcc-split-empty-tensors,"
         "qcc-pad-in-place,"
         "eliminate-empty-tensors,"
         "qcc-one-shot-bufferize,cse,canonicalize,"
         "qcc-conv-microkernel{library-kernels=" +
         std::string(libraryKernels ? "1" : "0") +
         "},qcc-fuse-conv-requant-rows{library-kernels=" +
         std::string(libraryKernels ? "1" : "0") +
         "},qcc-plan-static-arena,"
         "qcc-outline-kernels";
}

std::string qcc::buffersToLLVMPipeline() {
  return "func.func(convert-linalg-to-loops,lower-affine,canonicalize,cse),"
         "expand-strided-metadata,lower-affine,"
         "convert-scf-to-cf,qcc-expand-float-min-max,convert-vector-to-llvm,"
         "convert-math-to-llvm,convert-arith-to-llvm,"
         "convert-index-to-llvm,"
         "finalize-memref-to-llvm,"
         "convert-func-to-llvm{use-bare-ptr-memref-call-conv=1},"
         "convert-cf-to-llvm,reconcile-unrealized-casts,canonicalize";
}

LogicalResult qcc::buildLowerToLLVMPipeline(OpPassManager &pm) {
  return parsePassPipeline(lowerToBuffersPipeline() + "," +
                               buffersToLLVMPipeline(),
                           pm);
}

namespace {
struct LowerToBuffersOptions
    : public PassPipelineOptions<LowerToBuffersOptions> {
  Option<bool> libraryKernels{
      *this, "library-kernels",
      llvm::cl::desc("Let qcc-conv-microkernel call the runtime's "
                     "microkernels (false: generate every kernel)"),
      llvm::cl::init(true)};
};
} // namespace

void qcc::registerPasses() {
  mlir::registerAllPasses();
  qcc::registerQCCConversionPasses();
  qcc::registerQCCTransformsPasses();
  qcc::qnn::registerQNNTransformsPasses();
  PassPipelineRegistration<LowerToBuffersOptions>(
      "qcc-lower-to-buffers",
      "qnn on tensors -> linalg on memrefs placed in one static arena",
      [](OpPassManager &pm, const LowerToBuffersOptions &opts) {
        (void)parsePassPipeline(
            qcc::lowerToBuffersPipeline(opts.libraryKernels), pm);
      });
  PassPipelineRegistration<>(
      "qcc-buffers-to-llvm", "arena-planned linalg on memrefs -> LLVM dialect",
      [](OpPassManager &pm) {
        (void)parsePassPipeline(qcc::buffersToLLVMPipeline(), pm);
      });
  PassPipelineRegistration<>(
      "qcc-lower-to-llvm", "the whole lowering: qnn -> LLVM dialect",
      [](OpPassManager &pm) { (void)qcc::buildLowerToLLVMPipeline(pm); });
}
