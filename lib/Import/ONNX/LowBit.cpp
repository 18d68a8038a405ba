//===- LowBit.cpp - INT4/UINT4, blockwise and QCDQ, per-slice widths --------===//
//
// Standard ONNX forms of low-bit quantization: 4-bit QDQ (the tensors are
// read in Importer::readTensor), blockwise weight scales that reduce to per
// channel, QuantizeLinear -> Clip -> DequantizeLinear (the Clip's integer
// bounds give the width), and per-slice widths written as Split/Slice ->
// a quantizer per slice -> Concat (docs/Formats.md, "Per-slice bit-widths").
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

namespace qcc::onnximport {

static int64_t product(ArrayRef<int64_t> dims, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t d = from; d < to; ++d)
    n *= dims[d];
  return n;
}

void Importer::collapseBlocks(const onnx::NodeProto &n, QConst &qc,
                              const ConstTensor &data, int64_t blockSize,
                              int64_t axisAttr) {
  int64_t rank = data.dims.size();
  int64_t axis = axisAttr < 0 ? axisAttr + rank : axisAttr;
  if (axis < 0 || axis >= rank)
    fail(describe(n), ": axis ", axisAttr, " is out of range for rank ", rank);
  if (blockSize < 1)
    fail(describe(n), ": block_size must be positive, got ", blockSize);
  const ConstTensor &s = constant(n, 1, "scale");
  const ConstTensor *z =
      hasInput(n, 2) ? &constant(n, 2, "zero point") : nullptr;
  // The element types first: the block check below reads s.floats and
  // z->ints, which are empty for other types.
  if (s.dtype != onnx::TensorProto::FLOAT && s.dtype != onnx::TensorProto::FLOAT16)
    fail(describe(n), ": scale '", n.input(1), "' must be float32 or float16, got ",
         dtypeName(s.dtype));
  if (z && z->dtype != data.dtype)
    fail(describe(n), ": zero point type ", dtypeName(z->dtype),
         " does not match the input's ", dtypeName(data.dtype));
  std::vector<int64_t> expect = data.dims;
  // ceil(dims / blockSize) without dims + blockSize overflowing (a
  // block_size near 2^63, fuzzer finding 16).
  expect[axis] = data.dims[axis] == 0 ? 0 : (data.dims[axis] - 1) / blockSize + 1;
  if (s.dims != expect || (z && z->dims != expect))
    fail(describe(n), ": block_size ", blockSize, " along axis ", axis,
         " needs scale and zero point of the input's shape with ",
         expect[axis], " blocks along that axis");
  // The output channels: axis 0 (Conv weights F x C x KH x KW, blocks
  // along C), or axis 1 for a [K, N] MatMul weight with blocks along K.
  int64_t outAxis = axis == 0 && rank >= 2 ? 1 : 0;
  int64_t C = expect[outAxis], inner = product(expect, outAxis + 1, rank);
  auto sameInChannel = [&](int64_t i, int64_t first) {
    return s.floats[i] == s.floats[first] &&
           (!z || z->ints[i] == z->ints[first]);
  };
  for (int64_t i = 0; i < s.numElements(); ++i) {
    int64_t c = (i / inner) % C;
    if (!sameInChannel(i, c * inner))
      fail(describe(n), ": block_size ", blockSize,
           ": the blocks of output channel ", c, " (axis ", outAxis,
           ") have different scales or zero points; qcc supports blockwise "
           "quantization only when it reduces to per-channel");
  }
  ConstTensor sc, zc;
  sc.dtype = onnx::TensorProto::FLOAT;
  sc.dims = {C};
  zc.dtype = z ? z->dtype : data.dtype;
  zc.dims = {C};
  for (int64_t c = 0; c < C; ++c) {
    sc.floats.push_back(s.floats[c * inner]);
    zc.ints.push_back(z ? z->ints[c * inner] : 0);
  }
  quantParamsFrom(n, n.input(1), sc, z ? n.input(2) : std::string(), &zc,
                  data.dims, outAxis, data.dtype, &qc);
}

unsigned Importer::widthFor(bool isSigned, int64_t lo, int64_t hi,
                            ArrayRef<int64_t> zps) {
  for (int64_t z : zps)
    lo = std::min(lo, z), hi = std::max(hi, z);
  for (unsigned w = 1; w < 8; ++w)
    if (intMin(isSigned, w) <= lo && hi <= intMax(isSigned, w))
      return w;
  return 8;
}

bool Importer::isIntegerClip(const onnx::NodeProto &n) {
  for (int i : {1, 2}) {
    if (!hasInput(n, i))
      continue;
    ensureConstant(n.input(i));
    auto it = consts.find(n.input(i));
    if (it != consts.end() && it->second.dtype != onnx::TensorProto::FLOAT &&
        it->second.dtype != onnx::TensorProto::DOUBLE &&
        it->second.dtype != onnx::TensorProto::FLOAT16)
      return true;
  }
  return false;
}

std::pair<int64_t, int64_t> Importer::intClipBounds(const onnx::NodeProto &clip,
                                                    bool isSigned) {
  allowAttrs(clip, {});
  int64_t b[2] = {intMin(isSigned, 8), intMax(isSigned, 8)};
  for (int i : {1, 2}) {
    if (!hasInput(clip, i))
      continue;
    const ConstTensor &c = constant(clip, i, i == 1 ? "min" : "max");
    if (c.numElements() != 1 || c.ints.empty())
      fail(describe(clip), ": ", i == 1 ? "min" : "max",
           " of a Clip on quantized integers must be an integer scalar");
    b[i - 1] = c.ints[0];
  }
  if (b[0] > b[1])
    fail(describe(clip), ": min ", b[0], " is greater than max ", b[1]);
  b[0] = std::max(b[0], intMin(isSigned, 8));
  b[1] = std::min(b[1], intMax(isSigned, 8));
  return {b[0], b[1]};
}

void Importer::importIntegerClip(const onnx::NodeProto &n) {
  const std::string &x = n.input(0);
  ensureConstant(x);
  if (auto it = consts.find(x); it != consts.end() && !it->second.ints.empty()) {
    // QCDQ weights: clamp the integers, remember the width they now fit.
    ConstTensor c = it->second;
    if (c.dtype != onnx::TensorProto::UINT8 && c.dtype != onnx::TensorProto::INT8 &&
        c.dtype != kUINT4 && c.dtype != kINT4)
      fail(describe(n), ": a Clip on quantized integers (QCDQ) needs int8, "
                        "uint8, int4 or uint4 values; '", x, "' is ",
           dtypeName(c.dtype));
    bool isSigned = c.dtype != onnx::TensorProto::UINT8 && c.dtype != kUINT4;
    auto [lo, hi] = intClipBounds(n, isSigned);
    for (int64_t &v : c.ints)
      v = std::min(hi, std::max(lo, v));
    c.bits = widthFor(isSigned, lo, hi, {});
    consts[n.output(0)] = c;
    return;
  }
  auto it = values.find(x);
  QuantType q = it == values.end() ? QuantType()
                                   : getQuantElementType(it->second.getType());
  if (!q)
    fail(describe(n), ": input '", x,
         "' must be quantized integers (QuantizeLinear -> Clip -> "
         "DequantizeLinear)");
  if (!q.isPerTensor() || q.isSliced() || q.isBipolar())
    fail(describe(n), ": a Clip on quantized integers needs a per-tensor "
                      "quantization");
  if (q.getMaxBits() > 8)
    fail(describe(n), ": a Clip on quantized integers (QCDQ) needs 8-bit or "
                      "narrower values; '", x, "' holds ", q.getMaxBits(),
         "-bit integers");
  auto [lo, hi] = intClipBounds(n, q.getIsSigned());
  int64_t zp = q.getZeroPointOf(0);
  double scale = q.getScaleOf(0);
  unsigned w = std::min(q.getMaxBits(), widthFor(q.getIsSigned(), lo, hi, {zp}));
  std::optional<double> rlo, rhi;
  if (lo > intMin(q.getIsSigned(), w))
    rlo = (lo - zp) * scale;
  if (hi < intMax(q.getIsSigned(), w))
    rhi = (hi - zp) * scale;
  values[n.output(0)] =
      requantize(it->second, QuantType::get(&ctx, q.getIsSigned(), w, scale, zp),
                 n, rlo, rhi, RoundSpec::onnx());
}

std::vector<Importer::Window>
Importer::cutWindows(const onnx::NodeProto &n, ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  if (rank == 0)
    fail(describe(n), ": the input is a scalar; there is nothing to ",
         n.op_type() == "Split" ? "split" : "slice");
  auto normAxis = [&](int64_t a) {
    int64_t r = a < 0 ? a + rank : a;
    if (r < 0 || r >= rank)
      fail(describe(n), ": axis ", a, " is out of range for rank ", rank);
    if (shape[r] < 0)
      fail(describe(n), ": the extent of axis ", r, " is unknown");
    return r;
  };
  auto whole = [&](const std::string &name) {
    return Window{name, SmallVector<int64_t>(rank, 0),
                  SmallVector<int64_t>(rank, 1),
                  SmallVector<int64_t>(shape.begin(), shape.end())};
  };
  std::vector<Window> windows;
  if (n.op_type() == "Split") {
    allowAttrs(n, {"axis", "split", "num_outputs"});
    int64_t axis = normAxis(attrInt(n, "axis", 0));
    std::vector<int64_t> sizes = attrInts(n, "split", {});
    if (hasInput(n, 1))
      sizes = constant(n, 1, "split").ints;
    int64_t dim = shape[axis], k = n.output_size();
    if (sizes.empty()) {
      int64_t each = (dim + k - 1) / k;
      for (int64_t i = 0; i < k; ++i)
        sizes.push_back(std::min(each, dim - i * each));
    }
    if ((int64_t)sizes.size() != k)
      fail(describe(n), ": ", sizes.size(), " split sizes for ", k,
           " outputs");
    int64_t start = 0;
    for (int64_t i = 0; i < k; ++i) {
      if (sizes[i] <= 0)
        fail(describe(n), ": split sizes must be positive");
      if (sizes[i] > dim - start)
        fail(describe(n), ": split sizes add up to more than ", dim);
      Window w = whole(n.output(i));
      w.starts[axis] = start;
      w.sizes[axis] = sizes[i];
      windows.push_back(w);
      start += sizes[i];
    }
    if (start != dim)
      fail(describe(n), ": split sizes add up to ", start, ", not ", dim);
    return windows;
  }
  // Slice (opset 10 on): starts and ends are clamped per step direction
  // (ONNX's Slice-13 definition), in 128 bits so that INT64_MAX ends and
  // INT64_MIN steps cannot overflow.
  allowAttrs(n, {});
  const ConstTensor &st = constant(n, 1, "starts"), &en = constant(n, 2, "ends");
  size_t k = st.ints.size();
  std::vector<int64_t> axes, steps(k, 1);
  if (hasInput(n, 3))
    axes = constant(n, 3, "axes").ints;
  else
    for (size_t i = 0; i < k; ++i)
      axes.push_back(i);
  if (hasInput(n, 4))
    steps = constant(n, 4, "steps").ints;
  if (en.ints.size() != k || axes.size() != k || steps.size() != k)
    fail(describe(n), ": starts, ends, axes and steps differ in length");
  Window w = whole(n.output(0));
  std::vector<bool> seen(rank, false);
  for (size_t i = 0; i < k; ++i) {
    int64_t a = normAxis(axes[i]);
    if (seen[a])
      fail(describe(n), ": axis ", a, " is sliced twice");
    seen[a] = true;
    __int128 dim = shape[a], step = steps[i], s = st.ints[i], e = en.ints[i];
    if (step == 0)
      fail(describe(n), ": the step of axis ", a, " is 0");
    if (s < 0)
      s += dim;
    if (e < 0)
      e += dim;
    __int128 count;
    if (step > 0) {
      s = std::clamp<__int128>(s, 0, dim);
      e = std::clamp<__int128>(e, 0, dim);
      count = e > s ? (e - s - 1) / step + 1 : 0;
    } else {
      s = std::clamp<__int128>(s, 0, dim - 1);
      e = std::clamp<__int128>(e, -1, dim - 1);
      count = s > e ? (s - e - 1) / -step + 1 : 0;
    }
    if (count == 0)
      fail(describe(n), ": the slice of axis ", a,
           " is empty (qcc refuses empty tensors)");
    w.starts[a] = (int64_t)s;
    w.steps[a] = (int64_t)step;
    w.sizes[a] = (int64_t)count;
  }
  windows.push_back(w);
  return windows;
}

std::optional<int64_t> Importer::singleCutAxis(const Window &w,
                                               ArrayRef<int64_t> shape) {
  std::optional<int64_t> axis = -1;
  for (size_t a = 0; a < shape.size(); ++a) {
    if (w.steps[a] == 1 && w.starts[a] == 0 && w.sizes[a] == shape[a])
      continue;
    if (*axis >= 0 || w.steps[a] != 1)
      return std::nullopt;
    axis = a;
  }
  return axis;
}

std::vector<Importer::Part> Importer::splitParts(const onnx::NodeProto &n,
                                                 ArrayRef<int64_t> shape) {
  std::vector<Part> parts;
  for (const Window &w : cutWindows(n, shape)) {
    std::optional<int64_t> a = singleCutAxis(w, shape);
    if (!a)
      fail(describe(n), ": a ", n.op_type(), " feeding per-part quantizers "
           "may cut only one axis, with step 1");
    parts.push_back(*a < 0 ? Part{w.name, 0, 0, shape[0]}
                           : Part{w.name, *a, w.starts[*a], w.sizes[*a]});
  }
  return parts;
}

void Importer::importRuntimeSplitOrSlice(const onnx::NodeProto &n) {
  const std::string &in = n.input(0);
  auto known = knownShape(in);
  if (!known)
    fail(describe(n), ": input '", in, "' is not defined before this node");
  std::vector<Window> windows = cutWindows(n, *known);
  // On floats (a float input, or dequantized parts all consumed in float),
  // else on codes of the per-tensor quantization, which each part keeps.
  bool dequantized = dqViews.count(in) || dqConsts.count(in);
  bool inFloat = isFloatRuntimeValue(in) ||
                 (dequantized && llvm::all_of(windows, [&](const Window &w) {
                    return consumedInFloat(w.name);
                  }));
  Value x = inFloat ? floatOperand(n, 0) : quantizedInput(n, 0, "input");
  requirePerTensor(n, x);
  Type elem = cast<RankedTensorType>(x.getType()).getElementType();
  for (const Window &w : windows)
    bindLayout(n,
               SliceOp::create(b, nodeLoc(n), RankedTensorType::get(w.sizes, elem),
                               x, b.getDenseI64ArrayAttr(w.starts),
                               b.getDenseI64ArrayAttr(w.steps)),
               w.name);
}

void Importer::importSplitOrSlice(const onnx::NodeProto &n) {
  const std::string &x = n.input(0);
  ensureConstant(x);
  auto it = consts.find(x);
  if (it == consts.end()) {
    importRuntimeSplitOrSlice(n);
    return;
  }
  const ConstTensor &c = it->second;
  for (const Window &w : cutWindows(n, c.dims)) {
    ConstTensor part;
    part.dtype = c.dtype;
    part.bits = c.bits;
    part.dims.assign(w.sizes.begin(), w.sizes.end());
    // A window cutting at most one axis, with step 1, keeps its origin
    // (per-channel parameters of a sliced weight follow it).
    if (std::optional<int64_t> a = singleCutAxis(w, c.dims))
      part.origin = *a < 0 ? SliceOrigin{x, 0, 0, c.dims[0]}
                           : SliceOrigin{x, *a, w.starts[*a], w.sizes[*a]};
    // Gather element by element: row-major walk of the window.
    int64_t total = product(w.sizes, 0, w.sizes.size());
    SmallVector<int64_t> idx(w.sizes.size(), 0);
    for (int64_t e = 0; e < total; ++e) {
      int64_t src = 0;
      for (size_t a = 0; a < idx.size(); ++a)
        src = src * c.dims[a] + w.starts[a] + idx[a] * w.steps[a];
      if (c.floats.empty())
        part.ints.push_back(c.ints[src]);
      else
        part.floats.push_back(c.floats[src]);
      for (int64_t a = (int64_t)idx.size() - 1; a >= 0; --a) {
        if (++idx[a] < w.sizes[a])
          break;
        idx[a] = 0;
      }
    }
    consts[w.name] = part;
  }
}

bool Importer::importConstantConcat(const onnx::NodeProto &n) {
  std::vector<const QConst *> in;
  for (int i = 0; i < n.input_size(); ++i) {
    if (!hasInput(n, i))
      return false;
    ensureConstant(n.input(i));
    auto it = dqConsts.find(n.input(i));
    if (it == dqConsts.end())
      return false;
    in.push_back(&it->second);
  }
  const QConst &f = *in.front();
  int64_t rank = f.dims.size(), axis = attrInt(n, "axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= rank)
    fail(describe(n), ": axis is out of range");
  // Slices of one constant must cover it contiguously, in order.
  const std::string &src = f.origin.source;
  int64_t next = 0;
  for (const QConst *q : in) {
    if (q->origin.source != src)
      fail(describe(n), ": concatenates slices of '", src, "' with '",
           q->origin.source.empty() ? "another tensor" : q->origin.source,
           "'");
    if (q->dims.size() != f.dims.size())
      fail(describe(n), ": inputs have different ranks");
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && q->dims[d] != f.dims[d])
        fail(describe(n), ": input shapes differ outside the axis");
    if (q->isSigned != f.isSigned || q->bipolar || f.bipolar)
      fail(describe(n), ": per-slice quantization must be all signed or all "
                        "unsigned, and not bipolar");
    if (q->axis >= 0 && q->axis != axis)
      fail(describe(n), ": a slice is quantized per channel along axis ",
           q->axis, ", not the concatenation axis ", axis);
    if (!src.empty()) {
      if (q->origin.axis != axis || q->origin.start != next)
        fail(describe(n), ": the slices of '", src,
             "' do not cover its channels contiguously in order along axis ",
             axis, " (channels ", q->origin.start, "..",
             q->origin.start + q->origin.count - 1, " where channel ", next,
             " is expected)");
      next += q->origin.count;
    }
  }
  if (!src.empty() && consts.count(src) && next != consts[src].dims[axis])
    fail(describe(n), ": the slices of '", src, "' cover ", next, " of its ",
         consts[src].dims[axis], " channels");
  QConst r;
  r.dims = f.dims;
  r.dims[axis] = 0;
  r.isSigned = f.isSigned;
  r.dtype = f.dtype;
  r.axis = axis;
  r.bits.clear();
  for (const QConst *q : in) {
    r.dims[axis] += q->dims[axis];
    for (int64_t c = 0; c < q->dims[axis]; ++c) {
      int64_t qc = q->axis < 0 ? 0 : c;
      r.bits.push_back(q->bitsOf(qc));
      r.scales.push_back(q->scaleOf(qc));
      r.zps.push_back(q->zpOf(qc));
    }
  }
  if (llvm::all_equal(r.scales) && llvm::all_equal(r.zps)) {
    r.scales.resize(1);
    r.zps.resize(1);
  }
  if (llvm::all_equal(r.bits))
    r.bits.resize(1);
  int64_t outer = product(f.dims, 0, axis);
  for (int64_t o = 0; o < outer; ++o)
    for (const QConst *q : in) {
      int64_t block = product(q->dims, axis, q->dims.size());
      r.values.insert(r.values.end(), q->values.begin() + o * block,
                      q->values.begin() + (o + 1) * block);
    }
  dqConsts[n.output(0)] = r;
  return true;
}

bool Importer::sliceQuantPattern(const onnx::NodeProto &n,
                                 const std::string &name,
                                 ArrayRef<int64_t> shape, OutputQuant &oq) {
  auto it = consumers.find(name);
  if (it == consumers.end() || it->second.empty() || graphOutputs.count(name))
    return false;
  const auto &cs = it->second;
  std::vector<Part> parts;
  std::vector<const onnx::NodeProto *> cutters;
  if (cs.size() == 1 && cs[0]->op_type() == "Split") {
    parts = splitParts(*cs[0], shape);
    cutters.push_back(cs[0]);
  } else if (llvm::all_of(cs, [](const onnx::NodeProto *c) {
               return c->op_type() == "Slice";
             })) {
    for (const onnx::NodeProto *c : cs) {
      auto p = splitParts(*c, shape);
      parts.insert(parts.end(), p.begin(), p.end());
      cutters.push_back(c);
    }
  } else {
    return false;
  }
  // Each part -> one quantizer (QONNX Quant, or QuantizeLinear [-> Clip]
  // -> DequantizeLinear) -> the same Concat.
  const onnx::NodeProto *concat = nullptr;
  std::map<std::string, std::pair<Part, OutputQuant>> byName;
  for (const Part &p : parts) {
    const onnx::NodeProto *q = singleConsumer(p.name);
    if (!q || !isQuantizer(*q))
      fail(describe(*cutters.front()), ": part '", p.name,
           "' must feed exactly one quantizer (Quant or QuantizeLinear) for "
           "per-slice quantization");
    SmallVector<int64_t> partShape(shape);
    partShape[p.axis] = p.count;
    OutputQuant po;
    quantizerOutput(*q, partShape, po);
    if (!po.view) {
      const onnx::NodeProto *dq = singleConsumer(po.outName);
      if (!dq || dq->op_type() != "DequantizeLinear")
        fail(describe(*q), ": per-slice QuantizeLinear must be followed by "
                           "DequantizeLinear");
      QuantType dt = quantParams(*dq, 1, 2, partShape, attrInt(*dq, "axis", 1),
                                 onnx::TensorProto::UINT8);
      if (!dt || dt.getScales() != po.type.getScales() ||
          dt.getZeroPoints() != po.type.getZeroPoints())
        fail(describe(*dq), ": scale and zero point differ from those of ",
             describe(*q));
      done.insert(dq);
      po.outName = output0(*dq);
    }
    const onnx::NodeProto *c = singleConsumer(po.outName);
    if (!c || c->op_type() != "Concat" || (concat && c != concat))
      fail(describe(*q), ": the quantized parts of '", name,
           "' must all feed one Concat");
    concat = c;
    byName[po.outName] = {p, po};
  }
  int64_t rank = shape.size(), axis = attrInt(*concat, "axis", 0);
  if (axis < 0)
    axis += rank;
  int64_t next = 0;
  std::vector<unsigned> bits;
  const OutputQuant *first = nullptr;
  for (int i = 0; i < concat->input_size(); ++i) {
    auto p = byName.find(concat->input(i));
    if (p == byName.end())
      fail(describe(*concat), ": input '", concat->input(i),
           "' is not one of the quantized parts of '", name, "'");
    const auto &[part, po] = p->second;
    if (part.axis != axis || part.start != next)
      fail(describe(*concat), ": the slices of '", name,
           "' do not cover its channels contiguously in order along axis ",
           axis, " (channels ", part.start, "..", part.start + part.count - 1,
           " where channel ", next, " is expected)");
    next += part.count;
    if (!first)
      first = &po;
    if (po.type.isBipolar() || po.type.getIsSigned() != first->type.getIsSigned() ||
        po.type.getScales() != first->type.getScales() ||
        po.type.getZeroPoints() != first->type.getZeroPoints() ||
        po.lo != first->lo || po.hi != first->hi ||
        po.rounding != first->rounding)
      fail(describe(*concat), ": the slices of '", name,
           "' must share signedness, scale, zero point, range and rounding "
           "(only the bit-width may differ)");
    for (int64_t c = 0; c < part.count; ++c)
      bits.push_back(po.type.getBitsOf(c));
  }
  if (next != shape[axis])
    fail(describe(*concat), ": the slices of '", name, "' cover ", next,
         " of its ", shape[axis], " channels");
  oq.type = makeQuantType(&ctx, first->type.getIsSigned(), false, bits, axis,
                          {first->type.getScaleOf(0)},
                          {first->type.getZeroPointOf(0)});
  oq.rounding = first->rounding;
  roundBounds(oq);
  narrowRange(oq, first->lo, first->hi);
  oq.quantizer = first->quantizer;
  oq.view = true;
  oq.outName = output0(*concat);
  for (const onnx::NodeProto *c : cutters)
    done.insert(c);
  done.insert(concat);
  return true;
}

} // namespace qcc::onnximport
