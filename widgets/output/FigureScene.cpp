// Building a Figure into a QCustomPlot and arranging it at each layout.
//
// The arranging runs on QCustomPlot::afterLayout, which QCustomPlot emits in every draw: on
// screen, and in toPainter for PDF, SVG and PNG. So whatever the size of the page, an
// equal-aspect panel stays equal and heatmap labels are thinned for the cells they get. When
// an adjustment changes what the margins depend on (tick labels), the layout runs once more.
#include "widgets/output/FigureScene.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <algorithm>
#include <cmath>

#include "engine/output/Figure.h"
#include "widgets/output/FigureOccupancy.h"

namespace lemma::widgets {

namespace {

const QColor kAxisColor(0x44, 0x44, 0x44);
const QColor kTextColor(0x22, 0x22, 0x22);
constexpr int kLegendGap = 8;

bool sameRange(const QCPRange& a, const QCPRange& b) {
    const double tol = 1e-9 * std::max(a.size(), b.size());
    return std::abs(a.lower - b.lower) <= tol && std::abs(a.upper - b.upper) <= tol;
}

// The extent of the data, padded a little (multiplicatively on a log axis).
QCPRange padded(std::optional<output::Range> r, bool log, bool tight) {
    if (!r)
        return log ? QCPRange(1, 10) : QCPRange(0, 1);
    double lo = r->lo, hi = r->hi;
    if (log) {
        if (hi <= lo)
            return QCPRange(lo / 2, hi * 2);
        const double f = tight ? 1.0 : std::pow(hi / lo, 0.04);
        return QCPRange(lo / f, hi * f);
    }
    if (hi <= lo) {
        const double half = lo == 0.0 ? 0.5 : std::abs(lo) * 0.1;
        return QCPRange(lo - half, hi + half);
    }
    const double pad = tight ? 0.0 : (hi - lo) * 0.04;
    return QCPRange(lo - pad, hi + pad);
}

QString number(double v) {
    return QString::number(v, 'g', 5);
}

}  // namespace

struct FigureScene::Panel {
    const output::Axes* axes = nullptr;
    QCPAxisRect* rect = nullptr;
    QCPLegend* legend = nullptr;
    QCPColorScale* scale = nullptr;
    const output::Heatmap* heatmap = nullptr;
    std::vector<FigureSeriesParts> parts;
    QCPRange initialX, initialY;
    Qt::Alignment corner = Qt::AlignTop | Qt::AlignRight;
    // The heatmap's tick labels as last arranged: every step-th label, columns turned or not.
    int xStep = 0, yStep = 0;
    bool xTurned = false;
    // Equal aspect: the region to keep in view, the ranges last set for it, and the size of
    // the axis rect they were set for. A resize refits the region; a pan or zoom by the user
    // (ranges that differ from those set) makes the current view the region.
    QCPRange wantX, wantY, setX, setY;
    QSize lastSize;
    QSize legendSize;  // the axis rect size the legend's corner was chosen for

    QCPAxis* x() const { return rect->axis(QCPAxis::atBottom); }
    QCPAxis* y() const { return rect->axis(QCPAxis::atLeft); }
};

FigureScene::FigureScene(QCustomPlot* plot, std::shared_ptr<const output::Figure> figure)
    : QObject(plot), m_plot(plot), m_figure(std::move(figure)) {
    build();
    connect(m_plot, &QCustomPlot::afterLayout, this, &FigureScene::arrange);
}

FigureScene::~FigureScene() = default;

void FigureScene::build() {
    m_plot->plotLayout()->clear();
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setBackground(Qt::white);
    QCPLayoutGrid* layout = m_plot->plotLayout();
    layout->setMargins(QMargins(4, 4, 8, 4));
    int row = 0;
    if (!m_figure->title.empty()) {
        auto* title = new QCPTextElement(m_plot, QString::fromStdString(m_figure->title),
                                         figureFont(15, true));
        title->setTextColor(kTextColor);
        layout->addElement(row++, 0, title);
    }
    auto* grid = new QCPLayoutGrid;
    layout->addElement(row, 0, grid);
    grid->setColumnSpacing(20);
    grid->setRowSpacing(12);
    for (int r = 0; r < m_figure->rows; ++r) {
        for (int c = 0; c < m_figure->cols; ++c) {
            const output::Axes& axes =
                m_figure->panels[static_cast<std::size_t>(r * m_figure->cols + c)];
            auto panel = std::make_unique<Panel>();
            auto* cell = new QCPLayoutGrid;
            grid->addElement(r, c, cell);
            int crow = 0;
            if (!axes.title.empty()) {
                auto* title = new QCPTextElement(m_plot, QString::fromStdString(axes.title),
                                                 figureFont(13, true));
                title->setTextColor(kTextColor);
                cell->addElement(crow++, 0, title);
            }
            panel->rect = new QCPAxisRect(m_plot, true);
            cell->addElement(crow, 0, panel->rect);
            const bool needsScale =
                std::any_of(axes.series.begin(), axes.series.end(), [](const output::Series& s) {
                    if (std::holds_alternative<output::Heatmap>(s.data))
                        return true;
                    const auto* c = std::get_if<output::Contour>(&s.data);
                    return c && c->byLevel && !c->levels.empty();
                });
            if (needsScale) {
                panel->scale = new QCPColorScale(m_plot);
                cell->addElement(crow, 1, panel->scale);
                panel->scale->setType(QCPAxis::atRight);
                panel->scale->setBarWidth(12);
                auto* group = new QCPMarginGroup(m_plot);
                panel->rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
                panel->scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
            }
            buildPanel(*panel, axes);
            m_panels.push_back(std::move(panel));
        }
    }
}

void FigureScene::buildPanel(Panel& p, const output::Axes& axes) {
    p.axes = &axes;
    QCPAxisRect* rect = p.rect;
    rect->setMinimumMargins(QMargins(8, 8, 14, 8));
    rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    setupAxis(p.x(), axes.x.log, QString::fromStdString(axes.x.label));
    setupAxis(p.y(), axes.y.log, QString::fromStdString(axes.y.label));
    // A plain box: top and right axes draw only their line.
    for (const auto type : {QCPAxis::atTop, QCPAxis::atRight}) {
        QCPAxis* axis = rect->axis(type);
        axis->setVisible(true);
        axis->setTicks(false);
        axis->setTickLabels(false);
        axis->grid()->setVisible(false);
        axis->setBasePen(QPen(kAxisColor, 1));
    }
    if (p.scale) {
        QCPAxis* axis = p.scale->axis();
        axis->setTickLabelFont(figureFont(11));
        axis->setLabelFont(figureFont(12));
        axis->setTickLabelColor(kTextColor);
        axis->setLabelColor(kTextColor);
        axis->setBasePen(QPen(kAxisColor, 1));
        axis->setTickPen(QPen(kAxisColor, 1));
        axis->setSubTickPen(QPen(kAxisColor, 1));
    }

    p.legend = new QCPLegend;
    rect->insetLayout()->addElement(p.legend, Qt::AlignTop | Qt::AlignRight);
    p.legend->setLayer(QStringLiteral("legend"));
    p.legend->setFont(figureFont(11));
    p.legend->setTextColor(kTextColor);
    p.legend->setBrush(QColor(255, 255, 255, 225));
    p.legend->setBorderPen(QPen(QColor(0, 0, 0, 50), 1));
    p.legend->setIconSize(26, 12);
    p.legend->setSelectableParts(QCPLegend::spNone);

    for (const output::Series& s : axes.series) {
        p.parts.push_back(addFigureSeries(rect, p.legend, p.scale, s));
        if (!p.heatmap)
            p.heatmap = std::get_if<output::Heatmap>(&s.data);
    }
    p.legend->setVisible(axes.legend && p.legend->itemCount() > 0);

    if (p.heatmap) {
        // Matrix orientation: row 1 on top. Cells need no grid.
        p.y()->setRangeReversed(true);
        p.x()->grid()->setVisible(false);
        p.y()->grid()->setVisible(false);
        p.x()->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        p.y()->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        p.x()->setSubTicks(false);
        p.y()->setSubTicks(false);
    }
    fitRanges(p);
}

void FigureScene::setupAxis(QCPAxis* axis, bool log, const QString& label) {
    axis->setLabel(label);
    axis->setLabelFont(figureFont(12));
    axis->setTickLabelFont(figureFont(11));
    axis->setLabelColor(kTextColor);
    axis->setTickLabelColor(kTextColor);
    axis->setBasePen(QPen(kAxisColor, 1));
    axis->setTickPen(QPen(kAxisColor, 1));
    axis->setSubTickPen(QPen(kAxisColor, 1));
    axis->setTickLength(0, 5);
    axis->setSubTickLength(0, 3);
    axis->setTickLabelPadding(4);
    axis->setLabelPadding(4);
    axis->grid()->setPen(QPen(QColor(0, 0, 0, 28), 1));
    axis->grid()->setZeroLinePen(Qt::NoPen);
    axis->grid()->setSubGridVisible(false);
    if (!log) {
        axis->setSubTicks(false);
        return;
    }
    axis->setScaleType(QCPAxis::stLogarithmic);
    auto logTicker = QSharedPointer<QCPAxisTickerLog>::create();
    logTicker->setSubTickCount(8);
    auto linearTicker = QSharedPointer<QCPAxisTicker>::create();
    // Powers of ten when the range spans a decade; within one decade there would be no tick
    // at all, so ordinary numbers then.
    auto chooseTicker = [axis, logTicker, linearTicker](const QCPRange& range) {
        const bool decades = range.lower > 0 && range.upper / range.lower >= 10.0;
        if (decades && axis->ticker() != logTicker) {
            axis->setTicker(logTicker);
            axis->setNumberFormat(QStringLiteral("eb"));
            axis->setNumberPrecision(0);
        } else if (!decades && axis->ticker() != linearTicker) {
            axis->setTicker(linearTicker);
            axis->setNumberFormat(QStringLiteral("g"));
            axis->setNumberPrecision(4);
        }
    };
    connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, chooseTicker);
    axis->setTicker(logTicker);
    axis->setNumberFormat(QStringLiteral("eb"));
    axis->setNumberPrecision(0);
}

void FigureScene::fitRanges(Panel& p) {
    const output::Axes& a = *p.axes;
    const bool tight = p.heatmap != nullptr;
    p.initialX = a.x.limits ? QCPRange(a.x.limits->lo, a.x.limits->hi)
                            : padded(a.dataRange(true), a.x.log, tight);
    p.initialY = a.y.limits ? QCPRange(a.y.limits->lo, a.y.limits->hi)
                            : padded(a.dataRange(false), a.y.log, tight);
    p.x()->setRange(p.initialX);
    p.y()->setRange(p.initialY);
}

void FigureScene::resetView() {
    for (auto& p : m_panels) {
        p->x()->setRange(p->initialX);
        p->y()->setRange(p->initialY);
    }
    m_fitPending = true;
}

// ---- arranging at each layout ----------------------------------------------------------------

void FigureScene::relayout() {
    QCPLayoutGrid* layout = m_plot->plotLayout();
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
}

void FigureScene::arrange() {
    if (m_arranging)
        return;
    m_arranging = true;
    bool changed = false;
    for (auto& p : m_panels) {
        changed |= p->heatmap ? arrangeHeatmapLabels(*p) : adaptTickCounts(*p);
    }
    if (changed)
        relayout();
    // New ranges can change the tick labels and so the margins and the rect: fit again until
    // the rects hold still (two passes in practice).
    for (int pass = 0; pass < 4; ++pass) {
        changed = false;
        for (auto& p : m_panels) {
            if (p->axes->equalAspect && !p->axes->x.log && !p->axes->y.log)
                changed |= applyEqualAspect(*p);
        }
        if (!changed)
            break;
        relayout();
    }
    for (auto& p : m_panels) {
        if (p->legend->visible()) {
            if (m_fitPending || p->rect->size() != p->legendSize)
                chooseLegendCorner(*p);
            placeLegend(*p);
        }
        sizeCellTexts(*p);
    }
    m_fitPending = false;
    m_arranging = false;
}

bool FigureScene::applyEqualAspect(Panel& p) {
    const double w = p.rect->width(), h = p.rect->height();
    if (w < 2 || h < 2)
        return false;
    const QCPRange x = p.x()->range(), y = p.y()->range();
    const bool moved = !sameRange(x, p.setX) || !sameRange(y, p.setY);
    if (m_fitPending) {
        p.wantX = p.initialX;
        p.wantY = p.initialY;
    } else if (moved) {
        p.wantX = x;
        p.wantY = y;
    } else if (p.rect->size() == p.lastSize) {
        return false;
    }
    // Fit the region: the axis with more units per pixel decides, the other widens.
    const double unitsPerPixel = std::max(p.wantX.size() / w, p.wantY.size() / h);
    p.setX = QCPRange(p.wantX.center() - unitsPerPixel * w / 2,
                      p.wantX.center() + unitsPerPixel * w / 2);
    p.setY = QCPRange(p.wantY.center() - unitsPerPixel * h / 2,
                      p.wantY.center() + unitsPerPixel * h / 2);
    p.lastSize = p.rect->size();
    const bool changed = !sameRange(x, p.setX) || !sameRange(y, p.setY);
    p.x()->setRange(p.setX);
    p.y()->setRange(p.setY);
    return changed;
}

bool FigureScene::adaptTickCounts(Panel& p) {
    // About one tick label per 90 pixels across and per 45 pixels up, so labels never touch.
    const int across = std::clamp(p.rect->width() / 90, 3, 7);
    const int up = std::clamp(p.rect->height() / 45, 3, 8);
    bool changed = false;
    for (const auto& [axis, count] : {std::pair{p.x(), across}, std::pair{p.y(), up}}) {
        if (axis->ticker()->tickCount() != count) {
            axis->ticker()->setTickCount(count);
            changed = true;
        }
    }
    return changed;
}

bool FigureScene::arrangeHeatmapLabels(Panel& p) {
    const output::Heatmap& h = *p.heatmap;
    const double cellW = p.rect->width() / std::max(1.0, p.x()->range().size());
    const double cellH = p.rect->height() / std::max(1.0, p.y()->range().size());
    const QFontMetrics fm(p.x()->tickLabelFont());
    auto labelOf = [](const std::vector<std::string>& labels, std::size_t k) {
        return k < labels.size() ? QString::fromStdString(labels[k]) : QString::number(k + 1);
    };
    int widest = 0;
    for (std::size_t k = 0; k < h.cols; ++k)
        widest = std::max(widest, fm.horizontalAdvance(labelOf(h.colLabels, k)));
    const double lineHeight = fm.height() + 2.0;
    const bool turned = widest + 8 > cellW;
    const int xStep = std::max(1, static_cast<int>(std::ceil((turned ? lineHeight : widest + 8.0) /
                                                             std::max(cellW, 1.0))));
    const int yStep = std::max(1, static_cast<int>(std::ceil(lineHeight / std::max(cellH, 1.0))));
    if (turned == p.xTurned && xStep == p.xStep && yStep == p.yStep)
        return false;
    p.xTurned = turned;
    p.xStep = xStep;
    p.yStep = yStep;
    auto fill = [&](QCPAxis* axis, std::size_t count, const std::vector<std::string>& labels,
                    int step) {
        auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
        ticker->clear();
        for (std::size_t k = 0; k < count; k += static_cast<std::size_t>(step))
            ticker->addTick(static_cast<double>(k + 1), labelOf(labels, k));
    };
    fill(p.x(), h.cols, h.colLabels, xStep);
    fill(p.y(), h.rows, h.rowLabels, yStep);
    p.x()->setTickLabelRotation(turned ? 90 : 0);
    return true;
}

void FigureScene::sizeCellTexts(Panel& p) {
    if (!p.heatmap)
        return;
    const double cellW = p.rect->width() / std::max(1.0, p.x()->range().size());
    const double cellH = p.rect->height() / std::max(1.0, p.y()->range().size());
    for (FigureSeriesParts& parts : p.parts) {
        if (parts.cellTexts.isEmpty())
            continue;
        int longest = 1;
        for (const QCPItemText* t : parts.cellTexts)
            longest = std::max(longest, static_cast<int>(t->text().size()));
        // Digits are about 0.6 em wide; leave a margin in the cell.
        const double size = std::min({cellH * 0.45, cellW * 0.85 / (0.6 * longest), 13.0});
        const bool readable = size >= 7.0;
        for (QCPItemText* t : parts.cellTexts) {
            t->setVisible(parts.visible && readable);
            if (readable)
                t->setFont(figureFont(size));
        }
    }
}

void FigureScene::chooseLegendCorner(Panel& p) {
    const QRect area = p.rect->rect();
    if (area.width() < 4 || area.height() < 4)
        return;
    p.legendSize = area.size();
    FigureOccupancy occupancy(area, 32, 20);
    QCPAxis* xa = p.x();
    QCPAxis* ya = p.y();
    auto pixel = [&](double x, double y) {
        return QPointF(xa->coordToPixel(x), ya->coordToPixel(y));
    };
    // At most a few thousand points per series: enough to see where the data is.
    auto polyline = [&](const std::vector<double>& x, const std::vector<double>& y, bool join) {
        const std::size_t stride = std::max<std::size_t>(1, x.size() / 3000);
        QPointF last;
        for (std::size_t k = 0; k < x.size(); k += stride) {
            const QPointF q = pixel(x[k], y[k]);
            if (join && k > 0) {
                occupancy.markSegment(last, q);
            } else {
                occupancy.markPoint(q);
            }
            last = q;
        }
    };
    for (const FigureSeriesParts& parts : p.parts) {
        if (!parts.visible)
            continue;
        const output::SeriesData& d = parts.series->data;
        const bool joined = parts.series->style.line != output::LineStyle::None;
        if (const auto* line = std::get_if<output::Line>(&d)) {
            polyline(line->x, line->y, joined);
        } else if (const auto* scatter = std::get_if<output::Scatter>(&d)) {
            polyline(scatter->x, scatter->y, false);
        } else if (const auto* curve = std::get_if<output::Curve>(&d)) {
            polyline(curve->x, curve->y, joined);
        } else if (const auto* band = std::get_if<output::Band>(&d)) {
            const std::size_t stride = std::max<std::size_t>(1, band->x.size() / 3000);
            for (std::size_t k = 0; k < band->x.size(); k += stride)
                occupancy.markSpan(xa->coordToPixel(band->x[k]), ya->coordToPixel(band->lo[k]),
                                   ya->coordToPixel(band->hi[k]));
        } else if (const auto* contour = std::get_if<output::Contour>(&d)) {
            for (const output::ContourPath& path : contour->paths)
                polyline(path.x, path.y, true);
        } else if (std::holds_alternative<output::Heatmap>(d)) {
            occupancy.markAll();
        } else if (const auto* arrows = std::get_if<output::Arrows>(&d)) {
            for (std::size_t k = 0; k < arrows->x0.size(); ++k)
                occupancy.markSegment(pixel(arrows->x0[k], arrows->y0[k]),
                                      pixel(arrows->x1[k], arrows->y1[k]));
        } else if (const auto* c = std::get_if<output::Circle>(&d)) {
            for (int k = 0; k < 64; ++k) {
                const double t = 2 * M_PI * k / 64, u = 2 * M_PI * (k + 1) / 64;
                occupancy.markSegment(
                    pixel(c->cx + c->r * std::cos(t), c->cy + c->r * std::sin(t)),
                    pixel(c->cx + c->r * std::cos(u), c->cy + c->r * std::sin(u)));
            }
        }
    }
    const QSize size = p.legend->minimumOuterSizeHint();
    const Qt::Alignment corners[] = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                     Qt::AlignBottom | Qt::AlignRight,
                                     Qt::AlignBottom | Qt::AlignLeft};
    int best = -1;
    for (const Qt::Alignment corner : corners) {
        const int x = corner & Qt::AlignLeft ? area.left() + kLegendGap
                                             : area.right() - kLegendGap - size.width();
        const int y = corner & Qt::AlignTop ? area.top() + kLegendGap
                                            : area.bottom() - kLegendGap - size.height();
        const int cost = occupancy.cost(QRect(QPoint(x, y), size));
        if (best < 0 || cost < best) {
            best = cost;
            p.corner = corner;
        }
    }
}

void FigureScene::placeLegend(Panel& p) {
    const QRect area = p.rect->rect();
    if (area.width() < 4 || area.height() < 4)
        return;
    const QSize size = p.legend->minimumOuterSizeHint();
    const int x = p.corner & Qt::AlignLeft ? area.left() + kLegendGap
                                           : area.right() - kLegendGap - size.width();
    const int y = p.corner & Qt::AlignTop ? area.top() + kLegendGap
                                          : area.bottom() - kLegendGap - size.height();
    QCPLayoutInset* inset = p.rect->insetLayout();
    inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
    inset->setInsetRect(0, QRectF(static_cast<double>(x - area.left()) / area.width(),
                                  static_cast<double>(y - area.top()) / area.height(),
                                  static_cast<double>(size.width()) / area.width(),
                                  static_cast<double>(size.height()) / area.height()));
    inset->update(QCPLayoutElement::upLayout);
}

// ---- interaction -----------------------------------------------------------------------------

void FigureScene::setVisible(FigureSeriesParts& parts, bool visible) {
    parts.visible = visible;
    for (QCPAbstractPlottable* p : parts.plottables)
        p->setVisible(visible);
    for (QCPAbstractItem* i : parts.items)
        i->setVisible(visible);
}

bool FigureScene::toggleSeries(QCPAbstractLegendItem* item) {
    auto* entry = qobject_cast<QCPPlottableLegendItem*>(item);
    if (!entry)
        return false;
    for (auto& p : m_panels) {
        for (FigureSeriesParts& parts : p->parts) {
            if (parts.legendEntry != entry->plottable())
                continue;
            setVisible(parts, !parts.visible);
            entry->setTextColor(parts.visible ? kTextColor : QColor(0xaa, 0xaa, 0xaa));
            sizeCellTexts(*p);
            return true;
        }
    }
    return false;
}

int FigureScene::seriesCount() const {
    int n = 0;
    for (const auto& p : m_panels)
        n += static_cast<int>(p->parts.size());
    return n;
}

bool FigureScene::isSeriesVisible(int index) const {
    for (const auto& p : m_panels) {
        if (index < static_cast<int>(p->parts.size()))
            return p->parts[static_cast<std::size_t>(index)].visible;
        index -= static_cast<int>(p->parts.size());
    }
    return false;
}

FigureScene::Hit FigureScene::nearest(const QPointF& pixel, double maxDistance) const {
    Hit best;
    double bestDistance = maxDistance;
    for (const auto& panel : m_panels) {
        const Panel& p = *panel;
        if (!p.rect->rect().contains(pixel.toPoint()))
            continue;
        QCPAxis* xa = p.x();
        QCPAxis* ya = p.y();
        auto consider = [&](double x, double y, const auto& describe) {
            const double d =
                std::hypot(xa->coordToPixel(x) - pixel.x(), ya->coordToPixel(y) - pixel.y());
            if (d > bestDistance)
                return;
            bestDistance = d;
            best = Hit{true, describe(), x, y, p.rect};
        };
        for (const FigureSeriesParts& parts : p.parts) {
            if (!parts.visible)
                continue;
            const output::Series& s = *parts.series;
            const QString name = s.label.empty() ? QString::fromStdString(s.kindName())
                                                 : QString::fromStdString(s.label);
            auto points = [&](const std::vector<double>& x, const std::vector<double>& y,
                              std::size_t from, std::size_t to, bool steps) {
                for (std::size_t k = from; k < to; ++k) {
                    consider(x[k], y[k], [&] {
                        QString t = name + ": x = " + number(x[k]) + ", y = " + number(y[k]);
                        if (steps)
                            t += QStringLiteral(" (step %1)").arg(k + 1);
                        return t;
                    });
                }
            };
            const output::SeriesData& d = s.data;
            if (const auto* line = std::get_if<output::Line>(&d)) {
                std::size_t from = 0, to = line->x.size();
                if (std::is_sorted(line->x.begin(), line->x.end())) {
                    // Only the points within reach along x: a million-point line stays cheap.
                    const double a = xa->pixelToCoord(pixel.x() - maxDistance);
                    const double b = xa->pixelToCoord(pixel.x() + maxDistance);
                    from = static_cast<std::size_t>(
                        std::lower_bound(line->x.begin(), line->x.end(), std::min(a, b)) -
                        line->x.begin());
                    to = static_cast<std::size_t>(
                        std::upper_bound(line->x.begin(), line->x.end(), std::max(a, b)) -
                        line->x.begin());
                }
                points(line->x, line->y, from, to, false);
            } else if (const auto* scatter = std::get_if<output::Scatter>(&d)) {
                points(scatter->x, scatter->y, 0, scatter->x.size(), false);
            } else if (const auto* curve = std::get_if<output::Curve>(&d)) {
                points(curve->x, curve->y, 0, curve->x.size(), true);
            } else if (const auto* band = std::get_if<output::Band>(&d)) {
                for (std::size_t k = 0; k < band->x.size(); ++k) {
                    auto text = [&] {
                        return name + ": x = " + number(band->x[k]) + ", " + number(band->lo[k]) +
                               " … " + number(band->hi[k]);
                    };
                    consider(band->x[k], band->lo[k], text);
                    consider(band->x[k], band->hi[k], text);
                }
            } else if (const auto* contour = std::get_if<output::Contour>(&d)) {
                for (const output::ContourPath& path : contour->paths) {
                    for (std::size_t k = 0; k < path.x.size(); ++k)
                        consider(path.x[k], path.y[k],
                                 [&] { return name + ": level " + number(path.level); });
                }
            } else if (const auto* heat = std::get_if<output::Heatmap>(&d)) {
                const double cx = std::round(xa->pixelToCoord(pixel.x()));
                const double cy = std::round(ya->pixelToCoord(pixel.y()));
                if (cx < 1 || cy < 1 || cx > static_cast<double>(heat->cols) ||
                    cy > static_cast<double>(heat->rows) || best.found)
                    continue;
                const auto i = static_cast<std::size_t>(cy) - 1;
                const auto j = static_cast<std::size_t>(cx) - 1;
                auto label = [](const std::vector<std::string>& labels, std::size_t k) {
                    return k < labels.size() ? QString::fromStdString(labels[k])
                                             : QString::number(k + 1);
                };
                best = Hit{true,
                           "row " + label(heat->rowLabels, i) + ", column " +
                               label(heat->colLabels, j) + ": " + number(heat->at(i, j)),
                           cx, cy, p.rect};
            }
        }
    }
    return best;
}

}  // namespace lemma::widgets
