// The main window: assembles the notebook view, menus and status bar; holds no logic.
#pragma once

#include <QMainWindow>

#include "app/NotebookLoader.h"

namespace lemma::widgets {
class NotebookController;
class NotebookModel;
class NotebookView;
class SessionBridge;
}  // namespace lemma::widgets

namespace lemma::app {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Shows the notebook and runs it.
    void open(LoadedNotebook loaded);

private:
    widgets::SessionBridge* m_bridge;
    widgets::NotebookModel* m_model;
    widgets::NotebookController* m_controller;
    widgets::NotebookView* m_view;
};

}  // namespace lemma::app
