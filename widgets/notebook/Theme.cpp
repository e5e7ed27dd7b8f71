// The notebook's colours for light and dark palettes (see Theme.h).
#include "widgets/notebook/Theme.h"

#include <QFontDatabase>
#include <QFontInfo>

namespace lemma::widgets {

namespace {

// `over` laid over `under` with opacity `alpha`, as an opaque colour.
QColor blend(const QColor& under, const QColor& over, double alpha) {
    return QColor::fromRgbF(float(under.redF() * (1 - alpha) + over.redF() * alpha),
                            float(under.greenF() * (1 - alpha) + over.greenF() * alpha),
                            float(under.blueF() * (1 - alpha) + over.blueF() * alpha));
}

}  // namespace

ThemeColors themeColors(const QPalette& palette) {
    ThemeColors c;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor window = palette.color(QPalette::Window);
    c.dark = base.lightness() < 128;
    c.text = text;
    if (c.dark) {
        c.keyword = QColor(0xc6, 0x78, 0xdd);
        c.builtin = QColor(0x61, 0xaf, 0xef);
        c.number = QColor(0xd1, 0x9a, 0x66);
        c.string = QColor(0x98, 0xc3, 0x79);
        c.comment = QColor(0x7f, 0x84, 0x8e);
        c.heading = QColor(0x61, 0xaf, 0xef);
        c.math = QColor(0xe5, 0xc0, 0x7b);
        c.errorText = QColor(0xff, 0x7b, 0x72);
        c.stale = QColor(0xd2, 0x99, 0x22);
        c.running = QColor(0x58, 0xa6, 0xff);
        c.done = QColor(0x3f, 0xb9, 0x50);
        c.commandSelection = QColor(0x58, 0xa6, 0xff);
        c.editSelection = QColor(0x3f, 0xb9, 0x50);
    } else {
        c.keyword = QColor(0x8b, 0x1e, 0x9e);
        c.builtin = QColor(0x1a, 0x5f, 0xb4);
        c.number = QColor(0xa6, 0x4b, 0x00);
        c.string = QColor(0x26, 0x7f, 0x1a);
        c.comment = QColor(0x6a, 0x73, 0x7d);
        c.heading = QColor(0x1a, 0x5f, 0xb4);
        c.math = QColor(0x8a, 0x4b, 0x08);
        c.errorText = QColor(0xc0, 0x1c, 0x28);
        c.stale = QColor(0xb0, 0x6d, 0x00);
        c.running = QColor(0x1c, 0x71, 0xd8);
        c.done = QColor(0x26, 0xa2, 0x69);
        c.commandSelection = QColor(0x1c, 0x71, 0xd8);
        c.editSelection = QColor(0x26, 0xa2, 0x69);
    }
    c.codeBackground = blend(base, text, c.dark ? 0.04 : 0.025);
    c.gutterText = blend(base, text, 0.45);
    c.currentLine = blend(c.codeBackground, text, 0.05);
    c.bracketMatch = blend(base, c.builtin, 0.25);
    c.errorLine = blend(base, c.errorText, 0.16);
    c.cellBorder = blend(window, text, 0.14);
    c.outputBackground = base;
    c.errorBackground = blend(base, c.errorText, 0.08);
    return c;
}

QFont codeFont() {
    const QFont system = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (QFontInfo(system).fixedPitch())
        return system;
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setStyleHint(QFont::Monospace);
    font.setPointSizeF(system.pointSizeF() > 0 ? system.pointSizeF() : 10);
    return font;
}

}  // namespace lemma::widgets
