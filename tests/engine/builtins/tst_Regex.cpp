// regexp's matcher: the same matches and groups as std::regex (ECMAScript) on the patterns it
// supports, clear refusals of what it does not, time linear in the text (a text that made
// std::regex's backtracking overflow the stack), and Stop while it scans.
#include <QTest>

#include <regex>
#include <stdexcept>

#include "engine/builtins/FakeContext.h"
#include "engine/builtins/Regex.h"
#include "engine/core/Error.h"

using lemma::builtins::Regex;
using lemma::builtins::RegexMatch;
using lemma::lang::Value;

namespace {

// Every match of `pattern` in `text`, as "begin:end" of the match and each group (-1:-1 for a
// group that took no part), the way regexp walks the text: after an empty match at p, the
// next search starts at p + 1.
std::string ours(const std::string& pattern, const std::string& text) {
    const Regex re(pattern);
    std::string out;
    for (std::size_t from = 0; from <= text.size();) {
        RegexMatch m;
        if (!re.search(text, from, m, {}))
            break;
        for (std::size_t g = 0; g < m.begin.size(); ++g)
            out += std::to_string(m.begin[g]) + ":" + std::to_string(m.end[g]) + " ";
        out += "| ";
        from = static_cast<std::size_t>(m.end[0] > m.begin[0] ? m.end[0] : m.end[0] + 1);
    }
    return out;
}

std::string standard(const std::string& pattern, const std::string& text) {
    const std::regex re(pattern, std::regex::ECMAScript);
    std::string out;
    for (std::size_t from = 0; from <= text.size();) {
        std::smatch m;
        const auto flags =
            from > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
        if (!std::regex_search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), m, re,
                               flags))
            break;
        for (std::size_t g = 0; g < m.size(); ++g) {
            if (m[g].matched)
                out += std::to_string(from + m.position(g)) + ":" +
                       std::to_string(from + m.position(g) + m.length(g)) + " ";
            else
                out += "-1:-1 ";
        }
        out += "| ";
        const std::size_t begin = from + m.position(0);
        const std::size_t end = begin + m.length(0);
        from = end > begin ? end : end + 1;
    }
    return out;
}

}  // namespace

class TestRegex : public QObject {
    Q_OBJECT

private slots:
    void sameMatchesAsStdRegex_data() {
        QTest::addColumn<QString>("pattern");
        const char* patterns[] = {
            "a",
            "\\d+",
            "(\\w+)=(\\w+)",
            "[,;]",
            "x*",
            "a|ab|abc",
            "(a|ab)(c|bcd)",
            "a*?b",
            "(a+?)(a*)",
            "^ab",
            "b$",
            "\\bfoo\\b",
            "\\Bo",
            "[^a-c]+",
            "[\\d.]+",
            "(?:ab)+",
            "a{2}",
            "a{2,}",
            "a{1,3}?",
            "(a|b)*c",
            "((a)|b)+",
            "[a\\-z]",
            "\\s+\\S",
            ".+",
            "(x)?y",
            "colou?r",
            "[]a]",
            "a.c",
            "\\x41",
            "(a*)b",
            "\\.",
            "(\\d{3})-(\\d{4})",
        };
        for (const char* p : patterns)
            QTest::newRow(p) << QString::fromUtf8(p);
    }

    void sameMatchesAsStdRegex() {
        QFETCH(QString, pattern);
        const std::string p = pattern.toStdString();
        const char* texts[] = {"",
                               "a",
                               "abc",
                               "aaab",
                               "key=value x=1",
                               "a,b;c",
                               "foo food fo o",
                               "abcd bcd ab",
                               "colour color",
                               "12.5 x 3",
                               "AAA a.c abc",
                               "555-1234 55-12",
                               "aab ab b ccc",
                               "y xy xxy",
                               "a]b-c z",
                               "line\nnext\r\n"};
        for (const char* t : texts)
            QCOMPARE(QString::fromStdString(ours(p, t)) + " on " + t,
                     QString::fromStdString(standard(p, t)) + " on " + t);
    }

    void refusalsSayWhy_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("message");
        QTest::newRow("backreference") << "(a)\\1"
                                       << "backreferences (\\1) are not supported";
        QTest::newRow("lookahead") << "a(?=b)"
                                   << "lookaround (?=…) is not supported";
        QTest::newRow("lookbehind") << "(?<!a)b"
                                    << "lookaround (?<!…) is not supported";
        QTest::newRow("unbalanced (") << "(ab"
                                      << "missing ) for the group at position 1";
        QTest::newRow("unbalanced )") << "ab)"
                                      << "unmatched ) at position 3";
        QTest::newRow("class") << "[ab"
                               << "missing ] for the class at position 1";
        QTest::newRow("nothing to repeat") << "*a"
                                           << "nothing to repeat at position 1";
        QTest::newRow("repeated quantifier") << "a**"
                                             << "nothing to repeat at position 1";
        QTest::newRow("range order") << "[z-a]"
                                     << "range out of order in the class at position 1";
        QTest::newRow("bounds order") << "a{3,1}"
                                      << "repetition {3,1} has its bounds in the wrong order";
        QTest::newRow("lone backslash") << "a\\"
                                        << "the pattern ends with a lone backslash";
        QTest::newRow("too large")
            << "(a{1000}){1000}"
            << "the pattern is too large (more than 100000 steps once its repetitions are "
               "expanded)";
        QTest::newRow("deep") << QString("(").repeated(600) + QString(")").repeated(600)
                              << "groups nested more than 500 deep";
        QTest::newRow("huge count") << "a{1000000}"
                                    << "repetition count too large at position 3";
    }

    void refusalsSayWhy() {
        QFETCH(QString, pattern);
        QFETCH(QString, message);
        try {
            const Regex re(pattern.toStdString());
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromUtf8(e.what()), message);
        }
    }

    // regexp reports them with the pattern as written.
    void regexpNamesThePattern() {
        lemma::test::FakeContext ctx;
        QCOMPARE(ctx.errorOf("regexp", {Value(std::string("aa")), Value(std::string("(a)\\1"))}),
                 std::string("regexp: invalid pattern \"(a)\\1\": backreferences (\\1) are not "
                             "supported"));
    }

    // std::regex's backtracking recursed once per character here and overflowed the stack
    // (Lemma crashed on a 10^5-character text); the Pike machine keeps one thread per pattern
    // step and finds (or does not find) the match in one pass.
    void longTextsNeitherCrashNorBacktrack() {
        lemma::test::FakeContext ctx;
        const Value text(std::string(2'000'000, 'a'));
        QVERIFY(ctx.mat("regexp", {text, Value(std::string("(a|b)*c"))}).is_empty());
        const arma::mat ends = ctx.mat(
            "regexp",
            {Value(text.string() + "c"), Value(std::string("(a|b)*c")), Value(std::string("end"))});
        QCOMPARE(ends.n_elem, arma::uword(1));
        QCOMPARE(ends(0), 2'000'001.0);
        const Value tokens = ctx.value(
            "regexp", {Value(std::string(100'000, 'x') + "=1"), Value(std::string("(\\w+)=(\\d)")),
                       Value(std::string("tokens")), Value(std::string("once"))});
        QCOMPARE(tokens.items().at(0).string().size(), std::size_t(100'000));
        QCOMPARE(tokens.items().at(1).string(), std::string("1"));
    }

    // The scan polls: a poll that throws (Stop) ends the search with that exception.
    void stopEndsTheScan() {
        const Regex re("(a|b)*c");
        const std::string text(1'000'000, 'a');
        int polls = 0;
        RegexMatch m;
        try {
            re.search(text, 0, m, [&] {
                if (++polls == 3)
                    throw lemma::Cancelled();
            });
            QFAIL("finished without being stopped");
        } catch (const lemma::Cancelled&) {
        }
        QCOMPARE(polls, 3);
    }
};

QTEST_GUILESS_MAIN(TestRegex)
#include "tst_Regex.moc"
