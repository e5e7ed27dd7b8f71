// The PDF report (see PdfReport.h).
#include "widgets/report/PdfReport.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPdfWriter>

#include "engine/notebook/Session.h"
#include "widgets/report/PdfOutline.h"

namespace lemma::widgets {

namespace {

constexpr int kResolution = 600;

ThemeColors paperColors() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf5));
    p.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::Link, QColor(0x1a, 0x5f, 0xb4));
    return themeColors(p);
}

double footerHeight(const ReportStyle& style) {
    return style.px(7.5) * 1.4 + style.px(10);
}

void paintFooter(QCPPainter& painter, const ReportStyle& style, const QString& title, int page,
                 int pages, double width, double top) {
    QFont font = style.body;
    font.setPointSizeF(7.5);
    painter.setFont(font);
    const QFontMetricsF fm(font, style.device);
    const double ruleY = top + style.px(5);
    painter.setPen(
        QPen(style.colors.cellBorder.isValid() ? style.colors.cellBorder : QColor(0xcc, 0xcc, 0xcc),
             style.px(0.5)));
    painter.drawLine(QPointF(0, ruleY), QPointF(width, ruleY));
    painter.setPen(style.colors.gutterText);
    const QString number = QStringLiteral("page %1 of %2").arg(page).arg(pages);
    const double numberWidth = fm.horizontalAdvance(number);
    const double baseline = ruleY + style.px(4) + fm.ascent();
    painter.drawText(QPointF(width - numberWidth, baseline), number);
    painter.drawText(QPointF(0, baseline),
                     fm.elidedText(title, Qt::ElideRight, width - numberWidth - style.px(24)));
}

}  // namespace

std::vector<PdfOutlineEntry> PdfReport::outlineEntries(const ReportLayout& layout,
                                                       const QPdfWriter& writer) {
    // Placements are in device pixels from the paint area's top-left; bookmarks in points from
    // the page's.
    const QRectF paint = writer.pageLayout().paintRect(QPageLayout::Point);
    const double points = 72.0 / writer.resolution();
    std::vector<PdfOutlineEntry> out;
    for (const auto& h : layout.content.headings) {
        for (const auto& p : layout.pages.placements) {
            if (p.block != h.block)
                continue;
            out.push_back({h.level, h.outline, p.page, paint.left(), paint.top() + p.y * points});
            break;
        }
    }
    return out;
}

QByteArray PdfReport::xmpMetadata(const QString& title, const QString& author) {
    // Qt 6.4's writer has no author field in the document information (setAuthor came in
    // 6.9), but it embeds the XMP packet given: Dublin Core names the author there, beside
    // the title and the creating tool that Qt's own packet would have carried.
    const QString packet = QStringLiteral(
        "<?xpacket begin=\"\xFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
        "<dc:creator><rdf:Seq><rdf:li>%2</rdf:li></rdf:Seq></dc:creator>\n"
        "<xmp:CreatorTool>Lemma " LEMMA_VERSION
        "</xmp:CreatorTool>\n"
        "<pdf:Producer>Qt " QT_VERSION_STR
        "</pdf:Producer>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    return packet.arg(title.toHtmlEscaped(), author.toHtmlEscaped()).toUtf8();
}

void PdfReport::setUp(QPdfWriter& writer, const QString& title, const ReportOptions& options) {
    writer.setResolution(kResolution);
    writer.setPageSize(QPageSize(options.page));
    writer.setPageMargins(QMarginsF(18, 16, 18, 12), QPageLayout::Millimeter);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Lemma " LEMMA_VERSION));
}

ReportStyle PdfReport::style(QPdfWriter& writer, const ReportOptions& options) {
    ReportStyle style;
    style.device = &writer;
    style.colors = options.colors.text.isValid() ? options.colors : paperColors();
    style.body = QFont(QStringLiteral("DejaVu Sans"));
    style.body.setPointSizeF(style.bodyPoints);
    style.mono = QFont(QStringLiteral("DejaVu Sans Mono"));
    style.mono.setStyleHint(QFont::Monospace);
    style.mono.setPointSizeF(style.monoPoints);
    return style;
}

ReportLayout PdfReport::layOut(QPdfWriter& writer, const ReportSource& source,
                               const ReportOptions& options, ReportStyle& style) {
    ReportLayout layout;
    layout.equations = std::make_unique<EquationIndex>();
    layout.equations->update(ReportBuilder::markdownCells(source.session->notebook()));
    style.equations = layout.equations.get();
    layout.content = ReportBuilder::build(source, options, style);
    layout.contentWidth = writer.width();
    layout.contentHeight = writer.height() - footerHeight(style);
    layout.gap = style.px(6);
    std::vector<const ReportBlock*> blocks;
    for (auto& b : layout.content.blocks) {
        b->layout(layout.contentWidth);
        blocks.push_back(b.get());
    }
    layout.pages = ReportPagination::paginate(blocks, layout.contentHeight, layout.gap);
    if (ContentsBlock* contents = layout.content.contents) {
        std::vector<int> pages;
        for (const auto& e : contents->entries())
            pages.push_back(layout.pages.pageOf(e.block) + 1);
        contents->setPages(std::move(pages));
    }
    return layout;
}

QString PdfReport::write(QIODevice& device, const ReportSource& source,
                         const ReportOptions& options) {
    // Progress: the walk over the cells is the first half, painting the pages the second.
    ReportOptions walking = options;
    if (options.progress) {
        walking.progress = [&options](int done, int total) {
            return options.progress(done, 2 * total);
        };
    }
    // Written to memory first: the outline is appended to the finished file.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    setUp(writer, QString(), options);
    ReportStyle style = PdfReport::style(writer, options);
    ReportLayout layout = layOut(writer, source, walking, style);
    if (layout.content.cancelled)
        return ReportBuilder::cancelled();
    writer.setTitle(layout.content.title);
    if (!layout.content.author.isEmpty())
        writer.setDocumentXmpMetadata(xmpMetadata(layout.content.title, layout.content.author));
    const int pageCount = layout.pages.pageCount;
    auto painted = [&options, pageCount](int pages) {
        return !options.progress || options.progress(pageCount + pages, 2 * pageCount);
    };

    QCPPainter painter;
    if (!painter.begin(&writer))
        return QStringLiteral("cannot start the PDF (is the target writable?)");
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setMode(QCPPainter::pmVectorized);
    int page = 0;
    for (const auto& placement : layout.pages.placements) {
        while (page < placement.page) {
            paintFooter(painter, style, layout.content.title, page + 1, layout.pages.pageCount,
                        layout.contentWidth, layout.contentHeight);
            if (!painted(page + 1)) {
                painter.end();
                return ReportBuilder::cancelled();
            }
            writer.newPage();
            ++page;
        }
        ReportBlock& block = *layout.content.blocks[std::size_t(placement.block)];
        if (placement.header > 0)
            block.paint(painter, QPointF(0, placement.y), 0, placement.header, 1);
        block.paint(painter, QPointF(0, placement.y + placement.header), placement.from,
                    placement.to, placement.scale);
    }
    paintFooter(painter, style, layout.content.title, page + 1, layout.pages.pageCount,
                layout.contentWidth, layout.contentHeight);
    if (!painter.end())
        return QStringLiteral("the PDF could not be completed");
    buffer.close();
    QByteArray pdf = buffer.buffer();
    const QString outline = PdfOutline::append(pdf, outlineEntries(layout, writer));
    if (!outline.isEmpty() && options.warning)
        options.warning(QStringLiteral("the PDF has no outline bookmarks: %1").arg(outline));
    if (device.write(pdf) != pdf.size())
        return QStringLiteral("the PDF could not be written: %1").arg(device.errorString());
    painted(pageCount);
    return {};
}

}  // namespace lemma::widgets
