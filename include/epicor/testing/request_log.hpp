#pragma once

/// \file
/// What the mock Kinetic server received, with secrets masked, and its
/// counters, for tests to assert on.

#include <epicor/testing/export.hpp>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace epicor::testing {

/// The text that replaces every secret in the request log.
inline constexpr std::string_view masked_value = "***";

/// One request as the server received it. Secrets are replaced by
/// masked_value: the values of the Authorization, x-api-key, username,
/// password and Cookie headers, the `api-key` query parameter, and body fields
/// as mask_body() describes.
struct EPICOR_TESTING_API LoggedRequest {
    std::string method;
    std::string path;   ///< Decoded path without the query string.
    std::string query;  ///< Raw query string without `?`, `api-key` masked.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int status = 0;  ///< Status the server sent, or 0 when it sent none.
    /// Authentication scheme seen: "Basic", "Bearer", "Session" or "".
    std::string auth_scheme;
    std::string user;     ///< User the request authenticated as, or "".
    std::string company;  ///< Company from the path, CallSettings or query.
    std::string plant;    ///< Plant from CallSettings, or "".
    std::string license;  ///< ClaimedLicense GUID from the License header, or "".
    std::string fault;    ///< Name of the injected fault, or "".

    /// Returns the first header value with this name (case-insensitive).
    std::optional<std::string> header(std::string_view name) const;
};

/// The requests a server received, oldest first. Thread-safe.
class EPICOR_TESTING_API RequestLog {
public:
    /// Appends an entry and returns its index.
    std::size_t append(LoggedRequest entry);
    /// Sets the status of the entry at `index`; ignored after clear().
    void set_status(std::size_t index, int status);
    /// Returns a copy of every entry.
    std::vector<LoggedRequest> entries() const;
    /// Returns the newest entry, or nothing when the log is empty.
    std::optional<LoggedRequest> last() const;
    std::size_t size() const;
    void clear();

private:
    mutable std::mutex mutex_;
    std::vector<LoggedRequest> entries_;
    std::size_t base_ = 0;  // index of entries_[0] since construction
};

/// Counter values at one moment.
struct ServerCounters {
    std::uint64_t requests = 0;          ///< HTTP requests read (any route, faults included).
    std::uint64_t connections = 0;       ///< TCP connections accepted.
    std::uint64_t tls_handshakes = 0;    ///< TLS handshakes completed (0 without TLS).
    std::uint64_t tokens_issued = 0;     ///< Tokens issued by TokenResource.svc.
};

/// Masks one header value when its name is a secret header.
EPICOR_TESTING_API std::string mask_header_value(std::string_view name, std::string_view value);
/// Masks the `api-key` parameter, and every parameter mask_body() treats as
/// secret, in a raw query string.
EPICOR_TESTING_API std::string mask_query(std::string_view query);
/// Masks secret fields of a JSON body or of a form-encoded body: fields
/// named `code` and fields whose name contains password, secret, token,
/// assertion, verifier, api-key or apikey (any case). Returns any other
/// body unchanged.
EPICOR_TESTING_API std::string mask_body(std::string_view body, std::string_view content_type);

}  // namespace epicor::testing
