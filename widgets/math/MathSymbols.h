// What TeX's control words and characters mean in math: code points, atom classes, alphabets,
// delimiters, accents and operator names.
#pragma once

#include <QString>

#include "widgets/math/MathAtom.h"

namespace lemma::widgets::math {

// The math alphabets of \mathbf, \mathbb, … (Unicode's Mathematical Alphanumeric Symbols).
enum class Alphabet { Italic, Roman, Bold, BoldItalic, Blackboard, Calligraphic, SansSerif };

struct Symbol {
    char32_t code = 0;
    AtomClass cls = AtomClass::Ord;
    bool large = false;   // a big operator (\sum, \int, …)
    bool limits = false;  // takes limits above and below in display style
};

// Responsibilities: the tables. Look-ups are by name without the backslash.
class MathSymbols {
public:
    // A control word that stands for one symbol (\alpha, \le, \sum, …); false when unknown.
    static bool symbol(const QString& name, Symbol* out);
    // A character typed in math (a letter, digit, `+`, `(`, …) in the given alphabet.
    static Symbol character(char32_t c, Alphabet alphabet);
    // A delimiter after \left, \right, \middle or \big: "(", "\\{", "\\langle", "." (0), …;
    // false when `token` is none.
    static bool delimiter(const QString& token, char32_t* code);
    // Operator names set in roman: \log, \max, … ; `limits` for those that take limits.
    static bool operatorName(const QString& name, QString* text, bool* limits);
    // Accents: \hat, \widehat, \vec, …
    static bool accent(const QString& name, char32_t* code, bool* wide);
    // Whether the math font lacks an alphabet: then letters are drawn from the text font.
    static char32_t plain(char32_t styled);
};

}  // namespace lemma::widgets::math
