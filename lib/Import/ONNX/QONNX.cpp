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

/// Reads the rounding_mode attribute (default `dflt`) into q. QONNX adds
/// the zero point before rounding.
static void readRounding(const onnx::NodeProto &n, const std::string &mode,
                         RoundingMode &out, RoundSpec &spelling) {
  auto r = parseQONNXRounding(mode);
  if (!r)
    fail(describe(n), ": rounding_mode '", mode,
         "' is not one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP, "
         "HALF_DOWN");
  out = r->first;
  spelling = {r->second, /*zeroPointFirst=*/true};
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
  checkScaleType(n, n.input(1), s);
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
    for (float f : it->second.dequantizedF32())
      c.floats.push_back(f);
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
                           roundingAttr(oq.rounding),
                           zeroPointFirstAttr(oq.rounding, oq.type));
    if (oq.lo || oq.hi)
      v = requantize(v, oq.type, n, oq.lo, oq.hi, RoundSpec::onnx());
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

Importer::TruncSpec Importer::truncSpec(const onnx::NodeProto &n, QuantType inQ,
                                        const std::string &inName) {
  // Version 1: x, scale, zeropt, in_bitwidth, out_bitwidth.
  // Version 2: x, scale, zeropt, in_bitwidth, out_scale, [out_zeropt,]
  //            out_bitwidth; attributes signed and narrow. out_zeropt is
  //            read by the QONNX reference but not used: its output zero
  //            point is zeropt / trunc_scale, and so is qcc's.
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
  TruncSpec t;
  t.v2 = v2;
  RoundingMode mode;
  readRounding(n, attrString(n, "rounding_mode", "FLOOR"), mode, t.rounding);
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
  // Before any conversion to int64: a width is 1..32 bits (a Trunc input
  // is an accumulator at most), a zero point fits 32 bits.
  if (inBits < 1 || inBits > 32)
    fail(describe(n), ": input bit-width is ", inBits,
         "; a Trunc input has 1 to 32 bits");
  if (std::fabs(zpReal) > 2147483647.0)
    fail(describe(n), ": zero point ", zpReal, " does not fit 32 bits");
  if (outBits < 1 || outBits > 8)
    fail(describe(n), ": output bit-width is ", outBits,
         "; qcc supports 1 to 8 bits");
  if (!(scale > 0) || !std::isfinite(scale))
    fail(describe(n), ": scale '", n.input(1), "' has the value ", scale,
         "; scales must be positive and finite");
  t.zp = (int64_t)zpReal;
  if (inQ.isBipolar() || !inQ.isPerTensor() || inQ.isSliced() ||
      inQ.getScaleOf(0) != roundToF32(scale) || inQ.getZeroPointOf(0) != t.zp)
    fail(describe(n), ": scale and zero point must be those of its input '",
         inName, "'");
  t.isSigned = v2 ? attrInt(n, "signed", 1) != 0 : inQ.getIsSigned();
  t.narrow = v2 && attrInt(n, "narrow", 0);
  t.bits = (unsigned)outBits;
  // trunc_scale = 2^(in - out) (v1) or 2^round(log2(out_scale / scale)).
  t.scale = roundToF32(scale);
  t.outScale = t.scale;
  t.e = (int64_t)inBits - (int64_t)outBits;
  if (v2) {
    t.outScale = truncScalar(*this, n, constant(n, 4, "output scale"), 4,
                             "output scale");
    if (!(t.outScale > 0) || !std::isfinite(t.outScale))
      fail(describe(n), ": output scale has the value ", t.outScale,
           "; scales must be positive and finite");
    t.e = (int64_t)std::nearbyint(std::log2((double)(float)t.outScale /
                                            (double)(float)scale));
  }
  return t;
}

QuantType Importer::TruncSpec::midType(MLIRContext *ctx, int64_t zpMid) const {
  return QuantType::get(ctx, isSigned, bits, scale * std::ldexp(1.0, (int)e),
                        zpMid);
}

std::pair<std::optional<double>, std::optional<double>>
Importer::TruncSpec::range(QuantType mid) const {
  // v2 narrow: one integer less at the negative (signed) or positive end.
  std::optional<double> lo, hi;
  int64_t z = mid.getZeroPointOf(0);
  if (narrow && isSigned)
    lo = (intMin(true, bits) + 1 - z) * mid.getScaleOf(0);
  if (narrow && !isSigned)
    hi = (intMax(false, bits) - 1 - z) * mid.getScaleOf(0);
  return {lo, hi};
}

/// A zero point of a Trunc's output width: zeropt (shifted right by the
/// truncation: zeropt / trunc_scale, which must be an integer).
static int64_t truncZeroPoint(const onnx::NodeProto &n,
                              const Importer::TruncSpec &t, bool shifted) {
  double z = shifted ? std::ldexp((double)t.zp, -(int)t.e) : (double)t.zp;
  if (z != std::floor(z))
    fail(describe(n), ": zero point ", t.zp,
         " is not a multiple of the truncation factor ",
         std::ldexp(1.0, (int)t.e));
  if (z < intMin(t.isSigned, t.bits) || z > intMax(t.isSigned, t.bits))
    fail(describe(n), ": zero point ", z, " does not fit ", t.bits,
         "-bit ", t.isSigned ? "signed" : "unsigned", " values");
  return (int64_t)z;
}

QuantType Importer::truncOutputType(const onnx::NodeProto &n,
                                    const TruncSpec &t) {
  // The output integers y are the value's: v1 keeps the input's scale and
  // zero point, v2 has out_scale and zeropt / trunc_scale.
  return QuantType::get(&ctx, t.isSigned, t.bits, t.outScale,
                        truncZeroPoint(n, t, t.v2));
}

void Importer::importTrunc(const onnx::NodeProto &n) {
  auto it = dqViews.find(n.input(0));
  if (it == dqViews.end())
    fail(describe(n), ": input '", n.input(0),
         "' must be a quantized tensor (the output of a Quant, or of an op "
         "quantized by one)");
  Value in = it->second;
  TruncSpec t =
      truncSpec(n, getQuantElementType(in.getType()), n.input(0));
  QuantType outQ = truncOutputType(n, t);
  // The output integers y = round(q / ts): a requantization to scale
  // scale * ts and zero point zeropt / ts (which must be an integer), then
  // the output's own scale and zero point.
  QuantType mid = t.midType(&ctx, truncZeroPoint(n, t, true));
  auto [lo, hi] = t.range(mid);
  Value v = requantize(in, mid, n, lo, hi, t.rounding);
  dqViews[n.output(0)] = castTo(v, outQ);
}

bool Importer::importTruncAvgPool(const onnx::NodeProto &pool, Value x,
                                  ArrayRef<int64_t> k,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> pads,
                                  ArrayRef<int64_t> outShape) {
  const onnx::NodeProto *mul = singleConsumer(output0(pool));
  if (!mul || mul->op_type() != "Mul")
    return false;
  const onnx::NodeProto *trunc = singleConsumer(output0(*mul));
  if (!trunc || trunc->op_type() != "Trunc" ||
      !isQONNXDomain(trunc->domain()))
    return false;
  // Brevitas' quantized average pooling: the average times the window size
  // is the window's sum, which Trunc brings back to its width. The sum of
  // (q - zp) is a depthwise convolution with a kernel of ones.
  allowAttrs(*mul, {});
  auto xt = cast<RankedTensorType>(x.getType());
  // Every window must hold K values, K the divisor of the average.
  bool padded = llvm::any_of(pads, [](int64_t p) { return p != 0; });
  if (padded && !attrInt(pool, "count_include_pad", 0))
    fail(describe(pool), ": padding with count_include_pad=0 averages the "
                         "edge windows over fewer values; Mul -> Trunc "
                         "needs every window's sum (count_include_pad=1)");
  for (int i = 0; i < 2; ++i)
    if (outShape[2 + i] !=
        (xt.getDimSize(2 + i) + pads[i] + pads[2 + i] - k[i]) / strides[i] + 1)
      fail(describe(pool), ": ceil_mode=1 adds partial windows at the edge; "
                           "Mul -> Trunc needs full windows");
  QuantType xq = getQuantElementType(xt);
  int64_t K = k[0] * k[1];
  int mulIdx = mul->input(0) == output0(pool) ? 1 : 0;
  const ConstTensor &m = constant(*mul, mulIdx, "window size");
  double mv = m.numElements() == 1
                  ? (m.floats.empty() ? (double)m.ints[0] : m.floats[0])
                  : 0;
  if (m.numElements() != 1 || mv != (double)K)
    fail(describe(*mul), ": '", mul->input(mulIdx),
         "' must be the scalar window size ", K, " of ", describe(pool),
         " (average times window size: the sum that Trunc truncates)");
  TruncSpec t = truncSpec(*trunc, xq, pool.input(0));
  QuantType outQ = truncOutputType(*trunc, t);
  // acc = sum(q - z) over the window; Trunc computes y = rounding((acc + z)
  // / 2^e): the accumulator plus a bias of z, requantized to scale
  // scale * 2^e and zero point 0 with the Trunc's rounding (v2: clamped to
  // the output width, narrow included).
  QuantType mid = t.midType(&ctx, 0);
  auto [lo, hi] = t.range(mid);
  if (!t.v2) {
    // Version 1 does not clamp: y must fit the output width for every
    // input (padding adds zeros to the sum).
    int64_t dmin = xq.getQMinOf(0) - t.zp, dmax = xq.getQMaxOf(0) - t.zp;
    if (padded)
      dmin = std::min<int64_t>(dmin, 0), dmax = std::max<int64_t>(dmax, 0);
    RoundingMode mode = *parseRoundingMode(t.rounding.mode);
    auto y = [&](int64_t acc) {
      return (int64_t)roundWith(mode, std::ldexp((double)(acc + t.zp),
                                                 -(int)t.e));
    };
    int64_t ylo = y(K * dmin), yhi = y(K * dmax);
    if (ylo < intMin(t.isSigned, t.bits) || yhi > intMax(t.isSigned, t.bits))
      fail(describe(*trunc), ": the truncated window sums of ",
           describe(pool), " range over [", ylo, ", ", yhi,
           "], beyond ", t.bits, "-bit ", t.isSigned ? "signed" : "unsigned",
           " values (input bit-width too small for ", K, " values)");
  }
  int64_t C = xt.getDimSize(1);
  QConst ones;
  ones.dims = {C, 1, k[0], k[1]};
  ones.values.assign(C * K, 1);
  ones.isSigned = false;
  ones.bits = {1};
  ones.scales = {1.0};
  ones.zps = {0};
  Value w = materialize(ones, pool);
  Value bias;
  if (t.zp != 0)
    bias = biasConstant(std::vector<int64_t>(C, t.zp));
  Value v = Conv2DOp::create(
      b, nodeLoc(pool), RankedTensorType::get(outShape, mid), x, w, bias,
      b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr({1, 1}),
      b.getDenseI64ArrayAttr(pads), b.getI64IntegerAttr(C),
      lo ? b.getF64FloatAttr(*lo) : FloatAttr(),
      hi ? b.getF64FloatAttr(*hi) : FloatAttr(), roundingAttr(t.rounding),
      zeroPointFirstAttr(t.rounding, mid), IntegerAttr(),
      DenseBoolArrayAttr());
  done.insert(mul);
  done.insert(trunc);
  dqViews[output0(*trunc)] = castTo(v, outQ);
  return true;
}

} // namespace qcc::onnximport
