//===- Passes.td - qnn dialect passes ----------------------*- tablegen -*-===//
#ifndef QCC_DIALECT_QNN_TRANSFORMS_PASSES_TD
#define QCC_DIALECT_QNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def LegalizeBitWidthsPass : Pass<"qnn-legalize-bit-widths", "mlir::ModuleOp"> {
  let summary = "Promote weight widths to the target's kernels; split sliced convolutions";
  let description = [{
    The target description is the list of weight widths its kernels
    exist for (`weight-widths`, default 1,2,4,8: the packed 1-, 2- and
    4-bit and the 8-bit kernels of x86-64 and AArch64; activations are
    8-bit containers on these targets, so every activation width 1..8 is
    supported as is).

    1. Every constant weight slice of a `qnn.conv2d` / `qnn.matmul` is
       promoted to the nearest supported width at or above its own
       (3 -> 4, 5..7 -> 8 by default). Only the type changes: the stored
       values, scales and zero-points are the same.
    2. A `qnn.conv2d` with one group whose constant weights have slices
       of different (promoted) widths along the filters is split into one
       convolution per run of equal width, each with its channel range of
       the weights, bias (a constant bias is sliced at compile time) and
       result quantization, and every other attribute of the whole conv
       (output range, rounding, `bias_shift`), joined by a
       `qnn.concat` on the channel axis. The concatenation is lowered to
       slices of one buffer that each convolution's requantization writes
       into directly (empty-tensor elimination before bufferization), so
       no copy is made.
  }];
  let options = [
    ListOption<"weightWidths", "weight-widths", "unsigned",
               "Weight widths the target has kernels for (must include 8)">
  ];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::tensor::TensorDialect"];
}

#endif
