// Recovery files on disk (see RecoveryStore.h).
#include "app/RecoveryStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

namespace lemma::app {

namespace {

constexpr int kFormat = 1;

QString lockFor(const QString& entryFile) {
    const QFileInfo info(entryFile);
    return info.absolutePath() + QLatin1Char('/') + info.completeBaseName() +
           QStringLiteral(".lock");
}

}  // namespace

RecoveryStore::RecoveryStore(QString dir) : m_dir(std::move(dir)) {}

QString RecoveryStore::defaultDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/recovery");
}

QString RecoveryStore::entryFile(const QString& id) const {
    return m_dir + QLatin1Char('/') + id + QStringLiteral(".json");
}

QString RecoveryStore::lockFile(const QString& id) const {
    return m_dir + QLatin1Char('/') + id + QStringLiteral(".lock");
}

bool RecoveryStore::write(const QString& id, const RecoveryEntry& entry, QString* error) const {
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = QObject::tr("cannot create %1").arg(m_dir);
        return false;
    }
    QJsonObject json;
    json[QStringLiteral("format")] = kFormat;
    json[QStringLiteral("path")] = entry.originalPath;
    json[QStringLiteral("name")] = entry.name;
    json[QStringLiteral("written")] = entry.written.toString(Qt::ISODateWithMs);
    // Base64 keeps the bytes exact, whatever their encoding or line endings.
    json[QStringLiteral("notebook")] = QString::fromLatin1(
        QByteArray(entry.bytes.data(), qsizetype(entry.bytes.size())).toBase64());
    QSaveFile file(entryFile(id));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(json).toJson(QJsonDocument::Compact)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool RecoveryStore::read(const QString& file, RecoveryEntry* entry) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject json = doc.object();
    if (json[QStringLiteral("format")].toInt() != kFormat)
        return false;
    const QByteArray bytes =
        QByteArray::fromBase64(json[QStringLiteral("notebook")].toString().toLatin1());
    entry->file = QFileInfo(file).absoluteFilePath();
    entry->originalPath = json[QStringLiteral("path")].toString();
    entry->name = json[QStringLiteral("name")].toString();
    entry->written =
        QDateTime::fromString(json[QStringLiteral("written")].toString(), Qt::ISODateWithMs);
    entry->bytes.assign(bytes.constData(), std::size_t(bytes.size()));
    return true;
}

std::vector<RecoveryEntry> RecoveryStore::orphans() const {
    std::vector<RecoveryEntry> out;
    const QDir dir(m_dir);
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
        // A live writer holds the lock. QLockFile takes over a lock whose process is gone.
        QLockFile lock(lockFor(info.absoluteFilePath()));
        if (!lock.tryLock(0))
            continue;
        RecoveryEntry entry;
        if (read(info.absoluteFilePath(), &entry))
            out.push_back(std::move(entry));
    }
    std::sort(out.begin(), out.end(),
              [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.written > b.written; });
    return out;
}

void RecoveryStore::remove(const RecoveryEntry& entry) {
    QFile::remove(entry.file);
    QFile::remove(lockFor(entry.file));
}

}  // namespace lemma::app
