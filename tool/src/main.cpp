#include "cli/app.hpp"

int main(int argc, char** argv) {
    return pgpm::cli::run(argc, argv);
}
