// Binary operators: arithmetic on special values, comparisons with and without bool, vector
// matching and its cardinality errors, set operators, fill modifiers.
#include <doctest/doctest.h>

#include "script.hpp"

using mlmon::engine::testing::check_script;

TEST_CASE("arithmetic follows IEEE 754 and Go's math.Mod and math.Pow") {
  check_script(R"promql(
eval instant at 0 5 % -3
  2

eval instant at 0 -5 % 3
  -2

eval instant at 0 5 % 0
  NaN

eval instant at 0 Inf % 2
  NaN

eval instant at 0 2 % Inf
  2

eval instant at 0 1 / 0
  +Inf

eval instant at 0 -1 / 0
  -Inf

eval instant at 0 0 / 0
  NaN

eval instant at 0 2 ^ 3 ^ 2
  512

eval instant at 0 -2 ^ 2
  -4

eval instant at 0 (-8) ^ (1/3)
  NaN

eval instant at 0 0 ^ -1
  +Inf

eval instant at 0 (-0) ^ -1
  -Inf

eval instant at 0 NaN ^ 0
  1

eval instant at 0 1 ^ NaN
  1

eval instant at 0 (-1) ^ Inf
  1

eval instant at 0 1 atan2 0
  1.5707963267948966

eval instant at 0 NaN == bool NaN
  0

eval instant at 0 NaN != bool NaN
  1

eval instant at 0 Inf > bool -Inf
  1
)promql");
}

TEST_CASE("vector/scalar comparisons filter and keep the vector's value; bool returns 0 or 1") {
  check_script(R"promql(
load 1m
  x{i="1"} 1
  x{i="2"} 5
  x{i="3"} NaN

eval instant at 0 x > 2
  x{i="2"} 5

eval instant at 0 2 < x
  x{i="2"} 5

eval instant at 0 x > bool 2
  {i="1"} 0
  {i="2"} 1
  {i="3"} 0

eval instant at 0 x != 1
  x{i="2"} 5
  x{i="3"} NaN

eval instant at 0 x * 2
  {i="1"} 2
  {i="2"} 10
  {i="3"} NaN

eval instant at 0 -x
  {i="1"} -1
  {i="2"} -5
  {i="3"} NaN
)promql");
}

TEST_CASE("vector matching: on, ignoring, group_left with extra labels, and cardinality errors") {
  check_script(R"promql(
load 1m
  req{job="a", inst="1", code="200"} 10
  req{job="a", inst="1", code="500"} 2
  req{job="a", inst="2", code="200"} 20
  info{job="a", inst="1", version="v1"} 1
  info{job="a", inst="2", version="v2"} 1
  limit{job="a"} 100

eval instant at 0 req / on(job, inst) group_left(version) info
  {job="a", inst="1", code="200", version="v1"} 10
  {job="a", inst="1", code="500", version="v1"} 2
  {job="a", inst="2", code="200", version="v2"} 20

eval instant at 0 req / ignoring(inst, code) group_left limit
  {job="a", inst="1", code="200"} 0.1
  {job="a", inst="1", code="500"} 0.02
  {job="a", inst="2", code="200"} 0.2

# One-to-one on(...) keeps only the on labels, even for comparisons.
eval instant at 0 info > on(job, inst) info - 1
  {job="a", inst="1"} 1
  {job="a", inst="2"} 1

eval instant at 0 req / on(job, inst) info
  expect fail msg: multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)

eval instant at 0 info / on(job) group_left req
  expect fail regex: ^found duplicate series for the match group \{job="a"\} on the right hand-side of the operation: \[.*\];many-to-many matching not allowed: matching labels must be unique on one side$

eval instant at 0 req / on(job) group_right info
  expect fail regex: ^found duplicate series for the match group \{job="a"\} on the left hand-side of the operation

# The check comes before filtering: it fails even though no element would survive the comparison.
eval instant at 0 req > on(job, inst) info * 1000
  expect fail msg: multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)

eval instant at 0 req / on(job, inst) group_left(code) info
  expect fail msg: multiple matches for labels: grouping labels must ensure unique matches

eval instant at 0 req / on(job, inst, code) group_left info
)promql");
}

TEST_CASE("set operators match many-to-many on the signature") {
  check_script(R"promql(
load 1m
  a{i="1"} 1
  a{i="2"} 2
  b{i="2"} 20
  b{i="3"} 30

eval instant at 0 a and b
  a{i="2"} 2

eval instant at 0 a or b
  a{i="1"} 1
  a{i="2"} 2
  b{i="3"} 30

eval instant at 0 a unless b
  a{i="1"} 1

eval instant at 0 a and on() b
  a{i="1"} 1
  a{i="2"} 2

eval instant at 0 a unless on() nonexistent
  a{i="1"} 1
  a{i="2"} 2

eval instant at 0 nonexistent or b
  b{i="2"} 20
  b{i="3"} 30
)promql");
}

TEST_CASE("fill modifiers supply a value for the missing side (experimental)") {
  check_script(R"promql(
load 1m
  a{i="1"} 1
  a{i="2"} 2
  b{i="2"} 20
  b{i="3"} 30

eval instant at 0 a + fill(0) b
  {i="1"} 1
  {i="2"} 22
  {i="3"} 30

eval instant at 0 a + fill_left(100) b
  {i="2"} 22
  {i="3"} 130

eval instant at 0 a + fill_right(100) b
  {i="1"} 101
  {i="2"} 22
)promql");
}

TEST_CASE("trim operators apply to native histograms only: on floats nothing, with an info") {
  check_script(R"promql(
load 1m
  x 1

eval instant at 0 x </ 2
  expect info msg: PromQL info: incompatible sample types encountered for binary operator "</": float </ float
)promql");
}
