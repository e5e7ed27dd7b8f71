// Shared by the window's tests: a private home (QSettings, QStandardPaths and recovery files go
// to a fresh temporary folder, set before main() runs so nothing reads the real ones first),
// waiting for the session, finding cells by their text.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <string>

#include "engine/notebook/NotebookFormat.h"
#include "engine/output/OutputText.h"
#include "widgets/notebook/NotebookModel.h"

namespace lemma::test {

inline QTemporaryDir& testHome() {
    static QTemporaryDir dir;
    return dir;
}

// Runs during static initialization: before QApplication and any QSettings.
inline const bool kHomeIsolated = [] {
    const QString home = testHome().path();
    for (const char* sub : {"config", "data", "cache"})
        QDir(home).mkpath(QString::fromLatin1(sub));
    qputenv("HOME", home.toUtf8());
    qputenv("XDG_CONFIG_HOME", (home + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (home + "/data").toUtf8());
    qputenv("XDG_CACHE_HOME", (home + "/cache").toUtf8());
    QCoreApplication::setOrganizationName(QStringLiteral("Lemma"));
    QCoreApplication::setApplicationName(QStringLiteral("Lemma"));
    return true;
}();

// Writes `bytes` to a file of that name in the test's home; returns its path.
inline QString writeFile(const QString& name, const QByteArray& bytes) {
    const QString path = testHome().path() + QLatin1Char('/') + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Waits until no edit waits for the debounce, the session has nothing queued or running, and
// its last signals have arrived.
inline bool settle(widgets::NotebookModel* model, int timeoutMs = 30000) {
    if (!QTest::qWaitFor([model] { return !model->hasPendingEdits() && !model->busy(); },
                         timeoutMs))
        return false;
    // The session's notifications are queued signals: let the last ones arrive.
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
    QTest::qWait(20);
    return true;
}

// The key of the first cell whose text contains `needle`, or 0.
inline int cellWith(const widgets::NotebookModel* model, const QString& needle) {
    for (int i = 0; i < model->count(); ++i) {
        if (model->text(model->keyAt(i)).contains(needle))
            return model->keyAt(i);
    }
    return 0;
}

// Loads notebook text into a model (nothing runs).
inline void loadText(widgets::NotebookModel* model, const std::string& text) {
    model->load(notebook::parseNotebook(text, "test.md").notebook, {});
}

// A cell's outputs as the command line prints them, joined.
inline QString outputsText(const widgets::NotebookModel* model, int key) {
    std::string text;
    for (const output::Output& out : model->outputs(key))
        text += output::outputText(out);
    return QString::fromStdString(text);
}

}  // namespace lemma::test
