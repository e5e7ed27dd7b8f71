// The Variables dock: every global name with its type, size and value; for a matrix a heatmap
// and, on demand, its rank, norms and condition number; double-click opens it as a table.
#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>

#include "engine/lang/Interpreter.h"

class QLabel;
class QPushButton;
class QTreeWidget;

namespace lemma::widgets {

class HeatmapWidget;
class NotebookModel;

// Responsibilities:
// - show the session's globals (a snapshot taken when the session goes idle);
// - for the selected matrix: a heatmap, and the engine's MatrixFacts computed off the GUI
//   thread when asked;
// - open a table window of a matrix on double-click.
class VariablesPanel : public QWidget {
    Q_OBJECT
public:
    explicit VariablesPanel(NotebookModel* model, QWidget* parent = nullptr);

    QTreeWidget* tree() const { return m_tree; }
    QLabel* factsLabel() const { return m_facts; }
    QPushButton* factsButton() const { return m_compute; }
    HeatmapWidget* heatmap() const { return m_heatmap; }
    // Re-reads the globals now.
    void refresh();
    // Opens a table of the named variable; returns the window (nullptr for non-matrices).
    QWidget* openTable(const QString& name);

    // The width the Value column has now (0 when hidden).
    int valueColumnWidth() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitColumns();
    void showSelected();
    void computeFacts();
    const lang::Value* selectedValue(QString* name = nullptr) const;

    NotebookModel* m_model;
    std::shared_ptr<const lang::Globals> m_globals;
    QTreeWidget* m_tree;
    HeatmapWidget* m_heatmap;
    QLabel* m_facts;
    QPushButton* m_compute;
    QWidget* m_details;
    int m_generation = 0;  // bumps on every selection, so stale facts are dropped
};

}  // namespace lemma::widgets
