// The TeX subset's parser (see MathParser.h): recursive descent over the source, one list per
// group, with errors thrown to the top and reported with their position.
#include "widgets/math/MathParser.h"

namespace lemma::widgets::math {

namespace {

struct ParseError {
    QString message;
    int position;
};

bool isLetter(QChar c) {
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

MathAtom symbolAtom(const Symbol& s, int position) {
    MathAtom a;
    a.kind = AtomKind::Symbol;
    a.code = s.code;
    a.cls = s.cls;
    a.large = s.large;
    if (s.cls == AtomClass::Op)
        a.limits = s.limits ? 0 : -1;
    a.position = position;
    return a;
}

MathAtom space(double mu, double em, int position) {
    MathAtom a;
    a.kind = AtomKind::Space;
    a.mu = mu;
    a.em = em;
    a.position = position;
    return a;
}

// Letters of an operator name in roman, with thin spaces where the name has spaces.
MathList romanText(const QString& text, int position) {
    MathList list;
    for (QChar c : text) {
        if (c.isSpace() || c == QChar(0x2009)) {
            list.push_back(space(3, 0, position));
            continue;
        }
        MathAtom a = symbolAtom(MathSymbols::character(c.unicode(), Alphabet::Roman), position);
        a.cls = AtomClass::Ord;
        list.push_back(a);
    }
    return list;
}

int spaceCommand(const QString& name, double* mu, double* em) {
    *mu = 0;
    *em = 0;
    if (name == QLatin1String(",") || name == QLatin1String("thinspace"))
        *mu = 3;
    else if (name == QLatin1String(":") || name == QLatin1String(">") ||
             name == QLatin1String("medspace"))
        *mu = 4;
    else if (name == QLatin1String(";") || name == QLatin1String("thickspace"))
        *mu = 5;
    else if (name == QLatin1String("!") || name == QLatin1String("negthinspace"))
        *mu = -3;
    else if (name == QLatin1String("quad"))
        *em = 1;
    else if (name == QLatin1String("qquad"))
        *em = 2;
    else if (name == QLatin1String(" ") || name == QLatin1String("space"))
        *em = 0.333;
    else if (name == QLatin1String("enspace"))
        *em = 0.5;
    else
        return 0;
    return 1;
}

bool alphabetCommand(const QString& name, Alphabet* a) {
    static const struct {
        const char* name;
        Alphabet alphabet;
    } table[] = {{"mathbf", Alphabet::Bold},          {"mathrm", Alphabet::Roman},
                 {"mathit", Alphabet::Italic},        {"mathbb", Alphabet::Blackboard},
                 {"mathcal", Alphabet::Calligraphic}, {"mathscr", Alphabet::Calligraphic},
                 {"mathsf", Alphabet::SansSerif},     {"boldsymbol", Alphabet::BoldItalic},
                 {"bm", Alphabet::BoldItalic},        {"mathnormal", Alphabet::Italic}};
    for (const auto& e : table) {
        if (name == QLatin1String(e.name)) {
            *a = e.alphabet;
            return true;
        }
    }
    return false;
}

bool classCommand(const QString& name, AtomClass* cls) {
    static const struct {
        const char* name;
        AtomClass cls;
    } table[] = {{"mathord", AtomClass::Ord},     {"mathop", AtomClass::Op},
                 {"mathbin", AtomClass::Bin},     {"mathrel", AtomClass::Rel},
                 {"mathopen", AtomClass::Open},   {"mathclose", AtomClass::Close},
                 {"mathpunct", AtomClass::Punct}, {"mathinner", AtomClass::Inner}};
    for (const auto& e : table) {
        if (name == QLatin1String(e.name)) {
            *cls = e.cls;
            return true;
        }
    }
    return false;
}

bool isEnvironment(const QString& name) {
    static const char* const names[] = {
        "matrix",   "pmatrix",   "bmatrix",  "Bmatrix",  "vmatrix",   "Vmatrix", "smallmatrix",
        "cases",    "dcases",    "aligned",  "align",    "align*",    "alignat", "alignedat",
        "gather",   "gather*",   "gathered", "equation", "equation*", "split",   "array",
        "multline", "multline*", "eqnarray", "eqnarray*"};
    for (const char* n : names)
        if (name == QLatin1String(n))
            return true;
    return false;
}

}  // namespace

ParsedFormula MathParser::parse(const QString& tex, const Resolver& resolve) {
    MathParser parser(tex, resolve);
    try {
        MathList list;
        parser.parseList(&list, Context{}, Alphabet::Italic);
        parser.m_result.list = std::move(list);
    } catch (const ParseError& e) {
        parser.m_result.list.clear();
        parser.m_result.error = e.message;
        parser.m_result.errorPosition = std::max(0, e.position);
    }
    return std::move(parser.m_result);
}

void MathParser::fail(const QString& message, int position) const {
    throw ParseError{message, position};
}

void MathParser::skipSpaces() {
    while (!atEnd() && m_tex[m_pos].isSpace())
        ++m_pos;
}

char32_t MathParser::readCodePoint() {
    const QChar c = m_tex[m_pos++];
    if (c.isHighSurrogate() && !atEnd() && m_tex[m_pos].isLowSurrogate())
        return QChar::surrogateToUcs4(c, m_tex[m_pos++]);
    return c.unicode();
}

// After a backslash: a control word (letters, with a trailing `*` kept for \operatorname*,
// \tag* and starred environments' callers) or a control symbol (one other character).
QString MathParser::readCommand() {
    const qsizetype start = m_pos;
    if (atEnd())
        fail(QStringLiteral("a lone backslash at the end"), int(start - 1));
    if (!isLetter(m_tex[m_pos]))
        return QString(m_tex[m_pos++]);
    while (!atEnd() && isLetter(m_tex[m_pos]))
        ++m_pos;
    QString name = m_tex.mid(start, m_pos - start);
    if (!atEnd() && m_tex[m_pos] == QLatin1Char('*') &&
        (name == QLatin1String("operatorname") || name == QLatin1String("tag")))
        name += QChar(m_tex[m_pos++]);
    return name;
}

// The text of a {…} argument, braces balanced, without the braces.
QString MathParser::readRawGroup(const QString& what) {
    skipSpaces();
    const int start = int(m_pos);
    if (atEnd() || m_tex[m_pos] != QLatin1Char('{'))
        fail(QStringLiteral("%1 needs a {…} argument").arg(what), start);
    int depth = 0;
    for (qsizetype i = m_pos; i < m_tex.size(); ++i) {
        const QChar c = m_tex[i];
        if (c == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('{'))
            ++depth;
        else if (c == QLatin1Char('}') && --depth == 0) {
            const QString text = m_tex.mid(m_pos + 1, i - m_pos - 1);
            m_pos = i + 1;
            return text;
        }
    }
    fail(QStringLiteral("missing } after %1").arg(what), start);
}

QString MathParser::readEnvironmentName() {
    return readRawGroup(QStringLiteral("\\begin")).trimmed();
}

MathParser::Stop MathParser::parseList(MathList* out, Context context, Alphabet alphabet) {
    // Deep nesting would exhaust the stack; no formula a person writes comes near this.
    struct Depth {
        int& depth;
        explicit Depth(int& d) : depth(++d) {}
        ~Depth() { --depth; }
    } depth(m_depth);
    if (m_depth > 100)
        fail(QStringLiteral("the formula is nested too deeply"), int(m_pos));
    while (true) {
        skipSpaces();
        if (atEnd()) {
            if (context.brace)
                fail(QStringLiteral("missing }"), int(m_pos));
            if (context.left)
                fail(QStringLiteral("\\left without \\right"), int(m_pos));
            if (context.array)
                fail(QStringLiteral("missing \\end"), int(m_pos));
            if (context.bracket)
                fail(QStringLiteral("missing ]"), int(m_pos));
            return Stop::End;
        }
        const int start = int(m_pos);
        const QChar c = m_tex[m_pos];
        if (c == QLatin1Char('}')) {
            if (!context.brace)
                fail(QStringLiteral("unexpected }"), start);
            ++m_pos;
            return Stop::Brace;
        }
        if (c == QLatin1Char(']') && context.bracket) {
            ++m_pos;
            return Stop::Bracket;
        }
        if (c == QLatin1Char('{')) {
            ++m_pos;
            MathAtom group;
            group.kind = AtomKind::Group;
            group.position = start;
            parseList(&group.body, Context{true, false, false, false}, alphabet);
            out->push_back(std::move(group));
            continue;
        }
        if (c == QLatin1Char('^') || c == QLatin1Char('_')) {
            ++m_pos;
            attachScript(out, c == QLatin1Char('^'), start, alphabet);
            continue;
        }
        if (c == QLatin1Char('\'')) {
            parsePrimes(out, start);
            continue;
        }
        if (c == QLatin1Char('&')) {
            if (!context.array)
                fail(QStringLiteral("& outside an environment"), start);
            ++m_pos;
            return Stop::Ampersand;
        }
        if (c == QLatin1Char('~')) {
            ++m_pos;
            out->push_back(space(0, 0.333, start));
            continue;
        }
        if (c == QLatin1Char('#') || c == QLatin1Char('$') || c == QLatin1Char('%'))
            fail(QStringLiteral("'%1' cannot appear in math (write \\%1)").arg(c), start);
        if (c == QLatin1Char('\\')) {
            ++m_pos;
            const QString name = readCommand();
            Stop stop = Stop::End;
            parseCommand(name, start, out, context, alphabet, &stop);
            if (stop != Stop::End)
                return stop;
            continue;
        }
        const char32_t cp = readCodePoint();
        MathAtom a = symbolAtom(MathSymbols::character(cp, alphabet), start);
        out->push_back(a);
    }
}

MathList MathParser::parseArgument(Alphabet alphabet, const QString& command) {
    skipSpaces();
    const int start = int(m_pos);
    if (atEnd())
        fail(QStringLiteral("%1 is missing an argument").arg(command), start);
    MathList list;
    const QChar c = m_tex[m_pos];
    if (c == QLatin1Char('{')) {
        ++m_pos;
        parseList(&list, Context{true, false, false, false}, alphabet);
        return list;
    }
    if (c == QLatin1Char('}') || c == QLatin1Char('&') || c == QLatin1Char('^') ||
        c == QLatin1Char('_'))
        fail(QStringLiteral("%1 is missing an argument").arg(command), start);
    if (c == QLatin1Char('\\')) {
        ++m_pos;
        const QString name = readCommand();
        Stop stop = Stop::End;
        parseCommand(name, start, &list, Context{}, alphabet, &stop);
        if (stop != Stop::End)
            fail(QStringLiteral("%1 is missing an argument").arg(command), start);
        return list;
    }
    const char32_t cp = readCodePoint();
    list.push_back(symbolAtom(MathSymbols::character(cp, alphabet), start));
    return list;
}

void MathParser::attachScript(MathList* out, bool superscript, int position, Alphabet alphabet) {
    if (out->empty() || out->back().kind == AtomKind::Space ||
        out->back().kind == AtomKind::Style) {
        MathAtom empty;
        empty.kind = AtomKind::Group;
        empty.position = position;
        out->push_back(empty);
    }
    MathAtom& base = out->back();
    if (superscript ? base.hasSup : base.hasSub)
        fail(superscript ? QStringLiteral("double superscript: use braces, as in {x^a}^b")
                         : QStringLiteral("double subscript: use braces, as in {x_a}_b"),
             position);
    MathList script =
        parseArgument(alphabet, superscript ? QStringLiteral("^") : QStringLiteral("_"));
    MathAtom& target = out->back();
    if (superscript) {
        for (MathAtom& a : script)
            target.sup.push_back(std::move(a));
        target.hasSup = true;
    } else {
        target.sub = std::move(script);
        target.hasSub = true;
    }
}

void MathParser::parsePrimes(MathList* out, int position) {
    // The font's prime is drawn raised at full size, so primes follow the base as ordinary
    // symbols (x'^2: the superscript sits on the last prime).
    if (out->empty()) {
        MathAtom empty;
        empty.kind = AtomKind::Group;
        empty.position = position;
        out->push_back(empty);
    }
    while (!atEnd() && m_tex[m_pos] == QLatin1Char('\'')) {
        // Closing class: no space between an operator name and its prime (\operatorname{f}'),
        // and on its right the spacing of an ordinary symbol.
        out->push_back(symbolAtom(Symbol{0x2032, AtomClass::Close}, int(m_pos)));
        ++m_pos;
    }
}

MathAtom MathParser::textAtom(const QString& text, int start) const {
    MathAtom a;
    a.kind = AtomKind::Text;
    a.position = start;
    QString plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('\\') && i + 1 < text.size()) {
            const QChar next = text[i + 1];
            if (QStringLiteral("{}$%&_#").contains(next)) {
                plain += next;
                ++i;
                continue;
            }
            if (next == QLatin1Char(' ') || next == QLatin1Char(',')) {
                plain += QLatin1Char(' ');
                ++i;
                continue;
            }
        }
        if (text[i] == QLatin1Char('~')) {
            plain += QChar(0xA0);
            continue;
        }
        plain += text[i];
    }
    a.text = plain;
    return a;
}

char32_t MathParser::parseDelimiter(const QString& after) {
    skipSpaces();
    const int start = int(m_pos);
    if (atEnd())
        fail(QStringLiteral("%1 needs a delimiter").arg(after), start);
    QString token;
    if (m_tex[m_pos] == QLatin1Char('\\')) {
        ++m_pos;
        token = QLatin1Char('\\') + readCommand();
    } else {
        token = QString(m_tex[m_pos++]);
    }
    char32_t code = 0;
    if (!MathSymbols::delimiter(token, &code))
        fail(QStringLiteral("%1 cannot be used as a delimiter after %2").arg(token, after), start);
    return code;
}

MathAtom MathParser::parseDelimited(int start, Alphabet alphabet) {
    MathAtom a;
    a.kind = AtomKind::Delimited;
    a.cls = AtomClass::Inner;
    a.position = start;
    a.delims.push_back(parseDelimiter(QStringLiteral("\\left")));
    while (true) {
        MathList part;
        const Stop stop = parseList(&part, Context{false, false, false, true}, alphabet);
        a.parts.push_back(std::move(part));
        if (stop == Stop::Right) {
            a.delims.push_back(parseDelimiter(QStringLiteral("\\right")));
            return a;
        }
        if (stop == Stop::Middle) {
            a.delims.push_back(parseDelimiter(QStringLiteral("\\middle")));
            continue;
        }
        fail(QStringLiteral("\\left without \\right"), start);
    }
}

MathAtom MathParser::parseEnvironment(int start, Alphabet alphabet) {
    const QString name = readEnvironmentName();
    if (!isEnvironment(name))
        fail(QStringLiteral("unknown environment '%1'").arg(name), start);
    MathAtom a;
    a.kind = AtomKind::Array;
    a.environment = name;
    a.position = start;
    if (name == QLatin1String("array") || name == QLatin1String("alignat") ||
        name == QLatin1String("alignedat")) {
        // The column specification ({cc|l}, or alignat's count): kept as text.
        a.text = readRawGroup(QStringLiteral("\\begin{%1}").arg(name));
    }
    std::vector<MathList> row;
    while (true) {
        MathList cell;
        const Stop stop = parseList(&cell, Context{false, false, true, false}, alphabet);
        row.push_back(std::move(cell));
        if (stop == Stop::Ampersand)
            continue;
        a.rows.push_back(std::move(row));
        row.clear();
        if (stop == Stop::NewRow) {
            // \\[4pt]: the extra space is not kept.
            skipSpaces();
            if (!atEnd() && m_tex[m_pos] == QLatin1Char('[')) {
                const qsizetype close = m_tex.indexOf(QLatin1Char(']'), m_pos);
                if (close > 0)
                    m_pos = close + 1;
            }
            continue;
        }
        // \end{…}
        const int endAt = int(m_pos);
        const QString closing = readRawGroup(QStringLiteral("\\end")).trimmed();
        if (closing != name)
            fail(QStringLiteral("\\begin{%1} ended by \\end{%2}").arg(name, closing), endAt);
        break;
    }
    // A trailing \\ makes no empty last row.
    if (a.rows.size() > 1 && a.rows.back().size() == 1 && a.rows.back().front().empty())
        a.rows.pop_back();
    return a;
}

MathAtom MathParser::fraction(int start, Alphabet alphabet, const QString& command) {
    MathAtom a;
    a.kind = AtomKind::Fraction;
    a.cls = AtomClass::Inner;
    a.position = start;
    const QString c = command.mid(1);
    if (c.startsWith(QLatin1Char('d')))
        a.fractionStyle = 0;
    else if (c.startsWith(QLatin1Char('t')))
        a.fractionStyle = 1;
    if (c.endsWith(QLatin1String("binom"))) {
        a.bar = false;
        a.left = '(';
        a.right = ')';
    }
    a.body = parseArgument(alphabet, command);
    a.denominator = parseArgument(alphabet, command);
    return a;
}

void MathParser::parseCommand(const QString& name, int start, MathList* out, Context context,
                              Alphabet alphabet, Stop* stop) {
    const QString command = QLatin1Char('\\') + name;
    Symbol sym;
    if (MathSymbols::symbol(name, &sym)) {
        // \boldsymbol on Greek: bold italic Greek.
        if (alphabet == Alphabet::BoldItalic && sym.code >= 0x1D6FC && sym.code <= 0x1D71B)
            sym.code += 0x1D736 - 0x1D6FC;
        // \iff and \implies are \;\Longleftrightarrow\; and \;\Longrightarrow\; in LaTeX.
        const bool spaced = name == QLatin1String("iff") || name == QLatin1String("implies") ||
                            name == QLatin1String("impliedby");
        if (spaced)
            out->push_back(space(5, 0, start));
        out->push_back(symbolAtom(sym, start));
        if (spaced)
            out->push_back(space(5, 0, start));
        return;
    }
    double mu = 0, em = 0;
    if (spaceCommand(name, &mu, &em)) {
        out->push_back(space(mu, em, start));
        return;
    }
    if (name == QLatin1String("\\") || name == QLatin1String("cr")) {
        if (!context.array)
            fail(QStringLiteral("\\\\ outside an environment"), start);
        *stop = Stop::NewRow;
        return;
    }
    if (name == QLatin1String("end")) {
        if (!context.array)
            fail(QStringLiteral("\\end without \\begin"), start);
        *stop = Stop::EndEnvironment;
        return;
    }
    if (name == QLatin1String("right") || name == QLatin1String("middle")) {
        if (!context.left)
            fail(QStringLiteral("%1 without \\left").arg(command), start);
        *stop = name == QLatin1String("right") ? Stop::Right : Stop::Middle;
        return;
    }
    if (name == QLatin1String("left")) {
        out->push_back(parseDelimited(start, alphabet));
        return;
    }
    if (name == QLatin1String("begin")) {
        out->push_back(parseEnvironment(start, alphabet));
        return;
    }
    if (name == QLatin1String("frac") || name == QLatin1String("dfrac") ||
        name == QLatin1String("tfrac") || name == QLatin1String("binom") ||
        name == QLatin1String("dbinom") || name == QLatin1String("tbinom") ||
        name == QLatin1String("cfrac")) {
        out->push_back(fraction(start, alphabet, command));
        return;
    }
    if (name == QLatin1String("sqrt")) {
        MathAtom a;
        a.kind = AtomKind::Radical;
        a.position = start;
        skipSpaces();
        if (!atEnd() && m_tex[m_pos] == QLatin1Char('[')) {
            ++m_pos;
            parseList(&a.degree, Context{false, true, false, false}, alphabet);
        }
        a.body = parseArgument(alphabet, command);
        out->push_back(std::move(a));
        return;
    }
    Alphabet newAlphabet;
    if (alphabetCommand(name, &newAlphabet)) {
        MathAtom a;
        a.kind = AtomKind::Group;
        a.position = start;
        a.body = parseArgument(newAlphabet, command);
        // \mathbf{x} is one ordinary symbol, so scripts sit as on a letter.
        if (a.body.size() == 1 && a.body.front().kind == AtomKind::Symbol &&
            a.body.front().cls == AtomClass::Ord)
            out->push_back(a.body.front());
        else
            out->push_back(std::move(a));
        return;
    }
    QString opText;
    bool opLimits = false;
    if (MathSymbols::operatorName(name, &opText, &opLimits) ||
        name == QLatin1String("operatorname") || name == QLatin1String("operatorname*")) {
        MathAtom a;
        a.kind = AtomKind::Group;
        a.cls = AtomClass::Op;
        a.position = start;
        if (name.startsWith(QLatin1String("operatorname"))) {
            a.body = parseArgument(Alphabet::Roman, command);
            for (MathAtom& b : a.body)
                if (b.kind == AtomKind::Symbol)
                    b.cls = AtomClass::Ord;
            opLimits = name.endsWith(QLatin1Char('*'));
        } else {
            a.body = romanText(opText, start);
        }
        a.limits = opLimits ? 0 : -1;
        out->push_back(std::move(a));
        return;
    }
    char32_t accentCode = 0;
    bool wide = false;
    if (MathSymbols::accent(name, &accentCode, &wide)) {
        MathAtom a;
        a.kind = AtomKind::Accent;
        a.code = accentCode;
        a.wide = wide;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        out->push_back(std::move(a));
        return;
    }
    if (name == QLatin1String("overline") || name == QLatin1String("underline")) {
        MathAtom a;
        a.kind = name == QLatin1String("overline") ? AtomKind::Overline : AtomKind::Underline;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        out->push_back(std::move(a));
        return;
    }
    if (name == QLatin1String("overbrace") || name == QLatin1String("underbrace")) {
        MathAtom a;
        a.kind = AtomKind::Brace;
        a.cls = AtomClass::Op;
        a.limits = 1;
        a.code = name == QLatin1String("overbrace") ? 0x23DE : 0x23DF;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        out->push_back(std::move(a));
        return;
    }
    if (name == QLatin1String("overset") || name == QLatin1String("underset") ||
        name == QLatin1String("stackrel")) {
        MathList over = parseArgument(alphabet, command);
        MathAtom a;
        a.kind = AtomKind::Group;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        a.cls = name == QLatin1String("stackrel") ? AtomClass::Rel : AtomClass::Ord;
        if (a.body.size() == 1 && a.body.front().kind == AtomKind::Symbol)
            a.cls = a.body.front().cls;
        a.limits = 1;
        if (name == QLatin1String("underset")) {
            a.sub = std::move(over);
            a.hasSub = true;
        } else {
            a.sup = std::move(over);
            a.hasSup = true;
        }
        out->push_back(std::move(a));
        return;
    }
    static const char* const bigs[] = {"big", "Big", "bigg", "Bigg"};
    for (int i = 0; i < 4; ++i) {
        const QString b = QLatin1String(bigs[i]);
        if (name == b || name == b + QLatin1Char('l') || name == b + QLatin1Char('r') ||
            name == b + QLatin1Char('m')) {
            MathAtom a;
            a.kind = AtomKind::BigDelimiter;
            a.size = i + 1;
            a.position = start;
            a.code = parseDelimiter(command);
            const QChar suffix = name.back();
            a.cls = suffix == QLatin1Char('l')   ? AtomClass::Open
                    : suffix == QLatin1Char('r') ? AtomClass::Close
                    : suffix == QLatin1Char('m') ? AtomClass::Rel
                                                 : AtomClass::Ord;
            out->push_back(a);
            return;
        }
    }
    if (name == QLatin1String("text") || name == QLatin1String("textrm") ||
        name == QLatin1String("mbox") || name == QLatin1String("textit") ||
        name == QLatin1String("textbf") || name == QLatin1String("mathtt") ||
        name == QLatin1String("texttt") || name == QLatin1String("textsf")) {
        MathAtom a = textAtom(readRawGroup(command), start);
        if (name == QLatin1String("textit"))
            a.italicText = true;
        out->push_back(a);
        return;
    }
    if (name == QLatin1String("label")) {
        m_result.labels.append(readRawGroup(command).trimmed());
        return;
    }
    if (name == QLatin1String("tag") || name == QLatin1String("tag*")) {
        const QString tag = readRawGroup(command).trimmed();
        if (m_result.hasTag)
            fail(QStringLiteral("a second \\tag"), start);
        m_result.tag =
            name == QLatin1String("tag") ? QLatin1Char('(') + tag + QLatin1Char(')') : tag;
        m_result.hasTag = true;
        return;
    }
    if (name == QLatin1String("nonumber") || name == QLatin1String("notag") ||
        name == QLatin1String("displaylimits") || name == QLatin1String("hline") ||
        name == QLatin1String("nolinebreak") || name == QLatin1String("allowbreak"))
        return;
    if (name == QLatin1String("eqref") || name == QLatin1String("ref")) {
        const QString label = readRawGroup(command).trimmed();
        QString number = m_resolve ? m_resolve(label) : QString();
        if (number.isEmpty())
            number = QStringLiteral("??");
        out->push_back(textAtom(
            name == QLatin1String("eqref") ? QLatin1Char('(') + number + QLatin1Char(')') : number,
            start));
        return;
    }
    if (name == QLatin1String("limits") || name == QLatin1String("nolimits")) {
        if (out->empty() || out->back().cls != AtomClass::Op)
            fail(QStringLiteral("%1 must follow an operator").arg(command), start);
        out->back().limits = name == QLatin1String("limits") ? 1 : -1;
        return;
    }
    if (name == QLatin1String("displaystyle") || name == QLatin1String("textstyle") ||
        name == QLatin1String("scriptstyle") || name == QLatin1String("scriptscriptstyle")) {
        MathAtom a;
        a.kind = AtomKind::Style;
        a.position = start;
        a.style = name.startsWith(QLatin1String("display"))                      ? 0
                  : name.startsWith(QLatin1String("text"))                       ? 1
                  : name.startsWith(QLatin1String("script")) && name.size() > 11 ? 3
                                                                                 : 2;
        out->push_back(a);
        return;
    }
    if (name == QLatin1String("color") || name == QLatin1String("textcolor")) {
        const int at = int(m_pos);
        const QString spec = readRawGroup(command).trimmed();
        const QColor color = QColor::fromString(spec);
        if (!color.isValid())
            fail(QStringLiteral("unknown colour '%1'").arg(spec), at);
        skipSpaces();
        MathAtom a;
        a.kind = AtomKind::Group;
        a.position = start;
        a.color = color;
        if (name == QLatin1String("textcolor") || (!atEnd() && m_tex[m_pos] == QLatin1Char('{'))) {
            a.body = parseArgument(alphabet, command);
            out->push_back(std::move(a));
            return;
        }
        // A switch: the rest of the group is coloured.
        *stop = parseList(&a.body, context, alphabet);
        out->push_back(std::move(a));
        return;
    }
    AtomClass cls;
    if (classCommand(name, &cls)) {
        MathAtom a;
        a.kind = AtomKind::Group;
        a.cls = cls;
        if (cls == AtomClass::Op)
            a.limits = 0;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        out->push_back(std::move(a));
        return;
    }
    if (name == QLatin1String("not")) {
        MathList next = parseArgument(alphabet, command);
        if (next.size() == 1 && next.front().kind == AtomKind::Symbol) {
            MathAtom a = next.front();
            if (a.code == '=')
                a.code = 0x2260;
            else if (a.code == 0x2208)
                a.code = 0x2209;
            else if (a.code == 0x2282)
                a.code = 0x2284;
            else if (a.code == 0x223C)
                a.code = 0x2241;
            else if (a.code == 0x2261)
                a.code = 0x2262;
            else
                fail(QStringLiteral("\\not cannot negate this symbol"), start);
            out->push_back(a);
            return;
        }
        fail(QStringLiteral("\\not needs a relation after it"), start);
    }
    if (name == QLatin1String("phantom")) {
        MathAtom a;
        a.kind = AtomKind::Group;
        a.position = start;
        a.body = parseArgument(alphabet, command);
        a.color = Qt::transparent;
        out->push_back(std::move(a));
        return;
    }
    fail(QStringLiteral("unknown command %1").arg(command), start);
}

}  // namespace lemma::widgets::math
