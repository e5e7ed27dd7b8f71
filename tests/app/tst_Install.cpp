// `make install` (CMake's install step) into a temporary prefix: the binary runs, and the
// desktop gets what it needs to open notebooks with a double-click: a .desktop entry, an icon,
// and a MIME type for Lemma notebooks (registered in the prefix's MIME database).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

QString buildDir() {
    // LEMMA_BINARY is <build>/app/lemma.
    return QFileInfo(QStringLiteral(LEMMA_BINARY)).dir().absoluteFilePath(QStringLiteral(".."));
}

QString run(const QString& program, const QStringList& args, int* exitCode) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        *exitCode = -1;
        return QStringLiteral("timed out");
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAll());
}

}  // namespace

class tst_Install : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_prefix.isValid());
        const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
        if (cmake.isEmpty())
            QSKIP("cmake is not on the PATH");
        int code = 0;
        const QString out =
            run(cmake, {"--install", buildDir(), "--prefix", m_prefix.path()}, &code);
        QVERIFY2(code == 0, qPrintable(out));
    }

    void binaryRuns() {
        const QString lemma = m_prefix.path() + "/bin/lemma";
        QVERIFY(QFileInfo(lemma).isExecutable());
        int code = 0;
        const QString out = run(lemma, {"--version"}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.startsWith("lemma "), qPrintable(out));
    }

    void desktopEntryOpensNotebooks() {
        const QString file = m_prefix.path() + "/share/applications/lemma.desktop";
        QVERIFY(QFile::exists(file));
        // key=value lines under [Desktop Entry] (QSettings would read ';' as a comment).
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n');
        QCOMPARE(lines.first(), QString("[Desktop Entry]"));
        QMap<QString, QString> entry;
        for (const QString& line : lines.mid(1)) {
            const qsizetype eq = line.indexOf('=');
            if (eq > 0)
                entry.insert(line.left(eq), line.mid(eq + 1));
        }
        QCOMPARE(entry["Type"], QString("Application"));
        QCOMPARE(entry["Name"], QString("Lemma"));
        QCOMPARE(entry["Exec"], QString("lemma %f"));
        QCOMPARE(entry["Icon"], QString("lemma"));
        const QStringList mime = entry["MimeType"].split(';', Qt::SkipEmptyParts);
        QCOMPARE(mime, (QStringList{"text/x-lemma-notebook", "text/markdown"}));
    }

    void iconsAreValidSvg() {
        for (const char* path :
             {"/share/icons/hicolor/scalable/apps/lemma.svg",
              "/share/icons/hicolor/scalable/mimetypes/text-x-lemma-notebook.svg"}) {
            QSvgRenderer svg(m_prefix.path() + path);
            QVERIFY2(svg.isValid(), path);
            QCOMPARE(svg.defaultSize(), QSize(256, 256));
        }
    }

    void mimeTypeIsDefinedAndRegistered() {
        const QString package = m_prefix.path() + "/share/mime/packages/lemma-notebook.xml";
        QFile f(package);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        QString type;
        QStringList globs;
        QString parent;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("mime-type"))
                type = xml.attributes().value("type").toString();
            else if (xml.name() == QLatin1String("glob"))
                globs << xml.attributes().value("pattern").toString();
            else if (xml.name() == QLatin1String("sub-class-of"))
                parent = xml.attributes().value("type").toString();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(type, QString("text/x-lemma-notebook"));
        QCOMPARE(globs, QStringList{"*.lemma.md"});
        QCOMPARE(parent, QString("text/markdown"));

        // The install step ran update-mime-database on the prefix when it is available.
        if (QStandardPaths::findExecutable("update-mime-database").isEmpty())
            QSKIP("update-mime-database is not installed");
        QVERIFY(QFile::exists(m_prefix.path() + "/share/mime/text/x-lemma-notebook.xml"));
        QFile globs2(m_prefix.path() + "/share/mime/globs2");
        QVERIFY(globs2.open(QIODevice::ReadOnly));
        QVERIFY(globs2.readAll().contains("text/x-lemma-notebook:*.lemma.md"));
    }

private:
    QTemporaryDir m_prefix;
};

QTEST_GUILESS_MAIN(tst_Install)
#include "tst_Install.moc"
