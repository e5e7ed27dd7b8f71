// Copy semantics as the language sees them, attacked with random programs: values share their
// storage underneath, but changing a copy must never change the original — through assignment,
// indexed writes, growth, lists, struct fields, function arguments, closures and loops. Each
// program is run by the interpreter and, step by step, by a reference model of plain vectors.
#include <QtTest>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"

using namespace lemma;
using lang::Value;

namespace {

using Vec = std::vector<double>;

// The model: every variable of the generated programs, as plain C++ values.
struct Model {
    std::map<std::string, Vec> vectors;     // x1 … x4
    std::vector<Vec> list;                  // L
    std::vector<Vec> listCopy;              // M (a copy of L taken at some point)
    std::map<std::string, Vec> fields;      // s.f, s.g
    std::map<std::string, Vec> fieldsCopy;  // t (a copy of s)
    std::map<std::string, Vec> closures;    // c1 … c3: what each captured
};

std::string vecText(const Vec& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        s += (i ? " " : "") + std::to_string(static_cast<long long>(v[i]));
    return s + "]";
}

// A random program and, alongside, what the model says each variable holds at the end.
class Generator {
public:
    explicit Generator(unsigned seed) : m_rng(seed) {}

    std::string program(int statements) {
        std::string src =
            "function y = poke(x, k, v)\n  x(k) = v;\n  y = x;\nend\n"
            "function y = bump(x)\n  for r = 1:numel(x)\n    x(r) = x(r) + 1;\n  end\n"
            "  y = x;\nend\n";
        for (int i = 1; i <= 4; ++i) {
            const Vec v = {double(i), double(10 * i), double(100 * i)};
            m.vectors[name(i)] = v;
            src += name(i) + " = " + vecText(v) + ";\n";
        }
        src += "L = {x1, x2};\nM = L;\ns.f = x3;\ns.g = x4;\nt = s;\n";
        m.list = {m.vectors["x1"], m.vectors["x2"]};
        m.listCopy = m.list;
        m.fields = {{"f", m.vectors["x3"]}, {"g", m.vectors["x4"]}};
        m.fieldsCopy = m.fields;
        for (int c = 1; c <= 3; ++c) {
            src += "c" + std::to_string(c) + " = @() x" + std::to_string(c) + ";\n";
            m.closures["c" + std::to_string(c)] = m.vectors[name(c)];
        }
        for (int i = 0; i < statements; ++i)
            src += statement() + "\n";
        return src;
    }

    const Model& model() const { return m; }

private:
    static std::string name(int i) {
        std::string out = "x";
        out += std::to_string(i);
        return out;
    }
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    std::string anyVector() { return name(pick(1, 4)); }
    static std::string num(double v) { return std::to_string(static_cast<long long>(v)); }

    std::string statement() {
        const std::string a = anyVector();
        const std::string b = anyVector();
        Vec& va = m.vectors[a];
        const double v = pick(1, 99);
        switch (pick(0, 15)) {
            case 0:
                m.vectors[a] = m.vectors[b];
                return a + " = " + b + ";";
            case 1: {
                const int k = pick(1, static_cast<int>(va.size()));
                va[k - 1] = v;
                return a + "(" + num(k) + ") = " + num(v) + ";";
            }
            case 2:
                va.push_back(v);
                return a + "(end + 1) = " + num(v) + ";";
            case 3: {
                const int k = pick(1, static_cast<int>(m.list.size()) + 1);
                if (k > static_cast<int>(m.list.size()))
                    m.list.resize(k);
                m.list[k - 1] = m.vectors[b];
                return "L{" + num(k) + "} = " + b + ";";
            }
            case 4: {
                const int k = pick(1, static_cast<int>(m.list.size()));
                Vec& item = m.list[k - 1];
                if (item.empty())
                    return "";
                const int j = pick(1, static_cast<int>(item.size()));
                item[j - 1] = v;
                return "L{" + num(k) + "}(" + num(j) + ") = " + num(v) + ";";
            }
            case 5: {
                const int k = pick(1, static_cast<int>(m.list.size()));
                if (m.list[k - 1].empty())
                    return "";
                m.vectors[a] = m.list[k - 1];
                return a + " = L{" + num(k) + "};";
            }
            case 6: {
                const std::string f = pick(0, 1) ? "f" : "g";
                m.fields[f] = m.vectors[b];
                return "s." + f + " = " + b + ";";
            }
            case 7: {
                const std::string f = pick(0, 1) ? "f" : "g";
                Vec& field = m.fields[f];
                const int j = pick(1, static_cast<int>(field.size()));
                field[j - 1] = v;
                return "s." + f + "(" + num(j) + ") = " + num(v) + ";";
            }
            case 8: {
                const std::string f = pick(0, 1) ? "f" : "g";
                m.vectors[a] = m.fields[f];
                return a + " = s." + f + ";";
            }
            case 9: {
                const Vec& src = m.vectors[b];
                const int k = pick(1, static_cast<int>(src.size()));
                Vec result = src;
                result[k - 1] = v;
                m.vectors[a] = result;
                return a + " = poke(" + b + ", " + num(k) + ", " + num(v) + ");";
            }
            case 10: {
                Vec result = m.vectors[b];
                for (double& x : result)
                    x += 1;
                m.vectors[a] = result;
                return a + " = bump(" + b + ");";
            }
            case 11: {
                const int c = pick(1, 3);
                m.closures["c" + std::to_string(c)] = m.vectors[b];
                return "c" + std::to_string(c) + " = @() " + b + ";";
            }
            case 12:
                m.listCopy = m.list;
                return "M = L;";
            case 13:
                m.fieldsCopy = m.fields;
                return "t = s;";
            case 14: {
                const int k = pick(1, static_cast<int>(va.size()));
                for (int r = 1; r <= 3; ++r)
                    va[k - 1] += r;
                return "for r = 1:3\n  " + a + "(" + num(k) + ") = " + a + "(" + num(k) +
                       ") + r;\nend";
            }
            default: {
                // A copy taken inside a loop, then the original written: the copy keeps its
                // old contents.
                const int k = pick(1, static_cast<int>(va.size()));
                Vec copy = va;
                va[k - 1] = v;
                m.vectors[b] = copy;
                if (a == b)
                    m.vectors[b] = copy;
                return "for r = 1:1\n  tmp = " + a + ";\n  " + a + "(" + num(k) + ") = " + num(v) +
                       ";\n  " + b + " = tmp;\nend";
            }
        }
    }

    std::mt19937 m_rng;
    Model m;
};

Vec asVec(const Value& v) {
    const arma::mat& m = v.real();
    return Vec(m.begin(), m.end());
}

}  // namespace

class tst_ValueSemantics : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { m_registry = builtins::Registry::standard(); }

    void randomProgramsKeepCopySemantics_data() {
        QTest::addColumn<unsigned>("seed");
        for (unsigned seed = 1; seed <= 150; ++seed)
            QTest::newRow(qPrintable("seed " + QString::number(seed))) << seed;
    }

    void randomProgramsKeepCopySemantics() {
        QFETCH(unsigned, seed);
        Generator gen(seed);
        std::string src = gen.program(60);
        src += "\nr1 = c1();\nr2 = c2();\nr3 = c3();\n";
        const Model& model = gen.model();

        lang::Globals globals;
        lang::Interpreter interpreter(m_registry);
        const lang::RunResult result =
            interpreter.run(lang::parseProgram(src), globals, lang::RunOptions{});
        if (!result.ok) {
            const auto* e = std::get_if<output::Error>(&result.outputs.back());
            QFAIL(qPrintable(QString::fromStdString(
                "run failed: " + (e ? e->message : std::string("?")) + "\n" + src)));
        }
        const auto check = [&](const std::string& what, const Value& actual, const Vec& expected) {
            const Vec got = asVec(actual);
            QVERIFY2(got == expected, qPrintable(QString::fromStdString(
                                          what + ": got " + vecText(got) + ", the model says " +
                                          vecText(expected) + "\n" + src)));
        };
        for (const auto& [name, v] : model.vectors)
            check(name, globals.at(name), v);
        const auto checkList = [&](const std::string& name, const std::vector<Vec>& items) {
            const std::vector<Value>& actual = globals.at(name).items();
            QCOMPARE(actual.size(), items.size());
            for (std::size_t i = 0; i < items.size(); ++i)
                check(name + "{" + std::to_string(i + 1) + "}", actual[i], items[i]);
        };
        checkList("L", model.list);
        checkList("M", model.listCopy);
        const auto checkStruct = [&](const std::string& name,
                                     const std::map<std::string, Vec>& fields) {
            const lang::StructData& s = globals.at(name).structure();
            for (const auto& [field, v] : fields)
                check(name + "." + field, *s.find(field), v);
        };
        checkStruct("s", model.fields);
        checkStruct("t", model.fieldsCopy);
        for (int c = 1; c <= 3; ++c)
            check("c" + std::to_string(c) + "()", globals.at("r" + std::to_string(c)),
                  model.closures.at("c" + std::to_string(c)));
    }

    // The same storage is shared by a copy and split by the first write, and the write to an
    // unshared value happens in place.
    void copiesShareUntilWritten() {
        lang::Globals globals;
        lang::Interpreter interpreter(m_registry);
        const auto run = [&](const std::string& src) {
            const lang::RunResult r =
                interpreter.run(lang::parseProgram(src), globals, lang::RunOptions{});
            QVERIFY(r.ok);
        };
        run("a = zeros(100, 100);\nb = a;\nL = {a};\ns.f = a;");
        const void* storage = globals.at("a").storageIdentity();
        QVERIFY(storage != nullptr);
        QCOMPARE(globals.at("b").storageIdentity(), storage);
        QCOMPARE(globals.at("L").items()[0].storageIdentity(), storage);
        QCOMPARE(globals.at("s").structure().find("f")->storageIdentity(), storage);

        run("b(1) = 7;");
        QVERIFY(globals.at("b").storageIdentity() != storage);
        QCOMPARE(globals.at("a").storageIdentity(), storage);
        QCOMPARE(globals.at("a").real()(0, 0), 0.0);
        QCOMPARE(globals.at("b").real()(0, 0), 7.0);

        // b is now alone: further writes keep its storage.
        const void* own = globals.at("b").storageIdentity();
        run("for k = 1:100\n  b(k) = k;\nend");
        QCOMPARE(globals.at("b").storageIdentity(), own);
        QCOMPARE(globals.at("b").real()(99, 0), 100.0);

        // A list written through L{k} keeps its storage when nobody else holds it.
        run("Q = {1, 2, 3};");
        const void* list = globals.at("Q").storageIdentity();
        run("for k = 1:3\n  Q{k} = k * 10;\nend");
        QCOMPARE(globals.at("Q").storageIdentity(), list);
        QCOMPARE(globals.at("Q").items()[2].real()(0, 0), 30.0);

        // A snapshot (the session's published globals) keeps its values when the run goes on.
        const lang::Globals snapshot = globals;
        run("b(1) = -1;\nQ{1} = -1;");
        QCOMPARE(snapshot.at("b").real()(0, 0), 1.0);
        QCOMPARE(snapshot.at("Q").items()[0].real()(0, 0), 10.0);
        QCOMPARE(globals.at("b").real()(0, 0), -1.0);
    }

    // An index may read the variable it assigns into.
    void indexReadsTheVariableItAssigns() {
        lang::Globals globals;
        lang::Interpreter interpreter(m_registry);
        const lang::RunResult r = interpreter.run(
            lang::parseProgram("x = [2 5 7];\nx(x(1)) = 9;\nL = {1, 2};\nL{L{1}} = 4;"), globals,
            lang::RunOptions{});
        QVERIFY(r.ok);
        QCOMPARE(asVec(globals.at("x")), (Vec{2, 9, 7}));
        QCOMPARE(globals.at("L").items()[0].real()(0, 0), 4.0);
    }

    // A builtin reads its matrix argument without a copy.
    void builtinsReadArgumentsInPlace() {
        builtins::Registry registry;
        const void* seen = nullptr;
        registry.add("peek", "peek(A)", "", [&](builtins::Call& c) {
            seen = c.matrix(0).memptr();
            return std::vector<Value>{};
        });
        lang::Globals globals;
        lang::Interpreter interpreter(registry);
        const lang::RunResult r = interpreter.run(
            lang::parseProgram("A = [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20];\n"
                               "peek(A);"),
            globals, lang::RunOptions{});
        QVERIFY(r.ok);
        QCOMPARE(seen, static_cast<const void*>(globals.at("A").real().memptr()));
    }

private:
    builtins::Registry m_registry;
};

QTEST_APPLESS_MAIN(tst_ValueSemantics)
#include "tst_ValueSemantics.moc"
