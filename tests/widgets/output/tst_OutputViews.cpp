// The output views: one view class per output kind, chosen by kind; runs of text share a view;
// a new run of the same kinds updates the views in place; tables sort by column (numerically,
// row numbers staying with their rows) and copy as tab-separated text; errors say where.
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <armadillo>

#include "engine/output/Control.h"
#include "engine/output/Display.h"
#include "engine/output/OutputText.h"
#include "widgets/output/ControlView.h"
#include "widgets/output/ErrorOutputView.h"
#include "widgets/output/MatrixModel.h"
#include "widgets/output/OutputArea.h"
#include "widgets/output/OutputViewFactory.h"
#include "widgets/output/TableOutputView.h"
#include "widgets/output/TextOutputView.h"

using namespace lemma;
using widgets::OutputKind;

namespace {

output::Output display(const std::string& name, arma::mat m) {
    return output::Display{name, lang::Value(std::move(m))};
}

output::Output control() {
    return output::Rich{
        std::make_shared<const output::Control>(output::Control::toggle(true, "on"))};
}

QStringList column(const QAbstractItemModel* m, int c) {
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, c).data().toString();
    return out;
}

QStringList rowHeaders(const QAbstractItemModel* m) {
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->headerData(r, Qt::Vertical).toString();
    return out;
}

}  // namespace

class tst_OutputViews : public QObject {
    Q_OBJECT

private slots:
    void eachKindHasItsView() {
        QCOMPARE(widgets::outputKindOf(output::Text{"hi\n"}), OutputKind::Text);
        // A vector is shown as a matrix is: 1×3, 3×1 and 3×3 are all tables.
        QCOMPARE(widgets::outputKindOf(display("x", arma::mat{{1, 2, 3}})), OutputKind::Table);
        QCOMPARE(widgets::outputKindOf(display("c", arma::mat(arma::colvec{1.0, 2.0, 3.0}))),
                 OutputKind::Table);
        QCOMPARE(widgets::outputKindOf(display("s", arma::mat(1, 1, arma::fill::ones))),
                 OutputKind::Text);
        QCOMPARE(widgets::outputKindOf(display("A", arma::mat{{1, 2}, {3, 4}})), OutputKind::Table);
        QCOMPARE(widgets::outputKindOf(output::Error{"bad", {}}), OutputKind::Error);
        QCOMPARE(widgets::outputKindOf(control()), OutputKind::Control);
        QVERIFY(widgets::groupsOutputs(OutputKind::Text));
        QVERIFY(!widgets::groupsOutputs(OutputKind::Table));

        QWidget parent;
        const std::pair<OutputKind, const char*> views[] = {
            {OutputKind::Text, "lemma::widgets::TextOutputView"},
            {OutputKind::Table, "lemma::widgets::TableOutputView"},
            {OutputKind::Error, "lemma::widgets::ErrorOutputView"},
            {OutputKind::Control, "lemma::widgets::ControlView"},
        };
        for (const auto& [kind, name] : views) {
            widgets::OutputPart* part = widgets::createOutputView(kind, &parent);
            QCOMPARE(part->widget()->metaObject()->className(), name);
            QCOMPARE(part->widget()->parentWidget(), &parent);
        }
    }

    void anAreaSplitsOutputsIntoViewsAndUpdatesThemInPlace() {
        widgets::OutputArea area;
        area.setOutputs({output::Text{"one\n"}, display("a", arma::mat{{1, 2, 3}}),
                         display("M", arma::mat{{1, 2}, {3, 4}}), control(),
                         output::Error{"division by zero", {2, 5}}});
        const std::vector<QWidget*> views = area.views();
        QCOMPARE(views.size(), std::size_t(5));
        QVERIFY(qobject_cast<widgets::TextOutputView*>(views[0]));
        QVERIFY(qobject_cast<widgets::TableOutputView*>(views[1]));
        QVERIFY(qobject_cast<widgets::TableOutputView*>(views[2]));
        QVERIFY(qobject_cast<widgets::ControlView*>(views[3]));
        QVERIFY(qobject_cast<widgets::ErrorOutputView*>(views[4]));
        QCOMPARE(qobject_cast<widgets::TextOutputView*>(views[0])->toPlainText(), QString("one"));

        // The same kinds again: the same widgets, new contents.
        area.setOutputs({output::Text{"two\n"}, display("a", arma::mat{{4, 5}}),
                         display("M", arma::mat{{5, 6}, {7, 8}}), control(),
                         output::Error{"still bad", {1, 1}}});
        QCOMPARE(area.views(), views);
        QCOMPARE(qobject_cast<widgets::TextOutputView*>(views[0])->toPlainText(), QString("two"));
        // Different kinds: rebuilt.
        area.setOutputs({output::Text{"only text\n"}});
        QCOMPARE(area.views().size(), std::size_t(1));
        area.setOutputs({});
        QVERIFY(area.isEmpty());
        QVERIFY(area.isHidden());
    }

    void tablesSortNumericallyAndKeepRowNumbers() {
        widgets::TableOutputView view;
        QVERIFY(view.setOutputs({display("M", arma::mat{{100, 1}, {9, 2}, {10, 3}})}));
        QCOMPARE(view.findChild<QLabel*>()->text(), QString("M = 3×2 double"));
        const QAbstractItemModel* m = view.table()->model();
        QCOMPARE(column(m, 0), (QStringList{"100", "9", "10"}));  // the matrix's own order
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // Click the first column's header: ascending by value, not by text.
        QHeaderView* header = view.table()->horizontalHeader();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(0) + 5, header->height() / 2));
        QCOMPARE(column(m, 0), (QStringList{"9", "10", "100"}));
        QCOMPARE(rowHeaders(m), (QStringList{"2", "3", "1"}));
        QCOMPARE(column(m, 1), (QStringList{"2", "3", "1"}));
        // Again: descending.
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(0) + 5, header->height() / 2));
        QCOMPARE(column(m, 0), (QStringList{"100", "10", "9"}));
        // A new run keeps the sort.
        QVERIFY(view.setOutputs({display("M", arma::mat{{1, 0}, {3, 0}, {2, 0}})}));
        QCOMPARE(column(m, 0), (QStringList{"3", "2", "1"}));
        // Back to the original order.
        view.table()->sortByColumn(-1, Qt::AscendingOrder);
        QCOMPARE(column(m, 0), (QStringList{"1", "3", "2"}));
    }

    // NaN and ±Inf show as such and never crash a table, its sort or its painting.
    void tablesTakeNanAndInf() {
        const double nan = arma::datum::nan;
        const double inf = arma::datum::inf;
        arma::mat m(300, 2);
        for (arma::uword i = 0; i < m.n_rows; ++i) {
            m(i, 0) = i % 4 == 0 ? nan : i % 4 == 1 ? inf : i % 4 == 2 ? -inf : double(i);
            m(i, 1) = double(i);
        }
        widgets::TableOutputView view;
        QVERIFY(view.setOutputs({display("M", m)}));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QAbstractItemModel* model = view.table()->model();
        const QStringList before = column(model, 0);
        QVERIFY(before.contains("NaN"));
        QVERIFY(before.contains("Inf"));
        QVERIFY(before.contains("-Inf"));
        view.table()->sortByColumn(0, Qt::AscendingOrder);
        view.table()->sortByColumn(0, Qt::DescendingOrder);
        QCOMPARE(model->rowCount(), 300);
        QStringList after = column(model, 0);
        QStringList sortedBefore = before;
        sortedBefore.sort();
        after.sort();
        QCOMPARE(after, sortedBefore);  // a permutation: nothing lost or duplicated
        QVERIFY(!view.grab().isNull());
    }

    void tablesCopyAsTabSeparatedText() {
        widgets::TableOutputView view;
        QVERIFY(view.setOutputs({display("M", arma::mat{{1, 2, 3}, {4, 5.5, 6}, {7, 8, -9}})}));
        widgets::MatrixTableView* table = view.table();
        table->selectionModel()->select(
            QItemSelection(table->model()->index(1, 1), table->model()->index(2, 2)),
            QItemSelectionModel::Select);
        QCOMPARE(table->selectionText(), QString("5.5\t6\n8\t-9\n"));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QString("5.5\t6\n8\t-9\n"));
        QCOMPARE(table->selectionText(true), QString("1\t2\t3\n4\t5.5\t6\n7\t8\t-9\n"));
        // Sorted, the copy follows what is shown.
        table->sortByColumn(2, Qt::AscendingOrder);
        QCOMPARE(table->selectionText(true), QString("7\t8\t-9\n1\t2\t3\n4\t5.5\t6\n"));
    }

    // One formatter for the text and the tables (format short): aligned decimals, a common
    // scale factor, every digit in the tooltip and the copy.
    void tablesShowWhatTheTextShows() {
        const arma::mat a{{0.3860, 0.2908, 0.3232}, {0.385861, 0.0969998, 1.0}};
        widgets::TableOutputView view;
        QVERIFY(view.setOutputs({display("A", a)}));
        const QAbstractItemModel* m = view.table()->model();
        const QString text = QString::fromStdString(output::formatValue(lang::Value(a)));
        QStringList cells;
        for (int r = 0; r < m->rowCount(); ++r) {
            for (int c = 0; c < m->columnCount(); ++c) {
                cells << m->index(r, c).data().toString();
                QVERIFY2(text.contains(cells.last()), qPrintable(cells.last() + " in\n" + text));
            }
        }
        // Decimals line up: every entry has as many.
        for (const QString& cell : cells)
            QCOMPARE(cell.size() - cell.indexOf('.'), cells[0].size() - cells[0].indexOf('.'));

        // A vector is a table like any matrix, in the same format.
        QVERIFY(view.setOutputs({display("v", arma::mat{{0.5, 1.0 / 3}})}));
        QCOMPARE(column(m, 0), QStringList{"0.5000"});
        QCOMPARE(column(m, 1), QStringList{"0.3333"});
        QCOMPARE(m->index(0, 1).data(Qt::ToolTipRole).toString(), QString("0.33333333333333331"));
        view.table()->selectAll();
        QCOMPARE(view.table()->selectionText(true), QString("0.5\t0.33333333333333331\n"));

        // Uniform small magnitudes: a common scale factor, said beside the name.
        QVERIFY(view.setOutputs({display("P", arma::mat{{0.001, 0.002}, {0.003, 0.0045}})}));
        QCOMPARE(column(m, 0), (QStringList{"1.0000", "3.0000"}));
        QCOMPARE(column(m, 1), (QStringList{"2.0000", "4.5000"}));
        QVERIFY2(view.findChild<QLabel*>()->text().endsWith("1.0e-03 *"),
                 qPrintable(view.findChild<QLabel*>()->text()));
        // Integers without decimals.
        QVERIFY(view.setOutputs({display("I", arma::mat{{1, 20}, {300, -4}})}));
        QCOMPARE(column(m, 1), (QStringList{"20", "-4"}));
    }

    // A value shown in format long is a table in format long too, the same digits as its text.
    void tablesFollowTheCellsFormat() {
        const arma::mat a{{arma::datum::pi, 0.5}, {1.0 / 3, 2.0}};
        output::Display d{"A", lang::Value(a), output::NumberStyle::Long};
        widgets::TableOutputView view;
        QVERIFY(view.setOutputs({d}));
        const QAbstractItemModel* m = view.table()->model();
        QCOMPARE(column(m, 0), (QStringList{"3.141592653589793", "0.333333333333333"}));
        QCOMPARE(column(m, 1), (QStringList{"0.500000000000000", "2.000000000000000"}));
        const QString text = QString::fromStdString(output::outputText(d));
        for (int r = 0; r < 2; ++r) {
            for (int c = 0; c < 2; ++c)
                QVERIFY2(text.contains(m->index(r, c).data().toString()), qPrintable(text));
        }
        // Back to format short: the same view updates in place.
        d.style = output::NumberStyle::Short;
        QVERIFY(view.setOutputs({d}));
        QCOMPARE(column(m, 0), (QStringList{"3.1416", "0.3333"}));
    }

    void bigTablesScrollInsteadOfGrowing() {
        widgets::TableOutputView small;
        small.setOutputs({display("S", arma::mat(3, 2, arma::fill::ones))});
        widgets::TableOutputView big;
        big.setOutputs({display("B", arma::mat(200, 2, arma::fill::ones))});
        QVERIFY(big.table()->height() > small.table()->height());
        QVERIFY(big.table()->height() < (widgets::TableOutputView::kMaxVisibleRows + 3) *
                                            big.table()->verticalHeader()->defaultSectionSize());
    }

    // Past Qt's int row count (a 3e9×0 matrix) and past what a table is for (10^7 rows), the
    // table shows the first rows, says so, and sizes its columns from a sample of rows.
    void hugeTablesShowTheirFirstRows() {
        QCOMPARE(widgets::MatrixModel::kMaxRows, 100'000);
        const QString shown = QStringLiteral("100,000");
        widgets::TableOutputView empty;
        QVERIFY(empty.setOutputs({display("E", arma::mat(3'000'000'000ULL, 0))}));
        QCOMPARE(empty.proxy()->rowCount(), widgets::MatrixModel::kMaxRows);
        QCOMPARE(empty.proxy()->columnCount(), 0);
        QVERIFY2(empty.findChild<QLabel*>()->text().contains("showing the first " + shown +
                                                             " of 3,000,000,000 rows"),
                 qPrintable(empty.findChild<QLabel*>()->text()));

        widgets::TableOutputView tall;
        QVERIFY(tall.setOutputs({display("T", arma::regspace(1, 10'000'000))}));
        QCOMPARE(tall.proxy()->rowCount(), widgets::MatrixModel::kMaxRows);
        QCOMPARE(tall.proxy()->columnCount(), 1);
        QCOMPARE(tall.findChild<QLabel*>()->text(),
                 "T = 10000000×1 double   (showing the first " + shown + " of 10,000,000 rows)");
        const int last = widgets::MatrixModel::kMaxRows - 1;
        QCOMPARE(tall.proxy()->index(last, 0).data().toString(), QString::number(last + 1));
        QCOMPARE(tall.table()->horizontalHeader()->resizeContentsPrecision(),
                 widgets::MatrixTableView::kSampleRows);
        QVERIFY(tall.table()->columnWidth(0) > 0);
        // Sorting works on the rows shown, and the row numbers stay with their rows.
        tall.table()->sortByColumn(0, Qt::DescendingOrder);
        QCOMPARE(tall.proxy()->index(0, 0).data().toString(), QString::number(last + 1));
        QCOMPARE(tall.proxy()->headerData(0, Qt::Vertical).toString(), QString::number(last + 1));

        widgets::TableOutputView wide;
        QVERIFY(wide.setOutputs({display("W", arma::mat(2, 5000, arma::fill::ones))}));
        QCOMPARE(wide.proxy()->columnCount(), widgets::MatrixModel::kMaxColumns);
        QVERIFY(
            wide.findChild<QLabel*>()->text().contains("showing the first 1,000 of 5,000 columns"));

        widgets::TableOutputView small;
        QVERIFY(small.setOutputs({display("S", arma::mat(3, 2, arma::fill::ones))}));
        QVERIFY(!small.findChild<QLabel*>()->text().contains("showing"));
    }

    void errorsSayWhereAndOfferTheJump() {
        widgets::ErrorOutputView view;
        QVERIFY(view.setOutputs({output::Error{"undefined name 'q'", {3, 7}}}));
        QCOMPARE(view.title()->text(), QString("Error on line 3, column 7"));
        QCOMPARE(view.message()->text(), QString("undefined name 'q'"));
        QSignalSpy jump(&view, &widgets::ErrorOutputView::activated);
        Q_EMIT view.link()->linkActivated("#line");
        QCOMPARE(jump.count(), 1);
        QCOMPARE(jump.first()[0].toInt(), 3);
        QCOMPARE(jump.first()[1].toInt(), 7);
        // Without a position there is nowhere to jump; a cancellation is "Stopped".
        QVERIFY(view.setOutputs({output::Error{"out of memory", {}}}));
        QCOMPARE(view.title()->text(), QString("Error"));
        QVERIFY(view.link()->isHidden());
        QVERIFY(view.setOutputs({output::Error{"cancelled", {}}}));
        QCOMPARE(view.title()->text(), QString("Stopped"));
        QVERIFY(!view.setOutputs({output::Text{"not an error"}}));
    }

    void longTextScrollsShortTextFits() {
        widgets::TextOutputView shortText;
        shortText.setOutputs({output::Text{"a\nb\n"}});
        widgets::TextOutputView longText;
        std::string many;
        for (int i = 0; i < 200; ++i)
            many += "line\n";
        longText.setOutputs({output::Text{many}});
        QVERIFY(shortText.height() < longText.height());
        QVERIFY(longText.height() <
                (widgets::TextOutputView::kMaxLines + 3) * longText.fontMetrics().lineSpacing());
        QVERIFY(longText.verticalScrollBar()->maximum() > 0);
    }
};

QTEST_MAIN(tst_OutputViews)
#include "tst_OutputViews.moc"
