// The notebook window's entry point: the application object, then the first windows.
#include "app/GuiMain.h"

#include <QApplication>
#include <QIcon>
#include <QKeyEvent>
#include <QTimer>

#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "app/Startup.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/NotebookView.h"

namespace lemma::app {

namespace {

// A hook for tst_Recovery, which drives a real `lemma` process it then kills: types `text`
// at the end of the last code cell with key events, as a person would.
void typeIntoLastCodeCell(MainWindow* window, const QString& text) {
    widgets::NotebookModel* model = window->model();
    for (int i = model->count() - 1; i >= 0; --i) {
        const int key = model->keyAt(i);
        if (!model->isCode(key))
            continue;
        widgets::NotebookView* view = window->view();
        view->selectCell(key);
        view->enterEditMode();
        widgets::CodeEditor* editor = view->cellView(key)->editor();
        editor->moveCursor(QTextCursor::End);
        for (const QChar c : text) {
            QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
            QApplication::sendEvent(editor, &press);
        }
        return;
    }
}

}  // namespace

int guiMain(int& argc, char** argv, const CommandLine& cl) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lemma"));
    QApplication::setOrganizationName(QStringLiteral("Lemma"));
    QApplication::setApplicationVersion(QStringLiteral(LEMMA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("lemma"));
    initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/lemma.svg")));

    const std::vector<MainWindow*> windows =
        openStartupWindows(QString::fromStdString(cl.file), StartupDialogs::standard());
    for (MainWindow* w : windows)
        w->show();

    const QString typed = qEnvironmentVariable("LEMMA_TEST_TYPE");
    if (!typed.isEmpty()) {
        MainWindow* first = windows.front();
        QTimer::singleShot(0, first, [first, typed] { typeIntoLastCodeCell(first, typed); });
    }
    return QApplication::exec();
}

}  // namespace lemma::app
