#include <epicor/testing/dataset.hpp>

#include <array>
#include <charconv>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace epicor::testing {
namespace {

// SplitMix64 (Sebastiano Vigna's public-domain mixer): a fixed, portable
// function, so row i is the same on every platform and run.
std::uint64_t mix(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Deterministic random numbers for one row: the n-th draw depends only on the
// seed, the row index and n.
class RowRandom {
public:
    RowRandom(std::uint64_t seed, std::size_t index) : state_(mix(seed ^ mix(static_cast<std::uint64_t>(index)))) {}

    std::uint64_t next() noexcept { return state_ = mix(state_); }
    std::uint64_t below(std::uint64_t bound) noexcept { return next() % bound; }

private:
    std::uint64_t state_;
};

// Civil date of a day count since 1970-01-01 (Howard Hinnant's
// civil_from_days algorithm).
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day) noexcept {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0));
}

std::string format_date(std::int64_t days_since_epoch, unsigned seconds_of_day, const char* offset) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    civil_from_days(days_since_epoch, year, month, day);
    std::array<char, 48> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02u:%02u:%02u%s", year, month, day,
                  seconds_of_day / 3600, seconds_of_day / 60 % 60, seconds_of_day % 60, offset);
    return buffer.data();
}

std::string format_guid(std::uint64_t high, std::uint64_t low) {
    high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // Version 4.
    low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // RFC 4122 variant.
    std::array<char, 40> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%08llx-%04llx-%04llx-%04llx-%012llx",
                  static_cast<unsigned long long>(high >> 32), static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                  static_cast<unsigned long long>(high & 0xFFFF), static_cast<unsigned long long>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
    return buffer.data();
}

std::shared_ptr<const EntityType> bench_row_type() {
    std::vector<Field> fields{
        {"Company", FieldType::String, false, 8, 0, 0},
        {"RowNum", FieldType::Int32, false, std::nullopt, 0, 0},
        {"ItemID", FieldType::String, false, 50, 0, 0},
        {"Description", FieldType::String, false, 100, 0, 0},
        {"Quantity", FieldType::Int32, false, std::nullopt, 0, 0},
        {"UnitPrice", FieldType::Decimal, false, std::nullopt, 18, 6},
        {"Weight", FieldType::Double, false, std::nullopt, 0, 0},
        {"Active", FieldType::Boolean, false, std::nullopt, 0, 0},
        {"DueDate", FieldType::DateTime, true, std::nullopt, 0, 0},
        {"ModifiedOn", FieldType::DateTimeOffset, false, std::nullopt, 0, 0},
        {"Discount", FieldType::Decimal, true, std::nullopt, 5, 2},
        {"SysRowID", FieldType::Guid, false, std::nullopt, 0, 0},
        {"SysRevID", FieldType::Int64, false, std::nullopt, 0, 0},
    };
    return std::make_shared<const EntityType>("BenchRow", std::move(fields),
                                              std::vector<std::string>{"Company", "RowNum"});
}

Row bench_row(std::uint64_t seed, std::size_t index) {
    static constexpr std::array<const char*, 8> kDescriptions{
        "Ball bearing", "Kugellager Größe", "六角ボルト", "Écrou à oreilles", "Tornillo de cabeza",
        "Zahnrad 🚀", "ステンレス継手", "Flat washer"};
    static constexpr std::array<const char*, 4> kOffsets{"Z", "+02:00", "-05:00", "+09:00"};
    RowRandom random(seed, index);
    Row row = Row::object();

    const std::size_t number = index + 1;
    std::array<char, 24> item{};
    std::snprintf(item.data(), item.size(), "ITEM-%07zu", number);

    row["Company"] = demo::kCompany;
    row["RowNum"] = static_cast<std::int64_t>(number);
    row["ItemID"] = item.data();
    row["Description"] = std::string(kDescriptions[random.below(kDescriptions.size())]) + " " +
                         std::to_string(random.below(1000));
    row["Quantity"] = static_cast<std::int64_t>(random.below(10000));

    std::array<char, 32> price{};
    std::snprintf(price.data(), price.size(), "%llu.%06llu", static_cast<unsigned long long>(random.below(100000)),
                  static_cast<unsigned long long>(random.below(1000000)));
    row["UnitPrice"] = price.data();
    // Multiples of 1/64 are exact in binary, so every platform prints the same digits.
    row["Weight"] = static_cast<double>(random.below(640000)) / 64.0;
    row["Active"] = random.below(4) != 0;

    const auto due_day = static_cast<std::int64_t>(18262 + random.below(3000));  // From 2020-01-01.
    row["DueDate"] = random.below(10) == 0 ? nlohmann::json(nullptr) : nlohmann::json(format_date(due_day, 0, ""));
    const auto modified_day = static_cast<std::int64_t>(19723 + random.below(700));  // From 2024-01-01.
    row["ModifiedOn"] = format_date(modified_day, static_cast<unsigned>(random.below(86400)),
                                    kOffsets[random.below(kOffsets.size())]);

    if (random.below(2) == 0) {
        row["Discount"] = nullptr;
    } else {
        std::array<char, 16> discount{};
        std::snprintf(discount.data(), discount.size(), "%llu.%02llu", static_cast<unsigned long long>(random.below(50)),
                      static_cast<unsigned long long>(random.below(100)));
        row["Discount"] = discount.data();
    }
    const std::uint64_t high = random.next();
    row["SysRowID"] = format_guid(high, random.next());
    row["SysRevID"] = 1;
    return row;
}

}  // namespace

std::shared_ptr<Dataset> make_generated_dataset(std::size_t row_count, std::uint64_t seed) {
    if (row_count > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
        throw std::invalid_argument("a generated dataset holds at most 2147483647 rows (RowNum is Int32), but " +
                                    std::to_string(row_count) + " were requested");
    }
    auto dataset = std::make_shared<Dataset>(demo::kCompany);
    dataset->add_service(generated::kService);
    dataset->add_table(generated::kService,
                       std::make_shared<GeneratedTable>(generated::kEntitySet, bench_row_type(), row_count,
                                                        [seed](std::size_t index) { return bench_row(seed, index); }));
    return dataset;
}

std::shared_ptr<Dataset> make_dataset(std::string_view spec) {
    if (spec == "demo") {
        return make_demo_dataset();
    }
    constexpr std::string_view kPrefix = "generated:";
    if (spec.substr(0, kPrefix.size()) == kPrefix) {
        std::string_view rest = spec.substr(kPrefix.size());
        const auto colon = rest.find(':');
        const std::string_view rows_text = rest.substr(0, colon);
        const std::string_view seed_text = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);

        std::size_t rows = 0;
        const auto rows_result = std::from_chars(rows_text.data(), rows_text.data() + rows_text.size(), rows);
        std::uint64_t seed = generated::kDefaultSeed;
        const bool seed_ok =
            colon == std::string_view::npos ||
            (!seed_text.empty() &&
             std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed).ptr ==
                 seed_text.data() + seed_text.size());
        if (!rows_text.empty() && rows_result.ec == std::errc() &&
            rows_result.ptr == rows_text.data() + rows_text.size() && seed_ok) {
            return make_generated_dataset(rows, seed);
        }
    }
    throw std::invalid_argument("unknown dataset '" + std::string(spec) +
                                "'; use demo, generated:ROWS or generated:ROWS:SEED (e.g. generated:1000000)");
}

}  // namespace epicor::testing
