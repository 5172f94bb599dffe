#include <iostream>

#include "mlmon_main.hpp"

int main(int argc, char** argv) { return mlmon::cli::mlmon_main(argc, argv, std::cout, std::cerr); }
