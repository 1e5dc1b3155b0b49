#include "support/process.hpp"

#include <future>

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>

namespace pgpm::testing {

namespace bp = boost::process;

ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& args,
                          const std::filesystem::path& directory,
                          const std::map<std::string, std::string>& environment) {
    boost::asio::io_context io;
    std::future<std::string> out;
    std::future<std::string> err;
    auto env = boost::this_process::environment();
    bp::environment child_env = env;
    for (const auto& [key, value] : environment)
        child_env[key] = value;
    bp::child child(program.string(), bp::args(args), bp::start_dir(directory.string()), child_env,
                    bp::std_in.close(), bp::std_out > out, bp::std_err > err, io);
    io.run();
    child.wait();
    return {child.exit_code(), out.get(), err.get()};
}

}  // namespace pgpm::testing
