//===- PlanStaticArena.cpp - one static arena for all buffers -------------===//
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"

namespace qcc {
#define GEN_PASS_DEF_PLANSTATICARENAPASS
#include "qcc/Transforms/Passes.h.inc"
} // namespace qcc

using namespace mlir;

namespace {

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  unsigned start = 0, end = 0; // inclusive top-level op indices
  int64_t offset = -1;
};

static int64_t alignTo(int64_t v, int64_t a) { return (v + a - 1) / a * a; }

/// Index of the ancestor of `op` that lives directly in `body`.
static unsigned topIndex(Operation *op, Block &body,
                         const DenseMap<Operation *, unsigned> &index) {
  while (op->getBlock() != &body)
    op = op->getParentOp();
  return index.lookup(op);
}

struct PlanStaticArenaPass
    : qcc::impl::PlanStaticArenaPassBase<PlanStaticArenaPass> {
  using Base::Base;

  LogicalResult planFunction(func::FuncOp f) {
    if (f.isExternal())
      return success();
    // The arena becomes a new leading argument: callers would have to pass
    // one, which this pass does not arrange.
    if (!SymbolTable::symbolKnownUseEmpty(f, getOperation()))
      return f.emitError("arena planning needs functions without callers; ")
             << "'" << f.getName() << "' is called";
    if (!f.getBody().hasOneBlock())
      return f.emitError("arena planning needs a single-block function body");
    Block &body = f.getBody().front();
    DataLayout layout = DataLayout::closest(f);
    DenseMap<Operation *, unsigned> index;
    for (auto [i, op] : llvm::enumerate(body))
      index[&op] = i;

    SmallVector<Buffer> buffers;
    WalkResult wr = f.walk([&](Operation *op) -> WalkResult {
      if (isa<memref::AllocaOp>(op))
        return op->emitError("memref.alloca is not supported by the static "
                             "arena planner"),
               WalkResult::interrupt();
      auto alloc = dyn_cast<memref::AllocOp>(op);
      if (!alloc)
        return WalkResult::advance();
      MemRefType t = alloc.getType();
      if (!t.hasStaticShape() || !t.getLayout().isIdentity())
        return alloc.emitError("only static identity-layout buffers can be "
                               "placed in the arena, got ")
                   << t,
               WalkResult::interrupt();
      Buffer b;
      b.alloc = alloc;
      int64_t elemBytes =
          (int64_t)layout.getTypeSize(t.getElementType()).getFixedValue();
      b.bytes = std::max<int64_t>(1, t.getNumElements() * elemBytes);
      b.start = b.end = topIndex(alloc, body, index);
      // Live until the last use of the buffer or of any view of it.
      SmallVector<Value> work = {alloc.getResult()};
      llvm::SmallPtrSet<Value, 8> visited = {alloc.getResult()};
      while (!work.empty()) {
        Value v = work.pop_back_val();
        for (OpOperand &use : v.getUses()) {
          Operation *user = use.getOwner();
          if (isa<func::ReturnOp>(user))
            return user->emitError("a planned buffer escapes through the "
                                   "function result"),
                   WalkResult::interrupt();
          b.end = std::max(b.end, topIndex(user, body, index));
          // Anything that may return the buffer (views, casts, select, region
          // results through yields) extends its life: follow every memref
          // result conservatively.
          for (Value r : user->getResults())
            if (isa<BaseMemRefType>(r.getType()) && visited.insert(r).second)
              work.push_back(r);
          if (user->hasTrait<OpTrait::IsTerminator>())
            if (Operation *parent = user->getParentOp())
              for (Value r : parent->getResults())
                if (isa<BaseMemRefType>(r.getType()) &&
                    visited.insert(r).second)
                  work.push_back(r);
        }
      }
      buffers.push_back(b);
      return WalkResult::advance();
    });
    if (wr.wasInterrupted())
      return failure();

    // Greedy by size: largest first, lowest aligned offset that does not
    // overlap any placed buffer whose live range intersects.
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::stable_sort(order, [](Buffer *a, Buffer *b) {
      if (a->bytes != b->bytes)
        return a->bytes > b->bytes;
      return a->start < b->start;
    });
    SmallVector<Buffer *> placed;
    int64_t total = 0;
    for (Buffer *b : order) {
      SmallVector<std::pair<int64_t, int64_t>> busy;
      for (Buffer *p : placed)
        if (p->start <= b->end && b->start <= p->end)
          busy.push_back({p->offset, p->offset + p->bytes});
      llvm::sort(busy);
      int64_t off = 0;
      for (auto [lo, hi] : busy) {
        if (off + b->bytes <= lo)
          break;
        off = std::max(off, alignTo(hi, alignment));
      }
      b->offset = off;
      total = std::max(total, off + b->bytes);
      placed.push_back(b);
    }
    total = alignTo(total, alignment);

    // Rewrite: leading arena argument, allocs become views into it.
    MLIRContext *ctx = f.getContext();
    auto arenaType = MemRefType::get({total}, IntegerType::get(ctx, 8));
    if (failed(f.insertArgument(0, arenaType, {}, f.getLoc())))
      return failure();
    f.setArgAttr(0, qcc::kIONameAttr, StringAttr::get(ctx, "arena"));
    Value arena = f.getArgument(0);
    for (Buffer &b : buffers) {
      OpBuilder builder(b.alloc);
      Value off = arith::ConstantIndexOp::create(builder, b.alloc.getLoc(),
                                                 b.offset);
      Value view = memref::ViewOp::create(builder, b.alloc.getLoc(),
                                          b.alloc.getType(), arena, off,
                                          ValueRange{});
      for (Operation *user : llvm::make_early_inc_range(b.alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      b.alloc.replaceAllUsesWith(view);
      b.alloc.erase();
    }
    f->setAttr(qcc::kArenaBytesAttr,
               IntegerAttr::get(IntegerType::get(ctx, 64), total));
    return success();
  }

  void runOnOperation() override {
    if (alignment <= 0 || (alignment & (alignment - 1))) {
      getOperation().emitError("qcc-plan-static-arena: alignment must be a "
                               "positive power of two, got ")
          << static_cast<int64_t>(alignment.getValue());
      return signalPassFailure();
    }
    for (auto f : llvm::make_early_inc_range(getOperation().getOps<func::FuncOp>()))
      if (failed(planFunction(f)))
        return signalPassFailure();
  }
};
} // namespace
