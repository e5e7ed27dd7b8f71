// Drawn icons (see Icons.h). Each is a few strokes on a 24-unit grid, painted at whatever size
// is asked for (QIcon asks in device pixels, so high-DPI screens get sharp strokes), in the
// colour of the palette at paint time.
#include "app/Icons.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <vector>

namespace lemma::app {

namespace {

QString themeName(Icon icon) {
    switch (icon) {
        case Icon::New:
            return QStringLiteral("document-new");
        case Icon::Open:
            return QStringLiteral("document-open");
        case Icon::Save:
            return QStringLiteral("document-save");
        case Icon::Undo:
            return QStringLiteral("edit-undo");
        case Icon::Redo:
            return QStringLiteral("edit-redo");
        case Icon::Run:
            return QStringLiteral("media-playback-start");
        case Icon::RunAll:
            return QStringLiteral("media-seek-forward");
        case Icon::Stop:
            return QStringLiteral("media-playback-stop");
        case Icon::AddCell:
            return QStringLiteral("list-add");
        case Icon::MoveUp:
            return QStringLiteral("go-up");
        case Icon::MoveDown:
            return QStringLiteral("go-down");
        case Icon::Delete:
            return QStringLiteral("edit-delete");
    }
    return {};
}

// One stroke of an icon: a polyline on the 24×24 grid, closed and filled or not.
struct Stroke {
    std::vector<QPointF> points;
    bool closed = false;
    bool filled = false;
};

std::vector<Stroke> strokes(Icon icon) {
    switch (icon) {
        case Icon::New:
            return {{{{14, 3}, {6, 3}, {6, 21}, {18, 21}, {18, 7}}, true},
                    {{{14, 3}, {14, 7}, {18, 7}}}};
        case Icon::Open:
            return {{{{3, 19}, {3, 5}, {9, 5}, {11, 7}, {19, 7}, {19, 10}}},
                    {{{3, 19}, {6.5, 10}, {21.5, 10}, {18, 19}}, true}};
        case Icon::Save:
            return {{{{12, 3}, {12, 14}}},
                    {{{7.5, 9.5}, {12, 14}, {16.5, 9.5}}},
                    {{{4, 15}, {4, 20}, {20, 20}, {20, 15}}}};
        case Icon::Undo:
            // A hooked arrow: the head, then the shaft curving round.
            return {{{{9, 5}, {4.5, 9.5}, {9, 14}}},
                    {{{5, 9.5},
                      {14, 9.5},
                      {16.4, 10},
                      {18.4, 11.4},
                      {19.6, 13.2},
                      {20, 15},
                      {19.6, 16.9},
                      {18.3, 18.6},
                      {16.3, 19.7},
                      {14, 20},
                      {10, 20}}}};
        case Icon::Redo: {
            std::vector<Stroke> mirrored = strokes(Icon::Undo);
            for (Stroke& s : mirrored) {
                for (QPointF& pt : s.points)
                    pt.setX(24 - pt.x());
            }
            return mirrored;
        }
        case Icon::Run:
            return {{{{7, 4.5}, {19.5, 12}, {7, 19.5}}, true, true}};
        case Icon::RunAll:
            return {{{{3, 5}, {12, 12}, {3, 19}}, true, true},
                    {{{12, 5}, {21, 12}, {12, 19}}, true, true}};
        case Icon::Stop:
            return {{{{6, 6}, {18, 6}, {18, 18}, {6, 18}}, true, true}};
        case Icon::AddCell:
            return {{{{3.5, 3.5}, {20.5, 3.5}, {20.5, 20.5}, {3.5, 20.5}}, true},
                    {{{12, 8}, {12, 16}}},
                    {{{8, 12}, {16, 12}}}};
        case Icon::MoveUp:
            return {{{{12, 20}, {12, 4.5}}}, {{{6, 10.5}, {12, 4.5}, {18, 10.5}}}};
        case Icon::MoveDown:
            return {{{{12, 4}, {12, 19.5}}}, {{{6, 13.5}, {12, 19.5}, {18, 13.5}}}};
        case Icon::Delete:
            return {{{{4, 6.5}, {20, 6.5}}},
                    {{{9.5, 6.5}, {9.5, 3.5}, {14.5, 3.5}, {14.5, 6.5}}},
                    {{{6, 6.5}, {7, 20.5}, {17, 20.5}, {18, 6.5}}},
                    {{{10, 10}, {10, 17}}},
                    {{{14, 10}, {14, 17}}}};
    }
    return {};
}

void draw(QPainter& p, Icon icon, const QColor& ink) {
    p.setPen(QPen(ink, 1.7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    for (const Stroke& s : strokes(icon)) {
        QPainterPath path;
        path.addPolygon(QPolygonF(QList<QPointF>(s.points.begin(), s.points.end())));
        if (s.closed)
            path.closeSubpath();
        p.setBrush(s.filled ? QBrush(ink) : Qt::NoBrush);
        p.drawPath(path);
    }
}

QColor inkFor(Icon icon, QIcon::Mode mode) {
    const QPalette palette = QApplication::palette();
    if (mode == QIcon::Disabled)
        return palette.color(QPalette::Disabled, QPalette::ButtonText);
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    switch (icon) {
        case Icon::Run:
        case Icon::RunAll:
            return dark ? QColor(0x5f, 0xc8, 0x7a) : QColor(0x1e, 0x8e, 0x4e);
        case Icon::Stop:
            return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
        default:
            return palette.color(QPalette::Normal, QPalette::ButtonText);
    }
}

class DrawnIconEngine : public QIconEngine {
public:
    explicit DrawnIconEngine(Icon icon) : m_icon(icon) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.topLeft());
        painter->scale(rect.width() / 24.0, rect.height() / 24.0);
        draw(*painter, m_icon, inkFor(m_icon, mode));
        painter->restore();
    }

    // QIcon asks in device pixels (and sets the ratio itself), so this is sharp at any scale.
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QIconEngine* clone() const override { return new DrawnIconEngine(m_icon); }
    QString key() const override { return QStringLiteral("lemma-drawn"); }

private:
    Icon m_icon;
};

}  // namespace

QIcon drawnIcon(Icon which) {
    return QIcon(new DrawnIconEngine(which));
}

QIcon icon(Icon which) {
    const QString name = themeName(which);
    if (!QIcon::themeName().isEmpty() && QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    return drawnIcon(which);
}

}  // namespace lemma::app
