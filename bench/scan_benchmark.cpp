// scan_benchmark: scans a generated entity set through the library and
// prints rows, seconds, rows/s, peak resident memory and the TCP
// connections the server accepted.
//
// The mock server runs in a child process forked before any thread exists,
// so the peak RSS measured here (getrusage RUSAGE_SELF) is the client's
// alone. The child reports the server's counters through a pipe when the
// scan is over, and can write the request URLs the scan used to a file so
// bench/run.sh can fetch the same pages with curl.

#include <epicor/connection.hpp>
#include <epicor/error.hpp>
#include <epicor/testing/dataset.hpp>
#include <epicor/testing/mock_kinetic_server.hpp>

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Options {
    std::uint64_t server_rows = 1'000'000;
    std::uint64_t scan_rows = 0;  // 0: the whole entity set
    int page_size = 1000;
    std::string url_log;
};

struct ScanResult {
    std::uint64_t rows = 0;
    std::uint64_t pages = 0;
    double seconds = 0;
    std::uint64_t checksum = 0;
};

// Writes all of `text` to `fd`; returns false on failure.
bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t written = ::write(fd, text.data() + done, text.size() - done);
        if (written <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(written);
    }
    return true;
}

// Reads up to the first newline from `fd`.
std::string read_line(int fd) {
    std::string line;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n') {
        line.push_back(c);
    }
    return line;
}

// The child: serves the generated dataset until the parent writes a byte,
// then reports the counters (and the request URLs when asked) and exits.
[[noreturn]] void serve(const Options& options, int to_parent, int from_parent) {
    int status = 0;
    try {
        epicor::testing::MockServerOptions server_options;
        server_options.dataset = "generated:" + std::to_string(options.server_rows);
        server_options.max_page_size = static_cast<std::size_t>(std::max(options.page_size, 1000));
        epicor::testing::MockKineticServer server(server_options);
        server.start();
        server.reset_counters();
        write_all(to_parent, server.connection_string(epicor::testing::ODataVersion::v2) + "\n");

        char done = 0;
        (void)::read(from_parent, &done, 1);

        const auto counters = server.counters();
        if (!options.url_log.empty()) {
            std::ofstream urls(options.url_log, std::ios::trunc);
            for (const auto& request : server.request_log().entries()) {
                if (request.method == "GET") {
                    urls << request.path << (request.query.empty() ? "" : "?") << request.query << '\n';
                }
            }
        }
        write_all(to_parent, std::to_string(counters.connections) + " " + std::to_string(counters.requests) + "\n");
        server.stop();
    } catch (const std::exception& error) {
        std::fprintf(stderr, "scan_benchmark: mock server failed: %s\n", error.what());
        write_all(to_parent, "\n");
        status = 1;
    }
    ::_exit(status);
}

// Reads every column of a row by its type, so the benchmark pays for
// what a program that uses the values pays for.
std::uint64_t touch(const epicor::Row& row) {
    std::uint64_t sum = 0;
    for (const epicor::Value& value : row.values()) {
        switch (value.type()) {
        case epicor::ValueType::null: sum += 1; break;
        case epicor::ValueType::boolean: sum += value.get<bool>() ? 2u : 3u; break;
        case epicor::ValueType::int64: sum += static_cast<std::uint64_t>(value.get<std::int64_t>()); break;
        case epicor::ValueType::decimal: sum += value.get<epicor::Decimal>().coefficient().size(); break;
        case epicor::ValueType::float64: sum += static_cast<std::uint64_t>(value.get<double>() > 0); break;
        case epicor::ValueType::string: sum += value.get<std::string>().size(); break;
        case epicor::ValueType::date_time: sum += value.get<epicor::DateTime>().to_string().size(); break;
        case epicor::ValueType::guid: sum += value.get<epicor::Guid>().to_string().size(); break;
        case epicor::ValueType::binary: sum += value.get<epicor::Binary>().size(); break;
        case epicor::ValueType::json: sum += value.get<nlohmann::json>().size(); break;
        }
    }
    return sum;
}

ScanResult scan(const std::string& connection_string, const Options& options) {
    const auto connection =
        epicor::connect(connection_string + ";Pagesize=" + std::to_string(options.page_size));
    const auto start = std::chrono::steady_clock::now();

    epicor::Query query = connection.service(epicor::testing::generated::kService)
                              .entity_set(epicor::testing::generated::kEntitySet)
                              .query();
    if (options.scan_rows > 0) {
        query.top(static_cast<std::int64_t>(options.scan_rows));
    }
    epicor::ResultSet result = query.execute();
    ScanResult scanned;
    while (result.next()) {
        scanned.checksum += touch(result.row());
        ++scanned.rows;
    }
    scanned.pages = result.pages_fetched();
    scanned.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return scanned;
}

long peak_rss_kb() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;  // kilobytes on Linux
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Scans the generated entity set Ice.BO.BenchSvc/BenchRows of a mock Kinetic server (run in a "
                 "child process) and prints rows/s, peak RSS and the TCP connections the server accepted."};
    app.add_option("--server-rows", options.server_rows, "Rows in the generated dataset")->capture_default_str();
    app.add_option("--rows", options.scan_rows, "Rows to scan ($top); 0 scans all")->capture_default_str();
    app.add_option("--pagesize", options.page_size, "Pagesize connection property (rows per request)")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    app.add_option("--url-log", options.url_log, "Write the GET paths and queries the scan sent to this file");
    CLI11_PARSE(app, argc, argv);

    // Fork first, while this process has a single thread.
    int to_child[2];
    int to_parent[2];
    if (::pipe(to_child) != 0 || ::pipe(to_parent) != 0) {
        std::perror("scan_benchmark: pipe");
        return 1;
    }
    const pid_t child = ::fork();
    if (child < 0) {
        std::perror("scan_benchmark: fork");
        return 1;
    }
    if (child == 0) {
        ::close(to_child[1]);
        ::close(to_parent[0]);
        serve(options, to_parent[1], to_child[0]);
    }
    ::close(to_child[0]);
    ::close(to_parent[1]);

    const std::string connection_string = read_line(to_parent[0]);
    int status = 0;
    ScanResult result;
    if (connection_string.empty()) {
        std::fprintf(stderr, "scan_benchmark: the mock server did not start\n");
        status = 1;
    } else {
        try {
            result = scan(connection_string, options);
        } catch (const epicor::Error& error) {
            std::fprintf(stderr, "scan_benchmark: scan failed: %s\n", error.what());
            status = 1;
        }
    }
    const long rss_kb = peak_rss_kb();

    write_all(to_child[1], "x");
    const std::string counters = read_line(to_parent[0]);
    int child_status = 0;
    ::waitpid(child, &child_status, 0);
    if (status != 0) {
        return status;
    }

    unsigned long long connections = 0;
    unsigned long long requests = 0;
    std::sscanf(counters.c_str(), "%llu %llu", &connections, &requests);
    const double rate = result.seconds > 0 ? static_cast<double>(result.rows) / result.seconds : 0.0;
    std::printf("rows:           %llu\n", static_cast<unsigned long long>(result.rows));
    std::printf("pages:          %llu (Pagesize=%d)\n", static_cast<unsigned long long>(result.pages),
                options.page_size);
    std::printf("seconds:        %.3f\n", result.seconds);
    std::printf("rows/s:         %.0f\n", rate);
    std::printf("peak RSS:       %.1f MB\n", static_cast<double>(rss_kb) / 1024.0);
    std::printf("connections:    %llu (requests: %llu)\n", connections, requests);
    std::printf("checksum:       %llu\n", static_cast<unsigned long long>(result.checksum));
    // One line for scripts.
    std::printf("RESULT rows=%llu seconds=%.3f rows_per_s=%.0f peak_rss_kb=%ld connections=%llu requests=%llu\n",
                static_cast<unsigned long long>(result.rows), result.seconds, rate, rss_kb, connections, requests);
    return 0;
}
