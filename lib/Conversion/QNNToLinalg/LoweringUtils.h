//===- LoweringUtils.h - helpers shared by the QNNToLinalg patterns --------===//
//
// Shared by the pattern files of the conversion (QNNToLinalg.cpp,
// FloatOps.cpp): the "qcc.kernel" name that later passes (tiling, the
// report) and readers of the IR use to tell the generics apart, and the
// numpy broadcasting maps of the elementwise ops.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H
#define QCC_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"

namespace qcc::qnn_to_linalg {

/// Names the kernel `op` computes ("conv2d", "float_add", "softmax", ...).
inline void markKernel(mlir::Operation *op, llvm::StringRef kind) {
  op->setAttr("qcc.kernel", mlir::StringAttr::get(op->getContext(), kind));
}

/// From the result's loop dims to an operand of type `t` (numpy
/// broadcasting: a size-1 dim the result does not have reads index 0).
inline mlir::AffineMap broadcastMap(mlir::OpBuilder &b,
                                    mlir::RankedTensorType t,
                                    mlir::RankedTensorType out) {
  unsigned rank = out.getRank(), off = rank - t.getRank();
  llvm::SmallVector<mlir::AffineExpr> e;
  for (unsigned i = 0; i < t.getRank(); ++i)
    e.push_back(t.getDimSize(i) == 1 && out.getDimSize(i + off) != 1
                    ? b.getAffineConstantExpr(0)
                    : b.getAffineDimExpr(i + off));
  return mlir::AffineMap::get(rank, 0, e, b.getContext());
}

/// The elementwise linalg.generic marked `kind` that writes
/// `body(input element)` into a new tensor of `resultType` (input and
/// result of the same shape, identity maps, every loop parallel).
inline mlir::Value
mapElements(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
            mlir::RankedTensorType resultType, llvm::StringRef kind,
            llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                           mlir::Value)>
                body) {
  unsigned rank = resultType.getRank();
  auto id = b.getMultiDimIdentityMap(rank);
  mlir::Value init = mlir::tensor::EmptyOp::create(
      b, loc, resultType.getShape(), resultType.getElementType());
  auto g = mlir::linalg::GenericOp::create(
      b, loc, resultType, mlir::ValueRange{input}, init,
      llvm::SmallVector<mlir::AffineMap>{id, id},
      llvm::SmallVector<mlir::utils::IteratorType>(
          rank, mlir::utils::IteratorType::parallel),
      [&](mlir::OpBuilder &bb, mlir::Location l, mlir::ValueRange args) {
        mlir::linalg::YieldOp::create(bb, l, body(bb, l, args[0]));
      });
  markKernel(g, kind);
  return g.getResult(0);
}

/// The reassociation between a 1-D tensor and one of `rank` dims: one
/// group of every dim (none for rank 0).
inline llvm::SmallVector<mlir::ReassociationIndices> allInOneGroup(int64_t rank) {
  if (rank == 0)
    return {};
  mlir::ReassociationIndices all(rank);
  for (int64_t i = 0; i < rank; ++i)
    all[i] = i;
  return {all};
}

/// `t` as a 1-D tensor of its elements in row-major order (itself if 1-D).
inline mlir::Value flattenTensor(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::Value t) {
  auto shaped = mlir::cast<mlir::RankedTensorType>(t.getType());
  int64_t rank = shaped.getRank();
  if (rank == 1)
    return t;
  auto flatT = mlir::RankedTensorType::get({shaped.getNumElements()},
                                           shaped.getElementType());
  // Rank 0 has fewer dims than tensor<1xT>: an expansion.
  if (rank == 0)
    return mlir::tensor::ExpandShapeOp::create(b, loc, flatT, t, allInOneGroup(0));
  return mlir::tensor::CollapseShapeOp::create(b, loc, flatT, t,
                                               allInOneGroup(rank));
}

/// `flat` (1-D) as a tensor of type `shaped` with the same elements
/// (itself if `shaped` is 1-D).
inline mlir::Value unflattenTensor(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Value flat,
                                   mlir::RankedTensorType shaped) {
  int64_t rank = shaped.getRank();
  if (rank == 1)
    return flat;
  if (rank == 0)
    return mlir::tensor::CollapseShapeOp::create(b, loc, shaped, flat,
                                                 allInOneGroup(0));
  return mlir::tensor::ExpandShapeOp::create(b, loc, shaped, flat,
                                             allInOneGroup(rank));
}

/// A tensor of `shape` holding `value` everywhere (linalg.fill).
inline mlir::Value fillTensor(mlir::OpBuilder &b, mlir::Location loc,
                              llvm::ArrayRef<int64_t> shape,
                              mlir::TypedAttr value) {
  mlir::Value init =
      mlir::tensor::EmptyOp::create(b, loc, shape, value.getType());
  mlir::Value c = mlir::arith::ConstantOp::create(b, loc, value);
  return mlir::linalg::FillOp::create(b, loc, c, init).getResult(0);
}

/// Indexing maps of a (batched) matrix product over the loops
/// batch..., m, k, n: lhs (batch..., m, k); rhs (k, n), or batched
/// (batch..., k, n) with a batch dimension of size 1 broadcast; result
/// (batch..., m, n).
inline llvm::SmallVector<mlir::AffineMap, 3>
matmulMaps(mlir::OpBuilder &b, mlir::RankedTensorType lT,
           mlir::RankedTensorType rT) {
  unsigned batch = lT.getRank() - 2, numDims = batch + 3;
  bool batchedRhs = rT.getRank() > 2;
  llvm::SmallVector<mlir::AffineExpr> le, re, oe;
  for (unsigned i = 0; i < batch; ++i) {
    le.push_back(b.getAffineDimExpr(i));
    oe.push_back(b.getAffineDimExpr(i));
    if (batchedRhs)
      re.push_back(rT.getDimSize(i) == 1 && lT.getDimSize(i) != 1
                       ? b.getAffineConstantExpr(0)
                       : b.getAffineDimExpr(i));
  }
  mlir::AffineExpr m = b.getAffineDimExpr(batch),
                   k = b.getAffineDimExpr(batch + 1),
                   n = b.getAffineDimExpr(batch + 2);
  le.append({m, k});
  re.append({k, n});
  oe.append({m, n});
  return {mlir::AffineMap::get(numDims, 0, le, b.getContext()),
          mlir::AffineMap::get(numDims, 0, re, b.getContext()),
          mlir::AffineMap::get(numDims, 0, oe, b.getContext())};
}

} // namespace qcc::qnn_to_linalg

#endif // QCC_LIB_CONVERSION_QNNTOLINALG_LOWERINGUTILS_H
