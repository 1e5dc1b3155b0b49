#include "cli/planner_identity.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <system_error>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <boost/process/search_path.hpp>
#include <boost/process/start_dir.hpp>

namespace pgpm::cli {

namespace {

namespace bp = boost::process;
namespace chrono = std::chrono;

std::optional<std::string> environment_value(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        return std::nullopt;
    return std::string(value);
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// Git is optional: no git, no repository or no such key all just mean "not from git".
std::optional<std::string> git_config(const std::filesystem::path& directory,
                                      const std::string& key) {
    const auto git = bp::search_path("git");
    if (git.empty())
        return std::nullopt;
    try {
        bp::ipstream out;
        bp::child child(bp::exe = git.string(), bp::args = {"config", "--get", key},
                        bp::start_dir = directory.string(), bp::std_out > out,
                        bp::std_err > bp::null, bp::std_in < bp::null);
        std::string value;
        std::getline(out, value);
        child.wait();
        value = trimmed(value);
        if (child.exit_code() != 0 || value.empty())
            return std::nullopt;
        return value;
    } catch (const std::system_error&) {
        return std::nullopt;
    }
}

std::string login_name() {
    std::array<char, 256> buffer{};
    if (getlogin_r(buffer.data(), buffer.size()) == 0 && buffer[0] != '\0')
        return buffer.data();
    if (const passwd* entry = getpwuid(geteuid()); entry != nullptr && entry->pw_name != nullptr)
        return entry->pw_name;
    return "unknown";
}

std::string host_name() {
    std::array<char, 256> buffer{};
    if (gethostname(buffer.data(), buffer.size() - 1) == 0 && buffer[0] != '\0')
        return buffer.data();
    return "localhost";
}

std::string format_timestamp(chrono::sys_seconds time) {
    const auto day = chrono::floor<chrono::days>(time);
    const chrono::year_month_day date{day};
    const chrono::hh_mm_ss clock{time - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                       clock.hours().count(), clock.minutes().count(), clock.seconds().count());
}

// A forward-only reader over the variable's text.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}

    std::optional<int> number(std::size_t digits) {
        if (text_.size() < digits)
            return std::nullopt;
        int value = 0;
        for (std::size_t i = 0; i < digits; ++i) {
            if (text_[i] < '0' || text_[i] > '9')
                return std::nullopt;
            value = value * 10 + (text_[i] - '0');
        }
        text_.remove_prefix(digits);
        return value;
    }
    bool skip(char c) {
        if (text_.empty() || text_.front() != c)
            return false;
        text_.remove_prefix(1);
        return true;
    }
    bool skip_digits() {
        const auto count = std::min(text_.find_first_not_of("0123456789"), text_.size());
        text_.remove_prefix(count);
        return count > 0;
    }
    char peek() const { return text_.empty() ? '\0' : text_.front(); }
    bool done() const { return text_.empty(); }

private:
    std::string_view text_;
};

// The ISO 8601 forms JavaScript's Date reads unambiguously, as the original reads this variable:
// `YYYY-MM-DD` (midnight UTC) and `YYYY-MM-DDThh:mm[:ss[.fff]]` with `Z` or `±hh:mm`. A date-time
// without a zone is refused: JavaScript takes it as local time, which a frozen time must not be.
std::optional<chrono::sys_seconds> parse_iso_time(std::string_view text) {
    Cursor at(text);
    const auto year = at.number(4);
    if (!year || !at.skip('-'))
        return std::nullopt;
    const auto month = at.number(2);
    if (!month || !at.skip('-'))
        return std::nullopt;
    const auto day_of_month = at.number(2);
    if (!day_of_month)
        return std::nullopt;
    const chrono::year_month_day date{chrono::year{*year},
                                      chrono::month{static_cast<unsigned>(*month)},
                                      chrono::day{static_cast<unsigned>(*day_of_month)}};
    if (!date.ok())
        return std::nullopt;
    const chrono::sys_seconds midnight{chrono::sys_days{date}};
    if (at.done())
        return midnight;

    if (!at.skip('T'))
        return std::nullopt;
    const auto hour = at.number(2);
    if (!hour || !at.skip(':'))
        return std::nullopt;
    const auto minute = at.number(2);
    if (!minute)
        return std::nullopt;
    int second = 0;
    if (at.skip(':')) {
        const auto seconds = at.number(2);
        if (!seconds)
            return std::nullopt;
        second = *seconds;
        if (at.skip('.') && !at.skip_digits())
            return std::nullopt;
    }
    if (*hour > 23 || *minute > 59 || second > 59)
        return std::nullopt;
    auto time =
        midnight + chrono::hours{*hour} + chrono::minutes{*minute} + chrono::seconds{second};

    if (at.skip('Z'))
        return at.done() ? std::optional(time) : std::nullopt;
    const char sign = at.peek();
    if (!at.skip('+') && !at.skip('-'))
        return std::nullopt;
    const auto offset_hours = at.number(2);
    if (!offset_hours || !at.skip(':'))
        return std::nullopt;
    const auto offset_minutes = at.number(2);
    if (!offset_minutes || !at.done() || *offset_hours > 23 || *offset_minutes > 59)
        return std::nullopt;
    const auto offset = chrono::hours{*offset_hours} + chrono::minutes{*offset_minutes};
    return sign == '+' ? time - offset : time + offset;
}

}  // namespace

PlannerIdentity find_planner_identity(const std::filesystem::path& directory) {
    PlannerIdentity identity;
    if (auto name = environment_value("PGPM_USER_NAME"))
        identity.name = std::move(*name);
    else if (auto git_name = git_config(directory, "user.name"))
        identity.name = std::move(*git_name);
    else
        identity.name = login_name();

    if (auto email = environment_value("PGPM_USER_EMAIL"))
        identity.email = std::move(*email);
    else if (auto git_email = git_config(directory, "user.email"))
        identity.email = std::move(*git_email);
    else
        identity.email = login_name() + "@" + host_name();
    return identity;
}

tl::expected<std::string, std::string> plan_timestamp() {
    const auto frozen = environment_value("PGPM_FROZEN_TIME");
    if (!frozen)
        return format_timestamp(chrono::floor<chrono::seconds>(chrono::system_clock::now()));
    if (const auto time = parse_iso_time(*frozen))
        return format_timestamp(*time);
    return tl::make_unexpected(
        fmt::format("PGPM_FROZEN_TIME \"{}\" is not a time like 2024-01-31T12:00:00Z", *frozen));
}

}  // namespace pgpm::cli
