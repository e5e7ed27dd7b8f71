// A read-only monospace view of a cell's text outputs.
#include "widgets/output/TextOutputView.h"

#include <QFontDatabase>
#include <QTextCharFormat>

#include "engine/lang/Display.h"

namespace lemma::widgets {

std::string outputText(const output::Output& out) {
    struct Visitor {
        std::string operator()(const output::Text& t) const { return t.text; }
        std::string operator()(const output::Display& d) const {
            return lang::formatDisplay(d.name, d.value);
        }
        std::string operator()(const output::Error& e) const {
            std::string where;
            if (e.pos.known())
                where = "line " + std::to_string(e.pos.line) + ", column " +
                        std::to_string(e.pos.column) + ": ";
            return "error: " + where + e.message + "\n";
        }
        std::string operator()(const output::Rich& r) const {
            return "[" + r.object->typeName() + "]\n";
        }
    };
    return std::visit(Visitor{}, out);
}

TextOutputView::TextOutputView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFrameShape(QFrame::NoFrame);
    setLineWrapMode(QPlainTextEdit::NoWrap);
}

void TextOutputView::setOutputs(const output::Outputs& outputs) {
    clear();
    QTextCursor cursor(document());
    QTextCharFormat normal;
    QTextCharFormat error;
    error.setForeground(QColor(0xc0, 0x1c, 0x28));
    for (const auto& out : outputs) {
        const bool isError = std::holds_alternative<output::Error>(out);
        cursor.insertText(QString::fromStdString(outputText(out)), isError ? error : normal);
    }
    // Size to the content so a list of cells scrolls as a whole, not each view on its own.
    const int lines = document()->blockCount();
    setFixedHeight(fontMetrics().lineSpacing() * (lines + 1) + 8);
}

}  // namespace lemma::widgets
