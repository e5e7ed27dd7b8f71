// The session's state in the status bar (see RunStatus.h).
#include "widgets/notebook/RunStatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include "widgets/notebook/NotebookModel.h"

namespace lemma::widgets {

using notebook::CellState;

namespace {

// English plurals without a translator: "1 cell", "3 cells".
QString counted(int n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(n);
}

}  // namespace

RunStatus::RunStatus(NotebookModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_label(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_stop(new QToolButton(this)) {
    m_progress->setTextVisible(false);
    m_progress->setFixedWidth(120);
    m_progress->setMaximumHeight(12);
    m_progress->hide();
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop the running cell (Ctrl+.)"));
    m_stop->setAutoRaise(true);
    m_stop->hide();
    // Their room is kept while nothing runs: the status bar's height never changes with a run,
    // so starting or ending one does not resize (and lay out and repaint) the whole page.
    for (QWidget* w : {static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_stop)}) {
        QSizePolicy policy = w->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        w->setSizePolicy(policy);
    }
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 4, 0);
    row->setSpacing(8);
    row->addWidget(m_label);
    row->addWidget(m_progress);
    row->addWidget(m_stop);

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &RunStatus::refresh);
    auto later = [this] { m_coalesce.start(); };
    connect(model, &NotebookModel::stateChanged, this, later);
    connect(model, &NotebookModel::progressed, this, later);
    connect(model, &NotebookModel::reset, this, later);
    connect(model, &NotebookModel::cellRemoved, this, later);
    connect(model, &NotebookModel::cellInserted, this, later);
    connect(model, &NotebookModel::idle, this, later);
    connect(m_stop, &QToolButton::clicked, model, &NotebookModel::cancel);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &RunStatus::refresh);
    refresh();
}

void RunStatus::refresh() {
    m_coalesce.stop();
    int running = 0;
    int queued = 0;
    int errors = 0;
    int stale = 0;
    int runningNumber = 0;
    int runningKey = -1;
    double fraction = -1;
    for (int i = 0; i < m_model->count(); ++i) {
        const int key = m_model->keyAt(i);
        if (!m_model->isCode(key))
            continue;
        switch (m_model->state(key)) {
            case CellState::Running:
                ++running;
                runningNumber = m_model->number(key);
                runningKey = key;
                fraction = m_model->progress(key);
                break;
            case CellState::Queued:
                ++queued;
                break;
            case CellState::Error:
                ++errors;
                break;
            case CellState::Stale:
                ++stale;
                break;
            default:
                break;
        }
    }
    const bool busy = running + queued > 0;
    QString text;
    if (runningKey != m_runningKey) {
        m_runningKey = runningKey;
        if (runningKey >= 0)
            m_since.start();
        else
            m_since.invalidate();
    }
    if (running > 0 && !m_tick.isActive())
        m_tick.start();
    else if (running == 0)
        m_tick.stop();
    if (running > 0) {
        text = tr("Running cell [%1]").arg(runningNumber);
        const int seconds = int(elapsedSeconds());
        if (seconds >= 2)
            text += tr(" for %1 s").arg(seconds);
        if (queued > 0)
            text += tr(", %1 more queued").arg(queued);
    } else if (queued > 0) {
        text = counted(queued, tr("1 cell queued"), tr("%1 cells queued"));
    } else {
        QStringList parts;
        if (errors > 0)
            parts << counted(errors, tr("1 cell failed"), tr("%1 cells failed"));
        if (stale > 0)
            parts << counted(stale, tr("1 cell stale"), tr("%1 cells stale"));
        text = parts.isEmpty() ? tr("Ready") : parts.join(QStringLiteral(" · "));
    }
    m_label->setText(text);
    if (fraction < 0) {
        m_progress->setRange(0, 0);
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(fraction * 1000));
    }
    m_progress->setVisible(busy);
    m_stop->setVisible(busy);
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

double RunStatus::elapsedSeconds() const {
    return m_since.isValid() ? m_since.elapsed() / 1000.0 : 0.0;
}

}  // namespace lemma::widgets
