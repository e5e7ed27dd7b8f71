// The Outline dock: the notebook's Markdown headings as a tree; a click shows the cell.
#pragma once

#include <QTimer>
#include <QWidget>

class QTreeWidget;

namespace lemma::widgets {

class NotebookModel;

// One heading of a Markdown text: its level (1–6), its text and its line (0-based).
struct Heading {
    int level = 1;
    QString text;
    int line = 0;
};

// The ATX headings (`# …`) of Markdown, outside fenced code blocks.
QList<Heading> markdownHeadings(const QString& markdown);

// Responsibilities: keep the tree of headings current as cells change (debounced); tell
// which cell a clicked heading is in.
class OutlinePanel : public QWidget {
    Q_OBJECT
public:
    explicit OutlinePanel(NotebookModel* model, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    // Rebuilds the tree now.
    void refresh();

Q_SIGNALS:
    void cellActivated(int key);

private:
    NotebookModel* m_model;
    QTreeWidget* m_tree;
    QTimer m_refresh;
};

}  // namespace lemma::widgets
