// Equation numbers across a notebook (see EquationIndex.h).
#include "widgets/notebook/EquationIndex.h"

#include <QRegularExpression>

#include "widgets/notebook/MarkdownView.h"

namespace lemma::widgets {

void EquationIndex::update(const QStringList& markdownCells) {
    static const QRegularExpression label(QStringLiteral("\\\\label\\{([^}]*)\\}"));
    static const QRegularExpression tag(QStringLiteral("\\\\tag\\*?\\{([^}]*)\\}"));
    QHash<QString, QString> numbers;
    int counter = 0;
    for (const QString& cell : markdownCells) {
        if (!cell.contains(QLatin1String("\\label")))
            continue;
        QStringList spans;
        QList<bool> display;
        MarkdownView::protectMath(cell, &spans, &display);
        for (qsizetype i = 0; i < spans.size(); ++i) {
            if (!display[i])
                continue;
            const QRegularExpressionMatch l = label.match(spans[i]);
            if (!l.hasMatch())
                continue;
            const QRegularExpressionMatch t = tag.match(spans[i]);
            const QString number =
                t.hasMatch() ? t.captured(1).trimmed() : QString::number(++counter);
            const QString name = l.captured(1).trimmed();
            if (!numbers.contains(name))
                numbers.insert(name, number);
        }
    }
    if (numbers != m_numbers) {
        m_numbers = numbers;
        Q_EMIT changed();
    }
}

}  // namespace lemma::widgets
