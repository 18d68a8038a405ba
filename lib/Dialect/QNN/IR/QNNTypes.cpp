//===- QNNTypes.cpp - !qnn.q parsing, printing, verification --------------===//
#include "qcc/Dialect/QNN/IR/QNNTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include <cmath>

using namespace mlir;
using namespace qcc::qnn;

#define GET_TYPEDEF_CLASSES
#include "qcc/Dialect/QNN/IR/QNNOpsTypes.cpp.inc"

void QNNDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "qcc/Dialect/QNN/IR/QNNOpsTypes.cpp.inc"
      >();
}

double qcc::qnn::roundToF32(double v) { return (double)(float)v; }

std::optional<RoundingMode> qcc::qnn::parseRoundingMode(StringRef s) {
  return llvm::StringSwitch<std::optional<RoundingMode>>(s)
      .Case("half_even", RoundingMode::HalfEven)
      .Case("half_up", RoundingMode::HalfUp)
      .Case("half_down", RoundingMode::HalfDown)
      .Case("up", RoundingMode::Up)
      .Case("down", RoundingMode::Down)
      .Case("ceil", RoundingMode::Ceil)
      .Case("floor", RoundingMode::Floor)
      .Default(std::nullopt);
}

double qcc::qnn::roundWith(RoundingMode mode, double v) {
  switch (mode) {
  case RoundingMode::HalfEven:
    return std::nearbyint(v); // default FE_TONEAREST: ties to even
  case RoundingMode::HalfUp:
    return std::round(v); // ties away from zero
  case RoundingMode::HalfDown: {
    double r = std::round(v);
    return std::fabs(r - v) == 0.5 ? std::trunc(v) : r;
  }
  case RoundingMode::Up:
    return v < 0 ? std::floor(v) : std::ceil(v);
  case RoundingMode::Down:
    return std::trunc(v);
  case RoundingMode::Ceil:
    return std::ceil(v);
  case RoundingMode::Floor:
    return std::floor(v);
  }
  return v;
}

bool qcc::qnn::isPackedInt4Tensor(Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  auto it = rt ? dyn_cast<IntegerType>(rt.getElementType()) : IntegerType();
  return it && it.getWidth() == 4 && !it.isSignless();
}

QuantType qcc::qnn::getQuantElementType(Type t) {
  if (auto rt = dyn_cast<RankedTensorType>(t))
    return dyn_cast<QuantType>(rt.getElementType());
  return {};
}

QuantType QuantType::get(MLIRContext *ctx, bool isSigned, unsigned bits,
                         double scale, int64_t zeroPoint) {
  return get(ctx, isSigned, {bits}, {}, -1, ArrayRef<double>{scale},
             {zeroPoint});
}

QuantType QuantType::getPerAxis(MLIRContext *ctx, bool isSigned, unsigned bits,
                                int64_t axis, ArrayRef<double> scales,
                                ArrayRef<int64_t> zeroPoints) {
  return get(ctx, isSigned, {bits}, {}, axis, scales, zeroPoints);
}

QuantType QuantType::getBipolar(MLIRContext *ctx, int64_t axis,
                                ArrayRef<double> scales) {
  SmallVector<int64_t> zps(scales.size(), 0);
  return get(ctx, /*isSigned=*/true, {1u}, {}, axis, scales, zps,
             /*isBipolar=*/true);
}

static int64_t qmin(bool isSigned, unsigned bits) {
  return isSigned ? -(int64_t(1) << (bits - 1)) : 0;
}
static int64_t qmax(bool isSigned, unsigned bits) {
  return isSigned ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
}

LogicalResult QuantType::verify(function_ref<InFlightDiagnostic()> emitError,
                                bool isSigned, ArrayRef<unsigned> sliceBits,
                                ArrayRef<int64_t> sliceSizes, int64_t axis,
                                ArrayRef<Scale> scales,
                                ArrayRef<int64_t> zeroPoints, bool isBipolar) {
  if (isBipolar) {
    if (!isSigned || sliceBits.size() != 1 || sliceBits[0] != 1 ||
        !sliceSizes.empty())
      return emitError() << "a bipolar type is signed, 1 bit, one slice";
    if (llvm::any_of(zeroPoints, [](int64_t z) { return z != 0; }))
      return emitError() << "a bipolar type has zero-point 0";
  }
  if (sliceBits.empty())
    return emitError() << "quantized type needs at least one bit-width";
  for (unsigned b : sliceBits)
    if ((b < 1 || b > 8) && b != 16)
      return emitError() << "bit-width " << b << " is outside 1..8 and not 16";
  // 16-bit values (ONNX int16/uint16 activations) are only quantized,
  // dequantized and passed in and out: never sliced with other widths.
  if (sliceBits.size() > 1 && llvm::is_contained(sliceBits, 16u))
    return emitError() << "a 16-bit type has a single slice";
  if (sliceBits.size() > 1 || !sliceSizes.empty()) {
    if (sliceSizes.size() != sliceBits.size())
      return emitError() << "sliced type has " << sliceBits.size()
                         << " widths but " << sliceSizes.size() << " sizes";
    if (axis < 0)
      return emitError() << "sliced type needs a quantization axis";
    for (int64_t n : sliceSizes)
      if (n <= 0)
        return emitError() << "slice size " << n << " must be positive";
  }
  if (axis < -1)
    return emitError() << "axis " << axis << " is invalid";
  if (scales.empty())
    return emitError() << "quantized type needs a scale";
  if (scales.size() != zeroPoints.size())
    return emitError() << "quantized type has " << scales.size()
                       << " scales but " << zeroPoints.size()
                       << " zero-points";
  if (scales.size() > 1 && axis < 0)
    return emitError() << "per-channel scales need a quantization axis";
  int64_t channels = -1;
  if (!sliceSizes.empty()) {
    channels = 0;
    for (int64_t n : sliceSizes)
      channels += n;
    if (scales.size() > 1 && (int64_t)scales.size() != channels)
      return emitError() << "slices cover " << channels << " channels but "
                         << scales.size() << " scales are given";
  }
  for (auto [i, sc] : llvm::enumerate(scales))
    if (!(sc.value > 0.0) || !std::isfinite(sc.value))
      return emitError() << "scale #" << i << " (" << sc.value
                         << ") must be positive and finite";
  for (auto [i, zp] : llvm::enumerate(zeroPoints)) {
    // The width of the slice channel i falls into (per-channel), or every
    // slice (per-tensor zero-point shared by all slices).
    SmallVector<unsigned> widths;
    if (zeroPoints.size() == 1 || sliceSizes.empty()) {
      widths.assign(sliceBits.begin(), sliceBits.end());
    } else {
      int64_t start = 0;
      for (auto [n, b] : llvm::zip(sliceSizes, sliceBits)) {
        if ((int64_t)i >= start && (int64_t)i < start + n)
          widths.push_back(b);
        start += n;
      }
    }
    for (unsigned b : widths)
      if (zp < qmin(isSigned, b) || zp > qmax(isSigned, b))
        return emitError() << "zero-point #" << i << " (" << zp
                           << ") is outside the range of "
                           << (isSigned ? "i" : "ui") << b << " ["
                           << qmin(isSigned, b) << ", " << qmax(isSigned, b)
                           << "]";
  }
  return success();
}

unsigned QuantType::getMaxBits() const {
  return *llvm::max_element(getSliceBits());
}

unsigned QuantType::getPackedBits() const {
  unsigned b = getMaxBits();
  return b <= 1 ? 1 : b <= 2 ? 2 : b <= 4 ? 4 : b <= 8 ? 8 : 16;
}

unsigned QuantType::getBitsOf(int64_t c) const {
  if (!isSliced())
    return getSliceBits()[0];
  int64_t start = 0;
  for (auto [n, b] : llvm::zip(getSliceSizes(), getSliceBits())) {
    if (c < start + n)
      return b;
    start += n;
  }
  return getSliceBits().back();
}

int64_t QuantType::getQMinOf(int64_t c) const {
  return getIsBipolar() ? -1 : qmin(getIsSigned(), getBitsOf(c));
}
int64_t QuantType::getQMaxOf(int64_t c) const {
  return getIsBipolar() ? 1 : qmax(getIsSigned(), getBitsOf(c));
}

int64_t QuantType::getNumChannels() const {
  if (!getSliceSizes().empty()) {
    int64_t n = 0;
    for (int64_t s : getSliceSizes())
      n += s;
    return n;
  }
  if (getScales().size() > 1)
    return getScales().size();
  return -1;
}

LogicalResult
QuantType::verifyForShape(ArrayRef<int64_t> shape,
                          function_ref<InFlightDiagnostic()> emitError) const {
  if (!hasAxis())
    return success();
  if (getAxis() >= (int64_t)shape.size())
    return emitError() << "quantization axis " << getAxis()
                       << " is out of range for a rank-" << shape.size()
                       << " tensor";
  int64_t n = getNumChannels();
  if (n >= 0 && shape[getAxis()] != n)
    return emitError() << "quantization describes " << n
                       << " channels but axis " << getAxis() << " has "
                       << shape[getAxis()];
  return success();
}

QuantType QuantType::withAxis(int64_t axis) const {
  SmallVector<double> scales(getScales().begin(), getScales().end());
  return get(getContext(), getIsSigned(), getSliceBits(), getSliceSizes(), axis,
             scales, getZeroPoints(), getIsBipolar());
}

QuantType QuantType::sliceChannels(int64_t start, int64_t count) const {
  if (!hasAxis())
    return *this;
  SmallVector<double> scales;
  SmallVector<int64_t> zps;
  for (int64_t c = start; c < start + count; ++c) {
    scales.push_back(getScaleOf(c));
    zps.push_back(getZeroPointOf(c));
  }
  if (getScales().size() == 1) {
    scales.resize(1);
    zps.resize(1);
  }
  SmallVector<unsigned> bits;
  SmallVector<int64_t> sizes;
  if (isSliced()) {
    int64_t lo = 0;
    for (auto [n, b] : llvm::zip(getSliceSizes(), getSliceBits())) {
      int64_t a = std::max(lo, start), e = std::min(lo + n, start + count);
      if (a < e) {
        bits.push_back(b);
        sizes.push_back(e - a);
      }
      lo += n;
    }
    if (bits.size() == 1)
      sizes.clear();
  } else {
    bits.push_back(getSliceBits()[0]);
  }
  return get(getContext(), getIsSigned(), bits, sizes, getAxis(), scales, zps,
             getIsBipolar());
}

IntegerType QuantType::getStorageType() const {
  return IntegerType::get(getContext(), getMaxBits() > 8 ? 16 : 8);
}

IntegerType QuantType::getSignedStorageType() const {
  return IntegerType::get(getContext(), getMaxBits() > 8 ? 16 : 8,
                          getIsSigned() ? IntegerType::Signed
                                        : IntegerType::Unsigned);
}

//===----------------------------------------------------------------------===//
// Syntax:  !qnn.q<WIDTHS (, axis = A)?, scale = S, zp = Z>
//          !qnn.q<b1 (, axis = A)?, scale = S (, zp = Z)?>   (bipolar)
//   WIDTHS ::= iN | uiN | `[` (iN|uiN) `x` COUNT (`,` ...)* `]`
//   S ::= float | `[` float, ... `]`   Z ::= int | `[` int, ... `]`
//===----------------------------------------------------------------------===//

static ParseResult parseWidth(AsmParser &p, unsigned &bits,
                              std::optional<bool> &isSigned) {
  Type t;
  SMLoc loc = p.getCurrentLocation();
  if (p.parseType(t))
    return failure();
  auto it = dyn_cast<IntegerType>(t);
  if (!it || it.isSigned())
    return p.emitError(loc, "expected a width as iN (signed) or uiN (unsigned)");
  bool s = !it.isUnsigned();
  if (isSigned && *isSigned != s)
    return p.emitError(loc, "all slices must have the same signedness");
  isSigned = s;
  bits = it.getWidth();
  return success();
}

template <typename T, typename ParseOne>
static ParseResult parseScalarOrList(AsmParser &p, SmallVectorImpl<T> &out,
                                     ParseOne parseOne) {
  if (succeeded(p.parseOptionalLSquare())) {
    return p.parseCommaSeparatedList([&]() -> ParseResult {
      T v;
      if (parseOne(v))
        return failure();
      out.push_back(v);
      return success();
    }).failed() || p.parseRSquare()
               ? failure()
               : success();
  }
  T v;
  if (parseOne(v))
    return failure();
  out.push_back(v);
  return success();
}

Type QuantType::parse(AsmParser &p) {
  SMLoc loc = p.getCurrentLocation();
  std::optional<bool> isSigned;
  SmallVector<unsigned> bits;
  SmallVector<int64_t> sizes;
  int64_t axis = -1;
  SmallVector<double> scales;
  SmallVector<int64_t> zps;
  bool bipolar = false;
  if (p.parseLess())
    return {};
  if (succeeded(p.parseOptionalKeyword("b1"))) {
    bipolar = true;
    isSigned = true;
    bits.push_back(1);
  } else if (succeeded(p.parseOptionalLSquare())) {
    if (p.parseCommaSeparatedList([&]() -> ParseResult {
          unsigned b;
          int64_t n;
          if (parseWidth(p, b, isSigned) || p.parseKeyword("x") ||
              p.parseInteger(n))
            return failure();
          bits.push_back(b);
          sizes.push_back(n);
          return success();
        }) ||
        p.parseRSquare())
      return {};
  } else {
    unsigned b;
    if (parseWidth(p, b, isSigned))
      return {};
    bits.push_back(b);
  }
  if (p.parseComma())
    return {};
  if (succeeded(p.parseOptionalKeyword("axis"))) {
    if (p.parseEqual() || p.parseInteger(axis) || p.parseComma())
      return {};
  }
  auto parseF = [&](double &d) { return p.parseFloat(d); };
  auto parseI = [&](int64_t &i) { return p.parseInteger(i); };
  if (p.parseKeyword("scale") || p.parseEqual() ||
      parseScalarOrList<double>(p, scales, parseF))
    return {};
  // The zero-point of a bipolar type is 0 and may be left out.
  bool hasZp = bipolar ? succeeded(p.parseOptionalComma()) : !p.parseComma();
  if (!hasZp && !bipolar)
    return {};
  if (!hasZp)
    zps.assign(scales.size(), 0);
  else if (p.parseKeyword("zp") || p.parseEqual() ||
           parseScalarOrList<int64_t>(p, zps, parseI))
    return {};
  if (p.parseGreater())
    return {};
  SmallVector<Scale> s;
  for (double d : scales) {
    float f = (float)d;
    if (std::isfinite(d) && std::isinf(f)) {
      p.emitError(loc) << "scale " << d << " overflows binary32";
      return {};
    }
    if (d != 0.0 && f == 0.0f) {
      p.emitError(loc) << "scale " << d << " underflows binary32 to 0";
      return {};
    }
    s.push_back(Scale(d));
  }
  return Base::getChecked([&]() { return p.emitError(loc); }, p.getContext(),
                    *isSigned, bits, sizes, axis, s, zps, bipolar);
}

static void printWidth(AsmPrinter &p, bool isSigned, unsigned b) {
  p << (isSigned ? "i" : "ui") << b;
}

static void printDouble(AsmPrinter &p, double d) {
  // Scales are binary32: 9 significant digits round-trip exactly.
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format("%.9g", d);
  // MLIR float literals need a '.' before any exponent: 1e+10 -> 1.0e+10.
  if (s.find_first_of(".n") == std::string::npos) {
    size_t e = s.find_first_of("eE");
    s.insert(e == std::string::npos ? s.size() : e, ".0");
  }
  p << s;
}

void QuantType::print(AsmPrinter &p) const {
  p << "<";
  if (getIsBipolar()) {
    p << "b1";
  } else if (getSliceSizes().empty()) {
    printWidth(p, getIsSigned(), getSliceBits()[0]);
  } else {
    p << "[";
    llvm::interleaveComma(llvm::zip(getSliceBits(), getSliceSizes()), p,
                          [&](auto pair) {
                            printWidth(p, getIsSigned(), std::get<0>(pair));
                            p << " x " << std::get<1>(pair);
                          });
    p << "]";
  }
  if (hasAxis())
    p << ", axis = " << getAxis();
  p << ", scale = ";
  if (getScales().size() == 1) {
    printDouble(p, getScales()[0]);
  } else {
    p << "[";
    llvm::interleaveComma(getScales(), p, [&](Scale d) { printDouble(p, d); });
    p << "]";
  }
  if (getIsBipolar()) {
    p << ">";
    return;
  }
  p << ", zp = ";
  if (getZeroPoints().size() == 1)
    p << getZeroPoints()[0];
  else {
    p << "[";
    llvm::interleaveComma(getZeroPoints(), p);
    p << "]";
  }
  p << ">";
}
