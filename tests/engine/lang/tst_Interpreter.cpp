// The interpreter beyond what golden files can say: cancellation from another thread, seeding,
// the globals a run writes, exceptions that must not escape, the Context builtins see, deep
// recursion on a worker thread, and functions shared between cells.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <new>
#include <stdexcept>
#include <thread>

#include "engine/core/MemoryBudget.h"
#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"
#include "engine/output/Display.h"

using namespace lemma;
using lang::Value;

namespace {

// A registry of small builtins that exercise the Context, independent of the standard library.
builtins::Registry testRegistry() {
    builtins::Registry r;
    r.add("draw", "draw()", "a raw draw of the run's generator", [](builtins::Call& c) {
        return std::vector<Value>{Value(static_cast<double>(c.context().rng()() >> 11))};
    });
    r.add("reseed", "reseed(s)", "reseeds", [](builtins::Call& c) {
        c.context().reseed(static_cast<std::uint64_t>(c.integer(0)));
        return std::vector<Value>{};
    });
    r.add("say", "say(s)", "prints", [](builtins::Call& c) {
        c.context().emit(output::Text{c.string(0) + "\n"});
        return std::vector<Value>{};
    });
    r.add("apply", "apply(f, x)", "calls f(x)",
          [](builtins::Call& c) { return c.context().call(c.function(0), {c.arg(1)}, 1); });
    r.add("nout", "nout()", "how many results were asked for", [](builtins::Call& c) {
        std::vector<Value> out;
        for (int i = 0; i < c.nargout(); ++i)
            out.emplace_back(static_cast<double>(c.nargout()));
        return out;
    });
    r.add("half", "half(x, scale=1)", "x / 2 * scale", [](builtins::Call& c) {
        return std::vector<Value>{Value(c.scalar(0) / 2 * c.keywordScalar("scale", 1.0))};
    });
    r.add("report", "report(f)", "reports progress f", [](builtins::Call& c) {
        c.context().progress(c.scalar(0));
        return std::vector<Value>{};
    });
    r.add("folder", "folder()", "the data folder", [](builtins::Call& c) {
        return std::vector<Value>{Value(c.context().dataDir().string())};
    });
    r.add("armaFails", "armaFails()", "Armadillo throws", [](builtins::Call&) {
        const arma::mat notPositive = {{1.0, 2.0}, {2.0, 1.0}};
        const arma::mat r = arma::chol(notPositive);
        return std::vector<Value>{Value(r)};
    });
    r.add("logicError", "logicError()", "throws", [](builtins::Call&) -> std::vector<Value> {
        throw std::logic_error("Mat::operator(): index out of bounds");
    });
    r.add("noMemory", "noMemory()", "throws",
          [](builtins::Call&) -> std::vector<Value> { throw std::bad_alloc(); });
    r.add("weird", "weird()", "throws a non-exception",
          [](builtins::Call&) -> std::vector<Value> { throw 42; });
    r.add("spin", "spin()", "loops until cancelled", [](builtins::Call& c) -> std::vector<Value> {
        for (;;)
            c.context().checkCancelled();
    });
    return r;
}

std::string shown(const lang::RunResult& result) {
    std::string text;
    for (const auto& out : result.outputs) {
        if (const auto* d = std::get_if<output::Display>(&out)) {
            text += output::formatDisplay(d->name, d->value);
        } else if (const auto* t = std::get_if<output::Text>(&out)) {
            text += t->text;
        }
    }
    return text;
}

const output::Error* lastError(const lang::RunResult& result) {
    if (result.outputs.empty())
        return nullptr;
    return std::get_if<output::Error>(&result.outputs.back());
}

}  // namespace

class tst_Interpreter : public QObject {
    Q_OBJECT

private:
    builtins::Registry m_registry = testRegistry();

    lang::RunResult run(const std::string& source, lang::Globals& globals,
                        const lang::RunOptions& options = {}) {
        lang::Interpreter interpreter(m_registry);
        return interpreter.run(lang::parseProgram(source), globals, options);
    }

    lang::RunResult run(const std::string& source) {
        lang::Globals globals;
        return run(source, globals);
    }

private slots:
    void cancellationStopsLoops_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("while true") << "while true\nend";
        QTest::newRow("busy while") << "x = 0;\nwhile true\n  x = x + 1;\nend";
        QTest::newRow("long for") << "for k = 1:1e8\nend";
        QTest::newRow("recursion in a loop") << "f = @(x) x + 1;\nwhile true\n  y = f(1);\nend";
        QTest::newRow("builtin") << "spin()";
    }

    void cancellationStopsLoops() {
        QFETCH(QString, source);
        std::atomic<bool> cancel{false};
        lang::RunOptions options;
        options.cancel = &cancel;
        lang::RunResult result;
        std::atomic<bool> finished{false};
        std::thread worker([&] {
            lang::Globals globals;
            result = run(source.toStdString(), globals, options);
            finished = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QVERIFY(!finished);  // every source here runs for ever (or 10^8 iterations)
        cancel = true;
        // No bound on how long the stop takes (a loaded machine may deschedule the worker):
        // a loop that did not poll would never return, and the run fails by its timeout.
        worker.join();
        QVERIFY(result.cancelled);
        QVERIFY(!result.ok);
        QVERIFY(lastError(result) == nullptr);  // a cancellation is not the cell's error
    }

    void everyRunStartsFromTheSeed() {
        lang::RunOptions options;
        options.seed = 7;
        lang::Globals g1, g2, g3;
        const lang::RunResult a = run("a = draw()\nb = draw()", g1, options);
        const lang::RunResult b = run("a = draw()\nb = draw()", g2, options);
        QVERIFY(a.ok && b.ok);
        QCOMPARE(shown(a), shown(b));
        QVERIFY(g1.at("a").real()(0, 0) != g1.at("b").real()(0, 0));

        options.seed = 8;
        run("a = draw()", g3, options);
        QVERIFY(g3.at("a").real()(0, 0) != g1.at("a").real()(0, 0));

        // reseed() restarts the generator mid-cell.
        lang::Globals g4;
        run("reseed(7)\na = draw()", g4);
        QCOMPARE(g4.at("a").real()(0, 0), g1.at("a").real()(0, 0));
    }

    void globalsAreWrittenAndRead() {
        lang::Globals globals;
        globals.insert_or_assign("base", Value(10.0));
        const lang::RunResult r =
            run("x = base + 1;\n"
                "3 + 4;\n"
                "function y = addBase(v)\n  local = 1;\n  y = v + base + local;\nend\n"
                "z = addBase(5);\n"
                "for k = 1:3\nend\n",
                globals);
        QVERIFY(r.ok);
        QVERIFY(r.outputs.empty());
        QCOMPARE(globals.at("x").real()(0, 0), 11.0);
        QCOMPARE(globals.at("z").real()(0, 0), 16.0);
        QCOMPARE(globals.at("k").real()(0, 0), 3.0);
        QVERIFY(globals.at("addBase").isFunction());
        QVERIFY(globals.at("addBase").function().kind == lang::FunctionData::Kind::User);
        QVERIFY(!globals.contains("ans"));    // ans is local to the cell
        QVERIFY(!globals.contains("local"));  // function locals stay in the function
        QVERIFY(!globals.contains("v"));
    }

    void functionsLiveOnAfterTheirCell() {
        lang::Globals globals;
        {
            lang::Interpreter interpreter(m_registry);
            auto program = lang::parseProgram(
                "k = 3;\nscale = @(x) k * x;\nfunction y = twice(x)\n  y = 2 * x;\nend");
            QVERIFY(interpreter.run(program, globals, {}).ok);
        }  // the first cell's syntax tree is now owned only by the function values
        const lang::RunResult r = run("a = scale(2)\nb = twice(5)", globals);
        QVERIFY(r.ok);
        QCOMPARE(shown(r), std::string("a = 6\nb = 10\n"));
    }

    // Growth by indexed assignment is checked against the memory budget before it is
    // allocated, naming what grows and to what size; lists count sizeof(Value) per item.
    void growthIsCheckedAgainstTheBudget_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::newRow("linear") << "x = 1;\nx(2^28) = 1"
                                << "growing x to 1×268435456: 2 GiB requested, budget 1 GiB";
        QTest::newRow("two indices")
            << "A = 1;\nA(2^28, 2^28) = 1"
            << "growing A to 268435456×268435456: 512 PiB requested, budget 1 GiB";
        QTest::newRow("complex") << "z = 1i;\nz(1, 2^27) = 1"
                                 << "growing z to 1×134217728: 2 GiB requested, budget 1 GiB";
        QTest::newRow("list item")
            << "L = {};\nL{2^27} = 1"
            << QString::fromStdString("growing L to 134217728 items: " +
                                      MemoryBudget::format(double(1 << 27) * sizeof(lang::Value)) +
                                      " requested, budget 1 GiB");
        QTest::newRow("nested") << "s.w = {};\ns.w{2}(2^28) = 1"
                                << "growing s.w{…} to 1×268435456: 2 GiB requested, budget 1 GiB";
    }

    void growthIsCheckedAgainstTheBudget() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        lang::RunOptions options;
        options.memoryBudget = std::uint64_t(1) << 30;
        lang::Globals globals;
        const lang::RunResult r = run(source.toStdString(), globals, options);
        QVERIFY(!r.ok);
        const output::Error* e = lastError(r);
        QVERIFY(e);
        QCOMPARE(QString::fromStdString(e->message), message);
        QCOMPARE(e->pos.line, 2);
        // Within the budget the same growth works.
        const lang::RunResult small =
            run("x = 1;\nx(2^20) = 1;\nL = {};\nL{2^16} = 1;", globals, options);
        QVERIFY(small.ok);
        QCOMPARE(globals.at("x").numel(), arma::uword(1) << 20);
        QCOMPARE(globals.at("L").items().size(), std::size_t(1) << 16);
    }

    void errorsInsideAnotherCellsFunctionPointAtTheCall() {
        lang::Globals globals;
        QVERIFY(run("function y = bad(x)\n  y = x * [1 2 3];\n  y = y * y;\nend", globals).ok);
        const lang::RunResult r = run("a = 1;\nb = bad(2)", globals);
        QVERIFY(!r.ok);
        const output::Error* e = lastError(r);
        QVERIFY(e);
        QCOMPARE(e->message,
                 std::string("in bad (line 3 of its cell): dimension mismatch: 1×3 * 1×3"));
        QCOMPARE(e->pos, (SourcePos{2, 8}));
    }

    void nothingEscapes_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("column");
        QTest::newRow("armadillo runtime_error") << "x = 1;\ny = armaFails()"
                                                 << "chol(): decomposition failed" << 14;
        QTest::newRow("logic_error") << "x = 1;\ny = logicError()"
                                     << "Mat::operator(): index out of bounds" << 15;
        QTest::newRow("bad_alloc") << "x = 1;\ny = noMemory()"
                                   << "out of memory" << 13;
        QTest::newRow("not an exception") << "x = 1;\ny = weird()"
                                          << "internal error" << 0;
        QTest::newRow("unknown keyword") << "x = 1;\ny = half(4, scael=2)"
                                         << "half: unknown keyword argument 'scael'" << 9;
    }

    void nothingEscapes() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QFETCH(int, column);
        lang::Globals globals;
        lang::RunResult result;
        try {
            result = run(source.toStdString(), globals);
        } catch (...) {
            QFAIL("an exception escaped Interpreter::run");
        }
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        const output::Error* e = lastError(result);
        QVERIFY(e);
        QCOMPARE(QString::fromStdString(e->message), message);
        if (column > 0)
            QCOMPARE(e->pos, (SourcePos{2, column}));
        QCOMPARE(globals.at("x").real()(0, 0), 1.0);  // what ran before the error stays
    }

    void outputsBeforeAnErrorAreKept() {
        const lang::RunResult r = run("say(\"one\")\nx = 2\ny = undefinedThing");
        QVERIFY(!r.ok);
        QCOMPARE(r.outputs.size(), std::size_t(3));
        QCOMPARE(shown(r), std::string("one\nx = 2\n"));
        QCOMPARE(lastError(r)->message, std::string("undefined name 'undefinedThing'"));
    }

    void contextCallsFunctionValues() {
        const lang::RunResult r =
            run("function y = inc(x)\n  y = x + 1;\nend\n"
                "a = apply(@(x) x * 10, 4)\n"
                "b = apply(@inc, 4)\n"
                "c = apply(@half, 4)");
        QVERIFY2(r.ok, lastError(r) ? lastError(r)->message.c_str() : "");
        QCOMPARE(shown(r), std::string("a = 40\nb = 5\nc = 2\n"));
    }

    void keywordsReachBuiltins() {
        const lang::RunResult r = run("a = half(4, scale=3)");
        QVERIFY(r.ok);
        QCOMPARE(shown(r), std::string("a = 6\n"));
    }

    void nargoutReachesBuiltins() {
        // A statement of its own asks for none (and shows nothing when it gets none); an
        // argument asks for one.
        const lang::RunResult r = run("x = nout()\n[a, b, c] = nout();\nb\nnout()\nhalf(nout())");
        QVERIFY(r.ok);
        QCOMPARE(shown(r), std::string("x = 1\nb = 3\nans = 0.5000\n"));
    }

    void progressAndDataDirReachBuiltins() {
        std::vector<double> reported;
        lang::RunOptions options;
        options.progress = [&](double f) { reported.push_back(f); };
        options.dataDir = "/some/notebook";
        lang::Globals globals;
        const lang::RunResult r = run("report(0.25)\nreport(1)\nd = folder()", globals, options);
        QVERIFY(r.ok);
        QCOMPARE(reported, (std::vector<double>{0.25, 1.0}));
        QCOMPARE(shown(r), std::string("d = /some/notebook\n"));
    }

    // The session runs cells on a std::thread with the default stack; the deepest recursion
    // the language allows must fit in it, and going deeper is an error, not a crash.
    void deepRecursionOnAWorkerThread() {
        const std::string source =
            "function r = depth(n)\n"
            "  if n <= 0\n    r = 0;\n  else\n    r = 1 + depth(n - 1) * 1;\n  end\n"
            "end\n";
        lang::RunResult deep, tooDeep;
        std::thread worker([&] {
            lang::Globals g1, g2;
            deep = run(source + "x = depth(199)", g1);
            tooDeep = run(source + "x = depth(200)", g2);
        });
        worker.join();
        QVERIFY2(deep.ok, lastError(deep) ? lastError(deep)->message.c_str() : "");
        QCOMPARE(shown(deep), std::string("x = 199\n"));
        QVERIFY(!tooDeep.ok);
        QCOMPARE(lastError(tooDeep)->message,
                 std::string("recursion too deep (more than 200 nested calls)"));
    }

    void callDepthIsAnOption() {
        lang::RunOptions options;
        options.maxCallDepth = 5;
        lang::Globals globals;
        const lang::RunResult r =
            run("f = @(g, n) n;\nfunction r = d(n)\n  if n > 0\n"
                "    r = d(n - 1);\n  else\n    r = 0;\n  end\nend\n"
                "a = d(4)\nb = d(5)",
                globals, options);
        QVERIFY(!r.ok);
        QCOMPARE(shown(r), std::string("a = 0\n"));
        QCOMPARE(lastError(r)->message,
                 std::string("recursion too deep (more than 5 nested calls)"));
    }

    // The parser bounds bracket nesting, but a long chain 1 + 1 + … is a deep left-leaning
    // tree it builds without recursion; walking it must fail cleanly, not overflow the stack.
    void deepNestingIsAnErrorNotACrash() {
        std::string source = "x = 1";
        for (int i = 0; i < 100000; ++i)
            source += " + 1";
        // The parser refuses it before any tree walker could recurse that deep.
        try {
            lang::parseProgram(source);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).starts_with("expression too long"), e.what());
        }
    }

    void formatValueIsDispText_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");
        QTest::newRow("scalar") << "3"
                                << "3\n";
        QTest::newRow("fraction") << "1/3"
                                  << "0.3333\n";
        QTest::newRow("row") << "[1 2]"
                             << "   1   2\n";
        QTest::newRow("string") << "\"hi\""
                                << "hi\n";
        QTest::newRow("empty") << "[]"
                               << "[](0×0)\n";
    }

    void formatValueIsDispText() {
        QFETCH(QString, source);
        QFETCH(QString, text);
        lang::Globals globals;
        const lang::RunResult r = run("v = " + source.toStdString() + ";", globals);
        QVERIFY(r.ok);
        QCOMPARE(QString::fromStdString(output::formatValue(globals.at("v"))), text);
    }
};

QTEST_APPLESS_MAIN(tst_Interpreter)
#include "tst_Interpreter.moc"
