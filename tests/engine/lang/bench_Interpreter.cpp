// How fast the interpreter runs scalar code and hands large values around: a scalar loop, a
// user function called from a builtin, a 4096×4096 matrix passed through a builtin, a struct
// field and a list (each should cost what a reference count costs, not a 128 MB copy), and
// the NaN/Inf origin check's scan of results, on and off.
#include <QtTest>

#include "engine/lang/Builtin.h"
#include "engine/lang/Interpreter.h"
#include "engine/lang/Parser.h"

using namespace lemma;

class bench_Interpreter : public QObject {
    Q_OBJECT

private:
    void runOnce(const std::string& source) {
        const auto program = lang::parseProgram(source);
        lang::RunResult r;
        QBENCHMARK {
            r = m_interpreter.run(program, m_globals, lang::RunOptions{});
        }
        QVERIFY(r.ok);
    }

    builtins::Registry m_registry = builtins::Registry::standard();
    lang::Interpreter m_interpreter{m_registry};
    lang::Globals m_globals;

private slots:
    // 10⁶ iterations of one scalar statement: divide the time by 10⁶ for the cost per step.
    void scalarLoop() { runOnce("s = 0;\nfor i = 1:1e6\n  s = s + i * 2;\nend"); }

    // A while loop with a comparison and two statements per step (10⁶ steps).
    void whileLoop() { runOnce("k = 0;\nt = 0;\nwhile k < 1e6\n  k = k + 1;\n  t = t - k;\nend"); }

    // Filling a preallocated vector element by element (10⁶ writes).
    void fillVector() { runOnce("x = zeros(1, 1e6);\nfor k = 1:1e6\n  x(k) = k;\nend"); }

    // 10⁵ calls of an anonymous function from a builtin (arrayfun-like: ctx.call).
    void callFromBuiltin() {
        runOnce(
            "f = @(x) x * 2 + 1;\nv = 1:1e5;\nfor k = 1:10\n  s = sum(v);\nend\n"
            "g = @(t) f(t) - 1;\nfor k = 1:1e5\n  y = g(k);\nend");
    }

    // The NaN/Inf origin check scans every non-scalar result once: the same element-wise work
    // on 1000×1000 matrices (200 results of 8 MB) with the check on and, in the next row, off.
    // The difference is the scan's cost.
    void elementwiseNanCheckOn() {
        runOnce("A = rand(1000);\nfor k = 1:100\n  B = A .* A + A;\nend");
    }
    void elementwiseNanCheckOff() {
        runOnce("nancheck off\nA = rand(1000);\nfor k = 1:100\n  B = A .* A + A;\nend");
    }
    // Builtin results are scanned too: exp of a 1000×1000 matrix, 100 times, on and off.
    void builtinNanCheckOn() { runOnce("A = rand(1000);\nfor k = 1:100\n  B = exp(A);\nend"); }
    void builtinNanCheckOff() {
        runOnce("nancheck off\nA = rand(1000);\nfor k = 1:100\n  B = exp(A);\nend");
    }

    // A 4096×4096 matrix passed through a builtin, a struct field and a list, 100 times each.
    void passLargeMatrix() {
        m_globals.clear();  // s is a number after scalarLoop: s.w = W would be an error
        m_globals["W"] = lang::Value(arma::mat(4096, 4096, arma::fill::ones));
        runOnce(
            "for k = 1:100\n  n = numel(W);\n  s.w = W;\n  V = s.w;\n  L = {W, V};\n"
            "  U = L{2};\n  r = size(U, 1);\nend");
    }
};

QTEST_APPLESS_MAIN(bench_Interpreter)
#include "bench_Interpreter.moc"
