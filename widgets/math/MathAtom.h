// The parsed form of a formula: lists of atoms in TeX's sense, before layout.
#pragma once

#include <QColor>
#include <QString>
#include <vector>

namespace lemma::widgets::math {

// TeX's atom classes; they decide the spacing between neighbours.
enum class AtomClass { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

enum class AtomKind {
    Symbol,        // one character (code)
    Group,         // a {…} group or any list in an atom (body)
    Fraction,      // body over denominator; \binom has delimiters and no bar
    Radical,       // √body, degree in `degree`
    Delimited,     // \left … \middle … \right: parts and delims
    BigDelimiter,  // \big( …: code at size `size`
    Accent,        // code over body (wide: stretch over it)
    Overline,
    Underline,
    Brace,  // \overbrace / \underbrace: code (the brace), body; labels are the limits
    Array,  // an environment: rows of cells
    Space,  // em (fixed) or mu (math units)
    Text,   // \text{…}
    Style,  // \displaystyle …: style level
};

struct MathAtom;
using MathList = std::vector<MathAtom>;

// One atom. Only the fields its kind uses are set.
struct MathAtom {
    AtomKind kind = AtomKind::Symbol;
    AtomClass cls = AtomClass::Ord;
    char32_t code = 0;
    bool italicText = false;  // a letter drawn from the text font's italic when the math font
                              // lacks the math-italic alphabet
    QString text;
    MathList body;
    MathList sup;
    MathList sub;
    bool hasSup = false;
    bool hasSub = false;
    // Operators: 1 \limits, -1 \nolimits, 0 as the operator says; large: grows in display.
    int limits = 0;
    bool large = false;
    // Fractions: the denominator, whether there is a bar, a forced style (-1: from context).
    MathList denominator;
    bool bar = true;
    int fractionStyle = -1;
    char32_t left = 0;
    char32_t right = 0;
    // Radicals.
    MathList degree;
    // \left…\right: delims.size() == parts.size() + 1; 0 is the null delimiter `.`.
    std::vector<MathList> parts;
    std::vector<char32_t> delims;
    // \big…: 1 big, 2 Big, 3 bigg, 4 Bigg.
    int size = 0;
    bool wide = false;
    // Arrays: the environment's name and its cells.
    QString environment;
    std::vector<std::vector<MathList>> rows;
    // Spaces.
    double em = 0;
    double mu = 0;
    // Style changes: 0 display, 1 text, 2 script, 3 scriptscript.
    int style = 1;
    // The colour of the atom and what it contains (invalid: the formula's colour).
    QColor color;
    // Where in the source the atom starts (0-based).
    int position = 0;
};

}  // namespace lemma::widgets::math
