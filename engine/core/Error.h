// The engine's error type: a message for a person, and where in the cell it happened.
#pragma once

#include <stdexcept>
#include <string>

namespace lemma {

// A position in a cell's source, 1-based; line 0 means "no position known".
struct SourcePos {
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
    friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

// Thrown by the language, the builtins and the mathematics for anything a user can act on.
// The message names what is wrong ("dimension mismatch: 3×2 * 3×2"); the position is filled in
// by the innermost piece of code that knows it (the interpreter fills it for builtins).
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, SourcePos pos = {})
        : std::runtime_error(message), m_pos(pos) {}

    const SourcePos& pos() const { return m_pos; }
    void setPosIfUnknown(SourcePos pos) {
        if (!m_pos.known())
            m_pos = pos;
    }

private:
    SourcePos m_pos;
};

// Thrown when a run is cancelled; never shown as an error of the cell's own making.
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

}  // namespace lemma
