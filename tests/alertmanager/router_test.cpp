// routes show / routes test against amtool's own output, byte for byte. The expected texts were
// produced by `amtool config routes show|test --config.file=testdata/<file>` (Debian amtool 0.25.0;
// `routes show` again with amtool 0.33.1, which pads nested levels with plain spaces where 0.25
// used no-break spaces) on configs whose features both and the newest Alertmanager treat alike.
#include "alertmanager/router.hpp"

#include <doctest/doctest.h>

#include "core/file_io.hpp"
#include "test_support.hpp"

using namespace mlmon;
using namespace mlmon::alertmanager;
using namespace mlmon::alertmanager::testing;

namespace {

LoadedConfig load_testdata(const std::string& name) {
  auto text = read_file("testdata/" + name);
  REQUIRE_MESSAGE(text.has_value(), name);
  LoadedConfig loaded = load_config(std::make_shared<SourceFile>(name, *text));
  REQUIRE_MESSAGE(!loaded.has_errors(), findings_text(loaded));
  REQUIRE(loaded.config.has_route);
  return loaded;
}

LabelSet labels_of(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  LabelSet out;
  for (const auto& [k, v] : pairs) out[k] = v;
  return out;
}

}  // namespace

TEST_CASE("routes show: routing.yml") {
  const LoadedConfig loaded = load_testdata("routing.yml");
  CHECK(routes_show_text(loaded.config.route) == R"(Routing tree:
.
└── default-route  receiver: default
    ├── default-route  continue: true  receiver: audit-log
    ├── {team="db"}  receiver: db-team
    │   ├── {severity="critical"}  continue: true  receiver: db-pager
    │   └── {severity=~"critical|warning"}  receiver: db-slack
    ├── {env=~"^(?:prod|staging)$",team="frontend"}  receiver: fe-team
    │   └── {service!~"canary-.*",severity!="info"}  receiver: fe-pager
    ├── {team="infra"}  continue: true  receiver: infra-team
    └── {severity="critical"}  receiver: catch-all-critical

)");
}

TEST_CASE("routes show: nested.yml") {
  const LoadedConfig loaded = load_testdata("nested.yml");
  CHECK(routes_show_text(loaded.config.route) == R"(Routing tree:
.
└── default-route  receiver: ops
    ├── {service=~"^(?:^(foo1|foo2|baz)$)$"}  receiver: team-x
    │   ├── {severity="critical"}  receiver: team-x-pager
    │   └── {env="prod",region=~"eu-.*"}  continue: true  receiver: team-x
    │       ├── {tier="1"}  receiver: team-x-tier1
    │       └── {tier=~"2|3"}  receiver: team-x
    ├── {service="files"}  receiver: ops
    │   ├── {severity="critical"}  continue: true  receiver: files-pager
    │   └── {severity!="info"}  receiver: files-mail
    ├── {owner=~"team-.*",owner!="team-z"}  continue: true  receiver: owners
    └── default-route  receiver: fallback

)");
}

TEST_CASE("routes show: upstream-routing.yml") {
  const LoadedConfig loaded = load_testdata("upstream-routing.yml");
  CHECK(routes_show_text(loaded.config.route) == R"(Routing tree:
.
└── default-route  receiver: default
    ├── {test=~"^(?:^[12]$)$"}  continue: true  receiver: test1
    └── {test="2"}  receiver: test2

)");
}

TEST_CASE("routes test: routing.yml receivers as amtool resolves them") {
  const LoadedConfig loaded = load_testdata("routing.yml");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"alertname", "Foo"}}))) == "audit-log");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"team", "db"}, {"severity", "critical"}}))) ==
        "audit-log,db-pager,db-slack");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"team", "db"}, {"severity", "warning"}}))) ==
        "audit-log,db-slack");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"team", "db"}, {"severity", "info"}}))) ==
        "audit-log,db-team");
  CHECK(join_receivers(route_receivers(
            loaded.config.route,
            labels_of({{"team", "frontend"}, {"env", "prod"}, {"severity", "critical"}, {"service", "api"}}))) ==
        "audit-log,fe-pager");
  CHECK(join_receivers(route_receivers(loaded.config.route,
                                       labels_of({{"team", "frontend"}, {"env", "dev"}, {"severity", "critical"}}))) ==
        "audit-log,catch-all-critical");
  CHECK(join_receivers(route_receivers(loaded.config.route,
                                       labels_of({{"team", "frontend"}, {"env", "prod"}, {"severity", "info"}}))) ==
        "audit-log,fe-team");
  CHECK(
      join_receivers(route_receivers(loaded.config.route, labels_of({{"team", "infra"}, {"severity", "critical"}}))) ==
      "audit-log,infra-team,catch-all-critical");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({}))) == "audit-log");
}

TEST_CASE("routes test: nested.yml receivers as amtool resolves them") {
  const LoadedConfig loaded = load_testdata("nested.yml");
  CHECK(join_receivers(route_receivers(loaded.config.route,
                                       labels_of({{"service", "foo1"}, {"severity", "critical"}}))) == "team-x-pager");
  CHECK(join_receivers(
            route_receivers(loaded.config.route,
                            labels_of({{"service", "foo2"}, {"env", "prod"}, {"region", "eu-west"}, {"tier", "1"}}))) ==
        "team-x-tier1");
  CHECK(join_receivers(route_receivers(
            loaded.config.route,
            labels_of({{"service", "baz"}, {"env", "prod"}, {"region", "eu-west"}, {"tier", "2"}}))) == "team-x");
  CHECK(join_receivers(route_receivers(
            loaded.config.route, labels_of({{"service", "baz"}, {"env", "prod"}, {"region", "us"}}))) == "team-x");
  CHECK(join_receivers(
            route_receivers(loaded.config.route, labels_of({{"service", "files"}, {"severity", "critical"}}))) ==
        "files-pager,files-mail");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"service", "files"}, {"severity", "info"}}))) ==
        "ops");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"owner", "team-a"}}))) == "owners,fallback");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"owner", "team-z"}}))) == "fallback");
  CHECK(join_receivers(route_receivers(
            loaded.config.route,
            labels_of({{"service", "foo1"}, {"env", "prod"}, {"region", "eu-1"}, {"tier", "9"}}))) == "team-x");
}

TEST_CASE("routes test: upstream-routing.yml receivers as amtool resolves them") {
  const LoadedConfig loaded = load_testdata("upstream-routing.yml");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"test", "1"}}))) == "test1");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"test", "2"}}))) == "test1,test2");
  CHECK(join_receivers(route_receivers(loaded.config.route, labels_of({{"test", "volovina"}}))) == "default");
}

TEST_CASE("routes test --tree: routing.yml team=db severity=critical") {
  const LoadedConfig loaded = load_testdata("routing.yml");
  const LabelSet labels = labels_of({{"team", "db"}, {"severity", "critical"}});
  CHECK(matching_tree_text(loaded.config.route, labels) == R"(Matching routes:
.
└── default-route
    ├── default-route  receiver: audit-log
    └── {team="db"}
        ├── {severity="critical"}  receiver: db-pager
        └── {severity=~"critical|warning"}  receiver: db-slack


)");
}

TEST_CASE("routes test --tree: routing.yml alertname=Foo") {
  const LoadedConfig loaded = load_testdata("routing.yml");
  const LabelSet labels = labels_of({{"alertname", "Foo"}});
  CHECK(matching_tree_text(loaded.config.route, labels) == R"(Matching routes:
.
└── default-route
    └── default-route  receiver: audit-log


)");
}

TEST_CASE("routes test --tree: nested.yml service=foo2 env=prod region=eu-west tier=1") {
  const LoadedConfig loaded = load_testdata("nested.yml");
  const LabelSet labels = labels_of({{"service", "foo2"}, {"env", "prod"}, {"region", "eu-west"}, {"tier", "1"}});
  CHECK(matching_tree_text(loaded.config.route, labels) == R"(Matching routes:
.
└── default-route
    └── {service=~"^(?:^(foo1|foo2|baz)$)$"}
        └── {env="prod",region=~"eu-.*"}
            └── {tier="1"}  receiver: team-x-tier1


)");
}

TEST_CASE("routes test --tree: nested.yml owner=team-a") {
  const LoadedConfig loaded = load_testdata("nested.yml");
  const LabelSet labels = labels_of({{"owner", "team-a"}});
  CHECK(matching_tree_text(loaded.config.route, labels) == R"(Matching routes:
.
└── default-route
    ├── {owner=~"team-.*",owner!="team-z"}  receiver: owners
    └── default-route  receiver: fallback


)");
}

TEST_CASE("routes test --tree: nested.yml service=files severity=critical") {
  const LoadedConfig loaded = load_testdata("nested.yml");
  const LabelSet labels = labels_of({{"service", "files"}, {"severity", "critical"}});
  CHECK(matching_tree_text(loaded.config.route, labels) == R"(Matching routes:
.
└── default-route
    └── {service="files"}
        ├── {severity="critical"}  receiver: files-pager
        └── {severity!="info"}  receiver: files-mail


)");
}
