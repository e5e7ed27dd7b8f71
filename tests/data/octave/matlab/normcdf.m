% MATLAB's normcdf, from its documented definition (Octave 7.3 core lacks it):
% p = erfc(-(x - mu)/(sigma sqrt(2))) / 2, element-wise; sigma <= 0 gives NaN.
function p = normcdf(x, mu, sigma)
    if nargin < 2, mu = 0; end
    if nargin < 3, sigma = 1; end
    p = 0.5 * erfc(-(x - mu) ./ (sigma .* sqrt(2)));
    p(sigma <= 0 & true(size(p))) = NaN;
end
