// Reading the notebook named on the command line, or the tour from the resources.
#include "app/NotebookLoader.h"

#include <QFile>

#include "engine/lang/Error.h"

// The resources live in this static library; without this the linker may drop them.
static void initResources() {
    Q_INIT_RESOURCE(resources);
}

namespace lemma::app {

std::string tourNotebookBytes() {
    initResources();
    QFile f(QStringLiteral(":/notebooks/tour.md"));
    if (!f.open(QIODevice::ReadOnly))
        throw Error("the built-in tour notebook is missing");
    return f.readAll().toStdString();
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
