// An interactive view of one figure: zoom and pan, double-click to reset, a readout of the
// nearest data point, legend clicks that hide series, and export from the context menu.
#pragma once

#include <QPointF>
#include <QString>
#include <QWidget>
#include <memory>

class QCustomPlot;
class QLabel;
class QToolButton;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;

namespace lemma::output {
class Figure;
}

namespace lemma::widgets {

class FigureScene;

// Responsibilities: host the QCustomPlot the figure painter builds; turn mouse input into view
// changes, the hover readout and series toggles; offer the exports (of the view as it is
// zoomed, at the view's size) in a context menu, with pinning the settings and clearing the pins
// (a button on the figure while pins are overlaid, and a notice when a pin is refused); draw the
// figure in the colours of the widget's palette (a dark page in a dark theme) while exports stay on
// white paper. The readout lives on QCustomPlot's buffered overlay layer, so hovering repaints only
// that layer, never the data.
class FigureView : public QWidget {
    Q_OBJECT
public:
    explicit FigureView(std::shared_ptr<const output::Figure> figure, QWidget* parent = nullptr);
    ~FigureView() override;

    // Shows another figure in this view (its plot widget and buffers are kept: cheaper than a
    // new view, and drawn once, at the view's size).
    void setFigure(std::shared_ptr<const output::Figure> figure);

    QSize sizeHint() const override;
    // At least kPanelMinWidth × kPanelMinHeight per panel.
    QSize minimumSizeHint() const override;
    static constexpr int kPanelMinWidth = 170;
    static constexpr int kPanelMinHeight = 150;

    const output::Figure& figure() const;
    QCustomPlot* plot() const { return m_plot; }
    FigureScene* scene() const { return m_scene; }

    // The view's ranges back to the figure's.
    void resetView();

    // Exports of what the view shows, laid out at the view's size (the PNG at dpi/96 times
    // as many pixels). False when the file cannot be written.
    bool savePng(const QString& path, double dpi) const;
    bool saveSvg(const QString& path) const;
    bool savePdf(const QString& path) const;
    void copyToClipboard() const;
    // A file name for the save dialogs, from the figure's title (or its first panel's):
    // "Attention weights A" → "attention-weights-a.png"; "figure.png" without a title.
    QString suggestedFileName(const QString& suffix) const;

    // Updates the readout for the mouse at `pos` (widget pixels); returns its text, empty when
    // no point is near.
    QString showReadout(const QPointF& pos);
    void hideReadout();
    // Zooms the panel under `pos` (plot pixels) by `scale` (2: twice as close) about that
    // point, as a pinch does; nothing outside a panel.
    void zoomAt(const QPointF& pos, double scale);
    // True when the wheel zooms the plot: it has focus (a click into it), or Ctrl is held.
    bool zoomsOnWheel(Qt::KeyboardModifiers modifiers) const;

    // A short message over the figure for a few seconds (why a pin was refused).
    void showNotice(const QString& text);
    QString notice() const;
    // The button that clears the pins, shown while the figure has pinned overlays.
    QToolButton* clearPinsButton() const { return m_clearPins; }

Q_SIGNALS:
    void pinRequested();
    void clearPinsRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyPalette();
    void makeReadout();
    void showPins();
    QSize exportSize() const;
    void showMenu(const QPoint& pos);
    void exportPng();
    void exportFile(const QString& filter, const QString& suffix);

    QCustomPlot* m_plot;
    FigureScene* m_scene;
    QCPItemTracer* m_marker;
    QCPItemText* m_readout;
    QToolButton* m_clearPins;
    QLabel* m_notice;
};

}  // namespace lemma::widgets
