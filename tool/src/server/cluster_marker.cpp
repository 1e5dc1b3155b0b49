#include "server/cluster_marker.hpp"

#include <unistd.h>

#include <charconv>
#include <string>

#include "io/text_file.hpp"
#include "server/assignments.hpp"
#include "server/process_control.hpp"

namespace pgpm::server {

namespace {

template <typename Number>
Number to_number(std::string_view text) {
    Number value{};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

}  // namespace

ClusterMarker marker_for_this_process() {
    const auto self = ::getpid();
    return {self, process_start_time(self).value_or(0), 0, {}};
}

tl::expected<void, ServerError> write_marker(const ClusterPaths& paths,
                                             const ClusterMarker& marker) {
    Assignments fields = {
        {"owner_pid", std::to_string(marker.owner_pid)},
        {"owner_start", std::to_string(marker.owner_start)},
        {"postmaster_pid", std::to_string(marker.postmaster_pid)},
    };
    if (!marker.server_dir.empty()) {
        fields.emplace_back("server_dir", marker.server_dir.string());
    }
    auto written = io::write_file_atomically(paths.marker(), format_assignments(fields));
    if (!written) {
        return tl::unexpected(ServerError{written.error(), {}});
    }
    return {};
}

std::optional<ClusterMarker> read_marker(const ClusterPaths& paths) {
    const auto text = io::read_file(paths.marker());
    if (!text) {
        return std::nullopt;
    }
    const auto fields = parse_assignments(*text);
    if (!fields) {
        return std::nullopt;
    }
    return ClusterMarker{
        to_number<pid_t>(find_assignment(*fields, "owner_pid")),
        to_number<std::uint64_t>(find_assignment(*fields, "owner_start")),
        to_number<pid_t>(find_assignment(*fields, "postmaster_pid")),
        std::filesystem::path(find_assignment(*fields, "server_dir")),
    };
}

bool postmaster_running(const ClusterPaths& paths, const ClusterMarker& marker) {
    return process_alive(marker.postmaster_pid) &&
           is_cluster_process(marker.postmaster_pid, paths.data());
}

bool is_stale(const ClusterPaths& paths, const ClusterMarker& marker) {
    if (!marker.server_dir.empty()) {
        return !postmaster_running(paths, marker);
    }
    const bool owner_alive =
        process_alive(marker.owner_pid) &&
        (marker.owner_start == 0 || process_start_time(marker.owner_pid) == marker.owner_start);
    return !owner_alive;
}

}  // namespace pgpm::server
