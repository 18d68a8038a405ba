"""QONNX models, as Brevitas exports them and FINN reads them.

QONNX keeps a float graph and marks quantization with custom nodes of the
domain "qonnx.custom_op.general" (version 1):

  Quant(x, scale, zeropt, bitwidth)   attrs signed, narrow, rounding_mode
      y = clamp(x / scale + zeropt, min_int, max_int), rounded,
      out = (y - zeropt) * scale
      min_int, max_int: signed [-2^(b-1) (+1 if narrow), 2^(b-1) - 1],
                        unsigned [0, 2^b - 1 (-1 if narrow)]
  BipolarQuant(x, scale)
      out = (x >= 0 ? 1 : -1) * scale
  Trunc(x, scale, zeropt, in_bitwidth, out_bitwidth)   attr rounding_mode
      (version 1, default FLOOR; how Brevitas exports quantized average pooling)
      y = round_half_even(x / scale + zeropt) / 2^(in_bitwidth - out_bitwidth),
      rounded, out = (y - zeropt) * scale

The rounding modes are ROUND (half to even), CEIL, FLOOR, UP (away from
zero), DOWN (toward zero), HALF_UP (half away from zero) and HALF_DOWN (half
toward zero); lower case is accepted.

Every semantics is written once, as a composition of standard ONNX float
operators (the *_ops functions, given an `ops` object).  NUMPY evaluates them
with numpy float32 (the builder's values); expand_to_standard_onnx() emits
them as ONNX nodes, which gives the model ONNX Runtime runs as the oracle
(the float fake-quantized equivalent).  Both therefore compute bit for bit
the same thing.

The expansion follows the documented formulas; in particular a 1-bit
signed Quant is not turned into a bipolar one (qonnx's own implementation
does that; exporters write BipolarQuant instead).

QonnxBuilder builds such models: float initializers as weights behind Quant
(or BipolarQuant), a float bias that is an exact multiple of
input_scale * weight_scale, and activation Quant nodes calibrated on the
builder's samples.
"""
import collections

import numpy as np
from onnx import ModelProto, helper, numpy_helper

from .builder import ModelBuilder, calibrate, quantize_bias

QONNX_DOMAIN = "qonnx.custom_op.general"
ROUNDING_MODES = ("ROUND", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "HALF_DOWN")

# The quantization grid of a tensor: scale (scalar, or per channel for
# weights) and zero point.
QuantInfo = collections.namedtuple("QuantInfo", "scale zeropt")


def _f32(v):
    return np.asarray(v, np.float32)


def int_range(bits, signed, narrow):
    """(min_int, max_int) of a Quant as float32 arrays shaped like bits."""
    bits = np.asarray(bits, np.float64)
    if signed:
        lo = -(2.0 ** (bits - 1)) + (1.0 if narrow else 0.0)
        hi = 2.0 ** (bits - 1) - 1.0
    else:
        lo = np.zeros_like(bits)
        hi = 2.0 ** bits - (2.0 if narrow else 1.0)
    return _f32(lo), _f32(hi)


def rounding_mode(mode):
    """The canonical (upper case) name of a rounding mode; ValueError if unknown."""
    if isinstance(mode, bytes):
        mode = mode.decode()
    if mode.upper() not in ROUNDING_MODES:
        raise ValueError("unknown QONNX rounding_mode %r" % mode)
    return mode.upper()


# --------------------------------------------------------------------------
# The semantics, as standard ONNX float operators
# --------------------------------------------------------------------------

def round_ops(ops, y, mode):
    """y rounded to an integer by a QONNX rounding mode.  HALF_UP/HALF_DOWN
    compare the fraction |y| - floor|y| with 0.5 (both exact in float32),
    rather than floor(|y| + 0.5), which rounds 0.49999997 to 1."""
    mode = rounding_mode(mode)
    if mode == "ROUND":
        return ops.Round(y)
    if mode == "CEIL":
        return ops.Ceil(y)
    if mode == "FLOOR":
        return ops.Floor(y)
    mag = ops.Abs(y)
    if mode == "UP":
        r = ops.Ceil(mag)
    elif mode == "DOWN":
        r = ops.Floor(mag)
    else:
        low = ops.Floor(mag)
        frac = ops.Sub(mag, low)
        up = (ops.GreaterOrEqual if mode == "HALF_UP" else ops.Greater)(frac, _f32(0.5))
        r = ops.Where(up, ops.Ceil(mag), low)
    return ops.Mul(ops.Sign(y), r)


def quant_ops(ops, x, scale, zeropt, lo, hi, mode):
    """Quant with the integer range [lo, hi] (see int_range)."""
    y = ops.Add(ops.Div(x, scale), zeropt)
    y = ops.Max(ops.Min(y, hi), lo)
    y = round_ops(ops, y, mode)
    return ops.Mul(ops.Sub(y, zeropt), scale)


def bipolar_quant_ops(ops, x, scale):
    sign = ops.Where(ops.GreaterOrEqual(x, _f32(0.0)), _f32(1.0), _f32(-1.0))
    return ops.Mul(sign, scale)


def trunc_ops(ops, x, scale, zeropt, shift, mode):
    """Trunc (version 1) with shift = 2^(in_bitwidth - out_bitwidth)."""
    y = ops.Round(ops.Add(ops.Div(x, scale), zeropt))
    y = round_ops(ops, ops.Div(y, shift), mode)
    return ops.Mul(ops.Sub(y, zeropt), scale)


class _NumpyOps(object):
    """The ONNX operators of the *_ops functions on numpy float32 arrays."""
    Add = staticmethod(np.add)
    Sub = staticmethod(np.subtract)
    Mul = staticmethod(np.multiply)
    Div = staticmethod(np.divide)
    Max = staticmethod(np.maximum)
    Min = staticmethod(np.minimum)
    Abs = staticmethod(np.abs)
    Sign = staticmethod(np.sign)
    Floor = staticmethod(np.floor)
    Ceil = staticmethod(np.ceil)
    Round = staticmethod(np.rint)      # half to even, like ONNX Round
    Where = staticmethod(np.where)
    Greater = staticmethod(np.greater)
    GreaterOrEqual = staticmethod(np.greater_equal)


NUMPY = _NumpyOps()


class _GraphOps(object):
    """The ONNX operators of the *_ops functions, emitted as nodes into
    `nodes`; numpy constants become initializers.  Tensor names start with
    `prefix`."""

    def __init__(self, prefix, nodes, initializers):
        self.prefix = prefix
        self.nodes = nodes
        self.initializers = initializers
        self.count = 0

    def _name(self, what):
        self.count += 1
        return "%s_%s%d" % (self.prefix, what, self.count)

    def _input(self, v):
        if isinstance(v, str):
            return v
        name = self._name("const")
        self.initializers.append(numpy_helper.from_array(np.asarray(v), name))
        return name

    def __getattr__(self, op):
        if not hasattr(_NumpyOps, op):
            raise AttributeError(op)

        def emit(*inputs):
            out = self._name(op.lower())
            self.nodes.append(helper.make_node(op, [self._input(i) for i in inputs],
                                               [out], name=out))
            return out
        return emit


# --------------------------------------------------------------------------
# QONNX -> standard ONNX
# --------------------------------------------------------------------------

def _attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def _expand_node(node, ops, constant):
    """Emits the float ops of one QONNX node; returns their output."""
    x = node.input[0]
    if node.op_type == "Quant":
        lo, hi = int_range(constant(node.input[3]), _attr(node, "signed", 1),
                           _attr(node, "narrow", 0))
        return quant_ops(ops, x, node.input[1], node.input[2], lo, hi,
                         _attr(node, "rounding_mode", "ROUND"))
    if node.op_type == "BipolarQuant":
        return bipolar_quant_ops(ops, x, node.input[1])
    if node.op_type == "Trunc":
        shift = _f32(2.0 ** (constant(node.input[3]).astype(np.float64)
                             - constant(node.input[4])))
        return trunc_ops(ops, x, node.input[1], node.input[2], shift,
                         _attr(node, "rounding_mode", "FLOOR"))
    raise ValueError("node %s: QONNX op %s has no expansion" % (node.name, node.op_type))


def expand_to_standard_onnx(model):
    """A copy of model where every Quant, BipolarQuant and Trunc node is
    replaced by standard ONNX float operators computing its semantics in
    float32 (Div, Add, Min/Max, rounding, Sub, Mul).  Their bit widths must
    be initializers (min_int/max_int and the Trunc shift become constants);
    scales and zero points may be any tensor."""
    out = ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    inits = {t.name: numpy_helper.to_array(t) for t in graph.initializer}

    def constant(name):
        if name not in inits:
            raise ValueError("QONNX bit width %r is not an initializer" % name)
        return inits[name]

    nodes, new_inits = [], []
    for node in graph.node:
        if node.domain != QONNX_DOMAIN:
            nodes.append(node)
            continue
        ops = _GraphOps(node.name or node.output[0], nodes, new_inits)
        result = _expand_node(node, ops, constant)
        assert nodes[-1].output[0] == result
        nodes[-1].output[0] = node.output[0]
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(new_inits)
    used = {i for n in graph.node for i in n.input}
    used.update(o.name for o in graph.output)
    kept = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    opsets = [o for o in out.opset_import if o.domain != QONNX_DOMAIN]
    del out.opset_import[:]
    out.opset_import.extend(opsets)
    return out


# --------------------------------------------------------------------------
# Builder
# --------------------------------------------------------------------------

def _channel_shape(ndim, axis, n):
    shape = [1] * ndim
    shape[axis] = n
    return shape


def _channel_groups(bits, form, channels):
    """[(channel slice, bits), ...]: bits is one width for all channels
    (form None) or groups [(number of channels, bits), ...] (with a form)."""
    if np.isscalar(bits) != (form is None):
        raise ValueError("per-channel widths need a form, one width none")
    if form is None:
        return [(slice(0, channels), bits)]
    groups, start = [], 0
    for n, b in bits:
        groups.append((slice(start, start + n), b))
        start += n
    if start != channels:
        raise ValueError("widths for %d channels, the tensor has %d" % (start, channels))
    return groups


def _per_channel_bits(groups):
    return np.concatenate([np.full(sl.stop - sl.start, b, np.float64) for sl, b in groups])


class QonnxBuilder(ModelBuilder):
    """ModelBuilder for QONNX graphs: float ops with Quant, BipolarQuant and
    Trunc nodes.  Per-channel bit widths (`bits` given as groups
    [(channels, bits), ...] along the channel axis) are written in one of
    the forms exporters use:
      "tensor": one Quant whose bitwidth input is a tensor broadcast along
                the channel axis (form (a));
      "split" / "slice": Split (or one Slice a group) -> a Quant per group ->
                Concat (form (b)).
    Activation scales are calibrated on the builder's samples at the given
    percentile of the range, then moved by a random factor in [0.99, 1.01]:
    like a scale learned by quantization-aware training, the Quant clamps
    the rarest large values, and the scale is no simple fraction of the
    values (a range calibrated on discrete data, e.g. the average of
    binary values, would put exact rounding ties on the grid, which ONNX
    Runtime's float arithmetic resolves at random)."""

    def __init__(self, name, opset, seed, num_calib=8, batched=True, percentile=99.5,
                 pow2_scales=False):
        """pow2_scales: every calibrated scale is rounded to a power of two
        (Brevitas' and FINN's power-of-two scaling). Then ONNX Runtime's
        float arithmetic on quantized values is exact wherever the integer
        arithmetic is (sums of small integers times powers of two; a
        division by a window size correctly rounded), so its results are
        exact to the last bit, rounding ties and exact integers included,
        and a test can require 0 LSB."""
        super().__init__(name, opset, seed, num_calib, batched, pow2_scales)
        self.percentile = percentile

    # -- the custom ops --------------------------------------------------------
    def quant(self, x, scale, zeropt, bits, signed, narrow=False, rounding="ROUND"):
        """Quant(x, scale, zeropt, bits) (arrays broadcasting against x)."""
        scale, zeropt, bits = _f32(scale), _f32(zeropt), _f32(bits)
        lo, hi = int_range(bits, signed, narrow)
        v = quant_ops(NUMPY, self.values[x], scale, zeropt, lo, hi, rounding)
        params = [self.const(x + "_scale", scale), self.const(x + "_zeropt", zeropt),
                  self.const(x + "_bitwidth", bits)]
        out = self.node("Quant", [x] + params, v, base="quant", domain=QONNX_DOMAIN,
                        signed=int(signed), narrow=int(narrow), rounding_mode=rounding)
        self.qparams[out] = QuantInfo(scale, zeropt)
        return out

    def bipolar_quant(self, x, scale):
        scale = _f32(scale)
        v = bipolar_quant_ops(NUMPY, self.values[x], scale)
        sn = self.const(x + "_scale", scale)
        out = self.node("BipolarQuant", [x, sn], v, base="bipolar_quant", domain=QONNX_DOMAIN)
        self.qparams[out] = QuantInfo(scale, _f32(0))
        return out

    def trunc(self, x, scale, zeropt, in_bits, out_bits, rounding="FLOOR"):
        """Trunc (version 1) of x from in_bits to out_bits; the output keeps
        scale and zeropt."""
        scale, zeropt = _f32(scale), _f32(zeropt)
        shift = _f32(2.0 ** (in_bits - out_bits))
        v = trunc_ops(NUMPY, self.values[x], scale, zeropt, shift, rounding)
        params = [self.const(x + "_scale", scale), self.const(x + "_zeropt", zeropt),
                  self.const(x + "_in_bitwidth", _f32(in_bits)),
                  self.const(x + "_out_bitwidth", _f32(out_bits))]
        out = self.node("Trunc", [x] + params, v, domain=QONNX_DOMAIN, rounding_mode=rounding)
        self.qparams[out] = QuantInfo(scale, zeropt)
        return out

    def qparams_of(self, x):
        if x not in self.qparams:
            raise ValueError("%s is not a quantized tensor" % x)
        return self.qparams[x]

    # -- per-channel widths ------------------------------------------------------
    def _quant_channels(self, x, scale, zeropt, groups, axis, form, signed, narrow=False,
                       rounding="ROUND"):
        """Quant of x with per-channel widths: groups from _channel_groups
        along axis, written in `form`; scale a scalar or a vector along axis."""
        scale, zeropt = _f32(scale), _f32(zeropt)
        shape = _channel_shape(self.values[x].ndim, axis, -1)

        def quant_group(t, sl, bits):
            return self.quant(t, scale if scale.ndim == 0 else scale[sl].reshape(shape), zeropt,
                              bits, signed, narrow, rounding)

        if form is None:
            out = quant_group(x, slice(None), groups[0][1])
        elif form == "tensor":
            out = quant_group(x, slice(None), _per_channel_bits(groups).reshape(shape))
        else:
            out = self.concat([quant_group(part, sl, bits) for part, (sl, bits)
                               in zip(self._slices(x, groups, axis, form), groups)], axis)
        self.qparams[out] = QuantInfo(scale, zeropt)
        return out

    def _slices(self, x, groups, axis, form):
        """The channel groups of x: one Split ("split") or a Slice each ("slice")."""
        if form == "slice":
            return [self.slice(x, sl.start, sl.stop, axis) for sl, _ in groups]
        if form != "split":
            raise ValueError("per-channel widths: unknown form %r" % form)
        parts = [self.fresh(x + "_split") for _ in groups]
        sn = self.const("split", np.array([sl.stop - sl.start for sl, _ in groups], np.int64))
        self.nodes.append(helper.make_node("Split", [x, sn], parts, name=parts[0] + "_node",
                                           axis=axis))
        for p, v in zip(parts, np.split(self.values[x], [sl.stop for sl, _ in groups[:-1]],
                                        axis=axis)):
            self.values[p] = v
        return parts

    def slice(self, x, start, end, axis):
        """Slice(x, [start], [end], [axis])."""
        ins = [self.const("slice_" + n, np.array([a], np.int64))
               for n, a in (("starts", start), ("ends", end), ("axes", axis))]
        idx = [slice(None)] * self.values[x].ndim
        idx[axis] = slice(start, end)
        return self.node("Slice", [x] + ins, self.values[x][tuple(idx)])

    # -- weights ---------------------------------------------------------------
    def quant_weight(self, base, w, bits, narrow=True, rounding="ROUND", axis=0, form=None,
                     per_tensor=False, signed=True, zeropt=0.0):
        """float initializer w -> Quant (signed, symmetric scale max|w| /
        max_int per channel along axis, or per tensor: a scalar) -> float
        weight.  bits: an int or groups [(channels, bits), ...] written in
        `form`.  signed=False / a zeropt (a scalar or a vector along axis)
        keep that scale and shift the grid (values outside it saturate).
        Returns (weight tensor, scale: vector along axis or scalar)."""
        w = _f32(w)
        groups = _channel_groups(bits, form, w.shape[axis])
        red = None if per_tensor else tuple(i for i in range(w.ndim) if i != axis)
        amax = np.maximum(np.max(np.abs(w), axis=red), 1e-8)
        if per_tensor:
            assert form is None, "a per-tensor scale has one width"
        hi = int_range(bits if per_tensor else _per_channel_bits(groups), True, narrow)[1]
        hi = _f32(np.where(hi == 0, _f32(1.0), hi))   # a 1-bit signed range [-1, 0]
        scale = self._scale(_f32(amax / hi))
        out = self._quant_channels(self.const(base, w), scale, zeropt, groups, axis, form,
                                  signed, narrow, rounding)
        return out, scale

    def bipolar_weight(self, base, w):
        """float initializer w -> BipolarQuant with a power-of-two scale near
        mean|w| (power-of-two scales keep the float products exact).
        Returns (weight tensor, scale)."""
        w = _f32(w)
        scale = _f32(2.0 ** np.round(np.log2(np.mean(np.abs(w)))))
        return self.bipolar_quant(self.const(base, w), scale), scale

    def float_bias(self, base, b, x_scale, w_scale):
        """float initializer holding int32 * (x_scale * w_scale), computed in
        float32, so that it is an exact multiple of the accumulator scale."""
        q, bscale = quantize_bias(b, x_scale, w_scale)
        return self.const(base, (q.astype(np.float32) * bscale).astype(np.float32))

    # -- activations -------------------------------------------------------------
    def quant_act(self, x, bits, signed=False, narrow=False, rounding="ROUND",
                  asymmetric=False, form=None, scale=None, zeropt=None):
        """Activation Quant of x, calibrated MinMax style on the builder's
        samples (range: the percentile of x, or of |x| if signed): zero
        point 0 and scale = max over the channel groups of (range of the
        group / max_int of its width); asymmetric: scale and integer zero
        point spanning the [100-p, p] percentiles.
        bits: an int or groups [(channels, bits), ...] along axis 1.
        scale / zeropt given: those, no calibration."""
        v = self.values[x]
        groups = _channel_groups(bits, form, v.shape[1])
        if scale is not None:
            return self._quant_channels(x, scale, 0.0 if zeropt is None else zeropt, groups,
                                        1, form, signed, narrow, rounding)
        if asymmetric:
            assert form is None, "asymmetric activations have one width"
            lo, hi = int_range(bits, signed, narrow)
            scale, zeropt = calibrate(v, None, (int(lo), int(hi)), self.percentile)
        else:
            zeropt = 0.0
            scale = max(max(np.percentile(np.abs(v[:, sl]) if signed else v[:, sl],
                                          self.percentile) / int_range(b, signed, narrow)[1]
                            for sl, b in groups), 1e-8)
        scale *= self.rng.uniform(0.99, 1.01)
        scale = self._scale(scale)
        return self._quant_channels(x, scale, zeropt, groups, 1, form, signed, narrow, rounding)

    def bipolar_act(self, x, scale=1.0):
        """BipolarQuant of an activation.  Fails if a value of the test
        sample is so close to 0 that float rounding (BatchNormalization
        folded into the convolution by a runtime) could flip its sign."""
        v0 = np.abs(self.values[x][:1])
        if np.min(v0) <= 1e-5 * np.max(v0):
            raise ValueError("%s: a value is within float rounding of the sign "
                             "threshold; choose another seed" % x)
        return self.bipolar_quant(x, scale)

    # -- layers ----------------------------------------------------------------
    def conv(self, x, weight, b=None, strides=1, pads=0, group=1, bn=None, act=None,
             base="conv"):
        """Conv of the quantized x with weight = (tensor, per-channel scale)
        from quant_weight / bipolar_weight and a float bias from b (a
        multiple of x's scale * the weight scale) [-> BN] [-> act]."""
        w, wscale = weight
        bias = None
        if b is not None:
            bias = self.float_bias(base + "_b", b, self.qparams_of(x).scale, wscale)
        return self.float_conv(x, w, bias, strides, pads, group, bn, act, base)

    def gemm(self, x, weight, b, base="gemm"):
        """Gemm(transB=1) with weight = (tensor [N, K], scale) and a float bias."""
        w, wscale = weight
        return self.float_gemm(x, w, self.float_bias(base + "_b", b, self.qparams_of(x).scale,
                                                     wscale), base)

    def matmul(self, x, weight, b, base="matmul"):
        """MatMul with weight = (tensor [K, N], scale) -> Add(float bias)."""
        w, wscale = weight
        return self.float_matmul(x, w, self.float_bias(base + "_b", b,
                                                       self.qparams_of(x).scale, wscale))

    def _keep_quant(self, x, out):
        """out holds values of x's quantization grid (pooling, flattening)."""
        self.qparams[out] = self.qparams_of(x)
        return out

    def maxpool(self, x, k, s, pads=None, ceil_mode=0):
        return self._keep_quant(x, super().maxpool(x, k, s, pads, ceil_mode))

    def flatten(self, x, axis=1):
        return self._keep_quant(x, super().flatten(x, axis))

    def trunc_avgpool(self, x, bits, k=None, s=None):
        """Brevitas' quantized average pooling of a `bits`-bit x:
        AveragePool(k, s) (k None: GlobalAveragePool) -> Mul(window size),
        the sum of each window -> Trunc (FLOOR) from the accumulator width
        bits + ceil(log2(window)) back to bits, on x's scale."""
        if k is None:
            window = self.values[x].shape[2] * self.values[x].shape[3]
            y = self.global_avgpool(x)
        else:
            window = k * k
            y = self.avgpool(x, k, s)
        mn = self.const("avg_scaling", _f32(window))
        y = self.node("Mul", [y, mn], (self.values[y] * self.values[mn]).astype(np.float32))
        qi = self.qparams_of(x)
        return self.trunc(y, qi.scale, qi.zeropt, bits + int(np.ceil(np.log2(window))), bits)

    # -- model -------------------------------------------------------------------
    def make_model(self):
        model = super().make_model()
        if any(n.domain == QONNX_DOMAIN for n in model.graph.node):
            model.opset_import.append(helper.make_opsetid(QONNX_DOMAIN, 1))
        return model

    def oracle_model(self, model):
        return expand_to_standard_onnx(model)

