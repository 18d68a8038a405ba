//===- ConvTranspose.cpp - ConvTranspose as a convolution -----------------===//
//
// A transposed convolution with stride s, dilation d and a K-tap kernel is
// the convolution, stride 1 and dilation d, of the input with s - 1 zeros
// between its values (padded by d (K - 1) on both sides, less the
// ConvTranspose's pads) with the kernel flipped and its two channel axes
// swapped. Every output value is the same sum of the same products, so
// quantized it is exact: the zeros are codes of the zero point. The
// importer builds the zero-filled input from qnn.reshape and qnn.pad
// (qnn.slice where pads crop), turns the weights at compile time, and
// imports the result as a Conv node of its own, so that the Conv's
// quantized and float paths (output range, folded batch norms, bias) apply
// unchanged. qcc-opt shows the qnn.conv2d / qnn.float_conv2d; the extra
// work on the zeros is the price until a kernel of its own exists.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

namespace qcc::onnximport {

void Importer::importConvTranspose(const onnx::NodeProto &n) {
  allowAttrs(n, {"auto_pad", "dilations", "group", "kernel_shape",
                 "output_padding", "output_shape", "pads", "strides"});
  if (importAs2D(n, &Importer::importConvTranspose))
    return;
  const std::string &xn = n.input(0), &wn = n.input(1);
  ensureConstant(xn);
  ensureConstant(wn);
  adoptIntegerWeights(n, 1);
  auto wq = dqConsts.find(wn);
  auto wf = consts.find(wn);
  bool quantW = wq != dqConsts.end();
  if (!quantW && (wf == consts.end() || wf->second.floats.empty()))
    fail(describe(n), ": weight '", wn,
         "' must be a constant (float, or behind DequantizeLinear)");
  std::vector<int64_t> wd = quantW ? wq->second.dims : wf->second.dims;
  if (wd.size() != 4)
    fail(describe(n), ": only 2-D ConvTranspose is supported (weights "
                      "C x M/group x KH x KW); a weight of rank ", wd.size(),
         " makes it ", (int64_t)wd.size() - 2, "-D");
  int64_t groups = attrInt(n, "group", 1);
  int64_t Cw = wd[0], Mg = wd[1], KH = wd[2], KW = wd[3];
  if (groups < 1 || Cw % groups || Mg < 1 || KH < 1 || KW < 1)
    fail(describe(n), ": weight shape [", Cw, ", ", Mg, ", ", KH, ", ", KW,
         "] does not fit group=", groups);
  int64_t M = Mg * groups, Cg = Cw / groups;
  std::vector<int64_t> kernelShape = attrInts(n, "kernel_shape", {});
  if (!kernelShape.empty() &&
      (kernelShape.size() != 2 || kernelShape[0] != KH || kernelShape[1] != KW))
    fail(describe(n), ": kernel_shape does not match the weight's shape");

  // Quantized where the input is, the weights are quantized per output
  // channel (or per tensor) and the result is quantized (after the batch
  // norms a Conv folds), as for a Conv; else in float.
  const QConst *qw = quantW ? &wq->second : nullptr;
  bool perOutput = qw && (qw->axis < 0 || qw->axis == 1 ||
                          (qw->scales.size() == 1 && qw->zps.size() == 1 &&
                           qw->bits.size() == 1));
  bool quantized = false;
  if (isQuantizedTensor(xn) && perOutput) {
    std::string out = channelAffine(n.output(0), M, 1, convOutputRank()).out;
    quantized = resultIsQuantized(out) || multiThresholdReader(out);
  }
  Value x = quantized ? quantizedInput(n, 0, "input") : floatOperand(n, 0);
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported, got rank ",
         xt.getRank());
  if (xt.getDimSize(1) != Cw)
    fail(describe(n), ": weight shape [", Cw, ", ", Mg, ", ", KH, ", ", KW,
         "] does not fit ", xt.getDimSize(1), " input channels");
  if (quantized)
    requirePerTensor(n, x);

  // Geometry per spatial axis: the head pad (rows of the full result
  // dropped at the start), the output extent, and from them the padding of
  // the zero-filled input (negative: rows cropped).
  std::vector<int64_t> st = attrInts(n, "strides", {1, 1}),
                       dl = attrInts(n, "dilations", {1, 1}),
                       pd = attrInts(n, "pads", {0, 0, 0, 0}),
                       op = attrInts(n, "output_padding", {0, 0}),
                       os = attrInts(n, "output_shape", {});
  if (st.size() != 2 || dl.size() != 2 || pd.size() != 4 || op.size() != 2 ||
      (!os.empty() && os.size() != 2))
    fail(describe(n), ": strides/dilations/output_padding/output_shape must "
                      "describe 2 spatial dims and pads 4 values");
  const int64_t kLimit = int64_t(1) << 20;
  for (const auto *v : {&st, &dl})
    for (int64_t a : *v)
      if (a < 1 || a > kLimit)
        fail(describe(n), ": strides and dilations must be between 1 and 2^20");
  for (const auto *v : {&pd, &op, &os})
    for (int64_t a : *v)
      if (a < 0 || a > kLimit)
        fail(describe(n), ": pads, output_padding and output_shape must be "
                          "between 0 and 2^20");
  std::string autoPad = attrString(n, "auto_pad", "NOTSET");
  if (autoPad != "NOTSET" && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER")
    fail(describe(n), ": auto_pad '", autoPad, "' is not supported");
  SmallVector<int64_t> lo(2), hi(2), outHW(2);
  for (int i = 0; i < 2; ++i) {
    int64_t in = xt.getDimSize(2 + i), k = i ? KW : KH;
    int64_t ek = (k - 1) * dl[i] + 1, full = st[i] * (in - 1) + op[i] + ek;
    int64_t head, out;
    bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
    if (!os.empty() || same) {
      // ONNX: total = full - output; split with the odd one at the end for
      // SAME_UPPER (opset 11 on; at the start before), at the start
      // otherwise. A negative total pads nothing: the extra output at the
      // end holds the bias alone (ONNX's node tests, ONNX Runtime).
      out = !os.empty() ? os[i] : in * st[i];
      int64_t total = std::max<int64_t>(0, full - out);
      bool upperAtEnd = (autoPad == "SAME_UPPER") == (opset >= 11);
      head = upperAtEnd ? total / 2 : total - total / 2;
    } else {
      head = autoPad == "VALID" ? 0 : pd[i];
      int64_t tail = autoPad == "VALID" ? 0 : pd[2 + i];
      out = full - head - tail;
    }
    if (out < 1)
      fail(describe(n), ": the output would have ", out, " rows along spatial "
                        "axis ", i);
    outHW[i] = out;
    // The zero-filled input has in * s values (the s - 1 zeros after the
    // last one included); the convolution reads out + ek - 1 of them.
    lo[i] = ek - 1 - head;
    hi[i] = out + ek - 1 - in * st[i] - lo[i];
  }

  // The input with s - 1 zeros after every value: [N, C, H, 1, W, 1]
  // padded at the end of the unit axes, read back as [N, C, H s, W s].
  Location loc = nodeLoc(n);
  Type elem = xt.getElementType();
  int64_t N = xt.getDimSize(0), H = xt.getDimSize(2), W = xt.getDimSize(3);
  TypedAttr zero =
      quantized ? TypedAttr(b.getI64IntegerAttr(
                      getQuantElementType(xt).getZeroPoints()[0]))
                : TypedAttr(b.getF32FloatAttr(0.0f));
  if (st[0] > 1 || st[1] > 1) {
    x = ReshapeOp::create(b, loc, RankedTensorType::get({N, Cw, H, 1, W, 1}, elem), x);
    x = PadOp::create(b, loc,
                      RankedTensorType::get({N, Cw, H, st[0], W, st[1]}, elem), x,
                      b.getDenseI64ArrayAttr({0, 0, 0, 0, 0, 0}),
                      b.getDenseI64ArrayAttr({0, 0, 0, st[0] - 1, 0, st[1] - 1}),
                      zero);
    x = ReshapeOp::create(
        b, loc, RankedTensorType::get({N, Cw, H * st[0], W * st[1]}, elem), x);
  }
  // Pads that crop: a slice; the others: the convolution's own padding.
  if (lo[0] < 0 || lo[1] < 0 || hi[0] < 0 || hi[1] < 0) {
    SmallVector<int64_t> starts = {0, 0, std::max<int64_t>(-lo[0], 0),
                                   std::max<int64_t>(-lo[1], 0)};
    SmallVector<int64_t> sizes = {N, Cw, H * st[0], W * st[1]};
    for (int i = 0; i < 2; ++i) {
      sizes[2 + i] += std::min<int64_t>(lo[i], 0) + std::min<int64_t>(hi[i], 0);
      if (sizes[2 + i] < 1)
        fail(describe(n), ": pads remove every row along spatial axis ", i);
    }
    x = SliceOp::create(b, loc, RankedTensorType::get(sizes, elem), x,
                        b.getDenseI64ArrayAttr(starts),
                        b.getDenseI64ArrayAttr({1, 1, 1, 1}));
  }

  // Weights [C, M/g, KH, KW] -> [M, C/g, KH, KW], flipped:
  // w'[g Mg + m, c, a, b] = w[g Cg + c, m, KH - 1 - a, KW - 1 - b].
  auto turned = [&](int64_t o) {
    int64_t bb = o % KW, a = (o / KW) % KH, c = (o / (KW * KH)) % Cg,
            f = o / (KW * KH * Cg), gi = f / Mg, m = f % Mg;
    return (((gi * Cg + c) * Mg + m) * KH + (KH - 1 - a)) * KW + (KW - 1 - bb);
  };
  int64_t count = M * Cg * KH * KW;
  std::string wName = n.output(0) + "#convtranspose_weight";
  std::string xName = n.output(0) + "#convtranspose_input";
  if (quantized) {
    QConst t = *qw;
    t.dims = {M, Cg, KH, KW};
    t.values.assign(count, 0);
    for (int64_t o = 0; o < count; ++o)
      t.values[o] = qw->values[turned(o)];
    if (qw->axis == 1) {
      // Per output channel m of each group: the same along every group.
      t.axis = 0;
      auto expand = [&](auto v) {
        if (v.size() <= 1)
          return v;
        decltype(v) r;
        for (int64_t gi = 0; gi < groups; ++gi)
          r.insert(r.end(), v.begin(), v.end());
        return r;
      };
      t.scales = expand(qw->scales);
      t.zps = expand(qw->zps);
      t.bits = expand(qw->bits);
    } else {
      t.axis = -1;
    }
    t.origin = {};
    dqConsts[wName] = t;
    dqViews[xName] = x;
  } else {
    ConstTensor t;
    t.dtype = onnx::TensorProto::FLOAT;
    t.dims = {M, Cg, KH, KW};
    // A quantized weight is dequantized here, in binary32 as
    // DequantizeLinear computes it.
    std::vector<double> src;
    if (qw) {
      std::vector<float> f = qw->dequantizedF32();
      src.assign(f.begin(), f.end());
    }
    const std::vector<double> &from = qw ? src : wf->second.floats;
    t.floats.assign(count, 0.0);
    for (int64_t o = 0; o < count; ++o)
      t.floats[o] = from[turned(o)];
    consts[wName] = t;
    values[xName] = x;
  }

  // The convolution: a Conv node of the importer's own, named as the
  // ConvTranspose for messages and --report.
  onnx::NodeProto &conv = syntheticNodes.emplace_back();
  conv.set_name(n.name());
  conv.set_op_type(n.op_type());
  conv.set_domain(n.domain());
  conv.add_input(xName);
  conv.add_input(wName);
  if (hasInput(n, 2))
    conv.add_input(n.input(2));
  for (const std::string &o : n.output())
    conv.add_output(o);
  auto ints = [&](const char *name, ArrayRef<int64_t> v) {
    onnx::AttributeProto *a = conv.add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t e : v)
      a->add_ints(e);
  };
  ints("strides", {1, 1});
  ints("dilations", dl);
  ints("pads", {std::max<int64_t>(lo[0], 0), std::max<int64_t>(lo[1], 0),
                std::max<int64_t>(hi[0], 0), std::max<int64_t>(hi[1], 0)});
  onnx::AttributeProto *g = conv.add_attribute();
  g->set_name("group");
  g->set_type(onnx::AttributeProto::INT);
  g->set_i(groups);
  importConv(conv);
}

} // namespace qcc::onnximport
