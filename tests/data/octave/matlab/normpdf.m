% MATLAB's normpdf, from its documented definition (Octave 7.3 core lacks it):
% y = exp(-((x - mu)/sigma)^2 / 2) / (sigma sqrt(2 pi)), element-wise; sigma <= 0 gives NaN.
function y = normpdf(x, mu, sigma)
    if nargin < 2, mu = 0; end
    if nargin < 3, sigma = 1; end
    z = (x - mu) ./ sigma;
    y = exp(-0.5 * z .^ 2) ./ (sigma .* sqrt(2 * pi));
    y(sigma <= 0 & true(size(y))) = NaN;
end
