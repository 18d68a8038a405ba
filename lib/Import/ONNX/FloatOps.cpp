//===- FloatOps.cpp - the parts of a model left in float ------------------===//
//
// Add, Sub, Mul and Div that the exporter left unquantized, and Softmax:
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
  if (cs.size() == 1 && cs[0]->op_type() == "Split")
    return true;
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
    Value q = materialize(it->second, n);
    auto t = cast<RankedTensorType>(q.getType());
    return DequantizeOp::create(
        b, nodeLoc(n), RankedTensorType::get(t.getShape(), b.getF32Type()), q);
  }
  return floatValue(name, &n);
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
