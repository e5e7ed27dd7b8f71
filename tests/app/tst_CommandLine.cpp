// Parsing of the lemma command line: modes, options and the errors for bad arguments.
#include <QtTest>

#include "app/CommandLine.h"

using lemma::app::CommandLine;

namespace {
CommandLine parse(const QStringList& args) {
    std::vector<std::string> v;
    for (const auto& a : args)
        v.push_back(a.toStdString());
    return CommandLine::parse(v);
}
}  // namespace

class tst_CommandLine : public QObject {
    Q_OBJECT

private slots:
    void modes() {
        QCOMPARE(parse({}).mode, CommandLine::Mode::Gui);
        QCOMPARE(parse({"nb.md"}).file, std::string("nb.md"));
        QCOMPARE(parse({"--help"}).mode, CommandLine::Mode::Help);
        QCOMPARE(parse({"--version"}).mode, CommandLine::Mode::Version);
        QCOMPARE(parse({"run", "--help"}).mode, CommandLine::Mode::Help);
    }

    void runOptions() {
        const auto cl = parse({"run", "nb.md", "--json", "--set", "lr=0.01", "--set=n=4"});
        QVERIFY(cl.error.empty());
        QCOMPARE(cl.mode, CommandLine::Mode::Run);
        QCOMPARE(cl.file, std::string("nb.md"));
        QVERIFY(cl.json);
        QCOMPARE(cl.sets.size(), std::size_t(2));
        QCOMPARE(cl.sets[0].first, std::string("lr"));
        QCOMPARE(cl.sets[0].second, std::string("0.01"));
        QCOMPARE(cl.sets[1].first, std::string("n"));
        QCOMPARE(cl.sets[1].second, std::string("4"));
        QVERIFY(parse({"run", "--tour"}).tour);
    }

    void bounds() {
        const auto cl = parse({"run", "nb.md", "--timeout", "2.5", "--memory", "12G"});
        QVERIFY(cl.error.empty());
        QCOMPARE(cl.timeout, 2.5);
        QCOMPARE(cl.memory, std::uint64_t{12} << 30);
        const auto e = parse({"export", "nb.md", "-o", "r.pdf", "--timeout=60", "--memory=512M"});
        QVERIFY(e.error.empty());
        QCOMPARE(e.timeout, 60.0);
        QCOMPARE(e.memory, std::uint64_t{512} << 20);
        QCOMPARE(parse({"run", "nb.md"}).timeout, 0.0);
        QCOMPARE(parse({"run", "nb.md"}).memory, std::uint64_t{0});
    }

    void errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("no file") << QStringList{"run"} << "run needs a notebook FILE (or --tour)";
        QTest::newRow("set without value")
            << QStringList{"run", "a.md", "--set"} << "--set needs NAME=VALUE";
        QTest::newRow("set without =") << QStringList{"run", "a.md", "--set", "lr"}
                                       << "--set lr: expected NAME=VALUE, e.g. --set lr=0.01";
        QTest::newRow("set bad name") << QStringList{"run", "a.md", "--set", "1x=2"}
                                      << "--set 1x=2: expected NAME=VALUE, e.g. --set lr=0.01";
        QTest::newRow("unknown option")
            << QStringList{"run", "a.md", "--jsn"} << "unknown option '--jsn'";
        QTest::newRow("two files") << QStringList{"run", "a.md", "b.md"}
                                   << "unexpected argument 'b.md' (only one notebook file)";
        QTest::newRow("file and tour")
            << QStringList{"run", "a.md", "--tour"} << "run takes a FILE or --tour, not both";
        QTest::newRow("json outside run") << QStringList{"--json"} << "unknown option '--json'";
        QTest::newRow("timeout without value")
            << QStringList{"run", "a.md", "--timeout"}
            << "--timeout needs a number of seconds, e.g. --timeout 60";
        QTest::newRow("timeout not a number")
            << QStringList{"run", "a.md", "--timeout", "soon"}
            << "--timeout soon: expected a positive number of seconds";
        QTest::newRow("timeout zero") << QStringList{"run", "a.md", "--timeout=0"}
                                      << "--timeout 0: expected a positive number of seconds";
        QTest::newRow("memory without value")
            << QStringList{"run", "a.md", "--memory"} << "--memory needs a size, e.g. --memory 12G";
        QTest::newRow("memory bad suffix")
            << QStringList{"export", "a.md", "-o", "r.pdf", "--memory", "12X"}
            << "--memory 12X: expected a size with K, M, G or T, e.g. 512M or 12G";
        QTest::newRow("timeout outside run")
            << QStringList{"--timeout", "2"} << "unknown option '--timeout'";
    }
    void errors() {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        QCOMPARE(QString::fromStdString(parse(args).error), error);
    }
};

QTEST_APPLESS_MAIN(tst_CommandLine)
#include "tst_CommandLine.moc"
