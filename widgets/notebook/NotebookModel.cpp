// The window's notebook model (see NotebookModel.h).
#include "widgets/notebook/NotebookModel.h"

#include <QPlainTextDocumentLayout>
#include <QTextBlock>
#include <QTextDocument>
#include <algorithm>

#include "engine/notebook/NotebookFormat.h"
#include "widgets/notebook/SessionBridge.h"

namespace lemma::widgets {

namespace {

// The document's text with "\n" between lines. QTextDocument::toPlainText would also turn
// non-breaking spaces into spaces, which would change the file.
QString plainText(const QTextDocument* doc) {
    QString out;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        if (b != doc->begin())
            out += QLatin1Char('\n');
        out += b.text();
    }
    return out;
}

}  // namespace

NotebookModel::NotebookModel(SessionBridge* bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &NotebookModel::flush);
    connect(bridge, &SessionBridge::stateChanged, this, &NotebookModel::onState);
    connect(bridge, &SessionBridge::outputsChanged, this, &NotebookModel::onOutputs);
    connect(bridge, &SessionBridge::progressed, this, &NotebookModel::onProgress);
    connect(bridge, &SessionBridge::becameIdle, this, &NotebookModel::onIdle);
}

NotebookModel::~NotebookModel() {
    clear();
}

void NotebookModel::clear() {
    // Later, not now: the views still show these documents until they hear of the reset.
    for (Entry& e : m_cells) {
        e.document->disconnect(this);
        e.document->deleteLater();
    }
    m_cells.clear();
    m_dirty.clear();
    m_debounce.stop();
    m_syncWhenIdle = false;
}

void NotebookModel::load(notebook::Notebook notebook, const std::filesystem::path& dataDir) {
    clear();
    notebook::Session& session = m_bridge->session();
    session.setDataDir(dataDir);
    session.load(std::move(notebook));
    for (const notebook::Cell& cell : session.notebook().cells()) {
        Entry e;
        e.key = m_nextKey++;
        e.id = cell.id();
        e.kind = cell.kind();
        e.state = session.state(cell.id());
        e.text = toQString(cell.source());
        e.document = makeDocument(e.key, e.text);
        m_cells.push_back(std::move(e));
    }
    Q_EMIT reset();
}

std::string NotebookModel::serialize() {
    flush();
    return notebook::serializeNotebook(m_bridge->session().notebook());
}

std::string NotebookModel::snapshot() const {
    notebook::Notebook copy = m_bridge->session().notebook();
    for (const Entry& e : m_cells) {
        if (!m_dirty.contains(e.key))
            continue;
        if (notebook::Cell* cell = copy.find(e.id))
            cell->setSource(toStdString(e.text));
    }
    return notebook::serializeNotebook(copy);
}

void NotebookModel::setDataDir(const std::filesystem::path& dir) {
    m_bridge->session().setDataDir(dir);
}

QString NotebookModel::title() const {
    return toQString(m_bridge->session().notebook().frontMatter().title());
}

QTextDocument* NotebookModel::makeDocument(Key key, const QString& text) {
    auto* doc = new QTextDocument(this);
    doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
    doc->setPlainText(text);
    // One undo stack for the whole notebook (the window's), not one per document.
    doc->setUndoRedoEnabled(false);
    connect(doc, &QTextDocument::contentsChanged, this, [this, key] { documentChanged(key); });
    return doc;
}

int NotebookModel::indexOf(Key key) const {
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        if (m_cells[i].key == key)
            return int(i);
    }
    return -1;
}

NotebookModel::Entry* NotebookModel::entry(Key key) {
    const int i = indexOf(key);
    return i < 0 ? nullptr : &m_cells[std::size_t(i)];
}

const NotebookModel::Entry* NotebookModel::entry(Key key) const {
    const int i = indexOf(key);
    return i < 0 ? nullptr : &m_cells[std::size_t(i)];
}

NotebookModel::Entry* NotebookModel::entryForId(quint64 id) {
    for (Entry& e : m_cells) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

notebook::CellKind NotebookModel::kind(Key key) const {
    const Entry* e = entry(key);
    return e ? e->kind : notebook::CellKind::Markdown;
}

QTextDocument* NotebookModel::document(Key key) const {
    const Entry* e = entry(key);
    return e ? e->document : nullptr;
}

QString NotebookModel::text(Key key) const {
    const Entry* e = entry(key);
    return e ? e->text : QString();
}

QString NotebookModel::pinnedInfo(Key key, QString* error) const {
    const Entry* e = entry(key);
    if (!e)
        return {};
    const notebook::Session::PinResult pin = m_bridge->session().pinnedInfo(e->id);
    if (error)
        *error = toQString(pin.error);
    return toQString(pin.info);
}

QString NotebookModel::unpinnedInfo(Key key) const {
    const Entry* e = entry(key);
    return e ? toQString(m_bridge->session().unpinnedInfo(e->id)) : QString();
}

QString NotebookModel::info(Key key) const {
    const Entry* e = entry(key);
    const notebook::Cell* cell = e ? m_bridge->session().notebook().find(e->id) : nullptr;
    return cell && cell->isCode() ? toQString(cell->infoString()) : QString();
}

bool NotebookModel::hasOption(Key key, const QString& option) const {
    const Entry* e = entry(key);
    const notebook::Cell* cell = e ? m_bridge->session().notebook().find(e->id) : nullptr;
    return cell && cell->isCode() && cell->hasOption(toStdString(option));
}

QStringList NotebookModel::definitions(Key key) const {
    const Entry* e = entry(key);
    QStringList out;
    if (e && e->kind == notebook::CellKind::Code) {
        for (const std::string& name : m_bridge->session().definitions(e->id))
            out << toQString(name);
    }
    return out;
}

notebook::CellState NotebookModel::state(Key key) const {
    const Entry* e = entry(key);
    return e ? e->state : notebook::CellState::Idle;
}

const output::Outputs& NotebookModel::outputs(Key key) const {
    static const output::Outputs none;
    const Entry* e = entry(key);
    return e ? e->outputs : none;
}

const output::Outputs& NotebookModel::notes(Key key) const {
    static const output::Outputs none;
    const Entry* e = entry(key);
    return e ? e->notes : none;
}

QList<QPair<QString, NotebookModel::Key>> NotebookModel::redefinitions(Key key) const {
    QList<QPair<QString, Key>> out;
    const Entry* e = entry(key);
    if (!e || e->kind != notebook::CellKind::Code)
        return out;
    for (const auto& [name, owner] : m_bridge->session().redefinitions(e->id)) {
        Key ownerKey = 0;
        for (const Entry& other : m_cells) {
            if (other.id == owner)
                ownerKey = other.key;
        }
        out.append({toQString(name), ownerKey});
    }
    return out;
}

int NotebookModel::number(Key key) const {
    const Entry* e = entry(key);
    return e ? m_bridge->session().cellNumber(e->id) : 0;
}

double NotebookModel::progress(Key key) const {
    const Entry* e = entry(key);
    return e ? e->progress : -1;
}

bool NotebookModel::outputsCollapsed(Key key) const {
    const Entry* e = entry(key);
    return e && e->outputsCollapsed;
}

void NotebookModel::setOutputsCollapsed(Key key, bool collapsed) {
    Entry* e = entry(key);
    if (!e || e->outputsCollapsed == collapsed)
        return;
    e->outputsCollapsed = collapsed;
    Q_EMIT outputsCollapsedChanged(key);
}

NotebookModel::Key NotebookModel::insertCell(int index, const CellSnapshot& cell, Key key) {
    index = std::clamp(index, 0, count());
    Entry e;
    e.key = key > 0 ? key : m_nextKey++;
    e.kind = cell.kind;
    e.outputs = cell.outputs;
    e.state = cell.kind == notebook::CellKind::Code ? cell.state : notebook::CellState::Idle;
    e.text = cell.text;
    e.document = makeDocument(e.key, cell.text);
    e.id = m_bridge->session().insertCell(std::size_t(index), cell.kind, toStdString(cell.text),
                                          toStdString(cell.info));
    const Key inserted = e.key;
    m_cells.insert(m_cells.begin() + index, std::move(e));
    Q_EMIT cellInserted(index);
    if (cell.kind == notebook::CellKind::Code)
        Q_EMIT numbersChanged();
    return inserted;
}

CellSnapshot NotebookModel::removeCell(Key key) {
    const int index = indexOf(key);
    if (index < 0)
        return {};
    Entry e = std::move(m_cells[std::size_t(index)]);
    m_cells.erase(m_cells.begin() + index);
    m_dirty.remove(key);
    CellSnapshot snapshot;
    snapshot.kind = e.kind;
    snapshot.text = e.text;
    if (const notebook::Cell* cell = m_bridge->session().notebook().find(e.id);
        cell && cell->isCode())
        snapshot.info = toQString(cell->infoString());
    snapshot.outputs = e.outputs;
    snapshot.state = e.state;
    m_bridge->session().removeCell(e.id);
    Q_EMIT cellRemoved(index, key);
    if (e.kind == notebook::CellKind::Code)
        Q_EMIT numbersChanged();
    e.document->disconnect(this);
    e.document->deleteLater();
    return snapshot;
}

void NotebookModel::moveCell(Key key, int index) {
    const int from = indexOf(key);
    index = std::clamp(index, 0, count() - 1);
    if (from < 0 || from == index)
        return;
    m_bridge->session().moveCell(m_cells[std::size_t(from)].id, std::size_t(index));
    Entry e = std::move(m_cells[std::size_t(from)]);
    m_cells.erase(m_cells.begin() + from);
    m_cells.insert(m_cells.begin() + index, std::move(e));
    Q_EMIT cellMoved(from, index);
    Q_EMIT numbersChanged();
}

void NotebookModel::setInfo(Key key, const QString& info) {
    Entry* e = entry(key);
    if (!e || e->kind != notebook::CellKind::Code)
        return;
    m_bridge->session().setInfoString(e->id, toStdString(info));
    Q_EMIT infoChanged(key);
}

void NotebookModel::run(Key key) {
    const Entry* e = entry(key);
    if (!e || e->kind != notebook::CellKind::Code)
        return;
    flush();
    m_bridge->session().run(e->id);
}

void NotebookModel::runAll() {
    flush();
    m_bridge->session().runAll();
}

void NotebookModel::cancel() {
    m_syncWhenIdle = false;
    m_bridge->session().cancel();
}

void NotebookModel::setLazy(bool lazy) {
    m_bridge->session().setLazy(lazy);
}

bool NotebookModel::lazy() const {
    return m_bridge->session().lazy();
}

bool NotebookModel::busy() const {
    // The session's own states, not the queued signals: a run asked for a moment ago is
    // already Queued there.
    for (const Entry& e : m_cells) {
        if (e.kind != notebook::CellKind::Code)
            continue;
        const notebook::CellState s = m_bridge->session().state(e.id);
        if (s == notebook::CellState::Queued || s == notebook::CellState::Running)
            return true;
    }
    return false;
}

void NotebookModel::documentChanged(Key key) {
    Entry* e = entry(key);
    if (!e)
        return;
    QString now = plainText(e->document);
    if (now == e->text)
        return;
    e->text = std::move(now);
    m_dirty.insert(key);
    Q_EMIT textChanged(key);
    if (m_controlEdit) {
        m_debounce.stop();
        if (busy())
            m_syncWhenIdle = true;
        else
            flush();
    } else {
        m_debounce.start();
    }
}

void NotebookModel::endControlEdit() {
    m_controlEdit = false;
}

void NotebookModel::flush() {
    m_debounce.stop();
    const QSet<Key> dirty = std::exchange(m_dirty, {});
    notebook::Session& session = m_bridge->session();
    // In notebook order, so that a run of several edits is scheduled as the file reads.
    for (const Entry& e : m_cells) {
        if (!dirty.contains(e.key))
            continue;
        const std::string text = toStdString(e.text);
        const notebook::Cell* cell = session.notebook().find(e.id);
        if (cell && cell->source() != text)
            session.edit(e.id, text);
    }
}

void NotebookModel::onState(quint64 id, int state) {
    Entry* e = entryForId(id);
    if (!e)
        return;
    e->state = notebook::CellState(state);
    if (e->state == notebook::CellState::Running || e->state == notebook::CellState::Queued)
        e->progress = -1;
    Q_EMIT stateChanged(e->key);
}

void NotebookModel::onOutputs(quint64 id) {
    Entry* e = entryForId(id);
    if (!e)
        return;
    e->outputs = m_bridge->session().outputs(id);
    e->notes = m_bridge->session().notes(id);
    Q_EMIT outputsChanged(e->key);
}

void NotebookModel::onProgress(quint64 id, double fraction) {
    Entry* e = entryForId(id);
    if (!e)
        return;
    e->progress = fraction;
    Q_EMIT progressed(e->key, fraction);
}

void NotebookModel::onIdle() {
    if (m_syncWhenIdle && !busy()) {
        m_syncWhenIdle = false;
        flush();
    }
    Q_EMIT idle();
}

}  // namespace lemma::widgets
