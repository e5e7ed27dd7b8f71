// What a cell produces, as data: printed text, displayed values, errors (and, from other
// modules, figures, tables, derivations and controls). Views and report writers draw these.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/core/Error.h"
#include "engine/core/Value.h"
#include "engine/output/NumberStyle.h"

namespace lemma::output {

// Text a cell printed (disp, printf).
struct Text {
    std::string text;
};

// A value shown because its statement had no `;`: `A = …` is shown under the name "A",
// a bare expression under "ans". `style` is the cell's format (short or long) at that point.
struct Display {
    std::string name;
    lang::Value value;
    NumberStyle style = NumberStyle::Short;
};

// A failure of the cell: the message and where in the cell's source it happened.
struct Error {
    std::string message;
    SourcePos pos;
};

// A rich object a builtin emitted (figure, table, control …); its concrete type says which
// view draws it.
struct Rich {
    std::shared_ptr<const lang::Object> object;
};

using Output = std::variant<Text, Display, Error, Rich>;
using Outputs = std::vector<Output>;

}  // namespace lemma::output
