// Placing a panel's legend.
//
// Inside, the legend is an element of the axis rect's inset layout at a free position computed
// for each layout; outside, it sits centred in a row of the panel's grid under the axis rect
// (between two spacers), its entries side by side, wrapped to the rect's width.
#include "widgets/output/FigureLegend.h"

#include <qcustomplot.h>

#include <algorithm>

#include "widgets/output/FigureOccupancy.h"

namespace lemma::widgets {

namespace {

constexpr int kGap = 8;            // pixels between an inside legend and the axes
constexpr int kEntrySpacing = 18;  // pixels between entries side by side

// The inside spots in order of preference: corners first, as a reader expects.
constexpr Qt::Alignment kSpots[] = {
    Qt::AlignTop | Qt::AlignRight,     Qt::AlignTop | Qt::AlignLeft,
    Qt::AlignBottom | Qt::AlignRight,  Qt::AlignBottom | Qt::AlignLeft,
    Qt::AlignVCenter | Qt::AlignRight, Qt::AlignVCenter | Qt::AlignLeft,
    Qt::AlignTop | Qt::AlignHCenter,   Qt::AlignBottom | Qt::AlignHCenter};

QRect spotRect(Qt::Alignment spot, const QRect& area, QSize size) {
    int x = area.left() + (area.width() - size.width()) / 2;
    if (spot & Qt::AlignLeft)
        x = area.left() + kGap;
    if (spot & Qt::AlignRight)
        x = area.right() - kGap - size.width();
    int y = area.top() + (area.height() - size.height()) / 2;
    if (spot & Qt::AlignTop)
        y = area.top() + kGap;
    if (spot & Qt::AlignBottom)
        y = area.bottom() - kGap - size.height();
    return QRect(QPoint(x, y), size);
}

void setInsideLook(QCPLegend* legend, bool inside, const FigureTheme& theme) {
    legend->setBrush(inside ? QBrush(theme.legendFill) : QBrush(Qt::NoBrush));
    legend->setBorderPen(inside ? QPen(theme.legendBorder, 1) : QPen(Qt::NoPen));
}

}  // namespace

FigureLegend::FigureLegend(QCPAxisRect* rect, QCPLayoutGrid* cell, int row)
    : m_rect(rect), m_cell(cell), m_row(row), m_legend(new QCPLegend) {
    rect->insetLayout()->addElement(m_legend, Qt::AlignTop | Qt::AlignRight);
    m_legend->setLayer(QStringLiteral("legend"));
    m_legend->setFont(figureFont(12));
    m_legend->setTextColor(m_theme.text);
    m_legend->setIconSize(26, 12);
    m_legend->setSelectableParts(QCPLegend::spNone);
    setInsideLook(m_legend, true, m_theme);
    m_insideMargins = m_legend->margins();
}

void FigureLegend::setTheme(const FigureTheme& theme) {
    m_theme = theme;
    m_legend->setTextColor(theme.text);
    for (int k = 0; k < m_legend->itemCount(); ++k) {
        if (QCPAbstractLegendItem* item = m_legend->item(k))
            item->setTextColor(theme.text);
    }
    setInsideLook(m_legend, !m_outside, theme);
}

bool FigureLegend::moveInside() {
    if (!m_below)
        return false;
    if (m_outside)
        m_below->take(m_legend);
    m_cell->remove(m_below);  // deletes the row's spacers with it
    m_cell->simplify();
    m_below = nullptr;
    if (!m_outside)
        return true;
    m_outside = false;
    m_legend->setWrap(0);
    m_legend->setFillOrder(QCPLayoutGrid::foRowsFirst, true);
    m_legend->setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    m_legend->setMargins(m_insideMargins);
    setInsideLook(m_legend, true, m_theme);
    m_rect->insetLayout()->addElement(m_legend, Qt::AlignTop | Qt::AlignRight);
    return true;
}

bool FigureLegend::choose(const std::vector<FigureSeriesParts>& parts) {
    const QRect area = m_rect->rect();
    if (area.width() < 4 || area.height() < 4)
        return false;
    FigureOccupancy occupancy(area, 32, 20);
    for (const FigureSeriesParts& p : parts) {
        if (p.visible)
            occupancy.markSeries(*p.series, m_rect->axis(QCPAxis::atBottom),
                                 m_rect->axis(QCPAxis::atLeft));
    }
    const QSize size = m_legend->minimumOuterSizeHint();
    const bool fits =
        size.width() + 2 * kGap <= area.width() && size.height() + 2 * kGap <= area.height();
    for (const Qt::Alignment spot : kSpots) {
        if (fits && occupancy.cost(spotRect(spot, area, size)) == 0) {
            m_spot = spot;
            return false;
        }
    }
    moveOutside();
    return true;
}

QCPLayoutGrid* FigureLegend::addBelow() {
    m_below = new QCPLayoutGrid;
    m_cell->addElement(m_row, 0, m_below);
    // Plain elements have no maximum size: they take the width the legend leaves.
    m_below->addElement(0, 0, new QCPLayoutElement(m_rect->parentPlot()));
    m_below->addElement(0, 2, new QCPLayoutElement(m_rect->parentPlot()));
    return m_below;
}

void FigureLegend::moveOutside() {
    m_rect->insetLayout()->take(m_legend);
    m_outside = true;
    addBelow()->addElement(0, 1, m_legend);
    int widest = 1;
    for (int k = 0; k < m_legend->itemCount(); ++k)
        widest = std::max(widest, m_legend->item(k)->minimumOuterSizeHint().width());
    const int columns = std::max(1, (m_rect->width() + kEntrySpacing) / (widest + kEntrySpacing));
    m_legend->setColumnSpacing(kEntrySpacing);
    m_legend->setWrap(std::min(columns, m_legend->itemCount()));
    m_legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    setInsideLook(m_legend, false, m_theme);
    m_legend->setMargins(QMargins(4, 0, 4, 0));
    // Only as large as its entries, so that the spacers centre it and the row stays low.
    m_legend->setSizeConstraintRect(QCPLayoutElement::scrOuterRect);
    m_legend->setMaximumSize(m_legend->minimumOuterSizeHint());
}

int FigureLegend::heightBelow() const {
    return m_outside ? m_legend->minimumOuterSizeHint().height() : 0;
}

void FigureLegend::reserveBelow(int height) {
    if (m_outside || m_below || height <= 0)
        return;
    auto* space = new QCPLayoutElement(m_rect->parentPlot());
    space->setMinimumSize(0, height);
    space->setMaximumSize(QWIDGETSIZE_MAX, height);
    addBelow()->addElement(0, 1, space);
}

void FigureLegend::place() {
    if (m_outside)
        return;
    const QRect area = m_rect->rect();
    if (area.width() < 4 || area.height() < 4)
        return;
    const QSize size = m_legend->minimumOuterSizeHint();
    const QRect r = spotRect(m_spot, area, size);
    QCPLayoutInset* inset = m_rect->insetLayout();
    inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
    inset->setInsetRect(0, QRectF(static_cast<double>(r.left() - area.left()) / area.width(),
                                  static_cast<double>(r.top() - area.top()) / area.height(),
                                  static_cast<double>(size.width()) / area.width(),
                                  static_cast<double>(size.height()) / area.height()));
    inset->update(QCPLayoutElement::upLayout);
}

}  // namespace lemma::widgets
