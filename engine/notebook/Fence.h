// Line splitting and fence recognition shared by the notebook reader and by cells that
// regenerate their own text: the CommonMark rules for fenced code blocks, narrowed to what
// a notebook needs.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace lemma::notebook {

// One line of a text: its content and its exact line ending ("\n", "\r\n", or "" for a last
// line without one). A lone "\r" is content, not a line ending.
struct TextLine {
    std::string_view content;
    std::string_view ending;
};

std::vector<TextLine> splitLines(std::string_view text);

// True for a line of only spaces and tabs (or nothing).
bool isBlank(std::string_view content);

// An opening fence: up to three spaces, then three or more backticks or tildes, then the
// info string. A backtick fence whose info string contains a backtick is no fence.
struct FenceOpening {
    char ch = '`';
    int length = 0;
    int indent = 0;
    std::string_view info;  // everything after the fence characters, untrimmed
};

std::optional<FenceOpening> openingFence(std::string_view content);

// True when `content` closes a fence of `length` characters `ch`: up to three spaces, at least
// `length` of `ch`, then only spaces and tabs.
bool closesFence(std::string_view content, char ch, int length);

// The length of the fence run `content` would be if it were a closing fence of `ch` (ignoring
// the length rule), or 0 when it is not of that form.
int closingRunLength(std::string_view content, char ch);

// True when the trimmed info string's first word is exactly `lemma`.
bool isLemmaInfo(std::string_view info);

std::string_view trimmed(std::string_view s);

}  // namespace lemma::notebook
