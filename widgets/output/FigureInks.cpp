// Re-colouring a figure's series for a theme.
#include "widgets/output/FigureInks.h"

#include <qcustomplot.h>

#include "widgets/output/FigureTheme.h"

namespace lemma::widgets {

namespace {

QPen recolored(QPen pen, const FigureTheme& theme) {
    if (pen.style() != Qt::NoPen)
        pen.setColor(theme.readable(pen.color()));
    return pen;
}

QBrush recolored(QBrush brush, const FigureTheme& theme) {
    if (brush.style() == Qt::NoBrush)
        return brush;
    // An open marker is filled with the page: white on paper, the page's colour on screen.
    if (brush.color() == QColor(Qt::white))
        brush.setColor(theme.page);
    else
        brush.setColor(theme.readable(brush.color()));
    return brush;
}

// The marker of a graph or curve (null for other plottables).
QCPScatterStyle* markerOf(QCPLayerable* l, QCPScatterStyle& store) {
    if (auto* g = qobject_cast<QCPGraph*>(l))
        store = g->scatterStyle();
    else if (auto* c = qobject_cast<QCPCurve*>(l))
        store = c->scatterStyle();
    else
        return nullptr;
    return &store;
}

void setMarker(QCPLayerable* l, const QCPScatterStyle& style) {
    if (auto* g = qobject_cast<QCPGraph*>(l))
        g->setScatterStyle(style);
    else if (auto* c = qobject_cast<QCPCurve*>(l))
        c->setScatterStyle(style);
}

}  // namespace

void FigureInks::record(const FigureSeriesParts& parts) {
    for (QCPAbstractPlottable* p : parts.plottables) {
        if (qobject_cast<QCPColorMap*>(p))
            continue;
        Ink ink{p, p->pen(), p->brush(), QPen(Qt::NoPen), QBrush(Qt::NoBrush), false};
        QCPScatterStyle marker;
        if (markerOf(p, marker)) {
            ink.markerPen = marker.pen();
            ink.markerBrush = marker.brush();
            ink.markerPenDefined = marker.isPenDefined();
        }
        m_inks.push_back(ink);
    }
    for (QCPAbstractItem* i : parts.items) {
        QPen pen(Qt::NoPen);
        if (auto* line = qobject_cast<QCPItemLine*>(i))
            pen = line->pen();
        else if (auto* straight = qobject_cast<QCPItemStraightLine*>(i))
            pen = straight->pen();
        else if (auto* ellipse = qobject_cast<QCPItemEllipse*>(i))
            pen = ellipse->pen();
        else
            continue;  // cell texts choose their own colour against their cell
        m_inks.push_back(
            Ink{i, pen, QBrush(Qt::NoBrush), QPen(Qt::NoPen), QBrush(Qt::NoBrush), false});
    }
}

void FigureInks::apply(const FigureTheme& theme) const {
    for (const Ink& ink : m_inks) {
        QCPLayerable* l = ink.target.data();
        if (!l)
            continue;
        const QPen pen = recolored(ink.pen, theme);
        if (auto* p = qobject_cast<QCPAbstractPlottable*>(l)) {
            p->setPen(pen);
            p->setBrush(recolored(ink.brush, theme));
            QCPScatterStyle marker;
            if (markerOf(l, marker)) {
                if (ink.markerPenDefined)
                    marker.setPen(recolored(ink.markerPen, theme));
                marker.setBrush(recolored(ink.markerBrush, theme));
                setMarker(l, marker);
            }
        } else if (auto* line = qobject_cast<QCPItemLine*>(l)) {
            line->setPen(pen);
        } else if (auto* straight = qobject_cast<QCPItemStraightLine*>(l)) {
            straight->setPen(pen);
        } else if (auto* ellipse = qobject_cast<QCPItemEllipse*>(l)) {
            ellipse->setPen(pen);
        }
    }
}

}  // namespace lemma::widgets
