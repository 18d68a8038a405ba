//===- QNNDialect.h - qnn dialect -------------------------------*- C++ -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNDIALECT_H
#define QCC_DIALECT_QNN_IR_QNNDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "qcc/Dialect/QNN/IR/QNNOpsDialect.h.inc"

#endif
