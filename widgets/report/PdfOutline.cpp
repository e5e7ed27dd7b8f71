// PDF outline bookmarks as an incremental update (see PdfOutline.h).
//
// The reader is deliberately small: it knows the classic cross-reference table, direct
// dictionaries and arrays, names, numbers, strings and references, which is everything the
// catalog, the trailer and the page tree of a QPdfWriter file are made of. Anything else (a
// cross-reference stream, encryption, an object it cannot find) is an error, not a guess.
#include "widgets/report/PdfOutline.h"

#include <QList>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <utility>

namespace lemma::widgets {

namespace {

struct Failure {
    QString message;
};

[[noreturn]] void fail(const QString& message) {
    throw Failure{message};
}

struct Ref {
    int num = 0;
    int gen = 0;
    bool operator<(const Ref& o) const { return std::pair(num, gen) < std::pair(o.num, o.gen); }
};

// A dictionary's entries in order: the key with its slash, the value's bytes as written.
using Dict = std::vector<std::pair<QByteArray, QByteArray>>;

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool isDelimiter(char c) {
    return std::strchr("()<>[]{}/%", c) != nullptr;
}

class Reader {
public:
    explicit Reader(const QByteArray& pdf) : m_pdf(pdf) {}

    // Skips white space and comments from `pos`.
    qsizetype skipSpace(qsizetype pos) const {
        while (pos < m_pdf.size()) {
            if (isSpace(m_pdf[pos])) {
                ++pos;
            } else if (m_pdf[pos] == '%') {
                while (pos < m_pdf.size() && m_pdf[pos] != '\n' && m_pdf[pos] != '\r')
                    ++pos;
            } else {
                break;
            }
        }
        return pos;
    }

    // A bare token (a number, a keyword) at `pos`.
    QByteArray token(qsizetype& pos) const {
        pos = skipSpace(pos);
        const qsizetype start = pos;
        while (pos < m_pdf.size() && !isSpace(m_pdf[pos]) && !isDelimiter(m_pdf[pos]))
            ++pos;
        return m_pdf.mid(start, pos - start);
    }

    long long integer(qsizetype& pos, const char* what) const {
        const qsizetype at = skipSpace(pos);
        bool ok = false;
        const long long v = token(pos).toLongLong(&ok);
        if (!ok)
            fail(QStringLiteral("expected %1 at byte %2").arg(QLatin1String(what)).arg(at));
        return v;
    }

    bool startsWith(qsizetype pos, const char* text) const {
        const auto n = qsizetype(std::strlen(text));
        return pos + n <= m_pdf.size() && std::memcmp(m_pdf.constData() + pos, text, n) == 0;
    }

    // The end of the value starting at `pos` (after skipping space); a reference "n g R" counts
    // as one value.
    qsizetype skipValue(qsizetype pos, int depth = 0) const {
        if (depth > 64)
            fail(QStringLiteral("objects nested too deeply"));
        pos = skipSpace(pos);
        if (pos >= m_pdf.size())
            fail(QStringLiteral("the file ends inside an object"));
        const char c = m_pdf[pos];
        if (startsWith(pos, "<<")) {
            pos += 2;
            while (true) {
                pos = skipSpace(pos);
                if (startsWith(pos, ">>"))
                    return pos + 2;
                pos = skipValue(pos, depth + 1);
            }
        }
        if (c == '[') {
            ++pos;
            while (true) {
                pos = skipSpace(pos);
                if (pos < m_pdf.size() && m_pdf[pos] == ']')
                    return pos + 1;
                pos = skipValue(pos, depth + 1);
            }
        }
        if (c == '(') {
            int open = 0;
            for (; pos < m_pdf.size(); ++pos) {
                const char d = m_pdf[pos];
                if (d == '\\')
                    ++pos;
                else if (d == '(')
                    ++open;
                else if (d == ')' && --open == 0)
                    return pos + 1;
            }
            fail(QStringLiteral("a string runs to the end of the file"));
        }
        if (c == '<') {
            const qsizetype end = m_pdf.indexOf('>', pos);
            if (end < 0)
                fail(QStringLiteral("a hex string runs to the end of the file"));
            return end + 1;
        }
        if (c == '/') {
            ++pos;
            while (pos < m_pdf.size() && !isSpace(m_pdf[pos]) && !isDelimiter(m_pdf[pos]))
                ++pos;
            return pos;
        }
        if (c == ')' || c == '>' || c == ']' || c == '{' || c == '}')
            fail(QStringLiteral("unexpected '%1' at byte %2").arg(QLatin1Char(c)).arg(pos));
        // A number, a keyword (true, false, null), or a reference "n g R".
        qsizetype end = pos;
        const QByteArray first = token(end);
        bool isInt = false;
        first.toLongLong(&isInt);
        if (isInt) {
            qsizetype p = end;
            bool genOk = false;
            token(p).toLongLong(&genOk);
            if (genOk && token(p) == "R")
                return p;
        }
        return end;
    }

    Dict dict(qsizetype pos) const {
        pos = skipSpace(pos);
        if (!startsWith(pos, "<<"))
            fail(QStringLiteral("expected a dictionary at byte %1").arg(pos));
        pos += 2;
        Dict out;
        while (true) {
            pos = skipSpace(pos);
            if (startsWith(pos, ">>"))
                return out;
            if (pos >= m_pdf.size() || m_pdf[pos] != '/')
                fail(QStringLiteral("expected a name in the dictionary at byte %1").arg(pos));
            const qsizetype keyEnd = skipValue(pos);
            const QByteArray key = m_pdf.mid(pos, keyEnd - pos);
            const qsizetype valueStart = skipSpace(keyEnd);
            const qsizetype valueEnd = skipValue(valueStart);
            out.emplace_back(key, m_pdf.mid(valueStart, valueEnd - valueStart));
            pos = valueEnd;
        }
    }

private:
    const QByteArray& m_pdf;
};

const QByteArray* find(const Dict& d, const char* key) {
    for (const auto& [k, v] : d) {
        if (k == key)
            return &v;
    }
    return nullptr;
}

// The references and numbers of an array or a single value, as plain tokens.
QList<QByteArray> tokens(QByteArray value) {
    value.replace('[', ' ').replace(']', ' ');
    return value.simplified().split(' ');
}

Ref parseRef(const QByteArray* value, const QString& what) {
    if (!value)
        fail(QStringLiteral("%1 is missing").arg(what));
    const auto t = tokens(*value);
    bool a = false;
    bool b = false;
    Ref r{t.value(0).toInt(&a), t.value(1).toInt(&b)};
    if (t.size() != 3 || !a || !b || t[2] != "R")
        fail(QStringLiteral("%1 is not a reference").arg(what));
    return r;
}

std::vector<Ref> parseRefs(const QByteArray& value, const QString& what) {
    if (!value.trimmed().startsWith('['))
        fail(QStringLiteral("%1 is not an array").arg(what));
    const auto t = tokens(value);
    std::vector<Ref> out;
    if (t.size() == 1 && t[0].isEmpty())
        return out;
    if (t.size() % 3 != 0)
        fail(QStringLiteral("%1 is not an array of references").arg(what));
    for (qsizetype i = 0; i < t.size(); i += 3) {
        bool a = false;
        bool b = false;
        out.push_back({t[i].toInt(&a), t[i + 1].toInt(&b)});
        if (!a || !b || t[i + 2] != "R")
            fail(QStringLiteral("%1 is not an array of references").arg(what));
    }
    return out;
}

class Document {
public:
    explicit Document(const QByteArray& pdf) : m_pdf(pdf), m_reader(pdf) { readXref(); }

    const Dict& trailer() const { return m_trailer; }
    qsizetype lastXref() const { return m_lastXref; }

    Dict object(Ref ref) const {
        const auto it = m_offsets.find(ref.num);
        if (it == m_offsets.end() || it->second.second != ref.gen)
            fail(QStringLiteral("object %1 %2 is not in the cross-reference table")
                     .arg(ref.num)
                     .arg(ref.gen));
        qsizetype pos = it->second.first;
        const long long num = m_reader.integer(pos, "an object number");
        const long long gen = m_reader.integer(pos, "a generation number");
        if (num != ref.num || gen != ref.gen || m_reader.token(pos) != "obj")
            fail(QStringLiteral("object %1 %2 is not where the cross-reference table says")
                     .arg(ref.num)
                     .arg(ref.gen));
        return m_reader.dict(pos);
    }

    // The pages in order, each with the top and left of its media box.
    struct Page {
        Ref ref;
        double left = 0;
        double top = 0;
    };
    std::vector<Page> pages(Ref root) const {
        std::vector<Page> out;
        std::set<int> seen;
        const Dict catalog = object(root);
        walk(parseRef(find(catalog, "/Pages"), QStringLiteral("the catalog's /Pages")), nullptr, 0,
             seen, out);
        return out;
    }

private:
    void walk(Ref node, const QByteArray* inheritedBox, int depth, std::set<int>& seen,
              std::vector<Page>& out) const {
        if (depth > 32 || !seen.insert(node.num).second)
            fail(QStringLiteral("the page tree loops or is too deep"));
        const Dict d = object(node);
        const QByteArray* box = find(d, "/MediaBox");
        if (!box)
            box = inheritedBox;
        const QByteArray* type = find(d, "/Type");
        if (type && *type == "/Pages") {
            const QByteArray* kids = find(d, "/Kids");
            if (!kids)
                fail(QStringLiteral("page tree node %1 has no /Kids").arg(node.num));
            for (const Ref& kid : parseRefs(*kids, QStringLiteral("/Kids")))
                walk(kid, box, depth + 1, seen, out);
            return;
        }
        if (!type || *type != "/Page")
            fail(QStringLiteral("object %1 in the page tree is neither /Page nor /Pages")
                     .arg(node.num));
        if (!box)
            fail(QStringLiteral("page object %1 has no /MediaBox").arg(node.num));
        const auto t = tokens(*box);
        bool ok[4] = {};
        const double x0 = t.value(0).toDouble(&ok[0]);
        const double y0 = t.value(1).toDouble(&ok[1]);
        const double x1 = t.value(2).toDouble(&ok[2]);
        const double y1 = t.value(3).toDouble(&ok[3]);
        if (t.size() != 4 || !ok[0] || !ok[1] || !ok[2] || !ok[3])
            fail(QStringLiteral("page object %1 has an unreadable /MediaBox").arg(node.num));
        out.push_back({node, std::min(x0, x1), std::max(y0, y1)});
    }

    void readXref() {
        const qsizetype tail = std::max<qsizetype>(0, m_pdf.size() - 1024);
        const qsizetype at = m_pdf.lastIndexOf("startxref");
        if (at < tail)
            fail(QStringLiteral("no startxref at the end of the file"));
        qsizetype pos = at + 9;
        m_lastXref = qsizetype(m_reader.integer(pos, "the startxref offset"));
        qsizetype section = m_lastXref;
        std::set<qsizetype> visited;
        bool first = true;
        while (section >= 0) {
            if (section >= m_pdf.size() || !visited.insert(section).second)
                fail(QStringLiteral("a cross-reference offset points outside the file"));
            Dict trailer = readSection(section);
            if (find(trailer, "/Encrypt"))
                fail(QStringLiteral("the file is encrypted"));
            if (find(trailer, "/XRefStm"))
                fail(QStringLiteral("the file has a cross-reference stream"));
            const QByteArray* prev = find(trailer, "/Prev");
            section = prev ? qsizetype(prev->trimmed().toLongLong()) : -1;
            if (first)
                m_trailer = std::move(trailer);
            first = false;
        }
    }

    // Reads one classic cross-reference section at `pos` (entries already known from a newer
    // section win) and returns its trailer.
    Dict readSection(qsizetype pos) {
        pos = m_reader.skipSpace(pos);
        if (!m_reader.startsWith(pos, "xref"))
            fail(
                QStringLiteral("the cross-reference data is not a classic xref table (a "
                               "cross-reference stream?)"));
        pos += 4;
        while (true) {
            qsizetype peek = pos;
            const QByteArray t = m_reader.token(peek);
            if (t == "trailer")
                return m_reader.dict(peek);
            const long long start = m_reader.integer(pos, "a cross-reference subsection");
            const long long count = m_reader.integer(pos, "a cross-reference count");
            if (start < 0 || count < 0 || count > m_pdf.size() / 18)
                fail(QStringLiteral("a cross-reference subsection is out of range"));
            for (long long i = 0; i < count; ++i) {
                const long long offset = m_reader.integer(pos, "a cross-reference offset");
                const long long gen = m_reader.integer(pos, "a cross-reference generation");
                const QByteArray kind = m_reader.token(pos);
                if (kind != "n" && kind != "f")
                    fail(QStringLiteral("a cross-reference entry is neither n nor f"));
                if (kind == "n" && offset >= m_pdf.size())
                    fail(QStringLiteral("a cross-reference entry points outside the file"));
                const int num = int(start + i);
                if (kind == "n" && !m_offsets.count(num))
                    m_offsets[num] = {qsizetype(offset), int(gen)};
                else if (kind == "f")
                    m_offsets.emplace(num, std::pair<qsizetype, int>(-1, -1));
            }
        }
    }

    const QByteArray& m_pdf;
    Reader m_reader;
    std::map<int, std::pair<qsizetype, int>> m_offsets;  // number → (offset, generation)
    Dict m_trailer;
    qsizetype m_lastXref = 0;
};

QByteArray number(double v) {
    QByteArray s = QByteArray::number(v, 'f', 2);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s;
}

QByteArray ref(int num, int gen = 0) {
    return QByteArray::number(num) + ' ' + QByteArray::number(gen) + " R";
}

QByteArray xrefEntry(qsizetype offset, int gen) {
    return QByteArray::number(offset).rightJustified(10, '0') + ' ' +
           QByteArray::number(gen).rightJustified(5, '0') + " n \n";
}

}  // namespace

QByteArray PdfOutline::textString(const QString& text) {
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() >= 0x20 && c.unicode() < 0x7f;
    if (ascii) {
        QByteArray out = "(";
        for (const QChar c : text) {
            if (c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('\\'))
                out += '\\';
            out += char(c.unicode());
        }
        return out + ')';
    }
    QByteArray utf16 = "\xFE\xFF";
    for (const QChar c : text) {
        utf16 += char(c.unicode() >> 8);
        utf16 += char(c.unicode() & 0xff);
    }
    return '<' + utf16.toHex() + '>';
}

QString PdfOutline::append(QByteArray& pdf, const std::vector<PdfOutlineEntry>& entries) {
    if (entries.empty())
        return {};
    try {
        const Document doc(pdf);
        const Dict& trailer = doc.trailer();
        const Ref root = parseRef(find(trailer, "/Root"), QStringLiteral("the trailer's /Root"));
        const QByteArray* sizeValue = find(trailer, "/Size");
        bool sizeOk = false;
        const int size = sizeValue ? sizeValue->trimmed().toInt(&sizeOk) : 0;
        if (!sizeOk || size <= 0)
            fail(QStringLiteral("the trailer has no /Size"));
        const Dict catalog = doc.object(root);
        const auto pages = doc.pages(root);

        // The tree: each entry's parent is the nearest earlier entry of a lower level.
        const int n = int(entries.size());
        std::vector<int> parent(std::size_t(n), -1);
        std::vector<std::vector<int>> children(std::size_t(n) + 1);  // [n]: the top level
        std::vector<int> stack;
        for (int i = 0; i < n; ++i) {
            const auto& e = entries[std::size_t(i)];
            if (e.page < 0 || e.page >= int(pages.size()))
                fail(QStringLiteral("bookmark \"%1\" is on page %2 of %3")
                         .arg(e.title)
                         .arg(e.page + 1)
                         .arg(pages.size()));
            while (!stack.empty() && entries[std::size_t(stack.back())].level >= e.level)
                stack.pop_back();
            parent[std::size_t(i)] = stack.empty() ? -1 : stack.back();
            children[stack.empty() ? std::size_t(n) : std::size_t(stack.back())].push_back(i);
            stack.push_back(i);
        }
        // Every item open: an item's /Count is the number of its descendants.
        std::vector<int> descendants(std::size_t(n), 0);
        for (int i = n - 1; i >= 0; --i) {
            if (parent[std::size_t(i)] >= 0)
                descendants[std::size_t(parent[std::size_t(i)])] += descendants[std::size_t(i)] + 1;
        }

        const int outlines = size;
        auto item = [outlines](int i) { return outlines + 1 + i; };
        QByteArray update;
        if (!pdf.endsWith('\n') && !pdf.endsWith('\r'))
            update += '\n';
        std::vector<std::pair<int, qsizetype>> written;  // object number → offset
        auto begin = [&](int num, int gen = 0) {
            written.emplace_back(num, pdf.size() + update.size());
            update += QByteArray::number(num) + ' ' + QByteArray::number(gen) + " obj\n<<\n";
        };
        auto end = [&] { update += ">>\nendobj\n"; };

        // The catalog, with every entry it had.
        begin(root.num, root.gen);
        for (const auto& [key, value] : catalog) {
            if (key != "/Outlines" && key != "/PageMode")
                update += key + ' ' + value + '\n';
        }
        update += "/Outlines " + ref(outlines) + "\n/PageMode /UseOutlines\n";
        end();

        const auto& top = children[std::size_t(n)];
        begin(outlines);
        update += "/Type /Outlines\n/First " + ref(item(top.front())) + "\n/Last " +
                  ref(item(top.back())) + "\n/Count " + QByteArray::number(n) + '\n';
        end();
        for (int i = 0; i < n; ++i) {
            const auto& e = entries[std::size_t(i)];
            const int p = parent[std::size_t(i)];
            const auto& siblings = children[p < 0 ? std::size_t(n) : std::size_t(p)];
            const auto at = std::find(siblings.begin(), siblings.end(), i) - siblings.begin();
            const auto& page = pages[std::size_t(e.page)];
            begin(item(i));
            update += "/Title " + textString(e.title) + "\n/Parent " +
                      ref(p < 0 ? outlines : item(p)) + '\n';
            if (at > 0)
                update += "/Prev " + ref(item(siblings[std::size_t(at - 1)])) + '\n';
            if (std::size_t(at) + 1 < siblings.size())
                update += "/Next " + ref(item(siblings[std::size_t(at + 1)])) + '\n';
            const auto& kids = children[std::size_t(i)];
            if (!kids.empty()) {
                update += "/First " + ref(item(kids.front())) + "\n/Last " +
                          ref(item(kids.back())) + "\n/Count " +
                          QByteArray::number(descendants[std::size_t(i)]) + '\n';
            }
            update += "/Dest [" + ref(page.ref.num, page.ref.gen) + " /XYZ " +
                      number(page.left + e.left) + ' ' + number(page.top - e.top) + " null]\n";
            end();
        }

        // The cross-reference section: the catalog, then the new objects in one run.
        const qsizetype xref = pdf.size() + update.size();
        update += "xref\n" + QByteArray::number(root.num) + " 1\n" +
                  xrefEntry(written.front().second, root.gen) + QByteArray::number(outlines) + ' ' +
                  QByteArray::number(n + 1) + '\n';
        for (std::size_t i = 1; i < written.size(); ++i)
            update += xrefEntry(written[i].second, 0);
        update += "trailer\n<<\n/Size " + QByteArray::number(outlines + 1 + n) + '\n';
        for (const auto& [key, value] : trailer) {
            if (key != "/Size" && key != "/Prev")
                update += key + ' ' + value + '\n';
        }
        update += "/Prev " + QByteArray::number(doc.lastXref()) + "\n>>\nstartxref\n" +
                  QByteArray::number(xref) + "\n%%EOF\n";
        pdf += update;
        return {};
    } catch (const Failure& f) {
        return f.message;
    }
}

}  // namespace lemma::widgets
