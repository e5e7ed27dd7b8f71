// Golden tests of the cell language: every tests/data/lang/*.lemma is one cell, run with the
// standard library, whose annotations say what it must show or which error it must raise.
//
//   % expect: <line>                 one line of the cell's shown and printed text, in order
//                                    (trailing blank lines and trailing spaces are ignored)
//   % expect error: <message>        a syntax error
//   % expect runtime error: <msg>    the run fails with this message …
//   % at: <line>:<column>            … at this position (for either kind of error)
#include <QtTest>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Display.h"

using namespace lemma;

namespace {

struct Expectation {
    std::vector<std::string> lines;
    std::string syntaxError;
    std::string runtimeError;
    std::string at;  // "line:col"
};

std::string rstrip(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
        s.pop_back();
    return s;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(rstrip(line));
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    return lines;
}

// The text after `marker` on a line whose first non-blank characters are `%` (or `#`) and
// the marker, with one space after the marker dropped.
bool annotation(const std::string& line, const std::string& marker, std::string& rest) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || (line[start] != '%' && line[start] != '#'))
        return false;
    const std::size_t m = line.find_first_not_of(" \t", start + 1);
    if (m == std::string::npos || line.compare(m, marker.size(), marker) != 0)
        return false;
    rest = line.substr(m + marker.size());
    if (!rest.empty() && rest[0] == ' ')
        rest.erase(0, 1);
    rest = rstrip(rest);
    return true;
}

Expectation readExpectation(const std::string& source) {
    Expectation e;
    std::istringstream in(source);
    for (std::string line, rest; std::getline(in, line);) {
        if (annotation(line, "expect runtime error:", rest)) {
            e.runtimeError = rest;
        } else if (annotation(line, "expect error:", rest)) {
            e.syntaxError = rest;
        } else if (annotation(line, "expect:", rest)) {
            e.lines.push_back(rest);
        } else if (annotation(line, "at:", rest)) {
            e.at = rest;
        }
    }
    while (!e.lines.empty() && e.lines.back().empty())
        e.lines.pop_back();
    return e;
}

std::string position(const SourcePos& pos) {
    return std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

std::string shownText(const output::Outputs& outputs) {
    std::string text;
    for (const output::Output& out : outputs) {
        if (const auto* d = std::get_if<output::Display>(&out)) {
            text += output::formatDisplay(d->name, d->value, d->style);
        } else if (const auto* t = std::get_if<output::Text>(&out)) {
            text += t->text;
        } else if (const auto* r = std::get_if<output::Rich>(&out)) {
            text.append("<").append(r->object->typeName()).append(">\n");
        }
    }
    return text;
}

QString joinLines(const std::vector<std::string>& lines) {
    QStringList parts;
    for (const std::string& l : lines)
        parts << QString::fromStdString(l);
    return parts.join('\n');
}

}  // namespace

class tst_Golden : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_registry = builtins::Registry::standard(); }

    void golden_data() {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(LEMMA_TEST_DATA "/lang"));
        const QStringList files = dir.entryList({"*.lemma"}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), "no golden files in tests/data/lang");
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void golden() {
        QFETCH(QString, path);
        std::ifstream file(path.toStdString());
        QVERIFY2(file, qPrintable("cannot read " + path));
        std::stringstream buffer;
        buffer << file.rdbuf();
        const std::string source = buffer.str();
        const Expectation expected = readExpectation(source);
        QVERIFY2(!expected.lines.empty() || !expected.syntaxError.empty() ||
                     !expected.runtimeError.empty(),
                 "the file has no % expect annotation");

        std::shared_ptr<const lang::ast::Program> program;
        try {
            program = lang::parseProgram(source);
        } catch (const Error& e) {
            QVERIFY2(!expected.syntaxError.empty(),
                     qPrintable(QString("unexpected syntax error at %1: %2")
                                    .arg(QString::fromStdString(position(e.pos())), e.what())));
            QCOMPARE(QString(e.what()), QString::fromStdString(expected.syntaxError));
            if (!expected.at.empty())
                QCOMPARE(position(e.pos()), expected.at);
            return;
        }
        QVERIFY2(expected.syntaxError.empty(), "expected a syntax error, the cell parsed");

        lang::Interpreter interpreter(m_registry);
        lang::Globals globals;
        const lang::RunResult result = interpreter.run(program, globals, lang::RunOptions{});

        if (expected.runtimeError.empty()) {
            if (!result.ok) {
                const auto* err = std::get_if<output::Error>(&result.outputs.back());
                QFAIL(qPrintable(QString("unexpected error at %1: %2")
                                     .arg(QString::fromStdString(err ? position(err->pos) : "?"),
                                          QString::fromStdString(err ? err->message : "?"))));
            }
        } else {
            QVERIFY2(!result.ok, "expected a runtime error, the cell ran");
            QVERIFY(!result.outputs.empty());
            const auto* err = std::get_if<output::Error>(&result.outputs.back());
            QVERIFY2(err, "the last output of a failed run is not an error");
            QCOMPARE(QString::fromStdString(err->message),
                     QString::fromStdString(expected.runtimeError));
            if (!expected.at.empty())
                QCOMPARE(position(err->pos), expected.at);
        }

        const std::vector<std::string> actual = splitLines(shownText(result.outputs));
        for (std::size_t i = 0; i < std::min(actual.size(), expected.lines.size()); ++i) {
            if (actual[i] != expected.lines[i]) {
                qWarning("first difference at output line %zu\n  actual:   '%s'\n  expected: '%s'",
                         i + 1, actual[i].c_str(), expected.lines[i].c_str());
                break;
            }
        }
        QCOMPARE(joinLines(actual), joinLines(expected.lines));
    }

private:
    builtins::Registry m_registry;
};

QTEST_APPLESS_MAIN(tst_Golden)
#include "tst_Golden.moc"
