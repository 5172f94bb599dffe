#pragma once
#include <optional>
#include <string>

#include "grafana/api_error.hpp"
#include "grafana/client.hpp"

namespace mlmon::grafana {

/// Where --folder / --folder-uid ask dashboards to go.
struct FolderTarget {
  std::optional<std::string> title;  ///< --folder TITLE ("General" = the root)
  std::optional<std::string> uid;    ///< --folder-uid UID
  bool create = true;                ///< false with --no-create

  bool given() const { return title.has_value() || uid.has_value(); }
};

struct ResolvedFolder {
  std::string uid;  ///< "" = General
  std::string title;
  enum class How { Found, Created, WouldCreate } how = How::Found;
};

/// Looks the folder up (by uid, else by exact title among the top-level folders, else by a
/// case-insensitive title when that is unique) and creates it when missing, unless `create` is
/// false or `dry_run` (then How::WouldCreate). "General" (or uid "general") is the root.
ApiResult<ResolvedFolder> resolve_folder(GrafanaClient& client, const FolderTarget& target, bool dry_run);

}  // namespace mlmon::grafana
