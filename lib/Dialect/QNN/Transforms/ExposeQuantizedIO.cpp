//===- ExposeQuantizedIO.cpp - graph edges as quantized integers ----------===//
//
// See Passes.td (ExposeQuantizedIOPass).
//
//===----------------------------------------------------------------------===//
#include "qcc/Dialect/QNN/Transforms/Passes.h"
#include "qcc/Dialect/QNN/IR/QNNDialect.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"
#include "qcc/Support/IOAttributes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace qcc::qnn {
#define GEN_PASS_DEF_EXPOSEQUANTIZEDIOPASS
#include "qcc/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace qcc::qnn

using namespace mlir;
using namespace qcc::qnn;

namespace {

std::string edgeName(DictionaryAttr attrs, StringRef kind, unsigned i) {
  if (attrs)
    if (auto s = attrs.getAs<StringAttr>(qcc::kIONameAttr))
      return "graph " + kind.str() + " '" + s.str() + "'";
  return "graph " + kind.str() + " " + std::to_string(i);
}

/// The integer tensor the caller sees for values of type `t`.
RankedTensorType storageTensor(RankedTensorType t) {
  auto q = cast<QuantType>(t.getElementType());
  return RankedTensorType::get(t.getShape(), q.getSignedStorageType());
}

/// `q` as argument / result attributes.
SmallVector<NamedAttribute> quantAttrs(Builder &b, QuantType q) {
  unsigned bits = q.isBipolar() ? 1 : q.getMaxBits();
  return {b.getNamedAttr(qcc::kIOScaleAttr, b.getF64FloatAttr(q.getScaleOf(0))),
          b.getNamedAttr(qcc::kIOZeroPointAttr,
                         b.getI64IntegerAttr(q.getZeroPointOf(0))),
          b.getNamedAttr(qcc::kIOBitsAttr, b.getI64IntegerAttr(bits)),
          b.getNamedAttr(qcc::kIOQMinAttr, b.getI64IntegerAttr(q.getQMinOf(0))),
          b.getNamedAttr(qcc::kIOQMaxAttr, b.getI64IntegerAttr(q.getQMaxOf(0)))};
}

/// Why a per-tensor integer edge cannot carry `q` ("" if it can).
std::string unsupported(QuantType q) {
  if (!q.isPerTensor() || q.isSliced())
    return "is quantized per channel; the C interface gives one scale and "
           "zero point per tensor";
  return "";
}

struct ExposeQuantizedIOPass
    : public qcc::qnn::impl::ExposeQuantizedIOPassBase<ExposeQuantizedIOPass> {
  void runOnOperation() override {
    auto f = getOperation().lookupSymbol<func::FuncOp>("forward");
    if (!f) {
      getOperation().emitError("the module has no function @forward");
      return signalPassFailure();
    }
    if (failed(exposeInputs(f)) || failed(exposeOutputs(f)))
      return signalPassFailure();
  }

  LogicalResult exposeInputs(func::FuncOp f) {
    Block &entry = f.getBody().front();
    OpBuilder b(f.getContext());
    for (unsigned i = 0; i < f.getNumArguments(); ++i) {
      BlockArgument arg = entry.getArgument(i);
      auto t = cast<RankedTensorType>(arg.getType());
      if (!isa<Float32Type, Float16Type>(t.getElementType()) || arg.use_empty())
        continue;
      std::string name = edgeName(f.getArgAttrDict(i), "input", i);
      // A float16 input is widened first (qnn.float_cast); its quantizers
      // read the widened value.
      Value read = arg;
      FloatCastOp widen;
      if (t.getElementType().isF16()) {
        widen = dyn_cast<FloatCastOp>(*arg.getUsers().begin());
        if (!widen || !arg.hasOneUse())
          return (*arg.getUsers().begin())->emitError()
                 << "--io=quantized: " << name << " is read as float16 here";
        read = widen.getResult();
        if (read.use_empty())
          continue;
      }
      QuantizeOp first;
      for (Operation *user : read.getUsers()) {
        auto q = dyn_cast<QuantizeOp>(user);
        if (!q)
          return user->emitError()
                 << "--io=quantized: " << name
                 << " is read as float here; only inputs every reader "
                    "quantizes can be passed as integers";
        if (!first)
          first = q;
        else if (q.getType() != first.getType()) {
          Operation *later =
              q->getBlock() == first->getBlock() && q->isBeforeInBlock(first)
                  ? first.getOperation()
                  : q.getOperation();
          return later->emitError()
                 << "--io=quantized: " << name
                 << " is quantized with different parameters by two nodes";
        }
      }
      auto qt = cast<RankedTensorType>(first.getType());
      auto quant = cast<QuantType>(qt.getElementType());
      if (std::string why = unsupported(quant); !why.empty())
        return first.emitError() << "--io=quantized: " << name << " " << why;
      b.setInsertionPointToStart(&entry);
      arg.setType(storageTensor(qt));
      auto cast = StorageCastOp::create(b, first.getLoc(), qt, arg);
      for (Operation *user : llvm::make_early_inc_range(read.getUsers()))
        if (user != cast) {
          user->getResult(0).replaceAllUsesWith(cast.getResult());
          user->erase();
        }
      if (widen)
        widen->erase();
      for (NamedAttribute a : quantAttrs(b, quant))
        f.setArgAttr(i, a.getName(), a.getValue());
    }
    return success();
  }

  LogicalResult exposeOutputs(func::FuncOp f) {
    OpBuilder b(f.getContext());
    SmallVector<func::ReturnOp> returns;
    f.walk([&](func::ReturnOp r) { returns.push_back(r); });
    if (returns.size() != 1)
      return f.emitError("--io=quantized: @forward must have one return");
    func::ReturnOp ret = returns.front();
    for (unsigned i = 0; i < ret.getNumOperands(); ++i) {
      Value v = ret.getOperand(i);
      auto t = cast<RankedTensorType>(v.getType());
      if (!isa<Float32Type, Float16Type>(t.getElementType()))
        continue;
      std::string name = edgeName(f.getResultAttrDict(i), "output", i);
      // A float16 output is narrowed last (qnn.float_cast).
      FloatCastOp narrow = v.getDefiningOp<FloatCastOp>();
      if (t.getElementType().isF16() && narrow)
        v = narrow.getInput();
      auto dq = v.getDefiningOp<DequantizeOp>();
      if (!dq) {
        Operation *def = v.getDefiningOp();
        return (def ? def->emitError() : ret.emitError())
               << "--io=quantized: " << name
               << " is computed in float, not dequantized from a quantized "
                  "tensor";
      }
      auto qt = cast<RankedTensorType>(dq.getInput().getType());
      auto quant = cast<QuantType>(qt.getElementType());
      if (std::string why = unsupported(quant); !why.empty())
        return dq.emitError() << "--io=quantized: " << name << " " << why;
      b.setInsertionPoint(ret);
      auto cast =
          StorageCastOp::create(b, dq.getLoc(), storageTensor(qt), dq.getInput());
      ret.setOperand(i, cast.getResult());
      if (narrow && t.getElementType().isF16() && narrow->use_empty())
        narrow->erase();
      if (dq->use_empty())
        dq->erase();
      for (NamedAttribute a : quantAttrs(b, quant))
        f.setResultAttr(i, a.getName(), a.getValue());
    }
    f.setFunctionType(FunctionType::get(
        f.getContext(), f.getBody().front().getArgumentTypes(),
        ret.getOperandTypes()));
    return success();
  }
};

} // namespace
