// A cell's outputs split into views by kind (see OutputArea.h).
#include "widgets/output/OutputArea.h"

#include <QVBoxLayout>

#include "widgets/output/ControlView.h"
#include "widgets/output/DerivationView.h"
#include "widgets/output/ErrorOutputView.h"
#include "widgets/output/FigureView.h"
#include "widgets/output/OutputViewFactory.h"

namespace lemma::widgets {

OutputArea::OutputArea(QWidget* parent) : QWidget(parent), m_layout(new QVBoxLayout(this)) {
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

std::vector<QWidget*> OutputArea::views() const {
    std::vector<QWidget*> out;
    for (const Part& p : m_parts)
        out.push_back(p.view->widget());
    return out;
}

void OutputArea::setErrorsHidden(bool hidden) {
    m_errorsHidden = hidden;
    for (const Part& p : m_parts) {
        if (p.kind == OutputKind::Error)
            p.view->widget()->setVisible(!hidden);
    }
}

void OutputArea::setSteppingThrough(bool on) {
    m_steppingThrough = on;
    for (const Part& p : m_parts) {
        if (auto* d = dynamic_cast<DerivationView*>(p.view))
            d->setSteppingThrough(on);
    }
}

void OutputArea::setColors(const ThemeColors& colors) {
    m_colors = colors;
    m_hasColors = true;
    for (const Part& p : m_parts)
        p.view->setColors(colors);
}

OutputPart* OutputArea::makeView(OutputKind kind, int control) {
    OutputPart* view = createOutputView(kind, this);
    if (auto* c = dynamic_cast<ControlView*>(view)) {
        connect(c, &ControlView::edited, this, [this, control](const QString& literal) {
            Q_EMIT controlEdited(control, literal);
        });
    }
    if (auto* e = dynamic_cast<ErrorOutputView*>(view))
        connect(e, &ErrorOutputView::activated, this, &OutputArea::errorActivated);
    if (auto* d = dynamic_cast<DerivationView*>(view)) {
        d->setSteppingThrough(m_steppingThrough);
        connect(d, &DerivationView::steppingThroughToggled, this, [this](bool on) {
            m_steppingThrough = on;
            Q_EMIT steppingThroughToggled(on);
        });
    }
    if (m_hasColors)
        view->setColors(m_colors);
    return view;
}

void OutputArea::connectFigures(QWidget* view) {
    for (FigureView* figure : view->findChildren<FigureView*>()) {
        connect(figure, &FigureView::pinRequested, this, &OutputArea::figureAskedForPin,
                Qt::UniqueConnection);
        connect(figure, &FigureView::clearPinsRequested, this, &OutputArea::clearPinsRequested,
                Qt::UniqueConnection);
    }
}

void OutputArea::figureAskedForPin() {
    m_pinning = qobject_cast<FigureView*>(sender());
    Q_EMIT pinRequested();
}

void OutputArea::showPinNotice(const QString& text) {
    if (m_pinning)
        m_pinning->showNotice(text);
}

void OutputArea::setOutputs(const output::Outputs& outputs) {
    // The parts: runs of groupable kinds, everything else alone.
    std::vector<std::pair<OutputKind, output::Outputs>> parts;
    for (const output::Output& out : outputs) {
        const OutputKind kind = outputKindOf(out);
        if (!parts.empty() && parts.back().first == kind && groupsOutputs(kind))
            parts.back().second.push_back(out);
        else
            parts.push_back({kind, {out}});
    }

    bool sameKinds = parts.size() == m_parts.size();
    for (std::size_t i = 0; sameKinds && i < parts.size(); ++i)
        sameKinds = parts[i].first == m_parts[i].kind;
    if (!sameKinds) {
        for (const Part& p : m_parts)
            delete p.view->widget();
        m_parts.clear();
    }

    int control = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& [kind, part] = parts[i];
        const int number = kind == OutputKind::Control ? control++ : -1;
        if (i < m_parts.size() && m_parts[i].view->setOutputs(part)) {
            connectFigures(m_parts[i].view->widget());
            continue;
        }
        OutputPart* view = makeView(kind, number);
        view->setOutputs(part);
        connectFigures(view->widget());
        if (i < m_parts.size()) {
            m_layout->replaceWidget(m_parts[i].view->widget(), view->widget());
            delete m_parts[i].view->widget();
            m_parts[i].view = view;
        } else {
            m_layout->addWidget(view->widget());
            m_parts.push_back({kind, view});
        }
    }
    setErrorsHidden(m_errorsHidden);
    setVisible(!m_parts.empty());
}

}  // namespace lemma::widgets
