// The numbers of a notebook's labelled display equations, in notebook order, for \eqref.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

namespace lemma::widgets {

// Responsibilities:
// - number the display equations ($$…$$) that carry a \label, in the order of the Markdown
//   cells given, as LaTeX numbers equations; an equation with \tag{t} is not counted and its
//   label refers to "t";
// - answer a label's number ("" when no equation has it);
// - say when any number changed (a cell moved, an equation was added), so views re-render.
class EquationIndex : public QObject {
    Q_OBJECT
public:
    explicit EquationIndex(QObject* parent = nullptr) : QObject(parent) {}

    // Renumbers from the Markdown cells' sources in notebook order.
    void update(const QStringList& markdownCells);
    // "3", a tag's text, or "" when unknown.
    QString number(const QString& label) const { return m_numbers.value(label); }
    bool isEmpty() const { return m_numbers.isEmpty(); }

Q_SIGNALS:
    void changed();

private:
    QHash<QString, QString> m_numbers;
};

}  // namespace lemma::widgets
