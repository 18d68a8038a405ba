//===- qcc.cpp - the qcc compiler driver ----------------------------------===//
//
//   qcc compile MODEL.onnx -target T [-mcpu=CPU] [-mattr=...] [-O0|-O1|-O2|-O3]
//               [-mfloat-abi=soft|hard]
//               [--name NAME] [-o OUT.o] [--emit=qnn|mlir|llvm|asm|obj]
//               [--shape INPUT=1x3x224x224]... [--weights-section NAME]
//
// Every error is one line on stderr ("qcc: error: ...") and exit code 1; no
// partial output file is left behind.
//
//===----------------------------------------------------------------------===//
#include "qcc/Import/ONNX/ONNXImporter.h"
#include "qcc/Pipeline/Pipeline.h"
#include "qcc/Target/Target.h"
#include "qcc/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "qcc/Report/ArenaLowerBound.h"
#include "qcc/Report/BitReport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

#include <optional>

using namespace mlir;

namespace {

[[noreturn]] void die(const llvm::Twine &msg) {
  llvm::errs() << "qcc: error: " << msg << "\n";
  std::exit(1);
}

const char *kUsage =
    "usage: qcc compile MODEL.onnx -target T [-mcpu=CPU] [-mattr=FEATURES]\n"
    "                   [-mfloat-abi=soft|hard]\n"
    "                   [-O0|-O1|-O2|-O3] [--name NAME] [-o OUT.o]\n"
    "                   [--emit=qnn|mlir|llvm|asm|obj] [--shape INPUT=DxDx...]\n"
    "                   [--weights-section NAME] [--io=float|quantized]\n"
    "                   [--report]\n"
    "\n"
    "  -target T     x86_64, aarch64, or a full triple (aarch64-linux-gnu,\n"
    "                thumbv7em-none-eabi, thumbv8m.main-none-eabi, ...)\n"
    "  -mcpu=CPU     target CPU (e.g. skylake, cortex-a76, native)\n"
    "  -mattr=F      target features (e.g. +avx2,+fma or +dotprod)\n"
    "  -mfloat-abi=A Cortex-M only: soft (default; links into firmware built\n"
    "                either way) or hard (the hard-float calling convention)\n"
    "  -O0..-O3      LLVM optimization level (default -O2)\n"
    "  --name NAME   C prefix of the generated symbols (default: OUT's stem)\n"
    "  -o OUT        output file; with --emit=obj also writes OUT's stem .h\n"
    "  --emit=KIND   qnn: imported IR; mlir: lowered LLVM-dialect IR;\n"
    "                llvm: LLVM IR; asm: assembly; obj: ELF object (default)\n"
    "  --shape I=S   static shape for input I, e.g. --shape input=1x3x224x224\n"
    "  --weights-section NAME\n"
    "                put the weights (every constant) in section NAME, e.g. a\n"
    "                QSPI flash region of the firmware's linker script\n"
    "  --io=KIND     float (default): inputs and outputs as float32;\n"
    "                quantized: as their stored integers (uint8/int8), with\n"
    "                each one's scale and zero point in the header\n"
    "  --report      print per layer: op, weight / activation bits per slice,\n"
    "                MACs, stored weight and activation bytes; and the totals\n"
    "                (weights + peak arena, next to the arena's lower bound);\n"
    "                with an object, its flash (code + read-only data) and\n"
    "                RAM (arena + the stack bound, computed from the frames)\n";

bool isIdentifier(StringRef s) {
  if (s.empty() || llvm::isDigit(s[0]))
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

std::string sanitize(StringRef s) {
  std::string r;
  for (char c : s)
    r += llvm::isAlnum(c) ? c : '_';
  if (r.empty() || llvm::isDigit(r[0]))
    r = "m_" + r;
  return r;
}

std::vector<int64_t> parseShape(StringRef spec, StringRef arg) {
  std::vector<int64_t> dims;
  SmallVector<StringRef> parts;
  spec.split(parts, 'x');
  for (StringRef p : parts) {
    int64_t v;
    if (p.getAsInteger(10, v) || v <= 0)
      die("--shape '" + arg + "': dimensions must be positive integers "
          "separated by 'x'");
    dims.push_back(v);
  }
  return dims;
}

/// The header written beside an object: OUT with its extension replaced.
std::string headerPath(StringRef output) {
  SmallString<256> header(output);
  llvm::sys::path::replace_extension(header, ".h");
  return std::string(header);
}

struct Options {
  std::string model, target, cpu, features, name, output, floatABI;
  std::string weightsSection;
  std::string emit = "obj";
  int optLevel = 2;
  bool report = false;
  bool quantizedIO = false;
  qcc::ONNXImportOptions import;
};

/// Why `name` cannot hold the weights ("" if it can): characters an
/// assembler and a linker script take unquoted, and not a section that
/// holds no bits (.bss, ...) or thread-local data.
std::string checkSectionName(StringRef name) {
  if (name.empty())
    return "empty section name";
  for (char c : name)
    if (!llvm::isAlnum(c) && c != '_' && c != '.' && c != '$' && c != '-')
      return "a section name is letters, digits, '_', '.', '$' and '-'";
  for (StringRef noBits : {".bss", ".sbss", ".tbss", ".tdata", ".noinit"})
    if (name == noBits || name.starts_with((noBits + ".").str()))
      return "the weights need a section with contents, not " + noBits.str();
  return "";
}

Options parseArgs(int argc, char **argv) {
  if (argc >= 2 && (StringRef(argv[1]) == "--help" || StringRef(argv[1]) == "-h")) {
    llvm::outs() << kUsage;
    std::exit(0);
  }
  if (argc >= 2 && StringRef(argv[1]) == "--version") {
    llvm::outs() << "qcc 0.1 (LLVM/MLIR " << LLVM_VERSION_STRING << ")\n";
    std::exit(0);
  }
  if (argc < 2 || StringRef(argv[1]) != "compile") {
    llvm::errs() << kUsage;
    die(argc < 2 ? "no command given (expected 'compile')"
                 : "unknown command '" + StringRef(argv[1]) + "' (expected 'compile')");
  }
  Options o;
  bool nameGiven = false;
  for (int i = 2; i < argc; ++i) {
    StringRef a = argv[i];
    auto value = [&](StringRef flag) -> std::string {
      if (a.consume_front((flag + "=").str()))
        return a.str();
      if (i + 1 >= argc)
        die("option '" + flag + "' needs a value");
      return argv[++i];
    };
    if (a == "-target" || a.starts_with("-target=") || a == "--target" ||
        a.starts_with("--target="))
      o.target = value(a.starts_with("--") ? "--target" : "-target");
    else if (a.consume_front("-mcpu="))
      o.cpu = a.str();
    else if (a.consume_front("-mattr="))
      o.features = a.str();
    else if (a.consume_front("-mfloat-abi=")) {
      if (a != "soft" && a != "hard")
        die("-mfloat-abi='" + a + "' is not one of soft, hard");
      o.floatABI = a.str();
    }
    else if (a == "-O0" || a == "-O1" || a == "-O2" || a == "-O3")
      o.optLevel = a[2] - '0';
    else if (a.starts_with("-O"))
      die("unknown optimization level '" + a + "' (use -O0, -O1, -O2 or -O3)");
    else if (a == "--name" || a.starts_with("--name=")) {
      o.name = value("--name");
      nameGiven = true;
    }
    else if (a == "-o")
      o.output = value("-o");
    else if (a.consume_front("--emit="))
      o.emit = a.str();
    else if (a == "--report")
      o.report = true;
    else if (a.consume_front("--io=")) {
      if (a != "float" && a != "quantized")
        die("--io='" + a + "' is not one of float, quantized");
      o.quantizedIO = a == "quantized";
    }
    else if (a == "--weights-section" || a.starts_with("--weights-section=")) {
      o.weightsSection = value("--weights-section");
      if (std::string why = checkSectionName(o.weightsSection); !why.empty())
        die("--weights-section '" + o.weightsSection + "': " + why);
    }
    else if (a == "--shape" || a.starts_with("--shape=")) {
      std::string spec = value("--shape");
      auto [input, dims] = StringRef(spec).rsplit('=');
      if (dims.empty() || input.empty())
        die("--shape '" + spec + "': expected INPUT=DxDx...");
      o.import.shapes[input.str()] = parseShape(dims, spec);
    } else if (a.starts_with("-"))
      die("unknown option '" + a + "' (see qcc --help)");
    else if (o.model.empty())
      o.model = a.str();
    else
      die("more than one model given ('" + o.model + "' and '" + a + "')");
  }
  if (o.model.empty())
    die("no input model (qcc compile MODEL.onnx -target T)");
  if (o.emit != "qnn" && o.emit != "mlir" && o.emit != "llvm" &&
      o.emit != "asm" && o.emit != "obj")
    die("--emit='" + o.emit + "' is not one of qnn, mlir, llvm, asm, obj");
  if (o.target.empty() && o.emit != "qnn")
    die("missing -target (x86_64, aarch64 or a full triple)");
  if (o.output.empty()) {
    if (o.emit == "obj")
      o.output = llvm::sys::path::stem(o.model).str() + ".o";
    else
      o.output = "-";
  }
  if (o.emit == "obj") {
    if (o.output == "-")
      die("-o - cannot be used with --emit=obj: the object needs a file name "
          "to put its header beside");
    if (headerPath(o.output) == o.output)
      die("-o '" + o.output + "' would be overwritten by the header; name the "
          "object file with another extension (e.g. .o)");
  }
  if (nameGiven) {
    if (!isIdentifier(o.name))
      die("--name '" + o.name + "' is not a C identifier");
  } else {
    StringRef stem = o.output == "-" ? llvm::sys::path::stem(o.model)
                                     : llvm::sys::path::stem(o.output);
    o.name = sanitize(stem);
  }
  return o;
}

/// One line for the first error MLIR reports: "<location>: <message>".
struct FirstError {
  std::optional<std::string> text;
};

std::string locationText(Location loc) {
  if (auto n = dyn_cast<NameLoc>(loc))
    return "node '" + n.getName().str() + "': ";
  if (auto f = dyn_cast<FileLineColLoc>(loc))
    return (f.getFilename().str() + ":" + std::to_string(f.getLine()) + ": ");
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (auto s = locationText(l); !s.empty())
        return s;
  return "";
}

/// --report's device figures, after the per-layer table.
void printMemoryFigures(const qcc::MemoryFigures &f, const qcc::ModelInfo &info,
                        const Options &o, llvm::raw_ostream &os) {
  os << "device memory (" << o.target
     << (o.cpu.empty() ? "" : ", -mcpu=" + o.cpu) << "), in bytes:\n";
  os << llvm::format("  flash %10lld = code %lld + read-only data %lld "
                     "(weights, tables)\n",
                     (long long)(f.codeBytes + f.constantBytes),
                     (long long)f.codeBytes, (long long)f.constantBytes);
  if (f.dataBytes)
    os << llvm::format("  writable data %lld (RAM and flash)\n",
                       (long long)f.dataBytes);
  if (f.stackBytes >= 0) {
    os << llvm::format("  RAM   %10lld = arena %lld + stack %lld\n",
                       (long long)(info.arenaBytes + f.stackBytes +
                                   f.dataBytes),
                       (long long)info.arenaBytes, (long long)f.stackBytes);
    os << "  stack: at most " << f.stackBytes << " bytes, on the path ";
    llvm::interleave(f.deepestPath, os, " -> ");
    os << "\n";
  } else {
    os << llvm::format("  RAM   arena %lld + stack (no bound: ",
                       (long long)info.arenaBytes)
       << f.stackProblem << ")\n";
  }
  os << "  not counted: the caller's inputs and outputs; the code and stack "
        "of what the object calls:";
  if (f.externals.empty())
    os << " nothing";
  for (const std::string &e : f.externals)
    os << " " << e;
  os << "\n";
}

} // namespace

int main(int argc, char **argv) {
  Options o = parseArgs(argc, argv);

  DialectRegistry registry;
  qcc::registerDialects(registry);
  qcc::registerPasses();
  MLIRContext ctx(registry);
  ctx.loadAllAvailableDialects();
  FirstError first;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && !first.text)
      first.text = locationText(d.getLocation()) + d.str();
    return success();
  });

  std::string error;
  OwningOpRef<ModuleOp> module =
      qcc::importONNXModel(ctx, o.model, o.import, error);
  if (!module)
    die(o.model + ": " + error);

  if (o.quantizedIO) {
    PassManager pm(&ctx);
    if (failed(parsePassPipeline("qnn-expose-quantized-io", pm)) ||
        failed(pm.run(*module)))
      die(o.model + ": " + first.text.value_or("--io=quantized failed"));
  }

  // Everything is produced in memory first; files are written only once
  // all of it succeeded, so an error never leaves a partial file behind.
  std::vector<std::pair<std::string, std::string>> files; // path, contents
  auto finish = [&]() {
    for (auto &[path, data] : files) {
      std::error_code ec;
      llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
      if (ec)
        die("cannot write '" + path + "': " + ec.message());
      out.os() << data;
      out.os().flush();
      if (out.os().has_error())
        die("cannot write '" + path + "'");
      out.keep();
    }
    return 0;
  };
  auto text = [&](auto &&print) {
    std::string s;
    llvm::raw_string_ostream os(s);
    print(os);
    return s;
  };

  if (o.emit == "qnn") {
    files.push_back({o.output, text([&](llvm::raw_ostream &os) {
                       module->print(os);
                     })});
    return finish();
  }

  qcc::ModelInfo info;
  info.name = o.name;
  if (failed(qcc::collectModelIO(*module, info, error)))
    die(o.model + ": " + error);

  // The report describes the layers as compiled: after bit-width
  // legalization (promoted widths, sliced convolutions split by width); the
  // ideal weight bytes count the imported widths.
  qcc::ModelReport report;
  if (o.report) {
    int64_t ideal = 0;
    for (const qcc::LayerReport &l : qcc::collectBitReport(*module).layers)
      ideal += l.idealWeightBits;
    PassManager legalize(&ctx);
    if (failed(parsePassPipeline("qnn-legalize-bit-widths", legalize)) ||
        failed(legalize.run(*module)))
      die(o.model + ": " + first.text.value_or("bit-width legalization failed"));
    report = qcc::collectBitReport(*module);
    report.idealWeightBits = ideal;
    report.arenaLowerBound = qcc::arenaLowerBound(*module);
  }

  // Two steps, so that --report can see which activations the buffer
  // pipeline stored packed.
  PassManager toBuffers(&ctx), toLLVM(&ctx);
  // 32-bit targets (Cortex-M) get a requantization that rounds in 32-bit
  // registers where it can.
  llvm::Triple triple(qcc::normalizeTargetTriple(o.target));
  unsigned wordBits = triple.isArch32Bit() ? 32 : 64;
  if (failed(parsePassPipeline(qcc::lowerToBuffersPipeline(true, wordBits),
                               toBuffers)) ||
      failed(parsePassPipeline(qcc::buffersToLLVMPipeline(), toLLVM)))
    die("internal error: cannot build the lowering pipeline");
  auto lower = [&](PassManager &pm) {
    if (failed(pm.run(*module)))
      die(o.model + ": " +
          first.text.value_or("lowering failed (run qcc-opt on --emit=qnn "
                              "output with --qcc-lower-to-llvm for details)"));
  };
  lower(toBuffers);
  if (o.report)
    qcc::notePackedActivations(report, *module);
  lower(toLLVM);
  if (auto f = module->lookupSymbol<LLVM::LLVMFuncOp>("forward"))
    if (auto a = f->getAttrOfType<IntegerAttr>(qcc::kArenaBytesAttr))
      info.arenaBytes = a.getInt();
  if (o.report) {
    report.arenaBytes = info.arenaBytes;
    qcc::printBitReport(report, llvm::outs());
  }

  if (o.emit == "mlir") {
    files.push_back({o.output, text([&](llvm::raw_ostream &os) {
                       module->print(os);
                     })});
    return finish();
  }

  qcc::CodegenOptions cg;
  cg.target = o.target;
  cg.cpu = o.cpu;
  cg.features = o.features;
  cg.floatABI = o.floatABI;
  cg.weightsSection = o.weightsSection;
  info.weightsSection = o.weightsSection;
  module->walk([&](LLVM::GlobalOp g) {
    if (g.getConstant())
      info.weightsAlign =
          std::max<int64_t>(info.weightsAlign, g.getAlignment().value_or(1));
  });
  cg.optLevel = o.optLevel;
  qcc::EmitKind kind = o.emit == "llvm"  ? qcc::EmitKind::LLVMIR
                       : o.emit == "asm" ? qcc::EmitKind::Assembly
                                         : qcc::EmitKind::Object;
  SmallVector<char, 0> code;
  llvm::raw_svector_ostream codeStream(code);
  qcc::MemoryFigures figures;
  bool measure = o.report && kind == qcc::EmitKind::Object;
  if (failed(qcc::emitCode(*module, info, cg, kind, codeStream, error,
                           measure ? &figures : nullptr)))
    die(o.model + ": " + error);
  if (measure) {
    if (failed(qcc::measureObject(StringRef(code.data(), code.size()),
                                  figures, error)))
      die(o.model + ": " + error);
    printMemoryFigures(figures, info, o, llvm::outs());
  }
  files.push_back({o.output, std::string(code.begin(), code.end())});
  if (kind == qcc::EmitKind::Object)
    files.push_back({headerPath(o.output), text([&](llvm::raw_ostream &os) {
                       qcc::emitHeader(info, os);
                     })});
  return finish();
}
