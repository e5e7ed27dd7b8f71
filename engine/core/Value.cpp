// Value construction, type queries, checked access and copy-on-write of shared storage.
#include "engine/core/Value.h"

#include <atomic>

#include "engine/core/Error.h"

namespace lemma::lang {

const Value* StructData::find(std::string_view name) const {
    for (const auto& [key, value] : fields) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

Value* StructData::find(std::string_view name) {
    for (auto& [key, value] : fields) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

void StructData::set(const std::string& name, Value value) {
    if (Value* existing = find(name)) {
        *existing = std::move(value);
        return;
    }
    fields.emplace_back(name, std::move(value));
}

namespace {

[[noreturn]] void wrongType(const Value& v, const char* wanted) {
    throw Error(std::string("expected a ") + wanted + ", got a " + v.typeName());
}

// What a moved-from value's storage reads as (it is never read in correct code).
template <class T>
const T& emptyOf() {
    static const T empty;
    return empty;
}

template <class T>
const T& deref(const std::shared_ptr<T>& p) {
    return p ? *p : emptyOf<T>();
}

// The storage behind `p`, copied first when another value shares it.
template <class T>
T& unshared(std::shared_ptr<T>& p) {
    if (!p) {
        p = std::make_shared<T>();
    } else if (p.use_count() != 1) {
        p = std::make_shared<T>(*p);
    } else {
        // Pairs with the release in the other owner's reference drop: its last reads of the
        // storage happen before this write.
        std::atomic_thread_fence(std::memory_order_acquire);
    }
    return *p;
}

template <class T>
bool isShared(const std::shared_ptr<T>& p) {
    return p && p.use_count() > 1;
}

}  // namespace

Value::Value(std::complex<double> z)
    : m_data(std::make_shared<arma::cx_mat>(1, 1, arma::fill::value(z))) {}

Value::Value(arma::mat m) {
    if (m.n_elem <= kInlineElements)
        m_data.emplace<kSmallReal>(std::move(m));
    else
        m_data.emplace<kSharedReal>(std::make_shared<arma::mat>(std::move(m)));
}

Value::Value(arma::cx_mat m) : m_data(std::make_shared<arma::cx_mat>(std::move(m))) {}

Value::Value(std::string s) : m_data(std::make_shared<std::string>(std::move(s))) {}

Value::Value(StructData s) : m_data(std::make_shared<StructData>(std::move(s))) {}

Value Value::boolean(bool b) {
    return Value(Data(SmallBool{arma::mat(1, 1, arma::fill::value(b ? 1.0 : 0.0))}));
}

Value Value::logical(arma::mat m) {
    if (m.n_elem <= kInlineElements)
        return Value(Data(SmallBool{std::move(m)}));
    return Value(Data(SharedBool{std::make_shared<arma::mat>(std::move(m))}));
}

Value Value::list(std::vector<Value> items) {
    return Value(Data(std::make_shared<ListBox>(ListBox{std::move(items)})));
}

Value Value::narrowed(const arma::cx_mat& m) {
    if (arma::all(arma::vectorise(arma::imag(m)) == 0.0))
        return Value(arma::mat(arma::real(m)));
    return Value(m);
}

const arma::mat& Value::real() const {
    switch (m_data.index()) {
        case kSmallReal:
            return std::get<kSmallReal>(m_data);
        case kSharedReal:
            return deref(std::get<kSharedReal>(m_data));
        case kSmallBool:
            return std::get<kSmallBool>(m_data).m;
        case kSharedBool:
            return deref(std::get<kSharedBool>(m_data).m);
        default:
            wrongType(*this, "real matrix");
    }
}

const arma::cx_mat& Value::complex() const {
    if (const auto* m = std::get_if<kComplex>(&m_data))
        return deref(*m);
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
    if (const auto* s = std::get_if<kString>(&m_data))
        return deref(*s);
    wrongType(*this, "string");
}

const StructData& Value::structure() const {
    if (const auto* s = std::get_if<kStruct>(&m_data))
        return deref(*s);
    wrongType(*this, "struct");
}

const std::vector<Value>& Value::items() const {
    if (const auto* l = std::get_if<kList>(&m_data))
        return deref(*l).items;
    wrongType(*this, "list");
}

const FunctionData& Value::function() const {
    if (const auto* f = std::get_if<kFunction>(&m_data))
        return **f;
    wrongType(*this, "function");
}

std::shared_ptr<const FunctionData> Value::functionPtr() const {
    if (const auto* f = std::get_if<kFunction>(&m_data))
        return *f;
    wrongType(*this, "function");
}

const Object& Value::object() const {
    if (const auto* o = std::get_if<std::shared_ptr<const Object>>(&m_data))
        return **o;
    wrongType(*this, "object");
}

std::shared_ptr<const Object> Value::objectPtr() const {
    if (const auto* o = std::get_if<std::shared_ptr<const Object>>(&m_data))
        return *o;
    wrongType(*this, "object");
}

arma::mat& Value::mutableReal() {
    switch (m_data.index()) {
        case kSmallReal:
            return std::get<kSmallReal>(m_data);
        case kSharedReal:
            return unshared(std::get<kSharedReal>(m_data));
        case kSmallBool:
            return std::get<kSmallBool>(m_data).m;
        case kSharedBool:
            return unshared(std::get<kSharedBool>(m_data).m);
        default:
            wrongType(*this, "real matrix");
    }
}

arma::cx_mat& Value::mutableComplex() {
    if (auto* m = std::get_if<kComplex>(&m_data))
        return unshared(*m);
    wrongType(*this, "complex matrix");
}

std::string& Value::mutableString() {
    if (auto* s = std::get_if<kString>(&m_data))
        return unshared(*s);
    wrongType(*this, "string");
}

StructData& Value::mutableStructure() {
    if (auto* s = std::get_if<kStruct>(&m_data))
        return unshared(*s);
    wrongType(*this, "struct");
}

std::vector<Value>& Value::mutableItems() {
    if (auto* l = std::get_if<kList>(&m_data))
        return unshared(*l).items;
    wrongType(*this, "list");
}

void Value::fitStorage() {
    if (auto* m = std::get_if<kSmallReal>(&m_data); m && m->n_elem > kInlineElements)
        m_data = std::make_shared<arma::mat>(std::move(*m));
    else if (auto* b = std::get_if<kSmallBool>(&m_data); b && b->m.n_elem > kInlineElements)
        m_data = SharedBool{std::make_shared<arma::mat>(std::move(b->m))};
}

arma::mat Value::takeReal() {
    arma::mat m = std::move(mutableReal());
    *this = Value();
    return m;
}

arma::cx_mat Value::takeComplex() {
    if (!isComplex()) {
        arma::cx_mat m = toComplex();
        *this = Value();
        return m;
    }
    arma::cx_mat m = std::move(mutableComplex());
    *this = Value();
    return m;
}

bool Value::sharesStorage() const {
    return std::visit(
        [](const auto& d) -> bool {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, SharedBool>)
                return isShared(d.m);
            else if constexpr (std::is_same_v<D, arma::mat> || std::is_same_v<D, SmallBool>)
                return false;
            else
                return isShared(d);
        },
        m_data);
}

const void* Value::storageIdentity() const {
    return std::visit(
        [](const auto& d) -> const void* {
            using D = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<D, SharedBool>)
                return d.m.get();
            else if constexpr (std::is_same_v<D, arma::mat> || std::is_same_v<D, SmallBool>)
                return nullptr;
            else
                return d.get();
        },
        m_data);
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
    if (isRealScalar())
        return scalar() != 0.0;
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
