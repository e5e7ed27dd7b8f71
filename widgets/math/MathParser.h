// Reads the TeX math subset into atom lists, with the formula's \label, \tag and errors.
#pragma once

#include <QString>
#include <QStringList>
#include <functional>

#include "widgets/math/MathAtom.h"
#include "widgets/math/MathSymbols.h"

namespace lemma::widgets::math {

// A parsed formula. On an error the list is empty and `error` says what and `errorPosition`
// where (a 0-based index into the source).
struct ParsedFormula {
    MathList list;
    QString error;
    int errorPosition = -1;
    QStringList labels;  // \label{…} arguments, in order
    QString tag;         // the \tag{…} text, or empty
    bool hasTag = false;
    bool ok() const { return errorPosition < 0; }
};

// Responsibilities:
// - tokenise and parse TeX math (commands, groups, scripts, primes, environments with `&` and
//   `\\`, \left…\middle…\right, optional arguments) into MathAtoms;
// - resolve \eqref / \ref through a caller's function (a label's number, or "" when unknown:
//   then "??");
// - stop at the first error with a message a person can act on and its position.
class MathParser {
public:
    using Resolver = std::function<QString(const QString& label)>;

    static ParsedFormula parse(const QString& tex, const Resolver& resolve = {});

private:
    enum class Stop { End, Brace, Bracket, Ampersand, NewRow, EndEnvironment, Right, Middle };
    struct Context {
        bool brace = false;
        bool bracket = false;
        bool array = false;
        bool left = false;
    };

    MathParser(const QString& tex, const Resolver& resolve) : m_tex(tex), m_resolve(resolve) {}

    [[noreturn]] void fail(const QString& message, int position) const;
    void skipSpaces();
    bool atEnd() const { return m_pos >= m_tex.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_tex[m_pos]; }
    char32_t readCodePoint();
    QString readCommand();
    QString readRawGroup(const QString& what);
    QString readEnvironmentName();

    Stop parseList(MathList* out, Context context, Alphabet alphabet);
    MathList parseArgument(Alphabet alphabet, const QString& command);
    void parseCommand(const QString& name, int start, MathList* out, Context context,
                      Alphabet alphabet, Stop* stop);
    void attachScript(MathList* out, bool superscript, int position, Alphabet alphabet);
    void parsePrimes(MathList* out, int position);
    MathAtom parseDelimited(int start, Alphabet alphabet);
    char32_t parseDelimiter(const QString& after);
    MathAtom parseEnvironment(int start, Alphabet alphabet);
    MathAtom fraction(int start, Alphabet alphabet, const QString& command);
    MathAtom textAtom(const QString& text, int start) const;

    const QString& m_tex;
    const Resolver& m_resolve;
    qsizetype m_pos = 0;
    int m_depth = 0;
    ParsedFormula m_result;
};

}  // namespace lemma::widgets::math
