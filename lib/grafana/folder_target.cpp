#include "grafana/folder_target.hpp"

#include <fmt/format.h>

namespace mlmon::grafana {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::unexpected<ApiError> usage_error(std::string text) {
  ApiError error;
  error.kind = ApiError::Kind::Rejected;
  error.text = std::move(text);
  return std::unexpected(std::move(error));
}

ApiResult<ResolvedFolder> create(GrafanaClient& client, const std::string& title, const std::string& uid,
                                 bool dry_run) {
  if (dry_run) return ResolvedFolder{uid, title, ResolvedFolder::How::WouldCreate};
  auto created = client.create_folder(title, uid);
  if (!created) {
    // 409: created meanwhile (a concurrent run); use it.
    if (created.error().http_status == 409 && !uid.empty()) {
      auto existing = client.get_folder(uid);
      if (existing && *existing)
        return ResolvedFolder{(*existing)->uid, (*existing)->title, ResolvedFolder::How::Found};
    }
    return std::unexpected(created.error());
  }
  return ResolvedFolder{created->uid, created->title, ResolvedFolder::How::Created};
}

}  // namespace

ApiResult<ResolvedFolder> resolve_folder(GrafanaClient& client, const FolderTarget& target, bool dry_run) {
  if ((target.uid && (target.uid->empty() || lower(*target.uid) == "general")) ||
      (!target.uid && target.title && lower(*target.title) == "general")) {
    return ResolvedFolder{"", "General", ResolvedFolder::How::Found};
  }
  if (target.uid) {
    const auto found = MLMON_TRY(client.get_folder(*target.uid));
    if (found) return ResolvedFolder{found->uid, found->title, ResolvedFolder::How::Found};
    if (!target.create)
      return usage_error(fmt::format("folder uid {} does not exist in Grafana (--no-create)", *target.uid));
    return create(client, target.title.value_or(*target.uid), *target.uid, dry_run);
  }
  if (!target.title) return ResolvedFolder{"", "General", ResolvedFolder::How::Found};

  const std::string& title = *target.title;
  const auto folders = MLMON_TRY(client.list_folders());
  std::vector<const Folder*> exact, folded;
  for (const Folder& folder : folders) {
    if (folder.title == title) exact.push_back(&folder);
    if (lower(folder.title) == lower(title)) folded.push_back(&folder);
  }
  const auto& matches = exact.empty() ? folded : exact;
  if (matches.size() == 1)
    return ResolvedFolder{matches.front()->uid, matches.front()->title, ResolvedFolder::How::Found};
  if (matches.size() > 1) {
    std::string uids;
    for (const Folder* folder : matches) uids += (uids.empty() ? "" : ", ") + folder->uid;
    return usage_error(fmt::format("{} folders are titled \"{}\" (uids {}); choose one with --folder-uid",
                                   matches.size(), title, uids));
  }
  if (!target.create) return usage_error(fmt::format("no folder titled \"{}\" in Grafana (--no-create)", title));
  return create(client, title, "", dry_run);
}

}  // namespace mlmon::grafana
