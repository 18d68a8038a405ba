//===- QNNTypes.td - qnn types -----------------------------*- tablegen -*-===//
#ifndef QCC_DIALECT_QNN_IR_QNNTYPES_TD
#define QCC_DIALECT_QNN_IR_QNNTYPES_TD

include "qcc/Dialect/QNN/IR/QNNBase.td"

def QNN_QuantType : TypeDef<QNN_Dialect, "Quant"> {
  let mnemonic = "q";
  let summary = "quantized integer element type with per-slice bit-widths";
  let description = [{
    A quantized element: `real = scale[c] * (q - zero_point[c])` where `c` is
    the index along `axis` (per-channel) or 0 (per-tensor, `axis` absent).

    The quantization axis may be cut into *slices*: consecutive runs of
    channels that share a bit-width. Every slice has 1 to 8 bits; signedness
    is the same for the whole tensor. A 16-bit type (ONNX int16/uint16
    activations) has one slice and is only produced by `qnn.quantize`,
    read by `qnn.dequantize` and cast by `qnn.storage_cast` (graph inputs
    and outputs): every other op verifies that its quantized operands and
    results have at most 8 bits (constraint Q16). A value of a `b`-bit signed slice lies
    in `[-2^(b-1), 2^(b-1)-1]`, unsigned in `[0, 2^b-1]`.

    Scales are IEEE binary32 values (as in ONNX), strictly positive and
    finite; zero-points must lie in the range of their slice's width.

    A *bipolar* type (`b1`) holds the two values -1 and +1 (`real = scale * q`,
    zero-point 0), as QONNX `BipolarQuant` produces; one bit per value when
    packed (bit set: -1). It has a single slice.

    Syntax:
    ```
    !qnn.q<ui8, scale = 0.0235, zp = 128>                      // per tensor
    !qnn.q<i8, axis = 0, scale = [0.1, 0.2], zp = [0, 0]>      // per channel
    !qnn.q<[i4 x 8, i8 x 24], axis = 1, scale = 0.5, zp = 0>   // 2 slices
    !qnn.q<b1, axis = 0, scale = [0.25, 0.5]>                  // bipolar
    ```
  }];
  let parameters = (ins
    "bool":$isSigned,
    ArrayRefParameter<"unsigned", "bit-width of every slice">:$sliceBits,
    ArrayRefParameter<"int64_t", "channels in every slice (empty: one slice)">:$sliceSizes,
    "int64_t":$axis,
    ArrayRefParameter<"::qcc::qnn::Scale", "binary32 scales">:$scales,
    ArrayRefParameter<"int64_t">:$zeroPoints,
    "bool":$isBipolar
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    TypeBuilder<(ins "bool":$isSigned, "::llvm::ArrayRef<unsigned>":$sliceBits,
                     "::llvm::ArrayRef<int64_t>":$sliceSizes, "int64_t":$axis,
                     "::llvm::ArrayRef<double>":$scales,
                     "::llvm::ArrayRef<int64_t>":$zeroPoints,
                     CArg<"bool", "false">:$isBipolar), [{
      ::llvm::SmallVector<::qcc::qnn::Scale> s;
      for (double d : scales)
        s.push_back(::qcc::qnn::Scale(d));
      return $_get($_ctxt, isSigned, sliceBits, sliceSizes, axis, s,
                   zeroPoints, isBipolar);
    }]>
  ];
  let extraClassDeclaration = [{
    /// Per-tensor, one width.
    static QuantType get(::mlir::MLIRContext *ctx, bool isSigned,
                         unsigned bits, double scale, int64_t zeroPoint);
    /// Per-channel along `axis`, one width.
    static QuantType getPerAxis(::mlir::MLIRContext *ctx, bool isSigned,
                                unsigned bits, int64_t axis,
                                ::llvm::ArrayRef<double> scales,
                                ::llvm::ArrayRef<int64_t> zeroPoints);
    /// Bipolar {-1, +1} values with per-tensor (`axis` = -1) or per-channel
    /// scales.
    static QuantType getBipolar(::mlir::MLIRContext *ctx, int64_t axis,
                                ::llvm::ArrayRef<double> scales);

    bool isBipolar() const { return getIsBipolar(); }
    bool isPerTensor() const { return getScales().size() == 1; }
    bool hasAxis() const { return getAxis() >= 0; }
    bool isSliced() const { return getSliceBits().size() > 1; }
    /// The widest slice: the storage container width is at least this.
    unsigned getMaxBits() const;
    /// The width a constant of this type is stored in, packed: 1, 2, 4, 8
    /// or 16 bits, the smallest holding every slice (3 -> 4, 5..7 -> 8).
    unsigned getPackedBits() const;
    /// Bit-width of channel `c` along the axis (any `c` when not sliced).
    unsigned getBitsOf(int64_t c) const;
    double getScaleOf(int64_t c) const {
      return getScales().size() == 1 ? getScales()[0] : getScales()[c];
    }
    int64_t getZeroPointOf(int64_t c) const {
      return getZeroPoints().size() == 1 ? getZeroPoints()[0] : getZeroPoints()[c];
    }
    int64_t getQMinOf(int64_t c) const;
    int64_t getQMaxOf(int64_t c) const;
    /// Number of channels the type describes along its axis, or -1 when the
    /// type is per-tensor and not sliced (any extent fits).
    int64_t getNumChannels() const;
    /// Checks the type against the shape of a tensor using it.
    ::llvm::LogicalResult verifyForShape(::llvm::ArrayRef<int64_t> shape,
        ::llvm::function_ref<::mlir::InFlightDiagnostic()> emitError) const;
    /// The quantization of channels [start, start + count) along the axis
    /// (the whole type when it has no axis).
    QuantType sliceChannels(int64_t start, int64_t count) const;
    /// The same quantization with a different axis (after a transpose/reshape).
    QuantType withAxis(int64_t axis) const;
    /// The builtin integer type that stores one value (an 8-bit container
    /// for widths 1..8, 16-bit for 16), signless.
    ::mlir::IntegerType getStorageType() const;
    /// The builtin type the ABI exposes (si8/ui8 style).
    ::mlir::IntegerType getSignedStorageType() const;
  }];
}

def QNN_AnyQuantTensor : RankedTensorOf<[QNN_QuantType]>;
/// Layout ops (reshape, transpose) move quantized codes or binary32 values.
def QNN_QuantOrF32Tensor : RankedTensorOf<[QNN_QuantType, F32]>;

#endif
