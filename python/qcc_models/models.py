"""Definitions of the test models.  Each function fills a ModelBuilder (a
QonnxBuilder for the QONNX models)."""
import numpy as np
from onnx import TensorProto

from .builder import ModelBuilder, he_normal
from .finn import FinnBuilder
from .qonnx import ROUNDING_MODES, QonnxBuilder
from .ref import INT4, UINT4

U8, I8 = np.uint8, np.int8
U16, I16 = np.uint16, np.int16


def _bias(rng, n, std=0.05, mean=0.0):
    return (rng.standard_normal(n) * std + mean).astype(np.float32)


def _conv_w(rng, cout, cin, k, gain=1.0):
    return he_normal(rng, (cout, cin, k, k), cin * k * k, gain)


def _bn(rng, n):
    """BatchNormalization parameters (gamma > 0, beta, running mean, running var)."""
    return (rng.uniform(0.5, 1.5, n).astype(np.float32),
            rng.uniform(-0.3, 0.3, n).astype(np.float32),
            rng.uniform(-0.2, 0.2, n).astype(np.float32),
            rng.uniform(0.5, 2.0, n).astype(np.float32))


def tiny_cnn():
    b = ModelBuilder("tiny_cnn", opset=13, seed=1001, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu", base="conv1")
    h = b.qdq_maxpool(h, 2, 2)
    # gain 3: part of the pre-activations exceed 6 so Clip(0,6) really clips
    h = b.make_qdq_conv(h, _conv_w(r, 16, 8, 3, gain=3.0), _bias(r, 16), strides=2, pads=1,
                        act="relu6", base="conv2")
    h = b.qdq_gap(h, U8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (10, 16), 16), _bias(r, 10), U8, base="fc")
    b.add_output(h, "output")
    return b


def resdw():
    b = ModelBuilder("resdw", opset=17, seed=1002, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 32, 32], -1.0, 1.0)
    h = b.qdq(x, U8)
    t0 = b.make_qdq_conv(h, _conv_w(r, 16, 3, 3), _bias(r, 16), strides=2, pads=1,
                         act="relu", base="stem")                      # 16x16x16 u8
    # block 1 (uint8): dw3x3+relu, pw1x1, DQ/DQ -> Add -> Q, DQ -> Relu -> Q(int8)
    h = b.make_qdq_conv(t0, _conv_w(r, 16, 1, 3), _bias(r, 16), pads=1, group=16,
                        act="relu", base="b1_dw")
    h = b.make_qdq_conv(h, _conv_w(r, 16, 16, 1), _bias(r, 16), base="b1_pw")
    s = b.qdq_add(h, t0, None, U8)
    b1 = b.qdq(b.relu(s), I8)                                           # int8 from here
    # block 2 (int8): dw3x3+relu, pw1x1 -> BatchNormalization, Add -> Relu -> Q fused
    h = b.make_qdq_conv(b1, _conv_w(r, 16, 1, 3), _bias(r, 16), pads=1, group=16,
                        act="relu", out_dtype=I8, base="b2_dw")
    bn = _bn(r, 16)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 16, 1), _bias(r, 16), bn=bn, out_dtype=I8,
                        base="b2_pw")
    b2 = b.qdq_add(h, b1, "relu", I8)
    p = b.qdq_avgpool(b2, 2, 2, I8)                                     # 16x8x8
    br = b.make_qdq_conv(p, _conv_w(r, 8, 16, 1), _bias(r, 8), act="relu", out_dtype=I8,
                         base="branch")                                 # 8x8x8
    c = b.qdq_concat([p, br], axis=1, out_dtype=U8)                     # 24x8x8
    g = b.qdq_gap(c, U8)
    g = b.qdq(b.reshape(g, [1, 24]), U8, qp=b.input_qp(g))              # DQ->Reshape->Q->DQ
    wdq, wscale = b.weight_dq_per_tensor("fc_w", he_normal(r, (24, 10), 24))
    bdq = b.bias_dq("fc_b", _bias(r, 10), b.input_qp(g).scale, wscale)
    y = b.qdq(b.float_matmul(g, wdq, bdq), I8)
    b.add_output(y, "output")
    return b


def qop():
    b = ModelBuilder("qop", opset=13, seed=1003, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16], -1.0, 1.0)
    xq = b.quantize(x, U8)
    h = b.qlinear_conv(xq, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1,
                       weight_mode="per_tensor_u8", base="qconv1")       # 8x16x16
    h = b.qlinear_conv(h, _conv_w(r, 16, 8, 3), _bias(r, 16), strides=2, pads=1,
                       weight_mode="per_channel", base="qconv2")         # 16x8x8
    h = b.maxpool(h, 2, 2)                                               # uint8 MaxPool
    h = b.flatten(h)
    b.qparams[h] = b.qparams[b._flat_src(h)]
    g = b.qgemm(h, he_normal(r, (10, 256), 256), _bias(r, 10), base="qgemm")
    h = b.qlinear_matmul(h, he_normal(r, (256, 10), 256), U8, base="fc")
    y = b.dequantize(h)
    b.add_output(y, "output")
    b.add_output(b.dequantize(g), "gemm")   # com.microsoft QGemm, per-channel B
    return b


def convint():
    b = ModelBuilder("convint", opset=13, seed=1004, batched=False)
    r = b.rng
    x = b.add_input("input", np.uint8, [1, 4, 8, 8])
    w = r.integers(0, 255, size=(8, 4, 3, 3), endpoint=True).astype(np.uint8)
    y = b.conv_integer(x, w, x_zp=100, w_zp=131, pads=1)
    b.add_output(y, "output")
    return b


def matmulint():
    b = ModelBuilder("matmulint", opset=16, seed=1005, batched=False)
    r = b.rng
    a = b.add_input("input", np.uint8, [4, 16])
    w = r.integers(-127, 127, size=(16, 8), endpoint=True).astype(np.int8)
    y = b.matmul_integer(a, w, a_zp=121, b_zp=np.array(-3, np.int8))
    b.add_output(y, "output")
    return b


def tiny_int8io():
    b = ModelBuilder("tiny_int8io", opset=19, seed=1006, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.uint8, [1, 3, 8, 8])
    # fixed input quantization (image-like: scale 1/128, zero point 128)
    qp = b.qparams_for(x, U8, scale=np.float32(1.0 / 128.0), zp=128)
    b.qparams[x] = qp
    h = b.dequantize(x, qp)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu", base="conv1")
    h = b.make_qdq_conv(h, _conv_w(r, 4, 8, 3), _bias(r, 4), pads=1, base="conv2",
                        out_dtype=I8)
    # quantized output: take the QuantizeLinear output (drop the trailing DQ)
    dq_node = b.nodes.pop()
    assert dq_node.op_type == "DequantizeLinear" and dq_node.output[0] == h
    b.add_output(dq_node.input[0], "output")
    return b


def resnet18():
    b = ModelBuilder("resnet18", opset=21, seed=1018, num_calib=1)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 224, 224], -2.0, 2.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 64, 3, 7), _bias(r, 64), strides=2, pads=3,
                        act="relu", base="conv1")
    h = b.qdq_maxpool(h, 3, 2, pads=1)
    cin = 64
    for si, (c, stride) in enumerate([(64, 1), (128, 2), (256, 2), (512, 2)]):
        for bi in range(2):
            s = stride if bi == 0 else 1
            base = "layer%d_%d" % (si + 1, bi)
            y = b.make_qdq_conv(h, _conv_w(r, c, cin, 3), _bias(r, c), strides=s, pads=1,
                                act="relu", base=base + "_conv1")
            # damped second conv keeps the residual sum from growing too fast
            y = b.make_qdq_conv(y, _conv_w(r, c, c, 3, gain=0.5), _bias(r, c), pads=1,
                                base=base + "_conv2")
            if s != 1 or cin != c:
                idn = b.make_qdq_conv(h, _conv_w(r, c, cin, 1), _bias(r, c), strides=s,
                                      base=base + "_downsample")
            else:
                idn = h
            h = b.qdq_add(y, idn, "relu", U8)
            cin = c
    h = b.qdq_gap(h, U8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (1000, 512), 512), _bias(r, 1000), U8, base="fc")
    b.add_output(h, "output")
    return b


def _inverted_residuals(b, h, cin, stages, conv, add):
    """The inverted residual blocks of MobileNetV2 and EfficientNet-Lite:
    for each stage (expansion, kernel, first stride, output channels,
    repeats), a 1x1 expansion with ReLU6 (none for expansion 1), a kxk
    depthwise convolution with ReLU6, a linear 1x1 projection (damped, so
    that residual sums stay in range) and a residual add where the stride
    is 1 and the width stays. conv(x, w, bias, strides, pads, group, act,
    base) and add(y, x, base) write a layer in the model's format.
    Returns (output, channels)."""
    r = b.rng
    for si, (e, k, stride, cout, n) in enumerate(stages):
        for bi in range(n):
            s = stride if bi == 0 else 1
            base = "block%d_%d" % (si + 1, bi)
            y, mid = h, cin * e
            if e != 1:
                y = conv(y, _conv_w(r, mid, cin, 1), _bias(r, mid), 1, 0, 1, "relu6",
                         base + "_expand")
            y = conv(y, _conv_w(r, mid, 1, k), _bias(r, mid), s, k // 2, mid, "relu6",
                     base + "_dw")
            y = conv(y, _conv_w(r, cout, mid, 1, gain=0.5), _bias(r, cout), 1, 0, 1, None,
                     base + "_project")
            if s == 1 and cin == cout:
                y = add(y, h, base + "_add")
            h, cin = y, cout
    return h, cin


def efficientnet_lite0():
    """EfficientNet-Lite0 (issue 9) as ONNX Runtime's quantize_static writes
    it in QDQ form (opset 13, uint8 activations, int8 per-channel weights,
    int32 biases), 224x224: the stem (3x3, stride 2), 16 MBConv blocks (1x1
    expansion by 6 except the first, depthwise 3x3 or 5x5, 1x1 projection,
    a residual Add where the stride is 1 and the width stays), the 1x1 head
    to 1280 channels, global average pooling and the 1000-way classifier.
    Lite0 has no squeeze-and-excitation and uses ReLU6 (Clip(0, 6), fused
    into the quantizer's range) throughout; batch norms are folded into the
    convolutions, as exporters leave them."""
    b = ModelBuilder("efficientnet_lite0", opset=13, seed=1240, num_calib=1)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 224, 224], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 32, 3, 3), _bias(r, 32), strides=2, pads=1,
                        act="relu6", base="stem")
    h, cin = _inverted_residuals(
        b, h, 32,
        [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
         (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)],
        lambda y, w, bias, s, p, g, act, base: b.make_qdq_conv(
            y, w, bias, strides=s, pads=p, group=g, act=act, base=base),
        lambda y, x, base: b.qdq_add(y, x, None, U8))
    h = b.make_qdq_conv(h, _conv_w(r, 1280, cin, 1), _bias(r, 1280), act="relu6",
                        base="head")
    h = b.qdq_gap(h, U8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (1000, 1280), 1280), _bias(r, 1000), U8, base="fc")
    b.add_output(h, "output")
    return b


def mobilenetv2_qop():
    """MobileNetV2 (1.0, 224x224) in the QOperator form ONNX Runtime's
    quantize_static writes (issue 9): QuantizeLinear on the input,
    QLinearConv with ReLU6 folded into the output's quantization (per
    output channel int8 weights, int32 biases), com.microsoft QLinearAdd
    for the residuals and QLinearGlobalAveragePool, Flatten on uint8, the
    classifier a com.microsoft QGemm, DequantizeLinear on the output. 17
    inverted residual blocks (1x1 expansion by 6, depthwise 3x3, linear 1x1
    projection)."""
    b = ModelBuilder("mobilenetv2_qop", opset=13, seed=1241, num_calib=1)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 224, 224], -1.0, 1.0)
    h = b.quantize(x, U8)
    h = b.qlinear_conv(h, _conv_w(r, 32, 3, 3), _bias(r, 32), strides=2, pads=1,
                       act="relu6", base="stem")
    h, cin = _inverted_residuals(
        b, h, 32,
        [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 3, 2, 32, 3), (6, 3, 2, 64, 4),
         (6, 3, 1, 96, 3), (6, 3, 2, 160, 3), (6, 3, 1, 320, 1)],
        lambda y, w, bias, s, p, g, act, base: b.qlinear_conv(
            y, w, bias, strides=s, pads=p, group=g, act=act, base=base),
        lambda y, x, base: b.ms_qlinear("QLinearAdd", [y, x], lambda u, v: u + v,
                                        base=base))
    h = b.qlinear_conv(h, _conv_w(r, 1280, cin, 1), _bias(r, 1280), act="relu6",
                       base="head")
    h = b.ms_qlinear("QLinearGlobalAveragePool", [h],
                     lambda v: v.mean(axis=(2, 3), keepdims=True), channels_last=0)
    h = b.flatten(h)
    b.qparams[h] = b.qparams[b._flat_src(h)]
    h = b.qgemm(h, he_normal(r, (1000, 1280), 1280), _bias(r, 1000), base="classifier")
    b.add_output(b.dequantize(h), "output")
    return b


def _act(b, x, fn):
    """An activation of the quantized x, as the model writes it: LeakyRelu
    (alpha 0.1), SiLU (Sigmoid -> Mul), Mish or Sigmoid; float32 values
    (evaluated in float64)."""
    v = b.values[x].astype(np.float64)
    sig = 1.0 / (1.0 + np.exp(-v))
    if fn == "leaky":
        return b.node("LeakyRelu", [x], np.where(v < 0, 0.1 * v, v).astype(np.float32),
                      alpha=0.1)
    if fn == "silu":
        s = b.node("Sigmoid", [x], sig.astype(np.float32))
        return b.node("Mul", [x, s], (v * sig).astype(np.float32))
    if fn == "mish":
        return b.node("Mish", [x], (v * np.tanh(np.log1p(np.exp(v)))).astype(np.float32))
    assert fn == "sigmoid"
    return b.node("Sigmoid", [x], sig.astype(np.float32))


def yolo_uint4():
    """A YOLO-style detector (issue 9) as Brevitas exports one in QONNX
    (opset 18), 320x320: 4-bit signed per-channel weights (8-bit in the
    first layer and the heads), every activation asymmetric UINT4 with a
    learned (calibrated) zero point; each convolution's output quantized
    to 8 bits before its activation (LeakyRelu, SiLU as Sigmoid -> Mul,
    Mish: lookup tables); two CSP-like blocks (two 1x1 branches, a
    residual pair of 3x3 convolutions, Concat, 1x1 fusion), SPP (MaxPool
    5, 9, 13 at stride 1, Concat), nearest Resize x2 and Concat with the
    40x40 features, and two heads (20x20 and 40x40, 3 anchors x (5 + 2
    classes)) ending in Sigmoid."""
    b = QonnxBuilder("yolo_uint4", opset=18, seed=1242, num_calib=2)
    r = b.rng

    def conv(x, cout, k, s=1, act="leaky", wbits=4, base="conv"):
        w = b.quant_weight(base + "_w", _conv_w(r, cout, b.values[x].shape[1], k), wbits)
        y = b.quant_act(b.conv(x, w, _bias(r, cout), strides=s, pads=k // 2, base=base),
                        8, signed=True)
        return b.quant_act(_act(b, y, act), 4, asymmetric=True)

    def csp(x, c, base):
        a = conv(x, c // 2, 1, base=base + "_a")
        t = conv(x, c // 2, 1, act="silu", base=base + "_b")
        y = conv(t, c // 2, 3, act="silu", base=base + "_b1")
        y = conv(y, c // 2, 3, act="silu", base=base + "_b2")
        t = b.quant_act(b.add(y, t), 4, asymmetric=True)
        cat = b.quant_act(b.concat([a, t]), 4, asymmetric=True)
        return conv(cat, c, 1, act="silu", base=base + "_fuse")

    def head(x, base):
        w = b.quant_weight(base + "_w", _conv_w(r, 21, b.values[x].shape[1], 1), 8)
        y = b.quant_act(b.conv(x, w, _bias(r, 21), base=base), 8, signed=True)
        return b.quant_act(_act(b, y, "sigmoid"), 8)

    x = b.add_input("input", np.float32, [1, 3, 320, 320])
    h = b.quant_act(x, 8, signed=True)
    h = conv(h, 16, 3, 2, wbits=8, base="stem")                    # 16 x 160
    h = conv(h, 32, 3, 2, act="silu", base="down1")                # 32 x 80
    h = csp(h, 32, "csp1")
    p4 = conv(h, 64, 3, 2, base="down2")                           # 64 x 40
    p4 = csp(p4, 64, "csp2")
    h = conv(p4, 128, 3, 2, act="mish", base="down3")              # 128 x 20
    pools = [h] + [b.maxpool(h, k, 1, pads=k // 2) for k in (5, 9, 13)]
    h = b.quant_act(b.concat(pools), 4, asymmetric=True)          # SPP: 512 x 20
    h = conv(h, 128, 1, base="spp_fuse")
    b.add_output(head(h, "head20"), "head20")
    u = conv(h, 64, 1, base="lateral")
    v = b.values[u]
    up = b.node("Resize", [u, "", b.const("up_scales", np.array([1, 1, 2, 2], np.float32))],
                v.repeat(2, axis=2).repeat(2, axis=3), mode="nearest")
    b.qparams[up] = b.qparams_of(u)
    h = b.quant_act(b.concat([up, p4]), 4, asymmetric=True)        # 128 x 40
    h = conv(h, 64, 3, base="neck40")
    b.add_output(head(h, "head40"), "head40")
    return b


def two_inputs():
    """Two float inputs with different ranges (so different input scales):
    a residual Add of conv(a) and b, and a Concat with b; two outputs."""
    b = ModelBuilder("two_inputs", opset=15, seed=1007, num_calib=8)
    r = b.rng
    a = b.add_input("a", np.float32, [1, 4, 8, 8], -1.0, 1.0)
    x2 = b.add_input("b", np.float32, [1, 4, 8, 8], -3.0, 2.0)
    ha = b.make_qdq_conv(b.qdq(a, U8), _conv_w(r, 4, 4, 3), _bias(r, 4), pads=1,
                         base="conv_a")
    hb = b.qdq(x2, U8)
    s = b.qdq_add(ha, hb, act="relu")
    c = b.qdq_concat([s, hb], axis=1)
    b.add_output(s, "sum")
    b.add_output(c, "cat")
    return b


# --------------------------------------------------------------------------
# Low-bit models: QONNX (Quant / BipolarQuant / Trunc, run by ONNX Runtime
# through their standard-ONNX expansion, model_ort.onnx), and the standard
# ONNX forms of low widths (INT4 QDQ, QCDQ).
# --------------------------------------------------------------------------

def _damped_conv_w(rng, cout, cin, k, groups):
    """Conv weights whose output channel groups [(channels, bits), ...] are
    scaled by 2^(bits - 8): the narrow channels get the small ranges, as a
    per-channel width assignment would give them."""
    w = _conv_w(rng, cout, cin, k)
    gains = np.concatenate([np.full(n, 2.0 ** (bits - 8)) for n, bits in groups])
    return (w * gains.reshape(-1, 1, 1, 1)).astype(np.float32)


def _classifier(b, h, n_out=10, bits=8):
    """The feature map h is graph output "features" (compared element by
    element, unlike the pooled logits), then GlobalAveragePool -> Quant(bits)
    -> Flatten -> Gemm (bits-bit weights) -> Quant(8, signed): "output"."""
    r = b.rng
    h = b.add_output(h, "features")
    h = b.flatten(b.quant_act(b.global_avgpool(h), bits))
    c = b.values[h].shape[1]
    h = b.gemm(h, b.quant_weight("fc_w", he_normal(r, (n_out, c), c), bits), _bias(r, n_out),
               base="fc")
    b.add_output(b.quant_act(h, 8, signed=True), "output")
    return b


def mixed_widths():
    """QONNX, a width per layer: conv w3/a5, conv w5 (FLOOR rounding, not
    narrow)/a4, ternary conv (w2 narrow) + BatchNormalization/a8, depthwise
    w4/a3, 1x1 w6/a6, Gemm w8/a8; signed narrow weights, unsigned
    activations after Relu, 8-bit signed input and output."""
    b = QonnxBuilder("mixed_widths", opset=13, seed=1101)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16])
    h = b.quant_act(x, 8, signed=True)
    h = b.quant_act(b.conv(h, b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 3), _bias(r, 8),
                           pads=1, act="relu", base="conv1"), 5)
    w = b.quant_weight("conv2_w", _conv_w(r, 16, 8, 3), 5, narrow=False, rounding="FLOOR")
    h = b.quant_act(b.conv(h, w, _bias(r, 16), strides=2, pads=1, act="relu", base="conv2"), 4)
    w = b.quant_weight("conv3_w", _conv_w(r, 16, 16, 3), 2)
    h = b.quant_act(b.conv(h, w, pads=1, bn=_bn(r, 16), act="relu", base="conv3"), 8)
    w = b.quant_weight("dw_w", _conv_w(r, 16, 1, 3), 4)
    h = b.quant_act(b.conv(h, w, _bias(r, 16), pads=1, group=16, act="relu", base="dw"), 3)
    w = b.quant_weight("pw_w", _conv_w(r, 16, 16, 1), 6)
    h = b.quant_act(b.conv(h, w, _bias(r, 16), act="relu", base="pw"), 6)
    return _classifier(b, h)


def act_rounding():
    """QONNX activation Quant nodes with rounding modes other than ROUND
    (FLOOR, HALF_UP, DOWN) and weights rounded HALF_DOWN, UP and CEIL."""
    b = QonnxBuilder("act_rounding", opset=16, seed=1102)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 6, rounding="HALF_DOWN")
    h = b.quant_act(b.conv(h, w, _bias(r, 8), pads=1, act="relu", base="conv1"), 4,
                    rounding="FLOOR")
    w = b.quant_weight("conv2_w", _conv_w(r, 8, 8, 3), 5, rounding="UP")
    h = b.quant_act(b.conv(h, w, _bias(r, 8), pads=1, act="relu", base="conv2"), 5,
                    rounding="HALF_UP")
    w = b.quant_weight("conv3_w", _conv_w(r, 8, 8, 3), 8, rounding="CEIL")
    h = b.quant_act(b.conv(h, w, _bias(r, 8), strides=2, pads=1, base="conv3"), 8,
                    signed=True, rounding="DOWN")
    b.add_output(h, "output")
    return b


def op_rounding():
    """QONNX activation Quants with rounding modes other than ROUND after
    the ops that requantize on their own: Add (FLOOR), AveragePool 3x3
    (CEIL), a 5-bit Concat of an 8-bit input (a finer scale: UP rounds)
    and a 5-bit one, GlobalAveragePool
    (HALF_DOWN, "output"). Each is a graph output and every scale is a
    power of two, so ONNX Runtime's float results are exact and the e2e
    test requires 0 LSB: a wrong rounding mode shows."""
    b = QonnxBuilder("op_rounding", opset=16, seed=1121, pow2_scales=True)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 8)
    a = b.quant_act(b.conv(h, w, _bias(r, 8), pads=1, base="conv1"), 8, signed=True)
    w = b.quant_weight("conv2_w", _conv_w(r, 8, 8, 3), 8)
    c = b.quant_act(b.conv(a, w, _bias(r, 8), pads=1, base="conv2"), 8, signed=True)
    h = b.add_output(b.quant_act(b.add(a, c), 6, signed=True, rounding="FLOOR"), "add")
    p = b.add_output(b.quant_act(b.avgpool(h, 3, 3), 8, signed=True, rounding="CEIL"),
                     "avgpool")                                            # 8x4x4
    w = b.quant_weight("conv3_w", _conv_w(r, 8, 8, 3), 8)
    q = b.quant_act(b.conv(p, w, _bias(r, 8), pads=1, base="conv3"), 5, signed=True)
    h = b.add_output(b.quant_act(b.concat([q, p]), 5, signed=True, rounding="UP"),
                     "concat")                                             # 16x4x4
    b.add_output(b.quant_act(b.global_avgpool(h), 8, signed=True, rounding="HALF_DOWN"),
                 "output")
    return b


def sliced_a():
    """QONNX per-channel widths, form (a): one Quant whose bitwidth is a
    tensor broadcast along the channel axis: activations [1,16,1,1]
    (channels 0-7 4 bits, 8-15 8 bits, one scale), weights [32,1,1,1]
    (filters 0-7 2 bits, 8-15 4 bits, 16-31 8 bits, per-filter scales)."""
    b = QonnxBuilder("sliced_a", opset=14, seed=1103)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 4, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    act_groups = [(8, 4), (8, 8)]
    w = b.quant_weight("conv1_w", _damped_conv_w(r, 16, 4, 3, act_groups), 6)
    h = b.quant_act(b.conv(h, w, _bias(r, 16), pads=1, act="relu", base="conv1"), act_groups,
                    form="tensor")
    w = b.quant_weight("conv2_w", _conv_w(r, 32, 16, 3), [(8, 2), (8, 4), (16, 8)],
                       form="tensor")
    h = b.quant_act(b.conv(h, w, _bias(r, 32), strides=2, pads=1, act="relu", base="conv2"), 8)
    return _classifier(b, h)


def lowbit_bytes():
    """Weights-dominated mixed-precision net for the weight-bytes check:
    4-bit, 2-bit, sliced 2/4-bit (form a) and 8-bit 3x3 convolutions, 64
    channels, 8-bit activations."""
    b = QonnxBuilder("lowbit_bytes", opset=14, seed=1110)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 16, 8, 8])
    h = b.quant_act(x, 8, signed=True)
    for i, bits in enumerate([4, 2, [(32, 2), (32, 4)], 4, 8]):
        cin = 16 if i == 0 else 64
        w = b.quant_weight("conv%d_w" % i, _conv_w(r, 64, cin, 3), bits,
                           form=None if isinstance(bits, int) else "tensor")
        h = b.quant_act(b.conv(h, w, _bias(r, 64), pads=1, act="relu", base="conv%d" % i), 8)
    return _classifier(b, h)


def sliced_b():
    """QONNX per-channel widths, form (b): Split (opset 13, sizes input) ->
    a Quant per slice -> Concat, for weights (axis 0: 2/4/8 bits) and
    activations (axis 1: 4/8 bits); then the same with Slice nodes
    (weights 3/6 bits, activations 5/8 bits)."""
    b = QonnxBuilder("sliced_b", opset=13, seed=1104)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 4, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    act_groups = [(16, 4), (16, 8)]
    w = b.quant_weight("conv1_w", _damped_conv_w(r, 32, 4, 3, act_groups),
                       [(8, 2), (8, 4), (16, 8)], form="split")
    h = b.quant_act(b.conv(h, w, _bias(r, 32), pads=1, act="relu", base="conv1"), act_groups,
                    form="split")
    act_groups = [(4, 5), (12, 8)]
    w = b.quant_weight("conv2_w", _damped_conv_w(r, 16, 32, 3, act_groups), [(8, 3), (8, 6)],
                       form="slice")
    h = b.quant_act(b.conv(h, w, _bias(r, 16), strides=2, pads=1, act="relu", base="conv2"),
                    act_groups, form="slice")
    return _classifier(b, h)


def uint4_asym():
    """QONNX asymmetric UINT4 activations (signed=0, 4 bits, scale and zero
    point calibrated on ranges the biases skew: zero points 2 to 4, not the
    8 of an INT4 in disguise) between convs with 4-bit signed weights
    (per-tensor scale, not narrow: Brevitas' default weight quantizer), no
    Relu, and a residual Add."""
    b = QonnxBuilder("uint4_asym", opset=15, seed=1105)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 4, narrow=False, per_tensor=True)
    t = b.quant_act(b.conv(h, w, _bias(r, 8, mean=1.5), pads=1, base="conv1"), 4,
                    asymmetric=True)
    w = b.quant_weight("conv2_w", _conv_w(r, 8, 8, 3), 4, narrow=False, per_tensor=True)
    h = b.quant_act(b.conv(t, w, _bias(r, 8, mean=1.5), pads=1, base="conv2"), 4,
                    asymmetric=True)
    h = b.quant_act(b.add(h, t), 4, asymmetric=True)
    w = b.quant_weight("conv3_w", _conv_w(r, 8, 8, 1), 4, narrow=False, per_tensor=True)
    h = b.quant_act(b.conv(h, w, _bias(r, 8), base="conv3"), 8, signed=True)
    b.add_output(h, "output")
    return b


def packed_acts():
    """Sub-byte activations that qcc stores packed between their readers:
    UINT4 (asymmetric) conv output read by a padded MaxPool 3x3 stride 1
    and a strided conv; signed INT4 conv outputs read by a padded MaxPool
    and an Add whose INT2 output (16 channels, 4 per byte) is read by a
    1x1 conv and a residual Add; 8-bit output."""
    b = QonnxBuilder("packed_acts", opset=15, seed=1120)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 3, 3), 4)
    t = b.quant_act(b.conv(h, w, _bias(r, 16, mean=1.0), pads=1, base="conv1"), 4,
                    asymmetric=True)
    p = b.maxpool(t, 3, 1, pads=1)
    w = b.quant_weight("conv2_w", _conv_w(r, 16, 16, 3), 4)
    h = b.quant_act(b.conv(p, w, _bias(r, 16), strides=2, pads=1, base="conv2"), 4,
                    signed=True)
    w = b.quant_weight("conv3_w", _conv_w(r, 16, 16, 3), 4)
    h3 = b.quant_act(b.conv(t, w, _bias(r, 16), strides=2, pads=1, base="conv3"), 4,
                     signed=True)
    h = b.maxpool(h, 3, 1, pads=1)                       # signed INT4, padded with -8
    s2 = b.quant_act(b.add(h, h3), 2, signed=True)                           # 16x6x6
    w = b.quant_weight("conv4_w", _conv_w(r, 16, 16, 1), 2)
    h = b.quant_act(b.conv(s2, w, _bias(r, 16), base="conv4"), 2, signed=True)
    h = b.quant_act(b.add(h, s2), 8, signed=True)
    b.add_output(h, "output")
    return b


def binary_net():
    """QONNX binary network: 8-bit input and weights in the first conv,
    then BipolarQuant weights (power-of-two scale) and activations
    (Conv -> BatchNormalization -> BipolarQuant), one binary conv padded, a
    MaxPool of binary activations, one binary conv unpadded (graph output
    "features"); the head is GlobalAveragePool -> Quant(8) -> MatMul (8-bit
    weights, per-column scale) + Add -> Quant(8): "output"."""
    b = QonnxBuilder("binary_net", opset=17, seed=1106)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 3, 3), 8)
    h = b.bipolar_act(b.conv(h, w, pads=1, bn=_bn(r, 16), base="conv1"))
    w = b.bipolar_weight("conv2_w", _conv_w(r, 16, 16, 3))
    h = b.bipolar_act(b.conv(h, w, pads=1, bn=_bn(r, 16), base="conv2"))
    h = b.maxpool(h, 2, 2)                                               # 16x8x8
    w = b.bipolar_weight("conv3_w", _conv_w(r, 32, 16, 3))
    h = b.bipolar_act(b.conv(h, w, bn=_bn(r, 32), base="conv3"))         # 32x6x6
    h = b.add_output(h, "features")
    h = b.flatten(b.quant_act(b.global_avgpool(h), 8, signed=True))
    w = b.quant_weight("fc_w", he_normal(r, (32, 10), 32), 8, axis=1)
    b.add_output(b.quant_act(b.matmul(h, w, _bias(r, 10), base="fc"), 8, signed=True),
                 "output")
    return b


def binary_wide():
    """QONNX binary layers wider than one 64-bit word, for the XNOR-popcount
    kernel: first conv 3 -> 96 channels with bipolar weights on the 8-bit
    input (packed 1-bit weights in the int8 microkernel); binary conv
    96 -> 80 (three 32-bit words) stride 2, padded; binary conv 80 -> 72
    3x3 padded with 2 groups (40 channels per group: five 8-bit words);
    MaxPool; binary Gemm
    (288 inputs -> 48, bias, BipolarQuant); 8-bit Gemm head: "output".
    The last binary conv is also an output ("features")."""
    b = QonnxBuilder("binary_wide", opset=17, seed=1115)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.quant_act(x, 8, signed=True)
    w = b.bipolar_weight("conv1_w", _conv_w(r, 96, 3, 3))
    h = b.bipolar_act(b.conv(h, w, pads=1, bn=_bn(r, 96), base="conv1"))       # 96x12x12
    w = b.bipolar_weight("conv2_w", _conv_w(r, 80, 96, 3))
    h = b.bipolar_act(b.conv(h, w, strides=2, pads=1, bn=_bn(r, 80), base="conv2"))  # 80x6x6
    w = b.bipolar_weight("conv3_w", _conv_w(r, 72, 40, 3))
    h = b.bipolar_act(b.conv(h, w, pads=1, group=2, bn=_bn(r, 72), base="conv3"))
    h = b.add_output(h, "features")                                            # 72x6x6
    h = b.flatten(b.maxpool(h, 3, 3))                                          # 72x2x2 -> 288
    w = b.bipolar_weight("fc1_w", he_normal(r, (48, 288), 288))
    h = b.bipolar_act(b.gemm(h, w, _bias(r, 48, std=2.0), base="fc1"))
    w = b.quant_weight("fc2_w", he_normal(r, (10, 48), 48), 8)
    b.add_output(b.quant_act(b.gemm(h, w, _bias(r, 10), base="fc2"), 8, signed=True),
                 "output")
    return b


def trunc_avgpool():
    """QONNX quantized average pooling as Brevitas exports it:
    AveragePool 2x2 (graph output "features") and GlobalAveragePool 4x4 ->
    Mul(window) -> Trunc (FLOOR) back to the 4-bit activation width; a
    Gemm head: "output"."""
    b = QonnxBuilder("trunc_avgpool", opset=13, seed=1107)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 4)
    h = b.quant_act(b.conv(h, w, _bias(r, 8), pads=1, act="relu", base="conv1"), 4)
    h = b.add_output(b.trunc_avgpool(h, 4, k=2, s=2), "features")       # 8x8x8
    w = b.quant_weight("conv2_w", _conv_w(r, 16, 8, 3), 4)
    h = b.quant_act(b.conv(h, w, _bias(r, 16), strides=2, pads=1, act="relu", base="conv2"), 4)
    h = b.flatten(b.trunc_avgpool(h, 4))                                 # 16x4x4 -> 16
    h = b.gemm(h, b.quant_weight("fc_w", he_normal(r, (10, 16), 16), 8), _bias(r, 10),
               base="fc")
    b.add_output(b.quant_act(h, 8, signed=True), "output")
    return b


def int4_qdq():
    """Standard ONNX (opset 21) QDQ with INT4 per-channel weights and UINT4
    activations after Relu, INT4 activations (non-zero zero point) at the
    output; 8-bit input."""
    b = ModelBuilder("int4_qdq", opset=21, seed=1108, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.qdq(x, I8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        out_dtype=UINT4, w_dtype=INT4, base="conv1")
    h = b.make_qdq_conv(h, _conv_w(r, 16, 8, 3), _bias(r, 16), strides=2, pads=1, act="relu",
                        out_dtype=UINT4, w_dtype=INT4, base="conv2")
    h = b.make_qdq_conv(h, _conv_w(r, 8, 16, 1), _bias(r, 8), out_dtype=INT4, w_dtype=INT4,
                        base="conv3")
    b.add_output(h, "output")
    return b


def a16w8_qdq(name="a16w8_qdq", opset=21, domain=""):
    """ONNX Runtime's quantize_static with 16-bit activations and 8-bit
    weights (QuantType.QInt16 / QUInt16 activations, QInt8 per-channel
    weights; opset 21, where QuantizeLinear/DequantizeLinear take int16
    and uint16): every Conv, MaxPool, Add, GlobalAveragePool and Gemm
    between int16/uint16 Q -> DQ pairs, int32 biases. ORT computes each of
    them in float between the pairs; so does qcc."""
    b = ModelBuilder(name, opset=opset, seed=1121, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.qdq(x, I16)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        out_dtype=U16, base="conv1")
    h = b.qdq_maxpool(h, 2, 2)
    a = b.make_qdq_conv(h, _conv_w(r, 8, 8, 3), _bias(r, 8), pads=1, out_dtype=I16,
                        base="conv2")
    h = b.qdq_add(h, a, act="relu", out_dtype=U16)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 8, 3), _bias(r, 16), strides=2, pads=1,
                        act="relu", out_dtype=I16, base="conv3")
    h = b.flatten(b.qdq_gap(h, I16))
    h = b.qdq_gemm(h, he_normal(r, (10, 16), 16), _bias(r, 10), out_dtype=I16)
    b.add_output(h, "output")
    for n in b.nodes:
        if n.op_type in ("QuantizeLinear", "DequantizeLinear"):
            n.domain = domain
    return b


def a16w8_ms():
    """a16w8_qdq as ONNX Runtime's quantizer writes it below opset 21
    (here 17): QuantizeLinear / DequantizeLinear of the com.microsoft
    domain, which take 16-bit types at any opset."""
    return a16w8_qdq("a16w8_ms", opset=17, domain="com.microsoft")


def a16w16_io():
    """16-bit graph edges (issue 9): an int16 graph input with its own
    DequantizeLinear, a Conv with int16 per-channel weights (A16W16), a
    uint16 activation, and the int16 QuantizeLinear output as a graph
    output (no trailing DequantizeLinear), next to a float one; opset 21."""
    b = ModelBuilder("a16w16_io", opset=21, seed=1122, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.int16, [1, 4, 10, 10])
    qp = b.qparams_for(x, I16, scale=np.float32(1.0 / 16384.0), zp=0)
    b.qparams[x] = qp
    h = b.dequantize(x, qp)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 4, 3), _bias(r, 8), pads=1, act="relu",
                        out_dtype=U16, w_dtype=I16, base="conv1")
    f = b.qdq_maxpool(h, 2, 2)
    h = b.make_qdq_conv(h, _conv_w(r, 4, 8, 3), _bias(r, 4), strides=2, pads=1,
                        out_dtype=I16, base="conv2")
    dq_node = b.nodes.pop()
    assert dq_node.op_type == "DequantizeLinear" and dq_node.output[0] == h
    b.add_output(dq_node.input[0], "output")
    b.add_output(f, "pooled")
    return b


def int4_io():
    """int4 / uint4 graph edges (issue 9), packed as ONNX stores them: a
    UINT4 graph input of 7x7 codes (an odd count: the last byte's high
    nibble is padding, set to ones in the test input) with its own
    DequantizeLinear (zero point 3), convs
    with INT4 per-channel weights and UINT4 activations, an INT4
    QuantizeLinear result as a graph output (45 values, no trailing
    DequantizeLinear; its padding nibble must be 0), a UINT4 MaxPool output and a float one; opset 21.
    ORT (no int4 tensors in onnxruntime-node) runs it with int8 edges and
    Casts (python/qcc_models/oracle.py, with_int8_edges), graph
    optimizations disabled: ORT 1.30's QDQ rewrites drop the Q/DQ pair
    around the MaxPool and then fail to load the model (no MaxPool kernel
    for uint4)."""
    b = ModelBuilder("int4_io", opset=21, seed=1124, num_calib=8)
    b.ort_opt_level = "disabled"
    r = b.rng
    x = b.add_input("codes", UINT4, [1, 3, 7, 7])
    qp = b.qparams_for(x, UINT4, scale=np.float32(0.125), zp=3)
    b.qparams[x] = qp
    h = b.dequantize(x, qp)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        out_dtype=UINT4, w_dtype=INT4, base="conv1")
    p = b.qdq_maxpool(h, 2, 2)
    h = b.make_qdq_conv(h, _conv_w(r, 5, 8, 3), _bias(r, 5), strides=2,
                        out_dtype=INT4, w_dtype=INT4, base="conv2")
    dq_node = b.nodes.pop()
    assert dq_node.op_type == "DequantizeLinear" and dq_node.output[0] == h
    b.add_output(dq_node.input[0], "features", dtype=INT4)
    pooled_q = next(n.input[0] for n in b.nodes if n.output[0] == p)
    b.add_output(pooled_q, "pooled", dtype=UINT4)
    b.add_output(p, "pooled_float")
    return b


def f16_qdq():
    """A float16 QDQ model (issue 9), as a float16 conversion of a QDQ
    model writes it (onnxconverter-common's convert_float_to_float16, NVIDIA
    ModelOpt's float16 exports): a float16 input, every QuantizeLinear /
    DequantizeLinear scale float16 (per-channel weights, int32 biases too),
    float16 tensors between the pairs, float16 outputs; opset 19, where
    QuantizeLinear and DequantizeLinear take float16. qcc reads each scale
    as the binary32 value binary16 holds and runs the pairs as integer
    kernels; ONNX Runtime runs them in float16 arithmetic: within 1 LSB."""
    b = ModelBuilder("f16_qdq", opset=19, seed=1125, num_calib=8)
    b.float16 = True
    r = b.rng
    x = b.add_input("input", np.float16, [1, 3, 12, 12])
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")
    h = b.qdq_maxpool(h, 2, 2)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 8, 3), _bias(r, 8), pads=1, out_dtype=np.int8,
                        base="conv2")
    h = b.add_output(h, "features")
    h = b.flatten(b.qdq_gap(h, U8))
    h = b.qdq_gemm(h, he_normal(r, (10, 8), 8), _bias(r, 10))
    b.add_output(h, "logits")
    return b


def f16_edges():
    """float16 graph edges (issue 9): every binary16 bit pattern widened by
    Cast(to=FLOAT), and binary32 values chosen to exercise rounding to
    binary16 (ties between neighbours and either side of them, the
    subnormal range, the overflow threshold 65520, infinities, NaN, random
    bit patterns) narrowed by Cast(to=FLOAT16), output as float16 and
    widened back to float32."""
    b = ModelBuilder("f16_edges", opset=13, seed=1123, batched=False)
    r = b.rng
    every = np.arange(65536, dtype=np.uint16).view(np.float16).reshape(1, -1)
    h = b.add_input("h", np.float16, every.shape, data=every)
    b.add_output(b.node("Cast", [h], every.astype(np.float32), to=TensorProto.FLOAT),
                 "widened")
    # Finite binary16 values, their midpoints (ties) and the floats next to them.
    fin = every[np.isfinite(every)].astype(np.float64)
    fin = np.unique(fin)
    mid = (fin[:-1] + fin[1:]) / 2.0
    mid32 = mid.astype(np.float32)
    assert np.all(mid32.astype(np.float64) == mid)
    near = np.concatenate([mid32, np.nextafter(mid32, np.float32(np.inf)),
                           np.nextafter(mid32, np.float32(-np.inf))])
    special = np.array([65504.0, 65519.996, 65520.0, 65536.0, 1e30, np.inf, -np.inf,
                        np.nan, 2.0 ** -24, 2.0 ** -25, 2.0 ** -26, 3 * 2.0 ** -26,
                        2.0 ** -14, 2.0 ** -14 - 2.0 ** -25, 1e-30, 0.0, -0.0],
                       np.float32)
    rand = r.integers(0, 2 ** 32, size=4096, dtype=np.uint64).astype(np.uint32).view(np.float32)
    f = np.concatenate([special, near[r.permutation(near.size)[:12288]], rand])
    f = f.astype(np.float32).reshape(1, -1)
    x = b.add_input("f", np.float32, f.shape, data=f)
    with np.errstate(over="ignore"):
        fh = f.astype(np.float16)
    n = b.node("Cast", [x], fh, to=TensorProto.FLOAT16)
    b.add_output(b.node("Cast", [n], fh.astype(np.float32), to=TensorProto.FLOAT),
                 "round_trip")
    b.add_output(n, "narrowed")
    return b


def f16_io_cnn():
    """A QDQ CNN with float16 graph input and output (issue 9), as a
    float16 conversion that keeps the graph in float32 writes it: Cast to
    float32 after the input, Cast to float16 before the output."""
    b = ModelBuilder("f16_io_cnn", opset=13, seed=1124, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float16, [1, 3, 8, 8])
    h = b.node("Cast", [x], b.values[x].astype(np.float32), to=TensorProto.FLOAT)
    h = b.qdq(h, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")
    h = b.make_qdq_conv(h, _conv_w(r, 4, 8, 3), _bias(r, 4), pads=1, out_dtype=I8,
                        base="conv2")
    scale = float(b.qparams[h].scale)
    y = b.node("Cast", [h], b.values[h].astype(np.float16), to=TensorProto.FLOAT16)
    b.add_output(y, "output", scale=scale)
    return b


def qcdq():
    """Standard ONNX QCDQ (Brevitas' export of low widths): QuantizeLinear
    (int8) -> Clip(integer bounds) -> DequantizeLinear, the width given by
    the Clip: weights [-8,7] and [-4,3] (per channel), activations [0,15]
    and [0,31] after Relu, output [-32,31]; 8-bit input."""
    b = ModelBuilder("qcdq", opset=13, seed=1109, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.qdq(x, I8)
    for base, w, stride, act, wrange, arange in (
            ("conv1", _conv_w(r, 8, 3, 3), 1, "relu", (-8, 7), (0, 15)),
            ("conv2", _conv_w(r, 16, 8, 3), 2, "relu", (-4, 3), (0, 31)),
            ("conv3", _conv_w(r, 8, 16, 3), 1, None, (-8, 7), (-32, 31))):
        wdq, wscale = b.weight_qcdq_per_channel(base + "_w", w, wrange)
        bdq = b.bias_dq(base + "_b", _bias(r, w.shape[0]), b.input_qp(h).scale, wscale)
        y = b.float_conv(h, wdq, bdq, strides=stride, pads=1, act=act, base=base)
        # calibrated at the 99.5th percentile: the Clip really clips
        h = b.qcdq(y, arange, percentile=99.5)
    b.add_output(h, "output")
    return b


def zp_ties():
    """Regression for QONNX's rounding order (issue 8, bug 1): Quant is
    clamp(round(x / scale + zeropt)), the zero point added *before*
    rounding, unlike ONNX QuantizeLinear. The two differ at ties with an
    odd zero point (half-even) and near zero (the modes that look at the
    sign). Every rounding mode x zero point (odd, even, both range ends)
    x signed / unsigned x narrow / not, all 4-bit at scale 0.5, on two
    paths: a Quant of the float input (qnn.quantize, outputs "in_s" and
    "in_u") and a Quant after a 1x1 conv (the integer requantization,
    "conv_s", "conv_u"); and every mode after an Add with an odd zero
    point (also in "conv_s" and "conv_u"). The input holds k / 4 for k = -16..15 once each, so
    half the values are ties. The branches of each output are
    concatenated and quantized to 8 bits at scale 0.5, which holds every
    branch value exactly. Every scale is a power of two: ONNX Runtime's
    float results are exact and the test requires 0 LSB."""
    b = QonnxBuilder("zp_ties", opset=13, seed=1201, batched=False)
    x = b.add_input("input", np.float32, [1, 1, 4, 8],
                    data=np.arange(-16, 16, dtype=np.float32) / 4)
    xq = b.quant(x, 0.25, 0, 8, True)
    zps = {True: [-8, -3, 2, 7], False: [0, 7, 8, 15]}
    outs = {}
    for signed in (True, False):
        sfx = "s" if signed else "u"
        for path in ("in", "conv"):
            branches = outs.setdefault("%s_%s" % (path, sfx), [])
            for mode in ROUNDING_MODES:
                for narrow in (False, True):
                    for zp in zps[signed]:
                        if path == "in":
                            y = x
                        else:
                            w = b.quant_weight("w", np.ones((1, 1, 1, 1), np.float32), 2)
                            y = b.conv(xq, w, base="conv")
                        branches.append(b.quant(y, 0.5, zp, 4, signed, narrow, mode))
        # Add of scales 0.25 and 0.125 into scale 0.5: ties again.
        for mode in ROUNDING_MODES:
            s = b.add(xq, b.quant(x, 0.125, 0, 8, True))
            outs["conv_" + sfx].append(b.quant(s, 0.5, -3 if signed else 7, 4, signed,
                                               False, mode))
    for name, branches in outs.items():
        b.add_output(b.quant(b.concat(branches), 0.5, 0, 8, True), name)
    return b

def _pow2_bn(rng, n):
    """BatchNormalization parameters whose float arithmetic is exact: gamma
    a signed power of two, var a power of four and epsilon 0 (so the
    factor gamma / sqrt(var + eps) is a power of two), mean and beta on a
    2^-14 grid: finer than the accumulator unit of coarse low-bit weights,
    so the folded bias needs a bias_shift. (gamma, beta, mean, var, eps)
    for ModelBuilder.batchnorm."""
    gamma = (rng.choice([0.5, 1.0, 2.0], n) * rng.choice([1.0, -1.0], n, p=[0.75, 0.25]))
    var = rng.choice([0.25, 1.0, 4.0], n)
    mean = rng.integers(-4096, 4097, n) / 16384.0
    beta = rng.integers(-4096, 4097, n) / 16384.0
    return tuple(np.asarray(a, np.float32) for a in (gamma, beta, mean, var)) + (0.0,)


def sliced_bn():
    """Regression (issue 8, bug 3): QONNX convolutions whose weight Quant
    has a per-output-channel bit-width tensor (slices of 2, 4 and 8 bits;
    3 and 8 bits), then BatchNormalization, Relu and an activation Quant.
    Legalization splits such a conv by width; each part must keep the
    folded BN bias's bias_shift (it was dropped: up to 100 LSB off). Every
    scale and BN factor is a power of two and epsilon is 0, so ONNX
    Runtime's float results are exact and the test requires 0 LSB."""
    b = QonnxBuilder("sliced_bn", opset=13, seed=1203, pow2_scales=True)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 4, 8, 8])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 4, 3), [(4, 2), (4, 4), (8, 8)],
                       form="tensor")
    h = b.quant_act(b.conv(h, w, _bias(r, 16), pads=1, bn=_pow2_bn(r, 16), act="relu",
                           base="conv1"), 8)
    w = b.quant_weight("conv2_w", _conv_w(r, 8, 16, 3), [(4, 3), (4, 8)], form="tensor")
    h = b.quant_act(b.conv(h, w, None, strides=2, pads=1, bn=_pow2_bn(r, 8), base="conv2"),
                    6, signed=True)
    b.add_output(h, "output")
    return b


def _affine(b, x, op, c, axis=1):
    """x `op` c (Mul / Add / Sub / Div) with c a float constant: a vector
    along `axis` of x (shape [1, .., n, .., 1]) or a scalar; Sub with c as
    the minuend when op is "rsub"."""
    v = b.values[x]
    c = np.asarray(c, np.float32)
    if c.ndim:
        shape = [1] * v.ndim
        shape[axis] = c.size
        c = c.reshape(shape[axis:] if axis == v.ndim - 1 else shape)
    cn = b.const(op.lower() + "_c", c)
    if op == "rsub":
        return b.node("Sub", [cn, x], (c - v).astype(np.float32))
    f = {"Mul": np.multiply, "Add": np.add, "Sub": np.subtract, "Div": np.divide}[op]
    return b.node(op, [x, cn], f(v, c).astype(np.float32))


def _pow2_affine(r):
    """gamma(n): signed powers of two in [1/4, 2]; beta(n, grid, lim): values
    on a 2^-10 (or `grid`) grid in [-lim, lim]. Exact in float32."""
    def gamma(n):
        return r.choice([0.25, 0.5, 1.0, 2.0], n) * r.choice([1.0, -1.0], n)

    def beta(n, grid=2.0 ** -10, lim=0.25):
        return r.integers(-int(lim / grid), int(lim / grid) + 1, n) * grid
    return gamma, beta


def muladd_bn():
    """Regression (issue 8, bug 2): batch normalization as Brevitas and FINN
    export it, a per-channel float Mul then Add between a Conv / MatMul and
    the next quantizer (BipolarQuant, Quant, Relu -> Quant), with negative
    gammas; and scalar Mul / Div / Sub (both operand orders) by constants in
    the same place. qcc refused them ("feeds node Mul directly"). Every
    factor is a signed power of two and every offset on a fine 2^-k grid,
    all scales powers of two: ONNX Runtime's float results are exact and
    the test requires 0 LSB ("features": the binary layers' output)."""
    b = QonnxBuilder("muladd_bn", opset=13, seed=1207, pow2_scales=True)
    r = b.rng
    gamma, beta = _pow2_affine(r)

    x = b.add_input("input", np.float32, [1, 3, 10, 10])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 3, 3), 8)
    y = _affine(b, _affine(b, b.conv(h, w, pads=1, base="conv1"), "Mul", gamma(16)),
                "Add", beta(16))
    h = b.bipolar_quant(y, 1.0)
    w = b.bipolar_weight("conv2_w", _conv_w(r, 16, 16, 3))
    y = _affine(b, _affine(b, b.conv(h, w, pads=1, base="conv2"), "Mul", gamma(16)),
                "Add", beta(16, 0.25, 4.0))
    h = b.add_output(b.bipolar_quant(y, 1.0), "features")
    w = b.bipolar_weight("conv3_w", _conv_w(r, 8, 16, 3))
    y = _affine(b, _affine(b, b.conv(h, w, strides=2, base="conv3"), "Mul", 0.5), "Sub",
                -0.375)
    h = b.quant_act(b.relu(y), 4)
    w = b.quant_weight("conv4_w", _conv_w(r, 8, 8, 1), 4)
    y = _affine(b, _affine(b, b.conv(h, w, base="conv4"), "Div", 4.0), "rsub", 0.75)
    h = b.flatten(b.quant_act(y, 5, signed=True))
    w = b.quant_weight("fc_w", he_normal(r, (b.values[h].shape[1], 6),
                                         b.values[h].shape[1]), 4, axis=1)
    y = b.float_matmul(h, w[0], b.float_bias("fc_b", _bias(r, 6), b.qparams_of(h).scale, w[1]))
    y = _affine(b, _affine(b, y, "Mul", gamma(6), axis=1), "Add", beta(6), axis=1)
    b.add_output(b.quant_act(y, 8, signed=True), "output")
    return b


def negated_bn():
    """Regression (issue 8): negative BatchNormalization / Mul factors on
    weights whose mirror around the zero point does not fit their width
    (signed 8-bit weights with zero point 1 reaching -126, which mirrors to
    128; unsigned 4-bit weights with zero point 3 and unsigned 4-bit
    weights with zero point 0). qcc refused them ("cannot fold the negative
    scale (gamma)"); the folded channels now keep their weights and negate
    their accumulator (qnn negated_channels), into a Quant, a BipolarQuant
    (the bias of a negated channel rounds up) and after a MatMul. Every
    scale and factor is a power of two: ONNX Runtime's float results are
    exact and the test requires 0 LSB."""
    b = QonnxBuilder("negated_bn", opset=13, seed=1211, pow2_scales=True)
    r = b.rng
    gamma, beta = _pow2_affine(r)

    x = b.add_input("input", np.float32, [1, 3, 10, 10])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 3, 3), 8, narrow=False, zeropt=1.0)
    bn = _pow2_bn(r, 16)
    bn = (np.where(np.arange(16) % 2 == 0, -np.abs(bn[0]), bn[0]).astype(np.float32),) + bn[1:]
    h = b.quant_act(b.conv(h, w, _bias(r, 16), pads=1, bn=bn, base="conv1"), 8, signed=True)
    w = b.quant_weight("conv2_w", _conv_w(r, 16, 16, 3), 4, narrow=False, signed=False,
                       zeropt=3.0)
    y = _affine(b, _affine(b, b.conv(h, w, pads=1, base="conv2"), "Mul", gamma(16)),
                "Add", beta(16))
    h = b.add_output(b.bipolar_quant(y, 1.0), "features")
    w = b.bipolar_weight("conv3_w", _conv_w(r, 8, 16, 3))
    y = _affine(b, b.conv(h, w, strides=2, base="conv3"), "Mul", gamma(8))
    h = b.flatten(b.quant_act(y, 4, signed=True))
    w = b.quant_weight("fc_w", he_normal(r, (b.values[h].shape[1], 6),
                                         b.values[h].shape[1]), 4, axis=1, signed=False)
    y = b.float_matmul(h, w[0], b.float_bias("fc_b", _bias(r, 6), b.qparams_of(h).scale, w[1]))
    y = _affine(b, _affine(b, y, "Mul", -np.abs(gamma(6)), axis=1), "Add", beta(6), axis=1)
    b.add_output(b.quant_act(y, 8, signed=True), "output")
    return b


def brevitas_opset11():
    """A QONNX CNN as Brevitas exports one at opset 11 (issue 9): float input
    normalization (Sub mean, Div std per channel) before the 8-bit input
    Quant, 4-bit convolutions with batch norms as a per-channel Mul then Add
    (and one BatchNormalization node), Relu, MaxPool, and the classifier's
    flatten written as torch writes x.view(x.size(0), -1): Shape -> Gather ->
    Unsqueeze (axes an attribute at opset 11) -> Concat -> Reshape. Every
    scale and factor is a power of two: ONNX Runtime's float results are
    exact and the test requires 0 LSB."""
    b = QonnxBuilder("brevitas_opset11", opset=11, seed=1213, pow2_scales=True)
    r = b.rng
    gamma, beta = _pow2_affine(r)
    x = b.add_input("input", np.float32, [1, 3, 16, 16], 0.0, 1.0)
    # Input normalization left in float before the first quantizer (as a
    # torchvision-style transform exported with the model): Sub mean, Div std.
    x = _affine(b, x, "Sub", [0.485, 0.456, 0.406])
    x = _affine(b, x, "Div", [0.229, 0.224, 0.225])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", _conv_w(r, 16, 3, 3), 4)
    y = _affine(b, _affine(b, b.conv(h, w, pads=1, base="conv1"), "Mul", np.abs(gamma(16))),
                "Add", beta(16))
    h = b.quant_act(b.relu(y), 4)
    h = b.maxpool(h, 2, 2)
    w = b.quant_weight("conv2_w", _conv_w(r, 16, 16, 3), 4)
    h = b.quant_act(b.conv(h, w, pads=1, bn=_pow2_bn(r, 16), act="relu", base="conv2"), 4)
    h = b.maxpool(h, 2, 2)
    h = b._keep_quant(h, b.shape_flatten(h))
    w = b.quant_weight("fc_w", he_normal(r, (b.values[h].shape[1], 10),
                                         b.values[h].shape[1]), 4, axis=1)
    y = b.float_matmul(h, w[0], b.float_bias("fc_b", _bias(r, 10), b.qparams_of(h).scale, w[1]))
    b.add_output(b.quant_act(y, 8, signed=True), "output")
    return b


def _lookup_tables(name, funcs):
    """Every uint8 code (input [1, 256] = 0..255, scale 1/16, zero point
    128: reals -8 .. 7.94) -> DequantizeLinear -> an elementwise function
    -> QuantizeLinear (power-of-two scale) -> DequantizeLinear, one output a
    function: qcc's compile-time tables checked on every code against ONNX
    Runtime (opset 18)."""
    b = ModelBuilder(name, opset=18, seed=1215, batched=False, pow2_scales=True)
    x = b.add_input("codes", np.uint8, [1, 256],
                    data=np.arange(256, dtype=np.uint8).reshape(1, 256))
    qp = b.qparams_for(x, np.uint8, np.float32(2.0 ** -4), 128)
    b.qparams[x] = qp
    h = b.dequantize(x, qp)
    v = b.values[h].astype(np.float64)
    sig = 1.0 / (1.0 + np.exp(-v))
    softplus = np.log1p(np.exp(v))
    table = {
        "LeakyRelu": lambda a: np.where(v < 0, a["alpha"] * v, v),
        "HardSigmoid": lambda a: np.clip(a["alpha"] * v + a["beta"], 0, 1),
        "Sigmoid": lambda a: sig, "SiLU": lambda a: v * sig, "Tanh": lambda a: np.tanh(v),
        "HardSwish": lambda a: v * np.clip(v / 6 + 0.5, 0, 1),
        "Mish": lambda a: v * np.tanh(softplus), "Softplus": lambda a: softplus,
        "Elu": lambda a: np.where(v < 0, a.get("alpha", 1.0) * np.expm1(v), v),
        "Selu": lambda a: 1.0507009873554805 * np.where(v <= 0, 1.6732632423543772 *
                                                        np.expm1(v), v),
        "Celu": lambda a: np.maximum(v, 0) + np.minimum(
            a["alpha"] * np.expm1(v / a["alpha"]), 0),
        "Softsign": lambda a: v / (1 + np.abs(v)),
        "ThresholdedRelu": lambda a: np.where(v > a["alpha"], v, 0),
    }
    for fname, attrs, dtype in funcs:
        y = table[fname](attrs).astype(np.float32)
        out = b.node("Sigmoid" if fname == "SiLU" else fname, [h],
                     sig.astype(np.float32) if fname == "SiLU" else y, **attrs)
        if fname == "SiLU":
            out = b.node("Mul", [h, out], y)
        b.add_output(b.qdq(out, dtype), "y%d_%s" % (len(b.graph_outputs), fname.lower()))
    return b


def lut_exact():
    """Lookup tables (issue 9) of the functions ONNX Runtime computes
    exactly in float32 here (LeakyRelu: one product; HardSigmoid with
    power-of-two alpha and beta): 0 LSB on all 256 codes."""
    return _lookup_tables("lut_exact", [
        ("LeakyRelu", {"alpha": 0.1}, I8), ("LeakyRelu", {"alpha": 0.125}, U8),
        ("HardSigmoid", {"alpha": 0.25, "beta": 0.5}, U8)])


def lut_approx():
    """Lookup tables (issue 9) of functions ONNX Runtime approximates in
    float32 (Sigmoid, SiLU, Tanh, HardSwish): qcc's tables are the exact
    functions, so a code whose value lies within ONNX Runtime's error of a
    rounding boundary may differ by 1 LSB."""
    return _lookup_tables("lut_approx", [
        ("Sigmoid", {}, U8), ("SiLU", {}, I8), ("Tanh", {}, I8), ("HardSwish", {}, I8)])


def lut_approx2():
    """As lut_approx: Mish, Softplus, Elu, Selu."""
    return _lookup_tables("lut_approx2", [
        ("Mish", {}, I8), ("Softplus", {}, U8), ("Elu", {}, I8), ("Selu", {}, I8)])


def lut_approx3():
    """As lut_approx: Celu, Softsign, ThresholdedRelu."""
    return _lookup_tables("lut_approx3", [
        ("Celu", {"alpha": 2.0}, I8), ("Softsign", {}, I8),
        ("ThresholdedRelu", {"alpha": 0.5}, U8)])


def ort_contrib():
    """ONNX Runtime's QOperator extensions (com.microsoft), as
    quantize_static writes a QOperator model (issue 9): QLinearConv, then
    QLinearLeakyRelu, QLinearAdd (a residual), QLinearMul, QLinearSigmoid,
    QLinearConcat
    of tensors of different scales, QLinearAveragePool (3x3, edge windows
    over their in-image values), QLinearGlobalAveragePool. ONNX Runtime
    runs the contrib ops natively; the Add result and the average pool of
    the Concat (which holds the Sigmoid's and the LeakyRelu's) are outputs
    too."""
    b = ModelBuilder("ort_contrib", opset=13, seed=1217, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], -1.0, 1.0)
    xq = b.quantize(x, U8)
    h = b.qlinear_conv(xq, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, base="qconv1")
    a = b.ms_qlinear("QLinearLeakyRelu", [h], lambda v: np.where(v < 0, 0.1 * v, v),
                     alpha=0.1)
    c = b.qlinear_conv(a, _conv_w(r, 8, 8, 3), _bias(r, 8), pads=1, base="qconv2")
    s = b.ms_qlinear("QLinearAdd", [c, a], lambda u, v: u + v)
    g = b.ms_qlinear("QLinearSigmoid", [s], lambda v: 1 / (1 + np.exp(-v)))
    cat = b.ms_qlinear("QLinearConcat", [g, a], lambda u, v: np.concatenate([u, v], 1),
                       axis=1)

    def avg3x3(v):
        # 3x3, stride 1, pads 1, count_include_pad=0: edge windows average
        # over their in-image values only.
        n, c, hh, ww = v.shape
        pv = np.pad(v, ((0, 0), (0, 0), (1, 1), (1, 1)))
        ones = np.pad(np.ones((hh, ww)), 1)
        s = sum(pv[:, :, i:i + hh, j:j + ww] for i in range(3) for j in range(3))
        cnt = sum(ones[i:i + hh, j:j + ww] for i in range(3) for j in range(3))
        return s / cnt

    avg = b.ms_qlinear("QLinearAveragePool", [cat], avg3x3, kernel_shape=[3, 3],
                       pads=[1, 1, 1, 1], strides=[1, 1], count_include_pad=0)
    p = b.ms_qlinear("QLinearGlobalAveragePool", [avg],
                     lambda v: v.mean(axis=(2, 3), keepdims=True), channels_last=0)
    m = b.ms_qlinear("QLinearMul", [s, a], lambda u, v: u * v)
    b.add_output(b.dequantize(s), "add")
    b.add_output(b.dequantize(m), "mul")
    b.add_output(b.dequantize(avg), "avgpool")
    b.add_output(b.dequantize(p), "output")
    return b


def yolo_neck():
    """A detector's neck and head in QDQ form (issue 9): LeakyRelu (a lookup
    table), nearest Resize x2 (half_pixel, round_prefer_floor: Resize-13's
    defaults) of one branch and Concat with a finer branch of another
    scale, a 1x1 head, Sigmoid, and the head transposed to NHWC as
    detector exports write it."""
    b = ModelBuilder("yolo_neck", opset=13, seed=1219, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16], -1.0, 1.0)
    h = b.qdq(x, U8)
    fine = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                           base="fine")                                  # 8x16x16
    c = b.make_qdq_conv(fine, _conv_w(r, 8, 8, 3), _bias(r, 8), strides=2, pads=1,
                        out_dtype=I8, base="down")                        # 8x8x8
    v = b.values[c]
    c = b.qdq(b.node("LeakyRelu", [c], np.where(v < 0, 0.1 * v, v).astype(np.float32),
                     alpha=0.1), I8)
    v = b.values[c]
    up = b.node("Resize", [c, "", b.const("up_scales", np.array([1, 1, 2, 2], np.float32))],
                v.repeat(2, axis=2).repeat(2, axis=3), mode="nearest")
    up = b.qdq(up, I8, qp=b.input_qp(c))
    cat = b.qdq_concat([up, fine], axis=1, out_dtype=U8)                  # 16x16x16
    y = b.make_qdq_conv(cat, _conv_w(r, 6, 16, 1), _bias(r, 6), base="head")
    v = b.values[y]
    y = b.qdq(b.node("Sigmoid", [y], (1 / (1 + np.exp(-v))).astype(np.float32)), U8)
    t = b.node("Transpose", [y], np.transpose(b.values[y], (0, 2, 3, 1)), perm=[0, 2, 3, 1])
    b.add_output(t, "output")
    return b


def se_block():
    """A squeeze-and-excitation block in QDQ form (EfficientNet, MobileNetV3;
    issue 9): GlobalAveragePool -> 1x1 conv -> Relu -> 1x1 conv -> Sigmoid
    (a lookup table), then the quantized Mul of the feature map [1, C, H, W]
    by the gate [1, C, 1, 1] (broadcast), and a SiLU written as
    x * Sigmoid(x)."""
    b = ModelBuilder("se_block", opset=13, seed=1221, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], -1.0, 1.0)
    h = b.qdq(x, U8)
    f = b.make_qdq_conv(h, _conv_w(r, 16, 3, 3), _bias(r, 16), pads=1, out_dtype=I8,
                        base="stem")
    g = b.qdq_gap(f, I8)
    g = b.make_qdq_conv(g, _conv_w(r, 4, 16, 1), _bias(r, 4), act="relu", base="squeeze")
    g = b.make_qdq_conv(g, _conv_w(r, 16, 4, 1), _bias(r, 16), out_dtype=I8, base="excite")
    v = b.values[g]
    g = b.qdq(b.node("Sigmoid", [g], (1 / (1 + np.exp(-v))).astype(np.float32)), U8)
    y = b.qdq(b.node("Mul", [f, g], b.values[f] * b.values[g]), I8)
    v = b.values[y]
    s = b.node("Sigmoid", [y], (1 / (1 + np.exp(-v))).astype(np.float32))
    b.add_output(b.qdq(b.node("Mul", [y, s], v * b.values[s]), I8), "output")
    return b


def float_edges():
    """What a model leaves in float (issue 9): ImageNet-style input
    normalization (Sub mean, Div std per channel) before the first
    QuantizeLinear; a float island DequantizeLinear -> Sub -> Mul ->
    QuantizeLinear between two convolutions; and after the classifier's last
    DequantizeLinear a temperature Mul, a float bias Add and Softmax, the
    probabilities a graph output (compared in float, no output scale); and
    a second float input through Softmax along axis 1."""
    b = ModelBuilder("float_edges", opset=13, seed=1223, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], 0.0, 1.0)
    mean = np.array([0.485, 0.456, 0.406], np.float32).reshape(1, 3, 1, 1)
    std = np.array([0.229, 0.224, 0.225], np.float32).reshape(1, 3, 1, 1)
    v = b.values[x] - mean
    h = b.node("Sub", [x, b.const("mean", mean)], v)
    h = b.node("Div", [h, b.const("std", std)], (v / std).astype(np.float32))
    h = b.qdq(h, I8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")
    v = b.values[h] - np.float32(0.25)
    h = b.node("Sub", [h, b.const("shift", np.float32(0.25))], v)
    k = r.uniform(0.5, 1.5, (1, 8, 1, 1)).astype(np.float32)
    h = b.qdq(b.node("Mul", [h, b.const("gain", k)], (v * k).astype(np.float32)), I8)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 8, 3), _bias(r, 16), strides=2, pads=1,
                        act="relu", base="conv2")
    h = b.qdq_gap(h, U8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (10, 16), 16), _bias(r, 10), I8, base="fc")
    v = b.values[h] * np.float32(0.5)
    h = b.node("Mul", [h, b.const("temperature", np.float32(0.5))], v)
    c = _bias(r, 10, std=0.5)
    v = (v + c).astype(np.float32)
    h = b.node("Add", [h, b.const("prior", c)], v)
    e = np.exp(v - v.max(axis=-1, keepdims=True))
    b.add_output(b.node("Softmax", [h], (e / e.sum(axis=-1, keepdims=True)).astype(np.float32),
                        axis=-1), "probs")
    # A float input straight into Softmax along a middle axis, over a range
    # where exp(x - max) spans 1 down to below FLT_MIN: the accuracy of the
    # exp qcc builds from arith ops against ONNX Runtime's.
    s = b.add_input("scores", np.float32, [1, 6, 5], -60.0, 60.0)
    v = b.values[s].astype(np.float64)
    e = np.exp(v - v.max(axis=1, keepdims=True))
    b.add_output(b.node("Softmax", [s], (e / e.sum(axis=1, keepdims=True)).astype(np.float32),
                        axis=1), "scores_softmax")
    return b


def float_acts():
    """Float activations and pools on a float input, before any quantizer
    (issue 9), compared in float with ONNX Runtime: Tanh -> Selu ->
    ThresholdedRelu; Celu -> Softplus; Elu -> PRelu (a slope per channel)
    -> AveragePool (2x2); Mish -> Softsign -> MaxPool (2x2) ->
    GlobalAveragePool and GlobalMaxPool, concatenated. qcc refused all of
    these on float tensors before."""
    b = ModelBuilder("float_acts", opset=18, seed=1251, num_calib=2)
    x = b.add_input("input", np.float32, [1, 4, 6, 6], -4.0, 4.0)
    v = b.values[x].astype(np.float64)

    def f32(a):
        return np.asarray(a, np.float64).astype(np.float32)

    def pool2(a, how):
        n, c, h, w = a.shape
        blocks = a.reshape(n, c, h // 2, 2, w // 2, 2)
        return getattr(blocks, how)(axis=(3, 5))

    t = np.tanh(v)
    h = b.node("Tanh", [x], f32(t))
    a, g = 1.6732632423543772, 1.0507009873554805
    t = g * np.where(t <= 0, a * np.expm1(t), t)
    h = b.node("Selu", [h], f32(t))
    t = np.where(t > 0.5, t, 0)
    b.add_output(b.node("ThresholdedRelu", [h], f32(t), alpha=0.5), "tanh_selu_thr")
    t = np.maximum(v, 0) + np.minimum(2 * np.expm1(v / 2), 0)
    h = b.node("Celu", [x], f32(t), alpha=2.0)
    b.add_output(b.node("Softplus", [h], f32(np.log1p(np.exp(t)))), "celu_softplus")
    t = np.where(v < 0, 0.5 * np.expm1(v), v)
    h = b.node("Elu", [x], f32(t), alpha=0.5)
    slope = np.array([0.25, -0.5, 1.5, 0.0], np.float32).reshape(4, 1, 1)
    t = np.where(t < 0, t * slope, t)
    h = b.node("PRelu", [h, b.const("slope", slope)], f32(t))
    b.add_output(b.node("AveragePool", [h], f32(pool2(t, "mean")), kernel_shape=[2, 2],
                        strides=[2, 2]), "elu_prelu_avgpool")
    t = v * np.tanh(np.log1p(np.exp(v)))
    h = b.node("Mish", [x], f32(t))
    t = t / (1 + np.abs(t))
    h = b.node("Softsign", [h], f32(t))
    t = pool2(t, "max")
    h = b.node("MaxPool", [h], f32(t), kernel_shape=[2, 2], strides=[2, 2])
    avg, top = t.mean(axis=(2, 3), keepdims=True), t.max(axis=(2, 3), keepdims=True)
    a = b.node("GlobalAveragePool", [h], f32(avg))
    m = b.node("GlobalMaxPool", [h], f32(top))
    b.add_output(b.node("Concat", [a, m], f32(np.concatenate([avg, top], 1)), axis=1),
                 "mish_softsign_pools")
    return b


def _depth_to_space(v, bs, mode):
    n, c, h, w = v.shape
    if mode == "DCR":
        y = v.reshape(n, bs, bs, c // bs // bs, h, w).transpose(0, 3, 4, 1, 5, 2)
    else:
        y = v.reshape(n, c // bs // bs, bs, bs, h, w).transpose(0, 1, 4, 2, 5, 3)
    return y.reshape(n, c // bs // bs, h * bs, w * bs)


def _space_to_depth(v, bs):
    n, c, h, w = v.shape
    y = v.reshape(n, c, h // bs, bs, w // bs, bs).transpose(0, 3, 5, 1, 2, 4)
    return y.reshape(n, c * bs * bs, h // bs, w // bs)


def depth_space():
    """DepthToSpace and SpaceToDepth (issue 9), as super-resolution nets and
    YOLOv2's reorg layer use them: a QDQ conv, DepthToSpace (DCR) on its
    codes, a second conv, SpaceToDepth on codes, a third conv; and a
    DepthToSpace (CRD) of the second conv's dequantized output straight to
    a graph output, in float."""
    b = ModelBuilder("depth_space", opset=13, seed=1261, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 6, 6], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 3, 3), _bias(r, 16), pads=1, act="relu",
                        base="conv1")
    h = b.qdq(b.node("DepthToSpace", [h], _depth_to_space(b.values[h], 2, "DCR"),
                     blocksize=2), U8)
    c2 = b.make_qdq_conv(h, _conv_w(r, 8, 4, 3), _bias(r, 8), pads=1, act="relu",
                         base="conv2")
    h = b.qdq(b.node("SpaceToDepth", [c2], _space_to_depth(b.values[c2], 2),
                     blocksize=2), U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 32, 1), _bias(r, 8), out_dtype=np.int8,
                        base="conv3")
    b.add_output(h, "output")
    b.add_output(b.node("DepthToSpace", [c2], _depth_to_space(b.values[c2], 2, "CRD"),
                        blocksize=2, mode="CRD"), "upscaled")
    return b


def float_heads():
    """Float activations and a pool that commutes with quantization (issue
    9): HardSwish on the float input before the first QuantizeLinear; two
    convolutions at different scales, their DequantizeLinear outputs
    concatenated and max-pooled (3x3, stride 1, SPP-style) with no
    quantizer between Concat and MaxPool, as ONNX Runtime's quantizer
    leaves it; and three float heads after the last DequantizeLinear:
    Reshape -> Transpose -> Sigmoid (objectness, as YOLO exports write
    it), and SiLU (Sigmoid, Mul) and LeakyRelu heads concatenated in float,
    compared in float."""
    b = ModelBuilder("float_heads", opset=14, seed=1241, num_calib=8,
                     pow2_scales=True)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], -4.0, 4.0)
    v = b.values[x]
    hs = v * np.clip(v * np.float32(1.0 / 6.0) + np.float32(0.5), 0, 1)
    h = b.qdq(b.node("HardSwish", [x], hs.astype(np.float32)), I8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")
    a = b.make_qdq_conv(h, _conv_w(r, 4, 8, 1), _bias(r, 4), base="conv2a")
    c = b.make_qdq_conv(h, _conv_w(r, 4, 8, 3, gain=2.0), _bias(r, 4), pads=1,
                        base="conv2b")
    p = b.qdq(b.maxpool(b.concat([a, c]), 3, 1, pads=1), U8)

    def head(base, cout):
        return b.make_qdq_conv(p, _conv_w(r, cout, 8, 1), _bias(r, cout),
                               out_dtype=I8, base=base)

    def sigmoid(t):
        return (1.0 / (1.0 + np.exp(-b.values[t].astype(np.float64)))).astype(np.float32)

    # YOLO-style: [1, anchors * 2, H, W] -> [1, anchors, 2, H, W] ->
    # [1, anchors, H, W, 2] -> Sigmoid, all after the last DequantizeLinear.
    o = head("obj", 6)
    o = b.reshape(o, [1, 3, 2, 12, 12])
    o = b.node("Transpose", [o], b.values[o].transpose(0, 1, 3, 4, 2).copy(),
               perm=[0, 1, 3, 4, 2])
    b.add_output(b.node("Sigmoid", [o], sigmoid(o)), "objectness")
    o = head("feat", 2)
    s = b.node("Sigmoid", [o], sigmoid(o))
    silu = b.node("Mul", [o, s], (b.values[o] * b.values[s]).astype(np.float32))
    o = head("leak", 2)
    lv = b.values[o]
    leaky = b.node("LeakyRelu", [o], np.where(lv < 0, lv * np.float32(0.1), lv)
                   .astype(np.float32), alpha=0.1)
    # Both float heads concatenated in float into one output.
    b.add_output(b.concat([silu, leaky]), "features")
    return b


def slice_heads():
    """Slice and Split of activations (issue 9), as YOLOv5/v8 exports cut
    channels and CSP blocks split them: a QDQ conv whose codes are Split
    (sizes 3 and 5) into two branches, one requantized to int8, the
    other strided (every second row and column, Slice with steps) before
    its conv; a PRelu with a slope per channel between
    quantizers (run in float); and float heads after the last
    DequantizeLinear: a channel Slice -> Sigmoid (box xy), and a Slice
    walking the channels and rows backwards (negative steps, INT64 ends)
    straight to a graph output."""
    from onnx import helper
    b = ModelBuilder("slice_heads", opset=13, seed=1271, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")
    parts = [b.fresh("part"), b.fresh("part")]
    sizes = b.const("split", np.array([3, 5], np.int64))
    b.nodes.append(helper.make_node("Split", [h, sizes], parts, name=parts[0] + "_node",
                                    axis=1))
    for p, v in zip(parts, np.split(b.values[h], [3], axis=1)):
        b.values[p] = v

    def cut(t, starts, ends, axes, steps):
        ins = [b.const("slice_" + n, np.array(a, np.int64))
               for n, a in (("starts", starts), ("ends", ends), ("axes", axes),
                            ("steps", steps))]
        idx = [slice(None)] * b.values[t].ndim
        dims = b.values[t].shape
        for s, e, a, st in zip(starts, ends, axes, steps):
            # numpy's slice clamps as ONNX does, except for negative steps
            # with an end below -dim (meaning "through index 0").
            idx[a] = slice(s, None if st < 0 and e < -dims[a] else e, st)
        return b.node("Slice", [t] + ins, b.values[t][tuple(idx)].copy())

    a = b.make_qdq_conv(b.qdq(parts[0], I8), _conv_w(r, 4, 3, 1), _bias(r, 4),
                        base="conv2a")
    s = b.qdq(cut(parts[1], [0, 0], [12, 2**63 - 1], [2, 3], [2, 2]), U8,
              qp=b.input_qp(h))
    c = b.make_qdq_conv(s, _conv_w(r, 4, 5, 3), _bias(r, 4), pads=1, base="conv2b")
    b.add_output(a, "branch_a")
    b.add_output(c, "branch_b")
    o = b.make_qdq_conv(h, _conv_w(r, 6, 8, 1), _bias(r, 6), out_dtype=I8, base="head")
    # PRelu with a slope per channel between quantizers (in float).
    slope = np.array([0.25, -0.5, 1.5, 0.0, 0.125, 2.0], np.float32).reshape(6, 1, 1)
    ov = b.values[o]
    o = b.qdq(b.node("PRelu", [o, b.const("slope", slope)],
                     np.where(ov < 0, ov * slope, ov).astype(np.float32)), I8)
    xy = cut(o, [0], [2], [1], [1])
    sig = (1.0 / (1.0 + np.exp(-b.values[xy].astype(np.float64)))).astype(np.float32)
    b.add_output(b.node("Sigmoid", [xy], sig), "xy")
    b.add_output(cut(o, [-1, 10], [-(2**63), -100], [1, 2], [-2, -3]), "backwards")
    return b


def pads():
    """Pad (issue 9), as Keras/TF exports write it and ORT's quantizer
    leaves it between QuantizeLinear and DequantizeLinear: a zero Pad on
    codes (asymmetric, ZeroPadding2D before a stride-2 conv with no pads of
    its own), a reflect Pad on codes (style-transfer and super-resolution
    nets), a constant Pad whose value has no code (padded in float, then
    quantized), and in float after the last DequantizeLinear an edge Pad
    and a Pad with negative pads (a crop) into graph outputs."""
    b = ModelBuilder("pads", opset=13, seed=1281, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1, act="relu",
                        base="conv1")

    def pad(t, pads, mode="constant", value=None, requant=True):
        v = b.values[t]
        rank = v.ndim
        ins = [t, b.const("pads", np.array(pads, np.int64))]
        if value is not None:
            ins.append(b.const("pad_value", np.array(value, np.float32)))
        # numpy: crop the negative pads, then pad the positive ones.
        lo, hi = pads[:rank], pads[rank:]
        v = v[tuple(slice(max(-l, 0), v.shape[i] - max(-e, 0))
                    for i, (l, e) in enumerate(zip(lo, hi)))]
        width = [(max(l, 0), max(e, 0)) for l, e in zip(lo, hi)]
        if mode == "constant":
            v = np.pad(v, width, constant_values=0.0 if value is None else value)
        else:
            v = np.pad(v, width, mode=mode)
        o = b.node("Pad", ins, v.astype(np.float32), mode=mode)
        return b.qdq(o, U8, qp=b.input_qp(t)) if requant else o

    z = pad(h, [0, 0, 0, 0, 0, 0, 1, 1])
    a = b.make_qdq_conv(z, _conv_w(r, 8, 8, 3), _bias(r, 8), strides=2, act="relu",
                        base="conv2")
    f = pad(a, [0, 0, 2, 2, 0, 0, 2, 2], mode="reflect")
    c = b.make_qdq_conv(f, _conv_w(r, 4, 8, 3), _bias(r, 4), base="conv3")
    b.add_output(c, "reflected")
    k = pad(h, [0, 0, 1, 0, 0, 0, 0, 1], value=0.3)
    k = b.make_qdq_conv(k, _conv_w(r, 4, 8, 1), _bias(r, 4), base="conv4")
    b.add_output(k, "padded_value")
    o = b.make_qdq_conv(a, _conv_w(r, 4, 8, 1), _bias(r, 4), out_dtype=I8, base="head")
    b.add_output(pad(o, [0, 0, 1, 2, 0, 0, 3, 0], mode="edge", requant=False), "edge")
    b.add_output(pad(o, [0, -1, -1, 1, 0, 0, 0, -2], requant=False), "cropped")
    return b


def _quantile_thresholds(v, count, axis=1, grid=0.5):
    """[C, count] thresholds per channel along `axis` of the values v: the
    channel's quantiles (1 .. count) / (count + 1), moved onto `grid` and
    made strictly increasing, as streamlining leaves them."""
    vm = np.moveaxis(v, axis, 0).reshape(v.shape[axis], -1)
    q = np.quantile(vm, np.arange(1, count + 1) / (count + 1), axis=1).T
    q = np.round(q / grid) * grid
    for t in range(1, count):
        q[:, t] = np.maximum(q[:, t], q[:, t - 1] + grid)
    return q.astype(np.float32)


def finn_streamlined():
    """A FINN-style streamlined binary / 2-bit CNN (issue 9) at opset 11:
    integer-valued float weights annotated INT2 / BIPOLAR in the graph's
    quantization_annotation, and every activation a MultiThreshold: on the
    float input (global thresholds -> UINT2), on a conv accumulator through
    a per-channel Mul -> Add batch norm (per-channel thresholds -> UINT2),
    on binary convs' accumulators (one threshold per channel -> BIPOLAR,
    out_scale 2, out_bias -1), and on the classifier's MatMul (15
    thresholds -> INT4 codes, out_scale 1/4, out_bias -2: the output).
    ONNX Runtime runs the MultiThresholds expanded to standard ONNX ops;
    every value is exact in float32, so the test requires 0 LSB."""
    b = FinnBuilder("finn_streamlined", opset=11, seed=1231)
    r = b.rng
    gamma, beta = _pow2_affine(r)
    x = b.add_input("input", np.float32, [1, 3, 12, 12])
    h = b.multi_threshold(x, [[-0.5, 0.0, 0.5]], "UINT2")
    w = b.int_weight("conv1_w", r.integers(-2, 2, (16, 3, 3, 3)), "INT2")
    y = b.float_conv(h, w, pads=1, base="conv1")
    y = _affine(b, _affine(b, y, "Mul", np.abs(gamma(16))), "Add", beta(16, grid=0.25, lim=2))
    h = b.multi_threshold(y, _quantile_thresholds(b.values[y], 3, grid=0.25), "UINT2")
    h = b.maxpool(h, 2, 2)
    w = b.int_weight("conv2_w", r.choice([-1.0, 1.0], (32, 16, 3, 3)), "BIPOLAR")
    y = b.float_conv(h, w, pads=1, base="conv2")
    h = b.multi_threshold(y, _quantile_thresholds(b.values[y], 1), "BIPOLAR", 2.0, -1.0)
    w = b.int_weight("conv3_w", r.choice([-1.0, 1.0], (32, 32, 3, 3)), "BIPOLAR")
    y = b.float_conv(h, w, pads=1, base="conv3")
    h = b.multi_threshold(y, _quantile_thresholds(b.values[y], 1), "BIPOLAR", 2.0, -1.0)
    h = b.maxpool(h, 2, 2)
    h = b.flatten(h)
    w = b.int_weight("fc_w", r.integers(-2, 2, (b.values[h].shape[1], 10)), "INT2")
    y = b.node("MatMul", [h, w], (b.values[h] @ b.values[w]).astype(np.float32))
    h = b.multi_threshold(y, _quantile_thresholds(b.values[y], 15, grid=1.0), "INT4",
                          0.25, -2.0)
    b.add_output(h, "output", 0.25)
    return b


def qkeras_float_input():
    """Layers with a float input and quantized weights (issue 9), as QKeras
    and hls4ml models come through QONNX's converter: the first
    convolution's input is the unquantized graph input, its 4-bit weights
    and 8-bit bias are Quant nodes on constants, quantized_relu(4) after it;
    then an integer 4-bit convolution, MaxPool and a 4-bit dense layer. A
    second float input goes straight into a dense layer (MatMul with 3-bit
    weights, Add of a quantized bias, Relu, Quant(6)), as an hls4ml MLP
    starts. The float layers sum in another order than ONNX Runtime: within
    1 LSB."""
    b = QonnxBuilder("qkeras_float_input", opset=11, seed=1307, pow2_scales=True)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 16, 16], -1.0, 1.0)
    w = b.quant_weight("conv1_w", _conv_w(r, 8, 3, 3), 4)
    bias = b.quant_weight("conv1_b", _bias(r, 8, std=0.2), 8, per_tensor=True)[0]
    h = b.float_conv(x, w[0], bias, pads=1, act="relu", base="conv1")
    h = b.quant_act(h, 4)
    w = b.quant_weight("conv2_w", _conv_w(r, 8, 8, 3), 4)
    h = b.quant_act(b.conv(h, w, _bias(r, 8), pads=1, act="relu", base="conv2"), 4)
    h = b.flatten(b.maxpool(h, 2, 2))
    w = b.quant_weight("fc_w", he_normal(r, (b.values[h].shape[1], 10),
                                         b.values[h].shape[1]), 4, axis=1)
    y = b.float_matmul(h, w[0], b.float_bias("fc_b", _bias(r, 10), b.qparams_of(h).scale, w[1]))
    b.add_output(b.quant_act(y, 8, signed=True), "output")
    f = b.add_input("features", np.float32, [1, 16], -2.0, 2.0)
    w = b.quant_weight("dense_w", he_normal(r, (16, 6), 16), 3, axis=1)
    bias = b.quant_weight("dense_b", _bias(r, 6, std=0.2), 8, per_tensor=True)[0]
    y = b.float_matmul(f, w[0], bias)
    b.add_output(b.quant_act(b.relu(y), 6), "dense")
    return b


def ort_excluded():
    """Layers ONNX Runtime's quantize_static leaves in float (issue 9), in a
    QDQ model: the first Conv excluded from quantization (float weights and
    bias, on the float input); a BatchNormalization between quantizers
    that no Conv precedes (after an Add); the classifier's Gemm excluded
    (float weights on the dequantized features); and a quantized Conv whose
    result nothing quantizes, read by Sigmoid. All of these ran on float
    tensors in ORT and now do in qcc; within 1 LSB (float sums in another
    order), float outputs within float rounding."""
    b = ModelBuilder("ort_excluded", opset=13, seed=1319, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 12, 12], 0.0, 1.0)
    w = b.const("conv1_w", _conv_w(r, 8, 3, 3))
    c = b.const("conv1_b", _bias(r, 8))
    h = b.qdq(b.float_conv(x, w, c, pads=1, act="relu", base="conv1"), U8)
    a = b.make_qdq_conv(h, _conv_w(r, 8, 8, 3), _bias(r, 8), pads=1, base="conv2")
    h = b.qdq(b.add(h, a), U8)
    g, be, m, v = _bn(r, 8)
    h = b.qdq(b.batchnorm(h, g, be, m, v), U8)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 8, 3), _bias(r, 16), strides=2, pads=1,
                        act="relu", base="conv3")
    hw, hscale = b.weight_dq_per_channel("head_w", _conv_w(r, 2, 16, 1))
    s = b.float_conv(h, hw, b.bias_dq("head_b", _bias(r, 2), b.input_qp(h).scale, hscale),
                     base="head")
    sv = (1.0 / (1.0 + np.exp(-b.values[s].astype(np.float64)))).astype(np.float32)
    b.add_output(b.node("Sigmoid", [s], sv), "objectness")
    h = b.flatten(b.qdq_gap(h, U8))
    y = b.float_gemm(h, b.const("fc_w", he_normal(r, (10, 16), 16)), b.const("fc_b", _bias(r, 10)),
                     base="fc")
    b.add_output(y, "logits")
    return b


def _conv_transpose(x, w, b, strides, pads, output_padding=(0, 0), group=1):
    """ONNX ConvTranspose (2-D, dilation 1) in float64: every input pixel
    scatters x * w into a full result, then pads cut it."""
    x = x.astype(np.float64)
    w = w.astype(np.float64)
    n, c, h, wd = x.shape
    _, mg, kh, kw = w.shape
    cg = c // group
    fh = (h - 1) * strides[0] + kh + output_padding[0]
    fw = (wd - 1) * strides[1] + kw + output_padding[1]
    y = np.zeros((n, mg * group, fh, fw))
    for g in range(group):
        xs = x[:, g * cg:(g + 1) * cg]
        ws = w[g * cg:(g + 1) * cg]
        for i in range(h):
            for j in range(wd):
                y[:, g * mg:(g + 1) * mg, i * strides[0]:i * strides[0] + kh,
                  j * strides[1]:j * strides[1] + kw] += np.einsum(
                      "nc,cmab->nmab", xs[:, :, i, j], ws)
    y = y[:, :, pads[0]:fh - pads[2], pads[1]:fw - pads[3]]
    if b is not None:
        y += np.asarray(b, np.float64).reshape(1, -1, 1, 1)
    return y.astype(np.float32)


def convtranspose_qdq():
    """ConvTranspose (issue 9) in a QDQ decoder, as ONNX Runtime's
    quantize_static writes it (weights int8 per output channel, DequantizeLinear
    axis 1): a 3x3, stride 2, pads 1, output_padding 1 upsampling
    (PyTorch's ConvTranspose2d(k=3, s=2, p=1, output_padding=1)) into a
    uint8 QuantizeLinear with a zero point near 128 (the inserted zeros are
    that code); a grouped 2x2 stride-2 one (group 2) on it; and, left
    in float, a stride-2 ConvTranspose with float weights on the
    dequantized input as a graph output. qcc runs the quantized ones as integer convolutions
    of the zero-filled input: within 1 LSB of ONNX Runtime (its rounding of
    the same accumulators), float within float rounding."""
    b = ModelBuilder("convtranspose_qdq", opset=13, seed=1327, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 6, 5, 5], -1.0, 1.0)
    xq = b.qdq(x, U8)
    h = b.make_qdq_conv(xq, _conv_w(r, 8, 6, 3), _bias(r, 8), pads=1,
                        act="relu", base="conv1")

    def up(h, cin, mg, k, strides, pads, output_padding=(0, 0), group=1, act=None,
           base="up"):
        w = _conv_w(r, cin, mg, k)  # [C, M/group, k, k]
        wdq, wscale = b.weight_dq_per_channel(base + "_w", w, axis=1)
        bias = _bias(r, mg * group)
        wsc = np.tile(wscale, group)
        bdq = b.bias_dq(base + "_b", bias, b.input_qp(h).scale, wsc)
        v = _conv_transpose(b.values[h], b.values[wdq], b.values[bdq], strides, pads,
                            output_padding, group)
        attrs = {"strides": list(strides), "pads": list(pads), "kernel_shape": [k, k]}
        if any(output_padding):
            attrs["output_padding"] = list(output_padding)
        if group != 1:
            attrs["group"] = group
        y = b.node("ConvTranspose", [h, wdq, bdq], v, base=base, **attrs)
        return b.activation(y, act)

    h = b.qdq(up(h, 8, 4, 3, (2, 2), (1, 1, 1, 1), (1, 1), base="up1"), U8)
    h = b.qdq(up(h, 4, 1, 2, (2, 2), (0, 0, 0, 0), group=2, base="up2"), I8)
    # The float one reads the quantized input (the same codes on both
    # sides; a 1-LSB difference upstream would show in its float output).
    wf = b.const("head_w", _conv_w(r, 6, 2, 3))
    v = _conv_transpose(b.values[xq], b.values[wf], None, (2, 2), (1, 1, 1, 1))
    head = b.node("ConvTranspose", [xq, wf], v, base="head", strides=[2, 2],
                  pads=[1, 1, 1, 1])
    b.add_output(h, "upsampled")
    b.add_output(head, "head")
    return b


def argmax_head():
    """ArgMax / ArgMin after the last quantizer (issue 9): a QDQ classifier
    whose logits' DequantizeLinear feeds ArgMax (keepdims 0: the class as
    an int64 graph output), and an ArgMin with select_last_index along the
    rows of a dequantized feature map. qcc compares the codes (one scale:
    the same order and ties as the values ONNX Runtime compares): exact."""
    b = ModelBuilder("argmax_head", opset=13, seed=1331, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 8, 8], 0.0, 1.0)
    h = b.make_qdq_conv(b.qdq(x, U8), _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1,
                        act="relu", base="conv1")
    v = b.values[h]
    m = b.node("ArgMin", [h], np.argmin(v[:, :, ::-1, :], axis=2)[:, :, None, :]
               .astype(np.int64) * -1 + (v.shape[2] - 1), base="argmin",
               axis=2, keepdims=1, select_last_index=1)
    g = b.flatten(b.qdq_gap(h, U8))
    logits = b.qdq_gemm(g, he_normal(r, (10, 8), 8), _bias(r, 10), I8, base="fc")
    c = b.node("ArgMax", [logits], np.argmax(b.values[logits], axis=1).astype(np.int64),
               base="argmax", axis=1, keepdims=0)
    b.add_output(c, "class")
    b.add_output(m, "row_of_min")
    b.add_output(logits, "logits")
    return b


def _topk_ref(v, k, axis, largest=True):
    """TopK as ONNX defines it: the k best along `axis`, equal values in
    index order (a stable sort)."""
    key = -v if largest else v
    idx = np.argsort(key, axis=axis, kind="stable")
    idx = np.take(idx, np.arange(k), axis=axis)
    return np.take_along_axis(v, idx, axis=axis), idx.astype(np.int64)


def topk_head():
    """TopK after the last quantizer (issue 9): the 5 best of a QDQ
    classifier's 40 dequantized logits (int8 codes: many ties, which ONNX
    orders by index), and the 3 smallest of those logits scaled in float
    (Mul by 0.5 after the DequantizeLinear) along the class axis, and the 6
    largest of each row of the Relu'd feature map (ties of zeros; its
    indices only: the e2e driver takes 4 outputs). qcc
    orders the codes in the first (one scale: the values' order and ties)
    and the floats in the second: exact. (Not sorted = 0: ONNX leaves that
    order undefined and ONNX Runtime's follows its heap or quickselect.)"""
    b = ModelBuilder("topk_head", opset=13, seed=1337, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 8, 8], 0.0, 1.0)
    h = b.make_qdq_conv(b.qdq(x, U8), _conv_w(r, 8, 3, 3), _bias(r, 8), pads=1,
                        act="relu", base="conv1")
    g = b.flatten(b.qdq_gap(h, U8))
    logits = b.qdq_gemm(g, he_normal(r, (40, 8), 8), _bias(r, 40), I8, base="fc")
    lv = b.values[logits]
    k5 = b.const("k5", np.array([5], np.int64))
    v5, i5 = b.fresh("top5_values"), b.fresh("top5_indices")
    from onnx import helper
    b.nodes.append(helper.make_node("TopK", [logits, k5], [v5, i5],
                                    name="top5_node", axis=-1))
    b.values[v5], b.values[i5] = _topk_ref(lv, 5, 1)
    half = b.node("Mul", [logits, b.const("half", np.array(0.5, np.float32))],
                  lv * np.float32(0.5), base="scaled")
    k3 = b.const("k3", np.array([3], np.int64))
    v3, i3 = b.fresh("low3_values"), b.fresh("low3_indices")
    b.nodes.append(helper.make_node("TopK", [half, k3], [v3, i3],
                                    name="low3_node", axis=1, largest=0))
    b.values[v3], b.values[i3] = _topk_ref(b.values[half], 3, 1, largest=False)
    # The 6 largest of each row of the Relu'd feature map: full of zeros,
    # which ONNX orders by index.
    k6 = b.const("k6", np.array([6], np.int64))
    v6, i6 = b.fresh("row6_values"), b.fresh("row6_indices")
    b.nodes.append(helper.make_node("TopK", [h, k6], [v6, i6],
                                    name="row6_node", axis=3))
    b.values[v6], b.values[i6] = _topk_ref(b.values[h], 6, 3)
    b.add_output(v5, "top5_values")
    b.add_output(i5, "top5_indices")
    b.add_output(i3, "low3_indices")
    b.add_output(i6, "row6_indices")  # the driver has 4 outputs at most
    return b


def conv1d_kws():
    """A 1-D CNN over audio features as keyword-spotting nets write it
    (issue 9): 10 MFCC channels x 49 frames, QDQ as ONNX Runtime's
    quantizer writes it. Conv1d (k 3, pads 1) + Relu, MaxPool1d (2, 2),
    depthwise Conv1d (stride 2) with a BatchNormalization folded into it and
    Relu, AveragePool1d (3, stride 1, pads 1) in QDQ, Flatten, Gemm. qcc
    imports each 1-D node as the 2-D one of height 1."""
    from . import ref
    b = ModelBuilder("conv1d_kws", opset=13, seed=1303, num_calib=8)
    r = b.rng
    x = b.qdq(b.add_input("input", np.float32, [1, 10, 49], -1.0, 1.0), U8)

    def conv1d(x, w, bias, stride=1, pads=(0, 0), group=1, bn=None, act=None,
               base="conv"):
        xqp = b.input_qp(x)
        wdq, wscale = b.weight_dq_per_channel(base + "_w", w, axis=0)
        bdq = b.bias_dq(base + "_b", bias, xqp.scale, wscale)
        v = ref.conv2d(b.values[x][:, :, None, :], b.values[wdq][:, :, None, :],
                       b.values[bdq], (1, stride), [0, pads[0], 0, pads[1]],
                       group)[:, :, 0, :]
        attrs = {"kernel_shape": [w.shape[2]], "strides": [stride],
                 "pads": list(pads)}
        if group != 1:
            attrs["group"] = group
        y = b.node("Conv", [x, wdq, bdq], v, base=base, **attrs)
        if bn is not None:
            gamma, beta, mean, var = bn
            names = [b.const("bn_" + n, np.asarray(a, np.float32))
                     for n, a in (("scale", gamma), ("bias", beta),
                                  ("mean", mean), ("var", var))]
            inv = (gamma / np.sqrt(var + 1e-5)).astype(np.float32)
            bv = ((b.values[y] - mean[None, :, None]) * inv[None, :, None]
                  + beta[None, :, None]).astype(np.float32)
            y = b.node("BatchNormalization", [y] + names, bv, epsilon=1e-5)
        return b.qdq(b.activation(y, act), U8)

    def w1d(m, c, k):
        return (r.standard_normal((m, c, k)) * np.sqrt(2.0 / (c * k))).astype(np.float32)

    h = conv1d(x, w1d(16, 10, 3), _bias(r, 16), pads=(1, 1), act="relu",
               base="conv1")
    qp = b.input_qp(h)
    v = ref.maxpool2d(b.values[h][:, :, None, :], (1, 2), (1, 2))[:, :, 0, :]
    h = b.qdq(b.node("MaxPool", [h], v, kernel_shape=[2], strides=[2]), U8,
              qp=qp)
    bn = (r.uniform(0.5, 1.5, 16).astype(np.float32),
          r.uniform(-0.2, 0.2, 16).astype(np.float32),
          r.uniform(-0.2, 0.2, 16).astype(np.float32),
          r.uniform(0.5, 1.5, 16).astype(np.float32))
    h = conv1d(h, w1d(16, 1, 3), _bias(r, 16), stride=2, pads=(1, 1),
               group=16, bn=bn, act="relu", base="dw")
    v = ref.avgpool2d(b.values[h][:, :, None, :], (1, 3), (1, 1),
                      [0, 1, 0, 1])[:, :, 0, :]
    h = b.qdq(b.node("AveragePool", [h], v, kernel_shape=[3], strides=[1],
                     pads=[1, 1]), U8)
    logits = b.qdq_gemm(b.flatten(h), he_normal(r, (12, 16 * 12), 16 * 12),
                        _bias(r, 12), I8, base="fc")
    b.add_output(logits, "logits")
    return b


def _resize_axis(inl, outl, mode, coord="half_pixel", a=-0.75, exclude=False,
                 roi=(0.0, 1.0)):
    """(outl x inl) float64 weights of one axis of an ONNX Resize, and the
    mask of outputs outside the input (tf_crop_and_resize): calibration and
    reference values only; the tests compare with ONNX Runtime."""
    o = np.arange(outl, dtype=np.float64)
    if coord == "half_pixel":
        x = (o + 0.5) * inl / outl - 0.5
    elif coord == "align_corners":
        x = o * (inl - 1) / max(outl - 1, 1)
    elif coord == "tf_crop_and_resize":
        x = roi[0] * (inl - 1) + o * (roi[1] - roi[0]) * (inl - 1) / max(outl - 1, 1)
    else:
        raise ValueError(coord)
    outside = ((x < 0) | (x > inl - 1)) & (coord == "tf_crop_and_resize")
    w = np.zeros((outl, inl))
    for i, xi in enumerate(x):
        if mode == "nearest":
            w[i, int(np.clip(np.floor(xi + 0.5) if xi % 1 != 0.5 else np.floor(xi), 0, inl - 1))] = 1
        elif mode == "linear":
            xc = np.clip(xi, 0, inl - 1)
            lo = int(np.floor(xc))
            hi = min(lo + 1, inl - 1)
            w[i, lo] += 1 - (xc - lo)
            w[i, hi] += xc - lo
        else:
            base = int(np.floor(xi))
            s = xi - base
            t = np.array([s + 1, s, 1 - s, 2 - s])
            k = np.where(t <= 1, ((a + 2) * t - (a + 3)) * t * t + 1,
                         ((a * t - 5 * a) * t + 8 * a) * t - 4 * a)
            src = base - 1 + np.arange(4)
            if exclude:
                k = np.where((src < 0) | (src >= inl), 0.0, k)
                k = k / k.sum()
            for j in range(4):
                w[i, min(max(src[j], 0), inl - 1)] += k[j]
    return w, outside


def _resize_ref(v, out_hw, mode, extrapolation=0.0, **kw):
    """An NCHW Resize in float64 by per-axis weights (see _resize_axis)."""
    rois = kw.pop("rois", ((0.0, 1.0), (0.0, 1.0)))
    wr, outr = _resize_axis(v.shape[2], out_hw[0], mode, roi=rois[0], **kw)
    wc, outc = _resize_axis(v.shape[3], out_hw[1], mode, roi=rois[1], **kw)
    y = np.einsum("oh,nchw,pw->ncop", wr, v.astype(np.float64), wc)
    y[:, :, outr, :] = extrapolation
    y[:, :, :, outc] = extrapolation
    return y.astype(np.float32)


def _upsample_between_convs(name, seed, mode):
    """A segmentation-head shape: QDQ conv -> Resize by 2 (half_pixel) in
    `mode` -> QDQ conv. Returns the builder, the float input and the second
    conv's (dequantized) output."""
    b = ModelBuilder(name, opset=13, seed=seed, num_calib=8)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 6, 6], 0.0, 1.0)
    h = b.make_qdq_conv(b.qdq(x, U8), _conv_w(r, 4, 3, 3), _bias(r, 4), pads=1,
                        act="relu", base="conv1")
    up = b.node("Resize", [h, "", b.const("up_scales", np.array([1, 1, 2, 2], np.float32))],
                _resize_ref(b.values[h], (12, 12), mode), base="up", mode=mode)
    h = b.make_qdq_conv(b.qdq(up, U8), _conv_w(r, 4, 4, 3), _bias(r, 4), pads=1,
                        base="conv2")
    return b, x, h


def resize_linear():
    """Resize in linear mode (issue 9), as a segmentation head writes it: a
    QDQ bilinear upsampling by 2 (half_pixel) between two convolutions,
    computed in float on the dequantized codes and quantized by the
    QuantizeLinear after it; an align_corners resize to given sizes whose
    float result is a graph output; and a nearest resize of the float
    input by 1.5 (no integer factor). Within 1 LSB of ONNX Runtime (which
    resizes the uint8 codes themselves), float outputs within float
    rounding."""
    b, x, h = _upsample_between_convs("resize_linear", 1337, "linear")
    sizes = b.const("ac_sizes", np.array([1, 4, 9, 7], np.int64))
    ac = b.node("Resize", [h, "", "", sizes],
                _resize_ref(b.values[h], (9, 7), "linear", coord="align_corners"),
                base="ac", mode="linear", coordinate_transformation_mode="align_corners")
    b.add_output(ac, "aligned")
    v = b.values[x]
    idx = np.minimum(np.floor(np.arange(9) / 1.5).astype(int), 5)
    nn = b.node("Resize", [x, "", b.const("nn_scales", np.array([1, 1, 1.5, 1.5], np.float32))],
                v[:, :, idx][:, :, :, idx], base="nn", coordinate_transformation_mode="asymmetric",
                nearest_mode="floor")
    b.add_output(nn, "nearest")
    return b


def resize_cubic():
    """Resize in cubic mode and with tf_crop_and_resize (issue 9): a QDQ
    bicubic upsampling by 2 (half_pixel, the default a = -0.75) between two
    convolutions, computed in float on the dequantized codes and quantized
    by the QuantizeLinear after it; a bicubic resize to sizes with
    exclude_outside and a = -0.5 whose float result is a graph output; and
    linear, nearest and cubic tf_crop_and_resize crops of the float input
    whose region of interest reaches outside it (extrapolation value 10).
    ORT runs its bicubic kernel on the dequantized values too (no uint8
    cubic kernel); qcc computes ORT's sources, weights and sums, so the
    float outputs are ORT's bits ("exact")."""
    b, x, h = _upsample_between_convs("resize_cubic", 1338, "cubic")
    sizes = b.const("cubic_sizes", np.array([1, 4, 9, 7], np.int64))
    cu = b.node("Resize", [h, "", "", sizes],
                _resize_ref(b.values[h], (9, 7), "cubic", a=-0.5, exclude=True),
                base="cu", mode="cubic", cubic_coeff_a=-0.5, exclude_outside=1)
    b.add_output(cu, "cubic", exact=True)
    roi = np.array([0, 0, 0.2, -0.1, 1, 1, 1.3, 0.9], np.float32)
    rois = ((0.2, 1.3), (-0.1, 0.9))
    for mode in ("linear", "nearest", "cubic"):
        crop = b.node("Resize", [x, b.const("roi_" + mode, roi), "",
                                 b.const("crop_sizes_" + mode, np.array([1, 3, 5, 5], np.int64))],
                      _resize_ref(b.values[x], (5, 5), mode, extrapolation=10.0,
                                  coord="tf_crop_and_resize", rois=rois),
                      base="crop_" + mode, mode=mode,
                      coordinate_transformation_mode="tf_crop_and_resize",
                      extrapolation_value=10.0)
        b.add_output(crop, "crop_" + mode, exact=True)
    return b


# --- MLPerf Tiny shapes (issue 12) -------------------------------------------
# The three image/audio networks of the MLPerf Tiny inference benchmark, int8
# QDQ as ONNX Runtime's quantizer writes them (batch norms folded into the
# convolutions, per-channel int8 weights, uint8 activations): the shapes of
# the networks whose Cortex-M4 figures the benchmark publishes. Random
# weights: they are for speed, size and bit-exactness, not accuracy.

def resnet8_tiny():
    """ResNet-8 of MLPerf Tiny image classification: 32x32x3, a 3x3 stem of
    16, three residual stacks (16, 32 stride 2, 64 stride 2; 1x1 stride-2
    shortcuts), 8x8 average pool, a 10-way Gemm."""
    b = ModelBuilder("resnet8_tiny", opset=13, seed=1401, num_calib=4)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 32, 32], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 16, 3, 3), _bias(r, 16), pads=1, act="relu",
                        base="stem")
    cin = 16
    for i, (c, s) in enumerate([(16, 1), (32, 2), (64, 2)]):
        base = "stack%d" % (i + 1)
        y = b.make_qdq_conv(h, _conv_w(r, c, cin, 3), _bias(r, c), strides=s, pads=1,
                            act="relu", base=base + "_conv1")
        y = b.make_qdq_conv(y, _conv_w(r, c, c, 3, gain=0.5), _bias(r, c), pads=1,
                            base=base + "_conv2")
        idn = h if s == 1 else b.make_qdq_conv(h, _conv_w(r, c, cin, 1), _bias(r, c),
                                               strides=s, base=base + "_shortcut")
        h = b.qdq_add(y, idn, "relu", U8)
        cin = c
    h = b.qdq_avgpool(h, 8, 8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (10, 64), 64), _bias(r, 10), U8, base="fc")
    b.add_output(h, "output")
    return b


def ds_cnn_tiny():
    """DS-CNN (small) of MLPerf Tiny keyword spotting: 49 frames x 10 MFCC,
    a 10x4 stride-2 convolution of 64 (TensorFlow's 'same' padding: top 4,
    bottom 5, left and right 1), four depthwise-separable blocks (3x3
    depthwise, 1x1 of 64, ReLU after each), the 25x5 average pool (global
    here), a 12-way
    Gemm."""
    b = ModelBuilder("ds_cnn_tiny", opset=13, seed=1402, num_calib=4)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 1, 49, 10], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, he_normal(r, (64, 1, 10, 4), 40), _bias(r, 64), strides=2,
                        pads=[4, 1, 5, 1], act="relu", base="conv1")
    for i in range(4):
        base = "ds%d" % (i + 1)
        h = b.make_qdq_conv(h, _conv_w(r, 64, 1, 3), _bias(r, 64), pads=1, group=64,
                            act="relu", base=base + "_dw")
        h = b.make_qdq_conv(h, _conv_w(r, 64, 64, 1), _bias(r, 64), act="relu",
                            base=base + "_pw")
    h = b.qdq_gap(h, U8)  # the 25x5 average pool covers the whole map
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (12, 64), 64), _bias(r, 12), U8, base="fc")
    b.add_output(h, "output")
    return b


def mobilenetv1_025_vww():
    """MobileNetV1 (width 0.25) of MLPerf Tiny visual wake words: 96x96x3, a
    3x3 stride-2 stem of 8, 13 depthwise-separable blocks (3x3 depthwise,
    1x1 pointwise, ReLU6 after each) up to 256 channels at 3x3, global
    average pool, a 2-way Gemm."""
    b = ModelBuilder("mobilenetv1_025_vww", opset=13, seed=1403, num_calib=2)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 96, 96], -1.0, 1.0)
    h = b.qdq(x, U8)
    h = b.make_qdq_conv(h, _conv_w(r, 8, 3, 3), _bias(r, 8), strides=2, pads=1,
                        act="relu6", base="stem")
    cin = 8
    blocks = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)] + [(128, 1)] * 5 + \
        [(256, 2), (256, 1)]
    for i, (c, s) in enumerate(blocks):
        base = "block%d" % (i + 1)
        h = b.make_qdq_conv(h, _conv_w(r, cin, 1, 3), _bias(r, cin), strides=s, pads=1,
                            group=cin, act="relu6", base=base + "_dw")
        h = b.make_qdq_conv(h, _conv_w(r, c, cin, 1), _bias(r, c), act="relu6",
                            base=base + "_pw")
        cin = c
    h = b.qdq_gap(h, U8)
    h = b.flatten(h)
    h = b.qdq_gemm(h, he_normal(r, (2, 256), 256), _bias(r, 2), U8, base="fc")
    b.add_output(h, "output")
    return b


def resnet8_mixed():
    """ResNet-8 (MLPerf Tiny image classification, as resnet8_tiny) in
    QONNX at mixed precision, as Brevitas exports a fine-tuned low-bit net:
    an 8-bit input and stem; 4-bit weights and 4-bit unsigned activations
    in the first two stacks; 2-bit (ternary) weights and 4-bit activations
    in the last; 8-bit 1x1 shortcuts; each residual sum re-quantized to 4
    bits; an 8-bit head."""
    b = QonnxBuilder("resnet8_mixed", opset=13, seed=1404)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 3, 32, 32])
    h = b.quant_act(x, 8, signed=True)
    h = b.quant_act(b.conv(h, b.quant_weight("stem_w", _conv_w(r, 16, 3, 3), 8),
                           _bias(r, 16), pads=1, act="relu", base="stem"), 4)
    cin = 16
    for i, (c, s, wb) in enumerate([(16, 1, 4), (32, 2, 4), (64, 2, 2)]):
        base = "stack%d" % (i + 1)
        w = b.quant_weight(base + "_conv1_w", _conv_w(r, c, cin, 3), wb)
        y = b.quant_act(b.conv(h, w, _bias(r, c), strides=s, pads=1, act="relu",
                               base=base + "_conv1"), 4)
        w = b.quant_weight(base + "_conv2_w", _conv_w(r, c, c, 3, gain=0.5), wb)
        y = b.quant_act(b.conv(y, w, _bias(r, c), pads=1, base=base + "_conv2"), 8,
                        signed=True)
        if s == 1:
            idn = h
        else:
            w = b.quant_weight(base + "_shortcut_w", _conv_w(r, c, cin, 1), 8)
            idn = b.quant_act(b.conv(h, w, _bias(r, c), strides=s, base=base + "_shortcut"),
                              8, signed=True)
        h = b.quant_act(b.relu(b.add(y, idn)), 4)
        cin = c
    return _classifier(b, h)


def ds_cnn_binary():
    """DS-CNN (MLPerf Tiny keyword spotting, as ds_cnn_tiny) in QONNX as a
    binary network: the 10x4 stride-2 first convolution with 8-bit weights
    on the 8-bit input, then four blocks of a binary 3x3 depthwise and a
    binary 1x1 convolution (BipolarQuant weights, BatchNormalization,
    BipolarQuant activations: XNOR-popcount), an 8-bit head."""
    b = QonnxBuilder("ds_cnn_binary", opset=13, seed=1406)
    r = b.rng
    x = b.add_input("input", np.float32, [1, 1, 49, 10])
    h = b.quant_act(x, 8, signed=True)
    w = b.quant_weight("conv1_w", he_normal(r, (64, 1, 10, 4), 40), 8)
    h = b.bipolar_act(b.conv(h, w, strides=2, pads=[4, 1, 5, 1], bn=_bn(r, 64),
                             base="conv1"))
    for i in range(4):
        base = "ds%d" % (i + 1)
        w = b.bipolar_weight(base + "_dw_w", _conv_w(r, 64, 1, 3))
        h = b.bipolar_act(b.conv(h, w, pads=1, group=64, bn=_bn(r, 64), base=base + "_dw"))
        w = b.bipolar_weight(base + "_pw_w", _conv_w(r, 64, 64, 1))
        h = b.bipolar_act(b.conv(h, w, bn=_bn(r, 64), base=base + "_pw"))
    return _classifier(b, h, n_out=12)


MODELS = {
    "tiny_cnn": tiny_cnn,
    "resdw": resdw,
    "qop": qop,
    "convint": convint,
    "matmulint": matmulint,
    "tiny_int8io": tiny_int8io,
    "resnet18": resnet18,
    "mobilenetv2_qop": mobilenetv2_qop,
    "efficientnet_lite0": efficientnet_lite0,
    "two_inputs": two_inputs,
    "mixed_widths": mixed_widths,
    "act_rounding": act_rounding,
    "op_rounding": op_rounding,
    "zp_ties": zp_ties,
    "sliced_bn": sliced_bn,
    "muladd_bn": muladd_bn,
    "negated_bn": negated_bn,
    "brevitas_opset11": brevitas_opset11,
    "lut_exact": lut_exact,
    "lut_approx": lut_approx,
    "lut_approx2": lut_approx2,
    "lut_approx3": lut_approx3,
    "float_acts": float_acts,
    "depth_space": depth_space,
    "slice_heads": slice_heads,
    "pads": pads,
    "ort_contrib": ort_contrib,
    "yolo_neck": yolo_neck,
    "yolo_uint4": yolo_uint4,
    "se_block": se_block,
    "float_edges": float_edges,
    "float_heads": float_heads,
    "finn_streamlined": finn_streamlined,
    "sliced_a": sliced_a,
    "sliced_b": sliced_b,
    "lowbit_bytes": lowbit_bytes,
    "uint4_asym": uint4_asym,
    "binary_net": binary_net,
    "binary_wide": binary_wide,
    "packed_acts": packed_acts,
    "trunc_avgpool": trunc_avgpool,
    "int4_qdq": int4_qdq,
    "a16w8_qdq": a16w8_qdq,
    "a16w8_ms": a16w8_ms,
    "a16w16_io": a16w16_io,
    "int4_io": int4_io,
    "f16_edges": f16_edges,
    "f16_qdq": f16_qdq,
    "f16_io_cnn": f16_io_cnn,
    "qcdq": qcdq,
    "qkeras_float_input": qkeras_float_input,
    "ort_excluded": ort_excluded,
    "convtranspose_qdq": convtranspose_qdq,
    "argmax_head": argmax_head,
    "topk_head": topk_head,
    "conv1d_kws": conv1d_kws,
    "resize_linear": resize_linear,
    "resize_cubic": resize_cubic,
    "resnet8_tiny": resnet8_tiny,
    "ds_cnn_tiny": ds_cnn_tiny,
    "resnet8_mixed": resnet8_mixed,
    "ds_cnn_binary": ds_cnn_binary,
    "mobilenetv1_025_vww": mobilenetv1_025_vww,
}
