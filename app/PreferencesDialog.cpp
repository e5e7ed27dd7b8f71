// The Preferences dialog (see PreferencesDialog.h).
#include "app/PreferencesDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "engine/core/MemoryBudget.h"

namespace lemma::app {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

}  // namespace

PreferencesDialog::PreferencesDialog(const Preferences& preferences, QWidget* parent)
    : QDialog(parent),
      m_theme(new QComboBox(this)),
      m_runOnEdit(new QCheckBox(tr("Run an edited cell and its dependents as you type"), this)),
      m_autosave(new QCheckBox(tr("Keep unsaved work in a recovery file every 30 seconds"), this)),
      m_paper(new QComboBox(this)),
      m_openReports(new QCheckBox(tr("Open a report once it is exported"), this)),
      m_memory(new QDoubleSpinBox(this)) {
    setWindowTitle(tr("Preferences"));
    for (const auto theme :
         {Preferences::Theme::System, Preferences::Theme::Light, Preferences::Theme::Dark}) {
        m_theme->addItem(theme == Preferences::Theme::System  ? tr("Follow the system")
                         : theme == Preferences::Theme::Light ? tr("Light")
                                                              : tr("Dark"),
                         int(theme));
    }
    m_theme->setCurrentIndex(m_theme->findData(int(preferences.theme)));
    m_runOnEdit->setChecked(preferences.runOnEdit);
    m_autosave->setChecked(preferences.autosave);
    m_paper->addItem(tr("A4"), false);
    m_paper->addItem(tr("US Letter"), true);
    m_paper->setCurrentIndex(preferences.letterPaper ? 1 : 0);
    m_openReports->setChecked(preferences.openReports);
    const double defaultGiB = double(MemoryBudget::defaultBytes()) / kGiB;
    m_memory->setRange(0, 1024 * 1024);
    m_memory->setDecimals(1);
    m_memory->setSingleStep(1);
    m_memory->setSuffix(tr(" GiB"));
    m_memory->setSpecialValueText(
        tr("Half of physical memory (%1 GiB)").arg(QString::number(defaultGiB, 'f', 1)));
    m_memory->setValue(double(preferences.memoryBudget) / kGiB);
    m_memory->setToolTip(
        tr("A cell that asks for more stops with an error naming the request; "
           "lemma run --memory overrides it."));

    auto* lazyNote = new QLabel(
        tr("When off, edited cells turn stale until you run them (Ctrl+Enter). A single cell "
           "can be made lazy from the Cell menu; a notebook with <code>lazy: true</code> in its "
           "front matter is lazy throughout."),
        this);
    lazyNote->setWordWrap(true);
    lazyNote->setForegroundRole(QPalette::PlaceholderText);
    lazyNote->setContentsMargins(22, 0, 0, 0);  // under the check box's text

    auto* running = new QVBoxLayout;
    running->setSpacing(4);
    running->addWidget(m_runOnEdit);
    running->addWidget(lazyNote);
    auto* form = new QFormLayout;
    form->setVerticalSpacing(12);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Running:"), running);
    form->addRow(tr("Safety:"), m_autosave);
    form->addRow(tr("&Memory per cell:"), m_memory);
    auto* reports = new QVBoxLayout;
    reports->setSpacing(4);
    reports->addWidget(m_paper);
    reports->addWidget(m_openReports);
    form->addRow(tr("&Reports:"), reports);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);
    lazyNote->setFixedWidth(420);
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.theme = Preferences::Theme(m_theme->currentData().toInt());
    p.runOnEdit = m_runOnEdit->isChecked();
    p.autosave = m_autosave->isChecked();
    p.letterPaper = m_paper->currentData().toBool();
    p.openReports = m_openReports->isChecked();
    p.memoryBudget = quint64(m_memory->value() * kGiB);
    return p;
}

}  // namespace lemma::app
