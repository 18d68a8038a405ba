// Round-trip of scales whose shortest "%.9g" form has an exponent but no
// decimal point (binary32 values >= 1e9 with few significant digits, e.g.
// 1e10 = 9765625 * 2^10 is exact in binary32). MLIR float literals need a
// '.', so the printer must emit e.g. "1.0e+10", not "1e+10", for the output
// to parse again.
// RUN: qcc-opt %s | qcc-opt | FileCheck %s

// CHECK-LABEL: func.func private @large_scales
// CHECK-SAME: scale = 1{{\.[0-9]*}}e+10,
// CHECK-SAME: scale = 1{{\.[0-9]*}}e+09,
// CHECK-SAME: scale = [4{{\.[0-9]*}}e+09, 2.5]
func.func private @large_scales(tensor<2x!qnn.q<ui8, scale = 1.0e10, zp = 0>>,
                                tensor<2x!qnn.q<ui8, scale = 1.0e9, zp = 0>>,
                                tensor<2x!qnn.q<ui8, axis = 0, scale = [4.0e9, 2.5], zp = [0, 0]>>)
