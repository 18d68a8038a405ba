//===- BitReport.cpp - bits, bytes and MACs per layer ---------------------===//
//
// What `qcc compile --report` prints. Byte counts follow the storage the
// lowering uses: constant weights at their packed width (1, 2 or 4 bits; 3
// in 4 and 5..7 in 8 bits), int32 biases, activations one byte per value
// (two for 16-bit ones) unless qcc-pack-subbyte-activations stored them packed.
//
//===----------------------------------------------------------------------===//
#include "qcc/Report/BitReport.h"
#include "qcc/Report/ArenaLowerBound.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"
#include "mlir/IR/TypeUtilities.h"

#include "llvm/Support/Format.h"
#include <map>

using namespace mlir;
using namespace qcc;
using namespace qcc::qnn;

namespace {

std::string layerName(Operation *op) {
  Location loc = op->getLoc();
  if (auto n = dyn_cast<NameLoc>(loc))
    return n.getName().str();
  if (auto f = dyn_cast<FusedLoc>(loc))
    for (Location l : f.getLocations())
      if (auto n = dyn_cast<NameLoc>(l))
        return n.getName().str();
  return "-";
}

std::string widths(Type t) {
  QuantType q = getQuantElementType(t);
  if (!q) {
    std::string s;
    llvm::raw_string_ostream os(s);
    if (auto rt = dyn_cast<RankedTensorType>(t))
      os << rt.getElementType();
    return s;
  }
  if (q.isBipolar())
    return "b1";
  std::string p = q.getIsSigned() ? "i" : "ui", s;
  if (!q.isSliced())
    return p + std::to_string(q.getSliceBits()[0]);
  for (auto [b, n] : llvm::zip(q.getSliceBits(), q.getSliceSizes()))
    s += (s.empty() ? "" : ",") + p + std::to_string(b) + "x" + std::to_string(n);
  return s;
}

int64_t numElements(Value v) { return cast<ShapedType>(v.getType()).getNumElements(); }

/// Bits of the constant weight `w`: sum(bits x count) over its slices
/// (ideal), and as stored, every value at the tensor's one packed width
/// (qcc-pack-subbyte-weights).
void weightBits(Value w, int64_t &ideal, int64_t &stored) {
  auto t = cast<RankedTensorType>(w.getType());
  QuantType q = getQuantElementType(t);
  int64_t n = t.getNumElements();
  stored = n * q.getPackedBits();
  if (!q.isSliced()) {
    ideal = n * q.getSliceBits()[0];
    return;
  }
  int64_t perChannel = n / t.getDimSize(q.getAxis());
  ideal = 0;
  for (auto [b, c] : llvm::zip(q.getSliceBits(), q.getSliceSizes()))
    ideal += c * perChannel * b;
}

} // namespace

ModelReport qcc::collectBitReport(ModuleOp module) {
  ModelReport r;
  module.walk([&](Operation *op) {
    if (!isa<Conv2DOp, MatMulOp, AddOp, MaxPool2DOp, AvgPool2DOp,
             GlobalAvgPoolOp, ConcatOp, QuantizeOp, RequantizeOp,
             MulOp, LookupTableOp, TransposeOp, ResizeNearestOp,
             FloatBinaryOp, FloatUnaryOp, SoftmaxOp, MultiThresholdOp,
             FloatConv2DOp, FloatMatMulOp, Resize2DOp, ArgReduceOp, TopKOp,
             FloatCastOp>(op))
      return;
    LayerReport l;
    l.name = layerName(op);
    l.op = op->getName().stripDialect().str();
    // The layers the model leaves in float say so: float_sub, softmax, ...
    if (auto f = dyn_cast<FloatBinaryOp>(op))
      l.op = "float_" + stringifyFloatBinaryKind(f.getKind()).str();
    else if (auto f = dyn_cast<FloatUnaryOp>(op))
      l.op = "float_" + stringifyFloatUnaryKind(f.getKind()).str();
    else if (!isa<SoftmaxOp, FloatConv2DOp, FloatMatMulOp, FloatCastOp>(op) &&
             mlir::getElementTypeOrSelf(op->getResult(0).getType()).isF32())
      l.op = "float_" + l.op; // a pool, concat or transpose left in float
    l.inBits = widths(op->getOperand(0).getType());
    l.outBits = widths(op->getResult(0).getType());
    // Every result (TopK's values and its i64 indices).
    l.activationBytes = 0;
    for (Value res : op->getResults()) {
      if (isFusedFloatTemporary(res))
        continue; // computed inside its reader, never stored
      Type re = mlir::getElementTypeOrSelf(res.getType());
      auto q = dyn_cast<QuantType>(re);
      l.activationBytes += numElements(res) * (q ? q.getStorageType().getWidth() / 8
                                                 : re.getIntOrFloatBitWidth() / 8);
    }
    Value w, bias;
    if (auto c = dyn_cast<Conv2DOp>(op)) {
      w = c.getWeight();
      bias = c.getBias();
      auto wt = cast<RankedTensorType>(w.getType());
      l.macs = numElements(c.getResult()) * wt.getDimSize(1) * wt.getDimSize(2) *
               wt.getDimSize(3);
    } else if (auto m = dyn_cast<MatMulOp>(op)) {
      w = m.getRhs();
      bias = m.getBias();
      auto wt = cast<RankedTensorType>(w.getType());
      l.macs = numElements(m.getResult()) * wt.getDimSize(wt.getRank() - 2);
    } else if (auto c = dyn_cast<FloatConv2DOp>(op)) {
      w = c.getWeight();
      bias = c.getBias();
      auto wt = cast<RankedTensorType>(w.getType());
      l.macs = numElements(c.getResult()) * wt.getDimSize(1) * wt.getDimSize(2) *
               wt.getDimSize(3);
    } else if (auto m = dyn_cast<FloatMatMulOp>(op)) {
      auto wt = cast<RankedTensorType>(m.getRhs().getType());
      l.macs = numElements(m.getResult()) * wt.getDimSize(wt.getRank() - 2);
      // Weights only where the rhs is a constant, not a tensor computed at
      // run time.
      Value r = m.getRhs();
      if (auto dq = r.getDefiningOp<DequantizeOp>())
        r = dq.getInput();
      if (r.getDefiningOp() && r.getDefiningOp()->hasTrait<OpTrait::ConstantLike>())
        w = m.getRhs();
    }
    // A float layer's quantized weights are stored quantized and
    // dequantized at run time; float weights take 32 bits each.
    if (w && isa<FloatConv2DOp, FloatMatMulOp>(op))
      if (auto dq = w.getDefiningOp<DequantizeOp>())
        w = dq.getInput();
    if (w) {
      l.weightBits = widths(w.getType());
      l.weightCount = numElements(w);
      int64_t stored = 32 * l.weightCount;
      l.idealWeightBits = stored;
      if (getQuantElementType(w.getType()))
        weightBits(w, l.idealWeightBits, stored);
      l.weightBytes = (stored + 7) / 8;
      if (bias) {
        l.weightBytes += 4 * numElements(bias);
        l.idealWeightBits += 32 * numElements(bias);
      }
    }
    r.layers.push_back(std::move(l));
  });
  return r;
}

void qcc::notePackedActivations(ModelReport &r, ModuleOp module) {
  std::map<std::string, int64_t> packed;
  module.walk([&](Operation *op) {
    if (!op->hasAttr("qcc.packed_bits") || op->getNumOperands() == 0)
      return;
    // The packed generic's init (its last operand) is the stored buffer.
    auto t = dyn_cast<ShapedType>(op->getOperands().back().getType());
    if (!t || !t.hasStaticShape())
      return;
    int64_t bytes = t.getNumElements() * ((t.getElementTypeBitWidth() + 7) / 8);
    int64_t &p = packed[layerName(op)];
    p = std::max(p, bytes);
  });
  for (LayerReport &l : r.layers)
    if (auto it = packed.find(l.name); it != packed.end())
      l.activationBytes = std::min(l.activationBytes, it->second);
}

void qcc::printBitReport(const ModelReport &r, llvm::raw_ostream &os) {
  os << llvm::format("%-28s %-18s %-18s %-14s %-14s %12s %10s %10s\n", "layer",
                     "op", "weight bits", "in bits", "out bits", "MACs",
                     "weight B", "act B");
  int64_t macs = 0, wBytes = 0, ideal = 0, weights = 0;
  for (const LayerReport &l : r.layers) {
    os << llvm::format("%-28s %-18s %-18s %-14s %-14s %12lld %10lld %10lld\n",
                       l.name.c_str(), l.op.c_str(),
                       l.weightBits.empty() ? "-" : l.weightBits.c_str(),
                       l.inBits.c_str(), l.outBits.c_str(), (long long)l.macs,
                       (long long)l.weightBytes, (long long)l.activationBytes);
    macs += l.macs;
    wBytes += l.weightBytes;
    ideal += l.idealWeightBits;
    weights += l.weightCount;
  }
  if (r.idealWeightBits >= 0)
    ideal = r.idealWeightBits;
  os << llvm::format("total: %lld MACs, %lld weights in %lld bytes (ideal "
                     "sum(bits x count)/8 + biases: %lld bytes)\n",
                     (long long)macs, (long long)weights, (long long)wBytes,
                     (long long)((ideal + 7) / 8));
  if (r.arenaBytes >= 0) {
    os << llvm::format("peak arena (activations): %lld bytes",
                       (long long)r.arenaBytes);
    // The bound next to the plan, and the plan in multiples of it.
    if (r.arenaLowerBound > 0)
      os << llvm::format(" (lower bound %lld bytes; %.2fx)",
                         (long long)r.arenaLowerBound,
                         (double)r.arenaBytes / (double)r.arenaLowerBound);
    else if (r.arenaLowerBound == 0)
      os << " (lower bound 0 bytes)";
    os << llvm::format("; weights + activations: %lld bytes\n",
                       (long long)(wBytes + r.arenaBytes));
  }
}
