#include <epicor/connection_settings.hpp>

#include <epicor/error.hpp>
#include <epicor/property_catalog.hpp>

#include "config/text.hpp"
#include "config/value_parsing.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <stdexcept>
#include <utility>

namespace epicor {
namespace {

using config::Parsed;
using Settings = ConnectionSettings;

constexpr std::string_view kRedacted = "********";

// Everything a property's parser needs to read one value and report problems.
struct Input {
    const PropertyInfo& info;
    const ConnectionString::Entry& entry;
    std::vector<ConfigProblem>& problems;

    const std::string& value() const { return entry.value; }

    // Records a problem about the value. The value is quoted in the message
    // only when the property is not sensitive.
    void reject(const std::string& reason) const {
        std::string message = "invalid value";
        if (!info.sensitive) {
            message += " \"" + config::shorten_for_message(entry.value) + "\"";
        }
        problems.push_back({info.name, message + "; " + reason});
    }
};

using ApplyFunction = void (*)(Settings&, const Input&);
using FormatFunction = std::string (*)(const Settings&, const PropertyInfo&);

struct Binding {
    std::string_view name;
    ApplyFunction apply;
    FormatFunction format;
};

// --- Parsers and formatters by type ------------------------------------------

template <std::string Settings::*Field>
void apply_string(Settings& settings, const Input& input) {
    settings.*Field = input.value();
}

template <std::string Settings::*Field>
std::string format_string(const Settings& settings, const PropertyInfo& /*info*/) {
    return settings.*Field;
}

template <typename Enum, Enum Settings::*Field>
void apply_enum(Settings& settings, const Input& input) {
    const auto& allowed = input.info.allowed_values;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (config::equals_ignore_case(input.value(), allowed[i])) {
            settings.*Field = static_cast<Enum>(i);
            return;
        }
    }
    std::string list;
    for (const auto& value : allowed) {
        list += list.empty() ? value : ", " + value;
    }
    input.reject("expected one of " + list);
}

template <typename Enum, Enum Settings::*Field>
std::string format_enum(const Settings& settings, const PropertyInfo& info) {
    return info.allowed_values.at(static_cast<std::size_t>(settings.*Field));
}

template <typename Integer, Integer Settings::*Field>
void apply_integer(Settings& settings, const Input& input) {
    const auto parsed = config::parse_integer(input.value(), input.info.min_value, input.info.max_value);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.*Field = static_cast<Integer>(std::get<std::int64_t>(parsed));
}

template <typename Integer, Integer Settings::*Field>
std::string format_integer(const Settings& settings, const PropertyInfo& /*info*/) {
    return std::to_string(settings.*Field);
}

// For MaxRows and MaxLogFileCount, where -1 and 0 mean "no limit".
template <typename Integer, std::optional<Integer> Settings::*Field>
void apply_limit(Settings& settings, const Input& input) {
    const auto parsed = config::parse_integer(input.value(), input.info.min_value, input.info.max_value);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason + "; -1 or 0 means no limit");
        return;
    }
    const std::int64_t value = std::get<std::int64_t>(parsed);
    settings.*Field = value <= 0 ? std::nullopt : std::optional<Integer>(static_cast<Integer>(value));
}

template <typename Integer, std::optional<Integer> Settings::*Field>
std::string format_limit(const Settings& settings, const PropertyInfo& /*info*/) {
    const auto& value = settings.*Field;
    return value ? std::to_string(*value) : "-1";
}

template <std::chrono::seconds Settings::*Field>
void apply_seconds(Settings& settings, const Input& input) {
    const auto parsed =
        config::parse_integer(input.value(), input.info.min_value, input.info.max_value, "seconds");
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.*Field = std::chrono::seconds(std::get<std::int64_t>(parsed));
}

template <std::chrono::seconds Settings::*Field>
std::string format_seconds(const Settings& settings, const PropertyInfo& /*info*/) {
    return std::to_string((settings.*Field).count());
}

template <bool Settings::*Field>
void apply_boolean(Settings& settings, const Input& input) {
    const auto parsed = config::parse_boolean(input.value());
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.*Field = std::get<bool>(parsed);
}

template <bool Settings::*Field>
std::string format_boolean(const Settings& settings, const PropertyInfo& /*info*/) {
    return settings.*Field ? "true" : "false";
}

// --- Properties with their own rules -----------------------------------------

void apply_url(Settings& settings, const Input& input) {
    const auto parsed = config::parse_http_url(input.value(), /*allow_query=*/false);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        // A URL with user information may contain a password, so it is not echoed.
        if (input.value().find('@') != std::string::npos) {
            input.problems.push_back({input.info.name, "invalid URL; " + *reason});
        } else {
            input.reject(*reason);
        }
        return;
    }
    // Schemes are case-insensitive (RFC 3986 section 3.1), and the rest of
    // the library compares them in lower case.
    const std::string_view url = input.value();
    const std::size_t scheme_end = url.find("://");
    settings.url = config::to_lower_ascii(url.substr(0, scheme_end)) + std::string(url.substr(scheme_end));
}

// Strips the '/' that may surround an ERPInstance value.
std::string_view strip_slashes(std::string_view instance) {
    while (!instance.empty() && instance.front() == '/') {
        instance.remove_prefix(1);
    }
    while (!instance.empty() && instance.back() == '/') {
        instance.remove_suffix(1);
    }
    return instance;
}

// ERPInstance becomes one path segment of every request, so a value that
// would add or climb segments is rejected here, before any request.
void apply_erp_instance(Settings& settings, const Input& input) {
    const std::string_view instance = config::trim(strip_slashes(config::trim(input.value())));
    if (instance.empty()) {
        input.reject("expected the instance name, e.g. Kinetic; remove the property when the "
                     "server has no instance segment");
        return;
    }
    if (instance.find_first_of("/\\") != std::string_view::npos) {
        input.reject("the instance name is one path segment and must not contain '/' or '\\'; "
                     "put any path before it in URL, e.g. URL=https://host/path");
        return;
    }
    if (instance == "." || instance == "..") {
        input.reject("'.' and '..' are not instance names; set the name of the Kinetic "
                     "application, e.g. Kinetic");
        return;
    }
    settings.erp_instance = input.value();
}

// Percent-encodes every byte of a path segment except the unreserved
// characters of RFC 3986 section 2.3.
std::string encode_path_segment(std::string_view segment) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    encoded.reserve(segment.size());
    for (const char c : segment) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            encoded += c;
        } else {
            encoded += '%';
            encoded += kHex[byte >> 4U];
            encoded += kHex[byte & 0x0FU];
        }
    }
    return encoded;
}

void apply_callback_url(Settings& settings, const Input& input) {
    const auto parsed = config::parse_http_url(input.value(), /*allow_query=*/true);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason + ", e.g. http://localhost:33333");
        return;
    }
    settings.callback_url = input.value();
}

void apply_azure_ad_authority(Settings& settings, const Input& input) {
    const auto parsed = config::parse_http_url(input.value(), /*allow_query=*/false);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason + "; Azure AD's public cloud is https://login.microsoftonline.com");
        return;
    }
    // The token requests carry client secrets and codes, so plain http is
    // accepted only for a test server on this machine.
    const auto& parts = std::get<config::UrlParts>(parsed);
    if (parts.scheme == "http" && !config::is_loopback_host(parts.host)) {
        input.reject("Azure AD must be reached over https://; http:// is accepted only for a "
                     "loopback test server");
        return;
    }
    settings.azure_ad_authority = input.value();
}

struct KnownLicense {
    LicenseType type;
    std::string_view guid;
};

// License GUIDs Kinetic knows by name.
constexpr std::array<KnownLicense, 4> kKnownLicenses{{
    {LicenseType::default_license, "00000003-B615-4300-957B-34956697F040"},
    {LicenseType::web_service, "00000003-9439-4B30-A6F4-6D2FD4B9FD0F"},
    {LicenseType::web_service_shared, "00000003-231B-4E2B-9B47-13F87EA9A0A3"},
    {LicenseType::data_collection, "00000003-B8EB-40C4-8897-248CB30C5D47"},
}};

std::string upper_case_guid(std::string_view text) {
    if (text.size() == 38) {
        text = text.substr(1, 36);  // Drop the braces.
    }
    std::string guid(text);
    for (char& c : guid) {
        if (c >= 'a' && c <= 'f') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return guid;
}

void apply_license_type(Settings& settings, const Input& input) {
    const auto& allowed = input.info.allowed_values;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        if (config::equals_ignore_case(input.value(), allowed[i])) {
            settings.license_type = kKnownLicenses.at(i).type;
            settings.license_guid = std::string(kKnownLicenses.at(i).guid);
            return;
        }
    }
    if (config::is_guid(input.value())) {
        settings.license_guid = upper_case_guid(input.value());
        settings.license_type = LicenseType::custom;
        for (const auto& known : kKnownLicenses) {
            if (settings.license_guid == known.guid) {
                settings.license_type = known.type;
            }
        }
        return;
    }
    input.reject("expected Default, WebService, WebServiceShared, DataCollection, or a license GUID "
                 "such as 00000003-B615-4300-957B-34956697F040");
}

std::string format_license_type(const Settings& settings, const PropertyInfo& /*info*/) {
    if (!settings.license_type) {
        return {};
    }
    if (*settings.license_type == LicenseType::custom) {
        return settings.license_guid;
    }
    return std::string(to_string(*settings.license_type));
}

void apply_oauth_expires_in(Settings& settings, const Input& input) {
    const auto parsed =
        config::parse_integer(input.value(), input.info.min_value, input.info.max_value, "seconds");
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.oauth_expires_in = std::chrono::seconds(std::get<std::int64_t>(parsed));
}

std::string format_oauth_expires_in(const Settings& settings, const PropertyInfo& /*info*/) {
    return settings.oauth_expires_in ? std::to_string(settings.oauth_expires_in->count()) : std::string();
}

void apply_oauth_token_timestamp(Settings& settings, const Input& input) {
    const auto parsed = config::parse_integer(input.value(), input.info.min_value, input.info.max_value,
                                              "milliseconds since 1970-01-01T00:00:00Z");
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.oauth_token_timestamp_ms = std::get<std::int64_t>(parsed);
}

std::string format_oauth_token_timestamp(const Settings& settings, const PropertyInfo& /*info*/) {
    return settings.oauth_token_timestamp_ms ? std::to_string(*settings.oauth_token_timestamp_ms)
                                             : std::string();
}

void apply_max_log_file_size(Settings& settings, const Input& input) {
    const auto parsed = config::parse_byte_size(input.value(), input.info.min_value, input.info.max_value);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.max_log_file_size = std::get<std::int64_t>(parsed);
}

std::string format_max_log_file_size(const Settings& settings, const PropertyInfo& /*info*/) {
    return config::format_byte_size(settings.max_log_file_size);
}

void apply_max_response_size(Settings& settings, const Input& input) {
    const auto parsed = config::parse_byte_size(input.value(), input.info.min_value, input.info.max_value);
    if (const auto* reason = std::get_if<std::string>(&parsed)) {
        input.reject(*reason);
        return;
    }
    settings.max_response_size = std::get<std::int64_t>(parsed);
}

std::string format_max_response_size(const Settings& settings, const PropertyInfo& /*info*/) {
    return config::format_byte_size(settings.max_response_size);
}

void apply_proxy_exceptions(Settings& settings, const Input& input) {
    settings.proxy_exceptions.clear();
    std::string_view rest = input.value();
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find_first_of(";,"), rest.size());
        const std::string_view host = config::trim(rest.substr(0, end));
        if (!host.empty()) {
            settings.proxy_exceptions.emplace_back(host);
        }
        rest = end < rest.size() ? rest.substr(end + 1) : std::string_view();
    }
}

std::string format_proxy_exceptions(const Settings& settings, const PropertyInfo& /*info*/) {
    std::string text;
    for (const auto& host : settings.proxy_exceptions) {
        if (!text.empty()) {
            text += ';';
        }
        text += host;
    }
    return text;
}

// --- The binding of every catalog property to its member ---------------------

using S = Settings;

const std::vector<Binding>& bindings() {
    static const std::vector<Binding> table{
        {"URL", apply_url, format_string<&S::url>},
        {"ERPInstance", apply_erp_instance, format_string<&S::erp_instance>},
        {"Service", apply_string<&S::service>, format_string<&S::service>},
        {"ApiKey", apply_string<&S::api_key>, format_string<&S::api_key>},
        {"ApiVersion", apply_enum<ApiVersion, &S::api_version>, format_enum<ApiVersion, &S::api_version>},
        {"Company", apply_string<&S::company>, format_string<&S::company>},
        {"Plant", apply_string<&S::plant>, format_string<&S::plant>},
        {"LicenseType", apply_license_type, format_license_type},
        {"AuthScheme", apply_enum<AuthScheme, &S::auth_scheme>, format_enum<AuthScheme, &S::auth_scheme>},
        {"User", apply_string<&S::user>, format_string<&S::user>},
        {"Password", apply_string<&S::password>, format_string<&S::password>},
        {"AzureTenant", apply_string<&S::azure_tenant>, format_string<&S::azure_tenant>},
        {"AzureADAuthority", apply_azure_ad_authority, format_string<&S::azure_ad_authority>},
        {"InitiateOAuth", apply_enum<InitiateOAuth, &S::initiate_oauth>,
         format_enum<InitiateOAuth, &S::initiate_oauth>},
        {"OAuthClientId", apply_string<&S::oauth_client_id>, format_string<&S::oauth_client_id>},
        {"OAuthClientSecret", apply_string<&S::oauth_client_secret>, format_string<&S::oauth_client_secret>},
        {"OAuthAccessToken", apply_string<&S::oauth_access_token>, format_string<&S::oauth_access_token>},
        {"OAuthRefreshToken", apply_string<&S::oauth_refresh_token>, format_string<&S::oauth_refresh_token>},
        {"OAuthVerifier", apply_string<&S::oauth_verifier>, format_string<&S::oauth_verifier>},
        {"OAuthSettingsLocation", apply_string<&S::oauth_settings_location>,
         format_string<&S::oauth_settings_location>},
        {"CallbackURL", apply_callback_url, format_string<&S::callback_url>},
        {"Scope", apply_string<&S::scope>, format_string<&S::scope>},
        {"OAuthExpiresIn", apply_oauth_expires_in, format_oauth_expires_in},
        {"OAuthTokenTimestamp", apply_oauth_token_timestamp, format_oauth_token_timestamp},
        {"OAuthBearerToken", apply_enum<OAuthBearerToken, &S::oauth_bearer_token>,
         format_enum<OAuthBearerToken, &S::oauth_bearer_token>},
        {"OAuthJWTCert", apply_string<&S::oauth_jwt_cert>, format_string<&S::oauth_jwt_cert>},
        {"OAuthJWTCertType", apply_enum<OAuthJwtCertType, &S::oauth_jwt_cert_type>,
         format_enum<OAuthJwtCertType, &S::oauth_jwt_cert_type>},
        {"OAuthJWTCertPassword", apply_string<&S::oauth_jwt_cert_password>,
         format_string<&S::oauth_jwt_cert_password>},
        {"OAuthJWTCertSubject", apply_string<&S::oauth_jwt_cert_subject>,
         format_string<&S::oauth_jwt_cert_subject>},
        {"OAuthJWTAlgorithm", apply_enum<OAuthJwtAlgorithm, &S::oauth_jwt_algorithm>,
         format_enum<OAuthJwtAlgorithm, &S::oauth_jwt_algorithm>},
        {"SSLServerCert", apply_string<&S::ssl_server_cert>, format_string<&S::ssl_server_cert>},
        {"SSLInsecureSkipVerify", apply_boolean<&S::ssl_insecure_skip_verify>,
         format_boolean<&S::ssl_insecure_skip_verify>},
        {"AllowInsecureHttp", apply_boolean<&S::allow_insecure_http>, format_boolean<&S::allow_insecure_http>},
        {"ProxyServer", apply_string<&S::proxy_server>, format_string<&S::proxy_server>},
        {"ProxyPort", apply_integer<int, &S::proxy_port>, format_integer<int, &S::proxy_port>},
        {"ProxyUser", apply_string<&S::proxy_user>, format_string<&S::proxy_user>},
        {"ProxyPassword", apply_string<&S::proxy_password>, format_string<&S::proxy_password>},
        {"ProxyExceptions", apply_proxy_exceptions, format_proxy_exceptions},
        {"Timeout", apply_seconds<&S::timeout>, format_seconds<&S::timeout>},
        {"ConnectTimeout", apply_seconds<&S::connect_timeout>, format_seconds<&S::connect_timeout>},
        {"MaxRetries", apply_integer<int, &S::max_retries>, format_integer<int, &S::max_retries>},
        {"RetryTimeout", apply_seconds<&S::retry_timeout>, format_seconds<&S::retry_timeout>},
        {"Logfile", apply_string<&S::logfile>, format_string<&S::logfile>},
        {"Verbosity", apply_integer<int, &S::verbosity>, format_integer<int, &S::verbosity>},
        {"MaxLogFileSize", apply_max_log_file_size, format_max_log_file_size},
        {"MaxLogFileCount", apply_limit<int, &S::max_log_file_count>, format_limit<int, &S::max_log_file_count>},
        {"Pagesize", apply_integer<int, &S::pagesize>, format_integer<int, &S::pagesize>},
        {"MaxRows", apply_limit<std::int64_t, &S::max_rows>, format_limit<std::int64_t, &S::max_rows>},
        {"MaxResponseSize", apply_max_response_size, format_max_response_size},
        {"Other", apply_string<&S::other>, format_string<&S::other>},
        {"Readonly", apply_boolean<&S::readonly>, format_boolean<&S::readonly>},
    };
    return table;
}

// Returns the binding of a catalog property. A catalog entry without a
// binding is a bug in this file, which the config tests catch.
const Binding& binding_for(const PropertyInfo& info) {
    for (const auto& binding : bindings()) {
        if (binding.name == info.name) {
            return binding;
        }
    }
    throw std::logic_error("connection property " + info.name + " has no ConnectionSettings member");
}


// --- Reading entries -----------------------------------------------------------

bool follows_unquoted_secret(const std::vector<ConnectionString::Entry>& entries, std::size_t index) {
    if (index == 0) {
        return false;
    }
    const auto& previous = entries[index - 1];
    const PropertyInfo* info = PropertyCatalog::find(previous.name);
    return info != nullptr && info->sensitive && previous.quoting == ValueQuoting::none &&
           previous.position < entries[index].position;
}

void report_unknown(const std::vector<ConnectionString::Entry>& entries, std::size_t index,
                    std::vector<ConfigProblem>& problems) {
    const auto& entry = entries[index];
    const auto suggestion = PropertyCatalog::suggest(entry.name);
    const std::string advice = suggestion ? "did you mean " + *suggestion + "?"
                                          : "docs/connection-properties.md lists the known properties";

    // An unquoted secret that contains ';' splits into a second "property"
    // whose name is part of the secret, so that name is not repeated.
    if (follows_unquoted_secret(entries, index)) {
        const auto* previous = PropertyCatalog::find(entries[index - 1].name);
        problems.push_back({"connection string",
                            "unknown property at position " + std::to_string(entry.position) +
                                ", right after the unquoted value of " + previous->name +
                                "; if that value contains ';', enclose it in braces {...} or quotes, "
                                "otherwise " + advice});
        return;
    }

    problems.push_back({config::shorten_for_message(entry.name), "unknown property; " + advice});
}

// Returns the offset of the first control character other than tab (and CR
// and LF when `multiline`), or npos. Values end up in HTTP headers and file
// names, where CR, LF and NUL are unsafe.
std::size_t find_control_character(std::string_view value, bool multiline) {
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const bool allowed = c == '\t' || (multiline && (c == '\r' || c == '\n'));
        if (!allowed && config::is_control(c)) {
            return i;
        }
    }
    return std::string_view::npos;
}

// --- Rules that involve several properties -----------------------------------

void check_url_security(const Settings& settings, std::vector<ConfigProblem>& problems) {
    const auto parsed = config::parse_http_url(settings.url, /*allow_query=*/false);
    const auto* parts = std::get_if<config::UrlParts>(&parsed);
    if (parts == nullptr || parts->scheme != "http" || settings.allow_insecure_http ||
        config::is_loopback_host(parts->host)) {
        return;
    }
    problems.push_back({"URL", "an http:// URL to a host other than the loopback interface would send "
                               "credentials unencrypted; use https://, or set AllowInsecureHttp=true "
                               "to accept that risk"});
}

void check_sign_in(const Settings& settings, std::vector<ConfigProblem>& problems) {
    const std::string scheme = "AuthScheme=" + std::string(to_string(settings.auth_scheme));
    if (settings.auth_scheme == AuthScheme::basic || settings.auth_scheme == AuthScheme::token) {
        if (settings.user.empty()) {
            problems.push_back({"User", "missing; " + scheme + " needs User and Password"});
        }
        if (settings.password.empty()) {
            problems.push_back({"Password", "missing; " + scheme + " needs User and Password"});
        }
        return;
    }

    if (!settings.oauth_client_secret.empty() && !settings.oauth_jwt_cert.empty()) {
        problems.push_back({"OAuthClientSecret",
                            "set either OAuthClientSecret or OAuthJWTCert, not both"});
    }
    const std::string initiate = "InitiateOAuth=" + std::string(to_string(settings.initiate_oauth));
    if (settings.initiate_oauth == InitiateOAuth::off) {
        if (settings.oauth_access_token.empty() && settings.oauth_client_id.empty()) {
            problems.push_back({"OAuthAccessToken",
                                "missing; with " + scheme + " and " + initiate +
                                    " set OAuthAccessToken, or set OAuthClientId to run the sign-in "
                                    "procedures, or set InitiateOAuth=GETANDREFRESH"});
        }
        return;
    }
    if (settings.oauth_client_id.empty()) {
        problems.push_back({"OAuthClientId", "missing; " + scheme + " with " + initiate +
                                                 " needs the application (client) ID"});
    }
    if (settings.oauth_client_secret.empty() && settings.oauth_jwt_cert.empty()) {
        problems.push_back({"OAuthClientSecret", "missing; " + scheme + " with " + initiate +
                                                     " needs OAuthClientSecret or OAuthJWTCert"});
    }
}

void check_requirements(const Settings& settings, std::vector<ConfigProblem>& problems) {
    if (settings.url.empty()) {
        problems.push_back({"URL", "missing; set the server's address, e.g. URL=https://acme.epicorsaas.com"});
    } else {
        check_url_security(settings, problems);
    }
    if (settings.api_version == ApiVersion::v2 && settings.company.empty()) {
        problems.push_back({"Company", "missing; ApiVersion=v2 needs the company ID, e.g. Company=EPIC06"});
    }
    check_sign_in(settings, problems);
    if (!settings.proxy_user.empty() && settings.proxy_server.empty()) {
        problems.push_back({"ProxyUser", "has no effect without ProxyServer; set ProxyServer or remove ProxyUser"});
    }
    if (!settings.proxy_password.empty() && settings.proxy_user.empty()) {
        problems.push_back(
            {"ProxyPassword", "has no effect without ProxyUser; set ProxyUser or remove ProxyPassword"});
    }
}

std::string write_settings(const Settings& settings, bool redact) {
    const Settings defaults;
    std::string text;
    for (const auto& info : PropertyCatalog::all()) {
        const Binding& binding = binding_for(info);
        const std::string value = binding.format(settings, info);
        if (value == binding.format(defaults, info)) {
            continue;
        }
        if (!text.empty()) {
            text += ';';
        }
        text += info.name;
        text += '=';
        text += redact && info.sensitive ? std::string(kRedacted) : ConnectionString::quote_value(value);
    }
    return text;
}

}  // namespace

ConnectionSettings ConnectionSettings::parse(std::string_view connection_string) {
    return from(ConnectionString::parse(connection_string));
}

ConnectionSettings ConnectionSettings::from(const ConnectionString& connection_string) {
    ConnectionSettings settings;
    std::vector<ConfigProblem> problems;
    std::map<std::string, std::string> spelling_by_property;

    const auto& entries = connection_string.entries();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& entry = entries[i];
        const PropertyInfo* info = PropertyCatalog::find(entry.name);
        if (info == nullptr) {
            report_unknown(entries, i, problems);
            continue;
        }

        const auto [previous, inserted] = spelling_by_property.emplace(info->name, entry.name);
        if (!inserted) {
            problems.push_back({info->name, "set twice, as " + previous->second + " and " + entry.name +
                                                "; keep one of them"});
            continue;
        }
        if (entry.value.empty()) {
            continue;  // An empty value leaves the default.
        }
        const std::size_t control = find_control_character(entry.value, info->multiline);
        if (control != std::string_view::npos) {
            problems.push_back({info->name, "the value contains a control character at offset " +
                                                std::to_string(control) + "; remove it"});
            continue;
        }
        binding_for(*info).apply(settings, Input{*info, entry, problems});
    }

    // A property whose value was rejected stays at its default, so rules that
    // would call it missing or empty only repeat that problem.
    std::vector<ConfigProblem> requirement_problems;
    check_requirements(settings, requirement_problems);
    for (auto& problem : requirement_problems) {
        const bool already_reported =
            std::any_of(problems.begin(), problems.end(),
                        [&](const ConfigProblem& earlier) { return earlier.property == problem.property; });
        if (!already_reported) {
            problems.push_back(std::move(problem));
        }
    }
    if (!problems.empty()) {
        throw ConfigError(std::move(problems));
    }
    return settings;
}

std::string ConnectionSettings::to_string() const {
    return write_settings(*this, /*redact=*/false);
}

std::string ConnectionSettings::to_redacted_string() const {
    return write_settings(*this, /*redact=*/true);
}

std::string ConnectionSettings::base_url() const {
    std::string base = url;
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    const std::string_view instance = config::trim(strip_slashes(config::trim(erp_instance)));
    if (!instance.empty()) {
        base += '/';
        base += encode_path_segment(instance);
    }
    return base;
}

bool operator==(const ConnectionSettings& left, const ConnectionSettings& right) {
    // Each property's canonical text form is one-to-one with its member
    // value, so equal text means equal members.
    for (const auto& info : PropertyCatalog::all()) {
        const Binding& binding = binding_for(info);
        if (binding.format(left, info) != binding.format(right, info)) {
            return false;
        }
    }
    return true;
}

std::string_view to_string(ApiVersion value) noexcept {
    return value == ApiVersion::v2 ? "v2" : "v1";
}

std::string_view to_string(AuthScheme value) noexcept {
    switch (value) {
    case AuthScheme::basic: return "Basic";
    case AuthScheme::token: return "Token";
    case AuthScheme::azure_ad_openid: return "AzureADOpenID";
    }
    return "Basic";
}

std::string_view to_string(InitiateOAuth value) noexcept {
    switch (value) {
    case InitiateOAuth::off: return "OFF";
    case InitiateOAuth::get_and_refresh: return "GETANDREFRESH";
    case InitiateOAuth::refresh: return "REFRESH";
    }
    return "OFF";
}

std::string_view to_string(OAuthBearerToken value) noexcept {
    return value == OAuthBearerToken::access_token ? "AccessToken" : "IdToken";
}

std::string_view to_string(OAuthJwtCertType value) noexcept {
    switch (value) {
    case OAuthJwtCertType::pem_key_file: return "PEMKEY_FILE";
    case OAuthJwtCertType::pem_key_blob: return "PEMKEY_BLOB";
    case OAuthJwtCertType::pfx_file: return "PFXFILE";
    case OAuthJwtCertType::pfx_blob: return "PFXBLOB";
    }
    return "PEMKEY_FILE";
}

std::string_view to_string(OAuthJwtAlgorithm value) noexcept {
    return value == OAuthJwtAlgorithm::ps256 ? "PS256" : "RS256";
}

std::string_view to_string(LicenseType value) noexcept {
    switch (value) {
    case LicenseType::default_license: return "Default";
    case LicenseType::web_service: return "WebService";
    case LicenseType::web_service_shared: return "WebServiceShared";
    case LicenseType::data_collection: return "DataCollection";
    case LicenseType::custom: return "Custom";
    }
    return "Default";
}

}  // namespace epicor
