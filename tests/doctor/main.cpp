#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

int main(int argc, char** argv) {
  // The fakes listen on 127.0.0.1: a proxy from the environment must not intercept them, and the
  // developer's own stack settings must not leak into the tests.
  ::setenv("no_proxy", "127.0.0.1,localhost", 1);
  ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  for (const char* name : {"PROMETHEUS_URL", "PROMETHEUS_TOKEN", "PROMETHEUS_USER", "PROMETHEUS_PASSWORD",
                           "ALERTMANAGER_URL", "ALERTMANAGER_TOKEN", "ALERTMANAGER_USER", "ALERTMANAGER_PASSWORD",
                           "GRAFANA_URL", "GRAFANA_TOKEN", "GRAFANA_USER", "GRAFANA_PASSWORD"}) {
    ::unsetenv(name);
  }
  // A hung test must not hang CI: every wait is bounded, and this is the backstop.
  std::thread([] {
    std::this_thread::sleep_for(std::chrono::minutes(4));
    std::_Exit(99);
  }).detach();
  doctest::Context context(argc, argv);
  return context.run();
}
