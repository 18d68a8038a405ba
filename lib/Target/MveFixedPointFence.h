//===- MveFixedPointFence.h - keep LLVM off MVE fixed-point VCVT -*- C++ -*-===//
//
// LLVM 22 folds a vector int-to-float conversion followed by a multiply by
// a power of two, fmul(sitofp(x), 2^-n), and a multiply by a power of two
// followed by a float-to-int conversion, fptosi(fmul(x, 2^n)), into MVE's
// fixed-point VCVT (Cortex-M55's Helium). Inside a loop the fraction-bits
// immediate is then hoisted into a register, and the object encodes a wrong
// immediate: `vcvt.f32.s32 q0, q0, r12` in the assembly becomes
// `vcvt.f32.s32 q0, q0, #22` in the object, so every value is scaled by a
// wrong power of two. qcc dequantizes codes with power-of-two scales in
// exactly this form (found by e2e binary_wide on Cortex-M55; reproduced
// with plain llc on a 10-line loop).
//
//===----------------------------------------------------------------------===//
#ifndef QCC_LIB_TARGET_MVEFIXEDPOINTFENCE_H
#define QCC_LIB_TARGET_MVEFIXEDPOINTFENCE_H

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace qcc {
/// When `tm` has MVE floating point, puts an llvm.arithmetic.fence (which
/// emits no instruction) between every vector int-to-float conversion and
/// the fmul that uses it, and between every vector fmul and the
/// float-to-int conversion that uses it, so that instruction selection
/// keeps the plain VCVT and VMUL. Run after the optimization pipeline.
/// Returns the number of fences added.
unsigned fenceMveFixedPointConversions(llvm::Module &m,
                                       const llvm::TargetMachine &tm);
} // namespace qcc

#endif // QCC_LIB_TARGET_MVEFIXEDPOINTFENCE_H
