//===- qcc-fuzz-import.cpp - libFuzzer target for the ONNX importer -------===//
//
// Each input is taken as a serialized onnx.ModelProto and run through
// qcc::importONNXModel (which parses it, imports it and runs the qnn
// verifiers), then through qnn-legalize-bit-widths on success, in an
// MLIRContext set up like qcc's (qnn, arith, func, tensor loaded) that is
// replaced every QCC_FUZZ_CONTEXT_INPUTS (64) inputs. Importer
// errors are expected and discarded; crashes, sanitizer reports, timeouts
// and out-of-memory are the findings.
//
// A custom mutator (LLVMFuzzerCustomMutator) parses the model, changes one
// to a few fields (dims, attributes, initializer data and types, op types,
// input names, node order and count, opset, FINN datatype annotations) and
// serializes it again; one time in four, or when the input does not parse,
// it falls back to libFuzzer's byte mutations. QCC_FUZZ_NO_CUSTOM_MUTATOR=1 disables it.
//
// Built only with -DQCC_BUILD_FUZZER=ON (clang, -fsanitize=fuzzer); run it
// with utils/fuzz-importer.sh (docs/Testing.md).
//
//===----------------------------------------------------------------------===//
#include "qcc/Dialect/QNN/IR/QNNDialect.h"
#include "qcc/Dialect/QNN/Transforms/Passes.h"
#include "qcc/Import/ONNX/ONNXImporter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"

#include "onnx/onnx.pb.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

/// The importer reads a path: the input goes to an in-memory file (memfd)
/// reopened through /proc/self/fd, or to a temporary file without memfd.
struct InputFile {
  int fd = -1;
  std::string path;
  InputFile() {
    fd = memfd_create("qcc-fuzz-input", 0);
    if (fd >= 0) {
      path = "/proc/self/fd/" + std::to_string(fd);
      return;
    }
    const char *tmp = getenv("TMPDIR");
    path = std::string(tmp && *tmp ? tmp : "/tmp") + "/qcc-fuzz-XXXXXX";
    fd = mkstemp(path.data());
    if (fd < 0) {
      perror("qcc-fuzz-import: cannot create the input file");
      abort();
    }
  }
  void write(const uint8_t *data, size_t size) {
    if (ftruncate(fd, 0) != 0 ||
        (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
      perror("qcc-fuzz-import: cannot write the input file");
      abort();
    }
  }
};

bool legalizeEnabled() {
  static const bool on = [] {
    const char *e = getenv("QCC_FUZZ_NO_LEGALIZE");
    return !(e && *e && *e != '0');
  }();
  return on;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static InputFile file;
  file.write(data, size);

  // A context is reused for QCC_FUZZ_CONTEXT_INPUTS inputs (default 64),
  // then replaced: setting one up and loading its dialects costs about as
  // much as importing a small model, and the importer interns attributes
  // and dense_resource blobs in it, which would otherwise grow without
  // bound. One thread: no thread pool per context, deterministic.
  static const long reuse = [] {
    const char *e = getenv("QCC_FUZZ_CONTEXT_INPUTS");
    long n = e && *e ? strtol(e, nullptr, 10) : 64;
    return n > 0 ? n : 1;
  }();
  static std::unique_ptr<mlir::MLIRContext> ctxOwner;
  static long used = 0;
  if (!ctxOwner || used++ % reuse == 0) {
    ctxOwner.reset();
    mlir::DialectRegistry registry;
    registry.insert<qcc::qnn::QNNDialect, mlir::arith::ArithDialect,
                    mlir::func::FuncDialect, mlir::tensor::TensorDialect>();
    ctxOwner = std::make_unique<mlir::MLIRContext>(
        registry, mlir::MLIRContext::Threading::DISABLED);
    ctxOwner->loadAllAvailableDialects();
  }
  mlir::MLIRContext &ctx = *ctxOwner;
  // Captured and discarded (qcc keeps the first error for its message).
  mlir::ScopedDiagnosticHandler handler(
      &ctx, [](mlir::Diagnostic &) { return mlir::success(); });

  qcc::ONNXImportOptions opts;
  std::string error;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      qcc::importONNXModel(ctx, file.path, opts, error);
  if (!module) {
    if (error.empty()) {
      fprintf(stderr, "qcc-fuzz-import: import failed without a message\n");
      abort();
    }
    if (error.find('\n') != std::string::npos) {
      fprintf(stderr, "qcc-fuzz-import: multi-line import error: %s\n",
              error.c_str());
      abort();
    }
    return 0;
  }
  // importONNXModel returns only verified modules.
  if (mlir::failed(mlir::verify(*module))) {
    fprintf(stderr, "qcc-fuzz-import: imported module does not verify\n");
    abort();
  }
  if (legalizeEnabled()) {
    mlir::PassManager pm(&ctx);
    pm.addPass(qcc::qnn::createLegalizeBitWidthsPass());
    (void)pm.run(*module); // a failure is an error message, not a finding
  }
  return 0;
}

//===----------------------------------------------------------------------===//
// ONNX-aware mutation
//===----------------------------------------------------------------------===//

namespace {

const char *const kOpTypes[] = {
    "QuantizeLinear", "DequantizeLinear", "Conv", "Gemm", "MatMul", "Add",
    "MaxPool", "AveragePool", "GlobalAveragePool", "Concat", "Reshape",
    "Flatten", "Relu", "Clip", "QLinearConv", "QLinearMatMul", "ConvInteger",
    "MatMulInteger", "Constant", "BatchNormalization", "Identity", "Quant",
    "IntQuant", "BipolarQuant", "Trunc", "Split", "Slice", "Mul", "Sigmoid",
    // Added with the float ops, lookup tables, shape ops and com.microsoft
    // ops (issue 9), so that the mutator turns nodes into them too.
    "Sub", "Div", "Softmax", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish",
    "Elu", "Selu", "Softplus", "Mish", "Dropout", "Shape", "Gather",
    "Unsqueeze", "Squeeze", "Cast", "Transpose", "Upsample", "Resize",
    "FloatQuant", "QLinearAdd", "QLinearMul", "QLinearConcat",
    "QLinearGlobalAveragePool", "QLinearSigmoid", "QLinearLeakyRelu",
    "MultiThreshold",
    // Layers in float, ConvTranspose, ArgMax/ArgMin, Pad, PRelu (issue 9).
    "ConvTranspose", "ArgMax", "ArgMin", "Pad", "PRelu", "TopK",
    "QLinearAveragePool"};
const char *const kDomains[] = {"", "ai.onnx", "qonnx.custom_op.general",
                                "onnx.brevitas", "finn.custom_op.general",
                                "finn", "com.microsoft"};
const char *const kAttrNames[] = {
    "axis", "axes", "block_size", "saturate", "output_dtype", "kernel_shape",
    "strides", "pads", "dilations", "group", "auto_pad", "ceil_mode",
    "count_include_pad", "alpha", "beta", "transA", "transB", "epsilon",
    "momentum", "min", "max", "value", "split", "num_outputs", "allowzero",
    "signed", "narrow", "rounding_mode", "storage_order", "value_float",
    "value_int", "training_mode", "starts", "ends", "steps", "perm", "to",
    "mode", "scales", "coordinate_transformation_mode", "nearest_mode",
    "keepdims", "channels_last", "gamma", "out_dtype", "out_scale",
    "out_bias", "data_layout"};
const char *const kStrings[] = {"",      "NOTSET", "SAME_UPPER", "SAME_LOWER",
                                "VALID", "ROUND",  "FLOOR",      "CEIL",
                                "ROUND_TO_ZERO", "HALF_EVEN", "HALF_UP",
                                "HALF_DOWN", "DOWN", "x", "BIPOLAR",
                                "UINT2", "INT4", "NHWC"};
const int64_t kInts[] = {0, 1, -1, 2, -2, 3, 4, 7, 8, 9, 16, 31, 32, 63, 64,
                         127, 128, 255, 256, 65535, 1 << 20, INT32_MAX,
                         INT32_MIN, (int64_t)1 << 31, (int64_t)1 << 32,
                         INT64_MAX, INT64_MIN, INT64_MAX / 2};
const float kFloats[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 2.0f, 1e-30f, 1e30f,
                         1e-45f, 3.4e38f, -3.4e38f, 0.1f, 127.0f, 255.0f,
                         __builtin_inff(), -__builtin_inff(), __builtin_nanf("")};
const int32_t kDtypes[] = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 16, 21, 22, 0, 8, 17};

struct Mutator {
  std::minstd_rand rng;
  explicit Mutator(unsigned seed) : rng(seed) {}

  size_t below(size_t n) { return n ? rng() % n : 0; }
  bool coin(unsigned oneIn = 2) { return below(oneIn) == 0; }
  template <typename T, size_t N> T pick(const T (&a)[N]) { return a[below(N)]; }

  /// Wrapping arithmetic: the mutator itself must have no UB.
  int64_t mutInt(int64_t v) {
    uint64_t u = (uint64_t)v;
    switch (below(5)) {
    case 0: return pick(kInts);
    case 1: return (int64_t)(u + below(5) - 2);
    case 2: return (int64_t)(0 - u);
    case 3: return (int64_t)(u * 2);
    default: return (int64_t)below(10);
    }
  }
  float mutFloat(float v) {
    switch (below(4)) {
    case 0: return pick(kFloats);
    case 1: return v * 2;
    case 2: return -v;
    default: return v + (float)((int)below(9) - 4);
    }
  }

  /// Every value name used in the graph (for rewiring inputs).
  std::vector<std::string> names(const onnx::GraphProto &g) {
    std::vector<std::string> r;
    for (const auto &i : g.input()) r.push_back(i.name());
    for (const auto &t : g.initializer()) r.push_back(t.name());
    for (const auto &n : g.node())
      for (const auto &o : n.output()) r.push_back(o);
    r.push_back("");
    return r;
  }

  void mutTensor(onnx::TensorProto &t) {
    switch (below(6)) {
    case 0: // dims
      if (t.dims_size() && !coin(4))
        t.set_dims(below(t.dims_size()), mutInt(t.dims(below(t.dims_size()))));
      else if (coin())
        t.add_dims(pick(kInts) & 0xff);
      else if (t.dims_size())
        t.mutable_dims()->RemoveLast();
      break;
    case 1: // element type
      t.set_data_type(pick(kDtypes));
      break;
    case 2: { // raw bytes
      std::string *raw = t.mutable_raw_data();
      if (!raw->empty() && !coin(4))
        (*raw)[below(raw->size())] = (char)rng();
      else if (coin() && !raw->empty())
        raw->resize(below(raw->size()));
      else
        raw->push_back((char)rng());
      break;
    }
    case 3: // typed values
      if (t.float_data_size())
        t.set_float_data(below(t.float_data_size()),
                         mutFloat(t.float_data(below(t.float_data_size()))));
      else if (t.int32_data_size())
        t.set_int32_data(below(t.int32_data_size()),
                         mutInt(t.int32_data(below(t.int32_data_size()))));
      else if (t.int64_data_size())
        t.set_int64_data(below(t.int64_data_size()),
                         mutInt(t.int64_data(below(t.int64_data_size()))));
      else if (coin())
        t.add_float_data(pick(kFloats));
      else
        t.add_int32_data(pick(kInts));
      break;
    case 4: { // raw value of the element width (float or int)
      std::string *raw = t.mutable_raw_data();
      if (raw->size() >= 4) {
        size_t off = below(raw->size() / 4) * 4;
        float f;
        memcpy(&f, raw->data() + off, 4);
        f = mutFloat(f);
        memcpy(raw->data() + off, &f, 4);
      } else if (raw->size()) {
        (*raw)[below(raw->size())] = (char)mutInt(0);
      }
      break;
    }
    default: // where the data lives
      if (coin(4))
        t.set_data_location(onnx::TensorProto::EXTERNAL);
      else if (t.raw_data().size() && coin()) {
        t.clear_raw_data();
      } else {
        t.clear_float_data();
        t.clear_int32_data();
        t.clear_int64_data();
      }
      break;
    }
  }

  void mutAttr(onnx::AttributeProto &a) {
    switch (below(7)) {
    case 0: a.set_i(mutInt(a.i())); break;
    case 1: a.set_f(mutFloat(a.f())); break;
    case 2:
      if (a.ints_size() && !coin(3))
        a.set_ints(below(a.ints_size()), mutInt(a.ints(below(a.ints_size()))));
      else if (coin() || !a.ints_size())
        a.add_ints(pick(kInts));
      else
        a.mutable_ints()->RemoveLast();
      break;
    case 3: a.set_s(pick(kStrings)); break;
    case 4: a.set_name(pick(kAttrNames)); break;
    case 5: mutTensor(*a.mutable_t()); break;
    default:
      a.set_type((onnx::AttributeProto::AttributeType)below(15));
      break;
    }
  }

  void mutNode(onnx::GraphProto &g, onnx::NodeProto &n) {
    switch (below(8)) {
    case 0:
      n.set_op_type(pick(kOpTypes));
      break;
    case 1:
      n.set_domain(pick(kDomains));
      break;
    case 2: { // rewire an input
      auto all = names(g);
      if (n.input_size() && !coin(4))
        n.set_input(below(n.input_size()), all[below(all.size())]);
      else if (coin())
        n.add_input(all[below(all.size())]);
      else if (n.input_size())
        n.mutable_input()->RemoveLast();
      break;
    }
    case 3: { // rewire an output
      auto all = names(g);
      if (n.output_size() && !coin(3))
        n.set_output(below(n.output_size()), all[below(all.size())]);
      else if (coin())
        n.add_output("fz" + std::to_string(below(8)));
      else if (n.output_size())
        n.mutable_output()->RemoveLast();
      break;
    }
    case 4: case 5: // an attribute
      if (n.attribute_size() && !coin(4))
        mutAttr(*n.mutable_attribute(below(n.attribute_size())));
      else if (coin()) {
        auto *a = n.add_attribute();
        a->set_name(pick(kAttrNames));
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(pick(kInts));
        if (coin()) {
          a->set_type(onnx::AttributeProto::INTS);
          for (size_t k = 0, e = 1 + below(4); k < e; ++k)
            a->add_ints(mutInt(1));
        }
      } else if (n.attribute_size()) {
        n.mutable_attribute()->DeleteSubrange(below(n.attribute_size()), 1);
      }
      break;
    default: // an attribute value (most of the interesting ints are there)
      if (n.attribute_size())
        mutAttr(*n.mutable_attribute(below(n.attribute_size())));
      break;
    }
  }

  void mutValueInfo(onnx::ValueInfoProto &v) {
    auto *tt = v.mutable_type()->mutable_tensor_type();
    if (coin(4)) {
      tt->set_elem_type(pick(kDtypes));
      return;
    }
    auto *shape = tt->mutable_shape();
    if (shape->dim_size() && !coin(4)) {
      auto *d = shape->mutable_dim(below(shape->dim_size()));
      if (coin(5))
        d->set_dim_param("N");
      else
        d->set_dim_value(mutInt(d->dim_value()));
    } else if (coin()) {
      shape->add_dim()->set_dim_value(1 + below(4));
    } else if (shape->dim_size()) {
      shape->mutable_dim()->RemoveLast();
    }
  }

  void mutate(onnx::ModelProto &m) {
    onnx::GraphProto &g = *m.mutable_graph();
    switch (below(13)) {
    case 0: case 1: case 2: case 3:
      if (g.node_size())
        mutNode(g, *g.mutable_node(below(g.node_size())));
      break;
    case 4: case 5: case 6:
      if (g.initializer_size())
        mutTensor(*g.mutable_initializer(below(g.initializer_size())));
      break;
    case 7:
      if (g.input_size() && coin())
        mutValueInfo(*g.mutable_input(below(g.input_size())));
      else if (g.output_size())
        mutValueInfo(*g.mutable_output(below(g.output_size())));
      break;
    case 8: // node order / count
      if (g.node_size() >= 2 && coin())
        g.mutable_node()->SwapElements(below(g.node_size()),
                                       below(g.node_size()));
      else if (g.node_size() && coin())
        g.mutable_node()->DeleteSubrange(below(g.node_size()), 1);
      else if (g.node_size() && g.node_size() < 64)
        *g.add_node() = g.node(below(g.node_size()));
      break;
    case 9: // initializers / outputs count
      if (g.initializer_size() && coin())
        g.mutable_initializer()->DeleteSubrange(below(g.initializer_size()), 1);
      else if (g.output_size() && coin())
        g.mutable_output()->DeleteSubrange(below(g.output_size()), 1);
      else if (g.node_size()) {
        const auto &n = g.node(below(g.node_size()));
        if (n.output_size()) {
          auto *o = g.add_output();
          o->set_name(n.output(0));
          o->mutable_type()->mutable_tensor_type()->set_elem_type(
              pick(kDtypes));
        }
      }
      break;
    case 10: // opset
      if (m.opset_import_size() && !coin(4))
        m.mutable_opset_import(below(m.opset_import_size()))
            ->set_version(coin() ? 10 + below(14) : mutInt(13));
      else {
        auto *o = m.add_opset_import();
        o->set_domain(pick(kDomains));
        o->set_version(1 + below(21));
      }
      break;
    case 11: // a FINN datatype annotation (finn_datatype) on a tensor
      if (!names(g).empty()) {
        static const char *const kFinnTypes[] = {
            "BIPOLAR", "BINARY", "INT2", "UINT2", "INT4", "UINT8", "INT9",
            "FLOAT32", "INT0", ""};
        auto *qa = g.add_quantization_annotation();
        auto all = names(g);
        qa->set_tensor_name(all[below(all.size())]);
        auto *e = qa->add_quant_parameter_tensor_names();
        e->set_key(coin(8) ? "other" : "finn_datatype");
        e->set_value(pick(kFinnTypes));
      }
      break;
    default: // a Constant node's tensor, or a node swap of an initializer
      for (auto &n : *g.mutable_node())
        if (n.op_type() == "Constant" && n.attribute_size() && coin()) {
          mutTensor(*n.mutable_attribute(0)->mutable_t());
          return;
        }
      if (g.initializer_size() && g.node_size()) {
        // Turn an initializer into a Constant node at a random position.
        auto &t = *g.mutable_initializer(below(g.initializer_size()));
        onnx::NodeProto c;
        c.set_op_type("Constant");
        c.add_output(t.name());
        auto *a = c.add_attribute();
        a->set_name("value");
        a->set_type(onnx::AttributeProto::TENSOR);
        *a->mutable_t() = t;
        *g.add_node() = c;
        g.mutable_node()->SwapElements(g.node_size() - 1,
                                       below(g.node_size()));
      }
      break;
    }
  }
};

bool customMutatorEnabled() {
  static const bool on = [] {
    const char *e = getenv("QCC_FUZZ_NO_CUSTOM_MUTATOR");
    return !(e && *e && *e != '0');
  }();
  return on;
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned seed) {
  Mutator mut(seed);
  if (!customMutatorEnabled() || mut.coin(4))
    return LLVMFuzzerMutate(data, size, maxSize);
  onnx::ModelProto m;
  if (!m.ParseFromArray(data, (int)size) || !m.has_graph())
    return LLVMFuzzerMutate(data, size, maxSize);
  for (size_t k = 0, e = 1 + mut.below(3); k < e; ++k)
    mut.mutate(m);
  std::string out;
  if (!m.SerializeToString(&out) || out.size() > maxSize)
    return LLVMFuzzerMutate(data, size, maxSize);
  memcpy(data, out.data(), out.size());
  return out.size();
}
