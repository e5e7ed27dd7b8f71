// The list of cells and their outputs.
#include "widgets/notebook/NotebookView.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "widgets/output/TextOutputView.h"

namespace lemma::widgets {

NotebookView::NotebookView(SessionBridge* bridge, QWidget* parent)
    : QScrollArea(parent), m_bridge(bridge) {
    setWidgetResizable(true);
    connect(bridge, &SessionBridge::stateChanged, this, &NotebookView::showState);
    connect(bridge, &SessionBridge::outputsChanged, this, &NotebookView::showOutputs);
}

void NotebookView::rebuild() {
    auto* page = new QWidget;
    m_layout = new QVBoxLayout(page);
    m_layout->setContentsMargins(24, 16, 24, 16);
    m_layout->setSpacing(10);
    m_rows.clear();

    for (const auto& cell : m_bridge->session().notebook().cells()) {
        if (!cell.isCode()) {
            auto* prose = new QLabel;
            prose->setTextFormat(Qt::MarkdownText);
            prose->setWordWrap(true);
            prose->setText(toQString(cell.source()));
            prose->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_layout->addWidget(prose);
            continue;
        }
        auto* code = new QPlainTextEdit(toQString(cell.source()));
        code->setReadOnly(true);
        code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        code->setLineWrapMode(QPlainTextEdit::NoWrap);
        code->setFixedHeight(
            code->fontMetrics().lineSpacing() * (code->document()->blockCount() + 1) + 12);
        CodeRow row;
        row.state = new QLabel;
        row.state->setStyleSheet(QStringLiteral("color: palette(mid);"));
        row.outputs = new TextOutputView;
        m_layout->addWidget(row.state);
        m_layout->addWidget(code);
        m_layout->addWidget(row.outputs);
        m_rows.insert(quint64(cell.id()), row);
        showState(cell.id(), int(m_bridge->session().state(cell.id())));
        showOutputs(cell.id());
    }
    m_layout->addStretch(1);
    setWidget(page);
}

void NotebookView::showState(quint64 cell, int state) {
    const auto it = m_rows.find(cell);
    if (it == m_rows.end())
        return;
    const int number = m_bridge->session().cellNumber(cell);
    it->state->setText(QStringLiteral("[%1] %2").arg(number).arg(
        QString::fromLatin1(notebook::toString(notebook::CellState(state)))));
}

void NotebookView::showOutputs(quint64 cell) {
    const auto it = m_rows.find(cell);
    if (it == m_rows.end())
        return;
    const output::Outputs outputs = m_bridge->session().outputs(cell);
    it->outputs->setOutputs(outputs);
    it->outputs->setVisible(!outputs.empty());
}

}  // namespace lemma::widgets
