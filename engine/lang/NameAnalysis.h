// Which global names a cell defines and which it reads, found without running it.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "engine/lang/Ast.h"

namespace lemma::lang {

// The static name analysis the reactive session orders cells by.
//
// Responsibilities:
// - a cell's defs: roots of assignment targets at top level (also inside top-level if, for
//   and while), loop variables, function names; in order of first definition;
// - a cell's uses: names read before the cell defines them, in source order, including the
//   free names of anonymous functions and the names function bodies read that are not their
//   parameters, outputs or locals. `x(2) = 1` and `s.a = 1` read x or s as well, unless the
//   cell defined it earlier. Functions are visible in the whole cell, as in a MATLAB script;
//   a function body may read any name the cell defines, since it runs when it is called;
// - the free names of one anonymous function.
//
// `ans` is never a def or a use. Uses include builtins such as `zeros`: the session ignores
// names no cell defines.
class NameAnalysis {
public:
    // Fills program.defs and program.uses from program.body.
    static void analyze(ast::Program& program);

    // The names fn.body reads that are not fn's parameters, in order of first appearance.
    // Anonymous functions nested in the body must have their own freeNames already.
    static std::vector<std::string> freeNames(const ast::AnonFnExpr& fn);

private:
    // Names in order of first appearance, without repeats.
    struct OrderedNames {
        std::vector<std::string> list;
        std::unordered_set<std::string> set;

        void add(const std::string& name) {
            if (set.insert(name).second)
                list.push_back(name);
        }
        bool contains(const std::string& name) const { return set.count(name) > 0; }
    };

    void block(const ast::Block& body);
    void statement(const ast::Stmt& stmt);
    void read(const std::string& name);
    void readExpr(const ast::Expr& expr);
    void define(const std::string& name);
    void function(const ast::FunctionStmt& fn);

    static void collectDefined(const ast::Block& body, OrderedNames& names);
    static void collectFunctions(const ast::Block& body, OrderedNames& names);

    OrderedNames m_defs;
    OrderedNames m_uses;
    OrderedNames m_defined;   // defined so far, in source order; functions from the start
    OrderedNames m_cellDefs;  // everything the cell defines, wherever
};

}  // namespace lemma::lang
