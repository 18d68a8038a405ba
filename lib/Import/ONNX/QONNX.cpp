//===- QONNX.cpp - QONNX Quant, BipolarQuant and Trunc ----------------------===//
//
// QONNX quantizers as Brevitas, FINN and HAWQ export them. Their outputs are
// float (fake-quantized) tensors, so an activation quantizer becomes a DQ
// view of the quantized value, and a quantizer of a constant is folded into
// a quantized constant exactly as the QONNX reference computes it in
// binary32: clamp(x / scale + zeropt) then rounding.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

#include "llvm/ADT/StringSwitch.h"

namespace qcc::onnximport {

bool Importer::isQONNXDomain(StringRef d) {
  return d == "qonnx.custom_op.general" || d == "onnx.brevitas" ||
         d == "finn.custom_op.general" || d == "finn";
}

int64_t Importer::domainVersion(StringRef domain) {
  for (const auto &o : model.opset_import())
    if (o.domain() == domain)
      return o.version();
  return -1;
}

static std::string shapeStr(ArrayRef<int64_t> dims) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(dims))
    s += (i ? ", " : "") + (d < 0 ? std::string("?") : std::to_string(d));
  return s + "]";
}

/// The axis of data of shape `shape` along which a parameter of dims `p`
/// varies under numpy broadcasting: -1 when it has one element, nullopt
/// when it varies along more than one axis or does not broadcast.
static std::optional<int64_t> broadcastAxis(ArrayRef<int64_t> p,
                                            ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : p)
    n *= d;
  if (n == 1)
    return -1;
  if (p.size() > shape.size())
    return std::nullopt;
  int64_t axis = -1;
  for (size_t i = 0; i < p.size(); ++i) {
    int64_t a = shape.size() - p.size() + i;
    if (p[i] == 1)
      continue;
    if (axis >= 0 || (shape[a] >= 0 && shape[a] != p[i]))
      return std::nullopt;
    axis = a;
  }
  return axis;
}

/// QONNX rounding_mode (either case) -> qnn rounding spelling and mode.
static std::optional<std::pair<RoundingMode, const char *>>
parseQONNXRounding(StringRef s) {
  using R = std::optional<std::pair<RoundingMode, const char *>>;
  return llvm::StringSwitch<R>(s.upper())
      .Cases({"ROUND", "HALF_EVEN"}, R({RoundingMode::HalfEven, "half_even"}))
      .Case("CEIL", R({RoundingMode::Ceil, "ceil"}))
      .Case("FLOOR", R({RoundingMode::Floor, "floor"}))
      .Case("UP", R({RoundingMode::Up, "up"}))
      .Cases({"DOWN", "ROUND_TO_ZERO"}, R({RoundingMode::Down, "down"}))
      .Case("HALF_UP", R({RoundingMode::HalfUp, "half_up"}))
      .Case("HALF_DOWN", R({RoundingMode::HalfDown, "half_down"}))
      .Default(std::nullopt);
}

/// Reads the rounding_mode attribute (default `dflt`) into q.
static void readRounding(const onnx::NodeProto &n, const std::string &mode,
                         RoundingMode &out, std::string &spelling) {
  auto r = parseQONNXRounding(mode);
  if (!r)
    fail(describe(n), ": rounding_mode '", mode,
         "' is not one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP, "
         "HALF_DOWN");
  out = r->first;
  spelling = r->second;
}

/// The integer values of a scalar or per-channel parameter that must hold
/// integers (zero point, bit-width).
static std::vector<int64_t> integral(const onnx::NodeProto &n,
                                     const std::string &name,
                                     const ConstTensor &c, StringRef what,
                                     StringRef plural) {
  std::vector<int64_t> r(c.ints.begin(), c.ints.end());
  for (double v : c.floats) {
    if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 1e9)
      fail(describe(n), ": ", what, " '", name, "' has the value ", v, "; ",
           plural, " must be integers");
    r.push_back((int64_t)v);
  }
  return r;
}

Importer::QonnxQuant Importer::qonnxParams(const onnx::NodeProto &n,
                                           ArrayRef<int64_t> shape) {
  QonnxQuant r;
  QConst &p = r.params;
  bool bipolar = n.op_type() == "BipolarQuant";
  if (bipolar) {
    allowAttrs(n, {});
  } else {
    allowAttrs(n, {"signed", "narrow", "rounding_mode"});
    for (const char *a : {"signed", "narrow"})
      if (int64_t v = attrInt(n, a, 0); v != 0 && v != 1)
        fail(describe(n), ": attribute '", a, "' must be 0 or 1, got ", v);
    readRounding(n, attrString(n, "rounding_mode", "ROUND"), r.mode,
                 r.rounding);
  }
  p.bipolar = bipolar;
  p.isSigned = bipolar || attrInt(n, "signed", 1);
  r.narrow = !bipolar && attrInt(n, "narrow", 0);

  // Each parameter is a scalar or varies along one axis of the data.
  int64_t axis = -1;
  auto axisOf = [&](int i, const ConstTensor &c, StringRef what) {
    std::optional<int64_t> a = broadcastAxis(c.dims, shape);
    if (!a)
      fail(describe(n), ": ", what, " '", n.input(i), "' of shape ",
           shapeStr(c.dims), " does not broadcast along one axis of the input ",
           shapeStr(shape));
    if (*a >= 0 && axis >= 0 && *a != axis)
      fail(describe(n), ": scale, zero point and bit-width vary along "
                        "different axes (",
           axis, " and ", *a, ")");
    if (*a >= 0)
      axis = *a;
    return *a;
  };
  const ConstTensor &s = constant(n, 1, "scale");
  if (s.dtype != onnx::TensorProto::FLOAT)
    fail(describe(n), ": scale '", n.input(1), "' must be float32, got ",
         dtypeName(s.dtype));
  if (s.numElements() == 0)
    fail(describe(n), ": scale '", n.input(1), "' is empty");
  axisOf(1, s, "scale");
  for (double v : s.floats)
    if (!(v > 0) || !std::isfinite(v))
      fail(describe(n), ": scale '", n.input(1), "' has the value ", v,
           "; scales must be positive and finite");
  std::vector<int64_t> zps = {0}, bits = {1};
  if (!bipolar) {
    const ConstTensor &z = constant(n, 2, "zero point");
    const ConstTensor &w = constant(n, 3, "bit-width");
    if (z.numElements() == 0 || w.numElements() == 0)
      fail(describe(n), ": zero point and bit-width must not be empty");
    axisOf(2, z, "zero point");
    axisOf(3, w, "bit-width");
    zps = integral(n, n.input(2), z, "zero point", "zero points");
    bits = integral(n, n.input(3), w, "bit-width", "bit-widths");
    for (int64_t b : bits)
      if (b < 1 || b > 8)
        fail(describe(n), ": bit-width '", n.input(3), "' is ", b,
             "; qcc supports 1 to 8 bits");
  }
  // Expand the varying parameters to one value per channel of `axis`.
  int64_t C = axis >= 0 ? shape[axis] : 1;
  if (C < 0)
    fail(describe(n), ": the extent of axis ", axis, " is unknown");
  auto expand = [&](auto values) {
    using T = typename decltype(values)::value_type;
    std::vector<T> out;
    for (int64_t c = 0; c < C; ++c)
      out.push_back(values.size() == 1 ? values[0] : values[c]);
    return out;
  };
  bool perChannel = s.numElements() > 1 || zps.size() > 1;
  p.axis = axis;
  p.scales = perChannel ? expand(s.floats) : s.floats;
  p.zps = perChannel ? expand(zps) : zps;
  p.bits.clear();
  for (int64_t b : bits.size() > 1 ? expand(bits) : bits)
    p.bits.push_back((unsigned)b);
  p.dtype = onnx::TensorProto::FLOAT;
  if (!bipolar)
    for (int64_t c = 0; c < (int64_t)p.zps.size(); ++c)
      for (int64_t cc : p.bits.size() > 1 && p.zps.size() == 1
                            ? std::vector<int64_t>{0, C - 1}
                            : std::vector<int64_t>{c})
        if (p.zpOf(c) < p.qmin(cc) || p.zpOf(c) > p.qmax(cc))
          fail(describe(n), ": zero point ", p.zpOf(c),
               " is outside the range of ", p.bitsOf(cc), "-bit ",
               p.isSigned ? "signed" : "unsigned", " values");
  return r;
}

std::pair<std::optional<double>, std::optional<double>>
Importer::qonnxRange(const onnx::NodeProto &n, const QonnxQuant &q) {
  const QConst &p = q.params;
  if (!q.narrow)
    return {};
  // Narrow range: one integer less at the negative (signed) or the
  // positive (unsigned) end, as a real bound for the whole tensor.
  std::optional<double> lo, hi;
  for (int64_t c = 0; c < (int64_t)p.bits.size(); ++c) {
    double v = p.isSigned ? (p.qmin(c) + 1 - p.zpOf(0)) * p.scaleOf(0)
                          : (p.qmax(c) - 1 - p.zpOf(0)) * p.scaleOf(0);
    std::optional<double> &b = p.isSigned ? lo : hi;
    if (b && *b != v)
      fail(describe(n), ": narrow range with per-slice bit-widths is not "
                        "supported on activations");
    b = v;
  }
  return {lo, hi};
}

QConst Importer::foldQONNXQuant(const onnx::NodeProto &n, const ConstTensor &c) {
  if (c.floats.empty() && c.numElements() > 0)
    fail(describe(n), ": input '", n.input(0), "' must be float32, got ",
         dtypeName(c.dtype));
  QonnxQuant q = qonnxParams(n, c.dims);
  QConst qc = q.params;
  qc.dims = c.dims;
  qc.origin = c.origin;
  qc.values.reserve(c.floats.size());
  for (size_t i = 0; i < c.floats.size(); ++i) {
    float x = (float)c.floats[i];
    if (std::isnan(x))
      fail(describe(n), ": input '", n.input(0), "' holds NaN at element ", i);
    int64_t ch = qc.channelOf(i);
    if (qc.bipolar) {
      qc.values.push_back(x >= 0.0f ? 1 : -1);
      continue;
    }
    // binary32, as the QONNX reference: x / scale + zeropt, clamp, round.
    float y = x / (float)qc.scaleOf(ch);
    y = y + (float)qc.zpOf(ch);
    int64_t lo = qc.qmin(ch) + (q.narrow && qc.isSigned);
    int64_t hi = qc.qmax(ch) - (q.narrow && !qc.isSigned);
    y = std::min(std::max(y, (float)lo), (float)hi);
    qc.values.push_back((int64_t)roundWith(q.mode, (double)y));
  }
  return qc;
}

void Importer::importQONNXQuant(const onnx::NodeProto &n) {
  const std::string &x = n.input(0);
  ensureConstant(x);
  if (auto u = unreadable.find(x); u != unreadable.end())
    fail(describe(n), ": ", u->second);
  if (auto it = consts.find(x); it != consts.end()) {
    dqConsts[n.output(0)] = foldQONNXQuant(n, it->second);
    return;
  }
  if (auto it = dqConsts.find(x); it != dqConsts.end()) {
    // Quantizing an already quantized constant: fold its binary32 values.
    ConstTensor c;
    c.dtype = onnx::TensorProto::FLOAT;
    c.dims = it->second.dims;
    c.origin = it->second.origin;
    for (size_t i = 0; i < it->second.values.size(); ++i) {
      int64_t ch = it->second.channelOf(i);
      c.floats.push_back((float)((float)it->second.scaleOf(ch) *
                                 (float)(it->second.values[i] -
                                         it->second.zpOf(ch))));
    }
    dqConsts[n.output(0)] = foldQONNXQuant(n, c);
    return;
  }
  Value in;
  if (auto it = dqViews.find(x); it != dqViews.end())
    in = it->second;
  else
    in = floatValue(x, &n);
  auto t = cast<RankedTensorType>(in.getType());
  OutputQuant oq;
  quantizerOutput(n, t.getShape(), oq);
  Value v;
  if (getQuantElementType(t)) {
    v = requantize(in, oq.type, n, oq.lo, oq.hi, oq.rounding);
  } else {
    v = QuantizeOp::create(b, nodeLoc(n),
                           RankedTensorType::get(t.getShape(), oq.type), in,
                           oq.rounding);
    if (oq.lo || oq.hi)
      v = requantize(v, oq.type, n, oq.lo, oq.hi, "half_even");
  }
  dqViews[oq.outName] = v;
}

/// A scalar parameter of Trunc.
static double truncScalar(Importer &imp, const onnx::NodeProto &n,
                          const ConstTensor &c, int i, StringRef what) {
  if (c.numElements() != 1)
    fail(describe(n), ": ", what, " '", n.input(i),
         "' must be a scalar (Trunc is per tensor)");
  return c.floats.empty() ? (double)c.ints[0] : c.floats[0];
}

void Importer::importTrunc(const onnx::NodeProto &n) {
  // Version 1: x, scale, zeropt, in_bitwidth, out_bitwidth.
  // Version 2: x, scale, zeropt, in_bitwidth, out_scale, [out_zeropt,]
  //            out_bitwidth; attributes signed and narrow.
  int64_t version = domainVersion(n.domain());
  bool v2 = version >= 2 || (version < 0 && n.input_size() >= 6);
  if (v2)
    allowAttrs(n, {"rounding_mode", "signed", "narrow"});
  else
    allowAttrs(n, {"rounding_mode"});
  int expected = v2 ? (n.input_size() == 7 ? 7 : 6) : 5;
  if (n.input_size() != expected)
    fail(describe(n), ": Trunc version ", v2 ? 2 : 1, " has ", expected,
         " inputs, got ", n.input_size());
  RoundingMode mode;
  std::string rounding;
  readRounding(n, attrString(n, "rounding_mode", "FLOOR"), mode, rounding);
  auto it = dqViews.find(n.input(0));
  if (it == dqViews.end())
    fail(describe(n), ": input '", n.input(0),
         "' must be a quantized tensor (the output of a Quant, or of an op "
         "quantized by one)");
  Value in = it->second;
  QuantType inQ = getQuantElementType(in.getType());
  double scale = truncScalar(*this, n, constant(n, 1, "scale"), 1, "scale");
  double zpReal =
      truncScalar(*this, n, constant(n, 2, "zero point"), 2, "zero point");
  double inBits = truncScalar(*this, n, constant(n, 3, "input bit-width"), 3,
                              "input bit-width");
  int outIdx = n.input_size() - 1;
  double outBits = truncScalar(*this, n, constant(n, outIdx, "bit-width"),
                               outIdx, "output bit-width");
  for (double v : {zpReal, inBits, outBits})
    if (v != std::floor(v) || !std::isfinite(v))
      fail(describe(n), ": zero point and bit-widths must be integers, got ",
           v);
  if (outBits < 1 || outBits > 8)
    fail(describe(n), ": output bit-width is ", outBits,
         "; qcc supports 1 to 8 bits");
  if (!(scale > 0) || !std::isfinite(scale))
    fail(describe(n), ": scale '", n.input(1), "' has the value ", scale,
         "; scales must be positive and finite");
  int64_t zp = (int64_t)zpReal;
  if (inQ.isBipolar() || !inQ.isPerTensor() || inQ.isSliced() ||
      inQ.getScaleOf(0) != roundToF32(scale) || inQ.getZeroPointOf(0) != zp)
    fail(describe(n), ": scale and zero point must be those of its input '",
         n.input(0), "'");
  bool isSigned = v2 ? attrInt(n, "signed", 1) != 0 : inQ.getIsSigned();
  bool narrow = v2 && attrInt(n, "narrow", 0);
  // trunc_scale = 2^(in - out) (v1) or 2^round(log2(out_scale / scale)).
  double outScale = scale;
  int64_t e = (int64_t)inBits - (int64_t)outBits;
  if (v2) {
    outScale = truncScalar(*this, n, constant(n, 4, "output scale"), 4,
                           "output scale");
    if (!(outScale > 0) || !std::isfinite(outScale))
      fail(describe(n), ": output scale has the value ", outScale,
           "; scales must be positive and finite");
    e = (int64_t)std::nearbyint(std::log2((double)(float)outScale /
                                          (double)(float)scale));
  }
  double ts = std::ldexp(1.0, (int)e);
  double zpOut = zp / ts;
  if (zpOut != std::floor(zpOut))
    fail(describe(n), ": zero point ", zp,
         " is not a multiple of the truncation factor ", ts);
  unsigned bits = (unsigned)outBits;
  int64_t zpT = (int64_t)zpOut;
  // The output integers t = round(q / ts): a requantization to scale
  // scale * ts, then the output's own scale and zero point (v1: the input's,
  // v2: out_scale and zeropt / ts).
  int64_t zpFinal = v2 ? zpT : zp;
  for (int64_t z : {zpT, zpFinal})
    if (z < intMin(isSigned, bits) || z > intMax(isSigned, bits))
      fail(describe(n), ": zero point ", z, " does not fit ", bits, "-bit ",
           isSigned ? "signed" : "unsigned", " values");
  QuantType mid = QuantType::get(&ctx, isSigned, bits, roundToF32(scale) * ts,
                                 zpT);
  std::optional<double> lo, hi;
  if (narrow && isSigned)
    lo = (intMin(true, bits) + 1 - zpT) * mid.getScaleOf(0);
  if (narrow && !isSigned)
    hi = (intMax(false, bits) - 1 - zpT) * mid.getScaleOf(0);
  Value v = requantize(in, mid, n, lo, hi, rounding);
  QuantType outQ = QuantType::get(&ctx, isSigned, bits, outScale, zpFinal);
  dqViews[n.output(0)] = castTo(v, outQ);
}

} // namespace qcc::onnximport
