// A stand-in for a web browser in the Azure AD desktop-flow tests, started
// through the BROWSER environment variable. With AZURE_TEST_BROWSER_RECORD
// set, it writes its argument count and arguments to that file and exits.
// Otherwise it fetches argv[1] with libcurl and follows the redirects, as a
// browser does after the user signs in.

#include <curl/curl.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace {

std::size_t discard(char* /*data*/, std::size_t size, std::size_t count, void* /*user*/) {
    return size * count;
}

}  // namespace

int main(int argc, char** argv) {
    if (const char* record = std::getenv("AZURE_TEST_BROWSER_RECORD")) {
        std::ofstream out(record, std::ios::binary);
        out << argc << '\n';
        for (int i = 1; i < argc; ++i) {
            out << argv[i] << '\n';
        }
        return 0;
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: azure_test_browser URL\n");
        return 2;
    }

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    const CURLcode result = curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return result == CURLE_OK ? 0 : 1;
}
