//===- LibraryKernels.cpp - calling the runtime's microkernels ------------===//
#include "LibraryKernels.h"
#include "qcc/Support/ElementBytes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

/// `v` seen through reshapes.
static Value throughReshapes(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (!isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(def))
      break;
    v = def->getOperand(0);
  }
  return v;
}

std::optional<std::vector<int8_t>> qcc::constantGlobalBytes(Value v) {
  auto gg = throughReshapes(v).getDefiningOp<memref::GetGlobalOp>();
  if (!gg)
    return std::nullopt;
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      gg, gg.getNameAttr());
  if (!global || !global.getConstant() || !global.getInitialValue())
    return std::nullopt;
  return getElementBytes(*global.getInitialValue());
}

Value qcc::addConstantGlobal(OpBuilder &b, Operation *anchor, StringRef name,
                             MemRefType type, ElementsAttr value) {
  // Created detached and inserted by the symbol table, which renames it
  // when the name is taken (a module never holds two symbols of one name,
  // not even for a moment: SymbolTable asserts on that).
  OpBuilder gb(anchor->getContext());
  auto global = memref::GlobalOp::create(
      gb, anchor->getLoc(), name, gb.getStringAttr("private"), type, value,
      /*constant=*/true, gb.getI64IntegerAttr(64));
  auto func = anchor->getParentOfType<func::FuncOp>();
  SymbolTable(anchor->getParentOfType<ModuleOp>())
      .insert(global, func->getIterator());
  return memref::GetGlobalOp::create(b, anchor->getLoc(), type,
                                     global.getSymName());
}

func::FuncOp qcc::declareKernel(ModuleOp module, StringRef name,
                                ArrayRef<Type> args) {
  if (auto f = module.lookupSymbol<func::FuncOp>(name))
    return f;
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  auto f = func::FuncOp::create(b, module.getLoc(), name,
                                b.getFunctionType(args, {}));
  f.setPrivate();
  return f;
}

std::optional<int8_t> qcc::weightMinusZeroPoint(int8_t stored, bool isSigned,
                                                int64_t zw) {
  int64_t v = (isSigned ? (int64_t)stored : (int64_t)(uint8_t)stored) - zw;
  if (v < INT8_MIN || v > INT8_MAX)
    return std::nullopt;
  return (int8_t)v;
}

std::optional<int32_t> qcc::zeroPointCorrection(int64_t start, int64_t zx,
                                                int64_t sumW) {
  int64_t c = start - zx * sumW;
  if (c < INT32_MIN || c > INT32_MAX)
    return std::nullopt;
  return (int32_t)c;
}

void qcc::eraseUnusedGlobal(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (!isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(def) ||
        !def->use_empty())
      break;
    v = def->getOperand(0);
    def->erase();
  }
  auto gg = v.getDefiningOp<memref::GetGlobalOp>();
  if (!gg || !gg->use_empty())
    return;
  auto module = gg->getParentOfType<ModuleOp>();
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      gg, gg.getNameAttr());
  gg->erase();
  if (global && SymbolTable::symbolKnownUseEmpty(global, module))
    global->erase();
}
