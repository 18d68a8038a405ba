//===- qcc-opt.cpp - opt-style driver for qcc's dialects and passes -------===//
#include "qcc/Pipeline/Pipeline.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qcc::registerDialects(registry);
  qcc::registerPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "qcc modular optimizer driver\n", registry));
}
