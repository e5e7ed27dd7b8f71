// A read-only monospace view of a cell's text outputs.
#include "widgets/output/TextOutputView.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QWheelEvent>

#include "engine/lang/Display.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

std::string outputText(const output::Output& out) {
    // Appends rather than chains operator+, which GCC 12 misreads (-Wrestrict) at -O2.
    struct Visitor {
        std::string operator()(const output::Text& t) const { return t.text; }
        std::string operator()(const output::Display& d) const {
            return lang::formatDisplay(d.name, d.value);
        }
        std::string operator()(const output::Error& e) const {
            std::string s = "error: ";
            if (e.pos.known()) {
                s.append("line ").append(std::to_string(e.pos.line));
                s.append(", column ").append(std::to_string(e.pos.column)).append(": ");
            }
            s.append(e.message).append("\n");
            return s;
        }
        std::string operator()(const output::Rich& r) const {
            std::string s = "[";
            s.append(r.object->typeName()).append("]\n");
            return s;
        }
    };
    return std::visit(Visitor{}, out);
}

TextOutputView::TextOutputView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFocusPolicy(Qt::ClickFocus);
}

bool TextOutputView::setOutputs(const output::Outputs& outputs) {
    std::string text;
    for (const auto& out : outputs)
        text += outputText(out);
    // Displayed matrices end in a blank line; the view's own margin replaces it.
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    const QString shown = toQString(text);
    if (shown != toPlainText()) {
        const int scroll = verticalScrollBar()->value();
        setPlainText(shown);
        verticalScrollBar()->setValue(scroll);
    }
    fitHeight();
    return true;
}

void TextOutputView::setColors(const ThemeColors& colors) {
    QPalette p = palette();
    p.setColor(QPalette::Base, colors.outputBackground);
    p.setColor(QPalette::Text, colors.text);
    setPalette(p);
}

void TextOutputView::fitHeight() {
    const int lines = std::min(document()->blockCount(), kMaxLines);
    int h = lines * fontMetrics().lineSpacing() + int(2 * document()->documentMargin()) + 4;
    if (horizontalScrollBar()->maximum() > 0)
        h += horizontalScrollBar()->sizeHint().height();
    setFixedHeight(h);
}

void TextOutputView::wheelEvent(QWheelEvent* event) {
    // Short outputs do not scroll: the wheel scrolls the notebook.
    if (document()->blockCount() <= kMaxLines && event->angleDelta().x() == 0) {
        event->ignore();
        return;
    }
    QPlainTextEdit::wheelEvent(event);
}

}  // namespace lemma::widgets
