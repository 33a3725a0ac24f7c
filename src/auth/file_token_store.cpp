#include "auth/file_token_store.hpp"

#include "auth/file_lock.hpp"
#include "auth/private_file.hpp"
#include "auth/settings_file.hpp"

#include <filesystem>

namespace epicor::auth {
namespace {

class FileTokenStore final : public TokenStore {
public:
    FileTokenStore(SettingsFileContext context, TokenStoreOptions options, bool create_parents)
        : context_(std::move(context)), options_(options), create_parents_(create_parents) {}

    // Reads without the lock: the atomic rename means a reader always sees a
    // whole file, the old one or the new one.
    std::optional<OAuthTokens> load() override {
        const std::optional<std::string> text =
            read_private_file(context_.path, max_settings_file_size);
        if (!text) {
            return std::nullopt;
        }
        return decode_settings_file(*text, context_);
    }

    OAuthTokens update(const Updater& updater) override {
        ensure_parent_directory(context_.path, create_parents_);
        const FileLock lock(lock_path(), context_.path, options_.lock_timeout);

        // Reloads under the lock, so the updater gets what the previous lock
        // holder wrote. An unreadable file throws here and stays as it is.
        const std::optional<OAuthTokens> current = load();
        OAuthTokens next = updater(current);
        if (next.client_id.empty()) {
            next.client_id = context_.client_id;
        }
        if (next.client_id != context_.client_id) {
            throw TokenStoreError("cannot store tokens of OAuth client id " + next.client_id +
                                  " in " + context_.path + ", which belongs to client id " +
                                  context_.client_id + "; open a store for that client id");
        }

        const std::string text = encode_settings_file(next, context_);
        write_file_atomically(context_.path, text);
        return next;
    }

    void clear() override {
        // With the folder missing there is nothing to delete and nowhere to
        // put the lock file.
        if (!parent_directory_exists()) {
            return;
        }
        const FileLock lock(lock_path(), context_.path, options_.lock_timeout);
        remove_file(context_.path);
    }

    std::string location() const override { return context_.path; }

private:
    std::string lock_path() const { return context_.path + ".lock"; }

    bool parent_directory_exists() const {
        std::error_code error;
        const std::filesystem::path parent = std::filesystem::path(context_.path).parent_path();
        return parent.empty() || std::filesystem::is_directory(parent, error);
    }

    SettingsFileContext context_;
    TokenStoreOptions options_;
    bool create_parents_;
};

}  // namespace

std::unique_ptr<TokenStore> open_file_token_store(const std::string& path, const TokenStoreKey& key,
                                                  const std::string& client_id,
                                                  const TokenStoreOptions& options,
                                                  bool create_parents) {
    SettingsFileContext context;
    context.path = path;
    context.client_id = client_id;
    context.key_kind = key.kind();
    context.key = derive_settings_key(key, client_id);
    return std::make_unique<FileTokenStore>(std::move(context), options, create_parents);
}

}  // namespace epicor::auth
