//===- Importer.h - the ONNX importer's state, shared by its files -*- C++ -*-===//
//
// Private to lib/Import/ONNX: Registry.cpp (every operator's handler by
// name, domain and opset), ONNXImporter.cpp (graph, QDQ and QOperator
// ops), Shape.cpp (shape computations, Identity/Dropout), Affine.cpp
// (BN and Mul/Add folding), QONNX.cpp (Quant, BipolarQuant, Trunc) and
// LowBit.cpp (INT4/UINT4 tensors, blockwise and QCDQ quantization,
// per-slice bit-widths) and Threshold.cpp (FINN MultiThreshold).
//
// Errors are thrown as ImportError (one line) and caught in
// importONNXModel; every file here is compiled with -fexceptions.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_IMPORT_ONNX_IMPORTER_H
#define QCC_LIB_IMPORT_ONNX_IMPORTER_H

#include "qcc/Import/ONNX/ONNXImporter.h"
#include "qcc/Dialect/QNN/IR/QNNOps.h"
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx.pb.h"

#include <cmath>
#include <deque>
#include <fstream>
#include <map>
#include <optional>
#include <set>

namespace qcc::onnximport {
using namespace mlir;
using namespace qcc::qnn;

/// An error already formatted as one line.
struct ImportError {
  std::string message;
};

template <typename... Ts> [[noreturn]] void fail(Ts &&...parts) {
  std::string s;
  llvm::raw_string_ostream os(s);
  (os << ... << parts);
  throw ImportError{s};
}

/// Where a constant came from when it is one part of a Split/Slice of
/// another constant along `axis` (per-slice bit-widths, form (b)).
struct SliceOrigin {
  std::string source; // empty: not a slice
  int64_t axis = -1, start = 0, count = 0;
};

/// A constant tensor (initializer or Constant node), values widened.
struct ConstTensor {
  int32_t dtype = 0;
  std::vector<int64_t> dims;
  std::vector<int64_t> ints;   // integer dtypes
  std::vector<double> floats;  // float dtypes
  /// Integer values known to fit this many bits (INT4/UINT4 data, or a
  /// QCDQ Clip); 0: the width of dtype.
  unsigned bits = 0;
  SliceOrigin origin;
  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d : dims)
      n *= d;
    return n;
  }
  bool isInt() const { return !ints.empty() || floats.empty(); }
};

/// A quantized constant (weights) kept as data until an op consumes it.
struct QConst {
  std::vector<int64_t> dims;
  std::vector<int64_t> values; // stored integers (-1/+1 when bipolar)
  bool isSigned = true;
  int64_t axis = -1;
  std::vector<double> scales;
  std::vector<int64_t> zps;
  int32_t dtype = 0;
  /// Bit-width of every channel along `axis`, or one width for all.
  std::vector<unsigned> bits = {8};
  bool bipolar = false;
  /// Output channels (along `axis`) whose accumulator the consumer negates
  /// (qnn negated_channels; a folded negative factor); empty: none.
  std::vector<bool> negated;
  SliceOrigin origin;
  unsigned bitsOf(int64_t c) const {
    return bits.size() == 1 ? bits[0] : bits[c];
  }
  double scaleOf(int64_t c) const {
    return scales.size() == 1 ? scales[0] : scales[c];
  }
  int64_t zpOf(int64_t c) const { return zps.size() == 1 ? zps[0] : zps[c]; }
  int64_t qmin(int64_t c) const;
  int64_t qmax(int64_t c) const;
  /// Channel (index along `axis`) of flat element `i`, 0 without an axis.
  int64_t channelOf(int64_t i) const;
  /// The values in binary32 as DequantizeLinear computes them:
  /// (q - zp) * scale, one rounding.
  std::vector<float> dequantizedF32() const {
    std::vector<float> r(values.size());
    for (size_t i = 0; i < r.size(); ++i) {
      int64_t c = channelOf(i);
      r[i] = (float)(values[i] - zpOf(c)) * (float)scaleOf(c);
    }
    return r;
  }
};

/// Range of a `bits`-wide signed/unsigned integer.
inline int64_t intMin(bool isSigned, unsigned bits) {
  return isSigned ? -(int64_t(1) << (bits - 1)) : 0;
}
inline int64_t intMax(bool isSigned, unsigned bits) {
  return isSigned ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
}

/// The !qnn.q type of a quantization: runs of equal per-channel widths
/// become slices along `axis`.
QuantType makeQuantType(MLIRContext *ctx, bool isSigned, bool bipolar,
                        ArrayRef<unsigned> bits, int64_t axis,
                        ArrayRef<double> scales, ArrayRef<int64_t> zps);

/// "float32", "int4", ... for messages.
std::string dtypeName(int32_t t);
/// "node 'NAME' (OpType)" for messages.
std::string describe(const onnx::NodeProto &n);

/// How a quantizer rounds: the qnn `rounding` spelling and the order of the
/// zero point (docs/IntegerSemantics.md, "Rounding order"): ONNX rounds
/// then adds it, QONNX (Quant, Trunc) adds it then rounds.
struct RoundSpec {
  std::string mode = "half_even";
  bool zeroPointFirst = false;
  /// ONNX QuantizeLinear's rounding.
  static RoundSpec onnx() { return {}; }
  bool operator==(const RoundSpec &o) const {
    return mode == o.mode && zeroPointFirst == o.zeroPointFirst;
  }
  bool operator!=(const RoundSpec &o) const { return !(*this == o); }
};

/// ONNX element types newer than Debian's onnx.proto (ONNX 1.16).
enum : int32_t { kUINT4 = 21, kINT4 = 22 };

class Importer {
public:
  Importer(MLIRContext &ctx, const onnx::ModelProto &model,
           const ONNXImportOptions &opts, std::string modelDir = ".")
      : ctx(ctx), b(&ctx), model(model), g(model.graph()), opts(opts),
        modelDir(modelDir.empty() ? "." : std::move(modelDir)) {}

  OwningOpRef<ModuleOp> run();

private:
  MLIRContext &ctx;
  OpBuilder b;
  const onnx::ModelProto &model;
  const onnx::GraphProto &g;
  const ONNXImportOptions &opts;
  Location loc = UnknownLoc::get(&ctx);

  std::map<std::string, ConstTensor> consts;
  std::map<std::string, std::string> unreadable; // initializer -> why
  std::map<std::string, Value> values;     // float, quantized or i32 values
  std::map<std::string, Value> dqViews;    // DQ output -> quantized source
  std::map<std::string, QConst> dqConsts;  // DQ output of a constant
  std::map<std::string, std::vector<const onnx::NodeProto *>> consumers;
  std::set<const onnx::NodeProto *> done;  // nodes folded into another
  std::set<std::string> graphOutputs;
  std::map<std::string, const onnx::NodeProto *> producers;
  /// Nodes the importer writes itself (ConvTranspose's convolution), kept
  /// alive as long as the graph's.
  std::deque<onnx::NodeProto> syntheticNodes;
  unsigned resourceCounter = 0;

  /// The quantization format the model is written in, for the remedies
  /// that messages give: QONNX if any node is of a QONNX/FINN domain,
  /// QOperator if it has QLinear*/...Integer ops, QDQ otherwise.
  enum class Format { QDQ, QOperator, QONNX };
  Format format = Format::QDQ;
  Format detectFormat() const;
  /// "QDQ models must quantize it first (QuantizeLinear)" or the format's own.
  std::string quantizeFirst() const;
  /// What the format needs before a float tensor is read as quantized.
  std::string quantizedSource() const;

  /// Look-ahead (BatchNormalization, a bias Add, Clip bounds) may need a
  /// constant whose producer (Constant, or DequantizeLinear of a constant)
  /// comes later in the node order: import that producer now.
  std::set<std::string> resolving;
  void ensureConstant(const std::string &name) {
    if (consts.count(name) || dqConsts.count(name))
      return;
    auto it = producers.find(name);
    if (it == producers.end() || done.count(it->second))
      return;
    if (!resolving.insert(name).second)
      fail(describe(*it->second), ": the graph has a cycle through '", name,
           "'");
    const onnx::NodeProto &p = *it->second;
    if (p.op_type() == "Constant" ||
        (p.op_type() == "DequantizeLinear" && p.input_size() > 0 &&
         (ensureConstant(p.input(0)), consts.count(p.input(0))))) {
      for (int i = 1; i < p.input_size(); ++i)
        ensureConstant(p.input(i));
      importNode(p);
      done.insert(&p);
    }
    resolving.erase(name);
  }

  // --- helpers -------------------------------------------------------------
  Location nodeLoc(const onnx::NodeProto &n) {
    std::string name = !n.name().empty()  ? n.name()
                       : n.output_size() ? n.output(0)
                                          : n.op_type();
    return NameLoc::get(b.getStringAttr(name));
  }
  /// The first output of a node looked at ahead of its turn.
  const std::string &output0(const onnx::NodeProto &n) {
    if (n.output_size() < 1 || n.output(0).empty())
      fail(describe(n), ": node has no output");
    return n.output(0);
  }
  const onnx::AttributeProto *attr(const onnx::NodeProto &n, StringRef name) {
    for (const auto &a : n.attribute())
      if (a.name() == name)
        return &a;
    return nullptr;
  }
  int64_t attrInt(const onnx::NodeProto &n, StringRef name, int64_t dflt) {
    auto *a = attr(n, name);
    return a ? a->i() : dflt;
  }
  float attrFloat(const onnx::NodeProto &n, StringRef name, float dflt) {
    auto *a = attr(n, name);
    return a ? a->f() : dflt;
  }
  std::vector<int64_t> attrInts(const onnx::NodeProto &n, StringRef name,
                                std::vector<int64_t> dflt) {
    auto *a = attr(n, name);
    if (!a)
      return dflt;
    return std::vector<int64_t>(a->ints().begin(), a->ints().end());
  }
  std::string attrString(const onnx::NodeProto &n, StringRef name,
                         std::string dflt) {
    auto *a = attr(n, name);
    return a ? a->s() : dflt;
  }
  void allowAttrs(const onnx::NodeProto &n, std::set<std::string> known) {
    for (const auto &a : n.attribute())
      if (!known.count(a.name()))
        fail(describe(n), ": attribute '", a.name(), "' is not supported");
  }
  bool hasInput(const onnx::NodeProto &n, int i) {
    return n.input_size() > i && !n.input(i).empty();
  }
  const ConstTensor &constant(const onnx::NodeProto &n, int i, StringRef what) {
    if (!hasInput(n, i))
      fail(describe(n), ": missing ", what);
    ensureConstant(n.input(i));
    auto it = consts.find(n.input(i));
    if (auto u = unreadable.find(n.input(i)); u != unreadable.end())
      fail(describe(n), ": ", u->second);
    if (it == consts.end())
      fail(describe(n), ": ", what, " '", n.input(i),
           "' must be a constant (initializer or Constant node)");
    return it->second;
  }

  ConstTensor readTensor(const onnx::TensorProto &t);
  /// The bytes of a tensor stored in a file beside the model (ONNX external
  /// data), confined to the model's directory.
  std::string readExternalData(const onnx::TensorProto &t, int64_t elements);
  /// Refuses a scale qcc cannot use exactly in binary32.
  void checkScaleType(const onnx::NodeProto &n, const std::string &name,
                      const ConstTensor &s);
  std::string modelDir = "."; // external data is read from here
  /// Refuses what the model's default-domain opset does not allow where it
  /// differs from opset 13's semantics (opsets 10 to 12).
  void checkOpsetSemantics(int64_t opset);
  /// Refuses a graph with a cycle (ONNX graphs are acyclic), naming a node
  /// on it.
  void checkAcyclic();
  void collectConstants();
  QuantType quantParams(const onnx::NodeProto &n, int scaleIdx, int zpIdx,
                        ArrayRef<int64_t> shape, int64_t axisAttr,
                        int32_t defaultDtype, QConst *paramsOut = nullptr);
  QuantType quantParamsFrom(const onnx::NodeProto &n,
                            const std::string &scaleName, const ConstTensor &s,
                            const std::string &zpName, const ConstTensor *z,
                            ArrayRef<int64_t> shape, int64_t axisAttr,
                            int32_t defaultDtype, QConst *paramsOut);
  Value materialize(const QConst &c, const onnx::NodeProto &user);
  Value quantizedInput(const onnx::NodeProto &n, int i, StringRef what);
  Value floatValue(const std::string &name, const onnx::NodeProto *user);
  Value castTo(Value v, QuantType q);
  /// An integer (uint8/int8) tensor input of a QOperator/Integer op, with
  /// at least `minRank` dimensions.
  Value integerInput(const onnx::NodeProto &n, int i, StringRef what,
                     int64_t minRank);
  RankedTensorType quantTensorType(ArrayRef<int64_t> shape, QuantType q) {
    return RankedTensorType::get(shape, q);
  }

  // QDQ: find the QuantizeLinear that quantizes `name` (through an optional
  // Relu/Clip), fold them, and return the output quant type + range.
  struct OutputQuant {
    QuantType type;
    std::optional<double> lo, hi;
    std::string outName; // ONNX name of the quantized tensor
    std::vector<const onnx::NodeProto *> extraQ;
    /// The quantizer's output is a float (fake-quantized) tensor, as QONNX
    /// Quant or the Concat of per-slice QDQ: bind it as a DQ view.
    bool view = false;
    /// The quantizer's rounding (QONNX rounding_mode and order).
    RoundSpec rounding;
    const onnx::NodeProto *quantizer = nullptr;
  };
  /// Merges the range [lo, hi], applied after oq's, into oq's: the
  /// intersection, or the end of [lo, hi] nearest oq's when they are disjoint.
  static void narrowRange(OutputQuant &oq, std::optional<double> lo,
                          std::optional<double> hi);
  /// With a rounding other than half_even, moves oq's Relu/Clip bounds
  /// (real values) to the grid point the quantizer rounds them to.
  static void roundBounds(OutputQuant &oq);
  /// `name` feeds only a MaxPool whose output is quantized: `oq` becomes
  /// that quantization (a view of `name`), as max commutes with it.
  /// The MaxPool that is `name`'s only consumer when every consumer of its
  /// output is a quantizer (maxPoolQuantPattern's form), else null.
  const onnx::NodeProto *quantizedMaxPool(const std::string &name);
  bool maxPoolQuantPattern(const std::string &name, ArrayRef<int64_t> shape,
                           OutputQuant &oq);
  OutputQuant findOutputQuant(const onnx::NodeProto &n, std::string name,
                              ArrayRef<int64_t> shape);
  const onnx::NodeProto *singleConsumer(const std::string &name) {
    auto it = consumers.find(name);
    if (it == consumers.end() || it->second.size() != 1 ||
        graphOutputs.count(name))
      return nullptr;
    return it->second.front();
  }
  void bind(const OutputQuant &oq, Value v, const onnx::NodeProto &n);
  /// The quantization `q` (QuantizeLinear, QONNX Quant/BipolarQuant, or a
  /// QuantizeLinear -> Clip -> DequantizeLinear chain) applies to a float
  /// result of rank `rank`; fills oq (type, range, rounding, outName, view)
  /// and marks the nodes it covers done.
  void quantizerOutput(const onnx::NodeProto &q, ArrayRef<int64_t> shape,
                       OutputQuant &oq);
  bool isQuantizer(const onnx::NodeProto &n);
  /// int16 / uint16.
  static bool is16Bit(int32_t dtype);
  /// A QuantizeLinear (default or com.microsoft domain) to int16/uint16: a
  /// float boundary, not a quantizer a producer fuses. 16-bit values are
  /// only quantized and dequantized; what runs between such pairs runs in
  /// float, as ONNX Runtime runs it. Every look-ahead that asks whether a
  /// float value is quantized or read in float asks this.
  bool isWideQuantizeLinear(const onnx::NodeProto &n);
  /// The type a QuantizeLinear writes: its zero point's, else output_dtype.
  int32_t quantizeLinearDtype(const onnx::NodeProto &n);
  /// Fails when `v` (the value of tensor `name` that `n` reads as integers)
  /// holds 16-bit values.
  void checkNarrow(const onnx::NodeProto &n, const std::string &name,
                   mlir::Value v);
  void foldDequantize16(const onnx::NodeProto &n, const ConstTensor &c);
  /// The `rounding` attribute of a qnn op: none for the default half_even.
  StringAttr roundingAttr(const RoundSpec &r) {
    return r.mode == "half_even" ? StringAttr() : b.getStringAttr(r.mode);
  }
  /// The `zero_point_first` attribute of a qnn op rounding into `out`: set
  /// only where the order changes a result, i.e. a nonzero zero point and a
  /// mode other than floor and ceil (those commute with adding an integer).
  UnitAttr zeroPointFirstAttr(const RoundSpec &r, QuantType out) {
    bool matters = r.zeroPointFirst && r.mode != "floor" && r.mode != "ceil" &&
                   out && !out.isBipolar() &&
                   llvm::any_of(out.getZeroPoints(),
                                [](int64_t z) { return z != 0; });
    return matters ? b.getUnitAttr() : UnitAttr();
  }
  /// qnn negated_channels for weights `w`, or none.
  DenseBoolArrayAttr negatedAttr(const QConst &w) {
    if (!llvm::is_contained(w.negated, true))
      return {};
    SmallVector<bool> flags(w.negated.begin(), w.negated.end());
    return b.getDenseBoolArrayAttr(flags);
  }
  /// A requantization of `v` to `q` as QuantizeLinear/Quant would do it.
  Value requantize(Value v, QuantType q, const onnx::NodeProto &n,
                   std::optional<double> lo, std::optional<double> hi,
                   const RoundSpec &rounding);
  /// int32 bias in units of the accumulator scale `acc`: round half even,
  /// or for a bipolar result floor (ceil for a `negated` channel, whose
  /// sign is that of -(acc + bias)), which keeps the float decision.
  int64_t biasToInt(const onnx::NodeProto &n, double real, double xScale,
                    double wScale, QuantType result, bool negated = false);

  // --- QONNX (QONNX.cpp) ----------------------------------------------------
  static bool isQONNXDomain(StringRef domain);
  /// A QONNX Quant/BipolarQuant's quantization for data of shape `shape`:
  /// params (signedness, widths, axis, scales, zero points) in a QConst
  /// with no values, the integer clamp range per channel, the rounding.
  struct QonnxQuant {
    QConst params;
    bool narrow = false;
    RoundingMode mode = RoundingMode::HalfEven;
    RoundSpec rounding{"half_even", /*zeroPointFirst=*/true};
  };
  QonnxQuant qonnxParams(const onnx::NodeProto &n, ArrayRef<int64_t> shape);
  /// The real range a narrow QONNX quantization clamps to (none otherwise).
  std::pair<std::optional<double>, std::optional<double>>
  qonnxRange(const onnx::NodeProto &n, const QonnxQuant &q);
  QConst foldQONNXQuant(const onnx::NodeProto &n, const ConstTensor &c);
  void importQONNXQuant(const onnx::NodeProto &n);
  void importTrunc(const onnx::NodeProto &n);
public:
  /// A Trunc's parameters: y = rounding(q / 2^e) on the integers q of the
  /// input (scale, zero point zp) to a `bits`-wide output.
  struct TruncSpec {
    bool v2 = false, isSigned = true, narrow = false;
    unsigned bits = 8;
    int64_t zp = 0, e = 0;
    double scale = 1, outScale = 1; // binary32 values
    RoundSpec rounding{"floor", /*zeroPointFirst=*/true};
    /// The type of y: scale * 2^e, zero point zpMid, `bits` wide.
    QuantType midType(MLIRContext *ctx, int64_t zpMid) const;
    /// The (v2 narrow) output range as real bounds of `mid`.
    std::pair<std::optional<double>, std::optional<double>>
    range(QuantType mid) const;
  };
private:
  /// Reads and checks a Trunc whose input has the quantization `inQ` (the
  /// Trunc's scale and zero point must be its own; `inName` for messages).
  TruncSpec truncSpec(const onnx::NodeProto &n, QuantType inQ,
                      const std::string &inName);
  /// The quantization of a Trunc's output value.
  QuantType truncOutputType(const onnx::NodeProto &n, const TruncSpec &t);
  /// AveragePool/GlobalAveragePool `pool` of the quantized `x` -> Mul(window
  /// size) -> Trunc (Brevitas' quantized average pooling) as a depthwise
  /// qnn.conv2d with a kernel of ones; false when the pool's output does not
  /// feed that pattern.
  bool importTruncAvgPool(const onnx::NodeProto &pool, Value x,
                          ArrayRef<int64_t> k, ArrayRef<int64_t> strides,
                          ArrayRef<int64_t> pads, ArrayRef<int64_t> outShape);
  int64_t domainVersion(StringRef domain);

  // --- affine chains after conv / matmul (Affine.cpp) ------------------------
  /// y = k[c] * x + off[c] per output channel c, applied by a chain of
  /// BatchNormalization and Mul/Add/Sub/Div by per-channel or scalar float
  /// constants after a conv or matmul output.
  struct ChannelAffine {
    std::vector<double> k, off; // empty: no such node follows
    std::string out; // the chain's output (the producer's if empty)
    const onnx::NodeProto *first = nullptr; // the chain's first node
    bool folded() const { return !k.empty(); }
  };
  /// Follows the single-consumer chain from `name` (rank `rank`, channels
  /// along `axis`) and marks its nodes done.
  ChannelAffine channelAffine(const std::string &name, int64_t channels,
                              int64_t axis, int64_t rank);
  /// Folds `a` into constant weights `w` (output channels along `axis`:
  /// scales * |k|, values mirrored around the zero point where k < 0, or
  /// the channel negated where a mirrored value does not fit) and the real
  /// bias (k * bias + off, negated with its channel).
  void foldAffine(const ChannelAffine &a, QConst &w, int64_t axis,
                  std::optional<std::vector<double>> &bias);

  // --- low-bit standard ONNX (LowBit.cpp) -----------------------------------
  /// Blockwise DequantizeLinear scales/zero points collapsed to one value
  /// per channel of one axis (or per tensor); error when they do not.
  void collapseBlocks(const onnx::NodeProto &n, QConst &qc,
                      const ConstTensor &data, int64_t blockSize,
                      int64_t axisAttr);
  /// The integer bounds of a Clip on quantized integers (QCDQ).
  std::pair<int64_t, int64_t> intClipBounds(const onnx::NodeProto &clip,
                                            bool isSigned);
  /// Smallest width of that signedness holding [lo, hi] and the zero points.
  static unsigned widthFor(bool isSigned, int64_t lo, int64_t hi,
                           ArrayRef<int64_t> zps);
  void importSplitOrSlice(const onnx::NodeProto &n);
  /// Split/Slice of a runtime tensor: one qnn.slice per output, on codes or
  /// on floats (LowBit.cpp).
  void importRuntimeSplitOrSlice(const onnx::NodeProto &n);
  /// A Clip whose bounds are integer constants: it clamps quantized
  /// integers (QCDQ) and narrows their width.
  bool isIntegerClip(const onnx::NodeProto &n);
  void importIntegerClip(const onnx::NodeProto &n);
  /// Concat of quantized constants (per-slice weights, form (b)); false
  /// when the inputs are not all constants.
  bool importConstantConcat(const onnx::NodeProto &n);
  /// Split/Slice -> per-slice quantizer -> Concat after a float result:
  /// one sliced quantization. False when `name` does not feed that pattern.
  bool sliceQuantPattern(const onnx::NodeProto &n, const std::string &name,
                         ArrayRef<int64_t> shape, OutputQuant &oq);
  /// The parts (output name, axis, start, count) of a Split or Slice node
  /// on a tensor of shape `shape`.
  struct Part {
    std::string name;
    int64_t axis, start, count;
  };
  /// One output of a Split or a Slice: `result[i] = input[starts + i *
  /// steps]` in every dimension (ONNX's clamping already applied).
  struct Window {
    std::string name;
    SmallVector<int64_t> starts, steps, sizes;
  };
  std::vector<Window> cutWindows(const onnx::NodeProto &n,
                                 ArrayRef<int64_t> shape);
  /// The one axis `w` cuts with step 1, -1 when it cuts none, nullopt
  /// when it cuts more or walks with another step.
  static std::optional<int64_t> singleCutAxis(const Window &w,
                                              ArrayRef<int64_t> shape);
  /// cutWindows, each of which cuts at most one axis with step 1.
  std::vector<Part> splitParts(const onnx::NodeProto &n,
                               ArrayRef<int64_t> shape);

  // --- FINN: MultiThreshold, integer-valued float weights (Threshold.cpp) ---
  /// The raw i32 accumulator of a Conv/Gemm/MatMul read by a
  /// MultiThreshold: its real value in channel c (along `axis`) is
  /// unit[c] * acc + offset[c].
  struct Accumulator {
    Value value;
    int64_t axis = 1;
    std::vector<double> unit, offset;
  };
  std::map<std::string, Accumulator> accumulators; // by ONNX tensor name
  /// The MultiThreshold that is `name`'s only reader, or nullptr.
  const onnx::NodeProto *multiThresholdReader(const std::string &name);
  /// Records `acc` (the conv/matmul `n`'s accumulator on inputs of scale
  /// `xScale`, weights `w` after any folded affine chain, real `bias`) as
  /// the tensor `out`.
  void bindAccumulator(const onnx::NodeProto &n, const std::string &out,
                       Value acc, int64_t axis, double xScale, const QConst &w,
                       const std::optional<std::vector<double>> &bias);
  /// The FINN datatype ("INT2", "BIPOLAR", ...) the graph's
  /// quantization_annotation gives `tensor`.
  std::optional<std::string> finnDatatype(const std::string &tensor) const;
  /// In a QONNX/FINN graph, a float constant input #i that the annotation
  /// gives an integer FINN datatype becomes quantized weights (scale 1).
  void adoptIntegerWeights(const onnx::NodeProto &n, int i);
  void importMultiThreshold(const onnx::NodeProto &n);

  // --- the handler registry (Registry.cpp) ----------------------------------
  /// Default-domain opsets qcc knows; a newer one may change any op. Which
  /// ops an older one has is the registry's `since` (HardSigmoid 6, Add 7,
  /// QuantizeLinear 10, ...).
  static constexpr int64_t kMinOpset = 1, kMaxOpset = 23;
  /// One ONNX operator's importer from opset `since` on.
  struct OpHandler {
    StringRef domain; // "" for ai.onnx, "qonnx" for the QONNX/FINN domains
    StringRef op;
    int64_t since;  // first default-domain opset with these semantics
    int minInputs;  // leading inputs that must be present
    void (Importer::*import)(const onnx::NodeProto &);
  };
  static const std::vector<OpHandler> &opHandlers();
  /// The handler for `n` at the model's opset; nullptr for an op with no
  /// entry; fails for a foreign domain, an opset newer than qcc knows or
  /// an op qcc supports only from a later opset.
  const OpHandler *handlerFor(const onnx::NodeProto &n);
  /// handlerFor on every node, before any is imported (fused ones too).
  void checkOpVersions();
  int64_t opset = 0; // the model's default-domain opset
  void importNode(const onnx::NodeProto &n);
  void importFloatQuant(const onnx::NodeProto &n);

  // --- elementwise functions as tables (Activations.cpp) -------------------
  void importElementwiseFunction(const onnx::NodeProto &n);
  /// f on every code of `xq`, quantized as `oq` quantizes (a table).
  std::vector<int64_t> functionTable(const onnx::NodeProto &n,
                                     const std::function<double(double)> &f,
                                     QuantType xq, const OutputQuant &oq);

  // --- the parts of a model left in float (FloatOps.cpp) -------------------
  /// Add, Sub, Mul, Div: integer qnn.add/qnn.mul between quantized tensors
  /// with a quantized result, qnn.float_binary otherwise.
  void importArithmetic(const onnx::NodeProto &n);
  void importSoftmax(const onnx::NodeProto &n);
  /// Relu, Clip, LeakyRelu, HardSigmoid, HardSwish, Sigmoid of an f32
  /// tensor computed at run time, or of a dequantized one whose result is
  /// not quantized again: qnn.float_unary (false: neither; other functions
  /// of such an input are refused).
  /// PRelu: qnn.float_binary prelu in float; between quantizers a
  /// uniform slope's lookup table.
  void importPRelu(const onnx::NodeProto &n);
  bool importFloatActivation(const onnx::NodeProto &n);
  /// Input 0 of a layout op (Reshape, Flatten, Squeeze, Unsqueeze,
  /// Transpose): f32 where it is a float tensor, or a dequantized one that
  /// is consumed in float (consumedInFloat), else quantized.
  Value layoutInput(const onnx::NodeProto &n);
  /// `name`, through layout ops, is a graph output or feeds only ops that
  /// compute in float (Softmax, Sub, Div, an activation whose result is
  /// not quantized again).
  bool consumedInFloat(std::string name);
  /// The Mul of a SiLU, x * Sigmoid(x), when `n` is that Sigmoid.
  const onnx::NodeProto *siluMul(const onnx::NodeProto &n);
  /// `name` is an f32 tensor computed at run time (a graph input, a float
  /// op's result, a dequantization).
  bool isFloatRuntimeValue(const std::string &name);
  /// Every reader of `name` (past Identities and one Relu/Clip) is a
  /// quantizer, as findOutputQuant requires.
  bool resultIsQuantized(std::string name);
  /// Input #i as an f32 tensor: a float constant, a dequantized constant
  /// or tensor, or a float value.
  Value floatOperand(const onnx::NodeProto &n, int i);
  /// `name` is quantized: a DQ view or DQ'd constant, or an integer value.
  bool isQuantizedTensor(const std::string &name);
  /// Conv, Gemm or MatMul `n` runs in float: its input is not quantized,
  /// or its weights are not (Conv: not a quantized constant).
  bool layerRunsInFloat(const onnx::NodeProto &n);
  /// Its weights (input 1) alone make it run in float.
  bool weightsInFloat(const onnx::NodeProto &n);
  /// Its result (after a bias Add and the affine chain the quantized
  /// import would fold) is not quantized: a float op or the graph output
  /// reads it, so it runs in float as ONNX Runtime runs it.
  bool outputLeftInFloat(const onnx::NodeProto &n);
  /// qnn.float_conv2d / qnn.float_matmul (with Gemm's transposes, alpha,
  /// beta and C as float ops around it).
  void importFloatConv(const onnx::NodeProto &n);
  /// Resize in linear or cubic mode, or nearest of a float tensor
  /// (Shape.cpp): qnn.resize_2d with the source rows and columns and their
  /// weights computed as ONNX Runtime computes them. `mode` is "nearest"
  /// (rounding by `nearest`), "linear" or "cubic"; `roi` the region of
  /// interest of tf_crop_and_resize (empty otherwise).
  void importResizeTables(const onnx::NodeProto &n, ArrayRef<int64_t> in,
                          ArrayRef<double> scales, ArrayRef<int64_t> sizes,
                          StringRef coord, StringRef mode, StringRef nearest,
                          ArrayRef<float> roi);
  /// ConvTranspose as a convolution (ConvTranspose.cpp): the input with
  /// stride - 1 zeros (codes of 0) between its values, the weights flipped
  /// and transposed, imported as a Conv, quantized or in float.
  void importConvTranspose(const onnx::NodeProto &n);
  /// The rank of input i (a value, a view or a constant); -1 if unknown.
  int64_t inputRank(const onnx::NodeProto &n, int i);
  /// A 1-D Conv, ConvTranspose, MaxPool, AveragePool, global pool,
  /// QLinearConv or ConvInteger (rank-3 input)
  /// imported by `handler` as the 2-D one with height 1 (Lift1D.cpp);
  /// false for other ranks.
  bool importAs2D(const onnx::NodeProto &n,
                  void (Importer::*handler)(const onnx::NodeProto &));
  /// True while importAs2D imports a lifted node: the ONNX tensors after
  /// it (the constants of the batch norms and Mul/Add it fuses, the scales
  /// of its quantizers) have rank 3 while its values have rank 4.
  bool lifted1D = false;
  /// The rank of a convolution's output in the ONNX graph.
  int64_t convOutputRank() const { return lifted1D ? 3 : 4; }
  void importFloatGemmOrMatMul(const onnx::NodeProto &n);
  Value floatTranspose2D(const onnx::NodeProto &n, Value v);
  /// v * factor (one binary32 rounding), v itself for 1.
  Value floatScaled(const onnx::NodeProto &n, Value v, float factor);
  /// BatchNormalization not folded into a layer before it: x * k + c in
  /// binary32, k and c computed as ONNX Runtime does.
  void importBatchNormalization(const onnx::NodeProto &n);
  /// ArgMax / ArgMin (the class after the last quantizer): qnn.arg_reduce
  /// on the codes where their order is the values', else on floats.
  void importArgReduce(const onnx::NodeProto &n);
  /// Input 0 of an ArgMax/ArgMin/TopK ordering along `axis`: the codes
  /// where one scale along the axis keeps the values' order (true: of a DQ
  /// view), floats otherwise.
  std::pair<Value, bool> orderedOperand(const onnx::NodeProto &n,
                                        int64_t axis);
  /// TopK: qnn.top_k on the codes where they keep the values' order (a DQ
  /// view's values output stays a view), otherwise on floats.
  void importTopK(const onnx::NodeProto &n);

  // --- ONNX Runtime's com.microsoft QLinear ops (ORTContrib.cpp) ----------
  Value qlinearInput(const onnx::NodeProto &n, int i, StringRef what);
  /// The result shape of Concat-ing `ins` along n's `axis` (normalized).
  SmallVector<int64_t> concatShape(const onnx::NodeProto &n,
                                   ArrayRef<Value> ins, int64_t &axis);
  /// numpy broadcast of two operand shapes.
  SmallVector<int64_t> broadcastShape(const onnx::NodeProto &n,
                                      RankedTensorType lt, RankedTensorType rt);
  QuantType qlinearOutput(const onnx::NodeProto &n, int i);
  void importMSQLinearUnary(const onnx::NodeProto &n);
  void importMSQLinearAddOrMul(const onnx::NodeProto &n);
  void importMSQLinearGlobalAveragePool(const onnx::NodeProto &n);
  void importMSQLinearAveragePool(const onnx::NodeProto &n);
  void importMSQLinearConcat(const onnx::NodeProto &n);
  void importMSQGemm(const onnx::NodeProto &n);

  // --- shape computations and plumbing (Shape.cpp) -------------------------
  void importConstant(const onnx::NodeProto &n);
  void importIdentity(const onnx::NodeProto &n);
  void importDropout(const onnx::NodeProto &n);
  void importShape(const onnx::NodeProto &n);
  void importGather(const onnx::NodeProto &n);
  /// Cast and CastLike (to the element type of its second input,
  /// elementTypeOf).
  void importCast(const onnx::NodeProto &n);
  int32_t elementTypeOf(const std::string &name);
  void importSqueezeOrUnsqueeze(const onnx::NodeProto &n);
  void importTranspose(const onnx::NodeProto &n);
  /// DepthToSpace (DCR, CRD) and SpaceToDepth: reshape, transpose, reshape
  /// of codes or of floats (Shape.cpp).
  void importDepthOrSpace(const onnx::NodeProto &n);
  /// Pad: constant mode as qnn.pad (codes or floats); reflect, edge and
  /// wrap as qnn.slice parts and qnn.concat; negative pads crop.
  void importPad(const onnx::NodeProto &n);
  void importResize(const onnx::NodeProto &n);
  /// Binds `v`, result `name` (default: output 0) of a layout op on n's
  /// input: codes of a dequantized input as a DQ view (the quantizer after
  /// it requantizes), floats and other tensors as values.
  void bindLayout(const onnx::NodeProto &n, Value v, StringRef name = {});
  /// Fails unless `x` is f32 or quantized per tensor (one width): what the
  /// ops that move values without computing them accept.
  void requirePerTensor(const onnx::NodeProto &n, Value x);
  /// Concat of integer constants (a shape); false otherwise.
  bool importShapeConcat(const onnx::NodeProto &n);
  /// `out` names whatever `in` is (value, DQ view, constant).
  void aliasTensor(const onnx::NodeProto &n, const std::string &in,
                   const std::string &out);
  /// The static shape of an imported tensor, if it is one.
  std::optional<std::vector<int64_t>> knownShape(const std::string &name);
  /// Input #i of an op that qcc folds on constants only.
  const ConstTensor &foldedInput(const onnx::NodeProto &n, int i,
                                 StringRef what);
  /// Binds n's output to quantized `x` reshaped to `shape`.
  void bindReshape(const onnx::NodeProto &n, Value x, ArrayRef<int64_t> shape);

  // Op importers.
  void importQuantizeLinear(const onnx::NodeProto &n);
  void importDequantizeLinear(const onnx::NodeProto &n);
  void importConv(const onnx::NodeProto &n);
  void importGemmOrMatMul(const onnx::NodeProto &n);
  /// Add or Mul of two quantized tensors.
  void importAddOrMul(const onnx::NodeProto &n);
  void importPool(const onnx::NodeProto &n);
  void importGlobalMaxPool(const onnx::NodeProto &n);
  void importGlobalAveragePool(const onnx::NodeProto &n);
  void importConcat(const onnx::NodeProto &n);
  void importReshape(const onnx::NodeProto &n);
  void importActivation(const onnx::NodeProto &n);
  void importQLinearConv(const onnx::NodeProto &n);
  void importQLinearMatMul(const onnx::NodeProto &n);
  void importConvInteger(const onnx::NodeProto &n);
  void importMatMulInteger(const onnx::NodeProto &n);

  std::pair<std::optional<double>, std::optional<double>>
  clipRange(const onnx::NodeProto &n);
  /// A 2-D pool's window (kernel_shape), strides, dilations, pads, ceil_mode
  /// and NCHW result shape, from the node's attributes.
  struct PoolGeometry {
    SmallVector<int64_t> kernel, strides, dilations, pads, outShape;
    bool ceil = false;
  };
  PoolGeometry poolGeometry(const onnx::NodeProto &n, RankedTensorType xt);
  /// Input X of a com.microsoft QLinear pool: NCHW (channels_last=0).
  Value qlinearPoolInput(const onnx::NodeProto &n);
  /// A convolution's geometry from its attributes for weights `wd`
  /// (F x C/group x KH x KW): checks the weight's rank, kernel_shape and
  /// that the weights fit the input's channels; outShape's channels are F.
  void convGeometry(const onnx::NodeProto &n, ArrayRef<int64_t> inShape,
                    ArrayRef<int64_t> wd, SmallVectorImpl<int64_t> &strides,
                    SmallVectorImpl<int64_t> &dilations,
                    SmallVectorImpl<int64_t> &pads, int64_t &groups,
                    SmallVectorImpl<int64_t> &outShape);
  void convAttrs(const onnx::NodeProto &n, ArrayRef<int64_t> inShape,
                 ArrayRef<int64_t> kernel, SmallVectorImpl<int64_t> &strides,
                 SmallVectorImpl<int64_t> &dilations,
                 SmallVectorImpl<int64_t> &pads, int64_t &groups,
                 SmallVectorImpl<int64_t> &outShape, bool isPool,
                 bool ceilMode = false);
  Value emitConv(const onnx::NodeProto &n, Value x, QConst w,
                 std::optional<std::vector<double>> biasReal,
                 std::vector<int64_t> biasInt, Type resultElem,
                 std::optional<double> lo, std::optional<double> hi,
                 const RoundSpec &rounding = {}, int64_t biasShift = 0);
  Value biasConstant(const std::vector<int64_t> &bias);
  /// The largest |accumulator| (bias excluded) of every output channel of a
  /// conv (`outAxis` 0: weights [F, C, KH, KW]) or matmul (1: [K, N]) with
  /// constant weights `w` on inputs of type `xq`.
  static std::vector<int64_t> accumulatorBounds(const QConst &w, QuantType xq,
                                                int64_t outAxis);
  /// The bias_shift for real biases `bias` (one per output channel) of a
  /// layer with accumulator bounds `bounds` (docs/IntegerSemantics.md).
  static int64_t chooseBiasShift(ArrayRef<double> bias,
                                 ArrayRef<int64_t> bounds, double xScale,
                                 ArrayRef<double> wScales);
  /// Refuses a layer whose i32 accumulator can overflow (docs/
  /// IntegerSemantics.md), naming the node and the channel.
  void checkAccumulator(const onnx::NodeProto &n, ArrayRef<int64_t> bounds,
                        ArrayRef<int64_t> bias);
};

} // namespace qcc::onnximport

#endif
