#include "engine/template_pool.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "diag/located_diagnostic.hpp"
#include "engine/sql_failure.hpp"
#include "engine/test_database.hpp"
#include "ledger/hash.hpp"

namespace pgpm::engine {

namespace {

std::string key_of(const Closure& closure) {
    std::string key;
    for (const auto* module : closure)
        key += module->name + '\n';
    return key;
}

tl::expected<void, db::SqlError> exec(db::Connection& connection, const std::string& sql) {
    return connection.exec(sql).map([](const db::Result&) {});
}

// No session may be connected to a template while it is cloned; autovacuum keeps away from a
// database that takes no connections.
tl::expected<void, db::SqlError> seal(db::Connection& maintenance, const std::string& database) {
    auto identifier = maintenance.escape_identifier(database);
    if (!identifier)
        return tl::unexpected(std::move(identifier.error()));
    return exec(maintenance,
                fmt::format("ALTER DATABASE {} WITH ALLOW_CONNECTIONS false", *identifier));
}

}  // namespace

TemplatePool::TemplatePool(std::string target, std::string prefix)
    : target_(std::move(target)), prefix_(std::move(prefix)) {}

void TemplatePool::expect(const Closure& closure) {
    if (closure.empty())
        return;
    std::lock_guard lock(mutex_);
    ++entries_[key_of(closure)].modules_to_come;
}

bool TemplatePool::is_due(const Entry& entry, std::size_t modules_to_come) const {
    // One module to come (or none expected) has nothing to share a template with.
    if (entry.state != State::none || !entry.deploy_took || creates_ == 0 || modules_to_come < 2)
        return false;
    // A template for these modules costs one database more and saves all deploys but its own.
    const auto create_took = create_total_ / static_cast<long>(creates_);
    return static_cast<long>(modules_to_come - 1) * entry.deploy_took->count() >
           create_took.count();
}

std::optional<std::string> TemplatePool::template_for(const Closure& closure, const Build& build) {
    if (closure.empty())
        return std::nullopt;
    const auto key = key_of(closure);
    std::unique_lock lock(mutex_);
    auto& entry = entries_[key];
    const std::size_t modules_to_come = entry.modules_to_come;  // this one included
    if (entry.modules_to_come > 0)
        --entry.modules_to_come;
    built_.wait(lock, [&entry] { return entry.state != State::building; });
    if (entry.state == State::ready)
        return entry.database;
    if (!is_due(entry, modules_to_come))
        return std::nullopt;
    entry.state = State::building;
    lock.unlock();
    auto database = build_template(key, build);
    lock.lock();
    entry.state = database ? State::ready : State::failed;
    entry.database = database.value_or(std::string());
    built_.notify_all();
    return database;
}

// A failed build leaves the modules to deploy their dependencies themselves, which reports the
// failure where it belongs.
std::optional<std::string> TemplatePool::build_template(const std::string& key,
                                                        const Build& build) {
    auto maintenance = db::Connection::open_maintenance(target_);
    if (!maintenance)
        return std::nullopt;
    const auto name = prefix_ + "template_" + ledger::sha256_hex(key).substr(0, 12);
    auto database = create_test_database(*maintenance, name);
    if (!database)
        return std::nullopt;
    if (build(*database) && seal(*maintenance, *database))
        return *database;
    (void)drop_test_database(*maintenance, *database);
    return std::nullopt;
}

void TemplatePool::record_create(std::chrono::microseconds took) {
    std::lock_guard lock(mutex_);
    create_total_ += took;
    ++creates_;
}

void TemplatePool::record_deploy(const Closure& closure, std::chrono::microseconds took) {
    std::lock_guard lock(mutex_);
    auto& entry = entries_[key_of(closure)];
    if (!entry.deploy_took)
        entry.deploy_took = took;
}

Diagnostics TemplatePool::drop_all() {
    Diagnostics problems;
    std::lock_guard lock(mutex_);
    std::optional<db::Connection> maintenance;
    for (const auto& [key, entry] : entries_) {
        if (entry.state != State::ready)
            continue;
        if (!maintenance) {
            auto opened = db::Connection::open_maintenance(target_);
            if (!opened) {
                problems.push_back(diagnostic_for(
                    Severity::warning, {},
                    "cannot connect to drop the template databases: " + opened.error().message));
                return problems;
            }
            maintenance.emplace(std::move(*opened));
        }
        if (auto dropped = drop_test_database(*maintenance, entry.database); !dropped) {
            problems.push_back(
                diagnostic_for(Severity::warning, {},
                               fmt::format("could not drop the template database \"{}\": {}",
                                           entry.database, error_message(dropped.error()))));
        }
    }
    return problems;
}

}  // namespace pgpm::engine
