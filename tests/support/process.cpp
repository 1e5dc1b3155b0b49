#include "support/process.hpp"

#include <cstdlib>
#include <fstream>
#include <future>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>

namespace pgpm::testing {

namespace bp = boost::process;

ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const std::filesystem::path& directory,
                          const std::map<std::string, std::string>& environment) {
    boost::asio::io_context io;
    std::future<std::string> out;
    std::future<std::string> err;
    auto env = boost::this_process::environment();
    bp::environment child_env = env;
    for (const auto& [key, value] : environment) child_env[key] = value;
    bp::child child(program.string(), bp::args(args), bp::start_dir(directory.string()),
                    child_env, bp::std_in.close(), bp::std_out > out, bp::std_err > err, io);
    io.run();
    child.wait();
    return {child.exit_code(), out.get(), err.get()};
}

TempDir::TempDir() {
    auto pattern = (std::filesystem::temp_directory_path() / "pgpmtest-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& relative, const std::string& content) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
}

}  // namespace pgpm::testing
