#include "auth/memory_token_store.hpp"

#include "auth/settings_crypto.hpp"

#include <map>
#include <mutex>
#include <optional>

namespace epicor::auth {
namespace {

constexpr std::string_view memory_scheme = "memory://";

// The tokens of one memory:// name.
struct MemorySlot {
    std::mutex mutex;
    std::optional<OAuthTokens> tokens;
};

std::shared_ptr<MemorySlot> shared_slot(const std::string& name) {
    static std::mutex registry_mutex;
    // Never destroyed, so a store used during static destruction still works.
    static auto* registry = new std::map<std::string, std::shared_ptr<MemorySlot>>();

    const std::lock_guard<std::mutex> lock(registry_mutex);
    auto& slot = (*registry)[name];
    if (!slot) {
        slot = std::make_shared<MemorySlot>();
    }
    return slot;
}

class MemoryTokenStore final : public TokenStore {
public:
    MemoryTokenStore(std::string location, std::shared_ptr<MemorySlot> slot, std::string client_id)
        : location_(std::move(location)), slot_(std::move(slot)), client_id_(std::move(client_id)) {}

    std::optional<OAuthTokens> load() override {
        const std::lock_guard<std::mutex> lock(slot_->mutex);
        check_client(slot_->tokens);
        return slot_->tokens;
    }

    OAuthTokens update(const Updater& updater) override {
        const std::lock_guard<std::mutex> lock(slot_->mutex);
        check_client(slot_->tokens);
        OAuthTokens next = updater(slot_->tokens);
        if (next.client_id.empty()) {
            next.client_id = client_id_;
        }
        check_client(next);
        if (slot_->tokens) {
            cleanse(*slot_->tokens);
        }
        slot_->tokens = next;
        return next;
    }

    void clear() override {
        const std::lock_guard<std::mutex> lock(slot_->mutex);
        if (slot_->tokens) {
            cleanse(*slot_->tokens);
            slot_->tokens.reset();
        }
    }

    std::string location() const override { return location_; }

private:
    void check_client(const std::optional<OAuthTokens>& tokens) const {
        if (tokens && !tokens->client_id.empty() && tokens->client_id != client_id_) {
            throw TokenStoreError("the token store " + location_ + " contains tokens of OAuth client id " +
                                  tokens->client_id + ", but this connection uses client id " +
                                  client_id_ + "; use another memory:// name for this client");
        }
    }

    std::string location_;
    std::shared_ptr<MemorySlot> slot_;
    std::string client_id_;
};

}  // namespace

std::unique_ptr<TokenStore> open_memory_token_store(const std::string& location,
                                                    const std::string& client_id) {
    const std::string name = location.substr(memory_scheme.size());
    std::shared_ptr<MemorySlot> slot =
        name.empty() ? std::make_shared<MemorySlot>() : shared_slot(name);
    return std::make_unique<MemoryTokenStore>(location, std::move(slot), client_id);
}

}  // namespace epicor::auth
