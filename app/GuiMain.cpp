// The notebook window's entry point: the application object, the window, the first notebook.
#include "app/GuiMain.h"

#include <QApplication>
#include <QMessageBox>

#include "app/MainWindow.h"
#include "app/NotebookLoader.h"
#include "engine/lang/Error.h"

namespace lemma::app {

int guiMain(int& argc, char** argv, const CommandLine& cl) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lemma"));
    QApplication::setOrganizationName(QStringLiteral("Lemma"));
    QApplication::setApplicationVersion(QStringLiteral(LEMMA_VERSION));

    MainWindow window;
    try {
        window.open(loadNotebook(cl.file));
    } catch (const Error& e) {
        QMessageBox::critical(nullptr, QStringLiteral("Lemma"), QString::fromStdString(e.what()));
        window.open(loadNotebook({}));
    }
    window.show();
    return QApplication::exec();
}

}  // namespace lemma::app
