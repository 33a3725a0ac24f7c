// How the transport collects a response body, and the advice its errors give
// for replies that libcurl describes misleadingly.

#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>

#include "local_server.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace {

using epicor::CurlTransport;
using epicor::CurlTransportOptions;
using epicor::HttpRequest;
using epicor::test::LocalHttpServer;
using epicor::test::RawSocketServer;

// Options that keep the tests away from any proxy set in the environment.
CurlTransportOptions local_options() {
    CurlTransportOptions options;
    options.no_proxy = "*";
    options.timeout = std::chrono::seconds(30);
    return options;
}

HttpRequest get(std::string url) {
    HttpRequest request;
    request.method = "GET";
    request.url = std::move(url);
    return request;
}

void send_text(int socket, const std::string& text) {
    ::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
}

// Returns the message of the TransportError that sending `request` throws.
std::string failure_message(CurlTransport& transport, const HttpRequest& request) {
    try {
        transport.send(request);
    } catch (const epicor::TransportError& error) {
        return error.what();
    }
    ADD_FAILURE() << "send returned for " << request.url;
    return {};
}

// A body that grows by doubling could hold a buffer of up to twice the
// limit; the buffer must stay within the limit.
TEST(CurlResponseBody, ChunkedBodyCapacityStaysWithinLimit) {
    constexpr std::size_t limit = 1'000'000;
    LocalHttpServer server;
    server.server().Get("/chunked", [](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider("application/octet-stream", [](std::size_t, httplib::DataSink& sink) {
            const std::string block(10'000, 'y');
            for (std::size_t sent = 0; sent < limit; sent += block.size()) {
                sink.write(block.data(), block.size());
            }
            sink.done();
            return true;
        });
    });
    server.start();
    CurlTransportOptions options = local_options();
    options.max_response_bytes = limit;
    CurlTransport transport(options);

    const auto response = transport.send(get(server.base_url() + "/chunked"));

    EXPECT_EQ(response.body.size(), limit);
    EXPECT_LE(response.body.capacity(), limit);
}

TEST(CurlResponseBody, CapacityFollowsContentLength) {
    constexpr std::size_t length = 700'000;
    LocalHttpServer server;
    server.server().Get("/fixed", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(length, 'x'), "application/octet-stream");
    });
    server.start();
    CurlTransport transport(local_options());

    const auto response = transport.send(get(server.base_url() + "/fixed"));

    EXPECT_EQ(response.body.size(), length);
    EXPECT_LE(response.body.capacity(), length);
}

TEST(CurlResponseBody, LimitMessageNamesProperty) {
    LocalHttpServer server;
    server.server().Get("/big", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(64 * 1024, 'x'), "application/octet-stream");
    });
    server.start();
    CurlTransportOptions options = local_options();
    options.max_response_bytes = 1024;
    CurlTransport transport(options);

    const std::string message = failure_message(transport, get(server.base_url() + "/big"));

    EXPECT_NE(message.find("MaxResponseSize"), std::string::npos) << message;
    EXPECT_EQ(message.find("max_response_bytes"), std::string::npos) << message;
}

TEST(CurlFailureAdvice, NonHttpReplyIsNamed) {
    RawSocketServer server([](int socket) {
        RawSocketServer::read_request_head(socket);
        send_text(socket, "SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n");
        ::close(socket);
    });
    CurlTransport transport(local_options());

    const std::string message = failure_message(transport, get(server.base_url() + "/rows"));

    EXPECT_NE(message.find("did not answer with HTTP"), std::string::npos) << message;
    EXPECT_EQ(message.find("must start with http"), std::string::npos) << message;
}

TEST(CurlFailureAdvice, OversizedHeaderIsNamed) {
    RawSocketServer server([](int socket) {
        RawSocketServer::read_request_head(socket);
        send_text(socket, "HTTP/1.1 200 OK\r\nX-Padding: " + std::string(200 * 1024, 'p') +
                              "\r\nContent-Length: 2\r\n\r\n{}");
        ::close(socket);
    });
    CurlTransport transport(local_options());

    const std::string message = failure_message(transport, get(server.base_url() + "/rows"));

    // libcurl 7.88 reports one oversized header line as "Out of memory" and
    // many headers over its total limit as "Too large response headers".
    const bool names_headers = message.find("response headers were too large") != std::string::npos ||
                               message.find("Too large response headers") != std::string::npos;
    EXPECT_TRUE(names_headers) << message;
}

TEST(CurlFailureAdvice, EmptyReplyOnHttpSuggestsHttps) {
    RawSocketServer server([](int socket) {
        RawSocketServer::read_request_head(socket);
        ::close(socket);
    });
    CurlTransport transport(local_options());

    const std::string message = failure_message(transport, get(server.base_url() + "/rows"));

    EXPECT_NE(message.find("curl code 52"), std::string::npos) << message;
    EXPECT_NE(message.find("is the server expecting https?"), std::string::npos) << message;
}

}  // namespace
