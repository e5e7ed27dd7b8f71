// .npy and .csv readers and the check that keeps data files inside the notebook's folder.
#include "engine/math/DataFiles.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "engine/core/Error.h"

namespace lemma::math {

namespace fs = std::filesystem;

namespace {

// Data files larger than this are refused rather than read into memory.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t(1) << 30;
// The language's limit on a matrix dimension (lang::kMaxDimension, which math cannot include).
constexpr std::uint64_t kMaxDimension = std::uint64_t(1) << 28;

std::string displayName(const fs::path& file, const std::string& name) {
    return name.empty() ? file.filename().string() : name;
}

std::string readWholeFile(const fs::path& file, const std::string& name) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) {
        throw Error(name + ": cannot open file");
    }
    if (size > kMaxFileBytes) {
        throw Error(name + ": the file is larger than 1 GiB");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(name + ": cannot open file");
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        throw Error(name + ": cannot read file");
    }
    return bytes;
}

// ---- .npy header: a Python dict literal such as
// {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }

struct HeaderValue {
    enum class Kind { String, Bool, Tuple, Other };
    Kind kind = Kind::Other;
    std::string text;  // String: the contents; Other: the raw source
    bool flag = false;
    std::vector<std::uint64_t> tuple;
};

class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string& name) : m_text(text), m_name(name) {}

    std::vector<std::pair<std::string, HeaderValue>> parseDict() {
        std::vector<std::pair<std::string, HeaderValue>> entries;
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') {
                ++m_pos;
                return entries;
            }
            std::string key = parseString();
            expect(':');
            HeaderValue value = parseValue();
            entries.emplace_back(std::move(key), std::move(value));
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() != '}') {
                fail("expected ',' or '}'");
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(m_name + ": malformed header (" + what + ")");
    }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
            ++m_pos;
        }
    }
    void expect(char c) {
        skipSpace();
        if (peek() != c) {
            fail(std::string("expected '") + c + "'");
        }
        ++m_pos;
    }
    std::string parseString() {
        skipSpace();
        const char quote = peek();
        if (quote != '\'' && quote != '"') {
            fail("expected a quoted key");
        }
        const std::size_t end = m_text.find(quote, m_pos + 1);
        if (end == std::string_view::npos) {
            fail("unterminated string");
        }
        std::string s(m_text.substr(m_pos + 1, end - m_pos - 1));
        m_pos = end + 1;
        return s;
    }
    HeaderValue parseValue() {
        skipSpace();
        HeaderValue v;
        const char c = peek();
        if (c == '\'' || c == '"') {
            v.kind = HeaderValue::Kind::String;
            v.text = parseString();
        } else if (m_text.substr(m_pos, 4) == "True") {
            v.kind = HeaderValue::Kind::Bool;
            v.flag = true;
            m_pos += 4;
        } else if (m_text.substr(m_pos, 5) == "False") {
            v.kind = HeaderValue::Kind::Bool;
            m_pos += 5;
        } else if (c == '(') {
            v.kind = HeaderValue::Kind::Tuple;
            v.tuple = parseTuple();
        } else {
            v.text = skipOther();
        }
        return v;
    }
    std::vector<std::uint64_t> parseTuple() {
        std::vector<std::uint64_t> items;
        expect('(');
        while (true) {
            skipSpace();
            if (peek() == ')') {
                ++m_pos;
                return items;
            }
            std::uint64_t n = 0;
            const auto [end, ec] =
                std::from_chars(m_text.data() + m_pos, m_text.data() + m_text.size(), n);
            if (ec != std::errc()) {
                fail("a shape entry is not a non-negative integer");
            }
            m_pos = static_cast<std::size_t>(end - m_text.data());
            items.push_back(n);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
            } else if (peek() != ')') {
                fail("expected ',' or ')' in the shape");
            }
        }
    }
    // A value we do not interpret (a structured dtype's list): skipped up to the ',' or '}'
    // that ends it at bracket depth 0.
    std::string skipOther() {
        const std::size_t start = m_pos;
        int depth = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '[' || c == '(' || c == '{') {
                ++depth;
            } else if (c == ']' || c == ')' || c == '}') {
                if (depth == 0) {
                    break;
                }
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            } else if (c == '\'' || c == '"') {
                const std::size_t end = m_text.find(c, m_pos + 1);
                if (end == std::string_view::npos) {
                    fail("unterminated string");
                }
                m_pos = end;
            }
            ++m_pos;
        }
        return std::string(m_text.substr(start, m_pos - start));
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const std::string& m_name;
};

std::string shapeText(const std::vector<std::uint64_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        s += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return s + (shape.size() == 1 ? ",)" : ")");
}

template <typename T>
T loadScalar(const char* p, bool swap) {
    using Bits = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
    Bits bits;
    std::memcpy(&bits, p, sizeof bits);
    if (swap) {
        if constexpr (sizeof(T) == 8) {
            bits = __builtin_bswap64(bits);
        } else {
            bits = __builtin_bswap32(bits);
        }
    }
    return std::bit_cast<T>(bits);
}

// ---- CSV

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<double> parseNumber(std::string_view s) {
    if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+') {
        s.remove_prefix(1);
    }
    double x = 0.0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
        return std::nullopt;
    }
    return x;
}

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(trim(line.substr(start, comma - start)));
        if (comma == std::string_view::npos) {
            return fields;
        }
        start = comma + 1;
    }
}

bool isInside(const fs::path& root, const fs::path& candidate) {
    auto r = root.begin();
    auto c = candidate.begin();
    for (; r != root.end(); ++r, ++c) {
        if (r->empty()) {
            continue;  // a trailing separator
        }
        if (c == candidate.end() || *r != *c) {
            return false;
        }
    }
    return true;
}

}  // namespace

arma::mat readNpy(const fs::path& file, const std::string& nameOrEmpty) {
    const std::string name = displayName(file, nameOrEmpty);
    return parseNpy(readWholeFile(file, name), name);
}

arma::mat parseNpy(std::string_view bytes, const std::string& name) {
    if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) {
        throw Error(name + ": not a .npy file (bad magic string)");
    }
    const auto major = static_cast<unsigned char>(bytes[6]);
    const auto minor = static_cast<unsigned char>(bytes[7]);
    std::size_t headerLength = 0;
    std::size_t headerStart = 0;
    if (major == 1) {
        headerLength = static_cast<unsigned char>(bytes[8]) |
                       static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) {
            throw Error(name + ": truncated header");
        }
        for (int i = 3; i >= 0; --i) {
            headerLength = headerLength << 8 | static_cast<unsigned char>(bytes[8 + i]);
        }
        headerStart = 12;
    } else {
        throw Error(name + ": unsupported .npy format version " + std::to_string(major) + "." +
                    std::to_string(minor) + " (only 1.0, 2.0 and 3.0)");
    }
    if (bytes.size() - headerStart < headerLength) {
        throw Error(name + ": truncated header");
    }
    const std::string_view header(bytes.data() + headerStart, headerLength);
    HeaderParser parser(header, name);
    const auto entries = parser.parseDict();
    auto find = [&](std::string_view key) -> const HeaderValue& {
        for (const auto& [k, v] : entries) {
            if (k == key) {
                return v;
            }
        }
        throw Error(name + ": malformed header (no '" + std::string(key) + "')");
    };
    const HeaderValue& descr = find("descr");
    const HeaderValue& order = find("fortran_order");
    const HeaderValue& shapeValue = find("shape");

    if (descr.kind != HeaderValue::Kind::String) {
        throw Error(name + ": unsupported dtype " + descr.text + " (only float32 and float64)");
    }
    const std::string& dtype = descr.text;
    const bool knownOrder =
        dtype.size() == 3 && (dtype[0] == '<' || dtype[0] == '>' || dtype[0] == '=');
    if (!knownOrder || dtype[1] != 'f' || (dtype[2] != '8' && dtype[2] != '4')) {
        throw Error(name + ": unsupported dtype '" + dtype + "' (only float32 and float64)");
    }
    const std::size_t itemSize = dtype[2] == '8' ? 8 : 4;
    const bool bigEndianData = dtype[0] == '>';
    const bool swap = dtype[0] != '=' && bigEndianData != (std::endian::native == std::endian::big);

    if (order.kind != HeaderValue::Kind::Bool) {
        throw Error(name + ": malformed header ('fortran_order' is not True or False)");
    }
    if (shapeValue.kind != HeaderValue::Kind::Tuple) {
        throw Error(name + ": malformed header ('shape' is not a tuple)");
    }
    const std::vector<std::uint64_t>& shape = shapeValue.tuple;
    if (shape.size() > 2) {
        throw Error(name + ": unsupported shape " + shapeText(shape) +
                    " (only scalars, vectors and matrices)");
    }
    const std::uint64_t rows = shape.empty() ? 1 : shape[0];
    const std::uint64_t cols = shape.size() < 2 ? 1 : shape[1];
    // Even an empty matrix: a 0×6e18 shape holds no data, but walking its columns (the
    // transpose below, any later display) would not end.
    if (rows > kMaxDimension || cols > kMaxDimension) {
        throw Error(name + ": shape " + shapeText(shape) +
                    " is too large (a dimension may be at most " + std::to_string(kMaxDimension) +
                    ")");
    }
    const std::size_t available = bytes.size() - headerStart - headerLength;
    // Dividing instead of multiplying keeps an absurd shape from overflowing the check.
    if ((cols != 0 && rows > available / itemSize / cols) || rows * cols * itemSize > available) {
        const std::string expected =
            rows < (std::uint64_t(1) << 40) && cols < (std::uint64_t(1) << 20)
                ? std::to_string(rows * cols * itemSize)
                : "more than " + std::to_string(available);
        throw Error(name + ": truncated data (expected " + expected + " bytes, found " +
                    std::to_string(available) + ")");
    }

    // C order stores row by row: read it as the transpose, column by column.
    const bool fortran = order.flag;
    arma::mat m(fortran ? rows : cols, fortran ? cols : rows);
    const char* data = bytes.data() + headerStart + headerLength;
    double* out = m.memptr();
    for (arma::uword i = 0; i < m.n_elem; ++i) {
        const char* p = data + i * itemSize;
        out[i] = itemSize == 8 ? loadScalar<double>(p, swap)
                               : static_cast<double>(loadScalar<float>(p, swap));
    }
    if (!fortran) {
        arma::inplace_trans(m);
    }
    return m;
}

arma::mat readCsv(const fs::path& file, const std::string& nameOrEmpty) {
    const std::string name = displayName(file, nameOrEmpty);
    return parseCsv(readWholeFile(file, name), name);
}

arma::mat parseCsv(std::string_view bytes, const std::string& name) {
    std::string_view text = bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);  // a UTF-8 byte order mark
    }
    std::vector<double> values;
    std::size_t width = 0;
    std::size_t widthLine = 0;
    std::size_t rows = 0;
    bool seenContent = false;
    std::size_t lineNumber = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t newline = text.find('\n', start);
        const std::string_view line = text.substr(start, newline - start);
        start = newline == std::string_view::npos ? text.size() + 1 : newline + 1;
        ++lineNumber;
        if (trim(line).empty()) {
            continue;
        }
        const std::vector<std::string_view> fields = splitFields(line);
        std::vector<double> row;
        row.reserve(fields.size());
        std::size_t bad = 0;
        for (std::size_t f = 0; f < fields.size() && bad == 0; ++f) {
            const std::optional<double> x = parseNumber(fields[f]);
            if (x) {
                row.push_back(*x);
            } else {
                bad = f + 1;
            }
        }
        const bool first = !seenContent;
        seenContent = true;
        if (bad != 0) {
            // A header names its columns: some field holds text. A first line of numbers with
            // a field left empty is data with a hole, and says so.
            bool text = false;
            for (const auto f : fields)
                text = text || (!trim(f).empty() && !parseNumber(f));
            if (first && text) {
                continue;  // a header line
            }
            const std::string_view field = fields[bad - 1];
            throw Error(name + ": line " + std::to_string(lineNumber) + ", field " +
                        std::to_string(bad) +
                        (field.empty() ? std::string(" is empty")
                                       : ": '" + std::string(field) + "' is not a number"));
        }
        if (rows == 0) {
            width = row.size();
            widthLine = lineNumber;
        } else if (row.size() != width) {
            throw Error(name + ": line " + std::to_string(lineNumber) + " has " +
                        std::to_string(row.size()) + " fields but line " +
                        std::to_string(widthLine) + " has " + std::to_string(width));
        }
        values.insert(values.end(), row.begin(), row.end());
        ++rows;
    }
    if (rows == 0) {
        throw Error(name + ": no numbers (the file is empty or has only a header)");
    }
    // values is row-major: build the transpose, then turn it.
    arma::mat m(values.data(), width, rows);
    arma::inplace_trans(m);
    return m;
}

fs::path resolveDataPath(const fs::path& base, const std::string& name) {
    if (base.empty()) {
        throw Error("load: the notebook has no folder yet (save it first)");
    }
    if (name.empty()) {
        throw Error("load: the file name is empty");
    }
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(base, ec);
    if (ec) {
        throw Error("load: cannot read the notebook's folder");
    }
    fs::path candidate(name);
    if (candidate.is_relative()) {
        candidate = root / candidate;
    }
    const fs::path resolved = fs::weakly_canonical(candidate, ec);
    if (ec || !isInside(root, resolved)) {
        throw Error("load: '" + name + "' is outside the notebook's folder");
    }
    if (!fs::exists(resolved, ec)) {
        throw Error("load: cannot find '" + name + "' in the notebook's folder");
    }
    if (!fs::is_regular_file(resolved, ec)) {
        throw Error("load: '" + name + "' is not a file");
    }
    return resolved;
}

arma::mat loadDataFile(const fs::path& base, const std::string& name) {
    const fs::path file = resolveDataPath(base, name);
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    try {
        if (extension == ".npy") {
            return readNpy(file, name);
        }
        if (extension == ".csv") {
            return readCsv(file, name);
        }
    } catch (const Error& e) {
        throw Error(std::string("load: ") + e.what());
    }
    throw Error("load: '" + name + "' has an unsupported extension (use .npy or .csv)");
}

}  // namespace lemma::math
