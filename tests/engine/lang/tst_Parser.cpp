// The parser: precedence, MATLAB's matrix whitespace rules, indices, assignments, control
// flow, functions, anonymous functions, defs/uses, and error messages with their positions.
#include <QtTest>

#include <string>

#include "engine/lang/Parser.h"

using lemma::Error;
using lemma::SourcePos;
using lemma::lang::parseProgram;
namespace ast = lemma::lang::ast;

namespace {

// ---- An S-expression printer for the tree --------------------------------------------------

QString print(const ast::Expr& e);
QString print(const ast::Block& block);

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString binaryText(ast::BinaryOp op) {
    static const char* const kText[] = {"+",  "-",  "*", "/",  "\\", "^",  ".*", "./", ".\\", ".^",
                                        "==", "!=", "<", "<=", ">",  ">=", "&",  "|",  "&&",  "||"};
    return kText[static_cast<int>(op)];
}

QString joined(const std::vector<ast::ExprPtr>& items) {
    QStringList parts;
    for (const auto& item : items)
        parts << print(*item);
    return parts.join(' ');
}

QString print(const ast::Argument& arg) {
    return (arg.keyword.empty() ? QString() : qs(arg.keyword) + "=") + print(*arg.value);
}

QString print(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
        case K::Number: {
            const auto& n = static_cast<const ast::NumberExpr&>(e);
            return QString::number(n.value, 'g', 12) + (n.imaginary ? "i" : "");
        }
        case K::String:
            return "\"" + qs(static_cast<const ast::StringExpr&>(e).value) + "\"";
        case K::Bool:
            return static_cast<const ast::BoolExpr&>(e).value ? "true" : "false";
        case K::Ident:
            return qs(static_cast<const ast::IdentExpr&>(e).name);
        case K::Colon:
            return ":";
        case K::End:
            return "end";
        case K::Unary: {
            const auto& u = static_cast<const ast::UnaryExpr&>(e);
            const char* op = u.op == ast::UnaryOp::Neg    ? "-"
                             : u.op == ast::UnaryOp::Plus ? "+"
                                                          : "!";
            return QString("(%1 %2)").arg(op, print(*u.operand));
        }
        case K::Postfix: {
            const auto& p = static_cast<const ast::PostfixExpr&>(e);
            const char* op = p.op == ast::PostfixOp::Transpose ? "'" : ".'";
            return QString("(%1 %2)").arg(op, print(*p.operand));
        }
        case K::Binary: {
            const auto& b = static_cast<const ast::BinaryExpr&>(e);
            return QString("(%1 %2 %3)").arg(binaryText(b.op), print(*b.lhs), print(*b.rhs));
        }
        case K::Range: {
            const auto& r = static_cast<const ast::RangeExpr&>(e);
            if (r.step)
                return QString("(: %1 %2 %3)").arg(print(*r.start), print(*r.step), print(*r.stop));
            return QString("(: %1 %2)").arg(print(*r.start), print(*r.stop));
        }
        case K::Matrix: {
            QStringList rows;
            for (const auto& row : static_cast<const ast::MatrixExpr&>(e).rows)
                rows << joined(row);
            return "[" + rows.join("; ") + "]";
        }
        case K::List:
            return "{" + joined(static_cast<const ast::ListExpr&>(e).items) + "}";
        case K::Call: {
            const auto& c = static_cast<const ast::CallExpr&>(e);
            QString out = "(call " + print(*c.callee);
            for (const auto& arg : c.args)
                out += " " + print(arg);
            return out + ")";
        }
        case K::BraceIndex: {
            const auto& b = static_cast<const ast::BraceIndexExpr&>(e);
            return "(brace " + print(*b.object) + " " + joined(b.indices) + ")";
        }
        case K::Field: {
            const auto& f = static_cast<const ast::FieldExpr&>(e);
            return "(. " + print(*f.object) + " " + qs(f.field) + ")";
        }
        case K::AnonFn: {
            const auto& f = static_cast<const ast::AnonFnExpr&>(e);
            QStringList params;
            for (const auto& p : f.params)
                params << qs(p);
            return "(@ (" + params.join(' ') + ") " + print(*f.body) + ")";
        }
        case K::FuncHandle:
            return "@" + qs(static_cast<const ast::FuncHandleExpr&>(e).name);
    }
    return "?";
}

QString print(const ast::LValue& target) {
    if (target.ignore)
        return "~";
    QString out = qs(target.name);
    for (const auto& accessor : target.path) {
        QStringList args;
        for (const auto& arg : accessor.args)
            args << print(arg);
        switch (accessor.kind) {
            case ast::Accessor::Kind::Paren:
                out += "(" + args.join(' ') + ")";
                break;
            case ast::Accessor::Kind::Brace:
                out += "{" + args.join(' ') + "}";
                break;
            case ast::Accessor::Kind::Field:
                out += "." + qs(accessor.field);
                break;
        }
    }
    return out;
}

QString names(const std::vector<std::string>& list) {
    QStringList out;
    for (const auto& name : list)
        out << qs(name);
    return out.join(',');
}

QString print(const ast::Stmt& s) {
    using K = ast::StmtKind;
    switch (s.kind) {
        case K::Expr: {
            const auto& e = static_cast<const ast::ExprStmt&>(s);
            return print(*e.expr) + (e.print ? "" : ";");
        }
        case K::Assign: {
            const auto& a = static_cast<const ast::AssignStmt&>(s);
            QStringList targets;
            for (const auto& t : a.targets)
                targets << print(t);
            const QString lhs =
                a.targets.size() == 1 ? targets.front() : "[" + targets.join(' ') + "]";
            return "(= " + lhs + " " + print(*a.value) + ")" + (a.print ? "" : ";");
        }
        case K::If: {
            const auto& i = static_cast<const ast::IfStmt&>(s);
            QStringList branches;
            for (const auto& b : i.branches)
                branches << print(*b.condition) + " " + print(b.body);
            QString out = "(if " + branches.join(" elseif ");
            if (!i.elseBody.empty())
                out += " else " + print(i.elseBody);
            return out + ")";
        }
        case K::For: {
            const auto& f = static_cast<const ast::ForStmt&>(s);
            return "(for " + qs(f.var) + " " + print(*f.range) + " " + print(f.body) + ")";
        }
        case K::While: {
            const auto& w = static_cast<const ast::WhileStmt&>(s);
            return "(while " + print(*w.condition) + " " + print(w.body) + ")";
        }
        case K::Break:
            return "break";
        case K::Continue:
            return "continue";
        case K::Return:
            return "return";
        case K::Function: {
            const auto& f = static_cast<const ast::FunctionStmt&>(s);
            return "(function " + qs(f.name) + " (" + names(f.params).replace(',', ' ') + ") -> (" +
                   names(f.outputs).replace(',', ' ') + ") " + print(f.body) + ")";
        }
    }
    return "?";
}

QString print(const ast::Block& block) {
    QStringList out;
    for (const auto& s : block)
        out << print(*s);
    return "(do" + (out.isEmpty() ? QString() : " " + out.join(' ')) + ")";
}

QString parse(const QString& source) {
    const auto program = parseProgram(source.toStdString());
    QStringList out;
    for (const auto& s : program->body)
        out << print(*s);
    return out.join(" | ");
}

// The first anonymous function in an expression, depth first.
const ast::AnonFnExpr* findAnon(const ast::Expr& e) {
    using K = ast::ExprKind;
    switch (e.kind) {
        case K::AnonFn:
            return &static_cast<const ast::AnonFnExpr&>(e);
        case K::Call:
            for (const auto& arg : static_cast<const ast::CallExpr&>(e).args) {
                if (const auto* found = findAnon(*arg.value))
                    return found;
            }
            return nullptr;
        case K::Binary: {
            const auto& b = static_cast<const ast::BinaryExpr&>(e);
            const auto* found = findAnon(*b.lhs);
            return found ? found : findAnon(*b.rhs);
        }
        default:
            return nullptr;
    }
}

const ast::Expr& valueOf(const ast::Stmt& s) {
    if (s.kind == ast::StmtKind::Assign)
        return *static_cast<const ast::AssignStmt&>(s).value;
    return *static_cast<const ast::ExprStmt&>(s).expr;
}

void addErrorColumns() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
}

}  // namespace

class tst_Parser : public QObject {
    Q_OBJECT

private slots:
    void expressions_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");

        // Precedence and associativity, as in MATLAB
        QTest::newRow("mul over add") << "1 + 2 * 3"
                                      << "(+ 1 (* 2 3))";
        QTest::newRow("mul then add") << "1 * 2 + 3"
                                      << "(+ (* 1 2) 3)";
        QTest::newRow("sub left assoc") << "1 - 2 - 3"
                                        << "(- (- 1 2) 3)";
        QTest::newRow("div left assoc") << "8 / 4 / 2"
                                        << "(/ (/ 8 4) 2)";
        QTest::newRow("power over unary minus") << "-2^2"
                                                << "(- (^ 2 2))";
        QTest::newRow("unary minus in exponent") << "2^-1"
                                                 << "(^ 2 (- 1))";
        QTest::newRow("power left assoc") << "2^3^2"
                                          << "(^ (^ 2 3) 2)";
        QTest::newRow("negative exponent chain") << "2^-1^2"
                                                 << "(^ (^ 2 (- 1)) 2)";
        QTest::newRow("not in exponent") << "2^!x"
                                         << "(^ 2 (! x))";
        QTest::newRow("power then transpose") << "a^b'"
                                              << "(' (^ a b))";
        QTest::newRow("transpose then power") << "a'^2"
                                              << "(^ (' a) 2)";
        QTest::newRow("minus transpose") << "-a'"
                                         << "(- (' a))";
        QTest::newRow("element power") << "x.^2 + y"
                                       << "(+ (.^ x 2) y)";
        QTest::newRow("unary minus times") << "-a * b"
                                           << "(* (- a) b)";
        QTest::newRow("times unary minus") << "a * -b"
                                           << "(* a (- b))";
        QTest::newRow("times negative power") << "a * -b ^ 2"
                                              << "(* a (- (^ b 2)))";
        QTest::newRow("double negation") << "- -a"
                                         << "(- (- a))";
        QTest::newRow("unary plus") << "+a"
                                    << "(+ a)";
        QTest::newRow("range over add") << "a:b+1"
                                        << "(: a (+ b 1))";
        QTest::newRow("range with step") << "a:s:b"
                                         << "(: a s b)";
        QTest::newRow("range with expressions") << "0:n/2:2*n"
                                                << "(: 0 (/ n 2) (* 2 n))";
        QTest::newRow("comparison over range") << "1:n-1 == v"
                                               << "(== (: 1 (- n 1)) v)";
        QTest::newRow("not binds tighter than ==") << "!a == b"
                                                   << "(== (! a) b)";
        QTest::newRow("tilde not") << "~a & b"
                                   << "(& (! a) b)";
        QTest::newRow("oror over andand") << "a || b && c"
                                          << "(|| a (&& b c))";
        QTest::newRow("andand over or") << "a && b | c"
                                        << "(&& a (| b c))";
        QTest::newRow("or over and") << "a | b & c"
                                     << "(| a (& b c))";
        QTest::newRow("and over comparison") << "a & b < c"
                                             << "(& a (< b c))";
        QTest::newRow("comparisons left assoc") << "a < b == c"
                                                << "(== (< a b) c)";
        QTest::newRow("not equal bang") << "x != y"
                                        << "(!= x y)";
        QTest::newRow("not equal tilde") << "x ~= y"
                                         << "(!= x y)";
        QTest::newRow("ordering") << "a <= b >= c > d"
                                  << "(> (>= (<= a b) c) d)";
        QTest::newRow("element-wise ops") << "a .* b ./ c .\\ d"
                                          << "(.\\ (./ (.* a b) c) d)";
        QTest::newRow("left division") << "A \\ b"
                                       << "(\\ A b)";
        QTest::newRow("transpose times") << "A' * B"
                                         << "(* (' A) B)";
        QTest::newRow("dot transpose") << "a.'"
                                       << "(.' a)";
        QTest::newRow("parentheses") << "(1 + 2) * 3"
                                     << "(* (+ 1 2) 3)";
        QTest::newRow("transpose of group") << "(a + b)'"
                                            << "(' (+ a b))";
        QTest::newRow("newlines inside parens") << "(1 +\n 2)"
                                                << "(+ 1 2)";

        // Literals
        QTest::newRow("small number") << "1e-3"
                                      << "0.001";
        QTest::newRow("imaginary") << "2i * x"
                                   << "(* 2i x)";
        QTest::newRow("complex") << "3 + 4j"
                                 << "(+ 3 4i)";
        QTest::newRow("booleans") << "true & false"
                                  << "(& true false)";
        QTest::newRow("string") << "\"a b\" + 1"
                                << "(+ \"a b\" 1)";

        // Calls, indices, fields
        QTest::newRow("call") << "f(x, y)"
                              << "(call f x y)";
        QTest::newRow("no arguments") << "f()"
                                      << "(call f)";
        QTest::newRow("keyword argument") << "f(x, rank=8)"
                                          << "(call f x rank=8)";
        QTest::newRow("comparison argument") << "f(a == b)"
                                             << "(call f (== a b))";
        QTest::newRow("keyword and comparison") << "f(k=a==b)"
                                                << "(call f k=(== a b))";
        QTest::newRow("end and colon") << "A(end, :)"
                                       << "(call A end :)";
        QTest::newRow("range to end") << "A(2:end)"
                                      << "(call A (: 2 end))";
        QTest::newRow("colon alone") << "A(:)"
                                     << "(call A :)";
        QTest::newRow("colon first") << "A(:, 1)"
                                     << "(call A : 1)";
        QTest::newRow("end arithmetic") << "A(end-1, (end+1)/2)"
                                        << "(call A (- end 1) (/ (+ end 1) 2))";
        QTest::newRow("end in matrix in index") << "A([1 end])"
                                                << "(call A [1 end])";
        QTest::newRow("transposed end") << "A(end')"
                                        << "(call A (' end))";
        QTest::newRow("brace index") << "L{2}"
                                     << "(brace L 2)";
        QTest::newRow("brace end") << "L{end}"
                                   << "(brace L end)";
        QTest::newRow("brace colon") << "L{:}"
                                     << "(brace L :)";
        QTest::newRow("field chain") << "s.a.b(2)"
                                     << "(call (. (. s a) b) 2)";
        QTest::newRow("call chain") << "f(x)(2)"
                                    << "(call (call f x) 2)";
        QTest::newRow("brace then field") << "L{2}.name"
                                          << "(. (brace L 2) name)";
        QTest::newRow("keyword field") << "s.end + opts.for"
                                       << "(+ (. s end) (. opts for))";
        QTest::newRow("newlines in call") << "f(1,\n  2\n)"
                                          << "(call f 1 2)";
        QTest::newRow("blanks in call") << "f(1 -2)"
                                        << "(call f (- 1 2))";
        QTest::newRow("blank before call parens") << "f (1)"
                                                  << "(call f 1)";

        // Functions
        QTest::newRow("anonymous") << "@(x, y) x.^2 + y"
                                   << "(@ (x y) (+ (.^ x 2) y))";
        QTest::newRow("anonymous no params") << "@() 1"
                                             << "(@ () 1)";
        QTest::newRow("nested anonymous") << "@(x) @(y) x + y"
                                          << "(@ (x) (@ (y) (+ x y)))";
        QTest::newRow("anonymous argument") << "map(@(c) c + 1, L)"
                                            << "(call map (@ (c) (+ c 1)) L)";
        QTest::newRow("handle") << "@sin"
                                << "@sin";
        QTest::newRow("handle argument") << "fminsearch(@loss, x0)"
                                         << "(call fminsearch @loss x0)";
    }
    void expressions() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(parse(source), expected);
    }

    // MATLAB's whitespace rules inside [] and {}.
    void matrices_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");

        QTest::newRow("rows") << "[1 2; 3 4]"
                              << "[1 2; 3 4]";
        QTest::newRow("commas") << "[1, 2, 3]"
                                << "[1 2 3]";
        QTest::newRow("negative element") << "[1 -2]"
                                          << "[1 (- 2)]";
        QTest::newRow("binary minus") << "[1 - 2]"
                                      << "[(- 1 2)]";
        QTest::newRow("no blanks") << "[1-2]"
                                   << "[(- 1 2)]";
        QTest::newRow("blank after only") << "[1- 2]"
                                          << "[(- 1 2)]";
        QTest::newRow("comma then negative") << "[1 , -2]"
                                             << "[1 (- 2)]";
        QTest::newRow("negative then sum") << "[1 -2 + 3]"
                                           << "[1 (+ (- 2) 3)]";
        QTest::newRow("unary plus element") << "[1 +2]"
                                            << "[1 (+ 2)]";
        QTest::newRow("transposes") << "[a' b']"
                                    << "[(' a) (' b)]";
        QTest::newRow("names negative") << "[a -b]"
                                        << "[a (- b)]";
        QTest::newRow("names minus") << "[a - b]"
                                     << "[(- a b)]";
        QTest::newRow("group then negative") << "[(1) -1]"
                                             << "[1 (- 1)]";
        QTest::newRow("blank before parens") << "[f (1)]"
                                             << "[f 1]";
        QTest::newRow("call") << "[f(1)]"
                              << "[(call f 1)]";
        QTest::newRow("blank before brace") << "[c {1}]"
                                            << "[c {1}]";
        QTest::newRow("blanks inside call") << "[f(1 -2)]"
                                            << "[(call f (- 1 2))]";
        QTest::newRow("indexed negative") << "[a(1) -a(2)]"
                                          << "[(call a 1) (- (call a 2))]";
        QTest::newRow("comparison element") << "[x == 1 y]"
                                            << "[(== x 1) y]";
        QTest::newRow("range element") << "[1:3]"
                                       << "[(: 1 3)]";
        QTest::newRow("field element") << "[a.b c]"
                                       << "[(. a b) c]";
        QTest::newRow("newline rows") << "[1 2\n3 4]"
                                      << "[1 2; 3 4]";
        QTest::newRow("semicolon and newline") << "[1 2;\n 3 4]"
                                               << "[1 2; 3 4]";
        QTest::newRow("bracket on own lines") << "[\n  1 2\n]"
                                              << "[1 2]";
        QTest::newRow("trailing semicolon") << "[1 2;]"
                                            << "[1 2]";
        QTest::newRow("trailing comma") << "[1, 2,]"
                                        << "[1 2]";
        QTest::newRow("comment in matrix") << "[1 2 % first\n 3 4]"
                                           << "[1 2; 3 4]";
        QTest::newRow("continuation in matrix") << "[1 ...\n 2]"
                                                << "[1 2]";
        QTest::newRow("empty") << "[]"
                               << "[]";
        QTest::newRow("nested") << "[[1 2] 3]"
                                << "[[1 2] 3]";
        QTest::newRow("transposed matrix") << "[1 2]'"
                                           << "(' [1 2])";
        QTest::newRow("list") << "{a, b}"
                              << "{a b}";
        QTest::newRow("list negative") << "{1 -1}"
                                       << "{1 (- 1)}";
        QTest::newRow("list rows flatten") << "{1; 2}"
                                           << "{1 2}";
        QTest::newRow("list of mixed") << "{\"x\", @(t) t}"
                                       << "{\"x\" (@ (t) t)}";
        QTest::newRow("anonymous body stops at element") << "{@(x) x +1}"
                                                         << "{(@ (x) x) (+ 1)}";
        QTest::newRow("empty list") << "{}"
                                    << "{}";
    }
    void matrices() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(parse(source), expected);
    }

    void statements_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");

        QTest::newRow("assignment") << "x = 1"
                                    << "(= x 1)";
        QTest::newRow("silenced") << "x = 1;"
                                  << "(= x 1);";
        QTest::newRow("separators") << "x = 1, y = 2; z"
                                    << "(= x 1) | (= y 2); | z";
        QTest::newRow("comparison is not assignment") << "x == 1"
                                                      << "(== x 1)";
        QTest::newRow("assign comparison") << "x = y == 2"
                                           << "(= x (== y 2))";
        QTest::newRow("assign with keyword call") << "y = f(x, k=1);"
                                                  << "(= y (call f x k=1));";
        QTest::newRow("indexed") << "x(2, :) = 0"
                                 << "(= x(2 :) 0)";
        QTest::newRow("append") << "x(end+1) = 5"
                                << "(= x((+ end 1)) 5)";
        QTest::newRow("field") << "s.a.b = 1"
                               << "(= s.a.b 1)";
        QTest::newRow("brace") << "L{2} = 3"
                               << "(= L{2} 3)";
        QTest::newRow("mixed path") << "s.m(1).L{2} = 0"
                                    << "(= s.m(1).L{2} 0)";
        QTest::newRow("multiple") << "[a, b] = f(x)"
                                  << "(= [a b] (call f x))";
        QTest::newRow("multiple blanks") << "[a b] = size(m);"
                                         << "(= [a b] (call size m));";
        QTest::newRow("ignored output") << "[~, i] = max(v)"
                                        << "(= [~ i] (call max v))";
        QTest::newRow("ignored blank") << "[~ i] = max(v)"
                                       << "(= [~ i] (call max v))";
        QTest::newRow("paths in multiple") << "[s.x, L{1}] = deal(1, 2)"
                                           << "(= [s.x L{1}] (call deal 1 2))";
        QTest::newRow("anonymous value") << "f = @(t) t + 1;"
                                         << "(= f (@ (t) (+ t 1)));";
        QTest::newRow("comments") << "x = 3 % three\ny = 4 # four"
                                  << "(= x 3) | (= y 4)";
        QTest::newRow("blank lines") << "a = 1\n\n\n;;\nb = 2"
                                     << "(= a 1) | (= b 2)";
        QTest::newRow("matrix over lines") << "x = [1 2\n3 4];"
                                           << "(= x [1 2; 3 4]);";
        QTest::newRow("empty program") << "  % nothing\n"
                                       << "";
        QTest::newRow("if elseif else")
            << "if x > 0\n  y = 1\nelseif x < 0\n  y = -1\nelse\n  y = 0\nend"
            << "(if (> x 0) (do (= y 1)) elseif (< x 0) (do (= y (- 1))) else (do (= y 0)))";
        QTest::newRow("if one line") << "if c, x = 1, end"
                                     << "(if c (do (= x 1)))";
        QTest::newRow("if without comma") << "if c x = 1; end"
                                          << "(if c (do (= x 1);))";
        QTest::newRow("endif") << "if c\n  x\nendif"
                               << "(if c (do x))";
        QTest::newRow("empty if") << "if c\nend"
                                  << "(if c (do))";
        QTest::newRow("for") << "for i = 1:10\n  s = s + i;\nend"
                             << "(for i (: 1 10) (do (= s (+ s i));))";
        QTest::newRow("for in parens") << "for (i = 1:3) disp(i), end"
                                       << "(for i (: 1 3) (do (call disp i)))";
        QTest::newRow("for over matrix") << "for v = [1 2; 3 4]\nendfor"
                                         << "(for v [1 2; 3 4] (do))";
        QTest::newRow("while with jumps")
            << "while k < 10\n  k = k + 1;\n  if k == 5, break; end\n  continue\nend"
            << "(while (< k 10) (do (= k (+ k 1)); (if (== k 5) (do break)) continue))";
        QTest::newRow("nested loops")
            << "for i = 1:3\n  for j = 1:i\n    if i == j, continue, end\n    M(i, j) = 1;\n  "
               "end\nendfor"
            << "(for i (: 1 3) (do (for j (: 1 i) (do (if (== i j) (do continue)) (= M(i j) "
               "1);))))";
        QTest::newRow("else if nests") << "if a\nelse if b\nend\nend"
                                       << "(if a (do) else (do (if b (do))))";
        QTest::newRow("function one output") << "function y = f(x)\n  y = x^2;\nend"
                                             << "(function f (x) -> (y) (do (= y (^ x 2));))";
        QTest::newRow("function outputs") << "function [a, b] = g(x, y)\n  a = x; b = y;\nend"
                                          << "(function g (x y) -> (a b) (do (= a x); (= b y);))";
        QTest::newRow("function outputs blanks") << "function [a b] = g()\nend"
                                                 << "(function g () -> (a b) (do))";
        QTest::newRow("function no outputs") << "function h(x)\n  disp(x)\nend"
                                             << "(function h (x) -> () (do (call disp x)))";
        QTest::newRow("function bare") << "function h\n  return\nendfunction"
                                       << "(function h () -> () (do return))";
        QTest::newRow("recursive function")
            << "function r = fact(n)\n  if n <= 1\n    r = 1;\n    return\n  end\n  r = n * "
               "fact(n - 1);\nend\nfact(5)"
            << "(function fact (n) -> (r) (do (if (<= n 1) (do (= r 1); return)) (= r (* n "
               "(call fact (- n 1))));)) | (call fact 5)";
        QTest::newRow("loop in function")
            << "function s = total(v)\n  s = 0;\n  for x = v\n    s = s + x;\n  end\nend"
            << "(function total (v) -> (s) (do (= s 0); (for x v (do (= s (+ s x));))))";
        QTest::newRow("return at top level") << "return"
                                             << "return";
        QTest::newRow("crlf lines") << "x = 1\r\ny = 2\r\n"
                                    << "(= x 1) | (= y 2)";
        QTest::newRow("quote in comment and string") << "% it's\ndisp(\"it's\") # it's"
                                                     << "(call disp \"it's\")";
        QTest::newRow("negated matrix") << "x = -[1 2]"
                                        << "(= x (- [1 2]))";
        QTest::newRow("stacked transposes") << "z = [x' ; y']"
                                            << "(= z [(' x); (' y)])";
        QTest::newRow("delete columns") << "A(:, 1) = []"
                                        << "(= A(: 1) [])";
        QTest::newRow("append column") << "x(:, end+1) = [1; 2]"
                                       << "(= x(: (+ end 1)) [1; 2])";
        QTest::newRow("end in anonymous index") << "f = @(v) v(end)"
                                                << "(= f (@ (v) (call v end)))";
        QTest::newRow("condition with calls")
            << "if ~isempty(x) && x(1) > 0, y = 1; end"
            << "(if (&& (! (call isempty x)) (> (call x 1) 0)) (do (= y 1);))";
        QTest::newRow("commas after else") << "if a, b, elseif c, d, else, e, end"
                                           << "(if a (do b) elseif c (do d) else (do e))";
        QTest::newRow("comments after headers") << "for i = 1:3 % loop\n  x = i;\nend % done"
                                                << "(for i (: 1 3) (do (= x i);))";
        QTest::newRow("function header comment") << "function y = f(x) % doc\n  y = x;\nend"
                                                 << "(function f (x) -> (y) (do (= y x);))";
        QTest::newRow("list literal") << "c = {1, \"two\", [3 4]}"
                                      << "(= c {1 \"two\" [3 4]})";
        QTest::newRow("brace in loop") << "for k = 1:numel(L)\n  v = L{k};\nend"
                                       << "(for k (: 1 (call numel L)) (do (= v (brace L k));))";
    }
    void statements() {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(parse(source), expected);
    }

    void anonymousFunctions_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("freeNames");

        QTest::newRow("params only") << "@(x, y) x + y"
                                     << "@(x, y) x + y"
                                     << "";
        QTest::newRow("captures") << "f = @(x) x.^2 + a*x + b;"
                                  << "@(x) x.^2 + a*x + b"
                                  << "a,b";
        QTest::newRow("calls and fields") << "@(x) sin(x) + s.field(k)"
                                          << "@(x) sin(x) + s.field(k)"
                                          << "sin,s,k";
        QTest::newRow("first appearance order") << "@(t) b + a + b"
                                                << "@(t) b + a + b"
                                                << "b,a";
        QTest::newRow("nested params excluded") << "@(x) @(y) x + y + z"
                                                << "@(x) @(y) x + y + z"
                                                << "z";
        QTest::newRow("keyword names excluded") << "@(t) f(t, rank=r)"
                                                << "@(t) f(t, rank=r)"
                                                << "f,r";
        QTest::newRow("end excluded") << "@(i) A(end, i)"
                                      << "@(i) A(end, i)"
                                      << "A";
        QTest::newRow("handle") << "@() @g"
                                << "@() @g"
                                << "g";
        QTest::newRow("stops at argument end") << "map(@(c) c + n, L)"
                                               << "@(c) c + n"
                                               << "n";
        QTest::newRow("transposed body") << "g = @(x) x(1:n)';"
                                         << "@(x) x(1:n)'"
                                         << "n";
    }
    void anonymousFunctions() {
        QFETCH(QString, source);
        QFETCH(QString, text);
        QFETCH(QString, freeNames);
        const auto program = parseProgram(source.toStdString());
        QCOMPARE(program->body.size(), std::size_t(1));
        const ast::AnonFnExpr* fn = findAnon(valueOf(*program->body.front()));
        QVERIFY(fn);
        QCOMPARE(qs(fn->source), text);
        QCOMPARE(names(fn->freeNames), freeNames);
    }

    void nestedAnonymousFreeNames() {
        const auto program = parseProgram("@(x) @(y) x + y + z");
        const auto& outer = static_cast<const ast::AnonFnExpr&>(valueOf(*program->body.front()));
        const auto& inner = static_cast<const ast::AnonFnExpr&>(*outer.body);
        QCOMPARE(names(inner.freeNames), QString("x,z"));
        QCOMPARE(qs(inner.source), QString("@(y) x + y + z"));
    }

    void definitionsAndUses_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("defs");
        QTest::addColumn<QString>("uses");

        QTest::newRow("chain") << "x = y + 1; z = x"
                               << "x,z"
                               << "y";
        QTest::newRow("loop accumulates") << "for i = 1:n\n s = s + i; end"
                                          << "i,s"
                                          << "n,s";
        QTest::newRow("self update") << "x = x + 1"
                                     << "x"
                                     << "x";
        QTest::newRow("indexed reads and defines") << "x(2) = 1"
                                                   << "x"
                                                   << "x";
        QTest::newRow("indexed after definition") << "x = zeros(3); x(2) = 1"
                                                  << "x"
                                                  << "zeros";
        QTest::newRow("field reads and defines") << "s.a.b = t"
                                                 << "s"
                                                 << "s,t";
        QTest::newRow("index reads in order") << "x(i) = y"
                                              << "x"
                                              << "x,i,y";
        QTest::newRow("end is no name") << "A(end) = 1"
                                        << "A"
                                        << "A";
        QTest::newRow("multiple targets") << "[a, ~, c] = f(b)"
                                          << "a,c"
                                          << "f,b";
        QTest::newRow("ignored output") << "[~, i] = max(v)"
                                        << "i"
                                        << "max,v";
        QTest::newRow("ans excluded") << "ans = 3; ans + 1"
                                      << ""
                                      << "";
        QTest::newRow("no names") << "1 + 2"
                                  << ""
                                  << "";
        QTest::newRow("keyword and field excluded") << "y = h(x, rank=r).value"
                                                    << "y"
                                                    << "h,x,r";
        QTest::newRow("conditional definition") << "if c\n a = 1;\nend\nb = a"
                                                << "a,b"
                                                << "c";
        QTest::newRow("while") << "while k < n\n k = k + 1;\nend"
                               << "k"
                               << "k,n";
        QTest::newRow("nested loops") << "for i = 1:3\n for j = 1:i\n  M(i, j) = i + j;\n end\nend"
                                      << "i,j,M"
                                      << "M";
        QTest::newRow("capture before definition") << "f = @(x) x + a; a = 2"
                                                   << "f,a"
                                                   << "a";
        QTest::newRow("capture after definition") << "a = 2; f = @(x) x + a"
                                                  << "a,f"
                                                  << "";
        QTest::newRow("handle") << "g = @sin"
                                << "g"
                                << "sin";
        QTest::newRow("function body") << "function r = f(x)\n t = x + 1;\n r = t * k;\nend"
                                       << "f"
                                       << "k";
        QTest::newRow("function used before its definition")
            << "y = f(2)\nfunction r = f(x)\n r = x * w + g(x);\nend"
            << "y,f"
            << "w,g";
        QTest::newRow("function reads a later cell global")
            << "function r = f(x)\n r = x * W;\nend\nW = 2;"
            << "f,W"
            << "";
        QTest::newRow("recursion is no use")
            << "function r = fact(n)\n if n <= 1, r = 1; else r = n * fact(n - 1); end\nend"
            << "fact"
            << "";
        QTest::newRow("function loop locals")
            << "function s = total(v)\n s = 0;\n for x = v\n  s = s + x * scale;\n end\nend"
            << "total"
            << "scale";
        QTest::newRow("anonymous in function")
            << "function g = adder(a)\n g = @(x) x + a + offset;\nend"
            << "adder"
            << "offset";
        QTest::newRow("two functions") << "function a = f()\n a = g();\nend\nfunction b = g()\n "
                                          "b = 1;\nend"
                                       << "f,g"
                                       << "";
    }
    void definitionsAndUses() {
        QFETCH(QString, source);
        QFETCH(QString, defs);
        QFETCH(QString, uses);
        const auto program = parseProgram(source.toStdString());
        QCOMPARE(names(program->defs), defs);
        QCOMPARE(names(program->uses), uses);
    }

    void positions() {
        const auto program = parseProgram("y = a + ...\n  b * c;\nx(2).f = 1");
        const auto& assign = static_cast<const ast::AssignStmt&>(*program->body[0]);
        QCOMPARE(assign.pos, (SourcePos{1, 3}));
        QCOMPARE(assign.targets[0].pos, (SourcePos{1, 1}));
        const auto& sum = static_cast<const ast::BinaryExpr&>(*assign.value);
        QCOMPARE(sum.pos, (SourcePos{1, 7}));
        QCOMPARE(sum.lhs->pos, (SourcePos{1, 5}));
        QCOMPARE(sum.rhs->pos, (SourcePos{2, 5}));

        const auto& indexed = static_cast<const ast::AssignStmt&>(*program->body[1]);
        QCOMPARE(indexed.pos, (SourcePos{3, 8}));
        QCOMPARE(indexed.targets[0].path.size(), std::size_t(2));
        QCOMPARE(indexed.targets[0].path[0].pos, (SourcePos{3, 2}));
        QCOMPARE(indexed.targets[0].path[0].args[0].pos, (SourcePos{3, 3}));
        QCOMPARE(indexed.targets[0].path[1].pos, (SourcePos{3, 5}));
    }

    // Nesting is bounded, so a pathological cell is an error rather than a stack overflow.
    void deepNesting() {
        const QString fine = "x = " + QString("(").repeated(100) + "1" + QString(")").repeated(100);
        QCOMPARE(parse(fine), QString("(= x 1)"));

        const QString parens =
            "x = " + QString("(").repeated(300) + "1" + QString(")").repeated(300);
        try {
            parseProgram(parens.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("expression nested too deeply"));
            QCOMPARE(e.pos(), (SourcePos{1, 261}));
        }

        const QString blocks = QString("if c\n").repeated(200) + QString("end\n").repeated(200);
        try {
            parseProgram(blocks.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("blocks nested too deeply"));
            QCOMPARE(e.pos(), (SourcePos{129, 1}));
        }

        // A chain of operators nests the tree as deeply as brackets would: a million-term
        // sum is refused (it once overflowed the stack), a thousand terms are fine.
        QString sum = "x = 1";
        for (int i = 0; i < 999; ++i)
            sum += " + 1";
        QVERIFY(parseProgram(sum.toStdString()));
        try {
            parseProgram((sum + " + 1 + 1").toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()),
                     QString("expression too long: more than 1000 operators in a row (split it "
                             "over several statements)"));
            QCOMPARE(e.pos(), (SourcePos{1, 4007}));
        }
    }

    void errors_data() {
        addErrorColumns();
        // Brackets and blocks left open
        QTest::newRow("open paren")
            << "x = (1 + 2"
            << "expected ')' to close '(' at 1:5, found end of input" << 1 << 11;
        QTest::newRow("open call") << "f(1 2)"
                                   << "expected ')' to close '(' at 1:2, found '2'" << 1 << 5;
        QTest::newRow("open bracket")
            << "x = [1 2"
            << "expected ']' to close '[' at 1:5, found end of input" << 1 << 9;
        QTest::newRow("bracket runs into assignment")
            << "x = [1 2\ny = 3"
            << "expected ']' to close '[' at 1:5, found '='" << 2 << 3;
        QTest::newRow("open brace")
            << "{1, 2"
            << "expected '}' to close '{' at 1:1, found end of input" << 1 << 6;
        QTest::newRow("open brace index")
            << "L{1"
            << "expected '}' to close '{' at 1:2, found end of input" << 1 << 4;
        QTest::newRow("open for") << "for i = 1:3\n x = i;"
                                  << "expected 'end' to close 'for' at 1:1, found end of input" << 2
                                  << 8;
        QTest::newRow("open if") << "y = 0\nif x\n y = 1"
                                 << "expected 'end' to close 'if' at 2:1, found end of input" << 3
                                 << 7;
        QTest::newRow("open while")
            << "while true\n if x\n end"
            << "expected 'end' to close 'while' at 1:1, found end of input" << 3 << 5;
        QTest::newRow("open function")
            << "function f(x)\n y = x"
            << "expected 'end' to close 'function' at 1:1, found end of input" << 2 << 7;
        QTest::newRow("elseif after else")
            << "if a\nelse\nelseif b\nend"
            << "expected 'end' to close 'if' at 1:1, found 'elseif'" << 3 << 1;

        // Stray tokens
        QTest::newRow("extra paren") << "x = (1 + 2))"
                                     << "unexpected ')'" << 1 << 12;
        QTest::newRow("extra bracket") << "x = [1 2]]"
                                       << "unexpected ']'" << 1 << 10;
        QTest::newRow("stray end") << "x = 1\nend"
                                   << "unexpected 'end'" << 2 << 1;
        QTest::newRow("stray else") << "else"
                                    << "unexpected 'else'" << 1 << 1;
        QTest::newRow("two values") << "x = 1 2"
                                    << "unexpected '2'" << 1 << 7;
        QTest::newRow("missing separator") << "x = 1 y = 2"
                                           << "unexpected 'y'" << 1 << 7;
        QTest::newRow("end outside index") << "x = end"
                                           << "unexpected 'end'" << 1 << 5;
        QTest::newRow("double comma") << "[1, , 2]"
                                      << "unexpected ','" << 1 << 5;
        QTest::newRow("assignment in condition")
            << "if x = 1, end"
            << "unexpected '=' (use '==' to compare)" << 1 << 6;
        QTest::newRow("chained assignment") << "a = b = 1"
                                            << "unexpected '=' (use '==' to compare)" << 1 << 7;

        // Missing expressions
        QTest::newRow("missing operand") << "x = )"
                                         << "expected an expression, found ')'" << 1 << 5;
        QTest::newRow("missing value") << "x = "
                                       << "expected an expression, found end of input" << 1 << 5;
        QTest::newRow("operator at line end")
            << "x = 1 +\ny"
            << "expected an expression, found end of line" << 1 << 8;
        QTest::newRow("argument list open")
            << "f(x,\n\n"
            << "expected an expression, found end of input" << 3 << 1;
        QTest::newRow("colon outside index") << "x = :"
                                             << "expected an expression, found ':'" << 1 << 5;

        // Assignment targets
        QTest::newRow("sum target") << "x + 1 = 3"
                                    << "invalid assignment target" << 1 << 1;
        QTest::newRow("number target") << "3 = x"
                                       << "invalid assignment target" << 1 << 1;
        QTest::newRow("transposed target") << "f(x)' = 1"
                                           << "invalid assignment target" << 1 << 1;
        QTest::newRow("number in target list") << "[a, 1] = f()"
                                               << "invalid assignment target" << 1 << 5;
        QTest::newRow("matrix expression target") << "[a b] + 1 = 2"
                                                  << "invalid assignment target" << 1 << 1;
        QTest::newRow("empty target list") << "[] = f()"
                                           << "invalid assignment target" << 1 << 1;
        QTest::newRow("keyword in target")
            << "x(k=1) = 2"
            << "keyword argument 'k' cannot appear in an assignment target" << 1 << 3;

        // Context
        QTest::newRow("break outside loop") << "x = 1;\nbreak"
                                            << "'break' outside of a loop" << 2 << 1;
        QTest::newRow("continue outside loop") << "if x, continue, end"
                                               << "'continue' outside of a loop" << 1 << 7;
        QTest::newRow("break in function in loop") << "function f()\n break\nend"
                                                   << "'break' outside of a loop" << 2 << 2;
        QTest::newRow("function in block") << "for i = 1:3\n function f()\n end\nend"
                                           << "functions can only be defined at the top level of "
                                              "a cell"
                                           << 2 << 2;

        // Headers and names
        QTest::newRow("for without variable")
            << "for = 3"
            << "expected a loop variable after 'for', found '='" << 1 << 5;
        QTest::newRow("for without equals")
            << "for i 1:3"
            << "expected '=' after the loop variable, found '1'" << 1 << 7;
        QTest::newRow("function without name") << "function = f()"
                                               << "expected a function name, found '='" << 1 << 10;
        QTest::newRow("function bad parameter")
            << "function f(1)\nend"
            << "expected a parameter name, found '1'" << 1 << 12;
        QTest::newRow("at without function")
            << "@1"
            << "expected '(' or a function name after '@', found '1'" << 1 << 2;
        QTest::newRow("duplicate parameter") << "@(x, x) x"
                                             << "duplicate parameter 'x'" << 1 << 6;
        QTest::newRow("number after dot") << "s.1"
                                          << "unexpected '.1'" << 1 << 2;
        QTest::newRow("dynamic field") << "s.(x)"
                                       << "expected a field name after '.', found '('" << 1 << 3;

        // Lexer errors come through the parser
        QTest::newRow("unterminated single quote") << "x = 'a"
                                                   << "unterminated string" << 1 << 5;
        QTest::newRow("unterminated string") << "x = 1;\ns = \"abc"
                                             << "unterminated string" << 2 << 5;
        QTest::newRow("invalid character") << "x = 1 $ 2"
                                           << "invalid character '$'" << 1 << 7;
    }
    void errors() {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QFETCH(int, line);
        QFETCH(int, column);
        try {
            parseProgram(source.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
            QCOMPARE(e.pos().line, line);
            QCOMPARE(e.pos().column, column);
        }
    }
};

QTEST_APPLESS_MAIN(tst_Parser)
#include "tst_Parser.moc"
