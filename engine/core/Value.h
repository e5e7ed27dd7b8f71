// The values of the cell language: matrices, strings, structs, lists, functions, rich objects.
#pragma once

#include <armadillo>
#include <complex>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lemma::lang {

namespace ast {
struct FunctionStmt;
struct AnonFnExpr;
}  // namespace ast

class Value;

// Fields of a struct, in the order they were first set (display and JSON keep that order).
struct StructData {
    std::vector<std::pair<std::string, Value>> fields;

    const Value* find(std::string_view name) const;
    // Sets or adds a field.
    void set(const std::string& name, Value value);
};

// A callable: a builtin by name, a `function … end` of a cell, or `@(x) …` with the values it
// captured when it was created. The shared pointers keep the cell's syntax tree alive.
struct FunctionData {
    enum class Kind { Builtin, User, Anonymous };

    Kind kind = Kind::Builtin;
    std::string name;  // builtin or function name; for an anonymous function its source text
    std::shared_ptr<const ast::FunctionStmt> function;    // Kind::User
    std::shared_ptr<const ast::AnonFnExpr> anonymous;     // Kind::Anonymous
    std::vector<std::pair<std::string, Value>> captures;  // Kind::Anonymous
};

// A rich value a cell can produce and hand around: a figure, a table, a control. Each kind
// lives in engine/output and derives from this.
class Object {
public:
    virtual ~Object() = default;
    virtual std::string typeName() const = 0;
};

// A value of the language. Numbers are always matrices (a scalar is 1×1); a logical value is a
// real matrix of 0 and 1 flagged as logical. Values are cheap to copy where it matters: strings
// and matrices copy, structs, lists, functions and objects share immutable data.
class Value {
public:
    enum class Type { Real, Complex, Bool, String, Struct, List, Function, Object };

    Value() : m_data(arma::mat()) {}
    Value(double x) : m_data(arma::mat(1, 1, arma::fill::value(x))) {}
    Value(std::complex<double> z);
    Value(arma::mat m) : m_data(std::move(m)) {}
    Value(arma::cx_mat m) : m_data(std::move(m)) {}
    Value(std::string s) : m_data(std::move(s)) {}
    Value(const char* s) : m_data(std::string(s)) {}
    Value(StructData s) : m_data(std::make_shared<const StructData>(std::move(s))) {}
    Value(std::shared_ptr<const FunctionData> f) : m_data(std::move(f)) {}
    Value(std::shared_ptr<const Object> o) : m_data(std::move(o)) {}

    static Value boolean(bool b);
    static Value logical(arma::mat m);  // entries must be 0 or 1
    static Value list(std::vector<Value> items);
    // A complex result whose imaginary parts are all zero becomes real, as in Octave.
    static Value narrowed(const arma::cx_mat& m);

    Type type() const;
    bool isReal() const { return type() == Type::Real || type() == Type::Bool; }
    bool isComplex() const { return type() == Type::Complex; }
    bool isNumeric() const { return isReal() || isComplex(); }
    bool isBool() const { return type() == Type::Bool; }
    bool isString() const { return type() == Type::String; }
    bool isStruct() const { return type() == Type::Struct; }
    bool isList() const { return type() == Type::List; }
    bool isFunction() const { return type() == Type::Function; }
    bool isObject() const { return type() == Type::Object; }

    // Accessors; each requires the matching type (checked with an assertion-like Error).
    const arma::mat& real() const;        // Real or Bool
    const arma::cx_mat& complex() const;  // Complex
    arma::cx_mat toComplex() const;       // Real, Bool or Complex
    const std::string& string() const;
    const StructData& structure() const;
    const std::vector<Value>& items() const;
    const FunctionData& function() const;
    std::shared_ptr<const FunctionData> functionPtr() const;
    const Object& object() const;
    std::shared_ptr<const Object> objectPtr() const;

    // Shape of numeric values; a string is 1×length, anything else 1×1 (a list: 1×count).
    arma::uword rows() const;
    arma::uword cols() const;
    arma::uword numel() const { return rows() * cols(); }
    bool isScalar() const { return isNumeric() && rows() == 1 && cols() == 1; }
    bool isEmpty() const { return isNumeric() && numel() == 0; }

    // "double", "complex", "logical", "string", "struct", "list", "function" or the object's name.
    std::string typeName() const;
    // "3×2"
    std::string sizeString() const;

    // Truth of a condition (if/while): non-empty and all entries non-zero, as in MATLAB.
    bool isTrue() const;

private:
    struct ListBox {
        std::vector<Value> items;
    };
    struct BoolTag {
        arma::mat m;
    };
    using Data = std::variant<arma::mat, arma::cx_mat, BoolTag, std::string,
                              std::shared_ptr<const StructData>, std::shared_ptr<const ListBox>,
                              std::shared_ptr<const FunctionData>, std::shared_ptr<const Object>>;
    explicit Value(Data d) : m_data(std::move(d)) {}

    Data m_data;
};

// "3×2" for a matrix shape.
std::string shapeString(arma::uword rows, arma::uword cols);

}  // namespace lemma::lang
