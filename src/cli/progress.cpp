#include "cli/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace epicor::cli {
namespace {

constexpr std::chrono::milliseconds kQuietPeriod{1000};
constexpr std::chrono::milliseconds kRedrawInterval{250};

}  // namespace

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

ProgressLine::~ProgressLine() {
    finish();
}

bool ProgressLine::stderr_is_terminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

void ProgressLine::update(std::uint64_t rows) {
    // Reading the clock on every 256th row keeps the cost per row negligible.
    if (!enabled_ || (rows & 0xFF) != 0) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < kQuietPeriod || now - last_draw_ < kRedrawInterval) {
        return;
    }
    draw(rows, now);
}

void ProgressLine::draw(std::uint64_t rows, std::chrono::steady_clock::time_point now) {
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0.0;
    std::fprintf(stderr, "\r\x1b[K%llu rows, %.0f rows/s", static_cast<unsigned long long>(rows), rate);
    std::fflush(stderr);
    shown_ = true;
    last_draw_ = now;
}

void ProgressLine::finish() {
    if (shown_) {
        std::fputs("\r\x1b[K", stderr);
        std::fflush(stderr);
        shown_ = false;
    }
}

}  // namespace epicor::cli
