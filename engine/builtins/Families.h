// One registration function per family of builtins (one .cpp file each).
#pragma once

namespace lemma::builtins {

class Registry;

void registerCore(Registry& r);  // construction, shape, element-wise maths, reductions, display

}  // namespace lemma::builtins
