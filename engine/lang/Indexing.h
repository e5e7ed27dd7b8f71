// Indexing of values, 1-based as in MATLAB: reading A(i), A(i, j), L{i}; assigning with growth
// and scalar broadcast; deleting with A(i) = [].
//
// The interpreter evaluates the subscripts (with `end` bound to the right extent) into
// Subscripts; everything here works on values and throws lemma::Error without a position.
#pragma once

#include <optional>
#include <vector>

#include "engine/core/Value.h"

namespace lemma::lang {

// One subscript of an index: `:` or the 0-based positions an index value selects.
struct Subscript {
    bool all = false;
    arma::uvec positions;  // when !all
    // Shape of the index value and whether it was a logical mask: they decide the shape of
    // what a linear index reads.
    arma::uword rows = 0;
    arma::uword cols = 0;
    bool logical = false;

    static Subscript colon();
    // Positive integers or a logical mask; anything else is an error.
    static Subscript from(const Value& index);

    // How many positions it selects in a dimension of size `extent`.
    arma::uword count(arma::uword extent) const;
    // The positions it selects in a dimension of size `extent`.
    arma::uvec resolve(arma::uword extent) const;
};

using Subscripts = std::vector<Subscript>;

// v(subs): numeric matrices, strings (by character) and lists (a sub-list).
Value indexRead(const Value& v, const Subscripts& subs);

// L{subs}: one item of a list.
Value braceRead(const Value& list, const Subscripts& subs);

// The new value of `target` after target(subs) = rhs; `target` is empty for a name that does
// not exist yet. A real 0×0 right-hand side ([]) deletes the selected elements.
Value indexAssign(std::optional<Value> target, const Subscripts& subs, const Value& rhs);

// The new value of `target` after target{subs} = rhs (target must be a list or not exist).
Value braceAssign(std::optional<Value> target, const Subscripts& subs, Value rhs);

// What an assignment grows its target to, known before anything is allocated: the new shape
// (a list is 1×items) and its size in bytes. The caller checks it against the dimension limit
// and the memory budget, so that x(1e10) = 1 or L{1e9} = 1 is refused with a message instead of
// failing inside the allocator.
struct Growth {
    arma::uword rows = 0;
    arma::uword cols = 0;
    bool list = false;
    double bytes = 0.0;
};

// The growth of target(subs) = rhs (`brace` false) or target{subs} = rhs (`brace` true), or
// nothing when the target keeps its size (including assignments that are errors for other
// reasons: indexAssign and braceAssign report those).
std::optional<Growth> growthOf(const std::optional<Value>& target, const Subscripts& subs,
                               const Value& rhs, bool brace);

}  // namespace lemma::lang
