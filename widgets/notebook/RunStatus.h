// The status bar's account of the session: what runs now, its progress, a stop button, and a
// summary (errors, stale cells) when nothing runs.
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace lemma::widgets {

class NotebookModel;

// Responsibilities:
// - count the code cells by state whenever a state changes (coalesced to one count per
//   event-loop turn) and say the result in one line;
// - while something runs: a progress bar (busy, or the builtin's fraction), a stop button, and
//   after a few seconds how long the cell has run, counted every second (a computation that
//   cannot be interrupted, such as one huge svd, is then visibly still running).
class RunStatus : public QWidget {
    Q_OBJECT
public:
    explicit RunStatus(NotebookModel* model, QWidget* parent = nullptr);

    QLabel* label() const { return m_label; }
    QProgressBar* progressBar() const { return m_progress; }
    QToolButton* stopButton() const { return m_stop; }
    bool isBusy() const { return m_busy; }
    // Recounts now.
    void refresh();
    // How long the running cell has run, in seconds (0 when none runs).
    double elapsedSeconds() const;

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    NotebookModel* m_model;
    QLabel* m_label;
    QProgressBar* m_progress;
    QToolButton* m_stop;
    QTimer m_coalesce;
    QTimer m_tick;          // once a second while a cell runs
    QElapsedTimer m_since;  // since the running cell started
    int m_runningKey = -1;  // the cell m_since times
    bool m_busy = false;
};

}  // namespace lemma::widgets
