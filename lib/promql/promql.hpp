// Umbrella header for the PromQL module.
#pragma once

#include "promql/ast.hpp"
#include "promql/duration.hpp"
#include "promql/error.hpp"
#include "promql/features.hpp"
#include "promql/functions.hpp"
#include "promql/parser.hpp"
#include "promql/printer.hpp"
