// Tests of the paging rules against a scripted server: page caps below the
// requested size, nextLink, MaxRows, the caller's top and skip. Each case
// checks that every row arrives exactly once and in order.

#include "client/pager.hpp"

#include <epicor/error.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using epicor::ApiVersion;
using epicor::QueryOptions;
using epicor::detail::Pager;
using epicor::odata::Page;

constexpr const char* collection = "https://kinetic.test/Live/api/v1/Erp.BO.PartSvc/Parts";

std::optional<std::int64_t> query_number(const std::string& url, const std::string& name) {
    const auto query = url.find('?');
    if (query == std::string::npos) {
        return std::nullopt;
    }
    const std::string key = name + "=";
    auto position = url.find(key, query);
    while (position != std::string::npos && url[position - 1] != '?' && url[position - 1] != '&') {
        position = url.find(key, position + 1);
    }
    if (position == std::string::npos) {
        return std::nullopt;
    }
    return std::stoll(url.substr(position + key.size()));
}

// A server with `rows` rows numbered 0..rows-1 that returns at most `cap`
// rows per response and, when `next_links` is set, a nextLink whenever it
// cut a page short.
struct ScriptedServer {
    std::int64_t rows = 0;
    std::int64_t cap = 1000;
    bool next_links = false;
    std::optional<std::int64_t> count;
    std::vector<std::string> urls;

    Page fetch(const std::string& url) {
        urls.push_back(url);
        const std::int64_t skip = query_number(url, "$skip").value_or(0);
        const std::int64_t top = query_number(url, "$top").value_or(100);
        const std::int64_t served = std::min(top, cap);
        Page page;
        page.fields = {"PartNum"};
        for (std::int64_t i = skip; i < rows && i < skip + served; ++i) {
            page.rows.push_back({epicor::Value(i)});
        }
        const auto sent = static_cast<std::int64_t>(page.rows.size());
        if (next_links && served < top && skip + sent < rows) {
            page.next_link = std::string(collection) + "?$top=" + std::to_string(top - sent) +
                             "&$skip=" + std::to_string(skip + sent);
        }
        page.count = count;
        return page;
    }
};

std::vector<std::int64_t> drain(Pager& pager) {
    std::vector<std::int64_t> seen;
    while (auto page = pager.next_page()) {
        for (const auto& row : page->rows) {
            seen.push_back(row.at(0).get<std::int64_t>());
        }
    }
    return seen;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> values;
    for (std::int64_t i = from; i < to; ++i) {
        values.push_back(i);
    }
    return values;
}

Pager make_pager(ScriptedServer& server, QueryOptions options, std::int64_t page_size,
                 std::optional<std::int64_t> max_rows = std::nullopt) {
    return Pager(collection, std::move(options), ApiVersion::v1, page_size, max_rows,
                 [&server](const std::string& url) { return server.fetch(url); });
}

TEST(Pager, UncappedServerReadsEveryRow) {
    ScriptedServer server;
    server.rows = 250;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 250));
    EXPECT_EQ(server.urls.size(), 3U);
}

TEST(Pager, CapBelowPageSizeReadsEveryRow) {
    ScriptedServer server;
    server.rows = 250;
    server.cap = 40;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 250));
    // Six pages of 40 rows and one of 10. Once the cap is known, the short
    // last page ends the scan without another request.
    EXPECT_EQ(server.urls.size(), 7U);
}

TEST(Pager, CapDividingRowCountProbesOnce) {
    ScriptedServer server;
    server.rows = 120;
    server.cap = 40;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 120));
    EXPECT_EQ(server.urls.size(), 4U);
}

TEST(Pager, SmallResultProbesOnce) {
    ScriptedServer server;
    server.rows = 5;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 5));
    EXPECT_EQ(server.urls.size(), 2U);
    EXPECT_EQ(query_number(server.urls[1], "$skip"), 5);
}

TEST(Pager, EmptyResult) {
    ScriptedServer server;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_TRUE(drain(pager).empty());
    EXPECT_EQ(server.urls.size(), 1U);
}

TEST(Pager, CallerTopStopsWithoutProbe) {
    ScriptedServer server;
    server.rows = 500;
    QueryOptions options;
    options.top = 30;
    Pager pager = make_pager(server, options, 100);

    EXPECT_EQ(drain(pager), range(0, 30));
    ASSERT_EQ(server.urls.size(), 1U);
    EXPECT_EQ(query_number(server.urls[0], "$top"), 30);
}

TEST(Pager, TopAcrossCappedPages) {
    ScriptedServer server;
    server.rows = 500;
    server.cap = 40;
    QueryOptions options;
    options.top = 130;
    options.skip = 7;
    Pager pager = make_pager(server, options, 100);

    EXPECT_EQ(drain(pager), range(7, 137));
}

TEST(Pager, MaxRowsBelowTop) {
    ScriptedServer server;
    server.rows = 500;
    server.cap = 50;
    QueryOptions options;
    options.top = 300;
    Pager pager = make_pager(server, options, 100, 120);

    EXPECT_EQ(drain(pager), range(0, 120));
    EXPECT_EQ(pager.rows_delivered(), 120);
}

TEST(Pager, FollowsNextLinkWithinWindow) {
    ScriptedServer server;
    server.rows = 250;
    server.cap = 30;
    server.next_links = true;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 250));
    bool followed = false;
    for (const auto& url : server.urls) {
        followed = followed || url.find("$top=70") != std::string::npos;
    }
    EXPECT_TRUE(followed);
}

TEST(Pager, CountEndsScanWithoutProbe) {
    ScriptedServer server;
    server.rows = 5;
    server.count = 5;
    QueryOptions options;
    options.count = true;
    Pager pager = make_pager(server, options, 100);

    EXPECT_EQ(drain(pager), range(0, 5));
    EXPECT_EQ(server.urls.size(), 1U);
    EXPECT_EQ(pager.total_count(), 5);
    EXPECT_NE(server.urls[0].find("$inlinecount=allpages"), std::string::npos) << server.urls[0];
}

TEST(Pager, RepeatedNextLinkThrows) {
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [](const std::string& url) {
        Page page;
        page.fields = {"PartNum"};
        page.rows.push_back({epicor::Value(1)});
        page.next_link = url;
        return page;
    });

    EXPECT_TRUE(pager.next_page().has_value());
    EXPECT_THROW(pager.next_page(), epicor::DataError);
}

TEST(Pager, ForeignNextLinkThrows) {
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [](const std::string&) {
        Page page;
        page.fields = {"PartNum"};
        page.rows.push_back({epicor::Value(1)});
        page.next_link = "https://elsewhere.test/Live/api/v1/Erp.BO.PartSvc/Parts?$skip=1";
        return page;
    });

    EXPECT_TRUE(pager.next_page().has_value());
    EXPECT_THROW(pager.next_page(), epicor::DataError);
}

TEST(Pager, RelativeNextLinkResolved) {
    std::vector<std::string> urls;
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [&](const std::string& url) {
        urls.push_back(url);
        Page page;
        page.fields = {"PartNum"};
        if (urls.size() == 1) {
            page.rows.push_back({epicor::Value(1)});
            page.next_link = "Parts?$skip=1";
        }
        return page;
    });

    while (pager.next_page()) {
    }
    ASSERT_GE(urls.size(), 2U);
    EXPECT_EQ(urls[1], "https://kinetic.test/Live/api/v1/Erp.BO.PartSvc/Parts?$skip=1");
}

// A server that ignores $skip and $top sends its first rows for every
// request, so a scan that only looks at page sizes never ends.
TEST(Pager, IgnoredSkipThrows) {
    for (const std::int64_t rows : {1, 3}) {
        SCOPED_TRACE("rows per page: " + std::to_string(rows));
        std::vector<std::string> urls;
        Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [&](const std::string& url) {
            urls.push_back(url);
            if (urls.size() > 10) {
                throw std::runtime_error("the scan did not stop at the repeated page");
            }
            Page page;
            page.fields = {"PartNum"};
            for (std::int64_t i = 0; i < rows; ++i) {
                page.rows.push_back({epicor::Value(i)});
            }
            return page;
        });

        const auto first = pager.next_page();
        ASSERT_TRUE(first.has_value());
        EXPECT_EQ(first->rows.size(), static_cast<std::size_t>(rows));
        try {
            pager.next_page();
            ADD_FAILURE() << "a repeated page was delivered";
        } catch (const epicor::DataError& error) {
            EXPECT_NE(std::string(error.what()).find("ignores $skip"), std::string::npos)
                << error.what();
        }
        EXPECT_EQ(urls.size(), 2U);
        EXPECT_EQ(pager.rows_delivered(), rows);
        EXPECT_TRUE(pager.exhausted());
    }
}

TEST(Pager, NextLinkWithNewQuerySamePageThrows) {
    std::vector<std::string> urls;
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [&](const std::string& url) {
        urls.push_back(url);
        if (urls.size() > 10) {
            throw std::runtime_error("the scan did not stop at the repeated page");
        }
        Page page;
        page.fields = {"PartNum"};
        page.rows.push_back({epicor::Value(1)});
        page.rows.push_back({epicor::Value(2)});
        page.next_link = "Parts?$skiptoken=" + std::to_string(urls.size());
        return page;
    });

    EXPECT_TRUE(pager.next_page().has_value());
    EXPECT_THROW(pager.next_page(), epicor::DataError);
    EXPECT_EQ(urls.size(), 2U);
    EXPECT_EQ(pager.rows_delivered(), 2);
}

// Pages of one size that carry new rows do not look repeated.
TEST(Pager, DistinctPagesOfSameSizeContinue) {
    ScriptedServer server;
    server.rows = 9;
    server.cap = 3;
    Pager pager = make_pager(server, {}, 100);

    EXPECT_EQ(drain(pager), range(0, 9));
}

TEST(Pager, SchemeRelativeNextLinkThrows) {
    std::vector<std::string> urls;
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [&](const std::string& url) {
        urls.push_back(url);
        Page page;
        page.fields = {"PartNum"};
        page.rows.push_back({epicor::Value(static_cast<std::int64_t>(urls.size()))});
        page.next_link = "//elsewhere.test:8080/stolen";
        return page;
    });

    EXPECT_TRUE(pager.next_page().has_value());
    try {
        pager.next_page();
        ADD_FAILURE() << "the scheme-relative nextLink was followed";
    } catch (const epicor::DataError& error) {
        EXPECT_NE(std::string(error.what()).find("https://elsewhere.test:8080"), std::string::npos)
            << error.what();
    }
    EXPECT_EQ(urls.size(), 1U);
}

TEST(Pager, SchemeRelativeNextLinkSameServerFollowed) {
    std::vector<std::string> urls;
    Pager pager(collection, {}, ApiVersion::v1, 100, std::nullopt, [&](const std::string& url) {
        urls.push_back(url);
        Page page;
        page.fields = {"PartNum"};
        if (urls.size() == 1) {
            page.rows.push_back({epicor::Value(1)});
            page.next_link = "//kinetic.test/Live/api/v1/Erp.BO.PartSvc/Parts?$skip=1";
        }
        return page;
    });

    while (pager.next_page()) {
    }
    ASSERT_GE(urls.size(), 2U);
    EXPECT_EQ(urls[1], "https://kinetic.test/Live/api/v1/Erp.BO.PartSvc/Parts?$skip=1");
}

TEST(Pager, ZeroTopSendsNothing) {
    ScriptedServer server;
    server.rows = 10;
    QueryOptions options;
    options.top = 0;
    Pager pager = make_pager(server, options, 100);

    EXPECT_TRUE(drain(pager).empty());
    EXPECT_TRUE(server.urls.empty());
}

}  // namespace
