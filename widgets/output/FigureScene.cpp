// Building a Figure into a QCustomPlot and arranging it at each layout.
//
// The arranging runs on QCustomPlot::afterLayout, which QCustomPlot emits in every draw: on
// screen, and in toPainter for PDF, SVG and PNG. So whatever the size of the page, the data
// fits its panel with room for its markers, an equal-aspect panel stays equal, tick labels
// keep apart and heatmap labels are thinned for the cells they get. Adjustments change what
// the margins depend on (tick labels, a legend below the plot), so the layout runs again until
// nothing changes (two or three passes in practice).
#include "widgets/output/FigureScene.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <algorithm>
#include <cmath>
#include <optional>
#include <tuple>

#include "engine/output/Figure.h"
#include "widgets/math/MathText.h"
#include "widgets/output/FigureInks.h"
#include "widgets/output/FigureLegend.h"
#include "widgets/output/FigureLogTicker.h"
#include "widgets/output/FigureMathLabels.h"
#include "widgets/output/FigureMathTitle.h"
#include "widgets/output/FigureTicker.h"

namespace lemma::widgets {

namespace {

constexpr int kMaxPasses = 6;
const QMargins kRectMargins(8, 8, 14, 8);

bool sameRange(const QCPRange& a, const QCPRange& b) {
    const double tol = 1e-9 * std::max(a.size(), b.size());
    return std::abs(a.lower - b.lower) <= tol && std::abs(a.upper - b.upper) <= tol;
}

// The extent of the data, padded by 4% at the ends that are not sticky (multiplicatively on a
// log axis). Bars stand on zero: a bar chart's zero end is sticky, so bars start at the axis.
QCPRange padded(std::optional<output::Range> r, bool log, bool tight, bool stickyLow,
                bool stickyHigh) {
    if (!r)
        return log ? QCPRange(1, 10) : QCPRange(0, 1);
    const double lo = r->lo, hi = r->hi;
    if (log) {
        if (hi <= lo)
            return QCPRange(lo / 2, hi * 2);
        const double f = tight ? 1.0 : std::pow(hi / lo, 0.04);
        return QCPRange(stickyLow ? lo : lo / f, stickyHigh ? hi : hi * f);
    }
    if (hi <= lo) {
        const double half = lo == 0.0 ? 0.5 : std::abs(lo) * 0.1;
        return QCPRange(lo - half, hi + half);
    }
    const double pad = tight ? 0.0 : (hi - lo) * 0.04;
    return QCPRange(stickyLow ? lo : lo - pad, stickyHigh ? hi : hi + pad);
}

// `r` widened so that `low` and `high` pixels of an axis `length` pixels long lie outside it.
QCPRange withMargins(const QCPRange& r, bool log, double length, double low, double high) {
    const double share = std::min(0.5, (low + high) / std::max(1.0, length));
    if (share <= 0.0)
        return r;
    const double a = log ? std::log10(r.lower) : r.lower;
    const double b = log ? std::log10(r.upper) : r.upper;
    const double span = (b - a) / (1.0 - share);
    const double lo = a - span * low / std::max(1.0, length);
    const double hi = b + span * high / std::max(1.0, length);
    return log ? QCPRange(std::pow(10.0, lo), std::pow(10.0, hi)) : QCPRange(lo, hi);
}

// Pixels to keep between the data's extremes and the axes: half the largest marker (or line),
// so that no marker is cut at the edge.
double markerMargin(const output::Axes& a) {
    double m = 2.0;
    for (const output::Series& s : a.series) {
        if (s.style.marker != output::Marker::None)
            m = std::max(m, pointsToPixels(s.style.markerSize) / 2 + 2);
        if (const auto* c = std::get_if<output::Curve>(&s.data); c && c->markEnds)
            m = std::max(m, pointsToPixels(8.0) / 2 + 2);
        if (s.style.line != output::LineStyle::None)
            m = std::max(m, pointsToPixels(s.style.width) / 2 + 1);
    }
    return m;
}

// Whether bars stand on zero at the low (or high) end of the y data.
std::pair<bool, bool> stickyZero(const output::Axes& a) {
    const bool bars = std::any_of(a.series.begin(), a.series.end(), [](const output::Series& s) {
        return std::holds_alternative<output::Bar>(s.data);
    });
    const auto range = a.dataRange(false);
    if (!bars || !range || a.y.log)
        return {false, false};
    return {range->lo == 0.0, range->hi == 0.0};
}

// What a panel's colour scale shows; panels with equal keys can share one scale.
using ScaleKey = std::tuple<output::ColorMap, double, double, std::string>;

std::optional<ScaleKey> scaleKeyOf(const output::Axes& a) {
    for (const output::Series& s : a.series) {
        if (const auto* h = std::get_if<output::Heatmap>(&s.data))
            return ScaleKey{h->colorMap, h->lo, h->hi, s.label};
        const auto* c = std::get_if<output::Contour>(&s.data);
        if (c && c->byLevel && !c->levels.empty())
            return ScaleKey{c->colorMap, c->levels.front(), c->levels.back(), s.label};
    }
    return std::nullopt;
}

// The smallest of 1, 2, 5, 10, 20, 50 … that is at least `step`.
int niceStep(int step) {
    for (int magnitude = 1;; magnitude *= 10) {
        for (const int m : {1, 2, 5}) {
            if (m * magnitude >= step)
                return m * magnitude;
        }
    }
}

// The colours of an axis (colour scales' included) and its grid in a theme.
void colorAxis(QCPAxis* axis, const FigureTheme& theme) {
    axis->setLabelColor(theme.text);
    axis->setTickLabelColor(theme.text);
    axis->setBasePen(QPen(theme.axis, 1));
    axis->setTickPen(QPen(theme.axis, 1));
    axis->setSubTickPen(QPen(theme.axis, 1));
    axis->grid()->setPen(QPen(theme.grid, 1));
}

// The fonts of every axis of a figure.
void styleAxis(QCPAxis* axis) {
    axis->setLabelFont(figureFont(13));
    axis->setTickLabelFont(figureFont(12));
}

// The words of a title, a `$…$` formula counting as one word however many spaces it has.
QStringList wordsOf(const QString& text) {
    QStringList words;
    QString word;
    bool math = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('$') && (i == 0 || text[i - 1] != QLatin1Char('\\')))
            math = !math;
        if (c == QLatin1Char(' ') && !math) {
            words.append(word);
            word.clear();
            continue;
        }
        word += c;
    }
    words.append(word);
    return words;
}

}  // namespace

struct FigureScene::Panel {
    const output::Axes* axes = nullptr;
    QCPAxisRect* rect = nullptr;
    std::unique_ptr<FigureLegend> legend;
    QCPColorScale* scale = nullptr;
    const output::Heatmap* heatmap = nullptr;
    std::vector<FigureSeriesParts> parts;
    // The view fitted to the data: the data's padded extent (or the figure's limits), and the
    // pixels to keep free at each end (x low, x high, y low, y high) for markers.
    QCPRange baseX, baseY;
    double margins[4] = {0, 0, 0, 0};
    // The heatmap's tick labels as last arranged: every step-th label, columns turned or not.
    int xStep = 0, yStep = 0;
    bool xTurned = false;
    // The ranges last set by fitting and the rect size they were set for. Ranges that differ
    // from them were set by the user (pan, zoom): that view is kept, and for an equal-aspect
    // panel it becomes the region (want) to fit at the next size.
    bool fitted = false, userView = false;
    QCPRange wantX, wantY, setX, setY;
    QSize lastSize;

    QCPAxis* x() const { return rect->axis(QCPAxis::atBottom); }
    QCPAxis* y() const { return rect->axis(QCPAxis::atLeft); }
    bool equalAspect() const { return axes->equalAspect && !axes->x.log && !axes->y.log; }
    bool hasLegend() const { return legend->legend()->visible(); }
};

FigureScene::FigureScene(QCustomPlot* plot, std::shared_ptr<const output::Figure> figure,
                         const FigureTheme& theme)
    : QObject(plot), m_plot(plot), m_figure(std::move(figure)), m_inks(new FigureInks) {
    build();
    setTheme(theme);
    connect(m_plot, &QCustomPlot::afterLayout, this, &FigureScene::arrange);
}

FigureScene::~FigureScene() {
    // The typeset axis labels belong to this scene's axes (when the plot goes, they go first:
    // the scene is the plot's older child).
    delete m_mathLabels;
}

void FigureScene::build() {
    m_plot->plotLayout()->clear();
    m_plot->setAutoAddPlottableToLegend(false);
    QCPLayoutGrid* layout = m_plot->plotLayout();
    layout->setMargins(QMargins(6, 4, 10, 6));
    int row = 0;
    if (!m_figure->title.empty()) {
        QCPTextElement* title =
            makeTitle(QString::fromStdString(m_figure->title), figureFont(16, true));
        title->setMargins(QMargins(0, 2, 0, 6));
        layout->addElement(row++, 0, title);
        m_titles.push_back({title, title->text(), 1});
    }
    // The panels' grid, and beside it a colour scale they share, under the title.
    auto* body = new QCPLayoutGrid;
    layout->addElement(row, 0, body);
    body->setColumnSpacing(12);
    auto* grid = new QCPLayoutGrid;
    body->addElement(0, 0, grid);
    grid->setColumnSpacing(24);
    grid->setRowSpacing(14);

    // Panels whose colour scales all show the same map and range share one, right of the grid.
    std::vector<std::optional<ScaleKey>> keys;
    for (const output::Axes& a : m_figure->panels)
        keys.push_back(scaleKeyOf(a));
    const bool shared =
        keys.size() > 1 && keys.front() &&
        std::all_of(keys.begin(), keys.end(), [&](const auto& k) { return k == keys.front(); });
    QCPColorScale* sharedScale = shared ? addSharedScale(*body) : nullptr;
    for (int r = 0; r < m_figure->rows; ++r) {
        for (int c = 0; c < m_figure->cols; ++c) {
            const auto index = static_cast<std::size_t>(r * m_figure->cols + c);
            auto panel = std::make_unique<Panel>();
            auto* cell = new QCPLayoutGrid;
            cell->setRowSpacing(4);
            grid->addElement(r, c, cell);
            const output::Axes& axes = m_figure->panels[index];
            int crow = 0;
            if (!axes.title.empty()) {
                QCPTextElement* title = panelTitle(axes.title);
                cell->addElement(crow++, 0, title);
                m_titles.push_back({title, title->text(), m_figure->cols});
            }
            panel->rect = new QCPAxisRect(m_plot, true);
            cell->addElement(crow, 0, panel->rect);
            panel->legend = std::make_unique<FigureLegend>(panel->rect, cell, crow + 1);
            if (sharedScale) {
                panel->scale = sharedScale;
                if (m_sharedGroup)
                    panel->rect->setMarginGroup(QCP::msTop | QCP::msBottom, m_sharedGroup);
            } else if (keys[index]) {
                panel->scale = newScale();
                cell->addElement(crow, 1, panel->scale);
                auto* group = new QCPMarginGroup(m_plot);
                panel->rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
                panel->scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
            }
            buildPanel(*panel, axes);
            m_panels.push_back(std::move(panel));
        }
    }
}

QCPTextElement* FigureScene::makeTitle(const QString& text, const QFont& font) {
    // Titles with `$…$` have their formulas typeset.
    if (math::MathText::hasMath(text))
        return new FigureMathTitle(m_plot, text, font);
    return new QCPTextElement(m_plot, text, font);
}

QCPTextElement* FigureScene::panelTitle(const std::string& text) {
    QCPTextElement* title = makeTitle(QString::fromStdString(text), figureFont(14, true));
    title->setMargins(QMargins(0, 0, 0, 2));
    return title;
}

QCPColorScale* FigureScene::newScale() {
    auto* scale = new QCPColorScale(m_plot);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(14);
    QCPAxis* axis = scale->axis();
    styleAxis(axis);
    axis->setTicker(QSharedPointer<FigureTicker>::create());
    axis->setSubTicks(false);
    return scale;
}

QCPColorScale* FigureScene::addSharedScale(QCPLayoutGrid& body) {
    // Its own column: a title-high spacer over the scale when the first row's panels have
    // titles, so that the scale starts where their plots start; in a single row of panels a
    // margin group lines it up with the plots exactly.
    auto* column = new QCPLayoutGrid;
    column->setRowSpacing(4);
    body.addElement(0, 1, column);
    int crow = 0;
    bool titled = false;
    for (int c = 0; c < m_figure->cols; ++c)
        titled = titled || !m_figure->panels[static_cast<std::size_t>(c)].title.empty();
    if (titled) {
        QCPTextElement* spacer = panelTitle(" ");
        column->addElement(crow++, 0, spacer);
    }
    QCPColorScale* scale = newScale();
    column->addElement(crow, 0, scale);
    if (m_figure->rows == 1) {
        m_sharedGroup = new QCPMarginGroup(m_plot);
        scale->setMarginGroup(QCP::msTop | QCP::msBottom, m_sharedGroup);
    }
    return scale;
}

void FigureScene::buildPanel(Panel& p, const output::Axes& axes) {
    p.axes = &axes;
    QCPAxisRect* rect = p.rect;
    rect->setMinimumMargins(kRectMargins);
    rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    setupAxis(p.x(), axes.x.log, axes.integral(true), QString::fromStdString(axes.x.label));
    setupAxis(p.y(), axes.y.log, axes.integral(false), QString::fromStdString(axes.y.label));
    // A plain box: top and right axes draw only their line.
    for (const auto type : {QCPAxis::atTop, QCPAxis::atRight}) {
        QCPAxis* axis = rect->axis(type);
        axis->setVisible(true);
        axis->setTicks(false);
        axis->setTickLabels(false);
        axis->grid()->setVisible(false);
    }

    QCPLegend* legend = p.legend->legend();
    for (const output::Series& s : axes.series) {
        p.parts.push_back(addFigureSeries(rect, legend, p.scale, s));
        m_inks->record(p.parts.back());
        if (!p.heatmap)
            p.heatmap = std::get_if<output::Heatmap>(&s.data);
    }
    legend->setVisible(axes.legend && legend->itemCount() > 0);

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
    const bool tight = p.heatmap != nullptr;
    const auto [low, high] = stickyZero(axes);
    p.baseX = axes.x.limits ? QCPRange(axes.x.limits->lo, axes.x.limits->hi)
                            : padded(axes.dataRange(true), axes.x.log, tight, false, false);
    p.baseY = axes.y.limits ? QCPRange(axes.y.limits->lo, axes.y.limits->hi)
                            : padded(axes.dataRange(false), axes.y.log, tight, low, high);
    const double m = tight ? 0.0 : markerMargin(axes);
    p.margins[0] = p.margins[1] = axes.x.limits ? 0.0 : m;
    p.margins[2] = axes.y.limits || low ? 0.0 : m;
    p.margins[3] = axes.y.limits || high ? 0.0 : m;
    p.x()->setRange(p.baseX);
    p.y()->setRange(p.baseY);
}

void FigureScene::setupAxis(QCPAxis* axis, bool log, bool integral, const QString& label) {
    styleAxis(axis);
    if (math::MathText::hasMath(label)) {
        if (!m_mathLabels)
            m_mathLabels = new FigureMathLabels(m_plot);
        m_mathLabels->setLabel(axis, label);
    } else {
        axis->setLabel(label);
    }
    axis->setTickLength(0, 5);
    axis->setSubTickLength(0, 3);
    axis->setTickLabelPadding(5);
    axis->setLabelPadding(5);
    axis->grid()->setZeroLinePen(Qt::NoPen);
    axis->grid()->setSubGridVisible(false);
    auto linearTicker = QSharedPointer<FigureTicker>::create(integral);
    axis->setTicker(linearTicker);
    if (!log) {
        axis->setSubTicks(false);
        return;
    }
    axis->setScaleType(QCPAxis::stLogarithmic);
    auto logTicker = QSharedPointer<FigureLogTicker>::create();
    logTicker->setSubTickCount(8);
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

void FigureScene::setTheme(const FigureTheme& theme) {
    m_theme = theme;
    m_plot->setBackground(theme.page);
    for (const Title& t : m_titles)
        t.element->setTextColor(theme.text);
    for (auto& p : m_panels) {
        for (QCPAxis* axis : p->rect->axes())
            colorAxis(axis, theme);
        if (p->scale)
            colorAxis(p->scale->axis(), theme);
        p->legend->setTheme(theme);
        for (const FigureSeriesParts& parts : p->parts) {
            if (!parts.visible)
                fadeEntry(parts);
        }
    }
    m_inks->apply(theme);
}

void FigureScene::fadeEntry(const FigureSeriesParts& parts) {
    if (!parts.legendEntry)
        return;
    for (auto& p : m_panels) {
        if (QCPPlottableLegendItem* item =
                p->legend->legend()->itemWithPlottable(parts.legendEntry))
            item->setTextColor(parts.visible ? m_theme.text : m_theme.faded);
    }
}

void FigureScene::resetView() {
    for (auto& p : m_panels) {
        p->x()->setRange(p->baseX);
        p->y()->setRange(p->baseY);
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
    // A new size (or a reset) chooses the legends' places afresh, from inside the plots.
    const QSize viewport = m_plot->viewport().size();
    const bool fresh = m_fitPending || viewport != m_viewport;
    m_viewport = viewport;
    if (fresh) {
        bool moved = false;
        for (auto& p : m_panels) {
            moved |= p->legend->moveInside();
            p->rect->setMinimumMargins(kRectMargins);
        }
        if (moved)
            relayout();
    }
    settle();
    if (fresh) {
        bool moved = false;
        for (auto& p : m_panels) {
            if (p->hasLegend())
                moved |= p->legend->choose(p->parts);
        }
        if (moved) {
            // Panels side by side keep their plots level with a neighbour's legend below.
            const auto cols = static_cast<std::size_t>(m_figure->cols);
            for (std::size_t first = 0; first < m_panels.size(); first += cols) {
                int height = 0;
                for (std::size_t k = first; k < first + cols; ++k)
                    height = std::max(height, m_panels[k]->legend->heightBelow());
                for (std::size_t k = first; k < first + cols; ++k)
                    m_panels[k]->legend->reserveBelow(height);
            }
            relayout();
            settle();
        }
    }
    for (auto& p : m_panels) {
        if (p->hasLegend())
            p->legend->place();
        sizeCellTexts(*p);
    }
    m_fitPending = false;
    m_arranging = false;
}

bool FigureScene::wrapTitles() {
    // A title is as wide as its longest line, and a layout is at least as wide as its widest
    // element: wrap titles to their share of the figure's width, or they would widen it.
    bool changed = false;
    for (const Title& t : m_titles) {
        const int width = std::max(60, m_plot->viewport().width() / t.share - 24);
        const QFontMetrics fm(t.element->font());
        QString wrapped, line;
        for (const QString& word : wordsOf(t.text)) {
            const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() && fm.horizontalAdvance(longer) > width) {
                wrapped += line + QLatin1Char('\n');
                line = word;
            } else {
                line = longer;
            }
        }
        wrapped += line;
        if (wrapped != t.element->text()) {
            t.element->setText(wrapped);
            changed = true;
        }
    }
    return changed;
}

void FigureScene::settle() {
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        bool changed = wrapTitles();
        for (auto& p : m_panels) {
            if (p->heatmap)
                changed |= arrangeHeatmapLabels(*p);
            changed |= fitView(*p);
            if (!p->heatmap)
                changed |= fitTicks(p->x(), p->y(), p->rect->size(), p->equalAspect());
            if (p->scale)
                changed |= fitTicks(nullptr, p->scale->axis(), p->scale->axis()->axisRect()->size(),
                                    false);
        }
        if (!changed)
            break;
        // Tick labels depend on the ranges, the margins on the labels and the ranges on the
        // margins: an equal-aspect panel can swing between two layouts. From the second pass
        // on, margins only grow, so the passes settle.
        if (pass >= 1) {
            for (auto& p : m_panels) {
                const QMargins now = p->rect->margins(), least = p->rect->minimumMargins();
                p->rect->setMinimumMargins(QMargins(
                    std::max(now.left(), least.left()), std::max(now.top(), least.top()),
                    std::max(now.right(), least.right()), std::max(now.bottom(), least.bottom())));
            }
        }
        relayout();
    }
}

bool FigureScene::fitView(Panel& p) {
    const QSize size = p.rect->size();
    if (size.width() < 2 || size.height() < 2)
        return false;
    const QCPRange x = p.x()->range(), y = p.y()->range();
    const bool moved = p.fitted && (!sameRange(x, p.setX) || !sameRange(y, p.setY));
    if (m_fitPending) {
        p.userView = false;
    } else if (moved) {
        p.userView = true;
        p.wantX = x;
        p.wantY = y;
    } else if (size == p.lastSize) {
        return false;
    }
    p.fitted = true;
    p.lastSize = size;
    QCPRange nx = x, ny = y;
    if (!p.userView) {
        nx = withMargins(p.baseX, p.axes->x.log, size.width(), p.margins[0], p.margins[1]);
        ny = withMargins(p.baseY, p.axes->y.log, size.height(), p.margins[2], p.margins[3]);
    } else if (p.equalAspect()) {
        nx = p.wantX;
        ny = p.wantY;
    }
    if (p.equalAspect()) {
        // One unit as long on both axes: the axis with more units per pixel decides and the
        // other widens, so everything that was to be seen still is.
        const double w = size.width(), h = size.height();
        const double unitsPerPixel = std::max(nx.size() / w, ny.size() / h);
        nx = QCPRange(nx.center() - unitsPerPixel * w / 2, nx.center() + unitsPerPixel * w / 2);
        ny = QCPRange(ny.center() - unitsPerPixel * h / 2, ny.center() + unitsPerPixel * h / 2);
    }
    p.setX = nx;
    p.setY = ny;
    const bool changed = !sameRange(x, nx) || !sameRange(y, ny);
    p.x()->setRange(nx);
    p.y()->setRange(ny);
    return changed;
}

bool FigureScene::arrangeHeatmapLabels(Panel& p) {
    const output::Heatmap& h = *p.heatmap;
    const double cellW = std::max(1.0, p.rect->width() / std::max(1.0, p.x()->range().size()));
    const double cellH = std::max(1.0, p.rect->height() / std::max(1.0, p.y()->range().size()));
    const QFontMetrics fm(p.x()->tickLabelFont());
    auto labelOf = [](const std::vector<std::string>& labels, std::size_t k) {
        return k < labels.size() ? QString::fromStdString(labels[k]) : QString::number(k + 1);
    };
    int widest = 0;
    for (std::size_t k = 0; k < h.cols; ++k)
        widest = std::max(widest, fm.horizontalAdvance(labelOf(h.colLabels, k)));
    const double lineHeight = fm.height() + 2.0;
    // Indices thin out to round steps and stay level; names that do not fit level turn on
    // their side, where more of them fit.
    const int levelStep = static_cast<int>(std::ceil((widest + 10.0) / cellW));
    const bool turned = !h.colLabels.empty() && levelStep > 1;
    int xStep = turned ? static_cast<int>(std::ceil(lineHeight / cellW)) : levelStep;
    int yStep = static_cast<int>(std::ceil(lineHeight / cellH));
    if (h.colLabels.empty())
        xStep = niceStep(xStep);
    if (h.rowLabels.empty())
        yStep = niceStep(yStep);
    if (turned == p.xTurned && xStep == p.xStep && yStep == p.yStep)
        return false;
    p.xTurned = turned;
    p.xStep = xStep;
    p.yStep = yStep;
    auto fill = [&](QCPAxis* axis, std::size_t count, const std::vector<std::string>& labels,
                    int step, int needed) {
        auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
        ticker->clear();
        const auto s = static_cast<std::size_t>(step);
        if (!labels.empty() || step <= 2) {
            for (std::size_t k = 0; k < count; k += s)
                ticker->addTick(static_cast<double>(k + 1), labelOf(labels, k));
            return;
        }
        // 1 and the multiples of the step (1, 5, 10, 15 …), 1 only when it keeps its distance.
        if (step - 1 >= needed)
            ticker->addTick(1.0, QStringLiteral("1"));
        for (std::size_t k = s; k <= count; k += s)
            ticker->addTick(static_cast<double>(k), QString::number(k));
    };
    fill(p.x(), h.cols, h.colLabels, xStep, levelStep);
    fill(p.y(), h.rows, h.rowLabels, yStep, static_cast<int>(std::ceil(lineHeight / cellH)));
    p.x()->setTickLabelRotation(turned ? -90 : 0);
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
        const double size = std::min({cellH * 0.45, cellW * 0.85 / (0.6 * longest), 14.0});
        const bool readable = size >= 7.0;
        for (QCPItemText* t : parts.cellTexts) {
            t->setVisible(parts.visible && readable);
            if (readable)
                t->setFont(figureFont(size));
        }
    }
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
            entry->setTextColor(parts.visible ? m_theme.text : m_theme.faded);
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
    for (const auto& p : m_panels) {
        if (p->rect->rect().contains(pixel.toPoint()))
            return nearestPoint(p->rect, p->parts, pixel, maxDistance);
    }
    return Hit{};
}

}  // namespace lemma::widgets
