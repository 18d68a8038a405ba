//===- OutlineKernels.cpp - one function per kernel, noalias buffers ------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace qcc {
#define GEN_PASS_DEF_OUTLINEKERNELSPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

/// Where a buffer's bytes live: a root value (function argument or global)
/// and, within the arena, a byte range when it is known.
struct Extent {
  const void *root = nullptr; // Value impl or global symbol
  int64_t begin = 0, end = -1; // end < 0: the whole root (unknown range)
};

Extent extentOf(Value v, const DataLayout &layout) {
  while (true) {
    if (auto view = v.getDefiningOp<memref::ViewOp>()) {
      // memref.view %arena[%offset][] from the arena planner.
      Extent e;
      e.root = view.getSource().getAsOpaquePointer();
      APInt off;
      auto t = view.getType();
      if (t.hasStaticShape() &&
          matchPattern(view.getByteShift(), m_ConstantInt(&off))) {
        e.begin = off.getSExtValue();
        e.end = e.begin +
                t.getNumElements() *
                    (int64_t)layout.getTypeSize(t.getElementType()).getFixedValue();
      }
      return e;
    }
    if (auto g = v.getDefiningOp<memref::GetGlobalOp>())
      return {g.getNameAttr().getAsOpaquePointer(), 0, -1};
    if (auto view = v.getDefiningOp<ViewLikeOpInterface>()) {
      v = view.getViewSource();
      continue;
    }
    return {v.getAsOpaquePointer(), 0, -1};
  }
}

bool mayOverlap(const Extent &a, const Extent &b) {
  if (a.root != b.root)
    return false;
  if (a.end < 0 || b.end < 0)
    return true;
  return a.begin < b.end && b.begin < a.end;
}

/// A static slice of a static identity-layout buffer (as qcc-pad-in-place
/// leaves: a producer writing the interior of a padded buffer). A kernel
/// takes the whole buffer and makes the slice itself.
memref::SubViewOp staticSlice(Value v) {
  auto sv = v.getDefiningOp<memref::SubViewOp>();
  if (!sv || !sv.getOffsets().empty() || !sv.getSizes().empty() ||
      !sv.getStrides().empty())
    return {};
  MemRefType src = sv.getSourceType();
  if (!src.hasStaticShape() || !src.getLayout().isIdentity())
    return {};
  return sv;
}

/// The buffers a kernel reads or writes: its memref operands, and for a
/// loop nest marked `qcc.kernel` (a microkernel) the memrefs its body
/// captures from above; a static slice counts as its whole buffer, and
/// goes to `slices` to be remade inside the kernel.
SmallVector<Value> buffersOf(Operation *op,
                             SmallVectorImpl<memref::SubViewOp> *slices = nullptr) {
  SmallVector<Value> buffers;
  auto add = [&](Value v) {
    if (!isa<MemRefType>(v.getType()))
      return;
    if (auto sv = staticSlice(v)) {
      if (slices && !llvm::is_contained(*slices, sv))
        slices->push_back(sv);
      v = sv.getSource();
    }
    if (!llvm::is_contained(buffers, v))
      buffers.push_back(v);
  };
  for (Value v : op->getOperands())
    add(v);
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value v : captured)
    add(v);
  return buffers;
}

/// A linalg op, or a loop nest marked `qcc.kernel`, on static
/// identity-layout buffers (what the bare-pointer calling convention
/// passes).
bool outlinable(Operation *op) {
  if (!isa<linalg::LinalgOp>(op) &&
      !(op->hasAttr("qcc.kernel") && op->getNumResults() == 0 &&
        op->getNumRegions() > 0))
    return false;
  for (Value v : buffersOf(op)) {
    auto t = cast<MemRefType>(v.getType());
    if (!t.hasStaticShape() || !t.getLayout().isIdentity())
      return false;
  }
  return true;
}

struct OutlineKernelsPass
    : qcc::impl::OutlineKernelsPassBase<OutlineKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    MLIRContext *ctx = &getContext();
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    for (func::FuncOp f : funcs) {
      if (f.isExternal() || f.isPrivate())
        continue;
      DataLayout layout = DataLayout::closest(f);
      unsigned counter = 0;
      for (Operation &op : llvm::make_early_inc_range(f.getBody().front())) {
        if (!outlinable(&op))
          continue;
        SmallVector<memref::SubViewOp> slices;
        SmallVector<Value> buffers = buffersOf(&op, &slices);
        // Values the op's body captures from above: constants are cloned
        // into the kernel, anything else becomes an extra argument.
        llvm::SetVector<Value> captured;
        getUsedValuesDefinedAbove(op.getRegions(), captured);
        for (Value v : op.getOperands())
          if (!isa<MemRefType>(v.getType()))
            captured.insert(v);
        // A slice is remade inside the kernel from its buffer.
        for (memref::SubViewOp sv : slices)
          captured.remove(sv.getResult());
        SmallVector<Operation *> constants;
        SmallVector<Value> scalars;
        for (Value v : captured) {
          Operation *def = v.getDefiningOp();
          if (def && def->hasTrait<OpTrait::ConstantLike>())
            constants.push_back(def);
          else if (!llvm::is_contained(buffers, v))
            scalars.push_back(v);
        }
        SmallVector<Extent> extents;
        for (Value v : buffers)
          extents.push_back(extentOf(v, layout));

        SmallVector<Value> args(buffers);
        args.append(scalars);
        SmallVector<Type> argTypes(llvm::map_range(
            args, [](Value v) { return v.getType(); }));
        OpBuilder b(module.getBody(), module.getBody()->end());
        std::string name =
            (f.getName() + "_kernel" + std::to_string(counter++)).str();
        auto kernel = func::FuncOp::create(b, op.getLoc(), name,
                                           b.getFunctionType(argTypes, {}));
        kernel.setPrivate();
        symbols.insert(kernel);
        for (unsigned i = 0; i < buffers.size(); ++i) {
          bool disjoint = true;
          for (unsigned j = 0; j < buffers.size() && disjoint; ++j)
            if (i != j && mayOverlap(extents[i], extents[j]))
              disjoint = false;
          if (disjoint)
            kernel.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                              UnitAttr::get(ctx));
        }
        Block *entry = kernel.addEntryBlock();
        b.setInsertionPointToStart(entry);
        IRMapping map;
        for (auto [v, arg] : llvm::zip(args, entry->getArguments()))
          map.map(v, arg);
        for (Operation *c : constants)
          b.clone(*c, map);
        for (memref::SubViewOp sv : slices)
          b.clone(*sv, map);
        b.clone(op, map);
        func::ReturnOp::create(b, op.getLoc());
        OpBuilder callBuilder(&op);
        auto call = func::CallOp::create(callBuilder, op.getLoc(), kernel,
                                         args);
        if (auto kind = op.getAttr("qcc.kernel"))
          call->setAttr("qcc.kernel", kind);
        op.erase();
      }
    }
  }
};
} // namespace
