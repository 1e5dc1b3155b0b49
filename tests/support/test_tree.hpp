#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pgpm::testing {

// A real folder tree under the system temp folder, named after the running test and removed
// with the object.
class TestTree {
public:
    TestTree() {
        const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
        const std::string name = std::string("pgpmtest-") + test->test_suite_name() + "-" +
                                 test->name() + "-" + std::to_string(::getpid());
        root_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::remove_all(root_);
        std::filesystem::create_directories(root_);
        root_ = std::filesystem::canonical(root_);
    }
    ~TestTree() {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
    TestTree(const TestTree&) = delete;
    TestTree& operator=(const TestTree&) = delete;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path path(const std::string& relative) const { return root_ / relative; }

    void write(const std::string& relative, const std::string& content) const {
        const auto file = path(relative);
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << content;
    }
    void make_directory(const std::string& relative) const {
        std::filesystem::create_directories(path(relative));
    }

private:
    std::filesystem::path root_;
};

}  // namespace pgpm::testing
