// Tests of the core builtins: construction, shape queries, constants, random numbers, help, and
// a few exact error messages.
#include <QTest>
#include <set>

#include "engine/Compare.h"
#include "engine/builtins/FakeContext.h"
#include "engine/core/MemoryBudget.h"

using lemma::builtins::KeywordArg;
using lemma::lang::Value;
using lemma::test::FakeContext;

class TstCoreBuiltins : public QObject {
    Q_OBJECT

private slots:
    void constructionShapes() {
        FakeContext ctx;
        QCOMPARE(ctx.mat("zeros", {2.0, 3.0}).n_rows, arma::uword{2});
        QCOMPARE(ctx.mat("zeros", {2.0, 3.0}).n_cols, arma::uword{3});
        QCOMPARE(ctx.mat("ones", {3.0}).n_elem, arma::uword{9});
        QCOMPARE(arma::accu(ctx.mat("ones", {3.0})), 9.0);
        const arma::mat z = ctx.mat("zeros", {Value(arma::mat{{2, 4}})});
        QCOMPARE(z.n_rows, arma::uword{2});
        QCOMPARE(z.n_cols, arma::uword{4});
        QVERIFY(ctx.mat("zeros", {-1.0}).is_empty());
        QVERIFY(arma::approx_equal(ctx.mat("eye", {2.0, 3.0}), arma::mat(arma::eye(2, 3)),
                                   "absdiff", 0.0));
        QCOMPARE(ctx.mat("zeros", {}).n_elem, arma::uword{1});
    }

    void linspaceAndLogspace() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("linspace", {0.0, 1.0, 5.0}),
                           arma::mat({{0.0, 0.25, 0.5, 0.75, 1.0}}), 0.0);
        const arma::mat hundred = ctx.mat("linspace", {-3.0, 7.1});
        QCOMPARE(hundred.n_cols, arma::uword{100});
        QCOMPARE(hundred(0), -3.0);
        QCOMPARE(hundred(99), 7.1);  // the end point is exact
        QCOMPARE(ctx.scalar("linspace", {2.0, 5.0, 1.0}), 5.0);
        LEMMA_COMPARE_NEAR(ctx.mat("logspace", {0.0, 2.0, 3.0}), arma::mat({{1.0, 10.0, 100.0}}),
                           1e-15);
        QCOMPARE(ctx.mat("logspace", {0.0, 1.0}).n_cols, arma::uword{50});
    }

    void repmatDiagReshape() {
        FakeContext ctx;
        LEMMA_COMPARE_NEAR(ctx.mat("repmat", {Value(arma::mat{{1, 2}}), 2.0, 2.0}),
                           arma::mat({{1, 2, 1, 2}, {1, 2, 1, 2}}), 0.0);
        QCOMPARE(ctx.value("repmat", {"ab", 1.0, 3.0}).string(), std::string("ababab"));
        // An empty string repeated any number of times is empty at once (it looped 10^12 times).
        QCOMPARE(ctx.value("repmat", {"", 1.0, 1e12}).string(), std::string());

        LEMMA_COMPARE_NEAR(ctx.mat("diag", {Value(arma::mat{{1, 2, 3}})}),
                           arma::mat({{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("diag", {Value(arma::mat{{1, 2}}), 1.0}),
                           arma::mat({{0, 1, 0}, {0, 0, 2}, {0, 0, 0}}), 0.0);
        const arma::mat A{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        LEMMA_COMPARE_NEAR(ctx.mat("diag", {Value(A)}), arma::vec({1, 5, 9}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("diag", {Value(A), -1.0}), arma::vec({4, 8}), 0.0);
        QVERIFY(ctx.mat("diag", {Value(A), 5.0}).is_empty());
        QCOMPARE(ctx.mat("diag", {Value(arma::mat())}).n_rows, arma::uword{0});

        // Column-major: the entries 1…6 fill the first column first.
        const Value row(arma::mat{{1, 2, 3, 4, 5, 6}});
        LEMMA_COMPARE_NEAR(ctx.mat("reshape", {row, 2.0, 3.0}), arma::mat({{1, 3, 5}, {2, 4, 6}}),
                           0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("reshape", {row, Value(arma::mat()), 2.0}),
                           arma::mat({{1, 4}, {2, 5}, {3, 6}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("reshape", {row, Value(arma::mat{{3, 2}})}),
                           arma::mat({{1, 4}, {2, 5}, {3, 6}}), 0.0);
        QCOMPARE(ctx.errorOf("reshape", {Value(arma::mat(2, 3, arma::fill::zeros)), 4.0, 2.0}),
                 std::string("reshape: cannot reshape 2×3 (6 elements) into 4×2 (8 elements)"));
        QCOMPARE(ctx.errorOf("reshape", {row, 4.0, Value(arma::mat())}),
                 std::string("reshape: cannot reshape 1×6 (6 elements) into 4 rows"));
        QVERIFY(ctx.value("reshape", {Value::logical(arma::mat{{1, 0}}), 2.0, 1.0}).isBool());
    }

    void concatenation() {
        FakeContext ctx;
        const Value a(arma::mat{{1, 2}, {3, 4}});
        const Value b(arma::mat(arma::vec{5, 6}));
        LEMMA_COMPARE_NEAR(ctx.mat("horzcat", {a, b}), arma::mat({{1, 2, 5}, {3, 4, 6}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("vertcat", {a, Value(arma::mat{{7, 8}})}),
                           arma::mat({{1, 2}, {3, 4}, {7, 8}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("cat", {2.0, a, Value(arma::mat()), b}),
                           arma::mat({{1, 2, 5}, {3, 4, 6}}), 0.0);
        QCOMPARE(ctx.errorOf("horzcat", {a, Value(arma::mat(arma::vec{1, 2, 3}))}),
                 std::string("horzcat: dimension mismatch: 2×2 beside 3×1"));
        QCOMPARE(ctx.errorOf("vertcat", {a, b}),
                 std::string("vertcat: dimension mismatch: 2×2 above 2×1"));
        QCOMPARE(ctx.value("horzcat", {"ab", "cd"}).string(), std::string("abcd"));
        QVERIFY(ctx.value("horzcat", {Value(std::complex<double>(0, 1)), 1.0}).isComplex());
        QVERIFY(ctx.value("vertcat", {Value::boolean(true), Value::boolean(false)}).isBool());
    }

    void triangles() {
        FakeContext ctx;
        const Value ones(arma::mat(3, 3, arma::fill::ones));
        LEMMA_COMPARE_NEAR(ctx.mat("tril", {ones}), arma::mat({{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}),
                           0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("triu", {ones, 1.0}),
                           arma::mat({{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}), 0.0);
        LEMMA_COMPARE_NEAR(ctx.mat("fliplr", {Value(arma::mat{{1, 2, 3}})}), arma::mat({{3, 2, 1}}),
                           0.0);
    }

    void shapeQueries() {
        FakeContext ctx;
        const Value a(arma::mat(2, 3, arma::fill::zeros));
        LEMMA_COMPARE_NEAR(ctx.mat("size", {a}), arma::mat({{2, 3}}), 0.0);
        const auto rc = ctx.run("size", {a}, 2);
        QCOMPARE(rc.size(), std::size_t{2});
        QCOMPARE(rc[0].real()(0), 2.0);
        QCOMPARE(rc[1].real()(0), 3.0);
        QCOMPARE(ctx.scalar("size", {a, 2.0}), 3.0);
        QCOMPARE(ctx.scalar("size", {a, 3.0}), 1.0);
        QCOMPARE(ctx.scalar("numel", {a}), 6.0);
        QCOMPARE(ctx.scalar("rows", {a}), 2.0);
        QCOMPARE(ctx.scalar("cols", {a}), 3.0);
        QCOMPARE(ctx.scalar("length", {a}), 3.0);
        QCOMPARE(ctx.scalar("length", {Value(arma::mat(0, 5))}), 0.0);
        QCOMPARE(ctx.scalar("numel", {"abcd"}), 4.0);
        QVERIFY(ctx.value("isempty", {Value(arma::mat())}).isTrue());
        QVERIFY(ctx.value("isempty", {""}).isTrue());
        QVERIFY(!ctx.value("isempty", {a}).isTrue());
        QVERIFY(ctx.value("isscalar", {5.0}).isTrue());
        QVERIFY(!ctx.value("isscalar", {a}).isTrue());
        QVERIFY(ctx.value("isvector", {Value(arma::mat{{1, 2, 3}})}).isTrue());
        QVERIFY(!ctx.value("isvector", {a}).isTrue());
        QVERIFY(ctx.value("isvector", {5.0}).isBool());
        QCOMPARE(ctx.value("class", {Value::boolean(true)}).string(), std::string("logical"));
        QCOMPARE(ctx.value("class", {"x"}).string(), std::string("string"));
    }

    void isequalCompares() {
        FakeContext ctx;
        const Value a(arma::mat{{1, 2}});
        QVERIFY(ctx.value("isequal", {a, Value(arma::mat{{1, 2}})}).isTrue());
        QVERIFY(!ctx.value("isequal", {a, Value(arma::mat(arma::vec{1, 2}))}).isTrue());
        QVERIFY(ctx.value("isequal", {Value::boolean(true), 1.0}).isTrue());
        QVERIFY(!ctx.value("isequal", {arma::datum::nan, arma::datum::nan}).isTrue());
        QVERIFY(ctx.value("isequal", {"ab", "ab", "ab"}).isTrue());
        QVERIFY(!ctx.value("isequal", {"ab", 1.0}).isTrue());
    }

    void constants() {
        FakeContext ctx;
        QCOMPARE(ctx.scalar("pi", {}), arma::datum::pi);
        QCOMPARE(ctx.scalar("e", {}), std::exp(1.0));
        QVERIFY(std::isinf(ctx.scalar("Inf", {})));
        QVERIFY(std::isnan(ctx.scalar("NaN", {})));
        QCOMPARE(ctx.scalar("eps", {}), std::numeric_limits<double>::epsilon());
        QCOMPARE(ctx.scalar("eps", {1.0}), std::numeric_limits<double>::epsilon());
        QCOMPARE(ctx.scalar("eps", {1024.0}), 1024 * std::numeric_limits<double>::epsilon());
        QCOMPARE(ctx.mat("NaN", {2.0, 3.0}).n_elem, arma::uword{6});
    }

    void sameSeedSameNumbers() {
        FakeContext a(7);
        FakeContext b(7);
        const arma::mat x = a.mat("rand", {3.0, 4.0});
        QVERIFY(arma::approx_equal(x, b.mat("rand", {3.0, 4.0}), "absdiff", 0.0));
        QVERIFY(arma::all(arma::vectorise(x) > 0.0) && arma::all(arma::vectorise(x) < 1.0));
        // The generator moves on: the next draw differs.
        QVERIFY(!arma::approx_equal(x, a.mat("rand", {3.0, 4.0}), "absdiff", 0.0));
        // rng(seed) restarts it.
        a.run("rng", {7.0});
        QVERIFY(arma::approx_equal(x, a.mat("rand", {3.0, 4.0}), "absdiff", 0.0));
        a.run("rng", {8.0});
        QVERIFY(!arma::approx_equal(x, a.mat("rand", {3.0, 4.0}), "absdiff", 0.0));
        // randn also follows the seed.
        FakeContext c(11);
        FakeContext d(11);
        QVERIFY(arma::approx_equal(c.mat("randn", {5.0}), d.mat("randn", {5.0}), "absdiff", 0.0));
    }

    void randomDistributions() {
        FakeContext ctx;
        const arma::mat u = ctx.mat("rand", {200000.0, 1.0});
        LEMMA_COMPARE_NEAR(arma::mean(arma::vectorise(u)), 0.5, 0.005);
        LEMMA_COMPARE_NEAR(arma::var(arma::vectorise(u)), 1.0 / 12.0, 0.002);
        const arma::mat z = ctx.mat("randn", {200000.0, 1.0});
        LEMMA_COMPARE_NEAR(arma::mean(arma::vectorise(z)), 0.0, 0.01);
        LEMMA_COMPARE_NEAR(arma::var(arma::vectorise(z)), 1.0, 0.01);

        const arma::mat k = ctx.mat("randi", {Value(arma::mat{{-2, 3}}), 1.0, 6000.0});
        QCOMPARE(k.min(), -2.0);
        QCOMPARE(k.max(), 3.0);
        QVERIFY(arma::approx_equal(k, arma::round(k), "absdiff", 0.0));
        QCOMPARE(ctx.mat("randi", {10.0, 2.0, 3.0}).n_elem, arma::uword{6});

        const arma::mat p = ctx.mat("randperm", {10.0});
        LEMMA_COMPARE_NEAR(arma::mat(arma::sort(p, "ascend", 1)),
                           arma::mat(arma::linspace<arma::rowvec>(1, 10, 10)), 0.0);
        QCOMPARE(ctx.mat("randperm", {10.0, 3.0}).n_elem, arma::uword{3});
        QCOMPARE(ctx.errorOf("randi", {Value(arma::mat{{3, 1}})}),
                 std::string("randi: the range 3…1 is empty"));
    }

    void everyBuiltinHasHelp() {
        const auto registry = lemma::builtins::Registry::standard();
        const auto names = registry.names();
        QVERIFY(names.size() > 150);
        for (const auto& name : names) {
            const auto* b = registry.find(name);
            QVERIFY2(!b->usage.empty(), name.c_str());
            QVERIFY2(!b->help.empty(), name.c_str());
            QVERIFY2(b->help.find('\n') == std::string::npos, name.c_str());
            QVERIFY2(b->usage.find(name) != std::string::npos, name.c_str());
        }
    }

    void helpText() {
        FakeContext ctx;
        ctx.run("help", {"svd"});
        const std::string svd = ctx.takeText();
        const auto* b = ctx.registry().find("svd");
        QCOMPARE(svd, b->usage + "\n    " + b->help + "\n  Example:\n    s = svd(magic(3))\n");
        ctx.run("help", {});
        const std::string index = ctx.takeText();
        for (const char* family : {"core", "linalg", "decompositions", "reductions", "random"})
            QVERIFY2(index.find(std::string("\n  ") + family + " — ") != std::string::npos, family);
        // Every builtin appears in the index.
        for (const auto& name : ctx.registry().names())
            QVERIFY2(index.find(" " + name) != std::string::npos, name.c_str());
        ctx.run("help", {"linalg"});
        const std::string linalg = ctx.takeText();
        QVERIFY(linalg.find("inv(A)\n") != std::string::npos);
        QVERIFY(linalg.find("svd(") == std::string::npos);
        QCOMPARE(ctx.errorOf("help", {"foo"}), std::string("help: no builtin named 'foo'"));
    }

    // No shell, no network, no file writes from the language: none of MATLAB's and Octave's
    // names for them exists, and fprintf writes only to the output and the error stream.
    void theLanguageCannotReachOutside() {
        const auto registry = lemma::builtins::Registry::standard();
        for (const char* name :
             {"system",      "unix",     "dos",      "shell_cmd",  "popen",   "exec",     "eval",
              "evalin",      "urlread",  "urlwrite", "webread",    "websave", "webwrite", "ftp",
              "tcpclient",   "udpport",  "fopen",    "fwrite",     "fputs",   "fdisp",    "save",
              "writematrix", "csvwrite", "dlmwrite", "writetable", "mkdir",   "rmdir",    "delete",
              "movefile",    "copyfile", "cd",       "setenv",     "putenv",  "java",     "py",
              "python",      "perl"})
            QVERIFY2(!registry.find(name), name);
        FakeContext ctx;
        QCOMPARE(ctx.errorOf("fprintf", {3.0, std::string("x")}, 0),
                 std::string("fprintf: only 1 (output) and 2 (errors) can be written; notebooks "
                             "write no files"));
    }

    // Budget messages write each argument as the language would: logicals as true and false,
    // not as the numbers "[0]" and "[1 0]".
    void budgetMessagesWriteLogicalsAsWords() {
        FakeContext ctx;
        ctx.runState<lemma::MemoryBudget>() = lemma::MemoryBudget(std::uint64_t(1) << 30);
        QCOMPARE(ctx.errorOf("repmat", {Value::logical(arma::mat{1.0}), 1e6, 1e6}),
                 std::string("repmat(true, 1e6, 1e6): 7.3 TiB requested, budget 1 GiB"));
        QCOMPARE(ctx.errorOf("repmat", {Value::logical(arma::mat{0.0}), 1e6, 1e6}),
                 std::string("repmat(false, 1e6, 1e6): 7.3 TiB requested, budget 1 GiB"));
        QCOMPARE(ctx.errorOf("repmat", {Value::logical(arma::mat{{1.0, 0.0}}), 1e6, 1e6}),
                 std::string("repmat([true false], 1e6, 1e6): 14.6 TiB requested, budget 1 GiB"));
        QCOMPARE(ctx.errorOf("repmat", {Value(arma::mat{{1.0, 0.0}}), 1e6, 1e6}),
                 std::string("repmat([1 0], 1e6, 1e6): 14.6 TiB requested, budget 1 GiB"));
    }

    // strsplit collapses runs of delimiters unless told not to, as MATLAB does: a text of n
    // commas splits into 2 empty parts by default and n + 1 with "CollapseDelimiters", false
    // (the "2 parts" once reported for 2×10^7 commas is this default, not a lost count).
    void strsplitCountsEveryPartWithoutCollapsing() {
        FakeContext ctx;
        const Value commas(std::string(",,,"));
        QCOMPARE(ctx.value("strsplit", {commas, std::string(",")}).items().size(), std::size_t(2));
        const Value parts =
            ctx.value("strsplit", {commas, std::string(","), std::string("CollapseDelimiters"),
                                   Value::logical(arma::mat{0.0})});
        QCOMPARE(parts.items().size(), std::size_t(4));
        for (const Value& p : parts.items())
            QCOMPARE(p.string(), std::string());
        QCOMPARE(ctx.value("strsplit", {std::string("a,,b"), std::string(",")}).items().size(),
                 std::size_t(2));
        // Past the chunks where strsplit polls Stop and checks the budget, the count holds.
        const Value many =
            ctx.value("strsplit", {Value(std::string(2'000'000, ',')), std::string(","),
                                   std::string("CollapseDelimiters"), false});
        QCOMPARE(many.items().size(), std::size_t(2'000'001));
        QCOMPARE(ctx.value("strsplit", {Value(std::string(2'000'000, ',')), std::string(",")})
                     .items()
                     .size(),
                 std::size_t(2));
    }

    void errorMessages() {
        FakeContext ctx;
        QCOMPARE(ctx.errorOf("zeros", {1.5}),
                 std::string("zeros: argument 1 must be an integer size, got 1.5"));
        QVERIFY(ctx.errorOf("zeros", {1e6, 1e6})
                    .starts_with("zeros(1e6, 1e6): 7.3 TiB requested, budget "));
        QCOMPARE(ctx.errorOf("eye", {1.0, 2.0, 3.0}),
                 std::string("eye: expected 0 to 2 arguments, got 3"));
        QCOMPARE(ctx.errorOf("numel", {}), std::string("numel: expected 1 argument, got 0"));
        QCOMPARE(ctx.errorOf("cat", {3.0, 1.0}),
                 std::string("cat: dimension must be 1 or 2, got 3"));
        QCOMPARE(ctx.errorOf("sum", {Value(arma::mat{{1, 2}})}, 1, {KeywordArg{"dim", 3.0}}),
                 std::string("sum: dimension must be 1 or 2, got 3"));
        QCOMPARE(ctx.errorOf("sum", {1.0}, 1, {KeywordArg{"dims", 1.0}}),
                 std::string("sum: unknown keyword argument 'dims'"));
    }
};

QTEST_APPLESS_MAIN(TstCoreBuiltins)
#include "tst_CoreBuiltins.moc"
