#pragma once

/// \file
/// HTTP requests and responses as the library's layers exchange them, and
/// the Transport interface that sends them. The libcurl implementation is
/// epicor::CurlTransport (curl_transport.hpp).

#include <epicor/export.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace epicor {

/// HTTP header fields in the order they were added or received. Names
/// compare case-insensitively.
class EPICOR_API HttpHeaders {
public:
    using Field = std::pair<std::string, std::string>;

    /// Appends a field; an existing field of the same name stays.
    void add(std::string name, std::string value);
    /// Replaces every field of this name with one field.
    void set(std::string name, std::string value);
    /// Removes every field of this name.
    void remove(std::string_view name);
    /// Returns the first field's value, or nothing when the field is absent.
    std::optional<std::string> get(std::string_view name) const;
    bool contains(std::string_view name) const { return get(name).has_value(); }

    const std::vector<Field>& fields() const noexcept { return fields_; }
    auto begin() const noexcept { return fields_.begin(); }
    auto end() const noexcept { return fields_.end(); }

private:
    std::vector<Field> fields_;
};

/// One HTTP request.
struct HttpRequest {
    std::string method = "GET";
    std::string url;  ///< Absolute http or https URL, query string included.
    HttpHeaders headers;
    std::string body;
    /// Per-request time limit; zero means the transport's default (`Timeout`).
    std::chrono::milliseconds timeout{0};
    /// True when sending the request twice has the same effect as once (GET,
    /// and PUT, PATCH or DELETE by key). Decides whether the retry policy may
    /// replay it after its body may have reached the server.
    bool idempotent = true;
};

/// One HTTP response, body fully read and decoded (gzip and deflate undone).
struct HttpResponse {
    int status = 0;
    std::string reason;  ///< Reason phrase from the status line, may be empty.
    HttpHeaders headers;
    std::string body;

    bool ok() const noexcept { return status >= 200 && status <= 299; }
};

/// Sends requests. Implementations are safe to call from several threads at
/// once. send() returns every HTTP response, error statuses included, and
/// throws TransportError (or a subclass) only when no response arrived.
class EPICOR_API Transport {
public:
    virtual ~Transport();
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

}  // namespace epicor
