// A program outside the project that uses the library through its public
// headers only. It exits 0 when the library links and behaves.
#include <epicor/epicor.hpp>

#include <cstring>
#include <iostream>

int main() {
    if (std::strlen(epicor::version_string) == 0) {
        std::cerr << "empty version string\n";
        return 1;
    }
    try {
        throw epicor::ConfigError("URL", "missing");
    } catch (const epicor::Error& error) {
        if (std::strstr(error.what(), "URL") == nullptr) {
            std::cerr << "unexpected message: " << error.what() << "\n";
            return 1;
        }
    }
    std::cout << "epicor " << epicor::version_string << " OK\n";
    return 0;
}
