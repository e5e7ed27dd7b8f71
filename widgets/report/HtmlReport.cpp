// The HTML report (see HtmlReport.h).
#include "widgets/report/HtmlReport.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QPainterPath>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <cmath>

#include "engine/lang/Builtin.h"
#include "engine/notebook/Session.h"
#include "engine/output/Control.h"
#include "engine/output/DerivationData.h"
#include "engine/output/Figure.h"
#include "engine/output/OutputText.h"
#include "widgets/math/MathFormula.h"
#include "widgets/notebook/EquationIndex.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/SyntaxHighlighter.h"
#include "widgets/output/FigurePainter.h"
#include "widgets/report/ReportMatrixText.h"

namespace lemma::widgets {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

// A printed matrix in the page's <pre>, which scrolls sideways on screen and wraps in print.
constexpr int kMatrixChars = 200;
constexpr int kMatrixRows = 100;

const char* kStyle = R"css(
:root { color: #1f1f1f; background: #fff; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 15px;
       line-height: 1.5; max-width: 50em; margin: 2em auto; padding: 0 1.5em; }
h1.title { font-size: 2.1em; margin-bottom: 0.1em; }
.byline { color: #666; margin-top: 0; }
h1, h2, h3, h4 { color: #1a5fb4; line-height: 1.25; page-break-after: avoid; break-after: avoid; }
nav.contents { margin: 1em 0 2em; } nav.contents ol { list-style: none; padding-left: 1em; }
nav.contents > ol { padding-left: 0; } nav.contents a { color: inherit; text-decoration: none; }
pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.82em;
      line-height: 1.35; overflow-x: auto; margin: 0.6em 0; padding: 0.5em 0.8em;
      white-space: pre; }
pre.code { background: #f6f6f6; border-left: 3px solid #308cc6; white-space: pre-wrap;
           overflow-wrap: anywhere; }
pre.output { padding-left: 0.8em; }
pre.error { color: #b3261e; background: #fdecea; border-left: 3px solid #b3261e; }
table.matrix { border-collapse: collapse; font-family: "DejaVu Sans Mono", monospace;
               font-size: 0.82em; margin: 0.3em 0 0.8em 0.8em; }
table.matrix caption { text-align: left; font-weight: bold; padding-bottom: 0.2em; }
table.matrix td { text-align: right; padding: 0.1em 0.8em; border-bottom: 1px solid #eee; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
div.sweep { display: grid; grid-template-columns: repeat(auto-fit, minmax(16em, 1fr)); gap: 0.8em;
            page-break-inside: avoid; break-inside: avoid; }
div.sweep figure { margin: 0; } div.sweep figcaption { font-weight: bold; }
.display-math { display: block; text-align: center; margin: 0.6em 0; position: relative;
  page-break-inside: avoid; break-inside: avoid; }
.display-math svg { max-width: 100%; height: auto; }
.eqno { position: absolute; right: 0; top: 50%; transform: translateY(-50%); }
.math-error { color: #b3261e; font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.control { margin: 0.4em 0 0.8em 0.8em; } .control .detail { color: #777; margin-left: 1em; }
footer.stamp { margin-top: 3em; padding: 0.8em 1em; background: #f6f6f6; color: #555;
               font-size: 0.78em; page-break-inside: avoid; break-inside: avoid; }
footer.stamp p { margin: 0.15em 0; overflow-wrap: anywhere; }
.page-break { page-break-after: always; break-after: page; }
table, pre.output, pre.code { page-break-inside: avoid; break-inside: avoid; }
@media print { body { max-width: none; margin: 0; font-size: 11pt; } a { color: inherit; }
               pre { white-space: pre-wrap; overflow-wrap: anywhere; } }
)css";

// The inner HTML of the body Qt writes for a document.
QString bodyOf(const QString& html) {
    const int open = int(html.indexOf(QLatin1String("<body")));
    const int start = open < 0 ? -1 : int(html.indexOf(QLatin1Char('>'), open));
    const int end = int(html.lastIndexOf(QLatin1String("</body>")));
    if (start < 0 || end < start)
        return html;
    return html.mid(start + 1, end - start - 1).trimmed();
}

// Switches the painter's vectorized mode off or back on where it stands among its layer's
// children (QCPPainter keeps its modes across the save and restore around each child).
class VectorizedMode : public QCPLayerable {
public:
    VectorizedMode(QCustomPlot* plot, bool on) : QCPLayerable(plot), m_on(on) {}

protected:
    void applyDefaultAntialiasingHint(QCPPainter*) const override {}
    void draw(QCPPainter* painter) override { painter->setMode(QCPPainter::pmVectorized, m_on); }

private:
    bool m_on;
};

// A colour map painted vectorized goes through a bitmap at three times the figure's resolution
// (for PDF viewers that smooth images): in HTML a 1600 × 960 PNG to encode per heatmap, most
// of the export's time. Painted in the raster mode it draws its cells' image (at least 100
// pixels a side, every cell whole) for the browser to scale without smoothing: sharper and a
// fraction of the size. Everything else stays vectorized.
void drawColorMapsDirectly(QCustomPlot& plot) {
    QList<QCPLayer*> layers;
    for (int i = 0; i < plot.plottableCount(); ++i) {
        auto* map = qobject_cast<QCPColorMap*>(plot.plottable(i));
        if (!map || !map->layer())
            continue;
        // Antialiasing would shift the image by half a pixel in the raster mode.
        map->setAntialiased(false);
        if (!layers.contains(map->layer()))
            layers.append(map->layer());
    }
    for (QCPLayer* layer : layers) {
        // Put the layer's children back in their order (each setLayer appends), with a switch
        // on each side of every colour map.
        const QList<QCPLayerable*> children = layer->children();
        for (QCPLayerable* child : children) {
            const bool map = qobject_cast<QCPColorMap*>(child) != nullptr;
            if (map)
                (new VectorizedMode(&plot, false))->setLayer(layer);
            child->setLayer(layer);
            if (map)
                (new VectorizedMode(&plot, true))->setLayer(layer);
        }
    }
}

// A figure as an inline <svg> element, scaling with the page.
QString figureSvg(const std::shared_ptr<const output::Figure>& figure) {
    const QSize size = FigurePainter::naturalSize(*figure);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(qs(figure->title));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return {};
    painter.setMode(QCPPainter::pmVectorized);
    QCustomPlot plot;
    plot.resize(size);
    FigurePainter::build(plot, figure);
    drawColorMapsDirectly(plot);
    FigurePainter::paint(plot, painter, QRectF(QPointF(0, 0), QSizeF(size)), size);
    painter.end();
    QString svg = QString::fromUtf8(buffer.data());
    const int at = int(svg.indexOf(QLatin1String("<svg")));
    if (at < 0)
        return {};
    svg = svg.mid(at).trimmed();
    // Width and height in the file's units would pin the size; the viewBox keeps the shape.
    static const QRegularExpression fixedSize(
        QStringLiteral("^<svg([^>]*?)\\s+width=\"[^\"]*\"\\s+height=\"[^\"]*\""));
    svg.replace(fixedSize, QStringLiteral("<svg\\1 width=\"%1\"").arg(size.width()));
    // Qt names its generic families ("Sans Serif"), which browsers do not know: give them a
    // stack they do.
    svg.replace(QStringLiteral("font-family=\"Sans Serif\""),
                QStringLiteral("font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""));
    // Qt marks an image drawn without smoothing (a heatmap's cells) optimizeSpeed, which
    // browsers may still smooth: ask for whole pixels.
    svg.replace(QStringLiteral("image-rendering=\"optimizeSpeed\""),
                QStringLiteral("image-rendering=\"optimizeSpeed\" "
                               "style=\"image-rendering:crisp-edges;image-rendering:pixelated\""));
    return svg;
}

// Code with the editor's colours: the highlighter's formats, as spans.
QString highlightedCode(const QString& source, const ThemeColors& colors) {
    static const QSet<QString> names = [] {
        QSet<QString> out;
        for (const auto& n : builtins::Registry::standard().names())
            out.insert(qs(n));
        return out;
    }();
    QTextDocument doc;
    doc.setPlainText(source);
    SyntaxHighlighter highlighter(SyntaxHighlighter::Language::Lemma, &doc);
    highlighter.setDocument(&doc);  // a QObject parent alone does not attach it
    highlighter.setBuiltins(names);
    highlighter.setColors(colors);
    highlighter.rehighlight();
    QString out;
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        const QString text = b.text();
        auto ranges = b.layout()->formats();
        std::sort(ranges.begin(), ranges.end(),
                  [](const auto& x, const auto& y) { return x.start < y.start; });
        int at = 0;
        for (const auto& r : ranges) {
            if (r.start < at)
                continue;
            out += text.mid(at, r.start - at).toHtmlEscaped();
            QString style;
            if (r.format.hasProperty(QTextFormat::ForegroundBrush))
                style += QStringLiteral("color:%1;").arg(r.format.foreground().color().name());
            if (r.format.fontItalic())
                style += QStringLiteral("font-style:italic;");
            if (r.format.fontWeight() > QFont::Normal)
                style += QStringLiteral("font-weight:bold;");
            const QString piece = text.mid(r.start, r.length).toHtmlEscaped();
            out += style.isEmpty()
                       ? piece
                       : QStringLiteral("<span style=\"%1\">%2</span>").arg(style, piece);
            at = r.start + r.length;
        }
        out += text.mid(at).toHtmlEscaped();
        if (b.next().isValid())
            out += QLatin1Char('\n');
    }
    return out;
}

// A painter path as SVG path data, in pixels with two decimals.
QString pathData(const QPainterPath& path) {
    QString d;
    d.reserve(path.elementCount() * 16);
    auto num = [](double v) { return QString::number(v, 'f', 2); };
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.isMoveTo()) {
            d += QLatin1Char('M') + num(e.x) + QLatin1Char(' ') + num(e.y);
        } else if (e.isLineTo()) {
            d += QLatin1Char('L') + num(e.x) + QLatin1Char(' ') + num(e.y);
        } else if (e.isCurveTo() && i + 2 < path.elementCount()) {
            const QPainterPath::Element c2 = path.elementAt(i + 1);
            const QPainterPath::Element end = path.elementAt(i + 2);
            d += QLatin1Char('C') + num(e.x) + QLatin1Char(' ') + num(e.y) + QLatin1Char(' ') +
                 num(c2.x) + QLatin1Char(' ') + num(c2.y) + QLatin1Char(' ') + num(end.x) +
                 QLatin1Char(' ') + num(end.y);
            i += 2;
        }
    }
    return d;
}

// A formula as an inline SVG of glyph outlines, sitting on the text's baseline; a formula that
// does not parse is its source and the problem, in red, as text.
QString formulaSvg(const QString& tex, bool display, const EquationIndex& equations) {
    const auto resolve = [&equations](const QString& label) { return equations.number(label); };
    const double pixelsPerEm = display ? 17.0 : 15.0;  // the body's 15px; displays a little larger
    const math::MathFormula f = math::MathFormula::layoutPixels(
        tex, display ? math::MathFormula::Style::Display : math::MathFormula::Style::Text,
        pixelsPerEm, resolve);
    if (!f.ok())
        return QStringLiteral("<span class=\"math-error\">%1 — %2</span>")
            .arg(tex.toHtmlEscaped(), f.error().toHtmlEscaped());
    const double w = std::ceil(f.width() + 1);
    const double h = std::ceil(f.height() + 2);
    const QPainterPath path = f.toPath(QPointF(0.5, f.ascent() + 1));
    return QStringLiteral(
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
               "viewBox=\"0 0 %1 %2\" style=\"vertical-align:%3px\" aria-hidden=\"true\">"
               "<path fill=\"currentColor\" d=\"%4\"/></svg>")
        .arg(w)
        .arg(h)
        .arg(-(f.descent() + 1), 0, 'f', 2)
        .arg(pathData(path));
}

// The number a display equation shows: its \tag, or its \label's number.
QString equationNumber(const QString& tex, const EquationIndex& equations) {
    static const QRegularExpression label(QStringLiteral("\\\\label\\{([^}]*)\\}"));
    static const QRegularExpression tag(QStringLiteral("\\\\tag(\\*?)\\{([^}]*)\\}"));
    const auto t = tag.match(tex);
    if (t.hasMatch())
        return t.captured(1).isEmpty()
                   ? QLatin1Char('(') + t.captured(2).trimmed() + QLatin1Char(')')
                   : t.captured(2).trimmed();
    const auto l = label.match(tex);
    if (!l.hasMatch())
        return {};
    const QString n = equations.number(l.captured(1).trimmed());
    return QLatin1Char('(') + (n.isEmpty() ? QStringLiteral("??") : n) + QLatin1Char(')');
}

ThemeColors paperColors() {
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    return themeColors(p);
}

class HtmlWriter : public ReportVisitor {
public:
    HtmlWriter(ThemeColors colors, const EquationIndex& equations, const ReportSweeps& sweeps)
        : m_colors(std::move(colors)), m_equations(equations), m_sweeps(sweeps) {}

    // Markdown to HTML, math spans through the typesetter.
    QString markdown(const QString& md, bool inlineOnly = false) const {
        QStringList spans;
        QList<bool> display;
        const QString protectedText = MarkdownView::protectMath(md, &spans, &display);
        // \eqref{…} and \ref{…} in the prose become the equations' numbers.
        QString withRefs = protectedText;
        static const QRegularExpression ref(QStringLiteral("\\\\(eq)?ref\\{([^}]*)\\}"));
        QString resolved;
        int from = 0;
        for (auto it = ref.globalMatch(withRefs); it.hasNext();) {
            const auto m = it.next();
            resolved += withRefs.mid(from, m.capturedStart() - from);
            QString n = m_equations.number(m.captured(2).trimmed());
            if (n.isEmpty())
                n = QStringLiteral("??");
            resolved += m.captured(1).isEmpty() ? n : QLatin1Char('(') + n + QLatin1Char(')');
            from = int(m.capturedEnd());
        }
        resolved += withRefs.mid(from);
        QTextDocument doc;
        doc.setMarkdown(resolved, QTextDocument::MarkdownDialectGitHub);
        QString html = bodyOf(doc.toHtml());
        static const QRegularExpression placeholder(QStringLiteral("\\x{E000}(\\d+)\\x{E001}"));
        QString out;
        int at = 0;
        for (auto it = placeholder.globalMatch(html); it.hasNext();) {
            const auto m = it.next();
            out += html.mid(at, m.capturedStart() - at);
            const int index = m.captured(1).toInt();
            if (index >= 0 && index < spans.size())
                out += math(spans[index], display[index]);
            at = int(m.capturedEnd());
        }
        out += html.mid(at);
        if (inlineOnly) {
            static const QRegularExpression paragraph(
                QStringLiteral("^<p[^>]*>(.*)</p>$"),
                QRegularExpression::DotMatchesEverythingOption);
            const auto m = paragraph.match(out.trimmed());
            if (m.hasMatch())
                return m.captured(1);
        }
        return out;
    }

    QString math(const QString& tex, bool display) const {
        const QString source = tex.trimmed();
        const QString cls = display ? QStringLiteral("math display-math") : QStringLiteral("math");
        QString inner = formulaSvg(source, display, m_equations);
        if (display) {
            const QString number = equationNumber(source, m_equations);
            if (!number.isEmpty())
                inner +=
                    QStringLiteral("<span class=\"eqno\">%1</span>").arg(number.toHtmlEscaped());
        }
        return QStringLiteral("<span class=\"%1\" role=\"img\" aria-label=\"%2\">%3</span>")
            .arg(cls, source.toHtmlEscaped(), inner);
    }

    void heading(int level, const QString& md) override {
        const int n = int(m_headings.size()) + 1;
        const QString id = QStringLiteral("section-%1").arg(n);
        const QString inner = markdown(ReportBuilder::inlineMarkdown(md), true);
        m_headings.push_back({level, inner, id});
        m_body += QStringLiteral("<h%1 id=\"%2\">%3</h%1>\n").arg(level + 0).arg(id, inner);
    }
    void prose(const QString& md) override { m_body += markdown(md) + QLatin1Char('\n'); }
    void pageBreak() override { m_body += QStringLiteral("<div class=\"page-break\"></div>\n"); }
    void code(const QString& source) override {
        m_body += QStringLiteral("<pre class=\"code\"><code>") + highlightedCode(source, m_colors) +
                  QStringLiteral("</code></pre>\n");
    }
    void outputs(const output::Outputs& outs, std::uint64_t cell) override {
        if (auto e = m_sweeps.errors.find(cell); e != m_sweeps.errors.end())
            m_body += QStringLiteral("<pre class=\"error\">") + e->second.toHtmlEscaped() +
                      QStringLiteral("</pre>\n");
        const auto swept = m_sweeps.cells.find(cell);
        std::size_t figureIndex = 0;
        QString pending;
        auto flush = [&] {
            while (pending.endsWith(QLatin1Char('\n')))
                pending.chop(1);
            if (!pending.isEmpty())
                m_body += QStringLiteral("<pre class=\"output\">") + pending.toHtmlEscaped() +
                          QStringLiteral("</pre>\n");
            pending.clear();
        };
        for (const auto& o : outs) {
            if (std::holds_alternative<output::Error>(o)) {
                flush();
                m_body += QStringLiteral("<pre class=\"error\">") +
                          qs(output::outputText(o)).trimmed().toHtmlEscaped() +
                          QStringLiteral("</pre>\n");
                continue;
            }
            if (const auto* d = std::get_if<output::Display>(&o)) {
                if (const auto derivation = output::derivationOf(d->value)) {
                    flush();
                    m_body += QStringLiteral("<div class=\"derivation\">") +
                              markdown(ReportBuilder::derivationMarkdown(d->name, *derivation)) +
                              QStringLiteral("</div>\n");
                    continue;
                }
                const lang::Value& v = d->value;
                const QString matrix =
                    ReportMatrixText::text(d->name, v, kMatrixChars, kMatrixRows);
                if (v.isReal() && !v.isBool() && v.rows() > 1 && v.cols() > 1) {
                    const QString table =
                        HtmlReport::matrixTable(matrix, int(v.rows()), int(v.cols()));
                    if (!table.isEmpty()) {
                        flush();
                        m_body += table;
                        continue;
                    }
                }
            }
            if (const auto* r = std::get_if<output::Rich>(&o)) {
                if (auto fig = std::dynamic_pointer_cast<const output::Figure>(r->object)) {
                    flush();
                    const std::size_t k = figureIndex++;
                    if (swept != m_sweeps.cells.end() && k < swept->second.size() &&
                        !swept->second[k].figures.empty()) {
                        const SweptFigure& s = swept->second[k];
                        m_body += QStringLiteral("<div class=\"sweep\">\n");
                        for (std::size_t i = 0; i < s.figures.size(); ++i)
                            m_body +=
                                QStringLiteral("<figure><figcaption>%1</figcaption>%2</figure>\n")
                                    .arg(s.captions.value(int(i)).toHtmlEscaped(),
                                         figureSvg(s.figures[i]));
                        m_body += QStringLiteral("</div>\n");
                        continue;
                    }
                    m_body +=
                        QStringLiteral("<figure>") + figureSvg(fig) + QStringLiteral("</figure>\n");
                    continue;
                }
                if (const auto* ctl = dynamic_cast<const output::Control*>(r->object.get())) {
                    flush();
                    QString detail;
                    const QString main = ReportBuilder::controlText(*ctl, &detail);
                    m_body += QStringLiteral("<p class=\"control\"><strong>%1</strong>")
                                  .arg(main.toHtmlEscaped());
                    if (!detail.isEmpty())
                        m_body += QStringLiteral("<span class=\"detail\">%1</span>")
                                      .arg(detail.toHtmlEscaped());
                    m_body += QStringLiteral("</p>\n");
                    m_controls << qs(output::controlSummary(*ctl)).trimmed();
                    continue;
                }
            }
            if (const auto* d = std::get_if<output::Display>(&o)) {
                const QString matrix =
                    ReportMatrixText::text(d->name, d->value, kMatrixChars, kMatrixRows);
                if (!matrix.isEmpty()) {
                    pending += matrix;
                    continue;
                }
            }
            pending += qs(output::outputText(o));
        }
        flush();
    }

    struct Heading {
        int level;
        QString html;
        QString id;
    };
    const std::vector<Heading>& headings() const { return m_headings; }
    const QString& body() const { return m_body; }
    const QStringList& controls() const { return m_controls; }

private:
    ThemeColors m_colors;
    const EquationIndex& m_equations;
    const ReportSweeps& m_sweeps;
    QString m_body;
    std::vector<Heading> m_headings;
    QStringList m_controls;
};

}  // namespace

QString HtmlReport::matrixTable(const QString& text, int rows, int cols) {
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.isEmpty() || !lines.front().trimmed().endsWith(QLatin1Char('=')))
        return {};
    const QString name = lines.takeFirst().trimmed().chopped(1).trimmed();
    QString scale;
    QStringList cells;
    int seenRows = 0;
    for (const QString& line : lines) {
        const QString t = line.trimmed();
        if (t.isEmpty())
            continue;
        if (t.endsWith(QLatin1Char('*')) && seenRows == 0 && scale.isEmpty()) {
            scale = t;  // "1.0e-03 *"
            continue;
        }
        const QStringList row = t.split(QRegularExpression(QStringLiteral("\\s+")));
        if (row.size() != cols)
            return {};
        QString tr = QStringLiteral("<tr>");
        for (const QString& c : row)
            tr += QStringLiteral("<td>") + c.toHtmlEscaped() + QStringLiteral("</td>");
        cells << tr + QStringLiteral("</tr>");
        ++seenRows;
    }
    if (seenRows != rows)
        return {};
    QString caption = name.toHtmlEscaped() + QStringLiteral(" =");
    if (!scale.isEmpty())
        caption += QStringLiteral(" ") + scale.toHtmlEscaped();
    return QStringLiteral("<table class=\"matrix\"><caption>%1</caption>\n%2\n</table>\n")
        .arg(caption, cells.join(QLatin1Char('\n')));
}

QString HtmlReport::html(const ReportSource& source, const ReportOptions& options) {
    const ReportTitle title = ReportBuilder::titleOf(source.session->notebook(), source.fileName);
    EquationIndex equations;
    equations.update(ReportBuilder::markdownCells(source.session->notebook()));
    const ReportSweeps sweeps = ReportBuilder::sweeps(source);
    HtmlWriter writer(options.colors.text.isValid() ? options.colors : paperColors(), equations,
                      sweeps);
    if (!ReportBuilder::walk(source, options, title, writer))
        return {};

    QString html;
    html +=
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html += QStringLiteral("<meta name=\"generator\" content=\"Lemma " LEMMA_VERSION "\">\n");
    html += QStringLiteral("<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n")
                .arg(title.title.toHtmlEscaped(), QString::fromLatin1(kStyle));
    html += QStringLiteral("<header>\n<h1 class=\"title\">%1</h1>\n")
                .arg(writer.markdown(title.title, true));
    if (!title.byline.isEmpty())
        html += QStringLiteral("<p class=\"byline\">%1</p>\n").arg(title.byline.toHtmlEscaped());
    html += QStringLiteral("</header>\n");

    // The contents: the same rule as the PDF's (levels 1 and 2).
    int listed = 0;
    for (const auto& h : writer.headings())
        listed += h.level <= 2;
    const auto& fm = source.session->notebook().frontMatter();
    bool contents = listed >= 4;
    if (options.contents == ReportOptions::Contents::On)
        contents = listed > 0;
    else if (options.contents == ReportOptions::Contents::Off)
        contents = false;
    else if (const auto toc = fm.value("toc"))
        contents = *toc == "true" || *toc == "yes";
    if (contents) {
        html += QStringLiteral("<nav class=\"contents\">\n<h2>Contents</h2>\n<ol>\n");
        for (const auto& h : writer.headings()) {
            if (h.level > 2)
                continue;
            html += QStringLiteral("<li style=\"margin-left:%1em\"><a href=\"#%2\">%3</a></li>\n")
                        .arg(h.level == 1 ? 0 : 1.2)
                        .arg(h.id, h.html);
        }
        html += QStringLiteral("</ol>\n</nav>\n");
    }

    html += QStringLiteral("<main>\n") + writer.body() + QStringLiteral("</main>\n");
    html += QStringLiteral("<footer class=\"stamp\">\n<p><strong>Reproducibility</strong></p>\n");
    for (const QString& line : ReportBuilder::stampLines(source, writer.controls()))
        html += QStringLiteral("<p>") + line.toHtmlEscaped() + QStringLiteral("</p>\n");
    html += QStringLiteral("</footer>\n</body>\n</html>\n");
    return html;
}

QString HtmlReport::write(QIODevice& device, const ReportSource& source,
                          const ReportOptions& options) {
    const QByteArray bytes = html(source, options).toUtf8();
    if (bytes.isEmpty())
        return ReportBuilder::cancelled();
    if (device.write(bytes) != bytes.size())
        return QStringLiteral("could not write the HTML: ") + device.errorString();
    return {};
}

}  // namespace lemma::widgets
