//===- Registry.cpp - ONNX operator handlers by name, domain and opset ----===//
//
// Every ONNX operator qcc imports has one entry here: its domain, its name,
// the opset from which the handler's semantics hold, the leading inputs it
// needs, and the Importer method that imports it (in the file of its
// family). A node is imported by the entry of its op with the largest
// `since` not above the model's opset; an op whose first entry is newer
// than the model's opset, an opset newer than qcc knows and an op with no
// entry are refused, naming the node. Adding an op is one entry, one
// method and one test.
//
// Ops that are only imported as part of another (BatchNormalization,
// folded into a Conv/Gemm/MatMul; Relu/Clip into a producer's output range)
// have entries too: their versions are checked up front, and reached on
// their own they say where they are supported. Mul/Add/Sub/Div by constants
// right after a Conv/Gemm/MatMul are folded into it the same way; reached
// on their own they are arithmetic (integer or float, FloatOps.cpp).
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

namespace qcc::onnximport {

const std::vector<Importer::OpHandler> &Importer::opHandlers() {
  using I = Importer;
  static const std::vector<OpHandler> handlers = {
      // Graph plumbing (ONNXImporter.cpp, Shape.cpp).
      {"", "Constant", 1, 0, &I::importConstant},
      {"", "Identity", 1, 1, &I::importIdentity},
      {"", "Dropout", 7, 1, &I::importDropout},
      // Quantizers (ONNXImporter.cpp, LowBit.cpp).
      {"", "QuantizeLinear", 10, 2, &I::importQuantizeLinear},
      {"", "DequantizeLinear", 10, 2, &I::importDequantizeLinear},
      // Convolution and matrix products (ONNXImporter.cpp, Affine.cpp).
      {"", "Conv", 1, 2, &I::importConv},
      {"", "ConvTranspose", 1, 2, &I::importConvTranspose},
      {"", "Gemm", 7, 2, &I::importGemmOrMatMul},
      {"", "MatMul", 1, 2, &I::importGemmOrMatMul},
      {"", "BatchNormalization", 7, 5, &I::importBatchNormalization},
      {"", "Mul", 7, 2, &I::importArithmetic},
      {"", "Sub", 7, 2, &I::importArithmetic},
      {"", "Div", 7, 2, &I::importArithmetic},
      // Elementwise and activations.
      {"", "Add", 7, 2, &I::importArithmetic},
      {"", "Relu", 6, 1, &I::importActivation},
      {"", "Clip", 6, 1, &I::importActivation},
      // Elementwise functions as lookup tables (Activations.cpp).
      {"", "Softmax", 1, 1, &I::importSoftmax},
      {"", "ArgMax", 1, 1, &I::importArgReduce},
      {"", "ArgMin", 1, 1, &I::importArgReduce},
      {"", "TopK", 1, 1, &I::importTopK},
      {"", "TopK", 10, 2, &I::importTopK},
      {"", "Sigmoid", 6, 1, &I::importElementwiseFunction},
      {"", "Tanh", 6, 1, &I::importElementwiseFunction},
      {"", "LeakyRelu", 6, 1, &I::importElementwiseFunction},
      {"", "PRelu", 7, 2, &I::importPRelu},
      {"", "HardSigmoid", 6, 1, &I::importElementwiseFunction},
      {"", "HardSwish", 14, 1, &I::importElementwiseFunction},
      {"", "Elu", 6, 1, &I::importElementwiseFunction},
      {"", "Selu", 6, 1, &I::importElementwiseFunction},
      {"", "Softplus", 1, 1, &I::importElementwiseFunction},
      {"", "Mish", 18, 1, &I::importElementwiseFunction},
      {"", "Celu", 12, 1, &I::importElementwiseFunction},
      {"", "Softsign", 1, 1, &I::importElementwiseFunction},
      {"", "ThresholdedRelu", 10, 1, &I::importElementwiseFunction},
      // Pooling.
      {"", "MaxPool", 8, 1, &I::importPool},
      {"", "AveragePool", 7, 1, &I::importPool},
      {"", "GlobalAveragePool", 1, 1, &I::importGlobalAveragePool},
      {"", "GlobalMaxPool", 1, 1, &I::importGlobalMaxPool},
      // Shape and layout (ONNXImporter.cpp, LowBit.cpp, Shape.cpp).
      {"", "Concat", 4, 1, &I::importConcat},
      {"", "Reshape", 5, 2, &I::importReshape},
      {"", "Flatten", 1, 1, &I::importReshape},
      {"", "Split", 2, 1, &I::importSplitOrSlice},
      {"", "Slice", 10, 3, &I::importSplitOrSlice},
      {"", "Shape", 1, 1, &I::importShape},
      {"", "Gather", 1, 2, &I::importGather},
      {"", "Unsqueeze", 1, 1, &I::importSqueezeOrUnsqueeze},
      {"", "Squeeze", 1, 1, &I::importSqueezeOrUnsqueeze},
      {"", "Cast", 6, 1, &I::importCast},
      {"", "CastLike", 15, 2, &I::importCast},
      {"", "Transpose", 1, 1, &I::importTranspose},
      {"", "DepthToSpace", 1, 1, &I::importDepthOrSpace},
      {"", "SpaceToDepth", 1, 1, &I::importDepthOrSpace},
      {"", "Pad", 2, 1, &I::importPad},
      {"", "Upsample", 7, 1, &I::importResize},
      {"", "Resize", 10, 1, &I::importResize},
      // QOperator (ONNXImporter.cpp).
      {"", "QLinearConv", 10, 8, &I::importQLinearConv},
      {"", "QLinearMatMul", 10, 8, &I::importQLinearMatMul},
      {"", "ConvInteger", 10, 2, &I::importConvInteger},
      {"", "MatMulInteger", 10, 2, &I::importMatMulInteger},
      // ONNX Runtime's QOperator extensions (ORTContrib.cpp), version 1.
      {"com.microsoft", "QLinearAdd", 1, 8, &I::importMSQLinearAddOrMul},
      {"com.microsoft", "QLinearMul", 1, 8, &I::importMSQLinearAddOrMul},
      {"com.microsoft", "QLinearSigmoid", 1, 5, &I::importMSQLinearUnary},
      {"com.microsoft", "QLinearLeakyRelu", 1, 5, &I::importMSQLinearUnary},
      {"com.microsoft", "QLinearGlobalAveragePool", 1, 5,
       &I::importMSQLinearGlobalAveragePool},
      {"com.microsoft", "QLinearAveragePool", 1, 5,
       &I::importMSQLinearAveragePool},
      {"com.microsoft", "QLinearConcat", 1, 5, &I::importMSQLinearConcat},
      {"com.microsoft", "QGemm", 1, 6, &I::importMSQGemm},
      // ONNX Runtime's quantizer writes int16/uint16 QDQ (and, asked to,
      // 8-bit) in the com.microsoft domain before opset 21: ONNX's
      // semantics, with axis at any opset.
      {"com.microsoft", "QuantizeLinear", 1, 2, &I::importQuantizeLinear},
      {"com.microsoft", "DequantizeLinear", 1, 2, &I::importDequantizeLinear},
      // QONNX / FINN (QONNX.cpp); their domains are not versioned here.
      {"qonnx", "Quant", 1, 4, &I::importQONNXQuant},
      {"qonnx", "IntQuant", 1, 4, &I::importQONNXQuant},
      {"qonnx", "BipolarQuant", 1, 2, &I::importQONNXQuant},
      {"qonnx", "Trunc", 1, 5, &I::importTrunc},
      {"qonnx", "FloatQuant", 1, 0, &I::importFloatQuant},
      // FINN (Threshold.cpp).
      {"qonnx", "MultiThreshold", 1, 2, &I::importMultiThreshold},
  };
  return handlers;
}

const Importer::OpHandler *Importer::handlerFor(const onnx::NodeProto &n) {
  StringRef domain = n.domain();
  if (isQONNXDomain(domain))
    domain = "qonnx";
  else if (domain == "ai.onnx")
    domain = "";
  if (!domain.empty() && domain != "qonnx" && domain != "com.microsoft")
    fail(describe(n), ": operators of domain '", n.domain(),
         "' are not supported");
  if (domain.empty() && opset > kMaxOpset)
    fail(describe(n), ": the model imports ONNX opset ", opset,
         ", newer than qcc knows (", kMinOpset, " to ", kMaxOpset,
         "); it cannot tell what ", n.op_type(), " means there");
  const OpHandler *best = nullptr;
  int64_t first = -1;
  for (const OpHandler &h : opHandlers()) {
    if (h.domain != domain || h.op != n.op_type())
      continue;
    if (first < 0 || h.since < first)
      first = h.since;
    if ((!domain.empty() || h.since <= opset) &&
        (!best || h.since > best->since))
      best = &h;
  }
  if (best)
    return best;
  if (first >= 0)
    fail(describe(n), ": qcc supports ", n.op_type(), " from opset ", first,
         " (the model imports opset ", opset, ")");
  return nullptr;
}

void Importer::checkOpVersions() {
  for (const auto &n : g.node())
    handlerFor(n);
}

void Importer::importNode(const onnx::NodeProto &n) {
  if (done.count(&n))
    return;
  if (n.output_size() < 1 || n.output(0).empty())
    fail(describe(n), ": node has no output");
  const OpHandler *h = handlerFor(n);
  if (!h) {
    if (isQONNXDomain(n.domain()))
      fail(describe(n), ": operator ", n.op_type(), " of domain '", n.domain(),
           "' is not supported (QONNX/FINN: Quant, IntQuant, BipolarQuant, "
           "Trunc, MultiThreshold)");
    if (n.domain() == "com.microsoft")
      fail(describe(n), ": operator ", n.op_type(), " of domain 'com.microsoft' "
                        "is not supported (com.microsoft: QLinearAdd, QLinearMul, "
                        "QLinearSigmoid, QLinearLeakyRelu, "
                        "QLinearAveragePool, QLinearGlobalAveragePool, "
                        "QLinearConcat, QGemm, QuantizeLinear, "
                        "DequantizeLinear)");
    fail(describe(n), ": operator ", n.op_type(), " is not supported");
  }
  for (int i = 0; i < h->minInputs; ++i)
    if (!hasInput(n, i))
      fail(describe(n), ": needs at least ", h->minInputs, " inputs, input #",
           i, " is missing");
  (this->*h->import)(n);
}

void Importer::importFloatQuant(const onnx::NodeProto &n) {
  fail(describe(n), ": FloatQuant (minifloat quantization) is not "
                    "supported; only integer Quant/IntQuant, BipolarQuant "
                    "and Trunc are");
}

} // namespace qcc::onnximport
