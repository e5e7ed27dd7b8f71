// From a notebook that has run to the blocks of its report (see ReportBuilder.h).
#include "widgets/report/ReportBuilder.h"

#include <QFontMetricsF>

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>
#include <algorithm>

#include "engine/lang/Builtin.h"
#include "engine/math/BuildInfo.h"
#include "engine/notebook/Session.h"
#include "engine/output/Control.h"
#include "engine/output/DerivationData.h"
#include "engine/output/Display.h"
#include "engine/output/Figure.h"
#include "engine/output/OutputText.h"
#include "widgets/math/MathTextObject.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/SyntaxHighlighter.h"
#include "widgets/report/ReportMatrixText.h"

namespace lemma::widgets {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A printed matrix shows at most this many rows (the window's table scrolls through all).
constexpr int kMatrixRows = 100;

// An output block holding this many lines or fewer is kept on one page.
constexpr int kShortOutputLines = 14;

const QSet<QString>& builtinNames() {
    static const QSet<QString> names = [] {
        QSet<QString> out;
        for (const auto& n : builtins::Registry::standard().names())
            out.insert(qs(n));
        return out;
    }();
    return names;
}

bool isLatinLetter(QChar c) {
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

// A heading's text for the contents and the PDF outline: formulas as their TeX, without the
// dollars ("How fast A^k forgets").
QString plainText(const QTextDocument& doc) {
    QString out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (math::MathTextObject::isLayoutOnly(f.charFormat()))
                continue;
            const QString tex = math::MathTextObject::texOf(f.charFormat());
            if (tex.isEmpty()) {
                out += f.text();
                continue;
            }
            QString inner = tex;
            while (inner.startsWith(QLatin1Char('$')))
                inner.remove(0, 1);
            while (inner.endsWith(QLatin1Char('$')))
                inner.chop(1);
            out += inner.trimmed() + f.charFormat().stringProperty(math::MathTextObject::Trailing);
        }
        out += QLatin1Char(' ');
    }
    // inlineMarkdown's zero-width space that keeps "1. Intro" from being a list.
    out.remove(QChar(0x200B));
    return out.simplified();
}

// A letter with a combining circumflex or acute ("σ̂", the engine's notes) as inline math:
// Qt 6.4 with DejaVu Sans draws those two marks more than an em above their letter, over the
// line before, where the typesetter puts a hat where it belongs.
QString marksAsMath(const QString& text) {
    static const QHash<QChar, QString> greek = [] {
        QHash<QChar, QString> out;
        const char* names[] = {"alpha", "beta", "gamma", "delta",  "epsilon", "zeta", "eta",
                               "theta", "iota", "kappa", "lambda", "mu",      "nu",   "xi",
                               "",      "pi",   "rho",   "",       "sigma",   "tau",  "upsilon",
                               "phi",   "chi",  "psi",   "omega"};
        for (int i = 0; i < 25; ++i) {
            if (*names[i]) {
                out.insert(QChar(0x3B1 + i), QLatin1Char('\\') + QLatin1String(names[i]));
                QString capital = QLatin1String(names[i]);
                capital[0] = capital[0].toUpper();
                // TeX has capitals only for the letters unlike Latin ones.
                static const QStringList tex = {"Gamma", "Delta",   "Theta", "Lambda", "Xi",   "Pi",
                                                "Sigma", "Upsilon", "Phi",   "Psi",    "Omega"};
                if (tex.contains(capital))
                    out.insert(QChar(0x391 + i), QLatin1Char('\\') + capital);
            }
        }
        return out;
    }();
    QString out;
    for (int i = 0; i < text.size(); ++i) {
        const QChar mark = i + 1 < text.size() ? text[i + 1] : QChar();
        const bool hat = mark == QChar(0x302);
        if ((hat || mark == QChar(0x301)) && (isLatinLetter(text[i]) || greek.contains(text[i]))) {
            const QString base = greek.contains(text[i]) ? greek.value(text[i]) : QString(text[i]);
            out += QStringLiteral("$\\%1{%2}$").arg(hat ? "hat" : "acute", base);
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

class Assembler : public ReportVisitor {
public:
    Assembler(const ReportStyle& style, const ReportSweeps& sweeps, ReportContent& content)
        : m_style(style), m_sweeps(sweeps), m_content(content) {}

    static int widest(const QString& text) {
        int out = 0;
        for (const QString& line : text.split(QLatin1Char('\n')))
            out = std::max(out, int(line.size()));
        return out;
    }

    // How many characters of printed output fit across the page at `points`.
    int charsPerLine(double points) const {
        QFont font = m_style.mono;
        font.setPointSizeF(points);
        const double margin = 2 * ReportStyle::docUnits(3) * m_style.device->logicalDpiX() / 96.0;
        const double advance =
            QFontMetricsF(font, m_style.device).horizontalAdvance(QLatin1Char('0'));
        return int((m_style.device->width() - margin) / advance) - 1;
    }

    TextBlock& text(ReportBlock::Kind kind) {
        auto block = std::make_unique<TextBlock>(kind, m_style);
        TextBlock& ref = *block;
        m_content.blocks.push_back(std::move(block));
        return ref;
    }

    void title(const QString& title, const QString& byline) {
        TextBlock& b = text(ReportBlock::Kind::Title);
        QTextCursor c(&b.document());
        QTextCharFormat f;
        QFont font = m_style.body;
        font.setPointSizeF(m_style.bodyPoints * 2.1);
        font.setBold(true);
        f.setFont(font);
        f.setForeground(m_style.colors.text);
        c.insertText(title, f);
        if (!byline.isEmpty()) {
            QTextBlockFormat bf;
            bf.setTopMargin(ReportStyle::docUnits(6));
            c.insertBlock(bf);
            QTextCharFormat g;
            QFont small = m_style.body;
            small.setPointSizeF(m_style.bodyPoints * 1.05);
            g.setFont(small);
            g.setForeground(m_style.colors.gutterText);
            c.insertText(byline, g);
        }
        b.setAtomic(true);
    }

    void heading(int level, const QString& markdown) override {
        TextBlock& b = text(ReportBlock::Kind::Heading);
        MarkdownView::renderInto(&b.document(), ReportBuilder::inlineMarkdown(markdown),
                                 m_style.colors, m_style.equations);
        QTextCursor c(&b.document());
        c.select(QTextCursor::Document);
        QTextCharFormat f;
        const double scale = level == 1 ? 1.6 : level == 2 ? 1.3 : 1.1;
        f.setFontPointSize(m_style.bodyPoints * scale);
        f.setFontWeight(QFont::Bold);
        f.setForeground(m_style.colors.heading.isValid() ? m_style.colors.heading
                                                         : m_style.colors.text);
        c.mergeCharFormat(f);
        QTextBlockFormat bf;
        bf.setTopMargin(ReportStyle::docUnits(level == 1 ? 8 : 5));
        bf.setBottomMargin(ReportStyle::docUnits(2));
        c.mergeBlockFormat(bf);
        b.setAtomic(true);
        b.setKeepWithNext(true);
        m_headings.push_back({level, b.document().toPlainText().trimmed(),
                              int(m_content.blocks.size()) - 1, plainText(b.document()),
                              ReportBuilder::inlineMarkdown(markdown)});
    }

    void prose(const QString& markdown) override {
        TextBlock& b = text(ReportBlock::Kind::Prose);
        MarkdownView::renderInto(&b.document(), markdown, m_style.colors, m_style.equations);
        // "… at once:" introduces what follows; it is not left at a page foot without it.
        b.setKeepWithNext(markdown.trimmed().endsWith(QLatin1Char(':')));
    }

    void code(const QString& source) override {
        TextBlock& b = text(ReportBlock::Kind::Code);
        QTextDocument& doc = b.document();
        doc.setDefaultFont(m_style.mono);
        doc.setDocumentMargin(ReportStyle::docUnits(4));
        doc.setPlainText(source);
        QTextFrameFormat frame = doc.rootFrame()->frameFormat();
        frame.setLeftMargin(ReportStyle::docUnits(5));
        doc.rootFrame()->setFrameFormat(frame);
        auto* highlighter = new SyntaxHighlighter(SyntaxHighlighter::Language::Lemma, &doc);
        highlighter->setDocument(&doc);  // a QObject parent alone does not attach it
        highlighter->setBuiltins(builtinNames());
        highlighter->setColors(m_style.colors);
        highlighter->rehighlight();
        b.setBackground(m_style.colors.codeBackground, m_style.colors.commandSelection);
        b.setShrinkToFit(m_style.minCodePoints);
        // Code starts no page foot without the first lines of what it printed.
        b.setKeepWithNext(true);
    }

    void output(const QString& plain) {
        TextBlock& b = text(ReportBlock::Kind::Output);
        QTextDocument& doc = b.document();
        doc.setDefaultFont(m_style.mono);
        doc.setDocumentMargin(ReportStyle::docUnits(3));
        doc.setPlainText(plain);
        b.setShrinkToFit(m_style.minMonoPoints);
        b.setAtomic(doc.blockCount() <= kShortOutputLines);
        const bool table = ReportBuilder::startsWithTableHeader(plain);
        b.setRepeatsHeader(table);
        b.setBreakBetweenValues(!table);
    }

    void error(const QString& message) {
        TextBlock& b = text(ReportBlock::Kind::Error);
        QTextDocument& doc = b.document();
        doc.setDefaultFont(m_style.mono);
        doc.setDocumentMargin(ReportStyle::docUnits(3));
        QTextCursor c(&doc);
        QTextCharFormat f;
        f.setForeground(m_style.colors.errorText);
        c.insertText(message, f);
        b.setBackground(m_style.colors.errorBackground, m_style.colors.errorText);
        b.setShrinkToFit(m_style.minMonoPoints);
        b.setAtomic(doc.blockCount() <= kShortOutputLines);
    }

    void control(const output::Control& ctl) {
        TextBlock& b = text(ReportBlock::Kind::Control);
        QTextCursor c(&b.document());
        QTextCharFormat strong;
        strong.setFontWeight(QFont::DemiBold);
        strong.setForeground(m_style.colors.text);
        QTextCharFormat quiet;
        quiet.setForeground(m_style.colors.gutterText);
        QString detail;
        c.insertText(ReportBuilder::controlText(ctl, &detail), strong);
        if (!detail.isEmpty())
            c.insertText(QStringLiteral("   ") + detail, quiet);
        b.setAtomic(true);
        m_controls << qs(output::controlSummary(ctl)).trimmed();
    }

    void figure(std::shared_ptr<const output::Figure> f) {
        m_content.blocks.push_back(std::make_unique<FigureBlock>(std::move(f), m_style));
    }

    void pageBreak() override { m_content.blocks.push_back(std::make_unique<PageBreakBlock>()); }

    // Printed text and shown values, in order, as one block (as the window groups them).
    void outputs(const output::Outputs& outs, std::uint64_t cell) override {
        if (auto e = m_sweeps.errors.find(cell); e != m_sweeps.errors.end())
            error(e->second);
        const auto swept = m_sweeps.cells.find(cell);
        std::size_t figureIndex = 0;
        QString pending;
        auto flush = [&] {
            while (pending.endsWith(QLatin1Char('\n')))
                pending.chop(1);
            if (!pending.isEmpty())
                output(pending);
            pending.clear();
        };
        for (const auto& o : outs) {
            if (const auto* e = std::get_if<output::Error>(&o)) {
                flush();
                Q_UNUSED(e);
                error(qs(output::outputText(o)).trimmed());
                continue;
            }
            if (const auto* r = std::get_if<output::Rich>(&o)) {
                if (auto fig = std::dynamic_pointer_cast<const output::Figure>(r->object)) {
                    flush();
                    const std::size_t k = figureIndex++;
                    if (swept != m_sweeps.cells.end() && k < swept->second.size() &&
                        !swept->second[k].figures.empty()) {
                        m_content.blocks.push_back(
                            std::make_unique<SweepGridBlock>(swept->second[k], m_style));
                        continue;
                    }
                    figure(fig);
                    continue;
                }
                if (const auto* ctl = dynamic_cast<const output::Control*>(r->object.get())) {
                    flush();
                    control(*ctl);
                    continue;
                }
            }
            if (const auto* d = std::get_if<output::Display>(&o)) {
                if (const auto derivation = output::derivationOf(d->value)) {
                    flush();
                    TextBlock& b = text(ReportBlock::Kind::Output);
                    MarkdownView::renderInto(
                        &b.document(), ReportBuilder::derivationMarkdown(d->name, *derivation),
                        m_style.colors, m_style.equations);
                    b.setBreakAfterFormulas(true);
                    continue;
                }
            }
            if (const auto* d = std::get_if<output::Display>(&o)) {
                const QString matrix = ReportMatrixText::text(
                    d->name, d->value, charsPerLine(m_style.minMonoPoints), kMatrixRows);
                if (!matrix.isEmpty()) {
                    // A matrix too wide for the usual size shrinks alone, not its neighbours.
                    if (widest(matrix) > charsPerLine(m_style.monoPoints)) {
                        flush();
                        pending = matrix;
                        flush();
                    } else {
                        pending += matrix;
                    }
                    continue;
                }
            }
            pending += qs(output::outputText(o));
        }
        flush();
    }

    const std::vector<ContentsEntry>& headings() const { return m_headings; }
    const QStringList& controls() const { return m_controls; }

private:
    const ReportStyle& m_style;
    const ReportSweeps& m_sweeps;
    ReportContent& m_content;
    std::vector<ContentsEntry> m_headings;
    QStringList m_controls;
};

bool wantsContents(const ReportOptions& options, const notebook::Notebook& nb,
                   std::size_t headings) {
    if (options.contents == ReportOptions::Contents::On)
        return headings > 0;
    if (options.contents == ReportOptions::Contents::Off)
        return false;
    if (const auto toc = nb.frontMatter().value("toc"))
        return *toc == "true" || *toc == "yes";
    return headings >= 4;
}

}  // namespace

bool ReportBuilder::startsWithTableHeader(const QString& text) {
    static const QRegularExpression space(QStringLiteral("\\s+"));
    auto isNumber = [](const QString& token) {
        bool ok = false;
        token.toDouble(&ok);
        return ok && token.contains(QRegularExpression(QStringLiteral("\\d")));
    };
    const QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() < 3)
        return false;
    const QString first = lines.front().trimmed();
    if (first.endsWith(QLatin1Char('=')) || first.contains(QLatin1String(" = ")))
        return false;
    const QStringList labels = first.split(space, Qt::SkipEmptyParts);
    if (labels.size() < 2 || !first.contains(QRegularExpression(QStringLiteral("[A-Za-z]"))) ||
        std::any_of(labels.begin(), labels.end(), isNumber))
        return false;
    int numeric = 0;
    for (int i = 1; i <= 3 && i < lines.size(); ++i) {
        const QStringList tokens = lines[i].split(space, Qt::SkipEmptyParts);
        if (std::any_of(tokens.begin(), tokens.end(), isNumber))
            ++numeric;
    }
    return numeric >= std::min<int>(2, int(lines.size()) - 1);
}

std::vector<MarkdownSegment> ReportBuilder::splitMarkdown(const QString& markdown) {
    static const QRegularExpression heading(QStringLiteral("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$"));
    std::vector<MarkdownSegment> out;
    QStringList prose;
    auto flush = [&] {
        while (!prose.isEmpty() && prose.front().trimmed().isEmpty())
            prose.removeFirst();
        while (!prose.isEmpty() && prose.back().trimmed().isEmpty())
            prose.removeLast();
        if (!prose.isEmpty())
            out.push_back({MarkdownSegment::Kind::Prose, 0, prose.join(QLatin1Char('\n'))});
        prose.clear();
    };
    bool inFence = false;
    bool inDisplayMath = false;
    for (const QString& line : markdown.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("```")) || trimmed.startsWith(QLatin1String("~~~")))
            inFence = !inFence;
        if (!inFence && trimmed.count(QLatin1String("$$")) % 2 == 1)
            inDisplayMath = !inDisplayMath;
        if (!inFence && !inDisplayMath) {
            if (trimmed == QLatin1String("\\pagebreak") || trimmed == QLatin1String("\\newpage")) {
                flush();
                out.push_back({MarkdownSegment::Kind::PageBreak, 0, {}});
                continue;
            }
            const auto m = heading.match(line);
            if (m.hasMatch()) {
                flush();
                out.push_back(
                    {MarkdownSegment::Kind::Heading, int(m.captured(1).size()), m.captured(2)});
                continue;
            }
        }
        prose << line;
    }
    flush();
    return out;
}

QStringList ReportBuilder::markdownCells(const notebook::Notebook& nb) {
    QStringList out;
    for (const auto& cell : nb.cells()) {
        if (!cell.isCode())
            out << qs(cell.source());
    }
    return out;
}

ReportTitle ReportBuilder::titleOf(const notebook::Notebook& nb, const QString& fileName) {
    ReportTitle t;
    t.title = qs(nb.frontMatter().title());
    // The first heading, when the notebook opens with one.
    QString first;
    for (const auto& cell : nb.cells()) {
        if (cell.isCode())
            break;
        const auto segments = splitMarkdown(qs(cell.source()));
        if (!segments.empty() && segments.front().kind == MarkdownSegment::Kind::Heading)
            first = segments.front().text;
        break;
    }
    if (t.title.isEmpty())
        t.title = first;
    if (t.title.isEmpty())
        t.title = fileName;
    // The opening heading is not repeated under a title that says the same.
    t.skipFirstHeading = !first.isEmpty() && first.trimmed() == t.title.trimmed();
    QStringList byline;
    if (const auto author = nb.frontMatter().value("author")) {
        t.author = qs(*author);
        byline << t.author;
    }
    if (const auto date = nb.frontMatter().value("date"))
        byline << qs(*date);
    t.byline = byline.join(QStringLiteral(" · "));
    return t;
}

QString ReportBuilder::cancelled() {
    return QStringLiteral("cancelled");
}

bool ReportBuilder::walk(const ReportSource& source, const ReportOptions& options,
                         const ReportTitle& title, ReportVisitor& visitor) {
    const notebook::Session& session = *source.session;
    bool skipHeading = title.skipFirstHeading;
    const int cells = int(session.notebook().cells().size());
    int done = 0;
    for (const auto& cell : session.notebook().cells()) {
        if (options.progress && !options.progress(done++, cells))
            return false;
        if (!cell.isCode()) {
            for (const auto& seg : splitMarkdown(qs(cell.source()))) {
                switch (seg.kind) {
                    case MarkdownSegment::Kind::Heading:
                        if (!skipHeading)
                            visitor.heading(seg.level, seg.text);
                        break;
                    case MarkdownSegment::Kind::Prose:
                        visitor.prose(seg.text);
                        break;
                    case MarkdownSegment::Kind::PageBreak:
                        visitor.pageBreak();
                        break;
                }
                skipHeading = false;
            }
            skipHeading = false;
            continue;
        }
        skipHeading = false;
        if (cell.hasOption("pagebreak"))
            visitor.pageBreak();
        if (!options.hideCode && !cell.hasOption("hide-code"))
            visitor.code(qs(cell.source()));
        // As the window shows it: why the cell did not run, then its outputs.
        output::Outputs shown = session.notes(cell.id());
        for (output::Output& o : session.outputs(cell.id()))
            shown.push_back(std::move(o));
        visitor.outputs(shown, cell.id());
    }
    return !options.progress || options.progress(cells, cells);
}

QString ReportBuilder::derivationMarkdown(const std::string& name,
                                          const output::DerivationData& d) {
    QString md = QStringLiteral("**%1** — %2\n\n")
                     .arg(qs(d.title.empty() ? name : d.title).toHtmlEscaped(),
                          qs(d.summary()).toHtmlEscaped());
    int n = 0;
    for (const auto& s : d.steps) {
        md += QStringLiteral("%1. *%2* (difference %3)%4\n\n    $$%5$$\n\n")
                  .arg(++n)
                  .arg(qs(output::verdictText(s.verdict())), qs(output::formatDiff(s.diff)),
                       s.note.empty() ? QString() : QStringLiteral(": ") + marksAsMath(qs(s.note)),
                       qs(s.tex));
    }
    if (!d.result.isEmpty() || d.result.isString() || d.result.isStruct())
        md += QStringLiteral("```\n%1\n```\n")
                  .arg(qs(output::formatDisplay("result", d.result)).trimmed());
    return md;
}

QString ReportBuilder::inlineMarkdown(const QString& text) {
    // "1. Embedding" or "- x" on its own would start a list, "> x" a quote: a heading's text is
    // one line of inline Markdown. A zero-width space in front keeps it so (Qt's Markdown reads
    // no backslash escape there) and shows nothing.
    static const QRegularExpression block(QStringLiteral("^\\s*(\\d+[.)]|[-+>]\\s)"));
    if (block.match(text).hasMatch())
        return QChar(0x200B) + text;
    return text;
}

ReportSweeps ReportBuilder::sweeps(const ReportSource& source) {
    return ReportSweepRunner::run(source);
}

std::vector<QString> ReportBuilder::stampLines(const ReportSource& source,
                                               const QStringList& controls) {
    const lemma::math::BuildInfo info = lemma::math::buildInfo();
    const QString sha = QString::fromLatin1(
        QCryptographicHash::hash(source.fileBytes, QCryptographicHash::Sha256).toHex());
    return {
        QStringLiteral("Notebook: %1   SHA-256 %2").arg(source.fileName, sha),
        QStringLiteral("Seed: %1").arg(source.session->notebook().seed()),
        QStringLiteral("Controls: %1")
            .arg(controls.isEmpty() ? QStringLiteral("none") : controls.join(QStringLiteral("; "))),
        QStringLiteral("Lemma %1 (commit %2)").arg(qs(info.lemmaVersion), qs(info.commit)),
        QStringLiteral("Armadillo %1; %2; %3 BLAS thread(s)")
            .arg(qs(info.armadillo), qs(info.blas))
            .arg(info.blasThreads),
        QStringLiteral("Generated %1")
            .arg(
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
    };
}

QString ReportBuilder::controlText(const output::Control& ctl, QString* detail) {
    const QString label = qs(ctl.label().empty() ? "control" : ctl.label());
    using K = output::Control::Kind;
    switch (ctl.kind()) {
        case K::Slider:
            *detail = QStringLiteral("slider from %1 to %2%3")
                          .arg(qs(output::Control::numberLiteral(ctl.min())),
                               qs(output::Control::numberLiteral(ctl.max())),
                               ctl.scale() == output::Control::Scale::Log
                                   ? QStringLiteral(", logarithmic")
                                   : QString());
            return label + QStringLiteral(" = ") + qs(output::Control::numberLiteral(ctl.value()));
        case K::Choice: {
            QStringList options;
            for (const auto& o : ctl.options())
                options << qs(o);
            *detail = QStringLiteral("one of ") + options.join(QStringLiteral(", "));
            return label + QStringLiteral(" = ") + qs(ctl.options().at(ctl.selected()));
        }
        case K::Toggle:
            detail->clear();
            return label + (ctl.checked() ? QStringLiteral(": on") : QStringLiteral(": off"));
    }
    return label;
}

ReportContent ReportBuilder::build(const ReportSource& source, const ReportOptions& options,
                                   const ReportStyle& style) {
    ReportContent content;
    const notebook::Notebook& nb = source.session->notebook();
    const ReportTitle title = titleOf(nb, source.fileName);
    content.title = title.title;
    content.author = title.author;

    const ReportSweeps swept = sweeps(source);
    Assembler a(style, swept, content);
    a.title(title.title, title.byline);
    const std::size_t contentsAt = content.blocks.size();
    content.cancelled = !walk(source, options, title, a);

    // The table of contents, after the title, listing headings of level 1 and 2.
    content.headings = a.headings();
    std::vector<ContentsEntry> entries;
    for (const auto& h : a.headings()) {
        if (h.level <= 2)
            entries.push_back(h);
    }
    if (wantsContents(options, nb, entries.size())) {
        for (auto& e : entries)
            e.block += 1;  // the contents block goes in before them
        for (auto& h : content.headings)
            h.block += 1;
        auto contents = std::make_unique<ContentsBlock>(std::move(entries), style);
        content.contents = contents.get();
        content.blocks.insert(content.blocks.begin() + std::ptrdiff_t(contentsAt),
                              std::move(contents));
    }

    // The reproducibility stamp, last.
    content.stampLines = stampLines(source, a.controls());
    auto stamp = std::make_unique<TextBlock>(ReportBlock::Kind::Stamp, style);
    {
        QTextDocument& doc = stamp->document();
        QFont small = style.body;
        small.setPointSizeF(style.bodyPoints * 0.78);
        doc.setDefaultFont(small);
        doc.setDocumentMargin(ReportStyle::docUnits(4));
        QTextCursor c(&doc);
        QTextCharFormat head;
        head.setFontWeight(QFont::Bold);
        head.setForeground(style.colors.text);
        c.insertText(QStringLiteral("Reproducibility"), head);
        QTextCharFormat body;
        body.setForeground(style.colors.gutterText);
        for (const QString& line : content.stampLines) {
            c.insertBlock();
            c.insertText(line, body);
        }
        stamp->setBackground(style.colors.codeBackground);
        stamp->setAtomic(true);
        stamp->setScalable(true);
        stamp->setShrinkToFit(6.5);
    }
    content.blocks.push_back(std::move(stamp));
    return content;
}

}  // namespace lemma::widgets
