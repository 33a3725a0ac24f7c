// Writes the catalog's Markdown property reference to the file named by the
// first argument, or to standard output without one.
// scripts/gen-property-docs.sh runs it to regenerate docs/connection-properties.md.

#include <epicor/property_catalog.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
    const std::string markdown = epicor::PropertyCatalog::to_markdown();
    if (argc < 2) {
        std::cout << markdown;
        return std::cout ? 0 : 1;
    }
    std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
    out << markdown;
    out.close();
    if (!out) {
        std::cerr << "gen_property_docs: cannot write " << argv[1] << "\n";
        return 1;
    }
    return 0;
}
