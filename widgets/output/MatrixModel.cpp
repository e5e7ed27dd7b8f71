// A matrix value as a table model (see MatrixModel.h).
#include "widgets/output/MatrixModel.h"

#include <QFontDatabase>

namespace lemma::widgets {

namespace {

QString number(double x) {
    if (std::isnan(x))
        return QStringLiteral("NaN");
    if (std::isinf(x))
        return x > 0 ? QStringLiteral("Inf") : QStringLiteral("-Inf");
    return QString::number(x, 'g', 6);
}

}  // namespace

MatrixModel::MatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void MatrixModel::setValue(lang::Value value) {
    beginResetModel();
    m_value = std::move(value);
    endResetModel();
}

int MatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_value.rows());
}

int MatrixModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_value.cols());
}

QString MatrixModel::text(int row, int column) const {
    const auto r = arma::uword(row);
    const auto c = arma::uword(column);
    if (m_value.isComplex()) {
        const std::complex<double> z = m_value.complex()(r, c);
        return number(z.real()) + (z.imag() < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) +
               number(std::abs(z.imag())) + QLatin1Char('i');
    }
    const double x = m_value.real()(r, c);
    if (m_value.isBool())
        return x != 0 ? QStringLiteral("true") : QStringLiteral("false");
    return number(x);
}

QVariant MatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_value.isNumeric())
        return {};
    switch (role) {
        case Qt::DisplayRole:
            return text(index.row(), index.column());
        case Qt::UserRole:
            if (m_value.isComplex())
                return std::abs(
                    m_value.complex()(arma::uword(index.row()), arma::uword(index.column())));
            return m_value.real()(arma::uword(index.row()), arma::uword(index.column()));
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::FontRole:
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
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
