// The encrypted settings file store: round trips, file mode, atomic writes
// and one test per way a file can be unusable.

#include "token_store_test_support.hpp"

#include "auth/file_lock.hpp"
#include "auth/settings_crypto.hpp"

#include <epicor/token_store.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

namespace epicor {
namespace {

using testing_support::count_temporary_files;
using testing_support::read_whole_file;
using testing_support::sample_tokens;
using testing_support::TemporaryFolder;
using testing_support::test_client_id;
using testing_support::test_client_secret;
using testing_support::write_whole_file;
using FileKind = TokenStoreFileError::Kind;

std::unique_ptr<TokenStore> open_with_secret(const std::string& path,
                                             const std::string& secret = test_client_secret,
                                             const std::string& client_id = test_client_id) {
    return open_token_store(path, TokenStoreKey::from_client_secret(secret), client_id);
}

OAuthTokens store_sample(TokenStore& store) {
    return store.update([](const std::optional<OAuthTokens>&) {
        return sample_tokens(test_client_id);
    });
}

unsigned file_mode(const std::string& path) {
    struct stat status {};
    EXPECT_EQ(::stat(path.c_str(), &status), 0) << path;
    return static_cast<unsigned>(status.st_mode) & 07777u;
}

void expect_no_secret(const std::string& message) {
    for (const char* secret : {"secret-access-token-value", "secret-id-token-value",
                               "secret-refresh-token-value", test_client_secret}) {
        EXPECT_EQ(message.find(secret), std::string::npos) << "message quotes " << secret;
    }
}

// Runs `operation`, which must throw TokenStoreFileError, and returns it.
template <typename Operation>
std::optional<TokenStoreFileError> capture_file_error(Operation operation) {
    try {
        operation();
    } catch (const TokenStoreFileError& error) {
        return error;
    }
    return std::nullopt;
}

// Checks that load() and update() both reject the file with `kind`, that the
// message names the path and `expected_text`, that the updater never ran and
// that the file is byte for byte what it was.
void expect_unusable_file(TokenStore& store, const std::string& path, FileKind kind,
                          const std::string& expected_text) {
    const std::string before = read_whole_file(path);

    const auto load_error = capture_file_error([&] { store.load(); });
    ASSERT_TRUE(load_error.has_value()) << "load() did not throw TokenStoreFileError";
    EXPECT_EQ(load_error->kind(), kind) << load_error->what();
    EXPECT_EQ(load_error->path(), path);
    EXPECT_NE(std::string(load_error->what()).find(path), std::string::npos) << load_error->what();
    EXPECT_NE(std::string(load_error->what()).find(expected_text), std::string::npos)
        << load_error->what();
    expect_no_secret(load_error->what());

    bool updater_ran = false;
    const auto update_error = capture_file_error([&] {
        store.update([&](const std::optional<OAuthTokens>&) {
            updater_ran = true;
            return sample_tokens(test_client_id);
        });
    });
    ASSERT_TRUE(update_error.has_value()) << "update() did not throw TokenStoreFileError";
    EXPECT_EQ(update_error->kind(), kind) << update_error->what();
    EXPECT_FALSE(updater_ran);

    EXPECT_EQ(read_whole_file(path), before);
}

// Replaces the payload line (the fourth) of a settings file's text.
std::string with_payload(const std::string& text, const std::string& payload) {
    std::size_t start = 0;
    for (int line = 0; line < 3; ++line) {
        start = text.find('\n', start) + 1;
    }
    return text.substr(0, start) + payload + "\n";
}

std::string payload_of(const std::string& text) {
    std::size_t start = 0;
    for (int line = 0; line < 3; ++line) {
        start = text.find('\n', start) + 1;
    }
    return text.substr(start, text.find('\n', start) - start);
}

TEST(TokenStoreFile, RoundTripKeepsEveryField) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);

    EXPECT_FALSE(store->load().has_value());
    const OAuthTokens written = store_sample(*store);
    const std::optional<OAuthTokens> read = store->load();

    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->access_token, written.access_token);
    EXPECT_EQ(read->id_token, written.id_token);
    EXPECT_EQ(read->refresh_token, written.refresh_token);
    EXPECT_EQ(read->expires_at, written.expires_at);
    EXPECT_EQ(read->token_type, written.token_type);
    EXPECT_EQ(read->scope, written.scope);
    EXPECT_EQ(read->client_id, test_client_id);
    EXPECT_EQ(read->tenant, written.tenant);
    EXPECT_EQ(read->issued_at, written.issued_at);
    EXPECT_EQ(store->location(), path);
}

TEST(TokenStoreFile, FileIsEncryptedWithVersionHeader) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);

    const std::string text = read_whole_file(path);
    EXPECT_EQ(text.rfind("epicor-oauth-settings v1\nclient-id: " + std::string(test_client_id) +
                             "\nkey: client-secret\n",
                         0),
              0u)
        << text;
    expect_no_secret(text);
    EXPECT_EQ(text.find("Bearer"), std::string::npos);
    EXPECT_EQ(text.find("contoso"), std::string::npos);
}

TEST(TokenStoreFile, EachWriteUsesFreshNonce) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);

    store_sample(*store);
    const std::string first = read_whole_file(path);
    store_sample(*store);
    const std::string second = read_whole_file(path);

    EXPECT_NE(payload_of(first).substr(0, 16), payload_of(second).substr(0, 16));
}

TEST(TokenStoreFile, FileModeIs0600) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    const mode_t old_umask = ::umask(0);  // The store must not rely on the umask.
    store_sample(*store);
    ::umask(old_umask);

    EXPECT_EQ(file_mode(path), 0600u);
    EXPECT_EQ(count_temporary_files(folder.path()), 0);
}

TEST(TokenStoreFile, SecondInstanceWithSameKeyReads) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    open_with_secret(path)->update([](const std::optional<OAuthTokens>&) {
        return sample_tokens(test_client_id);
    });

    // A fresh key object and store, as on another machine with the same
    // client credentials.
    const std::string secret_copy(test_client_secret);
    auto other = open_token_store(path, TokenStoreKey::from_client_secret(secret_copy),
                                  test_client_id);
    const auto read = other->load();

    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->refresh_token, "secret-refresh-token-value");
}

TEST(TokenStoreFile, OtherKeyKindsRoundTrip) {
    TemporaryFolder folder;
    const std::vector<TokenStoreKey> keys = {TokenStoreKey::from_private_key_der("DER bytes"),
                                             TokenStoreKey::client_id_only()};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string path = folder.file("settings-" + std::to_string(i) + ".txt");
        open_token_store(path, keys[i], test_client_id)
            ->update([](const std::optional<OAuthTokens>&) {
                return sample_tokens(test_client_id);
            });

        const auto read = open_token_store(path, keys[i], test_client_id)->load();
        ASSERT_TRUE(read.has_value()) << to_string(keys[i].kind());
        EXPECT_EQ(read->access_token, "secret-access-token-value");
        EXPECT_NE(read_whole_file(path).find(std::string("key: ") + to_string(keys[i].kind())),
                  std::string::npos);
    }
}

TEST(TokenStoreFile, OtherPrivateKeyFailsToDecrypt) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    open_token_store(path, TokenStoreKey::from_private_key_der("first key"), test_client_id)
        ->update([](const std::optional<OAuthTokens>&) { return sample_tokens(test_client_id); });

    auto store = open_token_store(path, TokenStoreKey::from_private_key_der("second key"),
                                  test_client_id);
    expect_unusable_file(*store, path, FileKind::decrypt_failed, "cannot be decrypted");
}

TEST(TokenStoreFile, UpdateSeesCurrentTokens) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);

    std::optional<OAuthTokens> seen;
    const OAuthTokens result = store->update([&](const std::optional<OAuthTokens>& current) {
        seen = current;
        OAuthTokens next = *current;
        next.refresh_token = "rotated";
        next.client_id.clear();
        return next;
    });

    ASSERT_TRUE(seen.has_value());
    EXPECT_EQ(seen->refresh_token, "secret-refresh-token-value");
    EXPECT_EQ(result.client_id, test_client_id);
    EXPECT_EQ(store->load()->refresh_token, "rotated");
}

TEST(TokenStoreFile, ThrowingUpdaterLeavesFileUnchanged) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    const std::string before = read_whole_file(path);

    EXPECT_THROW(store->update([](const std::optional<OAuthTokens>&) -> OAuthTokens {
        throw AuthError("refresh failed");
    }),
                 AuthError);

    EXPECT_EQ(read_whole_file(path), before);
    EXPECT_EQ(count_temporary_files(folder.path()), 0);
}

TEST(TokenStoreFile, OtherClientIdInResultIsRejected) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);

    EXPECT_THROW(store->update([](const std::optional<OAuthTokens>&) {
        return sample_tokens("another-client");
    }),
                 TokenStoreError);
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TokenStoreFile, ClearDeletesFile) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);

    store->clear();

    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(store->load().has_value());
    store->clear();  // Nothing stored: no error.
}

TEST(TokenStoreFile, ClearDeletesUndecryptableFile) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));

    open_with_secret(path, "another-secret")->clear();

    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(TokenStoreFile, CorruptPayloadIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    write_whole_file(path, with_payload(read_whole_file(path), "***not base64***"));

    expect_unusable_file(*store, path, FileKind::corrupt, "not valid base64");
}

TEST(TokenStoreFile, TruncatedFileIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    const std::string text = read_whole_file(path);

    struct Case {
        std::string content;
        FileKind kind;
        std::string expected_text;
    };
    const std::vector<Case> cases = {
        {"", FileKind::corrupt, "the file is empty"},
        {text.substr(0, text.find('\n') + 1), FileKind::corrupt, "fewer than four lines"},
        {with_payload(text, payload_of(text).substr(0, 41)), FileKind::corrupt,
         "not valid base64"},
        {with_payload(text, payload_of(text).substr(0, 16)), FileKind::corrupt,
         "shorter than a nonce and a tag"},
        {with_payload(text, payload_of(text).substr(0, 80)), FileKind::decrypt_failed,
         "cannot be decrypted"},
    };
    for (const auto& test_case : cases) {
        SCOPED_TRACE(test_case.expected_text);
        write_whole_file(path, test_case.content);
        expect_unusable_file(*store, path, test_case.kind, test_case.expected_text);
    }
}

TEST(TokenStoreFile, FlippedCiphertextByteFailsAuthentication) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    const std::string text = read_whole_file(path);

    std::string sealed = *auth::decode_base64(payload_of(text));
    sealed[sealed.size() / 2] = static_cast<char>(sealed[sealed.size() / 2] ^ 0x01);
    write_whole_file(path, with_payload(text, auth::encode_base64(sealed)));

    expect_unusable_file(*store, path, FileKind::decrypt_failed, "Delete it and authorize again");
}

TEST(TokenStoreFile, EditedClientIdHeaderFailsAuthentication) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    open_with_secret(path, test_client_secret, "original-client")
        ->update([](const std::optional<OAuthTokens>&) { return sample_tokens("original-client"); });
    std::string text = read_whole_file(path);
    const std::string original_line = "client-id: original-client";
    text.replace(text.find(original_line), original_line.size(),
                 "client-id: " + std::string(test_client_id));
    write_whole_file(path, text);

    auto store = open_with_secret(path);
    expect_unusable_file(*store, path, FileKind::decrypt_failed, "cannot be decrypted");
}

// Writes a correctly encrypted file around `plaintext`, as a writer with the
// same key but other content would.
void write_sealed_plaintext(const std::string& path, const std::string& plaintext) {
    const std::string header = "epicor-oauth-settings v1\nclient-id: " +
                               std::string(test_client_id) + "\nkey: client-secret\n";
    const auth::SecretBytes key = auth::derive_settings_key(
        TokenStoreKey::from_client_secret(test_client_secret), test_client_id);
    write_whole_file(path, header + auth::encode_base64(auth::seal(key, plaintext, header)) + "\n");
    ::chmod(path.c_str(), 0600);
}

TEST(TokenStoreFile, DecryptedContentIsValidated) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);

    struct Case {
        std::string plaintext;
        std::string expected_text;
    };
    const std::vector<Case> cases = {
        {"not json", "not a JSON object"},
        {"[1, 2]", "not a JSON object"},
        {R"({"access_token": 5})", "field access_token is not a string"},
        {R"({"expires_at": "tomorrow"})", "field expires_at is not an integer"},
        // Past the year 2262, where system_clock's nanoseconds overflow.
        {R"({"expires_at": 184467440737615})", "field expires_at is out of range"},
        {R"({"issued_at": 18446744073709551615})", "field issued_at is out of range"},
    };
    for (const auto& test_case : cases) {
        SCOPED_TRACE(test_case.plaintext);
        write_sealed_plaintext(path, test_case.plaintext);
        expect_unusable_file(*store, path, FileKind::corrupt, test_case.expected_text);
    }

    write_sealed_plaintext(path, R"({"refresh_token": "rt", "unknown_field": true})");
    const auto read = store->load();
    ASSERT_TRUE(read.has_value());
    EXPECT_EQ(read->refresh_token, "rt");
}

TEST(TokenStoreFile, WrongSecretFailsToDecrypt) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));

    auto store = open_with_secret(path, "a-rotated-client-secret");
    expect_unusable_file(*store, path, FileKind::decrypt_failed,
                         "written with another client secret or certificate");
}

TEST(TokenStoreFile, OtherClientIdIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));

    auto store = open_with_secret(path, test_client_secret, "99999999-aaaa-bbbb-cccc-dddddddddddd");
    expect_unusable_file(*store, path, FileKind::other_client,
                         "contains tokens of OAuth client id " + std::string(test_client_id));
}

TEST(TokenStoreFile, OtherKeyKindIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));

    auto store = open_token_store(path, TokenStoreKey::client_id_only(), test_client_id);
    expect_unusable_file(*store, path, FileKind::other_key_kind,
                         "encrypted with a key of kind client-secret");
}

TEST(TokenStoreFile, FutureVersionIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    std::string text = read_whole_file(path);
    text.replace(0, text.find('\n'), "epicor-oauth-settings v2");
    write_whole_file(path, text);

    expect_unusable_file(*store, path, FileKind::future_version,
                         "upgrade the library, or delete the file");
}

TEST(TokenStoreFile, ForeignFileIsNotQuoted) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    write_whole_file(path, "[OAuth]\nOAuthAccessToken=secret-access-token-value\n");
    ::chmod(path.c_str(), 0600);

    auto store = open_with_secret(path);
    expect_unusable_file(*store, path, FileKind::not_settings_file, "not an OAuth settings file");
}

TEST(TokenStoreFile, GroupReadableFileIsRejected) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    auto store = open_with_secret(path);
    store_sample(*store);
    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);

    expect_unusable_file(*store, path, FileKind::unsafe_file, "has mode 0644");
    EXPECT_EQ(file_mode(path), 0644u);
}

TEST(TokenStoreFile, SymbolicLinkIsRejected) {
    TemporaryFolder folder;
    const std::string target = folder.file("real.txt");
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(target));
    std::filesystem::create_symlink(target, path);

    auto store = open_with_secret(path);
    expect_unusable_file(*store, path, FileKind::unsafe_file, "symbolic link");
    EXPECT_TRUE(std::filesystem::is_symlink(path));
}

TEST(TokenStoreFile, MissingFolderIsCreatedWith0700) {
    TemporaryFolder folder;
    const std::string path = folder.file("epicor/OAuthSettings.txt");

    store_sample(*open_with_secret(path));

    EXPECT_EQ(file_mode(folder.file("epicor")), 0700u);
    EXPECT_TRUE(open_with_secret(path)->load().has_value());
}

TEST(TokenStoreFile, MissingParentFolderIsReported) {
    TemporaryFolder folder;
    const std::string path = folder.file("missing/epicor/OAuthSettings.txt");
    auto store = open_with_secret(path);

    const auto error = capture_file_error([&] { store_sample(*store); });

    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind(), FileKind::missing_directory) << error->what();
    EXPECT_NE(std::string(error->what()).find(folder.file("missing")), std::string::npos)
        << error->what();
    EXPECT_FALSE(std::filesystem::exists(folder.file("missing")));
}

// A write that fails after the temporary file exists: a child process
// lowers RLIMIT_FSIZE so write() fails with EFBIG, which works as root too.
TEST(TokenStoreFile, FailedWriteLeavesNoTemporaryFile) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));
    const std::string before = read_whole_file(path);

    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        int exit_code = 3;
        try {
            open_with_secret(path)->update([](const std::optional<OAuthTokens>&) {
                OAuthTokens large = sample_tokens(test_client_id);
                large.access_token.assign(64 * 1024, 'x');
                return large;
            });
            exit_code = 2;
        } catch (const TokenStoreFileError& error) {
            const bool named = std::string(error.what()).find("unchanged") != std::string::npos;
            exit_code = error.kind() == FileKind::io && named ? 0 : 1;
        } catch (...) {
            exit_code = 4;
        }
        ::_exit(exit_code);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);

    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "2: no error, 1: wrong kind or message, 4: other error";
    EXPECT_EQ(count_temporary_files(folder.path()), 0);
    EXPECT_EQ(read_whole_file(path), before);
}

TEST(TokenStoreFile, ReadOnlyFolderFailsCleanly) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root ignores folder permissions; FailedWriteLeavesNoTemporaryFile "
                        "covers the failed write";
    }
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));
    const std::string before = read_whole_file(path);
    ASSERT_EQ(::chmod(folder.path().c_str(), 0500), 0);

    const auto error = capture_file_error([&] { store_sample(*open_with_secret(path)); });
    ::chmod(folder.path().c_str(), 0700);

    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind(), FileKind::io) << error->what();
    EXPECT_EQ(count_temporary_files(folder.path()), 0);
    EXPECT_EQ(read_whole_file(path), before);
}

TEST(TokenStoreFile, HeldLockTimesOut) {
    TemporaryFolder folder;
    const std::string path = folder.file("OAuthSettings.txt");
    store_sample(*open_with_secret(path));
    auto store = open_token_store(path, TokenStoreKey::from_client_secret(test_client_secret),
                                  test_client_id, TokenStoreOptions{std::chrono::milliseconds(50)});

    // The lock belongs to the open file, so a holder in this process blocks
    // the store just like another process would.
    const auth::FileLock holder(path + ".lock", path, std::chrono::milliseconds(1000));
    const auto error = capture_file_error([&] { store_sample(*store); });

    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind(), FileKind::lock_timeout) << error->what();
    EXPECT_NE(std::string(error->what()).find("timed out after 50 ms"), std::string::npos)
        << error->what();
    EXPECT_NE(std::string(error->what()).find(path + ".lock"), std::string::npos);
}

TEST(TokenStoreFile, DefaultPathFollowsXdgConfigHome) {
    TemporaryFolder folder;
    const std::string config_home = folder.file("config");
    ASSERT_EQ(::setenv("XDG_CONFIG_HOME", config_home.c_str(), 1), 0);

    EXPECT_EQ(default_token_store_path(), config_home + "/epicor/OAuthSettings.txt");

    // The default location creates every missing folder below the home.
    auto store = open_token_store("", TokenStoreKey::from_client_secret(test_client_secret),
                                  test_client_id);
    store_sample(*store);
    EXPECT_TRUE(std::filesystem::exists(config_home + "/epicor/OAuthSettings.txt"));
    EXPECT_EQ(file_mode(config_home + "/epicor"), 0700u);
}

TEST(TokenStoreFile, DefaultPathFallsBackToHomeConfig) {
    ASSERT_EQ(::setenv("XDG_CONFIG_HOME", "relative/ignored", 1), 0);
    ASSERT_EQ(::setenv("HOME", "/home/example", 1), 0);

    EXPECT_EQ(default_token_store_path(), "/home/example/.config/epicor/OAuthSettings.txt");
}

TEST(TokenStoreFile, InvalidArgumentsAreRejected) {
    const auto key = TokenStoreKey::client_id_only();
    EXPECT_THROW(open_token_store("memory://", key, ""), std::invalid_argument);
    EXPECT_THROW(open_token_store("memory://", key, "line\nbreak"), std::invalid_argument);
    EXPECT_THROW(TokenStoreKey::from_client_secret(""), std::invalid_argument);
    EXPECT_THROW(TokenStoreKey::from_private_key_der(""), std::invalid_argument);
}

}  // namespace
}  // namespace epicor
