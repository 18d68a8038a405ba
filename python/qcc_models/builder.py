"""Helpers to build quantized (QDQ / QOperator) ONNX models with onnx.helper.

A ModelBuilder emits ONNX nodes and, at the same time, evaluates every tensor
with numpy on a small batch of samples (batch dim 0: sample 0 is the test
input written to input<i>.bin, the others are extra calibration samples).
Activation quantization parameters are calibrated MinMax-style from those
values when a QuantizeLinear is emitted, like ONNX Runtime's static
quantization tool does.  The values flowing after a Q->DQ pair are the
fake-quantized ones, so the numpy value of the graph output is a rough
reference of what a runtime should produce.
"""
import collections
import json
import os

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from . import ref

NP_TO_ONNX = {
    np.dtype(np.float32): TensorProto.FLOAT,
    np.dtype(np.float16): TensorProto.FLOAT16,
    np.dtype(np.uint8): TensorProto.UINT8,
    np.dtype(np.int8): TensorProto.INT8,
    np.dtype(np.uint16): TensorProto.UINT16,
    np.dtype(np.int16): TensorProto.INT16,
    np.dtype(np.int32): TensorProto.INT32,
    np.dtype(np.int64): TensorProto.INT64,
}
DTYPE_NAMES = {
    np.dtype(np.float32): "float32",
    np.dtype(np.float16): "float16",
    np.dtype(np.uint8): "uint8",
    np.dtype(np.int8): "int8",
    np.dtype(np.uint16): "uint16",
    np.dtype(np.int16): "int16",
    np.dtype(np.int32): "int32",
    np.dtype(np.int64): "int64",
}


def onnx_type(dtype):
    """TensorProto type of a numpy dtype or of a SubByte type."""
    return dtype.onnx_type if isinstance(dtype, ref.SubByte) else NP_TO_ONNX[np.dtype(dtype)]


def dtype_name(dtype):
    """model.json's name of a numpy dtype or of a SubByte type ("int4")."""
    return dtype.name if isinstance(dtype, ref.SubByte) else DTYPE_NAMES[np.dtype(dtype)]


def edge_bytes(array, dtype):
    """The bytes of a graph input or output file: little-endian values, or,
    for INT4 / UINT4, two values a byte, the first in the low nibble (as
    ONNX stores them and qcc's ABI takes them)."""
    if isinstance(dtype, ref.SubByte):
        return make_tensor("edge", np.asarray(array), dtype).raw_data
    return np.ascontiguousarray(np.asarray(array).astype(dtype.newbyteorder("<"))).tobytes()


# The model ONNX Runtime runs instead of model.onnx when the generator writes
# one (QONNX models: their custom ops expanded to standard ONNX).
ORACLE_FILE = "model_ort.onnx"


def ir_version_for_opset(opset):
    """IR version matching a default-domain opset (as exporters write it)."""
    if opset <= 17:
        return 8
    if opset <= 19:
        return 9
    if opset <= 21:
        return 10
    return 11


# --------------------------------------------------------------------------
# Quantization parameter helpers (pure numpy)
# --------------------------------------------------------------------------

QParams = collections.namedtuple("QParams", "scale zero_point dtype scale_name zp_name")


def _axis_attr(axis):
    """The axis attribute of a per-axis QuantizeLinear / DequantizeLinear."""
    return {} if axis is None else {"axis": axis}


def choose_qparams(rmin, rmax, dtype, qrange=None):
    """Asymmetric MinMax quantization params; the range always includes 0.
    qrange: the integer (min, max) used, default the whole range of dtype."""
    qmin, qmax = qrange or ref.int_limits(dtype)
    rmin = min(float(rmin), 0.0)
    rmax = max(float(rmax), 0.0)
    if rmax - rmin < 1e-6:
        rmax = rmin + 1e-6
    scale = np.float32((rmax - rmin) / float(qmax - qmin))
    zp = int(round(qmin - rmin / float(scale)))
    zp = max(qmin, min(qmax, zp))
    return scale, zp


def calibrate(values, dtype, qrange=None, percentile=100.0):
    """MinMax calibration of an activation tensor (any shape) for dtype (or
    the integer range qrange); with a percentile p below 100 the range is
    the [100-p, p] percentiles instead of [min, max], clipping outliers."""
    return choose_qparams(np.percentile(values, 100.0 - percentile),
                          np.percentile(values, percentile), dtype, qrange)


def quantize_per_channel_symmetric(w, axis=0, dtype=np.int8, qmax=None):
    """Symmetric per-channel weight quantization (zero point 0, [-qmax, qmax];
    qmax defaults to the maximum of dtype, e.g. 127 for int8, 7 for INT4)."""
    w = np.asarray(w, dtype=np.float32)
    if qmax is None:
        qmax = ref.int_limits(dtype)[1]
    red = tuple(i for i in range(w.ndim) if i != axis)
    amax = np.max(np.abs(w), axis=red).astype(np.float64)
    amax = np.maximum(amax, 1e-8)
    scale = (amax / qmax).astype(np.float32)
    shp = [1] * w.ndim
    shp[axis] = -1
    q = np.clip(np.rint(w / scale.reshape(shp)), -qmax, qmax)
    return q.astype(ref.storage_dtype(dtype)), scale


def quantize_per_tensor_symmetric(w, dtype=np.int8):
    w = np.asarray(w, dtype=np.float32)
    amax = max(float(np.max(np.abs(w))), 1e-8)
    scale = np.float32(amax / 127.0)
    q = np.clip(np.rint(w / scale), -127, 127).astype(dtype)
    return q, scale


def quantize_per_tensor_asymmetric(w, dtype=np.uint8):
    w = np.asarray(w, dtype=np.float32)
    scale, zp = calibrate(w, dtype)
    return ref.quantize(w, scale, zp, dtype), scale, zp


def quantize_bias(b, x_scale, w_scale):
    """int32 bias with scale = x_scale * w_scale (float32 product)."""
    bscale = (np.float32(x_scale) * np.asarray(w_scale, dtype=np.float32)).astype(np.float32)
    q = np.rint(np.asarray(b, dtype=np.float64) / bscale.astype(np.float64))
    info = np.iinfo(np.int32)
    return np.clip(q, info.min, info.max).astype(np.int32), bscale


def make_tensor(name, array, dtype=None):
    """TensorProto holding array.  For dtype INT4 / UINT4 the values are
    packed two a byte, the first in the low nibble, into raw_data (onnx's
    helpers before 1.16 do not know these types)."""
    array = np.asarray(array)
    if not isinstance(dtype, ref.SubByte):
        return numpy_helper.from_array(array, name)
    lo, hi = ref.int_limits(dtype)
    if array.size and (array.min() < lo or array.max() > hi):
        raise ValueError("%s: values outside the %s range" % (name, dtype.name))
    nibbles = (array.astype(np.int64).ravel() & 0xF).astype(np.uint8)
    if nibbles.size % 2:
        nibbles = np.append(nibbles, np.uint8(0))
    t = TensorProto()
    t.name = name
    t.data_type = dtype.onnx_type
    t.dims.extend(array.shape)
    t.raw_data = (nibbles[0::2] | (nibbles[1::2] << 4)).tobytes()
    return t


def he_normal(rng, shape, fan_in, gain=1.0):
    return (rng.standard_normal(shape) * (gain * np.sqrt(2.0 / fan_in))).astype(np.float32)


# --------------------------------------------------------------------------
# Graph builder
# --------------------------------------------------------------------------

class ModelBuilder(object):
    def __init__(self, name, opset, seed, num_calib=4, batched=True, pow2_scales=False):
        """pow2_scales: _scale() rounds a scale to a power of two (see
        QonnxBuilder); the generators that want exact float references use it."""
        self.name = name
        self.pow2_scales = pow2_scales
        self.opset = opset
        self.rng = np.random.default_rng(seed)
        self.num_calib = num_calib if batched else 0
        self.batched = batched
        self.nodes = []
        self.initializers = []
        self.values = {}
        self.qparams = {}
        # ONNX Runtime's graph optimization level for the oracle (model.json
        # "ort_opt_level"; None: ORT's default, all).
        self.ort_opt_level = None
        self.exact_outputs = set()
        # A float16 model (float16=True): every QuantizeLinear /
        # DequantizeLinear scale is stored as float16 and float outputs
        # are float16, as a float16 conversion of a QDQ model writes it;
        # the numpy values stay float32 (calibration and reference only).
        self.float16 = False
        self.graph_inputs = []   # (name, dtype, shape)
        self.graph_outputs = []  # (name, dtype, shape, scale)
        self.input_data = []     # test sample of each input
        self._used = set()
        self._count = collections.Counter()

    def _scale(self, s):
        """s, or the power of two nearest to it (in log scale) with pow2_scales."""
        if not self.pow2_scales:
            return s
        return np.asarray(2.0 ** np.round(np.log2(s)), np.float32)

    # -- naming / plumbing ----------------------------------------------------
    def fresh(self, base):
        while True:
            self._count[base] += 1
            n = "%s_%d" % (base, self._count[base])
            if n not in self._used:
                self._used.add(n)
                return n

    def const(self, base, array, unique=True, dtype=None):
        """Initializer holding array (dtype: INT4 / UINT4 for 4-bit data)."""
        name = self.fresh(base) if unique else base
        self._used.add(name)
        array = np.asarray(array)
        self.initializers.append(make_tensor(name, array, dtype))
        self.values[name] = array
        return name

    def node(self, op, inputs, value, base=None, **attrs):
        out = self.fresh(base or op.lower())
        self.nodes.append(helper.make_node(op, list(inputs), [out],
                                           name=out + "_node", **attrs))
        self.values[out] = value
        return out

    def rename(self, old, new):
        if new in self._used:
            raise ValueError("name %s already used" % new)
        self._used.add(new)
        for n in self.nodes:
            for lst in (n.input, n.output):
                for i, t in enumerate(lst):
                    if t == old:
                        lst[i] = new
        self.values[new] = self.values.pop(old)
        if old in self.qparams:
            self.qparams[new] = self.qparams.pop(old)
        return new

    # -- graph I/O ------------------------------------------------------------
    def add_input(self, name, dtype, shape, lo=-1.0, hi=1.0, data=None):
        """Graph input; random data (test sample + calibration samples)
        unless `data` gives it (unbatched builders only)."""
        dtype = dtype if isinstance(dtype, ref.SubByte) else np.dtype(dtype)
        shape = list(shape)
        n = 1 + self.num_calib
        if self.batched:
            assert shape[0] == 1, "batched models need a leading 1 dim"
            dshape = [n] + shape[1:]
        else:
            dshape = shape
        held = ref.storage_dtype(dtype)
        if data is not None:
            assert not self.batched, "explicit input data needs batched=False"
            data = np.asarray(data, held).reshape(dshape)
        elif dtype in (np.float32, np.float16):
            data = self.rng.uniform(lo, hi, size=dshape).astype(dtype)
        else:
            qmin, qmax = ref.int_limits(dtype)
            data = self.rng.integers(qmin, qmax, size=dshape,
                                     endpoint=True).astype(held)
        self._used.add(name)
        self.values[name] = data
        self.graph_inputs.append((name, dtype, shape))
        self.input_data.append(data[:1] if self.batched else data)
        return name

    def add_output(self, tensor, name="output", scale=None, dtype=None, exact=False):
        """Graph output; dtype INT4 / UINT4 declares a tensor of 4-bit
        values (held one a byte in numpy) as ONNX's packed type; exact: the
        e2e test wants ONNX Runtime's bits (model.json "exact")."""
        if exact:
            self.exact_outputs.add(name)
        if tensor != name:
            tensor = self.rename(tensor, name)
        v = self.values[name]
        shape = list(v.shape)
        if self.batched:
            shape[0] = 1
        if scale is None and name in self.qparams and v.dtype == np.float32:
            scale = float(self.qparams[name].scale)
        if dtype is None:
            dtype = np.dtype(v.dtype)
            if self.float16 and dtype == np.float32:
                dtype = np.dtype(np.float16)
        else:
            assert isinstance(dtype, ref.SubByte) and v.dtype == dtype.storage
        self.graph_outputs.append((name, dtype, shape, scale))
        return name

    # -- quantization nodes ---------------------------------------------------
    def qparams_for(self, x, dtype, scale=None, zp=None):
        if scale is None:
            scale, zp = calibrate(self.values[x], dtype)
        base = x + "_q"
        sname = self.const(base + "_scale", np.array(scale, dtype=np.float32))
        zname = self.const(base + "_zero_point", np.array(zp, ref.storage_dtype(dtype)),
                           dtype=dtype)
        if not isinstance(dtype, ref.SubByte):
            dtype = np.dtype(dtype)
        return QParams(np.float32(scale), int(zp), dtype, sname, zname)

    def quantize(self, x, dtype=np.uint8, qp=None, scale=None, zp=None, axis=None, base="q"):
        """QuantizeLinear (calibrated unless qp/scale given; per-axis with
        axis and a qp of 1-D scale and zero point)."""
        if qp is None:
            qp = self.qparams_for(x, dtype, scale, zp)
        v = ref.quantize(self.values[x], qp.scale, qp.zero_point, qp.dtype, axis=axis)
        q = self.node("QuantizeLinear", [x, qp.scale_name, qp.zp_name], v, base=base,
                      **_axis_attr(axis))
        self.qparams[q] = qp
        return q

    def dequantize(self, q, qp=None, axis=None, base="dq"):
        qp = qp or self.qparams[q]
        v = ref.dequantize(self.values[q], qp.scale, qp.zero_point, axis=axis)
        dq = self.node("DequantizeLinear", [q, qp.scale_name, qp.zp_name], v, base=base,
                       **_axis_attr(axis))
        self.qparams[dq] = qp
        return dq

    def qdq(self, x, dtype=np.uint8, qp=None):
        """x -> QuantizeLinear -> DequantizeLinear; returns the DQ output."""
        return self.dequantize(self.quantize(x, dtype, qp=qp))

    def qcdq(self, x, qrange, dtype=np.int8, percentile=100.0):
        """x -> QuantizeLinear(dtype) -> Clip(qrange) -> DequantizeLinear: the
        Clip bounds narrow the width (Brevitas' QCDQ export).  The params are
        calibrated for qrange; a percentile below 100 makes the Clip clip."""
        scale, zp = calibrate(self.values[x], dtype, qrange, percentile)
        q = self.quantize(x, qp=self.qparams_for(x, dtype, scale, zp))
        return self.dequantize(self.clip(q, *qrange))

    def input_qp(self, x):
        if x not in self.qparams:
            raise ValueError("%s is not the output of a DequantizeLinear" % x)
        return self.qparams[x]

    # -- constant weights ----------------------------------------------------
    def weight_dq_per_channel(self, base, w, axis=0, dtype=np.int8):
        """DQ(int8 (or dtype) initializer, per-channel scale, zp 0, axis) -> float W."""
        q, scale = quantize_per_channel_symmetric(w, axis=axis, dtype=dtype)
        zp = np.zeros(scale.shape, q.dtype)
        qn = self.const(base + "_quantized", q, dtype=dtype)
        qp = QParams(scale, zp, dtype, self.const(base + "_scale", scale),
                     self.const(base + "_zero_point", zp, dtype=dtype))
        return self.dequantize(qn, qp, axis=axis, base=base + "_dq"), scale

    def weight_dq_per_tensor(self, base, w):
        q, scale = quantize_per_tensor_symmetric(w)
        qn = self.const(base + "_quantized", q)
        sn = self.const(base + "_scale", np.array(scale, np.float32))
        zn = self.const(base + "_zero_point", np.array(0, np.int8))
        v = ref.dequantize(q, scale, 0)
        out = self.node("DequantizeLinear", [qn, sn, zn], v, base=base + "_dq")
        return out, scale

    def weight_qcdq_per_channel(self, base, w, qrange, axis=0):
        """float initializer -> QuantizeLinear(int8, per-channel symmetric
        scale for [-qrange[1], qrange[1]], axis) -> Clip(qrange) ->
        DequantizeLinear -> float W (QCDQ weights)."""
        _, scale = quantize_per_channel_symmetric(w, axis=axis, qmax=qrange[1])
        zp = np.zeros(scale.shape, np.int8)
        wn = self.const(base, np.asarray(w, np.float32))
        qp = QParams(scale, zp, np.dtype(np.int8), self.const(base + "_scale", scale),
                     self.const(base + "_zero_point", zp))
        q = self.quantize(wn, qp=qp, axis=axis, base=base + "_q")
        return self.dequantize(self.clip(q, *qrange), axis=axis, base=base + "_dq"), scale

    def bias_dq(self, base, b, x_scale, w_scale):
        """DQ(int32 initializer, scale = x_scale*w_scale, zp 0)."""
        q, bscale = quantize_bias(b, x_scale, w_scale)
        qn = self.const(base + "_quantized", q)
        sn = self.const(base + "_scale", bscale)
        zn = self.const(base + "_zero_point", np.zeros(bscale.shape, np.int32))
        v = ref.dequantize(q, bscale, np.zeros(bscale.shape, np.int32),
                           axis=0 if bscale.ndim else None)
        attrs = {"axis": 0} if bscale.ndim == 1 else {}
        return self.node("DequantizeLinear", [qn, sn, zn], v, base=base + "_dq", **attrs)

    # -- float ops (used between DQ and Q) ------------------------------------
    def relu(self, x):
        return self.node("Relu", [x], ref.relu(self.values[x]))

    def clip(self, x, lo, hi):
        """Clip with constant bounds of x's type (float, or the integer type
        of a QuantizeLinear output, whose parameters it keeps)."""
        v = self.values[x]
        lon = self.const("clip_min", np.array(lo, v.dtype))
        hin = self.const("clip_max", np.array(hi, v.dtype))
        out = self.node("Clip", [x, lon, hin], ref.clip(v, lo, hi))
        if v.dtype != np.float32:
            self.qparams[out] = self.qparams[x]
        return out

    def activation(self, x, act):
        if act is None:
            return x
        if act == "relu":
            return self.relu(x)
        if act == "relu6":
            return self.clip(x, 0.0, 6.0)
        raise ValueError(act)

    def flatten(self, x, axis=1):
        v = self.values[x]
        return self.node("Flatten", [x], v.reshape(v.shape[0], -1), axis=axis)

    def reshape(self, x, shape):
        sn = self.const("shape", np.array(shape, np.int64))
        v = self.values[x]
        vshape = list(shape)
        if self.batched:
            assert vshape[0] == 1
            vshape[0] = v.shape[0]
        out = self.node("Reshape", [x, sn], v.reshape(vshape))
        if x in self.qparams and v.dtype != np.float32:
            self.qparams[out] = self.qparams[x]
        return out

    def shape_flatten(self, x):
        """x.view(x.size(0), -1) as torch.onnx.export writes it: Shape ->
        Gather(0) -> Unsqueeze(0) -> Concat with [-1] -> Reshape (axes of
        Unsqueeze an attribute before opset 13, an input from 13)."""
        v = self.values[x]
        shp = self.node("Shape", [x], np.array(v.shape, np.int64))
        dim0 = self.node("Gather", [shp, self.const("gather_i", np.array(0, np.int64))],
                         np.array(v.shape[0], np.int64), axis=0)
        if self.opset >= 13:
            un = self.node("Unsqueeze", [dim0, self.const("unsq_axes", np.array([0], np.int64))],
                           np.array([v.shape[0]], np.int64))
        else:
            un = self.node("Unsqueeze", [dim0], np.array([v.shape[0]], np.int64), axes=[0])
        cat = self.node("Concat", [un, self.const("minus1", np.array([-1], np.int64))],
                        np.array([v.shape[0], -1], np.int64), axis=0)
        out = self.node("Reshape", [x, cat], v.reshape(v.shape[0], -1))
        if x in self.qparams and v.dtype != np.float32:
            self.qparams[out] = self.qparams[x]
        return out

    def avgpool(self, x, k, s, pads=None, count_include_pad=0, ceil_mode=0):
        """AveragePool k x k, stride s; pads: one int for all four sides."""
        if ceil_mode:
            v = ref.avgpool2d(self.values[x], (k, k), (s, s), [pads or 0] * 4,
                              count_include_pad, ceil_mode)
            return self.node("AveragePool", [x], v, kernel_shape=[k, k], strides=[s, s],
                             pads=[pads or 0] * 4, count_include_pad=count_include_pad,
                             ceil_mode=1)
        if not pads:
            v = ref.avgpool2d(self.values[x], (k, k), (s, s))
            return self.node("AveragePool", [x], v, kernel_shape=[k, k], strides=[s, s])
        v = ref.avgpool2d(self.values[x], (k, k), (s, s), [pads] * 4, count_include_pad)
        return self.node("AveragePool", [x], v, kernel_shape=[k, k], strides=[s, s],
                         pads=[pads] * 4, count_include_pad=count_include_pad)

    def global_avgpool(self, x):
        return self.node("GlobalAveragePool", [x], ref.global_avgpool(self.values[x]))

    def add(self, a, b):
        return self.node("Add", [a, b], (self.values[a] + self.values[b]).astype(np.float32))

    def concat(self, xs, axis=1):
        v = np.concatenate([self.values[x] for x in xs], axis=axis)
        return self.node("Concat", list(xs), v, axis=axis)

    def maxpool(self, x, k, s, pads=None, ceil_mode=0):
        attrs = {"kernel_shape": [k, k], "strides": [s, s]}
        if pads:
            attrs["pads"] = [pads] * 4
        if ceil_mode:
            attrs["ceil_mode"] = 1
        v = ref.maxpool2d(self.values[x], (k, k), (s, s), [pads] * 4 if pads else None,
                          ceil_mode)
        out = self.node("MaxPool", [x], v, **attrs)
        if v.dtype != np.float32:
            self.qparams[out] = self.qparams[x]
        return out

    # -- float layers (weights and bias are float tensors, e.g. DQ outputs) -----
    def float_conv(self, x, w, b=None, strides=1, pads=0, group=1, bn=None, act=None,
                   base="conv", dilations=1, auto_pad=None):
        """Conv(x, w[, b]) [-> BatchNormalization] [-> act]; w, b tensor names.
        pads: one int for all four sides or [top, left, bottom, right];
        auto_pad: SAME_UPPER / SAME_LOWER / VALID instead of pads."""
        wv = self.values[w]
        pads = [pads] * 4 if np.isscalar(pads) else list(pads)
        attrs = {"kernel_shape": list(wv.shape[2:]), "strides": [strides, strides],
                 "pads": pads}
        if auto_pad:
            pads = [0] * 4
            if auto_pad != "VALID":
                for i, size in enumerate(self.values[x].shape[2:]):
                    ek = (wv.shape[2 + i] - 1) * dilations + 1
                    total = max((-(-size // strides) - 1) * strides + ek - size, 0)
                    small, big = total // 2, total - total // 2
                    pads[i], pads[i + 2] = (small, big) if auto_pad == "SAME_UPPER" \
                        else (big, small)
            del attrs["pads"]
            attrs["auto_pad"] = auto_pad
        if group != 1:
            attrs["group"] = group
        if dilations != 1:
            attrs["dilations"] = [dilations, dilations]
        v = ref.conv2d(self.values[x], wv, None if b is None else self.values[b],
                       (strides, strides), pads, group, dilations=(dilations, dilations))
        y = self.node("Conv", [x, w] + ([] if b is None else [b]), v, base=base, **attrs)
        if bn is not None:
            y = self.batchnorm(y, *bn)
        return self.activation(y, act)

    def float_gemm(self, x, w, b, base="gemm"):
        """Gemm(x, w, b, transB=1): w [N, K], b [N]."""
        v = (self.values[x].astype(np.float32) @ self.values[w].T
             + self.values[b]).astype(np.float32)
        return self.node("Gemm", [x, w, b], v, base=base, transB=1)

    def float_matmul(self, x, w, b):
        """MatMul(x, w [K, N]) -> Add(b [N])."""
        mm = self.node("MatMul", [x, w], (self.values[x] @ self.values[w]).astype(np.float32))
        return self.add(mm, b)

    # -- QDQ patterns ---------------------------------------------------------
    def make_qdq_conv(self, x, w, b, strides=1, pads=0, group=1, act=None,
                      out_dtype=np.uint8, bn=None, base="conv", w_dtype=np.int8):
        """DQ(x) -> Conv(DQ(W int8 (or w_dtype) per-channel), DQ(B int32))
        [-> BN] [-> act] -> Q -> DQ.  x must be a DequantizeLinear output.
        Returns the DQ."""
        xqp = self.input_qp(x)
        wdq, wscale = self.weight_dq_per_channel(base + "_w", w, axis=0, dtype=w_dtype)
        bdq = None if b is None else self.bias_dq(base + "_b", b, xqp.scale, wscale)
        y = self.float_conv(x, wdq, bdq, strides, pads, group, bn, act, base)
        return self.qdq(y, out_dtype)

    def batchnorm(self, x, gamma, beta, mean, var, eps=1e-5):
        names = [self.const("bn_" + n, np.asarray(a, np.float32))
                 for n, a in (("scale", gamma), ("bias", beta), ("mean", mean), ("var", var))]
        v = ref.batchnorm(self.values[x], gamma, beta, mean, var, eps)
        return self.node("BatchNormalization", [x] + names, v, epsilon=eps)

    def qdq_maxpool(self, x, k, s, pads=None):
        """DQ -> MaxPool -> Q (same params as the input) -> DQ."""
        qp = self.input_qp(x)
        y = self.maxpool(x, k, s, pads)
        return self.qdq(y, qp.dtype, qp=qp)

    def qdq_avgpool(self, x, k, s, out_dtype=np.uint8):
        return self.qdq(self.avgpool(x, k, s), out_dtype)

    def qdq_gap(self, x, out_dtype=np.uint8):
        return self.qdq(self.global_avgpool(x), out_dtype)

    def qdq_add(self, a, b, act=None, out_dtype=np.uint8):
        """DQ(a), DQ(b) -> Add [-> act] -> Q -> DQ."""
        return self.qdq(self.activation(self.add(a, b), act), out_dtype)

    def qdq_concat(self, xs, axis=1, out_dtype=np.uint8):
        return self.qdq(self.concat(xs, axis), out_dtype)

    def qdq_gemm(self, x, w, b, out_dtype=np.uint8, base="gemm"):
        """Gemm(transB=1) with W [N,K] per-channel (axis 0) and int32 bias."""
        xqp = self.input_qp(x) if x in self.qparams else self.input_qp(self._flat_src(x))
        wdq, wscale = self.weight_dq_per_channel(base + "_w", w, axis=0)
        bdq = self.bias_dq(base + "_b", b, xqp.scale, wscale)
        return self.qdq(self.float_gemm(x, wdq, bdq, base), out_dtype)

    def _flat_src(self, x):
        """Input of the Flatten/Reshape producing x (to find its qparams)."""
        for n in self.nodes:
            if x in n.output and n.op_type in ("Flatten", "Reshape"):
                return n.input[0]
        raise ValueError("cannot find quantization params for %s" % x)

    # -- QOperator / integer ops ---------------------------------------------
    def _int_conv(self, xq, xzp, wq, wzp, strides, pads, group=1):
        """Exact integer convolution (as float64) of (x - xzp) * (w - wzp)."""
        wzp = np.asarray(wzp, np.float64)
        if wzp.ndim == 1:
            wzp = wzp.reshape(-1, 1, 1, 1)
        return ref.conv2d(self.values[xq].astype(np.float64) - float(xzp),
                          wq.astype(np.float64) - wzp, None, (strides, strides),
                          [pads] * 4, group, acc_dtype=np.float64)

    def qlinear_conv(self, xq, w, b, strides=1, pads=0, out_dtype=np.uint8,
                     weight_mode="per_channel", base="qconv", group=1, act=None):
        """QLinearConv.  weight_mode: 'per_channel' (int8, symmetric) or
        'per_tensor_u8' (uint8, asymmetric with a non-zero zero point).
        act ("relu", "relu6"): the activation ONNX Runtime fuses into the
        output's quantization (calibrated on the activated values; the
        QLinearConv saturates)."""
        xqp = self.qparams[xq]
        if weight_mode == "per_channel":
            wq, wscale = quantize_per_channel_symmetric(w, axis=0)
            wzp = np.zeros(wscale.shape, np.int8)
        elif weight_mode == "per_tensor_u8":
            wq, wscale, zp = quantize_per_tensor_asymmetric(w, np.uint8)
            wscale = np.array(wscale, np.float32)
            wzp = np.array(zp, np.uint8)
        else:
            raise ValueError(weight_mode)
        wn = self.const(base + "_w_quantized", wq)
        wsn = self.const(base + "_w_scale", wscale)
        wzn = self.const(base + "_w_zero_point", wzp)
        bq, bscale = quantize_bias(b, xqp.scale, wscale)
        bn = self.const(base + "_b_quantized", bq)
        acc = self._int_conv(xq, xqp.zero_point, wq, wzp, strides, pads, group)
        acc = acc + bq.astype(np.float64).reshape(1, -1, 1, 1)
        real = acc * bscale.astype(np.float64).reshape(1, -1, 1, 1) if bscale.ndim else acc * float(bscale)
        activated = {None: real, "relu": np.maximum(real, 0),
                     "relu6": np.clip(real, 0, 6)}[act]
        yscale, yzp = calibrate(activated, out_dtype)
        ysn = self.const(base + "_y_scale", np.array(yscale, np.float32))
        yzn = self.const(base + "_y_zero_point", np.array(yzp, out_dtype))
        v = ref.quantize(real.astype(np.float32), yscale, yzp, out_dtype)
        k = w.shape[2]
        y = self.node("QLinearConv",
                      [xq, xqp.scale_name, xqp.zp_name, wn, wsn, wzn, ysn, yzn, bn],
                      v, base=base, kernel_shape=[k, w.shape[3]],
                      strides=[strides, strides], pads=[pads] * 4,
                      **({"group": group} if group != 1 else {}))
        self.qparams[y] = QParams(yscale, yzp, np.dtype(out_dtype), ysn, yzn)
        return y

    def ms_qlinear(self, op, xqs, fn, out_dtype=np.uint8, base=None, **attrs):
        """ONNX Runtime's com.microsoft QLinear<op> on the quantized tensors
        xqs: fn of their dequantized values, calibrated and quantized to
        out_dtype. QLinearConcat lists Y's parameters first, the others
        each input's then Y's."""
        qps = [self.qparams[x] for x in xqs]
        real = fn(*[ref.dequantize(self.values[x], qp.scale, qp.zero_point)
                    for x, qp in zip(xqs, qps)])
        yscale, yzp = calibrate(real, out_dtype)
        base = base or op.lower()
        ysn = self.const(base + "_y_scale", np.array(yscale, np.float32))
        yzn = self.const(base + "_y_zero_point", np.array(yzp, out_dtype))
        ins = []
        for x, qp in zip(xqs, qps):
            ins += [x, qp.scale_name, qp.zp_name]
        ins = [ysn, yzn] + ins if op == "QLinearConcat" else ins + [ysn, yzn]
        v = ref.quantize(real.astype(np.float32), yscale, yzp, out_dtype)
        out = self.fresh(base)
        self.nodes.append(helper.make_node(op, ins, [out], name=out + "_node",
                                           domain="com.microsoft", **attrs))
        self.values[out] = v
        self.qparams[out] = QParams(np.float32(yscale), yzp, out_dtype, ysn, yzn)
        return out

    def qlinear_matmul(self, aq, w, out_dtype=np.uint8, base="qmatmul"):
        """QLinearMatMul with a constant int8 per-tensor symmetric B [K,N]."""
        aqp = self.qparams[aq]
        wq, wscale = quantize_per_tensor_symmetric(w)
        wn = self.const(base + "_b_quantized", wq)
        wsn = self.const(base + "_b_scale", np.array(wscale, np.float32))
        wzn = self.const(base + "_b_zero_point", np.array(0, np.int8))
        acc = (self.values[aq].astype(np.float64) - aqp.zero_point) @ wq.astype(np.float64)
        real = acc * (float(aqp.scale) * float(wscale))
        yscale, yzp = calibrate(real, out_dtype)
        ysn = self.const(base + "_y_scale", np.array(yscale, np.float32))
        yzn = self.const(base + "_y_zero_point", np.array(yzp, out_dtype))
        v = ref.quantize(real.astype(np.float32), yscale, yzp, out_dtype)
        y = self.node("QLinearMatMul",
                      [aq, aqp.scale_name, aqp.zp_name, wn, wsn, wzn, ysn, yzn], v, base=base)
        self.qparams[y] = QParams(yscale, yzp, np.dtype(out_dtype), ysn, yzn)
        return y

    def qgemm(self, aq, w, b, out_dtype=np.uint8, base="qgemm"):
        """com.microsoft QGemm(transB=1) with W [N, K] int8 per output
        channel (symmetric), C the int32 bias, a quantized Y."""
        aqp = self.qparams[aq]
        wq, wscale = quantize_per_channel_symmetric(w, axis=0)
        wn = self.const(base + "_b_quantized", wq)
        wsn = self.const(base + "_b_scale", wscale)
        wzn = self.const(base + "_b_zero_point", np.zeros(wscale.shape, np.int8))
        bq, bscale = quantize_bias(b, aqp.scale, wscale)
        cn = self.const(base + "_c_quantized", bq)
        acc = (self.values[aq].astype(np.float64) - aqp.zero_point) @ wq.astype(np.float64).T
        real = (acc + bq.astype(np.float64)) * bscale.astype(np.float64)
        yscale, yzp = calibrate(real, out_dtype)
        ysn = self.const(base + "_y_scale", np.array(yscale, np.float32))
        yzn = self.const(base + "_y_zero_point", np.array(yzp, out_dtype))
        v = ref.quantize(real.astype(np.float32), yscale, yzp, out_dtype)
        out = self.fresh(base)
        self.nodes.append(helper.make_node(
            "QGemm", [aq, aqp.scale_name, aqp.zp_name, wn, wsn, wzn, cn, ysn, yzn], [out],
            name=out + "_node", domain="com.microsoft", transB=1))
        self.values[out] = v
        self.qparams[out] = QParams(np.float32(yscale), yzp, np.dtype(out_dtype), ysn, yzn)
        return out

    def conv_integer(self, xq, wq, x_zp, w_zp, strides=1, pads=0, base="convint"):
        """ConvInteger(x, w, x_zero_point, w_zero_point) -> int32."""
        wn = self.const(base + "_w", wq)
        xzn = self.const(base + "_x_zero_point", np.array(x_zp, self.values[xq].dtype))
        wzn = self.const(base + "_w_zero_point", np.asarray(w_zp, wq.dtype))
        acc = self._int_conv(xq, x_zp, wq, w_zp, strides, pads)
        k = wq.shape[2]
        return self.node("ConvInteger", [xq, wn, xzn, wzn], acc.astype(np.int32), base=base,
                         kernel_shape=[k, wq.shape[3]], strides=[strides, strides],
                         pads=[pads] * 4)

    def matmul_integer(self, aq, bq, a_zp, b_zp, base="matmulint"):
        """MatMulInteger(A, B const, a_zero_point, b_zero_point) -> int32."""
        bn = self.const(base + "_b", bq)
        azn = self.const(base + "_a_zero_point", np.array(a_zp, self.values[aq].dtype))
        bzn = self.const(base + "_b_zero_point", np.asarray(b_zp, bq.dtype))
        acc = ((self.values[aq].astype(np.int64) - int(a_zp))
               @ (bq.astype(np.int64) - np.asarray(b_zp, np.int64)))
        return self.node("MatMulInteger", [aq, bn, azn, bzn], acc.astype(np.int32), base=base)

    # -- finishing ------------------------------------------------------------
    def make_model(self):
        graph = helper.make_graph(
            self.nodes, self.name,
            [helper.make_tensor_value_info(n, onnx_type(d), s) for n, d, s in self.graph_inputs],
            [helper.make_tensor_value_info(n, onnx_type(d), s) for n, d, s, _ in self.graph_outputs],
            initializer=self.initializers)
        if self.float16:
            scales = {n.input[1] for n in graph.node
                      if n.op_type in ("QuantizeLinear", "DequantizeLinear")}
            for i, t in enumerate(graph.initializer):
                if t.name in scales and t.data_type == TensorProto.FLOAT:
                    graph.initializer[i].CopyFrom(numpy_helper.from_array(
                        numpy_helper.to_array(t).astype(np.float16), t.name))
        model = helper.make_model(graph, producer_name="qcc_models",
                                  opset_imports=[helper.make_opsetid("", self.opset)])
        if any(n.domain == "com.microsoft" for n in model.graph.node):
            model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
        model.ir_version = ir_version_for_opset(self.opset)
        return model

    def oracle_model(self, model):
        """The model ONNX Runtime runs as the test oracle when it cannot run
        `model` itself; None: it runs model.onnx."""
        return None

    def save(self, outdir):
        """Writes model.onnx, model.json, input<i>.bin, ref_output<i>.bin and,
        when oracle_model() gives one, ORACLE_FILE."""
        import onnx
        os.makedirs(outdir, exist_ok=True)
        model = self.make_model()
        oracle = self.oracle_model(model)
        if any(isinstance(d, ref.SubByte) for _, d, *_ in self.graph_inputs + self.graph_outputs):
            from .oracle import with_int8_edges
            oracle = with_int8_edges(oracle if oracle is not None else model)
        if self.opset <= onnx.defs.onnx_opset_version():
            for m in (model, oracle):
                if m is not None:
                    onnx.checker.check_model(m, full_check=True)
        onnx.save(model, os.path.join(outdir, "model.onnx"))
        oracle_path = os.path.join(outdir, ORACLE_FILE)
        if oracle is not None:
            onnx.save(oracle, oracle_path)
        elif os.path.exists(oracle_path):
            os.remove(oracle_path)  # from an earlier model generated here
        meta = {"model": self.name, "opset": self.opset,
                "ir_version": model.ir_version, "inputs": [], "outputs": []}
        if self.ort_opt_level:
            meta["ort_opt_level"] = self.ort_opt_level
        for i, ((n, d, s), data) in enumerate(zip(self.graph_inputs, self.input_data)):
            fn = "input%d.bin" % i
            assert list(data.shape) == s
            raw = edge_bytes(data, d)
            if isinstance(d, ref.SubByte) and data.size % 2:
                # The padding nibble of an odd count: ONNX writes 0, qcc's
                # ABI ignores it in an input; ones here check that.
                raw = raw[:-1] + bytes([raw[-1] | 0xF0])
            with open(os.path.join(outdir, fn), "wb") as f:
                f.write(raw)
            meta["inputs"].append({"name": n, "dtype": dtype_name(d), "shape": s, "file": fn})
        for i, (n, d, s, scale) in enumerate(self.graph_outputs):
            refv = self.values[n]
            refv = refv[:1] if self.batched else refv
            fn = "ref_output%d.bin" % i
            with open(os.path.join(outdir, fn), "wb") as f:
                f.write(edge_bytes(refv, d))
            meta["outputs"].append({"name": n, "dtype": dtype_name(d), "shape": s,
                                    "scale": scale, "ref_file": fn})
            if n in self.exact_outputs:
                meta["outputs"][-1]["exact"] = True
        with open(os.path.join(outdir, "model.json"), "w") as f:
            json.dump(meta, f, indent=2)
            f.write("\n")
        return model, meta
