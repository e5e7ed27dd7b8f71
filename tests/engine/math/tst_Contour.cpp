// Marching squares: iso-lines of known functions lie on the known curves, close when they
// should, end at the data's edges and holes, and are joined into whole polylines.
#include <QtTest>

#include <cmath>
#include <stdexcept>

#include "engine/math/Contour.h"

using namespace lemma;

namespace {

double polygonArea(const math::IsoLine& line) {
    double twice = 0.0;
    const std::size_t n = line.x.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t next = (k + 1) % n;
        twice += line.x[k] * line.y[next] - line.x[next] * line.y[k];
    }
    return std::abs(twice) / 2.0;
}

arma::mat sampled(double (*f)(double, double), const arma::vec& x, const arma::vec& y) {
    return math::sampleGrid(f, x, y);
}

}  // namespace

class TestContour : public QObject {
    Q_OBJECT

private slots:
    void circlesOfAQuadratic_data() {
        QTest::addColumn<double>("level");
        QTest::addColumn<int>("points");
        QTest::newRow("c=0.25, coarse") << 0.25 << 41;
        QTest::newRow("c=1") << 1.0 << 81;
        QTest::newRow("c=2.25") << 2.25 << 81;
        QTest::newRow("c=3.5, fine") << 3.5 << 201;
    }

    // x² + y² = c is the circle of radius √c: one closed line, every vertex on the circle to
    // within the interpolation error h²/(8r), enclosing the area πc.
    void circlesOfAQuadratic() {
        QFETCH(double, level);
        QFETCH(int, points);
        const arma::vec x = arma::linspace(-2.0, 2.0, points);
        const arma::vec y = arma::linspace(-2.0, 2.0, points);
        const arma::mat z = sampled([](double a, double b) { return a * a + b * b; }, x, y);
        const auto lines = math::contourLines(x, y, z, {level});
        QCOMPARE(lines.size(), std::size_t{1});
        const math::IsoLine& line = lines.front();
        QVERIFY(line.closed);
        QCOMPARE(line.level, level);
        const double r = std::sqrt(level);
        const double h = 4.0 / (points - 1);
        const double tolerance = h * h / (8.0 * r) * 1.05 + 1e-12;
        QVERIFY(line.x.size() > 8);
        for (std::size_t k = 0; k < line.x.size(); ++k) {
            const double dr = std::hypot(line.x[k], line.y[k]) - r;
            if (std::abs(dr) > tolerance)
                QFAIL(qPrintable(QString("vertex %1 at (%2, %3): |r - √c| = %4 > %5")
                                     .arg(k)
                                     .arg(line.x[k])
                                     .arg(line.y[k])
                                     .arg(std::abs(dr))
                                     .arg(tolerance)));
        }
        // The polygon is inscribed and its vertices lie slightly inside: a few percent at most.
        QVERIFY(std::abs(polygonArea(line) - M_PI * level) < 0.03 * M_PI * level);
    }

    // Linear interpolation is exact for a linear function: every vertex satisfies the level.
    void linearFunctionIsExact() {
        const arma::vec x = arma::linspace(0.0, 3.0, 13);
        const arma::vec y = {0.0, 0.1, 0.5, 0.7, 1.5, 2.0};  // uneven spacing
        const arma::mat z = sampled([](double a, double b) { return a + 2.0 * b; }, x, y);
        const auto lines = math::contourLines(x, y, z, {1.0, 2.5, 4.0});
        QCOMPARE(lines.size(), std::size_t{3});
        for (const auto& line : lines) {
            QVERIFY(!line.closed);
            for (std::size_t k = 0; k < line.x.size(); ++k)
                QVERIFY(std::abs(line.x[k] + 2.0 * line.y[k] - line.level) < 1e-12);
        }
    }

    // z = x·y at 0.5 is a hyperbola with a branch in each of the first and third quadrants; the
    // branches end on the boundary of the grid.
    void hyperbolaBranchesAreOpen() {
        const arma::vec g = arma::linspace(-2.0, 2.0, 61);
        const arma::mat z = sampled([](double a, double b) { return a * b; }, g, g);
        const auto lines = math::contourLines(g, g, z, {0.5});
        QCOMPARE(lines.size(), std::size_t{2});
        for (const auto& line : lines) {
            QVERIFY(!line.closed);
            const bool firstQuadrant = line.x.front() > 0;
            for (std::size_t k = 0; k < line.x.size(); ++k) {
                QCOMPARE(line.x[k] > 0, firstQuadrant);
                QVERIFY(std::abs(line.x[k] * line.y[k] - 0.5) < 0.02);
            }
            auto onEdge = [](double px, double py) {
                return std::abs(std::abs(px) - 2.0) < 1e-12 || std::abs(std::abs(py) - 2.0) < 1e-12;
            };
            QVERIFY(onEdge(line.x.front(), line.y.front()));
            QVERIFY(onEdge(line.x.back(), line.y.back()));
        }
    }

    // A NaN hole cuts the circle: the line becomes open and avoids the hole's cells.
    void nanHoleOpensTheLine() {
        const arma::vec g = arma::linspace(-2.0, 2.0, 41);
        arma::mat z = sampled([](double a, double b) { return a * a + b * b; }, g, g);
        z(20, 30) = arma::datum::nan;  // at (x, y) = (1, 0), on the circle r = 1
        const auto lines = math::contourLines(g, g, z, {1.0});
        QCOMPARE(lines.size(), std::size_t{1});
        QVERIFY(!lines.front().closed);
        for (std::size_t k = 0; k < lines.front().x.size(); ++k) {
            const bool inHole = std::abs(lines.front().x[k] - 1.0) < 0.1 - 1e-9 &&
                                std::abs(lines.front().y[k]) < 0.1 - 1e-9;
            QVERIFY(!inHole);
        }
    }

    // Two separate bumps give two closed lines at a level between their peaks and the floor.
    void separateComponents() {
        const arma::vec g = arma::linspace(-3.0, 3.0, 121);
        const arma::mat z = sampled(
            [](double a, double b) {
                return std::exp(-((a - 1.5) * (a - 1.5) + b * b)) +
                       std::exp(-((a + 1.5) * (a + 1.5) + b * b));
            },
            g, g);
        const auto lines = math::contourLines(g, g, z, {0.5});
        QCOMPARE(lines.size(), std::size_t{2});
        QVERIFY(lines[0].closed && lines[1].closed);
    }

    void levelsAreStrictlyInside() {
        const arma::mat z = {{0.0, 1.0}, {2.0, 3.0}};
        const std::vector<double> levels = math::contourLevels(z, 5);
        QCOMPARE(levels.size(), std::size_t{5});
        for (int k = 0; k < 5; ++k)
            QCOMPARE(levels[k], 0.5 * (k + 1));
        QVERIFY(math::contourLevels(arma::mat(3, 3, arma::fill::ones), 5).empty());
        const arma::mat withNan = {{0.0, arma::datum::nan}, {arma::datum::inf, 4.0}};
        QCOMPARE(math::contourLevels(withNan, 1), std::vector<double>{2.0});
    }

    // z(i, j) = f(x(j), y(i)): rows follow y.
    void sampleGridOrientation() {
        const arma::vec x = {1.0, 2.0, 3.0};
        const arma::vec y = {10.0, 20.0};
        const arma::mat z = sampled([](double a, double b) { return a + b; }, x, y);
        QCOMPARE(z.n_rows, arma::uword{2});
        QCOMPARE(z.n_cols, arma::uword{3});
        QCOMPARE(z(1, 2), 23.0);
        QCOMPARE(z(0, 1), 12.0);
    }

    void rejectsBadGrids() {
        const arma::vec x = {0.0, 1.0};
        const arma::vec y = {0.0, 1.0, 2.0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 math::contourLines(x, y, arma::mat(2, 2), {0.5}));
        const arma::vec down = {1.0, 0.0};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 math::contourLines(down, x, arma::mat(2, 2), {0.5}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            math::contourLines(arma::vec{0.0}, arma::vec{0.0}, arma::mat(1, 1), {0.5}));
    }
};

QTEST_APPLESS_MAIN(TestContour)
#include "tst_Contour.moc"
