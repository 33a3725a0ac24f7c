// Concurrent read-modify-write on one settings file: two real processes,
// threads of one process, and readers that run during the writes. No
// rotation may be lost and no reader may see a partial file.

#include "token_store_test_support.hpp"

#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <thread>
#include <vector>

extern char** environ;

namespace epicor {
namespace {

using testing_support::count_temporary_files;
using testing_support::TemporaryFolder;
using testing_support::test_client_id;
using testing_support::test_client_secret;

long rotation_count(const std::optional<OAuthTokens>& tokens) {
    return tokens ? std::stol(tokens->refresh_token.substr(3)) : 0;
}

OAuthTokens rotate(const std::optional<OAuthTokens>& current) {
    const long next = rotation_count(current) + 1;
    OAuthTokens tokens;
    tokens.refresh_token = "rt-" + std::to_string(next);
    tokens.access_token = "at-" + std::to_string(next);
    return tokens;
}

std::unique_ptr<TokenStore> open_store(const std::string& path) {
    return open_token_store(path, TokenStoreKey::from_client_secret(test_client_secret),
                            test_client_id);
}

pid_t spawn_helper(const std::string& path, int rotations) {
    std::string program = TOKEN_STORE_ROTATE_HELPER;
    std::string path_argument = path;
    std::string rotations_argument = std::to_string(rotations);
    std::string secret_argument = test_client_secret;
    std::vector<char*> arguments = {program.data(), path_argument.data(),
                                    rotations_argument.data(), secret_argument.data(), nullptr};
    pid_t child = -1;
    const int result =
        ::posix_spawn(&child, program.c_str(), nullptr, nullptr, arguments.data(), environ);
    EXPECT_EQ(result, 0) << "posix_spawn " << program;
    return result == 0 ? child : -1;
}

// Returns true once `child` has exited, without reaping it.
bool has_exited(pid_t child) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
        return true;
    }
    return info.si_pid != 0;
}

int wait_for_exit_code(pid_t child) {
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status);
}

TEST(TokenStoreConcurrency, TwoProcessesLoseNoRotation) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    constexpr int rotations_per_process = 150;

    const pid_t first = spawn_helper(path, rotations_per_process);
    const pid_t second = spawn_helper(path, rotations_per_process);
    ASSERT_GT(first, 0);
    ASSERT_GT(second, 0);

    // This process reads meanwhile: every read must see a whole file, and
    // the count must never go down.
    long last_seen = 0;
    int failed_reads = 0;
    auto reader = open_store(path);
    while (!has_exited(first) || !has_exited(second)) {
        try {
            const long seen = rotation_count(reader->load());
            EXPECT_GE(seen, last_seen);
            last_seen = seen;
        } catch (const TokenStoreError& error) {
            ++failed_reads;
            ADD_FAILURE() << error.what();
        }
        if (failed_reads > 5) {
            break;
        }
    }

    EXPECT_EQ(wait_for_exit_code(first), 0) << "see the helper's error on stderr";
    EXPECT_EQ(wait_for_exit_code(second), 0) << "see the helper's error on stderr";

    const auto final_tokens = open_store(path)->load();
    ASSERT_TRUE(final_tokens.has_value());
    EXPECT_EQ(final_tokens->refresh_token, "rt-" + std::to_string(2 * rotations_per_process));
    EXPECT_EQ(final_tokens->access_token, "at-" + std::to_string(2 * rotations_per_process));
    EXPECT_EQ(count_temporary_files(folder.path()), 0);
}

TEST(TokenStoreConcurrency, ThreadsLoseNoRotation) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    constexpr int thread_count = 4;
    constexpr int rotations_per_thread = 40;

    // Two threads share one store object; the others open their own.
    auto shared_store = open_store(path);
    std::atomic<bool> writing{true};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < thread_count; ++i) {
        threads.emplace_back([&, i] {
            std::unique_ptr<TokenStore> own_store;
            TokenStore* store = shared_store.get();
            if (i >= 2) {
                own_store = open_store(path);
                store = own_store.get();
            }
            for (int rotation = 0; rotation < rotations_per_thread; ++rotation) {
                try {
                    store->update(rotate);
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    std::thread reader([&] {
        auto store = open_store(path);
        while (writing) {
            try {
                store->load();
            } catch (const std::exception&) {
                ++failures;
            }
        }
    });
    for (auto& thread : threads) {
        thread.join();
    }
    writing = false;
    reader.join();

    EXPECT_EQ(failures.load(), 0);
    const auto final_tokens = open_store(path)->load();
    ASSERT_TRUE(final_tokens.has_value());
    EXPECT_EQ(final_tokens->refresh_token, "rt-" + std::to_string(thread_count * rotations_per_thread));
}

TEST(TokenStoreConcurrency, NamedMemoryStoreLosesNoRotation) {
    constexpr int thread_count = 4;
    constexpr int rotations_per_thread = 500;
    std::vector<std::thread> threads;
    for (int i = 0; i < thread_count; ++i) {
        threads.emplace_back([] {
            auto store = open_token_store("memory://concurrency", TokenStoreKey::client_id_only(),
                                          test_client_id);
            for (int rotation = 0; rotation < rotations_per_thread; ++rotation) {
                store->update(rotate);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    const auto final_tokens = open_token_store("memory://concurrency",
                                               TokenStoreKey::client_id_only(), test_client_id)
                                  ->load();
    ASSERT_TRUE(final_tokens.has_value());
    EXPECT_EQ(final_tokens->refresh_token, "rt-" + std::to_string(thread_count * rotations_per_thread));
}

}  // namespace
}  // namespace epicor
