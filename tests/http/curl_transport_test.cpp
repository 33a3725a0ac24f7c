#include <epicor/curl_transport.hpp>
#include <epicor/error.hpp>
#include <epicor/log.hpp>

#include "local_server.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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

HttpRequest make_request(std::string method, std::string url, std::string body = {}) {
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.body = std::move(body);
    return request;
}

std::string gzip(const std::string& text) {
    z_stream stream{};
    // 15 + 16: a gzip wrapper instead of zlib's.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2 failed");
    }
    std::string output(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(output.data());
    stream.avail_out = static_cast<uInt>(output.size());
    deflate(&stream, Z_FINISH);
    output.resize(stream.total_out);
    deflateEnd(&stream);
    return output;
}

// Sleeps in short slices until `server` stops, so server shutdown is quick.
void wait_for_shutdown(const LocalHttpServer& server) {
    while (!server.stopping()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

class CurlTransportTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto echo = [](const httplib::Request& request, httplib::Response& response) {
            response.set_header("X-Method", request.method);
            response.set_header("X-Body-Length", std::to_string(request.body.size()));
            response.set_header("X-Content-Type", request.get_header_value("Content-Type"));
            response.set_content(request.body, "text/plain");
        };
        server_.server().Get("/echo", echo);
        server_.server().Post("/echo", echo);
        server_.server().Put("/echo", echo);
        server_.server().Patch("/echo", echo);
        server_.server().Delete("/echo", echo);
        server_.server().Options("/echo", echo);
        server_.server().Get("/headers", [](const httplib::Request& request, httplib::Response& response) {
            std::string text;
            for (const auto& [name, value] : request.headers) {
                text += name + "=" + value + "\n";
            }
            response.set_content(text, "text/plain");
        });
        server_.server().Get("/status/503", [](const httplib::Request&, httplib::Response& response) {
            response.status = 503;
            response.set_content("down for maintenance", "text/plain");
        });
        start();
    }

    virtual void start() { server_.start(); }

    std::string url(const std::string& path) const { return server_.base_url() + path; }

    LocalHttpServer server_;
};

TEST_F(CurlTransportTest, SendsEachMethodWithBody) {
    CurlTransport transport(local_options());
    for (const std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
        HttpRequest request = make_request(method, url("/echo"), R"({"CustNum":12})");
        request.headers.set("Content-Type", "application/json");
        const auto response = transport.send(request);
        EXPECT_EQ(response.status, 200) << method;
        EXPECT_EQ(response.headers.get("X-Method"), method);
        EXPECT_EQ(response.headers.get("X-Content-Type"), "application/json") << method;
        EXPECT_EQ(response.body, R"({"CustNum":12})") << method;
    }
}

TEST_F(CurlTransportTest, SendsGetAndHeadWithoutBody) {
    CurlTransport transport(local_options());
    const auto get = transport.send(make_request("GET", url("/echo")));
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.headers.get("X-Method"), "GET");
    EXPECT_EQ(get.headers.get("X-Body-Length"), "0");

    const auto head = transport.send(make_request("HEAD", url("/echo")));
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.headers.get("X-Method"), "HEAD");
    EXPECT_TRUE(head.body.empty());
}

TEST_F(CurlTransportTest, SendsBinaryBodyWithNulBytes) {
    CurlTransport transport(local_options());
    std::string body("a\0b\0c", 5);
    HttpRequest request = make_request("POST", url("/echo"), body);
    request.headers.set("Content-Type", "application/octet-stream");
    const auto response = transport.send(request);
    EXPECT_EQ(response.body, body);
}

TEST_F(CurlTransportTest, BodyWithoutContentTypeGetsNoFormType) {
    CurlTransport transport(local_options());
    const auto with_body = transport.send(make_request("POST", url("/echo"), "x=1"));
    EXPECT_EQ(with_body.headers.get("X-Content-Type"), "");
    const auto empty_post = transport.send(make_request("POST", url("/echo")));
    EXPECT_EQ(empty_post.headers.get("X-Content-Type"), "");
    EXPECT_EQ(empty_post.headers.get("X-Body-Length"), "0");
}

TEST_F(CurlTransportTest, ReturnsErrorStatusAsResponse) {
    CurlTransport transport(local_options());
    const auto response = transport.send(make_request("GET", url("/status/503")));
    EXPECT_EQ(response.status, 503);
    EXPECT_FALSE(response.ok());
    EXPECT_EQ(response.body, "down for maintenance");
}

TEST_F(CurlTransportTest, SendsHeadersAndUserAgent) {
    CurlTransport transport(local_options());
    HttpRequest request = make_request("GET", url("/headers"));
    request.headers.set("CallSettings", R"({"Company":"EPIC06"})");
    const auto response = transport.send(request);
    EXPECT_NE(response.body.find(R"(CallSettings={"Company":"EPIC06"})"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("User-Agent=" + epicor::default_user_agent()), std::string::npos);
    EXPECT_EQ(response.body.find("Expect="), std::string::npos);
    EXPECT_EQ(epicor::default_user_agent().rfind("epicor-cpp/", 0), 0u);
    EXPECT_NE(epicor::default_user_agent().find("(libcurl/"), std::string::npos);
}

TEST(CurlTransportHeaders, SendsHeaderWithEmptyValue) {
    // httplib drops empty header fields, so a raw server reads the request.
    std::string head;
    std::mutex mutex;
    RawSocketServer server([&](int socket) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            head = RawSocketServer::read_request_head(socket);
        }
        const std::string reply = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
        ::send(socket, reply.data(), reply.size(), MSG_NOSIGNAL);
        ::close(socket);
    });
    CurlTransport transport(local_options());
    HttpRequest request = make_request("GET", server.base_url() + "/x");
    request.headers.set("X-Empty", "");
    EXPECT_EQ(transport.send(request).status, 204);
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_NE(head.find("\r\nX-Empty:\r\n"), std::string::npos) << head;
}

TEST_F(CurlTransportTest, RejectsHeaderWithLineBreak) {
    CurlTransport transport(local_options());
    HttpRequest request = make_request("GET", url("/headers"));
    request.headers.set("X-Injected", "a\r\nX-Evil: 1");
    EXPECT_THROW(transport.send(request), epicor::Error);
}

TEST_F(CurlTransportTest, RejectsUnknownMethod) {
    CurlTransport transport(local_options());
    EXPECT_THROW(transport.send(make_request("OPTIONS", url("/echo"))), epicor::Error);
}

TEST_F(CurlTransportTest, ReusesOneConnectionForSequentialRequests) {
    CurlTransport transport(local_options());
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(transport.send(make_request("GET", url("/echo"))).status, 200);
    }
    EXPECT_EQ(server_.connection_count(), 1u);
    EXPECT_EQ(transport.idle_handles(), 1u);
}

TEST_F(CurlTransportTest, ReusedHandleKeepsNoStateOfPreviousRequest) {
    CurlTransport transport(local_options());
    HttpRequest first = make_request("PATCH", url("/echo"), "first body");
    first.headers.set("X-Leak", "from-first");
    first.headers.set("Content-Type", "text/plain");
    first.timeout = std::chrono::milliseconds(10000);
    EXPECT_EQ(transport.send(first).status, 200);

    const auto second = transport.send(make_request("GET", url("/headers")));
    EXPECT_EQ(second.status, 200);
    EXPECT_EQ(second.body.find("X-Leak"), std::string::npos) << second.body;
    EXPECT_EQ(second.body.find("Content-Type"), std::string::npos) << second.body;

    const auto third = transport.send(make_request("GET", url("/echo")));
    EXPECT_EQ(third.headers.get("X-Method"), "GET");
    EXPECT_EQ(third.headers.get("X-Body-Length"), "0");
    EXPECT_EQ(server_.connection_count(), 1u);
}

TEST_F(CurlTransportTest, DecodesGzipResponse) {
    std::string text;
    for (int i = 0; i < 2000; ++i) {
        text += "row " + std::to_string(i) + ";";
    }
    std::string accept_encoding;
    std::mutex mutex;
    server_.server().Get("/gzip", [&](const httplib::Request& request, httplib::Response& response) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            accept_encoding = request.get_header_value("Accept-Encoding");
        }
        response.set_header("Content-Encoding", "gzip");
        response.set_content(gzip(text), "application/octet-stream");
    });
    CurlTransport transport(local_options());
    const auto response = transport.send(make_request("GET", url("/gzip")));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, text);
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_NE(accept_encoding.find("gzip"), std::string::npos) << accept_encoding;
}

TEST_F(CurlTransportTest, TimeoutEndsSlowResponse) {
    server_.server().Get("/slow", [this](const httplib::Request&, httplib::Response& response) {
        wait_for_shutdown(server_);
        response.set_content("late", "text/plain");
    });
    CurlTransportOptions options = local_options();
    options.timeout = std::chrono::milliseconds(300);
    CurlTransport transport(options);
    try {
        transport.send(make_request("GET", url("/slow?api-key=topsecret")));
        FAIL() << "send returned";
    } catch (const epicor::TimeoutError& error) {
        const std::string message = error.what();
        EXPECT_NE(message.find("timed out"), std::string::npos) << message;
        EXPECT_NE(message.find("Timeout"), std::string::npos) << message;
        EXPECT_EQ(message.find("topsecret"), std::string::npos) << message;
        EXPECT_EQ(error.url().find("topsecret"), std::string::npos);
    }
}

TEST_F(CurlTransportTest, PerRequestTimeoutOverridesDefault) {
    server_.server().Get("/slow", [this](const httplib::Request&, httplib::Response& response) {
        wait_for_shutdown(server_);
        response.set_content("late", "text/plain");
    });
    CurlTransportOptions options = local_options();
    options.timeout = std::chrono::minutes(5);
    CurlTransport transport(options);
    HttpRequest request = make_request("GET", url("/slow"));
    request.timeout = std::chrono::milliseconds(300);
    EXPECT_THROW(transport.send(request), epicor::TimeoutError);
}

TEST_F(CurlTransportTest, LowSpeedLimitEndsStallAfterHeaders) {
    server_.server().Get("/stall", [this](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider("text/plain", [this](std::size_t, httplib::DataSink& sink) {
            sink.write("first chunk", 11);
            wait_for_shutdown(server_);
            sink.done();
            return true;
        });
    });
    CurlTransportOptions options = local_options();
    options.timeout = std::chrono::milliseconds(0);
    options.low_speed_limit = 1000;
    options.low_speed_time = std::chrono::seconds(1);
    CurlTransport transport(options);
    EXPECT_THROW(transport.send(make_request("GET", url("/stall"))), epicor::TimeoutError);
}

TEST_F(CurlTransportTest, ResponseOverLimitIsRejected) {
    server_.server().Get("/big", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(64 * 1024, 'x'), "application/octet-stream");
    });
    server_.server().Get("/big-chunked", [](const httplib::Request&, httplib::Response& response) {
        response.set_chunked_content_provider("application/octet-stream",
                                              [](std::size_t, httplib::DataSink& sink) {
                                                  const std::string block(16 * 1024, 'y');
                                                  for (int i = 0; i < 4; ++i) {
                                                      sink.write(block.data(), block.size());
                                                  }
                                                  sink.done();
                                                  return true;
                                              });
    });
    CurlTransportOptions options = local_options();
    options.max_response_bytes = 1024;
    CurlTransport transport(options);
    for (const std::string path : {"/big", "/big-chunked"}) {
        try {
            transport.send(make_request("GET", url(path)));
            FAIL() << path << ": send returned";
        } catch (const epicor::TransportError& error) {
            EXPECT_NE(std::string(error.what()).find("larger than the limit of 1024 bytes"), std::string::npos)
                << error.what();
        }
    }
}

TEST_F(CurlTransportTest, CancellationAbortsTransfer) {
    server_.server().Get("/slow", [this](const httplib::Request&, httplib::Response& response) {
        wait_for_shutdown(server_);
        response.set_content("late", "text/plain");
    });
    std::atomic<bool> cancel{false};
    CurlTransportOptions options = local_options();
    options.is_cancelled = [&cancel] { return cancel.load(); };
    CurlTransport transport(options);
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        cancel = true;
    });
    EXPECT_THROW(transport.send(make_request("GET", url("/slow"))), epicor::CancelledError);
    canceller.join();
}

TEST_F(CurlTransportTest, LogsRequestsWithoutSecrets) {
    auto logger = std::make_shared<epicor::Logger>(epicor::LogLevel::content, "c1");
    std::vector<epicor::LogRecord> records;
    std::mutex mutex;
    logger->set_callback([&](const epicor::LogRecord& record) {
        std::lock_guard<std::mutex> lock(mutex);
        records.push_back(record);
    });
    CurlTransportOptions options = local_options();
    options.logger = logger;
    CurlTransport transport(options);

    HttpRequest request = make_request("POST", url("/echo?api-key=key-secret-1&$top=5"),
                                       R"({"password":"body-secret-2","CustID":"ADDISON"})");
    request.headers.set("Authorization", "Bearer token-secret-3");
    request.headers.set("x-api-key", "key-secret-4");
    request.headers.set("Content-Type", "application/json");
    EXPECT_EQ(transport.send(request).status, 200);

    std::lock_guard<std::mutex> lock(mutex);
    std::string all;
    for (const auto& record : records) {
        all += record.message + "\n";
        EXPECT_EQ(record.connection_id, "c1");
        EXPECT_NE(record.request_id, 0u);
    }
    EXPECT_NE(all.find("POST "), std::string::npos) << all;
    EXPECT_NE(all.find("$top=5"), std::string::npos) << all;
    EXPECT_NE(all.find("Authorization: Bearer ***"), std::string::npos) << all;
    EXPECT_NE(all.find("ADDISON"), std::string::npos) << all;
    for (const std::string secret : {"key-secret-1", "body-secret-2", "token-secret-3", "key-secret-4"}) {
        EXPECT_EQ(all.find(secret), std::string::npos) << secret << " leaked into:\n" << all;
    }
}

// A raw server on loopback plays an HTTP forward proxy: it records the
// request head and answers itself, so the target host is never contacted.
class RecordingProxy {
public:
    RecordingProxy()
        : server_([this](int socket) {
              {
                  std::lock_guard<std::mutex> lock(mutex_);
                  head_ = RawSocketServer::read_request_head(socket);
              }
              const std::string reply =
                  "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy";
              ::send(socket, reply.data(), reply.size(), MSG_NOSIGNAL);
              ::close(socket);
          }) {}

    int port() const { return server_.port(); }
    std::string head() {
        std::lock_guard<std::mutex> lock(mutex_);
        return head_;
    }

private:
    std::mutex mutex_;
    std::string head_;
    RawSocketServer server_;
};

TEST(CurlTransportProxy, SendsThroughProxyWithCredentials) {
    RecordingProxy proxy;
    CurlTransportOptions options;
    options.proxy = "http://127.0.0.1";
    options.proxy_port = proxy.port();
    options.proxy_user = "proxyuser";
    options.proxy_password = "proxy-secret";
    CurlTransport transport(options);
    // Port 9 (discard) on loopback is never contacted: the proxy answers.
    const auto response = transport.send(make_request("GET", "http://127.0.0.1:9/api/v1/"));
    EXPECT_EQ(response.status, 200);
    const std::string head = proxy.head();
    EXPECT_EQ(head.rfind("GET http://127.0.0.1:9/api/v1/ HTTP/1.1\r\n", 0), 0u) << head;
    // base64("proxyuser:proxy-secret")
    EXPECT_NE(head.find("Proxy-Authorization: Basic cHJveHl1c2VyOnByb3h5LXNlY3JldA=="), std::string::npos) << head;
}

TEST(CurlTransportProxy, NoProxyListBypassesProxy) {
    RecordingProxy proxy;
    LocalHttpServer target;
    target.server().Get("/direct", [](const httplib::Request&, httplib::Response& response) {
        response.set_content("direct", "text/plain");
    });
    target.start();
    CurlTransportOptions options;
    options.proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
    options.no_proxy = "127.0.0.1";
    CurlTransport transport(options);
    const auto response = transport.send(make_request("GET", target.base_url() + "/direct"));
    EXPECT_EQ(response.body, "direct");
    EXPECT_TRUE(proxy.head().empty());
}

TEST(CurlTransportFailure, ConnectionRefusedNamesUrl) {
    CurlTransport transport(local_options());
    const std::string url = "http://127.0.0.1:" + std::to_string(epicor::test::closed_loopback_port()) + "/x";
    try {
        transport.send(make_request("GET", url));
        FAIL() << "send returned";
    } catch (const epicor::TimeoutError&) {
        FAIL() << "a refused connection is not a timeout";
    } catch (const epicor::TransportError& error) {
        EXPECT_EQ(error.curl_code(), 7);  // CURLE_COULDNT_CONNECT
        EXPECT_NE(std::string(error.what()).find(url), std::string::npos) << error.what();
    }
}

TEST(CurlTransportFailure, UrlUserinfoNeverInError) {
    CurlTransport transport(local_options());
    const std::string url = "http://manager:hunter2@127.0.0.1:" +
                            std::to_string(epicor::test::closed_loopback_port()) + "/x";
    try {
        transport.send(make_request("GET", url));
        FAIL() << "send returned";
    } catch (const epicor::TransportError& error) {
        EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos) << error.what();
        EXPECT_EQ(error.url().find("hunter2"), std::string::npos);
    }
}

TEST(CurlTransportFailure, ResetMidBodyThrowsTransportError) {
    RawSocketServer server([](int socket) {
        RawSocketServer::read_request_head(socket);
        const std::string partial =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n" +
            std::string(1000, 'x');
        ::send(socket, partial.data(), partial.size(), MSG_NOSIGNAL);
        RawSocketServer::reset(socket);
    });
    CurlTransport transport(local_options());
    try {
        transport.send(make_request("GET", server.base_url() + "/rows"));
        FAIL() << "send returned";
    } catch (const epicor::TimeoutError&) {
        FAIL() << "a reset is not a timeout";
    } catch (const epicor::TransportError& error) {
        EXPECT_NE(error.curl_code(), 0);
        EXPECT_NE(std::string(error.what()).find("/rows"), std::string::npos) << error.what();
    }
}

TEST(CurlTransportFailure, ResetDuringUploadDoesNotRaiseSigpipe) {
    // The server resets while the client is still sending a large body, so
    // the client writes to a dead socket. Without MSG_NOSIGNAL this would
    // raise SIGPIPE and kill the test process.
    RawSocketServer server([](int socket) {
        RawSocketServer::read_request_head(socket);
        RawSocketServer::reset(socket);
    });
    CurlTransport transport(local_options());
    HttpRequest request = make_request("POST", server.base_url() + "/upload", std::string(16 * 1024 * 1024, 'z'));
    request.headers.set("Content-Type", "application/octet-stream");
    EXPECT_THROW(transport.send(request), epicor::TransportError);
    // The process is still alive, and a second request on the same
    // transport fails the same way instead of crashing.
    EXPECT_THROW(transport.send(request), epicor::TransportError);
}

}  // namespace
