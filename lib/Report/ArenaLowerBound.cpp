//===- ArenaLowerBound.cpp - the smallest arena a model can have ----------===//
//
// The figure `qcc compile --report` prints next to the planned arena (issue
// 10: "lower bound: the largest sum of quantized tensors alive at once").
// Computed on the qnn module after bit-width legalization, before lowering,
// so that it depends on the model and the op order only, not on how the
// lowering or the planner store intermediate results.
//
//===----------------------------------------------------------------------===//
#include "qcc/Report/ArenaLowerBound.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/DenseMap.h"
#include <algorithm>

using namespace mlir;
using namespace qcc;
using namespace qcc::qnn;

int64_t qcc::storedActivationBytes(Type type) {
  auto t = dyn_cast<ShapedType>(type);
  if (!t || !t.hasStaticShape())
    return 0;
  int64_t bits;
  if (QuantType q = getQuantElementType(t))
    bits = q.getPackedBits();
  else if (t.getElementType().isIntOrFloat())
    bits = std::max<int64_t>(8, t.getElementTypeBitWidth());
  else
    return 0;
  return (t.getNumElements() * bits + 7) / 8;
}

namespace {

bool isConstant(Operation *op) {
  return isa<qnn::ConstantOp>(op) || op->hasTrait<OpTrait::ConstantLike>();
}

/// An op whose result is its operand's buffer seen another way. Not a
/// storage_cast to or from a packed int4/uint4 graph edge: the values are
/// unpacked into a buffer of their own, or packed from one.
bool isView(Operation *op) {
  if (auto c = dyn_cast<StorageCastOp>(op))
    return !isPackedInt4Tensor(c.getInput().getType()) &&
           !isPackedInt4Tensor(c.getType());
  return isa<ReshapeOp>(op);
}

} // namespace

bool qcc::isFusedFloatTemporary(Value v) {
  auto f = v.getDefiningOp<FloatBinaryOp>();
  auto arithmetic = [](FloatBinaryOp op) {
    FloatBinaryKind k = op.getKind();
    return k == FloatBinaryKind::add || k == FloatBinaryKind::sub ||
           k == FloatBinaryKind::mul || k == FloatBinaryKind::div;
  };
  if (!f || !arithmetic(f) || !v.hasOneUse())
    return false;
  Operation *reader = *v.getUsers().begin();
  auto readerF = dyn_cast<FloatBinaryOp>(reader);
  if (!(readerF && arithmetic(readerF)) && !isa<QuantizeOp>(reader))
    return false;
  return cast<ShapedType>(v.getType()).getShape() ==
         cast<ShapedType>(reader->getResult(0).getType()).getShape();
}

namespace {

int64_t functionBound(func::FuncOp f) {
  if (f.isExternal())
    return 0;
  Block &body = f.getBody().front();
  int64_t n = body.getOperations().size();
  // The buffer a value is stored in: its own, or the one a view reads;
  // null for graph inputs and constants (not in the arena).
  llvm::DenseMap<Value, Value> root;
  auto rootOf = [&](Value v) -> Value {
    auto it = root.find(v);
    return it == root.end() ? Value() : it->second;
  };
  struct Interval {
    int64_t start, end, bytes;
    bool returned = false;
  };
  llvm::DenseMap<Value, Interval> buffers;
  for (auto [i, op] : llvm::enumerate(body)) {
    if (isConstant(&op))
      continue;
    int64_t at = i;
    // Every operand read here (also from nested regions) keeps its buffer
    // alive up to this op.
    op.walk([&](Operation *inner) {
      for (Value v : inner->getOperands())
        if (Value r = rootOf(v)) {
          Interval &iv = buffers[r];
          iv.end = std::max(iv.end, at);
          if (isa<func::ReturnOp>(inner))
            iv.returned = true;
        }
    });
    if (isView(&op)) {
      if (Value r = rootOf(op.getOperand(0)))
        root[op.getResult(0)] = r;
      continue;
    }
    for (Value res : op.getResults()) {
      root[res] = res;
      buffers[res] = {at, at,
                      isFusedFloatTemporary(res) ? 0
                                                 : storedActivationBytes(res.getType())};
    }
  }
  // The largest sum of the intervals that hold each op.
  SmallVector<int64_t> live(n + 1, 0);
  for (auto &[v, iv] : buffers) {
    if (iv.returned)
      continue;
    live[iv.start] += iv.bytes;
    live[iv.end + 1] -= iv.bytes;
  }
  int64_t cur = 0, peak = 0;
  for (int64_t i = 0; i < n; ++i)
    peak = std::max(peak, cur += live[i]);
  return peak;
}

} // namespace

int64_t qcc::arenaLowerBound(ModuleOp module) {
  int64_t bound = 0;
  for (auto f : module.getOps<func::FuncOp>())
    bound = std::max(bound, functionBound(f));
  return bound;
}
