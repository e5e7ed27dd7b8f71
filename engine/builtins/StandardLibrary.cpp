// The standard library: every family of builtins, registered into one Registry.
#include "engine/builtins/Families.h"
#include "engine/lang/Builtin.h"

namespace lemma::builtins {

Registry Registry::standard() {
    Registry r;
    registerCore(r);
    registerShape(r);
    registerElementwise(r);
    registerReductions(r);
    registerSorting(r);
    registerLinalg(r);
    registerDecompositions(r);
    registerRandom(r);
    registerFormat(r);
    registerMath(r);
    registerTransformer(r);
    registerPlot(r);
    registerControls(r);
    registerDerivations(r);
    registerInformation(r);
    registerLikelihood(r);
    registerOptim(r);
    registerStats(r);
    registerNumerics(r);
    registerPolynomials(r);
    registerStatistics(r);
    registerMatrices(r);
    registerSignal(r);
    registerStrings(r);
    registerLists(r);
    registerSolvers(r);
    registerTiming(r);
    registerHelp(r);
    return r;
}

}  // namespace lemma::builtins
