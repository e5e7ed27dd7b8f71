// The interactive figure view.
#include "widgets/output/FigureView.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QGestureEvent>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "engine/output/Figure.h"
#include "widgets/output/FigurePainter.h"
#include "widgets/output/FigureScene.h"
#include "widgets/output/FigureTheme.h"
#include "widgets/output/PageWheel.h"

namespace lemma::widgets {

namespace {

constexpr double kReach = 14.0;  // how close (pixels) the mouse must be to a point
constexpr int kFrame = 2;        // the focus frame's width
const char* const kOverlay = "overlay";

}  // namespace

FigureView::FigureView(std::shared_ptr<const output::Figure> figure, QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    // Room for the focus frame (see paintEvent).
    layout->setContentsMargins(kFrame, kFrame, kFrame, kFrame);
    layout->addWidget(m_plot);
    // A click gives the plot the wheel for zooming, shown by a frame; until then the wheel
    // scrolls the page (Ctrl+wheel zooms at any time).
    m_plot->setFocusPolicy(Qt::ClickFocus);
    m_scene = FigurePainter::build(*m_plot, std::move(figure));

    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Smooth panning of large data: no antialiasing while dragging, and Qt's fast polyline
    // path for solid lines (QCustomPlot uses it on screen only, never in exports).
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setContextMenuPolicy(Qt::CustomContextMenu);
    m_plot->installEventFilter(this);
    // A pinch zooms like Ctrl+wheel: a touchpad's arrives as a native zoom gesture, a
    // touchscreen's as a QPinchGesture.
    m_plot->setAttribute(Qt::WA_AcceptTouchEvents);
    m_plot->grabGesture(Qt::PinchGesture);

    m_plot->layer(kOverlay)->setMode(QCPLayer::lmBuffered);
    makeReadout();

    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() != Qt::NoButton) {
            hideReadout();
        } else {
            showReadout(e->position());
        }
    });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetView(); });
    connect(m_plot, &QCustomPlot::legendClick, this,
            [this](QCPLegend*, QCPAbstractLegendItem* item, QMouseEvent* e) {
                if (e->button() == Qt::LeftButton && item && m_scene->toggleSeries(item))
                    m_plot->replot(QCustomPlot::rpQueuedReplot);
            });
    connect(m_plot, &QCustomPlot::customContextMenuRequested, this, &FigureView::showMenu);

    m_clearPins = new QToolButton(this);
    m_clearPins->setToolTip(tr("Remove the pinned settings overlaid on this figure"));
    m_clearPins->setAutoRaise(true);
    m_clearPins->setCursor(Qt::PointingHandCursor);
    connect(m_clearPins, &QToolButton::clicked, this, &FigureView::clearPinsRequested);
    showPins();
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setMargin(6);
    m_notice->setAutoFillBackground(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->hide();
    applyPalette();
    m_plot->replot();
}

FigureView::~FigureView() = default;

void FigureView::setFigure(std::shared_ptr<const output::Figure> figure) {
    // The scene's plottables, items (the readout's too) and layout go; the plot, its buffers
    // and everything around it stay.
    delete m_scene;
    m_plot->clearItems();
    m_plot->clearPlottables();
    m_scene = FigurePainter::build(*m_plot, std::move(figure));
    makeReadout();
    showPins();
    applyPalette();
    updateGeometry();
    m_plot->replot();
}

void FigureView::showPins() {
    const int pins = m_scene->figure().pinned;
    m_clearPins->setText(pins == 1 ? tr("Clear pin") : tr("Clear %1 pins").arg(pins));
    m_clearPins->adjustSize();
    m_clearPins->move(width() - m_clearPins->width() - kFrame - 2, kFrame + 2);
    m_clearPins->setVisible(pins > 0);
    m_clearPins->raise();
}

void FigureView::makeReadout() {
    QCPLayer* overlay = m_plot->layer(kOverlay);
    m_marker = new QCPItemTracer(m_plot);
    m_marker->setLayer(overlay);
    m_marker->setStyle(QCPItemTracer::tsCircle);
    m_marker->setSize(10);
    m_marker->setBrush(Qt::NoBrush);
    m_marker->setSelectable(false);
    m_marker->setVisible(false);
    m_readout = new QCPItemText(m_plot);
    m_readout->setLayer(overlay);
    m_readout->position->setType(QCPItemPosition::ptAbsolute);
    m_readout->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    m_readout->setPadding(QMargins(5, 3, 5, 3));
    m_readout->setFont(figureFont(12));
    m_readout->setClipToAxisRect(false);
    m_readout->setSelectable(false);
    m_readout->setVisible(false);
}

const output::Figure& FigureView::figure() const {
    return m_scene->figure();
}

QSize FigureView::sizeHint() const {
    return FigurePainter::naturalSize(figure());
}

QSize FigureView::minimumSizeHint() const {
    // Every panel keeps a readable size: a grid that does not fit the column scrolls with the
    // page rather than shrinking its panels to strips.
    const output::Figure& f = figure();
    const int titleHeight = f.title.empty() ? 0 : 30;
    return QSize(f.cols > 1 ? kPanelMinWidth * f.cols + 80 : 240,
                 f.rows > 1 ? kPanelMinHeight * f.rows + titleHeight : 160);
}

void FigureView::resetView() {
    hideReadout();
    m_scene->resetView();
    m_plot->replot();
}

QSize FigureView::exportSize() const {
    // Before the view is shown its layout has not sized the plot yet.
    const QSize size = isVisible() ? m_plot->size() : this->size();
    return size.width() >= 100 && size.height() >= 80 ? size : sizeHint();
}

QString FigureView::showReadout(const QPointF& pos) {
    const FigureScene::Hit hit = m_scene->nearest(pos, kReach);
    if (!hit.found) {
        hideReadout();
        return {};
    }
    QCPAxis* x = hit.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = hit.rect->axis(QCPAxis::atLeft);
    m_marker->position->setAxes(x, y);
    m_marker->position->setCoords(hit.x, hit.y);
    m_marker->setClipAxisRect(hit.rect);
    m_marker->setVisible(true);
    m_readout->setText(hit.text);
    // Above and to the right of the point, turned back inside when it would leave the plot.
    const QPointF at(x->coordToPixel(hit.x), y->coordToPixel(hit.y));
    const QFontMetrics fm(m_readout->font());
    const QSize textSize = fm.size(0, hit.text) + QSize(12, 8);
    Qt::Alignment align;
    QPointF anchor = at;
    if (at.x() + 10 + textSize.width() > m_plot->width()) {
        align |= Qt::AlignRight;
        anchor.rx() -= 10;
    } else {
        align |= Qt::AlignLeft;
        anchor.rx() += 10;
    }
    if (at.y() - 10 - textSize.height() < 0) {
        align |= Qt::AlignTop;
        anchor.ry() += 10;
    } else {
        align |= Qt::AlignBottom;
        anchor.ry() -= 10;
    }
    m_readout->setPositionAlignment(align);
    m_readout->position->setCoords(anchor);
    m_readout->setVisible(true);
    m_plot->layer(kOverlay)->replot();
    return hit.text;
}

void FigureView::hideReadout() {
    if (!m_readout->visible() && !m_marker->visible())
        return;
    m_readout->setVisible(false);
    m_marker->setVisible(false);
    m_plot->layer(kOverlay)->replot();
}

void FigureView::applyPalette() {
    const FigureTheme theme = FigureTheme::fromPalette(palette());
    m_scene->setTheme(theme);
    m_marker->setPen(QPen(theme.text, 1.5));
    QColor fill = theme.page;
    fill.setAlpha(235);
    m_readout->setBrush(fill);
    m_readout->setPen(QPen(theme.legendBorder));
    m_readout->setColor(theme.text);
}

void FigureView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot();
    }
}

bool FigureView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
        case QEvent::Leave:
            hideReadout();
            break;
        case QEvent::FocusIn:
        case QEvent::FocusOut:
            update();
            break;
        case QEvent::Wheel:
            if (!zoomsOnWheel(static_cast<QWheelEvent*>(event)->modifiers())) {
                scrollEnclosingPage(this, static_cast<QWheelEvent*>(event));
                return true;
            }
            break;
        case QEvent::NativeGesture: {
            auto* gesture = static_cast<QNativeGestureEvent*>(event);
            if (gesture->gestureType() == Qt::ZoomNativeGesture)
                zoomAt(gesture->position(), 1.0 + gesture->value());
            event->accept();
            return true;
        }
        case QEvent::Gesture: {
            auto* gestures = static_cast<QGestureEvent*>(event);
            if (auto* pinch = static_cast<QPinchGesture*>(gestures->gesture(Qt::PinchGesture))) {
                if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                    zoomAt(m_plot->mapFromGlobal(pinch->centerPoint()), pinch->scaleFactor());
                gestures->accept(pinch);
                return true;
            }
            break;
        }
        default:
            break;
    }
    return QWidget::eventFilter(watched, event);
}

void FigureView::zoomAt(const QPointF& pos, double scale) {
    QCPAxisRect* rect = m_plot->axisRectAt(pos);
    if (!rect || !(scale > 0.0) || !std::isfinite(scale))
        return;
    // As QCustomPlot's own wheel zoom: the point under the fingers stays where it is.
    for (QCPAxis* axis : rect->rangeZoomAxes(Qt::Horizontal))
        axis->scaleRange(1.0 / scale, axis->pixelToCoord(pos.x()));
    for (QCPAxis* axis : rect->rangeZoomAxes(Qt::Vertical))
        axis->scaleRange(1.0 / scale, axis->pixelToCoord(pos.y()));
    hideReadout();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool FigureView::zoomsOnWheel(Qt::KeyboardModifiers modifiers) const {
    return m_plot->hasFocus() || (modifiers & Qt::ControlModifier);
}

void FigureView::paintEvent(QPaintEvent* event) {
    QWidget::paintEvent(event);
    if (!m_plot->hasFocus())
        return;
    QPainter p(this);
    p.setPen(QPen(palette().color(QPalette::Highlight), kFrame));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(rect()).adjusted(kFrame / 2.0, kFrame / 2.0, -kFrame / 2.0, -kFrame / 2.0));
}

// ---- export ----------------------------------------------------------------------------------

// Runs an export as on paper: in the light theme whatever the screen's, and with the readout
// hidden (exports show the figure, not the mouse).
template <class F>
auto onPaper(FigureScene* scene, F export_) {
    QCPLayer* overlay = scene->plot()->layer(kOverlay);
    overlay->setVisible(false);
    const FigureTheme screen = scene->theme();
    scene->setTheme(FigureTheme::light());
    const auto result = export_();
    scene->setTheme(screen);
    overlay->setVisible(true);
    // Drawing the export replotted a visible plot in the light theme.
    if (scene->plot()->isVisible())
        scene->plot()->replot();
    return result;
}

bool FigureView::savePng(const QString& path, double dpi) const {
    return onPaper(m_scene,
                   [&] { return FigurePainter::savePng(*m_plot, path, exportSize(), dpi); });
}

bool FigureView::saveSvg(const QString& path) const {
    return onPaper(m_scene, [&] { return FigurePainter::saveSvg(*m_plot, path, exportSize()); });
}

bool FigureView::savePdf(const QString& path) const {
    return onPaper(m_scene, [&] { return FigurePainter::savePdf(*m_plot, path, exportSize()); });
}

void FigureView::copyToClipboard() const {
    const QImage image =
        onPaper(m_scene, [&] { return FigurePainter::toImage(*m_plot, exportSize(), 192); });
    QApplication::clipboard()->setImage(image);
}

void FigureView::showNotice(const QString& text) {
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    m_notice->setFixedWidth(std::max(120, width() - 40));
    m_notice->adjustSize();
    m_notice->move(20, 8);
    m_notice->raise();
    QTimer::singleShot(5000, m_notice, [label = m_notice, text] {
        if (label->text() == text)
            label->hide();
    });
}

QString FigureView::notice() const {
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void FigureView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_clearPins->adjustSize();
    m_clearPins->move(width() - m_clearPins->width() - kFrame - 2, kFrame + 2);
    m_clearPins->raise();
}

void FigureView::showMenu(const QPoint& pos) {
    hideReadout();
    QMenu menu(this);
    menu.addAction(tr("Pin these settings"), this, &FigureView::pinRequested);
    if (figure().pinned > 0)
        menu.addAction(tr("Clear pins"), this, &FigureView::clearPinsRequested);
    menu.addSeparator();
    menu.addAction(tr("Save as PNG…"), this, &FigureView::exportPng);
    menu.addAction(tr("Save as SVG…"), this,
                   [this] { exportFile(tr("SVG image (*.svg)"), QStringLiteral("svg")); });
    menu.addAction(tr("Save as PDF…"), this,
                   [this] { exportFile(tr("PDF document (*.pdf)"), QStringLiteral("pdf")); });
    menu.addSeparator();
    menu.addAction(tr("Copy to clipboard"), this, &FigureView::copyToClipboard);
    menu.addAction(tr("Reset view"), this, &FigureView::resetView);
    menu.exec(m_plot->mapToGlobal(pos));
}

QString FigureView::suggestedFileName(const QString& suffix) const {
    const output::Figure& f = figure();
    std::string title = f.title;
    for (std::size_t i = 0; title.empty() && i < f.panels.size(); ++i)
        title = f.panels[i].title;
    // Letters and digits (any script) kept, lower case; everything else one hyphen.
    QString stem;
    for (const QChar c : QString::fromStdString(title).toLower()) {
        if (c.isLetterOrNumber())
            stem += c;
        else if (!stem.isEmpty() && !stem.endsWith(QLatin1Char('-')))
            stem += QLatin1Char('-');
    }
    while (stem.endsWith(QLatin1Char('-')))
        stem.chop(1);
    if (stem.isEmpty())
        stem = QStringLiteral("figure");
    return stem.left(80) + QLatin1Char('.') + suffix;
}

void FigureView::exportPng() {
    const QStringList choices = {tr("96 dpi (screen)"), tr("150 dpi"), tr("300 dpi (print)"),
                                 tr("600 dpi")};
    const double dpis[] = {96, 150, 300, 600};
    bool ok = false;
    const QString choice =
        QInputDialog::getItem(this, tr("Save as PNG"), tr("Resolution:"), choices, 2, false, &ok);
    if (!ok)
        return;
    const double dpi = dpis[std::max<qsizetype>(0, choices.indexOf(choice))];
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save as PNG"), suggestedFileName(QStringLiteral("png")), tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)
                             ? path
                             : path + QStringLiteral(".png");
    savePng(file, dpi);
}

void FigureView::exportFile(const QString& filter, const QString& suffix) {
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save figure"), suggestedFileName(suffix), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith("." + suffix, Qt::CaseInsensitive))
        path += "." + suffix;
    if (suffix == QLatin1String("svg")) {
        saveSvg(path);
    } else {
        savePdf(path);
    }
}

}  // namespace lemma::widgets
