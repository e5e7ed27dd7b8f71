// The main window: assembles the notebook view, menus, toolbar, docks and status bar around
// one notebook; the behaviour lives in the parts it connects.
#pragma once

#include <QMainWindow>

#include "app/Preferences.h"

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;

namespace lemma::widgets {
class CodeCompleter;
class HelpPanel;
class NotebookActions;
class NotebookController;
class NotebookModel;
class NotebookView;
class OutlinePanel;
class RunStatus;
class SessionBridge;
class VariablesPanel;
}  // namespace lemma::widgets

namespace lemma::app {

class Appearance;
class Autosave;
class FileController;
class ReportExporter;

// Responsibilities:
// - own one notebook's parts (session bridge, model, controller with the undo stack, view,
//   file controller, autosave) and the window around them;
// - build the menus (File, Edit, Cell, Run, View, Help), the toolbar, the Variables, Outline
//   and Help docks and the status bar from the parts' actions;
// - keep the title ("name[*] — Lemma") and the modified mark current; ask before closing
//   with unsaved changes; open files dropped on the window;
// - remember geometry, dock layout and preferences in QSettings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    widgets::NotebookModel* model() const { return m_model; }
    widgets::NotebookController* controller() const { return m_controller; }
    widgets::NotebookView* view() const { return m_view; }
    widgets::NotebookActions* cellActions() const { return m_cellActions; }
    FileController* files() const { return m_files; }
    ReportExporter* reports() const { return m_reports; }
    Autosave* autosave() const { return m_autosave; }
    Appearance* appearance() const { return m_appearance; }
    widgets::RunStatus* runStatus() const { return m_runStatus; }
    widgets::VariablesPanel* variablesPanel() const { return m_variables; }
    widgets::OutlinePanel* outlinePanel() const { return m_outline; }
    widgets::HelpPanel* helpPanel() const { return m_help; }
    QDockWidget* variablesDock() const { return m_variablesDock; }
    QDockWidget* outlineDock() const { return m_outlineDock; }
    QDockWidget* helpDock() const { return m_helpDock; }
    QToolBar* toolBar() const { return m_toolBar; }
    QMenu* examplesMenu() const { return m_examplesMenu; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QAction* action(const QString& objectName) const;

    const Preferences& preferences() const { return m_preferences; }
    void setPreferences(const Preferences& preferences);

    // Opens the built-in tour (without asking: for a fresh window).
    void openTour();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildFileMenu();
    void buildEditMenu();
    void buildCellAndRunMenus();
    void buildViewMenu();
    void buildHelpMenu();
    void buildToolBar();
    void buildDocks();
    void buildStatusBar();
    // In a narrow window the side panel gives way first, down to a minimum, so the notebook
    // keeps a readable width.
    void fitDocks();
    void rebuildRecentMenu();
    void applyColors();
    void updateTitle();
    void readSettings();
    void writeSettings() const;
    QAction* addAction(QMenu* menu, const QString& name, const QString& text,
                       const QKeySequence& shortcut = {});
    QDockWidget* addDock(QWidget* panel, const QString& name, const QString& title,
                         Qt::DockWidgetArea area);

    Preferences m_preferences;
    widgets::SessionBridge* m_bridge;
    widgets::NotebookModel* m_model;
    widgets::NotebookController* m_controller;
    widgets::CodeCompleter* m_completer;
    widgets::NotebookView* m_view;
    widgets::NotebookActions* m_cellActions;
    FileController* m_files;
    ReportExporter* m_reports = nullptr;
    Autosave* m_autosave;
    Appearance* m_appearance;
    widgets::RunStatus* m_runStatus = nullptr;
    widgets::VariablesPanel* m_variables = nullptr;
    widgets::OutlinePanel* m_outline = nullptr;
    widgets::HelpPanel* m_help = nullptr;
    QDockWidget* m_variablesDock = nullptr;
    QDockWidget* m_outlineDock = nullptr;
    QDockWidget* m_helpDock = nullptr;
    QToolBar* m_toolBar = nullptr;
    QMenu* m_examplesMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QLabel* m_modeLabel = nullptr;
};

}  // namespace lemma::app
