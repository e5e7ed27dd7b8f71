// The standard library: every family of builtins, registered into one Registry.
#include "engine/builtins/Builtin.h"
#include "engine/builtins/Families.h"

namespace lemma::builtins {

Registry Registry::standard() {
    Registry r;
    registerCore(r);
    return r;
}

}  // namespace lemma::builtins
