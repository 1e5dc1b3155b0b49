#include "scaffold/change_line.hpp"

namespace pgpm::scaffold {

std::string format_change_line(const ChangeEntry& change) {
    std::string line(change.name);
    if (!change.dependencies.empty()) {
        line += " [";
        for (std::size_t i = 0; i < change.dependencies.size(); ++i) {
            if (i > 0)
                line += ' ';
            line += change.dependencies[i];
        }
        line += ']';
    }
    line.append(" ").append(change.timestamp).append(" ").append(change.planner);
    line.append(" <").append(change.email).append(">");
    if (!change.note.empty())
        line.append(" # ").append(change.note);
    return line;
}

}  // namespace pgpm::scaffold
