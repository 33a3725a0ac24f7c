#pragma once

/// \file
/// Where OAuth tokens live between runs: the `OAuthSettingsLocation`
/// property. A location is either a file, encrypted with AES-256-GCM under a
/// key derived from the client credentials, or `memory://` to keep tokens in
/// the process. See docs/oauth-settings.md for the file format.

#include <epicor/error.hpp>
#include <epicor/export.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace epicor {

/// The tokens of one OAuth sign-in, as a token store keeps them. Empty
/// strings and default time points mean "not sent by the server".
struct OAuthTokens {
    std::string access_token;
    std::string id_token;
    std::string refresh_token;
    std::chrono::system_clock::time_point expires_at{};  ///< When access_token expires.
    std::string token_type;  ///< Usually "Bearer".
    std::string scope;       ///< Space-separated scopes the server granted.
    std::string client_id;   ///< The OAuth client id (Azure AD application id).
    std::string tenant;      ///< The Azure AD tenant, when one was used.
    std::chrono::system_clock::time_point issued_at{};  ///< When the server issued the tokens.
};

/// The secret that a settings file's encryption key is derived from. The
/// same client credentials give the same key on every machine, so a file
/// copied to another machine that holds them can be read there. The bytes
/// are wiped from memory when the object is destroyed.
class EPICOR_API TokenStoreKey {
public:
    /// What the key was derived from. The name of the kind is written in
    /// the file's header so an error can name the credential that is missing.
    enum class Kind {
        client_secret,  ///< The OAuth client secret.
        private_key,    ///< SHA-256 of the JWT certificate's private key in DER form.
        client_id_only  ///< No secret: only the file's 0600 mode protects it.
    };

    /// Derives the key from the OAuth client secret. Throws
    /// std::invalid_argument when `client_secret` is empty.
    static TokenStoreKey from_client_secret(std::string_view client_secret);

    /// Derives the key from the private key of a JWT client certificate,
    /// given in DER form (PKCS#8 or the traditional encoding; use the same
    /// one on every machine). Only its SHA-256 hash is kept. Throws
    /// std::invalid_argument when `private_key_der` is empty.
    static TokenStoreKey from_private_key_der(std::string_view private_key_der);

    /// Uses no secret at all, for connections that only pass
    /// OAuthAccessToken or OAuthRefreshToken. The file key then comes from
    /// the client id alone, which is not secret, so the encryption only
    /// detects tampering and anyone who can read the file can decrypt it:
    /// its 0600 mode is the only protection.
    static TokenStoreKey client_id_only();

    TokenStoreKey(const TokenStoreKey& other);
    TokenStoreKey(TokenStoreKey&& other) noexcept;
    TokenStoreKey& operator=(const TokenStoreKey& other);
    TokenStoreKey& operator=(TokenStoreKey&& other) noexcept;
    ~TokenStoreKey();

    Kind kind() const noexcept { return kind_; }

    /// Returns the secret bytes the file key is derived from (empty for
    /// client_id_only). For the library's own use: never log them.
    const std::string& material() const noexcept { return material_; }

private:
    TokenStoreKey(Kind kind, std::string material);

    Kind kind_;
    std::string material_;
};

/// Returns "client-secret", "private-key" or "client-id-only".
EPICOR_API const char* to_string(TokenStoreKey::Kind kind) noexcept;

/// Options of open_token_store().
struct TokenStoreOptions {
    /// How long a write waits for the file's lock, which another process or
    /// thread may have, before it throws TokenStoreFileError with
    /// Kind::lock_timeout. update() keeps the lock while its updater runs, so
    /// keep this above the time an updater takes (a token refresh over the
    /// network, for example).
    std::chrono::milliseconds lock_timeout{30000};
};

/// A settings file that cannot be used. `kind()` names the cause, `path()`
/// the file, and what() names both and what to do next. The message never
/// contains a token, a secret or the file's encrypted content.
class EPICOR_API TokenStoreFileError : public TokenStoreError {
public:
    enum class Kind {
        io,                ///< Reading, writing, renaming or syncing failed (errno text in the message).
        missing_directory, ///< The folder and its parent do not exist.
        unsafe_file,       ///< Readable or writable by group or others, owned by another user, a symbolic link or not a regular file.
        not_settings_file, ///< The file is not in this library's format (for example CData's own file).
        corrupt,           ///< The structure is damaged or cut short.
        decrypt_failed,    ///< Authentication failed: another key, or the content was changed.
        other_client,      ///< The file belongs to another OAuth client id.
        other_key_kind,    ///< The file was encrypted with another kind of credential.
        future_version,    ///< Written by a newer version of the library.
        lock_timeout       ///< Another process held the lock longer than TokenStoreOptions::lock_timeout.
    };

    TokenStoreFileError(Kind kind, std::string path, const std::string& message);

    Kind kind() const noexcept { return kind_; }
    const std::string& path() const noexcept { return path_; }

private:
    Kind kind_;
    std::string path_;
};

/// Keeps the tokens of one OAuth client between runs. Implementations are
/// thread-safe; the file store is also safe between processes.
class EPICOR_API TokenStore {
public:
    /// Computes the tokens to store from the current ones (nothing when the
    /// store is empty).
    using Updater = std::function<OAuthTokens(const std::optional<OAuthTokens>& current)>;

    virtual ~TokenStore();

    /// Returns the stored tokens, or nothing when none are stored (for a
    /// file store: when the file does not exist). Throws TokenStoreError
    /// (TokenStoreFileError for files) when the stored tokens cannot be read.
    virtual std::optional<OAuthTokens> load() = 0;

    /// Runs `updater` under the store's lock with the stored tokens as they
    /// are at that moment, stores what it returns and returns that. Two
    /// processes or threads that update at once therefore run one after the
    /// other, and the second gets the first's result (the newest refresh
    /// token). When `updater` throws, nothing is stored and the exception
    /// propagates. An empty client_id in the result is filled with the
    /// store's. Throws TokenStoreError when the current tokens cannot be
    /// read (a file that fails to decrypt is never overwritten), when the
    /// result's client_id is another client's, or when the write fails.
    virtual OAuthTokens update(const Updater& updater) = 0;

    /// Removes the stored tokens (for a file store: deletes the file, even
    /// one that cannot be decrypted). Does nothing when none are stored.
    /// Throws TokenStoreError when the removal fails.
    virtual void clear() = 0;

    /// Returns the location for logs and messages: the file path, or the
    /// memory:// name.
    virtual std::string location() const = 0;
};

/// Opens the token store at `location`:
///
/// - empty: the per-user default file, default_token_store_path();
/// - `memory://name`: a store kept in this process and shared by every
///   store opened with the same name, until the process ends;
/// - `memory://`: a store private to the returned object (no other open
///   call reaches it);
/// - anything else: a file path.
///
/// The `memory://` scheme matches in any case; the name after it is
/// case-sensitive.
///
/// Nothing is read or created until the first call. A file store creates
/// its folder with mode 0700 when the folder is missing and its parent
/// exists (for the default path, every missing folder below the home
/// folder). Memory stores ignore `key`. Throws std::invalid_argument when
/// `client_id` is empty or contains a control character, and
/// TokenStoreError when the location is empty and no home folder is known.
EPICOR_API std::unique_ptr<TokenStore> open_token_store(const std::string& location,
                                                        const TokenStoreKey& key,
                                                        const std::string& client_id,
                                                        const TokenStoreOptions& options = {});

/// Returns the per-user default settings file:
/// `$XDG_CONFIG_HOME/epicor/OAuthSettings.txt` (else
/// `~/.config/epicor/OAuthSettings.txt`) on Linux,
/// `~/Library/Application Support/epicor/OAuthSettings.txt` on macOS and
/// `%APPDATA%\epicor\OAuthSettings.txt` on Windows. Throws TokenStoreError
/// when neither the environment nor the user database names a home folder.
EPICOR_API std::string default_token_store_path();

}  // namespace epicor
