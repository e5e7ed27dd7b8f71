// A matrix value as a table model (see MatrixModel.h).
#include "widgets/output/MatrixModel.h"
#include "widgets/notebook/Theme.h"

#include <QFontDatabase>
#include <QStringList>
#include <algorithm>

namespace lemma::widgets {

namespace {

QString number(double x, const output::EntryFormat& f) {
    return QString::fromStdString(output::formatEntry(x, f));
}

QString full(double x) {
    return QString::fromStdString(output::fullPrecision(x));
}

// "1 + 2i", "1 − 2i" from the parts' texts.
QString complexText(double im, const QString& reText, const QString& imText) {
    QString magnitude = imText;
    if (magnitude.startsWith(QLatin1Char('-')))
        magnitude.remove(0, 1);
    return reText + (im < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) + magnitude +
           QLatin1Char('i');
}

// 3000000000 as "3,000,000,000" whatever the locale.
QString grouped(qulonglong n) {
    QString digits = QString::number(n);
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QLatin1Char(','));
    return digits;
}

}  // namespace

MatrixModel::MatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void MatrixModel::setValue(lang::Value value, output::NumberStyle style) {
    beginResetModel();
    m_value = std::move(value);
    m_format = m_value.isNumeric() ? output::entryFormat(m_value, style) : output::EntryFormat{};
    endResetModel();
}

int MatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::min<arma::uword>(m_value.rows(), kMaxRows));
}

int MatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::min<arma::uword>(m_value.cols(), kMaxColumns));
}

QString MatrixModel::truncationNote() const {
    const auto part = [](arma::uword total, int shown, const QString& what) {
        return QStringLiteral("the first %1 of %2 %3")
            .arg(grouped(qulonglong(shown)), grouped(qulonglong(total)), what);
    };
    QStringList parts;
    if (m_value.rows() > arma::uword(kMaxRows))
        parts << part(m_value.rows(), kMaxRows, QStringLiteral("rows"));
    if (m_value.cols() > arma::uword(kMaxColumns))
        parts << part(m_value.cols(), kMaxColumns, QStringLiteral("columns"));
    if (parts.isEmpty())
        return {};
    return QStringLiteral("showing ") + parts.join(QStringLiteral(" and "));
}

QString MatrixModel::text(int row, int column) const {
    const auto r = arma::uword(row);
    const auto c = arma::uword(column);
    if (m_value.isComplex()) {
        const std::complex<double> z = m_value.complex()(r, c);
        return complexText(z.imag(),
                           QString::fromStdString(output::formatEntry(z.real(), m_format, false)),
                           QString::fromStdString(output::formatEntry(z.imag(), m_format, false)));
    }
    const double x = m_value.real()(r, c);
    if (m_value.isBool())
        return x != 0 ? QStringLiteral("true") : QStringLiteral("false");
    return number(x, m_format);
}

QString MatrixModel::fullText(int row, int column) const {
    const auto r = arma::uword(row);
    const auto c = arma::uword(column);
    if (m_value.isComplex()) {
        const std::complex<double> z = m_value.complex()(r, c);
        return complexText(z.imag(), full(z.real()), full(z.imag()));
    }
    if (m_value.isBool())
        return text(row, column);
    return full(m_value.real()(r, c));
}

QString MatrixModel::scaleText() const {
    return QString::fromStdString(output::scaleFactorText(m_format));
}

QVariant MatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_value.isNumeric())
        return {};
    switch (role) {
        case Qt::DisplayRole:
            return text(index.row(), index.column());
        case Qt::ToolTipRole:
        case kFullRole:
            return fullText(index.row(), index.column());
        case Qt::UserRole:
            if (m_value.isComplex())
                return std::abs(
                    m_value.complex()(arma::uword(index.row()), arma::uword(index.column())));
            return m_value.real()(arma::uword(index.row()), arma::uword(index.column()));
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::FontRole:
            return codeFont();
        default:
            return {};
    }
}

QVariant MatrixModel::headerData(int section, Qt::Orientation, int role) const {
    if (role == Qt::DisplayRole)
        return section + 1;
    return {};
}

}  // namespace lemma::widgets
