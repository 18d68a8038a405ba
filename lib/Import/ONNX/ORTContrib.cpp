//===- ORTContrib.cpp - ONNX Runtime's QOperator extensions ----------------===//
//
// The com.microsoft QLinear* operators that ONNX Runtime's quantize_static
// writes in QOperator format, on uint8/int8 tensors with explicit scale and
// zero point inputs: each maps onto the qnn op of the same meaning.
// QLinearSigmoid and QLinearLeakyRelu are lookup tables (Activations.cpp).
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

using namespace mlir;
using namespace qcc::qnn;

namespace qcc::onnximport {

/// Input #i of a QLinear op, quantized with the scale and zero point at
/// inputs i + 1 and i + 2 (per tensor).
Value Importer::qlinearInput(const onnx::NodeProto &n, int i, StringRef what) {
  Value v = integerInput(n, i, what, 0);
  auto t = cast<RankedTensorType>(v.getType());
  QuantType q = quantParams(n, i + 1, i + 2, t.getShape(), 1,
                            onnx::TensorProto::UINT8);
  if (!q || !q.isPerTensor())
    fail(describe(n), ": ", what, " must be quantized per tensor (uint8/int8)");
  if (q.getIsSigned() != getQuantElementType(t).getIsSigned())
    fail(describe(n), ": the zero point of ", what, " does not match its type");
  return castTo(v, q);
}

/// The per-tensor output quantization of a QLinear op at inputs i, i + 1.
QuantType Importer::qlinearOutput(const onnx::NodeProto &n, int i) {
  QuantType q = quantParams(n, i, i + 1, SmallVector<int64_t>(1, -1), -1,
                            onnx::TensorProto::UINT8);
  if (!q || !q.isPerTensor())
    fail(describe(n), ": the output must be quantized per tensor (uint8/int8)");
  return q;
}

void Importer::importMSQLinearUnary(const onnx::NodeProto &n) {
  bool leaky = n.op_type() == "QLinearLeakyRelu";
  if (leaky)
    allowAttrs(n, {"alpha"});
  else
    allowAttrs(n, {});
  Value x = qlinearInput(n, 0, "X");
  auto xt = cast<RankedTensorType>(x.getType());
  OutputQuant oq;
  oq.type = qlinearOutput(n, 3);
  double alpha = attrFloat(n, "alpha", 0.01f);
  auto f = leaky ? std::function<double(double)>(
                       [alpha](double v) { return v < 0 ? alpha * v : v; })
                 : std::function<double(double)>(
                       [](double v) { return 1.0 / (1.0 + std::exp(-v)); });
  std::vector<int64_t> table =
      functionTable(n, f, getQuantElementType(xt), oq);
  values[n.output(0)] = LookupTableOp::create(
      b, nodeLoc(n), RankedTensorType::get(xt.getShape(), oq.type), x,
      b.getDenseI64ArrayAttr(table));
}

void Importer::importMSQLinearAddOrMul(const onnx::NodeProto &n) {
  allowAttrs(n, {});
  Value l = qlinearInput(n, 0, "A"), r = qlinearInput(n, 3, "B");
  QuantType cq = qlinearOutput(n, 6);
  SmallVector<int64_t> shape =
      broadcastShape(n, cast<RankedTensorType>(l.getType()),
                     cast<RankedTensorType>(r.getType()));
  auto rt = RankedTensorType::get(shape, cq);
  if (n.op_type() == "QLinearMul")
    values[n.output(0)] =
        MulOp::create(b, nodeLoc(n), rt, l, r, FloatAttr(), FloatAttr(),
                      b.getStringAttr("half_even"), UnitAttr());
  else
    values[n.output(0)] =
        AddOp::create(b, nodeLoc(n), rt, l, r, FloatAttr(), FloatAttr(),
                      b.getStringAttr("half_even"), UnitAttr());
}

Value Importer::qlinearPoolInput(const onnx::NodeProto &n) {
  if (attrInt(n, "channels_last", 0))
    fail(describe(n), ": channels_last=1 is not supported");
  Value x = qlinearInput(n, 0, "X");
  if (cast<RankedTensorType>(x.getType()).getRank() != 4)
    fail(describe(n), ": only 2-D (NCHW) inputs are supported");
  return x;
}

void Importer::importMSQLinearGlobalAveragePool(const onnx::NodeProto &n) {
  allowAttrs(n, {"channels_last"});
  Value x = qlinearPoolInput(n);
  auto xt = cast<RankedTensorType>(x.getType());
  QuantType yq = qlinearOutput(n, 3);
  values[n.output(0)] = GlobalAvgPoolOp::create(
      b, nodeLoc(n),
      RankedTensorType::get({xt.getDimSize(0), xt.getDimSize(1), 1, 1}, yq), x,
      b.getStringAttr("half_even"), UnitAttr());
}

void Importer::importMSQLinearAveragePool(const onnx::NodeProto &n) {
  allowAttrs(n, {"auto_pad", "ceil_mode", "channels_last", "count_include_pad",
                 "kernel_shape", "pads", "strides"});
  Value x = qlinearPoolInput(n);
  PoolGeometry geo = poolGeometry(n, cast<RankedTensorType>(x.getType()));
  QuantType yq = qlinearOutput(n, 3);
  values[n.output(0)] = AvgPool2DOp::create(
      b, nodeLoc(n), RankedTensorType::get(geo.outShape, yq), x,
      b.getDenseI64ArrayAttr(geo.kernel), b.getDenseI64ArrayAttr(geo.strides),
      b.getDenseI64ArrayAttr(geo.pads), b.getBoolAttr(geo.ceil),
      b.getBoolAttr(attrInt(n, "count_include_pad", 0)),
      b.getStringAttr("half_even"), UnitAttr());
}

void Importer::importMSQLinearConcat(const onnx::NodeProto &n) {
  allowAttrs(n, {"axis"});
  QuantType yq = qlinearOutput(n, 0);
  if (n.input_size() < 5 || (n.input_size() - 2) % 3)
    fail(describe(n), ": needs Y_scale, Y_zero_point and one (X, X_scale, "
                      "X_zero_point) triple per input");
  SmallVector<Value> ins;
  for (int i = 2; i < n.input_size(); i += 3)
    ins.push_back(qlinearInput(n, i, "input #" + std::to_string(i)));
  int64_t axis;
  SmallVector<int64_t> shape = concatShape(n, ins, axis);
  values[n.output(0)] = ConcatOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape, yq), ins,
      b.getI64IntegerAttr(axis), b.getStringAttr("half_even"), UnitAttr());
}

/// QGemm: Y = alpha * A * B' + C on uint8/int8 A (per tensor) and constant
/// B (per tensor or per output column), C int32 in units of alpha * a_scale
/// * b_scale, a quantized Y: a qnn.matmul whose weight scales carry alpha.
void Importer::importMSQGemm(const onnx::NodeProto &n) {
  allowAttrs(n, {"alpha", "transA", "transB"});
  if (attrInt(n, "transA", 0))
    fail(describe(n), ": transA=1 is not supported");
  bool transB = attrInt(n, "transB", 0) != 0;
  double alpha = attrFloat(n, "alpha", 1.0f);
  if (!(alpha > 0) || !std::isfinite(alpha))
    fail(describe(n), ": alpha must be positive and finite, got ", alpha);
  Value a = qlinearInput(n, 0, "A");
  auto at = cast<RankedTensorType>(a.getType());
  if (at.getRank() != 2)
    fail(describe(n), ": A must be 2-D, got rank ", at.getRank());
  const ConstTensor &bc = constant(n, 3, "B");
  if (bc.dtype != onnx::TensorProto::INT8 &&
      bc.dtype != onnx::TensorProto::UINT8)
    fail(describe(n), ": B must be int8 or uint8, got ", dtypeName(bc.dtype));
  if (bc.dims.size() != 2)
    fail(describe(n), ": B must be 2-D, got rank ", bc.dims.size());
  QConst w;
  int64_t nAxis = transB ? 0 : 1;
  quantParams(n, 4, 5, bc.dims, nAxis, bc.dtype, &w);
  w.dims = bc.dims;
  w.values = bc.ints;
  if (w.scales.size() > 1)
    w.axis = nAxis;
  if (transB) { // stored as [K, N]
    int64_t R = w.dims[0], C = w.dims[1];
    std::vector<int64_t> t(w.values.size());
    for (int64_t r = 0; r < R; ++r)
      for (int64_t c = 0; c < C; ++c)
        t[c * R + r] = w.values[r * C + c];
    w.values = std::move(t);
    w.dims = {C, R};
    if (w.axis == 0)
      w.axis = 1;
  }
  for (double &s : w.scales)
    s *= alpha;
  int64_t K = w.dims[0], N = w.dims[1];
  if (at.getDimSize(1) != K)
    fail(describe(n), ": A has K = ", at.getDimSize(1), " but B has ", K,
         transB ? " columns" : " rows");
  std::vector<int64_t> bias;
  if (hasInput(n, 6)) {
    const ConstTensor &cc = constant(n, 6, "C");
    if (cc.dtype != onnx::TensorProto::INT32)
      fail(describe(n), ": C must be int32, got ", dtypeName(cc.dtype));
    bool shapeOk = cc.dims.size() <= 2 &&
                   (cc.numElements() == 1 || cc.numElements() == N) &&
                   (cc.dims.size() < 2 || cc.dims[0] == 1);
    if (!shapeOk)
      fail(describe(n), ": C must be a scalar, [N] or [1, N] (N = ", N,
           "); per-row values are not supported");
    for (int64_t c = 0; c < N; ++c)
      bias.push_back(cc.ints[cc.numElements() == 1 ? 0 : c]);
  }
  if (!hasInput(n, 7))
    fail(describe(n), ": a float output (no y_scale) is not supported; "
                      "quantize it (y_scale, y_zero_point)");
  QuantType yq = qlinearOutput(n, 7);
  QuantType aq = getQuantElementType(at);
  checkAccumulator(n, accumulatorBounds(w, aq, 1), bias);
  Value wv = materialize(w, n);
  values[n.output(0)] = MatMulOp::create(
      b, nodeLoc(n), RankedTensorType::get({at.getDimSize(0), N}, yq), a, wv,
      bias.empty() ? Value() : biasConstant(bias), FloatAttr(), FloatAttr(),
      StringAttr(), UnitAttr(), IntegerAttr(), DenseBoolArrayAttr());
}

} // namespace qcc::onnximport
