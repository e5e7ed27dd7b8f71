// Reading the notebook named on the command line, or the tour from the resources.
#include "app/NotebookLoader.h"

#include <QDir>
#include <QFile>

#include "engine/core/Error.h"

// The resources live in this static library; without this the linker may drop them.
static void initResourcesOutsideNamespace() {
    Q_INIT_RESOURCE(resources);
    Q_INIT_RESOURCE(notebooks);
}

namespace lemma::app {

void initResources() {
    initResourcesOutsideNamespace();
}

std::string tourNotebookBytes() {
    initResources();
    QFile f(QStringLiteral(":/notebooks/tour.md"));
    if (!f.open(QIODevice::ReadOnly))
        throw Error("the built-in tour notebook is missing");
    return f.readAll().toStdString();
}

namespace {

std::string resourceBytes(const std::string& name) {
    initResources();
    QFile f(QStringLiteral(":/notebooks/") + QString::fromStdString(name));
    if (!f.open(QIODevice::ReadOnly))
        throw Error("there is no example notebook named " + name);
    return f.readAll().toStdString();
}

}  // namespace

LoadedNotebook loadExample(const std::string& name) {
    LoadedNotebook loaded;
    loaded.displayName = name;
    loaded.parsed = notebook::parseNotebook(resourceBytes(name), name);
    return loaded;
}

std::vector<Example> exampleNotebooks() {
    initResources();
    std::vector<Example> out;
    const QStringList names =
        QDir(QStringLiteral(":/notebooks")).entryList({QStringLiteral("*.md")}, QDir::Files);
    for (const QString& file : names) {
        const std::string name = file.toStdString();
        std::string title = name;
        try {
            const std::string t =
                notebook::parseNotebook(resourceBytes(name), name).notebook.frontMatter().title();
            if (!t.empty())
                title = t;
        } catch (const Error&) {
            continue;
        }
        Example e{name, title};
        if (name == "tour.md")
            out.insert(out.begin(), e);
        else
            out.push_back(e);
    }
    return out;
}

LoadedNotebook loadNotebook(const std::string& file) {
    LoadedNotebook loaded;
    if (file.empty()) {
        loaded.displayName = "tour.md";
        loaded.parsed = notebook::parseNotebook(tourNotebookBytes(), loaded.displayName);
        return loaded;
    }
    loaded.path = std::filesystem::absolute(file);
    loaded.displayName = loaded.path.filename().string();
    loaded.dataDir = loaded.path.parent_path();
    loaded.parsed = notebook::readNotebookFile(loaded.path);
    return loaded;
}

}  // namespace lemma::app
