//===- RequantTile.cpp - requantize a convolution one row at a time -------===//
#include "RequantTile.h"
#include "LibraryKernels.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

Value qcc::rootOf(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

std::optional<qcc::AccumulatorUses>
qcc::matchAccumulatorUses(linalg::GenericOp conv, Value acc,
                          AffineMap requantAccMap, ArrayRef<int64_t> outShape) {
  if (!acc.getDefiningOp<memref::AllocOp>())
    return std::nullopt;
  // The accumulator's uses, and those of reshaping views of it (the
  // convolution and a fill may write it through one).
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : acc.getUses()) {
    Operation *u = use.getOwner();
    if (isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(u)) {
      for (OpOperand &viewUse : u->getResult(0).getUses())
        uses.push_back(&viewUse);
      continue;
    }
    uses.push_back(&use);
  }
  AccumulatorUses r;
  for (OpOperand *use : uses) {
    Operation *u = use->getOwner();
    if (isa<memref::DeallocOp>(u))
      continue;
    if (u == conv.getOperation()) {
      if (!conv.isDpsInit(use))
        return std::nullopt;
      continue;
    }
    auto dps = dyn_cast<DestinationStyleOpInterface>(u);
    if (!dps)
      return std::nullopt;
    if (!r.init && dps.getNumDpsInits() == 1 && dps.isDpsInit(use) &&
        dps.getNumDpsInputs() == 1) {
      r.init = u;
      continue;
    }
    auto g = dyn_cast<linalg::GenericOp>(u);
    if (!r.requant && g && use->get() == acc && g.getNumDpsInputs() >= 1 &&
        g.getDpsInputs()[0] == acc && g.getNumDpsInits() == 1 &&
        g.getDpsInits()[0] != acc &&
        !llvm::is_contained(llvm::drop_begin(g.getDpsInputs()), acc)) {
      r.requant = g;
      continue;
    }
    return std::nullopt;
  }
  if (!r.init || !r.requant || r.init->getBlock() != conv->getBlock() ||
      r.requant->getBlock() != conv->getBlock() ||
      !r.init->isBeforeInBlock(conv) || !conv->isBeforeInBlock(r.requant))
    return std::nullopt;
  if (auto fill = dyn_cast<linalg::FillOp>(r.init)) {
    r.fill = fill.getDpsInputs()[0];
    if (!r.fill.getType().isInteger(32))
      return std::nullopt;
  } else if (auto bg = dyn_cast<linalg::GenericOp>(r.init)) {
    auto bT = dyn_cast<MemRefType>(bg.getDpsInputs()[0].getType());
    auto yield = cast<linalg::YieldOp>(bg.getBody()->getTerminator());
    // Any layout with unit stride along the channels (a bias may be a
    // slice of a graph input): read by scalar and vector loads.
    if (!bT || !bT.isLastDimUnitStride() ||
        !bT.getElementType().isInteger(32) ||
        !bg.getIndexingMapsArray().back().isIdentity() ||
        bg.getNumReductionLoops() != 0 ||
        bg.getBody()->getOperations().size() != 1 ||
        yield.getValues() != ValueRange{bg.getBody()->getArgument(0)})
      return std::nullopt;
    // A bias map is relative to the accumulator itself, not to a view.
    if (bg.getDpsInits()[0] != acc)
      return std::nullopt;
    r.bias = bg.getDpsInputs()[0];
    r.biasMap = bg.getIndexingMapsArray().front();
  } else {
    return std::nullopt;
  }

  // The convolution's reads of x and w, and the start's read of the bias,
  // move to the requantization's place: no op in between may write what
  // they read (none can touch the accumulator, whose users are all known).
  SmallVector<Value> convReads, biasReads;
  for (Value in : conv.getDpsInputs())
    convReads.push_back(rootOf(in));
  if (r.bias)
    biasReads.push_back(rootOf(r.bias));
  convReads.append(biasReads);
  auto writesAny = [](Operation *op, ArrayRef<Value> roots) {
    if (isMemoryEffectFree(op) || isa<memref::AllocOp>(op))
      return false;
    auto dps = dyn_cast<DestinationStyleOpInterface>(op);
    return !dps || !dps.hasPureBufferSemantics() ||
           llvm::any_of(dps.getDpsInits(), [&](Value init) {
             return llvm::is_contained(roots, rootOf(init));
           });
  };
  for (Operation *op = r.init->getNextNode(); op != conv.getOperation();
       op = op->getNextNode())
    if (!biasReads.empty() && writesAny(op, biasReads))
      return std::nullopt;
  for (Operation *op = conv->getNextNode(); op != r.requant.getOperation();
       op = op->getNextNode())
    if (writesAny(op, convReads))
      return std::nullopt;

  linalg::GenericOp req = r.requant;
  // Its body is copied onto tiles: loop indices would be tile-relative.
  if (!req.getBody()->getOps<linalg::IndexOp>().empty())
    return std::nullopt;
  auto oT = dyn_cast<MemRefType>(req.getDpsInits()[0].getType());
  if (!oT || oT.getShape() != outShape || !oT.getElementType().isInteger(8) ||
      req.getNumLoops() != outShape.size() || req.getNumReductionLoops() != 0 ||
      req->getNumResults() != 0 ||
      req.getIndexingMapsArray().front() != requantAccMap ||
      !req.getIndexingMapsArray().back().isIdentity())
    return std::nullopt;
  for (OpOperand *in : llvm::drop_begin(req.getDpsInputOperands())) {
    if (!isa<MemRefType>(in->get().getType()))
      return std::nullopt;
    for (AffineExpr e : req.getMatchingIndexingMap(in).getResults()) {
      auto c = dyn_cast<AffineConstantExpr>(e);
      if (!isa<AffineDimExpr>(e) && !(c && c.getValue() == 0))
        return std::nullopt;
    }
  }
  // Rows of the output are written while x, w and the bias are still read.
  if (llvm::is_contained(convReads, rootOf(req.getDpsInits()[0])))
    return std::nullopt;
  return r;
}

void qcc::emitRequantTile(OpBuilder &b, Location loc, linalg::GenericOp r,
                          Value scratch, AffineMap scratchMap,
                          ArrayRef<OpFoldResult> offsets,
                          ArrayRef<int64_t> sizes) {
  SmallVector<Value> ins = {scratch};
  SmallVector<AffineMap> maps = {scratchMap};
  auto slice = [&](Value v, AffineMap m) -> Value {
    if (m.getNumResults() == 0)
      return v;
    SmallVector<OpFoldResult> off, size, stride;
    for (AffineExpr e : m.getResults()) {
      if (auto de = dyn_cast<AffineDimExpr>(e)) {
        off.push_back(offsets[de.getPosition()]);
        size.push_back(b.getIndexAttr(sizes[de.getPosition()]));
      } else {
        off.push_back(b.getIndexAttr(0));
        size.push_back(b.getIndexAttr(1));
      }
      stride.push_back(b.getIndexAttr(1));
    }
    return memref::SubViewOp::create(b, loc, v, off, size, stride);
  };
  for (OpOperand *in : llvm::drop_begin(r.getDpsInputOperands())) {
    AffineMap m = r.getMatchingIndexingMap(in);
    ins.push_back(slice(in->get(), m));
    maps.push_back(m);
  }
  AffineMap outMap = r.getIndexingMapsArray().back();
  Value out = slice(r.getDpsInits()[0], outMap);
  maps.push_back(outMap);
  auto tile = linalg::GenericOp::create(b, loc, TypeRange{}, ins,
                                        ValueRange{out}, maps,
                                        r.getIteratorTypesArray());
  IRMapping map;
  r.getRegion().cloneInto(&tile.getRegion(), map);
}

void qcc::eraseAccumulator(Value acc) {
  Operation *alloc = acc.getDefiningOp();
  // A view's users go before the view.
  llvm::SetVector<Operation *> dead;
  for (Operation *u : acc.getUsers()) {
    if (isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(u))
      for (Operation *vu : u->getUsers())
        dead.insert(vu);
    dead.insert(u);
  }
  // What the dead ops read besides the accumulator: constant globals (the
  // weights a library kernel repacked, the requantization's parameters
  // it turned into its own) go too once nothing reads them.
  SmallVector<Value> read;
  for (Operation *op : dead)
    for (Value v : op->getOperands())
      if (rootOf(v) != acc)
        read.push_back(v);
  for (Operation *op : dead)
    op->erase();
  alloc->erase();
  for (Value v : read)
    eraseUnusedGlobal(v);
}
