//===- ONNXImporter.h - ONNX model -> qnn dialect ---------------*- C++ -*-===//
#ifndef QCC_IMPORT_ONNX_ONNXIMPORTER_H
#define QCC_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <map>
#include <string>
#include <vector>

namespace qcc {
struct ONNXImportOptions {
  /// Static shapes for graph inputs, by input name (overrides the model).
  std::map<std::string, std::vector<int64_t>> shapes;
  /// Value of a symbolic leading (batch) dimension without an override.
  int64_t defaultBatch = 1;
  /// Constants with more elements than this become dense_resource blobs.
  int64_t resourceThreshold = 64;
};

/// Imports an ONNX model into a module holding one `func.func @forward`
/// on qnn / tensor values. On failure returns null and sets `error` to one
/// line naming the ONNX node or tensor and what is wrong.
mlir::OwningOpRef<mlir::ModuleOp> importONNXModel(mlir::MLIRContext &ctx,
                                                  const std::string &path,
                                                  const ONNXImportOptions &opts,
                                                  std::string &error);
} // namespace qcc

#endif
