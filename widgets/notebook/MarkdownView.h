// A Markdown cell as rendered text, with `$…$` and `$$…$$` math kept whole and marked.
#pragma once

#include <QStringList>
#include <QTextBrowser>
#include <functional>

#include "widgets/notebook/Theme.h"

namespace lemma::widgets {

// How math is drawn into the rendered text. The default inserts the TeX source in a math
// colour and italics; a typesetter replaces it with one that inserts typeset objects.
using MathInserter =
    std::function<void(QTextCursor& cursor, const QString& tex, bool display, const ThemeColors&)>;

// Responsibilities:
// - render Markdown with Qt's parser, after taking the math spans out so that `_` and `*`
//   inside math are not read as emphasis, then put each span back through the MathInserter;
// - be as tall as the rendered text, so the notebook scrolls as a whole;
// - ask for the editor on double-click.
class MarkdownView : public QTextBrowser {
    Q_OBJECT
public:
    explicit MarkdownView(QWidget* parent = nullptr);

    void setMarkdown(const QString& markdown);
    void setColors(const ThemeColors& colors);
    void setMathInserter(MathInserter inserter) { m_insertMath = std::move(inserter); }

    // The math spans of `markdown` replaced by placeholders (U+E000, index, U+E001); the spans'
    // TeX (without dollars) in `spans`, with `display` set for $$…$$. Code spans and fenced
    // code are left alone.
    static QString protectMath(const QString& markdown, QStringList* spans, QList<bool>* display);

Q_SIGNALS:
    void editRequested();

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void render();
    void fitHeight();

    QString m_markdown;
    ThemeColors m_colors;
    MathInserter m_insertMath;
};

}  // namespace lemma::widgets
