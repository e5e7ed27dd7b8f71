// One cell on screen (see CellView.h).
#include "widgets/notebook/CellView.h"

#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/notebook/CellGutter.h"
#include "widgets/notebook/MarkdownView.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/output/OutputArea.h"

namespace lemma::widgets {

namespace {

constexpr int kBar = 4;              // the selection bar's width
constexpr int kRunBarDelayMs = 200;  // how long a run lasts before its progress bar shows

// The page colour, half transparent, over the outputs of a stale cell: they come from older
// inputs. A plain child painted last works wherever the outputs are drawn (screen or grab),
// which an opacity effect on widgets with their own backgrounds does not. Its banner, a
// line at the top, says why, without moving anything below.
class Veil : public QWidget {
public:
    explicit Veil(QWidget* over) : QWidget(over), m_banner(new QLabel(this)) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        m_banner->setObjectName(QStringLiteral("staleBanner"));
        m_banner->setAutoFillBackground(true);
        m_banner->setContentsMargins(6, 2, 6, 2);
        m_banner->hide();
        over->installEventFilter(this);
        hide();
    }
    void setColors(const QColor& page, const QColor& text) {
        m_color = page;
        m_color.setAlphaF(0.6f);
        QPalette p = m_banner->palette();
        p.setColor(QPalette::Window, page);
        p.setColor(QPalette::Base, page);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Text, text);
        m_banner->setPalette(p);
        update();
    }
    void setBanner(const QString& text, const QColor& color) {
        // Labels on the page draw with Text on Base (the page's background role).
        QPalette p = m_banner->palette();
        p.setColor(QPalette::WindowText, color);
        p.setColor(QPalette::Text, color);
        m_banner->setPalette(p);
        m_banner->setText(text);
        m_banner->setVisible(!text.isEmpty());
        m_banner->adjustSize();
    }
    QString banner() const { return m_banner->isVisibleTo(this) ? m_banner->text() : QString(); }
    void cover() {
        setGeometry(parentWidget()->rect());
        show();
        raise();
    }

protected:
    bool eventFilter(QObject*, QEvent* event) override {
        if (event->type() == QEvent::Resize && isVisible())
            setGeometry(parentWidget()->rect());
        return false;
    }
    void paintEvent(QPaintEvent*) override { QPainter(this).fillRect(rect(), m_color); }

private:
    QColor m_color;
    QLabel* m_banner;
};

// One line for a note: "line 2, column 5: expected ')'".
QString noteText(const output::Output& note) {
    const auto* e = std::get_if<output::Error>(&note);
    if (!e)
        return {};
    QString text = toQString(e->message);
    if (e->pos.known())
        text = QObject::tr("line %1, column %2: %3").arg(e->pos.line).arg(e->pos.column).arg(text);
    return text;
}

// The run bar floats over the top of the outputs (or the editor's last line when there are
// none): a run that lasts long enough to show it must not push the page down and back up.
void placeRunBar(QWidget* bar, QWidget* editor, QWidget* outputs) {
    if (bar->isHidden())
        return;
    const int height = bar->sizeHint().height();
    QRect area;
    if (outputs->isVisible() && outputs->height() >= height)
        area = QRect(outputs->pos(), QSize(outputs->width(), height));
    else
        area = QRect(editor->mapTo(bar->parentWidget(), QPoint(0, editor->height() - height)),
                     QSize(editor->width(), height));
    bar->setGeometry(area);
    bar->raise();
}

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
                   const ThemeColors& colors, const EquationIndex* equations, QWidget* parent)
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
      m_outputs(new OutputArea(this)),
      m_veil(new Veil(m_outputs)) {
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
        m_markdown->setColors(colors);
        m_markdown->setEquationIndex(equations);
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
    m_runBar->setAutoFillBackground(true);
    m_runBar->setBackgroundRole(QPalette::Base);
    m_runBar->hide();
    m_runBarDelay.setSingleShot(true);
    m_runBarDelay.setInterval(kRunBarDelayMs);
    connect(&m_runBarDelay, &QTimer::timeout, this, [this] {
        if (m_model->state(m_key) == notebook::CellState::Running) {
            m_runBar->show();
            placeRunBar(m_runBar, m_editor, m_outputs);
        }
    });
    m_outputs->installEventFilter(this);
    m_editor->installEventFilter(this);

    m_status->setObjectName(QStringLiteral("cellNotice"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    m_status->hide();
    connect(m_status, &QLabel::linkActivated, this, &CellView::followLink);
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
    connect(m_outputs, &OutputArea::steppingThroughToggled, this, [this](bool on) {
        m_controller->setOption(m_key, QStringLiteral("step-through"), on);
    });
    connect(m_outputs, &OutputArea::pinRequested, this,
            [this] { m_outputs->showPinNotice(m_controller->pinSettings(m_key)); });
    connect(m_outputs, &OutputArea::clearPinsRequested, this,
            [this] { m_controller->clearPins(m_key); });
    connectEditor();

    setColors(colors);
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
    if (m_code && !m_editing && !m_typingError.isEmpty())
        refreshOutputs();  // the error's box, now that the typing is over
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
    if (m_code && !m_typingError.isEmpty())
        refreshOutputs();  // the error's box, now that the typing is over
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
    // Labels on the page draw with Text (the page's background role is Base).
    static_cast<Veil*>(m_veil)->setColors(colors.outputBackground, colors.stale);
    if (m_code)
        refreshNotice();
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
    if (m_code)
        m_outputs->setSteppingThrough(m_model->hasOption(m_key, QStringLiteral("step-through")));
    if (!m_hiddenCode)
        return;
    const bool hidden = m_model->hasOption(m_key, QStringLiteral("hide-code"));
    const int lines = m_model->document(m_key)->blockCount();
    m_hiddenCode->setText(lines == 1 ? tr("⋯ code hidden (1 line): click to show")
                                     : tr("⋯ code hidden (%1 lines): click to show").arg(lines));
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
    if (!running) {
        m_runBarDelay.stop();
        m_runBar->hide();
    } else if (m_runBar->isHidden() && !m_runBarDelay.isActive()) {
        m_runBarDelay.start();
    }
    if (running)
        refreshProgress();
    // A re-run does not leave the old error or "cancelled" box under its progress bar.
    m_outputs->setErrorsHidden(running);
    refreshNotice();
}

void CellView::refreshNotice() {
    const notebook::CellState state = m_model->state(m_key);
    const output::Outputs& notes = m_model->notes(m_key);
    // Outputs from older inputs fade: a stale cell's, and those of a cell that cannot run now.
    // (Queued and running cells do not: during a reactive re-run that would only flicker.)
    const bool faded =
        state == notebook::CellState::Stale ||
        (state == notebook::CellState::Error && (!notes.empty() || !m_typingError.isEmpty()));
    QString notice;
    if (!notes.empty())
        notice = noteText(notes.front()).toHtmlEscaped();
    else if (state == notebook::CellState::Error && !m_typingError.isEmpty())
        notice = m_typingError.toHtmlEscaped();
    else if (state == notebook::CellState::Stale)
        notice = tr("Stale: its inputs changed. Ctrl+Enter runs it.");
    const auto redefinitions = m_model->redefinitions(m_key);
    if (state == notebook::CellState::Error && !redefinitions.isEmpty()) {
        const auto& [name, owner] = redefinitions.front();
        notice += QStringLiteral(" — <a href=\"rename:%1\">rename it here</a>").arg(name);
        if (owner)
            notice += tr(" or <a href=\"cell:%1\">go to cell %2</a>")
                          .arg(owner)
                          .arg(m_model->number(owner));
    }
    // Over the faded outputs when there are some (nothing below moves), else a line of its own.
    const bool overOutputs =
        faded && m_outputs->isVisibleTo(this) && redefinitions.isEmpty() && !m_outputs->isEmpty();
    // Red for the cell's own error, the stale colour for a cause elsewhere.
    const QColor color = state == notebook::CellState::Error ? m_colors.errorText : m_colors.stale;
    Veil* veil = static_cast<Veil*>(m_veil);
    veil->setBanner(overOutputs ? notice : QString(), color);
    m_status->setText(overOutputs ? QString() : notice);
    m_status->setVisible(!overOutputs && !notice.isEmpty());
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, color);
    p.setColor(QPalette::Text, color);
    m_status->setPalette(p);
    if (faded)
        veil->cover();
    else
        m_veil->hide();
    refreshErrorLine();
}

QString CellView::notice() const {
    const QString over = static_cast<const Veil*>(m_veil)->banner();
    if (!over.isEmpty() && m_veil->isVisibleTo(m_outputs))
        return over;
    return m_status->isVisibleTo(this) ? m_status->text() : QString();
}

void CellView::refreshErrorLine() {
    int errorLine = 0;
    for (const output::Outputs* list : {&m_model->notes(m_key), &m_model->outputs(m_key)}) {
        for (const output::Output& out : *list) {
            if (const auto* e = std::get_if<output::Error>(&out); e && e->pos.known()) {
                errorLine = e->pos.line;
                break;
            }
        }
        if (errorLine)
            break;
    }
    m_editor->setErrorLine(errorLine);
}

void CellView::followLink(const QString& link) {
    const QString target = link.section(QLatin1Char(':'), 1);
    if (link.startsWith(QLatin1String("cell:"))) {
        m_controller->showCell(target.toInt());
    } else if (link.startsWith(QLatin1String("rename:"))) {
        // Select the name where the cell first assigns it, so typing renames it.
        Q_EMIT pressed(m_key);
        const QRegularExpression word(
            QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(target)));
        const QRegularExpressionMatch m = word.match(m_model->text(m_key));
        startEditing();
        if (m.hasMatch()) {
            QTextCursor c = m_editor->textCursor();
            c.setPosition(int(m.capturedStart()));
            c.setPosition(int(m.capturedEnd()), QTextCursor::KeepAnchor);
            m_editor->setTextCursor(c);
        }
    }
}

bool CellView::outputsFaded() const {
    return m_veil->isVisibleTo(m_outputs);
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
    const bool failed = m_model->state(m_key) == notebook::CellState::Error && !outputs.empty() &&
                        std::holds_alternative<output::Error>(outputs.back());
    // While the person types, a run-time error is a one-line notice over the last good outputs
    // (a half-typed name is not news): no box flashes and the page does not reflow on every
    // pause. The box shows once the editor is left.
    const output::Outputs* shown = &outputs;
    m_typingError.clear();
    if (failed && m_editing) {
        m_typingError = noteText(outputs.back());
        shown = &m_lastGood;
    } else if (!failed) {
        m_lastGood = outputs;
    }
    m_outputs->setOutputs(*shown);
    const bool collapsed = m_model->outputsCollapsed(m_key) && !shown->empty();
    m_outputs->setVisible(!shown->empty() && !collapsed);
    m_collapsedOutputs->setVisible(collapsed);
    refreshNotice();
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
    if ((watched == m_outputs || watched == m_editor) &&
        (event->type() == QEvent::Resize || event->type() == QEvent::Move ||
         event->type() == QEvent::Show || event->type() == QEvent::Hide))
        placeRunBar(m_runBar, m_editor, m_outputs);
    if (watched == m_markdown && event->type() == QEvent::Resize &&
        m_markdownStack->currentWidget() == m_markdown)
        m_markdownStack->setFixedHeight(m_markdown->height());
    if (watched == m_markdown && event->type() == QEvent::MouseButtonPress)
        Q_EMIT pressed(m_key);
    return QFrame::eventFilter(watched, event);
}

void CellView::paintEvent(QPaintEvent* event) {
    QFrame::paintEvent(event);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    // The editor sits in a rounded frame of the code background, one pixel outside it.
    if (m_editor->isVisible()) {
        const QRect editor(m_editor->mapTo(this, QPoint(0, 0)), m_editor->size());
        p.setPen(QPen(m_editing ? m_colors.editSelection : m_colors.cellBorder, 1));
        p.setBrush(m_colors.codeBackground);
        p.drawRoundedRect(QRectF(editor).adjusted(-1.5, -1.5, 1.5, 1.5), 3, 3);
    }
    if (!m_selected)
        return;
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
