//===- Activations.cpp - elementwise functions as lookup tables -----------===//
//
// Sigmoid, Tanh, LeakyRelu, PRelu (one slope), HardSigmoid, HardSwish,
// Elu, Selu, Celu, Softplus, Softsign, ThresholdedRelu, Mish, and SiLU written as x * Sigmoid(x), between a quantized input and a
// quantizer: a quantized input has at most 256 codes, so the function
// becomes a qnn.lookup_table computed here. Each code's real value is
// formed in binary32 as DequantizeLinear / Quant form it, the function is
// evaluated in binary64 and rounded to binary32, a following Relu/Clip
// applies, and the result is quantized as the model's quantizer quantizes
// it (ONNX's order or QONNX's). The table is therefore the exact function
// on the codes; a runtime whose float function is an approximation (ONNX
// Runtime's Sigmoid and Tanh) can differ by 1 LSB where a value lies within
// its error of a rounding boundary.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

using namespace mlir;
using namespace qcc::qnn;

namespace qcc::onnximport {

static double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
static double softplus(double x) {
  return x > 30 ? x : std::log1p(std::exp(x));
}

std::vector<int64_t>
Importer::functionTable(const onnx::NodeProto &n,
                        const std::function<double(double)> &f, QuantType xq,
                        const OutputQuant &oq) {
  double sx = xq.getScaleOf(0), so = oq.type.getScaleOf(0);
  int64_t zx = xq.getZeroPointOf(0), zo = oq.type.getZeroPointOf(0);
  int64_t omin = oq.type.getQMinOf(0), omax = oq.type.getQMaxOf(0);
  RoundingMode mode = *parseRoundingMode(oq.rounding.mode);
  std::vector<int64_t> table;
  for (int64_t c = xq.getQMinOf(0); c <= xq.getQMaxOf(0); ++c) {
    float real = (float)(c - zx) * (float)sx; // as DequantizeLinear / Quant
    float y = (float)f((double)real);
    if (std::isnan(y))
      fail(describe(n), ": ", n.op_type(), " of input code ", c, " is NaN");
    if (oq.lo)
      y = std::max(y, (float)*oq.lo);
    if (oq.hi)
      y = std::min(y, (float)*oq.hi);
    int64_t q;
    if (oq.type.isBipolar()) {
      q = y >= 0 ? 1 : -1;
    } else if (oq.rounding.zeroPointFirst) {
      // QONNX: clamp(y / s + zp), then round, in binary32.
      float t = y / (float)so + (float)zo;
      t = std::clamp(t, (float)omin, (float)omax);
      q = (int64_t)roundWith(mode, (double)t);
    } else {
      // ONNX: round(y / s) + zp, saturated.
      double t = roundWith(mode, (double)(y / (float)so));
      q = (int64_t)std::clamp(t + (double)zo, (double)omin, (double)omax);
    }
    table.push_back(std::clamp(q, omin, omax));
  }
  return table;
}

const onnx::NodeProto *Importer::siluMul(const onnx::NodeProto &n) {
  if (n.op_type() != "Sigmoid" || !hasInput(n, 0))
    return nullptr;
  const std::string &out = n.output(0);
  const onnx::NodeProto *mul = singleConsumer(out);
  if (!mul || mul->op_type() != "Mul" || mul->input_size() != 2 ||
      !(mul->domain().empty() || mul->domain() == "ai.onnx") ||
      mul->input(0) == mul->input(1))
    return nullptr;
  const std::string &other =
      mul->input(0) == out ? mul->input(1) : mul->input(0);
  return other == n.input(0) ? mul : nullptr;
}

void Importer::importElementwiseFunction(const onnx::NodeProto &n) {
  if (importFloatActivation(n))
    return;
  const std::string &op = n.op_type();
  std::function<double(double)> f;
  auto alphaAttr = [&](float dflt) { return (double)attrFloat(n, "alpha", dflt); };
  if (op == "Sigmoid" || op == "Tanh" || op == "HardSwish" || op == "Softplus" ||
      op == "Mish" || op == "Softsign") {
    allowAttrs(n, {});
    if (op == "Sigmoid")
      f = sigmoid;
    else if (op == "Tanh")
      f = [](double x) { return std::tanh(x); };
    else if (op == "HardSwish")
      f = [](double x) { return x * std::clamp(x / 6.0 + 0.5, 0.0, 1.0); };
    else if (op == "Softplus")
      f = softplus;
    else if (op == "Softsign")
      f = [](double x) { return x / (1 + std::fabs(x)); };
    else
      f = [](double x) { return x * std::tanh(softplus(x)); };
  } else if (op == "LeakyRelu") {
    allowAttrs(n, {"alpha"});
    double a = alphaAttr(0.01f);
    f = [a](double x) { return x < 0 ? a * x : x; };
  } else if (op == "PRelu") {
    const ConstTensor &slope = constant(n, 1, "slope");
    if (slope.isInt() || slope.floats.empty())
      fail(describe(n), ": slope '", n.input(1), "' must be a float constant");
    double a = slope.floats[0];
    if (llvm::any_of(slope.floats, [&](double v) { return v != a; }))
      fail(describe(n), ": slope '", n.input(1), "' differs between elements; "
           "between quantizers qcc supports one slope for the whole tensor (a "
           "lookup table)");
    f = [a](double x) { return x < 0 ? a * x : x; };
  } else if (op == "Elu") {
    allowAttrs(n, {"alpha"});
    double a = alphaAttr(1.0f);
    f = [a](double x) { return x < 0 ? a * std::expm1(x) : x; };
  } else if (op == "Celu") {
    allowAttrs(n, {"alpha"});
    double a = alphaAttr(1.0f);
    if (a == 0)
      fail(describe(n), ": alpha must not be 0 (Celu divides by it)");
    f = [a](double x) { return std::max(x, 0.0) + std::min(a * std::expm1(x / a), 0.0); };
  } else if (op == "ThresholdedRelu") {
    allowAttrs(n, {"alpha"});
    double a = alphaAttr(1.0f);
    f = [a](double x) { return x > a ? x : 0.0; };
  } else if (op == "HardSigmoid") {
    allowAttrs(n, {"alpha", "beta"});
    double a = alphaAttr(0.2f), c = attrFloat(n, "beta", 0.5f);
    f = [a, c](double x) { return std::clamp(a * x + c, 0.0, 1.0); };
  } else if (op == "Selu") {
    allowAttrs(n, {"alpha", "gamma"});
    double a = alphaAttr(1.67326319217681884765625f),
           g = attrFloat(n, "gamma", 1.05070102214813232421875f);
    f = [a, g](double x) { return x <= 0 ? g * a * std::expm1(x) : g * x; };
  } else {
    fail(describe(n), ": no lookup table for ", op);
  }
  Value x = quantizedInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  QuantType xq = getQuantElementType(xt);
  if (!xq.isPerTensor() || xq.isSliced() || xq.isBipolar())
    fail(describe(n), ": input must be quantized per tensor (not bipolar, "
                      "not sliced)");
  std::string out = n.output(0);
  // SiLU: Sigmoid(x) then Mul(x, Sigmoid(x)), one table for x * sigmoid(x).
  if (const onnx::NodeProto *mul = siluMul(n)) {
    allowAttrs(*mul, {});
    f = [](double v) { return v * sigmoid(v); };
    done.insert(mul);
    out = output0(*mul);
  }
  OutputQuant oq = findOutputQuant(n, out, xt.getShape());
  if (!oq.type || !oq.type.isPerTensor() || oq.type.isSliced())
    fail(describe(n), ": the output must be quantized per tensor");
  std::vector<int64_t> table = functionTable(n, f, xq, oq);
  Value v = LookupTableOp::create(
      b, nodeLoc(n), RankedTensorType::get(xt.getShape(), oq.type), x,
      b.getDenseI64ArrayAttr(table));
  bind(oq, v, n);
}

} // namespace qcc::onnximport
