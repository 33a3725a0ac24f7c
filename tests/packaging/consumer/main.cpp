// A program outside the project that uses the library through its public
// headers only. It exits 0 when the library links and behaves.
#include <epicor/epicor.hpp>

#include <cstring>
#include <iostream>
#include <string>

namespace {

bool check(bool condition, const char* description) {
    if (!condition) {
        std::cerr << "consumer check failed: " << description << "\n";
    }
    return condition;
}

}  // namespace

int main() {
    bool ok = check(std::strlen(epicor::version_string) > 0, "version string is set");

    const auto settings = epicor::ConnectionSettings::parse(
        "URL=https://erp.example.com;ERPInstance=Kinetic;User=manager;Password=s3cret-value");
    ok &= check(settings.to_redacted_string().find("s3cret-value") == std::string::npos,
                "redacted string hides the password");

    try {
        epicor::connect("URL=not a url;Passwrod=x");
        ok &= check(false, "connect rejects a malformed connection string");
    } catch (const epicor::ConfigError& error) {
        ok &= check(std::strstr(error.what(), "Password") != nullptr,
                    "the error suggests the nearest property name");
    }

    const auto price = epicor::Decimal::parse("12345678901234567890123456.78");
    ok &= check(price.to_string() == "12345678901234567890123456.78", "decimal keeps every digit");

    if (ok) {
        std::cout << "epicor " << epicor::version_string << " OK\n";
    }
    return ok ? 0 : 1;
}
