// Line-by-line highlighting of the cell language and of Markdown (see SyntaxHighlighter.h).
//
// The cell language has no construct spanning lines that changes colours (strings end at the
// line's end, comments are line comments), so each line is scanned on its own. Markdown fenced
// code blocks do span lines: the block state remembers being inside one.
#include "widgets/notebook/SyntaxHighlighter.h"

#include <QRegularExpression>
#include <QTextDocument>

#include "engine/lang/Token.h"

namespace lemma::widgets {

namespace {

bool isIdentStart(QChar c) {
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

QTextCharFormat colored(const QColor& color, bool bold = false, bool italic = false) {
    QTextCharFormat f;
    f.setForeground(color);
    if (bold)
        f.setFontWeight(QFont::DemiBold);
    f.setFontItalic(italic);
    return f;
}

enum BlockState { Normal = 0, InFence = 1 };

}  // namespace

SyntaxHighlighter::SyntaxHighlighter(Language language, QObject* parent)
    : QSyntaxHighlighter(parent), m_language(language) {}

bool SyntaxHighlighter::isKeyword(const QString& word) {
    static const QSet<QString> keywords = {
        QStringLiteral("if"),       QStringLiteral("elseif"),      QStringLiteral("else"),
        QStringLiteral("end"),      QStringLiteral("endif"),       QStringLiteral("endfor"),
        QStringLiteral("endwhile"), QStringLiteral("endfunction"), QStringLiteral("for"),
        QStringLiteral("while"),    QStringLiteral("break"),       QStringLiteral("continue"),
        QStringLiteral("return"),   QStringLiteral("function"),    QStringLiteral("true"),
        QStringLiteral("false")};
    return keywords.contains(word);
}

void SyntaxHighlighter::setColors(const ThemeColors& colors) {
    m_colors = colors;
    rehighlight();
}

void SyntaxHighlighter::highlightBlock(const QString& text) {
    if (m_language == Language::Lemma)
        highlightLemma(text);
    else
        highlightMarkdown(text);
}

void SyntaxHighlighter::highlightLemma(const QString& text) {
    const int n = int(text.size());
    int i = 0;
    QChar previous;      // the last non-blank character, to tell a transpose from a string
    bool space = false;  // blanks since `previous`
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            space = true;
            ++i;
            continue;
        }
        if (c == QLatin1Char('%') || c == QLatin1Char('#')) {
            setFormat(i, n - i, colored(m_colors.comment, false, true));
            return;
        }
        const bool quote =
            c == QLatin1Char('\'') &&
            !lang::quoteIsTranspose(lang::kindEndingWith(previous.toLatin1()), space);
        if (c == QLatin1Char('"') || quote) {
            const QByteArray rest = text.mid(i).toUtf8();
            const std::size_t close = lang::stringLiteralEnd(
                std::string_view(rest.constData(), std::size_t(rest.size())), 0);
            const int end =
                close == std::string_view::npos
                    ? n
                    : i + int(QString::fromUtf8(rest.constData(), qsizetype(close)).size());
            setFormat(i, end - i, colored(m_colors.string));
            i = end;
            previous = c;
            space = false;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text[i + 1].isDigit())) {
            int j = i;
            while (j < n && (text[j].isDigit() || text[j] == QLatin1Char('.')))
                ++j;
            if (j < n && (text[j] == QLatin1Char('e') || text[j] == QLatin1Char('E'))) {
                int k = j + 1;
                if (k < n && (text[k] == QLatin1Char('+') || text[k] == QLatin1Char('-')))
                    ++k;
                if (k < n && text[k].isDigit()) {
                    j = k;
                    while (j < n && text[j].isDigit())
                        ++j;
                }
            }
            if (j < n && (text[j] == QLatin1Char('i') || text[j] == QLatin1Char('j')))
                ++j;
            setFormat(i, j - i, colored(m_colors.number));
            i = j;
            previous = QLatin1Char('0');
            space = false;
            continue;
        }
        if (isIdentStart(c)) {
            int j = i;
            while (j < n && isIdentChar(text[j]))
                ++j;
            const QString word = text.mid(i, j - i);
            const bool field = previous == QLatin1Char('.');
            if (!field && isKeyword(word))
                setFormat(i, j - i, colored(m_colors.keyword, true));
            else if (!field && m_builtins.contains(word))
                setFormat(i, j - i, colored(m_colors.builtin));
            i = j;
            previous = QLatin1Char('a');
            space = false;
            continue;
        }
        previous = c;
        space = false;
        ++i;
    }
}

void SyntaxHighlighter::highlightMarkdown(const QString& text) {
    static const QRegularExpression fence(QStringLiteral("^\\s{0,3}(```|~~~)"));
    const bool inFence = previousBlockState() == InFence;
    if (fence.match(text).hasMatch()) {
        setFormat(0, int(text.size()), colored(m_colors.comment));
        setCurrentBlockState(inFence ? Normal : InFence);
        return;
    }
    setCurrentBlockState(inFence ? InFence : Normal);
    if (inFence) {
        setFormat(0, int(text.size()), colored(m_colors.string));
        return;
    }
    static const QRegularExpression heading(QStringLiteral("^\\s{0,3}#{1,6}\\s.*$"));
    if (heading.match(text).hasMatch()) {
        setFormat(0, int(text.size()), colored(m_colors.heading, true));
        return;
    }
    static const QRegularExpression strong(QStringLiteral("(\\*\\*|__)[^*_]+\\1"));
    static const QRegularExpression emphasis(
        QStringLiteral("(?<![*\\w])[*_][^*_\\s][^*_]*[*_](?![*\\w])"));
    static const QRegularExpression math(QStringLiteral("\\$\\$[^$]+\\$\\$|\\$[^$\\s][^$]*\\$"));
    static const QRegularExpression code(QStringLiteral("`[^`]+`"));
    static const QRegularExpression link(QStringLiteral("\\[[^\\]]+\\]\\([^)]+\\)"));
    struct Rule {
        const QRegularExpression& pattern;
        QTextCharFormat format;
    };
    const Rule rules[] = {
        {strong, colored(m_colors.text, true)}, {emphasis, colored(m_colors.text, false, true)},
        {math, colored(m_colors.math)},         {code, colored(m_colors.string)},
        {link, colored(m_colors.builtin)},
    };
    for (const Rule& rule : rules) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
}

}  // namespace lemma::widgets
