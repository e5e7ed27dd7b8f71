// Layout properties of the typesetter, checked on the laid-out boxes: fraction bars on the
// axis, scripts that rise and shrink, delimiters that grow, limits that stack, aligned matrix
// columns, TeX's spacing, and parse errors with their positions.
#include <QImage>
#include <QPainter>
#include <QTest>

#include "widgets/math/MathFont.h"
#include "widgets/math/MathFormula.h"
#include "widgets/math/MathParser.h"

using namespace lemma::widgets::math;

namespace {

MathFormula display(const QString& tex) {
    return MathFormula::layoutPixels(tex, MathFormula::Style::Display, 100);
}
MathFormula inlineMath(const QString& tex) {
    return MathFormula::layoutPixels(tex, MathFormula::Style::Text, 100);
}

std::vector<MathItem> itemsOf(const MathFormula& f, MathItem::Kind kind) {
    std::vector<MathItem> out;
    for (const MathItem& i : f.box().items)
        if (i.kind == kind)
            out.push_back(i);
    return out;
}

double axis() {
    return MathFont::forThread().constant(MathConstant::AxisHeight);
}

}  // namespace

class tst_MathLayout : public QObject {
    Q_OBJECT

private slots:
    void fontIsLatinModernMath() {
        if (MathFont::forThread().family() != QLatin1String("Latin Modern Math"))
            QSKIP("fonts-lmodern is not installed");
        QVERIFY(MathFont::forThread().hasMathTable());
        // Latin Modern Math's axis is TeX's: a quarter em.
        QCOMPARE(axis(), 0.25);
    }

    void fractionBarOnTheAxis_data() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<bool>("isDisplay");
        QTest::newRow("display") << "\\frac{a}{b}" << true;
        QTest::newRow("text") << "\\frac{a}{b}" << false;
        QTest::newRow("tall numerator") << "\\frac{\\sum_{i=1}^n x_i^2}{2}" << true;
        QTest::newRow("deep denominator") << "\\frac{1}{\\sqrt{\\sigma^2 + \\varepsilon}}" << true;
    }
    void fractionBarOnTheAxis() {
        QFETCH(QString, tex);
        QFETCH(bool, isDisplay);
        const MathFormula f = isDisplay ? display(tex) : inlineMath(tex);
        QVERIFY(f.ok());
        const auto rules = itemsOf(f, MathItem::Kind::Rule);
        QVERIFY(!rules.empty());
        const QRectF bar = rules.back().rect;
        // y grows downwards: the bar's centre is the axis height above the baseline.
        QVERIFY2(qAbs(-bar.center().y() - axis()) < 1e-9,
                 qPrintable(QString::number(bar.center().y())));
        // The numerator is wholly above the bar and the denominator wholly below it.
        QVERIFY(f.box().ascent > -bar.top());
        QVERIFY(f.box().descent > bar.bottom());
    }

    void superscriptsRiseAndShrink() {
        const MathFormula base = inlineMath("x");
        const MathFormula sup = inlineMath("x^2");
        const MathFormula sub = inlineMath("x_2");
        const auto glyphs = itemsOf(sup, MathItem::Kind::Glyph);
        QCOMPARE(int(glyphs.size()), 2);
        QCOMPARE(glyphs[0].size, 1.0);
        QCOMPARE(glyphs[1].size, 0.7);              // script size: 70%
        QVERIFY(glyphs[1].y < -0.3);                // raised by at least 0.3 em
        QVERIFY(glyphs[1].x >= glyphs[0].x + 0.5);  // after the x
        QVERIFY(sup.box().ascent > base.box().ascent);
        const auto subGlyphs = itemsOf(sub, MathItem::Kind::Glyph);
        QVERIFY(subGlyphs[1].y > 0.1);  // lowered
        // Second-level scripts are scriptscript size: 50%.
        const auto nested = itemsOf(inlineMath("e^{x^2}"), MathItem::Kind::Glyph);
        QCOMPARE(nested[2].size, 0.5);
        // Both at once: the subscript under the superscript, apart.
        const auto both = itemsOf(inlineMath("x_i^2"), MathItem::Kind::Glyph);
        QVERIFY(both[1].y < 0 && both[2].y > 0);
    }

    void primesAreRaisedAtFullSize() {
        const auto glyphs = itemsOf(inlineMath("f'(x)"), MathItem::Kind::Glyph);
        QCOMPARE(glyphs[1].size, 1.0);
        QCOMPARE(glyphs[1].y, 0.0);  // the prime glyph itself is drawn high
        const MathFormula two = inlineMath("f''");
        QCOMPARE(int(itemsOf(two, MathItem::Kind::Glyph).size()), 3);
    }

    void leftParenGrowsWithContent() {
        const MathFormula small = display("\\left( x \\right)");
        const MathFormula tall = display("\\left( \\frac{\\frac{a}{b}}{\\frac{c}{d}} \\right)");
        const MathFormula taller = display(
            "\\left( \\begin{matrix} 1 \\\\ 2 \\\\ 3 \\\\ 4 \\\\ 5 \\\\ 6 \\end{matrix} \\right)");
        QVERIFY(tall.box().height() > 2 * small.box().height());
        QVERIFY(taller.box().height() > tall.box().height());
        // The delimiters cover the content: TeX's rule, at least 90% of twice the larger
        // distance from the axis.
        const MathFormula inner = display("\\frac{\\frac{a}{b}}{\\frac{c}{d}}");
        const double delta = std::max(inner.box().ascent - axis(), inner.box().descent + axis());
        QVERIFY(tall.box().height() >= 2 * delta * 0.9);
        // … and stay centred on the axis.
        QVERIFY(qAbs((tall.box().ascent - tall.box().descent) / 2 - axis()) < 0.05);
    }

    void bigSizesIncrease() {
        double last = 0;
        for (const char* tex : {"(", "\\big(", "\\Big(", "\\bigg(", "\\Bigg("}) {
            const MathFormula f = inlineMath(QString::fromLatin1(tex));
            QVERIFY2(f.box().height() > last, tex);
            last = f.box().height();
        }
    }

    void displayLimitsStackTextLimitsBeside() {
        const MathFormula d = display("\\sum_{i=1}^{n} x_i");
        const MathFormula t = inlineMath("\\sum_{i=1}^{n} x_i");
        const auto dg = itemsOf(d, MathItem::Kind::Glyph);
        const auto tg = itemsOf(t, MathItem::Kind::Glyph);
        // Display: Σ then its limits; the limits are centred over and under it.
        const GlyphMetrics sigma = MathFont::forThread().metrics(dg[0].glyph);
        const double sigmaCentre = dg[0].x + sigma.advance / 2;
        const MathItem& n = dg[1];  // the upper limit comes first
        QVERIFY(n.y < -(sigma.ascent + dg[0].y * -1) + 0.01 || n.y < -1.0);
        QVERIFY(dg[2].y > 0.5);  // i below the baseline, under Σ
        QVERIFY(qAbs(n.x - sigmaCentre) < 0.4);
        // Text: the limits go to the right of the operator.
        const GlyphMetrics small = MathFont::forThread().metrics(tg[0].glyph);
        QVERIFY(tg[1].x >= tg[0].x + small.advance - 0.01);
        QVERIFY(tg[2].x >= tg[0].x + small.advance - 0.2);
        // The display operator is the larger variant.
        QVERIFY(sigma.ascent + sigma.descent > small.ascent + small.descent);
        // \limits and \nolimits override.
        QVERIFY(inlineMath("\\sum\\limits_{i}^{n}").box().height() >
                inlineMath("\\sum_{i}^{n}").box().height());
        QVERIFY(display("\\int_0^1").box().width > 0);
    }

    void matrixColumnsAlign() {
        const MathFormula f = display("\\begin{bmatrix} 1 & 222 \\\\ 33333 & 4 \\end{bmatrix}");
        QVERIFY(f.ok());
        // The glyphs of the digits: 1 | 2 2 2 | 3 3 3 3 3 | 4 (delimiters are the first and
        // last glyphs).
        auto glyphs = itemsOf(f, MathItem::Kind::Glyph);
        QCOMPARE(int(glyphs.size()), 1 + 1 + 3 + 5 + 1 + 1);
        const MathItem one = glyphs[1];
        const MathItem twoFirst = glyphs[2], twoLast = glyphs[4];
        const MathItem threeFirst = glyphs[5], threeLast = glyphs[9];
        const MathItem four = glyphs[10];
        const double digit = MathFont::forThread().metrics(one.glyph).advance;
        // Centred columns: the centres of 1 and 33333 agree, and of 222 and 4.
        QVERIFY(qAbs((one.x + digit / 2) - (threeFirst.x + threeLast.x + digit) / 2) < 1e-9);
        QVERIFY(qAbs((twoFirst.x + twoLast.x + digit) / 2 - (four.x + digit / 2)) < 1e-9);
        // Rows share baselines.
        QCOMPARE(one.y, twoFirst.y);
        QCOMPARE(threeFirst.y, four.y);
        QVERIFY(threeFirst.y > one.y);
    }

    void alignColumnsMeetAtTheRelation() {
        const MathFormula f =
            display("\\begin{aligned} a &= b + c \\\\ dd + e &= f \\end{aligned}");
        QVERIFY(f.ok());
        // Each row's "=" starts at the same x.
        std::vector<double> equals;
        const FontGlyph eq = MathFont::forThread().glyph('=');
        for (const MathItem& i : itemsOf(f, MathItem::Kind::Glyph))
            if (i.glyph.index == eq.index && i.glyph.font == eq.font)
                equals.push_back(i.x);
        QCOMPARE(int(equals.size()), 2);
        QCOMPARE(equals[0], equals[1]);
    }

    void texSpacing() {
        // a+b: medium spaces around the binary +; a=b: thick spaces around the relation;
        // -b: a leading minus is unary (no space).
        const double a = inlineMath("a").box().width;
        const double b = inlineMath("b").box().width;
        const double plus = inlineMath("+").box().width;
        const double equals = inlineMath("=").box().width;
        QVERIFY(qAbs(inlineMath("a+b").box().width - (a + plus + b + 2 * 4.0 / 18)) < 1e-9);
        QVERIFY(qAbs(inlineMath("a=b").box().width - (a + equals + b + 2 * 5.0 / 18)) < 1e-9);
        QVERIFY(qAbs(inlineMath("+b").box().width - (plus + b)) < 1e-9);
        // In scripts, no medium or thick spaces.
        const MathFormula script = inlineMath("x^{a+b}");
        QVERIFY(script.box().width < inlineMath("x^{a}").box().width + 0.7 * (plus + b) + 0.01);
        // Explicit spaces: \quad is one em, \, three eighteenths.
        QVERIFY(qAbs(inlineMath("a\\quad b").box().width - (a + 1 + b)) < 1e-9);
        QVERIFY(qAbs(inlineMath("a\\,b").box().width - (a + 3.0 / 18 + b)) < 1e-9);
    }

    void sqrtCoversItsBody() {
        const MathFormula f = display("\\sqrt{x^2 + y^2}");
        const auto rules = itemsOf(f, MathItem::Kind::Rule);
        QCOMPARE(int(rules.size()), 1);
        QVERIFY(-rules[0].rect.bottom() > inlineMath("x^2 + y^2").box().ascent);
        // The degree is scriptscript size, raised, left of the body.
        const auto glyphs = itemsOf(display("\\sqrt[3]{x}"), MathItem::Kind::Glyph);
        QCOMPARE(glyphs[0].size, 0.5);
        QVERIFY(glyphs[0].y < -0.3);
        QVERIFY(glyphs[0].x < glyphs[2].x);
    }

    void parseErrorsSayWhereAndShowTheSource_data() {
        QTest::addColumn<QString>("tex");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("position");
        QTest::newRow("unknown command") << "a + \\foo b"
                                         << "unknown command \\foo" << 4;
        QTest::newRow("missing brace") << "\\frac{a}{b"
                                       << "missing }" << 10;
        QTest::newRow("extra brace") << "a}"
                                     << "unexpected }" << 1;
        QTest::newRow("double superscript") << "x^2^3"
                                            << "double superscript: use braces, as in {x^a}^b" << 3;
        QTest::newRow("left without right") << "\\left( x"
                                            << "\\left without \\right" << 8;
        QTest::newRow("right without left") << "x \\right)"
                                            << "\\right without \\left" << 2;
        QTest::newRow("bad delimiter") << "\\left x \\right)"
                                       << "x cannot be used as a delimiter after \\left" << 6;
        QTest::newRow("environment mismatch") << "\\begin{pmatrix} 1 \\end{bmatrix}"
                                              << "\\begin{pmatrix} ended by \\end{bmatrix}" << 22;
        QTest::newRow("unknown environment") << "\\begin{foo} x \\end{foo}"
                                             << "unknown environment 'foo'" << 0;
        QTest::newRow("ampersand outside") << "a & b"
                                           << "& outside an environment" << 2;
        QTest::newRow("missing argument") << "\\frac{a}"
                                          << "\\frac is missing an argument" << 8;
        QTest::newRow("bad colour") << "\\color{nocolour}{x}"
                                    << "unknown colour 'nocolour'" << 6;
    }
    void parseErrorsSayWhereAndShowTheSource() {
        QFETCH(QString, tex);
        QFETCH(QString, error);
        QFETCH(int, position);
        const MathFormula f = inlineMath(tex);
        QVERIFY(!f.ok());
        QCOMPARE(f.error(), error);
        QCOMPARE(f.errorPosition(), position);
        // The source is kept, in red, followed by the problem.
        const auto glyphs = itemsOf(f, MathItem::Kind::Glyph);
        QVERIFY(int(glyphs.size()) > tex.count(QLatin1Char(' ')) ? true : false);
        QVERIFY(int(glyphs.size()) >= tex.size() - tex.count(QLatin1Char(' ')));
        for (const MathItem& g : glyphs)
            QCOMPARE(g.color, QColor(0xC6, 0x28, 0x28));
    }

    void hostileInputNeverCrashes() {
        const QStringList inputs{
            "",     "{",      "}}}",     "\\",           "^",       "_^",
            "x^",   "\\frac", "\\sqrt[", "\\left.",      "\\begin", "\\begin{",
            "\\\\", "&&&",    "''''",    "\\color{red}", "\\text{", "\\left(\\middle|",
            "$",    "%"};
        for (const QString& tex : inputs) {
            const MathFormula f = inlineMath(tex);
            QVERIFY(f.width() >= 0);
        }
        QString deep;
        for (int i = 0; i < 200; ++i)
            deep += "{x^";
        QVERIFY(!inlineMath(deep).ok());
        QCOMPARE(inlineMath(QString(100000, QLatin1Char('{'))).error(),
                 QString("the formula is nested too deeply"));
    }

    void labelsAndTags() {
        const MathFormula f = display("E = mc^2 \\label{eq:einstein}");
        QCOMPARE(f.labels(), QStringList{"eq:einstein"});
        QVERIFY(!f.hasTag());
        const MathFormula t = display("a = b \\tag{3a}");
        QVERIFY(t.hasTag());
        QCOMPARE(t.tag(), QString("(3a)"));
        const MathFormula r = MathFormula::layoutPixels(
            "\\eqref{eq:x} \\ne \\eqref{eq:y}", MathFormula::Style::Text, 10,
            [](const QString& label) { return label == "eq:x" ? QString("4") : QString(); });
        QVERIFY(r.ok());
        QVERIFY(r.width() > 0);
    }

    void colourAppliesToItsArgumentOnly() {
        const MathFormula f = inlineMath("\\color{red}{x} + y");
        const auto glyphs = itemsOf(f, MathItem::Kind::Glyph);
        QCOMPARE(glyphs[0].color, QColor(Qt::red));
        QVERIFY(!glyphs[2].color.isValid());
        const MathFormula g = inlineMath("a + {\\color{blue} b + c} + d");
        const auto gg = itemsOf(g, MathItem::Kind::Glyph);
        QVERIFY(!gg[0].color.isValid());
        QCOMPARE(gg[2].color, QColor(Qt::blue));
        QCOMPARE(gg[4].color, QColor(Qt::blue));
        QVERIFY(!gg[6].color.isValid());
    }

    void sizesFollowTheDevice() {
        QImage screen(10, 10, QImage::Format_ARGB32);
        screen.setDotsPerMeterY(int(96 / 0.0254 + 0.5));
        QImage print(10, 10, QImage::Format_ARGB32);
        print.setDotsPerMeterY(int(300 / 0.0254 + 0.5));
        const MathFormula a = MathFormula::layout("x^2", MathFormula::Style::Text, 12, &screen);
        const MathFormula b = MathFormula::layout("x^2", MathFormula::Style::Text, 12, &print);
        QVERIFY(qAbs(b.width() / a.width() - 300.0 / 96) < 0.01);
    }

    void paintsAndOutlines() {
        const MathFormula f = display("\\frac{a}{b} + \\sqrt{x}");
        QImage image(int(f.width()) + 4, int(f.height()) + 4, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter p(&image);
        f.paint(&p, QPointF(2, 2 + f.ascent()), Qt::black);
        p.end();
        int dark = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        QVERIFY(dark > 100);
        const QRectF bounds = f.toPath(QPointF(0, 0)).boundingRect();
        QVERIFY(bounds.width() > 0.9 * f.width() && bounds.width() <= f.width() + 1);
        QVERIFY(bounds.top() >= -f.ascent() - 1 && bounds.bottom() <= f.descent() + 1);
    }

    // At text sizes on screen a root's bar and a fraction's are thinner than a pixel; painted
    // without antialiasing at any fraction of a pixel down the page, they still show.
    void thinRulesShowOnScreen_data() {
        QTest::addColumn<QString>("tex");
        QTest::newRow("root") << "\\sqrt{d_k}";
        QTest::newRow("fraction") << "\\frac{a}{b}";
    }
    void thinRulesShowOnScreen() {
        QFETCH(QString, tex);
        const MathFormula f = MathFormula::layoutPixels(tex, MathFormula::Style::Text, 13);
        const auto rules = itemsOf(f, MathItem::Kind::Rule);
        QCOMPARE(rules.size(), std::size_t(1));
        QVERIFY(rules[0].rect.height() * 13 < 1);
        for (double offset = 0; offset < 1; offset += 0.125) {
            QImage image(int(f.width()) + 4, int(f.height()) + 6, QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            const QPointF baseline(2, 3 + f.ascent() + offset);
            f.paint(&painter, baseline, Qt::black);
            painter.end();
            // A row of dark pixels across the middle of the rule.
            const QRectF r(baseline + rules[0].rect.topLeft() * 13, rules[0].rect.size() * 13);
            bool found = false;
            for (int y = int(r.top()) - 1; y <= int(r.bottom()) + 1 && !found; ++y) {
                int dark = 0;
                for (int x = int(r.left()) + 1; x < int(r.right()) - 1; ++x)
                    dark += qGray(image.pixel(x, y)) < 128;
                found = dark >= int(r.width()) - 3;
            }
            QVERIFY2(found, qPrintable(QString("offset %1").arg(offset)));
        }
    }
};

QTEST_MAIN(tst_MathLayout)
#include "tst_MathLayout.moc"
