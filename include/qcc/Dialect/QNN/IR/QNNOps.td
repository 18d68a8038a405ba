//===- QNNOps.td - qnn operations --------------------------*- tablegen -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNOPS_TD
#define QCC_DIALECT_QNN_IR_QNNOPS_TD

include "qcc/Dialect/QNN/IR/QNNBase.td"
include "qcc/Dialect/QNN/IR/QNNTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"
include "mlir/IR/EnumAttr.td"

// Real-valued output range fused into an op (ReLU: out_min = 0; Clip(a, b):
// out_min = a, out_max = b). Applied after rounding, as integer clamp bounds
// round(bound / scale) + zp, which is exact because rounding is monotonic.
defvar QNN_OutRangeAttrs = (ins OptionalAttr<F64Attr>:$out_min,
                                OptionalAttr<F64Attr>:$out_max);

// How a quantize or requantize rounds a real value to an integer. The names
// are QONNX's rounding modes in lower case: half_even (QONNX ROUND, the
// default), half_up / half_down (ties away from / toward zero), up (away
// from zero), down (toward zero), ceil, floor.
//
// `zero_point_first` says where the output zero point zp is added (see
// docs/IntegerSemantics.md, "Rounding order"): without it the real value v
// in output units is rounded first, y = clamp(round(v) + zp), as ONNX
// QuantizeLinear defines it; with it, y = clamp(round(v + zp)), as QONNX
// Quant defines it. The two differ at ties for half_even (odd zp) and, near
// zero, for the modes that look at the sign (half_up, half_down, up, down).
defvar QNN_RoundingAttr = (ins DefaultValuedStrAttr<StrAttr, "half_even">:$rounding,
                               UnitAttr:$zero_point_first);

def QNN_ConstantOp : QNN_Op<"constant", [Pure]> {
  let summary = "quantized constant (weights)";
  let description = [{
    A constant whose stored integers are `value` (i8/i32 elements, usually a
    `dense_resource` blob) and whose quantization is the result type.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$value attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def QNN_QuantizeOp : QNN_WideOp<"quantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "float to quantized: saturate(round(x / scale) + zp)";
  let description = [{
    Rounds with `rounding` (default half_even). Into a bipolar type the
    result is +1 where `x >= 0` and -1 elsewhere.
  }];
  let arguments = !con((ins RankedTensorOf<[F32]>:$input), QNN_RoundingAttr);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_DequantizeOp : QNN_WideOp<"dequantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "quantized to float: (q - zp) * scale";
  let arguments = (ins QNN_AnyQuantTensor:$input);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_RequantizeOp : QNN_Op<"requantize", [Pure, SameOperandsAndResultShape]> {
  let summary = "change scale / zero-point / width, with an optional range";
  let description = [{
    Rounds with `rounding` (default half_even). Into a bipolar type the
    result is +1 where the real value is `>= 0` and -1 elsewhere.
  }];
  let arguments = !con((ins QNN_AnyQuantTensor:$input), QNN_OutRangeAttrs,
                       QNN_RoundingAttr);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_StorageCastOp : QNN_WideOp<"storage_cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "reinterpret stored integers as a quantized type, or back";
  let description = [{
    Attaches quantization to a plain integer tensor (`si8`, `ui8`, `i8`), or
    drops it. No value changes: the stored integers stay the same. Used at
    graph edges whose element type is an integer and by QOperator-form ops
    that reinterpret integers with their own scale.

    The plain side may also be `si4`/`ui4` for values of at most 4 bits (not
    bipolar): a graph input or output of ONNX type int4/uint4, stored as
    ONNX stores it, two values a byte in row-major order, the first in the
    low nibble. The lowering unpacks such an input into bytes and packs such
    an output.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def QNN_Conv2DOp : QNN_Op<"conv2d", [Pure]> {
  let summary = "grouped 2-D convolution, NCHW x FCHW, requantized";
  let description = [{
    `input` is N x C x H x W, `weight` F x (C/groups) x KH x KW (per-tensor or
    per-output-channel along axis 0), `bias` (optional) F x i32 in units of
    `input_scale * weight_scale[f]`. The result is either quantized (the
    accumulator is requantized, then clamped to the fused output range) or
    plain `i32` (the raw accumulator, as ONNX ConvInteger). `pads` are
    [top, left, bottom, right]; padding holds the input zero-point.
    Depthwise convolution is `groups == C`.

    `bias_shift` s (0 to 16, default 0) gives the bias a finer unit:
    `input_scale * weight_scale[f] * 2^-s`. The requantization then adds the
    bias to the accumulator times 2^s (in i64). A folded
    BatchNormalization bias needs it to stay exact with coarse low-bit
    weights, whose stored values stay as they are. Only with a quantized
    result.

    `negated_channels` (optional, one flag per output channel f) negates
    channel f's accumulator, bias included, before the requantization: its
    real value is `-input_scale * weight_scale[f] * acc`. A folded negative
    BatchNormalization / Mul factor uses it where the weights mirrored
    around their zero point would not fit their width. Only with a
    quantized result.
  }];
  let arguments = !con((ins QNN_AnyQuantTensor:$input, QNN_AnyQuantTensor:$weight,
                       Optional<RankedTensorOf<[I32]>>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, I64Attr:$groups),
                       QNN_OutRangeAttrs, QNN_RoundingAttr,
                       (ins DefaultValuedAttr<I64Attr, "0">:$bias_shift,
                            OptionalAttr<DenseBoolArrayAttr>:$negated_channels));
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_MatMulOp : QNN_Op<"matmul", [Pure]> {
  let summary = "(batched) matrix product / fully connected, requantized";
  let description = [{
    `lhs` is [..., M, K], `rhs` [K, N] or, batched, [..., K, N] of the
    lhs's rank with each batch dimension 1 (broadcast) or the lhs's (ONNX
    MatMul's numpy semantics for operands of one rank); per-tensor or
    per-column along its last axis. `bias` (optional) N x i32 in units of
    `lhs_scale * rhs_scale[n] * 2^-bias_shift` (`bias_shift` 0 to 16, as
    `qnn.conv2d`'s: a constant bias in a finer unit, added to the
    accumulator times 2^bias_shift in the requantization) and
    `negated_channels` (one flag per column) as `qnn.conv2d`'s.
    The result [..., M, N] is quantized (requantized, clamped to the fused
    range) or plain i32 (raw accumulator, as ONNX MatMulInteger).
  }];
  let arguments = !con((ins QNN_AnyQuantTensor:$lhs, QNN_AnyQuantTensor:$rhs,
                       Optional<RankedTensorOf<[I32]>>:$bias), QNN_OutRangeAttrs,
                       QNN_RoundingAttr,
                       (ins DefaultValuedAttr<I64Attr, "0">:$bias_shift,
                            OptionalAttr<DenseBoolArrayAttr>:$negated_channels));
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_AddOp : QNN_Op<"add", [Pure]> {
  let summary = "elementwise add with numpy broadcasting, requantized";
  let description = [{
    Both terms are rescaled to the result's scale with one fixed-point
    shift and rounded with `rounding` (default half_even).
  }];
  let arguments = !con((ins QNN_AnyQuantTensor:$lhs, QNN_AnyQuantTensor:$rhs),
                       QNN_OutRangeAttrs, QNN_RoundingAttr);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_MulOp : QNN_Op<"mul", [Pure]> {
  let summary = "elementwise product with numpy broadcasting, requantized";
  let description = [{
    `(lhs - zl) * (rhs - zr)` in i64, times the fixed-point ratio
    `lhs_scale * rhs_scale / result_scale`, rounded with `rounding`
    (default half_even), plus the result's zero point, clamped. All three
    are quantized per tensor.
  }];
  let arguments = !con((ins QNN_AnyQuantTensor:$lhs, QNN_AnyQuantTensor:$rhs),
                       QNN_OutRangeAttrs, QNN_RoundingAttr);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_MaxPool2DOp : QNN_Op<"max_pool2d", [Pure]> {
  let summary = "2-D max pooling (NCHW); result keeps the input quantization";
  let description = [{
    `pads` are [top, left, bottom, right]; padded positions never win.
    `ceil_mode` rounds the output size up; windows that run past the end are
    treated as padded. The result type must have the input's quantization.

    On f32 (input and result both f32: a pool the model leaves in float) the
    maximum ignores NaN, as ONNX's reference does (`maxnum`; padding is
    -inf), and is exact.
  }];
  let arguments = (ins QNN_QuantOrF32Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                   DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_AvgPool2DOp : QNN_Op<"avg_pool2d", [Pure]> {
  let summary = "2-D average pooling (NCHW), requantized";
  let description = [{
    The window sum of `q - zp_in` is divided by the window size (all
    `kernel` positions with `count_include_pad`, else only the in-bounds
    ones) as part of the requantization to the result type, rounded with
    `rounding` (default half_even).

    On f32 (input and result both f32; `rounding` is unused): the window is summed
    in binary32 in row-major order and divided by the same count, as ONNX
    Runtime does.
  }];
  let arguments = !con((ins QNN_QuantOrF32Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
                   DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                   DefaultValuedAttr<BoolAttr, "false">:$count_include_pad),
                   QNN_RoundingAttr);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_GlobalAvgPoolOp : QNN_Op<"global_avg_pool", [Pure]> {
  let summary = "mean over H x W (NCHW -> N x C x 1 x 1), requantized";
  let description = [{
    The sum of `q - zp_in` over H x W, divided by H * W as part of the
    requantization to the result type, rounded with `rounding` (default
    half_even). On f32 (input and result; `rounding` unused): the binary32 sum
    in row-major order divided by H * W.
  }];
  let arguments = !con((ins QNN_QuantOrF32Tensor:$input), QNN_RoundingAttr);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_ConcatOp : QNN_Op<"concat", [Pure]> {
  let summary = "concatenation along `axis`; each input requantized to the result";
  let description = [{
    An input whose quantization differs from its part of the result is
    requantized, rounded with `rounding` (default half_even). All f32
    (inputs and result): a concatenation of float values (a part of the
    model left in float).
  }];
  let arguments = !con((ins Variadic<QNN_QuantOrF32Tensor>:$inputs, I64Attr:$axis),
                       QNN_RoundingAttr);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def QNN_LookupTableOp : QNN_Op<"lookup_table", [Pure, SameOperandsAndResultShape]> {
  let summary = "an elementwise function as a table over the input codes";
  let description = [{
    `table[i]` is the output integer for the input code `qmin + i`, with
    `qmin` the input type's smallest code: one entry per code of the input
    width (at most 256), each in the output type's range. The importer
    builds it at compile time for elementwise functions (Sigmoid, Tanh,
    LeakyRelu, HardSigmoid, HardSwish, SiLU, Mish, ...): the function of
    each code's real value, quantized as the model's quantizer does, so the
    op computes exactly what the float graph computes on those values.
    Input and result are quantized per tensor.
  }];
  let arguments = (ins QNN_AnyQuantTensor:$input, DenseI64ArrayAttr:$table);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_TransposeOp : QNN_Op<"transpose", [Pure]> {
  let summary = "permutes the dimensions; the quantization is unchanged";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]` (ONNX
    Transpose). Input and result are quantized per tensor with the same
    parameters, or both f32 (a part of the model left in float).
  }];
  let arguments = (ins QNN_QuantOrF32Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_SliceOp : QNN_Op<"slice", [Pure]> {
  let summary = "strided slice; the quantization is unchanged";
  let description = [{
    `result[i] = input[starts + i * steps]` in every dimension (ONNX Slice
    and each output of Split, after the importer has clamped ONNX's starts
    and ends): steps are non-zero, negative ones walking backwards, and
    every element read lies inside the input. Input and result are
    quantized per tensor with the same parameters, or both f32.
  }];
  let arguments = (ins QNN_QuantOrF32Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$steps);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_PadOp : QNN_Op<"pad", [Pure]> {
  let summary = "constant padding; the quantization is unchanged";
  let description = [{
    The input placed at offset `low` in every dimension of a result
    `low + input + high` larger, the rest `value` (ONNX Pad in constant
    mode; the importer builds the other modes from qnn.slice and
    qnn.concat): an integer code of the input's type when quantized (the
    code of the padding's real value), an f32 when the input is f32. `low`
    and `high` are non-negative; input and result are quantized per
    tensor with the same parameters, or both f32.
  }];
  let arguments = (ins QNN_QuantOrF32Tensor:$input, DenseI64ArrayAttr:$low,
                       DenseI64ArrayAttr:$high, TypedAttrInterface:$value);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_ResizeNearestOp : QNN_Op<"resize_nearest", [Pure]> {
  let summary = "NCHW nearest-neighbour upsampling by integer factors";
  let description = [{
    `result[n, c, y, x] = input[n, c, y floordiv factors[0], x floordiv
    factors[1]]`; the quantization is unchanged. ONNX Resize / Upsample in
    nearest mode with integer scales, for the coordinate transformation and
    nearest modes that map every output pixel so (the importer checks).
  }];
  let arguments = (ins QNN_AnyQuantTensor:$input, DenseI64ArrayAttr:$factors);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_ReshapeOp : QNN_Op<"reshape", [Pure]> {
  let summary = "row-major reshape; the quantization is unchanged";
  let description = [{
    Input and result are quantized per tensor with the same parameters, or
    both f32 (a part of the model left in float).
  }];
  let arguments = (ins QNN_QuantOrF32Tensor:$input);
  let results = (outs QNN_QuantOrF32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_MultiThresholdOp : QNN_Op<"multi_threshold",
                                   [Pure, SameOperandsAndResultShape]> {
  let summary = "counts the thresholds each value reaches (FINN MultiThreshold)";
  let description = [{
    For an element `x` of `input` in channel `c` (its index along `axis`;
    row 0 when `thresholds` has a single row), the result's stored integer
    is

        offset + step * #{ t : x >= thresholds[c, t] }

    with `step` 1, or 2 for a bipolar result (then `offset` is -1 and each
    channel has one threshold: +1 where `x` reaches it, -1 elsewhere).
    `thresholds` is `R x T` with `R` 1 or the input's extent along `axis`;
    they need not be sorted.

    `x` is compared as it is stored: an `f32` input against `f32`
    thresholds (IEEE `>=`: NaN reaches none), an `i32` input (a raw
    accumulator) or a quantized input (its stored integers) against `i32`
    thresholds. The importer moves every real threshold of a FINN
    MultiThreshold onto that integer grid (the smallest stored integer
    whose real value reaches it), so the comparison is exact. The result
    is quantized per tensor, every count in its range.

    Constraints (cited by the verifier's messages):
    (C1) `input` is `f32`, `i32` or quantized per tensor or per channel
         along `axis`; the result is quantized per tensor, not sliced.
    (C2) `axis` is in `[0, rank)`; `thresholds` is 2-D, `R x T`, `T >= 1`,
         `R` is 1 or `input`'s extent along `axis`.
    (C3) `thresholds` are `f32` for an `f32` input and `i32` otherwise.
    (C4) `offset` and `offset + step * T` lie in the result's range; a
         bipolar result has `T == 1` and `offset == -1`.

    Example, 2-bit unsigned codes of an accumulator, per channel:

    ```mlir
    %y = qnn.multi_threshold %acc {axis = 1 : i64, offset = 0 : i64,
           thresholds = dense<[[-3, 0, 4], [-1, 2, 9]]> : tensor<2x3xi32>}
         : tensor<1x2x4x4xi32> -> tensor<1x2x4x4x!qnn.q<ui2, scale = 1.0, zp = 0>>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, ElementsAttr:$thresholds,
                       I64Attr:$axis, I64Attr:$offset);
  let results = (outs QNN_AnyQuantTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Float operations: what the model leaves unquantized
//===----------------------------------------------------------------------===//
//
// A model may compute in float before its first quantizer (input
// normalization), after its last dequantization (Softmax, box decoding), or
// in islands between quantized regions. These ops compute in binary32
// exactly as ONNX defines the op, one IEEE operation per element where the
// ONNX op is one, so that the result equals any conforming runtime's.

def QNN_FloatBinaryKind : I32EnumAttr<"FloatBinaryKind",
    "binary32 elementwise arithmetic", [
      I32EnumAttrCase<"add", 0>, I32EnumAttrCase<"sub", 1>,
      I32EnumAttrCase<"mul", 2>, I32EnumAttrCase<"div", 3>,
      I32EnumAttrCase<"prelu", 4>]> {
  let cppNamespace = "::qcc::qnn";
}

def QNN_FloatBinaryOp : QNN_Op<"float_binary", [Pure]> {
  let summary = "binary32 add, sub, mul, div or prelu with numpy broadcasting";
  let description = [{
    `result = lhs <kind> rhs`, one correctly rounded binary32 operation per
    element (ONNX Add, Sub, Mul, Div on float tensors). Operands broadcast
    as numpy does; the result has the broadcast shape. `prelu` is ONNX
    PRelu, `lhs < 0 ? lhs * rhs : lhs` with the slope `rhs` broadcast to
    the shape of `lhs`, which the result keeps.

    Example, ImageNet normalization before the first quantizer:

    ```mlir
    %m = arith.constant dense<[[[[0.485]], [[0.456]], [[0.406]]]]> : tensor<1x3x1x1xf32>
    %c = qnn.float_binary sub %x, %m : tensor<1x3x8x8xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins QNN_FloatBinaryKind:$kind, RankedTensorOf<[F32]>:$lhs,
                       RankedTensorOf<[F32]>:$rhs);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = [{
    $kind $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def QNN_FloatUnaryKind : I32EnumAttr<"FloatUnaryKind",
    "binary32 elementwise function", [
      I32EnumAttrCase<"relu", 0>, I32EnumAttrCase<"leaky_relu", 1>,
      I32EnumAttrCase<"clip", 2>, I32EnumAttrCase<"hard_sigmoid", 3>,
      I32EnumAttrCase<"hard_swish", 4>, I32EnumAttrCase<"sigmoid", 5>,
      I32EnumAttrCase<"tanh", 6>, I32EnumAttrCase<"elu", 7>,
      I32EnumAttrCase<"selu", 8>, I32EnumAttrCase<"celu", 9>,
      I32EnumAttrCase<"softplus", 10>, I32EnumAttrCase<"softsign", 11>,
      I32EnumAttrCase<"thresholded_relu", 12>, I32EnumAttrCase<"mish", 13>]> {
  let cppNamespace = "::qcc::qnn";
}

def QNN_FloatUnaryOp : QNN_Op<"float_unary", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "binary32 activation function (Relu, LeakyRelu, Clip, ...)";
  let description = [{
    An ONNX activation on a float tensor, in binary32 with ONNX's order of
    operations (no fused multiply-add):

    | kind | result | attributes |
    |---|---|---|
    | `relu` | `max(x, 0)` | |
    | `leaky_relu` | `x < 0 ? x * alpha : x` | `alpha` |
    | `clip` | `min(max(x, min), max)` (`max` where `min > max`) | `min`, `max` (each optional) |
    | `hard_sigmoid` | `min(max(x * alpha + beta, 0), 1)` | `alpha`, `beta` |
    | `hard_swish` | `x * min(max(x * (1/6) + 0.5, 0), 1)` | |
    | `sigmoid` | `1 / (1 + exp(-x))` | |
    | `tanh` | `sign(x) (1 - 2 / (exp(2 abs(x)) + 1))`; odd Taylor polynomial to x^19 for abs(x) < 0.5 | |
    | `elu` | `x < 0 ? (exp(x) - 1) * alpha : x` | `alpha` |
    | `selu` | `x <= 0 ? (exp(x) * alpha - alpha) * gamma : x * gamma` | `alpha`, `gamma` |
    | `celu` | `max(x, 0) + min((exp(x / alpha) - 1) * alpha, 0)` | `alpha` |
    | `softplus` | `x > 0 ? x + log(1 + exp(-x)) : log(1 + exp(x))` | |
    | `softsign` | `x / (1 + abs(x))` | |
    | `thresholded_relu` | `x > alpha ? x : 0` | `alpha` |
    | `mish` | `x * tanh(softplus(x))` | |

    `exp` is `qnn.softmax`'s arithmetic approximation (a few ulp), `log` one
    of the same kind (exponent and an atanh series of the mantissa); the
    others are exact. NaN propagates through `relu`, `clip` and `sigmoid`
    as through ONNX's reference (max/min of NaN is NaN).
  }];
  let arguments = (ins QNN_FloatUnaryKind:$kind, RankedTensorOf<[F32]>:$input,
                       OptionalAttr<F32Attr>:$alpha, OptionalAttr<F32Attr>:$beta,
                       OptionalAttr<F32Attr>:$gamma,
                       OptionalAttr<F32Attr>:$min, OptionalAttr<F32Attr>:$max);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = "$kind $input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def QNN_SoftmaxOp : QNN_Op<"softmax", [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "binary32 softmax along one axis";
  let description = [{
    `result = exp(x - max) * (1 / sum(exp(x - max)))` along `axis` (ONNX
    Softmax from opset 13; the importer maps earlier opsets' coerced 2-D form
    to it where the two agree). `exp` is a polynomial approximation with no
    call into libm (a few ulp, as runtimes' vectorized exp).
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$input, I64Attr:$axis);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def QNN_FloatConv2DOp : QNN_Op<"float_conv2d", [Pure]> {
  let summary = "binary32 grouped 2-D convolution (a layer the model leaves in float)";
  let description = [{
    ONNX Conv on float tensors: `input` N x C x H x W, `weight`
    F x (C/groups) x KH x KW, `bias` (optional) F, all f32. Each output is
    the binary32 sum of `x * w` over the window (padding holds 0.0), then
    plus the bias, as ONNX defines the op; runtimes sum in another order, so
    results agree to a few ulp. The importer uses it where the model
    convolves a float tensor: the first layer of a QKeras or hls4ml export
    (quantized weights, stored quantized and dequantized by a
    `qnn.dequantize`, on the unquantized input) or a layer ONNX Runtime's
    quantizer left in float. `pads` are
    [top, left, bottom, right].

    ```mlir
    %y = qnn.float_conv2d %x, %w, %b {dilations = array<i64: 1, 1>, groups = 1 : i64,
           pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
         : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
    ```
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$input, RankedTensorOf<[F32]>:$weight,
                       Optional<RankedTensorOf<[F32]>>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, I64Attr:$groups);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_FloatMatMulOp : QNN_Op<"float_matmul", [Pure]> {
  let summary = "binary32 (batched) matrix product (a layer the model leaves in float)";
  let description = [{
    ONNX MatMul on float tensors: `lhs` [..., M, K], `rhs` [K, N] or
    [..., K, N] of the lhs's rank with each batch dimension 1 or the lhs's;
    the result [..., M, N] is the binary32 sum over K of `lhs * rhs`. As
    `qnn.float_conv2d`, for layers with a float input (QKeras, hls4ml) or
    left in float; Gemm's alpha, beta and C are `qnn.float_binary` ops
    around it.
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$lhs, RankedTensorOf<[F32]>:$rhs);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def QNN_ArgReduceKind : I32EnumAttr<"ArgReduceKind",
    "which extremum qnn.arg_reduce finds", [
      I32EnumAttrCase<"max", 0>, I32EnumAttrCase<"min", 1>]> {
  let cppNamespace = "::qcc::qnn";
}

def QNN_ArgReduceOp : QNN_Op<"arg_reduce", [Pure]> {
  let summary = "index of the largest or smallest value along one axis (ArgMax, ArgMin)";
  let description = [{
    ONNX ArgMax / ArgMin: the i64 index along `axis` of the first largest
    (`max`) or smallest (`min`) value, the last with `select_last_index`.
    The result has the input's shape with `axis` of extent 1
    (`keepdims`) or removed. On a quantized input it compares the codes:
    with one scale along `axis` (a positive one) dequantization keeps their
    order and their ties, so the index is the one of the dequantized
    values. On f32 it compares floats (a NaN is never selected).

    ```mlir
    %i = qnn.arg_reduce max %x {axis = 1 : i64} : tensor<1x10x!qnn.q<i8, scale = 0.5, zp = 3>> -> tensor<1xi64>
    ```
  }];
  let arguments = (ins QNN_ArgReduceKind:$kind, AnyRankedTensor:$input,
                       I64Attr:$axis, UnitAttr:$keepdims,
                       UnitAttr:$select_last_index);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$kind $input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_TopKOp : QNN_Op<"top_k", [Pure]> {
  let summary = "the k largest or smallest values along one axis and their indices (TopK)";
  let description = [{
    ONNX TopK: along `axis`, the `k` largest values (the `k` smallest with
    `smallest`) in order, best first, and their i64 indices. Equal values
    come in index order (the lower index first), as ONNX specifies. The
    results have the input's shape with `axis` of extent `k`; `values` has
    the input's element type.

    On a quantized input it orders the codes and returns them unchanged:
    with one scale along `axis` (a positive one) dequantization keeps their
    order and their ties, so the values are the dequantized input's top k.
    On f32 it orders the values as IEEE totalOrder does after turning -0
    into +0 (so -0 and +0 are equal): a NaN sorts above +inf, or below
    -inf when its sign bit is set.

    ```mlir
    %v, %i = qnn.top_k %x {axis = 1 : i64, k = 5 : i64} : tensor<1x1000xf32> -> tensor<1x5xf32>, tensor<1x5xi64>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis, I64Attr:$k,
                       UnitAttr:$smallest);
  let results = (outs AnyRankedTensor:$values, RankedTensorOf<[I64]>:$indices);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($values) `,` type($indices)";
  let hasVerifier = 1;
}

def QNN_FloatCastOp : QNN_Op<"float_cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "binary16 <-> binary32 conversion (float16 graph edges, Cast)";
  let description = [{
    Converts every element between IEEE binary16 and binary32. Widening
    is exact. Narrowing rounds to nearest, ties to even (as ONNX Cast and
    ONNX Runtime do); magnitudes from 65520 up become infinity, results
    below 2^-14 are subnormal, NaN stays NaN (quiet). The lowering uses
    integer operations and one binary32 add or multiply, no half-precision
    instruction or conversion routine, so every target gives the same
    bits.

    The importer keeps an ONNX float16 tensor as binary32 values that are
    exactly representable in binary16: a float16 graph input is widened
    here, a Cast to float16 narrows and widens again, a float16 graph
    output is narrowed.
  }];
  let arguments = (ins RankedTensorOf<[F16, F32]>:$input);
  let results = (outs RankedTensorOf<[F16, F32]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def QNN_Resize2DOp : QNN_Op<"resize_2d", [Pure]> {
  let summary = "binary32 2-D resize by per-row and per-column source tables (Resize nearest, linear, cubic)";
  let description = [{
    ONNX Resize of an f32 NCHW tensor, with the sources and weights
    computed at compile time. Each output row `o` reads `T` input rows
    `rows[o*T + i]` with weights `row_weights[o*T + i]` (`i < T`), and each
    output column likewise from `cols` and `col_weights`; `T`, the taps, is
    the tables' length over the result's extent: 1 (nearest), 2 (linear) or
    4 (cubic), the same for rows and columns. The result is, in binary32
    and in this order (as ONNX Runtime computes it):

    - `T = 1`: `x[r0][c0]`, exactly (the weight of a source is 1);
    - `T = 2`: `(wc0 * wr0) * x[r0][c0] + (wc1 * wr0) * x[r0][c1] +
      (wc0 * wr1) * x[r1][c0] + (wc1 * wr1) * x[r1][c1]`;
    - `T = 4`: `sum over i of ((sum over j of wc_j * x[r_i][c_j]) * wr_i) /
      d`, each sum from its first term, `d` = `row_divisors[o]` (ONNX's
      `exclude_outside`: the sum of the row weights that remain), or no
      division without `row_divisors`.

    With `extrapolation_value` (ONNX's `tf_crop_and_resize`), a table entry
    whose sources are all -1 (and weights 0) lies outside the input: every
    output pixel in that row or column is `extrapolation_value`. The
    importer runs a quantized input through it dequantized; the quantizer
    after the Resize quantizes the result.
  }];
  let arguments = (ins RankedTensorOf<[F32]>:$input,
                       DenseI64ArrayAttr:$rows, DenseF32ArrayAttr:$row_weights,
                       DenseI64ArrayAttr:$cols, DenseF32ArrayAttr:$col_weights,
                       OptionalAttr<DenseF32ArrayAttr>:$row_divisors,
                       OptionalAttr<F32Attr>:$extrapolation_value);
  let results = (outs RankedTensorOf<[F32]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Sources per output row and column (1, 2 or 4).
    int64_t getTaps();
  }];
}

#endif
