//===- QNNOps.cpp - qnn operation verifiers and folders -------------------===//
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "llvm/ADT/TypeSwitch.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace qcc::qnn;

#include "qcc/Dialect/QNN/IR/QNNOpsEnums.cpp.inc"

#define GET_OP_CLASSES
#include "qcc/Dialect/QNN/IR/QNNOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

/// Checks a quantized operand/result against its own shape.
static LogicalResult verifyQuantValue(Operation *op, StringRef what, Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  auto qt = getQuantElementType(t);
  if (!rt || !qt)
    return success();
  return qt.verifyForShape(rt.getShape(), [&]() {
    return op->emitOpError() << what << ": ";
  });
}

static LogicalResult verifyAllQuantValues(Operation *op) {
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(verifyQuantValue(op, "operand #" + std::to_string(i),
                                v.getType())))
      return failure();
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (failed(verifyQuantValue(op, "result #" + std::to_string(i),
                                v.getType())))
      return failure();
  return success();
}

static LogicalResult requirePerTensor(Operation *op, StringRef what, Type t) {
  auto qt = getQuantElementType(t);
  if (qt && !qt.isPerTensor())
    return op->emitOpError() << what
                             << " must have a per-tensor scale and zero-point";
  return success();
}

static LogicalResult verifyOutRange(Operation *op, Type resultType,
                                    std::optional<double> lo,
                                    std::optional<double> hi) {
  if ((lo || hi) && !getQuantElementType(resultType))
    return op->emitOpError()
           << "an output range needs a quantized result, not " << resultType;
  if (lo && hi && *lo > *hi)
    return op->emitOpError() << "output range is empty: out_min " << *lo
                             << " > out_max " << *hi;
  if ((lo && !std::isfinite(*lo)) || (hi && !std::isfinite(*hi)))
    return op->emitOpError() << "output range bounds must be finite";
  return success();
}

static LogicalResult verifyPositive(Operation *op, StringRef name,
                                    ArrayRef<int64_t> values, size_t size,
                                    int64_t minValue) {
  if (values.size() != size)
    return op->emitOpError() << "'" << name << "' needs " << size
                             << " values, got " << values.size();
  for (int64_t v : values)
    if (v < minValue)
      return op->emitOpError() << "'" << name << "' values must be >= "
                               << minValue << ", got " << v;
  return success();
}

/// Same scales, zero-points, widths, slices and axis.
static bool sameQuantization(QuantType a, QuantType b) { return a == b; }

static std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(shape, os, [&](int64_t d) {
    if (ShapedType::isDynamic(d))
      os << "?";
    else
      os << d;
  });
  os << "]";
  return s;
}

/// Output extent of a sliding window, or -1 when the window does not fit.
static int64_t windowOut(int64_t in, int64_t k, int64_t s, int64_t d,
                         int64_t padBegin, int64_t padEnd, bool ceilMode) {
  int64_t span = d * (k - 1) + 1;
  int64_t avail = in + padBegin + padEnd - span;
  // With ceil_mode a window larger than the padded input still gives one
  // output (ONNX Runtime: ceil(avail / s) + 1 for avail > -s).
  if (avail < 0 && !ceilMode)
    return -1;
  int64_t out = ceilMode ? llvm::divideCeilSigned(avail, s) + 1 : avail / s + 1;
  // ONNX: with ceil_mode the last window must start inside input or begin pad.
  if (ceilMode && (out - 1) * s >= in + padBegin)
    --out;
  return out;
}

static LogicalResult verifyWindow(Operation *op, RankedTensorType in,
                                  RankedTensorType out, int64_t outChannels,
                                  ArrayRef<int64_t> kernel,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> dilations,
                                  ArrayRef<int64_t> pads, bool ceilMode) {
  if (in.getRank() != 4)
    return op->emitOpError() << "input must be rank 4 (NCHW), got rank "
                             << in.getRank();
  if (out.getRank() != 4)
    return op->emitOpError() << "result must be rank 4 (NCHW), got rank "
                             << out.getRank();
  if (failed(verifyPositive(op, "strides", strides, 2, 1)) ||
      failed(verifyPositive(op, "dilations", dilations, 2, 1)) ||
      failed(verifyPositive(op, "pads", pads, 4, 0)) ||
      failed(verifyPositive(op, "kernel", kernel, 2, 1)))
    return failure();
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return op->emitOpError() << "needs static shapes";
  int64_t expect[4] = {in.getDimSize(0), outChannels, 0, 0};
  for (int i = 0; i < 2; ++i) {
    expect[2 + i] = windowOut(in.getDimSize(2 + i), kernel[i], strides[i],
                              dilations[i], pads[i], pads[2 + i], ceilMode);
    if (expect[2 + i] <= 0)
      return op->emitOpError()
             << "window of " << kernel[i] << " (dilation " << dilations[i]
             << ") does not fit input extent " << in.getDimSize(2 + i)
             << " with pads " << pads[i] << "," << pads[2 + i];
  }
  if (ArrayRef<int64_t>(expect) != out.getShape())
    return op->emitOpError()
           << "result shape " << shapeStr(out.getShape())
           << " does not match the computed " << shapeStr(expect);
  return success();
}

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

static LogicalResult verifyRounding(Operation *op, StringRef rounding) {
  if (!parseRoundingMode(rounding))
    return op->emitOpError()
           << "rounding '" << rounding
           << "' is not one of half_even, half_up, half_down, up, down, "
              "ceil, floor";
  return success();
}

Rounding qcc::qnn::getRoundingOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, Rounding>(op)
      .Case<QuantizeOp, RequantizeOp, Conv2DOp, MatMulOp, AddOp, AvgPool2DOp,
            GlobalAvgPoolOp, ConcatOp>(
          [](auto o) { return getRoundingOf(o); })
      .Default([](Operation *) { return Rounding(); });
}

/// conv2d's and matmul's bias_shift: 0 to 16, with a bias and a quantized
/// result.
static LogicalResult verifyBiasShift(Operation *op, int64_t bs,
                                     RankedTensorType out, Value bias) {
  if (bs < 0 || bs > 16)
    return op->emitOpError() << "bias_shift must be in [0, 16], got " << bs;
  if (bs != 0 && !getQuantElementType(out))
    return op->emitOpError() << "bias_shift needs a quantized result (an i32 "
                                "result is the raw accumulator)";
  if (bs != 0 && !bias)
    return op->emitOpError() << "bias_shift needs a bias";
  return success();
}

/// conv2d's and matmul's negated_channels: one flag per output channel,
/// with a quantized result.
static LogicalResult verifyNegatedChannels(Operation *op,
                                           std::optional<ArrayRef<bool>> neg,
                                           RankedTensorType out,
                                           int64_t channels) {
  if (!neg)
    return success();
  if ((int64_t)neg->size() != channels)
    return op->emitOpError() << "negated_channels has " << neg->size()
                             << " flags, expected one per output channel ("
                             << channels << ")";
  if (!getQuantElementType(out))
    return op->emitOpError() << "negated_channels needs a quantized result (an "
                                "i32 result is the raw accumulator)";
  return success();
}

LogicalResult qcc::qnn::traits::verifyAtMost8Bits(Operation *op) {
  auto check = [&](Type t, StringRef what, unsigned i) -> LogicalResult {
    auto q = getQuantElementType(t);
    if (!q || q.getMaxBits() <= 8)
      return success();
    return op->emitOpError()
           << what << " #" << i << " has " << q.getMaxBits()
           << "-bit values; 16-bit tensors are only quantized, dequantized "
              "and passed in and out (constraint Q16)";
  };
  for (auto [i, v] : llvm::enumerate(op->getOperands()))
    if (failed(check(v.getType(), "operand", i)))
      return failure();
  for (auto [i, v] : llvm::enumerate(op->getResults()))
    if (failed(check(v.getType(), "result", i)))
      return failure();
  return success();
}

LogicalResult ConstantOp::verify() {
  auto rt = cast<RankedTensorType>(getType());
  auto vt = cast<ShapedType>(getValue().getType());
  if (vt.getShape() != rt.getShape())
    return emitOpError() << "value shape " << shapeStr(vt.getShape())
                         << " does not match the result shape "
                         << shapeStr(rt.getShape());
  Type ve = vt.getElementType();
  if (auto qt = dyn_cast<QuantType>(rt.getElementType())) {
    if (!ve.isInteger(8))
      return emitOpError() << "stored values of a quantized constant must be "
                              "8-bit integers, got "
                           << ve;
    if (failed(verifyAllQuantValues(*this)))
      return failure();
    // Every stored value must fit the width of its channel.
    SmallVector<int64_t> values;
    if (auto dense = dyn_cast<DenseIntElementsAttr>(getValue())) {
      for (const APInt &v : dense.getValues<APInt>())
        values.push_back(qt.getIsSigned() ? v.getSExtValue() : v.getZExtValue());
    } else if (auto res = dyn_cast<DenseResourceElementsAttr>(getValue())) {
      if (auto blob = res.getRawHandle().getBlob())
        for (char c : blob->getData())
          values.push_back(qt.getIsSigned() ? (int64_t)(int8_t)c
                                            : (int64_t)(uint8_t)c);
    }
    int64_t inner = 1, channels = 1;
    bool perChannel = qt.hasAxis() && qt.getAxis() < rt.getRank();
    if (perChannel) {
      channels = rt.getDimSize(qt.getAxis());
      for (int64_t d = qt.getAxis() + 1; d < rt.getRank(); ++d)
        inner *= rt.getDimSize(d);
    }
    if ((int64_t)values.size() == rt.getNumElements())
      for (auto [i, v] : llvm::enumerate(values)) {
        int64_t c = perChannel ? (int64_t(i) / inner) % channels : 0;
        if (qt.isBipolar() && v == 0)
          return emitOpError() << "stored value 0 at element " << i
                               << " is not -1 or +1 (bipolar type)";
        if (v < qt.getQMinOf(c) || v > qt.getQMaxOf(c))
          return emitOpError()
                 << "stored value " << v << " at element " << i
                 << " is outside the range [" << qt.getQMinOf(c) << ", "
                 << qt.getQMaxOf(c) << "] of its " << qt.getBitsOf(c)
                 << "-bit slice";
      }
    return success();
  }
  if (ve != rt.getElementType())
    return emitOpError() << "value element type " << ve
                         << " does not match the result's "
                         << rt.getElementType();
  return success();
}


LogicalResult QuantizeOp::verify() {
  if (failed(verifyRounding(*this, getRounding())))
    return failure();
  return verifyAllQuantValues(*this);
}
LogicalResult DequantizeOp::verify() { return verifyAllQuantValues(*this); }

LogicalResult RequantizeOp::verify() {
  if (failed(verifyRounding(*this, getRounding())) ||
      failed(verifyAllQuantValues(*this)))
    return failure();
  return verifyOutRange(*this, getType(), asDouble(getOutMin()), asDouble(getOutMax()));
}

LogicalResult StorageCastOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  auto qin = dyn_cast<QuantType>(in.getElementType());
  auto qout = dyn_cast<QuantType>(out.getElementType());
  if ((qin != nullptr) == (qout != nullptr) && !(qin && qout))
    return emitOpError() << "one side must be quantized";
  auto check = [&](QuantType q, RankedTensorType plainTensor) -> LogicalResult {
    Type plain = plainTensor.getElementType();
    auto it = dyn_cast<IntegerType>(plain);
    unsigned width = q.getStorageType().getWidth();
    // A graph edge of ONNX type int4/uint4: values stored two a byte.
    if (isPackedInt4Tensor(plainTensor)) {
      if (q.isBipolar())
        return emitOpError() << "a packed 4-bit tensor cannot hold bipolar values";
      if (q.getMaxBits() > 4)
        return emitOpError() << "a packed 4-bit tensor cannot hold "
                             << q.getMaxBits() << "-bit values";
    } else if (!it || it.getWidth() != width) {
      return emitOpError() << "plain side must be an i" << width
                           << " tensor (the storage of "
                           << q.getMaxBits() << "-bit values"
                           << (q.getMaxBits() <= 4 && !q.isBipolar()
                                   ? "; si4/ui4 at a packed int4 graph edge"
                                   : "")
                           << "), got " << plain;
    }
    if ((it.isSigned() && !q.getIsSigned()) ||
        (it.isUnsigned() && q.getIsSigned()))
      return emitOpError() << "signedness of " << plain
                           << " does not match the quantized type";
    return success();
  };
  if (qin && qout) {
    if (qin.getStorageType() != qout.getStorageType())
      return emitOpError() << "cannot change the storage width ("
                           << qin.getMaxBits() << " to " << qout.getMaxBits()
                           << " bits)";
    return qin.getIsSigned() == qout.getIsSigned()
               ? verifyAllQuantValues(*this)
               : emitOpError() << "cannot change signedness";
  }
  if (failed(check(qin ? qin : qout, qin ? out : in)))
    return failure();
  return verifyAllQuantValues(*this);
}

OpFoldResult StorageCastOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // A round trip is its start, except through a packed int4 tensor of an
  // odd count: unpacking and packing again zeroes its padding nibble
  // (which an input may have set, and an output must not).
  if (auto prev = getInput().getDefiningOp<StorageCastOp>())
    if (prev.getInput().getType() == getType() &&
        !(isPackedInt4Tensor(getType()) &&
          cast<RankedTensorType>(getType()).getNumElements() % 2))
      return prev.getInput();
  return {};
}

/// A bias of n values of type `elem` (i32 for the integer layers, f32 for
/// the float ones); the ODS constraint checks the element type.
static LogicalResult verifyBias(Operation *op, Value bias, int64_t n,
                                StringRef elem = "i32") {
  if (!bias)
    return success();
  auto bt = cast<RankedTensorType>(bias.getType());
  if (bt.getRank() != 1 || bt.getDimSize(0) != n)
    return op->emitOpError() << "bias must be tensor<" << n << "x" << elem
                             << ">, got " << bt;
  return success();
}

static LogicalResult verifyAccResult(Operation *op, Type resultType) {
  auto rt = cast<RankedTensorType>(resultType);
  if (!isa<QuantType>(rt.getElementType()) &&
      !rt.getElementType().isInteger(32))
    return op->emitOpError() << "result must be quantized or i32, got "
                             << rt.getElementType();
  return success();
}

/// The shapes of a grouped convolution: input NCHW, weight
/// F x (C/groups) x KH x KW, all static.
static LogicalResult verifyConvShapes(Operation *op, RankedTensorType in,
                                      RankedTensorType w, RankedTensorType out,
                                      int64_t g) {
  if (!in.hasStaticShape() || !w.hasStaticShape() || !out.hasStaticShape())
    return op->emitOpError()
           << "needs static shapes, got input " << shapeStr(in.getShape())
           << ", weight " << shapeStr(w.getShape()) << ", result "
           << shapeStr(out.getShape());
  if (w.getRank() != 4)
    return op->emitOpError()
           << "weight must be rank 4 (FCHW), got rank " << w.getRank();
  if (in.getRank() != 4)
    return op->emitOpError()
           << "input must be rank 4 (NCHW), got rank " << in.getRank();
  if (g < 1)
    return op->emitOpError() << "groups must be >= 1, got " << g;
  int64_t c = in.getDimSize(1), f = w.getDimSize(0);
  if (c % g != 0 || f % g != 0)
    return op->emitOpError() << "input channels " << c << " and weight filters "
                             << f << " must both be divisible by groups " << g;
  if (w.getDimSize(1) != c / g)
    return op->emitOpError()
           << "weight has " << w.getDimSize(1)
           << " input channels per group, expected " << c / g
           << " (input channels " << c << " / groups " << g << ")";
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyRounding(*this, getRounding())) ||
      failed(verifyAllQuantValues(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto w = cast<RankedTensorType>(getWeight().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifyConvShapes(*this, in, w, out, getGroups())) ||
      failed(verifyAccResult(*this, out)) ||
      failed(requirePerTensor(*this, "input", in)) ||
      failed(verifyOutRange(*this, out, asDouble(getOutMin()), asDouble(getOutMax()))))
    return failure();
  int64_t f = w.getDimSize(0);
  auto wq = getQuantElementType(w);
  if (wq.hasAxis() && wq.getAxis() != 0)
    return emitOpError() << "weight: per-channel axis must be 0 (filters), got "
                         << wq.getAxis();
  if (auto oq = getQuantElementType(out))
    if (oq.hasAxis() && oq.getAxis() != 1)
      return emitOpError() << "result: per-channel axis must be 1, got "
                           << oq.getAxis();
  if (failed(verifyBias(*this, getBias(), f)))
    return failure();
  if (failed(verifyBiasShift(*this, getBiasShift(), out, getBias())) ||
      failed(verifyNegatedChannels(*this, getNegatedChannels(), out, f)))
    return failure();
  int64_t kernel[2] = {w.getDimSize(2), w.getDimSize(3)};
  return verifyWindow(*this, in, out, f, kernel, getStrides(), getDilations(),
                      getPads(), /*ceilMode=*/false);
}

/// The shapes of a (batched) matrix product: lhs [..., M, K], rhs [K, N] or
/// [..., K, N] of the lhs's rank (batch dimensions 1 or the lhs's), result
/// [..., M, N].
static LogicalResult verifyMatMulShapes(Operation *op, RankedTensorType l,
                                        RankedTensorType r,
                                        RankedTensorType out) {
  if (l.getRank() < 2)
    return op->emitOpError() << "lhs must have rank >= 2, got " << l.getRank();
  int64_t rr = r.getRank();
  if (rr != 2 && rr != l.getRank())
    return op->emitOpError()
           << "rhs must be [K, N] or [..., K, N] of the lhs's "
              "rank, got rank "
           << rr;
  for (int64_t i = 0; i + 2 < rr; ++i)
    if (r.getDimSize(i) != l.getDimSize(i) && r.getDimSize(i) != 1)
      return op->emitOpError()
             << "rhs batch dimension " << i << " is " << r.getDimSize(i)
             << "; it must be 1 or the lhs's " << l.getDimSize(i);
  int64_t k = l.getShape().back();
  if (r.getDimSize(rr - 2) != k)
    return op->emitOpError()
           << "contraction mismatch: lhs has K = " << k << " but rhs has "
           << r.getDimSize(rr - 2) << " rows";
  SmallVector<int64_t> expect(l.getShape());
  expect.back() = r.getDimSize(rr - 1);
  if (out.getShape() != ArrayRef<int64_t>(expect))
    return op->emitOpError()
           << "result shape " << shapeStr(out.getShape())
           << " does not match [..., M, N] = " << shapeStr(expect);
  return success();
}

LogicalResult MatMulOp::verify() {
  if (failed(verifyRounding(*this, getRounding())))
    return failure();
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto l = cast<RankedTensorType>(getLhs().getType());
  auto r = cast<RankedTensorType>(getRhs().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifyAccResult(*this, out)) ||
      failed(requirePerTensor(*this, "lhs", l)) ||
      failed(verifyOutRange(*this, out, asDouble(getOutMin()), asDouble(getOutMax()))))
    return failure();
  if (failed(verifyMatMulShapes(*this, l, r, out)))
    return failure();
  int64_t rr = r.getRank();
  auto rq = getQuantElementType(r);
  if (rq.hasAxis() && rq.getAxis() != rr - 1)
    return emitOpError() << "rhs: per-channel axis must be " << rr - 1
                         << " (columns), got " << rq.getAxis();
  if (auto oq = getQuantElementType(out))
    if (oq.hasAxis() && oq.getAxis() != out.getRank() - 1)
      return emitOpError() << "result: per-channel axis must be the last";
  if (failed(verifyBias(*this, getBias(), r.getDimSize(rr - 1))))
    return failure();
  if (failed(verifyBiasShift(*this, getBiasShift(), out, getBias())))
    return failure();
  return verifyNegatedChannels(*this, getNegatedChannels(), out,
                               r.getDimSize(rr - 1));
}

/// Numpy broadcasting of `l` and `r` into `out`.
static LogicalResult verifyBroadcast(Operation *op, RankedTensorType l,
                                     RankedTensorType r, RankedTensorType out) {
  int64_t rank = std::max(l.getRank(), r.getRank());
  if (out.getRank() != rank)
    return op->emitOpError() << "result rank " << out.getRank()
                         << " does not match the broadcast rank " << rank;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t a = i - (rank - l.getRank()) >= 0
                    ? l.getDimSize(i - (rank - l.getRank()))
                    : 1;
    int64_t b = i - (rank - r.getRank()) >= 0
                    ? r.getDimSize(i - (rank - r.getRank()))
                    : 1;
    if (a != b && a != 1 && b != 1)
      return op->emitOpError() << "operands are not broadcastable at dimension "
                           << i << " (" << a << " vs " << b << ")";
    if (out.getDimSize(i) != std::max(a, b))
      return op->emitOpError() << "result dimension " << i << " is "
                           << out.getDimSize(i) << ", expected "
                           << std::max(a, b);
  }
  return success();
}

/// add's and mul's operands and result: per tensor, numpy broadcasting.
template <typename OpTy> static LogicalResult verifyBroadcastBinary(OpTy op) {
  if (failed(verifyAllQuantValues(op)) ||
      failed(verifyRounding(op, op.getRounding())))
    return failure();
  auto l = cast<RankedTensorType>(op.getLhs().getType());
  auto r = cast<RankedTensorType>(op.getRhs().getType());
  auto out = cast<RankedTensorType>(op.getType());
  for (auto [name, t] : {std::pair<StringRef, Type>{"lhs", l}, {"rhs", r},
                         {"result", out}})
    if (failed(requirePerTensor(op, name, t)))
      return failure();
  if (failed(verifyBroadcast(op, l, r, out)))
    return failure();
  return verifyOutRange(op, out, asDouble(op.getOutMin()), asDouble(op.getOutMax()));
}

LogicalResult AddOp::verify() { return verifyBroadcastBinary(*this); }

LogicalResult MulOp::verify() { return verifyBroadcastBinary(*this); }

LogicalResult MultiThresholdOp::verify() {
  // I64Attr reads as uint64_t.
  int64_t offset = (int64_t)getOffset(), axis = (int64_t)getAxis();
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  Type inElem = in.getElementType();
  QuantType qi = getQuantElementType(in);
  QuantType qo = getQuantElementType(getType());
  bool isFloat = inElem.isF32();
  // (C1)
  if (!isFloat && !qi && !inElem.isSignlessInteger(32))
    return emitOpError() << "(C1) input must be f32, i32 or quantized, not "
                         << inElem;
  if (qi && (qi.isSliced() || qi.isBipolar() ||
             (!qi.isPerTensor() && qi.getAxis() != axis)))
    return emitOpError() << "(C1) a quantized input must be quantized per "
                            "tensor or per channel along the axis, not "
                            "sliced or bipolar";
  if (!qo.isPerTensor() || qo.isSliced())
    return emitOpError() << "(C1) result must be quantized per tensor";
  // (C2)
  int64_t rank = in.getRank();
  if (axis < 0 || axis >= rank)
    return emitOpError() << "(C2) axis " << axis << " is outside [0, "
                         << rank << ")";
  auto tt = dyn_cast<RankedTensorType>(getThresholds().getType());
  if (!tt || tt.getRank() != 2 || tt.getDimSize(1) < 1)
    return emitOpError() << "(C2) thresholds must be 2-D with at least one "
                            "column, got "
                         << getThresholds().getType();
  int64_t rows = tt.getDimSize(0), count = tt.getDimSize(1);
  if (rows != 1 && rows != in.getDimSize(axis))
    return emitOpError() << "(C2) thresholds have " << rows
                         << " rows; expected 1 or the input's extent "
                         << in.getDimSize(axis) << " along axis " << axis;
  // (C3)
  Type te = tt.getElementType();
  if (isFloat ? !te.isF32() : !te.isSignlessInteger(32))
    return emitOpError() << "(C3) thresholds must be "
                         << (isFloat ? "f32 for an f32 input"
                                     : "i32 for an integer input")
                         << ", got " << te;
  // (C4)
  if (qo.isBipolar()) {
    if (count != 1 || offset != -1)
      return emitOpError() << "(C4) a bipolar result needs one threshold "
                              "per channel and offset -1, got "
                           << count << " and " << offset;
    return success();
  }
  int64_t lo = qo.getQMinOf(0), hi = qo.getQMaxOf(0);
  if (offset < lo || offset > hi - count)
    return emitOpError() << "(C4) counts " << offset << " to "
                         << offset + count
                         << " (offset plus 0 to " << count
                         << " thresholds) do not fit the result's range ["
                         << lo << ", " << hi << "]";
  return success();
}

LogicalResult FloatBinaryOp::verify() {
  auto lhs = cast<RankedTensorType>(getLhs().getType());
  if (failed(verifyBroadcast(*this, lhs,
                             cast<RankedTensorType>(getRhs().getType()),
                             cast<RankedTensorType>(getType()))))
    return failure();
  if (getKind() == FloatBinaryKind::prelu &&
      cast<RankedTensorType>(getType()).getShape() != lhs.getShape())
    return emitOpError() << "prelu's slope must broadcast to the input shape "
                         << shapeStr(lhs.getShape());
  return success();
}

LogicalResult FloatUnaryOp::verify() {
  FloatUnaryKind k = getKind();
  using K = FloatUnaryKind;
  bool needsAlpha = k == K::leaky_relu || k == K::hard_sigmoid ||
                    k == K::elu || k == K::selu || k == K::celu ||
                    k == K::thresholded_relu;
  bool needsBeta = k == K::hard_sigmoid;
  bool needsGamma = k == K::selu;
  auto check = [&](bool needs, bool has, StringRef name) -> LogicalResult {
    if (needs == has)
      return success();
    return emitOpError() << stringifyFloatUnaryKind(k)
                         << (needs ? " needs " : " takes no ") << name;
  };
  if (failed(check(needsAlpha, (bool)getAlpha(), "alpha")) ||
      failed(check(needsBeta, (bool)getBeta(), "beta")) ||
      failed(check(needsGamma, (bool)getGamma(), "gamma")))
    return failure();
  if (k == K::celu && getAlpha()->isZero())
    return emitOpError() << "celu's alpha must not be 0";
  if ((getMin() || getMax()) && k != FloatUnaryKind::clip)
    return emitOpError() << "min and max are clip's bounds, not "
                         << stringifyFloatUnaryKind(k) << "'s";
  return success();
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = cast<RankedTensorType>(getType()).getRank();
  int64_t axis = (int64_t)getAxis(); // I64Attr reads as uint64_t
  if (axis < 0 || axis >= rank)
    return emitOpError() << "axis " << axis << " is outside [0, " << rank
                         << ")";
  return success();
}

LogicalResult FloatConv2DOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto w = cast<RankedTensorType>(getWeight().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifyConvShapes(*this, in, w, out, getGroups())))
    return failure();
  int64_t f = w.getDimSize(0);
  if (failed(verifyBias(*this, getBias(), f, "f32")))
    return failure();
  int64_t kernel[2] = {w.getDimSize(2), w.getDimSize(3)};
  return verifyWindow(*this, in, out, f, kernel, getStrides(), getDilations(),
                      getPads(), /*ceilMode=*/false);
}

LogicalResult FloatMatMulOp::verify() {
  auto l = cast<RankedTensorType>(getLhs().getType());
  auto r = cast<RankedTensorType>(getRhs().getType());
  return verifyMatMulShapes(*this, l, r, cast<RankedTensorType>(getType()));
}

/// qnn.arg_reduce and qnn.top_k order their input along `axis`: f32, or
/// codes whose one scale along the axis keeps the values' order.
static LogicalResult verifyOrderedInput(Operation *op, RankedTensorType in,
                                        int64_t axis) {
  int64_t rank = in.getRank();
  if (axis < 0 || axis >= rank)
    return op->emitOpError() << "axis " << axis << " is outside [0, " << rank
                             << ")";
  auto q = getQuantElementType(in);
  if (!q && !in.getElementType().isF32())
    return op->emitOpError() << "input must be f32 or quantized, got "
                             << in.getElementType();
  if (q && q.hasAxis() && q.getAxis() == axis)
    return op->emitOpError() << "input is quantized per channel along axis "
                             << axis << ": its codes do not order its values";
  return success();
}

LogicalResult ArgReduceOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  int64_t axis = (int64_t)getAxis();
  if (failed(verifyOrderedInput(*this, in, axis)))
    return failure();
  SmallVector<int64_t> expect(in.getShape());
  if (getKeepdims())
    expect[axis] = 1;
  else
    expect.erase(expect.begin() + axis);
  if (out.getShape() != ArrayRef<int64_t>(expect))
    return emitOpError() << "result shape " << shapeStr(out.getShape())
                         << " does not match " << shapeStr(expect);
  return success();
}

LogicalResult TopKOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto vt = cast<RankedTensorType>(getValues().getType());
  auto it = cast<RankedTensorType>(getIndices().getType());
  int64_t axis = (int64_t)getAxis(), k = (int64_t)getK();
  if (failed(verifyOrderedInput(*this, in, axis)))
    return failure();
  if (in.isDynamicDim(axis) || k < 1 || k > in.getDimSize(axis))
    return emitOpError() << "k = " << k << " is outside [1, "
                         << in.getDimSize(axis) << "]";
  if (vt.getElementType() != in.getElementType())
    return emitOpError() << "values must have the input's element type "
                         << in.getElementType() << ", got "
                         << vt.getElementType();
  SmallVector<int64_t> expect(in.getShape());
  expect[axis] = k;
  for (auto t : {vt, it})
    if (t.getShape() != ArrayRef<int64_t>(expect))
      return emitOpError() << "result shape " << shapeStr(t.getShape())
                           << " does not match " << shapeStr(expect);
  return success();
}

LogicalResult FloatCastOp::verify() {
  Type in = cast<RankedTensorType>(getInput().getType()).getElementType();
  Type out = cast<RankedTensorType>(getType()).getElementType();
  if (in == out)
    return emitOpError() << "converts between f16 and f32; both sides are "
                         << in;
  return success();
}

int64_t Resize2DOp::getTaps() {
  int64_t h = cast<RankedTensorType>(getType()).getDimSize(2);
  return h > 0 ? (int64_t)getRows().size() / h : 0;
}

LogicalResult Resize2DOp::verify() {
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (in.getRank() != 4 || out.getRank() != 4)
    return emitOpError() << "input and result must be rank 4 (NCHW)";
  if (in.getDimSize(0) != out.getDimSize(0) ||
      in.getDimSize(1) != out.getDimSize(1))
    return emitOpError() << "result N and C must be the input's";
  for (int d = 2; d < 4; ++d)
    if (in.getDimSize(d) < 1 || out.getDimSize(d) < 1)
      return emitOpError() << "input and result H and W must be static and "
                              "at least 1";
  int64_t taps = getTaps();
  if (taps != 1 && taps != 2 && taps != 4)
    return emitOpError() << "row tables must have 1, 2 or 4 entries per "
                            "output row (the taps), got "
                         << getRows().size() << " for " << out.getDimSize(2)
                         << " rows";
  bool extrapolates = getExtrapolationValue().has_value();
  auto check = [&](StringRef what, ArrayRef<int64_t> src, ArrayRef<float> w,
                   int64_t outLen, int64_t inLen) -> LogicalResult {
    if ((int64_t)src.size() != outLen * taps || (int64_t)w.size() != outLen * taps)
      return emitOpError() << what << " tables must have " << outLen * taps
                           << " entries (" << taps
                           << " taps for each of the result's " << outLen << ")";
    for (int64_t o = 0; o < outLen; ++o) {
      ArrayRef<int64_t> s = src.slice(o * taps, taps);
      if (extrapolates && llvm::all_of(s, [](int64_t v) { return v == -1; }))
        continue;
      for (int64_t i = 0; i < taps; ++i)
        if (s[i] < 0 || s[i] >= inLen)
          return emitOpError()
                 << what << " entry " << o << " reads outside [0, " << inLen
                 << ")"
                 << (extrapolates ? " (-1 in every tap: outside, extrapolated)"
                                  : "");
      if (taps == 1 && w[o] != 1.0f)
        return emitOpError() << what << " entry " << o
                             << ": one tap has weight 1 (it is copied)";
    }
    return success();
  };
  if (failed(check("row", getRows(), getRowWeights(), out.getDimSize(2),
                   in.getDimSize(2))) ||
      failed(check("column", getCols(), getColWeights(), out.getDimSize(3),
                   in.getDimSize(3))))
    return failure();
  if (auto div = getRowDivisors()) {
    if (taps != 4)
      return emitOpError() << "row_divisors are for four taps (cubic)";
    if ((int64_t)div->size() != out.getDimSize(2))
      return emitOpError() << "row_divisors must have " << out.getDimSize(2)
                           << " entries (the result's rows)";
  }
  return success();
}

/// A pooling op runs on codes (both quantized) or on floats (both f32).
static LogicalResult verifySameDomain(Operation *op, RankedTensorType in,
                                      RankedTensorType out) {
  if (in.getElementType().isF32() != out.getElementType().isF32())
    return op->emitOpError()
           << "input and result must both be f32 or both quantized";
  return success();
}

LogicalResult MaxPool2DOp::verify() {
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifySameDomain(*this, in, out)))
    return failure();
  if (!in.getElementType().isF32() &&
      !sameQuantization(getQuantElementType(in), getQuantElementType(out)))
    return emitOpError()
           << "result quantization must equal the input's (insert "
              "qnn.requantize to change it)";
  if (in.getRank() == 4 && out.getRank() == 4 &&
      in.getDimSize(1) != out.getDimSize(1))
    return emitOpError() << "channel count changes from " << in.getDimSize(1)
                         << " to " << out.getDimSize(1);
  return verifyWindow(*this, in, out, in.getRank() == 4 ? in.getDimSize(1) : 0,
                      getKernel(), getStrides(), getDilations(), getPads(),
                      getCeilMode());
}

LogicalResult AvgPool2DOp::verify() {
  if (failed(verifyAllQuantValues(*this)) ||
      failed(verifyRounding(*this, getRounding())))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifySameDomain(*this, in, out)) ||
      failed(requirePerTensor(*this, "input", in)) ||
      failed(requirePerTensor(*this, "result", out)))
    return failure();
  int64_t dil[2] = {1, 1};
  return verifyWindow(*this, in, out, in.getRank() == 4 ? in.getDimSize(1) : 0,
                      getKernel(), getStrides(), dil, getPads(),
                      getCeilMode());
}

LogicalResult GlobalAvgPoolOp::verify() {
  if (failed(verifyAllQuantValues(*this)) ||
      failed(verifyRounding(*this, getRounding())))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (failed(verifySameDomain(*this, in, out)) ||
      failed(requirePerTensor(*this, "input", in)) ||
      failed(requirePerTensor(*this, "result", out)))
    return failure();
  if (in.getRank() != 4)
    return emitOpError() << "input must be rank 4 (NCHW), got rank "
                         << in.getRank();
  int64_t expect[4] = {in.getDimSize(0), in.getDimSize(1), 1, 1};
  if (out.getShape() != ArrayRef<int64_t>(expect))
    return emitOpError() << "result must be " << shapeStr(expect) << ", got "
                         << shapeStr(out.getShape());
  return success();
}

LogicalResult ConcatOp::verify() {
  if (failed(verifyAllQuantValues(*this)) ||
      failed(verifyRounding(*this, getRounding())))
    return failure();
  if (getInputs().empty())
    return emitOpError() << "needs at least one input";
  auto out = cast<RankedTensorType>(getType());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= out.getRank())
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << out.getRank();
  bool isFloat = out.getElementType().isF32();
  if (!isFloat && failed(requirePerTensor(*this, "result", out)))
    return failure();
  int64_t total = 0;
  for (auto [i, v] : llvm::enumerate(getInputs())) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != out.getRank())
      return emitOpError() << "input #" << i << " has rank " << t.getRank()
                           << ", expected " << out.getRank();
    if (t.getElementType().isF32() != isFloat)
      return emitOpError() << "input #" << i
                           << ": inputs and result must all be f32 or all "
                              "quantized";
    if (!isFloat &&
        failed(requirePerTensor(*this, "input #" + std::to_string(i), t)))
      return failure();
    for (int64_t d = 0; d < t.getRank(); ++d)
      if (d != axis && t.getDimSize(d) != out.getDimSize(d))
        return emitOpError() << "input #" << i << " dimension " << d << " is "
                             << t.getDimSize(d) << ", expected "
                             << out.getDimSize(d);
    total += t.getDimSize(axis);
  }
  if (total != out.getDimSize(axis))
    return emitOpError() << "inputs add up to " << total << " along axis "
                         << axis << " but the result has "
                         << out.getDimSize(axis);
  return success();
}

LogicalResult LookupTableOp::verify() {
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto qi = getQuantElementType(getInput().getType());
  auto qo = getQuantElementType(getType());
  if (!qi.isPerTensor() || qi.isSliced() || qi.isBipolar())
    return emitOpError() << "input must be quantized per tensor (not bipolar)";
  if (!qo.isPerTensor() || qo.isSliced())
    return emitOpError() << "result must be quantized per tensor";
  int64_t lo = qi.getQMinOf(0), hi = qi.getQMaxOf(0);
  if ((int64_t)getTable().size() != hi - lo + 1)
    return emitOpError() << "table has " << getTable().size()
                         << " entries, expected one per input code ("
                         << hi - lo + 1 << ")";
  for (auto [i, v] : llvm::enumerate(getTable()))
    if (v < qo.getQMinOf(0) || v > qo.getQMaxOf(0))
      return emitOpError() << "table entry " << i << " (input code "
                           << lo + (int64_t)i << ") is " << v
                           << ", outside the result's range ["
                           << qo.getQMinOf(0) << ", " << qo.getQMaxOf(0) << "]";
  return success();
}

/// qnn.reshape / qnn.transpose: one per-tensor quantization on both sides,
/// or f32 on both.
static LogicalResult verifyLayoutTypes(Operation *op, RankedTensorType in,
                                       RankedTensorType out) {
  bool fi = in.getElementType().isF32(), fo = out.getElementType().isF32();
  if (fi || fo) {
    if (fi != fo)
      return op->emitOpError() << "input and result must both be f32 or both "
                                  "quantized";
    return success();
  }
  auto qi = getQuantElementType(in), qo = getQuantElementType(out);
  if (!qi.isPerTensor() || qi.isSliced() || !sameQuantization(qi, qo))
    return op->emitOpError() << "input and result must have one per-tensor "
                                "quantization";
  return success();
}

/// The checks every op that moves values without computing them starts
/// with: valid quantized types, then verifyLayoutTypes.
template <typename OpTy>
static LogicalResult verifyValueMover(OpTy op) {
  if (failed(verifyAllQuantValues(op)))
    return failure();
  return verifyLayoutTypes(op, cast<RankedTensorType>(op.getInput().getType()),
                           cast<RankedTensorType>(op.getType()));
}

LogicalResult TransposeOp::verify() {
  if (failed(verifyValueMover(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> perm = getPermutation();
  if ((int64_t)perm.size() != in.getRank() || out.getRank() != in.getRank())
    return emitOpError() << "permutation has " << perm.size()
                         << " entries for rank " << in.getRank();
  SmallVector<bool> seen(perm.size(), false);
  for (auto [i, p] : llvm::enumerate(perm)) {
    if (p < 0 || p >= (int64_t)perm.size() || seen[p])
      return emitOpError() << "permutation " << shapeStr(perm)
                           << " is not a permutation";
    seen[p] = true;
    if (out.getDimSize(i) != in.getDimSize(p))
      return emitOpError() << "result dimension " << i << " is "
                           << out.getDimSize(i) << ", expected input dimension "
                           << p << " (" << in.getDimSize(p) << ")";
  }
  return success();
}

/// qnn.slice / qnn.pad: a result of the input's rank and one entry of `a`
/// and of `b` per dimension.
static LogicalResult verifyOnePerDimension(Operation *op, RankedTensorType in,
                                           RankedTensorType out,
                                           ArrayRef<int64_t> a,
                                           ArrayRef<int64_t> b, StringRef what) {
  int64_t rank = in.getRank();
  if (out.getRank() != rank || (int64_t)a.size() != rank ||
      (int64_t)b.size() != rank)
    return op->emitOpError() << "needs " << rank << " " << what
                             << " and a rank " << rank << " result";
  return success();
}

LogicalResult SliceOp::verify() {
  if (failed(verifyValueMover(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if (failed(verifyOnePerDimension(*this, in, out, starts, steps,
                                   "starts and steps")))
    return failure();
  int64_t rank = in.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t dim = in.getDimSize(d), n = out.getDimSize(d);
    if (steps[d] == 0)
      return emitOpError() << "step of dimension " << d << " is 0";
    if (n < 1)
      return emitOpError() << "result dimension " << d << " is empty";
    // First and last element read, in 128 bits: no overflow to hide them.
    __int128 first = starts[d], last = first + (__int128)(n - 1) * steps[d];
    if (first < 0 || first >= dim || last < 0 || last >= dim)
      return emitOpError() << "dimension " << d << " reads outside [0, " << dim
                           << ")";
  }
  return success();
}

LogicalResult PadOp::verify() {
  if (failed(verifyValueMover(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> low = getLow(), high = getHigh();
  if (failed(verifyOnePerDimension(*this, in, out, low, high,
                                   "low and high pads")))
    return failure();
  int64_t rank = in.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    if (low[d] < 0 || high[d] < 0)
      return emitOpError() << "pads of dimension " << d << " are negative";
    if ((__int128)in.getDimSize(d) + low[d] + high[d] != out.getDimSize(d))
      return emitOpError() << "result dimension " << d << " is "
                           << out.getDimSize(d) << ", expected "
                           << in.getDimSize(d) << " + " << low[d] << " + "
                           << high[d];
  }
  if (in.getElementType().isF32()) {
    auto f = dyn_cast<FloatAttr>(getValue());
    if (!f || !f.getType().isF32())
      return emitOpError() << "value must be an f32 for an f32 input";
    return success();
  }
  auto i = dyn_cast<IntegerAttr>(getValue());
  QuantType q = getQuantElementType(in);
  if (!i || i.getValue().getSignificantBits() > 64 ||
      i.getInt() < q.getQMinOf(0) || i.getInt() > q.getQMaxOf(0))
    return emitOpError() << "value must be an integer code in ["
                         << q.getQMinOf(0) << ", " << q.getQMaxOf(0) << "]";
  return success();
}

LogicalResult ResizeNearestOp::verify() {
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  auto qi = getQuantElementType(in), qo = getQuantElementType(out);
  if (!sameQuantization(qi, qo))
    return emitOpError() << "resize cannot change the quantization";
  ArrayRef<int64_t> f = getFactors();
  if (in.getRank() != 4 || out.getRank() != 4 || f.size() != 2 || f[0] < 1 ||
      f[1] < 1)
    return emitOpError() << "needs rank-4 NCHW tensors and two positive "
                            "factors";
  SmallVector<int64_t> expect = {in.getDimSize(0), in.getDimSize(1),
                                 in.getDimSize(2) * f[0], in.getDimSize(3) * f[1]};
  if (out.getShape() != ArrayRef<int64_t>(expect))
    return emitOpError() << "result shape " << shapeStr(out.getShape())
                         << " is not " << shapeStr(expect);
  return success();
}

LogicalResult ReshapeOp::verify() {
  if (failed(verifyAllQuantValues(*this)))
    return failure();
  auto in = cast<RankedTensorType>(getInput().getType());
  auto out = cast<RankedTensorType>(getType());
  if (!in.hasStaticShape() || !out.hasStaticShape())
    return emitOpError() << "needs static shapes";
  if (in.getNumElements() != out.getNumElements())
    return emitOpError() << "element count changes from "
                         << in.getNumElements() << " to "
                         << out.getNumElements();
  return verifyLayoutTypes(*this, in, out);
}
