#pragma once

// Where the command output goes: standard output, or a file that appears
// only when the command succeeds.

#include <string>
#include <string_view>

namespace epicor::cli {

// A buffered writer to stdout or to a file. A file is written to a
// temporary file beside it and renamed over the target by commit(), so a
// command that fails part-way leaves no partial file: the destructor
// removes the temporary file when commit() was not called.
class OutputSink {
public:
    // Writes to stdout when `path` is empty or "-", else to `path`.
    // Throws epicor::Error naming the path when `path` is a symbolic link,
    // a directory, not a regular file or a read-only file, or when the
    // temporary file cannot be created (a missing directory or no write
    // permission). A replaced file keeps its permission bits.
    explicit OutputSink(const std::string& path);
    ~OutputSink();
    OutputSink(const OutputSink&) = delete;
    OutputSink& operator=(const OutputSink&) = delete;

    void write(std::string_view text);
    void write(char c);

    // Writes out the buffer. Throws epicor::Error naming the target when the
    // write fails (a full disk, or a closed pipe).
    void flush();

    // Flushes, then for a file syncs it and renames it over the target.
    // Throws epicor::Error naming the path when any step fails.
    void commit();

    bool is_terminal() const noexcept { return is_terminal_; }

private:
    void write_all(const char* data, std::size_t size);

    std::string path_;       // empty for stdout
    std::string temp_path_;  // the file being written, for a file target
    int fd_ = -1;
    bool committed_ = false;
    bool is_terminal_ = false;
    std::string buffer_;
};

}  // namespace epicor::cli
