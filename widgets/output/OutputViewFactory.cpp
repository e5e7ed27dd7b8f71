// The map from output kinds to views (see OutputViewFactory.h). A new kind of output (a
// derivation, typeset math) adds a row to OutputKind, a case here, and its view class.
#include "widgets/output/OutputViewFactory.h"

#include <QVBoxLayout>

#include "engine/output/Control.h"
#include "engine/output/DerivationData.h"
#include "engine/output/Figure.h"
#include "widgets/output/ControlView.h"
#include "widgets/output/DerivationView.h"
#include "widgets/output/ErrorOutputView.h"
#include "widgets/output/FigureView.h"
#include "widgets/output/TableOutputView.h"
#include "widgets/output/TextOutputView.h"

namespace lemma::widgets {

namespace {

// Each run yields a new figure object: the view stays and shows it (a new widget would be
// laid out and drawn twice, once at its default size and again at its place's).
class FigurePart : public QWidget, public OutputPart {
public:
    explicit FigurePart(QWidget* parent) : QWidget(parent) {
        auto* layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 4, 0, 4);
    }
    QWidget* widget() override { return this; }
    bool setOutputs(const output::Outputs& outputs) override {
        if (outputs.size() != 1 || !std::holds_alternative<output::Rich>(outputs[0]))
            return false;
        auto figure = std::dynamic_pointer_cast<const output::Figure>(
            std::get<output::Rich>(outputs[0]).object);
        if (!figure)
            return false;
        if (figure == m_figure)
            return true;
        m_figure = figure;
        if (m_view) {
            m_view->setFigure(figure);
        } else {
            m_view = new FigureView(figure, this);
            layout()->addWidget(m_view);
        }
        setFixedHeight(m_view->sizeHint().height() + 8);
        setMinimumWidth(m_view->minimumSizeHint().width());
        return true;
    }

private:
    std::shared_ptr<const output::Figure> m_figure;
    FigureView* m_view = nullptr;
};

}  // namespace

OutputKind outputKindOf(const output::Output& out) {
    if (std::holds_alternative<output::Error>(out))
        return OutputKind::Error;
    if (const auto* d = std::get_if<output::Display>(&out)) {
        const lang::Value& v = d->value;
        if (output::derivationOf(v))
            return OutputKind::Derivation;
        // Every real matrix, vectors included: a 1×3 and a 3×1 look like a 3×3.
        if (v.isReal() && v.numel() > 1)
            return OutputKind::Table;
        return OutputKind::Text;
    }
    if (const auto* r = std::get_if<output::Rich>(&out)) {
        if (dynamic_cast<const output::Control*>(r->object.get()))
            return OutputKind::Control;
        if (dynamic_cast<const output::Figure*>(r->object.get()))
            return OutputKind::Figure;
    }
    return OutputKind::Text;
}

bool groupsOutputs(OutputKind kind) {
    return kind == OutputKind::Text;
}

OutputPart* createOutputView(OutputKind kind, QWidget* parent) {
    switch (kind) {
        case OutputKind::Text:
            return new TextOutputView(parent);
        case OutputKind::Table:
            return new TableOutputView(parent);
        case OutputKind::Error:
            return new ErrorOutputView(parent);
        case OutputKind::Control:
            return new ControlView(parent);
        case OutputKind::Figure:
            return new FigurePart(parent);
        case OutputKind::Derivation:
            return new DerivationView(parent);
    }
    return new TextOutputView(parent);
}

}  // namespace lemma::widgets
