//===- Threshold.cpp - FINN's MultiThreshold and integer-valued tensors ---===//
//
// FINN streamlines a QONNX network into integer arithmetic on float
// tensors: weights are float initializers holding integers (their FINN
// datatype in the graph's quantization_annotation, key "finn_datatype"),
// convolutions and matmuls produce integer-valued accumulators, and
// MultiThreshold nodes turn those into the next layer's small integers:
//
//   y = out_scale * #{ t : x >= thresholds[c, t] } + out_bias
//
// (qonnx.custom_op.general.multithreshold; channel c along axis 1, or the
// last axis for data_layout NHWC and for ranks other than 2 and 4).
//
// qcc imports a MultiThreshold as qnn.multi_threshold on what its input
// is stored as: an f32 tensor (thresholds unchanged), quantized codes, or
// the raw i32 accumulator of the Conv/Gemm/MatMul that feeds it (with any
// BatchNormalization / Mul / Add chain and bias between them folded into
// its real unit and offset). Each real threshold becomes the smallest
// stored integer whose real value reaches it, so the comparison, and the
// counts, are exact. The output is a quantized tensor (scale out_scale,
// codes count + out_bias / out_scale), bound as a dequantized view like a
// QONNX Quant's output.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

#include <limits>

namespace qcc::onnximport {

const onnx::NodeProto *
Importer::multiThresholdReader(const std::string &name) {
  const onnx::NodeProto *c = singleConsumer(name);
  if (c && c->op_type() == "MultiThreshold" && isQONNXDomain(c->domain()) &&
      c->input_size() > 0 && c->input(0) == name)
    return c;
  return nullptr;
}

void Importer::bindAccumulator(const onnx::NodeProto &n, const std::string &out,
                               Value acc, int64_t axis, double xScale,
                               const QConst &w,
                               const std::optional<std::vector<double>> &bias) {
  if (llvm::is_contained(w.negated, true))
    fail(describe(n), ": a negative factor folded into it before a "
                      "MultiThreshold is not supported (only positive ones)");
  Accumulator a;
  a.value = acc;
  a.axis = axis;
  int64_t channels = cast<RankedTensorType>(acc.getType()).getDimSize(axis);
  for (int64_t c = 0; c < channels; ++c) {
    a.unit.push_back(xScale * w.scaleOf(c));
    a.offset.push_back(bias ? (*bias)[c] : 0.0);
  }
  accumulators[out] = std::move(a);
}

std::optional<std::string>
Importer::finnDatatype(const std::string &tensor) const {
  for (const auto &qa : g.quantization_annotation()) {
    if (qa.tensor_name() != tensor)
      continue;
    for (const auto &kv : qa.quant_parameter_tensor_names())
      if (kv.key() == "finn_datatype")
        return kv.value();
  }
  return std::nullopt;
}

/// "INT4" -> (signed, 4), "UINT2" -> (unsigned, 2), "BINARY" -> (unsigned,
/// 1); bipolar for "BIPOLAR". False for anything else (or wider than 8).
static bool parseFinnType(StringRef t, bool &isSigned, unsigned &bits,
                          bool &bipolar) {
  bipolar = t == "BIPOLAR";
  if (bipolar) {
    isSigned = true, bits = 1;
    return true;
  }
  if (t == "BINARY") {
    isSigned = false, bits = 1;
    return true;
  }
  isSigned = !t.consume_front("U");
  if (!t.consume_front("INT") || t.getAsInteger(10, bits))
    return false;
  return bits >= 1 && bits <= 8 && (bits >= 2 || !isSigned);
}

void Importer::adoptIntegerWeights(const onnx::NodeProto &n, int i) {
  if (!hasInput(n, i) || format != Format::QONNX)
    return;
  const std::string &name = n.input(i);
  ensureConstant(name);
  auto it = consts.find(name);
  if (dqConsts.count(name) || it == consts.end() || it->second.isInt())
    return;
  std::optional<std::string> dt = finnDatatype(name);
  if (!dt || *dt == "FLOAT32")
    return; // float weights: the layer runs in float
  bool isSigned, bipolar;
  unsigned bits;
  if (!parseFinnType(*dt, isSigned, bits, bipolar))
    fail(describe(n), ": weight '", name, "' has FINN datatype ", *dt,
         "; qcc reads BIPOLAR, BINARY, INTn and UINTn weights with n <= 8");
  const ConstTensor &c = it->second;
  QConst q;
  q.dims = c.dims;
  q.isSigned = isSigned;
  q.bipolar = bipolar;
  q.bits = {bits};
  q.scales = {1.0};
  q.zps = {0};
  q.dtype = onnx::TensorProto::INT8;
  int64_t lo = bipolar ? -1 : intMin(isSigned, bits);
  int64_t hi = bipolar ? 1 : intMax(isSigned, bits);
  for (double v : c.floats) {
    if (v != std::trunc(v) || v < (double)lo || v > (double)hi ||
        (bipolar && v == 0))
      fail(describe(n), ": weight '", name, "' holds ", v,
           ", not a value of its FINN datatype ", *dt);
    q.values.push_back((int64_t)v);
  }
  dqConsts[name] = std::move(q);
}

/// Channel axis of a MultiThreshold input of rank `rank` (qonnx's
/// multithreshold: NC / NCHW, NHWC, else the last axis).
static int64_t thresholdAxis(int64_t rank, StringRef layout) {
  if (layout == "NHWC" && rank == 4)
    return 3;
  if (rank == 2 || rank == 4)
    return 1;
  return rank - 1;
}

void Importer::importMultiThreshold(const onnx::NodeProto &n) {
  allowAttrs(n, {"out_dtype", "out_scale", "out_bias", "data_layout"});
  if (!attr(n, "out_dtype"))
    fail(describe(n), ": attribute 'out_dtype' is required");
  std::string outDtype = attrString(n, "out_dtype", "");
  std::string layout = attrString(n, "data_layout", "NCHW");
  if (layout != "NCHW" && layout != "NHWC")
    fail(describe(n), ": data_layout '", layout,
         "' is not supported (NCHW, NHWC)");
  double outScale = attrFloat(n, "out_scale", 1.0f);
  double outBias = attrFloat(n, "out_bias", 0.0f);
  const std::string &in = n.input(0);

  // What the input is stored as.
  Value x;
  const Accumulator *acc = nullptr;
  QuantType xq;
  if (auto it = accumulators.find(in); it != accumulators.end()) {
    acc = &it->second;
    x = acc->value;
  } else if (auto v = dqViews.find(in); v != dqViews.end()) {
    x = v->second;
    xq = getQuantElementType(x.getType());
    if (xq.isSliced() || xq.isBipolar())
      fail(describe(n), ": input '", in,
           "' has per-slice widths or bipolar values; MultiThreshold reads "
           "one width");
  } else if (isFloatRuntimeValue(in)) {
    x = values[in];
  } else {
    fail(describe(n), ": input '", in, "' must be a float tensor (a graph "
         "input, a float op's result, a QONNX quantizer's or a "
         "MultiThreshold's output) or a Conv/Gemm/MatMul result");
  }
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t rank = xt.getRank();
  if (rank < 1)
    fail(describe(n), ": input must have at least one dimension");
  int64_t axis = thresholdAxis(rank, layout);
  int64_t C = xt.getDimSize(axis);

  const ConstTensor &th = constant(n, 1, "thresholds");
  if (th.dims.size() != 2 || th.dims[1] < 1 ||
      (th.dims[0] != 1 && th.dims[0] != C))
    fail(describe(n), ": thresholds must be [1, T] or [", C, ", T] (one row "
         "per channel along axis ", axis, "), got rank ", th.dims.size(),
         th.dims.size() == 2 ? " [" + std::to_string(th.dims[0]) + ", " +
                                   std::to_string(th.dims[1]) + "]"
                             : "");
  int64_t T = th.dims[1];
  std::vector<double> tv = th.isInt() ? std::vector<double>(th.ints.begin(),
                                                            th.ints.end())
                                      : th.floats;
  for (double &t : tv)
    t = (double)(float)t; // compared in float32, as the float graph does
  if (acc && th.dims[0] != 1 && acc->axis != axis)
    fail(describe(n), ": thresholds per channel along axis ", axis,
         ", but the accumulator's channels are along axis ", acc->axis);

  // The result: codes count + out_bias / out_scale, scale out_scale.
  bool isSigned, bipolar;
  unsigned bits;
  if (!parseFinnType(outDtype, isSigned, bits, bipolar))
    fail(describe(n), ": out_dtype '", outDtype, "' is not supported "
         "(BIPOLAR, BINARY, INTn, UINTn with n <= 8)");
  if (!(outScale > 0) || !std::isfinite(outScale) || !std::isfinite(outBias))
    fail(describe(n), ": out_scale must be positive and out_bias finite, got ",
         outScale, " and ", outBias);
  QuantType outQ;
  int64_t offset;
  if (bipolar) {
    // Values out_bias and out_scale + out_bias, that is -s and +s.
    if (T != 1 || outScale != -2 * outBias)
      fail(describe(n), ": a BIPOLAR output needs one threshold per channel "
           "and out_bias = -out_scale / 2, got ", T, " and ", outBias);
    outQ = QuantType::getBipolar(&ctx, -1, {outScale / 2});
    offset = -1;
  } else {
    double r = outBias / outScale;
    if (r != std::trunc(r) || std::fabs(r) > 256)
      fail(describe(n), ": out_bias / out_scale (", r, ") must be an "
           "integer: the output codes are counts plus it");
    offset = (int64_t)r;
    if (offset < intMin(isSigned, bits) || offset + T > intMax(isSigned, bits))
      fail(describe(n), ": outputs ", offset, " to ", offset + T,
           " (out_bias / out_scale plus 0 to ", T, " thresholds) do not fit ",
           outDtype);
    outQ = QuantType::get(&ctx, isSigned, bits, outScale, 0);
  }

  // Thresholds on the stored values, one row per channel where the
  // input's quantization or the accumulator's unit differs by channel.
  bool perChannel = th.dims[0] != 1 || acc || (xq && !xq.isPerTensor());
  int64_t rows = perChannel ? C : 1;
  auto threshold = [&](int64_t c, int64_t t) {
    return tv[(th.dims[0] == 1 ? 0 : c) * T + t];
  };
  Attribute thresholds;
  auto tt = [&](Type e) { return RankedTensorType::get({rows, T}, e); };
  if (!acc && !xq) {
    SmallVector<float> f;
    for (int64_t c = 0; c < rows; ++c)
      for (int64_t t = 0; t < T; ++t)
        f.push_back((float)threshold(c, t));
    thresholds = DenseElementsAttr::get(tt(b.getF32Type()), ArrayRef(f));
  } else {
    SmallVector<int32_t> q;
    constexpr int64_t kMin = std::numeric_limits<int32_t>::min();
    constexpr int64_t kMax = std::numeric_limits<int32_t>::max();
    for (int64_t c = 0; c < rows; ++c) {
      for (int64_t t = 0; t < T; ++t) {
        double thr = threshold(c, t);
        if (std::isnan(thr))
          fail(describe(n), ": threshold [", c, ", ", t, "] is NaN");
        int64_t k;
        if (xq) {
          // The smallest code whose float value (q - zp) * scale reaches
          // thr; qmax + 1 when none does.
          int64_t lo = xq.getQMinOf(c), hi = xq.getQMaxOf(c);
          float s = (float)xq.getScaleOf(c);
          int64_t zp = xq.getZeroPointOf(c);
          k = hi + 1;
          for (int64_t v = lo; v <= hi; ++v)
            if ((float)(v - zp) * s >= (float)thr) {
              k = v;
              break;
            }
        } else {
          // The smallest accumulator a with unit * a + offset >= thr.
          double u = acc->unit[c], o = acc->offset[c];
          double a = std::ceil((thr - o) / u);
          if (!(a > (double)kMin))
            k = kMin;
          else if (!(a < (double)kMax))
            k = kMax;
          else {
            k = (int64_t)a;
            while (k > kMin && u * (double)(k - 1) + o >= thr)
              --k;
            while (k < kMax && u * (double)k + o < thr)
              ++k;
          }
        }
        q.push_back((int32_t)std::clamp<int64_t>(k, kMin, kMax));
      }
    }
    thresholds = DenseElementsAttr::get(tt(b.getI32Type()), ArrayRef(q));
  }
  Value r = MultiThresholdOp::create(
      b, nodeLoc(n), RankedTensorType::get(xt.getShape(), outQ), x,
      cast<ElementsAttr>(thresholds), b.getI64IntegerAttr(axis),
      b.getI64IntegerAttr(offset));
  dqViews[n.output(0)] = r;
}

} // namespace qcc::onnximport
