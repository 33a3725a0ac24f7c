#include "client/json_path.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <utility>

namespace epicor::detail {
namespace {

using json = nlohmann::json;

// Receives nlohmann's SAX events, follows the member names of the body, and
// copies the value at the wanted path as text. number_float events carry
// the number's original text, which is what keeps decimals exact.
class PathCapture {
public:
    explicit PathCapture(const std::vector<std::string>& path) : path_(path) {}

    bool null() { return scalar("null"); }
    bool boolean(bool value) { return scalar(value ? "true" : "false"); }
    bool number_integer(json::number_integer_t value) { return scalar(std::to_string(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return scalar(std::to_string(value)); }
    bool number_float(json::number_float_t /*value*/, const json::string_t& text) {
        return scalar(text);
    }
    bool string(json::string_t& value) { return scalar(json(value).dump()); }
    bool binary(json::binary_t& /*value*/) { return true; }  // never sent by the JSON parser

    bool start_object(std::size_t /*size*/) { return open(true); }
    bool start_array(std::size_t /*size*/) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        if (capturing()) {
            Level& level = capture_levels_.back();
            if (!level.first) {
                out_ += ',';
            }
            level.first = false;
            out_ += json(name).dump();
            out_ += ':';
        }
        frames_.back() = std::move(name);
        return true;
    }

    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& /*error*/) {
        return false;
    }

    bool found() const noexcept { return done_; }
    std::string take_text() { return std::move(out_); }

private:
    struct Level {
        bool is_array = false;
        bool first = true;
    };

    // A frame per open container: an object's current member name, or a
    // marker no member name can equal for an array.
    static constexpr const char* array_marker = "\x01[]";

    bool capturing() const noexcept { return !capture_levels_.empty(); }

    bool at_target() const { return !done_ && !capturing() && frames_ == path_; }

    // Writes the comma that separates array elements in the captured text.
    void separate() {
        Level& level = capture_levels_.back();
        if (level.is_array && !level.first) {
            out_ += ',';
        }
        level.first = false;
    }

    bool scalar(const std::string& text) {
        if (capturing()) {
            separate();
            out_ += text;
            return true;
        }
        if (at_target()) {
            out_ = text;
            done_ = true;
            return false;  // found: stop parsing
        }
        return true;
    }

    bool open(bool is_object) {
        if (capturing()) {
            separate();
            out_ += is_object ? '{' : '[';
            capture_levels_.push_back({!is_object, true});
        } else if (at_target()) {
            out_ = is_object ? "{" : "[";
            capture_levels_.push_back({!is_object, true});
        }
        frames_.emplace_back(is_object ? std::string() : std::string(array_marker));
        return true;
    }

    bool close() {
        frames_.pop_back();
        if (capturing()) {
            out_ += capture_levels_.back().is_array ? ']' : '}';
            capture_levels_.pop_back();
            if (!capturing()) {
                done_ = true;
                return false;  // the value is complete: stop parsing
            }
        }
        return true;
    }

    const std::vector<std::string>& path_;
    std::vector<std::string> frames_;
    std::vector<Level> capture_levels_;
    std::string out_;
    bool done_ = false;
};

}  // namespace

std::optional<std::string> find_json_text(std::string_view body,
                                          const std::vector<std::string>& path) {
    PathCapture capture(path);
    // sax_parse returns false when the handler stopped it, which it does as
    // soon as the value is complete, and also on a syntax error.
    static_cast<void>(json::sax_parse(body.begin(), body.end(), &capture));
    if (!capture.found()) {
        return std::nullopt;
    }
    return capture.take_text();
}

}  // namespace epicor::detail
