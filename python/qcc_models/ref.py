"""Small numpy reference implementations of the ONNX operators used by the
model generator.

They only run at generation time, to calibrate activation ranges (and to
produce a rough numpy reference of the quantized graph).  All functions take
NCHW arrays whose dim 0 is a batch of calibration samples.
"""
import collections

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


class SubByte(collections.namedtuple("SubByte", "name onnx_type min max storage")):
    """An ONNX integer type narrower than a byte.  numpy has no such dtype:
    values of this type are held in arrays of the `storage` dtype."""


INT4 = SubByte("int4", 22, -8, 7, np.dtype(np.int8))     # TensorProto.INT4
UINT4 = SubByte("uint4", 21, 0, 15, np.dtype(np.uint8))  # TensorProto.UINT4


def int_limits(dtype):
    """(min, max) of an integer numpy dtype or of a SubByte type."""
    if isinstance(dtype, SubByte):
        return dtype.min, dtype.max
    info = np.iinfo(dtype)
    return int(info.min), int(info.max)


def storage_dtype(dtype):
    """The numpy dtype holding values of `dtype` (itself for numpy dtypes)."""
    return dtype.storage if isinstance(dtype, SubByte) else np.dtype(dtype)


def _pads4(pads):
    """ONNX pads [top, left, bottom, right] (or None) -> tuple."""
    if pads is None:
        return (0, 0, 0, 0)
    if len(pads) != 4:
        raise ValueError("expected 4 pads, got %r" % (pads,))
    return tuple(int(p) for p in pads)


def _windows(x, kernel, strides, pads, pad_value):
    """View of x as [N, C, Ho, Wo, kh, kw] windows (im2col without copy)."""
    kh, kw = kernel
    sh, sw = strides
    pt, pl, pb, pr = _pads4(pads)
    if pt or pl or pb or pr:
        x = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)),
                   mode="constant", constant_values=pad_value)
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))
    return win[:, :, ::sh, ::sw]


def conv2d(x, w, b=None, strides=(1, 1), pads=None, group=1, acc_dtype=None,
           dilations=(1, 1)):
    """ONNX Conv.  x [N,C,H,W], w [M, C/group, kh, kw]."""
    if acc_dtype is None:
        acc_dtype = np.float32 if x.dtype == np.float32 else np.float64
    x = x.astype(acc_dtype, copy=False)
    w = w.astype(acc_dtype, copy=False)
    dh, dw = dilations
    if dh != 1 or dw != 1:
        # a dilated kernel is a kernel with zeros between its taps
        m, cg, kh, kw = w.shape
        wd = np.zeros((m, cg, (kh - 1) * dh + 1, (kw - 1) * dw + 1), acc_dtype)
        wd[:, :, ::dh, ::dw] = w
        w = wd
    m, cg, kh, kw = w.shape
    n, c = x.shape[:2]
    if c != cg * group or m % group:
        raise ValueError("conv2d: bad channels x%s w%s group=%d"
                         % (x.shape, w.shape, group))
    win = _windows(x, (kh, kw), strides, pads, 0)
    mg = m // group
    outs = []
    for g in range(group):
        xg = win[:, g * cg:(g + 1) * cg]           # N,cg,Ho,Wo,kh,kw
        wg = w[g * mg:(g + 1) * mg]                # mg,cg,kh,kw
        y = np.tensordot(xg, wg, axes=([1, 4, 5], [1, 2, 3]))  # N,Ho,Wo,mg
        outs.append(y)
    y = np.concatenate(outs, axis=3) if group > 1 else outs[0]
    y = np.ascontiguousarray(y.transpose(0, 3, 1, 2))
    if b is not None:
        y = y + b.astype(acc_dtype).reshape(1, m, 1, 1)
    return y


def ceil_mode_pads(shape, kernel, strides, pads):
    """pads (ONNX order) with the extra bottom/right padding of ceil_mode:
    output ceil((size + pads - k) / s) + 1, less the last window if it would
    start in the end padding (as ONNX Runtime and PyTorch count)."""
    pt, pl, pb, pr = _pads4(pads)
    extra = []
    for size, k, st, b, e in zip(shape, kernel, strides, (pt, pl), (pb, pr)):
        span = size + b + e - k
        out = -(-span // st) + 1
        if (out - 1) * st >= size + b:
            out -= 1
        extra.append(max(0, (out - 1) * st + k - (size + b + e)))
    return (pt, pl, pb + extra[0], pr + extra[1])


def maxpool2d(x, kernel, strides, pads=None, ceil_mode=0):
    if ceil_mode:
        pads = ceil_mode_pads(x.shape[2:], kernel, strides, pads)
    if x.dtype.kind == "f":
        pad_value = -np.inf
    else:
        pad_value = np.iinfo(x.dtype).min
    win = _windows(x, kernel, strides, pads, pad_value)
    return win.max(axis=(4, 5))


def avgpool2d(x, kernel, strides, pads=None, count_include_pad=0, ceil_mode=0):
    """AveragePool; with pads, the padded positions count in the window size
    only with count_include_pad; positions added by ceil_mode never count."""
    if ceil_mode:
        p4 = _pads4(pads)
        full = ceil_mode_pads(x.shape[2:], kernel, strides, pads)
        total = _windows(x.astype(np.float32), kernel, strides, full, 0).sum(
            axis=(4, 5), dtype=np.float32)
        mask = np.pad(np.ones(x.shape[2:], np.float32), ((p4[0], p4[2]), (p4[1], p4[3])),
                      constant_values=1.0 if count_include_pad else 0.0)
        mask = np.pad(mask, ((0, full[2] - p4[2]), (0, full[3] - p4[3])))
        count = _windows(mask[None, None], kernel, strides, None, 0).sum(
            axis=(4, 5), dtype=np.float32)
        return (total / count).astype(np.float32)
    if pads is None:
        win = _windows(x, kernel, strides, None, 0)
        return win.astype(np.float32).mean(axis=(4, 5)).astype(np.float32)
    win = _windows(x.astype(np.float32), kernel, strides, pads, 0)
    total = win.sum(axis=(4, 5), dtype=np.float32)
    if count_include_pad:
        return (total / np.float32(kernel[0] * kernel[1])).astype(np.float32)
    ones = _windows(np.ones((1, 1) + x.shape[2:], np.float32), kernel, strides, pads, 0)
    return (total / ones.sum(axis=(4, 5), dtype=np.float32)).astype(np.float32)


def global_avgpool(x):
    return x.astype(np.float32).mean(axis=(2, 3), keepdims=True).astype(np.float32)


def batchnorm(x, gamma, beta, mean, var, eps):
    shp = (1, -1, 1, 1)
    inv = (gamma / np.sqrt(var + eps)).astype(np.float32)
    return ((x - mean.reshape(shp)) * inv.reshape(shp) + beta.reshape(shp)).astype(np.float32)


def relu(x):
    return np.maximum(x, 0).astype(x.dtype)


def clip(x, lo, hi):
    return np.clip(x, lo, hi).astype(x.dtype)


def quantize(x, scale, zero_point, dtype, axis=None):
    """ONNX QuantizeLinear: saturate(round_half_even(x / scale) + zp).
    dtype: an integer numpy dtype or INT4 / UINT4."""
    lo, hi = int_limits(dtype)
    scale = np.asarray(scale, dtype=np.float32)
    zero_point = np.asarray(zero_point)
    if axis is not None and scale.ndim == 1:
        shp = [1] * x.ndim
        shp[axis] = -1
        scale = scale.reshape(shp)
        zero_point = zero_point.reshape(shp)
    q = np.rint(x.astype(np.float32) / scale).astype(np.float64) + zero_point
    return np.clip(q, lo, hi).astype(storage_dtype(dtype))


def dequantize(q, scale, zero_point, axis=None):
    """ONNX DequantizeLinear: (q - zp) * scale, float32."""
    scale = np.asarray(scale, dtype=np.float32)
    zero_point = np.asarray(zero_point)
    if axis is not None and scale.ndim == 1:
        shp = [1] * q.ndim
        shp[axis] = -1
        scale = scale.reshape(shp)
        zero_point = zero_point.reshape(shp)
    return ((q.astype(np.int64) - zero_point.astype(np.int64)).astype(np.float32)
            * scale).astype(np.float32)
