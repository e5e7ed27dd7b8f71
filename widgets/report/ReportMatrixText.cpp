// A real matrix as a report prints it (see ReportMatrixText.h).
#include "widgets/report/ReportMatrixText.h"

#include <QStringList>

#include <algorithm>
#include <armadillo>
#include <vector>

#include "engine/output/Display.h"

namespace lemma::widgets {

namespace {

// "  " before each entry, as the engine's text has it.
constexpr int kIndent = 2;

int unsignedLength(const std::string& s) {
    return int(!s.empty() && s[0] == '-' ? s.size() - 1 : s.size());
}

}  // namespace

QString ReportMatrixText::text(const std::string& name, const lang::Value& value, int maxChars,
                               int maxRows) {
    if (!value.isReal() || value.isBool() || value.numel() < 2)
        return {};
    const arma::mat& m = value.real();
    const output::EntryFormat format = output::entryFormat(value);
    const int rows = int(std::min<arma::uword>(m.n_rows, arma::uword(std::max(1, maxRows))));
    std::vector<std::vector<std::string>> cells(static_cast<std::size_t>(rows));
    int width = 0;
    for (int i = 0; i < rows; ++i) {
        for (arma::uword j = 0; j < m.n_cols; ++j) {
            cells[std::size_t(i)].push_back(output::formatEntry(m(arma::uword(i), j), format));
            width = std::max(width, unsignedLength(cells[std::size_t(i)].back()));
        }
    }
    // One more for a minus sign; the columns that fit, leaving room for "  ..." when some don't.
    const int column = kIndent + width + 1;
    int cols = int(m.n_cols);
    if (cols * column > maxChars)
        cols = std::max(1, (maxChars - kIndent - 3) / column);
    const bool moreCols = cols < int(m.n_cols);
    const bool moreRows = rows < int(m.n_rows);

    QString out = QString::fromStdString(name) + QStringLiteral(" =\n\n");
    const std::string scale = output::scaleFactorText(format);
    if (!scale.empty())
        out += QStringLiteral("  ") + QString::fromStdString(scale) + QStringLiteral("\n\n");
    for (const auto& row : cells) {
        QString line;
        for (int j = 0; j < cols; ++j)
            line += QString::fromStdString(row[std::size_t(j)])
                        .rightJustified(column, QLatin1Char(' '));
        if (moreCols)
            line += QStringLiteral("  ...");
        out += line + QLatin1Char('\n');
    }
    if (moreRows)
        out += QStringLiteral("  ...\n");
    if (moreRows || moreCols) {
        QStringList shown;
        if (moreRows)
            shown << QStringLiteral("the first %1 of %2 rows").arg(rows).arg(m.n_rows);
        if (moreCols)
            shown << QStringLiteral("%1 of %2 columns").arg(cols).arg(m.n_cols);
        out += QStringLiteral("  (%1: showing %2)\n")
                   .arg(QString::fromStdString(lang::shapeString(m.n_rows, m.n_cols)),
                        shown.join(QStringLiteral(" and ")));
    }
    return out + QLatin1Char('\n');
}

}  // namespace lemma::widgets
