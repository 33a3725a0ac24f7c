// Fuzzes the connection-string parser and ConnectionSettings validation.
// Any exception other than epicor::ConfigError, a crash, a sanitizer report
// or a broken round trip is a finding.

#include <epicor/connection_settings.hpp>
#include <epicor/connection_string.hpp>
#include <epicor/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void check(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void fuzz_grammar(std::string_view text) {
    epicor::ConnectionString parsed;
    try {
        parsed = epicor::ConnectionString::parse(text);
    } catch (const epicor::ConfigError& error) {
        check(!error.problems().empty());
        return;
    }

    // Writing the entries out and reading them back must give the same pairs.
    const auto reparsed = epicor::ConnectionString::parse(parsed.to_string());
    check(reparsed.size() == parsed.size());
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        check(reparsed.entries()[i].name == parsed.entries()[i].name);
        check(reparsed.entries()[i].value == parsed.entries()[i].value);
    }
    (void)parsed.to_redacted_string();
}

void fuzz_settings(std::string_view text) {
    epicor::ConnectionSettings settings;
    try {
        settings = epicor::ConnectionSettings::parse(text);
    } catch (const epicor::ConfigError& error) {
        check(!error.problems().empty());
        return;
    }

    // Valid settings written out must read back to equal settings.
    check(epicor::ConnectionSettings::parse(settings.to_string()) == settings);
    (void)settings.to_redacted_string();
    (void)settings.base_url();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);  // libFuzzer passes raw bytes
    fuzz_grammar(text);
    fuzz_settings(text);
    return 0;
}
