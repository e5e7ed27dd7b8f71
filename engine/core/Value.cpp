// Value construction, type queries and checked access.
#include "engine/core/Value.h"

#include "engine/core/Error.h"

namespace lemma::lang {

const Value* StructData::find(std::string_view name) const {
    for (const auto& [key, value] : fields) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

void StructData::set(const std::string& name, Value value) {
    for (auto& [key, existing] : fields) {
        if (key == name) {
            existing = std::move(value);
            return;
        }
    }
    fields.emplace_back(name, std::move(value));
}

Value::Value(std::complex<double> z) : m_data(arma::cx_mat(1, 1, arma::fill::value(z))) {}

Value Value::boolean(bool b) {
    return Value(Data(BoolTag{arma::mat(1, 1, arma::fill::value(b ? 1.0 : 0.0))}));
}

Value Value::logical(arma::mat m) {
    return Value(Data(BoolTag{std::move(m)}));
}

Value Value::list(std::vector<Value> items) {
    return Value(Data(std::make_shared<const ListBox>(ListBox{std::move(items)})));
}

Value Value::narrowed(const arma::cx_mat& m) {
    if (arma::all(arma::vectorise(arma::imag(m)) == 0.0))
        return Value(arma::mat(arma::real(m)));
    return Value(m);
}

Value::Type Value::type() const {
    switch (m_data.index()) {
        case 0:
            return Type::Real;
        case 1:
            return Type::Complex;
        case 2:
            return Type::Bool;
        case 3:
            return Type::String;
        case 4:
            return Type::Struct;
        case 5:
            return Type::List;
        case 6:
            return Type::Function;
        default:
            return Type::Object;
    }
}

namespace {
[[noreturn]] void wrongType(const Value& v, const char* wanted) {
    throw Error(std::string("expected a ") + wanted + ", got a " + v.typeName());
}
}  // namespace

const arma::mat& Value::real() const {
    if (const auto* m = std::get_if<arma::mat>(&m_data))
        return *m;
    if (const auto* b = std::get_if<BoolTag>(&m_data))
        return b->m;
    wrongType(*this, "real matrix");
}

const arma::cx_mat& Value::complex() const {
    if (const auto* m = std::get_if<arma::cx_mat>(&m_data))
        return *m;
    wrongType(*this, "complex matrix");
}

arma::cx_mat Value::toComplex() const {
    if (isComplex())
        return complex();
    if (isReal())
        return arma::cx_mat(real(), arma::mat(real().n_rows, real().n_cols, arma::fill::zeros));
    wrongType(*this, "numeric matrix");
}

const std::string& Value::string() const {
    if (const auto* s = std::get_if<std::string>(&m_data))
        return *s;
    wrongType(*this, "string");
}

const StructData& Value::structure() const {
    if (const auto* s = std::get_if<std::shared_ptr<const StructData>>(&m_data))
        return **s;
    wrongType(*this, "struct");
}

const std::vector<Value>& Value::items() const {
    if (const auto* l = std::get_if<std::shared_ptr<const ListBox>>(&m_data))
        return (*l)->items;
    wrongType(*this, "list");
}

const FunctionData& Value::function() const {
    return *functionPtr();
}

std::shared_ptr<const FunctionData> Value::functionPtr() const {
    if (const auto* f = std::get_if<std::shared_ptr<const FunctionData>>(&m_data))
        return *f;
    wrongType(*this, "function");
}

const Object& Value::object() const {
    return *objectPtr();
}

std::shared_ptr<const Object> Value::objectPtr() const {
    if (const auto* o = std::get_if<std::shared_ptr<const Object>>(&m_data))
        return *o;
    wrongType(*this, "object");
}

arma::uword Value::rows() const {
    switch (type()) {
        case Type::Real:
        case Type::Bool:
            return real().n_rows;
        case Type::Complex:
            return complex().n_rows;
        default:
            return 1;
    }
}

arma::uword Value::cols() const {
    switch (type()) {
        case Type::Real:
        case Type::Bool:
            return real().n_cols;
        case Type::Complex:
            return complex().n_cols;
        case Type::String:
            return string().size();
        case Type::List:
            return items().size();
        default:
            return 1;
    }
}

std::string Value::typeName() const {
    switch (type()) {
        case Type::Real:
            return "double";
        case Type::Complex:
            return "complex";
        case Type::Bool:
            return "logical";
        case Type::String:
            return "string";
        case Type::Struct:
            return "struct";
        case Type::List:
            return "list";
        case Type::Function:
            return "function";
        case Type::Object:
            return object().typeName();
    }
    return "value";
}

std::string Value::sizeString() const {
    return shapeString(rows(), cols());
}

bool Value::isTrue() const {
    if (isReal())
        return !real().is_empty() && arma::all(arma::vectorise(real()) != 0.0);
    if (isComplex())
        return !complex().is_empty() && arma::all(arma::vectorise(arma::abs(complex())) != 0.0);
    if (isString())
        return !string().empty();
    throw Error("a " + typeName() + " cannot be used as a condition");
}

std::string shapeString(arma::uword rows, arma::uword cols) {
    return std::to_string(rows) + "×" + std::to_string(cols);
}

}  // namespace lemma::lang
