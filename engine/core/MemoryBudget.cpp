// The memory budget of a run (see MemoryBudget.h).
#include "engine/core/MemoryBudget.h"

#include <unistd.h>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/core/Error.h"

namespace lemma {

MemoryBudget::MemoryBudget(std::uint64_t bytes)
    : m_bytes(bytes == 0 ? defaultBytes() : bytes), m_baseline(heapInUse()) {}

void MemoryBudget::require(double bytes, std::string_view what) const {
    const double budget = static_cast<double>(m_bytes);
    if (!(bytes <= budget))
        throw Error(std::string(what) + ": " + format(bytes) + " requested, budget " +
                    format(budget));
    if (bytes < kMeasureFrom)
        return;
    const std::uint64_t now = heapInUse();
    const double held = now > m_baseline ? static_cast<double>(now - m_baseline) : 0.0;
    if (held + bytes > budget)
        throw Error(std::string(what) + ": " + format(bytes) + " requested, " + format(held) +
                    " already held by this cell, budget " + format(budget));
}

std::uint64_t MemoryBudget::defaultBytes() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return std::uint64_t{4} << 30;
    const std::uint64_t half = static_cast<std::uint64_t>(pages) * pageSize / 2;
    return std::max<std::uint64_t>(half, std::uint64_t{256} << 20);
}

std::uint64_t MemoryBudget::heapInUse() {
    // Resident memory, not glibc's mallinfo2: that walks every free chunk of the heap, which in
    // a notebook of many cells cost more than the cells themselves (once per run).
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    unsigned long size = 0;
    unsigned long resident = 0;
    const int read = std::fscanf(f, "%lu %lu", &size, &resident);
    std::fclose(f);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (read != 2 || pageSize <= 0)
        return 0;
    return static_cast<std::uint64_t>(resident) * static_cast<std::uint64_t>(pageSize);
}

std::optional<std::uint64_t> MemoryBudget::parse(std::string_view text) {
    std::string s(text);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    auto lowerEnds = [&](std::string_view suffix) {
        if (s.size() < suffix.size())
            return false;
        for (std::size_t i = 0; i < suffix.size(); ++i) {
            if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) !=
                suffix[i])
                return false;
        }
        return true;
    };
    if (lowerEnds("ib"))
        s.resize(s.size() - 2);
    else if (lowerEnds("b") && s.size() > 1 &&
             std::isalpha(static_cast<unsigned char>(s[s.size() - 2])))
        s.pop_back();
    double scale = 1.0;
    if (!s.empty()) {
        switch (std::tolower(static_cast<unsigned char>(s.back()))) {
            case 'k':
                scale = 1024.0;
                break;
            case 'm':
                scale = 1024.0 * 1024;
                break;
            case 'g':
                scale = 1024.0 * 1024 * 1024;
                break;
            case 't':
                scale = 1024.0 * 1024 * 1024 * 1024;
                break;
            default:
                break;
        }
        if (scale != 1.0)
            s.pop_back();
    }
    if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.'))
        return std::nullopt;
    std::size_t used = 0;
    double value = 0.0;
    try {
        value = std::stod(s, &used);
    } catch (...) {
        return std::nullopt;
    }
    const double bytes = std::floor(value * scale);
    if (used != s.size() || !std::isfinite(bytes) || bytes < 1.0 || bytes > 9.0e18)
        return std::nullopt;
    return static_cast<std::uint64_t>(bytes);
}

std::string MemoryBudget::format(double bytes) {
    static const char* const kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (!std::isfinite(bytes))
        return "an unbounded amount";
    if (bytes < 1024.0) {
        const long long n = std::llround(bytes);
        return std::to_string(n) + (n == 1 ? " byte" : " bytes");
    }
    int unit = -1;
    double x = bytes;
    while (x >= 1024.0 && unit < 5) {
        x /= 1024.0;
        ++unit;
    }
    char buffer[64];
    const double rounded = std::round(x * 10.0) / 10.0;
    if (rounded == std::floor(rounded))
        std::snprintf(buffer, sizeof buffer, "%.0f %s", rounded, kUnits[unit]);
    else
        std::snprintf(buffer, sizeof buffer, "%.1f %s", rounded, kUnits[unit]);
    return buffer;
}

}  // namespace lemma
