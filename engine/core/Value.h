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
    Value* find(std::string_view name);
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
// real matrix of 0 and 1 flagged as logical.
//
// Storage. Copying a Value never copies a large matrix, a string, a struct or a list: those
// live in reference-counted storage that every copy shares and nobody changes while it is
// shared. A write goes through a mutable…() accessor, which first detaches (copies the
// storage) when another value still shares it and otherwise writes in place, so `x(k) = v`,
// `s.f = v` and `L{k} = v` on an unshared value cost O(1), and a copy made before the write
// keeps its old contents (the language's copy semantics). Shared storage is released by
// whichever copy goes last; the acquire fence in the uniqueness check makes an in-place write
// on one thread safe after another thread dropped its copy.
//
// Small numbers stay unboxed. A real or logical matrix of at most kInlineElements entries
// (scalars above all) is held inline as an arma::mat whose elements sit in Armadillo's own
// preallocated buffer (arma_config::mat_prealloc), so making, copying and overwriting a scalar
// never allocates, and real() still returns an ordinary const arma::mat& for it. The
// interpreter's hot path reads and writes such scalars as plain doubles (isRealScalar(),
// scalar(), setScalar()). The price is a larger Value (about 200 bytes), paid only in
// containers of values.
class Value {
public:
    enum class Type { Real, Complex, Bool, String, Struct, List, Function, Object };

    // Real and logical matrices up to this many entries are held inline (no allocation).
    static constexpr arma::uword kInlineElements = arma::arma_config::mat_prealloc;

    Value() : m_data(std::in_place_index<kSmallReal>) {}
    Value(double x) : m_data(std::in_place_index<kSmallReal>, 1, 1, arma::fill::none) {
        std::get<kSmallReal>(m_data)[0] = x;
    }
    Value(std::complex<double> z);
    Value(arma::mat m);
    Value(arma::cx_mat m);
    Value(std::string s);
    Value(const char* s) : Value(std::string(s)) {}
    Value(StructData s);
    Value(std::shared_ptr<const FunctionData> f) : m_data(std::move(f)) {}
    Value(std::shared_ptr<const Object> o) : m_data(std::move(o)) {}

    static Value boolean(bool b);
    static Value logical(arma::mat m);  // entries must be 0 or 1
    static Value list(std::vector<Value> items);
    // A complex result whose imaginary parts are all zero becomes real, as in Octave.
    static Value narrowed(const arma::cx_mat& m);

    Type type() const {
        switch (m_data.index()) {
            case kSmallReal:
            case kSharedReal:
                return Type::Real;
            case kComplex:
                return Type::Complex;
            case kSmallBool:
            case kSharedBool:
                return Type::Bool;
            case kString:
                return Type::String;
            case kStruct:
                return Type::Struct;
            case kList:
                return Type::List;
            case kFunction:
                return Type::Function;
            default:
                return Type::Object;
        }
    }
    bool isReal() const { return type() == Type::Real || type() == Type::Bool; }
    bool isComplex() const { return type() == Type::Complex; }
    bool isNumeric() const { return isReal() || isComplex(); }
    bool isBool() const { return type() == Type::Bool; }
    bool isString() const { return type() == Type::String; }
    bool isStruct() const { return type() == Type::Struct; }
    bool isList() const { return type() == Type::List; }
    bool isFunction() const { return type() == Type::Function; }
    bool isObject() const { return type() == Type::Object; }

    // The hot path: a real (not logical) 1×1 value, read and written as a double.
    bool isRealScalar() const {
        const arma::mat* m = std::get_if<kSmallReal>(&m_data);
        return m && m->n_elem == 1;
    }
    double scalar() const { return std::get<kSmallReal>(m_data)[0]; }  // requires isRealScalar()
    // Makes this value the real scalar x, reusing its storage when it already is one.
    void setScalar(double x) {
        if (arma::mat* m = std::get_if<kSmallReal>(&m_data); m && m->n_elem == 1)
            (*m)[0] = x;
        else
            *this = Value(x);
    }

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

    // Writable access for in-place updates: copies the storage first when it is shared, so
    // other values never see the write. The type stays what it was (Real stays Real, Bool
    // stays Bool; a caller that writes non-0/1 entries into a logical matrix must retype it).
    arma::mat& mutableReal();        // Real or Bool
    arma::cx_mat& mutableComplex();  // Complex
    std::string& mutableString();
    StructData& mutableStructure();
    std::vector<Value>& mutableItems();
    // After a write through mutableReal() that grew an inline matrix past kInlineElements:
    // moves it to shared storage, so that copies stay cheap.
    void fitStorage();
    // The matrix itself, moved out when this value holds it alone, copied when shared; the
    // value is left an empty real matrix.
    arma::mat takeReal();
    arma::cx_mat takeComplex();  // Real, Bool or Complex, as complex
    // Whether this value's storage is shared with another value (false for inline numbers,
    // functions and objects), and an identity of that storage: two values with the same
    // non-null identity share it. For tests and benchmarks.
    bool sharesStorage() const;
    const void* storageIdentity() const;

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
    struct SmallBool {
        arma::mat m;
    };
    struct SharedBool {
        std::shared_ptr<arma::mat> m;
    };
    // The order of the alternatives is the k… indices below.
    using Data = std::variant<arma::mat, std::shared_ptr<arma::mat>, std::shared_ptr<arma::cx_mat>,
                              SmallBool, SharedBool, std::shared_ptr<std::string>,
                              std::shared_ptr<StructData>, std::shared_ptr<ListBox>,
                              std::shared_ptr<const FunctionData>, std::shared_ptr<const Object>>;
    static constexpr std::size_t kSmallReal = 0;
    static constexpr std::size_t kSharedReal = 1;
    static constexpr std::size_t kComplex = 2;
    static constexpr std::size_t kSmallBool = 3;
    static constexpr std::size_t kSharedBool = 4;
    static constexpr std::size_t kString = 5;
    static constexpr std::size_t kStruct = 6;
    static constexpr std::size_t kList = 7;
    static constexpr std::size_t kFunction = 8;

    explicit Value(Data d) : m_data(std::move(d)) {}

    Data m_data;
};

// "3×2" for a matrix shape.
std::string shapeString(arma::uword rows, arma::uword cols);

}  // namespace lemma::lang
