// regexp's pattern matcher: a Pike virtual machine, linear in the text, that never recurses
// on it and polls for cancellation while it scans.
#pragma once

#include <bitset>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lemma::builtins {

// One match: positions (0-based byte offsets) of the whole match and of each group; a group
// that took no part in the match has -1 for both ends.
struct RegexMatch {
    std::vector<std::ptrdiff_t> begin;  // begin[0], end[0]: the whole match
    std::vector<std::ptrdiff_t> end;
};

// Responsibilities:
// - compile an ECMAScript-style pattern (literals, ., classes [..] with ranges and \d \w \s,
//   escapes, ^ $ \b \B, groups ( ) and (?: ), alternation, * + ? {m,n} and their lazy forms)
//   and refuse what it does not support (backreferences, lookaround) or what is too large,
//   with a message (std::invalid_argument);
// - find the leftmost match from a position with the priorities of a backtracking matcher
//   (leftmost alternative first, greedy or lazy repetition), in time proportional to the text
//   times the pattern, calling `poll` every few thousand characters (it may throw to cancel).
// Bytes are characters (UTF-8 text is matched byte by byte, as std::regex on std::string).
class Regex {
public:
    explicit Regex(std::string_view pattern);
    ~Regex();
    Regex(Regex&&) noexcept;
    Regex& operator=(Regex&&) noexcept;

    int groups() const { return m_groups; }
    // The leftmost match starting at `from` or later, or false. Successive searches share
    // their working memory and count their work together between polls (a text with a match
    // at every character makes many short searches), so a Regex is used by one thread.
    bool search(std::string_view text, std::size_t from, RegexMatch& match,
                const std::function<void()>& poll) const;

    // Past these a pattern is refused (a counted repetition multiplies its body).
    static constexpr std::size_t kMaxInstructions = 100000;
    static constexpr int kMaxNesting = 500;

    enum class Op {
        Char,
        Any,
        Class,
        Split,
        Jmp,
        Save,
        Bol,
        Eol,
        WordBoundary,
        NotWordBoundary,
        Match
    };
    struct Inst {
        Op op;
        int x = 0;  // Char: the byte; Class: the class; Split/Jmp: the (first) target; Save: slot
        int y = 0;  // Split: the second target
    };

private:
    struct Scratch;  // the machine's thread lists, captures and stack, kept between searches

    std::vector<Inst> m_program;
    mutable std::unique_ptr<Scratch> m_scratch;
    std::vector<std::bitset<256>> m_classes;
    int m_groups = 0;
};

}  // namespace lemma::builtins
