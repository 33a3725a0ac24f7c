#include "odata/error_reader.hpp"

#include "odata/excerpt.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string>

namespace epicor::odata {
namespace {

using json = nlohmann::json;

constexpr std::size_t max_message_length = 500;
// Only the start of an HTML or text body is examined; a title or message
// lies well within it.
constexpr std::size_t max_markup_length = 64 * 1024;

std::string lowercase(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

std::string_view trim(std::string_view text) noexcept {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

// Returns a member as one line of text: a string as it is, a number or
// bool as JSON text. Absent, null, objects and arrays give an empty string
// (printing nested values would recurse as deep as the body nests).
std::string text_of(const json& object, const char* name) {
    const auto found = object.find(name);
    if (found == object.end()) {
        return {};
    }
    if (found->is_string()) {
        return excerpt(found->get_ref<const std::string&>(), max_message_length);
    }
    if (found->is_number() || found->is_boolean()) {
        return found->dump();
    }
    return {};
}

bool read_epicor_error(const json& body, HttpErrorInfo& info) {
    if (!body.contains("ErrorMessage") && !body.contains("ErrorType") && !body.contains("HttpStatus")) {
        return false;
    }
    info.error_message = text_of(body, "ErrorMessage");
    info.error_type = text_of(body, "ErrorType");
    info.correlation_id = text_of(body, "CorrelationId");
    if (auto reason = text_of(body, "ReasonPhrase"); !reason.empty()) {
        info.reason_phrase = std::move(reason);
    }
    const auto details = body.find("ErrorDetails");
    if (details != body.end() && details->is_array()) {
        for (const auto& item : *details) {
            if (!item.is_object()) {
                continue;
            }
            ErrorDetail detail;
            detail.message = text_of(item, "Message");
            detail.type = text_of(item, "Type");
            detail.table = text_of(item, "Table");
            detail.field = text_of(item, "Field");
            detail.program = text_of(item, "Program");
            detail.method = text_of(item, "Method");
            info.details.push_back(std::move(detail));
        }
    }
    return true;
}

// OData 4 `{"error":{"code":..,"message":".."}}` and OData 3
// `{"odata.error":{"code":..,"message":{"lang":..,"value":..}}}`; also the
// OAuth form `{"error":"invalid_grant","error_description":..}`.
bool read_odata_error(const json& body, HttpErrorInfo& info) {
    auto error = body.find("error");
    if (error == body.end()) {
        error = body.find("odata.error");
    }
    if (error == body.end()) {
        return false;
    }
    if (error->is_string()) {
        info.error_type = excerpt(error->get_ref<const std::string&>(), max_message_length);
        info.error_message = text_of(body, "error_description");
        return true;
    }
    if (!error->is_object()) {
        return false;
    }
    info.error_type = text_of(*error, "code");
    const auto message = error->find("message");
    if (message != error->end() && message->is_object()) {
        info.error_message = text_of(*message, "value");
    } else {
        info.error_message = text_of(*error, "message");
    }
    return true;
}

bool read_json_error(std::string_view body, HttpErrorInfo& info) {
    const json parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        return false;
    }
    if (read_epicor_error(parsed, info) || read_odata_error(parsed, info)) {
        return true;
    }
    // ASP.NET's default error object.
    info.error_message = text_of(parsed, "Message");
    if (info.error_message.empty()) {
        info.error_message = excerpt(body, max_message_length);
    }
    return true;
}

void append_entity(std::string& text, std::string_view entity) {
    if (entity == "amp") text += '&';
    else if (entity == "lt") text += '<';
    else if (entity == "gt") text += '>';
    else if (entity == "quot") text += '"';
    else if (entity == "apos" || entity == "#39") text += '\'';
    else if (entity == "nbsp") text += ' ';
    else text += "&" + std::string(entity) + ";";
}

// Text of an HTML or XML fragment: tags removed, `script` and `style`
// contents dropped, common entities decoded.
std::string strip_markup(std::string_view markup) {
    const std::string lower = lowercase(markup);
    std::string text;
    std::size_t pos = 0;
    while (pos < markup.size()) {
        const char c = markup[pos];
        if (c == '<') {
            const auto close = markup.find('>', pos);
            if (close == std::string_view::npos) {
                break;
            }
            const std::size_t tag_start = pos + 1;
            pos = close + 1;
            for (const char* hidden : {"script", "style"}) {
                if (lower.compare(tag_start, std::char_traits<char>::length(hidden), hidden) == 0) {
                    const auto end = lower.find(std::string("</") + hidden, pos);
                    pos = end == std::string::npos ? markup.size() : end;
                }
            }
            text += ' ';
        } else if (c == '&') {
            const auto semicolon = markup.find(';', pos);
            if (semicolon != std::string_view::npos && semicolon - pos <= 8) {
                append_entity(text, markup.substr(pos + 1, semicolon - pos - 1));
                pos = semicolon + 1;
            } else {
                text += c;
                ++pos;
            }
        } else {
            text += c;
            ++pos;
        }
    }
    return text;
}

std::string html_title(std::string_view html) {
    const std::string lower = lowercase(html);
    const auto open = lower.find("<title");
    if (open == std::string::npos) {
        return {};
    }
    const auto content = lower.find('>', open);
    const auto close = lower.find("</title", open);
    if (content == std::string::npos || close == std::string::npos || close < content) {
        return {};
    }
    return excerpt(strip_markup(html.substr(content + 1, close - content - 1)), max_message_length);
}

bool looks_like_markup(std::string_view content_type, std::string_view body) {
    const std::string type = lowercase(content_type);
    return type.find("html") != std::string::npos || type.find("xml") != std::string::npos ||
           (!body.empty() && body.front() == '<');
}

}  // namespace

HttpErrorInfo read_error_body(int status, std::string_view http_reason,
                              std::string_view content_type, std::string_view body) {
    HttpErrorInfo info;
    info.status = status;
    info.reason_phrase = excerpt(http_reason, max_message_length);

    const std::string_view trimmed = trim(body);
    if (trimmed.empty()) {
        return info;
    }
    const bool json_type = lowercase(content_type).find("json") != std::string::npos;
    if ((json_type || trimmed.front() == '{') && read_json_error(trimmed, info)) {
        return info;
    }
    if (looks_like_markup(content_type, trimmed)) {
        const std::string_view markup = trimmed.substr(0, max_markup_length);
        info.error_message = html_title(markup);
        if (info.error_message.empty()) {
            info.error_message = excerpt(strip_markup(markup), max_message_length);
        }
        return info;
    }
    info.error_message = excerpt(trimmed, max_message_length);
    return info;
}

}  // namespace epicor::odata
