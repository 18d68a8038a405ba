"""Definitions of the test models.  Each function fills a ModelBuilder."""
import numpy as np

from .builder import ModelBuilder, he_normal

U8, I8 = np.uint8, np.int8


def _bias(rng, n, std=0.05):
    return (rng.standard_normal(n) * std).astype(np.float32)


def _conv_w(rng, cout, cin, k, gain=1.0):
    return he_normal(rng, (cout, cin, k, k), cin * k * k, gain)


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
    bn = (r.uniform(0.5, 1.5, 16).astype(np.float32),      # gamma > 0
          r.uniform(-0.3, 0.3, 16).astype(np.float32),     # beta
          r.uniform(-0.2, 0.2, 16).astype(np.float32),     # running mean
          r.uniform(0.5, 2.0, 16).astype(np.float32))      # running var
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
    mm = b.node("MatMul", [g, wdq], (b.values[g] @ b.values[wdq]).astype(np.float32))
    bdq = b.bias_dq("fc_b", _bias(r, 10), b.input_qp(g).scale, wscale)
    y = b.node("Add", [mm, bdq], (b.values[mm] + b.values[bdq]).astype(np.float32))
    y = b.qdq(y, I8)
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
    h = b.qlinear_matmul(h, he_normal(r, (256, 10), 256), U8, base="fc")
    y = b.dequantize(h)
    b.add_output(y, "output")
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


MODELS = {
    "tiny_cnn": tiny_cnn,
    "resdw": resdw,
    "qop": qop,
    "convint": convint,
    "matmulint": matmulint,
    "tiny_int8io": tiny_int8io,
    "resnet18": resnet18,
    "two_inputs": two_inputs,
}
