#include "auth/basic_authenticator.hpp"
#include "client/connection_state.hpp"

#include <epicor/error.hpp>
#include <epicor/session.hpp>

#include <utility>

namespace epicor {

Session::Session(std::shared_ptr<detail::ConnectionState> state, std::string id)
    : state_(std::move(state)), id_(std::move(id)) {}

Session::~Session() {
    try {
        end();
    } catch (const Error& error) {
        state_->logger->warning(std::string("logging out of the Kinetic session failed; the "
                                            "server ends it when it times out: ") +
                                error.what());
    }
}

Session::Session(Session&& other) noexcept
    : state_(std::move(other.state_)), id_(std::move(other.id_)) {
    other.id_.clear();
}

Session& Session::operator=(Session&& other) noexcept {
    if (this != &other) {
        try {
            end();
        } catch (const Error& error) {
            state_->logger->warning(std::string("logging out of the replaced Kinetic session "
                                                "failed: ") +
                                    error.what());
        }
        state_ = std::move(other.state_);
        id_ = std::move(other.id_);
        other.id_.clear();
    }
    return *this;
}

bool Session::active() const {
    return state_ && !id_.empty() && state_->session_id() == id_;
}

void Session::end() {
    if (!active()) {
        auth::wipe(id_);
        id_.clear();
        return;
    }
    HttpRequest request;
    request.method = "POST";
    request.url = state_->address.method("Ice.Lib.SessionModSvc", "Logout");
    request.body = "{}";
    request.idempotent = false;
    try {
        state_->send(std::move(request));
    } catch (const SessionExpiredError&) {
        // The server ended the session already, which is what was asked.
    } catch (...) {
        state_->end_session(id_);
        auth::wipe(id_);
        id_.clear();
        throw;
    }
    state_->end_session(id_);
    auth::wipe(id_);
    id_.clear();
    state_->logger->write(LogLevel::requests, "ended the Kinetic session");
}

}  // namespace epicor
