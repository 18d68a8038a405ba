//===- IsaVersions.h - ISA versions of a model picked by CPUID -*- C++ -*-===//
//
// An object compiled for a plain x86-64 target (no -mcpu, no -mattr) carries
// two versions of the model: the baseline one, and a copy of every function
// compiled for x86-64-v3 (AVX2, FMA, BMI2, ...) that calls the AVX2
// variants of the runtime's microkernels. NAME_run asks the CPU (CPUID and
// XGETBV, on every call: no global state) which one it can run.
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_TARGET_ISAVERSIONS_H
#define QCC_LIB_TARGET_ISAVERSIONS_H

namespace llvm {
class Function;
class Module;
class TargetMachine;
} // namespace llvm

namespace qcc {
/// When `tm` is a baseline x86-64 machine (no AVX2), adds to `m` an
/// x86-64-v3 copy of every function defined in it (target-cpu x86-64-v3,
/// calls between them redirected to the copies; linkRuntime then binds the
/// copies' microkernel calls to the AVX2 variants), and returns a new
/// internal function with `forward`'s signature that calls the copy of
/// `forward` when `qcc_rt_x86_has_v3()` says the CPU runs it, else
/// `forward`. Returns
/// `forward` itself when there is nothing to choose.
llvm::Function *addIsaVersions(llvm::Module &m, llvm::Function *forward,
                               const llvm::TargetMachine &tm);
} // namespace qcc

#endif
