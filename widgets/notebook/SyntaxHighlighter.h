// Syntax highlighting for cell editors: the cell language, or Markdown with math.
#pragma once

#include <QSet>
#include <QSyntaxHighlighter>

#include "widgets/notebook/Theme.h"

namespace lemma::widgets {

// Responsibilities:
// - colour the cell language line by line: keywords, builtin names, numbers, strings and
//   comments (a `%` inside a string is not a comment);
// - colour Markdown: headings, code spans, emphasis and `$…$` math;
// - follow the palette: setColors() re-colours everything.
class SyntaxHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { Lemma, Markdown };

    SyntaxHighlighter(Language language, QObject* parent = nullptr);

    void setBuiltins(QSet<QString> names) { m_builtins = std::move(names); }
    void setColors(const ThemeColors& colors);

    static bool isKeyword(const QString& word);

protected:
    void highlightBlock(const QString& text) override;

private:
    void highlightLemma(const QString& text);
    void highlightMarkdown(const QString& text);

    Language m_language;
    QSet<QString> m_builtins;
    ThemeColors m_colors;
};

}  // namespace lemma::widgets
