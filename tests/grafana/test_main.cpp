#define DOCTEST_CONFIG_IMPLEMENT
#include <cstdlib>
#include <thread>

#include "corpus.hpp"

int main(int argc, char** argv) {
  // The fake Grafana listens on 127.0.0.1: a proxy from the environment must not intercept it.
  ::setenv("no_proxy", "127.0.0.1,localhost", 1);
  ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  for (const char* name : {"GRAFANA_URL", "GRAFANA_TOKEN", "GRAFANA_USER", "GRAFANA_PASSWORD"}) ::unsetenv(name);

  // A hung test must not hang CI: every wait in these tests is bounded, and this is the backstop.
  std::thread([] {
    std::this_thread::sleep_for(std::chrono::minutes(5));
    std::_Exit(99);
  }).detach();

  return mlmon::testing::run_tests(argc, argv, MLMON_CORPUS_DIR);
}
