// The main window's assembly.
#include "app/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStatusBar>

#include "widgets/notebook/NotebookView.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::app {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_bridge(new widgets::SessionBridge(this)),
      m_view(new widgets::NotebookView(m_bridge, this)) {
    setCentralWidget(m_view);
    resize(960, 1000);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("Run &All"), QKeySequence(tr("Ctrl+Shift+Return")), this,
                   [this] { m_bridge->session().runAll(); });
    run->addAction(tr("&Stop"), QKeySequence(tr("Ctrl+.")), this,
                   [this] { m_bridge->session().cancel(); });

    connect(m_bridge, &widgets::SessionBridge::becameIdle, this,
            [this] { statusBar()->showMessage(tr("Ready")); });
}

void MainWindow::open(LoadedNotebook loaded) {
    setWindowTitle(QString::fromStdString(loaded.displayName) + QStringLiteral(" — Lemma"));
    m_bridge->session().setDataDir(loaded.dataDir);
    m_bridge->session().load(std::move(loaded.parsed.notebook));
    m_view->rebuild();
    statusBar()->showMessage(tr("Running…"));
    m_bridge->session().runAll();
}

}  // namespace lemma::app
