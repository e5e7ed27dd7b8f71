// A Markdown cell as rendered text, with `$…$` and `$$…$$` math typeset.
#pragma once

#include <QStringList>
#include <QTextBrowser>

#include "widgets/notebook/Theme.h"

class QMimeData;

namespace lemma::widgets {

class EquationIndex;

// Responsibilities:
// - render Markdown with Qt's parser, after taking the math spans out so that `_` and `*`
//   inside math are not read as emphasis, then put each span back as a typeset formula (a
//   math::MathTextObject), display equations numbered from the notebook's EquationIndex;
// - turn \eqref{…} / \ref{…} in the prose into those numbers ("(??)" and a tooltip when no
//   equation has the label), and re-render when the numbers change;
// - copy formulas as their TeX (a selection, or "Copy TeX" on a formula's context menu);
// - be as tall as the rendered text, so the notebook scrolls as a whole;
// - ask for the editor on double-click.
class MarkdownView : public QTextBrowser {
    Q_OBJECT
public:
    explicit MarkdownView(QWidget* parent = nullptr);

    void setMarkdown(const QString& markdown);
    void setColors(const ThemeColors& colors);
    // The notebook's equation numbers (not owned; may be null: then every \eqref is "(??)").
    void setEquationIndex(const EquationIndex* index);
    // Fills `document` with `markdown` rendered, math typeset, for a view or a report.
    static void renderInto(QTextDocument* document, const QString& markdown,
                           const ThemeColors& colors, const EquationIndex* index);
    // The TeX of the formula at `position` (viewport coordinates), with its dollars, or "".
    QString texAt(const QPoint& position) const;

    // The math spans of `markdown` replaced by placeholders (U+E000, index, U+E001); the spans'
    // TeX (without dollars) in `spans`, with `display` set for $$…$$. Code spans and fenced
    // code are left alone.
    static QString protectMath(const QString& markdown, QStringList* spans, QList<bool>* display);

Q_SIGNALS:
    void editRequested();

protected:
    bool event(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    QMimeData* createMimeDataFromSelection() const override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void render();
    void fitHeight();

    QString m_markdown;
    ThemeColors m_colors;
    const EquationIndex* m_equations = nullptr;
    int m_width = -1;
};

}  // namespace lemma::widgets
