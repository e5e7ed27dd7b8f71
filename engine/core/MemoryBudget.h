// The memory a cell may hold: a budget in bytes, checked before a large allocation so that an
// oversized request is an error naming it instead of a crash or a frozen machine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lemma {

// Responsibilities:
// - hold one run's budget and the heap in use when the run started (its baseline);
// - refuse a request when what the run already holds plus the request exceeds the budget,
//   with the message "zeros(1e6, 1e6): 7.3 TiB requested, budget 12 GiB";
// - the default budget (half of physical memory), and reading and writing sizes ("12G",
//   "7.3 TiB").
//
// What a run holds is measured, not counted: the growth of the process's resident memory since
// the run started (/proc/self/statm). Counting our own allocations would need a hook at every place a
// matrix is made, and would miss what Armadillo and LAPACK allocate inside a call. Measuring
// costs a few microseconds, so it is done only for requests of kMeasureFrom bytes or more;
// smaller requests are checked against the budget alone.
class MemoryBudget {
public:
    // Requests below this size do not measure the heap.
    static constexpr double kMeasureFrom = 64.0 * 1024 * 1024;

    // `bytes` 0 means the default budget.
    explicit MemoryBudget(std::uint64_t bytes = 0);

    std::uint64_t bytes() const { return m_bytes; }
    // Throws lemma::Error("<what>: <size> requested, budget <size>") (with "<size> already
    // held by this cell, " when that is why) when the request does not fit.
    void require(double bytes, std::string_view what) const;

    // Half of physical memory (at least 256 MiB; 4 GiB when it cannot be read).
    static std::uint64_t defaultBytes();
    // The process's resident memory now, in bytes (0 where it cannot be measured).
    static std::uint64_t heapInUse();
    // "12G", "512M", "1.5T", "64K", "1048576" (bytes): the size, or nothing when the text is
    // not a positive size with an optional K/M/G/T suffix (powers of 1024, case-insensitive,
    // an optional trailing "B" or "iB").
    static std::optional<std::uint64_t> parse(std::string_view text);
    // "7.3 TiB", "12 GiB", "512 MiB", "100 bytes": one decimal, none when it is .0.
    static std::string format(double bytes);

private:
    std::uint64_t m_bytes;
    std::uint64_t m_baseline;
};

}  // namespace lemma
