// A read-only monospace view of a cell's text outputs.
#include "widgets/output/TextOutputView.h"
#include "widgets/notebook/Theme.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QWheelEvent>

#include "engine/output/OutputText.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

TextOutputView::TextOutputView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setFont(codeFont());
    setFrameShape(QFrame::NoFrame);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFocusPolicy(Qt::ClickFocus);
    // The room for a horizontal scroll bar follows the width: a view made before its layout
    // gave it one (narrow, so a long line scrolled) must not keep it once the line fits, or
    // the next run, fitting it afresh, moves the page up.
    connect(horizontalScrollBar(), &QScrollBar::rangeChanged, this, [this] { fitHeight(); });
}

bool TextOutputView::setOutputs(const output::Outputs& outputs) {
    std::string text;
    for (const auto& out : outputs)
        text += output::outputText(out);
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
