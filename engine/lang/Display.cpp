// Octave-like formatting of values.
#include "engine/lang/Display.h"

namespace lemma::lang {

std::string formatDisplay(const std::string& name, const Value& v) {
    return name + " = " + formatValue(v);
}

std::string formatValue(const Value& v) { return v.typeName() + "\n"; }

}  // namespace lemma::lang
