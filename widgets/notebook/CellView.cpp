// One cell on screen (see CellView.h).
#include "widgets/notebook/CellView.h"

#include <QContextMenuEvent>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/notebook/CellGutter.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/output/OutputArea.h"

namespace lemma::widgets {

namespace {

constexpr int kBar = 4;  // the selection bar's width

QToolButton* flatButton(const QString& text, QWidget* parent) {
    auto* b = new QToolButton(parent);
    b->setText(text);
    b->setAutoRaise(true);
    b->setCursor(Qt::PointingHandCursor);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

}  // namespace

CellView::CellView(NotebookController* controller, Key key, CodeCompleter* completer,
                   QWidget* parent)
    : QFrame(parent),
      m_controller(controller),
      m_model(controller->model()),
      m_key(key),
      m_code(controller->model()->isCode(key)),
      m_gutter(new CellGutter(m_code, this)),
      m_editor(
          new CodeEditor(m_code ? CodeEditor::Language::Lemma : CodeEditor::Language::Markdown)),
      m_runBar(new QWidget(this)),
      m_progress(new QProgressBar(m_runBar)),
      m_stop(flatButton(tr("■ Stop"), m_runBar)),
      m_status(new QLabel(this)),
      m_collapsedOutputs(flatButton(tr("⋯ outputs hidden — click to show"), this)),
      m_outputs(new OutputArea(this)) {
    setObjectName(QStringLiteral("cell"));
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_editor->setCellDocument(m_model->document(key));
    m_editor->setCompleter(completer);

    auto* body = new QVBoxLayout;
    body->setContentsMargins(0, 4, 8, 4);
    body->setSpacing(4);
    if (m_code) {
        m_hiddenCode = flatButton(QString(), this);
        connect(m_hiddenCode, &QToolButton::clicked, this,
                [this] { m_controller->setOption(m_key, QStringLiteral("hide-code"), false); });
        body->addWidget(m_hiddenCode, 0, Qt::AlignLeft);
        body->addWidget(m_editor);
    } else {
        m_markdown = new MarkdownView(this);
        m_markdownStack = new QStackedWidget(this);
        m_markdownStack->addWidget(m_markdown);
        m_markdownStack->addWidget(m_editor);
        m_markdownStack->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        body->addWidget(m_markdownStack);
        connect(m_markdown, &MarkdownView::editRequested, this, [this] {
            Q_EMIT pressed(m_key);
            startEditing();
        });
        // The stack is as tall as the page it shows.
        auto fit = [this] {
            QWidget* page = m_markdownStack->currentWidget();
            m_markdownStack->setFixedHeight(page->height() > 0 ? page->height()
                                                               : page->sizeHint().height());
        };
        connect(m_editor, &CodeEditor::heightChanged, this, fit);
        m_markdown->installEventFilter(this);
        m_markdown->setMarkdown(m_model->text(key));
    }

    auto* run = new QHBoxLayout(m_runBar);
    run->setContentsMargins(0, 0, 0, 0);
    run->setSpacing(8);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setMaximumWidth(320);
    m_stop->setToolTip(tr("Stop this cell (Ctrl+.)"));
    run->addWidget(m_progress, 1);
    run->addWidget(m_stop);
    run->addStretch(2);
    connect(m_stop, &QToolButton::clicked, this, [this] { m_model->cancel(); });
    m_runBar->hide();
    body->addWidget(m_runBar);

    m_status->hide();
    body->addWidget(m_status);
    connect(m_collapsedOutputs, &QToolButton::clicked, this,
            [this] { m_model->setOutputsCollapsed(m_key, false); });
    m_collapsedOutputs->hide();
    body->addWidget(m_collapsedOutputs, 0, Qt::AlignLeft);
    body->addWidget(m_outputs);
    m_outputs->hide();

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(kBar + 2, 0, 0, 0);
    row->setSpacing(6);
    row->addWidget(m_gutter);
    row->addLayout(body, 1);

    connect(m_gutter, &CellGutter::clicked, this, [this] { Q_EMIT pressed(m_key); });
    connect(m_gutter, &CellGutter::dragRequested, this, [this] { Q_EMIT dragRequested(m_key); });
    connect(m_outputs, &OutputArea::controlEdited, this,
            [this](int control, const QString& literal) {
                m_controller->setControlValue(m_key, control, literal);
            });
    connect(m_outputs, &OutputArea::errorActivated, this, &CellView::jumpToError);
    connectEditor();

    refreshNumber();
    refreshInfo();
    refreshState();
    refreshOutputs();
}

void CellView::connectEditor() {
    CodeEditor* e = m_editor;
    connect(e, &CodeEditor::focusReceived, this, [this] {
        m_editing = true;
        Q_EMIT editorFocused(m_key);
    });
    connect(e, &CodeEditor::runRequested, this,
            [this](CodeEditor::RunMode mode) { Q_EMIT runRequested(m_key, mode); });
    connect(e, &CodeEditor::escapePressed, this, [this] { Q_EMIT escapePressed(m_key); });
    connect(e, &CodeEditor::leaveRequested, this,
            [this](int direction) { Q_EMIT leaveRequested(m_key, direction); });
    connect(e, &CodeEditor::splitRequested, this, [this] { Q_EMIT splitRequested(m_key); });
    connect(e, &CodeEditor::undoRequested, this, &CellView::undoRequested);
    connect(e, &CodeEditor::redoRequested, this, &CellView::redoRequested);
    connect(e, &CodeEditor::helpRequested, this, &CellView::helpRequested);
}

void CellView::setSelected(bool selected, bool editing) {
    if (m_selected == selected && m_editing == editing)
        return;
    m_selected = selected;
    m_editing = selected && editing;
    update();
}

void CellView::startEditing() {
    if (m_markdownStack) {
        m_markdownStack->setCurrentWidget(m_editor);
        m_markdownStack->setFixedHeight(m_editor->contentHeight());
    }
    if (m_hiddenCode && m_editor->isHidden())
        m_controller->setOption(m_key, QStringLiteral("hide-code"), false);
    m_editing = true;
    m_editor->setFocus(Qt::OtherFocusReason);
    update();
}

void CellView::stopEditing() {
    m_editing = false;
    if (m_markdownStack) {
        m_markdown->setMarkdown(m_model->text(m_key));
        m_markdownStack->setCurrentWidget(m_markdown);
        m_markdownStack->setFixedHeight(m_markdown->height());
    }
    update();
}

bool CellView::isEditing() const {
    return m_editing;
}

void CellView::setColors(const ThemeColors& colors) {
    m_colors = colors;
    m_gutter->setColors(colors);
    m_editor->setColors(colors);
    m_outputs->setColors(colors);
    if (m_markdown) {
        m_markdown->setColors(colors);
        if (m_markdownStack->currentWidget() == m_markdown)
            m_markdownStack->setFixedHeight(m_markdown->height());
    }
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, colors.stale);
    m_status->setPalette(p);
    update();
}

void CellView::setBuiltins(const QSet<QString>& names) {
    if (m_code)
        m_editor->setBuiltins(names);
}

void CellView::refreshNumber() {
    m_gutter->setNumber(m_model->number(m_key));
}

void CellView::refreshText() {
    if (m_markdown && m_markdownStack->currentWidget() == m_markdown) {
        m_markdown->setMarkdown(m_model->text(m_key));
        m_markdownStack->setFixedHeight(m_markdown->height());
    }
    if (m_hiddenCode && m_hiddenCode->isVisible())
        refreshInfo();
}

void CellView::refreshInfo() {
    if (!m_hiddenCode)
        return;
    const bool hidden = m_model->hasOption(m_key, QStringLiteral("hide-code"));
    const int lines = m_model->document(m_key)->blockCount();
    m_hiddenCode->setText(tr("⋯ code hidden (%n line(s)) — click to show", nullptr, lines));
    m_hiddenCode->setVisible(hidden);
    m_editor->setVisible(!hidden);
    refreshState();
}

void CellView::refreshState() {
    const notebook::CellState state = m_model->state(m_key);
    m_gutter->setState(state);
    if (!m_code)
        return;
    const bool running = state == notebook::CellState::Running;
    m_runBar->setVisible(running);
    if (running)
        refreshProgress();
    QString status;
    if (state == notebook::CellState::Stale)
        status = tr("Stale — its inputs changed. Ctrl+Enter runs it.");
    else if (state == notebook::CellState::Queued)
        status = tr("Queued");
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    // Outputs of a stale cell are from older inputs: shown faded until it runs again.
    const bool faded = state == notebook::CellState::Stale || state == notebook::CellState::Queued;
    if (faded && !m_outputs->graphicsEffect()) {
        auto* effect = new QGraphicsOpacityEffect(m_outputs);
        effect->setOpacity(0.45);
        m_outputs->setGraphicsEffect(effect);
    } else if (!faded && m_outputs->graphicsEffect()) {
        m_outputs->setGraphicsEffect(nullptr);
    }
}

void CellView::refreshProgress() {
    const double fraction = m_model->progress(m_key);
    if (fraction < 0) {
        m_progress->setRange(0, 0);  // busy
    } else {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(fraction * 1000));
    }
}

void CellView::refreshOutputs() {
    if (!m_code)
        return;
    const output::Outputs& outputs = m_model->outputs(m_key);
    m_outputs->setOutputs(outputs);
    const bool collapsed = m_model->outputsCollapsed(m_key) && !outputs.empty();
    m_outputs->setVisible(!outputs.empty() && !collapsed);
    m_collapsedOutputs->setVisible(collapsed);
    int errorLine = 0;
    for (const output::Output& out : outputs) {
        if (const auto* e = std::get_if<output::Error>(&out); e && e->pos.known()) {
            errorLine = e->pos.line;
            break;
        }
    }
    m_editor->setErrorLine(errorLine);
}

void CellView::jumpToError(int line, int column) {
    Q_EMIT pressed(m_key);
    if (m_hiddenCode && m_editor->isHidden())
        m_controller->setOption(m_key, QStringLiteral("hide-code"), false);
    m_editor->goTo(line, column);
}

void CellView::mousePressEvent(QMouseEvent* event) {
    Q_EMIT pressed(m_key);
    QFrame::mousePressEvent(event);
}

void CellView::contextMenuEvent(QContextMenuEvent* event) {
    Q_EMIT pressed(m_key);
    Q_EMIT contextMenuRequested(m_key, event->globalPos());
    event->accept();
}

bool CellView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_markdown && event->type() == QEvent::Resize &&
        m_markdownStack->currentWidget() == m_markdown)
        m_markdownStack->setFixedHeight(m_markdown->height());
    if (watched == m_markdown && event->type() == QEvent::MouseButtonPress)
        Q_EMIT pressed(m_key);
    return QFrame::eventFilter(watched, event);
}

void CellView::paintEvent(QPaintEvent* event) {
    QFrame::paintEvent(event);
    if (!m_selected)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor accent = m_editing ? m_colors.editSelection : m_colors.commandSelection;
    QColor border = accent;
    border.setAlphaF(0.35f);
    p.setPen(QPen(border, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    QPainterPath bar;
    bar.addRoundedRect(QRectF(0, 0, kBar, height()), 2, 2);
    p.fillPath(bar, accent);
}

}  // namespace lemma::widgets
