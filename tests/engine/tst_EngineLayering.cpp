// The engine stays Qt-free: no file under engine/ includes a Qt header.
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
        QVERIFY(!qtInclude.match("#include \"engine/lang/Value.h\"").hasMatch());
    }
};

QTEST_APPLESS_MAIN(tst_EngineLayering)
#include "tst_EngineLayering.moc"
