//===- Passes.td - qcc conversion passes -------------------*- tablegen -*-===//
#ifndef QCC_CONVERSION_PASSES_TD
#define QCC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQNNToLinalgPass : Pass<"convert-qnn-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower qnn ops to linalg / arith / tensor on integer tensors";
  let description = [{
    Replaces every `!qnn.q` tensor by its signless storage tensor (i8) and
    every qnn op by linalg.generic / tensor ops implementing the integer
    semantics of docs/IntegerSemantics.md: i32 accumulation of
    `(x - zx) * (w - zw)`, bias add, fixed-point requantization with
    round-half-to-even and saturation. Function signatures with `si8`/`ui8`
    tensors become `i8`.

    Convolutions and matmuls lower to one accumulation `linalg.generic`
    (marked `qcc.kernel = "conv2d"` / `"matmul"`) followed by one elementwise
    requantization `linalg.generic` (`qcc.kernel = "requantize"`), so a later
    pass can tile the accumulation onto a target microkernel.

    Convolution layouts: with constant weights and at least 8 filters per
    group, the weights are repacked at compile time to [G, C/G, KH, KW, F/G]
    and accumulated into [N, G, OH, OW, F/G] with the filter loop innermost
    (a contiguous vector over output channels whatever the layer size);
    otherwise (depthwise, weights computed at run time) the accumulator is
    NCHW with the output-width loop innermost.
  }];
  let options = [
    Option<"wordBits", "word-bits", "unsigned", "64",
           "Register width of the target (32: Cortex-M). With 32, the "
           "requantization of convolutions and matrix products with a "
           "bias_shift whose shifts are all in [33, 62] rounds in 32-bit "
           "arithmetic after the 64-bit product (the same results)">
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect", "mlir::func::FuncDialect"
  ];
}

#endif
