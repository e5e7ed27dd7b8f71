// The main window's assembly.
#include "app/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStatusBar>

#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_bridge(new widgets::SessionBridge(this)),
      m_model(new widgets::NotebookModel(m_bridge, this)),
      m_controller(new widgets::NotebookController(m_model, this)),
      m_view(new widgets::NotebookView(m_controller, new widgets::CodeCompleter(this), this)) {
    setCentralWidget(m_view);
    resize(960, 1000);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("Run &All"), QKeySequence(tr("Ctrl+Shift+Return")), this,
                   [this] { m_model->runAll(); });
    run->addAction(tr("&Stop"), QKeySequence(tr("Ctrl+.")), this, [this] { m_model->cancel(); });

    connect(m_bridge, &widgets::SessionBridge::becameIdle, this,
            [this] { statusBar()->showMessage(tr("Ready")); });
}

void MainWindow::open(LoadedNotebook loaded) {
    setWindowTitle(QString::fromStdString(loaded.displayName) + QStringLiteral(" — Lemma"));
    m_model->load(std::move(loaded.parsed.notebook), loaded.dataDir);
    statusBar()->showMessage(tr("Running…"));
    m_model->runAll();
}

}  // namespace lemma::app
