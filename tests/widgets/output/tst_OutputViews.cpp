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
#include "widgets/output/ControlView.h"
#include "widgets/output/ErrorOutputView.h"
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
        QCOMPARE(widgets::outputKindOf(display("x", arma::mat{{1, 2, 3}})), OutputKind::Text);
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
        QCOMPARE(views.size(), std::size_t(4));
        QVERIFY(qobject_cast<widgets::TextOutputView*>(views[0]));
        QVERIFY(qobject_cast<widgets::TableOutputView*>(views[1]));
        QVERIFY(qobject_cast<widgets::ControlView*>(views[2]));
        QVERIFY(qobject_cast<widgets::ErrorOutputView*>(views[3]));
        QCOMPARE(qobject_cast<widgets::TextOutputView*>(views[0])->toPlainText(),
                 QString("one\na =\n\n   1   2   3"));

        // The same kinds again: the same widgets, new contents.
        area.setOutputs({output::Text{"two\n"}, display("M", arma::mat{{5, 6}, {7, 8}}), control(),
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

    void bigTablesScrollInsteadOfGrowing() {
        widgets::TableOutputView small;
        small.setOutputs({display("S", arma::mat(3, 2, arma::fill::ones))});
        widgets::TableOutputView big;
        big.setOutputs({display("B", arma::mat(200, 2, arma::fill::ones))});
        QVERIFY(big.table()->height() > small.table()->height());
        QVERIFY(big.table()->height() < (widgets::TableOutputView::kMaxVisibleRows + 3) *
                                            big.table()->verticalHeader()->defaultSectionSize());
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
