#include "mlmon_main.hpp"

int mlmon::cli::mlmon_main(int, const char* const*, std::ostream&, std::ostream&) { return 0; }
