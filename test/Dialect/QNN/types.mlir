// Round-trip of the !qnn.q element type: print -> parse -> print must be
// stable, and the printed form is the canonical one checked below.
// RUN: qcc-opt %s | qcc-opt | FileCheck %s
// RUN: qcc-opt %s --mlir-print-op-generic | qcc-opt | FileCheck %s

// --- per tensor ---------------------------------------------------------------

// CHECK-LABEL: func.func private @per_tensor_8bit
// CHECK-SAME: tensor<2x!qnn.q<ui8, scale = 0.5, zp = 128>>
// CHECK-SAME: tensor<2x!qnn.q<i8, scale = 0.25, zp = -3>>
// CHECK-SAME: tensor<!qnn.q<i8, scale = 1.0, zp = 0>>
func.func private @per_tensor_8bit(tensor<2x!qnn.q<ui8, scale = 0.5, zp = 128>>,
                                   tensor<2x!qnn.q<i8, scale = 0.25, zp = -3>>,
                                   tensor<!qnn.q<i8, scale = 1.0, zp = 0>>)

// 16 bits (ONNX int16 / uint16 activations), one slice.
// CHECK-LABEL: func.func private @per_tensor_16bit
// CHECK-SAME: tensor<2x!qnn.q<ui16, scale = 0.125, zp = 40000>>
// CHECK-SAME: tensor<2x!qnn.q<i16, axis = 0, scale = [0.5, 0.25], zp = [-32768, 32767]>>
func.func private @per_tensor_16bit(tensor<2x!qnn.q<ui16, scale = 0.125, zp = 40000>>,
                                    tensor<2x!qnn.q<i16, axis = 0, scale = [0.5, 0.25], zp = [-32768, 32767]>>)

// Scales are binary32: they are rounded when parsed and printed with 9
// significant digits (enough to round-trip every binary32 value).
//   /usr/bin/python3 -c 'import numpy as np; print("%.9g" % np.float32(0.0235))'
//   -> 0.0234999992 ; 0.1 -> 0.100000001 ; 3.0e10 -> 3.0000001e+10 ;
//   1.0e-40 (subnormal) -> 9.99994610e-41 printed as 9.9999461e-41
// CHECK-LABEL: func.func private @binary32_scales
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 0.0234999992, zp = 0>>
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 0.100000001, zp = 0>>
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 3.0000001e+10, zp = 0>>
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 9.9999461e-41, zp = 0>>
// CHECK-SAME: tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>
func.func private @binary32_scales(tensor<4x!qnn.q<ui8, scale = 0.0235, zp = 0>>,
                                   tensor<4x!qnn.q<ui8, scale = 0.1, zp = 0>>,
                                   tensor<4x!qnn.q<ui8, scale = 0.100000001, zp = 0>>,
                                   tensor<4x!qnn.q<ui8, scale = 3.0e10, zp = 0>>,
                                   tensor<4x!qnn.q<ui8, scale = 1.0e-40, zp = 0>>,
                                   tensor<4x!qnn.q<ui8, scale = 2.0, zp = 0>>)

// Every width 1..8, signed and unsigned, with the zero-point at both ends of
// the width's range: signed b bits [-2^(b-1), 2^(b-1)-1], unsigned [0, 2^b-1].
// CHECK-LABEL: func.func private @widths_signed
// CHECK-SAME: !qnn.q<i1, scale = 1.0, zp = -1>
// CHECK-SAME: !qnn.q<i1, scale = 1.0, zp = 0>
// CHECK-SAME: !qnn.q<i2, scale = 1.0, zp = -2>
// CHECK-SAME: !qnn.q<i2, scale = 1.0, zp = 1>
// CHECK-SAME: !qnn.q<i3, scale = 1.0, zp = -4>
// CHECK-SAME: !qnn.q<i3, scale = 1.0, zp = 3>
// CHECK-SAME: !qnn.q<i4, scale = 1.0, zp = -8>
// CHECK-SAME: !qnn.q<i4, scale = 1.0, zp = 7>
// CHECK-SAME: !qnn.q<i5, scale = 1.0, zp = -16>
// CHECK-SAME: !qnn.q<i5, scale = 1.0, zp = 15>
// CHECK-SAME: !qnn.q<i6, scale = 1.0, zp = -32>
// CHECK-SAME: !qnn.q<i6, scale = 1.0, zp = 31>
// CHECK-SAME: !qnn.q<i7, scale = 1.0, zp = -64>
// CHECK-SAME: !qnn.q<i7, scale = 1.0, zp = 63>
// CHECK-SAME: !qnn.q<i8, scale = 1.0, zp = -128>
// CHECK-SAME: !qnn.q<i8, scale = 1.0, zp = 127>
func.func private @widths_signed(
    tensor<1x!qnn.q<i1, scale = 1.0, zp = -1>>, tensor<1x!qnn.q<i1, scale = 1.0, zp = 0>>,
    tensor<1x!qnn.q<i2, scale = 1.0, zp = -2>>, tensor<1x!qnn.q<i2, scale = 1.0, zp = 1>>,
    tensor<1x!qnn.q<i3, scale = 1.0, zp = -4>>, tensor<1x!qnn.q<i3, scale = 1.0, zp = 3>>,
    tensor<1x!qnn.q<i4, scale = 1.0, zp = -8>>, tensor<1x!qnn.q<i4, scale = 1.0, zp = 7>>,
    tensor<1x!qnn.q<i5, scale = 1.0, zp = -16>>, tensor<1x!qnn.q<i5, scale = 1.0, zp = 15>>,
    tensor<1x!qnn.q<i6, scale = 1.0, zp = -32>>, tensor<1x!qnn.q<i6, scale = 1.0, zp = 31>>,
    tensor<1x!qnn.q<i7, scale = 1.0, zp = -64>>, tensor<1x!qnn.q<i7, scale = 1.0, zp = 63>>,
    tensor<1x!qnn.q<i8, scale = 1.0, zp = -128>>, tensor<1x!qnn.q<i8, scale = 1.0, zp = 127>>)

// CHECK-LABEL: func.func private @widths_unsigned
// CHECK-SAME: !qnn.q<ui1, scale = 1.0, zp = 0>
// CHECK-SAME: !qnn.q<ui1, scale = 1.0, zp = 1>
// CHECK-SAME: !qnn.q<ui2, scale = 1.0, zp = 3>
// CHECK-SAME: !qnn.q<ui3, scale = 1.0, zp = 7>
// CHECK-SAME: !qnn.q<ui4, scale = 1.0, zp = 15>
// CHECK-SAME: !qnn.q<ui5, scale = 1.0, zp = 31>
// CHECK-SAME: !qnn.q<ui6, scale = 1.0, zp = 63>
// CHECK-SAME: !qnn.q<ui7, scale = 1.0, zp = 127>
// CHECK-SAME: !qnn.q<ui8, scale = 1.0, zp = 255>
func.func private @widths_unsigned(
    tensor<1x!qnn.q<ui1, scale = 1.0, zp = 0>>, tensor<1x!qnn.q<ui1, scale = 1.0, zp = 1>>,
    tensor<1x!qnn.q<ui2, scale = 1.0, zp = 3>>, tensor<1x!qnn.q<ui3, scale = 1.0, zp = 7>>,
    tensor<1x!qnn.q<ui4, scale = 1.0, zp = 15>>, tensor<1x!qnn.q<ui5, scale = 1.0, zp = 31>>,
    tensor<1x!qnn.q<ui6, scale = 1.0, zp = 63>>, tensor<1x!qnn.q<ui7, scale = 1.0, zp = 127>>,
    tensor<1x!qnn.q<ui8, scale = 1.0, zp = 255>>)

// --- axis ---------------------------------------------------------------------

// An explicit `axis = -1` means "no axis" and is not printed; a per-tensor
// scale may still carry an axis (it is printed).
// CHECK-LABEL: func.func private @axis_forms
// CHECK-SAME: tensor<2x!qnn.q<i8, scale = 0.5, zp = 1>>
// CHECK-SAME: tensor<3x2x!qnn.q<i8, axis = 1, scale = 0.5, zp = 1>>
func.func private @axis_forms(tensor<2x!qnn.q<i8, axis = -1, scale = 0.5, zp = 1>>,
                              tensor<3x2x!qnn.q<i8, axis = 1, scale = 0.5, zp = 1>>)

// --- per channel --------------------------------------------------------------

// CHECK-LABEL: func.func private @per_channel
// CHECK-SAME: tensor<2x3x!qnn.q<i8, axis = 0, scale = [0.100000001, 0.200000003], zp = [0, -1]>>
// CHECK-SAME: tensor<4x3x!qnn.q<ui8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 128, 255]>>
// CHECK-SAME: tensor<1x3x!qnn.q<i4, axis = 1, scale = [1.0, 2.0, 3.0], zp = [-8, 0, 7]>>
func.func private @per_channel(
    tensor<2x3x!qnn.q<i8, axis = 0, scale = [0.1, 0.2], zp = [0, -1]>>,
    tensor<4x3x!qnn.q<ui8, axis = 1, scale = [0.5, 0.25, 0.125], zp = [0, 128, 255]>>,
    tensor<1x3x!qnn.q<i4, axis = 1, scale = [1.0, 2.0, 3.0], zp = [-8, 0, 7]>>)

// --- sliced -------------------------------------------------------------------

// Slices: runs of channels along the axis sharing one width. A one-slice list
// keeps its bracketed form. A per-tensor zero-point must fit every slice; a
// per-channel one only its own slice's width.
// CHECK-LABEL: func.func private @sliced
// CHECK-SAME: tensor<1x16x4x4x!qnn.q<[i4 x 8, i8 x 8], axis = 1, scale = 0.5, zp = 0>>
// CHECK-SAME: tensor<8x3x!qnn.q<[i4 x 8], axis = 0, scale = 0.5, zp = -8>>
// CHECK-SAME: tensor<4x!qnn.q<[ui3 x 1, ui5 x 3], axis = 0, scale = [9.99999975e-06, 2.0, 3.0, 1.0], zp = [7, 0, 31, 2]>>
// CHECK-SAME: tensor<2x3x!qnn.q<[i2 x 1, i8 x 1, i1 x 1], axis = 1, scale = [0.5, 0.25, 0.125], zp = [1, -128, -1]>>
// CHECK-SAME: tensor<6x!qnn.q<[ui1 x 2, ui2 x 2, ui8 x 2], axis = 0, scale = 1.0, zp = 1>>
func.func private @sliced(
    tensor<1x16x4x4x!qnn.q<[i4 x 8, i8 x 8], axis = 1, scale = 0.5, zp = 0>>,
    tensor<8x3x!qnn.q<[i4 x 8], axis = 0, scale = 0.5, zp = -8>>,
    tensor<4x!qnn.q<[ui3 x 1, ui5 x 3], axis = 0, scale = [1.0e-5, 2.0, 3.0, 1.0], zp = [7, 0, 31, 2]>>,
    tensor<2x3x!qnn.q<[i2 x 1, i8 x 1, i1 x 1], axis = 1, scale = [0.5, 0.25, 0.125], zp = [1, -128, -1]>>,
    tensor<6x!qnn.q<[ui1 x 2, ui2 x 2, ui8 x 2], axis = 0, scale = 1.0, zp = 1>>)

// Dynamic dimensions are fine for the type itself (ops want static shapes).
// CHECK-LABEL: func.func private @dynamic_shape
// CHECK-SAME: tensor<?x4x!qnn.q<i8, scale = 0.5, zp = 0>>
// CHECK-SAME: tensor<?x3x!qnn.q<i8, axis = 1, scale = [0.5, 1.0, 2.0], zp = [0, 0, 0]>>
func.func private @dynamic_shape(tensor<?x4x!qnn.q<i8, scale = 0.5, zp = 0>>,
                                 tensor<?x3x!qnn.q<i8, axis = 1, scale = [0.5, 1.0, 2.0], zp = [0, 0, 0]>>)

// --- bipolar ------------------------------------------------------------------
// The zero-point of a bipolar type is 0; it is accepted and not printed.

// CHECK-LABEL: func.func private @bipolar
// CHECK-SAME: tensor<4x!qnn.q<b1, scale = 0.5>>
// CHECK-SAME: tensor<2x3x!qnn.q<b1, axis = 0, scale = [0.25, 2.0]>>
// CHECK-SAME: tensor<4x!qnn.q<b1, scale = 1.0>>
func.func private @bipolar(tensor<4x!qnn.q<b1, scale = 0.5>>,
                           tensor<2x3x!qnn.q<b1, axis = 0, scale = [0.25, 2.0]>>,
                           tensor<4x!qnn.q<b1, scale = 1.0, zp = 0>>)
