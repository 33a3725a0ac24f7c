#pragma once

// The progress line of long exports.

#include <chrono>
#include <cstdint>

namespace epicor::cli {

// Shows "N rows, R rows/s" on stderr, rewriting one line, when stderr is a
// terminal. Stays silent for the first second, so short commands print
// nothing, and redraws at most four times a second.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // Records that `rows` rows have been written so far.
    void update(std::uint64_t rows);
    // Erases the line.
    void finish();

    // True when stderr is a terminal.
    static bool stderr_is_terminal();

private:
    void draw(std::uint64_t rows, std::chrono::steady_clock::time_point now);

    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace epicor::cli
