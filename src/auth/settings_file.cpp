#include "auth/settings_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace epicor::auth {
namespace {

using Kind = TokenStoreFileError::Kind;
using std::chrono::milliseconds;
using std::chrono::system_clock;

constexpr std::string_view magic_prefix = "epicor-oauth-settings v";
constexpr int current_version = 1;
constexpr std::string_view client_id_prefix = "client-id: ";
constexpr std::string_view key_prefix = "key: ";

// Time points are stored as Unix epoch milliseconds. This bound keeps the
// conversion to system_clock's own unit from overflowing: libstdc++ counts
// nanoseconds in 64 bits, which ends in the year 2262.
constexpr std::int64_t max_epoch_milliseconds =
    std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::duration::max())
        .count() -
    1;

std::string header_text(std::string_view client_id, TokenStoreKey::Kind key_kind) {
    std::string header(magic_prefix);
    header += std::to_string(current_version);
    header += '\n';
    header += client_id_prefix;
    header += client_id;
    header += '\n';
    header += key_prefix;
    header += to_string(key_kind);
    header += '\n';
    return header;
}

[[noreturn]] void throw_corrupt(const SettingsFileContext& context, const std::string& detail) {
    throw TokenStoreFileError(Kind::corrupt, context.path,
                              "the OAuth settings file " + context.path + " is corrupt or truncated (" +
                                  detail + "); delete it and authorize again");
}

// Splits on "\n" and drops one "\r" before each, so a file that passed
// through a Windows editor still reads.
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return lines;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// Returns the client id as written when it is short and plain enough to
// quote in a message. Other text is not quoted, because a changed file must
// not put arbitrary text into errors.
std::string quotable_client_id(std::string_view client_id) {
    if (client_id.empty() || client_id.size() > 64) {
        return "another client id";
    }
    for (const char c : client_id) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        if (!plain) {
            return "another client id";
        }
    }
    return "client id " + std::string(client_id);
}

// Checks that the first line names a format version this code reads.
void check_version(std::string_view first_line, const SettingsFileContext& context) {
    if (!starts_with(first_line, magic_prefix)) {
        throw TokenStoreFileError(
            Kind::not_settings_file, context.path,
            context.path + " is not an OAuth settings file written by this library (its first line "
                           "is not \"epicor-oauth-settings v1\"). If another program such as a "
                           "CData connector wrote it, set OAuthSettingsLocation to a new path; "
                           "otherwise delete it and authorize again");
    }
    const std::string_view digits = first_line.substr(magic_prefix.size());
    if (digits.empty() || digits.size() > 6 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        throw_corrupt(context, "the format version on the first line is not a number");
    }
    const int version = std::stoi(std::string(digits));
    if (version > current_version) {
        throw TokenStoreFileError(
            Kind::future_version, context.path,
            "the OAuth settings file " + context.path + " has format version " +
                std::to_string(version) + ", written by a newer version of the library, and this "
                "version reads only version " + std::to_string(current_version) +
                "; upgrade the library, or delete the file and authorize again");
    }
    if (version < current_version) {
        throw_corrupt(context, "format version " + std::to_string(version) + " does not exist");
    }
}

void check_client_and_key(std::string_view client_line, std::string_view key_line,
                          const SettingsFileContext& context) {
    if (!starts_with(client_line, client_id_prefix)) {
        throw_corrupt(context, "the second line is not \"client-id: ...\"");
    }
    if (!starts_with(key_line, key_prefix)) {
        throw_corrupt(context, "the third line is not \"key: ...\"");
    }

    const std::string_view file_client_id = client_line.substr(client_id_prefix.size());
    if (file_client_id != context.client_id) {
        throw TokenStoreFileError(
            Kind::other_client, context.path,
            "the OAuth settings file " + context.path + " contains tokens of OAuth " +
                quotable_client_id(file_client_id) + ", but this connection uses client id " +
                context.client_id + "; set OAuthSettingsLocation to another file for this client, "
                "or delete it and authorize again");
    }

    const std::string_view file_key_kind = key_line.substr(key_prefix.size());
    if (file_key_kind == to_string(context.key_kind)) {
        return;
    }
    for (const auto kind : {TokenStoreKey::Kind::client_secret, TokenStoreKey::Kind::private_key,
                            TokenStoreKey::Kind::client_id_only}) {
        if (file_key_kind == to_string(kind)) {
            throw TokenStoreFileError(
                Kind::other_key_kind, context.path,
                "the OAuth settings file " + context.path + " was encrypted with a key of kind " +
                    to_string(kind) + ", but this connection supplies " +
                    to_string(context.key_kind) + " (client-secret: OAuthClientSecret, "
                    "private-key: OAuthJWTCert); connect with the credential that wrote it, or "
                    "delete the file and authorize again");
        }
    }
    throw_corrupt(context, "the key kind on the third line is unknown");
}

std::int64_t to_epoch_milliseconds(system_clock::time_point time) {
    return std::chrono::duration_cast<milliseconds>(time.time_since_epoch()).count();
}

std::string read_string(const nlohmann::json& object, const char* name,
                        const SettingsFileContext& context) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        return {};
    }
    if (!found->is_string()) {
        throw_corrupt(context, std::string("field ") + name + " is not a string");
    }
    return found->get<std::string>();
}

system_clock::time_point read_time(const nlohmann::json& object, const char* name,
                                   const SettingsFileContext& context) {
    const auto found = object.find(name);
    if (found == object.end() || found->is_null()) {
        return {};
    }
    std::int64_t value = 0;
    if (found->is_number_unsigned()) {
        const auto unsigned_value = found->get<std::uint64_t>();
        if (unsigned_value > static_cast<std::uint64_t>(max_epoch_milliseconds)) {
            throw_corrupt(context, std::string("field ") + name + " is out of range");
        }
        value = static_cast<std::int64_t>(unsigned_value);
    } else if (found->is_number_integer()) {
        value = found->get<std::int64_t>();
    } else {
        throw_corrupt(context, std::string("field ") + name + " is not an integer");
    }
    if (value > max_epoch_milliseconds || value < -max_epoch_milliseconds) {
        throw_corrupt(context, std::string("field ") + name + " is out of range");
    }
    return system_clock::time_point(
        std::chrono::duration_cast<system_clock::duration>(milliseconds(value)));
}

// Overwrites the strings inside a parsed or built JSON document before it
// is destroyed.
void cleanse_json(nlohmann::json& value) noexcept {
    if (value.is_string()) {
        cleanse(value.get_ref<std::string&>());
    } else if (value.is_structured()) {
        for (auto& element : value) {
            cleanse_json(element);
        }
    }
}

struct JsonCleanser {
    nlohmann::json& value;
    ~JsonCleanser() { cleanse_json(value); }
};

}  // namespace

std::string encode_settings_file(const OAuthTokens& tokens, const SettingsFileContext& context) {
    // Only these fields are ever written.
    nlohmann::json object = {
        {"access_token", tokens.access_token},
        {"id_token", tokens.id_token},
        {"refresh_token", tokens.refresh_token},
        {"expires_at", to_epoch_milliseconds(tokens.expires_at)},
        {"token_type", tokens.token_type},
        {"scope", tokens.scope},
        {"client_id", tokens.client_id},
        {"tenant", tokens.tenant},
        {"issued_at", to_epoch_milliseconds(tokens.issued_at)},
    };
    const JsonCleanser object_cleanser{object};
    const SecretBytes plaintext(object.dump());

    const std::string header = header_text(context.client_id, context.key_kind);
    return header + encode_base64(seal(context.key, plaintext.str(), header)) + "\n";
}

OAuthTokens decode_settings_file(std::string_view text, const SettingsFileContext& context) {
    if (text.size() > max_settings_file_size) {
        throw_corrupt(context, "larger than " + std::to_string(max_settings_file_size) + " bytes");
    }
    const std::vector<std::string_view> lines = split_lines(text);
    if (lines.empty()) {
        throw_corrupt(context, "the file is empty");
    }
    check_version(lines[0], context);
    if (lines.size() < 4) {
        throw_corrupt(context, "fewer than four lines");
    }
    if (lines.size() > 5 || (lines.size() == 5 && !lines[4].empty())) {
        throw_corrupt(context, "text after the encrypted payload");
    }
    check_client_and_key(lines[1], lines[2], context);

    const std::optional<std::string> sealed = decode_base64(lines[3]);
    if (!sealed) {
        throw_corrupt(context, "the payload line is not valid base64");
    }
    if (sealed->size() < settings_nonce_size + settings_tag_size) {
        throw_corrupt(context, "the payload is shorter than a nonce and a tag");
    }

    const std::optional<SecretBytes> plaintext =
        unseal(context.key, *sealed, header_text(context.client_id, context.key_kind));
    if (!plaintext) {
        throw TokenStoreFileError(
            Kind::decrypt_failed, context.path,
            "the OAuth settings file " + context.path + " cannot be decrypted: it was written "
            "with another client secret or certificate, or it was changed or truncated after it "
            "was written. Delete it and authorize again, or connect with the credentials that "
            "wrote it");
    }

    nlohmann::json object = nlohmann::json::parse(plaintext->str(), nullptr, false);
    const JsonCleanser object_cleanser{object};
    if (!object.is_object()) {
        throw_corrupt(context, "the decrypted content is not a JSON object");
    }

    OAuthTokens tokens;
    tokens.access_token = read_string(object, "access_token", context);
    tokens.id_token = read_string(object, "id_token", context);
    tokens.refresh_token = read_string(object, "refresh_token", context);
    tokens.expires_at = read_time(object, "expires_at", context);
    tokens.token_type = read_string(object, "token_type", context);
    tokens.scope = read_string(object, "scope", context);
    tokens.client_id = read_string(object, "client_id", context);
    tokens.tenant = read_string(object, "tenant", context);
    tokens.issued_at = read_time(object, "issued_at", context);
    return tokens;
}

}  // namespace epicor::auth
