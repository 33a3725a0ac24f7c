#include "testing/epicor_error_body.hpp"

#include <httplib.h>

#include <array>
#include <cstdio>
#include <random>

namespace epicor::testing {

std::string new_correlation_id() {
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::array<unsigned char, 16> bytes{};
    for (auto& byte : bytes) {
        byte = static_cast<unsigned char>(generator() & 0xFFU);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0FU) | 0x40U);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3FU) | 0x80U);

    static constexpr char hex[] = "0123456789abcdef";
    std::string id;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            id += '-';
        }
        id += hex[bytes[i] >> 4U];
        id += hex[bytes[i] & 0x0FU];
    }
    return id;
}

nlohmann::json make_error_body(int http_status, const std::string& message, const std::string& error_type,
                               nlohmann::json details) {
    if (details.is_null()) {
        details = nlohmann::json::array();
    }
    return nlohmann::json{{"HttpStatus", http_status},
                          {"ReasonPhrase", "REST API Exception"},
                          {"ErrorMessage", message},
                          {"ErrorType", error_type},
                          {"ErrorDetails", std::move(details)},
                          {"CorrelationId", new_correlation_id()}};
}

bool wants_xml(const httplib::Request& request) {
    const std::string accept = request.get_header_value("Accept");
    return accept.find("xml") != std::string::npos && accept.find("json") == std::string::npos;
}

std::string xml_escape(const std::string& text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': escaped += "&amp;"; break;
        case '<': escaped += "&lt;"; break;
        case '>': escaped += "&gt;"; break;
        case '"': escaped += "&quot;"; break;
        case '\'': escaped += "&apos;"; break;
        default: escaped += c;
        }
    }
    return escaped;
}

namespace {

std::string error_body_as_xml(const nlohmann::json& body) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ErrorResponse>";
    xml += "<HttpStatus>" + std::to_string(body["HttpStatus"].get<int>()) + "</HttpStatus>";
    for (const char* name : {"ReasonPhrase", "ErrorMessage", "ErrorType", "CorrelationId"}) {
        xml += std::string("<") + name + ">" + xml_escape(body[name].get<std::string>()) + "</" + name + ">";
    }
    xml += "<ErrorDetails>";
    for (const auto& detail : body["ErrorDetails"]) {
        xml += "<ErrorDetail>";
        for (const auto& [name, value] : detail.items()) {
            const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
            xml += "<" + name + ">" + xml_escape(text) + "</" + name + ">";
        }
        xml += "</ErrorDetail>";
    }
    xml += "</ErrorDetails></ErrorResponse>";
    return xml;
}

}  // namespace

void send_error(const httplib::Request& request, httplib::Response& response, int http_status,
                const std::string& message, const std::string& error_type, nlohmann::json details) {
    const nlohmann::json body = make_error_body(http_status, message, error_type, std::move(details));
    response.status = http_status;
    if (wants_xml(request)) {
        response.set_content(error_body_as_xml(body), "application/xml; charset=utf-8");
    } else {
        response.set_content(body.dump(), "application/json; charset=utf-8");
    }
}

}  // namespace epicor::testing
