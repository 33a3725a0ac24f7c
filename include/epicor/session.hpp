#pragma once

/// \file
/// epicor::Session, a Kinetic server session (`Ice.Lib.SessionModSvc`)
/// that the connection's requests share while it is active.
///
///     {
///         epicor::Session session = conn.begin_session();
///         ...  // every request of conn carries the session id
///     }        // the destructor logs out

#include <epicor/export.hpp>

#include <memory>
#include <string>

namespace epicor {

namespace detail {
struct ConnectionState;
}

/// An active server session, from Connection::begin_session() until end()
/// or destruction. While it is active, every request of the connection (all
/// copies, all threads) sends its id in the `License` header's `SessionID`,
/// so Kinetic reuses one session instead of starting one per call.
///
/// When the server answers a request with 410 (the session expired or was
/// ended elsewhere), that request throws SessionExpiredError, the
/// connection stops sending the id, and a new session can be begun. Move-only.
class EPICOR_API Session {
public:
    Session(std::shared_ptr<detail::ConnectionState> state, std::string id);
    /// Ends the session like end(), but logs a failure as a warning instead
    /// of throwing.
    ~Session();
    Session(Session&& other) noexcept;
    Session& operator=(Session&& other) noexcept;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// The session id Kinetic returned. It lets anyone with the login act in
    /// this session, so treat it like a credential: never log it.
    const std::string& id() const noexcept { return id_; }

    /// True until end() or a 410 from the server ended the session.
    bool active() const;

    /// Logs out (`POST Ice.Lib.SessionModSvc/Logout`) and stops sending the
    /// session id. Does nothing when the session is no longer active. The
    /// connection stops sending the id even when the logout fails. Then it
    /// throws the HttpError, TransportError or CancelledError of the failed
    /// request, and the server ends the session when it times out.
    void end();

private:
    std::shared_ptr<detail::ConnectionState> state_;
    std::string id_;
};

}  // namespace epicor
