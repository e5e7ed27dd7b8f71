// The folder of recovery files: unsaved notebooks written by Autosave, and the ones left
// behind by a Lemma that did not close normally.
#pragma once

#include <QDateTime>
#include <QString>
#include <string>
#include <vector>

namespace lemma::app {

// One recovery file: the notebook's bytes and where it came from.
struct RecoveryEntry {
    QString file;          // the recovery file itself
    QString originalPath;  // the notebook's file, or "" (tour, example, new notebook)
    QString name;          // the name the window showed ("attention.md")
    QDateTime written;
    std::string bytes;
};

// Responsibilities:
// - name a writer's recovery and lock files (one pair per window, `<id>.json`, `<id>.lock`);
// - write and read entries (JSON with the bytes in base64, written atomically);
// - find orphans: entries whose writer no longer holds its lock (it was killed or crashed).
//
// The folder is QStandardPaths::AppDataLocation/recovery unless given; tests give their own.
class RecoveryStore {
public:
    explicit RecoveryStore(QString dir = defaultDir());

    static QString defaultDir();
    const QString& dir() const { return m_dir; }
    QString entryFile(const QString& id) const;
    QString lockFile(const QString& id) const;

    // Writes the entry to entryFile(id). False (with `error` set) when it cannot.
    bool write(const QString& id, const RecoveryEntry& entry, QString* error = nullptr) const;
    // Reads a recovery file; false when it is missing or unreadable.
    static bool read(const QString& file, RecoveryEntry* entry);
    // The entries nobody is writing any more, newest first. Unreadable files are skipped.
    std::vector<RecoveryEntry> orphans() const;
    // Deletes an entry's file and its lock file.
    static void remove(const RecoveryEntry& entry);

private:
    QString m_dir;
};

}  // namespace lemma::app
