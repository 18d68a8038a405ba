//===- OneShotBufferize.cpp - bufferization with qcc's ABI conventions ----===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace qcc {
#define GEN_PASS_DEF_ONESHOTBUFFERIZEPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {
/// The ops that make `v` a fresh tensor: a tensor.empty, then the reshapes
/// of it that lead to `v` (canonicalization moves a fill's reshape onto its
/// destination); empty when `v` is not one.
SmallVector<Operation *> freshChain(Value v) {
  SmallVector<Operation *> chain;
  while (Operation *def = v.getDefiningOp()) {
    if (isa<tensor::EmptyOp>(def)) {
      chain.push_back(def);
      return SmallVector<Operation *>(llvm::reverse(chain));
    }
    if (!isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(def))
      break;
    chain.push_back(def);
    v = def->getOperand(0);
  }
  return {};
}

/// An elementwise linalg op on tensors that writes a fresh tensor (its
/// destinations are freshChain()s) and whose result is the destination of an
/// op that writes it in place while something else also uses it: a zero
/// fill or a bias broadcast that CSE merged for several convolutions.
/// Bufferization would allocate it once and copy it for each in-place
/// writer; recomputing it per writer costs no more than that copy, and
/// gives each writer a buffer of its own that no other op reads (which is
/// what lets qcc-conv-microkernel drop a convolution's accumulator).
void recomputeSharedDestinations(ModuleOp module) {
  SmallVector<linalg::LinalgOp> ops;
  module.walk([&](linalg::LinalgOp op) {
    if (op->getNumResults() == 1 && op.hasPureTensorSemantics() &&
        op.getNumReductionLoops() == 0 && !op->getResult(0).hasOneUse() &&
        llvm::all_of(op.getDpsInits(), [](Value v) {
          return !freshChain(v).empty();
        }))
      ops.push_back(op);
  });
  // Linalg writers only, directly or through a reshape that only they use:
  // a tensor.insert_slice into the value is the in-place padding that
  // qcc-pad-in-place set up, not a second writer.
  auto isWriter = [](OpOperand &u) {
    auto writer = dyn_cast<linalg::LinalgOp>(u.getOwner());
    return writer && writer.isDpsInit(&u);
  };
  for (linalg::LinalgOp op : ops) {
    SmallVector<OpOperand *> dests;
    unsigned uses = 0;
    for (OpOperand &use : op->getResult(0).getUses()) {
      ++uses;
      Operation *owner = use.getOwner();
      if (isWriter(use) ||
          (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(owner) &&
           !owner->getResult(0).use_empty() &&
           llvm::all_of(owner->getResult(0).getUses(), isWriter)))
        dests.push_back(&use);
    }
    // With only destination uses, the first keeps the original.
    if (dests.size() == uses)
      dests.erase(dests.begin());
    for (OpOperand *use : dests) {
      OpBuilder b(use->getOwner());
      IRMapping map;
      for (Value init : op.getDpsInits())
        for (Operation *def : freshChain(init))
          if (!map.contains(def->getResult(0)))
            map.map(def->getResult(0), b.clone(*def, map)->getResult(0));
      use->set(b.clone(*op, map)->getResult(0));
    }
  }
}

struct OneShotBufferizePass
    : qcc::impl::OneShotBufferizePassBase<OneShotBufferizePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Model inputs are `const` in the ABI: never bufferize in place into them.
    module.walk([](func::FuncOp f) {
      if (f.isExternal())
        return;
      for (unsigned i = 0; i < f.getNumArguments(); ++i)
        if (isa<TensorType>(f.getArgument(i).getType()))
          f.setArgAttr(i, bufferization::BufferizationDialect::kWritableAttrName,
                       BoolAttr::get(f.getContext(), false));
    });
    recomputeSharedDestinations(module);
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.setFunctionBoundaryTypeConversion(
        bufferization::LayoutMapOption::IdentityLayoutMap);
    options.memCpyFn = [](OpBuilder &b, Location loc, Value from,
                          Value to) -> LogicalResult {
      linalg::CopyOp::create(b, loc, from, to);
      return success();
    };
    bufferization::BufferizationState state;
    if (failed(bufferization::runOneShotModuleBufferize(module, options, state)))
      return signalPassFailure();
    // A buffer returned twice would become two out-params for one
    // allocation (upstream promoteBufferResultsToOutParams crashes on it):
    // every repeated return operand gets a copy of its own.
    module.walk([&](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto t = dyn_cast<MemRefType>(v.getType());
        if (!t || seen.insert(v).second)
          continue;
        OpBuilder b(ret);
        Value copy = memref::AllocOp::create(b, ret.getLoc(),
                                             MemRefType::get(t.getShape(),
                                                             t.getElementType()));
        (void)options.memCpyFn.value()(b, ret.getLoc(), v, copy);
        operand.set(copy);
      }
    });
    // Results become caller-provided out-params (the ABI's outputs[]); a
    // returned static allocation is replaced by the out-param itself.
    bufferization::BufferResultsToOutParamsOpts outOpts;
    outOpts.hoistStaticAllocs = true;
    outOpts.modifyPublicFunctions = true;
    outOpts.memCpyFn = options.memCpyFn.value();
    if (failed(bufferization::promoteBufferResultsToOutParams(module, outOpts)))
      signalPassFailure();
  }
};
} // namespace
