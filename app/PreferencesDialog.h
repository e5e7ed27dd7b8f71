// The Preferences dialog: theme, running cells as you type, autosave, reports, memory.
#pragma once

#include <QDialog>

#include "app/Preferences.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace lemma::app {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(const Preferences& preferences, QWidget* parent = nullptr);

    // The preferences as the dialog's controls show them.
    Preferences preferences() const;

    QComboBox* themeBox() const { return m_theme; }
    QCheckBox* runOnEditBox() const { return m_runOnEdit; }
    QCheckBox* autosaveBox() const { return m_autosave; }
    QComboBox* paperBox() const { return m_paper; }
    QCheckBox* openReportsBox() const { return m_openReports; }
    // In GiB; 0 (shown as "Half of physical memory") means the default.
    QDoubleSpinBox* memoryBox() const { return m_memory; }

private:
    QComboBox* m_theme;
    QCheckBox* m_runOnEdit;
    QCheckBox* m_autosave;
    QComboBox* m_paper;
    QCheckBox* m_openReports;
    QDoubleSpinBox* m_memory;
};

}  // namespace lemma::app
