// doctest's main: the corpus suite is skipped (exit 77) when the corpus is missing (corpus.hpp).
#define DOCTEST_CONFIG_IMPLEMENT
#include "corpus.hpp"

int main(int argc, char** argv) { return mlmon::testing::run_tests(argc, argv, MLMON_CORPUS_DIR); }
