// The pens and brushes a figure's series were built with, kept so that a theme can re-colour
// them and a later theme start again from the originals.
#pragma once

#include <QBrush>
#include <QPen>
#include <QPointer>
#include <vector>

#include "widgets/output/FigureSeries.h"

class QCPLayerable;

namespace lemma::widgets {

struct FigureTheme;

// Responsibilities: remember the original pen, brush and marker of every plottable and line
// item of a series; draw them in a theme's readable colours (the theme decides; colour maps and
// heatmap cell texts are not recorded and stay as they are).
class FigureInks {
public:
    void record(const FigureSeriesParts& parts);
    void apply(const FigureTheme& theme) const;

private:
    struct Ink {
        QPointer<QCPLayerable> target;
        QPen pen;
        QBrush brush;
        QPen markerPen;
        QBrush markerBrush;
        bool markerPenDefined = false;  // else the marker draws with the plottable's pen
    };
    std::vector<Ink> m_inks;
};

}  // namespace lemma::widgets
