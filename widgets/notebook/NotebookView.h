// A vertical list of a notebook's cells: prose rendered, code shown with its outputs below.
#pragma once

#include <QHash>
#include <QScrollArea>

#include "widgets/notebook/SessionBridge.h"

class QLabel;
class QVBoxLayout;

namespace lemma::widgets {

class TextOutputView;

// Responsibilities:
// - build one row per cell of the session's notebook;
// - keep each code cell's state mark and outputs current as the session reports.
class NotebookView : public QScrollArea {
    Q_OBJECT
public:
    explicit NotebookView(SessionBridge* bridge, QWidget* parent = nullptr);

    // Rebuilds the rows from the session's notebook.
    void rebuild();

private:
    struct CodeRow {
        QLabel* state = nullptr;
        TextOutputView* outputs = nullptr;
    };

    void showState(quint64 cell, int state);
    void showOutputs(quint64 cell);

    SessionBridge* m_bridge;
    QVBoxLayout* m_layout = nullptr;
    QHash<quint64, CodeRow> m_rows;
};

}  // namespace lemma::widgets
