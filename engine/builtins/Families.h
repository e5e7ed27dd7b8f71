// One registration function per family of builtins (one .cpp file each).
#pragma once

namespace lemma::builtins {

class Registry;

void registerCore(Registry& r);            // constants, building and rearranging matrices
void registerShape(Registry& r);           // size, numel, is*, isequal, class, conversions
void registerElementwise(Registry& r);     // exp, log, trig, rounding, activations, mod …
void registerReductions(Registry& r);      // sum, mean, var, max, cumsum, softmax, logsumexp …
void registerSorting(Registry& r);         // sort, find, unique, nnz
void registerLinalg(Registry& r);          // inv, det, solve, norm, kron, pinv, expm …
void registerDecompositions(Registry& r);  // eig, eig_gen, svd, qr, chol, lu, null, orth
void registerRandom(Registry& r);          // rand, randn, randi, randperm, rng
void registerFormat(Registry& r);          // disp, printf, sprintf, num2str, error …
void registerHelp(Registry& r);            // help
void registerMath(Registry& r);            // attention, spectrum, lowrank, rsvd, LoRA, load
void registerTransformer(Registry& r);     // transformer_step, transformer_train
void registerPlot(Registry& r);            // figure, plot, scatter, heatmap, contour, eigplot …
void registerControls(Registry& r);        // slider, choice, toggle
void registerDerivations(Registry& r);     // derivation, step, derive, gradcheck
void registerInformation(Registry& r);     // entropy, cross_entropy, kl, perplexity, sampling …
void registerLikelihood(Registry& r);      // nll, loglik, mle, ngram
void registerOptim(Registry& r);           // problems, optimize, sweep, gd_optimal, noise_scale …
void registerStats(Registry& r);           // bootstrap_ci, ttest, ttest2
void registerNumerics(Registry& r);        // fzero, fminsearch, integral, interp1, trapz …
void registerPolynomials(Registry& r);     // polyfit, polyval
void registerStatistics(Registry& r);      // cov, corrcoef, quantile, mode, histcounts, normpdf …
void registerMatrices(Registry& r);        // magic, circshift, meshgrid, accumarray, nchoosek …
void registerSignal(Registry& r);          // conv, filter, fft, ifft
void registerStrings(Registry& r);         // strcat, strsplit, strjoin, upper, lower, regexp
void registerLists(Registry& r);           // cell, cellfun, arrayfun, struct, feval …
void registerSolvers(Registry& r);         // eigs, svds, linsolve
void registerTiming(Registry& r);          // tic, toc, timeit, assert

}  // namespace lemma::builtins
