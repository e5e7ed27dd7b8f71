// Every builtin documents itself: a usage line, a description and a runnable example, and every
// example runs without error on its own (a fresh cell with the standard library).
#include <QtTest>

#include <map>
#include <sstream>
#include <string>

#include "engine/builtins/Examples.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"

using namespace lemma;

class tst_Help : public QObject {
    Q_OBJECT

private:
    builtins::Registry m_registry = builtins::Registry::standard();

private slots:
    void documented_data() {
        QTest::addColumn<QString>("name");
        for (const std::string& name : m_registry.names())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }

    void documented() {
        QFETCH(QString, name);
        const builtins::Builtin* b = m_registry.find(name.toStdString());
        QVERIFY(b);
        QVERIFY2(!b->usage.empty(), "no usage");
        QVERIFY2(b->usage.find(b->name) != std::string::npos, "the usage does not name it");
        QVERIFY2(b->help.size() > 10, "no description");
        const std::string example(builtins::exampleFor(b->name));
        QVERIFY2(!example.empty(), "no example");
        QVERIFY2(example.find(b->name) != std::string::npos, "the example does not use it");
    }

    void examplesRun_data() { documented_data(); }

    void examplesRun() {
        QFETCH(QString, name);
        const std::string example(builtins::exampleFor(name.toStdString()));
        QVERIFY2(!example.empty(), "no example");
        std::shared_ptr<const lang::ast::Program> program;
        try {
            program = lang::parseProgram(example);
        } catch (const Error& e) {
            QFAIL(qPrintable(QString("the example does not parse: ") + e.what()));
        }
        lang::Interpreter interpreter(m_registry);
        lang::Globals globals;
        const lang::RunResult result = interpreter.run(program, globals, lang::RunOptions{});
        if (!result.ok) {
            const auto* e = std::get_if<output::Error>(&result.outputs.back());
            QFAIL(qPrintable("the example fails: " + QString::fromStdString(e ? e->message : "?")));
        }
    }

    // `help` alone lists every builtin once, each under a named family (none left to "other"),
    // on lines of at most 100 columns.
    void theIndexGroupsEveryBuiltinByFamily() {
        lang::Interpreter interpreter(m_registry);
        lang::Globals globals;
        const lang::RunResult result =
            interpreter.run(lang::parseProgram("help"), globals, lang::RunOptions{});
        QVERIFY(result.ok);
        const auto* text = std::get_if<output::Text>(&result.outputs.front());
        QVERIFY(text);
        std::map<std::string, int> seen;
        std::string family;
        std::istringstream lines(text->text);
        std::string line;
        std::getline(lines, line);  // the title
        while (std::getline(lines, line)) {
            QVERIFY2(QString::fromStdString(line).size() <= 100, line.c_str());
            if (line.starts_with("      ")) {
                QVERIFY2(!family.empty(), line.c_str());
                std::istringstream names(line);
                for (std::string name; names >> name;)
                    ++seen[name];
            } else {
                QVERIFY2(line.starts_with("  ") && line.find(" — ") != std::string::npos,
                         line.c_str());
                family = line.substr(2, line.find(' ', 2) - 2);
                QVERIFY2(family != "other", line.c_str());
            }
        }
        for (const std::string& name : m_registry.names())
            QVERIFY2(seen[name] == 1, name.c_str());
        QCOMPARE(seen.size(), m_registry.names().size());
    }

    void unknownNamesHaveNoExample() {
        QVERIFY(builtins::exampleFor("no_such_builtin").empty());
        QVERIFY(builtins::exampleFor("").empty());
    }
};

QTEST_APPLESS_MAIN(tst_Help)
#include "tst_Help.moc"
