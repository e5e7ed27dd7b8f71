// `lemma export` end to end: the real executable, without a display, checked with poppler's
// tools (pdfinfo, pdftotext, pdffonts, pdfimages, pdftohtml, pdftoppm; qpdf when installed) as
// a reader's viewer would see the file.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args, bool display = false) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!display) {
        // Headless as on a server: no display and no platform chosen for it.
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    }
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

Run lemma(const QStringList& args) {
    return run(QStringLiteral(LEMMA_BINARY), args);
}

QString example(const QString& name) {
    return QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks/") + name;
}

QStringList examples() {
    return QDir(QStringLiteral(LEMMA_SOURCE_DIR "/resources/notebooks"))
        .entryList({QStringLiteral("*.md")}, QDir::Files);
}

// The headings of a notebook's Markdown (outside code fences), as a reader sees them.
QStringList headingsOf(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    QStringList out;
    bool fence = false;
    static const QRegularExpression heading(QStringLiteral("^#{1,6}\\s+(.*?)\\s*#*$"));
    for (const QString& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("```")))
            fence = !fence;
        const auto m = heading.match(line);
        if (!fence && m.hasMatch() && !m.captured(1).contains(QLatin1Char('$')))
            out << m.captured(1);
    }
    return out;
}

// pdftotext's text, with runs of white space made single spaces.
QString pdfText(const QString& pdf) {
    const Run r =
        run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    // Ligatures (ﬁ, ﬂ, ﬀ, ﬃ, ﬄ) come out as one character: read them as their letters.
    QString text = r.out;
    const std::pair<const char16_t*, const char*> ligatures[] = {{u"\uFB00", "ff"},
                                                                 {u"\uFB01", "fi"},
                                                                 {u"\uFB02", "fl"},
                                                                 {u"\uFB03", "ffi"},
                                                                 {u"\uFB04", "ffl"}};
    for (const auto& [lig, letters] : ligatures)
        text.replace(QString::fromUtf16(lig), QLatin1String(letters));
    return text.simplified();
}

// The outline pdftohtml reads from a PDF: "level|page|title" per bookmark, in order.
QStringList outlineOf(const QString& pdf) {
    const Run r =
        run(QStringLiteral("pdftohtml"),
            {QStringLiteral("-xml"), QStringLiteral("-stdout"), QStringLiteral("-i"), pdf});
    QStringList out;
    QXmlStreamReader xml(r.out);
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("outline"))
            ++depth;
        else if (xml.isEndElement() && xml.name() == QLatin1String("outline"))
            --depth;
        else if (xml.isStartElement() && xml.name() == QLatin1String("item")) {
            const QString page = xml.attributes().value(QStringLiteral("page")).toString();
            out << QStringLiteral("%1|%2|%3").arg(depth).arg(page, xml.readElementText());
        }
    }
    return out;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

}  // namespace

class TestExportCommand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void examplesExport_data();
    void examplesExport();
    void letterAndHiddenCode();
    void linePlotsStayVector();
    void authorIsInTheXmpMetadata();
    void failedCellWritesNothing();
    void nanAndInfNeverBreakAReport();
    void timeoutStopsTheExport();
    void allowErrorsWritesTheReport();
    void badArguments_data();
    void badArguments();
    void neverLeavesAPartialFile();
    void htmlIsSelfContained_data();
    void htmlIsSelfContained();
    void outlineNestsTheHeadings();
    void noHeadingsNoOutline();
    void longTableRepeatsItsHeaderOnEveryPage();

private:
    QTemporaryDir m_dir;
};

void TestExportCommand::initTestCase() {
    QVERIFY(m_dir.isValid());
    for (const char* tool :
         {"pdfinfo", "pdftotext", "pdffonts", "pdfimages", "pdftohtml", "pdftoppm"})
        QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                 "poppler-utils is missing (scripts/install-deps.sh installs it)");
}

void TestExportCommand::examplesExport_data() {
    QTest::addColumn<QString>("name");
    for (const QString& name : examples())
        QTest::newRow(qPrintable(name)) << name;
}

void TestExportCommand::examplesExport() {
    QFETCH(QString, name);
    const QString pdf = m_dir.filePath(name + QStringLiteral(".pdf"));
    const Run r = lemma({QStringLiteral("export"), example(name), QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QFileInfo::exists(pdf));

    const Run info = run(QStringLiteral("pdfinfo"), {pdf});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.out.contains(QRegularExpression(QStringLiteral("Creator:\\s+Lemma \\d"))),
             qPrintable(info.out));
    QVERIFY(info.out.contains(QRegularExpression(QStringLiteral("Title:\\s+\\S"))));
    QVERIFY(info.out.contains(QStringLiteral("A4")));
    const auto pages =
        QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out).captured(1).toInt();
    QVERIFY(pages >= 1);

    const QString text = pdfText(pdf);
    for (const QString& h : headingsOf(example(name)))
        QVERIFY2(text.contains(h.simplified()),
                 qPrintable(QStringLiteral("heading missing: ") + h));
    QVERIFY(text.contains(QStringLiteral("Reproducibility")));
    QVERIFY(text.contains(QStringLiteral("SHA-256")));
    // Math is typeset, not left as TeX source (code, which may hold TeX in strings, hidden).
    const QString proseOnly = m_dir.filePath(name + QStringLiteral(".prose.pdf"));
    QCOMPARE(lemma({QStringLiteral("export"), example(name), QStringLiteral("-o"), proseOnly,
                    QStringLiteral("--hide-code")})
                 .exitCode,
             0);
    static const QRegularExpression rawTex(QStringLiteral(
        "\\\\(frac|lambda|sqrt|mathrm|mathbf|top|cdot|sum|sigma|alpha|eqref|label)\\b"));
    const auto raw = rawTex.match(pdfText(proseOnly));
    QVERIFY2(!raw.hasMatch(), qPrintable(QStringLiteral("raw TeX in the PDF: ") + raw.captured(0)));
    QVERIFY(text.contains(QStringLiteral("page %1 of %1").arg(pages)));
    QVERIFY(text.contains(QStringLiteral("page 1 of %1").arg(pages)));

    // Every font is embedded: the "emb" column says yes on every row.
    const Run fonts = run(QStringLiteral("pdffonts"), {pdf});
    const QStringList rows = fonts.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    QVERIFY(!rows.isEmpty());
    for (const QString& row : rows)
        QVERIFY2(row.contains(QRegularExpression(
                     QStringLiteral("\\s+yes\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$"))),
                 qPrintable(row));
}

void TestExportCommand::letterAndHiddenCode() {
    const QString pdf = m_dir.filePath(QStringLiteral("letter.pdf"));
    const Run r = lemma({QStringLiteral("export"), example(QStringLiteral("attention-spectra.md")),
                         QStringLiteral("-o"), pdf, QStringLiteral("--page"),
                         QStringLiteral("letter"), QStringLiteral("--hide-code")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(run(QStringLiteral("pdfinfo"), {pdf}).out.contains(QStringLiteral("letter")));
    const QString text = pdfText(pdf);
    // Outputs stay, the code that made them goes.
    QVERIFY(text.contains(QStringLiteral("row_sums =")));
    QVERIFY(!text.contains(QStringLiteral("row_sums = sum(A, 2)")));
}

void TestExportCommand::linePlotsStayVector() {
    QFile f(m_dir.filePath(QStringLiteral("lines.md")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "# Lines\n\n```lemma\nx = linspace(0, 1, 50);\nfigure(title=\"Curves\")\n"
        "plot(x, x.^2, label=\"square\")\nplot(x, sqrt(x), \"--\")\n```\n");
    f.close();
    const QString pdf = m_dir.filePath(QStringLiteral("lines.pdf"));
    const Run r = lemma({QStringLiteral("export"), f.fileName(), QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const Run images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    QCOMPARE(images.exitCode, 0);
    // The header and its rule, and no image.
    QCOMPARE(images.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
    QVERIFY(pdfText(pdf).contains(QStringLiteral("Curves")));
}

// NaN and ±Inf in values, tables and every kind of plot: both reports are written, and the
// PDF says NaN and Inf where the notebook shows them.
void TestExportCommand::nanAndInfNeverBreakAReport() {
    const QString notebook = QStringLiteral(LEMMA_TEST_DATA "/cli/nan-outputs.md");
    const QString pdf = m_dir.filePath(QStringLiteral("nan.pdf"));
    const Run r = lemma({QStringLiteral("export"), notebook, QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QStringLiteral("NaN")));
    QVERIFY(text.contains(QStringLiteral("-Inf")));
    const QString html = m_dir.filePath(QStringLiteral("nan.html"));
    const Run h = lemma({QStringLiteral("export"), notebook, QStringLiteral("-o"), html});
    QVERIFY2(h.exitCode == 0, qPrintable(h.err));
    QVERIFY(QFileInfo(html).size() > 0);
}

// --timeout on export: the endless cell fails as timed out, so nothing is written.
void TestExportCommand::timeoutStopsTheExport() {
    const QString pdf = m_dir.filePath(QStringLiteral("endless.pdf"));
    const Run r =
        lemma({QStringLiteral("export"), QStringLiteral(LEMMA_TEST_DATA "/cli/endless.md"),
               QStringLiteral("-o"), pdf, QStringLiteral("--timeout"), QStringLiteral("0.5")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cell 2, line 7: timed out after 0.5 s")),
             qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(pdf));
}

void TestExportCommand::authorIsInTheXmpMetadata() {
    QFile f(m_dir.filePath(QStringLiteral("authored.md")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        "---\ntitle: Notes on <attention>\nauthor: Ada Lovelace & Co\n---\n\n# Notes\n\n"
        "```lemma\nx = 1\n```\n");
    f.close();
    const QString pdf = m_dir.filePath(QStringLiteral("authored.pdf"));
    const Run r = lemma({QStringLiteral("export"), f.fileName(), QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const Run info = run(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), pdf});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.out.contains(QStringLiteral("<rdf:li>Ada Lovelace &amp; Co</rdf:li>")),
             qPrintable(info.out));
    QVERIFY(info.out.contains(QStringLiteral("Notes on &lt;attention&gt;")));
    QVERIFY(info.out.contains(QStringLiteral("<xmp:CreatorTool>Lemma ")));
    // The document information keeps its title and creator.
    const Run plain = run(QStringLiteral("pdfinfo"), {pdf});
    QVERIFY(plain.out.contains(QStringLiteral("Notes on <attention>")));
    QVERIFY(plain.out.contains(QRegularExpression(QStringLiteral("Creator:\\s+Lemma \\d"))));
}

void TestExportCommand::failedCellWritesNothing() {
    const QString pdf = m_dir.filePath(QStringLiteral("failed.pdf"));
    const Run r =
        lemma({QStringLiteral("export"), QStringLiteral(LEMMA_TEST_DATA "/cli/syntax-error.md"),
               QStringLiteral("-o"), pdf});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("cell 2, line 7")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("--allow-errors")));
    QVERIFY(!QFileInfo::exists(pdf));
}

void TestExportCommand::allowErrorsWritesTheReport() {
    const QString pdf = m_dir.filePath(QStringLiteral("allowed.pdf"));
    const Run r =
        lemma({QStringLiteral("export"), QStringLiteral(LEMMA_TEST_DATA "/cli/syntax-error.md"),
               QStringLiteral("-o"), pdf, QStringLiteral("--allow-errors")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(QFileInfo::exists(pdf));
    const QString text = pdfText(pdf);
    QVERIFY(text.contains(QStringLiteral("w = 6")));
    QVERIFY(text.contains(QStringLiteral("line 1, column 8")) ||
            text.contains(QStringLiteral("column 8")));
}

void TestExportCommand::badArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString nb = example(QStringLiteral("tour.md"));
    QTest::newRow("no output") << QStringList{QStringLiteral("export"), nb}
                               << QStringLiteral("export needs -o");
    QTest::newRow("bad suffix") << QStringList{QStringLiteral("export"), nb, QStringLiteral("-o"),
                                               QStringLiteral("x.docx")}
                                << QStringLiteral("must end in .pdf or .html");
    QTest::newRow("bad page") << QStringList{QStringLiteral("export"), nb,
                                             QStringLiteral("-o"),     QStringLiteral("x.pdf"),
                                             QStringLiteral("--page"), QStringLiteral("a5")}
                              << QStringLiteral("--page a5: expected a4 or letter");
    QTest::newRow("missing notebook")
        << QStringList{QStringLiteral("export"), QStringLiteral("/nonexistent/n.md"),
                       QStringLiteral("-o"), QStringLiteral("x.pdf")}
        << QStringLiteral("no such file");
    QTest::newRow("bad set") << QStringList{QStringLiteral("export"),
                                            nb,
                                            QStringLiteral("-o"),
                                            QStringLiteral("x.pdf"),
                                            QStringLiteral("--set"),
                                            QStringLiteral("nosuchname=3")}
                             << QStringLiteral("no top-level assignment 'nosuchname");
}

void TestExportCommand::badArguments() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(m_dir.path());
    const Run r = lemma(args);
    QDir::setCurrent(cwd);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("x.pdf"))));
}

void TestExportCommand::neverLeavesAPartialFile() {
    // A target in a folder that does not exist: an error, and nothing beside it.
    const QString pdf = m_dir.filePath(QStringLiteral("no/such/folder/out.pdf"));
    const Run r = lemma({QStringLiteral("export"), example(QStringLiteral("lora-svd.md")),
                         QStringLiteral("-o"), pdf});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("cannot write")), qPrintable(r.err));
    // An existing report is replaced whole: the old bytes stay until the new file is complete.
    const QString existing = m_dir.filePath(QStringLiteral("existing.pdf"));
    {
        QFile f(existing);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    const Run ok = lemma({QStringLiteral("export"), example(QStringLiteral("lora-svd.md")),
                          QStringLiteral("-o"), existing});
    QCOMPARE(ok.exitCode, 0);
    QFile f(existing);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().startsWith("%PDF-"));
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("existing.pdf*")}, QDir::Files).size(),
             1);
}

void TestExportCommand::htmlIsSelfContained_data() {
    examplesExport_data();
}

void TestExportCommand::htmlIsSelfContained() {
    QFETCH(QString, name);
    const QString out = m_dir.filePath(name + QStringLiteral(".html"));
    const Run r = lemma({QStringLiteral("export"), example(name), QStringLiteral("-o"), out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    // Nothing is fetched from elsewhere: no external source, stylesheet or script.
    QVERIFY(!html.contains(QRegularExpression(QStringLiteral("(src|href)=\"(https?:|//|file:)"))));
    QVERIFY(!html.contains(QStringLiteral("<script")));
    for (const QString& h : headingsOf(example(name)))
        QVERIFY2(html.contains(h.toHtmlEscaped()),
                 qPrintable(QStringLiteral("heading missing: ") + h));
    QVERIFY(html.contains(QStringLiteral("Reproducibility")));
    QVERIFY(html.contains(QStringLiteral("SHA-256")));
    // Formulas are outlines with their TeX as the accessible label, and all of them parse.
    QVERIFY(!html.contains(QStringLiteral("class=\"math-error\"")));
    static const QRegularExpression formula(
        QStringLiteral("<span class=\"math[^\"]*\" role=\"img\" "
                       "aria-label=\"[^\"]+\"><svg[^>]*><path fill=\"currentColor\" d=\"M"));
    QFile source(example(name));
    QVERIFY(source.open(QIODevice::ReadOnly));
    if (source.readAll().contains('$'))
        QVERIFY(html.contains(formula));

    // Every figure is an inline SVG that Qt's SVG reader accepts, one per figure of `lemma run`.
    const Run text = lemma({QStringLiteral("run"), example(name)});
    const int figures = int(text.out.count(QStringLiteral("[figure ")));
    static const QRegularExpression svg(QStringLiteral("<figure>(<svg.*?</svg>)</figure>"),
                                        QRegularExpression::DotMatchesEverythingOption);
    int found = 0;
    for (auto it = svg.globalMatch(html); it.hasNext(); ++found) {
        QSvgRenderer renderer(it.next().captured(1).toUtf8());
        QVERIFY(renderer.isValid());
        QVERIFY(renderer.viewBoxF().width() > 100);
    }
    QCOMPARE(found, figures);

    // The only bitmaps are a heatmap's cells and a colour scale: each at most twice as wide as
    // its place on the page (not a supersampled copy of it, slow to encode), shown with whole
    // pixels.
    static const QRegularExpression image(
        QStringLiteral("<image [^>]*width=\"([0-9.]+)\"[^>]*base64,([A-Za-z0-9+/=]+)\""));
    for (auto it = image.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        QVERIFY(m.captured(0).contains(QStringLiteral("image-rendering:pixelated")));
        const QImage png = QImage::fromData(QByteArray::fromBase64(m.captured(2).toLatin1()));
        QVERIFY(!png.isNull());
        QVERIFY2(
            png.width() <= 2 * m.captured(1).toDouble(),
            qPrintable(QStringLiteral("%1 pixels for %2").arg(png.width()).arg(m.captured(1))));
    }
}

// Headings become outline bookmarks, nested by level, each pointing at its page; a title with
// parentheses and one outside ASCII read back as written; every poppler tool still reads the
// file.
void TestExportCommand::outlineNestsTheHeadings() {
    const QString md = m_dir.filePath(QStringLiteral("outline.md"));
    writeFile(md,
              "# The report\n\nOpening prose.\n\n## Beta (one)\n\nText.\n\n\\pagebreak\n\n"
              "### Gamma\n\nMore.\n\n#### Delta\n\nDeep.\n\n## \xce\x94"
              "elta \xe2\x80\x94 "
              "\xc3\xbc\n\nText.\n\n\\pagebreak\n\n# Omega of $x^2$\n\nEnd.\n");
    const QString pdf = m_dir.filePath(QStringLiteral("outline.pdf"));
    const Run r = lemma({QStringLiteral("export"), md, QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("warning")), qPrintable(r.err));
    const QStringList expected = {
        QStringLiteral("1|1|Beta (one)"),
        QStringLiteral("2|2|Gamma"),
        QStringLiteral("3|2|Delta"),
        QStringLiteral("1|2|") + QString::fromUtf8("\xce\x94"
                                                   "elta \xe2\x80\x94 \xc3\xbc"),
        QStringLiteral("1|3|Omega of x^2"),
    };
    QCOMPARE(outlineOf(pdf), expected);

    const Run info = run(QStringLiteral("pdfinfo"), {pdf});
    QCOMPARE(info.exitCode, 0);
    QVERIFY(info.out.contains(QRegularExpression(QStringLiteral("Pages:\\s+3\\n"))));
    QVERIFY(info.err.isEmpty());
    QCOMPARE(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}).exitCode, 0);
    const Run png = run(QStringLiteral("pdftoppm"),
                        {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("20"), pdf,
                         m_dir.filePath(QStringLiteral("outline"))});
    QCOMPARE(png.exitCode, 0);
    QVERIFY2(png.err.isEmpty(), qPrintable(png.err));
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("outline-3.png"))));
    if (!QStandardPaths::findExecutable(QStringLiteral("qpdf")).isEmpty()) {
        const Run check = run(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
    }
}

// A notebook without headings gets no outline and no appended update: one cross-reference
// table, one end of file.
void TestExportCommand::noHeadingsNoOutline() {
    const QString md = m_dir.filePath(QStringLiteral("plain.md"));
    writeFile(md, "Just prose, no headings.\n\n```lemma\nx = 1 + 1\n```\n");
    const QString pdf = m_dir.filePath(QStringLiteral("plain.pdf"));
    const Run r = lemma({QStringLiteral("export"), md, QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("/Outlines"));
    QCOMPARE(bytes.count("startxref"), 1);
    QCOMPARE(bytes.count("%%EOF"), 1);
    QVERIFY(bytes.endsWith("%%EOF\n"));
    QVERIFY(outlineOf(pdf).isEmpty());
    QCOMPARE(run(QStringLiteral("pdfinfo"), {pdf}).exitCode, 0);
}

// A printed table longer than a page: every page it continues onto opens with its header line
// (read back per page with pdftotext -layout), and every row is there exactly once.
void TestExportCommand::longTableRepeatsItsHeaderOnEveryPage() {
    const QString md = m_dir.filePath(QStringLiteral("table.md"));
    writeFile(md,
              "# A long table\n\n```lemma\nprintf(\"%-6s %s\\n\", \"step\", \"loss\");\n"
              "for k = 1:150\n  printf(\"%-6d %.4f\\n\", k, 1 / k);\nend\n```\n");
    const QString pdf = m_dir.filePath(QStringLiteral("table.pdf"));
    const Run r = lemma({QStringLiteral("export"), md, QStringLiteral("-o"), pdf});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    static const QRegularExpression pagesLine(QStringLiteral("Pages:\\s+(\\d+)"));
    const int pages =
        pagesLine.match(run(QStringLiteral("pdfinfo"), {pdf}).out).captured(1).toInt();
    QVERIFY(pages >= 3);
    static const QRegularExpression row(QStringLiteral("^\\s*(\\d+)\\s+[01]\\.\\d{4}\\s*$"));
    static const QRegularExpression header(QStringLiteral("^\\s*step\\s+loss\\s*$"));
    QList<int> seen;
    int pagesWithRows = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString n = QString::number(page);
        const Run text =
            run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-f"), n,
                                              QStringLiteral("-l"), n, pdf, QStringLiteral("-")});
        bool headerSeen = false;
        bool rows = false;
        for (const QString& line : text.out.split(QLatin1Char('\n'))) {
            if (header.match(line).hasMatch())
                headerSeen = true;
            const auto m = row.match(line);
            if (!m.hasMatch())
                continue;
            QVERIFY2(headerSeen,
                     qPrintable(QStringLiteral("page %1: a row before the header").arg(page)));
            rows = true;
            seen << m.captured(1).toInt();
        }
        pagesWithRows += rows ? 1 : 0;
    }
    QVERIFY(pagesWithRows >= 2);
    QCOMPARE(seen.size(), 150);
    for (int k = 1; k <= 150; ++k)
        QCOMPARE(seen[k - 1], k);
}

QTEST_MAIN(TestExportCommand)
#include "tst_ExportCommand.moc"
