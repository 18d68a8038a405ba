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

def ExposeQuantizedIOPass : Pass<"qnn-expose-quantized-io", "mlir::ModuleOp"> {
  let summary = "Graph inputs and outputs as their quantized integers (--io=quantized)";
  let description = [{
    Rewrites the model function `@forward` so that the caller passes and
    receives the stored integers of the quantized tensors at the graph's
    edges, not floats; firmware without an FPU then never touches float.

    - A float input whose every user is a `qnn.quantize` to one per-tensor
      type becomes a tensor of that type's storage integer (`ui8`/`si8`),
      reinterpreted by one `qnn.storage_cast`; the quantizes are removed.
    - A float output computed by a `qnn.dequantize` of a per-tensor type
      becomes that dequantize's input, as its storage integer.
    - Each rewritten edge records its quantization as argument / result
      attributes `qcc.scale` (f64), `qcc.zero_point`, `qcc.bits`, `qcc.qmin`, `qcc.qmax` (i64; a bipolar
      edge is 1 bit in [-1, 1], only -1 and +1 occur),
      which the C header reports (`real = scale * (q - zero_point)`).

    Inputs and outputs that are already integers are left alone. An edge
    that stays float is an error naming the ONNX node that reads or writes
    it: a float input read by an unquantized node, an input quantized
    twice with different parameters, an input or output quantized per
    channel, or a float output not produced by a dequantize.
  }];
  let dependentDialects = ["qcc::qnn::QNNDialect"];
}

#endif
