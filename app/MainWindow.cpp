// The main window's assembly (see MainWindow.h).
#include "app/MainWindow.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <algorithm>

#include "app/Appearance.h"
#include "app/Autosave.h"
#include "app/CommandPalette.h"
#include "app/FileController.h"
#include "app/Icons.h"
#include "app/NotebookLoader.h"
#include "app/PreferencesDialog.h"
#include "app/ReportExporter.h"
#include "app/ShortcutsDialog.h"
#include "widgets/notebook/CodeCompleter.h"
#include "widgets/notebook/NotebookActions.h"
#include "widgets/notebook/NotebookController.h"
#include "widgets/notebook/NotebookModel.h"
#include "widgets/notebook/NotebookView.h"
#include "widgets/notebook/RunStatus.h"
#include "widgets/notebook/SessionBridge.h"
#include "widgets/panels/HelpPanel.h"
#include "widgets/panels/OutlinePanel.h"
#include "widgets/panels/VariablesPanel.h"

namespace lemma::app {

namespace {

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");

// The first local file among dropped URLs, or "".
QString droppedFile(const QMimeData* mime) {
    if (!mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            return url.toLocalFile();
    }
    return {};
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_preferences(Preferences::load()),
      m_bridge(new widgets::SessionBridge(this)),
      m_model(new widgets::NotebookModel(m_bridge, this)),
      m_controller(new widgets::NotebookController(m_model, this)),
      m_completer(new widgets::CodeCompleter(this)),
      m_view(new widgets::NotebookView(m_controller, m_completer, this)),
      m_cellActions(new widgets::NotebookActions(m_view, this)),
      m_files(new FileController(m_model, m_controller->undoStack(), this)),
      m_autosave(new Autosave(m_model, m_files, RecoveryStore(), this)),
      m_appearance(new Appearance(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setCentralWidget(m_view);
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    m_completer->setBuiltins(m_bridge->registry());
    QSet<QString> builtins;
    for (const std::string& name : m_bridge->registry().names())
        builtins.insert(widgets::toQString(name));
    m_view->setBuiltins(builtins);

    auto* contextMenu = new QMenu(this);
    m_cellActions->fillCellMenu(contextMenu);
    m_view->setContextMenu(contextMenu);

    buildFileMenu();
    buildEditMenu();
    buildCellAndRunMenus();
    buildDocks();
    buildViewMenu();
    buildHelpMenu();
    buildToolBar();
    buildStatusBar();

    connect(m_files, &FileController::titleChanged, this, &MainWindow::updateTitle);
    connect(m_files, &FileController::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_files, &FileController::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    connect(m_autosave, &Autosave::failed, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
    connect(m_appearance, &Appearance::colorsChanged, this, &MainWindow::applyColors);

    setPreferences(m_preferences);
    readSettings();
    updateTitle();
    m_view->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() {
    // The session's worker may still be running a cell: stop it before the parts go. The view
    // goes before the model (children go in the order they came), since its editors show the
    // model's documents.
    m_model->cancel();
    delete m_view;
}

QAction* MainWindow::action(const QString& objectName) const {
    return findChild<QAction*>(objectName);
}

QAction* MainWindow::addAction(QMenu* menu, const QString& name, const QString& text,
                               const QKeySequence& shortcut) {
    auto* a = menu->addAction(text);
    a->setObjectName(name);
    if (!shortcut.isEmpty())
        a->setShortcut(shortcut);
    return a;
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newAction = addAction(file, QStringLiteral("fileNew"), tr("&New"), QKeySequence::New);
    newAction->setIcon(icon(Icon::New));
    newAction->setToolTip(tr("New notebook (Ctrl+N)"));
    connect(newAction, &QAction::triggered, m_files, &FileController::newNotebook);
    QAction* open = addAction(file, QStringLiteral("fileOpen"), tr("&Open…"), QKeySequence::Open);
    open->setIcon(icon(Icon::Open));
    open->setToolTip(tr("Open a notebook (Ctrl+O)"));
    connect(open, &QAction::triggered, m_files, &FileController::openWithDialog);

    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_files, &FileController::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();

    m_examplesMenu = file->addMenu(tr("&Examples"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (const Example& e : exampleNotebooks()) {
        const QString name = widgets::toQString(e.name);
        QAction* a = m_examplesMenu->addAction(widgets::toQString(e.title));
        a->setData(name);
        a->setToolTip(name);
        connect(a, &QAction::triggered, this, [this, name] { m_files->openExample(name); });
    }

    file->addSeparator();
    QAction* save = addAction(file, QStringLiteral("fileSave"), tr("&Save"), QKeySequence::Save);
    save->setIcon(icon(Icon::Save));
    save->setToolTip(tr("Save the notebook (Ctrl+S)"));
    connect(save, &QAction::triggered, m_files, &FileController::save);
    QAction* saveAs = addAction(file, QStringLiteral("fileSaveAs"), tr("Save &As…"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(saveAs, &QAction::triggered, m_files, [this] { m_files->saveAs(); });
    QAction* revert = addAction(file, QStringLiteral("fileRevert"), tr("Re&vert to Saved"));
    connect(revert, &QAction::triggered, m_files, &FileController::revert);
    auto updateRevert = [this, revert] {
        revert->setEnabled(!m_files->path().isEmpty() && m_files->isModified());
    };
    connect(m_files, &FileController::modifiedChanged, this, updateRevert);
    connect(m_files, &FileController::titleChanged, this, updateRevert);
    updateRevert();

    file->addSeparator();
    m_reports = new ReportExporter(m_model, m_files, [this] { return m_preferences; }, this);
    connect(m_reports, &ReportExporter::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    QAction* exportPdf = addAction(file, QStringLiteral("fileExportPdf"), tr("Export &PDF…"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportPdf->setToolTip(tr("Write the notebook as a PDF report, as it is on screen"));
    connect(exportPdf, &QAction::triggered, this,
            [this] { m_reports->exportReport(ReportExporter::Format::Pdf); });
    QAction* exportHtml = addAction(file, QStringLiteral("fileExportHtml"), tr("Export &HTML…"));
    exportHtml->setToolTip(tr("Write the notebook as one self-contained web page"));
    connect(exportHtml, &QAction::triggered, this,
            [this] { m_reports->exportReport(ReportExporter::Format::Html); });

    file->addSeparator();
    QAction* close =
        addAction(file, QStringLiteral("fileClose"), tr("&Close Window"), QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    QAction* quit = addAction(file, QStringLiteral("fileQuit"), tr("&Quit"), QKeySequence::Quit);
    if (quit->shortcut().isEmpty())  // platforms without a standard key for it
        quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = m_files->recentFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        const QString label = QFileInfo(path).fileName().replace(QLatin1Char('&'), "&&");
        QAction* a = m_recentMenu->addAction(i < 9 ? QStringLiteral("&%1  %2").arg(i + 1).arg(label)
                                                   : label);
        a->setData(path);
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { m_files->open(path); });
    }
    if (!recent.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear Recent Files"));
    clear->setEnabled(!recent.isEmpty());
    connect(clear, &QAction::triggered, m_files, &FileController::clearRecentFiles);
}

void MainWindow::buildEditMenu() {
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QUndoStack* stack = m_controller->undoStack();
    QAction* undo = stack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("editUndo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(icon(Icon::Undo));
    QAction* redo = stack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("editRedo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(icon(Icon::Redo));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(m_cellActions->cutCell);
    edit->addAction(m_cellActions->copyCell);
    edit->addAction(m_cellActions->pasteBelow);
    edit->addAction(m_cellActions->deleteCell);
    edit->addSeparator();
    QAction* preferences = addAction(edit, QStringLiteral("editPreferences"), tr("Pre&ferences…"),
                                     QKeySequence::Preferences);
    if (preferences->shortcut().isEmpty())
        preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, [this] {
        PreferencesDialog dialog(m_preferences, this);
        if (dialog.exec() == QDialog::Accepted)
            setPreferences(dialog.preferences());
    });
}

void MainWindow::buildCellAndRunMenus() {
    QMenu* cell = menuBar()->addMenu(tr("&Cell"));
    m_cellActions->fillCellMenu(cell);
    cell->addSeparator();
    cell->addAction(m_cellActions->selectPrevious);
    cell->addAction(m_cellActions->selectNext);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    m_cellActions->fillRunMenu(run);
    m_cellActions->runAndAdvance->setIcon(icon(Icon::Run));
    m_cellActions->runAll->setIcon(icon(Icon::RunAll));
    m_cellActions->stop->setIcon(icon(Icon::Stop));
    m_cellActions->insertBelow->setIcon(icon(Icon::AddCell));
    m_cellActions->moveUp->setIcon(icon(Icon::MoveUp));
    m_cellActions->moveDown->setIcon(icon(Icon::MoveDown));
    m_cellActions->deleteCell->setIcon(icon(Icon::Delete));
    run->addSeparator();
    QAction* onEdit = addAction(run, QStringLiteral("runOnEdit"), tr("Run Cells as You &Type"));
    onEdit->setCheckable(true);
    onEdit->setToolTip(
        tr("Re-run an edited cell and its dependents after a pause in typing; when off, they "
           "turn stale until you run them"));
    connect(onEdit, &QAction::toggled, this, [this](bool on) {
        if (m_preferences.runOnEdit == on)
            return;
        Preferences p = m_preferences;
        p.runOnEdit = on;
        setPreferences(p);
    });
}

QDockWidget* MainWindow::addDock(QWidget* panel, const QString& name, const QString& title,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(panel);
    dock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    // The tabs name the panels; a title bar above them would only repeat the name. The View
    // menu shows and hides them.
    dock->setTitleBarWidget(new QWidget(dock));
    addDockWidget(area, dock);
    return dock;
}

namespace {

constexpr int kDockWidth = 340;      // the side panel's width in a roomy window
constexpr int kDockMinWidth = 200;   // … and the least it gives way to
constexpr int kNotebookWidth = 660;  // what the notebook keeps before the panel shrinks
// The dock property holding the width last given to the panel by fitting (not by the person).
const char* const kFittedWidth = "lemmaFittedWidth";

}  // namespace

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    // Once the new size has reached the dock layout.
    QTimer::singleShot(0, this, &MainWindow::fitDocks);
}

void MainWindow::fitDocks() {
    if (!m_variablesDock)
        return;
    const int width = std::clamp(this->width() - kNotebookWidth, kDockMinWidth, kDockWidth);
    for (QDockWidget* dock : {m_variablesDock, m_outlineDock, m_helpDock}) {
        if (!dock->isVisible() || dock->isFloating() ||
            dockWidgetArea(dock) != Qt::RightDockWidgetArea)
            continue;
        // Narrower only; wider again only when the panel has the width fitting gave it.
        const int fitted = dock->property(kFittedWidth).toInt();
        if (dock->width() > width || (dock->width() == fitted && width > fitted)) {
            resizeDocks({dock}, {width}, Qt::Horizontal);
            dock->setProperty(kFittedWidth, width);
            break;
        }
    }
}

void MainWindow::buildDocks() {
    m_outline = new widgets::OutlinePanel(m_model, this);
    m_variables = new widgets::VariablesPanel(m_model, this);
    m_help = new widgets::HelpPanel(m_bridge->registry(), this);
    // One column on the right, the panels as tabs: the notebook keeps most of the width.
    setTabPosition(Qt::RightDockWidgetArea, QTabWidget::North);
    setTabPosition(Qt::LeftDockWidgetArea, QTabWidget::North);
    m_variablesDock = addDock(m_variables, QStringLiteral("variablesDock"), tr("Variables"),
                              Qt::RightDockWidgetArea);
    m_outlineDock =
        addDock(m_outline, QStringLiteral("outlineDock"), tr("Outline"), Qt::RightDockWidgetArea);
    m_helpDock = addDock(m_help, QStringLiteral("helpDock"), tr("Help"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_variablesDock, m_outlineDock);
    tabifyDockWidget(m_outlineDock, m_helpDock);
    m_variablesDock->raise();
    for (QDockWidget* dock : {m_variablesDock, m_outlineDock, m_helpDock})
        dock->setMinimumWidth(kDockMinWidth);
    resizeDocks({m_variablesDock}, {kDockWidth}, Qt::Horizontal);

    connect(m_help, &widgets::HelpPanel::exampleInsertRequested, this, [this](const QString& code) {
        const auto key =
            m_controller->insertCell(m_view->currentIndex() + 1, notebook::CellKind::Code, code);
        m_view->selectCell(key);
        m_view->setFocus(Qt::OtherFocusReason);
    });
    connect(m_outline, &widgets::OutlinePanel::cellActivated, this, [this](int key) {
        m_view->selectCell(key);
        m_view->setFocus(Qt::OtherFocusReason);
    });
    connect(m_view, &widgets::NotebookView::helpRequested, this, [this](const QString& word) {
        m_helpDock->show();
        m_helpDock->raise();
        if (!m_help->showBuiltin(word))
            m_help->searchField()->setText(word);
    });
}

void MainWindow::buildViewMenu() {
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : {m_outlineDock, m_variablesDock, m_helpDock})
        m_viewMenu->addAction(dock->toggleViewAction());
    m_outlineDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_variablesDock->toggleViewAction()->setShortcut(
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_viewMenu->addSeparator();
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    m_themeGroup = new QActionGroup(this);
    const std::pair<Preferences::Theme, QString> themes[] = {
        {Preferences::Theme::System, tr("Follow the &System")},
        {Preferences::Theme::Light, tr("&Light")},
        {Preferences::Theme::Dark, tr("&Dark")},
    };
    for (const auto& [value, text] : themes) {
        QAction* a = theme->addAction(text);
        a->setObjectName(QStringLiteral("theme-") + Preferences::themeName(value));
        a->setCheckable(true);
        a->setData(int(value));
        m_themeGroup->addAction(a);
    }
    connect(m_themeGroup, &QActionGroup::triggered, this, [this](QAction* a) {
        Preferences p = m_preferences;
        p.theme = Preferences::Theme(a->data().toInt());
        setPreferences(p);
    });
}

void MainWindow::buildHelpMenu() {
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* builtins = addAction(help, QStringLiteral("helpBuiltins"), tr("&Builtin Functions"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    connect(builtins, &QAction::triggered, this, [this] {
        m_helpDock->show();
        m_helpDock->raise();
        m_help->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_help->searchField()->selectAll();
    });
    QAction* shortcuts =
        addAction(help, QStringLiteral("helpShortcuts"), tr("&Keyboard Shortcuts"));
    connect(shortcuts, &QAction::triggered, this, [this] {
        ShortcutsDialog dialog(m_cellActions, menuBar(), this);
        dialog.exec();
    });
    QAction* palette = addAction(help, QStringLiteral("commandPalette"), tr("&Command Palette…"),
                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(palette, &QAction::triggered, this, [this] {
        CommandPalette dialog(menuBar(), this);
        dialog.exec();
    });
    QAction* tour = addAction(help, QStringLiteral("helpTour"), tr("The &Tour"));
    connect(tour, &QAction::triggered, this,
            [this] { m_files->openExample(QStringLiteral("tour.md")); });
    help->addSeparator();
    QAction* about = addAction(help, QStringLiteral("helpAbout"), tr("&About Lemma"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About Lemma"),
            tr("<h3>Lemma %1</h3><p>A notebook for the mathematics of large language "
               "models.</p><p>Notebooks are Markdown files; code cells run reactively on "
               "Armadillo.</p>")
                .arg(QApplication::applicationVersion()));
    });
    QAction* aboutQt = addAction(help, QStringLiteral("helpAboutQt"), tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::buildToolBar() {
    m_toolBar = addToolBar(tr("Notebook"));
    m_toolBar->setObjectName(QStringLiteral("notebookToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setIconSize(QSize(18, 18));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    // nullptr: a separator.
    for (QAction* a :
         {action(QStringLiteral("fileNew")), action(QStringLiteral("fileOpen")),
          action(QStringLiteral("fileSave")), static_cast<QAction*>(nullptr),
          action(QStringLiteral("editUndo")), action(QStringLiteral("editRedo")),
          static_cast<QAction*>(nullptr), m_cellActions->insertBelow, m_cellActions->deleteCell,
          m_cellActions->moveUp, m_cellActions->moveDown, static_cast<QAction*>(nullptr),
          m_cellActions->runAndAdvance, m_cellActions->runAll, m_cellActions->stop,
          static_cast<QAction*>(nullptr)}) {
        if (a)
            m_toolBar->addAction(a);
        else
            m_toolBar->addSeparator();
    }

    // The current cell's kind, as in Jupyter's toolbar.
    auto* kind = new QComboBox(m_toolBar);
    kind->setObjectName(QStringLiteral("cellKind"));
    kind->setToolTip(tr("The selected cell's kind (Y: code, M: Markdown)"));
    kind->setFocusPolicy(Qt::NoFocus);
    kind->addItem(tr("Code"), int(notebook::CellKind::Code));
    kind->addItem(tr("Markdown"), int(notebook::CellKind::Markdown));
    m_toolBar->addWidget(kind);
    auto showKind = [this, kind] {
        const int key = m_view->currentKey();
        const QSignalBlocker block(kind);
        kind->setEnabled(m_model->contains(key));
        kind->setCurrentIndex(m_model->contains(key) && !m_model->isCode(key) ? 1 : 0);
    };
    connect(m_view, &widgets::NotebookView::currentChanged, this, showKind);
    connect(m_model, &widgets::NotebookModel::cellInserted, this, showKind);
    connect(m_model, &widgets::NotebookModel::cellRemoved, this, showKind);
    connect(m_model, &widgets::NotebookModel::reset, this, showKind);
    connect(kind, &QComboBox::activated, this, [this, kind](int index) {
        m_view->setCurrentKind(notebook::CellKind(kind->itemData(index).toInt()));
        m_view->setFocus(Qt::OtherFocusReason);
    });
    showKind();

    m_viewMenu->insertAction(m_viewMenu->actions().value(0), m_toolBar->toggleViewAction());
}

void MainWindow::buildStatusBar() {
    m_modeLabel = new QLabel(this);
    m_modeLabel->setObjectName(QStringLiteral("modeLabel"));
    m_modeLabel->setToolTip(tr("Enter edits the selected cell; Escape returns to command mode"));
    auto showMode = [this](widgets::NotebookView::Mode mode) {
        m_modeLabel->setText(mode == widgets::NotebookView::Mode::Edit ? tr("Edit mode")
                                                                       : tr("Command mode"));
    };
    connect(m_view, &widgets::NotebookView::modeChanged, this, showMode);
    showMode(m_view->mode());
    m_runStatus = new widgets::RunStatus(m_model, this);
    statusBar()->addPermanentWidget(m_runStatus);
    // Stop is greyed out (menu, toolbar, shortcut) while nothing runs.
    QAction* stop = m_cellActions->stop;
    auto updateStop = [this, stop] { stop->setEnabled(m_model->busy()); };
    connect(m_model, &widgets::NotebookModel::stateChanged, stop, updateStop);
    connect(m_model, &widgets::NotebookModel::idle, stop, updateStop);
    connect(m_model, &widgets::NotebookModel::reset, stop, updateStop);
    connect(m_runStatus, &widgets::RunStatus::busyChanged, stop, updateStop);
    updateStop();
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->setSizeGripEnabled(true);
}

void MainWindow::setPreferences(const Preferences& preferences) {
    const bool themeChanged =
        preferences.theme != m_appearance->theme() || !m_themeGroup->checkedAction();
    m_preferences = preferences;
    m_preferences.save();
    if (themeChanged)
        m_appearance->setTheme(preferences.theme);
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toInt() == int(preferences.theme));
    m_model->setLazy(!preferences.runOnEdit);
    m_model->bridge()->session().setLimits({0, preferences.memoryBudget});
    if (QAction* onEdit = action(QStringLiteral("runOnEdit")))
        onEdit->setChecked(preferences.runOnEdit);
    m_autosave->setEnabled(preferences.autosave);
    applyColors();
}

void MainWindow::applyColors() {
    m_view->setColors(m_appearance->colors());
}

void MainWindow::updateTitle() {
    setWindowTitle(m_files->windowTitle());
    setWindowModified(m_files->isModified());
}

void MainWindow::openTour() {
    m_files->show(loadNotebook({}));
}

void MainWindow::readSettings() {
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometry).toByteArray())) {
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect();
        QSize size(1240, 880);
        if (screen.isValid())
            size = size.boundedTo(screen.size() * 0.92);
        resize(size);
        if (screen.isValid())
            move(screen.center() - rect().center());
        // The side panel gets its width for this size now: fitted after the first show, it
        // would lay out (and typeset and plot) the whole page a second time.
        const int dock = std::clamp(size.width() - kNotebookWidth, kDockMinWidth, kDockWidth);
        resizeDocks({m_variablesDock}, {dock}, Qt::Horizontal);
        m_variablesDock->setProperty(kFittedWidth, dock);
    }
    restoreState(settings.value(kState).toByteArray());
}

void MainWindow::writeSettings() const {
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    m_autosave->discard();
    writeSettings();
    m_model->cancel();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty()) {
        QMainWindow::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    // Out of the drop handler: opening may ask about unsaved changes in a dialog.
    QTimer::singleShot(0, this, [this, path] { m_files->open(path); });
}

}  // namespace lemma::app
