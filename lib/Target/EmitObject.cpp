//===- EmitObject.cpp - LLVM IR, the C entry point, object emission -------===//
#include "qcc/Target/Target.h"
#include "qcc/Runtime/RuntimeLibrary.h"
#include "IsaVersions.h"
#include "MveFixedPointFence.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/ARMTargetParser.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

namespace {

/// Adds `int NAME_run(void *arena, const void *const in[], void *const out[])`:
/// the runtime checks the arguments, then the model function runs.
void addEntryPoint(llvm::Module &m, llvm::Function *forward,
                   const qcc::ModelInfo &info) {
  llvm::LLVMContext &ctx = m.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(ctx);
  llvm::Type *i32 = llvm::Type::getInt32Ty(ctx);
  llvm::Type *i64 = llvm::Type::getInt64Ty(ctx);
  auto *fty = llvm::FunctionType::get(i32, {ptr, ptr, ptr}, false);
  auto *run = llvm::Function::Create(fty, llvm::GlobalValue::ExternalLinkage,
                                     info.name + "_run", m);
  run->setDoesNotThrow();
  llvm::Argument *arena = run->getArg(0), *ins = run->getArg(1),
                 *outs = run->getArg(2);
  arena->setName("arena");
  ins->setName("inputs");
  outs->setName("outputs");
  llvm::FunctionCallee check = m.getOrInsertFunction(
      "qcc_rt_check_args",
      llvm::FunctionType::get(i32, {ptr, i64, ptr, i64, ptr, i64}, false));
  auto *entry = llvm::BasicBlock::Create(ctx, "entry", run);
  auto *fail = llvm::BasicBlock::Create(ctx, "bad_arguments", run);
  auto *body = llvm::BasicBlock::Create(ctx, "run", run);
  llvm::IRBuilder<> b(entry);
  llvm::Value *rc = b.CreateCall(
      check, {arena, b.getInt64(info.arenaBytes), ins,
              b.getInt64(info.inputs.size()), outs,
              b.getInt64(info.outputs.size())});
  b.CreateCondBr(b.CreateICmpEQ(rc, b.getInt32(0)), body, fail);
  b.SetInsertPoint(fail);
  b.CreateRet(rc);
  b.SetInsertPoint(body);
  std::vector<llvm::Value *> args = {arena};
  for (size_t i = 0; i < info.inputs.size(); ++i)
    args.push_back(b.CreateLoad(ptr, b.CreateConstInBoundsGEP1_64(ptr, ins, i)));
  for (size_t i = 0; i < info.outputs.size(); ++i)
    args.push_back(b.CreateLoad(ptr, b.CreateConstInBoundsGEP1_64(ptr, outs, i)));
  b.CreateCall(forward, args);
  b.CreateRet(b.getInt32(0));
}

/// The 32-bit Arm targets qcc supports are the Cortex-M profiles, bare
/// metal; -mcpu must be an M-profile CPU and -mfloat-abi is for them only.
/// Empty when `t` is fine.
std::string checkCortexM(const llvm::Triple &t, const qcc::CodegenOptions &o) {
  if (!t.isARM() && !t.isThumb()) {
    if (!o.floatABI.empty())
      return "-mfloat-abi is for Cortex-M targets (thumbv7em-none-eabi, ...), "
             "not " + t.str();
    return "";
  }
  switch (t.getSubArch()) {
  case llvm::Triple::ARMSubArch_v6m:
  case llvm::Triple::ARMSubArch_v7m:
  case llvm::Triple::ARMSubArch_v7em:
  case llvm::Triple::ARMSubArch_v8m_baseline:
  case llvm::Triple::ARMSubArch_v8m_mainline:
  case llvm::Triple::ARMSubArch_v8_1m_mainline:
    break;
  default:
    return "target '" + t.str() +
           "': 32-bit Arm targets are Cortex-M: thumbv6m-none-eabi (M0/M0+), "
           "thumbv7em-none-eabi (M4/M7), thumbv8m.main-none-eabi (M33), "
           "thumbv8.1m.main-none-eabi (M55)";
  }
  if (t.getOS() != llvm::Triple::UnknownOS)
    return "target '" + t.str() +
           "': Cortex-M objects are for bare metal (write -none-eabi)";
  if (!o.cpu.empty() && o.cpu != "generic" && o.cpu != "native" &&
      llvm::ARM::parseArchProfile(llvm::ARM::getArchName(
          llvm::ARM::parseCPUArch(o.cpu))) != llvm::ARM::ProfileKind::M)
    return "-mcpu='" + o.cpu + "' is not a Cortex-M CPU (target " + t.str() +
           ")";
  return "";
}

} // namespace

std::string qcc::normalizeTargetTriple(StringRef t) {
  if (t == "x86_64" || t == "x86-64" || t == "amd64")
    return "x86_64-unknown-linux-gnu";
  if (t == "aarch64" || t == "arm64")
    return "aarch64-unknown-linux-gnu";
  if (t == "native" || t == "host")
    return llvm::sys::getDefaultTargetTriple();
  llvm::Triple tr(llvm::Triple::normalize(t));
  if (tr.getArch() == llvm::Triple::UnknownArch)
    return "";
  return tr.str();
}

LogicalResult qcc::emitCode(ModuleOp module, const ModelInfo &info,
                            const CodegenOptions &opts, EmitKind kind,
                            llvm::raw_pwrite_stream &os, std::string &error,
                            MemoryFigures *figures) {
  static bool initialized = [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    llvm::InitializeAllAsmParsers();
    return true;
  }();
  (void)initialized;

  std::string tripleStr = normalizeTargetTriple(opts.target);
  if (tripleStr.empty()) {
    error = "unknown target '" + opts.target +
            "' (use x86_64, aarch64 or a full triple such as "
            "aarch64-linux-gnu or thumbv7em-none-eabi)";
    return failure();
  }
  llvm::Triple triple(tripleStr);
  if (std::string why = checkCortexM(triple, opts); !why.empty()) {
    error = why;
    return failure();
  }
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    error = "target '" + opts.target + "': " + lookupError;
    return failure();
  }
  std::string cpu = opts.cpu, features = opts.features;
  if (cpu == "native") {
    llvm::Triple host(llvm::sys::getDefaultTargetTriple());
    if (host.getArch() != triple.getArch()) {
      error = "-mcpu=native needs a target of the host's architecture (" +
              host.getArchName().str() + ")";
      return failure();
    }
    cpu = llvm::sys::getHostCPUName().str();
    std::string hostFeatures;
    for (auto &f : llvm::sys::getHostCPUFeatures())
      hostFeatures += (hostFeatures.empty() ? "" : ",") +
                      std::string(f.second ? "+" : "-") + f.first().str();
    features = features.empty() ? hostFeatures : hostFeatures + "," + features;
  }
  // LLVM only warns about an unknown CPU or feature and ignores it; qcc
  // makes both errors so a typo never silently yields generic code.
  {
    std::unique_ptr<llvm::MCSubtargetInfo> sti(
        target->createMCSubtargetInfo(triple, "", ""));
    if (!cpu.empty() && cpu != "generic" && !sti->isCPUStringValid(cpu)) {
      error = "-mcpu='" + cpu + "' is not a CPU of target " + tripleStr;
      return failure();
    }
    SmallVector<StringRef> feats;
    StringRef(features).split(feats, ',', -1, /*KeepEmpty=*/false);
    for (StringRef f : feats) {
      StringRef name = f.drop_front(1);
      bool known = llvm::any_of(sti->getAllProcessorFeatures(),
                                [&](const llvm::SubtargetFeatureKV &kv) {
                                  return name == kv.Key;
                                });
      if ((!f.starts_with("+") && !f.starts_with("-")) || !known) {
        error = "-mattr: '" + f.str() + "' is not a feature of target " +
                tripleStr + " (write +name or -name)";
        return failure();
      }
    }
  }
  auto optLevel = opts.optLevel <= 0   ? llvm::CodeGenOptLevel::None
                  : opts.optLevel == 1 ? llvm::CodeGenOptLevel::Less
                  : opts.optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                       : llvm::CodeGenOptLevel::Aggressive;
  llvm::TargetOptions to;
  // Bare metal (Cortex-M): absolute addresses, no GOT; the float ABI is
  // soft unless -mfloat-abi=hard (or an eabihf triple).
  bool bareMetal = triple.getOS() == llvm::Triple::UnknownOS;
  if (opts.floatABI == "hard" ||
      (opts.floatABI.empty() &&
       triple.getEnvironment() == llvm::Triple::EABIHF))
    to.FloatABIType = llvm::FloatABI::Hard;
  else if (triple.isThumb())
    to.FloatABIType = llvm::FloatABI::Soft;
  // --report: the code generator writes each function's frame size here.
  SmallString<128> framesFile;
  if (figures && kind == EmitKind::Object) {
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
            "qcc-frames", "su", framesFile)) {
      error = "cannot create a temporary file: " + ec.message();
      return failure();
    }
    to.StackUsageOutput = std::string(framesFile);
  }
  llvm::scope_exit removeFrames([&] {
    if (!framesFile.empty())
      llvm::sys::fs::remove(framesFile);
  });
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, cpu, features, to,
      bareMetal ? llvm::Reloc::Static : llvm::Reloc::PIC_, std::nullopt,
      optLevel));
  if (!tm) {
    error = "cannot create a target machine for '" + tripleStr + "'";
    return failure();
  }

  llvm::LLVMContext llvmCtx;
  std::unique_ptr<llvm::Module> m =
      translateModuleToLLVMIR(module.getOperation(), llvmCtx, info.name);
  if (!m) {
    error = "translation to LLVM IR failed";
    return failure();
  }
  m->setTargetTriple(triple);
  m->setDataLayout(tm->createDataLayout());

  llvm::Function *forward = m->getFunction("forward");
  if (!forward) {
    error = "the lowered module has no function 'forward'";
    return failure();
  }
  // Only NAME_run is exported: everything else is internal, so several
  // models link into one program.
  forward->setName(info.name + "_forward");
  // Generated code never throws: nounwind, so that no object (-O0
  // included) refers to the Arm EHABI personality routines.
  for (llvm::Function &f : *m)
    if (!f.isDeclaration()) {
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
      f.setDoesNotThrow();
    }
  for (llvm::GlobalVariable &gv : m->globals())
    if (!gv.isDeclaration()) {
      gv.setLinkage(llvm::GlobalValue::InternalLinkage);
      // The model's constants are its weights (and tables): all of them go
      // to --weights-section.
      if (!opts.weightsSection.empty() && gv.isConstant())
        gv.setSection(opts.weightsSection);
    }
  // Arena, inputs and outputs never overlap (ABI contract).
  for (llvm::Argument &a : forward->args())
    if (a.getType()->isPointerTy())
      a.addAttr(llvm::Attribute::NoAlias);
  // A plain x86-64 object carries an x86-64-v3 version picked by CPUID.
  if (opts.cpu.empty() && opts.features.empty())
    forward = qcc::addIsaVersions(*m, forward, *tm);
  addEntryPoint(*m, forward, info);
  if (llvm::Error e = qcc::linkRuntime(*m, *tm)) {
    error = llvm::toString(std::move(e));
    return failure();
  }
  // NAME_run passes no float: a soft-float object links into firmware of
  // either float ABI, so it says so (Tag_ABI_VFP_args 3, "compatible with
  // the base and the VFP variant"). LLVM writes the tag only for hard float.
  if (triple.isThumb() && to.FloatABIType == llvm::FloatABI::Soft)
    m->appendModuleInlineAsm(".eabi_attribute 28, 3");
  if (llvm::verifyModule(*m, &llvm::errs())) {
    error = "internal error: generated LLVM IR does not verify";
    return failure();
  }

  // Optimize.
  {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PipelineTuningOptions pto;
    llvm::PassBuilder pb(tm.get(), pto);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::ModulePassManager mpm;
    if (opts.optLevel <= 0)
      mpm = pb.buildO0DefaultPipeline(llvm::OptimizationLevel::O0);
    else
      mpm = pb.buildPerModuleDefaultPipeline(
          opts.optLevel == 1   ? llvm::OptimizationLevel::O1
          : opts.optLevel == 2 ? llvm::OptimizationLevel::O2
                               : llvm::OptimizationLevel::O3);
    mpm.run(*m, mam);
  }
  qcc::fenceMveFixedPointConversions(*m, *tm);

  if (kind == EmitKind::LLVMIR) {
    m->print(os, nullptr);
    return success();
  }
  {
    // The AsmPrinter writes the frame sizes when the pass manager ends.
    llvm::legacy::PassManager pm;
    if (tm->addPassesToEmitFile(pm, os, nullptr,
                                kind == EmitKind::Object
                                    ? llvm::CodeGenFileType::ObjectFile
                                    : llvm::CodeGenFileType::AssemblyFile)) {
      error = "the target cannot emit this file type";
      return failure();
    }
    pm.run(*m);
  }
  if (!framesFile.empty()) {
    auto frames = llvm::MemoryBuffer::getFile(framesFile);
    if (!frames) {
      figures->stackProblem = "the code generator wrote no frame sizes";
      return success();
    }
    // A call pushes the return address on x86-64; an Arm or AArch64
    // callee saves LR inside its own frame.
    unsigned returnAddress = triple.isX86() ? 8 : 0;
    computeStackBound(*m, (*frames)->getBuffer(), info.name + "_run",
                      returnAddress, *figures);
  }
  return success();
}
