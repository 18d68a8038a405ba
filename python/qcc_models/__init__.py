"""Quantized ONNX test-model generator for qcc.

Use qcc_models.gen.generate(name, outdir) or
``python3 -m qcc_models.gen NAME OUTDIR``; the models are in MODELS.
"""
from .models import MODELS  # noqa: F401
