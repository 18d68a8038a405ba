//===- ElementBytes.h - the stored bytes of an i8 constant ------*- C++ -*-===//
#ifndef QCC_SUPPORT_ELEMENTBYTES_H
#define QCC_SUPPORT_ELEMENTBYTES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include <optional>
#include <vector>

namespace qcc {
/// The bytes of an attribute storing one 8-bit integer per element (dense or
/// `dense_resource`), row-major, or nothing when they are not available.
inline std::optional<std::vector<int8_t>> getElementBytes(mlir::Attribute a) {
  std::vector<int8_t> out;
  if (auto dense = llvm::dyn_cast<mlir::DenseIntElementsAttr>(a)) {
    if (!dense.getElementType().isInteger(8))
      return std::nullopt;
    for (const llvm::APInt &x : dense.getValues<llvm::APInt>())
      out.push_back((int8_t)x.getZExtValue());
  } else if (auto res = llvm::dyn_cast<mlir::DenseResourceElementsAttr>(a)) {
    auto *blob = res.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    for (char b : blob->getData())
      out.push_back((int8_t)b);
  } else {
    return std::nullopt;
  }
  if ((int64_t)out.size() != llvm::cast<mlir::ShapedType>(
                                 llvm::cast<mlir::TypedAttr>(a).getType())
                                 .getNumElements())
    return std::nullopt;
  return out;
}

/// The stored values (one per byte, row-major) of an 8-bit `arith.constant`
/// seen through `tensor.expand_shape` / `tensor.collapse_shape`, or nothing.
inline std::optional<std::vector<int8_t>> getConstantElementBytes(mlir::Value v) {
  while (true) {
    if (auto e = v.getDefiningOp<mlir::tensor::ExpandShapeOp>())
      v = e.getSrc();
    else if (auto c = v.getDefiningOp<mlir::tensor::CollapseShapeOp>())
      v = c.getSrc();
    else
      break;
  }
  auto c = v.getDefiningOp<mlir::arith::ConstantOp>();
  if (!c)
    return std::nullopt;
  return getElementBytes(c.getValue());
}
} // namespace qcc

#endif
