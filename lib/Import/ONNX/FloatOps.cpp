//===- FloatOps.cpp - the parts of a model left in float ------------------===//
//
// Add, Sub, Mul and Div that the exporter left unquantized, Softmax, and
// Conv, Gemm, MatMul and BatchNormalization on float tensors (QKeras and
// hls4ml leave the first layer's input unquantized; ONNX Runtime's
// quantizer leaves excluded layers in float):
// before the first quantizer (input normalization), after the last
// DequantizeLinear (Softmax, box decoding) and in islands between quantized
// regions (DequantizeLinear -> op -> QuantizeLinear, honoured as written).
// They become qnn.float_binary / qnn.softmax on f32 tensors: binary32 as
// ONNX computes them, so a following quantizer sees the values a runtime
// sees. Add and Mul between quantized tensors whose result is quantized
// stay integer ops (qnn.add, qnn.mul); Sub and Div are always float.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

using namespace mlir;
using namespace qcc::qnn;

namespace qcc::onnximport {

bool Importer::isFloatRuntimeValue(const std::string &name) {
  auto it = values.find(name);
  return it != values.end() &&
         cast<RankedTensorType>(it->second.getType()).getElementType().isF32();
}

bool Importer::resultIsQuantized(std::string name) {
  // The path findOutputQuant follows, without marking anything done:
  // Identities, one Relu/Clip, Identities, then quantizers (or the
  // Split/Slice of a per-slice quantization, which it checks further, or a
  // MaxPool that runs on the codes of the quantizers after it).
  auto skipIdentities = [&](std::string t) {
    while (const onnx::NodeProto *id = singleConsumer(t)) {
      if (id->op_type() != "Identity")
        break;
      t = output0(*id);
    }
    return t;
  };
  name = skipIdentities(name);
  if (const onnx::NodeProto *act = singleConsumer(name);
      act && (act->op_type() == "Relu" || act->op_type() == "Clip"))
    name = skipIdentities(output0(*act));
  auto it = consumers.find(name);
  if (graphOutputs.count(name) || it == consumers.end() || it->second.empty())
    return false;
  if (quantizedMaxPool(name))
    return true;
  const auto &cs = it->second;
  if (cs.size() == 1 && cs[0]->op_type() == "Split") {
    // Per-slice quantization, unless a part is quantized to 16 bits (a
    // float boundary, not a quantizer).
    for (const std::string &part : cs[0]->output())
      if (auto pc = consumers.find(part); pc != consumers.end())
        for (const onnx::NodeProto *c : pc->second)
          if (isWideQuantizeLinear(*c))
            return false;
    return true;
  }
  return llvm::all_of(cs, [&](const onnx::NodeProto *c) {
    return isQuantizer(*c);
  }) || llvm::all_of(cs, [&](const onnx::NodeProto *c) {
    return c->op_type() == "Slice";
  });
}

Value Importer::floatOperand(const onnx::NodeProto &n, int i) {
  if (!hasInput(n, i))
    fail(describe(n), ": missing input #", i);
  const std::string &name = n.input(i);
  if (auto u = unreadable.find(name); u != unreadable.end())
    fail(describe(n), ": ", u->second);
  if (auto it = consts.find(name); it != consts.end()) {
    const ConstTensor &c = it->second;
    if (c.isInt())
      fail(describe(n), ": input '", name, "' is a constant of type ",
           dtypeName(c.dtype), "; a float operation needs float32 (or a "
           "DequantizeLinear on it)");
    std::vector<float> data(c.floats.begin(), c.floats.end());
    auto t = RankedTensorType::get(c.dims, b.getF32Type());
    return arith::ConstantOp::create(
        b, nodeLoc(n), DenseElementsAttr::get(t, ArrayRef<float>(data)));
  }
  if (auto it = dqConsts.find(name); it != dqConsts.end()) {
    const QConst &c = it->second;
    // Codes of at most 8 bits stay stored as codes and are dequantized at
    // run time; wider ones (an int32 bias) are dequantized here, in
    // binary32 as DequantizeLinear computes them: (q - zp) * scale.
    bool narrow = llvm::all_of(c.bits, [](unsigned w) { return w <= 8; }) &&
                  llvm::all_of(c.values, [&](int64_t v) {
                    return c.isSigned ? v >= -128 && v <= 127 : v >= 0 && v <= 255;
                  });
    if (!narrow) {
      std::vector<float> data = c.dequantizedF32();
      return arith::ConstantOp::create(
          b, nodeLoc(n),
          DenseElementsAttr::get(RankedTensorType::get(c.dims, b.getF32Type()),
                                 ArrayRef<float>(data)));
    }
    Value q = materialize(c, n);
    auto t = cast<RankedTensorType>(q.getType());
    return DequantizeOp::create(
        b, nodeLoc(n), RankedTensorType::get(t.getShape(), b.getF32Type()), q);
  }
  return floatValue(name, &n);
}

bool Importer::isQuantizedTensor(const std::string &name) {
  if (dqViews.count(name) || dqConsts.count(name))
    return true;
  auto it = values.find(name);
  return it != values.end() && getQuantElementType(it->second.getType());
}

bool Importer::weightsInFloat(const onnx::NodeProto &n) {
  if (!hasInput(n, 1))
    return false;
  ensureConstant(n.input(1));
  adoptIntegerWeights(n, 1);
  // Conv reads quantized weights only as constants; MatMul and Gemm also
  // multiply two quantized tensors computed at run time.
  if (n.op_type() == "Conv")
    return !dqConsts.count(n.input(1));
  return !isQuantizedTensor(n.input(1));
}

bool Importer::layerRunsInFloat(const onnx::NodeProto &n) {
  if (!hasInput(n, 0) || !hasInput(n, 1))
    return false;
  ensureConstant(n.input(0));
  return !isQuantizedTensor(n.input(0)) || weightsInFloat(n);
}

bool Importer::outputLeftInFloat(const onnx::NodeProto &n) {
  if (!hasInput(n, 0) || !hasInput(n, 1))
    return false;
  // The channels an affine chain after it would be folded over: F of a
  // Conv's constant weights, N of a Gemm's or MatMul's B.
  auto shapeOf = [&](const std::string &name) -> std::vector<int64_t> {
    if (auto it = dqConsts.find(name); it != dqConsts.end())
      return it->second.dims;
    Value v;
    if (auto d = dqViews.find(name); d != dqViews.end())
      v = d->second;
    else if (auto it = values.find(name); it != values.end())
      v = it->second;
    if (!v)
      return {};
    ArrayRef<int64_t> s = cast<RankedTensorType>(v.getType()).getShape();
    return {s.begin(), s.end()};
  };
  std::vector<int64_t> wd = shapeOf(n.input(1)), xd = shapeOf(n.input(0));
  if (wd.size() < 2 || xd.size() < 2)
    return false; // the quantized import reports what is wrong
  std::string out = n.output(0);
  int64_t channels, axis, rank;
  if (n.op_type() == "Conv") {
    channels = wd[0], axis = 1, rank = convOutputRank();
  } else {
    bool transB = n.op_type() == "Gemm" && attrInt(n, "transB", 0);
    channels = transB ? wd[wd.size() - 2] : wd.back();
    rank = xd.size();
    axis = rank - 1;
    // A MatMul's bias Add.
    if (const onnx::NodeProto *add = singleConsumer(out);
        add && add->op_type() == "Add" && add->input_size() == 2) {
      std::string other = add->input(0) == out ? add->input(1) : add->input(0);
      ensureConstant(other);
      if (consts.count(other) || dqConsts.count(other))
        out = output0(*add);
    }
  }
  out = channelAffine(out, channels, axis, rank).out;
  return !resultIsQuantized(out) && !multiThresholdReader(out);
}

void Importer::importFloatConv(const onnx::NodeProto &n) {
  Value x = floatOperand(n, 0);
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported, got rank ",
         xt.getRank());
  Value w = floatOperand(n, 1);
  auto wt = cast<RankedTensorType>(w.getType());
  ArrayRef<int64_t> wd = wt.getShape();
  if (wd.size() == 4 && wd[0] == 0)
    fail(describe(n), ": weight has no output channels");
  SmallVector<int64_t> strides, dilations, pads, outShape;
  int64_t groups;
  convGeometry(n, xt.getShape(), wd, strides, dilations, pads, groups,
               outShape);
  Value bias;
  if (hasInput(n, 2)) {
    ensureConstant(n.input(2));
    bias = floatOperand(n, 2);
    auto bt = cast<RankedTensorType>(bias.getType());
    if (bt.getRank() != 1 || bt.getDimSize(0) != wd[0])
      fail(describe(n), ": bias must have shape [", wd[0], "]");
  }
  values[n.output(0)] = FloatConv2DOp::create(
      b, nodeLoc(n), RankedTensorType::get(outShape, b.getF32Type()), x, w,
      bias, b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr(dilations),
      b.getDenseI64ArrayAttr(pads), b.getI64IntegerAttr(groups));
}

Value Importer::floatTranspose2D(const onnx::NodeProto &n, Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  return TransposeOp::create(
      b, nodeLoc(n),
      RankedTensorType::get({t.getDimSize(1), t.getDimSize(0)}, b.getF32Type()),
      v, b.getDenseI64ArrayAttr({1, 0}));
}

Value Importer::floatScaled(const onnx::NodeProto &n, Value v, float factor) {
  if (factor == 1.0f)
    return v;
  auto st = RankedTensorType::get({}, b.getF32Type());
  Value c = arith::ConstantOp::create(
      b, nodeLoc(n), DenseElementsAttr::get(st, ArrayRef<float>(factor)));
  return FloatBinaryOp::create(b, nodeLoc(n), v.getType(), FloatBinaryKind::mul,
                               v, c);
}

void Importer::importFloatGemmOrMatMul(const onnx::NodeProto &n) {
  bool gemm = n.op_type() == "Gemm";
  Value a = floatOperand(n, 0), bm = floatOperand(n, 1);
  auto at = cast<RankedTensorType>(a.getType());
  auto bt = cast<RankedTensorType>(bm.getType());
  if (gemm) {
    if (at.getRank() != 2 || bt.getRank() != 2)
      fail(describe(n), ": A and B must be 2-D");
    if (attrInt(n, "transA", 0))
      a = floatTranspose2D(n, a);
    if (attrInt(n, "transB", 0))
      bm = floatTranspose2D(n, bm);
    at = cast<RankedTensorType>(a.getType());
    bt = cast<RankedTensorType>(bm.getType());
  } else if (at.getRank() < 2 || bt.getRank() < 2) {
    fail(describe(n), ": 1-D operands of MatMul are not supported");
  } else if (bt.getRank() != 2 && bt.getRank() != at.getRank()) {
    fail(describe(n), ": B of rank ", bt.getRank(), " with A of rank ",
         at.getRank(), " is not supported (B must be 2-D or of A's rank)");
  }
  int64_t K = at.getShape().back();
  if (bt.getDimSize(bt.getRank() - 2) != K)
    fail(describe(n), ": A has ", K, " columns but B has ",
         bt.getDimSize(bt.getRank() - 2), " rows");
  SmallVector<int64_t> shape(at.getShape());
  shape.back() = bt.getShape().back();
  for (int64_t i = 0; i + 2 < bt.getRank(); ++i)
    if (bt.getDimSize(i) != at.getDimSize(i) && bt.getDimSize(i) != 1)
      fail(describe(n), ": batch dimension ", i, " of B (", bt.getDimSize(i),
           ") does not broadcast to A's (", at.getDimSize(i), ")");
  auto rt = RankedTensorType::get(shape, b.getF32Type());
  Value y = FloatMatMulOp::create(b, nodeLoc(n), rt, a, bm);
  if (gemm) {
    // Y = alpha * (A B) + beta * C, each product one binary32 rounding.
    y = floatScaled(n, y, attrFloat(n, "alpha", 1.0f));
    float beta = attrFloat(n, "beta", 1.0f);
    if (hasInput(n, 2) && beta != 0.0f) {
      ensureConstant(n.input(2));
      Value c = floatScaled(n, floatOperand(n, 2), beta);
      SmallVector<int64_t> bs =
          broadcastShape(n, rt, cast<RankedTensorType>(c.getType()));
      if (ArrayRef<int64_t>(bs) != rt.getShape())
        fail(describe(n), ": C '", n.input(2), "' does not broadcast to [",
             shape[0], ", ", shape[1], "]");
      y = FloatBinaryOp::create(b, nodeLoc(n), rt, FloatBinaryKind::add, y, c);
    }
  }
  values[n.output(0)] = y;
}

void Importer::importBatchNormalization(const onnx::NodeProto &n) {
  allowAttrs(n, {"epsilon", "momentum", "training_mode", "spatial"});
  if (attrInt(n, "training_mode", 0))
    fail(describe(n), ": training_mode is not supported");
  if (attrInt(n, "spatial", 1) != 1)
    fail(describe(n), ": spatial=0 is not supported");
  if (n.output_size() > 1)
    fail(describe(n), ": outputs beyond Y (training statistics) are not "
                      "supported");
  const std::string &in = n.input(0);
  if (!isFloatRuntimeValue(in) && !dqViews.count(in) && !consts.count(in) &&
      !dqConsts.count(in))
    fail(describe(n), ": input '", in, "' is not a float tensor; "
         "BatchNormalization is folded into a Conv, Gemm or MatMul right "
         "before it, or runs in float");
  Value x = floatOperand(n, 0);
  auto xt = cast<RankedTensorType>(x.getType());
  if (xt.getRank() < 2)
    fail(describe(n), ": input must have at least 2 dimensions (N x C x ...)");
  int64_t C = xt.getDimSize(1);
  auto vec = [&](int i, StringRef what) {
    const ConstTensor &c = constant(n, i, what);
    if (c.floats.size() != (size_t)C)
      fail(describe(n), ": ", what, " must have ", C, " values");
    return c.floats;
  };
  auto gamma = vec(1, "scale"), beta = vec(2, "B"), mean = vec(3, "mean"),
       var = vec(4, "var");
  // As ONNX Runtime computes it, in binary32: k = scale / sqrt(var + eps),
  // c = B - mean * k, y = x * k + c.
  float eps = attrFloat(n, "epsilon", 1e-5f);
  std::vector<float> k(C), c(C);
  for (int64_t i = 0; i < C; ++i) {
    float invStd = 1.0f / std::sqrt((float)var[i] + eps);
    k[i] = invStd * (float)gamma[i];
    c[i] = (float)beta[i] - (float)mean[i] * k[i];
  }
  SmallVector<int64_t> cshape(xt.getRank() - 1, 1);
  cshape[0] = C;
  auto ct = RankedTensorType::get(cshape, b.getF32Type());
  Location l = nodeLoc(n);
  Value kv = arith::ConstantOp::create(b, l, DenseElementsAttr::get(ct, ArrayRef<float>(k)));
  Value cv = arith::ConstantOp::create(b, l, DenseElementsAttr::get(ct, ArrayRef<float>(c)));
  Value y = FloatBinaryOp::create(b, l, xt, FloatBinaryKind::mul, x, kv);
  values[n.output(0)] =
      FloatBinaryOp::create(b, l, xt, FloatBinaryKind::add, y, cv);
}

std::pair<Value, bool> Importer::orderedOperand(const onnx::NodeProto &n,
                                                int64_t axis) {
  // Codes where dequantization keeps their order along the axis (one
  // scale along it): a DQ view, or an integer (QOperator) tensor. Floats
  // otherwise.
  const std::string &in = n.input(0);
  auto codes = [&](Value v) -> Value {
    int64_t r = cast<RankedTensorType>(v.getType()).getRank();
    int64_t a = axis < 0 ? axis + r : axis;
    QuantType q = getQuantElementType(v.getType());
    return q && !(q.hasAxis() && q.getAxis() == a) ? v : Value();
  };
  if (auto it = dqViews.find(in); it != dqViews.end())
    if (Value x = codes(it->second))
      return {x, true};
  if (auto it = values.find(in); it != values.end())
    if (Value x = codes(it->second))
      return {x, false};
  return {floatOperand(n, 0), false};
}

void Importer::importArgReduce(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis", "keepdims", "select_last_index"});
  int64_t axis = attrInt(n, "axis", 0);
  Value x = orderedOperand(n, axis).first;
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t rank = xt.getRank();
  if (axis < -rank || axis >= rank)
    fail(describe(n), ": axis ", axis, " is outside [", -rank, ", ", rank, ")");
  if (axis < 0)
    axis += rank;
  bool keep = attrInt(n, "keepdims", 1) != 0;
  SmallVector<int64_t> shape(xt.getShape());
  if (keep)
    shape[axis] = 1;
  else
    shape.erase(shape.begin() + axis);
  values[n.output(0)] = ArgReduceOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, b.getI64Type()),
      n.op_type() == "ArgMax" ? ArgReduceKind::max : ArgReduceKind::min, x,
      (uint64_t)axis, keep, attrInt(n, "select_last_index", 0) != 0);
}

void Importer::importTopK(const onnx::NodeProto &n) {
  // K is an attribute before opset 10, an input from 10 on; largest and
  // sorted exist from opset 11.
  bool kAttr = opset < 10;
  for (const char *a : {"largest", "sorted"})
    if (opset < 11 && attr(n, a))
      fail(describe(n), ": attribute '", a,
           "' exists from opset 11 on; the model's opset is ", opset);
  if (kAttr)
    allowAttrs(n, {"axis", "k"});
  else if (opset < 11)
    allowAttrs(n, {"axis"});
  else
    allowAttrs(n, {"axis", "largest", "sorted"});
  if (n.output_size() != 2)
    fail(describe(n), ": TopK has 2 outputs (Values, Indices), this node has ",
         n.output_size());
  int64_t axis = attrInt(n, "axis", -1);
  // The values of codes are those codes (a DQ view's stay one).
  auto [x, view] = orderedOperand(n, axis);
  auto xt = cast<RankedTensorType>(x.getType());
  int64_t rank = xt.getRank();
  if (axis < -rank || axis >= rank)
    fail(describe(n), ": axis ", axis, " is outside [", -rank, ", ", rank, ")");
  if (axis < 0)
    axis += rank;
  int64_t k;
  if (kAttr) {
    if (!attr(n, "k"))
      fail(describe(n), ": attribute 'k' is required before opset 10");
    k = attrInt(n, "k", 0);
  } else {
    const ConstTensor &kc = constant(n, 1, "K");
    if (!kc.isInt() || kc.ints.size() != 1)
      fail(describe(n), ": K must be one integer");
    k = kc.ints[0];
  }
  int64_t extent = xt.getDimSize(axis);
  if (k < 1 || k > extent)
    fail(describe(n), ": K = ", k, " is outside [1, ", extent,
         "], the extent of axis ", axis,
         k == 0 ? " (an empty result, which qcc does not compile)" : "");
  bool smallest = attrInt(n, "largest", 1) == 0;
  // sorted = 0 leaves the order to the runtime; qcc's is the sorted one.
  SmallVector<int64_t> shape(xt.getShape());
  shape[axis] = k;
  auto op = TopKOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, xt.getElementType()),
      RankedTensorType::get(shape, b.getI64Type()), x, (uint64_t)axis,
      (uint64_t)k, smallest);
  (view ? dqViews : values)[n.output(0)] = op.getValues();
  values[n.output(1)] = op.getIndices();
}

void Importer::importArithmetic(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  bool isAddOrMul = n.op_type() == "Add" || n.op_type() == "Mul";
  // Input i is behind a DequantizeLinear (a view or a constant) ...
  auto dequantized = [&](int i) {
    return hasInput(n, i) &&
           (dqViews.count(n.input(i)) || dqConsts.count(n.input(i)));
  };
  // ... or, for quantized(i), also an integer (qnn.q) value.
  auto quantized = [&](int i) {
    if (dequantized(i))
      return true;
    auto it = hasInput(n, i) ? values.find(n.input(i)) : values.end();
    return it != values.end() && getQuantElementType(it->second.getType());
  };
  // Integer Add/Mul: quantized inputs and a quantized result (or raw
  // integer inputs, whose errors importAddOrMul reports).
  if (isAddOrMul && quantized(0) && quantized(1) &&
      (resultIsQuantized(n.output(0)) || !dequantized(0) || !dequantized(1))) {
    importAddOrMul(n);
    return;
  }
  Value l = floatOperand(n, 0), r = floatOperand(n, 1);
  SmallVector<int64_t> shape =
      broadcastShape(n, cast<RankedTensorType>(l.getType()),
                     cast<RankedTensorType>(r.getType()));
  auto kind = llvm::StringSwitch<FloatBinaryKind>(n.op_type())
                  .Case("Add", FloatBinaryKind::add)
                  .Case("Sub", FloatBinaryKind::sub)
                  .Case("Mul", FloatBinaryKind::mul)
                  .Default(FloatBinaryKind::div);
  values[n.output(0)] = FloatBinaryOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, b.getF32Type()), kind, l, r);
}

void Importer::importPRelu(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  const std::string &in = n.input(0);
  bool dequantized = dqViews.count(in) || dqConsts.count(in);
  if (!isFloatRuntimeValue(in) &&
      !(dequantized && !resultIsQuantized(n.output(0)))) {
    // Between quantizers: a uniform slope is LeakyRelu's lookup table; a
    // slope per channel (or per element) runs in float on the dequantized
    // input, and the quantizer after it quantizes, as ONNX Runtime and
    // QONNX's executor compute it.
    ensureConstant(n.input(1));
    auto it = consts.find(n.input(1));
    bool uniform = it != consts.end() && !it->second.floats.empty() &&
                   llvm::all_of(it->second.floats, [&](double v) {
                     return v == it->second.floats[0];
                   });
    if (uniform || it == consts.end()) {
      importElementwiseFunction(n);
      return;
    }
  }
  Value x = floatOperand(n, 0), slope = floatOperand(n, 1);
  auto xt = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape =
      broadcastShape(n, xt, cast<RankedTensorType>(slope.getType()));
  if (ArrayRef<int64_t>(shape) != xt.getShape())
    fail(describe(n), ": slope '", n.input(1), "' does not broadcast to X's shape");
  values[n.output(0)] = FloatBinaryOp::create(b, nodeLoc(n), xt,
                                              FloatBinaryKind::prelu, x, slope);
}

bool Importer::importFloatActivation(const onnx::NodeProto &n) {
  if (!hasInput(n, 0))
    return false;
  const std::string &in = n.input(0);
  if (!isFloatRuntimeValue(in)) {
    // A dequantized input runs in float only where the result (of the
    // SiLU Mul, for a Sigmoid feeding one) is not quantized again; between
    // quantizers the function is a lookup table or an integer clip.
    if (!dqViews.count(in) && !dqConsts.count(in))
      return false;
    const onnx::NodeProto *mul = siluMul(n);
    if (resultIsQuantized(mul ? output0(*mul) : n.output(0)))
      return false;
  }
  const std::string &op = n.op_type();
  FloatUnaryKind kind;
  FloatAttr alpha, beta, gamma, lo, hi;
  auto f32 = [&](std::optional<double> v) {
    return v ? b.getF32FloatAttr((float)*v) : FloatAttr();
  };
  if (op == "Relu" || op == "Clip") {
    auto [l, h] = clipRange(n);
    kind = op == "Relu" ? FloatUnaryKind::relu : FloatUnaryKind::clip;
    if (op == "Clip")
      lo = f32(l), hi = f32(h);
  } else if (op == "LeakyRelu") {
    allowAttrs(n, {"alpha"});
    kind = FloatUnaryKind::leaky_relu;
    alpha = b.getF32FloatAttr(attrFloat(n, "alpha", 0.01f));
  } else if (op == "HardSigmoid") {
    allowAttrs(n, {"alpha", "beta"});
    kind = FloatUnaryKind::hard_sigmoid;
    alpha = b.getF32FloatAttr(attrFloat(n, "alpha", 0.2f));
    beta = b.getF32FloatAttr(attrFloat(n, "beta", 0.5f));
  } else if (op == "HardSwish") {
    allowAttrs(n, {});
    kind = FloatUnaryKind::hard_swish;
  } else if (op == "Sigmoid" || op == "Tanh" || op == "Softplus" ||
             op == "Softsign" || op == "Mish") {
    allowAttrs(n, {});
    kind = llvm::StringSwitch<FloatUnaryKind>(op)
               .Case("Sigmoid", FloatUnaryKind::sigmoid)
               .Case("Tanh", FloatUnaryKind::tanh)
               .Case("Softplus", FloatUnaryKind::softplus)
               .Case("Mish", FloatUnaryKind::mish)
               .Default(FloatUnaryKind::softsign);
  } else if (op == "Elu" || op == "Celu" || op == "ThresholdedRelu") {
    allowAttrs(n, {"alpha"});
    kind = op == "Elu"    ? FloatUnaryKind::elu
           : op == "Celu" ? FloatUnaryKind::celu
                          : FloatUnaryKind::thresholded_relu;
    float a = attrFloat(n, "alpha", 1.0f);
    if (op == "Celu" && a == 0.0f)
      fail(describe(n), ": alpha must not be 0 (Celu divides by it)");
    alpha = b.getF32FloatAttr(a);
  } else if (op == "Selu") {
    allowAttrs(n, {"alpha", "gamma"});
    kind = FloatUnaryKind::selu;
    alpha = b.getF32FloatAttr(attrFloat(n, "alpha", 1.67326319217681884765625f));
    gamma = b.getF32FloatAttr(attrFloat(n, "gamma", 1.05070102214813232421875f));
  } else {
    fail(describe(n), ": ", op, " of a float tensor is not supported (in "
         "float: Relu, Clip, LeakyRelu, HardSigmoid, HardSwish, Sigmoid, Tanh, "
         "Elu, Selu, Celu, Softplus, Softsign, ThresholdedRelu, Mish)");
  }
  Value x = floatOperand(n, 0);
  values[n.output(0)] = FloatUnaryOp::create(b, nodeLoc(n), x.getType(), kind,
                                             x, alpha, beta, gamma, lo, hi);
  return true;
}

void Importer::importSoftmax(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis"});
  Value x = floatOperand(n, 0);
  auto t = cast<RankedTensorType>(x.getType());
  int64_t rank = t.getRank();
  // Opset 13 normalizes along `axis` (default -1); before, over the
  // dimensions from `axis` (default 1) on, flattened: the same where those
  // after `axis` have size 1.
  int64_t axis = attrInt(n, "axis", opset >= 13 ? -1 : 1);
  if (axis < -rank || axis >= rank)
    fail(describe(n), ": axis ", axis, " is outside [", -rank, ", ", rank, ")");
  if (axis < 0)
    axis += rank;
  if (opset < 13)
    for (int64_t d = axis + 1; d < rank; ++d)
      if (t.getDimSize(d) != 1)
        fail(describe(n), ": before opset 13 Softmax normalizes dimensions ",
             axis, " to ", rank - 1, " together; only supported where those "
             "after ", axis, " have size 1");
  values[n.output(0)] =
      SoftmaxOp::create(b, nodeLoc(n), t, x, b.getI64IntegerAttr(axis));
}

} // namespace qcc::onnximport
