//===- QNNDialect.cpp - qnn dialect registration --------------------------===//
#include "qcc/Dialect/QNN/IR/QNNDialect.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Dialect/QNN/IR/QNNTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace qcc::qnn;

#include "qcc/Dialect/QNN/IR/QNNOpsDialect.cpp.inc"

void QNNDialect::initialize() {
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "qcc/Dialect/QNN/IR/QNNOps.cpp.inc"
      >();
}
