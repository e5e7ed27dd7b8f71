// A notebook view on its own (session bridge, model, controller, completer, view), shown and
// focused, for the widget tests of tests/widgets/notebook.
#pragma once

#include <QApplication>
#include <QTest>
#include <string>

#include "support/GuiTest.h"
#include "widgets/notebook/CellView.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/notebook/Theme.h"
#include "widgets/output/OutputArea.h"

namespace lemma::test {

struct NotebookFixture {
    widgets::SessionBridge bridge;
    widgets::NotebookModel model{&bridge};
    widgets::NotebookController controller{&model};
    widgets::CodeCompleter completer;
    widgets::NotebookView view{&controller, &completer};

    explicit NotebookFixture(const std::string& text) {
        completer.setBuiltins(bridge.registry());
        view.setColors(widgets::themeColors(QApplication::palette()));
        loadText(&model, text);
        view.resize(900, 700);
        // Focus on the view before it shows, as the main window does: command mode on the
        // first cell, not an editor picked by the window's first activation.
        view.setFocus(Qt::OtherFocusReason);
        view.show();
        view.activateWindow();
        if (!QTest::qWaitForWindowActive(&view))
            qWarning("the notebook view did not become active");
        view.setFocus(Qt::OtherFocusReason);
    }
    ~NotebookFixture() { model.cancel(); }

    int key(int index) const { return model.keyAt(index); }
    widgets::CellView* cell(int index) const { return view.cellViewAt(index); }
    widgets::CodeEditor* editor(int index) const { return cell(index)->editor(); }
    QString text(int index) const { return model.text(model.keyAt(index)); }
    QStringList texts() const {
        QStringList out;
        for (int i = 0; i < model.count(); ++i)
            out << text(i);
        return out;
    }
    // The view of the given type among a cell's outputs, or nullptr.
    template <typename View>
    View* output(int index) const {
        for (QWidget* w : cell(index)->outputArea()->views()) {
            if (auto* v = qobject_cast<View*>(w))
                return v;
        }
        return nullptr;
    }
    // Keys to the view (command mode) or to the focused editor (edit mode).
    void press(Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &view;
        QTest::keyClick(target, k, mods);
    }
    void type(const QString& text) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &view;
        QTest::keyClicks(target, text);
    }
};

}  // namespace lemma::test
