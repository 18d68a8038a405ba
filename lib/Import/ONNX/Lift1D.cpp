//===- Lift1D.cpp - 1-D Conv, ConvTranspose and pools as 2-D ones ---------===//
//
// A 1-D Conv, ConvTranspose, MaxPool, AveragePool, GlobalAveragePool or
// GlobalMaxPool (input N x C x L), and a QLinearConv or ConvInteger of one,
// is
// the 2-D one over N x C x 1 x L with a 1 x K kernel: every output value is
// the same sum (or maximum) of the same values. The importer reshapes the
// input (qnn.reshape, no copy of codes or floats), gives the weights a unit
// height at compile time, lifts the attributes (strides [s] -> [1, s],
// pads [b, e] -> [0, b, 0, e], ...) and imports a node of its own with the
// 2-D handler, so that its quantized and float paths and the chains it
// fuses (batch norms, Mul/Add by constants, Relu/Clip, quantizers) apply
// unchanged; while it runs (lifted1D) the constants and quantizer scales
// after the node are read with the graph's rank 3. Every tensor of the
// original graph that import binds (the node's output, or the end of the
// chain it fused) is reshaped back to N x C' x L.
//
//===----------------------------------------------------------------------===//
#include "Importer.h"

namespace qcc::onnximport {

int64_t Importer::inputRank(const onnx::NodeProto &n, int i) {
  if (!hasInput(n, i))
    return -1;
  const std::string &name = n.input(i);
  for (auto *m : {&dqViews, &values})
    if (auto it = m->find(name); it != m->end())
      return cast<RankedTensorType>(it->second.getType()).getRank();
  if (auto it = dqConsts.find(name); it != dqConsts.end())
    return it->second.dims.size();
  if (auto it = consts.find(name); it != consts.end())
    return it->second.dims.size();
  return -1;
}

bool Importer::importAs2D(const onnx::NodeProto &n,
                          void (Importer::*handler)(const onnx::NodeProto &)) {
  if (inputRank(n, 0) != 3)
    return false;
  auto height1 = [](std::vector<int64_t> dims) {
    dims.insert(dims.begin() + 2, 1);
    return dims;
  };
  onnx::NodeProto &lifted = syntheticNodes.emplace_back();
  lifted.set_name(n.name());
  lifted.set_op_type(n.op_type());
  lifted.set_domain(n.domain());

  // X: N x C x L -> N x C x 1 x L, a view where X is one.
  const std::string &xn = n.input(0);
  std::string xName = n.output(0) + "#2d_input";
  bool view = dqViews.count(xn);
  auto it = view ? dqViews.find(xn) : values.find(xn);
  if (it == (view ? dqViews.end() : values.end()))
    fail(describe(n), ": input '", xn, "' must be a tensor the graph computes");
  auto xt = cast<RankedTensorType>(it->second.getType());
  SmallVector<int64_t> shape4 = {xt.getDimSize(0), xt.getDimSize(1), 1,
                                 xt.getDimSize(2)};
  (view ? dqViews : values)[xName] = ReshapeOp::create(
      b, nodeLoc(n), RankedTensorType::get(shape4, xt.getElementType()),
      it->second);
  lifted.add_input(xName);

  // W: [F, C, K] -> [F, C, 1, K] at compile time (Conv, ConvTranspose,
  // ConvInteger: input 1; QLinearConv: input 3). Other inputs as they are.
  StringRef op = n.op_type();
  int wi = op == "QLinearConv" ? 3
           : op == "Conv" || op == "ConvTranspose" || op == "ConvInteger" ? 1
                                                                          : -1;
  for (int i = 1; i < n.input_size(); ++i) {
    if (i != wi || !hasInput(n, i)) {
      lifted.add_input(n.input(i));
      continue;
    }
    const std::string &wn = n.input(i);
    ensureConstant(wn);
    if (op == "Conv" || op == "ConvTranspose")
      adoptIntegerWeights(n, 1);
    std::string wName = n.output(0) + "#2d_weight";
    if (auto q = dqConsts.find(wn);
        q != dqConsts.end() && q->second.dims.size() == 3) {
      QConst t = q->second;
      t.dims = height1(t.dims);
      t.origin = {};
      dqConsts[wName] = t;
    } else if (auto c = consts.find(wn);
               c != consts.end() && c->second.dims.size() == 3) {
      ConstTensor t = c->second;
      t.dims = height1(t.dims);
      t.origin = {};
      consts[wName] = t;
    } else if (int64_t r = inputRank(n, i); r >= 0) {
      fail(describe(n), ": a 1-D input (rank 3) needs a weight of rank 3 "
                        "(F x C/group x K), got rank ", r);
    } else {
      wName = wn; // not a constant: the 2-D handler says so
    }
    lifted.add_input(wName);
  }
  for (const std::string &o : n.output())
    lifted.add_output(o);

  // Attributes: one value per spatial axis -> two, the first for height 1.
  for (const onnx::AttributeProto &a : n.attribute()) {
    onnx::AttributeProto *l = lifted.add_attribute();
    *l = a;
    StringRef name = a.name();
    int64_t unit = name == "kernel_shape" || name == "strides" ||
                           name == "dilations" || name == "output_shape"
                       ? 1
                       : name == "output_padding" ? 0 : -1;
    if (name == "pads") {
      if (a.ints_size() != 2)
        fail(describe(n), ": pads has ", a.ints_size(),
             " values; a 1-D node has 2 (begin, end)");
      l->clear_ints();
      for (int64_t v : {int64_t(0), a.ints(0), int64_t(0), a.ints(1)})
        l->add_ints(v);
    } else if (unit >= 0) {
      if (a.ints_size() != 1)
        fail(describe(n), ": ", name.str(), " has ", a.ints_size(),
             " values; a 1-D node has 1");
      l->clear_ints();
      l->add_ints(unit);
      l->add_ints(a.ints(0));
    }
  }

  // Import it; then every original tensor it bound, N x C' x 1 x L', goes
  // back to N x C' x L'.
  std::map<std::string, Value> oldViews = dqViews, oldValues = values;
  bool wasLifted = lifted1D;
  lifted1D = true;
  (this->*handler)(lifted);
  lifted1D = wasLifted;
  for (auto [m, old] : {std::pair{&dqViews, &oldViews},
                        std::pair{&values, &oldValues}}) {
    for (auto &[name, v] : *m) {
      auto o = old->find(name);
      if ((o != old->end() && o->second == v) ||
          StringRef(name).contains('#'))
        continue;
      auto t = cast<RankedTensorType>(v.getType());
      if (t.getRank() != 4 || t.getDimSize(2) != 1)
        continue;
      v = ReshapeOp::create(
          b, nodeLoc(n),
          RankedTensorType::get({t.getDimSize(0), t.getDimSize(1),
                                 t.getDimSize(3)},
                                t.getElementType()),
          v);
    }
  }
  return true;
}

} // namespace qcc::onnximport
