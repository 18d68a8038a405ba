//===- ONNXImporter.cpp - ONNX model -> qnn dialect -----------------------===//
//
// Reads QDQ models (QuantizeLinear/DequantizeLinear around float ops, as
// PyTorch and ONNX Runtime's quantization tools write them) and QOperator
// models (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger) into one
// function of qnn ops.
//
// Every integer ONNX tensor becomes a quantized qnn value (a plain integer
// graph input gets scale 1, zero-point 0 until an op reinterprets it with
// qnn.storage_cast). A DequantizeLinear output is not materialized: it is a
// *view* of its quantized source. A float op whose inputs are such views and
// whose output feeds QuantizeLinear (possibly through BatchNormalization,
// a bias Add, Relu or Clip) becomes one qnn op producing the quantized
// tensor directly.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace qcc;
using namespace qcc::qnn;

namespace qcc::onnximport {

std::string dtypeName(int32_t t) {
  switch (t) {
  case onnx::TensorProto::FLOAT: return "float32";
  case onnx::TensorProto::UINT8: return "uint8";
  case onnx::TensorProto::INT8: return "int8";
  case onnx::TensorProto::UINT16: return "uint16";
  case onnx::TensorProto::INT16: return "int16";
  case onnx::TensorProto::INT32: return "int32";
  case onnx::TensorProto::INT64: return "int64";
  case onnx::TensorProto::FLOAT16: return "float16";
  case onnx::TensorProto::DOUBLE: return "float64";
  case onnx::TensorProto::BOOL: return "bool";
  case onnx::TensorProto::BFLOAT16: return "bfloat16";
  case onnx::TensorProto::STRING: return "string";
  case onnx::TensorProto::UINT32: return "uint32";
  case onnx::TensorProto::UINT64: return "uint64";
  case onnx::TensorProto::COMPLEX64: return "complex64";
  case onnx::TensorProto::COMPLEX128: return "complex128";
  case 17: return "float8e4m3fn";
  case 18: return "float8e4m3fnuz";
  case 19: return "float8e5m2";
  case 20: return "float8e5m2fnuz";
  case 21: return "uint4";
  case 22: return "int4";
  case 23: return "float4e2m1";
  default: return "#" + std::to_string(t) + " (unknown to ONNX 1.16)";
  }
}

Importer::Format Importer::detectFormat() const {
  bool qop = false;
  for (const auto &n : g.node()) {
    if (isQONNXDomain(n.domain()))
      return Format::QONNX;
    StringRef op = n.op_type();
    qop |= op.starts_with("QLinear") || op == "ConvInteger" ||
           op == "MatMulInteger" || op == "QGemm";
  }
  return qop ? Format::QOperator : Format::QDQ;
}

std::string Importer::quantizeFirst() const {
  switch (format) {
  case Format::QONNX:
    return "QONNX models must quantize it first (Quant, BipolarQuant or Trunc)";
  case Format::QOperator:
    return "QOperator models must quantize it first (QuantizeLinear, or a "
           "QLinear op)";
  case Format::QDQ:
    break;
  }
  return "QDQ models must quantize it first (QuantizeLinear)";
}

std::string Importer::quantizedSource() const {
  switch (format) {
  case Format::QONNX:
    return "QONNX models must quantize it (Quant or BipolarQuant)";
  case Format::QOperator:
    return "QOperator models must quantize it (QuantizeLinear)";
  case Format::QDQ:
    break;
  }
  return "QDQ models must feed it through DequantizeLinear";
}

std::string describe(const onnx::NodeProto &n) {
  std::string s = "node '";
  s += n.name().empty() ? (n.output_size() ? n.output(0) : "?") : n.name();
  s += "' (" + n.op_type() + ")";
  return s;
}


int64_t QConst::qmin(int64_t c) const {
  return bipolar ? -1 : intMin(isSigned, bitsOf(c));
}
int64_t QConst::qmax(int64_t c) const {
  return bipolar ? 1 : intMax(isSigned, bitsOf(c));
}
int64_t QConst::channelOf(int64_t i) const {
  if (axis < 0)
    return 0;
  int64_t inner = 1;
  for (size_t d = axis + 1; d < dims.size(); ++d)
    inner *= dims[d];
  return (i / inner) % dims[axis];
}

QuantType makeQuantType(MLIRContext *ctx, bool isSigned, bool bipolar,
                        ArrayRef<unsigned> bits, int64_t axis,
                        ArrayRef<double> scales, ArrayRef<int64_t> zps) {
  if (bipolar)
    return QuantType::getBipolar(ctx, scales.size() > 1 ? axis : -1, scales);
  SmallVector<unsigned> sliceBits;
  SmallVector<int64_t> sliceSizes;
  for (unsigned w : bits) {
    if (!sliceBits.empty() && sliceBits.back() == w) {
      ++sliceSizes.back();
      continue;
    }
    sliceBits.push_back(w);
    sliceSizes.push_back(1);
  }
  if (sliceBits.size() == 1)
    sliceSizes.clear();
  bool perChannel = scales.size() > 1 || !sliceSizes.empty();
  return QuantType::get(ctx, isSigned, sliceBits, sliceSizes,
                        perChannel ? axis : -1, scales, zps);
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

template <typename T> static T readLE(const char *p) {
  T v;
  memcpy(&v, p, sizeof(T));
  return v;
}

/// binary16 bits -> the (exact) value.
static double halfToDouble(uint16_t h) {
  int sign = h >> 15, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
  double v;
  if (exp == 0)
    v = std::ldexp((double)frac, -24);
  else if (exp == 31)
    v = frac ? std::nan("") : INFINITY;
  else
    v = std::ldexp((double)(frac | 0x400), exp - 25);
  return sign ? -v : v;
}

/// Bytes of `n` elements of ONNX type `dtype` as stored, or -1 if unknown.
static int64_t storedBytes(int32_t dtype, int64_t n) {
  switch (dtype) {
  case onnx::TensorProto::BOOL:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT8: return n;
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::FLOAT16: return 2 * n;
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32: return 4 * n;
  case onnx::TensorProto::DOUBLE:
  case onnx::TensorProto::INT64: return 8 * n;
  case kINT4:
  case kUINT4: return (n + 1) / 2;
  default: return -1;
  }
}

std::string Importer::readExternalData(const onnx::TensorProto &t,
                                       int64_t elements) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto &e : t.external_data()) {
    auto number = [&](int64_t &v) {
      if (StringRef(e.value()).getAsInteger(10, v) || v < 0)
        fail("tensor '", t.name(), "': external data ", e.key(), " '",
             e.value(), "' is not a non-negative integer");
    };
    if (e.key() == "location")
      location = e.value();
    else if (e.key() == "offset")
      number(offset);
    else if (e.key() == "length")
      number(length);
  }
  if (location.empty())
    fail("tensor '", t.name(), "': external data without a location");
  // The file must lie in the model's directory or below it, symbolic links
  // resolved: a model cannot make qcc read files elsewhere.
  SmallString<256> dir, file, joined(modelDir);
  if (llvm::sys::path::is_absolute(location))
    fail("tensor '", t.name(), "': external data location '", location,
         "' is an absolute path; it must be relative to the model's directory");
  llvm::sys::path::append(joined, location);
  if (llvm::sys::fs::real_path(modelDir, dir) ||
      llvm::sys::fs::real_path(joined, file))
    fail("tensor '", t.name(), "': cannot open external data file '",
         location, "' (relative to the model's directory)");
  StringRef prefix = dir;
  if (!StringRef(file).starts_with(prefix) || file.size() <= prefix.size() ||
      !llvm::sys::path::is_separator(file[prefix.size()]))
    fail("tensor '", t.name(), "': external data location '", location,
         "' is outside the model's directory");
  auto buf = llvm::MemoryBuffer::getFile(file, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!buf)
    fail("tensor '", t.name(), "': cannot read external data file '",
         location, "'");
  int64_t size = (*buf)->getBufferSize();
  if (length < 0)
    length = storedBytes(t.data_type(), elements);
  if (length < 0)
    length = size - std::min(offset, size);
  if (offset > size || length > size - offset)
    fail("tensor '", t.name(), "': external data '", location, "' has ", size,
         " bytes; offset ", offset, " + length ", length, " is past its end");
  return (*buf)->getBuffer().substr(offset, length).str();
}

ConstTensor Importer::readTensor(const onnx::TensorProto &t) {
  ConstTensor c;
  c.dtype = t.data_type();
  c.dims.assign(t.dims().begin(), t.dims().end());
  int64_t count = 1;
  for (int64_t d : c.dims) {
    if (d < 0)
      fail("tensor '", t.name(), "': negative dimension");
    if (d > 0 && count > (int64_t(1) << 31) / d)
      fail("tensor '", t.name(), "': more than 2^31 elements");
    count *= d;
  }
  int64_t n = c.numElements();
  std::string external;
  if (t.data_location() == onnx::TensorProto::EXTERNAL) {
    external = readExternalData(t, n);
    if (external.empty() && storedBytes(c.dtype, n) > 0)
      fail("tensor '", t.name(), "': external data is empty");
  }
  const std::string &raw =
      t.data_location() == onnx::TensorProto::EXTERNAL ? external : t.raw_data();
  auto need = [&](size_t bytes) {
    if (!raw.empty() && raw.size() != bytes)
      fail("tensor '", t.name(), "': raw_data has ", raw.size(),
           " bytes, expected ", bytes);
  };
  switch (c.dtype) {
  case onnx::TensorProto::FLOAT:
    need(n * 4);
    if (raw.empty() && t.float_data_size() != n)
      fail("tensor '", t.name(), "': has ", t.float_data_size(),
           " values, expected ", n);
    for (int64_t i = 0; i < n; ++i)
      c.floats.push_back(raw.empty() ? t.float_data(i)
                                     : readLE<float>(raw.data() + 4 * i));
    break;
  case onnx::TensorProto::DOUBLE:
    need(n * 8);
    if (raw.empty() && t.double_data_size() != n)
      fail("tensor '", t.name(), "': has ", t.double_data_size(),
           " values, expected ", n);
    for (int64_t i = 0; i < n; ++i)
      c.floats.push_back(raw.empty() ? t.double_data(i)
                                     : readLE<double>(raw.data() + 8 * i));
    break;
  case onnx::TensorProto::FLOAT16:
    // raw_data, or int32_data holding the 16-bit patterns.
    need(n * 2);
    if (raw.empty() && t.int32_data_size() != n)
      fail("tensor '", t.name(), "': has ", t.int32_data_size(),
           " values, expected ", n);
    for (int64_t i = 0; i < n; ++i)
      c.floats.push_back(halfToDouble(
          raw.empty() ? (uint16_t)t.int32_data(i)
                      : readLE<uint16_t>(raw.data() + 2 * i)));
    break;
  case onnx::TensorProto::BOOL:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::INT16: {
    size_t w = c.dtype == onnx::TensorProto::INT32   ? 4
               : (c.dtype == onnx::TensorProto::UINT16 ||
                  c.dtype == onnx::TensorProto::INT16)
                   ? 2
                   : 1;
    need(n * w);
    if (raw.empty() && t.int32_data_size() != n)
      fail("tensor '", t.name(), "': has ", t.int32_data_size(),
           " values, expected ", n);
    for (int64_t i = 0; i < n; ++i) {
      int64_t v;
      if (!raw.empty()) {
        const char *p = raw.data() + w * i;
        switch (c.dtype) {
        case onnx::TensorProto::BOOL:
        case onnx::TensorProto::UINT8: v = (uint8_t)*p; break;
        case onnx::TensorProto::INT8: v = (int8_t)*p; break;
        case onnx::TensorProto::UINT16: v = readLE<uint16_t>(p); break;
        case onnx::TensorProto::INT16: v = readLE<int16_t>(p); break;
        default: v = readLE<int32_t>(p); break;
        }
      } else {
        v = t.int32_data(i);
      }
      c.ints.push_back(v);
    }
    break;
  }
  case kINT4:
  case kUINT4: {
    // Two values a byte, the first in the low nibble, in raw_data or in
    // int32_data (one byte each).
    size_t bytes = (n + 1) / 2;
    need(bytes);
    if (raw.empty() && t.int32_data_size() != (int64_t)bytes)
      fail("tensor '", t.name(), "': has ", t.int32_data_size(),
           " int32_data entries, expected ", bytes, " (two 4-bit values each)");
    for (int64_t i = 0; i < n; ++i) {
      unsigned byte = raw.empty() ? (unsigned)t.int32_data(i / 2)
                                  : (unsigned)(uint8_t)raw[i / 2];
      int64_t v = (byte >> (4 * (i % 2))) & 0xf;
      if (c.dtype == kINT4 && v >= 8)
        v -= 16;
      c.ints.push_back(v);
    }
    c.bits = 4;
    break;
  }
  case onnx::TensorProto::INT64:
    need(n * 8);
    if (raw.empty() && t.int64_data_size() != n)
      fail("tensor '", t.name(), "': has ", t.int64_data_size(),
           " values, expected ", n);
    for (int64_t i = 0; i < n; ++i)
      c.ints.push_back(raw.empty() ? t.int64_data(i)
                                   : readLE<int64_t>(raw.data() + 8 * i));
    break;
  default:
    fail("tensor '", t.name(), "': element type ", dtypeName(c.dtype),
         " is not supported");
  }
  return c;
}

void Importer::checkScaleType(const onnx::NodeProto &n, const std::string &name,
                              const ConstTensor &s) {
  // QONNX quantizers compute in binary32 with a float32 input: a float16
  // scale (FINN) is exact there; a float64 one (QKeras exports) only if
  // every value is a float32.
  if (s.dtype == onnx::TensorProto::FLOAT || s.dtype == onnx::TensorProto::FLOAT16)
    return;
  if (s.dtype != onnx::TensorProto::DOUBLE)
    fail(describe(n), ": scale '", name, "' must be float32, float16 or "
                      "float64, got ", dtypeName(s.dtype));
  for (double v : s.floats)
    if ((double)(float)v != v && !std::isnan(v))
      fail(describe(n), ": float64 scale '", name, "' holds ",
           llvm::format("%.17g", v),
           ", which is not a float32 value (qcc computes in binary32)");
}

void Importer::collectConstants() {
  // An initializer qcc cannot read (float16, ...) is an error only when a
  // node uses it.
  for (const auto &t : g.initializer()) {
    try {
      consts[t.name()] = readTensor(t);
    } catch (const ImportError &e) {
      unreadable[t.name()] = e.message;
    }
  }
}

//===----------------------------------------------------------------------===//
// Quantization parameters
//===----------------------------------------------------------------------===//

/// Quant type from a Q/DQ/QLinear node's scale (input scaleIdx) and zero
/// point (zpIdx, may be absent) for a tensor of rank `rank`.
QuantType Importer::quantParams(const onnx::NodeProto &n, int scaleIdx,
                                int zpIdx, ArrayRef<int64_t> shape,
                                int64_t axisAttr, int32_t defaultDtype,
                                QConst *paramsOut) {
  const ConstTensor &s = constant(n, scaleIdx, "scale");
  const ConstTensor *z =
      hasInput(n, zpIdx) ? &constant(n, zpIdx, "zero point") : nullptr;
  return quantParamsFrom(n, n.input(scaleIdx), s,
                         z ? n.input(zpIdx) : std::string(), z, shape,
                         axisAttr, defaultDtype, paramsOut);
}

QuantType Importer::quantParamsFrom(const onnx::NodeProto &n,
                                    const std::string &scaleName,
                                    const ConstTensor &s,
                                    const std::string &zpName,
                                    const ConstTensor *z,
                                    ArrayRef<int64_t> shape, int64_t axisAttr,
                                    int32_t defaultDtype, QConst *paramsOut) {
  int64_t rank = shape.size();
  if (s.numElements() == 0)
    fail(describe(n), ": scale '", scaleName, "' is empty");
  // ONNX's Q/DQ scale has the float tensor's type: float32, or float16 on
  // QuantizeLinear / DequantizeLinear (float16 models; the scale is the
  // binary32 value binary16 holds exactly, and what runs between the
  // pairs in float16 runs in binary32, as every float16 op in qcc).
  bool qdq = n.op_type() == "QuantizeLinear" || n.op_type() == "DequantizeLinear";
  if (s.dtype != onnx::TensorProto::FLOAT &&
      !(qdq && s.dtype == onnx::TensorProto::FLOAT16))
    fail(describe(n), ": scale '", scaleName, "' must be float32",
         qdq ? " or float16" : "", ", got ", dtypeName(s.dtype));
  bool defaultDomain = n.domain().empty() || n.domain() == "ai.onnx";
  if (s.dtype == onnx::TensorProto::FLOAT16 && defaultDomain && opset < 19)
    fail(describe(n), ": a float16 scale needs opset 19 (the model's is ",
         opset, ")");
  int32_t dtype = defaultDtype;
  std::vector<int64_t> zps;
  if (z) {
    dtype = z->dtype;
    zps = z->ints;
    if (z->numElements() != s.numElements())
      fail(describe(n), ": zero point '", zpName, "' has ", z->numElements(),
           " values but the scale has ", s.numElements());
  }
  if (dtype != onnx::TensorProto::UINT8 && dtype != onnx::TensorProto::INT8 &&
      dtype != kUINT4 && dtype != kINT4 && dtype != onnx::TensorProto::UINT16 &&
      dtype != onnx::TensorProto::INT16 && dtype != onnx::TensorProto::INT32)
    fail(describe(n), ": quantized type ", dtypeName(dtype),
         " is not supported (uint8, int8, uint4, int4, uint16, int16, or int32 "
         "for biases)");
  if (is16Bit(dtype) && n.op_type() != "QuantizeLinear" &&
      n.op_type() != "DequantizeLinear")
    fail(describe(n), ": quantized type ", dtypeName(dtype), " is only "
         "supported on QuantizeLinear and DequantizeLinear");
  // 16-bit values dequantize in float (no integer kernel), where a float16
  // result needs the binary16 rounding qcc does not apply between ops.
  if (is16Bit(dtype) && s.dtype == onnx::TensorProto::FLOAT16)
    fail(describe(n), ": float16 scales on ", dtypeName(dtype),
         " values are not supported (float32 scales are)");
  // QuantizeLinear's input has its scale's type (float32 or float16).
  if (n.op_type() == "QuantizeLinear" && defaultDomain && hasInput(n, 0)) {
    int32_t xType = elementTypeOf(n.input(0));
    if ((xType == onnx::TensorProto::FLOAT || xType == onnx::TensorProto::FLOAT16) &&
        xType != s.dtype)
      fail(describe(n), ": input '", n.input(0), "' is ", dtypeName(xType),
           " but scale '", scaleName, "' is ", dtypeName(s.dtype),
           " (they must have the same type)");
  }
  if (zps.empty())
    zps.assign(s.numElements(), 0);
  int64_t axis = -1;
  if (s.numElements() > 1 || s.dims.size() == 1) {
    if (s.dims.size() > 1)
      fail(describe(n), ": scale must be a scalar or 1-D");
    if (s.numElements() > 1) {
      axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
      if (axis < 0 || axis >= rank)
        fail(describe(n), ": axis ", axisAttr, " is out of range for rank ",
             rank);
      if (shape[axis] >= 0 && shape[axis] != s.numElements())
        fail(describe(n), ": scale '", scaleName, "' has ", s.numElements(),
             " values but axis ", axis, " has ", shape[axis], " channels");
    }
  }
  for (double sc : s.floats)
    if (!(sc > 0) || !std::isfinite(sc))
      fail(describe(n), ": scale '", scaleName, "' has the value ", sc,
           "; scales must be positive and finite");
  bool isSigned = dtype != onnx::TensorProto::UINT8 && dtype != kUINT4 &&
                  dtype != onnx::TensorProto::UINT16;
  const unsigned bits = dtype == kINT4 || dtype == kUINT4 ? 4
                        : is16Bit(dtype)                  ? 16
                                                          : 8;
  if (paramsOut) {
    paramsOut->isSigned = isSigned;
    paramsOut->axis = axis;
    paramsOut->scales = s.floats;
    paramsOut->zps = zps;
    paramsOut->dtype = dtype;
    paramsOut->bits = {bits};
  }
  if (dtype == onnx::TensorProto::INT32)
    return {};
  for (int64_t zp : zps)
    if (zp < intMin(isSigned, bits) || zp > intMax(isSigned, bits))
      fail(describe(n), ": zero point ", zp, " is out of range for ",
           dtypeName(dtype));
  if (axis < 0)
    return QuantType::get(&ctx, isSigned, bits, s.floats[0], zps[0]);
  return QuantType::getPerAxis(&ctx, isSigned, bits, axis, s.floats, zps);
}

Value Importer::castTo(Value v, QuantType q) {
  auto t = cast<RankedTensorType>(v.getType());
  if (t.getElementType() == q)
    return v;
  return StorageCastOp::create(b, v.getLoc(),
                               RankedTensorType::get(t.getShape(), q), v);
}

void Importer::checkNarrow(const onnx::NodeProto &n, const std::string &name,
                           Value v) {
  QuantType q = getQuantElementType(v.getType());
  if (q && q.getMaxBits() > 8)
    fail(describe(n), ": input '", name, "' holds ", q.getMaxBits(),
         "-bit integers; 16-bit tensors are only supported as the input of "
         "a DequantizeLinear");
}

Value Importer::integerInput(const onnx::NodeProto &n, int i, StringRef what,
                             int64_t minRank) {
  auto it = values.find(n.input(i));
  if (it == values.end() || !getQuantElementType(it->second.getType()))
    fail(describe(n), ": input ", what, " must be a uint8/int8 tensor");
  checkNarrow(n, n.input(i), it->second);
  if (cast<RankedTensorType>(it->second.getType()).getRank() < minRank)
    fail(describe(n), ": ", what, " must be at least ", minRank, "-D");
  return it->second;
}

Value Importer::materialize(const QConst &c, const onnx::NodeProto &user) {
  // Scales may have been derived (BatchNormalization folding, Gemm alpha):
  // they must still be valid binary32 scales.
  for (auto [i, sc] : llvm::enumerate(c.scales)) {
    float f = (float)sc;
    if (!(f > 0.0f) || !std::isfinite(f))
      fail(describe(user), ": weight scale #", i, " becomes ", sc,
           " after folding; scales must be positive, finite binary32 values");
  }
  for (int64_t d : c.dims)
    if (d == 0)
      fail(describe(user), ": weight has a zero-sized dimension");
  QuantType q = makeQuantType(&ctx, c.isSigned, c.bipolar, c.bits, c.axis,
                              c.scales, c.zps);
  auto storageT = RankedTensorType::get(c.dims, b.getI8Type());
  std::vector<int8_t> data;
  data.reserve(c.values.size());
  for (int64_t v : c.values)
    data.push_back((int8_t)(uint8_t)(v & 0xff));
  ElementsAttr attr;
  if ((int64_t)data.size() > opts.resourceThreshold) {
    auto blob = HeapAsmResourceBlob::allocateAndCopyInferAlign(
        ArrayRef<int8_t>(data));
    std::string name = "w" + std::to_string(resourceCounter++);
    attr = DenseResourceElementsAttr::get(storageT, name, std::move(blob));
  } else {
    attr = DenseElementsAttr::get(storageT, ArrayRef<int8_t>(data));
  }
  return ConstantOp::create(b, nodeLoc(user), RankedTensorType::get(c.dims, q),
                            attr);
}

/// A quantized operand: a DQ view, a DQ'd constant, or an integer value.
Value Importer::quantizedInput(const onnx::NodeProto &n, int i, StringRef what) {
  if (!hasInput(n, i))
    fail(describe(n), ": missing ", what);
  const std::string &name = n.input(i);
  if (auto it = dqViews.find(name); it != dqViews.end())
    return it->second;
  if (auto it = dqConsts.find(name); it != dqConsts.end())
    return materialize(it->second, n);
  if (auto it = values.find(name); it != values.end()) {
    if (getQuantElementType(it->second.getType())) {
      checkNarrow(n, name, it->second);
      return it->second;
    }
  }
  if (auto u = unreadable.find(name); u != unreadable.end())
    fail(describe(n), ": ", u->second);
  if (consts.count(name))
    fail(describe(n), ": ", what, " '", name, "' is a float constant; ",
         format == Format::QONNX ? "QONNX models need a Quant on it (FINN "
                                   "models: an integer finn_datatype "
                                   "annotation)"
                                 : "QDQ models need DequantizeLinear on it");
  fail(describe(n), ": ", what, " '", name, "' is a float tensor, not a "
       "quantized one: ", quantizedSource());
}

/// A float tensor: a float value, or the dequantization of a DQ view.
Value Importer::floatValue(const std::string &name,
                           const onnx::NodeProto *user) {
  if (auto it = values.find(name); it != values.end()) {
    auto t = cast<RankedTensorType>(it->second.getType());
    if (t.getElementType().isF32())
      return it->second;
  }
  if (auto it = dqViews.find(name); it != dqViews.end()) {
    auto t = cast<RankedTensorType>(it->second.getType());
    Value f = DequantizeOp::create(b, it->second.getLoc(),
                                   RankedTensorType::get(t.getShape(),
                                                         b.getF32Type()),
                                   it->second);
    values[name] = f;
    return f;
  }
  if (user)
    fail(describe(*user), ": input '", name, "' is not a float tensor");
  fail("tensor '", name, "' is not a float tensor");
}

//===----------------------------------------------------------------------===//
// Following a float result to its QuantizeLinear
//===----------------------------------------------------------------------===//

std::pair<std::optional<double>, std::optional<double>>
Importer::clipRange(const onnx::NodeProto &n) {
  if (n.op_type() == "Relu") {
    allowAttrs(n, {});
    return {0.0, std::nullopt};
  }
  allowAttrs(n, {"min", "max"});
  std::optional<double> lo, hi;
  if (attr(n, "min"))
    lo = attrFloat(n, "min", 0);
  if (attr(n, "max"))
    hi = attrFloat(n, "max", 0);
  auto scalar = [&](int i, StringRef what) -> std::optional<double> {
    if (!hasInput(n, i))
      return std::nullopt;
    const ConstTensor &c = constant(n, i, what);
    if (c.numElements() != 1 || c.floats.empty())
      fail(describe(n), ": ", what, " must be a float scalar");
    return c.floats[0];
  };
  if (auto v = scalar(1, "min"))
    lo = v;
  if (auto v = scalar(2, "max"))
    hi = v;
  return {lo, hi};
}

void Importer::narrowRange(OutputQuant &oq, std::optional<double> lo,
                           std::optional<double> hi) {
  // oq's range [a, b] clamps first, then [lo, hi]. Disjoint ranges give a
  // constant: the end of [lo, hi] nearest [a, b].
  std::optional<double> b = oq.hi;
  if (lo)
    oq.lo = oq.lo ? std::max(*oq.lo, *lo) : *lo;
  if (hi)
    oq.hi = oq.hi ? std::min(*oq.hi, *hi) : *hi;
  if (oq.lo && oq.hi && *oq.lo > *oq.hi)
    oq.lo = oq.hi = (lo && b && *lo > *b) ? *lo : *hi;
}

void Importer::roundBounds(OutputQuant &oq) {
  RoundingMode mode = *parseRoundingMode(oq.rounding.mode);
  if (mode == RoundingMode::HalfEven && !oq.rounding.zeroPointFirst)
    return;
  // A Relu/Clip bound clamps before the rounding: as the rounding is
  // monotonic, the same as clamping to the bound's rounded integer (binary32
  // bound / scale + zero point, as Quant computes it). qnn rounds real
  // bounds half to even, so give it that integer's real value.
  float s = (float)oq.type.getScaleOf(0);
  int64_t zp = oq.type.getZeroPointOf(0);
  for (std::optional<double> *v : {&oq.lo, &oq.hi})
    if (*v)
      *v = double(roundWith(mode, double((float)**v / s + (float)zp)) - zp) *
           s;
}

bool Importer::is16Bit(int32_t dtype) {
  return dtype == onnx::TensorProto::INT16 || dtype == onnx::TensorProto::UINT16;
}

int32_t Importer::quantizeLinearDtype(const onnx::NodeProto &n) {
  if (n.input_size() > 2 && !n.input(2).empty()) {
    // The zero point's Constant node may come later in the node order.
    ensureConstant(n.input(2));
    if (auto it = consts.find(n.input(2)); it != consts.end())
      return it->second.dtype;
  }
  return (int32_t)attrInt(n, "output_dtype", onnx::TensorProto::UINT8);
}

bool Importer::isWideQuantizeLinear(const onnx::NodeProto &n) {
  return n.op_type() == "QuantizeLinear" &&
         (n.domain().empty() || n.domain() == "ai.onnx" ||
          n.domain() == "com.microsoft") &&
         is16Bit(quantizeLinearDtype(n));
}

bool Importer::isQuantizer(const onnx::NodeProto &n) {
  // A QuantizeLinear to int16/uint16 is a boundary, not a quantizer a
  // producer fuses (isWideQuantizeLinear).
  if (n.op_type() == "QuantizeLinear" &&
      (n.domain().empty() || n.domain() == "ai.onnx" ||
       n.domain() == "com.microsoft"))
    return !isWideQuantizeLinear(n);
  return isQONNXDomain(n.domain()) &&
         (n.op_type() == "Quant" || n.op_type() == "IntQuant" ||
          n.op_type() == "BipolarQuant");
}

void Importer::quantizerOutput(const onnx::NodeProto &q,
                               ArrayRef<int64_t> shape, OutputQuant &oq) {
  oq.quantizer = &q;
  done.insert(&q);
  // A lifted 1-D node's N x C x 1 x L value (or its shape still unknown)
  // quantized as the graph's N x C x L tensor.
  SmallVector<int64_t> graphShape(shape);
  if (lifted1D && graphShape.size() == 4)
    graphShape.erase(graphShape.begin() + 2);
  shape = graphShape;
  if (q.op_type() != "QuantizeLinear") {
    QonnxQuant p = qonnxParams(q, shape);
    if (p.params.scales.size() > 1 || p.params.zps.size() > 1)
      fail(describe(q), ": activations must be quantized per tensor (one "
                        "scale and zero point for all channels)");
    oq.type = makeQuantType(&ctx, p.params.isSigned, p.params.bipolar,
                            p.params.bits, p.params.axis, p.params.scales,
                            p.params.zps);
    if (oq.type.isBipolar() && (oq.lo || oq.hi))
      fail(describe(q), ": Relu or Clip before BipolarQuant is not supported");
    oq.rounding = p.rounding;
    roundBounds(oq);
    auto [lo, hi] = qonnxRange(q, p);
    narrowRange(oq, lo, hi);
    oq.view = true;
    oq.outName = output0(q);
    return;
  }
  allowAttrs(q, {"axis", "saturate", "output_dtype", "block_size"});
  if (attrInt(q, "block_size", 0) != 0)
    fail(describe(q), ": block_size is not supported");
  oq.type = quantParams(q, 1, 2, shape, attrInt(q, "axis", 1),
                        (int32_t)attrInt(q, "output_dtype",
                                         onnx::TensorProto::UINT8));
  if (!oq.type)
    fail(describe(q), ": cannot quantize an activation to int32");
  if (!oq.type.isPerTensor())
    fail(describe(q), ": activations must be quantized per tensor");
  oq.outName = output0(q);
  // QCDQ: QuantizeLinear -> Clip (integer bounds) -> DequantizeLinear. The
  // width is the smallest one holding the bounds; bounds inside that
  // width's range become the output range.
  const onnx::NodeProto *clip = singleConsumer(oq.outName);
  if (!clip || clip->op_type() != "Clip")
    return;
  bool isSigned = oq.type.getIsSigned();
  auto [lo, hi] = intClipBounds(*clip, isSigned);
  int64_t zp = oq.type.getZeroPointOf(0);
  double scale = oq.type.getScaleOf(0);
  unsigned width = widthFor(isSigned, lo, hi, {zp});
  if (width > oq.type.getMaxBits())
    width = oq.type.getMaxBits();
  narrowRange(oq,
              lo > intMin(isSigned, width) ? std::optional<double>((lo - zp) * scale)
                                           : std::nullopt,
              hi < intMax(isSigned, width) ? std::optional<double>((hi - zp) * scale)
                                           : std::nullopt);
  oq.type = QuantType::get(&ctx, isSigned, width, scale, zp);
  done.insert(clip);
  oq.outName = output0(*clip);
}

Importer::OutputQuant Importer::findOutputQuant(const onnx::NodeProto &n,
                                                std::string name,
                                                ArrayRef<int64_t> shape) {
  OutputQuant oq;
  // Identity nodes on the way are names for the same tensor.
  auto skipIdentities = [&](std::string t) {
    while (const onnx::NodeProto *id = singleConsumer(t)) {
      if (id->op_type() != "Identity")
        break;
      done.insert(id);
      t = output0(*id);
    }
    return t;
  };
  name = skipIdentities(name);
  if (const onnx::NodeProto *act = singleConsumer(name);
      act && (act->op_type() == "Relu" || act->op_type() == "Clip")) {
    auto [lo, hi] = clipRange(*act);
    oq.lo = lo;
    oq.hi = hi;
    done.insert(act);
    name = skipIdentities(output0(*act));
  }
  if (sliceQuantPattern(n, name, shape, oq))
    return oq;
  if (maxPoolQuantPattern(name, shape, oq))
    return oq;
  auto it = consumers.find(name);
  if (graphOutputs.count(name) || it == consumers.end() || it->second.empty())
    fail(describe(n), ": output '", name, "' is not quantized: ",
         quantizeFirst());
  for (const onnx::NodeProto *c : it->second)
    if (!isQuantizer(*c))
      fail(describe(n), ": output '", name, "' feeds ", describe(*c),
           " directly; ", quantizeFirst());
  quantizerOutput(*it->second.front(), shape, oq);
  for (size_t i = 1; i < it->second.size(); ++i)
    oq.extraQ.push_back(it->second[i]);
  return oq;
}

const onnx::NodeProto *
Importer::quantizedMaxPool(const std::string &name) {
  const onnx::NodeProto *pool = singleConsumer(name);
  if (!pool || pool->op_type() != "MaxPool" ||
      !(pool->domain().empty() || pool->domain() == "ai.onnx") ||
      pool->output_size() != 1 || graphOutputs.count(name))
    return nullptr;
  const std::string &out = output0(*pool);
  auto it = consumers.find(out);
  if (graphOutputs.count(out) || it == consumers.end() || it->second.empty() ||
      !llvm::all_of(it->second,
                    [&](const onnx::NodeProto *c) { return isQuantizer(*c); }))
    return nullptr;
  return pool;
}

bool Importer::maxPoolQuantPattern(const std::string &name,
                                   ArrayRef<int64_t> shape, OutputQuant &oq) {
  // An unquantized tensor whose only consumer is a MaxPool whose output is
  // quantized (DequantizeLinear -> Concat -> MaxPool -> QuantizeLinear, as
  // real QDQ models have it): quantizing is non-decreasing, so
  // Q(max(v)) = max(Q(v)) and the pool runs on codes of the quantization
  // that follows it. The tensor becomes a quantized view of that type; the
  // MaxPool is imported as usual and meets its quantizer again.
  const onnx::NodeProto *pool = quantizedMaxPool(name);
  if (!pool)
    return false;
  auto it = consumers.find(output0(*pool));
  // The quantizer's type, without taking the quantizer: the MaxPool's own
  // import does.
  OutputQuant q;
  q.lo = oq.lo;
  q.hi = oq.hi;
  auto savedDone = done;
  quantizerOutput(*it->second.front(), shape, q);
  done = std::move(savedDone);
  q.quantizer = nullptr;
  q.extraQ.clear();
  q.view = true;
  q.outName = name;
  oq = q;
  return true;
}

Value Importer::requantize(Value v, QuantType q, const onnx::NodeProto &n,
                           std::optional<double> lo, std::optional<double> hi,
                           const RoundSpec &rounding) {
  auto t = cast<RankedTensorType>(v.getType());
  if (getQuantElementType(t) == q && !lo && !hi)
    return v;
  return RequantizeOp::create(
      b, nodeLoc(n), RankedTensorType::get(t.getShape(), q), v,
      lo ? b.getF64FloatAttr(*lo) : FloatAttr(),
      hi ? b.getF64FloatAttr(*hi) : FloatAttr(), roundingAttr(rounding),
      zeroPointFirstAttr(rounding, q));
}

void Importer::bind(const OutputQuant &oq, Value v, const onnx::NodeProto &n) {
  (oq.view ? dqViews : values)[oq.outName] = v;
  // Further quantizers of the same float tensor: requantize.
  auto shape = cast<RankedTensorType>(v.getType()).getShape();
  for (const onnx::NodeProto *q : oq.extraQ) {
    OutputQuant e;
    quantizerOutput(*q, shape, e);
    (e.view ? dqViews : values)[e.outName] =
        requantize(v, e.type, *q, e.lo, e.hi, e.rounding);
  }
}

static FloatAttr optF64(OpBuilder &b, std::optional<double> v) {
  return v ? b.getF64FloatAttr(*v) : FloatAttr();
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

void Importer::importQuantizeLinear(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis", "saturate", "output_dtype", "block_size"});
  if (attrInt(n, "block_size", 0) != 0)
    fail(describe(n), ": block_size is not supported");
  const std::string &x = n.input(0);
  int32_t dflt = (int32_t)attrInt(n, "output_dtype", onnx::TensorProto::UINT8);
  if (auto it = dqViews.find(x); it != dqViews.end()) {
    auto t = cast<RankedTensorType>(it->second.getType());
    QuantType q = quantParams(n, 1, 2, t.getShape(), attrInt(n, "axis", 1), dflt);
    if (!q)
      fail(describe(n), ": cannot quantize to int32");
    if (q.getMaxBits() > 8) {
      // To 16 bits: dequantize and quantize in float, as ONNX defines it.
      Value f = DequantizeOp::create(
          b, nodeLoc(n), RankedTensorType::get(t.getShape(), b.getF32Type()),
          it->second);
      values[n.output(0)] = QuantizeOp::create(
          b, nodeLoc(n), RankedTensorType::get(t.getShape(), q), f);
      return;
    }
    values[n.output(0)] =
        requantize(it->second, q, n, std::nullopt, std::nullopt, RoundSpec::onnx());
    return;
  }
  if (auto it = consts.find(x); it != consts.end()) {
    // Q of a float constant: fold (weights stored in float).
    const ConstTensor &c = it->second;
    if (c.floats.empty())
      fail(describe(n), ": input '", x, "' must be float32");
    QConst qc;
    quantParams(n, 1, 2, c.dims, attrInt(n, "axis", 1), dflt, &qc);
    qc.dims = c.dims;
    unsigned width = qc.dtype == onnx::TensorProto::INT32 ? 32 : qc.bits[0];
    int64_t lo = intMin(qc.isSigned, width), hi = intMax(qc.isSigned, width);
    for (size_t i = 0; i < c.floats.size(); ++i) {
      int64_t chn = qc.channelOf(i);
      float v = (float)c.floats[i] / (float)qc.scales[chn];
      if (std::isnan(v))
        fail(describe(n), ": input '", x, "' holds NaN at element ", i);
      // Saturate in floating point first: a value beyond int64 (or
      // infinite) has no integer conversion.
      double r = std::nearbyint((double)v) + (double)qc.zps[chn];
      qc.values.push_back((int64_t)std::min<double>(hi, std::max<double>(lo, r)));
    }
    // Register as a constant integer tensor of that dtype so a following
    // DequantizeLinear folds it.
    ConstTensor out;
    out.dtype = qc.dtype;
    out.dims = c.dims;
    out.ints = qc.values;
    out.origin = c.origin;
    consts[n.output(0)] = out;
    return;
  }
  Value f = floatValue(x, &n);
  auto t = cast<RankedTensorType>(f.getType());
  QuantType q = quantParams(n, 1, 2, t.getShape(), attrInt(n, "axis", 1), dflt);
  if (!q)
    fail(describe(n), ": cannot quantize to int32");
  values[n.output(0)] =
      QuantizeOp::create(b, nodeLoc(n), RankedTensorType::get(t.getShape(), q), f);
}

/// DequantizeLinear of an int16/uint16 constant: a float constant,
/// (float)(q - zp) * scale in binary32 as ONNX Runtime computes it.
void Importer::foldDequantize16(const onnx::NodeProto &n, const ConstTensor &c) {
  QConst qc;
  quantParams(n, 1, 2, c.dims, attrInt(n, "axis", 1), c.dtype, &qc);
  if (qc.dtype != c.dtype)
    fail(describe(n), ": zero point type ", dtypeName(qc.dtype),
         " does not match the input's ", dtypeName(c.dtype));
  qc.dims = c.dims;
  ConstTensor out;
  out.dtype = onnx::TensorProto::FLOAT;
  out.dims = c.dims;
  out.origin = c.origin;
  for (size_t i = 0; i < c.ints.size(); ++i) {
    int64_t chn = qc.channelOf(i);
    out.floats.push_back(
        (double)((float)(c.ints[i] - qc.zps[chn]) * (float)qc.scales[chn]));
  }
  consts[n.output(0)] = out;
}

void Importer::importDequantizeLinear(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis", "block_size"});
  int64_t blockSize = attrInt(n, "block_size", 0);
  const std::string &x = n.input(0);
  if (auto u = unreadable.find(x); u != unreadable.end())
    fail(describe(n), ": ", u->second);
  if (auto it = consts.find(x); it != consts.end()) {
    const ConstTensor &c = it->second;
    if (c.dtype != onnx::TensorProto::UINT8 && c.dtype != onnx::TensorProto::INT8 &&
        c.dtype != kUINT4 && c.dtype != kINT4 && !is16Bit(c.dtype) &&
        c.dtype != onnx::TensorProto::INT32)
      fail(describe(n), ": input '", x, "' has element type ",
           dtypeName(c.dtype),
           "; expected int8, uint8, int4, uint4, int16, uint16 or int32");
    if (is16Bit(c.dtype)) {
      foldDequantize16(n, c);
      return;
    }
    QConst qc;
    if (blockSize != 0)
      collapseBlocks(n, qc, c, blockSize, attrInt(n, "axis", 1));
    else
      quantParams(n, 1, 2, c.dims, attrInt(n, "axis", 1), c.dtype, &qc);
    if (qc.dtype != c.dtype)
      fail(describe(n), ": zero point type ", dtypeName(qc.dtype),
           " does not match the input's ", dtypeName(c.dtype));
    qc.dims = c.dims;
    qc.values = c.ints;
    qc.origin = c.origin;
    // A constant narrowed by a QCDQ Clip keeps the narrow width (as far as
    // the zero points allow).
    if (c.bits && qc.dtype != onnx::TensorProto::INT32 && c.bits < qc.bits[0])
      qc.bits = {std::max(c.bits, widthFor(qc.isSigned, 0, 0, qc.zps))};
    dqConsts[n.output(0)] = qc;
    return;
  }
  if (blockSize != 0)
    fail(describe(n), ": block_size is only supported on constant weights");
  auto it = values.find(x);
  if (it == values.end())
    fail(describe(n), ": input '", x, "' is not defined before this node");
  auto t = cast<RankedTensorType>(it->second.getType());
  QuantType in = getQuantElementType(t);
  if (!in)
    fail(describe(n), ": input '", x, "' is not a quantized integer tensor");
  if (in.getMaxBits() > 8) {
    // 16-bit values are dequantized to float here; what reads them runs in
    // float until the next quantizer.
    QuantType q = quantParams(n, 1, 2, t.getShape(), attrInt(n, "axis", 1),
                              in.getIsSigned() ? onnx::TensorProto::INT16
                                               : onnx::TensorProto::UINT16);
    if (!q || q.getIsSigned() != in.getIsSigned() || q.getMaxBits() != 16)
      fail(describe(n), ": zero point type does not match input '", x,
           "' (", in.getIsSigned() ? "int16" : "uint16", ")");
    values[n.output(0)] = DequantizeOp::create(
        b, nodeLoc(n), RankedTensorType::get(t.getShape(), b.getF32Type()),
        castTo(it->second, q));
    return;
  }
  bool narrowIn = in.getMaxBits() <= 4 && !in.isSliced();
  QuantType q = quantParams(
      n, 1, 2, t.getShape(), attrInt(n, "axis", 1),
      in.getIsSigned() ? (narrowIn ? kINT4 : onnx::TensorProto::INT8)
                       : (narrowIn ? kUINT4 : onnx::TensorProto::UINT8));
  if (!q || q.getIsSigned() != in.getIsSigned())
    fail(describe(n), ": zero point type does not match input '", x, "'");
  if (in.getMaxBits() > q.getMaxBits() || q.getMaxBits() > 8)
    fail(describe(n), ": input '", x, "' holds ", in.getMaxBits(),
         "-bit values but the zero point type has ", q.getMaxBits(), " bits");
  // The quantization the input already has (its narrow or per-slice widths
  // included) when the scale and zero point are the same.
  if (q.getScales() == in.getScales() && q.getZeroPoints() == in.getZeroPoints() &&
      (q.getAxis() == in.getAxis() || q.isPerTensor()))
    q = in;
  dqViews[n.output(0)] = castTo(it->second, q);
}

void Importer::convAttrs(const onnx::NodeProto &n, ArrayRef<int64_t> inShape,
                         ArrayRef<int64_t> kernel,
                         SmallVectorImpl<int64_t> &strides,
                         SmallVectorImpl<int64_t> &dilations,
                         SmallVectorImpl<int64_t> &pads, int64_t &groups,
                         SmallVectorImpl<int64_t> &outShape, bool isPool,
                         bool ceilMode) {
  if (inShape.size() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported, got rank ",
         inShape.size());
  auto st = attrInts(n, "strides", {1, 1});
  auto dl = attrInts(n, "dilations", {1, 1});
  auto pd = attrInts(n, "pads", {0, 0, 0, 0});
  if (st.size() != 2 || dl.size() != 2 || pd.size() != 4)
    fail(describe(n), ": strides/dilations/pads must describe 2 spatial dims");
  const int64_t kLimit = int64_t(1) << 30;
  for (const auto *v : {&st, &dl, &pd})
    for (int64_t x : *v)
      if (x > kLimit)
        fail(describe(n), ": strides, dilations and pads must be below 2^30");
  for (int64_t k : kernel)
    if (k < 1 || k > kLimit)
      fail(describe(n), ": kernel sizes must be between 1 and 2^30");
  for (int64_t v : st)
    if (v < 1)
      fail(describe(n), ": strides must be >= 1");
  for (int64_t v : dl)
    if (v < 1)
      fail(describe(n), ": dilations must be >= 1");
  for (int64_t v : pd)
    if (v < 0)
      fail(describe(n), ": pads must be >= 0");
  groups = attrInt(n, "group", 1);
  std::string autoPad = attrString(n, "auto_pad", "NOTSET");
  for (int i = 0; i < 2; ++i) {
    int64_t in = inShape[2 + i], k = kernel[i];
    int64_t span = dl[i] * (k - 1) + 1;
    if (autoPad == "VALID") {
      pd[i] = pd[2 + i] = 0;
    } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
      int64_t out = (in + st[i] - 1) / st[i];
      int64_t total = std::max<int64_t>(0, (out - 1) * st[i] + span - in);
      int64_t small = total / 2, big = total - small;
      pd[i] = autoPad == "SAME_UPPER" ? small : big;
      pd[2 + i] = autoPad == "SAME_UPPER" ? big : small;
    } else if (autoPad != "NOTSET") {
      fail(describe(n), ": auto_pad '", autoPad, "' is not supported");
    }
  }
  strides.assign(st.begin(), st.end());
  dilations.assign(dl.begin(), dl.end());
  pads.assign(pd.begin(), pd.end());
  outShape.clear();
  outShape.push_back(inShape[0]);
  outShape.push_back(0);
  for (int i = 0; i < 2; ++i) {
    int64_t span = dl[i] * (kernel[i] - 1) + 1;
    int64_t avail = inShape[2 + i] + pd[i] + pd[2 + i] - span;
    // With ceil_mode a window larger than the padded input still gives an
    // output, as in ONNX Runtime: ceil(avail / stride) + 1.
    int64_t o = ceilMode ? llvm::divideCeilSigned(avail, st[i]) + 1
                         : (avail < 0 ? 0 : avail / st[i] + 1);
    if (ceilMode && (o - 1) * st[i] >= inShape[2 + i] + pd[i])
      --o;
    if (o < 1)
      fail(describe(n), ": kernel ", kernel[i], " does not fit input extent ",
           inShape[2 + i]);
    outShape.push_back(o);
  }
  (void)isPool;
}

void Importer::convGeometry(const onnx::NodeProto &n,
                            ArrayRef<int64_t> inShape, ArrayRef<int64_t> wd,
                            SmallVectorImpl<int64_t> &strides,
                            SmallVectorImpl<int64_t> &dilations,
                            SmallVectorImpl<int64_t> &pads, int64_t &groups,
                            SmallVectorImpl<int64_t> &outShape) {
  if (wd.size() != 4)
    fail(describe(n), ": weight must be 4-D (F x C/group x KH x KW), got rank ",
         wd.size());
  std::vector<int64_t> kernelShape = attrInts(n, "kernel_shape", {});
  if (!kernelShape.empty() &&
      (kernelShape.size() != 2 || kernelShape[0] != wd[2] ||
       kernelShape[1] != wd[3]))
    fail(describe(n), ": kernel_shape does not match the weight's shape");
  convAttrs(n, inShape, {wd[2], wd[3]}, strides, dilations, pads, groups,
            outShape, false);
  outShape[1] = wd[0];
  int64_t C = inShape[1];
  if (groups < 1 || C % groups || wd[0] % groups || wd[1] * groups != C)
    fail(describe(n), ": weight shape [", wd[0], ", ", wd[1], ", ", wd[2],
         ", ", wd[3], "] does not fit ", C, " input channels with group=",
         groups);
}

Value Importer::biasConstant(const std::vector<int64_t> &bias) {
  std::vector<int32_t> v(bias.begin(), bias.end());
  auto t = RankedTensorType::get({(int64_t)v.size()}, b.getI32Type());
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(t, ArrayRef<int32_t>(v)));
}

int64_t Importer::biasToInt(const onnx::NodeProto &n, double real,
                            double xScale, double wScale, QuantType result,
                            bool negated) {
  // Round half even in units of the accumulator, x scale times the binary32
  // weight scale the weight's type stores. Into a bipolar result only the
  // sign of acc + bias matters: +1 iff acc * s + real >= 0 iff
  // acc >= ceil(-real / s) iff acc + floor(real / s) >= 0, with s the exact
  // (not rounded) product of the scales. A negated channel is +1 iff
  // acc + real / s <= 0 iff acc + ceil(real / s) <= 0.
  double q = result && result.isBipolar()
                 ? (negated ? std::ceil(real / (xScale * wScale))
                            : std::floor(real / (xScale * wScale)))
                 : std::nearbyint(real / (xScale * roundToF32(wScale)));
  if (!(std::fabs(q) <= 2147483647.0))
    fail(describe(n), ": bias ", real, " does not fit the int32 accumulator");
  return (int64_t)q;
}

int64_t Importer::chooseBiasShift(ArrayRef<double> bias,
                                  ArrayRef<int64_t> bounds, double xScale,
                                  ArrayRef<double> wScales) {
  auto unit = [&](size_t f) {
    return xScale * roundToF32(wScales[wScales.size() == 1 ? 0 : f]);
  };
  auto fits = [&](int64_t s) {
    for (size_t f = 0; f < bias.size(); ++f)
      if (!(std::ldexp((double)bounds[f] + std::fabs(bias[f] / unit(f)) + 1,
                       (int)s) < 2147483648.0))
        return false;
    return true;
  };
  auto exact = [&](int64_t s) {
    for (size_t f = 0; f < bias.size(); ++f) {
      double q = std::ldexp(bias[f] / unit(f), (int)s);
      if (q != std::nearbyint(q))
        return false;
    }
    return true;
  };
  int64_t s = 0;
  while (s < 16 && !exact(s) && fits(s + 1))
    ++s;
  return s;
}

std::vector<int64_t> Importer::accumulatorBounds(const QConst &w, QuantType xq,
                                                 int64_t outAxis) {
  int64_t maxX = xq.isBipolar() ? 1
                                : std::max(xq.getZeroPointOf(0) - xq.getQMinOf(0),
                                           xq.getQMaxOf(0) - xq.getZeroPointOf(0));
  int64_t F = w.dims[outAxis], inner = 1;
  for (size_t d = outAxis + 1; d < w.dims.size(); ++d)
    inner *= w.dims[d];
  std::vector<int64_t> bound(F, 0);
  for (size_t i = 0; i < w.values.size(); ++i) {
    int64_t f = (i / inner) % F;
    int64_t z = w.bipolar ? 0 : w.zps[w.zps.size() == 1 ? 0 : f];
    bound[f] += std::abs(w.values[i] - z) * maxX;
  }
  return bound;
}

void Importer::checkAccumulator(const onnx::NodeProto &n,
                                ArrayRef<int64_t> bounds,
                                ArrayRef<int64_t> bias) {
  // docs/IntegerSemantics.md: the accumulator is i32. The bound is exact
  // for the worst input: every |x - zx| at its largest where |w - zw| > 0.
  for (size_t f = 0; f < bounds.size(); ++f) {
    int64_t b = bias.empty() ? 0 : std::abs(bias[bias.size() == 1 ? 0 : f]);
    if (bounds[f] + b > 2147483647)
      fail(describe(n), ": the int32 accumulator of output channel ", f,
           " can reach ", bounds[f] + b, " (", bounds[f],
           " from the weights times the largest |input - zero point|, ", b,
           " from the bias), beyond 2^31 - 1");
  }
}

/// The real values of a DequantizeLinear'd constant (a bias).
static std::vector<double> dequantized(const QConst &q) {
  std::vector<double> r;
  for (size_t i = 0; i < q.values.size(); ++i) {
    int64_t c = q.channelOf(i);
    r.push_back(q.scaleOf(c) * double(q.values[i] - q.zpOf(c)));
  }
  return r;
}

Value Importer::emitConv(const onnx::NodeProto &n, Value x, QConst w,
                         std::optional<std::vector<double>> bias,
                         std::vector<int64_t> biasInt, Type resultElem,
                         std::optional<double> lo, std::optional<double> hi,
                         const RoundSpec &rounding, int64_t biasShift) {
  auto xt = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> strides, dilations, pads, outShape;
  int64_t groups;
  convGeometry(n, xt.getShape(), w.dims, strides, dilations, pads, groups,
               outShape);
  if (w.axis >= 0 && w.axis != 0)
    fail(describe(n), ": weights must be quantized per output channel (axis 0)");
  QuantType xq = getQuantElementType(xt);
  Value biasV;
  int64_t F = w.dims[0];
  if (bias) {
    if ((int64_t)bias->size() != F)
      fail(describe(n), ": bias has ", bias->size(), " values, expected ", F);
    std::vector<int64_t> bi;
    for (int64_t f = 0; f < F; ++f)
      bi.push_back(biasToInt(n, (*bias)[f], xq.getScaleOf(0),
                             std::ldexp(w.scaleOf(f), -(int)biasShift),
                             dyn_cast<QuantType>(resultElem),
                             !w.negated.empty() && w.negated[f]));
    checkAccumulator(n, accumulatorBounds(w, xq, 0), biasShift ? ArrayRef<int64_t>() : ArrayRef<int64_t>(bi));
    biasV = biasConstant(bi);
  } else if (!biasInt.empty()) {
    checkAccumulator(n, accumulatorBounds(w, xq, 0), biasInt);
    biasV = biasConstant(biasInt);
  } else {
    checkAccumulator(n, accumulatorBounds(w, xq, 0), {});
  }
  Value wv = materialize(w, n);
  auto rt = RankedTensorType::get(outShape, resultElem);
  return Conv2DOp::create(b, nodeLoc(n), rt, x, wv, biasV,
                          b.getDenseI64ArrayAttr(strides),
                          b.getDenseI64ArrayAttr(dilations),
                          b.getDenseI64ArrayAttr(pads),
                          b.getI64IntegerAttr(groups), optF64(b, lo),
                          optF64(b, hi), roundingAttr(rounding),
                          zeroPointFirstAttr(rounding,
                                             getQuantElementType(rt)),
                          biasShift ? b.getI64IntegerAttr(biasShift) : IntegerAttr(),
                          negatedAttr(w));
}

void Importer::importConv(const onnx::NodeProto &n) {
  allowAttrs(n, {"auto_pad", "dilations", "group", "kernel_shape", "pads",
                 "strides"});
  if (importAs2D(n, &Importer::importConv))
    return;
  if (layerRunsInFloat(n) || outputLeftInFloat(n)) {
    importFloatConv(n);
    return;
  }
  Value x = quantizedInput(n, 0, "input");
  if (int64_t r = cast<RankedTensorType>(x.getType()).getRank(); r != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported, got rank ", r);
  if (hasInput(n, 1))
    ensureConstant(n.input(1));
  adoptIntegerWeights(n, 1);
  auto wit = dqConsts.find(hasInput(n, 1) ? n.input(1) : "");
  if (wit == dqConsts.end() && format == Format::QONNX)
    (void)quantizedInput(n, 1, "weight"); // fails with QONNX's remedy
  if (wit == dqConsts.end())
    fail(describe(n), ": weight must be a constant behind DequantizeLinear");
  QConst w = wit->second;
  if (w.dtype == onnx::TensorProto::INT32)
    fail(describe(n), ": weight must be int8 or uint8, got int32");
  if (w.dims.size() != 4)
    fail(describe(n), ": weight must be 4-D (F x C/group x KH x KW), got rank ",
         w.dims.size());
  if (w.dims[0] == 0)
    fail(describe(n), ": weight has no output channels");
  std::optional<std::vector<double>> bias;
  if (hasInput(n, 2)) {
    ensureConstant(n.input(2));
    auto bq = dqConsts.find(n.input(2));
    auto bf = consts.find(n.input(2));
    if (bq != dqConsts.end())
      bias = dequantized(bq->second);
    else if (bf != consts.end() && !bf->second.floats.empty())
      bias = bf->second.floats;
    else
      fail(describe(n), ": bias '", n.input(2),
           "' must be a constant (float, or int32 behind DequantizeLinear)");
  }
  if (bias && (int64_t)bias->size() != w.dims[0])
    fail(describe(n), ": bias has ", bias->size(), " values, expected ",
         w.dims[0]);
  std::string out = n.output(0);
  // BatchNormalization, or Mul/Add/Sub/Div by per-channel constants (the
  // form Brevitas and FINN write), right after the convolution: folded.
  ChannelAffine affine = channelAffine(out, w.dims[0], 1, convOutputRank());
  bool bnFolded = affine.folded();
  if (bnFolded) {
    foldAffine(affine, w, 0, bias);
    out = affine.out;
  }
  // FINN: a MultiThreshold reads the accumulator itself.
  if (multiThresholdReader(out)) {
    Value acc = emitConv(n, x, w, std::nullopt, {}, b.getI32Type(),
                         std::nullopt, std::nullopt);
    bindAccumulator(n, out, acc, 1,
                    getQuantElementType(x.getType()).getScaleOf(0), w, bias);
    return;
  }
  OutputQuant oq = findOutputQuant(
      n, out,
      {cast<RankedTensorType>(x.getType()).getDimSize(0), w.dims[0], -1, -1});
  // A folded BatchNormalization bias (beta - k * mean) is no multiple of the
  // accumulator unit x_scale * w_scale[f], so rounding it to int32 is off by
  // up to half a unit: several output LSBs with coarse low-bit weights and a
  // fine output scale. Give the bias a finer unit, 2^-s of the accumulator's
  // (the conv's bias_shift; the weights stay as stored), until half a unit
  // is at most 1/32 output LSB, as long as the bias still fits int32.
  // A real bias (a folded batch normalization: beta - k * mean) that is no
  // multiple of the accumulator unit x_scale * w_scale[f] would be off by
  // up to half a unit if rounded to int32: several output LSBs with coarse
  // low-bit weights and a fine output scale. Give the bias a finer unit,
  // 2^-s of the accumulator's (the conv's bias_shift; the weights stay as
  // stored): the smallest s (at most 16) at which every bias is exact, or
  // else the largest at which (|acc| + |bias|) * 2^s, for the largest
  // accumulator the weights allow, stays below 2^31 (the requantization
  // multiplies it by a 31-bit multiplier in i64). A bipolar result needs
  // no shift: its bias is exact as floor(bias / unit).
  int64_t biasShift = 0;
  if (bias && oq.type && !oq.type.isBipolar()) {
    QuantType xq = getQuantElementType(x.getType());
    biasShift = chooseBiasShift(*bias, accumulatorBounds(w, xq, 0),
                                xq.getScaleOf(0), w.scales);
  }
  Value r = emitConv(n, x, w, bias, {}, oq.type, oq.lo, oq.hi, oq.rounding,
                     biasShift);
  bind(oq, r, n);
}

void Importer::importGemmOrMatMul(const onnx::NodeProto &n) {
  bool gemm = n.op_type() == "Gemm";
  if (gemm)
    allowAttrs(n, {"alpha", "beta", "transA", "transB"});
  else
    allowAttrs(n, {});
  if (layerRunsInFloat(n) || outputLeftInFloat(n)) {
    importFloatGemmOrMatMul(n);
    return;
  }
  if (gemm && attrInt(n, "transA", 0))
    fail(describe(n), ": transA=1 is not supported");
  double alpha = gemm ? attrFloat(n, "alpha", 1.0f) : 1.0;
  double beta = gemm ? attrFloat(n, "beta", 1.0f) : 1.0;
  if (!(alpha > 0) || !std::isfinite(alpha))
    fail(describe(n), ": alpha must be positive and finite");
  if (!std::isfinite(beta))
    fail(describe(n), ": beta must be finite");
  Value a = quantizedInput(n, 0, "A");
  auto at = cast<RankedTensorType>(a.getType());
  if (at.getRank() < 2 || (gemm && at.getRank() != 2))
    fail(describe(n), ": A must be ", gemm ? "2-D" : "at least 2-D");
  std::optional<std::vector<double>> bias;
  Value rhs;
  int64_t N;
  std::vector<double> rhsScales;
  std::optional<QConst> constB; // materialized once the affine chain is known
  if (hasInput(n, 1))
    ensureConstant(n.input(1));
  adoptIntegerWeights(n, 1);
  auto wit = dqConsts.find(hasInput(n, 1) ? n.input(1) : "");
  if (wit != dqConsts.end()) {
    QConst w = wit->second;
    if (w.dims.size() != 2)
      fail(describe(n), ": B must be 2-D");
    if (gemm && attrInt(n, "transB", 0)) {
      // Store as [K, N]; per-row scales become per-column.
      std::vector<int64_t> t(w.values.size());
      int64_t R = w.dims[0], C = w.dims[1];
      for (int64_t r = 0; r < R; ++r)
        for (int64_t c = 0; c < C; ++c)
          t[c * R + r] = w.values[r * C + c];
      w.values = t;
      w.dims = {C, R};
      if (w.axis >= 0)
        w.axis = 1 - w.axis;
    }
    if (w.axis == 0 && w.scales.size() > 1)
      fail(describe(n), ": B must be quantized per tensor or per output column");
    for (double &s : w.scales)
      s *= alpha;
    N = w.dims[1];
    constB = w;
  } else {
    if (gemm && attrInt(n, "transB", 0))
      fail(describe(n), ": transB=1 needs a constant B");
    rhs = quantizedInput(n, 1, "B");
    auto rt = cast<RankedTensorType>(rhs.getType());
    if (rt.getRank() != 2)
      fail(describe(n), ": a non-constant B must be 2-D");
    N = rt.getDimSize(1);
    for (auto s : getQuantElementType(rt).getScales())
      rhsScales.push_back(s);
  }
  auto biasFrom = [&](const std::string &name, const onnx::NodeProto &user,
                      double mul) {
    ensureConstant(name);
    auto bq = dqConsts.find(name);
    auto bf = consts.find(name);
    std::optional<std::vector<double>> r;
    const std::vector<int64_t> *dims;
    if (bq != dqConsts.end())
      r = dequantized(bq->second), dims = &bq->second.dims;
    else if (bf != consts.end() && !bf->second.floats.empty())
      r = bf->second.floats, dims = &bf->second.dims;
    else
      return r;
    // Only a bias that broadcasts along the last axis (one value per output
    // column) is a bias of the product; [M, 1] would add per row.
    bool perColumn = (int64_t)dims->size() <= at.getRank();
    for (size_t d = 0; d + 1 < dims->size(); ++d)
      perColumn &= (*dims)[d] == 1;
    if (!perColumn) {
      std::string shape;
      for (int64_t d : *dims)
        shape += (shape.empty() ? "" : ", ") + std::to_string(d);
      fail(describe(user), ": bias '", name, "' has shape [", shape,
           "]; only a scalar, [N] or [1, ..., 1, N] (one value per output "
           "column) is supported");
    }
    if (r->size() == 1)
      r->assign(N, (*r)[0]);
    if ((int64_t)r->size() != N)
      fail(describe(user), ": bias has ", r->size(), " values, expected ", N);
    for (double &v : *r)
      v *= mul;
    return r;
  };
  if (gemm && hasInput(n, 2)) {
    bias = biasFrom(n.input(2), n, beta);
    if (!bias)
      fail(describe(n), ": C must be a constant (float, or int32 behind "
                        "DequantizeLinear)");
  }
  std::string out = n.output(0);
  // MatMul followed by Add of a constant vector: a bias. (The Add is read
  // before the registry checks its inputs: an Add with one input is left
  // for its own import to refuse.)
  if (const onnx::NodeProto *add = singleConsumer(out);
      !bias && add && add->op_type() == "Add" && add->input_size() == 2) {
    std::string other = add->input(0) == out ? add->input(1) : add->input(0);
    if (auto bv = biasFrom(other, *add, 1.0)) {
      bias = bv;
      done.insert(add);
      out = output0(*add);
    }
  }
  SmallVector<int64_t> shape(at.getShape());
  shape.back() = N;
  // Batch normalization as Mul/Add (or BatchNormalization on a 2-D result)
  // and scalar Mul/Add/Sub/Div by constants: folded into B and the bias.
  int64_t rank = shape.size();
  ChannelAffine affine = channelAffine(out, N, rank - 1, rank);
  if (affine.folded()) {
    if (!constB)
      fail(describe(*affine.first), ": folding it into ", describe(n),
           " needs a constant B");
    foldAffine(affine, *constB, 1, bias);
    out = affine.out;
  }
  if (constB) {
    rhsScales = constB->scales;
    rhs = materialize(*constB, n);
  }
  int64_t K = cast<RankedTensorType>(rhs.getType()).getDimSize(0);
  if (at.getShape().back() != K)
    fail(describe(n), ": A has K = ", at.getShape().back(), " but B has ", K,
         " rows", gemm && attrInt(n, "transB", 0) ? " (after transB)" : "");
  // FINN: a MultiThreshold reads the accumulator itself.
  if (multiThresholdReader(out)) {
    if (!constB)
      fail(describe(n), ": a MultiThreshold after it needs constant B");
    QuantType aq = getQuantElementType(at);
    checkAccumulator(n, accumulatorBounds(*constB, aq, 1), {});
    Value acc = MatMulOp::create(
        b, nodeLoc(n), RankedTensorType::get(shape, b.getI32Type()), a, rhs,
        Value(), FloatAttr(), FloatAttr(), StringAttr(), UnitAttr(),
        IntegerAttr(), DenseBoolArrayAttr());
    bindAccumulator(n, out, acc, rank - 1, aq.getScaleOf(0), *constB, bias);
    return;
  }
  OutputQuant oq = findOutputQuant(n, out, shape);
  Value biasV;
  int64_t biasShift = 0;
  if (bias) {
    if ((int64_t)bias->size() != N)
      fail(describe(n), ": bias has ", bias->size(), " values, expected ", N);
    std::vector<int64_t> bi;
    QuantType aq = getQuantElementType(at);
    // As for convs: a bias that is no multiple of the accumulator unit gets
    // a finer one (bias_shift), within the accumulator bound.
    if (constB && oq.type && !oq.type.isBipolar())
      biasShift = chooseBiasShift(*bias, accumulatorBounds(*constB, aq, 1),
                                  aq.getScaleOf(0), rhsScales);
    for (int64_t c = 0; c < N; ++c)
      bi.push_back(biasToInt(
          n, (*bias)[c], aq.getScaleOf(0),
          std::ldexp(rhsScales[rhsScales.size() == 1 ? 0 : c], -(int)biasShift),
          oq.type, constB && !constB->negated.empty() && constB->negated[c]));
    biasV = biasConstant(bi);
    if (constB)
      checkAccumulator(n, accumulatorBounds(*constB, aq, 1),
                       biasShift ? ArrayRef<int64_t>() : ArrayRef<int64_t>(bi));
  } else if (constB) {
    checkAccumulator(n, accumulatorBounds(*constB, getQuantElementType(at), 1),
                     {});
  }
  Value r = MatMulOp::create(b, nodeLoc(n), RankedTensorType::get(shape, oq.type),
                             a, rhs, biasV, optF64(b, oq.lo), optF64(b, oq.hi),
                             roundingAttr(oq.rounding),
                             zeroPointFirstAttr(oq.rounding, oq.type),
                             biasShift ? b.getI64IntegerAttr(biasShift)
                                       : IntegerAttr(),
                             constB ? negatedAttr(*constB) : DenseBoolArrayAttr());
  bind(oq, r, n);
}

void Importer::importAddOrMul(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  Value l = quantizedInput(n, 0, "A"), r = quantizedInput(n, 1, "B");
  SmallVector<int64_t> shape =
      broadcastShape(n, cast<RankedTensorType>(l.getType()),
                     cast<RankedTensorType>(r.getType()));
  for (Value v : {l, r})
    if (!getQuantElementType(v.getType()).isPerTensor())
      fail(describe(n), ": inputs must be quantized per tensor");
  OutputQuant oq = findOutputQuant(n, n.output(0), shape);
  auto rt = RankedTensorType::get(shape, oq.type);
  Value v =
      n.op_type() == "Mul"
          ? Value(MulOp::create(b, nodeLoc(n), rt, l, r, optF64(b, oq.lo),
                                optF64(b, oq.hi), roundingAttr(oq.rounding),
                                zeroPointFirstAttr(oq.rounding, oq.type)))
          : Value(AddOp::create(b, nodeLoc(n), rt, l, r, optF64(b, oq.lo),
                                optF64(b, oq.hi), roundingAttr(oq.rounding),
                                zeroPointFirstAttr(oq.rounding, oq.type)));
  bind(oq, v, n);
}

Importer::PoolGeometry Importer::poolGeometry(const onnx::NodeProto &n,
                                              RankedTensorType xt) {
  PoolGeometry g;
  std::vector<int64_t> kernel = attrInts(n, "kernel_shape", {});
  g.kernel.assign(kernel.begin(), kernel.end());
  ArrayRef<int64_t> k = g.kernel;
  if (k.size() != 2 || k[0] < 1 || k[1] < 1)
    fail(describe(n), ": kernel_shape must be 2 positive values");
  g.ceil = attrInt(n, "ceil_mode", 0);
  int64_t groups;
  convAttrs(n, xt.getShape(), k, g.strides, g.dilations, g.pads, groups,
            g.outShape, true, g.ceil);
  g.outShape[1] = xt.getDimSize(1);
  return g;
}

void Importer::importPool(const onnx::NodeProto &n) {
  if (importAs2D(n, &Importer::importPool))
    return;
  bool isMax = n.op_type() == "MaxPool";
  if (isMax) {
    allowAttrs(n, {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads",
                   "storage_order", "strides"});
    if (attrInt(n, "storage_order", 0))
      fail(describe(n), ": storage_order=1 is not supported");
    if (n.output_size() > 1 && !n.output(1).empty())
      fail(describe(n), ": the Indices output is not supported");
  } else {
    allowAttrs(n, {"auto_pad", "ceil_mode", "count_include_pad", "dilations",
                   "kernel_shape", "pads", "strides"});
    for (int64_t d : attrInts(n, "dilations", {1, 1}))
      if (d != 1)
        fail(describe(n), ": dilations are not supported for AveragePool");
  }
  // In float: a float input (before the first quantizer, after a float
  // op), or a dequantized one whose average the model keeps in float. A
  // MaxPool of a dequantized tensor runs on its codes (max commutes with
  // dequantizing).
  bool inFloat = isFloatRuntimeValue(n.input(0)) ||
                 (!isMax && hasInput(n, 0) &&
                  (dqViews.count(n.input(0)) || dqConsts.count(n.input(0))) &&
                  consumedInFloat(n.output(0)));
  Value x = inFloat ? floatOperand(n, 0) : quantizedInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  PoolGeometry geo = poolGeometry(n, xt);
  ArrayRef<int64_t> k = geo.kernel, strides = geo.strides,
                    dilations = geo.dilations, pads = geo.pads,
                    outShape = geo.outShape;
  bool ceil = geo.ceil;
  if (inFloat) {
    auto ft = RankedTensorType::get(outShape, b.getF32Type());
    values[n.output(0)] =
        isMax ? MaxPool2DOp::create(b, nodeLoc(n), ft, x, b.getDenseI64ArrayAttr(k),
                                    b.getDenseI64ArrayAttr(strides),
                                    b.getDenseI64ArrayAttr(dilations),
                                    b.getDenseI64ArrayAttr(pads),
                                    b.getBoolAttr(ceil))
                    .getResult()
              : AvgPool2DOp::create(
                    b, nodeLoc(n), ft, x, b.getDenseI64ArrayAttr(k),
                    b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr(pads),
                    b.getBoolAttr(ceil),
                    b.getBoolAttr(attrInt(n, "count_include_pad", 0)),
                    StringAttr(), UnitAttr())
                    .getResult();
    return;
  }
  QuantType xq = getQuantElementType(xt);
  // On a raw integer tensor (QOperator form) the op works on the integers.
  bool viewInput = dqViews.count(n.input(0));
  if (isMax) {
    Value v = MaxPool2DOp::create(
        b, nodeLoc(n), RankedTensorType::get(outShape, xq), x,
        b.getDenseI64ArrayAttr(k), b.getDenseI64ArrayAttr(strides),
        b.getDenseI64ArrayAttr(dilations), b.getDenseI64ArrayAttr(pads),
        b.getBoolAttr(ceil));
    if (!viewInput) {
      values[n.output(0)] = v;
      return;
    }
    dqViews[n.output(0)] = v; // DQ -> MaxPool -> Q: Q handles any change
    return;
  }
  if (!viewInput)
    fail(describe(n), ": AveragePool on integers needs QDQ (DequantizeLinear "
                      "before, QuantizeLinear after)");
  if (importTruncAvgPool(n, x, k, strides, pads, outShape))
    return;
  OutputQuant oq = findOutputQuant(n, n.output(0), outShape);
  Value v = AvgPool2DOp::create(
      b, nodeLoc(n), RankedTensorType::get(outShape, oq.type), x,
      b.getDenseI64ArrayAttr(k), b.getDenseI64ArrayAttr(strides),
      b.getDenseI64ArrayAttr(pads), b.getBoolAttr(ceil),
      b.getBoolAttr(attrInt(n, "count_include_pad", 0)),
      roundingAttr(oq.rounding), zeroPointFirstAttr(oq.rounding, oq.type));
  // A Relu/Clip or a narrow range: a clamp of the rounded result (the same
  // as rounding the clamped average, rounding being monotonic).
  bind(oq, requantize(v, oq.type, n, oq.lo, oq.hi, RoundSpec::onnx()), n);
}

void Importer::importGlobalMaxPool(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  if (importAs2D(n, &Importer::importGlobalMaxPool))
    return;
  // A MaxPool whose window is the whole image: on floats, or on codes (of
  // a dequantized tensor too: max commutes with dequantizing).
  bool inFloat = isFloatRuntimeValue(n.input(0));
  Value x = inFloat ? floatOperand(n, 0) : quantizedInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported");
  SmallVector<int64_t> shape = {xt.getDimSize(0), xt.getDimSize(1), 1, 1};
  Value v = MaxPool2DOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, xt.getElementType()), x,
      b.getDenseI64ArrayAttr({xt.getDimSize(2), xt.getDimSize(3)}),
      b.getDenseI64ArrayAttr({1, 1}), b.getDenseI64ArrayAttr({1, 1}),
      b.getDenseI64ArrayAttr({0, 0, 0, 0}), b.getBoolAttr(false));
  if (!inFloat && dqViews.count(n.input(0)))
    dqViews[n.output(0)] = v; // DQ -> GlobalMaxPool -> Q
  else
    values[n.output(0)] = v;
}

void Importer::importGlobalAveragePool(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  if (importAs2D(n, &Importer::importGlobalAveragePool))
    return;
  // In float as AveragePool is (importPool).
  bool inFloat = isFloatRuntimeValue(n.input(0)) ||
                 ((dqViews.count(n.input(0)) || dqConsts.count(n.input(0))) &&
                  consumedInFloat(n.output(0)));
  Value x = inFloat ? floatOperand(n, 0) : quantizedInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported");
  SmallVector<int64_t> shape = {xt.getDimSize(0), xt.getDimSize(1), 1, 1};
  if (inFloat) {
    values[n.output(0)] = GlobalAvgPoolOp::create(
        b, nodeLoc(n), RankedTensorType::get(shape, b.getF32Type()), x,
        StringAttr(), UnitAttr());
    return;
  }
  if (dqViews.count(n.input(0)) &&
      importTruncAvgPool(n, x, {xt.getDimSize(2), xt.getDimSize(3)}, {1, 1},
                         {0, 0, 0, 0}, shape))
    return;
  OutputQuant oq = findOutputQuant(n, n.output(0), shape);
  Value v = GlobalAvgPoolOp::create(b, nodeLoc(n),
                                    RankedTensorType::get(shape, oq.type), x,
                                    roundingAttr(oq.rounding),
                                    zeroPointFirstAttr(oq.rounding, oq.type));
  bind(oq, requantize(v, oq.type, n, oq.lo, oq.hi, RoundSpec::onnx()), n);
}

SmallVector<int64_t> Importer::concatShape(const onnx::NodeProto &n,
                                          ArrayRef<Value> ins, int64_t &axis) {
  auto t0 = cast<RankedTensorType>(ins[0].getType());
  int64_t rank = t0.getRank();
  axis = attrInt(n, "axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    fail(describe(n), ": axis is out of range");
  SmallVector<int64_t> shape(t0.getShape());
  shape[axis] = 0;
  for (Value v : ins) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != rank)
      fail(describe(n), ": inputs have different ranks");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && t.getDimSize(d) != t0.getDimSize(d))
        fail(describe(n), ": input shapes differ outside the axis");
    shape[axis] += t.getDimSize(axis);
  }
  return shape;
}

SmallVector<int64_t> Importer::broadcastShape(const onnx::NodeProto &n,
                                             RankedTensorType lt,
                                             RankedTensorType rt) {
  int64_t rank = std::max(lt.getRank(), rt.getRank());
  SmallVector<int64_t> shape(rank, 1);
  for (int64_t i = 0; i < rank; ++i) {
    int64_t a = i - (rank - lt.getRank()) >= 0 ? lt.getDimSize(i - (rank - lt.getRank())) : 1;
    int64_t c = i - (rank - rt.getRank()) >= 0 ? rt.getDimSize(i - (rank - rt.getRank())) : 1;
    if (a != c && a != 1 && c != 1)
      fail(describe(n), ": shapes are not broadcastable at dimension ", i);
    shape[i] = std::max(a, c);
  }
  return shape;
}

void Importer::importConcat(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis"});
  if (importConstantConcat(n) || importShapeConcat(n))
    return;
  // In float: with a float input (a graph input, a float op's result, a
  // float constant such as a detector's grid), or of dequantized inputs
  // consumed in float.
  bool anyFloat = false, allDequantized = true;
  for (const std::string &in : n.input()) {
    if (isFloatRuntimeValue(in) || consts.count(in))
      anyFloat = true;
    else if (!dqViews.count(in) && !dqConsts.count(in))
      allDequantized = false;
  }
  if (anyFloat || (allDequantized && consumedInFloat(n.output(0)))) {
    SmallVector<Value> ins;
    for (int i = 0; i < n.input_size(); ++i)
      ins.push_back(floatOperand(n, i));
    int64_t axis;
    SmallVector<int64_t> shape = concatShape(n, ins, axis);
    values[n.output(0)] = ConcatOp::create(
        b, nodeLoc(n), RankedTensorType::get(shape, b.getF32Type()), ins,
        b.getI64IntegerAttr(axis), StringAttr(), UnitAttr());
    return;
  }
  SmallVector<Value> ins;
  for (int i = 0; i < n.input_size(); ++i)
    ins.push_back(quantizedInput(n, i, "input #" + std::to_string(i)));
  int64_t axis;
  SmallVector<int64_t> shape = concatShape(n, ins, axis);
  OutputQuant oq = findOutputQuant(n, n.output(0), shape);
  Value v = ConcatOp::create(b, nodeLoc(n), RankedTensorType::get(shape, oq.type),
                             ins, b.getI64IntegerAttr(axis),
                             roundingAttr(oq.rounding),
                             zeroPointFirstAttr(oq.rounding, oq.type));
  // A Relu/Clip bound after the Concat: a clamp on the result's integers
  // (same scale: no rounding happens).
  if (oq.lo || oq.hi)
    v = requantize(v, oq.type, n, oq.lo, oq.hi, RoundSpec::onnx());
  bind(oq, v, n);
}

void Importer::importReshape(const onnx::NodeProto &n) {
  bool flatten = n.op_type() == "Flatten";
  if (flatten)
    allowAttrs(n, {"axis"});
  else
    allowAttrs(n, {"allowzero"});
  Value x = layoutInput(n);
  auto xt = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape;
  if (flatten) {
    int64_t axis = attrInt(n, "axis", 1);
    if (axis < 0)
      axis += xt.getRank();
    if (axis < 0 || axis > xt.getRank())
      fail(describe(n), ": axis is out of range");
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < xt.getRank(); ++d)
      (d < axis ? outer : inner) *= xt.getDimSize(d);
    shape = {outer, inner};
  } else {
    const ConstTensor &s = constant(n, 1, "shape");
    int64_t known = 1, infer = -1;
    for (size_t i = 0; i < s.ints.size(); ++i) {
      int64_t d = s.ints[i];
      if (d == 0 && !attrInt(n, "allowzero", 0)) {
        if (i >= (size_t)xt.getRank())
          fail(describe(n), ": shape entry 0 has no input dimension to copy");
        d = xt.getDimSize(i);
      }
      if (d == -1) {
        if (infer >= 0)
          fail(describe(n), ": shape has more than one -1");
        infer = i;
        shape.push_back(1);
        continue;
      }
      if (d < 0)
        fail(describe(n), ": invalid shape entry ", d);
      if (llvm::MulOverflow(known, d, known))
        fail(describe(n), ": the shape's element count overflows int64");
      shape.push_back(d);
    }
    if (infer >= 0) {
      if (known == 0 || xt.getNumElements() % known)
        fail(describe(n), ": cannot infer the -1 dimension");
      shape[infer] = xt.getNumElements() / known;
    }
  }
  int64_t count = 1;
  for (int64_t d : shape)
    if (llvm::MulOverflow(count, d, count))
      fail(describe(n), ": the shape's element count overflows int64");
  if (count != xt.getNumElements())
    fail(describe(n), ": cannot reshape ", xt.getNumElements(),
         " elements into ", count);
  bindReshape(n, x, shape);
}

void Importer::bindReshape(const onnx::NodeProto &n, Value x,
                           ArrayRef<int64_t> shape) {
  requirePerTensor(n, x);
  Type elem = cast<RankedTensorType>(x.getType()).getElementType();
  bindLayout(n, ReshapeOp::create(b, nodeLoc(n), RankedTensorType::get(shape, elem), x));
}

void Importer::importActivation(const onnx::NodeProto &n) {
  if (n.op_type() == "Clip" && isIntegerClip(n)) {
    importIntegerClip(n);
    return;
  }
  if (importFloatActivation(n))
    return;
  // Standalone Relu/Clip between DequantizeLinear and QuantizeLinear.
  auto [lo, hi] = clipRange(n);
  Value x = quantizedInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  if (!dqViews.count(n.input(0))) {
    // On integers (QOperator form): a clamp in the integer domain keeps the
    // quantization of its input.
    values[n.output(0)] = requantize(x, getQuantElementType(xt), n, lo, hi,
                                     RoundSpec::onnx());
    return;
  }
  if (const onnx::NodeProto *next = singleConsumer(n.output(0));
      next && (next->op_type() == "Relu" || next->op_type() == "Clip"))
    fail(describe(n), ": two activations in a row are not supported");
  OutputQuant oq = findOutputQuant(n, n.output(0), xt.getShape());
  narrowRange(oq, lo, hi);
  bind(oq, requantize(x, oq.type, n, oq.lo, oq.hi, oq.rounding), n);
}

void Importer::importQLinearConv(const onnx::NodeProto &n) {
  allowAttrs(n, {"auto_pad", "dilations", "group", "kernel_shape", "pads",
                 "strides"});
  if (importAs2D(n, &Importer::importQLinearConv))
    return;
  Value xv = integerInput(n, 0, "x", 0);
  auto xt = cast<RankedTensorType>(xv.getType());
  QuantType xq = quantParams(n, 1, 2, xt.getShape(), 1,
                             onnx::TensorProto::UINT8);
  if (!xq || xq.getIsSigned() != getQuantElementType(xt).getIsSigned())
    fail(describe(n), ": x_zero_point type does not match x");
  Value x = castTo(xv, xq);
  const ConstTensor &wc = constant(n, 3, "w");
  if (wc.dtype != onnx::TensorProto::INT8 && wc.dtype != onnx::TensorProto::UINT8)
    fail(describe(n), ": w must be int8 or uint8, got ", dtypeName(wc.dtype));
  if (wc.dims.size() != 4)
    fail(describe(n), ": w must be 4-D, got rank ", wc.dims.size());
  QConst w;
  quantParams(n, 4, 5, wc.dims, 0, wc.dtype, &w);
  w.dims = wc.dims;
  w.values = wc.ints;
  QuantType yq = quantParams(n, 6, 7, SmallVector<int64_t>(4, -1), 1,
                             onnx::TensorProto::UINT8);
  if (!yq || !yq.isPerTensor() || !xq.isPerTensor())
    fail(describe(n), ": x and y must be quantized per tensor (uint8/int8)");
  std::vector<int64_t> bias;
  if (hasInput(n, 8)) {
    const ConstTensor &bc = constant(n, 8, "B");
    if (bc.dtype != onnx::TensorProto::INT32)
      fail(describe(n), ": B must be int32");
    bias = bc.ints;
    if ((int64_t)bias.size() != (wc.dims.empty() ? 0 : wc.dims[0]))
      fail(describe(n), ": B has ", bias.size(), " values, expected ",
           wc.dims.empty() ? 0 : wc.dims[0]);
  }
  values[n.output(0)] = emitConv(n, x, w, std::nullopt, bias, yq,
                                 std::nullopt, std::nullopt);
}

void Importer::importQLinearMatMul(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  Value av = integerInput(n, 0, "a", 2);
  auto at = cast<RankedTensorType>(av.getType());
  QuantType aq = quantParams(n, 1, 2, at.getShape(), 1, onnx::TensorProto::UINT8);
  if (!aq || !aq.isPerTensor())
    fail(describe(n), ": a must be quantized per tensor (uint8/int8)");
  if (aq.getIsSigned() != getQuantElementType(at).getIsSigned())
    fail(describe(n), ": a_zero_point type does not match a");
  Value a = castTo(av, aq);
  Value rhs;
  int64_t N;
  if (auto c = consts.find(n.input(3)); c != consts.end()) {
    if (c->second.dtype != onnx::TensorProto::INT8 &&
        c->second.dtype != onnx::TensorProto::UINT8)
      fail(describe(n), ": b must be int8 or uint8");
    int64_t rank = c->second.dims.size();
    if (rank != 2 && rank != at.getRank())
      fail(describe(n), ": b must be 2-D or have a's rank ", at.getRank());
    QConst w;
    quantParams(n, 4, 5, c->second.dims, rank - 1, c->second.dtype, &w);
    w.dims = c->second.dims;
    w.values = c->second.ints;
    if (w.scales.size() > 1)
      w.axis = rank - 1;
    N = w.dims.back();
    rhs = materialize(w, n);
  } else {
    auto bit = values.find(n.input(3));
    if (bit == values.end() || !getQuantElementType(bit->second.getType()))
      fail(describe(n), ": input b must be a uint8/int8 tensor");
    auto bt = cast<RankedTensorType>(bit->second.getType());
    if (bt.getRank() != 2 && bt.getRank() != at.getRank())
      fail(describe(n), ": b must be 2-D or have a's rank ", at.getRank());
    QuantType bq = quantParams(n, 4, 5, bt.getShape(), bt.getRank() - 1,
                               onnx::TensorProto::UINT8);
    if (!bq || bq.getIsSigned() != getQuantElementType(bt).getIsSigned())
      fail(describe(n), ": b_zero_point type does not match b");
    rhs = castTo(bit->second, bq);
    N = bt.getShape().back();
  }
  QuantType yq = quantParams(n, 6, 7, SmallVector<int64_t>(at.getRank(), -1),
                             1, onnx::TensorProto::UINT8);
  if (!yq || !yq.isPerTensor())
    fail(describe(n), ": y must be quantized per tensor (uint8/int8)");
  auto rt = cast<RankedTensorType>(rhs.getType());
  int64_t K = rt.getDimSize(rt.getRank() - 2);
  if (at.getShape().back() != K)
    fail(describe(n), ": a has K = ", at.getShape().back(), " but b has ", K,
         " rows");
  for (int64_t i = 0; i + 2 < rt.getRank(); ++i)
    if (rt.getDimSize(i) != at.getDimSize(i) && rt.getDimSize(i) != 1)
      fail(describe(n), ": batch dimension ", i, " of b is ", rt.getDimSize(i),
           "; it must be 1 or a's ", at.getDimSize(i));
  SmallVector<int64_t> shape(at.getShape());
  shape.back() = N;
  values[n.output(0)] = MatMulOp::create(b, nodeLoc(n),
                                         RankedTensorType::get(shape, yq), a,
                                         rhs, Value(), FloatAttr(), FloatAttr(),
                                         "half_even", false, 0,
                                         DenseBoolArrayAttr());
}

/// Integer operand of ConvInteger/MatMulInteger: scale 1, given zero point.
static QuantType unitQuant(MLIRContext *ctx, bool isSigned,
                           ArrayRef<int64_t> zps, int64_t axis) {
  if (zps.size() <= 1)
    return QuantType::get(ctx, isSigned, 8, 1.0, zps.empty() ? 0 : zps[0]);
  return QuantType::getPerAxis(ctx, isSigned, 8, axis,
                               std::vector<double>(zps.size(), 1.0), zps);
}

void Importer::importConvInteger(const onnx::NodeProto &n) {
  allowAttrs(n, {"auto_pad", "dilations", "group", "kernel_shape", "pads",
                 "strides"});
  if (importAs2D(n, &Importer::importConvInteger))
    return;
  Value xv = integerInput(n, 0, "x", 0);
  bool xs = getQuantElementType(xv.getType()).getIsSigned();
  std::vector<int64_t> xzp;
  if (hasInput(n, 2))
    xzp = constant(n, 2, "x_zero_point").ints;
  if (xzp.size() > 1)
    fail(describe(n), ": x_zero_point must be a scalar");
  Value x = castTo(xv, unitQuant(&ctx, xs, xzp, -1));
  const ConstTensor &wc = constant(n, 1, "w");
  QConst w;
  w.dims = wc.dims;
  w.values = wc.ints;
  w.isSigned = wc.dtype == onnx::TensorProto::INT8;
  if (wc.dtype != onnx::TensorProto::INT8 && wc.dtype != onnx::TensorProto::UINT8)
    fail(describe(n), ": w must be int8 or uint8");
  w.zps = hasInput(n, 3) ? constant(n, 3, "w_zero_point").ints
                         : std::vector<int64_t>{0};
  if (w.zps.size() > 1 && !llvm::all_equal(w.zps))
    fail(describe(n), ": per-channel w_zero_point values must be equal");
  w.zps.resize(1);
  w.scales = {1.0};
  values[n.output(0)] = emitConv(n, x, w, std::nullopt, {}, b.getI32Type(),
                                 std::nullopt, std::nullopt);
}

void Importer::importMatMulInteger(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  Value av = integerInput(n, 0, "A", 2);
  auto at = cast<RankedTensorType>(av.getType());
  std::vector<int64_t> azp =
      hasInput(n, 2) ? constant(n, 2, "a_zero_point").ints : std::vector<int64_t>{};
  if (azp.size() > 1)
    fail(describe(n), ": per-row a_zero_point is not supported");
  Value a = castTo(av,
                   unitQuant(&ctx, getQuantElementType(at).getIsSigned(), azp, -1));
  const ConstTensor &bc = constant(n, 1, "B");
  if (bc.dtype != onnx::TensorProto::INT8 && bc.dtype != onnx::TensorProto::UINT8)
    fail(describe(n), ": B must be int8 or uint8");
  if (bc.dims.size() != 2)
    fail(describe(n), ": B must be 2-D");
  QConst w;
  w.dims = bc.dims;
  w.values = bc.ints;
  w.isSigned = bc.dtype == onnx::TensorProto::INT8;
  w.zps = hasInput(n, 3) ? constant(n, 3, "b_zero_point").ints
                         : std::vector<int64_t>{0};
  if (w.zps.size() > 1 && !llvm::all_equal(w.zps))
    fail(describe(n), ": per-column b_zero_point values must be equal");
  w.zps.resize(1);
  w.scales = {1.0};
  Value rhs = materialize(w, n);
  SmallVector<int64_t> shape(at.getShape());
  if (shape.back() != bc.dims[0])
    fail(describe(n), ": A has K = ", shape.back(), " but B has ", bc.dims[0],
         " rows");
  shape.back() = bc.dims[1];
  values[n.output(0)] = MatMulOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, b.getI32Type()), a, rhs,
      Value(), FloatAttr(), FloatAttr(), "half_even", false, 0,
      DenseBoolArrayAttr());
}

//===----------------------------------------------------------------------===//
// Graph
//===----------------------------------------------------------------------===//

void Importer::checkAcyclic() {
  // Iterative depth-first search over node -> consumers of its outputs; a
  // node met again while still on the path closes a cycle. Every walk the
  // importer makes along consumers (Identity chains, Relu -> quantizer,
  // affine chains) relies on this.
  enum Color : char { White, Grey, Black };
  std::map<const onnx::NodeProto *, Color> color;
  struct Frame {
    const onnx::NodeProto *node;
    int out = 0;
    size_t use = 0;
  };
  for (const auto &root : g.node()) {
    if (color[&root] != White)
      continue;
    std::vector<Frame> stack = {{&root}};
    color[&root] = Grey;
    while (!stack.empty()) {
      Frame &f = stack.back();
      if (f.out >= f.node->output_size()) {
        color[f.node] = Black;
        stack.pop_back();
        continue;
      }
      const std::string &t = f.node->output(f.out);
      auto it = consumers.find(t);
      if (t.empty() || it == consumers.end() || f.use >= it->second.size()) {
        ++f.out;
        f.use = 0;
        continue;
      }
      const onnx::NodeProto *next = it->second[f.use++];
      if (color[next] == Grey)
        fail(describe(*next), ": the graph has a cycle through '", t, "'");
      if (color[next] == White) {
        color[next] = Grey;
        stack.push_back({next});
      }
    }
  }
}

void Importer::checkOpsetSemantics(int64_t opset) {
  // Opsets 10 to 12 differ from 13 only where checked here, for the ops
  // qcc imports: QuantizeLinear/DequantizeLinear before 13 are per tensor
  // (no axis; scalar scale and zero point). Clip's min/max attributes
  // (before 11) and Split's split attribute (before 13) are read as such.
  if (opset >= 13)
    return;
  for (const auto &n : g.node()) {
    if (!(n.domain().empty() || n.domain() == "ai.onnx") ||
        (n.op_type() != "QuantizeLinear" && n.op_type() != "DequantizeLinear"))
      continue;
    if (attr(n, "axis"))
      fail(describe(n), ": attribute 'axis' needs opset 13 (the model imports "
                        "opset ", opset, ", where ", n.op_type(),
           " is per tensor)");
    for (int i = 1; i <= 2 && i < n.input_size(); ++i)
      if (auto it = consts.find(n.input(i));
          it != consts.end() && it->second.numElements() != 1)
        fail(describe(n), ": ", i == 1 ? "scale" : "zero point", " '",
             n.input(i), "' must be a scalar at opset ", opset,
             " (per-axis quantization needs opset 13)");
  }
}

OwningOpRef<ModuleOp> Importer::run() {
  int64_t opset = -1;
  for (const auto &o : model.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx")
      opset = o.version();
  if (opset < 0)
    fail("model: no opset is imported for the default ONNX domain");
  if (opset < kMinOpset)
    fail("model: ONNX opset ", opset, " is not supported (", kMinOpset, " to ",
         kMaxOpset, ")");
  this->opset = opset;
  collectConstants();
  checkOpsetSemantics(opset);
  format = detectFormat();
  for (const auto &o : g.output())
    graphOutputs.insert(o.name());
  // ONNX graphs are in SSA form: a tensor is a graph input, an initializer
  // or one node's output, once.
  llvm::StringSet<> defined;
  for (const auto &in : g.input())
    defined.insert(in.name());
  for (const auto &t : g.initializer())
    defined.insert(t.name());
  for (const auto &n : g.node()) {
    // Every op qcc reads has an output; fusions look at nodes ahead of
    // their turn, so check it here once.
    if (n.output_size() < 1 || n.output(0).empty())
      fail(describe(n), ": node has no output");
    for (const auto &in : n.input())
      if (!in.empty())
        consumers[in].push_back(&n);
    for (const auto &out : n.output()) {
      if (out.empty())
        continue;
      if (auto it = producers.find(out); it != producers.end())
        fail(describe(n), ": output '", out, "' is already the output of ",
             describe(*it->second), " (a tensor is defined once)");
      if (defined.count(out))
        fail(describe(n), ": output '", out,
             "' is already a graph input or initializer (a tensor is defined once)");
      producers[out] = &n;
    }
  }
  checkAcyclic();
  checkOpVersions();
  // Shape reads no values, only the static shape: it is no consumer for
  // the fusions that need a tensor's only reader (Relu, BN, quantizers).
  for (auto &[name, readers] : consumers)
    llvm::erase_if(readers, [](const onnx::NodeProto *r) {
      return r->op_type() == "Shape" &&
             (r->domain().empty() || r->domain() == "ai.onnx");
    });

  // Owned from the start: a failure anywhere below frees it.
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  // Inputs.
  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const auto &in : g.input()) {
    if (consts.count(in.name()) || unreadable.count(in.name()))
      continue; // initializer listed as input (IR < 4)
    if (!in.type().has_tensor_type())
      fail("input '", in.name(), "': only tensor inputs are supported");
    const auto &tt = in.type().tensor_type();
    std::vector<int64_t> shape;
    auto ov = opts.shapes.find(in.name());
    if (ov != opts.shapes.end()) {
      shape = ov->second;
      if (tt.has_shape() && tt.shape().dim_size() != (int)shape.size())
        fail("input '", in.name(), "': --shape gives rank ", shape.size(),
             " but the model has rank ", tt.shape().dim_size());
    } else {
      if (!tt.has_shape())
        fail("input '", in.name(), "': no shape in the model; pass --shape ",
             in.name(), "=...");
      for (int i = 0; i < tt.shape().dim_size(); ++i) {
        const auto &d = tt.shape().dim(i);
        if (d.has_dim_value() && d.dim_value() == 0)
          fail("input '", in.name(), "': dimension ", i,
               " is 0; empty tensors are not supported");
        if (d.has_dim_value() && d.dim_value() > 0)
          shape.push_back(d.dim_value());
        else if (i == 0)
          shape.push_back(opts.defaultBatch);
        else
          fail("input '", in.name(), "': dimension ", i, " ('",
               d.dim_param(), "') is symbolic; pass --shape ", in.name(),
               "=1x...");
      }
    }
    int64_t count = 1;
    for (int64_t d : shape) {
      if (d <= 0)
        fail("input '", in.name(), "': dimensions must be positive");
      if (count > (int64_t(1) << 31) / d)
        fail("input '", in.name(), "': more than 2^31 elements");
      count *= d;
    }
    Type elem;
    switch (tt.elem_type()) {
    case onnx::TensorProto::FLOAT: elem = b.getF32Type(); break;
    case onnx::TensorProto::FLOAT16: elem = b.getF16Type(); break;
    case onnx::TensorProto::UINT8:
      elem = IntegerType::get(&ctx, 8, IntegerType::Unsigned); break;
    case onnx::TensorProto::INT8:
      elem = IntegerType::get(&ctx, 8, IntegerType::Signed); break;
    case onnx::TensorProto::UINT16:
      elem = IntegerType::get(&ctx, 16, IntegerType::Unsigned); break;
    case onnx::TensorProto::INT16:
      elem = IntegerType::get(&ctx, 16, IntegerType::Signed); break;
    // Packed as ONNX stores them: two a byte (qnn.storage_cast unpacks).
    case kUINT4: elem = IntegerType::get(&ctx, 4, IntegerType::Unsigned); break;
    case kINT4: elem = IntegerType::get(&ctx, 4, IntegerType::Signed); break;
    default:
      fail("input '", in.name(), "': element type ", dtypeName(tt.elem_type()),
           " is not supported (float32, float16, uint8, int8, uint16, int16, "
           "uint4, int4)");
    }
    argTypes.push_back(RankedTensorType::get(shape, elem));
    argNames.push_back(in.name());
  }
  for (const auto &[name, _] : opts.shapes)
    if (!llvm::is_contained(argNames, name))
      fail("--shape: the model has no input named '", name, "'");

  auto func = func::FuncOp::create(b, loc, "forward",
                                   b.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  for (auto [i, name] : llvm::enumerate(argNames)) {
    func.setArgAttr(i, kIONameAttr, b.getStringAttr(name));
    Value arg = entry->getArgument(i);
    auto t = cast<RankedTensorType>(arg.getType());
    if (t.getElementType().isF16())
      arg = FloatCastOp::create(
          b, NameLoc::get(b.getStringAttr(name)),
          RankedTensorType::get(t.getShape(), b.getF32Type()), arg);
    if (auto it = dyn_cast<IntegerType>(t.getElementType()))
      arg = StorageCastOp::create(
          b, loc,
          RankedTensorType::get(t.getShape(),
                                QuantType::get(&ctx, it.isSigned(),
                                               it.getWidth(), 1.0, 0)),
          arg);
    values[name] = arg;
  }

  for (const auto &n : g.node())
    importNode(n);

  // Outputs.
  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (const auto &o : g.output()) {
    int32_t want = o.type().tensor_type().elem_type();
    Value v;
    if (want == onnx::TensorProto::FLOAT || want == onnx::TensorProto::FLOAT16) {
      ensureConstant(o.name());
      if (auto c = consts.find(o.name());
          c != consts.end() && !values.count(o.name()) && !c->second.isInt()) {
        // A float constant (a Constant node, folded arithmetic): its values.
        if (llvm::is_contained(c->second.dims, 0))
          fail("output '", o.name(), "': empty tensors are not supported");
        std::vector<float> data(c->second.floats.begin(), c->second.floats.end());
        v = arith::ConstantOp::create(
            b, loc,
            DenseElementsAttr::get(RankedTensorType::get(c->second.dims, b.getF32Type()),
                                   ArrayRef<float>(data)));
      } else if (!values.count(o.name()) && !dqViews.count(o.name())) {
        fail("output '", o.name(), "': not produced by a supported node");
      } else {
        v = floatValue(o.name(), nullptr);
      }
      // A float16 value is already narrowed once (Cast to float16): its
      // binary16 form is the output.
      auto widened = v.getDefiningOp<FloatCastOp>();
      if (want == onnx::TensorProto::FLOAT16 && widened &&
          cast<RankedTensorType>(widened.getInput().getType()).getElementType().isF16())
        v = widened.getInput();
      else if (want == onnx::TensorProto::FLOAT16)
        v = FloatCastOp::create(
            b, loc,
            RankedTensorType::get(cast<RankedTensorType>(v.getType()).getShape(),
                                  b.getF16Type()),
            v);
    } else {
      auto it = values.find(o.name());
      if (it == values.end())
        fail("output '", o.name(), "': not produced by a supported node");
      v = it->second;
      auto t = cast<RankedTensorType>(v.getType());
      if (auto q = getQuantElementType(t)) {
        bool wide = q.getMaxBits() > 8;
        // 4-bit values (not bipolar) may be declared int4/uint4: stored
        // packed as ONNX stores them.
        bool packed = (want == kINT4 || want == kUINT4) && q.getMaxBits() <= 4 &&
                      !q.isBipolar();
        int32_t have = q.getIsSigned()
                           ? (wide ? onnx::TensorProto::INT16
                                   : packed ? kINT4 : onnx::TensorProto::INT8)
                           : (wide ? onnx::TensorProto::UINT16
                                   : packed ? kUINT4 : onnx::TensorProto::UINT8);
        if (want != have)
          fail("output '", o.name(), "': declared ", dtypeName(want),
               " but the graph computes ", dtypeName(have));
        Type storage = packed ? IntegerType::get(&ctx, 4,
                                                 q.getIsSigned() ? IntegerType::Signed
                                                                 : IntegerType::Unsigned)
                              : Type(q.getSignedStorageType());
        v = StorageCastOp::create(b, loc, RankedTensorType::get(t.getShape(), storage),
                                  v);
      } else if (!(t.getElementType().isInteger(32) &&
                   want == onnx::TensorProto::INT32) &&
                 !(t.getElementType().isInteger(64) &&
                   want == onnx::TensorProto::INT64)) {
        fail("output '", o.name(), "': declared ", dtypeName(want),
             " but the graph computes ", t.getElementType());
      }
    }
    results.push_back(v);
    resultTypes.push_back(v.getType());
  }
  if (results.empty())
    fail("model: the graph has no outputs");
  func::ReturnOp::create(b, loc, results);
  func.setType(b.getFunctionType(argTypes, resultTypes));
  for (auto [i, o] : llvm::enumerate(g.output()))
    func.setResultAttr(i, kIONameAttr, b.getStringAttr(o.name()));
  // A float16 tensor is a narrowing then a widening qnn.float_cast; the
  // side nothing reads (a Cast feeding only a float16 output) goes, so
  // that --report and the arena bound count only conversions that run.
  for (bool erased = true; erased;) {
    erased = false;
    SmallVector<FloatCastOp> dead;
    func.walk([&](FloatCastOp c) {
      if (c->use_empty())
        dead.push_back(c);
    });
    for (FloatCastOp c : dead)
      c->erase();
    erased = !dead.empty();
  }
  // The qnn verifiers check what the importer did not; their first message,
  // with the ONNX node name the op carries as its location, is the error.
  std::optional<std::string> firstError;
  {
    ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
      if (d.getSeverity() == DiagnosticSeverity::Error && !firstError) {
        std::string where;
        if (auto nl = dyn_cast<NameLoc>(d.getLocation()))
          where = "node '" + nl.getName().str() + "': ";
        firstError = where + d.str();
      }
      return success();
    });
    if (failed(mlir::verify(*module)))
      fail(firstError.value_or("the imported IR does not verify"));
  }
  return module;
}

} // namespace qcc::onnximport

using namespace qcc::onnximport;

OwningOpRef<ModuleOp> qcc::importONNXModel(MLIRContext &ctx,
                                           const std::string &path,
                                           const ONNXImportOptions &opts,
                                           std::string &error) {
  ctx.getOrLoadDialect<QNNDialect>();
  ctx.getOrLoadDialect<arith::ArithDialect>();
  ctx.getOrLoadDialect<func::FuncDialect>();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open the file";
    return {};
  }
  onnx::ModelProto model;
  if (!model.ParseFromIstream(&in)) {
    error = "not a valid ONNX model (protobuf parse failed)";
    return {};
  }
  if (!model.has_graph()) {
    error = "the model has no graph";
    return {};
  }
  try {
    Importer imp(ctx, model, opts, llvm::sys::path::parent_path(path).str());
    return imp.run();
  } catch (const ImportError &e) {
    // One line whatever the model's names contain: escape control bytes.
    error.clear();
    for (unsigned char c : e.message) {
      if (c < 0x20 || c == 0x7f)
        error += llvm::formatv("\\x{0:x-2}", (unsigned)c).str();
      else
        error += (char)c;
    }
    return {};
  }
}
