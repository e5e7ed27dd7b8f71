// The symbol tables (see MathSymbols.h).
#include "widgets/math/MathSymbols.h"

#include <QHash>

namespace lemma::widgets::math {

namespace {

using C = AtomClass;

struct Entry {
    const char* name;
    char32_t code;
    AtomClass cls;
    bool large = false;
    bool limits = false;
};

// Lower-case Greek in math italic, in alphabet order from U+1D6FC (α).
const char* const kGreek[] = {
    "alpha", "beta",   "gamma",   "delta",  "varepsilon", "zeta",    "eta",  "theta", "iota",
    "kappa", "lambda", "mu",      "nu",     "xi",         "omicron", "pi",   "rho",   "varsigma",
    "sigma", "tau",    "upsilon", "varphi", "chi",        "psi",     "omega"};

const Entry kSymbols[] = {
    // Greek variants and capitals (capitals upright, as in TeX).
    {"epsilon", 0x1D716, C::Ord},
    {"vartheta", 0x1D717, C::Ord},
    {"varkappa", 0x1D718, C::Ord},
    {"phi", 0x1D719, C::Ord},
    {"varrho", 0x1D71A, C::Ord},
    {"varpi", 0x1D71B, C::Ord},
    {"Gamma", 0x0393, C::Ord},
    {"Delta", 0x0394, C::Ord},
    {"Theta", 0x0398, C::Ord},
    {"Lambda", 0x039B, C::Ord},
    {"Xi", 0x039E, C::Ord},
    {"Pi", 0x03A0, C::Ord},
    {"Sigma", 0x03A3, C::Ord},
    {"Upsilon", 0x03A5, C::Ord},
    {"Phi", 0x03A6, C::Ord},
    {"Psi", 0x03A8, C::Ord},
    {"Omega", 0x03A9, C::Ord},
    // Ordinary symbols.
    {"nabla", 0x2207, C::Ord},
    {"partial", 0x1D715, C::Ord},
    {"infty", 0x221E, C::Ord},
    {"top", 0x22A4, C::Ord},
    {"bot", 0x22A5, C::Ord},
    {"ell", 0x2113, C::Ord},
    {"hbar", 0x210F, C::Ord},
    {"forall", 0x2200, C::Ord},
    {"exists", 0x2203, C::Ord},
    {"emptyset", 0x2205, C::Ord},
    {"varnothing", 0x2205, C::Ord},
    {"prime", 0x2032, C::Ord},
    {"Re", 0x211C, C::Ord},
    {"Im", 0x2111, C::Ord},
    {"aleph", 0x2135, C::Ord},
    {"angle", 0x2220, C::Ord},
    {"triangle", 0x25B3, C::Ord},
    {"neg", 0x00AC, C::Ord},
    {"lnot", 0x00AC, C::Ord},
    {"ldots", 0x2026, C::Inner},
    {"dots", 0x2026, C::Inner},
    {"cdots", 0x22EF, C::Inner},
    {"vdots", 0x22EE, C::Ord},
    {"ddots", 0x22F1, C::Inner},
    {"dotsc", 0x2026, C::Inner},
    {"dotsb", 0x22EF, C::Inner},
    {"imath", 0x1D6A4, C::Ord},
    {"jmath", 0x1D6A5, C::Ord},
    {"|", 0x2016, C::Ord},
    {"Vert", 0x2016, C::Ord},
    {"vert", 0x007C, C::Ord},
    {"%", '%', C::Ord},
    {"$", '$', C::Ord},
    {"#", '#', C::Ord},
    {"&", '&', C::Ord},
    {"_", '_', C::Ord},
    {"checkmark", 0x2713, C::Ord},
    {"dagger", 0x2020, C::Bin},
    {"ddagger", 0x2021, C::Bin},
    {"square", 0x25A1, C::Ord},
    {"Box", 0x25A1, C::Ord},
    {"blacksquare", 0x25A0, C::Ord},
    {"star", 0x22C6, C::Bin},
    // Binary operators.
    {"cdot", 0x22C5, C::Bin},
    {"times", 0x00D7, C::Bin},
    {"otimes", 0x2297, C::Bin},
    {"oplus", 0x2295, C::Bin},
    {"ominus", 0x2296, C::Bin},
    {"odot", 0x2299, C::Bin},
    {"oslash", 0x2298, C::Bin},
    {"circ", 0x2218, C::Bin},
    {"pm", 0x00B1, C::Bin},
    {"mp", 0x2213, C::Bin},
    {"ast", 0x2217, C::Bin},
    {"div", 0x00F7, C::Bin},
    {"setminus", 0x2216, C::Bin},
    {"cup", 0x222A, C::Bin},
    {"cap", 0x2229, C::Bin},
    {"wedge", 0x2227, C::Bin},
    {"land", 0x2227, C::Bin},
    {"vee", 0x2228, C::Bin},
    {"lor", 0x2228, C::Bin},
    {"bullet", 0x2219, C::Bin},
    {"diamond", 0x22C4, C::Bin},
    {"amalg", 0x2A3F, C::Bin},
    {"wr", 0x2240, C::Bin},
    // Relations.
    {"ne", 0x2260, C::Rel},
    {"neq", 0x2260, C::Rel},
    {"le", 0x2264, C::Rel},
    {"leq", 0x2264, C::Rel},
    {"ge", 0x2265, C::Rel},
    {"geq", 0x2265, C::Rel},
    {"leqslant", 0x2A7D, C::Rel},
    {"geqslant", 0x2A7E, C::Rel},
    {"approx", 0x2248, C::Rel},
    {"propto", 0x221D, C::Rel},
    {"sim", 0x223C, C::Rel},
    {"simeq", 0x2243, C::Rel},
    {"cong", 0x2245, C::Rel},
    {"equiv", 0x2261, C::Rel},
    {"in", 0x2208, C::Rel},
    {"notin", 0x2209, C::Rel},
    {"ni", 0x220B, C::Rel},
    {"subset", 0x2282, C::Rel},
    {"subseteq", 0x2286, C::Rel},
    {"supset", 0x2283, C::Rel},
    {"supseteq", 0x2287, C::Rel},
    {"to", 0x2192, C::Rel},
    {"rightarrow", 0x2192, C::Rel},
    {"mapsto", 0x21A6, C::Rel},
    {"leftarrow", 0x2190, C::Rel},
    {"gets", 0x2190, C::Rel},
    {"Rightarrow", 0x21D2, C::Rel},
    {"Leftarrow", 0x21D0, C::Rel},
    {"Leftrightarrow", 0x21D4, C::Rel},
    {"leftrightarrow", 0x2194, C::Rel},
    {"longrightarrow", 0x27F6, C::Rel},
    {"longleftarrow", 0x27F5, C::Rel},
    {"Longrightarrow", 0x27F9, C::Rel},
    {"Longleftarrow", 0x27F8, C::Rel},
    {"longmapsto", 0x27FC, C::Rel},
    {"iff", 0x27FA, C::Rel},
    {"implies", 0x27F9, C::Rel},
    {"impliedby", 0x27F8, C::Rel},
    {"uparrow", 0x2191, C::Rel},
    {"downarrow", 0x2193, C::Rel},
    {"ll", 0x226A, C::Rel},
    {"gg", 0x226B, C::Rel},
    {"mid", 0x2223, C::Rel},
    {"nmid", 0x2224, C::Rel},
    {"parallel", 0x2225, C::Rel},
    {"perp", 0x27C2, C::Rel},
    {"models", 0x22A7, C::Rel},
    {"vdash", 0x22A2, C::Rel},
    {"prec", 0x227A, C::Rel},
    {"succ", 0x227B, C::Rel},
    {"preceq", 0x2AAF, C::Rel},
    {"succeq", 0x2AB0, C::Rel},
    {"doteq", 0x2250, C::Rel},
    {"coloneqq", 0x2254, C::Rel},
    {"triangleq", 0x225C, C::Rel},
    {"lesssim", 0x2272, C::Rel},
    {"gtrsim", 0x2273, C::Rel},
    {"nsim", 0x2241, C::Rel},
    {"asymp", 0x224D, C::Rel},
    // Punctuation and fences as control words.
    {"colon", ':', C::Punct},
    {"{", '{', C::Open},
    {"}", '}', C::Close},
    {"lbrace", '{', C::Open},
    {"rbrace", '}', C::Close},
    {"langle", 0x27E8, C::Open},
    {"rangle", 0x27E9, C::Close},
    {"lceil", 0x2308, C::Open},
    {"rceil", 0x2309, C::Close},
    {"lfloor", 0x230A, C::Open},
    {"rfloor", 0x230B, C::Close},
    {"lvert", '|', C::Open},
    {"rvert", '|', C::Close},
    {"lVert", 0x2016, C::Open},
    {"rVert", 0x2016, C::Close},
    {"lbrack", '[', C::Open},
    {"rbrack", ']', C::Close},
    // Big operators.
    {"sum", 0x2211, C::Op, true, true},
    {"prod", 0x220F, C::Op, true, true},
    {"coprod", 0x2210, C::Op, true, true},
    {"int", 0x222B, C::Op, true, false},
    {"iint", 0x222C, C::Op, true, false},
    {"iiint", 0x222D, C::Op, true, false},
    {"oint", 0x222E, C::Op, true, false},
    {"bigcup", 0x22C3, C::Op, true, true},
    {"bigcap", 0x22C2, C::Op, true, true},
    {"bigoplus", 0x2A01, C::Op, true, true},
    {"bigotimes", 0x2A02, C::Op, true, true},
    {"bigodot", 0x2A00, C::Op, true, true},
    {"bigvee", 0x22C1, C::Op, true, true},
    {"bigwedge", 0x22C0, C::Op, true, true},
    {"bigsqcup", 0x2A06, C::Op, true, true},
};

const char* const kLimitOperators[] = {"max", "min", "sup",    "inf",    "lim",    "det",
                                       "Pr",  "gcd", "liminf", "limsup", "argmax", "argmin"};
const char* const kOperators[] = {"log", "exp", "ln",   "sin",  "cos",    "tan",    "sec",
                                  "csc", "cot", "sinh", "cosh", "tanh",   "arg",    "dim",
                                  "ker", "deg", "hom",  "lg",   "arcsin", "arccos", "arctan",
                                  "tr",  "Tr",  "rank", "diag", "sgn"};

QHash<QString, Symbol> buildSymbols() {
    QHash<QString, Symbol> table;
    for (int i = 0; i < int(std::size(kGreek)); ++i)
        table.insert(QLatin1String(kGreek[i]), Symbol{char32_t(0x1D6FC + i), C::Ord});
    // TeX's \epsilon is the lunate ϵ and \varepsilon the open ε; \theta and \phi likewise.
    table.insert(QStringLiteral("theta"), Symbol{0x1D703, C::Ord});
    for (const Entry& e : kSymbols)
        table.insert(QLatin1String(e.name), Symbol{e.code, e.cls, e.large, e.limits});
    return table;
}

char32_t alphabetLetter(char32_t c, Alphabet a) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    const bool digit = c >= '0' && c <= '9';
    const int letter = upper ? int(c - 'A') : lower ? int(c - 'a') + 26 : 0;
    switch (a) {
        case Alphabet::Roman:
            return c;
        case Alphabet::Italic:
            if (c == 'h')
                return 0x210E;
            return upper || lower ? 0x1D434 + letter : c;
        case Alphabet::Bold:
            return digit ? 0x1D7CE + (c - '0') : upper || lower ? 0x1D400 + letter : c;
        case Alphabet::BoldItalic:
            return digit ? 0x1D7CE + (c - '0') : upper || lower ? 0x1D468 + letter : c;
        case Alphabet::SansSerif:
            return digit ? 0x1D7E2 + (c - '0') : upper || lower ? 0x1D5A0 + letter : c;
        case Alphabet::Blackboard: {
            if (digit)
                return 0x1D7D8 + (c - '0');
            switch (c) {
                case 'C':
                    return 0x2102;
                case 'H':
                    return 0x210D;
                case 'N':
                    return 0x2115;
                case 'P':
                    return 0x2119;
                case 'Q':
                    return 0x211A;
                case 'R':
                    return 0x211D;
                case 'Z':
                    return 0x2124;
                default:
                    return upper || lower ? 0x1D538 + letter : c;
            }
        }
        case Alphabet::Calligraphic: {
            switch (c) {
                case 'B':
                    return 0x212C;
                case 'E':
                    return 0x2130;
                case 'F':
                    return 0x2131;
                case 'H':
                    return 0x210B;
                case 'I':
                    return 0x2110;
                case 'L':
                    return 0x2112;
                case 'M':
                    return 0x2133;
                case 'R':
                    return 0x211B;
                default:
                    return upper ? 0x1D49C + letter : lower ? 0x1D4B6 + letter - 26 : c;
            }
        }
    }
    return c;
}

}  // namespace

bool MathSymbols::symbol(const QString& name, Symbol* out) {
    static const QHash<QString, Symbol> table = buildSymbols();
    auto it = table.constFind(name);
    if (it == table.constEnd())
        return false;
    *out = *it;
    return true;
}

Symbol MathSymbols::character(char32_t c, Alphabet alphabet) {
    Symbol s{c, C::Ord};
    switch (c) {
        case '+':
            s.cls = C::Bin;
            return s;
        case '-':
            return Symbol{0x2212, C::Bin};
        case '*':
            return Symbol{0x2217, C::Bin};
        case '=':
        case '<':
        case '>':
        case ':':
            s.cls = C::Rel;
            return s;
        case ',':
        case ';':
            s.cls = C::Punct;
            return s;
        case '(':
        case '[':
            s.cls = C::Open;
            return s;
        case ')':
        case ']':
        case '!':
        case '?':
            s.cls = C::Close;
            return s;
        default:
            break;
    }
    // Greek typed directly: lower case in math italic, as \alpha is.
    if (c >= 0x03B1 && c <= 0x03C9 && alphabet == Alphabet::Italic)
        return Symbol{char32_t(0x1D6FC + (c - 0x03B1)), C::Ord};
    if (c == 0x2212 || c == 0x00B1 || c == 0x00D7 || c == 0x22C5)
        s.cls = C::Bin;
    if (c == 0x2264 || c == 0x2265 || c == 0x2260 || c == 0x2248 || c == 0x2192 || c == 0x2208)
        s.cls = C::Rel;
    s.code = alphabetLetter(c, alphabet);
    return s;
}

bool MathSymbols::delimiter(const QString& token, char32_t* code) {
    static const QHash<QString, char32_t> table = {
        {QStringLiteral("("), '('},
        {QStringLiteral(")"), ')'},
        {QStringLiteral("["), '['},
        {QStringLiteral("]"), ']'},
        {QStringLiteral("\\{"), '{'},
        {QStringLiteral("\\}"), '}'},
        {QStringLiteral("\\lbrace"), '{'},
        {QStringLiteral("\\rbrace"), '}'},
        {QStringLiteral("|"), '|'},
        {QStringLiteral("\\|"), 0x2016},
        {QStringLiteral("\\vert"), '|'},
        {QStringLiteral("\\Vert"), 0x2016},
        {QStringLiteral("\\lvert"), '|'},
        {QStringLiteral("\\rvert"), '|'},
        {QStringLiteral("\\lVert"), 0x2016},
        {QStringLiteral("\\rVert"), 0x2016},
        {QStringLiteral("\\langle"), 0x27E8},
        {QStringLiteral("\\rangle"), 0x27E9},
        {QStringLiteral("<"), 0x27E8},
        {QStringLiteral(">"), 0x27E9},
        {QStringLiteral("\\lceil"), 0x2308},
        {QStringLiteral("\\rceil"), 0x2309},
        {QStringLiteral("\\lfloor"), 0x230A},
        {QStringLiteral("\\rfloor"), 0x230B},
        {QStringLiteral("/"), '/'},
        {QStringLiteral("\\backslash"), '\\'},
        {QStringLiteral("\\uparrow"), 0x2191},
        {QStringLiteral("\\downarrow"), 0x2193},
        {QStringLiteral("."), 0},
        {QStringLiteral("\\lbrack"), '['},
        {QStringLiteral("\\rbrack"), ']'},
    };
    auto it = table.constFind(token);
    if (it == table.constEnd())
        return false;
    *code = *it;
    return true;
}

bool MathSymbols::operatorName(const QString& name, QString* text, bool* limits) {
    for (const char* op : kLimitOperators) {
        if (name == QLatin1String(op)) {
            *text = name == QLatin1String("argmax")   ? QStringLiteral("arg\u2009max")
                    : name == QLatin1String("argmin") ? QStringLiteral("arg\u2009min")
                                                      : name;
            *limits = true;
            return true;
        }
    }
    for (const char* op : kOperators) {
        if (name == QLatin1String(op)) {
            *text = name;
            *limits = false;
            return true;
        }
    }
    return false;
}

bool MathSymbols::accent(const QString& name, char32_t* code, bool* wide) {
    struct A {
        const char* name;
        char32_t code;
        bool wide;
    };
    static const A accents[] = {
        {"hat", 0x0302, false},      {"widehat", 0x0302, true},        {"bar", 0x0304, false},
        {"tilde", 0x0303, false},    {"widetilde", 0x0303, true},      {"vec", 0x20D7, false},
        {"dot", 0x0307, false},      {"ddot", 0x0308, false},          {"check", 0x030C, false},
        {"breve", 0x0306, false},    {"acute", 0x0301, false},         {"grave", 0x0300, false},
        {"mathring", 0x030A, false}, {"overrightarrow", 0x20D7, true}, {"widecheck", 0x030C, true},
    };
    for (const A& a : accents) {
        if (name == QLatin1String(a.name)) {
            *code = a.code;
            *wide = a.wide;
            return true;
        }
    }
    return false;
}

char32_t MathSymbols::plain(char32_t styled) {
    if (styled == 0x210E)
        return 'h';
    if (styled >= 0x1D434 && styled < 0x1D434 + 52) {
        const int i = int(styled - 0x1D434);
        return i < 26 ? char32_t('A' + i) : char32_t('a' + i - 26);
    }
    if (styled >= 0x1D6FC && styled <= 0x1D714)
        return 0x03B1 + (styled - 0x1D6FC);
    return styled;
}

}  // namespace lemma::widgets::math
