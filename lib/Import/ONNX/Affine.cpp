//===- Affine.cpp - per-channel affine chains folded into conv / matmul ---===//
//
// Exporters write batch normalization after a convolution or a matmul in two
// ways: a BatchNormalization node, or (Brevitas and FINN, which fold it
// themselves) a per-channel float Mul then Add, often with negative gammas.
// Scalar Mul/Add/Sub/Div by constants appear in the same place. Each is an
// affine map y = k[c] * x + off[c] per output channel c, and so is any chain
// of them; the chain is folded into the producer's weights (scale * |k|,
// mirrored where k < 0) and its bias (k * bias + off).
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

namespace qcc::onnximport {

/// The values of constant `c` per channel when it broadcasts (numpy, right
/// aligned) against a tensor of rank `rank` varying only along `axis`, with
/// `channels` channels; nullopt otherwise.
static std::optional<std::vector<double>>
perChannel(const ConstTensor &c, int64_t rank, int64_t axis, int64_t channels) {
  if (c.floats.empty() || (int64_t)c.dims.size() > rank)
    return std::nullopt;
  int64_t off = rank - (int64_t)c.dims.size();
  for (int64_t d = 0; d < (int64_t)c.dims.size(); ++d)
    if (c.dims[d] != 1 && !(d + off == axis && c.dims[d] == channels))
      return std::nullopt;
  if (c.numElements() == 1)
    return std::vector<double>(channels, c.floats[0]);
  return c.floats;
}

Importer::ChannelAffine Importer::channelAffine(const std::string &name,
                                                int64_t channels, int64_t axis,
                                                int64_t rank) {
  ChannelAffine a;
  a.out = name;
  auto start = [&] {
    if (a.k.empty()) {
      a.k.assign(channels, 1.0);
      a.off.assign(channels, 0.0);
    }
  };
  // Applies y = m * x + c (per channel) after the chain so far.
  auto compose = [&](const onnx::NodeProto &n, const std::vector<double> &m,
                     const std::vector<double> &c) {
    start();
    if (!a.first)
      a.first = &n;
    for (int64_t f = 0; f < channels; ++f) {
      a.k[f] *= m[f];
      a.off[f] = a.off[f] * m[f] + c[f];
    }
  };
  while (const onnx::NodeProto *n = singleConsumer(a.out)) {
    if (!(n->domain().empty() || n->domain() == "ai.onnx"))
      break;
    const std::string &op = n->op_type();
    if (op == "BatchNormalization") {
      if (axis != 1)
        break;
      allowAttrs(*n, {"epsilon", "momentum", "training_mode", "spatial"});
      if (attrInt(*n, "training_mode", 0))
        fail(describe(*n), ": training_mode is not supported");
      if (attrInt(*n, "spatial", 1) != 1)
        fail(describe(*n), ": spatial=0 is not supported");
      double eps = attrFloat(*n, "epsilon", 1e-5f);
      auto vec = [&](int i, StringRef what) {
        const ConstTensor &c = constant(*n, i, what);
        if (c.floats.size() != (size_t)channels)
          fail(describe(*n), ": ", what, " must have ", channels, " values");
        return c.floats;
      };
      auto gamma = vec(1, "scale"), beta = vec(2, "B"), mean = vec(3, "mean"),
           var = vec(4, "var");
      std::vector<double> m(channels), c(channels);
      for (int64_t f = 0; f < channels; ++f) {
        if (!(var[f] + eps > 0) || !std::isfinite(var[f] + eps))
          fail(describe(*n), ": var + epsilon of channel ", f,
               " is not positive (", var[f] + eps, ")");
        if (gamma[f] == 0 || !std::isfinite(gamma[f]))
          fail(describe(*n), ": scale (gamma) of channel ", f, " is ",
               gamma[f], "; a zero or non-finite gamma cannot be folded");
        m[f] = gamma[f] / std::sqrt(var[f] + eps);
        c[f] = beta[f] - m[f] * mean[f];
      }
      compose(*n, m, c);
    } else if (op == "Mul" || op == "Add" || op == "Sub" || op == "Div") {
      if (n->input_size() != 2 || n->input(0) == n->input(1))
        break;
      int xi = n->input(0) == a.out ? 0 : 1;
      const std::string &other = n->input(1 - xi);
      ensureConstant(other);
      auto it = consts.find(other);
      if (it == consts.end() || (op == "Div" && xi == 1))
        break;
      std::optional<std::vector<double>> v =
          perChannel(it->second, rank, axis, channels);
      if (!v)
        break;
      allowAttrs(*n, {});
      std::vector<double> ones(channels, 1.0), zeros(channels, 0.0);
      if (op == "Mul" || op == "Div") {
        for (int64_t f = 0; f < channels; ++f) {
          double m = op == "Mul" ? (*v)[f] : 1.0 / (*v)[f];
          if (m == 0 || !std::isfinite(m))
            fail(describe(*n), ": '", other, "' of channel ", f, " is ",
                 (*v)[f], "; a zero or non-finite factor cannot be folded "
                          "into the weights");
          (*v)[f] = m;
        }
        compose(*n, *v, zeros);
      } else if (op == "Add" || xi == 0) {
        if (op == "Sub")
          for (double &x : *v)
            x = -x;
        compose(*n, ones, *v);
      } else { // Sub(c, x) = -x + c
        std::vector<double> neg(channels, -1.0);
        compose(*n, neg, *v);
      }
    } else {
      break;
    }
    done.insert(n);
    a.out = output0(*n);
  }
  return a;
}

void Importer::foldAffine(const ChannelAffine &a, QConst &w, int64_t axis,
                          std::optional<std::vector<double>> &bias) {
  if (!a.folded())
    return;
  int64_t F = a.k.size();
  if (bias && (int64_t)bias->size() != F)
    fail(describe(*a.first), ": the bias before it has ", bias->size(),
         " values, expected ", F, " (one per output channel)");
  if (w.bits.size() > 1 && w.axis != axis)
    fail(describe(*a.first), ": the weights' bit-widths vary along axis ",
         w.axis, ", not along the output channels");
  std::vector<double> scales(F);
  std::vector<int64_t> zps(F);
  for (int64_t f = 0; f < F; ++f) {
    scales[f] = w.scaleOf(w.scales.size() == 1 ? 0 : f);
    zps[f] = w.zpOf(w.zps.size() == 1 ? 0 : f);
  }
  w.axis = axis;
  w.zps = zps;
  // A negative factor mirrors the channel's weights around its zero point
  // (only the stored values change) where every mirrored value fits the
  // channel's width. Where one does not (unsigned weights; a signed weight
  // at -2^(b-1)), the weights stay and the consumer negates the channel's
  // accumulator, bias included (qnn negated_channels), which costs nothing
  // either: the requantization multiplies by -1.
  auto mirrored = [&](int64_t i, int64_t f) {
    return w.bipolar ? -w.values[i] : 2 * zps[f] - w.values[i];
  };
  std::vector<bool> mirror(F);
  for (int64_t f = 0; f < F; ++f)
    mirror[f] = a.k[f] < 0;
  for (size_t i = 0; i < w.values.size(); ++i) {
    int64_t f = w.channelOf(i);
    int64_t nv = mirrored(i, f);
    if (mirror[f] && (nv < w.qmin(f) || nv > w.qmax(f)))
      mirror[f] = false;
  }
  for (size_t i = 0; i < w.values.size(); ++i)
    if (int64_t f = w.channelOf(i); mirror[f])
      w.values[i] = mirrored(i, f);
  w.negated.assign(F, false);
  for (int64_t f = 0; f < F; ++f)
    w.negated[f] = a.k[f] < 0 && !mirror[f];
  std::vector<double> newBias(F);
  for (int64_t f = 0; f < F; ++f) {
    scales[f] *= std::fabs(a.k[f]);
    newBias[f] = a.k[f] * (bias ? (*bias)[f] : 0.0) + a.off[f];
    if (w.negated[f])
      newBias[f] = -newBias[f];
  }
  w.scales = scales;
  bias = newBias;
}

} // namespace qcc::onnximport
