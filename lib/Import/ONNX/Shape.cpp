//===- Shape.cpp - shape computations, layout and graph plumbing ----------===//
//
// Exporters compute shapes in the graph: PyTorch writes x.view(x.size(0), -1)
// as Shape -> Gather -> Unsqueeze -> Concat -> Reshape. Every shape in qcc
// is static, so these are folded into constants here (Shape of any tensor
// whose shape is known; Gather, Unsqueeze, Squeeze, Concat and Cast of
// constants), and the Reshape reads a constant. Unsqueeze and Squeeze of a
// quantized tensor are reshapes; Transpose and nearest Resize / Upsample
// (integer factors) are layout ops on quantized tensors. Identity and
// Dropout (inference) are other names for their input.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace qcc::qnn;

namespace qcc::onnximport {

/// The largest output height or width Resize and Upsample compile (their
/// source tables hold one entry per output row and column).
static constexpr int64_t kMaxResizeExtent = int64_t(1) << 24;

void Importer::importConstant(const onnx::NodeProto &n) {
  allowAttrs(n, {"value", "value_int", "value_ints", "value_float",
                 "value_floats"});
  ConstTensor c;
  if (auto *a = attr(n, "value")) {
    c = readTensor(a->t());
  } else if (auto *a = attr(n, "value_int")) {
    c.dtype = onnx::TensorProto::INT64;
    c.ints = {a->i()};
  } else if (auto *a = attr(n, "value_ints")) {
    c.dtype = onnx::TensorProto::INT64;
    c.ints.assign(a->ints().begin(), a->ints().end());
    c.dims = {(int64_t)c.ints.size()};
  } else if (auto *a = attr(n, "value_float")) {
    c.dtype = onnx::TensorProto::FLOAT;
    c.floats = {a->f()};
  } else if (auto *a = attr(n, "value_floats")) {
    c.dtype = onnx::TensorProto::FLOAT;
    c.floats.assign(a->floats().begin(), a->floats().end());
    c.dims = {(int64_t)c.floats.size()};
  } else {
    fail(describe(n), ": a Constant needs one of value, value_int, "
                      "value_ints, value_float, value_floats");
  }
  consts[n.output(0)] = c;
}

void Importer::aliasTensor(const onnx::NodeProto &n, const std::string &in,
                           const std::string &out) {
  ensureConstant(in);
  bool found = false;
  if (auto it = values.find(in); it != values.end())
    values[out] = it->second, found = true;
  if (auto it = dqViews.find(in); it != dqViews.end())
    dqViews[out] = it->second, found = true;
  if (auto it = dqConsts.find(in); it != dqConsts.end())
    dqConsts[out] = it->second, found = true;
  if (auto it = consts.find(in); it != consts.end())
    consts[out] = it->second, found = true;
  if (auto u = unreadable.find(in); u != unreadable.end())
    fail(describe(n), ": ", u->second);
  if (!found)
    fail(describe(n), ": input '", in, "' is not defined before this node");
}

void Importer::importIdentity(const onnx::NodeProto &n) {
  // Common in exported graphs: the output is another name for the input,
  // whatever it is (value, DQ view, constant).
  allowAttrs(n, {});
  aliasTensor(n, n.input(0), n.output(0));
}

void Importer::importDropout(const onnx::NodeProto &n) {
  // Inference: the identity. Before opset 12 `ratio` is an attribute;
  // from 12 `ratio` and `training_mode` are inputs, and training must be
  // off.
  allowAttrs(n, {"ratio", "seed", "is_test"});
  if (hasInput(n, 2)) {
    const ConstTensor &t = constant(n, 2, "training_mode");
    if (t.numElements() != 1 || (t.isInt() ? t.ints[0] != 0 : t.floats[0] != 0))
      fail(describe(n), ": training_mode must be false");
  }
  if (n.output_size() > 1 && !n.output(1).empty() &&
      (consumers.count(n.output(1)) || graphOutputs.count(n.output(1))))
    fail(describe(n), ": the mask output '", n.output(1),
         "' is not supported (it is used)");
  aliasTensor(n, n.input(0), n.output(0));
}

std::optional<std::vector<int64_t>>
Importer::knownShape(const std::string &name) {
  ensureConstant(name);
  auto dims = [](Value v) {
    auto t = cast<RankedTensorType>(v.getType());
    return std::vector<int64_t>(t.getShape().begin(), t.getShape().end());
  };
  if (auto it = values.find(name); it != values.end())
    return dims(it->second);
  if (auto it = dqViews.find(name); it != dqViews.end())
    return dims(it->second);
  if (auto it = dqConsts.find(name); it != dqConsts.end())
    return it->second.dims;
  if (auto it = consts.find(name); it != consts.end())
    return it->second.dims;
  return std::nullopt;
}

static ConstTensor int64Tensor(std::vector<int64_t> values,
                               std::vector<int64_t> dims) {
  ConstTensor c;
  c.dtype = onnx::TensorProto::INT64;
  c.ints = std::move(values);
  c.dims = std::move(dims);
  return c;
}

void Importer::importShape(const onnx::NodeProto &n) {
  allowAttrs(n, {"start", "end"});
  auto shape = knownShape(n.input(0));
  if (!shape)
    fail(describe(n), ": the shape of '", n.input(0),
         "' is not known here (qcc folds Shape of tensors it has imported)");
  int64_t r = shape->size();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += r;
    return std::clamp<int64_t>(i, 0, r);
  };
  int64_t start = clampIndex(attrInt(n, "start", 0));
  int64_t end = attr(n, "end") ? clampIndex(attrInt(n, "end", r)) : r;
  std::vector<int64_t> v;
  for (int64_t i = start; i < end; ++i)
    v.push_back((*shape)[i]);
  int64_t count = v.size();
  consts[n.output(0)] = int64Tensor(std::move(v), {count});
}

/// The constant input #i of a folded shape computation.
const ConstTensor &Importer::foldedInput(const onnx::NodeProto &n, int i,
                                         StringRef what) {
  if (!hasInput(n, i))
    fail(describe(n), ": missing ", what);
  ensureConstant(n.input(i));
  if (!consts.count(n.input(i)) && !unreadable.count(n.input(i)))
    fail(describe(n), ": ", n.op_type(), " of '", n.input(i),
         "' is not supported: qcc folds it on constants only (shape "
         "computations)");
  return constant(n, i, what);
}

void Importer::importGather(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis"});
  const ConstTensor &data = foldedInput(n, 0, "data");
  const ConstTensor &idx = constant(n, 1, "indices");
  if (!idx.isInt() || idx.ints.size() != (size_t)idx.numElements())
    fail(describe(n), ": indices must be integers");
  int64_t r = data.dims.size(), axis = attrInt(n, "axis", 0);
  if (r == 0)
    fail(describe(n), ": data must have rank >= 1");
  if (axis < 0)
    axis += r;
  if (axis < 0 || axis >= r)
    fail(describe(n), ": axis is out of range");
  int64_t outer = 1, inner = 1, k = data.dims[axis];
  for (int64_t d = 0; d < axis; ++d)
    outer *= data.dims[d];
  for (int64_t d = axis + 1; d < r; ++d)
    inner *= data.dims[d];
  ConstTensor out;
  out.dtype = data.dtype;
  out.dims.assign(data.dims.begin(), data.dims.begin() + axis);
  out.dims.insert(out.dims.end(), idx.dims.begin(), idx.dims.end());
  out.dims.insert(out.dims.end(), data.dims.begin() + axis + 1, data.dims.end());
  bool ints = data.isInt();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j : idx.ints) {
      if (j < -k || j >= k)
        fail(describe(n), ": index ", j, " is out of range for dimension ", k);
      if (j < 0)
        j += k;
      for (int64_t i = 0; i < inner; ++i) {
        int64_t at = (o * k + j) * inner + i;
        if (ints)
          out.ints.push_back(data.ints[at]);
        else
          out.floats.push_back(data.floats[at]);
      }
    }
  consts[n.output(0)] = out;
}

/// `v` rounded to binary16 (ties to even), as a double. Through binary32
/// first, as ONNX Runtime casts a double (or an integer) to float16.
static double roundToHalf(double v) {
  llvm::APFloat f((float)v);
  bool lost;
  f.convert(llvm::APFloat::IEEEhalf(), llvm::APFloat::rmNearestTiesToEven, &lost);
  f.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven, &lost);
  return f.convertToFloat();
}

/// The ONNX element type of tensor `name`, or 0 where qcc cannot tell it:
/// a constant's, a graph input's or output's, one value_info declares, or
/// what a Cast (its `to`), CastLike, Identity or Dropout (their input's)
/// produces. Other ops' float results are float32 or float16 by their
/// inputs, which qcc does not track: 0.
int32_t Importer::elementTypeOf(const std::string &name) {
  ensureConstant(name);
  if (auto c = consts.find(name); c != consts.end())
    return c->second.dtype;
  for (const auto *list : {&g.input(), &g.output(), &g.value_info()})
    for (const auto &v : *list)
      if (v.name() == name && v.type().has_tensor_type() &&
          v.type().tensor_type().elem_type())
        return v.type().tensor_type().elem_type();
  auto p = producers.find(name);
  if (p == producers.end())
    return 0;
  const onnx::NodeProto &n = *p->second;
  if (!n.domain().empty() && n.domain() != "ai.onnx")
    return 0;
  if (n.op_type() == "Cast")
    return (int32_t)attrInt(n, "to", 0);
  if (n.op_type() == "CastLike" && hasInput(n, 1))
    return elementTypeOf(n.input(1));
  if ((n.op_type() == "Identity" || n.op_type() == "Dropout") && hasInput(n, 0) &&
      n.output(0) == name)
    return elementTypeOf(n.input(0));
  return 0;
}

void Importer::importCast(const onnx::NodeProto &n) {
  allowAttrs(n, {"to", "saturate"});
  int64_t to = attrInt(n, "to", 0);
  // CastLike: to the element type of its second input.
  if (n.op_type() == "CastLike") {
    if (!hasInput(n, 1))
      fail(describe(n), ": needs its target_type input");
    to = elementTypeOf(n.input(1));
    if (!to)
      fail(describe(n), ": the element type of target_type '", n.input(1),
           "' is not known (declare it in the graph's value_info, or use Cast)");
  }
  // A float tensor at run time (float16 ones are binary32 values that
  // binary16 holds exactly; see qnn.float_cast).
  if (isFloatRuntimeValue(n.input(0)) || dqViews.count(n.input(0))) {
    Value v = floatValue(n.input(0), &n);
    if (to == onnx::TensorProto::FLOAT16) {
      auto t = cast<RankedTensorType>(v.getType());
      Value h = FloatCastOp::create(
          b, nodeLoc(n), RankedTensorType::get(t.getShape(), b.getF16Type()), v);
      v = FloatCastOp::create(b, nodeLoc(n), t, h);
    } else if (to != onnx::TensorProto::FLOAT) {
      fail(describe(n), ": Cast of a float tensor at run time to ",
           dtypeName(to), " is not supported (float, float16)");
    }
    values[n.output(0)] = v;
    return;
  }
  ConstTensor c = foldedInput(n, 0, "input");
  bool toInt = to == onnx::TensorProto::INT64 || to == onnx::TensorProto::INT32;
  bool toFloat = to == onnx::TensorProto::FLOAT || to == onnx::TensorProto::DOUBLE ||
                 to == onnx::TensorProto::FLOAT16;
  if (!toInt && !toFloat)
    fail(describe(n), ": Cast of a constant to ", dtypeName(to),
         " is not supported (int32, int64, float, double, float16)");
  if (toInt && !c.isInt()) {
    for (double f : c.floats) {
      if (!std::isfinite(f) || std::fabs(f) >= 9.2e18)
        fail(describe(n), ": ", f, " does not fit ", dtypeName(to));
      c.ints.push_back((int64_t)std::trunc(f));
    }
    c.floats.clear();
  } else if (toFloat && c.isInt()) {
    for (int64_t i : c.ints)
      c.floats.push_back((double)i);
    c.ints.clear();
  }
  if (to == onnx::TensorProto::INT32)
    for (int64_t &i : c.ints)
      if (i != (int32_t)i)
        fail(describe(n), ": ", i, " does not fit int32");
  if (to == onnx::TensorProto::FLOAT)
    for (double &f : c.floats)
      f = (double)(float)f;
  if (to == onnx::TensorProto::FLOAT16)
    for (double &f : c.floats)
      f = roundToHalf(f);
  c.dtype = to;
  c.bits = 0;
  consts[n.output(0)] = c;
}

void Importer::importSqueezeOrUnsqueeze(const onnx::NodeProto &n) {
  bool unsqueeze = n.op_type() == "Unsqueeze";
  // Axes: an attribute before opset 13, an input from 13.
  std::optional<std::vector<int64_t>> axes;
  if (opset < 13) {
    allowAttrs(n, {"axes"});
    if (attr(n, "axes"))
      axes = attrInts(n, "axes", {});
  } else {
    allowAttrs(n, {});
    if (hasInput(n, 1)) {
      const ConstTensor &a = constant(n, 1, "axes");
      if (!a.isInt())
        fail(describe(n), ": axes must be integers");
      axes = a.ints;
    }
  }
  if (unsqueeze && !axes)
    fail(describe(n), ": Unsqueeze needs axes");
  auto in = knownShape(n.input(0));
  if (!in)
    fail(describe(n), ": input '", n.input(0), "' is not defined before this node");
  int64_t r = in->size(), outRank = unsqueeze ? r + axes->size() : r;
  std::vector<int64_t> shape;
  std::set<int64_t> marked;
  if (axes)
    for (int64_t a : *axes) {
      int64_t rank = unsqueeze ? outRank : r;
      if (a < -rank || a >= rank)
        fail(describe(n), ": axis ", a, " is out of range for rank ", rank);
      if (!marked.insert(a < 0 ? a + rank : a).second)
        fail(describe(n), ": axis ", a, " is repeated");
    }
  if (unsqueeze) {
    for (int64_t d = 0, i = 0; d < outRank; ++d)
      shape.push_back(marked.count(d) ? 1 : (*in)[i++]);
  } else {
    for (int64_t d = 0; d < r; ++d) {
      bool drop = axes ? marked.count(d) > 0 : (*in)[d] == 1;
      if (drop && (*in)[d] != 1)
        fail(describe(n), ": cannot squeeze axis ", d, " of size ", (*in)[d]);
      if (!drop)
        shape.push_back((*in)[d]);
    }
  }
  if (auto it = consts.find(n.input(0)); it != consts.end()) {
    ConstTensor c = it->second;
    c.dims = shape;
    consts[n.output(0)] = c;
    return;
  }
  bindReshape(n, layoutInput(n), shape);
}

bool Importer::consumedInFloat(std::string name) {
  auto isLayout = [](const onnx::NodeProto &c) {
    static const std::set<std::string> ops = {
        "Reshape",   "Flatten",      "Transpose",   "Squeeze",
        "Unsqueeze", "Identity",     "DepthToSpace", "SpaceToDepth"};
    return (c.domain().empty() || c.domain() == "ai.onnx") &&
           ops.count(c.op_type());
  };
  auto inFloat = [&](const onnx::NodeProto &c) {
    if (isWideQuantizeLinear(c))
      return true;
    if (!(c.domain().empty() || c.domain() == "ai.onnx") || c.output_size() < 1)
      return false;
    const std::string &op = c.op_type();
    if (op == "Softmax" || op == "Sub" || op == "Div" ||
        op == "BatchNormalization")
      return true;
    // A layer with float weights (Conv: any but a quantized constant), or
    // whose other operand is float, reads the tensor in float.
    if (op == "Conv" || op == "Gemm" || op == "MatMul") {
      if (c.input_size() < 2)
        return false;
      if (c.input(1) == name)
        return op == "Conv" || !isQuantizedTensor(c.input(0));
      return weightsInFloat(c);
    }
    // Through a float concat or pool (a MaxPool towards a quantizer runs on
    // its codes instead: maxPoolQuantPattern).
    if (op == "Concat" || op == "MaxPool" || op == "AveragePool" ||
        op == "GlobalAveragePool" || op == "GlobalMaxPool")
      return consumedInFloat(c.output(0));
    if (op == "Slice" || op == "Split")
      return llvm::all_of(c.output(), [&](const std::string &o) {
        return consumedInFloat(o);
      });
    static const std::set<std::string> floatUnary = {
        "Relu",     "Clip", "LeakyRelu", "HardSigmoid", "HardSwish",
        "Sigmoid",  "Tanh", "Elu",       "Selu",        "Celu",
        "Softplus", "Softsign", "ThresholdedRelu", "PRelu",       "Mish"};
    if (!floatUnary.count(op))
      return false;
    const onnx::NodeProto *mul = siluMul(c);
    return !resultIsQuantized(mul ? output0(*mul) : c.output(0));
  };
  // Bounded: a cycle of layout ops must not loop.
  for (int i = 0; i <= g.node_size(); ++i) {
    if (graphOutputs.count(name))
      return true;
    auto it = consumers.find(name);
    if (it == consumers.end() || it->second.empty())
      return false;
    const auto &cs = it->second;
    if (cs.size() == 1 && isLayout(*cs[0])) {
      name = output0(*cs[0]);
      continue;
    }
    return llvm::all_of(cs, [&](const onnx::NodeProto *c) { return inFloat(*c); });
  }
  return false;
}

Value Importer::layoutInput(const onnx::NodeProto &n) {
  const std::string &in = n.input(0);
  if (isFloatRuntimeValue(in) ||
      (dqViews.count(in) && consumedInFloat(n.output(0))))
    return floatOperand(n, 0);
  return quantizedInput(n, 0, "data");
}

void Importer::bindLayout(const onnx::NodeProto &n, Value v, StringRef name) {
  std::string out = name.empty() ? n.output(0) : name.str();
  bool codes = !cast<RankedTensorType>(v.getType()).getElementType().isF32();
  if (codes && dqViews.count(n.input(0)))
    dqViews[out] = v; // DQ -> op -> Q
  else
    values[out] = v;
}

void Importer::requirePerTensor(const onnx::NodeProto &n, Value x) {
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getElementType().isF32())
    return;
  QuantType q = getQuantElementType(xt);
  if (!q.isPerTensor() || q.isSliced())
    fail(describe(n), ": input must be quantized per tensor");
}

void Importer::importTranspose(const onnx::NodeProto &n) {
  allowAttrs(n, {"perm"});
  auto in = knownShape(n.input(0));
  if (!in)
    fail(describe(n), ": input '", n.input(0), "' is not defined before this node");
  int64_t r = in->size();
  std::vector<int64_t> perm = attrInts(n, "perm", {});
  if (perm.empty())
    for (int64_t i = r - 1; i >= 0; --i)
      perm.push_back(i);
  std::vector<bool> seen(r, false);
  if ((int64_t)perm.size() != r)
    fail(describe(n), ": perm has ", perm.size(), " entries for rank ", r);
  for (int64_t p : perm) {
    if (p < 0 || p >= r || seen[p])
      fail(describe(n), ": perm is not a permutation of 0..", r - 1);
    seen[p] = true;
  }
  std::vector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back((*in)[p]);
  // A quantized constant (weights written transposed): permuted here.
  if (auto it = dqConsts.find(n.input(0)); it != dqConsts.end()) {
    QConst w = it->second;
    std::vector<int64_t> strides(r, 1);
    for (int64_t d = r - 2; d >= 0; --d)
      strides[d] = strides[d + 1] * w.dims[d + 1];
    std::vector<int64_t> values(w.values.size()), idx(r, 0);
    for (size_t o = 0; o < values.size(); ++o) {
      int64_t src = 0;
      for (int64_t d = 0; d < r; ++d)
        src += idx[d] * strides[perm[d]];
      values[o] = w.values[src];
      for (int64_t d = r - 1; d >= 0 && ++idx[d] == shape[d]; --d)
        idx[d] = 0;
    }
    w.values = values;
    w.dims = shape;
    if (w.axis >= 0)
      w.axis = std::find(perm.begin(), perm.end(), w.axis) - perm.begin();
    w.origin = {};
    dqConsts[n.output(0)] = w;
    return;
  }
  Value x = layoutInput(n);
  requirePerTensor(n, x);
  Type elem = cast<RankedTensorType>(x.getType()).getElementType();
  bindLayout(n, TransposeOp::create(b, nodeLoc(n),
                                    RankedTensorType::get(shape, elem), x,
                                    b.getDenseI64ArrayAttr(perm)));
}

void Importer::importDepthOrSpace(const onnx::NodeProto &n) {
  bool toSpace = n.op_type() == "DepthToSpace";
  if (toSpace)
    allowAttrs(n, {"blocksize", "mode"});
  else
    allowAttrs(n, {"blocksize"});
  bool hasBlock = llvm::any_of(n.attribute(), [](const onnx::AttributeProto &a) {
    return a.name() == "blocksize";
  });
  int64_t bs = attrInt(n, "blocksize", 0);
  if (!hasBlock || bs < 1)
    fail(describe(n), ": blocksize must be a positive integer");
  std::string mode = attrString(n, "mode", "DCR");
  if (mode != "DCR" && mode != "CRD")
    fail(describe(n), ": mode '", mode, "' is not DCR or CRD");
  Value x = layoutInput(n);
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() != 4)
    fail(describe(n), ": input must be 4-D (NCHW), got rank ", xt.getRank());
  int64_t N = xt.getDimSize(0), C = xt.getDimSize(1), H = xt.getDimSize(2),
          W = xt.getDimSize(3);
  SmallVector<int64_t> split, perm, out;
  if (toSpace) {
    if (bs > C || C % bs != 0 || (C / bs) % bs != 0)
      fail(describe(n), ": ", C, " channels are not a multiple of blocksize^2 (",
           bs, "^2)");
    int64_t c = C / bs / bs;
    if (mode == "DCR") {
      split = {N, bs, bs, c, H, W};
      perm = {0, 3, 4, 1, 5, 2};
    } else {
      split = {N, c, bs, bs, H, W};
      perm = {0, 1, 4, 2, 5, 3};
    }
    out = {N, c, H * bs, W * bs};
  } else {
    if (bs > H || bs > W || H % bs != 0 || W % bs != 0)
      fail(describe(n), ": height ", H, " and width ", W,
           " are not multiples of blocksize ", bs);
    split = {N, C, H / bs, bs, W / bs, bs};
    perm = {0, 3, 5, 1, 2, 4};
    out = {N, C * bs * bs, H / bs, W / bs};
  }
  requirePerTensor(n, x);
  Type elem = xt.getElementType();
  SmallVector<int64_t> permuted;
  for (int64_t p : perm)
    permuted.push_back(split[p]);
  Location loc = nodeLoc(n);
  Value v = ReshapeOp::create(b, loc, RankedTensorType::get(split, elem), x);
  v = TransposeOp::create(b, loc, RankedTensorType::get(permuted, elem), v,
                          b.getDenseI64ArrayAttr(perm));
  v = ReshapeOp::create(b, loc, RankedTensorType::get(out, elem), v);
  bindLayout(n, v);
}

void Importer::importPad(const onnx::NodeProto &n) {
  // Pad-2: pads and value as attributes; Pad-11: inputs; Pad-18: axes;
  // Pad-19: mode wrap.
  bool attrs = opset < 11;
  if (attrs)
    allowAttrs(n, {"mode", "pads", "value"});
  else
    allowAttrs(n, {"mode"});
  std::string mode = attrString(n, "mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge" &&
      !(mode == "wrap" && opset >= 19))
    fail(describe(n), ": mode '", mode, "' is not constant, reflect, edge",
         opset >= 19 ? " or wrap" : " (or wrap, from opset 19)");
  auto known = knownShape(n.input(0));
  if (!known)
    fail(describe(n), ": input '", n.input(0), "' is not defined before this node");
  std::vector<int64_t> shape = *known;
  int64_t rank = shape.size();
  std::vector<int64_t> pads =
      attrs ? attrInts(n, "pads", {}) : constant(n, 1, "pads").ints;
  std::vector<int64_t> axes;
  if (!attrs && hasInput(n, 3))
    axes = constant(n, 3, "axes").ints;
  else
    for (int64_t a = 0; a < rank; ++a)
      axes.push_back(a);
  if (pads.size() != 2 * axes.size())
    fail(describe(n), ": ", pads.size(), " pads for ", axes.size(),
         " axes (two per axis)");
  std::vector<int64_t> low(rank, 0), high(rank, 0);
  std::vector<bool> seen(rank, false);
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank)
      fail(describe(n), ": axis ", axes[i], " is out of range for rank ", rank);
    if (seen[a])
      fail(describe(n), ": axis ", a, " is padded twice");
    seen[a] = true;
    low[a] = pads[i];
    high[a] = pads[i + axes.size()];
    __int128 size = (__int128)shape[a] + low[a] + high[a];
    if (size < 1 || size > INT32_MAX)
      fail(describe(n), ": axis ", a, " of extent ", shape[a], " padded by ",
           low[a], " and ", high[a], size < 1 ? " is empty" : " is too large");
  }
  // The padding value: the `value` attribute, or input 2, a scalar of the
  // data's type.
  bool intValue = false;
  double real = attrs ? attrFloat(n, "value", 0.0f) : 0.0;
  if (!attrs && hasInput(n, 2)) {
    const ConstTensor &c = constant(n, 2, "constant_value");
    if (c.numElements() != 1)
      fail(describe(n), ": constant_value must hold one value");
    intValue = c.isInt();
    real = intValue ? (double)c.ints[0] : c.floats[0];
  }
  // Floats when the data is float or every use of the result is; codes
  // otherwise. Padding dequantized data pads with the code of the real
  // value, or, when it has none, in float (the quantizer after the Pad
  // quantizes it); padding integer data (QOperator) pads with the value.
  const std::string &in = n.input(0);
  bool inFloat = isFloatRuntimeValue(in) ||
                 (dqViews.count(in) && consumedInFloat(n.output(0)));
  if (inFloat && intValue)
    fail(describe(n), ": constant_value is an integer; the data is float");
  Value x = inFloat ? floatOperand(n, 0) : quantizedInput(n, 0, "data");
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t code = 0;
  requirePerTensor(n, x);
  if (!inFloat) {
    QuantType qt = getQuantElementType(xt);
    if (mode == "constant" && dqViews.count(in)) {
      if (intValue)
        fail(describe(n), ": constant_value is an integer; the data is float "
             "(dequantized)");
      double s = qt.getScales()[0], r = std::nearbyint(real / s) +
                                         qt.getZeroPoints()[0];
      if (r >= qt.getQMinOf(0) && r <= qt.getQMaxOf(0) &&
          (float)((r - qt.getZeroPoints()[0]) * s) == (float)real) {
        code = (int64_t)r;
      } else {
        inFloat = true;
        x = floatOperand(n, 0);
        xt = cast<RankedTensorType>(x.getType());
      }
    } else if (mode == "constant") {
      if (real != std::nearbyint(real) || real < qt.getQMinOf(0) ||
          real > qt.getQMaxOf(0))
        fail(describe(n), ": padding value ", real, " is not a code of the "
             "input's type (integers in [", qt.getQMinOf(0), ", ",
             qt.getQMaxOf(0), "])");
      code = (int64_t)real;
    }
  }
  Type elem = xt.getElementType();
  Location loc = nodeLoc(n);
  SmallVector<int64_t> cur(shape.begin(), shape.end());
  // Negative pads crop first.
  SmallVector<int64_t> starts(rank, 0), steps(rank, 1);
  bool crop = false;
  for (int64_t a = 0; a < rank; ++a) {
    if (low[a] < 0 || high[a] < 0) {
      crop = true;
      starts[a] = std::max<int64_t>(-low[a], 0);
      cur[a] += std::min<int64_t>(low[a], 0) + std::min<int64_t>(high[a], 0);
      if (cur[a] < 1)
        fail(describe(n), ": negative pads remove all of axis ", a);
      low[a] = std::max<int64_t>(low[a], 0);
      high[a] = std::max<int64_t>(high[a], 0);
    }
  }
  auto slice = [&](Value v, ArrayRef<int64_t> st, ArrayRef<int64_t> sp,
                   ArrayRef<int64_t> sizes) -> Value {
    return SliceOp::create(b, loc, RankedTensorType::get(sizes, elem), v,
                           b.getDenseI64ArrayAttr(st), b.getDenseI64ArrayAttr(sp));
  };
  if (crop)
    x = slice(x, starts, steps, cur);
  bool any = llvm::any_of(low, [](int64_t v) { return v > 0; }) ||
             llvm::any_of(high, [](int64_t v) { return v > 0; });
  if (any && mode == "constant") {
    SmallVector<int64_t> outShape;
    for (int64_t a = 0; a < rank; ++a)
      outShape.push_back(cur[a] + low[a] + high[a]);
    TypedAttr value = inFloat ? TypedAttr(b.getF32FloatAttr((float)real))
                              : TypedAttr(b.getI64IntegerAttr(code));
    x = PadOp::create(b, loc, RankedTensorType::get(outShape, elem), x,
                      b.getDenseI64ArrayAttr(SmallVector<int64_t>(low.begin(), low.end())),
                      b.getDenseI64ArrayAttr(SmallVector<int64_t>(high.begin(), high.end())),
                      value);
  } else if (any) {
    // reflect / edge / wrap: per axis, Concat(part before, x, part after),
    // each part a qnn.slice of x along that axis.
    for (int64_t a = 0; a < rank; ++a) {
      int64_t dim = cur[a], l = low[a], h = high[a];
      if (l == 0 && h == 0)
        continue;
      int64_t limit = mode == "reflect" ? dim - 1 : mode == "wrap" ? dim : INT64_MAX;
      if (l > limit || h > limit)
        fail(describe(n), ": ", mode, " padding of axis ", a, " by ", std::max(l, h),
             " needs at least ", std::max(l, h) + (mode == "reflect"),
             " elements; it has ", dim);
      // Part of `count` elements along a, from `start` by `step`.
      auto part = [&](int64_t start, int64_t step, int64_t count) {
        SmallVector<int64_t> st(rank, 0), sp(rank, 1), sz(cur.begin(), cur.end());
        st[a] = start;
        sp[a] = step;
        sz[a] = count;
        return slice(x, st, sp, sz);
      };
      // `count` copies along a of the extent-1 slice at `at`: doubled by
      // concatenation, then cut (log2(count) ops, not count operands).
      auto repeated = [&](int64_t at, int64_t count) {
        Value v = part(at, 1, 1);
        SmallVector<int64_t> shape(cur.begin(), cur.end());
        shape[a] = 1;
        for (int64_t len = 1; len < count; len *= 2) {
          shape[a] = 2 * len;
          v = ConcatOp::create(b, loc, RankedTensorType::get(shape, elem),
                               ValueRange{v, v}, b.getI64IntegerAttr(a),
                               StringAttr(), UnitAttr());
        }
        if (shape[a] != count) {
          SmallVector<int64_t> st(rank, 0), sp(rank, 1), sz(shape);
          sz[a] = count;
          v = slice(v, st, sp, sz);
        }
        return v;
      };
      SmallVector<Value> parts;
      if (mode == "edge") {
        if (l)
          parts.push_back(repeated(0, l));
        parts.push_back(x);
        if (h)
          parts.push_back(repeated(dim - 1, h));
      } else if (mode == "reflect") {
        if (l)
          parts.push_back(part(l, -1, l));
        parts.push_back(x);
        if (h)
          parts.push_back(part(dim - 2, -1, h));
      } else {
        if (l)
          parts.push_back(part(dim - l, 1, l));
        parts.push_back(x);
        if (h)
          parts.push_back(part(0, 1, h));
      }
      cur[a] = dim + l + h;
      x = ConcatOp::create(b, loc, RankedTensorType::get(cur, elem), parts,
                           b.getI64IntegerAttr(a), StringAttr(), UnitAttr());
    }
  }
  bindLayout(n, x);
}

void Importer::importResize(const onnx::NodeProto &n) {
  bool upsample = n.op_type() == "Upsample";
  std::string mode = attrString(n, "mode", "nearest");
  std::string coord = "asymmetric", nearest = "floor";
  if (upsample) {
    allowAttrs(n, {"mode", "scales"});
  } else {
    allowAttrs(n, {"mode", "coordinate_transformation_mode", "nearest_mode",
                   "cubic_coeff_a", "exclude_outside", "extrapolation_value"});
    if (opset >= 11) {
      coord = attrString(n, "coordinate_transformation_mode", "half_pixel");
      nearest = attrString(n, "nearest_mode", "round_prefer_floor");
    }
  }
  // Cubic from Resize-11 (Resize-10 and Upsample resize nearest and linear).
  if (mode != "nearest" && mode != "linear" && !(mode == "cubic" && !upsample && opset >= 11))
    fail(describe(n), ": mode '", mode, "' is not supported (nearest, linear",
         !upsample && opset >= 11 ? ", cubic)" : ")");
  auto in = knownShape(n.input(0));
  if (!in || in->size() != 4)
    fail(describe(n), ": only 4-D (NCHW) inputs are supported");
  // tf_crop_and_resize: the region of interest, [starts..., ends...] as
  // fractions of each axis (input 1 from Resize-11).
  std::vector<float> roi;
  if (!upsample && opset >= 11 && coord == "tf_crop_and_resize") {
    if (!hasInput(n, 1))
      fail(describe(n), ": tf_crop_and_resize needs a constant roi");
    for (double v : constant(n, 1, "roi").floats)
      roi.push_back((float)v);
    if (roi.size() != 8)
      fail(describe(n), ": roi must have 8 values (starts and ends of 4 axes), got ",
           roi.size());
  }
  // Output sizes from scales (Upsample's attribute before opset 9, else an
  // input) or from sizes (Resize from opset 11).
  std::vector<int64_t> out(*in);
  int scalesIdx = upsample || opset < 11 ? 1 : 2;
  std::vector<double> scales;
  std::vector<int64_t> sizes;
  if (upsample && attr(n, "scales")) {
    for (float f : attr(n, "scales")->floats())
      scales.push_back(f);
  } else if (hasInput(n, scalesIdx) &&
             (ensureConstant(n.input(scalesIdx)),
              consts.count(n.input(scalesIdx)) &&
                  consts[n.input(scalesIdx)].numElements() > 0)) {
    scales = constant(n, scalesIdx, "scales").floats;
  } else if (!upsample && opset >= 11 && hasInput(n, 3)) {
    const ConstTensor &sz = constant(n, 3, "sizes");
    if (sz.ints.size() != 4)
      fail(describe(n), ": sizes must have 4 values");
    for (int d = 0; d < 4; ++d)
      scales.push_back((double)sz.ints[d] / (double)(*in)[d]);
    sizes = sz.ints;
  } else {
    fail(describe(n), ": needs constant scales or sizes");
  }
  if (scales.size() != 4)
    fail(describe(n), ": scales must have 4 values");
  // Linear, cubic, a region of interest, or nearest of a float tensor:
  // source tables computed here.
  if (mode != "nearest" || !roi.empty() || isFloatRuntimeValue(n.input(0))) {
    importResizeTables(n, *in, scales, sizes, coord, mode, nearest, roi);
    return;
  }
  // Nearest of a quantized tensor by integer factors that repeat pixels:
  // qnn.resize_nearest on the codes. Any other nearest resize goes through
  // the tables on the dequantized values (the quantizer after it gives the
  // same codes back).
  int64_t factors[2] = {1, 1};
  bool plain = true;
  for (int d = 0; d < 4 && plain; ++d) {
    double s = scales[d];
    // An output extent beyond the tables' limit goes to them to be refused
    // (before f or the extent overflows, and before the check below walks it).
    if (!(s >= 1) || (double)(*in)[d] * s > kMaxResizeExtent) {
      plain = false;
      break;
    }
    int64_t f = (int64_t)std::llround(s);
    if ((double)f != s || (d < 2 && f != 1)) {
      plain = false;
      break;
    }
    out[d] = (*in)[d] * f;
    if (d >= 2)
      factors[d - 2] = f;
  }
  // The source pixel of each output pixel under the node's coordinate and
  // rounding modes must be o floordiv f.
  for (int d = 0; d < 2 && plain; ++d) {
    int64_t f = factors[d], len = out[d + 2];
    for (int64_t o = 0; o < len && plain; ++o) {
      double x;
      if (coord == "asymmetric")
        x = (double)o / f;
      else if (coord == "half_pixel" || coord == "pytorch_half_pixel")
        x = (o + 0.5) / f - 0.5;
      else {
        plain = false;
        break;
      }
      double src;
      if (nearest == "floor")
        src = std::floor(x);
      else if (nearest == "ceil")
        src = std::ceil(x);
      else if (nearest == "round_prefer_floor")
        src = std::ceil(x - 0.5);
      else if (nearest == "round_prefer_ceil")
        src = std::floor(x + 0.5);
      else
        fail(describe(n), ": nearest_mode '", nearest, "' is not supported");
      src = std::clamp(src, 0.0, (double)(*in)[d + 2] - 1);
      plain = (int64_t)src == o / f;
    }
  }
  if (!plain) {
    importResizeTables(n, *in, scales, sizes, coord, mode, nearest, roi);
    return;
  }
  Value x = quantizedInput(n, 0, "X");
  auto xq = getQuantElementType(x.getType());
  bindLayout(n, ResizeNearestOp::create(
                    b, nodeLoc(n), RankedTensorType::get(out, xq), x,
                    b.getDenseI64ArrayAttr({factors[0], factors[1]})));
}

/// ONNX Runtime's cubic convolution weights (Keys) of the four sources
/// around a coordinate of fraction `s`, in binary32, one operation a
/// statement (no contraction into fused multiply-adds).
static std::array<float, 4> cubicCoefficients(float s, float a) {
  float t[4] = {s + 1.0f, s, 1.0f - s, 2.0f - s};
  std::array<float, 4> w;
  for (int i = 0; i < 4; ++i) {
    float x = t[i];
    if (i == 0 || i == 3) {
      // ((a * x - 5a) * x + 8a) * x - 4a
      float p = a * x;
      float a5 = 5.0f * a;
      p = p - a5;
      p = p * x;
      float a8 = 8.0f * a;
      p = p + a8;
      p = p * x;
      float a4 = 4.0f * a;
      w[i] = p - a4;
    } else {
      // ((a + 2) * x - (a + 3)) * x * x + 1
      float a2 = a + 2.0f, a3 = a + 3.0f;
      float p = a2 * x;
      p = p - a3;
      p = p * x;
      p = p * x;
      w[i] = p + 1.0f;
    }
  }
  return w;
}

void Importer::importResizeTables(const onnx::NodeProto &n,
                                  ArrayRef<int64_t> in,
                                  ArrayRef<double> scales,
                                  ArrayRef<int64_t> sizes, StringRef coord,
                                  StringRef mode, StringRef nearest,
                                  ArrayRef<float> roi) {
  for (int d = 0; d < 2; ++d)
    if (scales[d] != 1.0)
      fail(describe(n), ": scale ", llvm::format("%g", scales[d]),
           " of dimension ", d, " is not supported (N and C keep their size)");
  const int64_t taps = mode == "nearest" ? 1 : mode == "linear" ? 2 : 4;
  const float cubicA = attrFloat(n, "cubic_coeff_a", -0.75f);
  const bool excludeOutside = attrInt(n, "exclude_outside", 0) != 0;
  const bool extrapolate = coord == "tf_crop_and_resize";
  bool knownMode = coord == "half_pixel" || coord == "pytorch_half_pixel" ||
                   coord == "asymmetric" || coord == "align_corners" ||
                   extrapolate || (coord == "tf_half_pixel_for_nn" && mode == "nearest");
  if (!knownMode)
    fail(describe(n), ": coordinate_transformation_mode '", coord,
         "' is not supported with mode ", mode);
  SmallVector<int64_t> out(in.begin(), in.end());
  struct Table {
    SmallVector<int64_t> src;
    SmallVector<float> w;
    SmallVector<float> divisor; // cubic rows with exclude_outside
  } t[2];
  for (int d = 0; d < 2; ++d) {
    int64_t inLen = in[2 + d];
    double sc = scales[2 + d];
    if (!(sc > 0) || !std::isfinite(sc))
      fail(describe(n), ": scale ", llvm::format("%g", sc), " of dimension ",
           2 + d, " must be positive");
    // The extent from scales is checked as a double, before it is
    // converted (a scale of 3e38 gives an extent no int64_t holds).
    double extent = sizes.empty() ? std::floor((double)inLen * sc) : (double)sizes[2 + d];
    if (!(extent >= 1) || extent > (double)kMaxResizeExtent)
      fail(describe(n), ": output extent ", llvm::format("%.15g", extent),
           " of dimension ", 2 + d, " is outside [1, ", kMaxResizeExtent, "]");
    int64_t outLen = (int64_t)extent;
    out[2 + d] = outLen;
    // As ONNX Runtime computes them, in binary32: the scale (output over
    // input where sizes are given), the source coordinate (the output
    // coordinate itself where the scale is 1), its clamp.
    float s = sizes.empty() ? (float)sc : (float)outLen / (float)inLen;
    float lenR = sizes.empty() ? (float)inLen * s : (float)outLen;
    for (int64_t o = 0; o < outLen; ++o) {
      float fo = (float)o, x;
      if (s == 1.0f)
        x = fo;
      else if (coord == "half_pixel")
        x = (fo + 0.5f) / s - 0.5f;
      else if (coord == "pytorch_half_pixel")
        x = outLen > 1 ? (fo + 0.5f) / s - 0.5f : 0.0f;
      else if (coord == "asymmetric")
        x = fo / s;
      else if (coord == "align_corners")
        // The resized length is input times scale, not floored (ONNX's
        // reference and node tests), where scales are given.
        x = lenR == 1.0f ? 0.0f : fo * (float)(inLen - 1) / (lenR - 1.0f);
      else if (coord == "tf_half_pixel_for_nn")
        x = (fo + 0.5f) / s;
      else {
        float start = roi[2 + d], end = roi[6 + d], len1 = (float)(inLen - 1);
        if (outLen > 1) {
          float span = fo * (end - start);
          span = span * len1;
          span = span / (float)(outLen - 1);
          float first = start * len1;
          x = first + span;
        } else {
          x = (float)(0.5 * (double)(start + end) * (double)len1);
        }
      }
      // tf_crop_and_resize outside the input: extrapolated.
      if (extrapolate && (x < 0.0f || x > (float)(inLen - 1))) {
        t[d].src.append(taps, -1);
        t[d].w.append(taps, 0.0f);
        t[d].divisor.push_back(1.0f);
        continue;
      }
      if (mode == "linear") {
        x = std::max(0.0f, std::min(x, (float)(inLen - 1)));
        int64_t a = std::min<int64_t>((int64_t)x, inLen - 1);
        int64_t c = std::min<int64_t>(a + 1, inLen - 1);
        float wa = std::fabs(x - (float)c), wc = std::fabs(x - (float)a);
        if (a == c)
          wa = wc = 0.5f;
        t[d].src.append({a, c});
        t[d].w.append({wa, wc});
        continue;
      }
      if (mode == "cubic") {
        // Sources floor(x) - 1 .. floor(x) + 2, clamped to the input;
        // with exclude_outside those outside weigh 0 and the others are
        // divided by their sum.
        float fl = std::floor(x);
        int64_t base = (int64_t)fl;
        std::array<float, 4> w = cubicCoefficients(x - fl, cubicA);
        float sum = 1.0f;
        if (excludeOutside) {
          sum = 0.0f;
          for (int i = 0; i < 4; ++i) {
            int64_t at = base - 1 + i;
            if (at < 0 || at >= inLen)
              w[i] = 0.0f;
            sum = sum + w[i];
          }
        }
        // ONNX Runtime divides a column weight by the sum before it
        // multiplies, and a row's weighted term by it after.
        for (int i = 0; i < 4; ++i) {
          t[d].src.push_back(std::clamp<int64_t>(base - 1 + i, 0, inLen - 1));
          t[d].w.push_back(d == 1 ? w[i] / sum : w[i]);
        }
        t[d].divisor.push_back(sum);
        continue;
      }
      double src;
      if (nearest == "round_prefer_floor")
        src = x == (float)(int64_t)x + 0.5f ? (double)(int64_t)x : std::round(x);
      else if (nearest == "round_prefer_ceil")
        src = std::round(x);
      else if (nearest == "floor")
        src = std::floor(x);
      else if (nearest == "ceil")
        src = std::ceil(x);
      else
        fail(describe(n), ": nearest_mode '", nearest, "' is not supported");
      t[d].src.push_back(std::clamp<int64_t>((int64_t)src, 0, inLen - 1));
      t[d].w.push_back(1.0f);
    }
  }
  Value x = floatOperand(n, 0);
  // ONNX Runtime copies the input where the output has its shape.
  if (llvm::equal(out, in)) {
    values[n.output(0)] = x;
    return;
  }
  FloatAttr outside;
  if (extrapolate)
    outside = b.getF32FloatAttr(attrFloat(n, "extrapolation_value", 0.0f));
  DenseF32ArrayAttr divisors;
  if (mode == "cubic" && excludeOutside)
    divisors = b.getDenseF32ArrayAttr(t[0].divisor);
  values[n.output(0)] = Resize2DOp::create(
      b, nodeLoc(n), RankedTensorType::get(out, b.getF32Type()), x,
      b.getDenseI64ArrayAttr(t[0].src), b.getDenseF32ArrayAttr(t[0].w),
      b.getDenseI64ArrayAttr(t[1].src), b.getDenseF32ArrayAttr(t[1].w), divisors,
      outside);
}

bool Importer::importShapeConcat(const onnx::NodeProto &n) {
  std::vector<const ConstTensor *> in;
  for (int i = 0; i < n.input_size(); ++i) {
    if (!hasInput(n, i))
      return false;
    ensureConstant(n.input(i));
    auto it = consts.find(n.input(i));
    if (it == consts.end() || !it->second.isInt())
      return false;
    in.push_back(&it->second);
  }
  // Integer constants (a shape being assembled): 1-D, concatenated.
  ConstTensor out = int64Tensor({}, {0});
  for (const ConstTensor *c : in) {
    if (c->dims.size() != 1)
      fail(describe(n), ": concatenation of integer constants must be 1-D "
                        "(shape computations)");
    out.ints.insert(out.ints.end(), c->ints.begin(), c->ints.end());
  }
  out.dims = {(int64_t)out.ints.size()};
  out.dtype = in.front()->dtype;
  consts[n.output(0)] = out;
  return true;
}

} // namespace qcc::onnximport
