// Typeset formulas inside a QTextDocument: a text object that the typesetter sizes and paints,
// so rich text with math prints to PDF as vectors like it shows on screen.
#pragma once

#include <QHash>
#include <QObject>
#include <QTextCharFormat>
#include <QTextObjectInterface>
#include <utility>

#include "widgets/math/MathFormula.h"

class QTextDocument;

namespace lemma::widgets::math {

// Responsibilities:
// - make the character format of a formula (its TeX, inline or display, and the equation
//   number a display shows at the right) and insert it;
// - size it for the document's paint device and font: an inline formula's baseline is the
//   text's, and its line grows only by what the formula needs above the text's ascent and
//   below its descent (a strut after a deep formula gives the depth); a display formula
//   takes the line's width, centred, with its number right-aligned;
// - paint it in the text's colour (explicit \color wins);
// - give back the TeX of a formula in a document (for copying).
class MathTextObject : public QObject, public QTextObjectInterface {
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    static constexpr int Type = QTextFormat::UserObject + 11;
    // The zero-width object after a deep inline formula that gives its line the formula's
    // depth (see MathTextObject.cpp); it draws nothing and copies as nothing.
    static constexpr int StrutType = QTextFormat::UserObject + 12;
    enum Property {
        Tex = QTextFormat::UserProperty + 110,
        Display,
        Number,
        LayoutOnly,  // a character that only shapes the layout (see isLayoutOnly)
        Trailing,    // punctuation right after an inline formula, drawn by it (see insert)
    };

    // Registers a handler with `document` (owned by it) unless one is there.
    static void install(QTextDocument* document);
    // Inserts a formula at `cursor` in `base`'s font and colour. `resolve` turns \eqref labels
    // inside it into numbers; `number` is the equation number a display formula shows ("(3)").
    // `trailing`: the punctuation that follows an inline formula ("," or ")."), drawn by the
    // formula's object in the text's font so that it never starts a line: Qt 6.4 may break a
    // line after any inline object whatever follows it (QTextLine::layout_helper).
    static void insert(QTextCursor& cursor, const QString& tex, bool display,
                       const QTextCharFormat& base, const QString& number = QString(),
                       const MathFormula::Resolver& resolve = {},
                       const QString& trailing = QString());
    // The TeX of the formula at `format`, with its dollars ($…$ or $$…$$), or "" when the
    // format is not a formula's.
    static QString texOf(const QTextFormat& format);
    // The formula's source in the text: its TeX with dollars and the punctuation it draws.
    static QString textOf(const QTextFormat& format);
    // Whether `format` is that of a character that only shapes the layout: a deep formula's
    // strut, the line break put before a display formula that follows text. Text made from
    // the document (a copy, a heading's outline) leaves them out.
    static bool isLayoutOnly(const QTextFormat& format);
    // The ascent and depth of the formula whose format is `format`, in `doc`'s device pixels,
    // as the document lays it out.
    static std::pair<double, double> extent(QTextDocument* doc, const QTextFormat& format);

    QSizeF intrinsicSize(QTextDocument* doc, int posInDocument, const QTextFormat& format) override;
    void drawObject(QPainter* painter, const QRectF& rect, QTextDocument* doc, int posInDocument,
                    const QTextFormat& format) override;

private:
    explicit MathTextObject(QObject* parent) : QObject(parent) {}
    const MathFormula& formula(QTextDocument* doc, const QTextFormat& format);
    // An inline formula's object height (its ascent for the line) and its strut's descent;
    // `deep`: the formula has a strut.
    struct InlineBox {
        double height = 0;
        double strutDescent = 0;
    };
    InlineBox inlineBox(QTextDocument* doc, const QTextCharFormat& format, bool deep);
    double displayWidth(QTextDocument* doc, int posInDocument, double formulaWidth) const;

    QHash<QString, MathFormula> m_cache;
};

}  // namespace lemma::widgets::math
