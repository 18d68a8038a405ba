// qcc-xnor-popcount rejects marked accumulations it cannot rewrite exactly.
// RUN: qcc-opt %s --split-input-file --verify-diagnostics --qcc-xnor-popcount

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#o = affine_map<(m, n, k) -> (m, n)>
func.func @zero_weight(%x: tensor<1x4xi8>, %acc: tensor<1x2xi32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[1, -1], [0, 1], [1, 1], [-1, -1]]> : tensor<4x2xi8>
  // expected-error @+1 {{bipolar weights hold a value other than +-1}}
  %r = linalg.generic {indexing_maps = [#x, #w, #o], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<1x4xi8>, tensor<4x2xi8>) outs(%acc : tensor<1x2xi32>)
      attrs = {qcc.weight_bits = 1 : i64, qcc.weight_kind = "bipolar", qcc.input_kind = "bipolar"} {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %p = arith.muli %a, %b : i8
    %e = arith.extsi %p : i8 to i32
    %s = arith.addi %c, %e : i32
    linalg.yield %s : i32
  } -> tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}

// -----

#x = affine_map<(m, n, k) -> (m, k)>
#w = affine_map<(m, n, k) -> (k, n)>
#o = affine_map<(m, n, k) -> (m, n)>
func.func @runtime_weight(%x: tensor<1x4xi8>, %w: tensor<4x2xi8>, %acc: tensor<1x2xi32>) -> tensor<1x2xi32> {
  // expected-error @+1 {{binary weights are not an i8 constant}}
  %r = linalg.generic {indexing_maps = [#x, #w, #o], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<1x4xi8>, tensor<4x2xi8>) outs(%acc : tensor<1x2xi32>)
      attrs = {qcc.weight_bits = 1 : i64, qcc.weight_kind = "bipolar", qcc.input_kind = "bipolar"} {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %p = arith.muli %a, %b : i8
    %e = arith.extsi %p : i8 to i32
    %s = arith.addi %c, %e : i32
    linalg.yield %s : i32
  } -> tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}

// -----

// The reduction dim k indexes the input through k + n: not a plain dim.
#x = affine_map<(m, n, k) -> (m, k + n)>
#w = affine_map<(m, n, k) -> (k, n)>
#o = affine_map<(m, n, k) -> (m, n)>
func.func @no_packable_dim(%x: tensor<1x5xi8>, %acc: tensor<1x2xi32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<1> : tensor<4x2xi8>
  // expected-error @+1 {{no reduction dim indexes both input and weights}}
  %r = linalg.generic {indexing_maps = [#x, #w, #o], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<1x5xi8>, tensor<4x2xi8>) outs(%acc : tensor<1x2xi32>)
      attrs = {qcc.weight_bits = 1 : i64, qcc.weight_kind = "bipolar", qcc.input_kind = "bipolar"} {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %p = arith.muli %a, %b : i8
    %e = arith.extsi %p : i8 to i32
    %s = arith.addi %c, %e : i32
    linalg.yield %s : i32
  } -> tensor<1x2xi32>
  return %r : tensor<1x2xi32>
}
