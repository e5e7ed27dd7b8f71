// The engine's layers point one way: no Qt header under engine/, and a file in one engine folder
// includes only the engine folders below it.
//
// The order, bottom to top (each folder may include itself and any folder before it):
//
//   core      Value, Error, ValueSummary: the vocabulary every layer speaks
//   math      the mathematics on Armadillo matrices (throws core's Error)
//   output    what a run produces (text, displays, figures, controls) and how values print
//   lang      lexer, parser, interpreter, and the builtin contract (Context, Call, Registry)
//   builtins  the function library, written against lang's contract
//   notebook  cells, the dependency graph, the session and its worker
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace {
// Built from pieces: moc's preprocessor misreads a raw string that holds a #include.
QString qtIncludePattern() {
    const QString hash = QStringLiteral("#");
    return "^\\s*" + hash + "\\s*include\\s*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/[^>\"]*)[>\"]";
}

QString engineIncludePattern() {
    const QString hash = QStringLiteral("#");
    return "^\\s*" + hash + "\\s*include\\s*\"engine/([A-Za-z_]+)/[^\"]+\"";
}

const QStringList& layerOrder() {
    static const QStringList order = {"core", "math", "output", "lang", "builtins", "notebook"};
    return order;
}

// Whether a file in folder `from` may include a header of folder `to`.
bool allowed(const QString& from, const QString& to) {
    const qsizetype a = layerOrder().indexOf(from);
    const qsizetype b = layerOrder().indexOf(to);
    return a >= 0 && b >= 0 && b <= a;
}

// Every (folder, included folder, line) of the engine's sources.
struct EngineInclude {
    QString file;
    QString from;
    QString to;
    QString line;
};

QList<EngineInclude> engineIncludes(int* files) {
    const QRegularExpression include(engineIncludePattern(), QRegularExpression::MultilineOption);
    const QString root = QStringLiteral(LEMMA_SOURCE_DIR "/engine/");
    QDirIterator it(root, {"*.h", "*.cpp"}, QDir::Files, QDirIterator::Subdirectories);
    QList<EngineInclude> result;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        ++*files;
        const QString relative = path.mid(root.size());
        const QString folder = relative.section('/', 0, 0);
        auto matches = include.globalMatch(QString::fromUtf8(f.readAll()));
        while (matches.hasNext()) {
            const auto m = matches.next();
            result.append({relative, folder, m.captured(1), m.captured(0).trimmed()});
        }
    }
    return result;
}
}  // namespace

class tst_EngineLayering : public QObject {
    Q_OBJECT

private slots:
    void noQtHeaderUnderEngine() {
        const QRegularExpression qtInclude(qtIncludePattern(), QRegularExpression::MultilineOption);
        QDirIterator it(QStringLiteral(LEMMA_SOURCE_DIR "/engine"), {"*.h", "*.cpp"}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        QStringList offenders;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            const auto match = qtInclude.match(QString::fromUtf8(f.readAll()));
            if (match.hasMatch())
                offenders << f.fileName() + ": " + match.captured(0).trimmed();
        }
        QVERIFY2(files > 10, "the engine's sources were not found");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join('\n')));
    }

    // The pattern itself must catch both spellings, or the test above could never fail.
    void patternCatchesQtIncludes() {
        const QRegularExpression qtInclude(qtIncludePattern(), QRegularExpression::MultilineOption);
        QVERIFY(qtInclude.match("#include <QString>").hasMatch());
        QVERIFY(qtInclude.match("  #include \"QtCore/qglobal.h\"").hasMatch());
        QVERIFY(!qtInclude.match("#include <armadillo>").hasMatch());
        QVERIFY(!qtInclude.match("#include \"engine/core/Value.h\"").hasMatch());
    }

    // Every engine folder is in the documented order, so a new folder must be placed in it.
    void everyFolderHasALayer() {
        QDir engine(QStringLiteral(LEMMA_SOURCE_DIR "/engine"));
        const QStringList folders = engine.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(!folders.isEmpty());
        for (const QString& folder : folders)
            QVERIFY2(layerOrder().contains(folder),
                     qPrintable("engine/" + folder + " is missing from the layer order"));
        for (const QString& folder : layerOrder())
            QVERIFY2(folders.contains(folder), qPrintable("engine/" + folder + " does not exist"));
    }

    void includesPointDown() {
        int files = 0;
        const QList<EngineInclude> includes = engineIncludes(&files);
        QVERIFY2(files > 10, "the engine's sources were not found");
        QVERIFY(includes.size() > files / 2);
        QStringList offenders;
        for (const EngineInclude& inc : includes) {
            if (!allowed(inc.from, inc.to))
                offenders
                    << "engine/" + inc.file + ": " + inc.line + " (" + inc.from +
                           " may include only " +
                           layerOrder().mid(0, layerOrder().indexOf(inc.from) + 1).join(", ") + ")";
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join('\n')));
    }

    // The checks above could never fail if the pattern or the order let everything through.
    void checkCatchesUpwardIncludes() {
        const QRegularExpression include(engineIncludePattern(),
                                         QRegularExpression::MultilineOption);
        const auto m = include.match("  #include \"engine/builtins/Support.h\"");
        QVERIFY(m.hasMatch());
        QCOMPARE(m.captured(1), QStringLiteral("builtins"));
        QVERIFY(!include.match("#include <armadillo>").hasMatch());
        QVERIFY(allowed("lang", "output"));
        QVERIFY(allowed("lang", "lang"));
        QVERIFY(allowed("notebook", "core"));
        QVERIFY(!allowed("lang", "builtins"));
        QVERIFY(!allowed("output", "lang"));
        QVERIFY(!allowed("math", "output"));
        QVERIFY(!allowed("core", "math"));
        QVERIFY(!allowed("lang", "nowhere"));
    }
};

QTEST_APPLESS_MAIN(tst_EngineLayering)
#include "tst_EngineLayering.moc"
