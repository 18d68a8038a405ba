//===- Passes.td - qcc transformation passes ---------------*- tablegen -*-===//
#ifndef QCC_TRANSFORMS_PASSES_TD
#define QCC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def OneShotBufferizePass : Pass<"qcc-one-shot-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization with qcc's ABI conventions";
  let description = [{
    Runs upstream one-shot module bufferization with the options qcc's ABI
    needs: function boundaries bufferized with identity-layout memrefs;
    arguments that carry model inputs are read-only (the ABI passes them as
    `const void *const inputs[]`); copies are `linalg.copy` (lowered to
    loops later, so no runtime `memrefCopy` is needed); no deallocation is
    inserted (the arena planner owns every buffer). Finally, memref results
    become out-params appended to the argument list (the ABI's `outputs[]`);
    a returned static allocation is replaced by its out-param, no copy.

    Before bufferizing, an elementwise linalg op that writes a fresh tensor
    and is the destination of an in-place linalg writer (directly or through
    a reshape only writers use) while something else also uses it (a zero
    fill or bias broadcast that CSE merged for several convolutions) is
    recomputed for each such writer. Bufferization would
    otherwise copy it once per writer; the recomputation costs no more, and
    each writer's buffer then has no other reader (which
    `qcc-conv-microkernel` needs to drop a convolution's accumulator).
  }];
  let dependentDialects = [
    "mlir::bufferization::BufferizationDialect", "mlir::memref::MemRefDialect",
    "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"
  ];
}

def PlanStaticArenaPass : Pass<"qcc-plan-static-arena", "mlir::ModuleOp"> {
  let summary = "Place every intermediate buffer in one static arena";
  let description = [{
    Replaces every `memref.alloc` in a function by a `memref.view` into one
    new leading function argument, the arena (`memref<Nxi8>`). Offsets come
    from a liveness-based planner: a buffer lives from its allocation to
    the last top-level operation that uses it or any view of it; buffers
    sorted by size (largest first) take the lowest 64-byte-aligned offset
    that does not overlap a buffer live at the same time. N, the arena size,
    is stored on the function as `qcc.arena_bytes`.

    Functions with dynamic shapes, `memref.alloca` or buffers that escape
    through a return are rejected with an error.
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every buffer (and of the arena itself)">
  ];
  let dependentDialects = ["mlir::memref::MemRefDialect", "mlir::arith::ArithDialect"];
}

def OutlineKernelsPass : Pass<"qcc-outline-kernels", "mlir::ModuleOp"> {
  let summary = "Outline every linalg op on planned buffers into a kernel function";
  let description = [{
    After arena planning, each top-level `linalg` op of a function (a
    convolution, a requantization, a copy...) moves into a private function
    `<func>_kernel<N>` whose arguments are the op's buffers, and is replaced
    by a call. An argument is marked `llvm.noalias` when its bytes are
    provably disjoint from every other argument of that kernel: different
    model inputs/outputs/constants, or non-overlapping ranges of the arena
    (constant `memref.view` offsets from the planner). That is what lets
    LLVM keep accumulators in registers and vectorize: seen from the model
    function all buffers are views of one arena pointer.

    A loop nest that an earlier pass marked `qcc.kernel` (the register-
    blocked convolution of `qcc-conv-microkernel`) is outlined the same way:
    its buffers are its memref operands and the memrefs its body uses from
    above; constants it uses are cloned into the kernel. A buffer that is a
    static `memref.subview` of a static identity-layout buffer (a producer
    writing the interior of a padded buffer, see `qcc-pad-in-place`) is
    passed whole, and the subview remade inside the kernel. Ops with other
    buffers (dynamic slices, non-identity layouts) stay inline.
  }];
  let dependentDialects = ["mlir::func::FuncDialect", "mlir::LLVM::LLVMDialect"];
}

def PackSubByteWeightsPass : Pass<"qcc-pack-subbyte-weights", "mlir::ModuleOp"> {
  let summary = "Store 1-, 2- and 4-bit constant weights at their width";
  let description = [{
    `convert-qnn-to-linalg` marks each convolution / matmul accumulation
    whose weights are a compile-time constant narrower than 8 bits with
    `qcc.weight_bits` (1, 2 or 4) and `qcc.weight_kind` (`signed`,
    `unsigned` or `bipolar`). This pass replaces that weight operand (an
    `arith.constant` of one value per byte, possibly seen through
    `tensor.expand_shape`) by a byte constant. One weight dim is packed:
    one indexed by a loop that another operand also indexes directly (so
    the loop bounds stay computable), preferring an extent that is a
    multiple of 8 / bits, then the largest (the filters of a convolution,
    the groups of a depthwise one, the columns of a matmul). It becomes
    the innermost dim, and each row of it is stored as bytes holding
    k = 8 / bits values, lowest bits first:

        row[j floordiv k] bits [(j mod k) * bits, (j mod k + 1) * bits)

    The accumulation reads byte `j floordiv k` and unpacks its value
    in registers: a shift left then an arithmetic (signed) or logical
    (unsigned) shift right; a bipolar bit b is the value 1 - 2b. No
    weight is unpacked to memory.

    A filter-innermost convolution that `qcc-conv-microkernel` can take
    (`qcc.conv_params`, filters per group a multiple of 8) is always packed
    along the filters, and its `qcc.conv_params` gains `w_bits` and
    `w_kind` so the microkernel unpacks V filters at a time. Any other
    packed accumulation loses `qcc.conv_params`.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::affine::AffineDialect",
                           "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def XnorPopcountPass : Pass<"qcc-xnor-popcount", "mlir::ModuleOp"> {
  let summary = "Binary x binary accumulations as XNOR-popcount over packed words";
  let description = [{
    `convert-qnn-to-linalg` marks each convolution / matmul accumulation
    whose weights are a bipolar (+-1) compile-time constant with
    `qcc.weight_kind = "bipolar"`, and with `qcc.input_kind = "bipolar"`
    when its input is bipolar too. This pass rewrites such an accumulation
    so that W products cost one XOR, one AND and one popcount.

    The packed dim is the reduction loop that indexes both the input and the
    weights as a plain dim (the input channels of a convolution, K of a
    matmul). Its extent C becomes CW = ceil(C / W) words of W bits, W the
    widest of 64, 32, 16 and 8 that leaves at most C / 16 bits unused (8
    always fits):

    - the weights are packed at compile time: bit b of word w is set when
      weight channel W w + b is -1 (bits past C are 0);
    - the input is packed by an elementwise-reduction `linalg.generic`
      (`qcc.kernel = "pack_bits"`) into two words per position: a sign
      word s (bit set for -1) and a mask word m (bit set for a non-zero
      value). The input's zero padding and the bits past C have m = 0, so
      they contribute nothing;
    - the accumulation adds, per word, the exact sum of the 64 products:
      `popcount(m) - 2 * popcount(m & (s xor w))`.

    The result is bit-identical to the multiply-accumulate it replaces. The
    following requantization (for a bipolar output, the per-channel
    threshold that BatchNormalization and the bias fold into) is not
    touched. The marked accumulation loses `qcc.conv_params`,
    `qcc.weight_bits` and `qcc.weight_kind`, so the sub-byte packer and
    the int8 microkernel leave it alone.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::math::MathDialect",
                           "mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def PackSubByteActivationsPass : Pass<"qcc-pack-subbyte-activations", "mlir::ModuleOp"> {
  let summary = "Store 1-, 2- and 4-bit activations packed in the arena";
  let description = [{
    `convert-qnn-to-linalg` marks each elementwise generic (quantize,
    requantize, add) whose result is narrower than 8 bits and not bipolar
    with `qcc.out_bits` (1, 2 or 4) and `qcc.out_kind` (`signed` or
    `unsigned`). The NCHW result is stored packed along the channels, k =
    8 / bits values per byte, lowest bits first, when every use of it can
    read it so: a `linalg.generic` input (a convolution, pool, add,
    requantization, matmul...) whose channel index is a plain loop dim used
    nowhere else in that operand's map and indexed plainly by another
    operand, possibly through a spatial `tensor.pad` whose value fits a
    field and the groups' `tensor.expand_shape` (channels per group a
    multiple of k). Then:

    - the producer writes [N, C / k, H, W]: its loops become
      n c' h w | j with channel c = c' k + j (j a reduction over a
      constant table of the k shifts), each value or-ed into its byte;
    - the padding repeats the padded value in every field of a byte;
    - the convolution reads byte `c floordiv k` and unpacks value
      `c mod k` in registers (as `qcc-pack-subbyte-weights` does), and a
      microkernel candidate's `qcc.conv_params` gains `x_bits` / `x_kind`.

    Results are unchanged; the activation and its padded copy take k times
    fewer arena bytes. Any other use (a graph output, a concat, a reshape,
    an XNOR-popcount convolution, a convolution whose weights were packed
    along its input channels) keeps the value in 8-bit containers, as does
    a producer that itself reads a packed value. The marks are removed.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect",
                           "mlir::tensor::TensorDialect"];
}

def ConvMicrokernelPass : Pass<"qcc-conv-microkernel", "mlir::ModuleOp"> {
  let summary = "Register-blocked vector kernel for filter-innermost convolutions";
  let description = [{
    Runs on buffers before arena planning. Replaces each bufferized
    convolution accumulation that
    `convert-qnn-to-linalg` emitted in the filter-innermost layout (marked
    `qcc.conv_params`: x [N, G, C/G, Hp, Wp], w [G, C/G, KH, KW, F/G],
    acc [N, G, OH, OW, F/G]) by scf loops over vector registers: a block of
    `pixels` output pixels (a remainder loop takes the last OW % pixels one
    at a time) x V output channels (V = 16, or 8 when F/G is not
    a multiple of 16) is loaded once, accumulated across the whole
    c x kh x kw reduction in loop-carried vector values, and stored once.
    Each reduction step loads one weight vector and broadcasts one input
    value per pixel. With symmetric signed weights (zero point 0) the
    products (|x - zx| <= 255, |w| <= 128) fit in i16 and are multiplied
    there; otherwise in i32. Results are bit-identical to the generic.

    Weights packed by `qcc-pack-subbyte-weights` (`w_bits` = 1, 2 or 4 in
    `qcc.conv_params`) are loaded as V * bits / 8 bytes; each of the
    8 / bits fields is shifted out in registers (signed, unsigned or
    bipolar: 1 - 2 * bit) and `vector.interleave` restores filter order.
    An input packed by `qcc-pack-subbyte-activations` (`x_bits`, `x_kind`)
    is read as byte c / k and its value c mod k shifted out in a register.
    Convolutions whose F/G is not a multiple of 8 are left as they are.

    Fused requantization: when the accumulator is a buffer of its own,
    started by a `linalg.fill` or a broadcast of a [G, F/G] bias and read
    only by one elementwise generic that writes the i8 output (the
    requantization `convert-qnn-to-linalg` emits), the kernel starts its
    registers from the fill value or the bias, stores one output row of
    accumulators (`OW x F/G` i32) to a small scratch buffer, and a copy of
    the requantization over that row writes the row's output channels. The
    full `N x F x OH x OW` i32 accumulator, and the time to write and read
    it back, are gone; the arena holds one row of it. The convolution and
    the bias read move to the requantization's place, so no op in between
    may write x, w or the bias, and the output may not be a view of them.
    The kernel's outer loop is marked
    `qcc.kernel = "conv2d"` for `qcc-outline-kernels`.

    Library kernel (`library-kernels`, on by default): a fused convolution
    with 8-bit input and weights whose weights are a constant global, whose
    weights minus their zero point fit int8, whose F/G is a multiple of 8
    and whose accumulator starts from a constant fill or a bias, is computed
    instead by calls to the runtime's `qcc_uk_conv2d_row_i8`
    (lib/Runtime/ukernel/qcc_ukernel.h), one per output row, each followed
    by the row's requantization. The weights are repacked at compile time
    into the kernel's layout (panels of 8 filters x channel pairs, a new
    global `__qcc_uk_conv_weights`) and the zero points folded into a
    per-filter correction (`__qcc_uk_conv_corr` = fill - zx * sum(w - zw);
    the padding holds zx, so it is the same for every pixel). Buffers are
    passed as their base buffer (`memref.extract_strided_metadata`) plus
    offsets and strides. When the module is linked, qcc binds the call to
    the best variant of the kernel the target's features allow (AVX2 on
    x86-64 with `+avx2`, NEON on AArch64, else the portable one).

    The row's requantization is a call to `qcc_uk_requant_row_i8` when its
    body is the fixed-point form `convert-qnn-to-linalg` writes for a
    32-bit operand (matched op by op; its multipliers, shifts, zero points
    and bounds constants or constant globals indexed by the output
    channel) and every channel is within the kernel's limits (shift <= 44
    for 8-bit outputs; see qcc_ukernel.h): the parameters, with the
    accumulator bounds [amin, amax] outside which the result is lo or hi,
    go to one i32 global `__qcc_uk_requant_params`; otherwise a copy of
    the requantization is emitted per row.
  }];
  let options = [
    Option<"pixels", "pixels", "int64_t", /*default=*/"0",
           "Output pixels per register block; 0 picks, per convolution, the "
           "first of 7, 6, 8, 5, 4 that divides the output width (else 6)">,
    Option<"libraryKernels", "library-kernels", "bool", /*default=*/"true",
           "Call the runtime's qcc_uk_conv2d_row_i8 for the convolutions it "
           "computes; false generates every kernel">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::vector::VectorDialect",
    "mlir::func::FuncDialect",
                           "mlir::arith::ArithDialect", "mlir::memref::MemRefDialect",
    "mlir::linalg::LinalgDialect"];
}

def FuseConvRequantRowsPass : Pass<"qcc-fuse-conv-requant-rows", "mlir::ModuleOp"> {
  let summary = "Requantize the other convolutions one output row at a time";
  let description = [{
    Runs on buffers after `qcc-conv-microkernel`, before arena planning, on
    the convolutions in the group-major layout of `convert-qnn-to-linalg`
    (x [N, G, C/G, Hp, Wp], w [G, F/G, C/G, KH, KW], the accumulator an
    [N, F, OH, OW] i32 buffer seen as [N, G, F/G, OH, OW]; depthwise
    convolutions and those with fewer than 8 filters per group). When the
    accumulator is a buffer of its own, started by a `linalg.fill` or a
    broadcast of an [F] bias and read only by the elementwise
    requantization that writes the i8 output, both become one loop nest
    over (n, g, f, oh): the row's accumulators start at the fill value or
    bias[f] in an OW x i32 scratch buffer, a `linalg.generic` over
    (c, kh, kw | ow) accumulates the row (the convolution's own body, read
    through subviews), and a copy of the requantization over the
    [1, 1, 1, OW] tile writes it. The full accumulator is gone; the loop
    nest is marked `qcc.kernel = "conv2d"` for `qcc-outline-kernels`.
    The convolution and the bias read move to the requantization's place,
    so no op in between may write x, w or the bias, and the output may not
    be a view of them (`test/Transforms/fuse-conv-requant-rows-hazards.mlir`).
    Results are bit-identical: the same integer ops in the same order per
    output value.

    Library kernel (`library-kernels`, on by default): when the body is
    the `acc + (ext(x) - zx) * (ext(w) - zw)` that `convert-qnn-to-linalg`
    emits, x is 8-bit with contiguous rows, the weights are a constant
    global whose values minus zw fit int8, and the accumulator starts from
    a constant fill or the bias, the row is computed by a call to the
    runtime's `qcc_uk_dwconv2d_row_i8` (lib/Runtime/ukernel/qcc_ukernel.h)
    instead of the row generic: the weights minus zw go to a new global
    (`__qcc_uk_dwconv_weights`, same order), and the zero-point correction
    -zx * sum(w - zw) per filter to `__qcc_uk_dwconv_corr`, added to the
    row's start value. Integer sums modulo 2^32 do not depend on their
    order, so results stay bit-identical. When the requantization is also
    the fixed-point form `qcc-conv-microkernel` hands to
    `qcc_uk_requant_row_i8` (same parameters global), the loop nest drops
    the row loop: one call to `qcc_uk_dwconv2d_requant_i8` per (n, g, f)
    computes and requantizes the channel's whole plane.
  }];
  let options = [
    Option<"libraryKernels", "library-kernels", "bool", /*default=*/"true",
           "Call the runtime's qcc_uk_dwconv2d_row_i8 for the rows it "
           "computes; false copies the convolution's body onto every row">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect", "mlir::linalg::LinalgDialect", "mlir::func::FuncDialect"];
}

def PadInPlacePass : Pass<"qcc-pad-in-place", "mlir::ModuleOp"> {
  let summary = "Let producers write straight into the padded tensor their consumer reads";
  let description = [{
    Runs on tensors, right before `eliminate-empty-tensors`. A
    `tensor.pad` with a constant value whose source is the result of a
    destination-style op writing a fresh `tensor.empty` (a requantization,
    a pool...) becomes a `linalg.fill` of the padded shape, made where that
    `tensor.empty` was, and a `tensor.insert_slice` of the source into it.
    `eliminate-empty-tensors` then makes the producer write into the
    interior of the padded buffer: the copy of the unpadded tensor, and
    the unpadded buffer itself, are gone. Pads of graph inputs and of
    values whose destination is shared are left to bufferization (a copy).
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def FuseFloatElementwisePass : Pass<"qcc-fuse-float-elementwise", "mlir::ModuleOp"> {
  let summary = "Fold float add/sub/mul/div chains into the op that reads them";
  let description = [{
    What a model leaves in float before its first quantizer is usually an
    affine normalization, `Sub` mean and `Div` std per channel, each one a
    `linalg.generic` that writes a float32 tensor the next one reads. This
    pass fuses such a generic (`qcc.kernel` `float_add`, `float_sub`,
    `float_mul` or `float_div`) into its only reader when that reader is
    one of those or a `quantize`, of the same shape: the reader's body
    computes the producer's operation first, the same binary32 operations
    in the same order, so the result is the same bits, and the float
    intermediate tensor (4 bytes a value) is never stored (the producer's
    own inputs then stay alive up to the reader). The fused generic keeps
    the reader's `qcc.kernel` and markers. Runs right after
    `convert-qnn-to-linalg`, before `cse` (which could merge equal readers
    and change the use counts the lower bound sees);
    `qcc compile --report`'s arena lower bound counts these tensors as not
    stored (lib/Report/ArenaLowerBound.cpp, isFusedFloatTemporary).
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def SplitEmptyTensorsPass : Pass<"qcc-split-empty-tensors", "mlir::ModuleOp"> {
  let summary = "Give every user of a shared tensor.empty one of its own";
  let description = [{
    CSE merges equal `tensor.empty` ops. Shared, one becomes one buffer that
    all its users write (its contents are undefined, so bufferization sees
    no conflict), alive from the first writer to the last reader of any of
    them, and its users' buffers cannot be told apart (a convolution's
    accumulator then has other writers). This pass, run before
    `eliminate-empty-tensors` and bufferization, clones a shared
    `tensor.empty` right before each user after the first; the arena
    planner reuses memory by liveness instead.
  }];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def ExpandFloatMinMaxPass : Pass<"qcc-expand-float-min-max"> {
  let summary = "Float max/min as compares and selects: no libm call on any target";
  let description = [{
    Rewrites `arith.maxnumf` / `arith.minnumf` (a NaN operand is ignored)
    and `arith.maximumf` / `arith.minimumf` (a NaN operand gives NaN; -0 is
    below +0), scalar or vector, into `arith.cmpf` and `arith.select`.
    LLVM lowers the intrinsics they become to libm calls where the FPU has
    no such instruction: `fmaxf`/`fminf` on Cortex-M4 and M7 (FPv4/FPv5
    have no VMAXNM), `fmaximumf`/`fminimumf` (which newlib lacks) with soft
    float (Cortex-M0+). qcc objects call no libm, and computing the same
    selects on every target keeps the targets' results bit-identical.

    The value is the op's for every input: maxnum(x, y) is y when x < y or
    x is NaN, else x; maximum(x, y) is x when x is NaN, else x > y ? x : y,
    except that equal operands give x & y bit by bit (x | y for minimum),
    which is +0 (-0) for zeros of both signs.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect"];
}

#endif
